"""Writing XLSX cells that no spreadsheet program evaluates, whatever text a review holds.

Every workbook legalreview writes with openpyxl (``export-xlsx``, ``packet``) sets its cells with
:func:`put` and is saved by :func:`save_workbook`, the one place that guarantees the rule (the
site's ``data/review.xlsx`` is written without openpyxl, by :mod:`legalreview.render.xlsx`, to the
same rule): a text cell is stored as text (openpyxl type ``s``, never a formula ``f`` or an error
``e``), and text that :func:`~legalreview.render.formats.starts_like_formula` is also marked
``quotePrefix`` (Excel's leading apostrophe), so that editing the cell cannot turn it into a
formula either. The text itself is kept as it is, so an exported workbook still round-trips.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment

from ..render.formats import MAX_CELL_CHARS, safe_cell_value, starts_like_formula

__all__ = ["MAX_CELL_CHARS", "neutralise_workbook", "put", "put_row", "safe_cell_value", "save_workbook",
           "styled_cell"]


def _inert(cell: Any) -> None:
    """Make a cell holding text literal text (type ``s``), with quotePrefix when it looks like a formula."""
    value = cell.value
    if isinstance(value, str):
        cell.data_type = "s"
        if starts_like_formula(value) and not cell.quotePrefix:
            cell.quotePrefix = True


def put(cell: Any, value: Any) -> Any:
    """Set a cell to ``value``; text is stored as literal text that no spreadsheet program evaluates."""
    cell.value = safe_cell_value(value)
    _inert(cell)
    return cell


def styled_cell(sheet: Any, value: Any, fill: Any = None, font: Any = None, alignment: Any = None,
                protection: Any = None, comment: str | None = None) -> Any:
    """Return a new cell of ``sheet`` for ``sheet.append`` (in memory or write-only), holding ``value``
    as :func:`put` stores it ("" as an empty cell), with these styles and an optional comment."""
    cell = put(WriteOnlyCell(sheet), value if value != "" else None)
    if fill is not None:
        cell.fill = fill
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    if protection is not None:
        cell.protection = protection
    if comment:
        cell.comment = Comment(comment, "legalreview")
    return cell


def put_row(sheet: Any, row: int, values: Iterable[Any], column: int = 1) -> list[Any]:
    """Set the cells of one row from ``column`` on (see :func:`put`) and return them."""
    return [put(sheet.cell(row=row, column=c), v) for c, v in enumerate(values, start=column)]


def neutralise_workbook(book: Any) -> int:
    """Make every text or formula cell of every sheet inert (see :func:`put`); return how many cells
    had to change (0 when every writer used :func:`put`)."""
    changed = 0
    for sheet in book.worksheets:
        for cell in getattr(sheet, "_cells", {}).values():  # the cells that exist, without padding
            if cell.data_type == "f" or (cell.data_type == "e" and isinstance(cell.value, str)):
                if not isinstance(cell.value, str):  # a formula object: keep its text, as text
                    cell.value = safe_cell_value(str(getattr(cell.value, "text", cell.value)))
                cell.data_type = "s"
                changed += 1
            if isinstance(cell.value, str) and starts_like_formula(cell.value) and not cell.quotePrefix:
                changed += 1
            _inert(cell)
    return changed


def save_workbook(book: Any) -> bytes:
    """Return the bytes of a workbook after :func:`neutralise_workbook`: every writer saves here."""
    neutralise_workbook(book)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
