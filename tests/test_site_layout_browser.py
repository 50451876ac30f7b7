"""Layout in Chromium from 320 px up: no page is wider than the screen, chart text stays legible and
the masthead leaves most of a phone's first screen to the content (issue 19, priority 1)."""

from __future__ import annotations

from pathlib import Path

import pytest

import legalreview as lr
from legalreview.render.site import build_site

pytestmark = pytest.mark.browser

#: One page of every type the site has.
PAGE_TYPES = ["index.html", "sets/csam.html", "sets/grooming.html", "criteria/csam-C1.html", "regions/africa.html",
              "countries.html", "countries/GBR.html", "countries/KEN.html", "countries/AFG.html", "downloads.html",
              "methodology.html", "codebook.html"]


@pytest.fixture(scope="module")
def embedded_site(tmp_path_factory) -> Path:
    from conftest import REPO, copy_workspace

    ws = copy_workspace(REPO, tmp_path_factory.mktemp("layout") / "ws")
    return build_site(lr.load_review(ws), ws / "site").out_dir


@pytest.fixture(scope="module")
def pages(browser):
    """A page at each width, opened once for the module."""
    contexts = {w: browser.new_context(viewport={"width": w, "height": 844 if w < 800 else 900})
                for w in (320, 390, 1366)}
    yield {w: c.new_page() for w, c in contexts.items()}
    for c in contexts.values():
        c.close()


@pytest.mark.parametrize("width", [320, 390, 1366])
def test_no_page_is_wider_than_the_screen(pages, embedded_site: Path, width: int):
    page = pages[width]
    too_wide = {}
    for name in PAGE_TYPES:
        page.goto((embedded_site / name).as_uri())
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        if scroll > inner:
            too_wide[name] = scroll
    assert too_wide == {}, f"pages wider than {width} px"


def test_chart_legends_are_drawn_at_a_legible_size_on_a_phone(pages, embedded_site: Path):
    page = pages[390]
    page.goto((embedded_site / "sets" / "csam.html").as_uri())
    heights = page.evaluate("""() => Array.from(document.querySelectorAll('figure.chart svg text'))
        .map(t => t.getBoundingClientRect().height).filter(h => h > 0)""")
    assert heights, "the set page has charts with text"
    assert min(heights) >= 9, f"smallest chart text is {min(heights):.1f} px high"


def test_masthead_menu_and_banner_leave_most_of_a_phone_screen_to_the_content(pages, embedded_site: Path):
    page = pages[390]
    for name in ("index.html", "countries/GBR.html"):
        page.goto((embedded_site / name).as_uri())
        top = page.evaluate("document.querySelector('main').getBoundingClientRect().top")
        assert top < 844 * 0.30, f"{name}: content starts {top:.0f} px down"


def test_wide_tables_scroll_inside_a_focusable_labelled_box(pages, embedded_site: Path):
    page = pages[390]
    page.goto((embedded_site / "countries" / "KEN.html").as_uri())
    box = page.locator(".table-scroll", has=page.locator("table.glance"))
    assert box.get_attribute("tabindex") == "0" and box.get_attribute("aria-label")
    assert box.evaluate("el => el.scrollWidth <= el.clientWidth || getComputedStyle(el).overflowX === 'auto'")
