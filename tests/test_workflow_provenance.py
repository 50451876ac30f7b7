"""Every answer an analyst changes keeps its provenance: who, when, from which cell, what it was."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from legalreview.cli import main
from legalreview.provenance import NoCoder, resolve_coder
from legalreview.spreadsheet import export_workbook, import_workbook
from legalreview.workspace import load_workspace

# Rows of the csam export of the small review (sorted by country name):
# 2-6 Côte d'Ivoire C1-C5, 7-11 Fiji, 12-16 Holy See, 17-21 Kenya, 22-26 United Kingdom.
TODAY = dt.date(2026, 12, 3)


def _export(root: Path, tmp_path: Path, name: str = "csam.xlsx") -> Path:
    path = tmp_path / name
    export_workbook(root, "csam", path)
    return path


def _edit(path: Path, cells: dict[str, object], sheet: str = "csam") -> Path:
    book = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        book[sheet][ref] = value
    book.save(path)
    return path


def _kenya_2023(root: Path):
    ws, _ = load_workspace(root)
    return next(a for a in ws.countries["KEN"].assessments
                if a.set == "csam" and a.edition == "2023" and a.coder == "analyst-a")


def test_a_changed_answer_records_who_when_where_and_the_previous_answer(small: Path, tmp_path: Path) -> None:
    workbook = _edit(_export(small, tmp_path), {"D21": "partial", "E21": "cmca-2018-s24"})  # Kenya C5

    result = import_workbook(small, workbook, coder="Wanjiru Kamau", today=TODAY)

    assert result.ok, [str(i) for i in result.issues]
    a = _kenya_2023(small)
    assert a.answers["C5"].value == "partial"
    (entry,) = a.history
    assert (entry.criterion, entry.on, entry.by) == ("C5", TODAY, "Wanjiru Kamau")
    assert entry.source == "csam.xlsx csam!D21"
    assert entry.previous is not None and entry.previous.value == "no" and entry.value == "partial"


def test_a_second_change_appends_to_the_history_oldest_first(small: Path, tmp_path: Path) -> None:
    first = _edit(_export(small, tmp_path, "first.xlsx"), {"D21": "partial", "E21": "cmca-2018-s24"})
    assert import_workbook(small, first, coder="Wanjiru Kamau", today=TODAY).ok
    second = _edit(_export(small, tmp_path, "second.xlsx"), {"D21": "yes"})

    assert import_workbook(small, second, coder="Otieno Odhiambo", today=TODAY + dt.timedelta(days=1)).ok

    history = _kenya_2023(small).history
    assert [(h.by, h.previous.value, h.value) for h in history] == [
        ("Wanjiru Kamau", "no", "partial"), ("Otieno Odhiambo", "partial", "yes")]


def test_the_coder_defaults_to_review_toml_people_me(small: Path) -> None:
    toml = small / "review.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[people]\nme = "Amina Diallo"\n', encoding="utf-8")

    assert resolve_coder(small) == "Amina Diallo"
    assert resolve_coder(small, "Given Name") == "Given Name"


def test_no_coder_anywhere_is_an_error_that_says_how_to_set_one(small: Path, monkeypatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_SYSTEM", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("HOME", str(small))
    try:
        resolve_coder(small)
    except NoCoder as exc:
        assert "--coder" in str(exc) and "[people]" in str(exc) and "git config user.name" in str(exc)
    else:  # pragma: no cover - a machine-wide git name would be found
        raise AssertionError("expected NoCoder")


def test_the_profile_shows_the_last_change_and_the_history_table(small: Path, tmp_path: Path) -> None:
    workbook = _edit(_export(small, tmp_path), {"D21": "partial", "E21": "cmca-2018-s24"})
    assert import_workbook(small, workbook, coder="Wanjiru Kamau", today=TODAY).ok
    runner = CliRunner()

    md = runner.invoke(main, ["profile", "KEN", "--format", "md", "--dir", str(small)])
    html = runner.invoke(main, ["profile", "KEN", "--format", "html", "--dir", str(small)])

    assert md.exit_code == 0, md.output
    assert "(last changed on 2026-12-03 by Wanjiru Kamau)" in md.output
    assert "| 2026-12-03 | C5 | No | Partially | Wanjiru Kamau | csam.xlsx csam!D21 |" in md.output
    assert html.exit_code == 0, html.output
    assert 'class="data history"' in html.output and "Last changed on" in html.output


def test_log_prints_the_history_as_one_json_document(small: Path, tmp_path: Path) -> None:
    workbook = _edit(_export(small, tmp_path), {"D21": "partial", "E21": "cmca-2018-s24"})
    assert import_workbook(small, workbook, coder="Wanjiru Kamau", today=TODAY).ok

    run = CliRunner().invoke(main, ["log", "KEN", "--set", "csam", "--format", "json", "--dir", str(small)])

    assert run.exit_code == 0, run.output
    doc = json.loads(run.output)
    assert doc["iso3"] == "KEN"
    assert doc["changes"] == [{"set": "csam", "edition": "2023", "coder": "analyst-a", "criterion": "C5",
                               "on": "2026-12-03", "by": "Wanjiru Kamau", "source": "csam.xlsx csam!D21",
                               "previous": "no", "value": "partial"}]


def test_log_of_a_country_without_changes_says_so(small: Path) -> None:
    run = CliRunner().invoke(main, ["log", "GBR", "--dir", str(small)])

    assert run.exit_code == 0 and "No recorded changes to GBR" in run.output


def test_reconcile_records_the_lead_and_the_sheet_in_the_history(tmp_path: Path) -> None:
    from conftest import REPO, copy_workspace
    from legalreview.quality import agreement, import_reconcile, write_reconcile_sheet

    double = copy_workspace(REPO / "tests" / "fixtures" / "double", tmp_path / "double")
    ws, _ = load_workspace(double)
    sheet = write_reconcile_sheet(ws, agreement(ws, "csam", "2023"), tmp_path / "csam-reconcile.yaml",
                                  all_items=True, today=TODAY)
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("    final:\n", '    final: "no"\n'),
                     encoding="utf-8")

    result = import_reconcile(double, sheet, lead="lead-analyst", today=TODAY)

    assert not [i for i in result.issues if i.severity == "error"], [str(i) for i in result.issues]
    ws, _ = load_workspace(double)
    lead = next(a for a in ws.countries["KEN"].assessments if a.coder == "lead-analyst")
    assert {h.criterion for h in lead.history} == set(lead.answers)
    assert all(h.by == "lead-analyst" and h.on == TODAY and h.source.startswith("csam-reconcile.yaml (")
               for h in lead.history)


def test_import_lists_every_problem_in_one_pass_and_writes_nothing(small: Path, tmp_path: Path) -> None:
    from conftest import tree_bytes

    workbook = _edit(_export(small, tmp_path), {
        "F7": "=1+1",                                 # Fiji C1 note: a formula
        "D17": "maybe", "F17": "=A1",                 # Kenya C1: a formula and, on the same row, a bad answer
        "D12": "perhaps",                             # Holy See C1: not on the scale
        "D21": "partial", "E21": "cmca-2018-s24",     # Kenya C5: changed in the file since the export
    })
    kenya = small / "countries" / "KEN.yaml"
    kenya.write_text(kenya.read_text(encoding="utf-8").replace('      C5: "no"\n  - set: grooming',
                                                               '      C5: unknown\n  - set: grooming'), "utf-8")
    before = tree_bytes(small)

    result = import_workbook(small, workbook, coder="Wanjiru Kamau")

    found = {(i.code, i.cell) for i in result.issues}
    assert {("formula-cell", "F7"), ("formula-cell", "F17"), ("bad-answer", "D17"), ("bad-answer", "D12"),
            ("conflict", "D21")} <= found
    assert not result.ok and tree_bytes(small) == before
