"""Country profiles: an anchor per criterion, "Not applicable" with a badge of its own and never a
gap, one banner, the country beside its region and the world, and the map leading to profiles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import legalreview as lr
from conftest import browser_page
from legalreview.render.site import build_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def embedded_site(tmp_path_factory) -> Path:
    from conftest import REPO, copy_workspace

    ws = copy_workspace(REPO, tmp_path_factory.mktemp("profiles") / "ws")
    return build_site(lr.load_review(ws), ws / "site").out_dir


@pytest.fixture(scope="module")
def page(browser):
    with browser_page(browser, 1366, 900) as pg:
        yield pg


def test_every_criterion_has_an_anchor_that_scrolls_to_its_answer(page, embedded_site: Path):
    page.goto((embedded_site / "countries" / "KEN.html").as_uri() + "#csam-C3")
    row = page.locator("tr#csam-C3")
    assert row.count() == 1
    assert "C3" in row.locator("th").inner_text()
    top, height = row.evaluate("el => [el.getBoundingClientRect().top, innerHeight]")
    assert -2 <= top < height, (top, height)  # scrolled to it (a fraction of a pixel either way)
    html = (embedded_site / "countries" / "KEN.html").read_text("utf-8")
    assert all(f'id="grooming-G{i}"' in html for i in range(1, 6))


def test_not_applicable_has_its_own_badge_and_is_not_listed_as_a_gap(page, embedded_site: Path):
    page.goto((embedded_site / "countries" / "KEN.html").as_uri())
    g5 = page.locator("tr#grooming-G5 .ans")
    g4 = page.locator("tr#grooming-G4 .ans")
    assert g5.inner_text().strip().endswith("Not applicable") and "ans-notapp" in g5.get_attribute("class")
    assert g4.inner_text().strip().endswith("Not known") and "ans-unknown" in g4.get_attribute("class")
    styles = [b.evaluate("el => [getComputedStyle(el).backgroundColor, getComputedStyle(el).borderStyle]")
              for b in (g4, g5)]
    assert styles[0] != styles[1]
    gaps = page.locator("section[aria-labelledby=grooming] dl.gaps dt").all_inner_texts()
    assert gaps and not any(text.startswith("G5") for text in gaps)
    assert any(text.startswith("G4") for text in gaps)


def test_the_profile_shows_its_banner_once(page, embedded_site: Path):
    page.goto((embedded_site / "countries" / "KEN.html").as_uri())
    assert page.locator(".banner").count() == 1


def test_each_answer_stands_beside_the_share_of_the_region_and_the_world_meeting_it(page, embedded_site: Path):
    review = lr.load_review(embedded_site.parent)
    table = review.table("csam")
    assessed = table[table["assessed"].astype(bool)]
    met = assessed["C1"].isin(["yes"])
    africa = assessed["region"] == "Africa"
    page.goto((embedded_site / "countries" / "KEN.html").as_uri())
    compare = page.locator("section[aria-labelledby=csam] table.compare")
    assert compare.locator("thead th").all_inner_texts() == ["CRITERION", "KENYA", "AFRICA", "ALL ASSESSED"]
    c1 = compare.locator("tbody tr").first.locator("td").all_inner_texts()
    assert c1[1] == f"{int(met[africa].sum())} of {int(africa.sum())} ({100 * met[africa].sum() / africa.sum():.0f}%)"
    assert c1[2].startswith(f"{int(met.sum())} of {len(assessed)} (")


def test_map_jurisdictions_link_to_profiles_and_name_their_tier(page, embedded_site: Path):
    page.goto((embedded_site / "sets" / "csam.html").as_uri())
    kenya = page.locator("#chart-map svg a[href='../countries/KEN.html']")
    assert kenya.count() == 1
    assert re.match(r"Kenya: .+", kenya.get_attribute("aria-label"))
    tier = page.locator("#global-table tbody tr", has=page.locator("a", has_text="Kenya")).locator(".tier")
    assert tier.inner_text().strip() in kenya.get_attribute("aria-label")
    kenya.focus()
    assert page.evaluate("document.activeElement.getAttribute('href')") == "../countries/KEN.html"
    page.keyboard.press("Enter")
    page.wait_for_url("**/countries/KEN.html")
    page.goto((embedded_site / "index.html").as_uri())
    assert page.locator("#chart-csam-map svg a[href='countries/KEN.html']").count() == 1
