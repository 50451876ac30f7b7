"""Comparative pages: a criterion page sets each country's answer, the provisions it cites and the
coder's note side by side (and is rendered again when a note changes); a region page has the map of
its own jurisdictions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import legalreview as lr
from conftest import REPO, copy_workspace
from legalreview.render import charts
from legalreview.render.site import build_site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    ws = copy_workspace(REPO, tmp_path_factory.mktemp("comparative") / "ws")
    return ws, build_site(lr.load_review(ws), ws / "site").out_dir


def _rows(html: str) -> list[str]:
    table = html[html.index('class="data sortable compare-law"'):]
    table = table[:table.index("</table>")]
    return re.findall(r"<tr><th scope=\"row\".*?</tr>", table, flags=re.S)


def test_a_criterion_page_sets_each_countrys_answer_provision_and_note_side_by_side(built) -> None:
    _ws, site = built
    rows = _rows((site / "criteria" / "csam-C2.html").read_text("utf-8"))
    kenya = next(r for r in rows if ">Kenya<" in r)
    assert 'href="../countries/KEN.html#csam-C2"' in kenya
    assert "Yes" in kenya
    assert "Computer Misuse and Cybercrimes Act, 2018, s. 24" in kenya
    assert "The 2018 Act defines the material and &#39;child&#39; (under 18)" in kenya
    # only assessed countries, the decided answers first
    assert len(rows) == 12
    ranks = [int(re.search(r'data-sort="(\d*)"', r.split("</th>", 1)[1]).group(1) or 0) for r in rows]
    assert ranks[0] >= ranks[-1]


def test_a_changed_note_renders_the_criterion_page_again(built, tmp_path: Path) -> None:
    ws, site = built
    ken = ws / "countries" / "KEN.yaml"
    text = ken.read_text("utf-8")
    old = "The 2018 Act defines the material and 'child' (under 18), including realistic images."
    assert old in text
    ken.write_text(text.replace(old, "Re-read in 2026: the 2018 Act defines the material."), "utf-8")
    build_site(lr.load_review(ws), site, with_charts=True)
    page = (site / "criteria" / "csam-C2.html").read_text("utf-8")
    assert "Re-read in 2026: the 2018 Act defines the material." in page
    assert old.replace("'", "&#39;") not in page


def test_a_region_page_has_the_map_of_its_own_jurisdictions(built) -> None:
    _ws, site = built
    page = (site / "regions" / "europe.html").read_text("utf-8")
    svg = page[page.index('<svg'):page.index("</svg>")]
    linked = set(re.findall(r'<a href="\.\./countries/([A-Z]{3})\.html"', svg))
    assert {"GBR", "FRA", "DEU", "IRL"} <= linked
    assert not linked & {"KEN", "USA", "AUS", "PHL"}  # other regions are background, not links
    assert "(outside this region)" in svg
    width = float(re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ', svg).group(1))
    assert width < 960 * 0.8  # cropped to the region
    assert 'aria-label="Map of Europe of 45 jurisdictions coloured by tier.' in page


def test_the_world_map_is_not_cropped() -> None:
    review = lr.load_review(REPO)
    svg = charts.map_chart(review, "csam").svg
    assert 'viewBox="0 0 960 ' in svg and "(outside this region)" not in svg
