"""Terminology lint (Luxembourg Guidelines): our own prose is checked, quoted law is not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO, copy_workspace
from legalreview.cli import main
from legalreview.quality import find_terms, lint_workspace, load_terminology

DOUBLE = REPO / "tests" / "fixtures" / "double"


@pytest.fixture
def double(tmp_path: Path) -> Path:
    return copy_workspace(DOUBLE, tmp_path / "double")


def test_lint_finds_the_flagged_terms_in_notes_and_summaries_at_their_exact_position(double):
    found = [(i.location, i.severity, i.message) for i in lint_workspace(double)]
    assert sorted(found) == [
        ("countries/KEN.yaml:30:78", "warning",
         '"child pornography" in the C2 note by analyst-b: prefer "child sexual abuse material"'),
        ("countries/PHL.yaml:34:129", "warning",
         '"child pornography" in the C4 note by analyst-b: prefer "child sexual abuse material"'),
        ("countries/PHL.yaml:9:124", "warning",
         '"child pornography" in the summary of provision ra-9775-s4: prefer "child sexual abuse material"'),
        ("countries/PHL.yaml:9:147", "warning",
         '"child prostitution" in the summary of provision ra-9775-s4: prefer '
         '"sexual exploitation of children in prostitution"'),
        ("countries/ZAF.yaml:10:105", "warning",
         '"child pornography" in the summary of provision sora-2007-s20: prefer "child sexual abuse material"'),
        ("criteria/csam.yaml:56:45", "warning",
         '"child pornography" in C1 guidance: prefer "child sexual abuse material"'),
    ]


def test_lint_ignores_statute_titles_quoted_provisions_and_quotations_inside_notes(double):
    lines = {i.line for i in lint_workspace(double) if i.file == "countries/PHL.yaml"}
    text = (double / "countries" / "PHL.yaml").read_text().splitlines()
    assert "Anti-Child Pornography Act of 2009" in text[4]       # statute title, line 5
    assert '\\"Child pornography\\" refers to' in text[7]        # quoted: true provision, line 8
    assert "Act's \\\"child pornography\\\" wording" in text[22]  # a quotation inside a note, line 23
    assert lines.isdisjoint({5, 8, 23})


def test_find_terms_prefers_the_longest_match_and_skips_curly_quotes():
    terms, _ = load_terminology()
    hits = find_terms("Reports of webcam child sex tourism; the law says “child prostitution”.", terms)
    assert [(t.term, matched) for _n, t, matched in hits] == [("webcam child sex tourism", "webcam child sex tourism")]
    hits = find_terms("Child-Pornography offences and child pornographic images", terms)
    assert [matched for _n, _t, matched in hits] == ["Child-Pornography"]


def test_a_workspace_terminology_file_adds_and_switches_off_terms(double):
    (double / "terminology.csv").write_text(
        "term,preferred,note,source,severity\n"
        "child prostitution,,,,off\n"
        "obscene images,child sexual abuse material,Our house style.,Editorial board,error\n")
    found = {(i.location, i.severity) for i in lint_workspace(double)}
    assert ("countries/PHL.yaml:9:147", "warning") not in found
    assert ("countries/KEN.yaml:8:161", "error") in found   # "obscene images" in a provision summary
    assert ("countries/KEN.yaml:19:82", "error") in found   # and in analyst A's note


def test_lint_command_exits_0_on_warnings_and_1_with_strict(double):
    runner = CliRunner()
    result = runner.invoke(main, ["lint", "--dir", str(double)])
    assert result.exit_code == 0
    assert result.output.splitlines()[0].startswith("countries/KEN.yaml:30:78: warning terminology:")
    result = runner.invoke(main, ["lint", "--dir", str(double), "--strict", "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert {d["code"] for d in data} == {"terminology"}
    assert data[0]["hint"].startswith('write "child sexual abuse material"')
