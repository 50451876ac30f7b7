"""Build the embedded review and take the README's screenshots (index, a global table, a profile).

Usage: python scripts/screenshots.py [--out docs/screenshots]
Drives Debian's chromium through Playwright (never `playwright install`).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

import legalreview as lr
from legalreview.render.site import build_site

REPO = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
#: file name -> (page, element to scroll to the top of the picture or None)
SHOTS = {"index.png": ("index.html", None), "set-csam.png": ("sets/csam.html", "#filters"),
         "profile-GBR.png": ("countries/GBR.html", None)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = build_site(lr.load_review(REPO), Path(tmp) / "site").out_dir
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            for name, (path, anchor) in SHOTS.items():
                page.goto((site / path).as_uri())
                if anchor:
                    page.evaluate("a => window.scrollTo(0, document.querySelector(a).offsetTop - 16)", anchor)
                    page.locator("#global-table th button.sort").nth(8).click()  # sort by tier, best first
                page.screenshot(path=str(out / name))
                print(f"wrote {out / name}")
            browser.close()


if __name__ == "__main__":
    main()
