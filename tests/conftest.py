"""Shared fixtures: the embedded review, the small fixture review, and copies to edit safely."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
#: Debian's Chromium, driven by Playwright (never `playwright install`: it cannot download here).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SMALL = REPO / "tests" / "fixtures" / "small"


def copy_workspace(source: Path, target: Path) -> Path:
    """Copy a workspace's review.toml, criteria/ and countries/ (and templates/ if any) to target."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / "review.toml", target / "review.toml")
    for folder in ("criteria", "countries", "templates"):
        if (source / folder).is_dir():
            shutil.copytree(source / folder, target / folder)
    return target


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Return every file under root as relative path -> bytes (to prove nothing was written)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session", autouse=True)
def _cache_root(tmp_path_factory: pytest.TempPathFactory):
    """The persistent cache of every test (and its subprocesses) lives in a temporary folder, never ~/.cache."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LEGALREVIEW_CACHE_DIR", str(tmp_path_factory.mktemp("cache-root")))
        yield


@pytest.fixture
def repo_root() -> Path:
    return REPO


@pytest.fixture
def embedded(tmp_path: Path) -> Path:
    """A private copy of the embedded default review (the repository's own workspace)."""
    return copy_workspace(REPO, tmp_path / "embedded")


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A private copy of tests/fixtures/small: 5 jurisdictions (KEN, GBR, CIV, FJI, VAT)."""
    return copy_workspace(SMALL, tmp_path / "small")


@contextlib.contextmanager
def browser_page(browser: Any, width: int = 1366, height: int = 900) -> Iterator[Any]:
    """Yield a page of its own browser context at this viewport; script errors collect in ``page.errors``."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium via Playwright (overrides pytest-playwright's own browser fixture)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: `bash scripts/test.sh` installs it (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
