"""The persistent cache of a workspace, shared by every command run on it.

``<workspace>/.legalreview-cache/`` holds, all keyed by the SHA-256 of a file's bytes plus a
fingerprint of legalreview's code (and Python and pydantic versions):

- ``models/``: every valid country and criteria file's validated model, pickled into packs
  with an index (:class:`ModelCache`), so one model loads without reading the others;
- ``checked-XX.pickle``: what checking each valid country file found (its code, warnings and
  latest assessment date; :class:`legalreview.workspace.Checked`), also keyed by the criteria
  sets and the roster, so an unchanged file is neither parsed nor checked again;
- ``config-XX.pickle``: ``review.toml`` as a model (a roster of thousands of units is slow to parse);
- ``spine.pickle`` (+ ``spine-delta.pickle``): the spine of the last build with the file hashes
  its rows came from (:func:`load_spine`), so a rebuild scores only the countries that changed;
- ``derived/``: rendered chart SVG and the projected world map (:func:`load_blob`).

A file whose key does not match is parsed again; a cache file that cannot be read is ignored and
rewritten. Only files without problems are cached, and only when the whole workspace is valid:
a file with problems is parsed with positions, for its messages, every time. Every command reads
the cache; only ``build`` writes it (inside :func:`writable`): reading commands write nothing into
the workspace. Cache files are written atomically (temporary file, then rename).

The folder is created by legalreview and marked with ``CACHEDIR.TAG``; a folder without that
marker is never read. The cache is trusted like the workspace itself (see SECURITY.md): it holds
pickles that only legalreview writes. ``LEGALREVIEW_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from contextvars import ContextVar
from dataclasses import dataclass
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


def is_writable() -> bool:
    """Return True inside :func:`writable` (a command that may write the cache)."""
    return _WRITABLE.get()


def _shard(filename: str, shards: int = 256) -> str:
    return f"{hashlib.sha1(filename.encode('utf-8', 'surrogatepass')).digest()[0] % shards:02x}"


class ParseCache:
    """The persistent parse cache of one workspace for one load (shards read on demand).

    ``prefix`` names the shard files: ``parse`` holds validated models, ``checked`` the results of
    checking a country file (see :class:`legalreview.workspace.Checked`).
    """

    def __init__(self, root: Path, prefix: str = "parse", shards: int = 16):
        self.root = root
        self.prefix = prefix
        self.n_shards = shards
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
                with open(cache_folder(self.root) / f"{self.prefix}-{shard}.pickle", "rb") as fh:
                    doc = pickle.load(fh)  # our own pickles, in a folder we created (trusted like the workspace)
                if isinstance(doc, dict) and doc.get("key") == self.key and isinstance(doc.get("entries"), dict):
                    entries = doc["entries"]
        self.shards[shard] = entries
        return entries

    def get(self, filename: str, kind: str, digest: str) -> Any | None:
        """Return the cached model of ``filename`` when it was made from bytes hashing to ``digest``."""
        if not self.enabled:
            return None
        entry = self._load(_shard(filename, self.n_shards)).get((filename, kind))
        if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == digest:
            return entry[1]
        return None

    def put(self, filename: str, kind: str, digest: str, model: Any) -> None:
        """Record the model parsed from a valid file."""
        if not self.enabled:
            return
        shard = _shard(filename, self.n_shards)
        entries = self._load(shard)
        old = entries.get((filename, kind))
        if not (isinstance(old, tuple) and old[0] == digest):
            entries[(filename, kind)] = (digest, model)
            self.dirty.add(shard)

    def forget(self, filename: str, kind: str) -> None:
        """Drop the entry of a file that no longer parses."""
        if not self.enabled:
            return
        shard = _shard(filename, self.n_shards)
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
                _replace(folder / f"{self.prefix}-{shard}.pickle", data)
        self.dirty.clear()


#: An index entry of the model cache: (SHA-256 of the file, pack name, offset, length).
Ref = tuple[str, str, int, int]
#: Unreferenced packs younger than this (seconds) are kept: another process may be about to index them.
_PACK_GRACE = 600


class ModelCache:
    """The persistent cache of validated models, read one model at a time.

    ``models/pack-<id>.bin`` files hold pickled models back to back; ``models/index.pickle`` maps
    (workspace file name, model kind) to (SHA-256 of the file, pack, offset, length). A model is
    loaded without reading the others; a build writes one pack per batch of files (worker
    processes write their own and hand back the references), not one file per country. Packs no
    longer referenced are removed. Nothing is kept in memory but the index and the models waiting
    to be written.
    """

    def __init__(self, root: Path):
        self.root = root
        self.enabled = os.environ.get(DISABLE_ENV, "") not in ("1", "true", "yes")
        folder = cache_folder(root)
        self.readable = self.enabled and folder.is_dir() and not folder.is_symlink() and (folder / _TAG).is_file()
        self.key = fingerprint() if self.enabled else ""
        self.pending: dict[tuple[str, str], tuple[str, Any]] = {}
        self._index: dict[tuple[str, str], Ref] | None = None
        self.changed = False
        #: packs written by this process or its workers since the cache was opened
        self.written: set[str] = set()

    @property
    def folder(self) -> Path:
        return cache_folder(self.root) / "models"

    @property
    def index(self) -> dict[tuple[str, str], Ref]:
        """Return the index (read on first use; empty when missing, foreign or damaged)."""
        if self._index is None:
            self._index = {}
            if self.readable:
                with _quiet():
                    with open(self.folder / "index.pickle", "rb") as fh:
                        doc = pickle.load(fh)  # our own pickle, in a folder we created (trusted like the workspace)
                    if isinstance(doc, dict) and doc.get("key") == self.key and isinstance(doc.get("entries"), dict):
                        self._index = doc["entries"]
        return self._index

    def has(self, filename: str, digest: str, kind: str = "Country") -> bool:
        """Return True when the cache holds the model of ``filename`` made from bytes hashing to ``digest``."""
        ref = self.index.get((filename, kind))
        return ref is not None and ref[0] == digest

    def get(self, filename: str, kind: str, digest: str) -> Any | None:
        """Return the cached model of ``filename`` when it was made from bytes hashing to ``digest``."""
        if not self.enabled:
            return None
        waiting = self.pending.get((filename, kind))
        if waiting is not None and waiting[0] == digest:
            return waiting[1]
        ref = self.index.get((filename, kind))
        if ref is None or ref[0] != digest or not safe_pack_name(ref[1]):
            return None
        with _quiet():
            with open(self.folder / ref[1], "rb") as fh:
                fh.seek(ref[2])
                return pickle.loads(fh.read(ref[3]))
        return None

    def put(self, filename: str, kind: str, digest: str, model: Any) -> None:
        """Record the model parsed from a valid file (written by :meth:`save`)."""
        if self.enabled and not self.has(filename, digest, kind):
            self.pending[(filename, kind)] = (digest, model)

    def forget(self, filename: str, kind: str) -> None:
        """Drop the entry of a file that no longer parses."""
        if self.enabled:
            self.pending.pop((filename, kind), None)
            if self.index.pop((filename, kind), None) is not None:
                self.changed = True

    def write_pack(self) -> dict[tuple[str, str], Ref]:
        """Write the models waiting into a new pack and return their references (not yet indexed:
        a worker process hands them to the parent, which indexes them with :meth:`add`)."""
        if not self.pending or not _WRITABLE.get():
            return {}
        folder = ensure_folder(self.root)
        if folder is None:
            return {}
        refs: dict[tuple[str, str], Ref] = {}
        with _quiet():
            self.folder.mkdir(exist_ok=True)
            name = f"pack-{os.urandom(12).hex()}.bin"
            chunks, offset = [], 0
            for (filename, kind), (digest, model) in sorted(self.pending.items()):
                data = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
                refs[(filename, kind)] = (digest, name, offset, len(data))
                chunks.append(data)
                offset += len(data)
            _replace(self.folder / name, b"".join(chunks))
            self.pending.clear()
            return refs
        return {}

    def add(self, refs: dict[tuple[str, str], Ref]) -> None:
        """Index models written into a pack (by this process or a worker)."""
        if refs:
            self.index.update(refs)
            self.written.update(ref[1] for ref in refs.values())
            self.changed = True

    def discard(self) -> None:
        """Remove the packs written during this load without indexing them (an invalid workspace:
        the command writes nothing)."""
        for name in self.written:
            if safe_pack_name(name):
                with _quiet():
                    (self.folder / name).unlink(missing_ok=True)
        self.written.clear()
        self._index = None
        self.changed = False

    def save(self) -> None:
        """Write the models waiting and the index (atomically), then remove packs nothing refers to."""
        self.add(self.write_pack())
        if not self.changed or not _WRITABLE.get() or ensure_folder(self.root) is None:
            return
        with _quiet():
            self.folder.mkdir(exist_ok=True)
            _replace(self.folder / "index.pickle", pickle.dumps({"key": self.key, "entries": self.index},
                                                                protocol=pickle.HIGHEST_PROTOCOL))
            self.changed = False
            used = {ref[1] for ref in self.index.values()}
            import time

            for pack in self.folder.glob("pack-*.bin"):
                if pack.name not in used and time.time() - pack.stat().st_mtime > _PACK_GRACE:
                    pack.unlink(missing_ok=True)

    @property
    def stored(self) -> set[tuple[str, str]]:
        """Return (file name, SHA-256) of every model the cache on disk holds."""
        return {(name, ref[0]) for (name, _kind), ref in self.index.items()}


def safe_pack_name(name: object) -> bool:
    """Return True for a pack file name we write (never a path)."""
    return isinstance(name, str) and name.startswith("pack-") and name.endswith(".bin") and "/" not in name \
        and "\\" not in name and ".." not in name


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


# ------------------------------------------------------------------ the spine of the last build

_SPINE = "spine.pickle"
_SPINE_DELTA = "spine-delta.pickle"


@dataclass
class KeptSpine:
    """The spine a build kept: ``files`` maps each country file's name to (SHA-256, iso3) of the file
    its rows were made from. It is stored as a base (``spine.pickle``) plus, while few countries
    differ from the base, a small delta of their rows (``spine-delta.pickle``), so a build after one
    change writes kilobytes, not the whole spine."""

    files: dict[str, tuple[str, str]]
    spine: Any
    base_files: dict[str, tuple[str, str]]
    base_id: str


def _read_pickle(path: Path, key: str) -> dict | None:
    with _quiet():
        with open(path, "rb") as fh:
            doc = pickle.load(fh)  # our own pickle, in a folder we created (trusted like the workspace)
        if isinstance(doc, dict) and doc.get("key") == key and isinstance(doc.get("files"), dict):
            return doc
    return None


def load_spine(root: Path, key: str) -> KeptSpine | None:
    """Return the spine the last build made with ``key`` kept, or None."""
    if os.environ.get(DISABLE_ENV, "") in ("1", "true", "yes"):
        return None
    folder = cache_folder(root)
    if folder.is_symlink() or not (folder / _TAG).is_file():
        return None
    base = _read_pickle(folder / _SPINE, key)
    if base is None:
        return None
    delta = _read_pickle(folder / _SPINE_DELTA, key)
    if delta is None or delta.get("base") != base.get("id"):
        return KeptSpine(base["files"], base["spine"], base["files"], base.get("id", ""))
    from .scoring import patch_spine

    files, old = delta["files"], base["files"]
    return KeptSpine(files, patch_spine(base["spine"], unchanged(files, old), delta["spine"]), old,
                     base.get("id", ""))


def unchanged(files: dict[str, tuple[str, str]], old_files: dict[str, tuple[str, str]]) -> set[str]:
    """Return the codes whose country file is the same (name, SHA-256 and code) in both maps."""
    return {code for name, (digest, code) in files.items() if digest and old_files.get(name) == (digest, code)}


def save_spine(root: Path, key: str, files: dict[str, tuple[str, str]], spine: Any,
               previous: KeptSpine | None = None) -> None:
    """Keep the spine for the next command (only inside :func:`writable`; failures are ignored):
    as a delta against the previous base while few countries differ from it, else as a new base."""
    if not _WRITABLE.get() or os.environ.get(DISABLE_ENV, "") in ("1", "true", "yes"):
        return
    folder = ensure_folder(root)
    if folder is None:
        return
    with _quiet():
        if previous is not None and previous.base_id:
            differ = {code for _digest, code in files.values()} - unchanged(files, previous.base_files)
            if len(differ) <= max(50, len(files) // 20):
                doc = {"key": key, "base": previous.base_id, "files": files,
                       "spine": spine[spine["iso3"].isin(differ)]}
                _replace(folder / _SPINE_DELTA, pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))
                return
        doc = {"key": key, "id": os.urandom(16).hex(), "files": files, "spine": spine}
        _replace(folder / _SPINE, pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))
        (folder / _SPINE_DELTA).unlink(missing_ok=True)


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
