"""Snapshot tests: the small fixture's KEN profile and csam global table, as reviewable HTML.

A template change shows up as a diff of tests/snapshots/. To accept it, run
``UPDATE_SNAPSHOTS=1 pytest tests/test_site_snapshots.py`` and commit the snapshots.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import legalreview as lr
from legalreview.render.site import build_site, render_profile

SNAPSHOTS = Path(__file__).parent / "snapshots"


def check_snapshot(name: str, actual: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1" or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if os.environ.get("UPDATE_SNAPSHOTS") != "1":
            pytest.fail(f"snapshot {name} did not exist; it was written, check it and commit it")
        return
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} changed; review the diff and run with UPDATE_SNAPSHOTS=1 to accept it"


@pytest.fixture
def small_site(small: Path, monkeypatch) -> Path:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    build_site(lr.load_review(small), small / "site", with_charts=False)
    return small / "site"


def test_kenya_profile_matches_snapshot(small_site: Path):
    check_snapshot("small-profile-KEN.html", (small_site / "countries" / "KEN.html").read_text("utf-8"))


def test_csam_global_table_matches_snapshot(small_site: Path):
    check_snapshot("small-set-csam.html", (small_site / "sets" / "csam.html").read_text("utf-8"))


def test_kenya_markdown_profile_matches_snapshot(small: Path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    check_snapshot("small-profile-KEN.md", render_profile(lr.load_review(small), "KEN", "md"))
