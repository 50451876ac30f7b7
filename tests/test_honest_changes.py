"""Change reasons tell the law from our coding: first-coded inferred, unexplained changes warned,
`diff` and the site separate "the law changed" from "our coding changed" (issue 16)."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from click.testing import CliRunner

import legalreview as lr
from legalreview.cli import main
from legalreview.models import CHANGE_REASONS, change_kind, change_reason
from legalreview.workspace import load_workspace

from conftest import SMALL

HEAD = """iso3: KEN
name: Kenya
statutes:
  - {id: soa, title: "Sexual Offences Act, 2006", citation: "No. 3 of 2006", year: 2006}
provisions:
  - {id: soa-s16, statute: soa, section: "16", text: "An offence."}
assessments:
"""


def _assessment(edition: str, answers: dict[str, str], changes: str = "", status: str = "reviewed") -> str:
    lines = [f'  - set: csam\n    edition: "{edition}"\n    assessed_on: 2024-01-0{1 if edition == "2016" else 2}\n'
             f"    coder: analyst-a\n    status: {status}\n"]
    if changes:
        lines.append(f"    changes: {changes}\n")
    lines.append("    answers:\n")
    for crit, value in answers.items():
        evidence = ", evidence: [soa-s16]" if value in ("yes", "partial") else ""
        lines.append(f'      {crit}: {{value: "{value}"{evidence}}}\n')
    return "".join(lines)


def workspace(tmp_path: Path, old: dict[str, str], new: dict[str, str], changes: str = "") -> Path:
    """A one-country workspace (KEN) with csam assessments for 2016 and 2023."""
    root = tmp_path / "ws"
    (root / "criteria").mkdir(parents=True)
    (root / "countries").mkdir()
    shutil.copy2(SMALL / "criteria" / "csam.yaml", root / "criteria" / "csam.yaml")
    (root / "review.toml").write_text('[review]\nname = "t"\npublisher = "t"\nedition = "2023"\n\n'
                                      '[roster]\nbase = "none"\ninclude = ["KEN"]\n', "utf-8")
    text = HEAD + _assessment("2016", old) + _assessment("2023", new, changes)
    (root / "countries" / "KEN.yaml").write_text(text, "utf-8")
    return root


BASE = {"C1": "yes", "C2": "yes", "C3": "no", "C4": "yes", "C5": "no"}


def _warnings(root: Path, code: str = "change-without-reason"):
    ws, issues = load_workspace(root)
    assert ws is not None and not [i for i in issues if i.severity == "error"], issues
    return [i for i in issues if i.code == code]


def test_reasons_are_classified_law_or_coding() -> None:
    assert {"first-coded", "recoded"} <= set(CHANGE_REASONS)
    assert {r: change_kind(r) for r in CHANGE_REASONS} == {
        "law-amended": "law", "new-law": "law", "correction": "coding", "method-change": "coding",
        "first-coded": "coding", "recoded": "coding"}
    assert change_reason("unknown", "yes") == "first-coded"
    assert change_reason("", "no") == "first-coded"
    assert change_reason("yes", "unknown") == ""
    assert change_reason("no", "yes", "law-amended") == "law-amended"


def test_first_coded_is_inferred_without_a_warning(tmp_path: Path) -> None:
    root = workspace(tmp_path, BASE | {"C3": "unknown"}, BASE)
    assert _warnings(root) == []
    changes = lr.load_review(root).diff("csam", "2016", "2023")
    assert changes.loc["KEN", "kind"] == "coding"
    assert changes.loc["KEN", "details"] == "C3: unknown → no (first-coded)"


def test_a_change_without_a_reason_is_warned_at_the_newer_answer(tmp_path: Path) -> None:
    root = workspace(tmp_path, BASE, BASE | {"C3": "yes", "C5": "unknown"})
    found = _warnings(root)
    assert [w.severity for w in found] == ["warning", "warning"]
    lines = (root / "countries" / "KEN.yaml").read_text("utf-8").splitlines()
    for warning, crit in zip(found, ["C3", "C5"]):
        assert warning.file == "countries/KEN.yaml"
        assert lines[warning.line - 1].strip().startswith(f"{crit}:"), (warning, lines[warning.line - 1])
        assert lines.index(lines[warning.line - 1]) > next(i for i, s in enumerate(lines) if '"2023"' in s)
    # validate still passes (warnings only) and lists them
    run = CliRunner().invoke(main, ["validate", "--dir", str(root)])
    assert run.exit_code == 0 and "countries/KEN.yaml:" in run.output and "change-without-reason" in run.output
    changes = lr.load_review(root).diff("csam", "2016", "2023")
    assert changes.loc["KEN", "kind"] == "unexplained"


def test_a_reason_silences_the_warning_and_sets_the_kind(tmp_path: Path) -> None:
    root = workspace(tmp_path, BASE, BASE | {"C3": "yes", "C5": "partial"}, "{C3: law-amended, C5: recoded}")
    assert _warnings(root) == []
    changes = lr.load_review(root).diff("csam", "2016", "2023")
    assert changes.loc["KEN", "kind"] == "law"  # one change in law is enough to say the law changed
    assert "C3: no → yes (law-amended)" in changes.loc["KEN", "details"]
    assert "C5: no → partial (recoded)" in changes.loc["KEN", "details"]
    root = workspace(tmp_path / "b", BASE, BASE | {"C5": "partial"}, "{C5: correction}")
    assert lr.load_review(root).diff("csam", "2016", "2023").loc["KEN", "kind"] == "coding"


def test_drafts_are_not_compared(tmp_path: Path) -> None:
    root = workspace(tmp_path, BASE, BASE | {"C3": "yes"})
    path = root / "countries" / "KEN.yaml"
    text = path.read_text("utf-8")
    head, _, tail = text.rpartition("status: reviewed")
    path.write_text(head + "status: draft" + tail, "utf-8")
    assert _warnings(root) == []


def test_diff_command_has_a_kind_column(tmp_path: Path) -> None:
    root = workspace(tmp_path, BASE | {"C3": "unknown"}, BASE)
    run = CliRunner().invoke(main, ["diff", "--set", "csam", "--from", "2016", "--to", "2023", "--format", "csv",
                                    "--dir", str(root)])
    assert run.exit_code == 0, run.output
    rows = list(csv.DictReader(io.StringIO(run.output)))
    assert rows[0]["kind"] == "coding" and list(rows[0])[:3] == ["iso3", "country", "kind"]


def test_usa_c2_is_a_change_in_coding_not_in_law(repo_root: Path) -> None:
    review = lr.load_review(repo_root)
    changes = review.diff("csam", "2016", "2023")
    assert changes.loc["USA", "kind"] == "coding"
    assert changes.loc["USA", "details"] == "C2: unknown → yes (first-coded)"
    # PHL: RA 11930 keeps a duty on providers: C5 stays met, so no change is listed
    assert "PHL" not in changes.index
    assert review.table("csam", "2023").loc["PHL", "C5"] == "yes"
    assert not [w for w in review.warnings if w.code == "change-without-reason"]


def test_site_groups_changes_by_kind(repo_root: Path) -> None:
    from legalreview.render.context import SiteContext

    review = lr.load_review(repo_root)
    summary = SiteContext(review, None).set_summary("csam", "")
    groups = {g["kind"]: [c["iso3"] for c in g["rows"]] for g in summary["change_groups"]}
    assert "USA" in groups["coding"] and "USA" not in groups.get("law", [])
    assert "KEN" in groups["law"]
    profile = SiteContext(review, None).profile_page("USA", root="")
    csam = next(s for s in profile["sets"] if s["id"] == "csam")
    assert [(r["criterion"], r["kind"]) for r in csam["changes"]["rows"]] == [("C2", "coding")]


def test_trend_table_counts_tier_changes_made_by_coding_only(repo_root: Path) -> None:
    from legalreview.render.charts import coding_only_tier_changes

    review = lr.load_review(repo_root)
    assert coding_only_tier_changes(review, "csam", ["2016", "2023"]) == {"2023": 1}  # USA
