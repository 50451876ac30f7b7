"""The index page's world map renders in Chromium: a visible path and a title per roster country."""

from __future__ import annotations


import pytest

import legalreview as lr

pytestmark = pytest.mark.browser


def test_index_page_shows_the_world_map_with_a_titled_path_per_country(browser, embedded, tmp_path):
    from legalreview.render.site import build_site

    review = lr.load_review(embedded)
    result = build_site(review, tmp_path / "site")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(result.index.as_uri())
    found = page.evaluate("""() => {
        const svg = document.querySelector('svg.lr-map');
        if (!svg) return null;
        const box = svg.getBoundingClientRect();
        const paths = [...svg.querySelectorAll('path[data-iso3]')].map(p => {
            const b = p.getBBox();
            return {iso3: p.dataset.iso3, title: p.querySelector('title')?.textContent || '',
                    w: b.width, h: b.height, fill: getComputedStyle(p).fill};
        });
        return {width: box.width, height: box.height, paths};
    }""")
    assert found is not None, "the index page has no world map"
    assert found["width"] > 300 and found["height"] > 100
    by_code = {p["iso3"]: p for p in found["paths"]}
    assert sorted(by_code) == sorted(review.registry.codes)
    assert len(found["paths"]) == len(by_code)  # exactly one path per country
    table = review.table(next(iter(review.criteria)))
    for iso3, p in by_code.items():
        assert p["title"].startswith(table.loc[iso3, "country"]), iso3
        assert p["w"] > 0 and p["h"] > 0, f"{iso3} has no visible shape"
    assert by_code["XKX"]["title"].startswith("Kosovo")
    assert all(u.startswith("file://") for u in requests), [u for u in requests if not u.startswith("file://")]
    page.close()
