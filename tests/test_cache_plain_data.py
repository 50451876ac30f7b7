"""The cache holds plain data, never code (shared/DESIGN.md): values as JSON, tables as typed columns.
Models are made again by validating the data a file parsed to, so a warm load gives exactly what
parsing gives, down to how an old-style provision was read."""

from __future__ import annotations

import datetime as dt
import enum
import math

import numpy as np
import pandas as pd
import pytest

from law_helpers import STATUTES, kenya
from legalreview.speed import WorkspaceCache, forget_memory
from legalreview.speed import load as speed_load
from legalreview.speed import plaindata
from legalreview.workspace import load_workspace


def _same(a: object, b: object) -> bool:
    """Equal with the same types all the way down (True == 1 and a date == a date, but not a datetime)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(k, kb) and _same(v, b[kb]) for (k, v), kb in zip(a.items(), b))
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b and (not isinstance(a, float) or math.copysign(1, a) == math.copysign(1, b))


def test_plain_values_come_back_with_their_types() -> None:
    utc2 = dt.timezone(dt.timedelta(hours=2))
    value = {
        "text": "Loi n° 2010-04 \u2014 \ud800 lone", "n": 7, "big": 2**70, "flag": True, "none": None,
        "floats": [1.5, -0.0, float("inf"), float("nan")],
        "when": dt.date(2024, 2, 29), "at": dt.datetime(2024, 1, 2, 3, 4, 5, 6, tzinfo=utc2),
        "naive": dt.datetime(2024, 1, 2, 3, 4), "time": dt.time(10, 30, 1),
        2: "an int key", True: "a bool key", ("KEN", "Country"): ("sha", ("pack", 0)),
        "\x00d": "a key that looks like a tag", "nested": [[{"\x00u": [1]}], ()],
    }
    back = plaindata.loads(plaindata.dumps(value))
    assert _same(back, value)
    assert isinstance(back["when"], dt.date) and not isinstance(back["when"], dt.datetime)
    assert back["at"].utcoffset() == dt.timedelta(hours=2)


class _Level(enum.IntEnum):
    HIGH = 1


class _Text(str):
    pass


@pytest.mark.parametrize("value", [{1, 2}, object(), _Level.HIGH, b"bytes", _Text("x"), {"k": [frozenset()]},
                                   np.int64(3)], ids=["set", "object", "intenum", "bytes", "str-subclass",
                                                      "nested-frozenset", "numpy-int"])
def test_anything_but_plain_data_is_refused(value: object) -> None:
    with pytest.raises(TypeError):
        plaindata.dumps(value)


@pytest.mark.parametrize("blob", [b'{"\\u0000x": 1}', b'{"\\u0000d": "not a date"}', b'{"\\u0000m": [[[1], 2]]}',
                                  b'[' * 100_000 + b']' * 100_000, b'{"a": ', b'\x80\x05\x95 pickle'],
                         ids=["unknown-tag", "bad-date", "unhashable-key", "deep", "truncated", "pickle"])
def test_bytes_that_are_not_our_data_are_refused(blob: bytes) -> None:
    with pytest.raises((ValueError, KeyError, TypeError, RecursionError)):
        plaindata.loads(blob)


def _frame() -> pd.DataFrame:
    frame = pd.DataFrame({
        "iso3": ["KEN", "KEN", "GBR", "CIV"], "note": ["", "Sección 16 \u2014 «texte»", "", "x"],
        "points": [1.0, 0.5, float("nan"), 0.0], "n": [1, 2, 3, -4], "counted": [True, False, True, False],
        "met": pd.array([True, None, False, True], dtype="boolean"),
        "assessed_on": pd.to_datetime(["2023-01-01", None, "2016-06-30", "2024-02-29"]).astype("datetime64[ns]"),
    })
    frame[["iso3", "note"]] = frame[["iso3", "note"]].astype(str)
    return frame


def test_a_table_comes_back_with_its_column_types() -> None:
    frame = _frame()
    meta = {"key": "k", "files": {"countries/KEN.yaml": ("sha", "KEN")}}
    got_meta, back = plaindata.frame_from(plaindata.frame_bytes(frame.iloc[[3, 1, 0]], meta))
    assert got_meta == meta
    pd.testing.assert_frame_equal(back, frame.iloc[[3, 1, 0]].reset_index(drop=True), check_exact=True)
    with_nul = frame.assign(note=["a\x00b", "", "\x00", "x"])  # a NUL in a value: kept by length, not split
    pd.testing.assert_frame_equal(plaindata.frame_from(plaindata.frame_bytes(with_nul, {}))[1], with_nul)
    _, empty = plaindata.frame_from(plaindata.frame_bytes(frame.iloc[:0], {}))
    pd.testing.assert_frame_equal(empty, frame.iloc[:0].reset_index(drop=True))


def test_a_damaged_table_is_refused() -> None:
    blob = plaindata.frame_bytes(_frame(), {})
    for damaged in (blob[:-1], blob + b"\x00", b"LRF2" + blob[4:], blob[:20]):
        with pytest.raises((ValueError, KeyError, TypeError)):
            plaindata.frame_from(damaged)
    codes_at = blob.index(b"\x00\x00\x00\x01\x00\x00\x00", 0)  # the iso3 codes 0, 0, 1, 2 (little-endian)
    with pytest.raises(ValueError, match="points past"):
        plaindata.frame_from(blob[:codes_at - 4] + b"\xff\x00\x00\x00" + blob[codes_at:])
    with pytest.raises(TypeError):
        plaindata.frame_bytes(pd.DataFrame({"x": [object()]}), {})


def test_a_warm_load_validates_the_kept_data_to_what_parsing_gives(small, monkeypatch) -> None:
    """Old-style provisions are read by a validator that remembers how (a private attribute no dump
    keeps): validating the data the file parsed to gives the same models and the same warnings."""
    kenya(small, STATUTES + '''provisions:
  - {id: soa-2006-s16, statute: soa-2006, section: "16", text: "Our summary.", quoted: false}
  - {id: cmca-2018-s24, statute: cmca-2018, section: "24", text: "Another summary."}
''' + '''assessments:
  - set: csam
    edition: "2023"
    assessed_on: 2026-10-01
    coder: analyst-a
    status: published
    answers:
      C1: {value: "yes", evidence: [soa-2006-s16]}
''')

    def load():
        forget_memory()
        return load_workspace(small, cache=WorkspaceCache(small, write=True))

    first, warnings = load()

    def boom(*args, **kwargs):
        raise AssertionError("parsed although the cache holds the file")

    monkeypatch.setattr(speed_load, "parse_valid", boom)
    import legalreview.workspace as workspace

    monkeypatch.setattr(workspace, "parse_valid", boom)
    monkeypatch.setattr(workspace, "parse_with_positions", boom)
    second, warnings2 = load()
    assert second.countries == first.countries and second.criteria == first.criteria
    assert [p.legacy_text for p in second.countries["KEN"].provisions] == ["quoted", "no-language"]
    assert [str(i) for i in warnings2] == [str(i) for i in warnings]
    assert any(i.code == "quoted-flag" for i in warnings2)
