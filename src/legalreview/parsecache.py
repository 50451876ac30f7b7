"""A persistent cache of parsed workspace files, shared by every command run on a workspace.

``<workspace>/.legalreview-cache/`` holds, per valid country or criteria file, the validated model
keyed by (workspace-relative name, SHA-256 of the file's bytes, legalreview version, a fingerprint
of the models' code, Python and pydantic versions). A file whose key does not match is parsed
again; a cache file that cannot be read is ignored and rewritten. Only files without problems are
cached: a file with problems is parsed with positions, for its messages, every time. Every
command reads the cache; only ``build`` writes it (inside :func:`writable`): reading commands
write nothing into the workspace.

Rendered chart SVG and the projected world map are kept in ``derived/``, named by a hash of
everything they are made from (:func:`load_blob`, :func:`store_blob`).

Entries live in 256 shards (``parse-XX.pickle``, by a hash of the file name), written atomically,
so a changed country rewrites one small shard. The folder is created by legalreview and marked
with ``CACHEDIR.TAG``; a folder without that marker is never read. The cache is trusted like the
workspace itself (see SECURITY.md): it holds pickles that only legalreview writes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from contextvars import ContextVar
from pathlib import Path
from typing import Any

CACHE_DIR = ".legalreview-cache"
_TAG = "CACHEDIR.TAG"
_TAG_TEXT = ("Signature: 8a477f597d28d172789f06886806bc55\n"
             "# This folder is a cache made by legalreview (parsed workspace files); it may be deleted.\n")
_FORMAT = 1
#: Setting this environment variable to 1 turns the persistent cache off (reads and writes).
DISABLE_ENV = "LEGALREVIEW_NO_CACHE"


@contextlib.contextmanager
def _quiet() -> Any:
    with contextlib.suppress(OSError, pickle.PickleError, EOFError, AttributeError, ImportError, ValueError,
                             TypeError, IndexError, KeyError, MemoryError):
        yield


def fingerprint() -> str:
    """Return the fingerprint of everything a cached model depends on besides the file's bytes."""
    import pydantic

    from . import __version__

    h = hashlib.sha256()
    here = Path(__file__).parent
    for name in ("models.py", "store.py", "jurisdictions.py"):
        with contextlib.suppress(OSError):
            h.update((here / name).read_bytes())
    h.update(repr((_FORMAT, __version__, pydantic.VERSION, sys.version_info[:3])).encode())
    return h.hexdigest()


def cache_folder(root: Path) -> Path:
    """Return the cache folder of a workspace."""
    return root / CACHE_DIR


def ensure_folder(root: Path) -> Path | None:
    """Return the workspace's cache folder, creating (and marking) it when missing; None when it
    cannot be created or exists without our marker."""
    folder = cache_folder(root)
    if not folder.is_dir():
        with _quiet():
            folder.mkdir()
            (folder / _TAG).write_text(_TAG_TEXT, "utf-8")
            (folder / ".gitignore").write_text("*\n", "utf-8")
    if folder.is_dir() and not folder.is_symlink() and (folder / _TAG).is_file():
        return folder
    return None


_WRITABLE: ContextVar[bool] = ContextVar("legalreview_cache_writable", default=False)


@contextlib.contextmanager
def writable() -> Any:
    """While active, loading a workspace may write its parse cache. Commands that only read
    (``validate``, ``score``, ...) never write into the workspace; ``build`` does, into the cache."""
    token = _WRITABLE.set(True)
    try:
        yield
    finally:
        _WRITABLE.reset(token)


def _shard(filename: str) -> str:
    return hashlib.sha1(filename.encode("utf-8", "surrogatepass")).hexdigest()[:2]


class ParseCache:
    """The persistent parse cache of one workspace for one load (shards read on demand)."""

    def __init__(self, root: Path):
        self.root = root
        self.enabled = os.environ.get(DISABLE_ENV, "") not in ("1", "true", "yes")
        folder = cache_folder(root)
        self.readable = self.enabled and folder.is_dir() and not folder.is_symlink() and (folder / _TAG).is_file()
        self.key = fingerprint() if self.enabled else ""
        self.shards: dict[str, dict[tuple[str, str], tuple[str, Any]]] = {}
        self.dirty: set[str] = set()

    def _load(self, shard: str) -> dict[tuple[str, str], tuple[str, Any]]:
        entries = self.shards.get(shard)
        if entries is not None:
            return entries
        entries = {}
        if self.readable:
            with _quiet():
                with open(cache_folder(self.root) / f"parse-{shard}.pickle", "rb") as fh:
                    doc = pickle.load(fh)  # our own pickles, in a folder we created (trusted like the workspace)
                if isinstance(doc, dict) and doc.get("key") == self.key and isinstance(doc.get("entries"), dict):
                    entries = doc["entries"]
        self.shards[shard] = entries
        return entries

    def get(self, filename: str, kind: str, digest: str) -> Any | None:
        """Return the cached model of ``filename`` when it was made from bytes hashing to ``digest``."""
        if not self.enabled:
            return None
        entry = self._load(_shard(filename)).get((filename, kind))
        if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == digest:
            return entry[1]
        return None

    def put(self, filename: str, kind: str, digest: str, model: Any) -> None:
        """Record the model parsed from a valid file."""
        if not self.enabled:
            return
        shard = _shard(filename)
        entries = self._load(shard)
        old = entries.get((filename, kind))
        if not (isinstance(old, tuple) and old[0] == digest):
            entries[(filename, kind)] = (digest, model)
            self.dirty.add(shard)

    def forget(self, filename: str, kind: str) -> None:
        """Drop the entry of a file that no longer parses."""
        if not self.enabled:
            return
        shard = _shard(filename)
        if self._load(shard).pop((filename, kind), None) is not None:
            self.dirty.add(shard)

    def save(self) -> None:
        """Write the shards that changed (atomically; a cache that cannot be written is skipped)."""
        if not self.dirty or not _WRITABLE.get():
            return
        folder = ensure_folder(self.root)
        if folder is None:
            return
        for shard in sorted(self.dirty):
            with _quiet():
                data = pickle.dumps({"key": self.key, "entries": self.shards[shard]}, protocol=pickle.HIGHEST_PROTOCOL)
                _replace(folder / f"parse-{shard}.pickle", data)
        self.dirty.clear()


def _replace(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path`` and rename it over ``path`` (atomic; no
    fsync: a cache lost in a power cut is rebuilt, a torn one is never seen)."""
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# ------------------------------------------------------------------ derived files (charts, map)

_ACTIVE: ContextVar[Path | None] = ContextVar("legalreview_cache_root", default=None)
#: Most derived files kept (older ones are removed when more are written).
MAX_BLOBS = 400


@contextlib.contextmanager
def derived_files_of(root: Path) -> Any:
    """While active, :func:`load_blob` and :func:`store_blob` use ``root``'s cache folder
    (rendered chart SVG, the projected world map), so later builds need not draw them again."""
    enabled = os.environ.get(DISABLE_ENV, "") not in ("1", "true", "yes")
    token = _ACTIVE.set(root if enabled else None)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def load_blob(name: str) -> bytes | None:
    """Return a derived file stored under ``name`` (a hash of everything it is made from), or None."""
    root = _ACTIVE.get()
    if root is None:
        return None
    folder = cache_folder(root)
    if folder.is_symlink() or not (folder / _TAG).is_file():
        return None
    with _quiet():
        return (folder / "derived" / name).read_bytes()
    return None


def store_blob(name: str, data: bytes) -> None:
    """Store a derived file under ``name`` (atomically; failures are ignored)."""
    root = _ACTIVE.get()
    if root is None:
        return
    folder = ensure_folder(root)
    if folder is None:
        return
    with _quiet():
        target = folder / "derived"
        target.mkdir(exist_ok=True)
        _replace(target / name, data)
        files = list(target.iterdir())
        if len(files) > MAX_BLOBS:
            files.sort(key=lambda p: p.stat().st_mtime)
            for old in files[: len(files) - MAX_BLOBS]:
                old.unlink()
