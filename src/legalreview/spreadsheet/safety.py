"""Checks on a workbook file before any XML parser sees it: type, size caps, zip bombs, macros,
external links, DTDs and entities (XML bombs), rows and cells beyond the sheet grid (a single
``<row r="900000000000">`` would otherwise make a reader walk through empty rows for ever), and
where cells are merged.

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
from collections.abc import Generator
from pathlib import Path
from typing import Any

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

# Rows and cells: a fast check that every <row> and <c> tag opens with an r="..." inside the grid
# (how Excel, LibreOffice and openpyxl write them); a part with any other tag is scanned again,
# tag by tag, counting rows and cells without r="..." the way openpyxl does.
_ROW_OK = rb"(?:[1-9][0-9]{0,5}|10[0-3][0-9]{4}|104[0-7][0-9]{3}|1048[0-4][0-9]{2}|10485[0-6][0-9]|104857[0-6])"
_COL_OK = rb"(?:[A-Z]{1,2}|[A-W][A-Z]{2}|X[A-E][A-Z]|XF[A-D])"
_PLAIN = re.compile(rb'<(?:[\w.-]+:)?(?:(row\s+r="' + _ROW_OK + rb'"|c\s+r="' + _COL_OK + _ROW_OK +
                    rb'")(?=[\s/>])|(?:row|c)(?=[\s/>]))')
_TAG_BODY = rb"""((?:[^<>"']|"[^"]*"|'[^']*')*)>"""
_TAG = re.compile(rb"<(?:[\w.-]+:)?(row|c)(?=[\s/>])" + _TAG_BODY)
_DIMENSION = re.compile(rb"<(?:[\w.-]+:)?dimension(?=[\s/>])" + _TAG_BODY)
_ATTR = re.compile(rb"""\s*([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ATTRS_END = re.compile(rb"\s*/?\s*")
_WHOLE_TAG = re.compile(rb"""<[^<>"']*(?:(?:"[^"]*"|'[^']*')[^<>"']*)*>""")
_REF = re.compile(r"([A-Za-z]{1,3})([0-9]{1,9})")
_MAX_TAG = 1 << 20
#: A control character XML 1.0 cannot hold, raw or as a character reference (&#27; &#x1B;): a cell
#: text holding one makes the part unreadable, so it is found here, with its cell where possible.
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|&#(?:[xX]0*(?:[0-8bcefBCEF]|1[0-9a-fA-F])|"
                      rb"0*(?:[0-8]|1[124-9]|2[0-9]|3[01]));")
_CELL_START = re.compile(rb'<(?:[\w.-]+:)?c\s[^>]*?\br="([A-Za-z]{1,3}[0-9]{1,9})"')
#: bytes.translate's delete argument that leaves only the control bytes (a fast test before the regex)
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 32 and b not in (9, 10, 13)))


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
    raw, refused = _read_workbook(path)
    if raw is None:
        return None, refused
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        return None, _refuse("workbook-format", f"the file is not a readable .xlsx (zip) file: {exc}", name,
                             "save it again from Excel or LibreOffice")
    try:
        merges: dict[str, list[str]] = {}
        beyond: dict[str, tuple[str, str | None]] = {}
        control: dict[str, tuple[str, str | None, int | None]] = {}
        issues = _check_members(archive, infos, name, merges, beyond, control)
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
    issues = _sheet_issues(archive, name, sheets, beyond, control)
    if issues:
        return None, issues
    checked = Checked(raw)
    for sheet_name, part in sheets.items():
        if merges.get(part):
            checked.merged[sheet_name] = merges[part]
    return checked, []


def _read_workbook(path: Path) -> tuple[bytes | None, list[Issue]]:
    """Return (the file's bytes, []) when it may be an .xlsx workbook: no macro type, not too large, a
    zip file with an .xlsx name; else (None, issues saying why it is refused)."""
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
    return raw, []


def _sheet_issues(archive: zipfile.ZipFile, name: str, sheets: dict[str, str],
                  beyond: dict[str, tuple[str, str | None]],
                  control: dict[str, tuple[str, str | None, int | None]]) -> list[Issue]:
    """Return the refusals found in the sheets: a sheet stored in an unusual part, a row or cell
    outside the grid (``beyond``), a control character in a cell's text (``control``)."""
    issues: list[Issue] = []
    grid_hint = (f"a sheet ends at row {L.MAX_ROWS:,} and column XFD; export a fresh workbook and copy your "
                 "answers into it")
    for sheet_name, part in sheets.items():
        if not is_sheet_part(part):
            issues.append(Issue("workbook-unsafe", f"{name}: the sheet {sheet_name!r} is stored in an unusual place "
                                f"({part[:80]!r}); the workbook is refused", file=name,
                                hint="open it in Excel or LibreOffice and save it as .xlsx again"))
    for part, (what, cell) in beyond.items():
        shown = next((s for s, p in sheets.items() if p == part), None)
        issues.append(Issue("workbook-unsafe", f"{name}: {what}; the workbook is refused", file=name,
                            sheet=shown if shown is not None else part, cell=cell, hint=grid_hint))
    for part, (char, cell, index) in control.items():
        shown = next((s for s, p in sheets.items() if p == part), None)
        if index is not None:  # a shared string: find a cell that shows it
            shown, cell = _cell_showing(archive, sheets, index)
        issues.append(Issue("workbook-unsafe", f"{name}: a cell's text holds a control character ({char}), which "
                            "a country file cannot hold; the workbook is refused", file=name,
                            sheet=shown if shown is not None else part, cell=cell,
                            hint="retype the text, or paste it as plain text ('Paste special > Unformatted text')"))
    return issues


def _check_members(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], name: str,
                   merges: dict[str, list[str]], beyond: dict[str, tuple[str, str | None]],
                   control: dict[str, tuple[str, str | None, int | None]]) -> list[Issue]:
    """Return issues for unsafe members; fill ``merges`` (worksheet part -> merged ranges) and
    ``beyond`` (worksheet part -> (what, cell) of a row or cell outside the grid) and ``control``
    (part -> (character, cell, shared string index) of a control character) on the way, so that
    every part is decompressed once."""
    refused = _listing_refusal(infos, name)
    if refused:
        return refused
    total = 0
    for info in infos:
        if info.file_size > L.RATIO_FLOOR and info.file_size > L.MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            return _refuse("workbook-unsafe", f"{info.filename} is compressed {ratio} times (a zip bomb?)", name,
                           "export a fresh workbook")
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            total += info.file_size
            continue
        total, refused = _scan_part(archive, info, name, total, merges, beyond, control)
        if refused:
            return refused
    return []


def _listing_refusal(infos: list[zipfile.ZipInfo], name: str) -> list[Issue]:
    """Return why the zip's list of parts is refused (too many parts, no workbook, macros, external
    links, too large unpacked), or [] when it is not."""
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
    return []


def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, total: int,
               merges: dict[str, list[str]], beyond: dict[str, tuple[str, str | None]],
               control: dict[str, tuple[str, str | None, int | None]]) -> tuple[int, list[Issue]]:
    """Return (bytes unpacked so far, refusals) after scanning one XML part chunk by chunk (``total``:
    bytes unpacked before it); fill ``merges``, ``beyond`` and ``control`` as :func:`_check_members` says."""
    tail = b""
    strings = 0  # <si> items before this chunk (shared strings)
    sheet = is_sheet_part(info.filename)
    grid = _Grid() if sheet else None
    with archive.open(info) as fh:
        while chunk := fh.read(_CHUNK):
            total += len(chunk)
            if total > L.MAX_UNCOMPRESSED_BYTES:
                return total, _bomb(name, total)
            refused = _chunk_refusal(info.filename, tail, chunk, name)
            if refused:
                return total, refused
            data = tail + chunk
            if grid is not None:
                grid.feed(chunk)
                _add_merges(merges.setdefault(info.filename, []), data)
            if info.filename not in control:
                found = _control_in(data, len(tail), sheet, strings)
                if found is not None:
                    control[info.filename] = found
            if grid is None:
                strings += chunk.count(b"<si>") + chunk.count(b"<si ")
            tail = chunk[-200:] if grid is None else chunk[-4096:]
    problem = _grid_problem(archive, info, grid) if grid is not None else None
    if problem is not None:
        beyond[info.filename] = problem
    return total, []


def _chunk_refusal(part: str, tail: bytes, chunk: bytes, name: str) -> list[Issue]:
    """Return why a chunk of the XML part ``part`` is refused (UTF-16, a DTD or entities, a
    macro-enabled content type), or [] (``tail``: the end of the chunk before)."""
    if not tail and (chunk.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in chunk[:64]):
        return _refuse("workbook-unsafe", f"{part} is not UTF-8 XML (UTF-16 parts can hide "
                       "a DTD from the checks); the workbook is refused", name,
                       "export a fresh workbook and copy your answers into it")
    if _DTD.search(tail + chunk):
        return _refuse("workbook-unsafe", f"{part} declares a DTD or XML entities "
                       "(an XML bomb?); the workbook is refused", name,
                       "export a fresh workbook and copy your answers into it")
    if part == "[Content_Types].xml" and b"macroenabled" in (tail + chunk).lower():
        return _refuse("workbook-unsafe", "the workbook is macro-enabled", name,
                       "save it as 'Excel Workbook (.xlsx)'")
    return []


def _add_merges(found: list[str], data: bytes) -> None:
    """Add to ``found`` each merged range of ``data`` it does not hold yet."""
    if b"mergeCell" in data:
        for m in _MERGE.finditer(data):
            ref = m.group(1).decode()
            if ref not in found:
                found.append(ref)


def _control_in(data: bytes, skip: int, sheet: bool, strings: int) -> tuple[str, str | None, int | None] | None:
    """Return where ``data`` holds a control character (see :func:`_control_at`), or None."""
    if not (data.translate(None, _NOT_CONTROL) or b"&#" in data):
        return None
    m = _CONTROL.search(data)
    return _control_at(data, m, skip, sheet, strings) if m else None


def _grid_problem(archive: zipfile.ZipFile, info: zipfile.ZipInfo, grid: _Grid) -> tuple[str, str | None] | None:
    """Return the row or cell outside the grid that the sheet part holds, or None; ``grid`` was fed
    the part, which is read again by a careful ``_Grid`` when the fast check met unusual tags."""
    grid.close()
    if grid.unusual and grid.problem is None:  # tags the fast check cannot vouch for
        grid = _Grid(careful=True)
        with archive.open(info) as fh:
            while grid.problem is None and (chunk := fh.read(_CHUNK)):
                grid.feed(chunk)
        grid.close()
    return grid.problem


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


#: Characters a cell's text may not hold: control characters other than tab and line breaks (they
#: cannot be stored in a country file, and can move a terminal's cursor or hide text), lone
#: surrogates and non-characters.
BAD_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def bad_character(text: str) -> str | None:
    """Return the first character :data:`BAD_TEXT` refuses in ``text`` as ``U+001B``, or None."""
    m = BAD_TEXT.search(text)
    return None if m is None else f"U+{ord(m.group()):04X}"


def printable(text: object, limit: int = 200) -> str:
    """Return text safe to print in a message: cut at ``limit``, unprintable characters escaped."""
    out = str(text)[:limit]
    if not out.isprintable():
        out = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in out)
    return out


def bounded_rows(sheet: Any, max_col: int, min_row: int = 1, values_only: bool = False
                 ) -> Generator[tuple, None, None]:
    """Return the rows of a read-only sheet, ``min_row`` to the grid's last row and columns 1 to
    ``max_col`` only, whatever the sheet's dimension says (rows the file leaves out come back empty).

    Together with :func:`check_file`, which refuses rows and cells outside the grid, this bounds what
    a reader walks through: never more than the grid's rows, never more columns than it needs.
    """
    sheet.reset_dimensions()
    return sheet.iter_rows(min_row=min_row, max_row=L.MAX_ROWS, min_col=1,
                           max_col=max(1, min(max_col, L.MAX_COLUMNS)), values_only=values_only)


def _control_at(buf: bytes, m: re.Match, skip: int, sheet: bool, strings: int) -> tuple[str, str | None, int | None]:
    """Return (character as U+XXXX, cell in a sheet part or None, shared string index or None)."""
    found = m.group()
    code = found[0] if len(found) == 1 else int(found[3:-1], 16) if found[2:3] in b"xX" else int(found[2:-1])
    char = f"U+{code:04X}"
    if sheet:
        cell = None
        for c in _CELL_START.finditer(buf, max(0, m.start() - 4096), m.start()):
            cell = c.group(1).decode().upper()
        return char, cell, None
    items = strings + buf.count(b"<si>", skip, m.start()) + buf.count(b"<si ", skip, m.start()) \
        if m.start() >= skip else None
    return char, None, (items - 1 if items else None)


def _cell_showing(archive: zipfile.ZipFile, sheets: dict[str, str], index: int) -> tuple[str | None, str | None]:
    """Return (sheet, cell) of the first cell that shows shared string ``index`` (best effort)."""
    shows = re.compile(rb'<(?:[\w.-]+:)?c\s[^>]*?\br="([A-Za-z]{1,3}[0-9]{1,9})"[^>]*?\bt="s"[^>]*>\s*'
                       rb"<(?:[\w.-]+:)?v>\s*" + str(index).encode() + rb"\s*<")
    for sheet_name, part in sheets.items():
        try:
            m = shows.search(archive.read(part))
        except KeyError:
            continue
        if m:
            return sheet_name, m.group(1).decode().upper()
    return None, None


def is_sheet_part(part: str) -> bool:
    """Return True for the zip parts that may hold a sheet (the only ones a workbook's sheets may use)."""
    return part.startswith(("xl/worksheets/", "xl/chartsheets/")) and part.lower().endswith(".xml")


def _shown(raw: bytes) -> str:
    text = raw[:24].decode("utf-8", "replace")
    return repr(text) + ("..." if len(raw) > 24 else "")


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - 64
    return number


class _Grid:
    """Finds the first row number or cell reference outside the sheet grid in one worksheet part,
    fed in chunks (a tag cut by a chunk's end is kept for the next one).

    The fast check only vouches for tags of the usual form; when it meets another (no ``r``, other
    attributes first, odd quoting), ``unusual`` is set and the part must be fed again to a careful
    ``_Grid``, which reads every tag's attributes and counts rows and cells as openpyxl does.
    """

    def __init__(self, careful: bool = False):
        self.careful = careful
        self.carry = b""
        self.row = 0
        self.col = 0
        self.unusual = False
        #: (what is wrong, cell or row reference or None)
        self.problem: tuple[str, str | None] | None = None

    def feed(self, data: bytes) -> None:
        if self.problem is not None:
            return
        buf = self.carry + data if self.carry else data
        end = len(buf)
        lt = buf.rfind(b"<")
        if lt >= 0 and not _WHOLE_TAG.match(buf, lt):
            end = lt  # an unfinished tag: scan it with the next chunk
        self.carry = buf[end:]
        if len(self.carry) > _MAX_TAG:
            self.problem = ("a sheet holds an XML tag longer than 1 MB", None)
            return
        self._scan(buf, end)

    def close(self) -> None:
        if self.carry and self.problem is None:
            carry, self.carry = self.carry, b""
            self._scan(carry, len(carry))

    def _scan(self, buf: bytes, end: int) -> None:
        """Check the dimension, then (careful) every row and cell tag of ``buf[:end]``, or (fast) that
        every tag is of the usual form; set ``problem`` or ``unusual``."""
        self._scan_dimension(buf, end)
        if self.problem is not None:
            return
        if not self.careful:
            if not all(_PLAIN.findall(buf, 0, end)):
                self.unusual = True
            return
        self._scan_tags(buf, end)

    def _scan_dimension(self, buf: bytes, end: int) -> None:
        """Check the references of the sheet's dimension tags in ``buf[:end]`` (stops at a problem)."""
        for m in _DIMENSION.finditer(buf, 0, end) if buf.find(b"dimension", 0, end) >= 0 else ():
            attrs = self._attrs(m.group(1))
            if attrs is not None and b"ref" in attrs:
                for part in attrs[b"ref"].split(b":"):
                    self._ref(part, "the sheet's dimension")
            if self.problem is not None:
                return

    def _scan_tags(self, buf: bytes, end: int) -> None:
        """Count and check every row and cell tag of ``buf[:end]`` (stops at a problem)."""
        for m in _TAG.finditer(buf, 0, end):
            attrs = self._attrs(m.group(2))
            if attrs is None:
                return
            r = attrs.get(b"r")
            if m.group(1) == b"row":
                self._row(r)
            elif r is None:
                self._next_cell()
            else:
                col = self._ref(r, "a cell")
                if col is not None:
                    self.col = col
            if self.problem is not None:
                return

    def _row(self, r: bytes | None) -> None:
        """Start a row (numbered ``r``, else the one after the last); set problem when it is outside the grid."""
        self.col = 0
        if r is None:
            self.row += 1
        elif not (r.isdigit() and len(r) <= 12):
            self.problem = (f"the row number {_shown(r)} is not a row number", None)
            return
        else:
            self.row = int(r)
        if not 1 <= self.row <= L.MAX_ROWS:
            self.problem = (f"row {self.row:,} is outside the sheet (rows 1 to {L.MAX_ROWS:,})",
                            f"{self.row}:{self.row}")

    def _next_cell(self) -> None:
        """Count a cell without a reference; set problem when the row has more cells than the grid."""
        self.col += 1
        if self.col > L.MAX_COLUMNS:
            self.problem = (f"row {self.row:,} has more than {L.MAX_COLUMNS:,} cells (columns A to XFD)",
                            f"{self.row}:{self.row}")

    def _ref(self, raw: bytes, what: str) -> int | None:
        """Check one cell reference; return its column number, or None (and set problem)."""
        m = _REF.fullmatch(raw.decode("ascii", "replace"))
        if m is None:
            self.problem = (f"{what} has the reference {_shown(raw)}, which is not a cell", None)
            return None
        col, row = _column_number(m.group(1)), int(m.group(2))
        if col > L.MAX_COLUMNS or not 1 <= row <= L.MAX_ROWS:
            ref = m.group(0).upper()
            self.problem = (f"{what} {ref} is outside the sheet (columns A to XFD, rows 1 to {L.MAX_ROWS:,})", ref)
            return None
        return col

    def _attrs(self, body: bytes) -> dict[bytes, bytes] | None:
        """Return a tag's attributes, or None (and set problem) when they cannot be read."""
        out: dict[bytes, bytes] = {}
        pos = 0
        while m := _ATTR.match(body, pos):
            key = m.group(1)
            if key in out:
                self.problem = (f"a tag repeats the attribute {_shown(key)}", None)
                return None
            out[key] = m.group(2) if m.group(2) is not None else m.group(3)
            pos = m.end()
        if not _ATTRS_END.fullmatch(body, pos):
            self.problem = (f"a tag has unreadable attributes ({_shown(body[pos:])})", None)
            return None
        return out


def header_columns(sheet: Any, columns: tuple[str, ...]) -> dict[str, int]:
    """Return the index of each of ``columns`` in the sheet's header row, by key (the first of equals)."""
    rows = bounded_rows(sheet, L.MAX_COLUMNS)
    header = next(rows, ())
    rows.close()
    index: dict[str, int] = {}
    for i, cell in enumerate(header):
        key = L.cell_text(cell.value).casefold()
        if key in columns and key not in index:
            index[key] = i
    return index
