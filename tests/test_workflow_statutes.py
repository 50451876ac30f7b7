"""A new country is coded entirely from the workbook: statutes, provisions and answers, no YAML."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import tree_bytes
from legalreview.cli import main
from legalreview.spreadsheet import export_workbook, import_workbook
from legalreview.workspace import load_workspace

# Rows of the csam export of the small review: 7-11 Fiji C1-C5 (Fiji has no statutes or provisions yet).
TODAY = dt.date(2026, 12, 3)
FIJI_STATUTE = ["FJI", "Fiji", "crimes-2009", "Crimes Act 2009", "Act No. 44 of 2009", 2009, "2010-02-01",
                "https://www.laws.gov.fj/Acts/DisplayAct/2001", "en"]
FIJI_PROVISIONS = [
    ["FJI", "Fiji", "crimes-2009-s377", "crimes-2009", "377",
     "Creating, possessing or distributing child abuse material is an offence.", "no"],
    ["FJI", "Fiji", "crimes-2009-s4", "crimes-2009", "4", "Defines a child as a person under 18.", "no"],
]


def _export(root: Path, tmp_path: Path, name: str = "csam.xlsx") -> Path:
    path = tmp_path / name
    export_workbook(root, "csam", path)
    return path


def _append(book, sheet: str, rows: list[list[object]]) -> None:
    for row in rows:
        book[sheet].append(row)


def _fiji_workbook(small: Path, tmp_path: Path) -> Path:
    path = _export(small, tmp_path)
    book = openpyxl.load_workbook(path)
    _append(book, "statutes", [FIJI_STATUTE])
    _append(book, "provisions", FIJI_PROVISIONS)
    data = book["csam"]
    for row, (answer, evidence, note) in zip(range(7, 12), [
            ("yes", "crimes-2009-s377", "Section 377 is specific to child abuse material."),
            ("yes", "crimes-2009-s377", ""), ("partial", "crimes-2009-s4", "Age 18, but not for every offence."),
            ("yes", "crimes-2009-s377", ""), ("no", "", "No duty on internet service providers.")]):
        data[f"D{row}"], data[f"E{row}"], data[f"F{row}"] = answer, evidence or None, note or None
    book.save(path)
    return path


def test_the_export_has_editable_statutes_and_provisions_sheets(small: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(_export(small, tmp_path))

    assert book.sheetnames == ["Instructions", "csam", "statutes", "provisions", "_meta"]
    assert [c.value for c in book["statutes"][1]][:4] == ["iso3", "country", "statute", "title"]
    assert [c.value for c in book["provisions"][1]] == ["iso3", "country", "provision", "statute", "section",
                                                         "text", "quoted", "scope"]
    assert not book["statutes"].protection.sheet and not book["provisions"].protection.sheet
    kenya = [row for row in book["statutes"].iter_rows(min_row=2, values_only=True) if row[0] == "KEN"]
    assert {row[2] for row in kenya} == {"soa-2006", "cmca-2018"}


def test_a_new_country_coded_entirely_from_the_workbook_validates_and_builds(small: Path, tmp_path: Path) -> None:
    workbook = _fiji_workbook(small, tmp_path)

    result = import_workbook(small, workbook, coder="Litia Vakaloloma", today=TODAY)

    assert result.ok, [str(i) for i in result.issues]
    assert result.written == ["countries/FJI.yaml"]
    assert "Fiji (FJI): new statute crimes-2009" in result.added
    ws, issues = load_workspace(small, today=TODAY)
    assert not [i for i in issues if i.severity == "error"], [str(i) for i in issues]
    fiji = ws.countries["FJI"]
    assert fiji.statute("crimes-2009").in_force == dt.date(2010, 2, 1)
    assert fiji.provision("crimes-2009-s377").section == "377"
    (a,) = fiji.assessments
    assert a.answers["C3"].value == "partial" and a.answers["C3"].evidence == ["crimes-2009-s4"]
    assert len(a.history) == 5 and all(h.previous is None for h in a.history)
    build = CliRunner().invoke(main, ["build", "--dir", str(small), "--quiet"])
    assert build.exit_code == 0, build.output
    # a draft is not published on the site, but the file validates and the profile shows the answers
    profile = CliRunner().invoke(main, ["profile", "FJI", "--dir", str(small)])
    assert profile.exit_code == 0


def test_a_provision_naming_an_unknown_statute_is_reported_at_its_cell(small: Path, tmp_path: Path) -> None:
    path = _export(small, tmp_path)
    book = openpyxl.load_workbook(path)
    _append(book, "provisions", [["FJI", "Fiji", "crimes-2009-s377", "crimes-2099", "377", "Text.", "no"]])
    row = book["provisions"].max_row
    book.save(path)
    before = tree_bytes(small)

    result = import_workbook(small, path, coder="Litia Vakaloloma")

    found = [i for i in result.issues if i.code == "unknown-statute"]
    assert len(found) == 1 and found[0].location == f"provisions!D{row}" and "statutes sheet" in found[0].hint
    assert tree_bytes(small) == before


def test_a_bad_statute_row_and_a_duplicate_id_are_reported_at_their_cells(small: Path, tmp_path: Path) -> None:
    path = _export(small, tmp_path)
    book = openpyxl.load_workbook(path)
    first = book["statutes"].max_row + 1
    _append(book, "statutes", [["FJI", "Fiji", "crimes 2009", "Crimes Act 2009"],
                               ["FJI", "Fiji", "juv-1974", "Juveniles Act", None, None, None, "not a url"],
                               ["FJI", "Fiji", "juv-1974", "Juveniles Act (copy)"]])
    book.save(path)

    result = import_workbook(small, path, coder="Litia Vakaloloma")

    where = {(i.code, i.location) for i in result.issues}
    assert ("schema", f"statutes!C{first}") in where        # an id with a space
    assert ("schema", f"statutes!H{first + 1}") in where     # not a URL
    assert ("duplicate-id", f"statutes!C{first + 2}") in where


def test_a_statute_added_to_the_file_since_the_export_is_a_conflict(small: Path, tmp_path: Path) -> None:
    path = _export(small, tmp_path)
    book = openpyxl.load_workbook(path)
    _append(book, "statutes", [FIJI_STATUTE])
    row = book["statutes"].max_row
    book.save(path)
    fiji = small / "countries" / "FJI.yaml"
    fiji.write_text(fiji.read_text(encoding="utf-8").replace(
        "statutes: []", 'statutes:\n  - {id: crimes-2009, title: "Crimes Act 2009"}'), encoding="utf-8")

    result = import_workbook(small, path, coder="Litia Vakaloloma")

    assert [(i.code, i.location) for i in result.issues if i.severity == "error"] == [("conflict", f"statutes!C{row}")]


def test_the_unknown_provision_hint_names_the_sheet_and_the_country_file(small: Path, tmp_path: Path) -> None:
    path = _export(small, tmp_path)
    book = openpyxl.load_workbook(path)
    book["csam"]["D7"], book["csam"]["E7"] = "yes", "crimes-2009-s377"
    book.save(path)

    result = import_workbook(small, path, coder="Litia Vakaloloma")

    (issue,) = [i for i in result.issues if i.code == "unknown-provision"]
    assert "provisions sheet" in issue.hint and "countries/FJI.yaml" in issue.hint


@pytest.mark.libreoffice
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_new_statutes_and_provisions_saved_by_libreoffice_are_imported(small: Path, tmp_path: Path) -> None:
    from test_spreadsheet_libreoffice import _libreoffice_save

    saved = _libreoffice_save(_fiji_workbook(small, tmp_path), tmp_path / "libreoffice")

    result = import_workbook(small, saved, coder="Litia Vakaloloma", today=TODAY)

    assert result.ok, [str(i) for i in result.issues]
    ws, issues = load_workspace(small, today=TODAY)
    assert not [i for i in issues if i.severity == "error"], [str(i) for i in issues]
    fiji = ws.countries["FJI"]
    statute = fiji.statute("crimes-2009")
    assert (statute.year, statute.in_force, statute.citation) == (2009, dt.date(2010, 2, 1), "Act No. 44 of 2009")
    assert [p.id for p in fiji.provisions] == ["crimes-2009-s377", "crimes-2009-s4"]
    assert fiji.assessments[0].answers["C1"].evidence == ["crimes-2009-s377"]


def test_a_provision_quoted_on_the_sheet_stays_the_laws_words_and_a_summary_stays_ours(small: Path,
                                                                                       tmp_path: Path) -> None:
    """The sheet says "quoted: yes" but not the language: the file keeps saying the text is the law's
    words (and validate asks for its language), while a "no" row becomes our summary."""
    workbook = _fiji_workbook(small, tmp_path)
    book = openpyxl.load_workbook(workbook)
    quoted = ["FJI", "Fiji", "crimes-2009-s2", "crimes-2009", "2", "Placeholder words, not the text of any law.",
              "yes"]
    _append(book, "provisions", [quoted])
    book.save(workbook)
    result = import_workbook(small, workbook, coder="Litia Vakaloloma", today=TODAY)
    assert result.ok, [str(i) for i in result.issues]
    ws, issues = load_workspace(small, today=TODAY)
    fiji = ws.countries["FJI"]
    summary = FIJI_PROVISIONS[0]
    assert fiji.provision(quoted[2]).text == quoted[5] and not fiji.provision(quoted[2]).summary
    assert fiji.provision(summary[2]).summary == summary[5] and not fiji.provision(summary[2]).text
    assert any(i.code == "quoted-flag" and i.file == "countries/FJI.yaml" for i in issues)
