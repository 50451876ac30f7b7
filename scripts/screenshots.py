"""Build the embedded review and take the README's screenshots: the index, the CSAM global table and
a profile, each on a phone (390 px wide) and on a desktop (1366 px).

Usage: python scripts/screenshots.py [--out docs/screenshots]
Writes <page>-phone.png and <page>-desktop.png. Drives Debian's chromium through Playwright (never
`playwright install`).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

import legalreview as lr
from legalreview.render.site import build_site

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
#: picture name -> page (with the table sorted by tier, best first, through the address)
PAGES = {"index": "index.html", "set-csam": "sets/csam.html#sort=tier-asc", "profile-GBR": "countries/GBR.html"}
#: device name -> viewport
DEVICES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}


def take(site: Path, out: Path) -> list[Path]:
    """Take every screenshot of the built ``site`` into ``out``; return the files written."""
    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for device, viewport in DEVICES.items():
            context = browser.new_context(viewport=viewport, device_scale_factor=1)
            page = context.new_page()
            for name, path in PAGES.items():
                page_path, _, fragment = path.partition("#")
                page.goto((site / page_path).as_uri() + (f"#{fragment}" if fragment else ""))
                target = out / f"{name}-{device}.png"
                page.screenshot(path=str(target))
                written.append(target)
            context.close()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = build_site(lr.load_review(REPO), Path(tmp) / "site").out_dir
        for target in take(site, out):
            print(f"wrote {target}")


if __name__ == "__main__":
    main()
