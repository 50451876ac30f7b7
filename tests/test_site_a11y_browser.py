"""Accessibility in Chromium: axe-core (axe-playwright-python, bundled, offline) finds no serious or
critical violation on any page type, the focus ring contrasts with the page, and the banner shows
once per page."""

from __future__ import annotations

from pathlib import Path

import pytest

import legalreview as lr
from conftest import browser_page
from legalreview.render import palette
from legalreview.render.site import build_site

pytestmark = pytest.mark.browser

PAGE_TYPES = ["index.html", "sets/csam.html", "criteria/csam-C1.html", "regions/africa.html", "countries.html",
              "countries/GBR.html", "countries/AFG.html", "downloads.html", "methodology.html", "codebook.html"]


@pytest.fixture(scope="module")
def embedded_site(tmp_path_factory) -> Path:
    from conftest import REPO, copy_workspace

    ws = copy_workspace(REPO, tmp_path_factory.mktemp("a11y") / "ws")
    return build_site(lr.load_review(ws), ws / "site").out_dir


@pytest.fixture(scope="module")
def page(browser):
    with browser_page(browser, 1366, 900) as pg:
        yield pg


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    yield context.new_page()
    context.close()


def axe_problems(page) -> list[str]:
    """Return axe-core's serious and critical violations on the open page, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("name", ["index.html", "sets/csam.html", "countries/KEN.html", "countries.html"])
def test_axe_finds_no_serious_or_critical_violation_on_a_phone(phone, embedded_site: Path, name: str):
    phone.goto((embedded_site / name).as_uri())
    assert axe_problems(phone) == []


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_axe_finds_no_serious_or_critical_violation(page, embedded_site: Path, name: str):
    from axe_playwright_python.sync_playwright import Axe

    page.goto((embedded_site / name).as_uri())
    results = Axe().run(page)
    bad = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
           for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == []


def _rgb_hex(css: str) -> str:
    parts = css[css.index("(") + 1:css.index(")")].split(",")
    return "#" + "".join(f"{int(float(p)):02x}" for p in parts[:3])


def test_the_focus_ring_contrasts_three_to_one_with_what_is_behind_it(page, embedded_site: Path):
    page.goto((embedded_site / "sets" / "csam.html").as_uri())
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the site title in the masthead
    page.keyboard.press("Tab")  # the first menu link (on the tinted menu bar)
    ring = page.evaluate("""() => { const el = document.activeElement; const cs = getComputedStyle(el);
        let bg = 'rgba(0, 0, 0, 0)', a = el;
        while (a && (bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent')) {
            bg = getComputedStyle(a).backgroundColor; a = a.parentElement; }
        return [cs.outlineStyle, cs.outlineWidth, cs.outlineColor, bg, el.textContent]; }""")
    style, width, colour, ground, text = ring
    assert style == "solid" and float(width.rstrip("px")) >= 2, ring
    assert palette.contrast(_rgb_hex(colour), _rgb_hex(ground)) >= 3, ring


@pytest.mark.parametrize("name", ["countries/GBR.html", "sets/csam.html", "index.html"])
def test_the_illustrative_banner_shows_once_per_page(page, embedded_site: Path, name: str):
    page.goto((embedded_site / name).as_uri())
    banners = page.locator(".banner")
    assert banners.count() == 1
    assert banners.first.is_visible()
