"""Answer diffs between two git revisions of a workspace, built in a test git repository."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO, copy_workspace, tree_bytes
from legalreview.cli import main
from legalreview.quality import RevisionError, revision_diff, revision_diff_markdown

DOUBLE = REPO / "tests" / "fixtures" / "double"
ENV = {**os.environ, "GIT_AUTHOR_NAME": "Test Analyst", "GIT_AUTHOR_EMAIL": "analyst@example.org",
       "GIT_COMMITTER_NAME": "Test Analyst", "GIT_COMMITTER_EMAIL": "analyst@example.org",
       "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env=ENV).stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new))


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """A git repository whose `review/` folder is the double-coded workspace, in three commits."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    ws = copy_workspace(DOUBLE, repo / "review")
    (repo / "README.md").write_text("Our review.\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "2023 codings")
    git(repo, "tag", "v2023")
    countries = ws / "countries"
    edit(countries / "KEN.yaml", 'C5: "no"', "C5: unknown")
    edit(countries / "ZAF.yaml", 'C3: {value: partial, evidence: [fpa-1996-s24b], note: "Online distribution '
         'covered; grooming by computer is in a separate Act."}', 'C3: {value: "yes", evidence: [fpa-1996-s24b]}')
    edit(countries / "GBR.yaml", "assessed_on: 2025-02-11", "assessed_on: 2025-02-12")  # no answer changed
    git(repo, "commit", "-q", "-am", "Corrections")
    (countries / "FJI.yaml").write_text(
        "iso3: FJI\nname: Fiji\nstatutes:\n  - {id: cybercrime-2021, title: \"Cybercrime Act 2021\", "
        "citation: \"Act No. 9 of 2021\", year: 2021}\nprovisions:\n  - {id: cc-2021-s24, statute: cybercrime-2021, "
        "section: \"24\", text: \"Offences involving child sexual abuse material.\"}\nassessments:\n"
        "  - set: csam\n    edition: \"2023\"\n    assessed_on: 2025-09-01\n    coder: analyst-a\n"
        "    status: draft\n    answers:\n      C1: {value: \"yes\", evidence: [cc-2021-s24]}\n")
    git(repo, "commit", "-q", "-am", "Fiji")
    return ws


def test_diff_between_two_revisions_shows_exactly_the_changed_answers(history):
    changed = revision_diff(history, "v2023..HEAD~1")
    assert changed.to_dict(orient="records") == [
        {"iso3": "KEN", "country": "Kenya", "set": "csam", "edition": "2023", "criterion": "C5", "old": "no",
         "new": "unknown", "coder": "analyst-b"},
        {"iso3": "ZAF", "country": "South Africa", "set": "csam", "edition": "2023", "criterion": "C3",
         "old": "partial", "new": "yes", "coder": "analyst-a"},
    ]


def test_added_answers_have_an_empty_old_value_and_the_working_tree_is_untouched(history):
    (history / "countries" / "KEN.yaml").write_text("uncommitted edit: not YAML a reviewer would keep\n")
    before = tree_bytes(history.parent)
    changed = revision_diff(history, "HEAD~1..HEAD", set_id="csam")
    assert changed[["iso3", "criterion", "old", "new"]].values.tolist() == [["FJI", "C1", "", "yes"]]
    assert len(revision_diff(history, "v2023..")) == 3   # A.. means A..HEAD
    assert tree_bytes(history.parent) == before


def test_unknown_revisions_and_option_like_names_are_refused(history):
    with pytest.raises(RevisionError, match="unknown revision 'v1999'"):
        revision_diff(history, "v1999..HEAD")
    with pytest.raises(RevisionError, match="not a git revision name"):
        revision_diff(history, "--output=/tmp/x..HEAD")
    with pytest.raises(RevisionError, match="not a range"):
        revision_diff(history, "HEAD")


def test_diff_command_with_rev_writes_a_markdown_changelog(history):
    result = CliRunner().invoke(main, ["diff", "--rev", "v2023..HEAD~1", "--format", "markdown",
                                       "--dir", str(history)])
    assert result.exit_code == 0, result.output
    assert result.output == (
        "## Changes in answers, v2023..HEAD~1\n\n2 answers changed in 2 countries.\n\n"
        "| iso3 | country | set | edition | criterion | old | new | coder |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- |\n"
        "| KEN | Kenya | csam | 2023 | C5 | no | unknown | analyst-b |\n"
        "| ZAF | South Africa | csam | 2023 | C3 | partial | yes | analyst-a |\n")
    assert revision_diff_markdown(revision_diff(history, "HEAD..HEAD"), "HEAD..HEAD").endswith(
        "No answers changed.\n")
