"""A review received from someone else is untrusted input: no cache or site file found in it (or
forged in the cache) runs code, is inlined, or is reused unless it is exactly what we wrote.

The persistent cache lives outside the workspace (``$LEGALREVIEW_CACHE_DIR/workspaces/<id>/``) and
every file in it is sealed with HMAC-SHA256 under a key kept in the cache root; the site manifest
lives there too, and every file reused from the old site is checked against its recorded SHA-256.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import pickle
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, copy_workspace, tree_bytes
from legalreview.speed import store as parsecache
from legalreview.speed.reuse import MANIFEST, charts_name, manifest_name

MARK = "PWNED-8c1f"


class _Payload:
    """Unpickling this creates the marker file (what a malicious cache file would do)."""

    def __init__(self, marker: Path):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def _evil(marker: Path) -> bytes:
    return pickle.dumps({"key": "x", "entries": _Payload(marker), "files": _Payload(marker)})


EVIL_SVG = (f'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert("{MARK}")</script>'
            f'<rect width="10" height="10" onload="alert(\'{MARK}\')"/></svg>').encode()


@pytest.fixture
def cache_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "cache-root"
    monkeypatch.setenv(parsecache.ROOT_ENV, str(root))
    monkeypatch.delenv(parsecache.DISABLE_ENV, raising=False)
    return root


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full = dict(os.environ if env is None else env, PYTHONPATH=os.pathsep.join(sys.path))
    return subprocess.run([sys.executable, "-m", "legalreview.cli", *args], env=full, capture_output=True,
                          text=True, timeout=300)


def _build(ws: Path, out: Path | None = None, env: dict[str, str] | None = None) -> Path:
    out = out or ws / "reports" / "site"
    done = _run("build", "--dir", str(ws), "--out", str(out), "--quiet", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def _reference(tmp_path: Path) -> dict[str, bytes]:
    """The site of a clean copy of the embedded review, built without any cache."""
    clean = copy_workspace(REPO, tmp_path / "clean")
    out = _build(clean, tmp_path / "clean-site", env=dict(os.environ, LEGALREVIEW_NO_CACHE="1"))
    return tree_bytes(out)


def _no_mark(tree: dict[str, bytes]) -> None:
    for name, data in tree.items():
        assert MARK.encode() not in data, f"{name} holds the injected content"
        assert b"SECRET-5e7a" not in data and b"EDITED-BY-HAND" not in data, name


def _cache_names(tmp_path: Path) -> list[str]:
    """Every cache file a build writes (relative to its workspace cache folder)."""
    ws = copy_workspace(REPO, tmp_path / "names")
    env = dict(os.environ, LEGALREVIEW_CACHE_DIR=str(tmp_path / "names-cache"))
    _build(ws, env=env)
    import hashlib as h

    folder = tmp_path / "names-cache" / "workspaces" / h.sha256(str(ws.resolve()).encode()).hexdigest()[:32]
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


# ------------------------------------------------------------------ a cache inside the workspace

def test_a_cache_folder_inside_the_workspace_is_never_read(tmp_path: Path, cache_root: Path) -> None:
    """A .legalreview-cache/ shipped in a repository or zip (where older versions kept the cache):
    validate, score and build never unpickle or inline anything from it."""
    names = _cache_names(tmp_path)
    assert any(n.startswith("models/") for n in names) and any(n.startswith("site-") for n in names)
    ws = copy_workspace(REPO, tmp_path / "ws")
    marker = tmp_path / "marker"
    folder = ws / parsecache.CACHE_DIR
    old_names = [f"checked-{i:02x}.pickle" for i in range(16)] + ["config-00.pickle", "models/index.pickle",
                                                                  "spine.pickle", "spine-delta.pickle",
                                                                  "derived/vega-0.svg"]  # older versions' charts
    for name in set(names) | set(old_names):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(EVIL_SVG if name.endswith(".svg") else _evil(marker))
    (folder / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n")
    (folder / "derived").mkdir(exist_ok=True)  # where older versions kept charts and the map
    (folder / "derived" / "vega-0.svg").write_bytes(EVIL_SVG)
    (folder / "derived" / "worldmap-0.json").write_bytes(_evil(marker))

    validate = _run("validate", "--dir", str(ws))
    assert validate.returncode == 0, validate.stdout + validate.stderr
    score = _run("score", "--set", "csam", "--format", "csv", "--dir", str(ws))
    assert score.returncode == 0, score.stderr
    clean = copy_workspace(REPO, tmp_path / "clean-score")
    assert score.stdout == _run("score", "--set", "csam", "--format", "csv", "--dir", str(clean)).stdout
    site = tree_bytes(_build(ws))
    assert not marker.exists(), "a pickle from the workspace was loaded"
    _no_mark(site)
    assert site == _reference(tmp_path)
    assert not (ws / parsecache.CACHE_DIR / "key").exists()


# ------------------------------------------------------------------ forged files in the cache itself

def _wrong_key_seal(path: Path, data: bytes) -> bytes:
    label = path.relative_to(parsecache.cache_root()).as_posix()
    mac = hmac.new(os.urandom(32), label.encode() + b"\x00", hashlib.sha256)
    mac.update(data)
    return parsecache._MAGIC + mac.digest() + data


@pytest.mark.parametrize("forgery", ["unsealed", "wrong-key"])
def test_cache_files_without_a_valid_mac_are_ignored_and_rewritten(tmp_path: Path, cache_root: Path,
                                                                   forgery: str) -> None:
    ws = copy_workspace(REPO, tmp_path / "ws")
    _build(ws)
    folder = parsecache.cache_folder(ws)
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("pack-"))
    assert {p.name for p in files} >= {"index.json", "config-00.json", "spine.bin"}
    assert any(p.name.startswith("checked-") for p in files) and any(p.name.startswith("site-") for p in files)
    marker = tmp_path / "marker"
    for path in files:
        payload = EVIL_SVG if path.suffix == ".svg" else _evil(marker)
        path.write_bytes(payload if forgery == "unsealed" else _wrong_key_seal(path, payload))
    site = _build(ws)
    assert not marker.exists(), "a forged cache file was unpickled"
    _no_mark(tree_bytes(site))
    assert tree_bytes(site) == _reference(tmp_path)
    for path in files:  # rewritten, valid
        if path.suffix in (".json", ".bin"):
            assert parsecache._read(path) is not None, f"{path.name} was not rewritten"
    for path in folder.rglob("*.svg"):
        assert parsecache._read(path) is not None and MARK.encode() not in path.read_bytes()


def test_a_pickle_sealed_with_the_real_key_is_never_unpickled(tmp_path: Path, cache_root: Path) -> None:
    """The cache holds plain data only: even a file that passes the MAC check (someone with the key, or
    a file of an older version that kept pickles) is decoded as data, never unpickled. Every cache
    file, under its own name and under the names older versions used, is replaced by a payload pickle
    sealed with the real key; the build ignores them all, removes the old ones and builds the right site."""
    ws = copy_workspace(REPO, tmp_path / "ws")
    _build(ws)
    folder = parsecache.cache_folder(ws)
    marker = tmp_path / "marker"
    files = [p for p in folder.rglob("*") if p.is_file()]
    old = [folder / f"checked-{i:02x}.pickle" for i in range(16)] + [
        folder / "config-00.pickle", folder / "models" / "index.pickle", folder / "spine.pickle"]
    assert {p.name for p in files} >= {"index.json", "spine.bin"} and any(p.name.startswith("pack-") for p in files)
    for path in [*files, *old]:
        path.write_bytes(parsecache._seal(_evil(marker), parsecache._label(path)))
    assert all(parsecache._read(p) is not None for p in old), "sealed with the real key"
    site = _build(ws)
    assert not marker.exists(), "a sealed pickle was unpickled"
    assert tree_bytes(site) == _reference(tmp_path)
    assert not [p for p in old if p.exists()], "a build removes the files older versions kept"


def test_a_pack_whose_bytes_differ_from_the_index_is_not_used(tmp_path: Path, cache_root: Path) -> None:
    """The index is sealed and records the SHA-256 of each file's data; a pack altered under a valid
    index is never used (one file's data is read alone, by offset, and checked before it is decoded)."""
    ws = copy_workspace(REPO, tmp_path / "ws")
    _build(ws)
    marker = tmp_path / "marker"
    packs = list((parsecache.cache_folder(ws) / "models").glob("pack-*.bin"))
    assert packs
    for pack in packs:
        size = pack.stat().st_size
        evil = pickle.dumps(_Payload(marker))
        pack.write_bytes((evil * (size // len(evil) + 1))[:size])  # same size: every offset is a payload
    from legalreview.speed import forget_memory

    forget_memory()
    cache = parsecache.ModelCache(ws)
    assert cache.index, "the sealed index is read"
    for (filename, kind), ref in cache.index.items():
        assert cache.get(filename, kind, ref[0]) is None
    assert not marker.exists()
    site = _build(tmp_path / "ws", tmp_path / "other-site")  # every model parsed again: a correct site
    assert not marker.exists()
    assert tree_bytes(site) == _reference(tmp_path)


def test_a_kept_chart_svg_with_a_script_is_drawn_again(tmp_path: Path, cache_root: Path) -> None:
    """The previous build's charts, kept sealed in the cache (a file per set), are never inlined into a
    page again when they hold a script, even under a valid MAC (SVG is also checked for scripts and
    handlers)."""

    ws = copy_workspace(REPO, tmp_path / "ws")
    old = _build(ws)
    kept_files = [parsecache.cache_folder(ws) / charts_name(old, sid) for sid in ("csam", "grooming")]
    for path in kept_files:
        kept = json.loads(bytes(parsecache._read(path)))
        assert kept["charts"]
        for chart in kept["charts"]:
            assert parsecache.plain_svg(chart["svg"]), "the charts we draw pass the check"
            chart["svg"] = chart["svg"].replace(">", f"><script>alert('{MARK}')</script>", 1)
        parsecache._write(path, json.dumps(kept).encode())  # a valid MAC: the SVG check still refuses them
    for page in old.rglob("*.html"):  # pages with charts, edited: rendered again, their charts needed
        if b"lr-chart" in page.read_bytes():
            page.write_bytes(page.read_bytes() + b"<!-- EDITED-BY-HAND -->")
    site = tree_bytes(_build(ws))
    _no_mark(site)
    reference = _reference(tmp_path)
    for name in (n for n in site if n.startswith("sets/")):
        assert site[name].count(b"<script") == reference[name].count(b"<script")
    assert site == reference


def test_plain_svg_check() -> None:
    good = '<svg xmlns="http://www.w3.org/2000/svg"><text>one = two, onto</text></svg>'
    assert parsecache.plain_svg(good)
    assert parsecache.plain_svg('<?xml version="1.0"?>\n' + good)
    for bad in ('<svg><script>x</script></svg>', '<svg onload="x()"></svg>', '<svg/onload=x()></svg>',
                '<svg><a href="javascript:x()">a</a></svg>', '<svg><foreignObject></foreignObject></svg>',
                '<html><svg></svg></html>', '<svg><SCRIPT >x</SCRIPT></svg>'):
        assert not parsecache.plain_svg(bad), bad


# ------------------------------------------------------------------ the old site

def test_an_old_site_edited_by_hand_or_with_links_is_not_reused(tmp_path: Path, cache_root: Path) -> None:
    """Pages edited by hand, pages swapped for links (to a secret outside, to a FIFO), a linked
    folder holding the right bytes, an altered scores.csv and a forged manifest in the site: the new
    site holds none of it, and equals a full build."""
    ws = copy_workspace(REPO, tmp_path / "ws")
    site = _build(ws)
    before = tree_bytes(site)
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-5e7a\n")
    pages = sorted(p for p in (site / "countries").glob("*.html"))
    pages[0].write_bytes(pages[0].read_bytes() + b"<!-- EDITED-BY-HAND -->")  # same inode, new bytes
    pages[1].unlink()
    pages[1].symlink_to(secret)
    pages[2].unlink()
    os.mkfifo(pages[2])  # never read: a FIFO would hang the build
    (site / "index.html").unlink()
    (site / "index.html").symlink_to(secret)
    data = site / "data" / "csam.csv"
    data.unlink()
    data.symlink_to(secret)
    scores = site / "data" / "scores.csv"
    raw = bytearray(scores.read_bytes())
    at = raw.index(b"\n") + 1
    raw[at:at + 3] = b"ZZZ"  # same size: the first piece no longer hashes right
    scores.write_bytes(bytes(raw))
    outside = tmp_path / "outside-criteria"  # a folder of the right bytes, linked in from outside
    os.replace(site / "criteria", outside)
    (site / "criteria").symlink_to(outside)
    outside_inodes = {p.stat().st_ino for p in outside.iterdir()}
    (site / MANIFEST).write_text('{"format": 3, "pages": {}}')  # older versions read this: never now

    out = _build(ws)
    assert not any(p.is_symlink() for p in out.rglob("*")), "a link was carried into the new site"
    assert not (out / MANIFEST).exists()
    assert not outside_inodes & {p.stat().st_ino for p in (out / "criteria").iterdir()}
    tree = tree_bytes(out)
    _no_mark(tree)
    assert tree == before, "every altered file was rendered afresh"


def test_a_forged_manifest_in_the_cache_means_a_full_build(tmp_path: Path, cache_root: Path) -> None:
    """A manifest without a valid MAC that claims the hash of an edited page is not believed."""

    ws = copy_workspace(REPO, tmp_path / "ws")
    site = _build(ws)
    before = tree_bytes(site)
    path = parsecache.cache_folder(ws) / manifest_name(site)
    doc = json.loads(bytes(parsecache._read(path)))
    page = sorted(doc["pages"])[0]
    edited = before[page] + b"<!-- EDITED-BY-HAND -->"
    (site / page).write_bytes(edited)
    doc["pages"][page][1] = hashlib.sha256(edited).hexdigest()
    path.write_bytes(json.dumps(doc).encode())  # unsealed
    inodes = {p: (site / p).stat().st_ino for p in before}
    out = _build(ws)
    assert tree_bytes(out) == before
    assert all((out / p).stat().st_ino != inodes[p] for p in before), "nothing was reused: a full build"
    assert parsecache._read(path) is not None, "the manifest is rewritten, sealed"
    # and a valid manifest lets the next build reuse pages (the checks do not stop reuse)
    again = _build(ws)
    assert (again / page).stat().st_ino == (out / page).stat().st_ino


# ------------------------------------------------------------------ where the cache is

def test_the_cache_is_outside_the_workspace_and_private(tmp_path: Path, cache_root: Path) -> None:
    ws = copy_workspace(REPO, tmp_path / "ws")
    _build(ws)
    assert not [p for p in ws.rglob("*") if p.name == parsecache.CACHE_DIR]
    folder = parsecache.cache_folder(ws)
    expected = hashlib.sha256(str(ws.resolve()).encode()).hexdigest()[:32]
    assert folder == cache_root / "workspaces" / expected and folder.is_dir()
    assert list(folder.glob("checked-*.json")) and list(folder.glob("site-*.json"))
    key = cache_root / "key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and key.stat().st_size == 32
    folders = [p for p in folder.rglob("*") if p.is_dir()]
    assert folder / "models" in folders
    for path in (cache_root, cache_root / "workspaces", folder, *folders):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700, path
    for path in folder.rglob("*"):
        if path.is_file():
            assert not stat.S_IMODE(path.stat().st_mode) & 0o077, path
            assert path.read_bytes().startswith(parsecache._MAGIC) or path.name.startswith("pack-")


def test_a_linked_or_foreign_key_disables_the_cache(tmp_path: Path, cache_root: Path) -> None:
    """A key that is a link (or readable by others) is never used: nothing is cached, the build is right."""
    cache_root.mkdir(mode=0o700)
    other = tmp_path / "other-key"
    other.write_bytes(os.urandom(32))
    (cache_root / "key").symlink_to(other)
    ws = copy_workspace(REPO, tmp_path / "ws")
    site = _build(ws)
    assert tree_bytes(site) == _reference(tmp_path)
    assert not [p for p in parsecache.cache_folder(ws).rglob("*") if p.is_file()], "nothing cached without a key"
    parsecache._KEYS.clear()
    assert parsecache._key(create=True) is None


def test_a_cache_folder_that_is_a_link_is_refused(tmp_path: Path, cache_root: Path) -> None:
    ws = copy_workspace(REPO, tmp_path / "ws")
    (cache_root / "workspaces").mkdir(parents=True, mode=0o700)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    parsecache.cache_folder(ws).symlink_to(elsewhere)
    _build(ws)
    assert not list(elsewhere.iterdir()), "nothing written through the link"
    assert parsecache.ensure_folder(ws) is None
