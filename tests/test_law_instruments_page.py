"""The instruments page: each treaty's recorded positions counted by region, never inventing a
non-party from a country that records nothing, and rendered again when a position changes."""

from __future__ import annotations

import re
from pathlib import Path

import legalreview as lr
from conftest import REPO, copy_workspace
from legalreview.render.site import build_site


def _row(html: str, instrument: str, region: str) -> list[str]:
    section = html[html.index(f'<h2 id="instrument-{instrument}">'):]
    section = section[:section.index("</section>")]
    row = re.search(rf'<tr><th scope="row">{region}</th>(.*?)</tr>', section, flags=re.S)
    assert row is not None
    return re.findall(r'<td class="num">(\d+)</td>', row.group(1))


def test_the_instruments_page_counts_recorded_positions_by_region(tmp_path: Path) -> None:
    ws = copy_workspace(REPO, tmp_path / "ws")
    site = build_site(lr.load_review(ws), ws / "site", with_charts=False).out_dir
    html = (site / "instruments.html").read_text("utf-8")
    # ratified, acceded, signed only, not a party, not recorded
    assert _row(html, "crc", "Europe") == ["1", "0", "0", "0", "44"]  # the United Kingdom
    assert _row(html, "crc", "Americas") == ["0", "0", "1", "0", "34"]  # the United States, signed only
    assert _row(html, "crc", "Africa")[3] == "0"  # nothing recorded is never "not a party"
    assert 'href="countries/USA.html#instruments">United States</a>' in html
    assert 'href="../instruments.html"' in (site / "countries" / "GBR.html").read_text("utf-8")

    usa = ws / "countries" / "USA.yaml"
    text = usa.read_text("utf-8")
    assert "status: signed" in text
    usa.write_text(text.replace("status: signed", "status: not-party", 1), "utf-8")
    build_site(lr.load_review(ws), site, with_charts=False)
    assert _row((site / "instruments.html").read_text("utf-8"), "crc", "Americas") == ["0", "0", "0", "1", "34"]
