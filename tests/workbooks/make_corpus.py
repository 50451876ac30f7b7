"""Build the corpus of broken workbooks used by tests/test_spreadsheet_corpus.py.

Every case starts from a fresh ``csam`` export of a workspace (the small fixture review: rows 2-6
are Côte d'Ivoire C1-C5, 7-11 Fiji, 12-16 Holy See, 17-21 Kenya, 22-26 United Kingdom) and breaks
it the way analysts, their tools or an attacker would. The corpus depends on the workspace's
fingerprints, so it is built at test time; run this file to write a copy for a look by hand:

    python tests/workbooks/make_corpus.py OUT_DIR
"""

from __future__ import annotations

import shutil
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable

import openpyxl

from legalreview.spreadsheet import export_workbook

SHEET = "csam"


@dataclass(frozen=True)
class Case:
    """A broken workbook: how to make it, and the one issue (code and location) it must give."""

    name: str
    code: str
    location: str  # "csam!D2" or the workbook's file name
    make: Callable[[Path, Path, Path], Path]  # (workspace root, fresh export, out dir) -> workbook


def _edit(export: Path, out: Path, change: Callable[[openpyxl.Workbook], None]) -> Path:
    book = openpyxl.load_workbook(export)
    change(book)
    book.save(out)
    return out


def _rezip(export: Path, out: Path, replace: dict[str, bytes], add: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(export) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        for name, data in (add or {}).items():
            dst.writestr(name, data)
    return out


def unknown_code(root: Path, export: Path, out: Path) -> Path:
    return _edit(export, out / "unknown-code.xlsx", lambda b: b[SHEET].__setitem__("D2", "Maybe"))


def unknown_country(root: Path, export: Path, out: Path) -> Path:
    def change(book: openpyxl.Workbook) -> None:
        book[SHEET]["A7"] = None
        book[SHEET]["B7"] = "Narnia"
    return _edit(export, out / "unknown-country.xlsx", change)


def deleted_column(root: Path, export: Path, out: Path) -> Path:
    return _edit(export, out / "deleted-column.xlsx", lambda b: b[SHEET].delete_cols(5))


def formula(root: Path, export: Path, out: Path) -> Path:
    return _edit(export, out / "formula.xlsx", lambda b: b[SHEET].__setitem__("D4", '=IF(TRUE,"yes","no")'))


def merged_cells(root: Path, export: Path, out: Path) -> Path:
    return _edit(export, out / "merged-cells.xlsx", lambda b: b[SHEET].merge_cells("D5:D7"))


def unknown_provision(root: Path, export: Path, out: Path) -> Path:
    def change(book: openpyxl.Workbook) -> None:
        book[SHEET]["D18"] = "partial"
        book[SHEET]["E18"] = "soa-2006-s61"
    return _edit(export, out / "unknown-provision.xlsx", change)


def duplicate_row(root: Path, export: Path, out: Path) -> Path:
    def change(book: openpyxl.Workbook) -> None:
        sheet = book[SHEET]
        for col in range(1, 8):
            sheet.cell(row=27, column=col).value = sheet.cell(row=20, column=col).value
        sheet["D27"] = "no"
    return _edit(export, out / "duplicate-row.xlsx", change)


def conflict(root: Path, export: Path, out: Path) -> Path:
    # after the export, someone edits Côte d'Ivoire C2 in the country file ...
    path = root / "countries" / "CIV.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('C2: "no"', "C2: unknown"), encoding="utf-8")
    # ... and the analyst changes the same answer in the workbook
    return _edit(export, out / "conflict.xlsx", lambda b: b[SHEET].__setitem__("D3", "not_applicable"))


BOMB = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                   for i in range(1, 10))
        + b']>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
        b"<si><t>&lol9;</t></si></sst>")


def xml_bomb(root: Path, export: Path, out: Path) -> Path:
    # the data sheet's XML gets a "billion laughs" DTD, and one cell expands it
    with zipfile.ZipFile(export) as src:
        sheet = src.read("xl/worksheets/sheet2.xml")
    dtd = BOMB[BOMB.index(b"<!DOCTYPE"):BOMB.index(b"]>") + 2].replace(b"lolz", b"worksheet")
    if sheet.startswith(b"<?xml"):
        head, rest = sheet.split(b"?>", 1)
        sheet = head + b"?>" + dtd + rest
    else:
        sheet = dtd + sheet
    sheet = sheet.replace(b"<t>Kenya</t>", b"<t>&lol9;</t>", 1)
    return _rezip(export, out / "xml-bomb.xlsx", {"xl/worksheets/sheet2.xml": sheet})


def zip_bomb(root: Path, export: Path, out: Path) -> Path:
    target = out / "zip-bomb.xlsx"
    _rezip(export, target, {}, {"xl/media/padding.bin": b"\0" * (2 * 1024 * 1024)})
    return target


def macros(root: Path, export: Path, out: Path) -> Path:
    return _rezip(export, out / "macros.xlsx", {}, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 not really VBA"})


def macro_file(root: Path, export: Path, out: Path) -> Path:
    target = out / "macro-enabled.xlsm"
    shutil.copy(export, target)
    return target


def external_link(root: Path, export: Path, out: Path) -> Path:
    return _rezip(export, out / "external-link.xlsx", {}, {"xl/externalLinks/externalLink1.xml": b"<externalLink/>"})


def wrong_type_csv(root: Path, export: Path, out: Path) -> Path:
    target = out / "really-a-csv.xlsx"
    target.write_text("iso3,country,criterion,answer\nKEN,Kenya,C1,yes\n", encoding="utf-8")
    return target


def wrong_type_xls(root: Path, export: Path, out: Path) -> Path:
    target = out / "old-excel.xls"
    target.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    return target


def missing_metadata(root: Path, export: Path, out: Path) -> Path:
    return _edit(export, out / "missing-metadata.xlsx", lambda b: b.remove(b["_meta"]))


CASES: tuple[Case, ...] = (
    Case("unknown code", "bad-answer", "csam!D2", unknown_code),
    Case("unknown country", "unknown-country", "csam!B7", unknown_country),
    Case("deleted column", "missing-column", "csam!1:1", deleted_column),
    Case("formula in an answer cell", "formula-cell", "csam!D4", formula),
    Case("merged cells over answers", "merged-cells", "csam!D5", merged_cells),
    Case("unknown provision", "unknown-provision", "csam!E18", unknown_provision),
    Case("duplicate row", "duplicate-row", "csam!A27", duplicate_row),
    Case("conflict with the country file", "conflict", "csam!D3", conflict),
    Case("XML bomb", "workbook-unsafe", "xml-bomb.xlsx", xml_bomb),
    Case("zip bomb", "workbook-unsafe", "zip-bomb.xlsx", zip_bomb),
    Case("macros inside .xlsx", "workbook-unsafe", "macros.xlsx", macros),
    Case("macro-enabled .xlsm", "workbook-unsafe", "macro-enabled.xlsm", macro_file),
    Case("external links", "workbook-unsafe", "external-link.xlsx", external_link),
    Case("CSV named .xlsx", "workbook-format", "really-a-csv.xlsx", wrong_type_csv),
    Case("old binary .xls", "workbook-format", "old-excel.xls", wrong_type_xls),
    Case("metadata sheet deleted", "workbook-format", "missing-metadata.xlsx", missing_metadata),
)


def build(root: Path, out: Path, case: Case) -> Path:
    """Export csam from ``root`` into ``out`` and return the broken workbook for ``case``."""
    out.mkdir(parents=True, exist_ok=True)
    export = out / "fresh-export.xlsx"
    export_workbook(root, "csam", export)
    return case.make(root, export, out)


if __name__ == "__main__":  # pragma: no cover
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from conftest import SMALL, copy_workspace

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "broken-workbooks")
    for case in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            root = copy_workspace(SMALL, Path(tmp) / "review")
            made = build(root, Path(tmp) / "out", case)
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy(made, target / made.name)
            print(f"{case.name}: {target / made.name}")
