"""A French page in Chromium: the global table's filters work with the regions' French names, the
search finds a country by its English name, and the language switcher leads to the same page."""

from __future__ import annotations

from pathlib import Path

import pytest

import legalreview as lr
from conftest import browser_page
from legalreview.render.site import build_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from conftest import SMALL, copy_workspace
    from test_languages_site import set_languages

    ws = copy_workspace(SMALL, tmp_path_factory.mktemp("lang-browser") / "ws")
    set_languages(ws, '["en", "fr"]')
    return build_site(lr.load_review(ws), ws / "site", with_charts=False).out_dir


@pytest.fixture(scope="module")
def page(browser):
    with browser_page(browser, 1280, 800) as pg:
        yield pg


def shown(page) -> list[str]:
    return page.locator("#global-table tbody tr:not([hidden]) th[scope=row] a").all_inner_texts()


def test_a_french_table_filters_by_the_french_region_names_and_finds_english_names(page, site: Path) -> None:
    page.goto((site / "fr" / "sets" / "csam.html").as_uri())
    page.wait_for_selector("#filters:not([hidden])")
    assert shown(page) == ["Kenya", "Royaume-Uni"]
    page.select_option("#f-region", "Afrique")
    assert shown(page) == ["Kenya"]
    page.select_option("#f-region", "")
    page.fill("#f-text", "United Kingdom")
    assert shown(page) == ["Royaume-Uni"]
    assert page.errors == []


def test_the_switcher_leads_to_the_same_page_in_the_other_language(page, site: Path) -> None:
    page.goto((site / "fr" / "countries" / "KEN.html").as_uri())
    switcher = page.get_by_role("navigation", name="Langues")
    assert switcher.get_by_text("Français").get_attribute("aria-current") == "page"
    switcher.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.url == (site / "countries" / "KEN.html").as_uri()
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("navigation", name="Languages").get_by_role("link", name="Français").click()
    page.wait_for_load_state()
    assert page.url == (site / "fr" / "countries" / "KEN.html").as_uri()
    assert page.errors == []


def test_what_the_script_writes_on_a_french_page_is_french_and_stays_english_on_an_english_one(page, site: Path):
    page.goto((site / "fr" / "sets" / "csam.html").as_uri())
    page.wait_for_selector("#filters:not([hidden])")
    assert page.locator("#f-count").inner_text() == "2 pays affichés sur 2"
    labels = page.locator("#global-table thead button.sort").evaluate_all(
        "bs => bs.map(b => b.getAttribute('aria-label'))")
    assert labels and all(label.startswith("Trier par ") for label in labels)
    page.goto((site / "sets" / "csam.html").as_uri())
    page.wait_for_selector("#filters:not([hidden])")
    assert page.locator("#f-count").inner_text() == "Showing 2 of 2 countries"
    assert page.locator("html").get_attribute("data-messages") is None
    assert page.errors == []
