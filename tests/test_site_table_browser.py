"""The global table in Chromium: assessed countries first, a toggle for the rest, missing values last
in every sort, an empty-result message with a reset, filters and sort kept in the address (and after
Back), search by every name and alias the roster knows, a header that stays in view, keyboard use."""

from __future__ import annotations

from pathlib import Path

import pytest

import legalreview as lr
from conftest import browser_page
from legalreview.render.site import build_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def small_site(tmp_path_factory) -> Path:
    from conftest import SMALL, copy_workspace

    ws = copy_workspace(SMALL, tmp_path_factory.mktemp("table-small") / "ws")
    return build_site(lr.load_review(ws), ws / "site", with_charts=False).out_dir


@pytest.fixture(scope="module")
def embedded_site(tmp_path_factory) -> Path:
    from conftest import REPO, copy_workspace

    ws = copy_workspace(REPO, tmp_path_factory.mktemp("table-embedded") / "ws")
    return build_site(lr.load_review(ws), ws / "site", with_charts=False).out_dir


@pytest.fixture(scope="module")
def page(browser):
    with browser_page(browser, 1280, 800) as pg:
        yield pg


def shown(page) -> list[str]:
    return page.locator("#global-table tbody tr:not([hidden]) th[scope=row] a").all_inner_texts()


def open_table(page, site: Path, fragment: str = "") -> None:
    page.goto((site / "sets" / "csam.html").as_uri() + fragment)
    page.wait_for_selector("#filters:not([hidden])")


def test_assessed_countries_come_first_and_the_rest_behind_a_toggle(page, small_site: Path):
    open_table(page, small_site)
    assert shown(page) == ["Kenya", "United Kingdom"]
    assert page.locator("#f-count").inner_text() == "Showing 2 of 2 countries"
    page.check("#f-all")
    assert shown(page) == ["Kenya", "United Kingdom", "Côte d'Ivoire", "Fiji", "Holy See"]
    assert "all=1" in page.url


@pytest.mark.parametrize("clicks", [1, 2])
def test_countries_without_an_answer_sort_last_in_both_directions(page, small_site: Path, clicks: int):
    open_table(page, small_site, "#all=1")
    for _ in range(clicks):
        page.locator("#global-table thead th[data-key=C1] button").click()
    order = shown(page)
    assert order[-3:] == ["Côte d'Ivoire", "Fiji", "Holy See"], order
    assert set(order[:2]) == {"Kenya", "United Kingdom"}
    direction = page.locator("#global-table thead th[data-key=C1]").get_attribute("aria-sort")
    assert direction == ("ascending" if clicks == 1 else "descending")
    page.locator("#global-table thead th[data-key=tier] button").click()
    assert shown(page)[-3:] == ["Côte d'Ivoire", "Fiji", "Holy See"]


@pytest.mark.parametrize("query, country", [("UK", "United Kingdom"), ("Britain", "United Kingdom"),
                                            ("great britain", "United Kingdom"), ("Ivory Coast", "Côte d'Ivoire"),
                                            ("cote d'ivoire", "Côte d'Ivoire"), ("Vatican", "Holy See")])
def test_search_finds_a_country_by_any_name_the_roster_knows(page, small_site: Path, query: str, country: str):
    open_table(page, small_site, "#all=1")
    page.fill("#f-text", query)
    assert shown(page) == [country]


def test_search_finds_turkey_by_its_former_name(page, embedded_site: Path):
    open_table(page, embedded_site, "#all=1")
    page.fill("#f-text", "Turkey")
    assert shown(page) == ["Türkiye"]
    page.fill("#f-text", "britain")
    assert shown(page) == ["United Kingdom"]


def test_an_empty_result_says_so_and_offers_a_reset(page, small_site: Path):
    open_table(page, small_site)
    assert page.locator("#f-empty").is_hidden()
    page.fill("#f-text", "Atlantis")
    assert shown(page) == []
    assert page.locator("#f-empty").is_visible()
    page.get_by_role("button", name="Clear the filters").click()
    assert len(shown(page)) == 5
    assert page.locator("#f-empty").is_hidden()


def test_filters_and_sort_are_in_the_address_and_come_back_after_back(page, small_site: Path):
    open_table(page, small_site)
    page.select_option("#f-region", "Africa")
    page.check("#f-all")
    page.locator("#global-table thead th[data-key=country] button").click()
    page.locator("#global-table thead th[data-key=country] button").click()
    assert shown(page) == ["Kenya", "Côte d'Ivoire"]
    url = page.url
    assert "region=Africa" in url and "sort=country-desc" in url

    page.goto(url)  # a link to the filtered table opens it filtered
    page.reload()
    assert shown(page) == ["Kenya", "Côte d'Ivoire"]
    assert page.locator("#f-region").input_value() == "Africa"

    page.get_by_role("link", name="Kenya").click()
    page.wait_for_url("**/countries/KEN.html")
    page.go_back()
    page.wait_for_selector("#filters:not([hidden])")
    assert page.locator("#f-region").input_value() == "Africa"
    assert page.locator("#global-table thead th[data-key=country]").get_attribute("aria-sort") == "descending"
    assert shown(page) == ["Kenya", "Côte d'Ivoire"]
    assert page.errors == []


def test_the_header_names_each_criterion_and_stays_in_view(page, embedded_site: Path):
    open_table(page, embedded_site, "#all=1")
    header = page.locator("#global-table thead th[data-key=C1]")
    assert header.inner_text().split() == ["C1", "CSAM-SPECIFIC", "LEGISLATION"] or \
        "CSAM-specific legislation" in header.inner_text()
    box = page.locator(".table-scroll.tall")
    box.evaluate("el => { el.scrollTop = 2000; }")
    top_box = box.evaluate("el => el.getBoundingClientRect().top")
    top_head = header.evaluate("el => el.getBoundingClientRect().top")
    assert abs(top_head - top_box) <= 2


def test_table_sorts_and_filters_from_the_keyboard(page, small_site: Path):
    open_table(page, small_site, "#all=1")
    page.focus("#f-text")
    page.keyboard.type("ken")
    assert shown(page) == ["Kenya"]
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.locator("#global-table thead th[data-key=country] button").focus()
    page.keyboard.press("Enter")
    assert page.locator("#global-table thead th[data-key=country]").get_attribute("aria-sort") == "ascending"
    page.keyboard.press("Enter")
    assert shown(page)[0] == "United Kingdom"
