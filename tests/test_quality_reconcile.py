"""Reconciliation: two coders -> agreement -> sheet edited by the lead -> one reviewed assessment."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO, copy_workspace, tree_bytes
from legalreview import load_review
from legalreview.cli import main
from legalreview.quality import agreement, import_reconcile, write_reconcile_sheet
from legalreview.store import read_yaml
from legalreview.workspace import load_workspace

DOUBLE = REPO / "tests" / "fixtures" / "double"
TODAY = dt.date(2026, 11, 20)
FINALS = {
    ("GBR", "C5"): '"no"',
    ("KEN", "C2"): "partial",
    ("PHL", "C4"): '{value: partial, evidence: [ra-9775-s4], note: "Simple possession carries a lighter penalty."}',
    ("ZAF", "C3"): '"yes"',
    ("ZAF", "C5"): '"no"',
}


@pytest.fixture
def double(tmp_path: Path) -> Path:
    return copy_workspace(DOUBLE, tmp_path / "double")


def write_sheet(root: Path, all_items: bool = False) -> Path:
    ws, _ = load_workspace(root)
    return write_reconcile_sheet(ws, agreement(ws, "csam", "2023"), root.parent / "sheet.yaml",
                                 all_items=all_items, today=TODAY)


def fill_finals(sheet: Path, finals: dict[tuple[str, str], str]) -> None:
    """Fill in `final:` as a lead would, item by item, in the sheet's own text."""
    lines, country, out = sheet.read_text().splitlines(), None, []
    for line in lines:
        if line.startswith("  - country: "):
            country = line.split(": ")[1]
        elif line.startswith("    criterion: "):
            criterion = line.split(": ")[1]
        elif line == "    final:" and (country, criterion) in finals:
            line = f"    final: {finals[(country, criterion)]}"
        out.append(line)
    sheet.write_text("\n".join(out) + "\n")


def test_reconciliation_round_trip_gives_one_reviewed_assessment_per_country(double):
    sheet = write_sheet(double)
    data, _ = read_yaml(sheet)
    assert [(i["country"], i["criterion"]) for i in data["items"]] == list(FINALS)
    assert data["items"][1]["answers"]["analyst-a"] == {
        "value": "partial", "evidence": ["soa-2006-s16"],
        "note": "Section 16 speaks of obscene images; no definition of the material itself."}
    assert data["items"][1]["final"] is None
    fill_finals(sheet, FINALS)

    result = import_reconcile(double, sheet, lead="lead-analyst", today=TODAY)
    assert [str(i) for i in result.issues] == []
    assert result.written
    assert result.assessments == [("GBR", "2023"), ("KEN", "2023"), ("PHL", "2023"), ("ZAF", "2023")]

    review = load_review(double, today=TODAY)
    for iso3, country in review.countries.items():
        reviewed = [a for a in country.assessments if a.status == "reviewed"]
        assert len(reviewed) == (0 if iso3 == "FJI" else 1)
    kenya = next(a for a in review.countries["KEN"].assessments if a.coder == "lead-analyst")
    assert (kenya.set, kenya.edition, kenya.status, kenya.assessed_on) == ("csam", "2023", "reviewed", TODAY)
    assert {c: a.value for c, a in kenya.answers.items()} == {
        "C1": "yes", "C2": "partial", "C3": "yes", "C4": "yes", "C5": "no"}
    # a bare code takes the evidence and note of the coder who gave it
    assert kenya.answers["C2"].evidence == ["soa-2006-s16"]
    philippines = next(a for a in review.countries["PHL"].assessments if a.coder == "lead-analyst")
    assert philippines.answers["C4"].note == "Simple possession carries a lighter penalty."
    # the reviewed assessment is the one the published tables count
    table = review.table("csam", "2023")
    assert table.loc["ZAF", "coder"] == "lead-analyst"
    assert [table.loc["ZAF", c] for c in ("C1", "C2", "C3", "C4", "C5")] == ["yes", "yes", "yes", "yes", "no"]
    # and the independent codings stay as they were, so agreement can still be measured
    assert agreement(review.workspace, "csam").by_criterion().loc["overall", "agreed"] == 15


def test_reconcile_keeps_the_country_files_comments_and_style(double):
    sheet = write_sheet(double)
    fill_finals(sheet, FINALS)
    before = (double / "countries" / "GBR.yaml").read_text()
    import_reconcile(double, sheet, lead="lead-analyst", today=TODAY)
    after = (double / "countries" / "GBR.yaml").read_text()
    assert after.startswith(before)
    assert after[len(before):].splitlines()[:6] == [
        "  - set: csam", '    edition: "2023"', "    assessed_on: 2026-11-20", "    coder: lead-analyst",
        "    status: reviewed",
        "    summary: Reconciled by lead-analyst from the codings of analyst-a, analyst-b (1 item settled on the "
        "reconciliation sheet).",
    ]
    assert '      C5: {value: "no", note: "Reporting to the Internet Watch Foundation is voluntary."}' in after


def test_missing_final_and_off_scale_value_are_reported_at_their_line_and_nothing_is_written(double):
    sheet = write_sheet(double)
    fill_finals(sheet, {**FINALS, ("KEN", "C2"): "probably", ("ZAF", "C5"): ""})
    before = tree_bytes(double)
    result = import_reconcile(double, sheet, lead="lead-analyst", today=TODAY)
    assert [(i.code, i.location) for i in result.issues] == [
        ("bad-answer", "sheet.yaml:31:5"), ("reconcile", "sheet.yaml:58:5")]
    assert "'probably' is not on the csam scale" in result.issues[0].message
    assert not result.written
    assert tree_bytes(double) == before


def test_a_final_code_no_coder_gave_needs_evidence_when_it_scores(double):
    sheet = write_sheet(double)
    fill_finals(sheet, {**FINALS, ("GBR", "C5"): "partial"})
    result = import_reconcile(double, sheet, lead="lead-analyst", today=TODAY)
    assert [(i.code, i.location) for i in result.issues] == [("evidence-missing", "sheet.yaml:22:5")]


def test_a_sheet_that_no_longer_matches_the_coders_answers_is_refused(double):
    sheet = write_sheet(double)
    fill_finals(sheet, FINALS)
    kenya = double / "countries" / "KEN.yaml"
    kenya.write_text(kenya.read_text().replace('C2: {value: "yes", evidence: [cmca-2018-s24]',
                                               'C2: {value: "no", evidence: [cmca-2018-s24]'))
    result = import_reconcile(double, sheet, lead="lead-analyst", today=TODAY)
    assert [i.code for i in result.issues] == ["reconcile-stale"]
    assert "analyst-b now answers 'no', not 'yes'" in result.issues[0].message


def test_dry_run_writes_nothing_and_a_second_import_needs_replace(double):
    sheet = write_sheet(double)
    fill_finals(sheet, FINALS)
    before = tree_bytes(double)
    dry = import_reconcile(double, sheet, lead="lead-analyst", dry_run=True, today=TODAY)
    assert len(dry.files) == 4 and not dry.written
    assert tree_bytes(double) == before
    assert import_reconcile(double, sheet, lead="lead-analyst", today=TODAY).written
    again = import_reconcile(double, sheet, lead="lead-analyst", today=TODAY)
    assert {i.code for i in again.issues} == {"duplicate-assessment"}
    replaced = import_reconcile(double, sheet, lead="lead-analyst", replace=True, today=TODAY)
    assert replaced.written
    text = (double / "countries" / "KEN.yaml").read_text()
    assert text.count("coder: lead-analyst") == 1


def test_all_items_sheet_prefills_agreed_answers(double):
    sheet = write_sheet(double, all_items=True)
    data, _ = read_yaml(sheet)
    assert len(data["items"]) == 20
    agreed = next(i for i in data["items"] if (i["country"], i["criterion"]) == ("KEN", "C1"))
    assert agreed["final"] == "yes"


def test_agreement_and_reconcile_commands_round_trip(double):
    runner = CliRunner()
    sheet = double.parent / "cli-sheet.yaml"
    result = runner.invoke(main, ["agreement", "--set", "csam", "--reconcile", str(sheet), "--dir", str(double)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["reconcile", str(sheet), "--coder", "lead-analyst", "--dir", str(double)])
    assert result.exit_code == 1
    assert "no final answer for a disagreement" in result.output
    fill_finals(sheet, FINALS)
    result = runner.invoke(main, ["reconcile", str(sheet), "--coder", "lead-analyst", "--dir", str(double)])
    assert result.exit_code == 0, result.output
    assert "Wrote 4 reviewed assessments (GBR 2023, KEN 2023, PHL 2023, ZAF 2023) to 4 files." in result.output
