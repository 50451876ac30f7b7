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
_STORED: dict[str, np.dtype[Any]] = {"str": np.dtype("<i4"), "float64": np.dtype("<f8"), "int64": np.dtype("<i8"), "bool": np.dtype("u1"),
           "boolean": np.dtype("i1"), "datetime64[ns]": np.dtype("<i8")}


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


def _column(series: pd.Series, kind: str) -> tuple[np.ndarray, dict[str, Any]]:
    """Return the stored values of a column and what its header says about them."""
    if kind == "str":
        codes, uniques = pd.factorize(series.to_numpy(dtype=object), sort=False)
        values = uniques.tolist()
        if (codes < 0).any() or not all(type(v) is str for v in values):
            raise TypeError(f"column {series.name!r} holds something other than text")
        return codes.astype("<i4"), {"values": values}
    if kind == "boolean":
        return np.where(series.isna().to_numpy(), -1, series.fillna(False).to_numpy(dtype=bool)).astype("i1"), {}
    if kind == "datetime64[ns]":
        return series.to_numpy(dtype="datetime64[ns]").view("<i8"), {}
    return series.to_numpy(dtype=_STORED[kind]), {}


def frame_bytes(frame: pd.DataFrame, meta: dict[str, Any]) -> bytes:
    """Return ``frame`` (its columns, not its index) and the plain ``meta`` as bytes for :func:`frame_from`."""
    columns, buffers = [], []
    for name in frame.columns:
        if type(name) is not str:
            raise TypeError("the cache keeps tables with text column names only")
        kind = _kind(frame[name])
        stored, extra = _column(frame[name], kind)
        data = np.ascontiguousarray(stored, dtype=_STORED[kind]).tobytes()
        columns.append({"name": name, "kind": kind, "size": len(data), **extra})
        buffers.append(data)
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
        name, kind, size = column["name"], column["kind"], column["size"]
        stored = np.frombuffer(view[offset:offset + size], dtype=_STORED[kind])  # the kind picks the type
        offset += size
        if len(stored) != rows or type(name) is not str or name in out:
            raise ValueError(f"column {name!r} of the table is damaged")
        out[name] = _series(stored, kind, column)
    if offset != len(view):
        raise ValueError("the table has bytes left over")
    return head["meta"], pd.DataFrame(out, index=pd.RangeIndex(rows))


def _series(stored: np.ndarray, kind: str, column: dict[str, Any]) -> Any:
    if kind == "str":
        values = column["values"]
        if type(values) is not list:  # a value that is not text is made text (pandas' str type)
            raise ValueError("a text column of the table is damaged")
        if len(stored) and (stored.min() < 0 or stored.max() >= len(values)):
            raise ValueError("a text column of the table points past its values")
        return pd.array(np.array(values, dtype=object)[stored] if values else np.array([], dtype=object),
                        dtype=str)
    if kind == "boolean":
        return pd.arrays.BooleanArray(stored == 1, stored < 0)
    if kind == "bool":
        return stored.astype(bool)
    if kind == "datetime64[ns]":
        return stored.view("datetime64[ns]").copy()
    return stored.copy()
