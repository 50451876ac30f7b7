"""The static site: what `legalreview build` writes, determinism, safety, template overrides."""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner

import legalreview as lr
from legalreview.cli import main
from legalreview.render.site import build_site, render_profile

from conftest import tree_bytes


def _build(workspace: Path, out: Path | None = None, with_charts: bool = False, **kwargs):
    return build_site(lr.load_review(workspace), out or workspace / "reports" / "site", with_charts=with_charts,
                      **kwargs)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        for key in ("href", "src"):
            if a.get(key):
                self.refs.append(a[key])


def broken_links(site: Path) -> list[str]:
    """Return every relative href/src (and #fragment) in the site that does not resolve."""
    pages = {p: _Links() for p in site.rglob("*.html")}
    for page, parser in pages.items():
        parser.feed(page.read_text("utf-8"))
    broken = []
    for page, parser in pages.items():
        for ref in parser.refs:
            parts = urlsplit(ref)
            if parts.scheme or ref.startswith("//"):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {ref}")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in pages[target].ids:
                broken.append(f"{page.relative_to(site)} -> {ref} (no such anchor)")
    return broken


def test_build_writes_every_page_and_data_file(small: Path):
    result = _build(small)
    site = small / "reports" / "site"
    for path in ["index.html", "sets/csam.html", "methodology.html", "downloads.html", "countries.html",
                 "criteria/csam-C1.html", "regions/africa.html", "data/scores.csv", "data/csam.csv",
                 "data/csam.json", "data/review.xlsx", "data/SHA256SUMS", "CITATION.cff", "static/site.css",
                 "static/site.js"]:
        assert (site / path).is_file(), path
    assert sorted(p.name for p in (site / "countries").iterdir()) == [f"{c}.html" for c in
                                                                   ["CIV", "FJI", "GBR", "KEN", "VAT"]]
    assert result.countries_assessed == 2
    assert result.pages == len(list(site.rglob("*.html")))


def test_every_internal_link_resolves_in_the_embedded_site(embedded: Path):
    _build(embedded)
    assert broken_links(embedded / "reports" / "site") == []


def test_two_builds_of_the_same_input_are_byte_identical(small: Path, tmp_path: Path):
    _build(small, tmp_path / "one", with_charts=True)
    _build(small, tmp_path / "two", with_charts=True)
    assert tree_bytes(tmp_path / "one") == tree_bytes(tmp_path / "two")


def test_source_date_epoch_sets_the_printed_date_and_workbook_dates(small: Path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    _build(small)
    site = small / "reports" / "site"
    assert "2026-01-01" in (site / "countries" / "KEN.html").read_text("utf-8")
    with zipfile.ZipFile(site / "data" / "review.xlsx") as z:
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in z.infolist())
        assert b"2026-01-01T00:00:00Z" in z.read("docProps/core.xml")


def test_downloads_page_lists_sha256_of_each_data_file(small: Path):
    import hashlib

    _build(small)
    site = small / "reports" / "site"
    page = (site / "downloads.html").read_text("utf-8")
    for line in (site / "data" / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ")
        assert hashlib.sha256((site / "data" / name).read_bytes()).hexdigest() == digest  # paths from data/
        assert digest in page


def test_a_note_with_markup_is_escaped_in_html_and_markdown(small: Path):
    _build(small)
    page = (small / "reports" / "site" / "countries" / "GBR.html").read_text("utf-8")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "<script>" not in render_profile(lr.load_review(small), "GBR", "md")


def test_only_http_urls_from_data_become_links(small: Path):
    ken = small / "countries" / "KEN.yaml"
    ken.write_text(ken.read_text().replace('citation: "No. 5 of 2018"',
                                           'citation: "No. 5 of 2018", language: "javascript:alert(1)"'))
    _build(small)
    page = (small / "reports" / "site" / "countries" / "KEN.html").read_text("utf-8")
    assert 'href="javascript:' not in page
    assert 'href="https://example.org/ke/soa"' in page


def test_illustrative_coding_shows_the_banner(small: Path):
    gbr = small / "countries" / "GBR.yaml"
    gbr.write_text(gbr.read_text().replace("status: published", "status: illustrative"))
    _build(small)
    site = small / "reports" / "site"
    banner = "Illustrative coding — not an official assessment of any country&#39;s law"
    for page in ["index.html", "countries/GBR.html", "sets/csam.html"]:
        assert banner in (site / page).read_text("utf-8"), page
    assert banner not in (site / "countries" / "KEN.html").read_text("utf-8")


def test_profile_shows_changes_with_reasons_gaps_and_citation(small: Path):
    _build(small)
    page = (small / "reports" / "site" / "countries" / "KEN.html").read_text("utf-8")
    assert "Changes since the 8th edition" in page
    assert "New law" in page
    assert "Gaps and model provisions" in page
    assert "https://review.example.org/countries/KEN.html" in page
    assert "Not yet assessed against this criteria set" in page  # implementation


def test_workspace_template_overrides_by_most_specific_name(small: Path):
    (small / "templates").mkdir()
    (small / "templates" / "profile-KEN.html.j2").write_text(
        '{% extends "profile.html.j2" %}{% block title %}Kenya, branded{% endblock %}')
    _build(small)
    countries = small / "reports" / "site" / "countries"
    assert "<title>Kenya, branded" in (countries / "KEN.html").read_text("utf-8")
    assert "Kenya, branded" not in (countries / "GBR.html").read_text("utf-8")


def test_rebuild_replaces_the_old_site_and_leaves_no_temporary_folder(small: Path):
    site = small / "reports" / "site"
    _build(small)
    (site / "stale.html").write_text("old")
    _build(small)
    assert not (site / "stale.html").exists()
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]


def test_failed_build_keeps_the_previous_site(small: Path, monkeypatch):
    site = small / "reports" / "site"
    _build(small)
    before = tree_bytes(site)
    from legalreview.render import context

    def boom(self, iso3, root="../"):
        raise RuntimeError("interrupted")

    monkeypatch.setattr(context.SiteContext, "profile_page", boom)
    (small / "countries" / "KEN.yaml").write_text((small / "countries" / "KEN.yaml").read_text() + "\n")
    with pytest.raises(RuntimeError):  # KEN changed, so its profile is rendered again (not reused)
        _build(small)
    assert tree_bytes(site) == before
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]


def test_build_refuses_to_replace_a_folder_it_did_not_build(small: Path):
    (small / "notes").mkdir()
    (small / "notes" / "mine.txt").write_text("keep me")
    with pytest.raises(ValueError, match="not a site built by legalreview"):
        _build(small, small / "notes")
    with pytest.raises(ValueError, match="contains the review"):
        _build(small, small)
    assert (small / "notes" / "mine.txt").read_text() == "keep me"


def test_cli_build_prints_a_summary_and_where_to_open(small: Path):
    result = CliRunner().invoke(main, ["build", "--dir", str(small)])
    assert result.exit_code == 0, result.output
    assert re.search(r"Built \d+ pages: 2 of 5 countries assessed, 0 warnings", result.output)
    assert "Open file://" in result.output and "index.html" in result.output
    assert "Country profiles..." in result.output


def test_cli_build_quiet_prints_only_the_summary(small: Path):
    result = CliRunner().invoke(main, ["build", "--dir", str(small), "--quiet", "--out", str(small / "out")])
    assert result.exit_code == 0, result.output
    assert "..." not in result.output
    assert (small / "out" / "index.html").is_file()


def test_cli_build_of_invalid_input_prints_the_report_and_writes_nothing(small: Path):
    ken = small / "countries" / "KEN.yaml"
    ken.write_text(ken.read_text().replace('C5: "no"', 'C5: "maybe"', 1))
    before = tree_bytes(small)
    result = CliRunner().invoke(main, ["build", "--dir", str(small)])
    assert result.exit_code == 1
    assert "bad-answer" in result.output
    assert tree_bytes(small) == before


def test_cli_profile_prints_markdown_or_writes_html(small: Path, tmp_path: Path):
    runner = CliRunner()
    md = runner.invoke(main, ["profile", "KEN", "--dir", str(small)])
    assert md.exit_code == 0, md.output
    assert md.output.startswith("# Kenya (KEN)")
    out = tmp_path / "ken.html"
    html = runner.invoke(main, ["profile", "ken", "--dir", str(small), "--format", "html", "-o", str(out)])
    assert html.exit_code == 0, html.output
    text = out.read_text("utf-8")
    assert text.startswith("<!doctype html>") and "<style>" in text and "Kenya" in text
    missing = runner.invoke(main, ["profile", "ATA", "--dir", str(small)])
    assert missing.exit_code == 2 and "not on this review's roster" in missing.output


@pytest.mark.parametrize("rows", [[["Kenya", "Africa", "Meets <all> criteria"], ["A&B", "", "1"]], [], [[]],
                                  [["O'Neil \"Land\"", 3, None]]])
def test_a_charts_table_drawn_in_python_is_the_figure_macros_own_loop(rows: list) -> None:
    from legalreview.render.site import Templates, chart_body, environment

    figure = Templates(environment(None)).get("_macros.html.j2").module.figure  # type: ignore[attr-defined]
    chart = {"id": "map", "title": "Tiers", "svg": "<svg/>", "role": "img", "alt": "A map", "columns": ["a", "b"],
             "rows": rows}
    assert str(figure(dict(chart, body=chart_body(rows)), "csam-")) == str(figure(chart, "csam-"))
