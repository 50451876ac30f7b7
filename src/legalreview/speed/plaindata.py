"""Plain data for the cache: values written as JSON and tables as typed columns, never code.

The cache keeps what parsing and checking a file produced so that the next command does not
parse it again. It keeps it as data only (``shared/DESIGN.md``: "caches hold data, never code"):
reading a cache file can make strings, numbers, dates, lists, tuples and dicts, and typed
columns of a table, nothing else. Models are made again from that data by validating it, exactly
as parsing the file does (see :class:`legalreview.speed.load.WorkspaceCache`).

- :func:`dumps` / :func:`loads`: None, bool, int, float, str, list, tuple, dict (keys of those
  kinds), ``datetime.date``, ``datetime.datetime`` and ``datetime.time`` as UTF-8 JSON. JSON has no
  tuple, date or non-text key, so those are written as one-key objects whose key starts with a NUL
  character (which a key of the data never does: a dict with such a key is written as pairs).
  Anything else (a subclass, a set, an object) raises ``TypeError``: it is never written.
- :func:`frame_bytes` / :func:`frame_from`: a DataFrame of text, float, integer, boolean, nullable
  boolean and ``datetime64[ns]`` columns (text columns as codes into their distinct values), with
  a plain header (``meta``) beside it.

A file this module cannot read raises ``ValueError`` (or ``TypeError``, ``KeyError``,
``RecursionError``); the cache treats every such file as missing.
"""

from __future__ import annotations

import datetime as dt
import json
import struct
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

_DATE, _DATETIME, _TIME, _TUPLE, _PAIRS = "\x00d", "\x00t", "\x00h", "\x00u", "\x00m"


def _plain(value: Any) -> Any:
    kind = type(value)
    if kind is str or kind is int or kind is float or kind is bool or value is None:
        return value
    if kind is dict:
        if all(type(k) is str and not k.startswith("\x00") for k in value):
            return {k: _plain(v) for k, v in value.items()}
        return {_PAIRS: [[_plain(k), _plain(v)] for k, v in value.items()]}
    if kind is list:
        return [_plain(v) for v in value]
    if kind is tuple:
        return {_TUPLE: [_plain(v) for v in value]}
    if kind is dt.datetime:
        return {_DATETIME: value.isoformat()}
    if kind is dt.date:
        return {_DATE: value.isoformat()}
    if kind is dt.time:
        return {_TIME: value.isoformat()}
    raise TypeError(f"the cache holds plain data only, not {kind.__name__}")


def _pairs(pairs: list[list[Any]]) -> dict[Any, Any]:
    return {key: value for key, value in pairs}


_TAGS: dict[str, Callable[[Any], Any]] = {
    _DATE: dt.date.fromisoformat, _DATETIME: dt.datetime.fromisoformat, _TIME: dt.time.fromisoformat,
    _TUPLE: tuple, _PAIRS: _pairs,
}


def _hook(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        for key, value in obj.items():
            if key.startswith("\x00"):
                return _TAGS[key](value)  # an unknown tag is a KeyError: the file is not ours
    return obj


def dumps(value: Any) -> bytes:
    """Return ``value`` as UTF-8 JSON that :func:`loads` reads back equal (same types)."""
    return json.dumps(_plain(value), separators=(",", ":")).encode("ascii")


def loads(data: bytes | memoryview) -> Any:
    """Return the value :func:`dumps` wrote (never anything but plain data)."""
    return json.loads(bytes(data), object_hook=_hook)


# ------------------------------------------------------------------ tables

_MAGIC = b"LRF1"
_HEAD = struct.Struct("<Q")
#: column kind -> (the numpy type of its stored values)
_STORED: dict[str, np.dtype[Any]] = {
    "str": np.dtype("<i4"), "float64": np.dtype("<f8"), "int64": np.dtype("<i8"), "bool": np.dtype("u1"),
    "boolean": np.dtype("i1"), "datetime64[ns]": np.dtype("<i8"),
}


def _kind(series: pd.Series) -> str:
    dtype = series.dtype
    if isinstance(dtype, pd.StringDtype) or pd.api.types.is_object_dtype(dtype):
        return "str"
    if isinstance(dtype, pd.BooleanDtype):
        return "boolean"
    name = str(dtype)
    if name in _STORED:
        return name
    raise TypeError(f"the cache does not keep columns of type {name}")


def _column(series: pd.Series, kind: str) -> list[bytes]:
    """Return the parts a column is stored as: its values; for text, the code of each row's value,
    the length (in characters) of each distinct value and the distinct values as one UTF-8 text."""
    if kind == "str":
        codes, uniques = pd.factorize(series.to_numpy(dtype=object), sort=False)
        values = uniques.tolist()
        if (codes < 0).any() or not all(type(v) is str for v in values):
            raise TypeError(f"column {series.name!r} holds something other than text")
        text = "\0".join(values)
        if text.count("\0") + 1 == len(values):  # no value holds a NUL: the text splits back at them
            lengths = b""
        else:
            lengths = np.fromiter(map(len, values), dtype="<i8", count=len(values)).tobytes()
            text = "".join(values)
        return [codes.astype("<i4").tobytes(), lengths, text.encode("utf-8", "surrogatepass")]
    if kind == "boolean":
        stored = np.where(series.isna().to_numpy(), -1, series.fillna(False).to_numpy(dtype=bool)).astype("i1")
    elif kind == "datetime64[ns]":
        stored = series.to_numpy(dtype="datetime64[ns]").view("<i8")
    else:
        stored = series.to_numpy(dtype=_STORED[kind])
    return [np.ascontiguousarray(stored, dtype=_STORED[kind]).tobytes()]


def frame_bytes(frame: pd.DataFrame, meta: dict[str, Any]) -> bytes:
    """Return ``frame`` (its columns, not its index) and the plain ``meta`` as bytes for :func:`frame_from`."""
    columns, buffers = [], []
    for name in frame.columns:
        if type(name) is not str:
            raise TypeError("the cache keeps tables with text column names only")
        kind = _kind(frame[name])
        parts = _column(frame[name], kind)
        columns.append({"name": name, "kind": kind, "parts": [len(p) for p in parts]})
        buffers.extend(parts)
    head = dumps({"meta": meta, "rows": len(frame), "columns": columns})
    return b"".join([_MAGIC, _HEAD.pack(len(head)), head, *buffers])


def frame_from(blob: bytes | memoryview) -> tuple[dict[str, Any], pd.DataFrame]:
    """Return (meta, frame) as :func:`frame_bytes` wrote them (index 0..n-1); ``ValueError`` when
    the bytes are not such a table."""
    view = memoryview(blob)
    if bytes(view[:len(_MAGIC)]) != _MAGIC or len(view) < len(_MAGIC) + _HEAD.size:
        raise ValueError("not a table of the cache")
    start = len(_MAGIC) + _HEAD.size
    (length,) = _HEAD.unpack(view[len(_MAGIC):start])
    head = loads(view[start:start + length])
    rows, offset = head["rows"], start + length
    if type(rows) is not int or rows < 0 or type(head["meta"]) is not dict:
        raise ValueError("the table's header is damaged")
    out: dict[str, Any] = {}
    for column in head["columns"]:
        name, kind, sizes = column["name"], column["kind"], column["parts"]
        if type(name) is not str or name in out or kind not in _STORED \
                or len(sizes) != (3 if kind == "str" else 1) or not all(type(n) is int and n >= 0 for n in sizes):
            raise ValueError(f"column {name!r} of the table is damaged")
        parts = []
        for size in sizes:
            parts.append(view[offset:offset + size])
            offset += size
        stored = np.frombuffer(parts[0], dtype=_STORED[kind])  # the kind picks the type, never the data
        if len(stored) != rows:
            raise ValueError(f"column {name!r} of the table is damaged")
        out[name] = _text(stored, parts[1], parts[2]) if kind == "str" else _series(stored, kind)
    if offset != len(view):
        raise ValueError("the table has bytes left over")
    return head["meta"], pd.DataFrame(out, index=pd.RangeIndex(rows))


def _text(codes: np.ndarray, lengths_part: memoryview, text_part: memoryview) -> Any:
    """Return a text column from its codes and its distinct values: their text joined by NULs, or
    (when a value holds a NUL) their text and the length of each."""
    text = bytes(text_part).decode("utf-8", "surrogatepass")
    if not len(lengths_part):
        split = text.split("\0") if len(codes) else []
        values = np.empty(len(split), dtype=object)
        values[:] = split
    else:
        lengths = np.frombuffer(lengths_part, dtype="<i8")
        if (lengths < 0).any() or int(lengths.sum()) != len(text):
            raise ValueError("a text column of the table is damaged")
        ends = np.cumsum(lengths).tolist()
        values = np.empty(len(ends), dtype=object)
        values[:] = [text[a:b] for a, b in zip([0, *ends[:-1]], ends)]
    if len(codes) and (codes.min() < 0 or codes.max() >= len(values)):
        raise ValueError("a text column of the table points past its values")
    return pd.array(values[codes], dtype=str)


def _series(stored: np.ndarray, kind: str) -> Any:
    if kind == "boolean":
        return pd.arrays.BooleanArray(stored == 1, stored < 0)
    if kind == "bool":
        return stored.astype(bool)
    if kind == "datetime64[ns]":
        return stored.view("datetime64[ns]").copy()
    return stored.copy()
