"""The fast writers of the site's data files give the same bytes as the plain ones they replaced."""

from __future__ import annotations

import json
import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from legalreview.render import site
from legalreview.render.formats import formula_columns, safe_csv_frame, starts_like_formula

ODD_TEXT = ["plain", "=SUM(A1)", "+1", "-x", "@me", "\tTab", "\rCR", "a\n=b", "quote \" and \\ back", "ünï – 😀",
            "\x00\x1f control", "", "</script>"]


def _odd_table() -> pd.DataFrame:
    n = len(ODD_TEXT)
    table = pd.DataFrame({
        "country": ODD_TEXT,
        "region": [None, *ODD_TEXT[1:]],
        "met_count": pd.array([1, None, *range(n - 2)], dtype="Int64"),
        "points": [0.5, math.nan, 1e-7, 3.0, 2.5e20, *[float(i) for i in range(n - 5)]],
        "max_points": [math.inf, -math.inf, *[1.0] * (n - 2)],
        "assessed": [True, False] * (n // 2) + [True] * (n % 2),
        "tier": pd.array(ODD_TEXT, dtype="str"),
        "numpy": np.arange(n, dtype=np.int64).astype(object),
        "assessed_on": [pd.Timestamp("2023-05-01"), pd.NaT, *[pd.Timestamp("2016-03-01")] * (n - 2)],
    }, index=pd.Index([f"C{i:02d}" for i in range(n)], name="iso3"))
    return table


def test_json_writer_gives_the_text_of_json_dumps() -> None:
    table = _odd_table()
    review = SimpleNamespace(criteria_set=lambda _s: SimpleNamespace(title="T — ü", version=2),
                             config=SimpleNamespace(review=SimpleNamespace(name="R \"q\"", edition=None)))
    frame = site._table_frame(table)
    records = [{k: site._plain(v) for k, v in zip(frame.columns, row)} for row in frame.itertuples(index=False)]
    doc = {"set": "csam", "title": "T — ü", "version": 2, "review": "R \"q\"", "edition": None, "notice": None,
           "countries": records}
    expected = (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    assert site._json(review, "csam", table) == expected
    empty = (json.dumps(doc | {"countries": []}, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    assert site._json(review, "csam", table.iloc[:0]) == empty


def test_csv_neutralises_exactly_as_before() -> None:
    frame = _odd_table().reset_index()
    frame["text"] = pd.array(ODD_TEXT, dtype="str")
    frame["safe"] = "fine"
    assert set(formula_columns(frame)) >= {"country", "region", "tier", "text"}
    assert "safe" not in formula_columns(frame)
    expected = safe_csv_frame(frame).to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d").encode()
    assert site._csv(frame) == expected


def test_scores_pieces_equal_one_csv_in_any_row_order(monkeypatch) -> None:
    from legalreview.speed import reuse as speed_reuse

    monkeypatch.setattr(speed_reuse, "PIECE_COUNTRIES", 2)
    monkeypatch.setattr(site, "PIECE_ROWS", 3)
    spine = pd.DataFrame({
        "iso3": ["AAA", "AAA", "BBB", "CCC", "CCC", "AAA", "BBB"],
        "set": ["s1", "s1", "s1", "s1", "s1", "s2", "s2"],
        "note": ["=1", "x", "y", "-z", "w", "v", "u"],
        "counted": [True] * 7,
    })
    spine["note"] = spine["note"].astype("str")
    pieces = []
    reuse = speed_reuse.Reuse.__new__(speed_reuse.Reuse)  # no previous build: every piece is formatted
    reuse.old_site, reuse.old_pieces, reuse.pieces, reuse._plan = None, {}, [], None
    reuse.piece_key = lambda *a: repr(a)  # type: ignore[method-assign]
    reuse.record_piece = lambda *a: pieces.append(a)  # type: ignore[method-assign]
    expected = site._csv(spine.drop(columns="counted"))
    assert b"".join(site._scores_pieces(SimpleNamespace(spine=spine), reuse)) == expected
    assert len(pieces) == 3  # (s1: AAA BBB) (s1: CCC) (s2: AAA BBB)
    shuffled = spine.iloc[[0, 2, 1, 3, 4, 5, 6]].reset_index(drop=True)  # AAA's rows apart: no pieces by country
    expected = site._csv(shuffled.drop(columns="counted"))
    assert b"".join(site._scores_pieces(SimpleNamespace(spine=shuffled), reuse)) == expected
    empty = spine.iloc[:0]
    assert b"".join(site._scores_pieces(SimpleNamespace(spine=empty), reuse)) == b"iso3,set,note\n"
    plain = site.NoReuse()  # the core without a previous build: the same bytes
    assert b"".join(site._scores_pieces(SimpleNamespace(spine=shuffled), plain)) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="\n \t\r\x00\u3000\u2028=+-@\uff1dax", max_size=6), max_size=6))
def test_the_column_test_finds_every_cell_that_starts_like_a_formula(cells: list[str]) -> None:
    """formula_columns tests a column at once (its cells joined by line breaks): it may say a column
    needs neutralising when it does not, never the reverse, whatever line breaks and spaces the cells hold."""
    risky = any(starts_like_formula(c) or "\x00" in c for c in cells)
    frame = pd.DataFrame({"object": pd.Series(["plain", *cells, ""], dtype=object),
                          "text": pd.array(["plain", *cells, ""], dtype="str")})
    if risky:
        assert formula_columns(frame) == ["object", "text"]
    assert formula_columns(pd.DataFrame({"empty": [""] * 1000, "spaces": [" \n "] * 1000})) == []
