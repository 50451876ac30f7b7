"""The one palette (render/palette.py): ordered light to dark, distinct under colour-vision
deficiencies (Machado 2009 simulation, CIEDE2000), readable (WCAG AA), and the same colours in the
charts, the map, the badges and the printed report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import legalreview as lr
from legalreview.render import charts, palette
from legalreview.render.context import tier_grade
from legalreview.render.pdf import print_css

VIEWS = [None, "deuteranopia", "protanopia", "tritanopia"]
#: Smallest CIEDE2000 between neighbouring categories: well above "just noticeable" (about 2.3).
MIN_DELTA_E = 10


@pytest.mark.parametrize("lab1, lab2, expected", [
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, 3.1571, -77.2803), (50.0, 0.0, -82.7485), 2.8615),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
])
def test_ciede2000_matches_the_published_reference_pairs(lab1, lab2, expected):
    assert palette.delta_e_lab(lab1, lab2) == pytest.approx(expected, abs=1e-4)


def test_simulation_keeps_greys_and_merges_red_and_green_for_deuteranopes():
    for view in VIEWS[1:]:
        assert palette.simulate("#ffffff", view) == "#ffffff"
    red, green = "#d62728", "#2ca02c"
    assert palette.delta_e(palette.simulate(red, "deuteranopia"), palette.simulate(green, "deuteranopia")) < \
        palette.delta_e(red, green) / 2


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("order, fills", [(palette.GRADE_ORDER, palette.TIER_FILLS),
                                          (palette.ANSWER_ORDER, palette.ANSWER_FILLS)])
def test_neighbouring_tiers_and_answers_stay_apart_under_every_colour_vision(view, order, fills):
    seen = [fills[k] if view is None else palette.simulate(fills[k], view) for k in order]
    lightness = [palette.lab(c)[0] for c in seen]
    assert lightness == sorted(lightness, reverse=True), f"{order} not light to dark ({view})"
    gaps = {f"{a}/{b}": round(palette.delta_e(x, y), 1) for (a, x), (b, y) in zip(zip(order, seen),
                                                                                 zip(order[1:], seen[1:]))}
    assert min(gaps.values()) >= MIN_DELTA_E, gaps


def test_the_strongest_and_weakest_tiers_never_look_alike():
    for view in VIEWS:
        a, b = (palette.TIER_FILLS[g] if view is None else palette.simulate(palette.TIER_FILLS[g], view)
                for g in ("full", "none"))
        assert palette.delta_e(a, b) > 50


@pytest.mark.parametrize("fill", [*palette.TIER_FILLS.values(), *palette.ANSWER_FILLS.values(),
                                  palette.NOT_ASSESSED, palette.UNCLASSIFIED])
def test_badge_text_meets_wcag_aa_on_its_fill(fill):
    assert palette.contrast(palette.text_on(fill), fill) >= 4.5


@pytest.mark.parametrize("colour", [palette.INK, palette.MUTED, palette.LINK])
@pytest.mark.parametrize("ground", [palette.PAPER, palette.TINT])
def test_text_and_links_meet_wcag_aa(colour, ground):
    assert palette.contrast(colour, ground) >= 4.5


def test_focus_ring_contrasts_at_least_three_to_one_everywhere():
    for ground in (palette.PAPER, palette.TINT):
        assert palette.contrast(palette.FOCUS, ground) >= 3
    assert palette.contrast(palette.LIGHT_TEXT, palette.ACCENT) >= 3


def test_site_css_declares_no_colours_of_its_own_for_tiers_and_answers():
    css = (Path(palette.__file__).parent / "static" / "site.css").read_text()
    for rule in re.findall(r"\.(?:tier|ans)-(?:full|high|mid|low|none|met|part|no)\s*\{[^}]*\}", css):
        assert "#" not in rule.split("border")[0], rule


def test_charts_map_badges_and_print_use_the_same_colours(repo_root: Path):
    review = lr.load_review(repo_root)
    variables = palette.css_variables()
    for grade, fill in palette.TIER_FILLS.items():
        assert f"--tier-{grade}: {fill};" in variables
    assert variables in str(print_css(review))
    for cs in review.criteria.values():
        colours = charts.tier_colours(cs)
        for tier in cs.tiers:
            assert colours[tier.id] == palette.TIER_FILLS[tier_grade(tier, cs)]
        # every tier of a set gets a colour of its own (no two tiers share one)
        assert len({colours[t.id] for t in cs.tiers}) == len(cs.tiers), cs.id
