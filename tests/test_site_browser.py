"""Browser tests: the built site in headless Chromium (Debian's chromium, driven by Playwright).

Opens pages from file://, sorts and filters the global table, follows a link to a profile, checks
that a note containing <script> shows as text and never runs, and that no page logs an error.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import legalreview as lr
from legalreview.render.site import build_site

pytestmark = pytest.mark.browser



@pytest.fixture(scope="module")
def small_site(tmp_path_factory) -> Path:
    from conftest import SMALL, copy_workspace

    ws = copy_workspace(SMALL, tmp_path_factory.mktemp("small") / "ws")
    return build_site(lr.load_review(ws), ws / "site").out_dir


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    pg.on("dialog", lambda d: (errors.append(f"dialog opened: {d.message}"), d.dismiss()))
    pg.errors = errors
    yield pg
    context.close()


def rows(page) -> list[str]:
    return page.locator("#global-table tbody tr:not([hidden]) th[scope=row] a").all_inner_texts()


def test_index_from_file_url_leads_to_a_sorted_filtered_table_and_a_profile(page, small_site: Path):
    page.goto((small_site / "index.html").as_uri())
    assert page.title().startswith("Overview")
    page.get_by_role("link", name="Global table →").first.click()
    page.wait_for_url("**/sets/csam.html")
    assert rows(page) == ["Kenya", "United Kingdom"]  # assessed countries; the others behind a toggle
    page.check("#f-all")
    assert rows(page) == ["Kenya", "United Kingdom", "Côte d'Ivoire", "Fiji", "Holy See"]

    page.locator("#global-table thead th").nth(0).get_by_role("button").click()
    assert page.locator("#global-table thead th").nth(0).get_attribute("aria-sort") == "ascending"
    page.locator("#global-table thead th").nth(0).get_by_role("button").click()
    assert rows(page) == ["United Kingdom", "Kenya", "Holy See", "Fiji", "Côte d'Ivoire"]

    tier_header = page.locator("#global-table thead th", has_text="Tier")
    tier_header.get_by_role("button").click()  # best tier first
    assert rows(page)[:2] == ["United Kingdom", "Kenya"]

    page.select_option("#f-region", "Africa")
    assert sorted(rows(page)) == ["Côte d'Ivoire", "Kenya"]
    assert page.locator("#f-count").inner_text() == "Showing 2 of 5 countries"
    page.select_option("#f-region", "")
    page.select_option("#f-tier", "not-assessed")
    assert sorted(rows(page)) == ["Côte d'Ivoire", "Fiji", "Holy See"]
    page.select_option("#f-tier", "")
    page.fill("#f-text", "king")
    assert rows(page) == ["United Kingdom"]

    page.get_by_role("link", name="United Kingdom", exact=True).click()
    page.wait_for_url("**/countries/GBR.html")
    assert page.locator("h1").inner_text().startswith("United Kingdom")
    assert page.errors == []


def test_script_in_a_note_shows_as_text_and_never_runs(page, small_site: Path):
    page.add_init_script("window.__alerts = []; window.alert = (m) => window.__alerts.push(m);")
    page.goto((small_site / "countries" / "GBR.html").as_uri())
    assert page.get_by_text("Fixture answer <script>alert('x')</script>").count() == 1
    assert page.evaluate("window.__alerts") == []
    assert page.evaluate("document.querySelectorAll('main script').length") == 0
    assert page.errors == []


def test_global_table_is_complete_without_javascript(browser, small_site: Path):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto((small_site / "sets" / "csam.html").as_uri())
    assert pg.locator("#global-table tbody tr").count() == 5
    assert not pg.locator("#filters").is_visible()
    context.close()


def test_every_page_of_the_embedded_site_loads_without_errors(page, tmp_path: Path):
    from conftest import REPO, copy_workspace

    ws = copy_workspace(REPO, tmp_path / "embedded")
    site = build_site(lr.load_review(ws), ws / "site").out_dir
    pages = sorted(site.glob("*.html")) + sorted(site.glob("sets/*.html")) + [site / "countries" / "GBR.html"]
    for path in pages:
        page.goto(path.as_uri())
        assert page.locator("h1").count() == 1, path
    assert page.errors == []
    shutil.rmtree(site)
