"""Workbooks saved by LibreOffice import cleanly (headless soffice, private profile)."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from pathlib import Path

import openpyxl
import pytest

from conftest import tree_bytes
from legalreview import load_review
from legalreview.spreadsheet import export_workbook, import_workbook
from legalreview.spreadsheet import layout as L

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow,
              pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")]


def _libreoffice_save(workbook: Path, outdir: Path) -> Path:
    """Open and save a workbook with headless LibreOffice (Calc's 'Excel 2007-365' filter)."""
    outdir.mkdir(parents=True, exist_ok=True)
    profile = Path("/tmp") / f"lo-{uuid.uuid4().hex}"
    try:
        run = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                              "--convert-to", "xlsx", "--outdir", str(outdir), str(workbook)],
                             capture_output=True, text=True, timeout=120)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    converted = outdir / workbook.name
    assert converted.exists(), run.stdout + run.stderr
    return converted


def test_workbook_saved_by_libreoffice_imports_with_no_changes(small: Path, tmp_path: Path) -> None:
    kenya = small / "countries" / "KEN.yaml"
    kenya.write_text(kenya.read_text(encoding="utf-8").replace(
        '"The definition does not mention digital images."', '"=The definition omits digital images; -see s.16"'),
        encoding="utf-8")
    export_workbook(small, "csam", tmp_path / "csam.xlsx")
    export_workbook(small, "csam", tmp_path / "csam-2016.xlsx", edition="2016")
    before = tree_bytes(small)

    for name in ("csam.xlsx", "csam-2016.xlsx"):
        saved = _libreoffice_save(tmp_path / name, tmp_path / "libreoffice")
        result = import_workbook(small, saved)
        assert result.ok, [str(i) for i in result.issues]
        assert result.changes == []

    book = openpyxl.load_workbook(saved)
    assert book["_meta"].sheet_state == "hidden"
    assert book["csam"].data_validations.dataValidation, "LibreOffice kept the answer dropdown"
    assert tree_bytes(small) == before


def test_edits_saved_by_libreoffice_are_imported_exactly(small: Path, tmp_path: Path) -> None:
    workbook = tmp_path / "csam.xlsx"
    export_workbook(small, "csam", workbook)
    book = openpyxl.load_workbook(workbook)
    book["csam"]["D21"] = "Partially"
    book["csam"]["E21"] = "cmca-2018-s24"
    book["csam"]["F21"] = "+ covers hosting providers only"
    book["csam"]["F21"].data_type = "s"
    book.save(workbook)

    result = import_workbook(small, _libreoffice_save(workbook, tmp_path / "libreoffice"))

    assert result.ok, [str(i) for i in result.issues]
    assert [str(c) for c in result.changes] == [
        "Kenya (KEN) C5: \"no\" -> \"partial\" [cmca-2018-s24] note: '+ covers hosting providers only'"]
    assert 'C5: {value: partial, evidence: [cmca-2018-s24], note: "+ covers hosting providers only"}' in \
        (small / "countries" / "KEN.yaml").read_text(encoding="utf-8")


def test_facts_sheet_saved_by_libreoffice_round_trips(embedded: Path, tmp_path: Path) -> None:
    """The facts sheet (and the answers sheet's scope and law_as_at columns) survive LibreOffice: an
    unchanged workbook imports with no change, and a value typed there reaches the country file."""
    workbook = tmp_path / "csam.xlsx"
    export_workbook(embedded, "csam", workbook, countries="GBR,AUS,KEN")
    before = tree_bytes(embedded)
    saved = _libreoffice_save(workbook, tmp_path / "unchanged")
    result = import_workbook(embedded, saved, coder="Test Analyst")
    assert result.ok, [str(i) for i in result.issues]
    assert result.changes == [] and result.fact_changes == []
    assert tree_bytes(embedded) == before
    book = openpyxl.load_workbook(saved)
    assert book["facts"].data_validations.dataValidation, "LibreOffice kept the number validation"
    assert book["csam"]["H2"].value and book["csam"]["I1"].value == "law_as_at"

    book = openpyxl.load_workbook(workbook)
    sheet = book["facts"]
    row = next(r[0].row for r in sheet.iter_rows(min_row=2) if r[0].value == "KEN" and r[2].value == "age-of-consent")
    value, evidence = (L.letter(L.FACT_KEYS.index(k) + 1) for k in ("value", "evidence"))
    sheet[f"{value}{row}"], sheet[f"{evidence}{row}"] = 18, "soa-2006-s12"
    edited = tmp_path / "edited" / "csam.xlsx"
    edited.parent.mkdir()
    book.save(edited)
    saved = _libreoffice_save(edited, tmp_path / "libreoffice")
    result = import_workbook(embedded, saved, coder="Test Analyst")
    assert result.ok, [str(i) for i in result.issues]
    assert [(c.iso3, c.fact) for c in result.fact_changes] == [("KEN", "age-of-consent")]
    facts = load_review(embedded).facts.set_index(["iso3", "fact"])
    assert facts.loc[("KEN", "age-of-consent"), "value"] == 18
