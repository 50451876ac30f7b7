"""Text formats for people who paste into reports: Markdown tables, and spreadsheet-safe CSV cells."""

from __future__ import annotations

import pandas as pd

#: Characters a spreadsheet program treats as the start of a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def markdown_escape(value: object) -> str:
    """Return a value as text that cannot break a Markdown table (pipes, newlines, HTML, backticks)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    text = str(value).replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    for ch in ("\\", "|", "`", "*", "_", "[", "]", "<", ">"):
        text = text.replace(ch, "\\" + ch)
    return text


def markdown_table(frame: pd.DataFrame, index: bool = True) -> str:
    """Return a DataFrame as a GitHub-flavoured Markdown table (every cell escaped)."""
    data = frame.reset_index() if index and frame.index.name is not None else frame
    header = [markdown_escape(c) for c in data.columns]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    for row in data.itertuples(index=False):
        lines.append("| " + " | ".join(markdown_escape(v) for v in row) + " |")
    return "\n".join(lines) + "\n"


def neutralise_formula(value: object) -> object:
    """Return text that no spreadsheet program evaluates: a leading ``= + - @`` or tab gets a ``'`` prefix."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of a frame whose text cells are neutralised against formula injection."""
    out = frame.copy()
    for col in out.columns:
        series = out[col]
        if isinstance(series.dtype, pd.StringDtype):  # text only: one vectorised pass
            risky = series.str.startswith(FORMULA_PREFIXES).fillna(False).astype(bool)
            if risky.any():
                out[col] = series.mask(risky, "'" + series)
        elif series.dtype == object or pd.api.types.is_string_dtype(series):
            out[col] = series.map(neutralise_formula)
    return out
