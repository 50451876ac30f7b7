"""The other pages in Chromium: the country list (assessed markers, search by any name), sortable
region tables, criterion pages leading to each country's answer, and readable latest changes."""

from __future__ import annotations

from pathlib import Path

import pytest

import legalreview as lr
from conftest import browser_page
from legalreview.render.site import build_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def embedded_site(tmp_path_factory) -> Path:
    from conftest import REPO, copy_workspace

    ws = copy_workspace(REPO, tmp_path_factory.mktemp("pages") / "ws")
    return build_site(lr.load_review(ws), ws / "site", with_charts=False).out_dir


@pytest.fixture(scope="module")
def page(browser):
    with browser_page(browser, 1366, 900) as pg:
        yield pg


def visible_countries(page) -> list[str]:
    return page.locator("ul.countries li:not([hidden]) > a").all_inner_texts()


def test_the_country_list_marks_assessed_countries_and_finds_them_by_any_name(page, embedded_site: Path):
    page.goto((embedded_site / "countries.html").as_uri())
    kenya = page.locator("ul.countries li", has=page.locator("a", has_text="Kenya"))
    assert "CSAM" in kenya.locator(".assessed-in").inner_text()
    angola = page.locator("ul.countries li", has=page.locator("a", has_text="Angola"))
    assert angola.locator(".assessed-in").count() == 0
    page.fill("#c-text", "Ivory Coast")
    assert visible_countries(page) == ["Côte d'Ivoire"]
    page.fill("#c-text", "UK")
    assert "United Kingdom" in visible_countries(page)
    page.fill("#c-text", "")
    page.check("#c-assessed")
    assert len(visible_countries(page)) == lr.load_review(embedded_site.parent).table("csam")["assessed"].sum()
    page.fill("#c-text", "Atlantis")
    assert visible_countries(page) == [] and "No country matches" in page.locator("#c-count").inner_text()
    assert page.errors == []


def test_region_tables_sort_with_missing_answers_last(page, embedded_site: Path):
    page.goto((embedded_site / "regions" / "africa.html").as_uri())
    table = page.locator("table.sortable").first
    first_rows = table.locator("tbody tr th a").all_inner_texts()[:2]
    assert set(first_rows) >= {"Kenya"} or "Kenya" in first_rows  # assessed countries first
    header = table.locator("thead th").nth(1)
    header.get_by_role("button").click()
    header.get_by_role("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    last = table.locator("tbody tr").last.locator("td").first
    assert "Not assessed" in last.inner_text()
    assert page.errors == []


def test_criterion_pages_lead_to_each_countrys_answer(page, embedded_site: Path):
    page.goto((embedded_site / "criteria" / "csam-C1.html").as_uri())
    link = page.locator(".answer-group a", has_text="Kenya")
    assert link.get_attribute("href") == "../countries/KEN.html#csam-C1"
    link.click()
    page.wait_for_url("**/countries/KEN.html#csam-C1")
    assert page.locator("tr#csam-C1").is_visible()


def test_latest_changes_read_in_words_and_by_country_name(embedded_site: Path):
    import re

    text = (embedded_site / "index.html").read_text("utf-8")
    tables = re.findall(r'<table class="data changes.*?</table>', text, re.S)
    assert tables
    everything = "".join(tables)
    assert "First assessed in the 10th edition" in everything
    assert "ISP reporting required: No → Partially, new law" in everything
    assert "edition 2023" not in everything and "law-amended" not in everything and "new-law" not in everything
    for table in tables:
        names = re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', table)
        assert names == sorted(names)
