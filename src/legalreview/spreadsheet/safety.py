"""Checks on a workbook file before any XML parser sees it: type, size caps, zip bombs, macros,
external links, DTDs and entities (XML bombs), and where cells are merged.

Everything here reads the zip with :mod:`zipfile` and scans bytes; the only XML parsed is the
small workbook part and its relationships, through :mod:`defusedxml`.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import ElementTree as SafeET

from ..issues import Issue
from . import layout as L

_MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlam", ".xlsb")
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CHUNK = 1 << 20


@dataclass
class Checked:
    """A workbook that passed the checks: its bytes and the merged ranges of each sheet (by name)."""

    raw: bytes
    merged: dict[str, list[str]] = field(default_factory=dict)


def _refuse(code: str, message: str, name: str, hint: str) -> list[Issue]:
    return [Issue(code, message, file=name, hint=hint)]


def check_file(path: Path) -> tuple[Checked | None, list[Issue]]:
    """Return (checked workbook, []) or (None, issues saying why the file is refused)."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix in _MACRO_SUFFIXES:
        return None, _refuse("workbook-unsafe", f"{suffix} workbooks can carry macros and are refused", name,
                             "save it as 'Excel Workbook (.xlsx)' and import that file")
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, _refuse("workbook-format", f"cannot read the file: {exc.strerror}", name,
                             "check the path")
    if size > L.MAX_FILE_BYTES:
        return None, _refuse("file-too-large", f"the workbook is {size / 1048576:.1f} MB; the limit is "
                             f"{L.MAX_FILE_BYTES // 1048576} MB", name, "export only the countries you edit "
                             "(--countries or --region)")
    raw = path.read_bytes()
    if not raw.startswith(b"PK\x03\x04"):
        what = "an old .xls or password-protected workbook" if raw.startswith(b"\xd0\xcf\x11\xe0") else \
            "not an .xlsx workbook"
        return None, _refuse("workbook-format", f"the file is {what}", name,
                             "open it in Excel or LibreOffice and save it as 'Excel Workbook (.xlsx)'")
    if suffix not in (".xlsx", ".xltx"):
        return None, _refuse("workbook-format", f"the file name ends in {suffix or '(nothing)'!r}, not .xlsx", name,
                             "save it as 'Excel Workbook (.xlsx)'")
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        return None, _refuse("workbook-format", f"the file is not a readable .xlsx (zip) file: {exc}", name,
                             "save it again from Excel or LibreOffice")
    try:
        merges: dict[str, list[str]] = {}
        issues = _check_members(archive, infos, name, merges)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:  # damaged compressed data
        return None, _refuse("workbook-format", f"the workbook is damaged and cannot be unpacked ({exc})", name,
                             "download or save it again from Excel or LibreOffice")
    if issues:
        return None, issues
    try:
        sheets = _sheet_parts(archive)
    except Exception as exc:  # defusedxml refusals and malformed parts alike
        return None, _refuse("workbook-format", f"the workbook's sheet list cannot be read ({exc})", name,
                             "save it again from Excel or LibreOffice")
    checked = Checked(raw)
    for sheet_name, part in sheets.items():
        if merges.get(part):
            checked.merged[sheet_name] = merges[part]
    return checked, []


def _check_members(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], name: str,
                   merges: dict[str, list[str]]) -> list[Issue]:
    """Return issues for unsafe members; fill ``merges`` (worksheet part -> merged ranges) on the way,
    so that every part is decompressed once."""
    if len(infos) > L.MAX_ZIP_ENTRIES:
        return _refuse("workbook-unsafe", f"the workbook holds {len(infos)} parts; the limit is "
                       f"{L.MAX_ZIP_ENTRIES}", name, "export a fresh workbook")
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        return _refuse("workbook-format", "the file is a zip archive but not an .xlsx workbook", name,
                       "save it as 'Excel Workbook (.xlsx)'")
    for info in infos:
        low = info.filename.lower()
        if low.endswith("vbaproject.bin") or "/vba" in low:
            return _refuse("workbook-unsafe", f"the workbook contains macros ({info.filename})", name,
                           "save it as 'Excel Workbook (.xlsx)', which drops macros")
        if low.startswith("xl/externallinks/"):
            return _refuse("workbook-unsafe", "the workbook links to other workbooks (external links)", name,
                           "in Excel use Data > Edit Links > Break Link, then save")
    declared = sum(i.file_size for i in infos)
    if declared > L.MAX_UNCOMPRESSED_BYTES:
        return _bomb(name, declared)
    total = 0
    for info in infos:
        if info.file_size > L.RATIO_FLOOR and info.file_size > L.MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            return _refuse("workbook-unsafe", f"{info.filename} is compressed {ratio} times (a zip bomb?)", name,
                           "export a fresh workbook")
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            total += info.file_size
            continue
        tail = b""
        sheet = info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
        with archive.open(info) as fh:
            while True:
                chunk = fh.read(_CHUNK)
                if not chunk:
                    break
                total += len(chunk)
                if total > L.MAX_UNCOMPRESSED_BYTES:
                    return _bomb(name, total)
                if not tail and (chunk.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in chunk[:64]):
                    return _refuse("workbook-unsafe", f"{info.filename} is not UTF-8 XML (UTF-16 parts can hide "
                                   "a DTD from the checks); the workbook is refused", name,
                                   "export a fresh workbook and copy your answers into it")
                if _DTD.search(tail + chunk):
                    return _refuse("workbook-unsafe", f"{info.filename} declares a DTD or XML entities "
                                   "(an XML bomb?); the workbook is refused", name,
                                   "export a fresh workbook and copy your answers into it")
                if info.filename == "[Content_Types].xml" and b"macroenabled" in (tail + chunk).lower():
                    return _refuse("workbook-unsafe", "the workbook is macro-enabled", name,
                                   "save it as 'Excel Workbook (.xlsx)'")
                if sheet:
                    found = merges.setdefault(info.filename, [])
                    for m in _MERGE.finditer(tail + chunk):
                        ref = m.group(1).decode()
                        if ref not in found:
                            found.append(ref)
                tail = chunk[-200:]
    return []


def _bomb(name: str, size: int) -> list[Issue]:
    return _refuse("workbook-unsafe", f"the workbook unpacks to more than {L.MAX_UNCOMPRESSED_BYTES // 1048576} MB "
                   f"({size // 1048576} MB so far): a zip bomb?", name, "export a fresh workbook")


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Return sheet name -> zip part of its XML."""
    book = SafeET.fromstring(archive.read("xl/workbook.xml"))
    rels_xml = archive.read("xl/_rels/workbook.xml.rels")
    rels = {r.get("Id"): r.get("Target", "") for r in SafeET.fromstring(rels_xml).iter(f"{_NS_PKG_REL}Relationship")}
    out: dict[str, str] = {}
    for sheet in book.iter(f"{_NS_MAIN}sheet"):
        target = rels.get(sheet.get(f"{_NS_REL}id"), "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        out[sheet.get("name", "")] = part
    return out
