"""The site's data/review.xlsx, written by the direct OOXML writer (render/xlsx.py): what readers see
(the same as the openpyxl-written workbook it replaced), deterministic bytes, and inert hostile text."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import uuid
import zipfile
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pandas as pd
import pytest

import legalreview as lr
from legalreview.render import xlsx
from legalreview.render.context import SiteContext
from legalreview.render.formats import MAX_CELL_CHARS
from legalreview.render.site import _workbook, build_site

HYPERLINK = '=HYPERLINK("http://x","y")'
SCRIPT = '<script>&amp;"x" \'y\'</script>&'


def _site_workbook(small: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("LEGALREVIEW_NO_CACHE", "1")
    out = small / "reports" / "site"
    build_site(lr.load_review(small), out)
    return out / "data" / "review.xlsx"


def _workbook_of(small: Path, names: dict[str, str] | None = None) -> bytes:
    """Return _workbook(...) of the small review, with some country names replaced (iso3 -> name)."""
    review = lr.load_review(small)
    ctx = SiteContext(review, None)
    sets = {}
    for set_id, sm in ctx.sets.items():
        table = sm.table.copy()
        for iso3, name in (names or {}).items():
            table.loc[iso3, "country"] = name
        sets[set_id] = SimpleNamespace(cs=sm.cs, table=table)
    return _workbook(review, ctx.date.isoformat() if ctx.date else "", SimpleNamespace(sets=sets))


def _sheet_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")}


def test_the_site_workbook_reads_as_the_openpyxl_written_one_did(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = openpyxl.load_workbook(_site_workbook(small, monkeypatch))
    assert book.sheetnames == ["csam", "grooming", "implementation"]
    assert book.properties.creator == "legalreview tests" and book.properties.title == "Small fixture review"
    assert book.properties.created == book.properties.modified == dt.datetime(2026, 10, 1)
    sheet = book["csam"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Child sexual abuse material - core criteria — Small fixture review", *[None] * 12)
    assert rows[1] == ("iso3", "Country", "Region", "C1", "C2", "C3", "C4", "C5", "Criteria met", "Tier", "Edition",
                       "Status", "Assessed on")
    assert rows[2] == ("CIV", "Côte d'Ivoire", "Africa", None, None, None, None, None, None, "Not yet assessed",
                       None, None, None)
    assert rows[4] == ("GBR", "United Kingdom", "Europe", "yes", "yes", "yes", "yes", "yes", 5,
                       "Comprehensive legislation: meets all five criteria", "2023", "published", "2026-10-01")
    assert rows[5] == ("KEN", "Kenya", "Africa", "yes", "yes", "yes", "yes", "no", 4,
                       "Sufficient legislation: meets all criteria except ISP reporting", "2023", "published",
                       "2026-10-01")
    assert [r[0] for r in rows[2:]] == ["CIV", "FJI", "GBR", "KEN", "VAT"] and len(rows) == 7
    assert type(rows[4][8]) is int and sheet["I5"].data_type == "n"
    assert sheet.freeze_panes == "D3" and sheet.auto_filter.ref == "A2:M7"
    assert {k: v.width for k, v in sheet.column_dimensions.items() if v.width} == {
        "A": 6, "B": 28, "C": 18, **{c: 9 for c in "DEFGHI"}, "J": 44, "K": 9, "L": 12, "M": 12}
    title, header = sheet["A1"], sheet["B2"]
    assert title.font.b and title.font.sz == 13
    assert header.font.b and header.font.color.rgb == "00FFFFFF" and header.fill.fgColor.rgb == "001F3A5F"
    assert header.alignment.wrap_text and header.alignment.vertical == "top"
    assert not sheet["B5"].font.b and not sheet["B5"].quotePrefix
    assert book["implementation"].auto_filter.ref == "A2:O7" and book["grooming"].freeze_panes == "D3"
    with zipfile.ZipFile(small / "reports" / "site" / "data" / "review.xlsx") as archive:
        names = archive.namelist()
        assert names[0] == "[Content_Types].xml" and "xl/worksheets/sheet3.xml" in names
        assert all(i.date_time == xlsx.ZIP_EPOCH for i in archive.infolist())
        assert archive.read("xl/workbook.xml").count(b"_xlnm._FilterDatabase") == 3


def test_the_workbook_bytes_are_the_same_on_every_build(small: Path) -> None:
    assert _workbook_of(small) == _workbook_of(small)
    assert _workbook_of(small, {"KEN": "Kenya!"}) != _workbook_of(small)


def test_hostile_country_names_are_inert_text_that_round_trips(small: Path) -> None:
    names = {"KEN": HYPERLINK, "GBR": "@SUM(1)", "FJI": SCRIPT, "VAT": "a\r\nb\x00\x1f\tc  "}
    data = _workbook_of(small, names)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["csam"]
    by_code = {row[0].value: row[1] for row in sheet.iter_rows(min_row=3)}
    assert by_code["KEN"].value == HYPERLINK and by_code["GBR"].value == "@SUM(1)"
    assert by_code["FJI"].value == SCRIPT
    assert by_code["VAT"].value == "a\r\nb\tc  "  # what XML cannot hold is dropped, the rest kept exactly
    for iso3 in ("KEN", "GBR"):
        assert by_code[iso3].data_type == "s" and by_code[iso3].quotePrefix
    assert not by_code["FJI"].quotePrefix and not by_code["CIV"].quotePrefix
    for name, xml in _sheet_parts(data).items():
        assert not re.search(rb"<(\w+:)?f[ >/]", xml), name
        assert b"<script>" not in xml
        assert xml.count(b'=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)') == 1


def test_the_writer_types_cells_caps_text_and_names_sheets() -> None:
    rows = [(xlsx.PLAIN, ["text", 3, 2.5, True, False, None, float("nan"), pd.NA, dt.date(2026, 1, 2), ""]),
            (xlsx.HEADER, ["-1+1", "x" * (MAX_CELL_CHARS + 10)])]
    data = xlsx.write_workbook([xlsx.Sheet("a[b]:c*?/\\d'", rows, widths=[10, 20], freeze="B2", auto_filter="A1:B2"),
                                xlsx.Sheet("A[B]:C*?/\\D", [], freeze="A2")], creator="me & <you>", title='"t"')
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["abcd", "ABCD2"]  # no []:*?/\\ nor edge apostrophe; unique ignoring case
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == ["text", 3, 2.5, True, False, None, None, None, "2026-01-02"]  # "" is empty
    assert [type(c.value) for c in sheet[1][:5]] == [str, int, float, bool, bool]
    negative, long = sheet["A2"], sheet["B2"]
    assert negative.value == "-1+1" and negative.quotePrefix and negative.font.b and negative.fill.fgColor.rgb
    assert long.value == "x" * MAX_CELL_CHARS and not long.quotePrefix
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref == "A1:B2"
    assert book.worksheets[1].freeze_panes == "A2"
    assert book.properties.creator == "me & <you>" and book.properties.title == '"t"'


@pytest.mark.libreoffice
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_the_site_workbook(small: Path, tmp_path: Path) -> None:
    workbook = tmp_path / "review.xlsx"
    workbook.write_bytes(_workbook_of(small, {"GBR": HYPERLINK}))
    profile = Path("/tmp") / f"lo-{uuid.uuid4().hex}"
    utf8_csv = "csv:Text - txt - csv (StarCalc):44,34,76"  # comma, double quote, UTF-8
    try:
        run = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                              "--convert-to", utf8_csv, "--outdir", str(tmp_path / "out"), str(workbook)],
                             capture_output=True, text=True, timeout=120)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    converted = tmp_path / "out" / "review.csv"
    assert converted.exists(), run.stdout + run.stderr
    text = converted.read_text(encoding="utf-8")
    assert "Kenya" in text and "Côte d'Ivoire" in text
    assert '=HYPERLINK(""http://x"",""y"")' in text, "the formula-like name stayed text"
