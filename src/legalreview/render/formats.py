"""Text formats for people who paste into reports: Markdown tables, and spreadsheet-safe CSV cells."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

#: Characters a spreadsheet program treats as the start of a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: The one rule for text that a spreadsheet program might evaluate: it starts with ``= + - @``
#: (or their full-width forms, which some input methods turn into formulas), possibly after
#: spaces or control characters that a program may trim, or it starts with a tab or CR.
_LEAD = "[\\s\\x00-\\x1f\\x7f\\u00a0\\u200b-\\u200f\\u2028-\\u202f\\u3000\\ufeff]*"
_SIGNS = "=+\\-@\\uff1d\\uff0b\\uff0d\\uff20"
FORMULA_LEAD = re.compile(f"{_LEAD}[{_SIGNS}]|[\\t\\r]")
#: The rule at the start of a line (of cells joined by line breaks); it can only err towards a match.
#: ... or a NUL anywhere (a CSV never carries one: the models refuse it, and :func:`safe_csv_frame`
#: drops any that slips through). The spaces before the sign stop at a line break: a cell whose
#: lead holds one still matches after its last, and a column of empty cells (a line break after
#: another) is searched in linear time, not quadratic.
_FORMULA_START = re.compile(f"\\n(?:(?:(?!\\n){_LEAD[:-1]})*[{_SIGNS}]|[\\t\\r])|\\x00")


#: Characters XML 1.0 (and so an .xlsx cell) cannot hold; openpyxl raises on them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
#: The most characters a cell holds (Excel's limit; openpyxl cuts longer text silently).
MAX_CELL_CHARS = 32767


def safe_cell_value(value: Any) -> Any:
    """Return a value as it can be stored in an XLSX cell: text without the control characters XML
    cannot hold (they are dropped), cut at Excel's cell limit; other values unchanged."""
    if isinstance(value, str):
        if _XML_ILLEGAL.search(value):
            value = _XML_ILLEGAL.sub("", value)
        return value[:MAX_CELL_CHARS]
    return value


def starts_like_formula(text: str) -> bool:
    """Return True when a spreadsheet program could read ``text`` as a formula (see FORMULA_LEAD).

    Every writer of CSV or XLSX cells goes through this rule: :func:`neutralise_formula` (CSV and
    text) and :mod:`legalreview.spreadsheet.cells` (XLSX cells).
    """
    return FORMULA_LEAD.match(text) is not None


#: Line breaks, controls and invisible reordering characters: a space in Markdown (the models refuse
#: them in values already; this keeps any that slip through from ending a table row or a link).
_MD_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: Characters percent-encoded in a Markdown link target: whatever could end the target ``(...)``,
#: the link text, an autolink ``<...>`` or an HTML attribute, and any whitespace or control.
_MD_URL_UNSAFE = re.compile("[\\s\"'<>\\\\`()\\[\\]{}|^\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def markdown_escape(value: object) -> str:
    """Return a value as text that cannot break a Markdown table or start a link (pipes, newlines,
    HTML, backticks, brackets): the one escaping of text in every Markdown we write."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    text = _MD_BREAKS.sub(" ", str(value).replace("\r\n", " "))
    for ch in ("\\", "|", "`", "*", "_", "[", "]", "<", ">"):
        text = text.replace(ch, "\\" + ch)
    return text


def markdown_url(value: object) -> str:
    """Return a URL for a Markdown link target ``[text](url)`` or autolink ``<url>``: characters that
    could end the target or start another link are percent-encoded (valid URLs have none; see
    :func:`legalreview.models.url_problem`), so no value can close the link or add a second one."""
    if value is None:
        return ""
    return _MD_URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), str(value))


def markdown_table(frame: pd.DataFrame, index: bool = True) -> str:
    """Return a DataFrame as a GitHub-flavoured Markdown table (every cell escaped)."""
    data = frame.reset_index() if index and frame.index.name is not None else frame
    header = [markdown_escape(c) for c in data.columns]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    for row in data.itertuples(index=False):
        lines.append("| " + " | ".join(markdown_escape(v) for v in row) + " |")
    return "\n".join(lines) + "\n"


def neutralise_formula(value: object) -> object:
    """Return text that no spreadsheet program evaluates: text that :func:`starts_like_formula` gets a
    ``'`` prefix."""
    if isinstance(value, str) and starts_like_formula(value):
        return "'" + value
    return value


def _is_text(series: pd.Series) -> bool:
    return (isinstance(series.dtype, pd.StringDtype) or series.dtype == object
            or pd.api.types.is_string_dtype(series))


def _csv_cell(value: object) -> object:
    """Return a cell as it may go into a CSV: no formula start, no NUL."""
    if isinstance(value, str) and "\x00" in value:
        value = value.replace("\x00", "")
    return neutralise_formula(value)


def _may_hold_formula(series: pd.Series) -> bool:
    """Return False when no text cell of a column starts with a formula prefix or holds a NUL (True when one might:
    a cheap test over the column joined into one text, which a line break inside a cell can fool
    only towards True)."""
    values = series.tolist()
    try:
        joined = "\n" + "\n".join(values)
    except TypeError:  # not only text (missing cells)
        joined = "\n" + "\n".join(v for v in values if isinstance(v, str))
    return _FORMULA_START.search(joined) is not None


def formula_columns(frame: pd.DataFrame) -> list[str]:
    """Return the text columns of a frame that :func:`safe_csv_frame` may have to change (the others
    hold no cell that starts like a formula)."""
    return [col for col in frame.columns if _is_text(frame[col]) and _may_hold_formula(frame[col])]


def safe_csv_frame(frame: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """Return a copy of a frame whose text cells are neutralised against formula injection and hold
    no NUL (in ``columns`` only, when given: e.g. those of :func:`formula_columns`)."""
    out = frame.copy()
    for col in out.columns if columns is None else columns:
        series = out[col]
        if isinstance(series.dtype, pd.StringDtype):  # text only: one vectorised pass
            if series.str.contains("\x00", regex=False).fillna(False).any():
                series = series.str.replace("\x00", "", regex=False)
            risky = series.str.match(FORMULA_LEAD).fillna(False).astype(bool)
            out[col] = series.mask(risky, "'" + series) if risky.any() else series
        elif series.dtype == object or pd.api.types.is_string_dtype(series):
            out[col] = series.map(_csv_cell)
    return out
