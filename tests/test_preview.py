"""legalreview serve: the built site over loopback HTTP, nothing outside the site folder."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

import legalreview as lr
from legalreview.cli import main
from legalreview.render.preview import serve_in_background
from legalreview.render.site import build_site


def test_the_site_is_served_on_loopback_and_files_outside_it_are_not(small: Path) -> None:
    site = small / "reports" / "site"
    build_site(lr.load_review(small), site)
    server, base = serve_in_background(site)
    try:
        assert base.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(base + "countries/KEN.html", timeout=10) as response:
            assert response.status == 200
            assert "Kenya" in response.read().decode("utf-8")
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(base + "../../review.toml", timeout=10)
        assert info.value.code == 404
    finally:
        server.shutdown()
        server.server_close()


def test_serve_without_a_built_site_says_to_build_first(small: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--dir", str(small)])
    assert result.exit_code == 1
    assert "run `legalreview build" in result.output
