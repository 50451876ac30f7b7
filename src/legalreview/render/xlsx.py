"""A small, direct OOXML writer: a workbook of plain tables, built in memory as bytes.

The site's ``data/review.xlsx`` is rebuilt on every answer change, and openpyxl (a cell object per
value, a temporary file per sheet, a second zip pass for fixed dates) is slow at 10,000 countries.
This writer builds each sheet's XML by joining strings and zips the parts itself, so the output is
byte-identical for identical input: fixed entry timestamps, a fixed entry order with
``[Content_Types].xml`` first, no theme, no shared strings.

The cells follow the rule of :mod:`legalreview.spreadsheet.cells`: text is XML-escaped, loses the
characters XML cannot hold and is cut at Excel's cell limit (:func:`~.formats.safe_cell_value`), is
written as an inline string (never a formula: no ``<f>`` element is ever written), and text that
:func:`~.formats.starts_like_formula` also gets a ``quotePrefix`` style, like
:func:`~legalreview.spreadsheet.cells.put` sets. Numbers are numbers, booleans booleans, dates and
times ISO text, None and NaN (and pandas' NA) empty cells.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import struct
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .formats import safe_cell_value, starts_like_formula

#: Fixed timestamp of every zip entry (the zip format's earliest date).
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
#: Row styles (each also has a ``quotePrefix`` twin, see :func:`_style_xfs`).
PLAIN, TITLE, HEADER = 0, 1, 2
#: Header fill colour (RGB).
HEADER_FILL = "1F3A5F"

_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
#: Characters a sheet name cannot hold (Excel refuses them).
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]+)")


@dataclass
class Sheet:
    """One sheet: rows of ``(style, values)`` from row 1 on (``style`` one of PLAIN, TITLE, HEADER),
    column widths from column A on, the top-left cell of the scrolling pane (``freeze``, e.g. "D4")
    and the autofilter range (``auto_filter``, e.g. "A3:M8"). ``xml``: the sheet's part when it is
    already made (:func:`sheet_xml` of the same sheet; ``rows`` are then not read)."""

    name: str
    rows: Iterable[tuple[int, Sequence[Any]]]
    widths: Sequence[float] = ()
    freeze: str | None = None
    auto_filter: str | None = None
    convert: Callable[[Any], Any] | None = field(default=None, repr=False)
    xml: bytes | None = field(default=None, repr=False)
    #: the sheet's part as stored in the zip (:func:`pack` of its ``xml``), when it is already packed
    packed: Packed | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Packed:
    """A part of a zip as stored: its raw DEFLATE stream, and the CRC-32 and size of what it inflates to."""

    data: bytes
    crc: int
    size: int


def pack(body: bytes) -> Packed:
    """Return a part as :func:`zip_parts` stores it (compressed as :mod:`zipfile` compresses at its default
    level: the same bytes)."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return Packed(compressor.compress(body) + compressor.flush(), zlib.crc32(body), len(body))


def column_letter(index: int) -> str:
    """Return the letters of a 1-based column index (1 -> A, 27 -> AA)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index


def escape(text: str) -> str:
    """Return text for XML element content or a double-quoted attribute (CR kept as a reference, so
    that a parser's line-end normalisation cannot change it)."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\r", "&#13;"))


def sheet_name(name: str, taken: set[str]) -> str:
    """Return a valid, unique sheet name: no ``[]:*?/\\``, no leading or trailing apostrophe, at most
    31 characters, not empty (``Sheet<n>``) and not one in ``taken`` (compared as Excel does, ignoring
    case); the name is added to ``taken``."""
    base = _SHEET_NAME_BAD.sub("", str(safe_cell_value(name))).strip("'")[:31] or f"Sheet{len(taken) + 1}"
    candidate, n = base, 1
    while candidate.lower() in taken:
        n += 1
        candidate = base[:31 - len(str(n))] + str(n)
    taken.add(candidate.lower())
    return candidate


def _text_cell(value: str, style: int) -> str:
    """Return the part of a ``<c>`` element after ``r="..."`` for a text value ("" for an empty cell)."""
    text = safe_cell_value(value)
    if not text:
        return ""
    s = 2 * style + (1 if starts_like_formula(text) else 0)
    attr = f' s="{s}"' if s else ""
    return f'{attr} t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'


def _value_cell(value: Any, style: int, convert: Callable[[Any], Any] | None) -> str:
    """Return the part of a ``<c>`` element after ``r="..."`` for any value ("" for an empty cell)."""
    kind = type(value)
    attr = f' s="{2 * style}"' if style else ""
    if kind is bool:
        return f'{attr} t="b"><v>{1 if value else 0}</v></c>'
    if kind is int:
        return f'{attr} t="n"><v>{int.__repr__(value)}</v></c>'
    if kind is float:
        if math.isfinite(value):
            return f'{attr} t="n"><v>{float.__repr__(value)}</v></c>'
        return "" if value != value else _text_cell(str(value), style)
    if value is None:
        return ""
    if isinstance(value, str):
        return _text_cell(str(value), style)
    if isinstance(value, (dt.date, dt.datetime)):
        return _text_cell(value.isoformat(), style)
    if convert is not None:
        converted = convert(value)
        if converted is not value:
            return _value_cell(converted, style, None)
    if _is_missing(value):
        return ""
    if hasattr(value, "item"):  # a numpy scalar
        return _value_cell(value.item(), style, None)
    return _text_cell(str(value), style)


def _is_missing(value: Any) -> bool:
    """Return True for pandas' NA and NaT (without importing pandas)."""
    return type(value).__name__ in ("NAType", "NaTType")


def _sheet_data(sheet: Sheet) -> tuple[str, int, int]:
    """Return the ``<sheetData>`` element of a sheet, its number of rows and of columns."""
    letters: list[str] = []
    cache: dict[tuple[str, int], str] = {}  # (text, style) -> cell tail: answers and regions repeat
    convert = sheet.convert
    parts = ["<sheetData>"]
    last_row = width = 0
    for last_row, (style, values) in enumerate(sheet.rows, start=1):
        if len(values) > len(letters):
            letters = [column_letter(i) for i in range(1, len(values) + 1)]
        width = max(width, len(values))
        row = str(last_row)
        cells = []
        for letter, value in zip(letters, values):
            if type(value) is str:
                key = (value, style)
                tail = cache.get(key)
                if tail is None:
                    tail = cache[key] = _text_cell(value, style)
            else:
                tail = _value_cell(value, style, convert)
            if tail:
                cells.append(f'<c r="{letter}{row}"{tail}')
        parts.append(f'<row r="{row}">{"".join(cells)}</row>' if cells else f'<row r="{row}"/>')
    parts.append("</sheetData>")
    return "".join(parts), last_row, width


def _sheet_view(freeze: str | None) -> str:
    if not freeze:
        return '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
    match = _CELL_REF.fullmatch(freeze)
    if not match:
        raise ValueError(f"not a cell reference: {freeze!r}")
    x, y = _column_index(match.group(1)) - 1, int(match.group(2)) - 1
    split = (f' xSplit="{x}"' if x else "") + (f' ySplit="{y}"' if y else "")
    pane = "bottomRight" if x and y else "topRight" if x else "bottomLeft"
    selections = "".join(f'<selection pane="{p}"/>' for p in ("topRight", "bottomLeft") if x and y)
    return (f'<sheetViews><sheetView workbookViewId="0"><pane{split} topLeftCell="{freeze}" '
            f'activePane="{pane}" state="frozen"/>{selections}'
            f'<selection pane="{pane}" activeCell="{freeze}" sqref="{freeze}"/></sheetView></sheetViews>')


def sheet_xml(sheet: Sheet) -> bytes:
    """Return the worksheet part of one sheet."""
    data, rows, width = _sheet_data(sheet)
    dimension = f"A1:{column_letter(max(width, 1))}{max(rows, 1)}"
    cols = "".join(f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>'
                   for i, w in enumerate(sheet.widths, start=1))
    parts = [_DECL, f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">', f'<dimension ref="{dimension}"/>',
             _sheet_view(sheet.freeze), '<sheetFormatPr defaultRowHeight="15"/>',
             f"<cols>{cols}</cols>" if cols else "", data,
             f'<autoFilter ref="{escape(sheet.auto_filter)}"/>' if sheet.auto_filter else "",
             '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/></worksheet>']
    return "".join(parts).encode("utf-8")


def _style_xfs() -> str:
    """Return ``<cellXfs>``: PLAIN, TITLE and HEADER at 2 * style, each with its quotePrefix twin after it."""
    bases = ['numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"',
             'numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"',
             'numFmtId="0" fontId="2" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" '
             'applyAlignment="1"']
    inner = ["", "", '<alignment vertical="top" wrapText="1"/>']
    xfs = []
    for base, body in zip(bases, inner):
        for quote in ("", ' quotePrefix="1"'):
            xfs.append(f"<xf {base}{quote}>{body}</xf>" if body else f"<xf {base}{quote}/>")
    return f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'


def styles_xml() -> bytes:
    """Return the styles part: the default font, a bold 13 pt title, a bold white header on a dark fill."""
    return (f'{_DECL}<styleSheet xmlns="{_MAIN}">'
            '<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
            '<font><b val="1"/><sz val="13"/></font><font><b val="1"/><color rgb="00FFFFFF"/></font></fonts>'
            '<fills count="3"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill>'
            f'<fill><patternFill patternType="solid"><fgColor rgb="00{HEADER_FILL}"/></patternFill></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'{_style_xfs()}<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            '</styleSheet>').encode()


def _quoted_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _absolute(ref: str) -> str:
    """Return "A3:M8" as "$A$3:$M$8"."""
    return ":".join(_CELL_REF.sub(r"$\1$\2", part) for part in ref.split(":"))


def workbook_xml(names: Sequence[str], filters: Sequence[str | None]) -> bytes:
    """Return the workbook part: the sheets, and the autofilters' hidden ``_xlnm._FilterDatabase`` names."""
    sheets = "".join(f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, 1))
    defined = "".join(f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
                      f"{escape(_quoted_sheet(n))}!{_absolute(f)}</definedName>"
                      for i, (n, f) in enumerate(zip(names, filters)) if f)
    return (f'{_DECL}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><workbookPr/>'
            '<bookViews><workbookView activeTab="0"/></bookViews>'
            f'<sheets>{sheets}</sheets>{f"<definedNames>{defined}</definedNames>" if defined else ""}'
            '</workbook>').encode()


def _relationships(rels: Sequence[tuple[str, str]]) -> bytes:
    body = "".join(f'<Relationship Id="rId{i}" Type="{kind}" Target="{target}"/>'
                   for i, (kind, target) in enumerate(rels, start=1))
    return f'{_DECL}<Relationships xmlns="{_PKG_REL}">{body}</Relationships>'.encode()


def _content_types(sheets: int) -> bytes:
    office = "application/vnd.openxmlformats-officedocument"
    overrides = [("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
                 *((f"/xl/worksheets/sheet{i}.xml", _CT_SHEET) for i in range(1, sheets + 1)),
                 ("/xl/styles.xml", f"{office}.spreadsheetml.styles+xml"),
                 ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
                 ("/docProps/app.xml", f"{office}.extended-properties+xml")]
    body = "".join(f'<Override PartName="{p}" ContentType="{c}"/>' for p, c in overrides)
    return (f'{_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{body}</Types>').encode()


def _core(creator: str, title: str, when: dt.datetime) -> bytes:
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    creator_el = f"<dc:creator>{escape(creator)}</dc:creator>" if creator else ""
    title_el = f"<dc:title>{escape(title)}</dc:title>" if title else ""
    return (f'{_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{creator_el}{title_el}'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>').encode()


def _app() -> bytes:
    return (f'{_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            '<Application>legalreview</Application></Properties>').encode()


def write_workbook(sheets: Iterable[Sheet], creator: str = "", title: str = "",
                   when: dt.datetime = dt.datetime(2000, 1, 1)) -> bytes:
    """Return the bytes of an .xlsx package holding ``sheets`` (byte-identical for identical input);
    ``creator``, ``title`` and ``when`` (created and modified) are the document properties."""
    return write_workbook_placed(sheets, creator, title, when)[0]


def write_workbook_placed(sheets: Iterable[Sheet], creator: str = "", title: str = "",
                          when: dt.datetime = dt.datetime(2000, 1, 1)) -> tuple[bytes, list[tuple[int, Packed]]]:
    """Return :func:`write_workbook` and, for each sheet, where its part's stored bytes start in it and the
    part as stored (a rebuild may take an unchanged sheet's stored bytes from there: no XML to make,
    nothing to compress)."""
    taken: set[str] = set()
    names: list[str] = []
    filters: list[str | None] = []
    parts: list[bytes | Packed] = []
    for sheet in sheets:
        names.append(sheet_name(sheet.name, taken))
        filters.append(sheet.auto_filter)
        parts.append(sheet.packed if sheet.packed is not None else sheet.xml if sheet.xml is not None
                     else sheet_xml(sheet))
    if not parts:  # a workbook needs a sheet
        names.append(sheet_name("Sheet1", taken))
        filters.append(None)
        parts.append(sheet_xml(Sheet("Sheet1", [])))
    rel = _REL + "/"
    entries: list[tuple[str, bytes | Packed]] = [
        ("[Content_Types].xml", _content_types(len(parts))),
        ("_rels/.rels", _relationships([(rel + "officeDocument", "xl/workbook.xml"),
                                        (_PKG_REL + "/metadata/core-properties", "docProps/core.xml"),
                                        (rel + "extended-properties", "docProps/app.xml")])),
        ("docProps/core.xml", _core(str(safe_cell_value(creator or "")), str(safe_cell_value(title or "")), when)),
        ("docProps/app.xml", _app()),
        ("xl/workbook.xml", workbook_xml(names, filters)),
        ("xl/_rels/workbook.xml.rels", _relationships(
            [*((rel + "worksheet", f"worksheets/sheet{i}.xml") for i in range(1, len(parts) + 1)),
             (rel + "styles", "styles.xml")])),
        ("xl/styles.xml", styles_xml()),
        *((f"xl/worksheets/sheet{i}.xml", body) for i, body in enumerate(parts, start=1)),
    ]
    data, placed = zip_placed(entries)
    return data, placed[len(entries) - len(parts):]


def zip_parts(entries: Iterable[tuple[str, bytes | Packed]]) -> bytes:
    """Return a zip of ``(name, bytes)`` entries in this order, with fixed dates and attributes."""
    return zip_placed(entries)[0]


#: The zip records :func:`zip_placed` writes (those :mod:`zipfile` writes): a part's local header, the
#: central directory's entry of a part, the end of the central directory.
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
#: Above this, a zip needs the ZIP64 records, which these workbooks never need.
_ZIP32_LIMIT = (1 << 31) - 1


def zip_placed(entries: Iterable[tuple[str, bytes | Packed]]) -> tuple[bytes, list[tuple[int, Packed]]]:
    """Return :func:`zip_parts` of ``entries`` (bytes, or a part already packed) and, for each entry, where its
    stored bytes start and the part as stored. The bytes are those :mod:`zipfile` writes for the same parts
    (DEFLATE at the default level, ZIP_EPOCH dates, made on Unix, mode 0644, no extra fields)."""
    epoch_time = ZIP_EPOCH[3] << 11 | ZIP_EPOCH[4] << 5 | (ZIP_EPOCH[5] // 2)
    epoch_date = (ZIP_EPOCH[0] - 1980) << 9 | ZIP_EPOCH[1] << 5 | ZIP_EPOCH[2]
    out: list[bytes] = []
    central: list[bytes] = []
    placed: list[tuple[int, Packed]] = []
    offset = 0
    for name, body in entries:
        part = body if isinstance(body, Packed) else pack(body)
        try:
            raw_name, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            raw_name, flags = name.encode("utf-8"), 0x800
        if part.size * 1.05 > _ZIP32_LIMIT or offset + len(part.data) > _ZIP32_LIMIT:
            raise ValueError(f"{name} is too large for a workbook (over 2 GB)")
        header = _LOCAL.pack(b"PK\x03\x04", 20, 0, flags, zlib.DEFLATED, epoch_time, epoch_date, part.crc,
                             len(part.data), part.size, len(raw_name), 0) + raw_name
        central.append(_CENTRAL.pack(b"PK\x01\x02", 20, 3, 20, 0, flags, zlib.DEFLATED, epoch_time, epoch_date,
                                     part.crc, len(part.data), part.size, len(raw_name), 0, 0, 0, 0, 0o644 << 16,
                                     offset) + raw_name)
        out += (header, part.data)
        placed.append((offset + len(header), part))
        offset += len(header) + len(part.data)
    directory = b"".join(central)
    out += (directory, _END.pack(b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), offset, 0))
    return b"".join(out), placed
