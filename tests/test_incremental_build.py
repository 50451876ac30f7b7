"""Incremental builds: a rebuild reuses unchanged pages and writes exactly what a full build writes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import legalreview as lr
from legalreview.speed import store as parsecache
from legalreview.speed.reuse import MANIFEST, charts_name, manifest_name
from legalreview.speed import build_site

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import synth  # noqa: E402


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != MANIFEST}


def test_each_set_s_charts_are_kept_apart_and_written_only_when_drawn(tmp_path: Path) -> None:
    ws = synth.generate(tmp_path / "ws", 12, seed=3)
    site = ws / "reports" / "site"
    build_site(lr.load_review(ws), site)
    folder = parsecache.cache_folder(ws)
    files = {sid: folder / charts_name(site, sid) for sid in ("csam", "grooming", "implementation")}
    assert all(f.is_file() for f in files.values())
    manifest = parsecache.read_sealed(ws, manifest_name(site))
    assert b"<svg" not in manifest, "the manifest every build reads holds no chart"
    written = {sid: f.stat().st_mtime_ns for sid, f in files.items()}
    synth.change_answer(ws, 2)  # one answer of one set
    build_site(lr.load_review(ws), site)
    again = {sid: f.stat().st_mtime_ns for sid, f in files.items()}
    redrawn = {sid for sid in files if again[sid] != written[sid]}
    assert len(redrawn) == 1, redrawn
    fresh = tmp_path / "fresh"
    build_site(lr.load_review(ws), fresh)
    assert _tree(site) == _tree(fresh)


@pytest.mark.parametrize("with_charts", [False, True])
def test_rebuild_after_one_change_equals_a_full_build(tmp_path: Path, with_charts: bool) -> None:
    ws = synth.generate(tmp_path / "ws", 12, seed=3)
    site = ws / "reports" / "site"
    build_site(lr.load_review(ws), site, with_charts=with_charts)
    first = _tree(site)
    # nothing changed: every page is reused and the bytes are the same
    build_site(lr.load_review(ws), site, with_charts=with_charts)
    assert _tree(site) == first
    # one country changes: the incremental site equals a fresh full build
    synth.touch_country(ws, 2)
    review = lr.load_review(ws)
    build_site(review, site, with_charts=with_charts)
    fresh = tmp_path / "fresh"
    build_site(lr.load_review(ws), fresh, with_charts=with_charts)
    assert _tree(site) == _tree(fresh)
    assert _tree(site)["countries/SYN-00002.html"] != first["countries/SYN-00002.html"]
    assert not (site / MANIFEST).exists(), "the manifest is kept in the cache, never in the site"
    manifest = json.loads(parsecache.read_sealed(ws, manifest_name(site)))
    assert "countries/SYN-00002.html" in manifest["pages"]


def test_changed_template_renders_everything_again(tmp_path: Path) -> None:
    ws = synth.generate(tmp_path / "ws", 5, seed=4)
    site = ws / "reports" / "site"
    build_site(lr.load_review(ws), site, with_charts=False)
    (ws / "templates").mkdir()
    (ws / "templates" / "profile-SYN-00001.html.j2").write_text("custom {{ name }}\n", "utf-8")
    build_site(lr.load_review(ws), site, with_charts=False)
    assert (site / "countries" / "SYN-00001.html").read_text("utf-8").startswith("custom ")


def test_an_unchanged_page_is_reused_unread_and_one_edited_in_place_is_rendered_afresh(tmp_path: Path,
                                                                                        monkeypatch) -> None:
    """A rebuild links the previous build's unchanged pages without reading them (their stat signatures
    were kept once the site was in place); a page edited in place with its size and modification time
    put back is read (its change time moved), found changed and rendered afresh."""
    import os

    from legalreview.speed.reuse import Reuse

    ws = synth.generate(tmp_path / "ws", 6, seed=5)
    site = ws / "reports" / "site"
    build_site(lr.load_review(ws), site, with_charts=False)
    first = _tree(site)
    page = site / "countries" / "SYN-00003.html"
    st = os.stat(page)
    text = page.read_bytes()
    forged = text.replace(b"<h1>", b"<h2>", 1)
    assert forged != text and len(forged) == len(text)
    page.write_bytes(forged)
    os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns))
    read = []
    real = Reuse._read_old
    monkeypatch.setattr(Reuse, "_read_old", lambda self, path: read.append(path) or real(self, path))
    build_site(lr.load_review(ws), site, with_charts=False)
    assert _tree(site) == first, "the edited page was rendered afresh"
    assert "countries/SYN-00003.html" in read and "countries/SYN-00001.html" not in read


def test_a_build_that_fails_before_its_site_is_in_place_leaves_the_previous_manifest(tmp_path: Path,
                                                                                     monkeypatch) -> None:
    """The manifest is written once, when the new site is in place: a build that fails before keeps the
    previous site and the manifest that describes it, and the next build still reuses that site."""
    from legalreview.render import site as site_module

    ws = synth.generate(tmp_path / "ws", 6, seed=5)
    site = ws / "reports" / "site"
    build_site(lr.load_review(ws), site, with_charts=False)
    manifest = parsecache.read_sealed(ws, manifest_name(site))
    synth.change_answer(ws, 2)

    def failing(tmp: Path, out: Path) -> None:
        raise OSError("disk full")

    with monkeypatch.context() as m:
        m.setattr(site_module, "_swap_in", failing)
        with pytest.raises(OSError):
            build_site(lr.load_review(ws), site, with_charts=False)
    assert parsecache.read_sealed(ws, manifest_name(site)) == manifest
    build_site(lr.load_review(ws), site, with_charts=False)
    assert parsecache.read_sealed(ws, manifest_name(site)) != manifest
    with monkeypatch.context() as m:
        m.setenv("LEGALREVIEW_NO_CACHE", "1")
        build_site(lr.load_review(ws), tmp_path / "clean", with_charts=False)
    assert _tree(site) == _tree(tmp_path / "clean")
