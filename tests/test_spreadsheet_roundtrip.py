"""Export a criteria set to a workbook, edit it like an analyst would, import it back."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import tree_bytes
from legalreview import store
from legalreview.cli import main
from legalreview.spreadsheet import export_workbook, import_workbook
from legalreview.workspace import load_workspace

# Rows of the csam export of the small review (sorted by country name):
# 2-6 Côte d'Ivoire C1-C5, 7-11 Fiji, 12-16 Holy See, 17-21 Kenya, 22-26 United Kingdom.


def _export(root: Path, tmp_path: Path, **options) -> Path:
    path = tmp_path / "csam.xlsx"
    export_workbook(root, options.pop("set_id", "csam"), path, **options)
    return path


def _edit(path: Path, cells: dict[str, object], sheet: str = "csam") -> Path:
    book = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        book[sheet][ref] = value
    book.save(path)
    return path


def _answer(root: Path, iso3: str, criterion: str, coder: str | None = None, set_id: str = "csam"):
    ws, _ = load_workspace(root)
    for a in ws.countries[iso3].assessments:
        if a.set == set_id and a.edition == "2023" and (coder is None or a.coder == coder):
            return a.answers.get(criterion)
    return None


# --------------------------------------------------------------------------- the workbook


def test_export_writes_instructions_data_provisions_and_hidden_metadata(small: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(_export(small, tmp_path))

    assert book.sheetnames == ["Instructions", "csam", "statutes", "provisions", "_meta"]
    assert book["_meta"].sheet_state == "hidden"
    meta = {row[0]: row[1:] for row in book["_meta"].iter_rows(values_only=True)}
    assert meta["format"][0] == "legalreview-workbook/1"
    assert (meta["set"][0], meta["set_version"][0], meta["edition"][0]) == ("csam", "1", "2023")
    records = [json.loads(row[1]) for row in book["_meta"].iter_rows(values_only=True) if row[0] == "country"]
    kenya = next(r for r in records if r["iso3"] == "KEN")
    assert (kenya["name"], kenya["file"], kenya["coder"]) == ("Kenya", "countries/KEN.yaml", "analyst-a")
    assert kenya["sha256"] == hashlib.sha256((small / "countries" / "KEN.yaml").read_bytes()).hexdigest()
    assert list(kenya["answers"]) == ["C1", "C2", "C3", "C4", "C5"]
    assert next(r for r in records if r["iso3"] == "FJI")["answers"] == {}
    instructions = " ".join(str(v) for row in book["Instructions"].iter_rows(values_only=True) for v in row if v)
    assert "Not applicable" in instructions and "Guidance:" in instructions
    assert "Does national law contain provisions dealing specifically" in instructions
    provisions = [row[2] for row in book["provisions"].iter_rows(min_row=2, values_only=True)]
    assert "cmca-2018-s24" in provisions and "pca-1978-s1" in provisions


def test_data_sheet_locks_id_columns_and_offers_a_dropdown_of_answer_codes(small: Path, tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(_export(small, tmp_path))["csam"]

    assert [c.value for c in sheet[1]] == ["iso3", "country", "criterion", "answer", "evidence", "note", "question",
                                            "scope", "law_as_at"]
    assert [c.value for c in sheet[18]][:6] == ["KEN", "Kenya", "C2", "yes", "cmca-2018-s24",
                                                 "Section 24 covers computer-generated material."]
    assert sheet.max_row == 26
    assert sheet.protection.sheet and not sheet.protection.password
    assert sheet["A18"].protection.locked and sheet["A18"].fill.fgColor.rgb.endswith("D9D9D9")
    assert not sheet["D18"].protection.locked and not sheet["F18"].protection.locked
    assert sheet.freeze_panes == "D2"
    assert sheet.auto_filter.ref == "A1:I26"
    (dv,) = sheet.data_validations.dataValidation
    assert dv.formula1 == '"yes,partial,no,unknown,not_applicable"'
    assert str(dv.sqref) == "D2:D26"
    assert sheet.column_dimensions["G"].width > sheet.column_dimensions["A"].width


def test_export_selects_countries_by_name_or_region(small: Path, tmp_path: Path) -> None:
    by_name = openpyxl.load_workbook(_export(small, tmp_path, countries="Ivory Coast, kenya"))["csam"]
    assert sorted({r[0] for r in by_name.iter_rows(min_row=2, values_only=True)}) == ["CIV", "KEN"]
    by_region = openpyxl.load_workbook(_export(small, tmp_path, region="Oceania"))["csam"]
    assert {r[0] for r in by_region.iter_rows(min_row=2, values_only=True)} == {"FJI"}


def test_text_starting_with_formula_characters_is_written_as_plain_text(small: Path, tmp_path: Path) -> None:
    path = small / "countries" / "KEN.yaml"
    text = path.read_text(encoding="utf-8").replace(
        '"Section 24 covers computer-generated material."', '"=HYPERLINK(\\"http://evil.example\\")"')
    path.write_text(text, encoding="utf-8")
    workbook = _export(small, tmp_path)

    cell = openpyxl.load_workbook(workbook)["csam"]["F18"]
    assert cell.value == '=HYPERLINK("http://evil.example")'
    assert cell.data_type == "s" and cell.quotePrefix
    assert import_workbook(small, workbook).changes == []


# --------------------------------------------------------------------------- importing


def test_importing_an_untouched_export_changes_nothing(small: Path, tmp_path: Path) -> None:
    before = tree_bytes(small)
    for set_id in ("csam", "grooming", "implementation"):
        result = import_workbook(small, _export(small, tmp_path, set_id=set_id))
        assert result.ok and result.changes == [] and result.written == []
    assert tree_bytes(small) == before


def test_harmless_variants_of_answers_and_country_names_are_accepted(small: Path, tmp_path: Path) -> None:
    workbook = _edit(_export(small, tmp_path), {
        "D3": "  Partially ", "E3": "cyber-2013-a19; ", "F3": "Covers possession only.",  # label, spaces
        "D20": "NO",                                                                   # upper case code
        "A7": None, "B7": "Republic of Fiji", "D7": "not applicable",                  # name, spaced code
        "A4": None, "B4": "Ivory Coast", "D4": "Yes ",                                 # alias, label
    })

    result = import_workbook(small, workbook)

    assert result.ok, [str(i) for i in result.issues]
    assert [(c.iso3, c.criterion, c.new[0] if c.new else None) for c in result.changes] == [
        ("CIV", "C2", "partial"), ("FJI", "C1", "not_applicable"), ("KEN", "C4", "no")]
    civ = _answer(small, "CIV", "C2")
    assert (civ.value, civ.evidence, civ.note) == ("partial", ["cyber-2013-a19"], "Covers possession only.")


def test_reordered_rows_blank_rows_and_an_extra_sheet_are_accepted(small: Path, tmp_path: Path) -> None:
    workbook = _export(small, tmp_path)
    book = openpyxl.load_workbook(workbook)
    sheet = book["csam"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    sheet.delete_rows(2, sheet.max_row)
    r = 2
    for values in reversed(rows):
        if values[0] == "GBR" and values[2] == "C5":
            values[3], values[5] = "partial", "Reporting duty covers some providers only."
        for c, value in enumerate(values, start=1):
            sheet.cell(row=r, column=c).value = value
        r += 3 if values[2] == "C3" else 1  # leave blank rows here and there
    book.create_sheet("My working notes")["A1"] = "Ask the ministry about the 2024 bill"
    book.save(workbook)

    result = import_workbook(small, workbook)

    assert result.ok, [str(i) for i in result.issues]
    assert [str(c) for c in result.changes] == [
        "United Kingdom (GBR) C5: \"yes\" [pca-1978-s1] note: \"Fixture answer <script>alert('x')</script>\" -> "
        "\"partial\" [pca-1978-s1] note: 'Reporting duty covers some providers only.'"]


def test_dry_run_lists_the_changes_and_writes_nothing(small: Path, tmp_path: Path) -> None:
    workbook = _edit(_export(small, tmp_path), {"D19": "partial", "F19": "Only where a computer is used."})
    before = tree_bytes(small)

    run = CliRunner().invoke(main, ["import-xlsx", str(workbook), "--dry-run", "--dir", str(small)])

    assert run.exit_code == 0, run.output
    assert "Kenya (KEN) C3: \"yes\" [cmca-2018-s24] -> \"partial\" [cmca-2018-s24] note: " \
           "'Only where a computer is used.'" in run.output
    assert "1 changes in 1 files (dry run: nothing written)." in run.output
    assert tree_bytes(small) == before


def test_import_changes_only_the_edited_answer_and_keeps_comments(small: Path, tmp_path: Path) -> None:
    workbook = _edit(_export(small, tmp_path), {"D21": "partial", "E21": "cmca-2018-s24"})
    old = (small / "countries" / "KEN.yaml").read_text(encoding="utf-8").splitlines()
    others = {k: v for k, v in tree_bytes(small).items() if k != "countries/KEN.yaml"}

    run = CliRunner().invoke(main, ["import-xlsx", str(workbook), "--coder", "Wanjiru Kamau", "--dir", str(small)])

    assert run.exit_code == 0, run.output
    new = (small / "countries" / "KEN.yaml").read_text(encoding="utf-8").splitlines()
    history = [i for i, line in enumerate(new) if line.strip().startswith(("history:", "- {criterion: C5"))]
    assert len(history) == 2 and '"Wanjiru Kamau"' in new[history[1]]  # the provenance of the one change
    new = [line for i, line in enumerate(new) if i not in history]
    changed = [(a, b) for a, b in zip(old, new) if a != b]
    assert changed == [('      C5: "no"', "      C5: {value: partial, evidence: [cmca-2018-s24]}")]
    assert len(old) == len(new) and new[0].startswith("# Kenya")
    assert {k: v for k, v in tree_bytes(small).items() if k != "countries/KEN.yaml"} == others


def test_answers_for_an_unassessed_country_create_a_draft_assessment(small: Path, tmp_path: Path) -> None:
    workbook = _edit(_export(small, tmp_path),
                     {"D7": "no", "D8": "unknown", "F8": "The penal code could not be found."})

    result = import_workbook(small, workbook)

    assert result.ok and result.written == ["countries/FJI.yaml"]
    ws, issues = load_workspace(small)
    assert not [i for i in issues if i.severity == "error"]
    (assessment,) = ws.countries["FJI"].assessments
    assert (assessment.set, assessment.edition, assessment.status, assessment.coder) == \
        ("csam", "2023", "draft", "spreadsheet")
    assert assessment.answers["C2"].note == "The penal code could not be found."
    assert (small / "countries" / "FJI.yaml").read_text(encoding="utf-8").startswith("# Fiji: not yet assessed.")


def test_coder_option_writes_the_answers_as_that_coders_assessment(small: Path, tmp_path: Path) -> None:
    workbook = _edit(_export(small, tmp_path), {"D17": "partial"})

    result = import_workbook(small, workbook, into="analyst-c")

    assert result.ok, [str(i) for i in result.issues]
    assert _answer(small, "KEN", "C1", coder="analyst-a").value == "yes"
    assert _answer(small, "KEN", "C1", coder="analyst-c").value == "partial"
    assert _answer(small, "CIV", "C1", coder="analyst-c").value == "yes"  # a double coder's full copy


def test_clearing_an_answer_cell_removes_the_answer(small: Path, tmp_path: Path) -> None:
    workbook = _edit(_export(small, tmp_path), {"D17": None, "E17": None})

    result = import_workbook(small, workbook)

    assert [str(c) for c in result.changes] == ['Kenya (KEN) C1: "yes" [soa-2006-s16] -> (none)']
    assert _answer(small, "KEN", "C1") is None


def test_a_file_edited_since_the_export_keeps_its_answer_when_the_workbook_left_it(small: Path,
                                                                                    tmp_path: Path) -> None:
    workbook = _edit(_export(small, tmp_path), {"D5": "partial", "E5": "cyber-2013-a19"})  # CIV C4
    path = small / "countries" / "CIV.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('C2: "no"', "C2: unknown"), encoding="utf-8")

    result = import_workbook(small, workbook)

    assert result.ok and [(c.iso3, c.criterion) for c in result.changes] == [("CIV", "C4")]
    assert _answer(small, "CIV", "C2").value == "unknown"


def test_conflict_names_the_cell_and_the_file(small: Path, tmp_path: Path) -> None:
    workbook = _edit(_export(small, tmp_path), {"D3": "unknown"})
    path = small / "countries" / "CIV.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('C2: "no"', "C2: not_applicable"), encoding="utf-8")
    before = tree_bytes(small)

    (issue,) = import_workbook(small, workbook).issues

    assert issue.code == "conflict" and issue.location == "csam!D3"
    assert "countries/CIV.yaml" in issue.message and '"not_applicable"' in issue.message
    assert tree_bytes(small) == before


def test_a_failed_replace_restores_every_file_already_replaced(small: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    workbook = _edit(_export(small, tmp_path), {"D7": "no", "D17": "partial", "D22": "partial"})
    before = tree_bytes(small)
    real_replace = os.replace
    calls = []

    def failing_replace(src, dst):
        calls.append(dst)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(store.os, "replace", failing_replace)
    with pytest.raises(OSError):
        import_workbook(small, workbook)
    monkeypatch.undo()

    assert tree_bytes(small) == before
    assert not [p for p in (small / "countries").iterdir() if p.name.endswith(".tmp")]


def test_export_and_import_commands(small: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "grooming.xlsx"

    run = runner.invoke(main, ["export-xlsx", "--set", "grooming", "--countries", "GBR,KEN", "-o", str(out),
                               "--dir", str(small)])
    assert run.exit_code == 0, run.output
    assert "grooming edition 2017, 2 countries, 10 rows" in run.output
    assert runner.invoke(main, ["import-xlsx", str(out), "--dir", str(small)]).output.strip() == "No changes."

    bad = runner.invoke(main, ["export-xlsx", "--set", "grooming", "--edition", "1999", "-o", str(out),
                               "--dir", str(small)])
    assert bad.exit_code == 2 and "unknown-edition" in bad.output
    for command in ("export-xlsx", "import-xlsx"):
        assert "Example: legalreview " + command in runner.invoke(main, [command, "--help"]).output
