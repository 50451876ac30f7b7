"""Incremental builds render exactly the files whose inputs changed, and the result equals a full build.

A reused file is hard-linked from the previous build, so it keeps its inode: the files with a new
inode are the ones rendered again.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

import legalreview as lr
from legalreview.speed import reuse as site_module
from legalreview.speed.reuse import MANIFEST
from legalreview.speed import build_site

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import synth  # noqa: E402

#: Written on every build (they list or hold the others), whatever changed.
ALWAYS = {"data/SHA256SUMS", "data/datapackage.json", "CITATION.cff", "downloads.html",
          "static/site.css", "static/site.js", "static/palette.css", ".legalreview-site"}
#: what any change to a country file also writes again: data/scores.csv (its unchanged pieces copied)
CHANGED = ALWAYS | {"data/scores.csv"}


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != MANIFEST}


def _inodes(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): p.stat().st_ino for p in root.rglob("*") if p.is_file() and p.name != MANIFEST}


def _rebuild(ws: Path, site: Path, tmp_path: Path) -> set[str]:
    """Rebuild the site; check it equals a fresh full build; return the files rendered again."""
    before = _inodes(site)
    build_site(lr.load_review(ws), site, with_charts=False)
    after = _inodes(site)
    fresh = tmp_path / "fresh"
    build_site(lr.load_review(ws), fresh, with_charts=False)
    assert _tree(site) == _tree(fresh)
    return {path for path, inode in after.items() if before.get(path) != inode}


def _edit(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text("utf-8")
    new, n = re.subn(pattern, replacement, text, count=1)
    assert n == 1
    path.write_text(new, "utf-8")


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.setattr(site_module, "PIECE_COUNTRIES", 3)  # several pieces of data/scores.csv
    ws = synth.generate(tmp_path / "ws", 12, seed=7)
    site = ws / "reports" / "site"
    build_site(lr.load_review(ws), site, with_charts=False)
    return ws, site


def test_unchanged_review_reuses_every_page(built: tuple[Path, Path], tmp_path: Path) -> None:
    ws, site = built
    assert _rebuild(ws, site, tmp_path) == ALWAYS


def test_a_new_note_renders_its_profile_and_the_criterion_page_that_quotes_it(built: tuple[Path, Path],
                                                                             tmp_path: Path) -> None:
    ws, site = built
    _edit(ws / "countries" / "SYN-00002.yaml", r'(?s)(edition: "2023".*?note: ")', r"\1Revised: ")
    rendered = _rebuild(ws, site, tmp_path)
    # the other criterion pages quote the same file's other notes and provisions: unchanged, reused
    assert rendered == CHANGED | {"countries/SYN-00002.html", "criteria/csam-C1.html"}
    assert "Revised: " in (site / "countries" / "SYN-00002.html").read_text("utf-8")
    assert "Revised: " in (site / "criteria" / "csam-C1.html").read_text("utf-8")


def test_a_renamed_statute_renders_the_criterion_pages_that_cite_it(built: tuple[Path, Path],
                                                                    tmp_path: Path) -> None:
    ws, site = built
    _edit(ws / "countries" / "SYN-00002.yaml", r'title: "', 'title: "Revised: ')
    rendered = _rebuild(ws, site, tmp_path)
    quoting = {p for p in _tree(site) if p.startswith("criteria/") and b"Revised: " in (site / p).read_bytes()}
    assert quoting, "a criterion page cites the renamed statute's provisions"
    assert {p for p in rendered if p.startswith("criteria/")} == quoting


def test_a_new_answer_renders_its_profile_and_its_sets_pages(built: tuple[Path, Path], tmp_path: Path) -> None:
    ws, site = built
    path = ws / "countries" / "SYN-00003.yaml"
    text = path.read_text("utf-8")
    at = text.index("- set: grooming")
    value = re.search(r'G1: \{value: "(\w+)"', text[at:])
    assert value is not None
    new = "no" if value.group(1) != "no" else "yes"
    path.write_text(text[:at] + text[at:].replace(value.group(0), f'G1: {{value: "{new}"', 1), "utf-8")
    rendered = _rebuild(ws, site, tmp_path)
    assert "countries/SYN-00003.html" in rendered
    assert {"sets/grooming.html", "criteria/grooming-G1.html", "data/grooming.csv", "data/grooming.json",
            "data/review.xlsx", "index.html"} <= rendered
    # the country list, methodology and codebook show no answer, tier or count
    assert not {"countries.html", "methodology.html", "codebook.html"} & rendered
    assert not {p for p in rendered if p.startswith("countries/SYN-") and p != "countries/SYN-00003.html"}
    assert not {p for p in rendered if p.startswith(("sets/csam", "criteria/csam", "data/csam",
                                                      "sets/implementation", "data/implementation"))}
    # the other criteria of the set and the other regions do not show this answer: their pages are reused
    assert {p for p in rendered if p.startswith("criteria/")} == {"criteria/grooming-G1.html"}
    region = lr.load_review(ws).registry.by_code["SYN-00003"].region
    regions = {p for p in _tree(site) if p.startswith("regions/")}
    assert len(regions) > 1
    changed_regions = {p for p in rendered if p.startswith("regions/")}
    assert len(changed_regions) == 1 and region.lower().split()[0] in next(iter(changed_regions))


def test_a_changed_change_reason_renders_the_sets_page(built: tuple[Path, Path], tmp_path: Path) -> None:
    ws, site = built
    path = ws / "countries" / "SYN-00004.yaml"
    text = path.read_text("utf-8")
    at = text.index('edition: "2023"')
    start = text.index("    changes: {C1: law-amended", at)
    old = "    changes: {C1: law-amended"
    path.write_text(text[:start] + "    changes: {C1: new-law" + text[start + len(old):], "utf-8")
    rendered = _rebuild(ws, site, tmp_path)
    assert {"countries/SYN-00004.html", "sets/csam.html"} <= rendered


def test_a_changed_roster_entry_renders_again(built: tuple[Path, Path], tmp_path: Path) -> None:
    ws, site = built
    _edit(ws / "review.toml", r'name = "[^"]*"', 'name = "Renamed jurisdiction"')
    rendered = _rebuild(ws, site, tmp_path)
    assert "index.html" in rendered


def test_an_unchanged_scores_file_is_linked_whole_and_its_pieces_stay_known(
        built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build where no country changed links data/scores.csv whole; the build after it, with one
    country changed, still copies the other countries' pieces from that file (one piece per set made)."""
    ws, site = built
    assert "data/scores.csv" not in _rebuild(ws, site, tmp_path)
    made = []
    real = site_module.site_csv
    monkeypatch.setattr(site_module, "site_csv", lambda frame, header: made.append(len(frame)) or real(frame, header))
    _edit(ws / "countries" / "SYN-00005.yaml", r'note: "', 'note: "Revised: ')
    before = (site / "data" / "scores.csv").stat().st_ino
    build_site(lr.load_review(ws), site, with_charts=False)
    assert (site / "data" / "scores.csv").stat().st_ino != before
    sets = len(lr.load_review(ws).criteria)
    assert 0 < len(made) <= sets, "only the pieces holding the changed country are made"


def test_a_scores_file_that_is_not_the_one_built_is_written_again(built: tuple[Path, Path], tmp_path: Path) -> None:
    ws, site = built
    scores = site / "data" / "scores.csv"
    data = scores.read_bytes()
    os.unlink(scores)  # it was hard-linked nowhere else, but never edit in place
    scores.write_bytes(data[:-10])
    _edit(ws / "countries" / "SYN-00005.yaml", r'note: "', 'note: "Revised: ')
    _rebuild(ws, site, tmp_path)
    assert scores.read_bytes().endswith(data[-10:])


def test_profiles_of_files_without_a_known_fingerprint_are_rendered_again(built: tuple[Path, Path]) -> None:
    ws, site = built
    before = _inodes(site)
    review = lr.load_review(ws)
    review.workspace.fingerprints.pop("SYN-00006")
    build_site(review, site, with_charts=False)
    after = _inodes(site)
    rendered = {path for path, inode in after.items() if before.get(path) != inode}
    assert "countries/SYN-00006.html" in rendered
    assert "countries/SYN-00007.html" not in rendered


def test_a_country_no_longer_assessed_renders_the_country_list_and_every_profile_comparing_with_it(
        built: tuple[Path, Path], tmp_path: Path) -> None:
    ws, site = built
    path = ws / "countries" / "SYN-00005.yaml"
    text = path.read_text("utf-8")
    path.write_text(text[:text.index("assessments:")] + "assessments: []\n", "utf-8")
    rendered = _rebuild(ws, site, tmp_path)
    assert {"countries.html", "index.html", "countries/SYN-00005.html"} <= rendered
    # every assessed profile compares its answers with the countries of the world that meet each criterion
    assert "countries/SYN-00001.html" in rendered
    assert "codebook.html" not in rendered


def test_criterion_keys_from_the_previous_builds_hashes_equal_keys_made_afresh(
        built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild reads the answers quoted by criterion pages of the changed countries only (the others'
    hashes come from the manifest), and its keys are those a build without any manifest makes."""
    from legalreview.render.context import SiteContext
    from legalreview.speed import store

    ws, site = built
    _edit(ws / "countries" / "SYN-00002.yaml", r'(?s)(edition: "2023".*?note: ")', r"\1Revised: ")
    asked: list[set[str] | None] = []
    real_hashes = SiteContext.quoted_hashes

    def counting(self: SiteContext, set_id: str, codes: set[str] | None = None):  # type: ignore[no-untyped-def]
        asked.append(codes)
        return real_hashes(self, set_id, codes)

    keys: dict[str, dict[tuple[str, str], str]] = {}
    real_key = site_module.Reuse.criterion_key

    def keeping(self: site_module.Reuse, set_id: str, criterion_id: str) -> str:
        key = real_key(self, set_id, criterion_id)
        keys.setdefault(str(self.out), {})[set_id, criterion_id] = key
        return key

    monkeypatch.setattr(SiteContext, "quoted_hashes", counting)
    monkeypatch.setattr(site_module.Reuse, "criterion_key", keeping)
    build_site(lr.load_review(ws), site, with_charts=False)
    assert asked == [{"SYN-00002"}] * 3  # once per set
    (store.cache_folder(ws) / site_module.manifest_name(site)).unlink()  # no previous hashes: all made afresh
    asked.clear()
    fresh = keys.pop(str(site))
    build_site(lr.load_review(ws), site, with_charts=False)
    assert asked == [{f"SYN-{i:05d}" for i in range(1, 13)}] * 3
    assert keys[str(site)] == fresh
    assert _tree(site) == _rebuild_fresh(ws, tmp_path)


def _rebuild_fresh(ws: Path, tmp_path: Path) -> dict[str, bytes]:
    build_site(lr.load_review(ws), tmp_path / "fresh", with_charts=False)
    return _tree(tmp_path / "fresh")
