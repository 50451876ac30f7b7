"""The stacked bar drawer (render/bars.py): stable bytes, escaped labels, a titled segment per count,
whole-number ticks and segments as wide as their counts."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from legalreview.render.bars import (LABEL_LIMIT, Series, count_ticks, fit, stacked_bars, text_width)

SVG = "{http://www.w3.org/2000/svg}"
REGIONS = ["Africa", "Americas", "Asia", "Europe", "Oceania"]
TIERS = [Series("Comprehensive legislation", "#1f2d5c"), Series("Some criteria met", "#8fc78c"),
         Series("Not yet assessed", "#eaeaea")]
COUNTS = [[1, 1, 52], [2, 1, 32], [1, 0, 47], [0, 2, 43], [0, 2, 12]]


def _draw(categories=REGIONS, series=TIERS, values=COUNTS, **options) -> str:
    return stacked_bars(categories, series, values, prefix="lr-csam-regions", title="Tiers by region",
                        alt="Stacked bars of tiers in each of 5 regions.", font_family="Noto Sans, sans-serif",
                        axis_title="Countries", legend_title="Tier", **options)


def _segments(svg: str) -> list[tuple[ET.Element, str]]:
    """Return (rect, title) of every bar segment (the legend's swatches have no title)."""
    root = ET.fromstring(svg)
    return [(r, r.find(f"{SVG}title").text) for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]


def test_the_same_counts_give_the_same_bytes() -> None:
    assert _draw() == _draw()
    assert _draw().encode() == _draw(categories=list(REGIONS), values=[list(r) for r in COUNTS]).encode()


def test_the_root_is_a_labelled_inline_image_without_external_references() -> None:
    svg = _draw()
    assert svg.startswith('<svg id="lr-csam-regions" class="lr-chart" role="img" '
                          'aria-label="Stacked bars of tiers in each of 5 regions." ')
    root = ET.fromstring(svg)
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert "<?xml" not in svg and "href" not in svg and "url(" not in svg


def test_a_label_with_markup_is_escaped_everywhere() -> None:
    nasty = 'Côte <script>alert(1)</script> & "Ivoire"'
    svg = stacked_bars([nasty, "Kenya"], [Series('Yes <b>&</b> "met"', "#1f2d5c")], [[3], [2]],
                       prefix="lr-x", title=f"Answers {nasty}", alt=f"Chart of {nasty}",
                       font_family='Noto Sans, "x"', axis_title=nasty, legend_title=nasty)
    assert "<script" not in svg and "<b>" not in svg
    root = ET.fromstring(svg)  # well-formed: every quote and ampersand escaped
    assert root.get("aria-label") == f"Chart of {nasty}"
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert nasty in texts and "Yes <b>&</b> \"met\"" in texts
    assert [title for _, title in _segments(svg)] == [f'{nasty}, Yes <b>&</b> "met": 3', 'Kenya, Yes <b>&</b> "met": 2']


def test_every_segment_has_a_title_naming_category_series_and_count() -> None:
    found = [title for _, title in _segments(_draw())]
    expected = [f"{region}, {s.label}: {n}" for region, row in zip(REGIONS, COUNTS)
                for s, n in zip(TIERS, row) if n > 0]
    assert found == expected


def test_segments_are_as_wide_as_their_counts_and_stack_in_series_order() -> None:
    segments = _segments(_draw())
    unit = {round(float(r.get("width")) / int(t.rsplit(": ", 1)[1]), 1) for r, t in segments}
    assert len(unit) == 1, unit  # one count is the same width in every bar
    by_bar: dict[str, list[ET.Element]] = {}
    for rect, title in segments:
        by_bar.setdefault(title.split(",")[0], []).append(rect)
    starts = {float(rects[0].get("x")) for rects in by_bar.values()}
    assert len(starts) == 1  # every bar starts on the axis's zero
    for rects in by_bar.values():  # each segment starts where the one before it ends
        for before, after in zip(rects, rects[1:]):
            assert float(before.get("x")) + float(before.get("width")) == pytest.approx(float(after.get("x")),
                                                                                        abs=0.011)
    fills = [r.get("fill") for r in by_bar["Africa"]]
    assert fills == [s.colour for s in TIERS]


def _tick_labels(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    axis = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "lr-axis")
    return [t.text for t in axis.iter(f"{SVG}text") if t.get("font-weight") != "bold"]


def test_the_count_axis_has_whole_number_ticks() -> None:
    assert count_ticks(3) == ([0, 1, 2, 3], 3)
    assert count_ticks(0) == ([0, 1], 1)
    assert count_ticks(12) == ([0, 2, 4, 6, 8, 10, 12], 12)
    assert count_ticks(54) == ([0, 10, 20, 30, 40, 50, 60], 60)
    assert count_ticks(196)[0][:3] == [0, 20, 40]
    assert _tick_labels(_draw()) == ["0", "10", "20", "30", "40", "50", "60"]
    small = _draw(values=[[1, 0, 0], [2, 1, 0], [0, 0, 0], [0, 1, 0], [0, 0, 0]])
    assert _tick_labels(small) == ["0", "1", "2", "3"]  # never 0.5


def test_a_fixed_axis_end_keeps_the_ticks_within_it() -> None:
    svg = _draw(categories=["Roster"], values=[[10, 2, 184]], end=196, show_categories=False)
    assert _tick_labels(svg) == [str(t) for t in range(0, 181, 20)]
    rects = [r for r, _ in _segments(svg)]
    right = float(rects[-1].get("x")) + float(rects[-1].get("width"))
    assert right == pytest.approx(float(rects[0].get("x")) + 520, abs=0.02)  # 196 of 196: the full width
    assert "Roster" not in [t.text for t in ET.fromstring(svg).iter(f"{SVG}text")]


def test_long_labels_fit_their_column_and_overlong_ones_end_in_an_ellipsis() -> None:
    long = "Latin America and the Caribbean (including the overseas territories of European states)"
    svg = _draw(categories=["Africa", long], values=[[1, 0, 0], [0, 1, 0]])
    root = ET.fromstring(svg)
    label = next(t for t in root.iter(f"{SVG}text") if t.find(f"{SVG}title") is not None)
    assert label.find(f"{SVG}title").text == long  # the whole label, on hover
    shown = "".join(label.itertext()).removeprefix(long)
    assert shown.endswith("…") and long.startswith(shown[:-1]) and text_width(shown, 11) <= LABEL_LIMIT
    bar_x = min(float(r.get("x")) for r, _ in _segments(svg))
    assert bar_x >= 6 + text_width(shown, 11)  # the label's column holds it: nothing drawn under the bars
    assert fit("Kenya", 11, LABEL_LIMIT) == "Kenya"


def test_the_chart_is_as_wide_as_its_widest_part() -> None:
    wide_legend = [Series("Sufficient legislation or comprehensive legislation, depending on C5", "#2f6fa0")]
    svg = _draw(series=wide_legend, values=[[1]] * 5, width=100)
    root = ET.fromstring(svg)
    assert int(root.get("width")) >= 6 + text_width("Africa", 11) + 6 + 10 + 6 + text_width(wide_legend[0].label, 11)
    assert re.fullmatch(r"\d+", root.get("height"))
