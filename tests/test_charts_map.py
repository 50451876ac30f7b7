"""The world map and the charts: one titled path per roster country, stable bytes, safe inline SVG."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

import legalreview as lr
from legalreview.jurisdictions import all_jurisdictions, default_roster
from legalreview.render import charts, worldmap

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def review(tmp_path_factory):
    from conftest import REPO, copy_workspace

    return lr.load_review(copy_workspace(REPO, tmp_path_factory.mktemp("embedded")))


@pytest.fixture(scope="module")
def csam_charts(review):
    return {c.id: c for c in charts.charts_for_set(review, "csam")}


def test_every_un196_jurisdiction_can_be_drawn_including_kosovo_and_tuvalu():
    table = all_jurisdictions()
    report = worldmap.geometry_report({c: table[c].m49 for c in default_roster()})
    assert report["missing"] == []
    assert report["marker"] == ["TUV"]  # no outline in Natural Earth 1:50m: a marker at Funafuti
    assert "XKX" in report["outline"]  # matched by name: its feature has no numeric id
    assert {"VAT", "MCO", "NRU", "SMR", "LIE"} <= set(report["outline and marker"])


def test_map_has_one_titled_path_per_roster_country(review, csam_charts):
    root = ET.fromstring(csam_charts["map"].svg)
    paths = {p.get("data-iso3"): p for p in root.iter(f"{SVG}path") if p.get("data-iso3")}
    assert sorted(paths) == sorted(review.registry.codes)
    table = review.table("csam")
    for iso3, path in paths.items():
        title = path.find(f"{SVG}title")
        assert title is not None and title.text.startswith(table.loc[iso3, "country"] + ": ")
        assert title.text.endswith(table.loc[iso3, "tier_label"])
        assert path.get("d").startswith("M")
    assert paths["GBR"].get("data-category") == table.loc["GBR", "tier"]


def test_map_colours_tiers_with_the_site_badge_grades(review):
    grooming = review.criteria_set("grooming")
    colours = charts.tier_colours(grooming)
    # rule order is comprehensive, none, partial; strength puts "none" (no G1) last
    assert charts.tiers_by_strength(grooming) == ["comprehensive", "partial", "none"]
    assert colours["comprehensive"] == charts.GRADE_FILLS["full"]
    assert colours["none"] == charts.GRADE_FILLS["none"]
    assert colours["partial"] == charts.GRADE_FILLS["low"]
    assert colours["not-assessed"] == charts.NOT_ASSESSED_COLOUR
    csam = charts.tier_colours(review.criteria_set("csam"))
    assert (csam["comprehensive"], csam["sufficient"]) == (charts.GRADE_FILLS["full"], charts.GRADE_FILLS["high"])


def test_alt_text_gives_the_key_figures(review, csam_charts):
    counts = review.tier_counts("csam")["countries"]
    alt = csam_charts["map"].alt
    assert f"Not yet assessed {counts['not-assessed']}" in alt
    assert f"Comprehensive legislation {counts['comprehensive']}" in alt
    met = review.criterion_counts("csam")
    assert f"C5 {met['C5']}" in csam_charts["criteria"].alt
    assert len(csam_charts["map"].table) == len(review.registry.codes)


def test_every_chart_has_a_table_and_title(review):
    for set_id in review.criteria:
        found = charts.charts_for_set(review, set_id)
        assert [c.id for c in found][:4] == ["map", "criteria", "coverage", "regions"]
        for chart in found:
            assert chart.title and chart.alt and not chart.table.empty


def test_chart_ids_do_not_clash_when_charts_share_a_page(review):
    ids: list[str] = []
    for set_id in review.criteria:
        for chart in charts.charts_for_set(review, set_id):
            ids += re.findall(r'\bid="([^"]+)"', chart.svg)
            for ref in re.findall(r'url\(#([^)]+)\)|href="#([^"]+)"', chart.svg):
                target = ref[0] or ref[1]
                assert f'id="{target}"' in chart.svg, f"{chart.id}: dangling reference #{target}"
    assert len(ids) == len(set(ids))


def test_chart_svg_is_inline_safe_and_refers_to_nothing_outside(csam_charts):
    for chart in csam_charts.values():
        assert chart.svg.startswith("<svg") and "<?xml" not in chart.svg
        # the only links: the map's jurisdictions to their profiles on the same site (relative)
        assert not re.search(r'(?:href|src)="(?!#|countries/[A-Z0-9-]+\.html")', chart.svg)
        assert "url(http" not in chart.svg and "<script" not in chart.svg
        ET.fromstring(chart.svg)  # well-formed XML


def _digest(review) -> str:
    h = hashlib.sha256()
    for set_id in review.criteria:
        for chart in charts.charts_for_set(review, set_id):
            h.update(chart.id.encode() + b"\0" + chart.svg.encode())
    return h.hexdigest()


def test_two_builds_give_identical_svg_bytes(review):
    code = ("import sys, hashlib, legalreview as lr\n"
            "from legalreview.render import charts\n"
            "r = lr.load_review(sys.argv[1]); h = hashlib.sha256()\n"
            "for s in r.criteria:\n"
            "    for c in charts.charts_for_set(r, s): h.update(c.id.encode() + b'\\0' + c.svg.encode())\n"
            "print(h.hexdigest())\n")
    other = subprocess.run([sys.executable, "-c", code, str(review.root)], capture_output=True, text=True,
                           check=True, timeout=120).stdout.strip()
    assert other == _digest(review)


def _ring_widths(d: str) -> list[int]:
    widths = []
    for ring in re.findall(r"M([^Z]*)Z", d):
        head, _, body = ring.partition("l")
        x = int(head.split()[0])
        xs = [x]
        numbers = [int(n) for n in body.split()] if body else []
        for dx in numbers[0::2]:
            x += dx
            xs.append(x)
        widths.append(max(xs) - min(xs))
    return widths


def test_countries_on_the_antimeridian_do_not_streak_across_the_map():
    shapes = worldmap.world_shapes()
    full = worldmap.WIDTH * 10
    for code in ("643", "242", "840"):  # Russia, Fiji, United States (Aleutians)
        widths = _ring_widths(shapes[code].d)
        assert widths and max(widths) < full / 2, code
