"""The persistent cache of a workspace, shared by every command run on it.

The cache lives outside the workspace, in ``<cache root>/workspaces/<id>/`` where the cache root
is ``platformdirs.user_cache_dir("legalreview")`` (or ``$LEGALREVIEW_CACHE_DIR``) and ``<id>``
the first 32 hex digits of the SHA-256 of the workspace's resolved absolute path. It holds, all
keyed by the SHA-256 of a file's bytes plus :func:`fingerprint` (every file of the installed
package, the library versions and Python's):

- ``models/``: the data every valid country and criteria file parsed to (what YAML read, before
  validation), in packs with an index (:class:`ModelCache`), so one file's data loads without
  reading the others; the model is made again by validating it;
- ``checked-XX.json``: what checking each valid country file found (its code, warnings and
  latest assessment date; :class:`legalreview.workspace.Checked`), also keyed by the criteria
  sets and the roster, so an unchanged file is neither parsed nor checked again;
- ``config-XX.json``: what ``review.toml`` parsed to (a roster of thousands of units is slow to parse);
- ``stats-XX.json``: each country file's SHA-256 by its stat signature;
- ``spine.bin`` (+ ``spine-delta.bin``): the spine of the last build, as typed columns, with the
  file hashes its rows came from (:func:`load_spine`), so a rebuild scores only the countries that changed;
- ``site-<id>.json``: the manifest of the last site built into a folder
  (:mod:`legalreview.speed.reuse`).

A workspace is untrusted input (it may come from someone else), and so is anything found on disk:
the cache holds plain data only (JSON and typed columns, :mod:`legalreview.speed.plaindata`), never
code and never pickles, so reading it can make nothing but values. Every cache file is sealed
(:func:`_seal`) with HMAC-SHA256 under a random 32-byte key kept in ``<cache root>/key`` (made on
first use, mode 0600, never inside a workspace), and every read checks the MAC over the whole
file (:func:`_open`) before anything in it is used; a model pack is read one file's data at a
time, each checked against the SHA-256 its (sealed) index entry records. Files of older versions
(``*.pickle``) are never read, and a build removes them. A file that fails a check
is ignored and rewritten. Cache folders are made with mode 0700; a folder or file that is a
symbolic link, not ours, or writable by others is never used. A ``.legalreview-cache/`` folder
inside a workspace (where older versions kept the cache) is never read.

A file whose key does not match is parsed again. Only files without problems are cached, and only
when the whole workspace is valid: a file with problems is parsed with positions, for its
messages, every time. Every command reads the cache; only ``build`` writes it (a cache object made
with ``write=True``). Cache files are written atomically (temporary file, then rename).
``LEGALREVIEW_NO_CACHE=1`` turns it off; ``LEGALREVIEW_CACHE_DIR`` moves its root.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._version import __version__
from . import plaindata

#: Where older versions kept the cache, inside the workspace: never read (a workspace is untrusted).
CACHE_DIR = ".legalreview-cache"
_TAG = "CACHEDIR.TAG"
_TAG_TEXT = ("Signature: 8a477f597d28d172789f06886806bc55\n"
             "# This folder is a cache made by legalreview (parsed workspace files); it may be deleted.\n")
_FORMAT = 3
#: Setting this environment variable to 1 turns the persistent cache off (reads and writes).
DISABLE_ENV = "LEGALREVIEW_NO_CACHE"
#: The cache root (instead of ``platformdirs.user_cache_dir("legalreview")``).
ROOT_ENV = "LEGALREVIEW_CACHE_DIR"
_KEY_FILE = "key"
_KEY_BYTES = 32
_MAGIC = b"LRC2"
_MAC_BYTES = 32
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)


@contextlib.contextmanager
def _quiet() -> Any:
    with contextlib.suppress(OSError, EOFError, AttributeError, ValueError, TypeError, IndexError, KeyError,
                             MemoryError, RecursionError):
        yield


#: The package's folder: every file of it is part of :func:`fingerprint`.
PACKAGE = Path(__file__).resolve().parents[1]
#: Libraries whose version can change what a model, a check, a page or a data file holds.
LIBRARIES = ("pydantic", "pyyaml", "pandas", "numpy", "jinja2", "markupsafe", "openpyxl", "pycountry", "babel")


def library_versions() -> list[tuple[str, str]]:
    """Return the installed version of each of :data:`LIBRARIES` ("" when missing)."""
    from importlib import metadata

    versions = []
    for name in LIBRARIES:
        try:
            versions.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            versions.append((name, ""))
    return versions


@functools.lru_cache(maxsize=1)
def fingerprint() -> str:
    """Return the one key of everything a cached result depends on besides the workspace's files:
    every file of the installed package (code, shipped data, templates, catalogues: moved code never
    keeps stale results), the library versions and Python's."""
    h = hashlib.sha256()
    for path in sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                       and p.suffix not in (".pyc", ".mo")):
        with contextlib.suppress(OSError):
            h.update(str(path.relative_to(PACKAGE)).encode() + b"\x00" + path.read_bytes() + b"\x00")
    h.update(repr((_FORMAT, __version__, library_versions(), sys.version_info[:3])).encode())
    return h.hexdigest()


def enabled() -> bool:
    """Return False when ``LEGALREVIEW_NO_CACHE`` turns the cache off."""
    return os.environ.get(DISABLE_ENV, "") not in ("1", "true", "yes")


def cache_root() -> Path:
    """Return the cache root: ``$LEGALREVIEW_CACHE_DIR``, else the user's cache folder for legalreview."""
    override = os.environ.get(ROOT_ENV, "")
    if override:
        return Path(override).expanduser().absolute()
    import platformdirs

    return Path(platformdirs.user_cache_dir("legalreview", appauthor=False))


def workspace_id(root: Path) -> str:
    """Return the name of a workspace's cache folder (from its resolved absolute path)."""
    text = str(Path(root).resolve())
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def cache_folder(root: Path) -> Path:
    """Return the cache folder of the workspace at ``root`` (outside it; it may not exist)."""
    return cache_root() / "workspaces" / workspace_id(root)


def _ours(st: os.stat_result, folder: bool) -> bool:
    """Return True for a folder (or regular file) that is no link, belongs to us and that nobody
    else may write to."""
    if not (stat.S_ISDIR(st.st_mode) if folder else stat.S_ISREG(st.st_mode)):
        return False
    if os.name == "posix" and (st.st_uid != os.geteuid() or st.st_mode & 0o022):
        return False
    return True


def _safe_dir(path: Path, create: bool) -> bool:
    """Return True when ``path`` is a folder of ours (made with mode 0700 when missing and ``create``)."""
    if create:
        with contextlib.suppress(OSError):
            os.mkdir(path, 0o700)
    try:
        return _ours(os.lstat(path), folder=True)
    except OSError:
        return False


def _folder(root: Path, create: bool, sub: str = "") -> Path | None:
    """Return the cache folder of a workspace (or its subfolder ``sub``) when it is safe to use,
    making it when ``create``; None when the cache is off or the folder is missing or unsafe."""
    if not enabled():
        return None
    base = cache_root()
    if create:
        with contextlib.suppress(OSError):
            base.parent.mkdir(parents=True, exist_ok=True)
    folder = base / "workspaces" / workspace_id(root)
    chain = [base, base / "workspaces", folder] + ([folder / sub] if sub else [])
    if not all(_safe_dir(path, create) for path in chain):
        return None
    if create and _key(create=True) is None:
        return None  # nothing is written that could not be sealed
    if create and not (base / _TAG).exists():
        with _quiet():
            _replace(base / _TAG, _TAG_TEXT.encode())
    return chain[-1]


def ensure_folder(root: Path) -> Path | None:
    """Return the workspace's cache folder, creating it when missing; None when it cannot be
    created or is not safe to use."""
    return _folder(root, create=True)


# ------------------------------------------------------------------ the key and sealed files

_KEYS: dict[str, bytes] = {}


def _read_key(path: Path) -> bytes | None:
    with _quiet():
        fd = os.open(path, os.O_RDONLY | _O_NOFOLLOW | _O_NONBLOCK | _O_BINARY)
        try:
            st = os.fstat(fd)
            if not _ours(st, folder=False) or (os.name == "posix" and st.st_mode & 0o077) \
                    or st.st_size != _KEY_BYTES:
                return None
            key = os.read(fd, _KEY_BYTES + 1)
        finally:
            os.close(fd)
        return key if len(key) == _KEY_BYTES else None
    return None


def _key(create: bool) -> bytes | None:
    """Return the cache key (``<cache root>/key``), making it when missing and ``create``."""
    base = cache_root()
    found = _KEYS.get(str(base))
    if found is not None:
        return found
    path = base / _KEY_FILE
    found = _read_key(path)
    if found is None and create and _safe_dir(base, create=False):
        tmp = base / f".key-{os.getpid()}-{os.urandom(8).hex()}"
        with _quiet():
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW | _O_BINARY, 0o600)
            try:
                os.write(fd, os.urandom(_KEY_BYTES))
            finally:
                os.close(fd)
            with contextlib.suppress(FileExistsError):
                os.link(tmp, path)  # published whole, never replaced: a process racing us reads ours
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        found = _read_key(path)
    if found is not None:
        _KEYS[str(base)] = found
    return found


def _mac(key: bytes, label: str, data: bytes | memoryview) -> bytes:
    h = hmac.new(key, label.encode("utf-8", "surrogatepass") + b"\x00", hashlib.sha256)
    h.update(data)
    return h.digest()


def _seal(data: bytes, label: str) -> bytes | None:
    """Return ``data`` sealed for the cache: a MAC of ``label`` (what the file is, e.g. its path in
    the cache) and the data under the cache key, then the data; None when there is no key."""
    key = _key(create=True)
    return None if key is None else _MAGIC + _mac(key, label, data) + data


def _open(blob: bytes, label: str) -> memoryview | None:
    """Return the data of a sealed ``blob`` when its MAC (for ``label``) is right, else None."""
    key = _key(create=False)
    head = len(_MAGIC) + _MAC_BYTES
    if key is None or len(blob) < head or blob[:len(_MAGIC)] != _MAGIC:
        return None
    data = memoryview(blob)[head:]
    if not hmac.compare_digest(blob[len(_MAGIC):head], _mac(key, label, data)):
        return None
    return data


def _label(path: Path) -> str:
    with contextlib.suppress(ValueError):
        return path.relative_to(cache_root()).as_posix()
    return path.as_posix()


def _read_plain(path: Path, offset: int = 0, length: int = -1) -> bytes | None:
    """Return the bytes of a regular file of ours (never through a link; a FIFO never blocks)."""
    with _quiet():
        fd = os.open(path, os.O_RDONLY | _O_NOFOLLOW | _O_NONBLOCK | _O_BINARY)
        try:
            st = os.fstat(fd)
            if not _ours(st, folder=False):
                return None
            size = st.st_size - offset if length < 0 else length
            if offset < 0 or size < 0 or offset + size > st.st_size:
                return None
            with os.fdopen(os.dup(fd), "rb") as fh:
                fh.seek(offset)
                data = fh.read(size)
        finally:
            os.close(fd)
        return data if len(data) == size else None
    return None


def _read(path: Path) -> memoryview | None:
    """Return the data of a sealed cache file when it is ours and its MAC is right, else None."""
    blob = _read_plain(path)
    return None if blob is None else _open(blob, _label(path))


def _write(path: Path, data: bytes) -> None:
    """Seal ``data`` and write it to ``path`` atomically (nothing is written without a key)."""
    sealed = _seal(data, _label(path))
    if sealed is not None:
        _replace(path, sealed)


def stat_signature(st: os.stat_result) -> str:
    """Return what identifies a file's bytes without reading them: device, inode, size, modification
    and change times (the change time moves with any change and cannot be set back; git's rule)."""
    return f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}"


def _load_doc(path: Path, key: str, field: str) -> dict | None:
    """Return the dict in a sealed cache file (:func:`plaindata.loads`), when made with ``key`` and
    holding ``field``."""
    with _quiet():
        data = _read(path)
        if data is not None:
            doc = plaindata.loads(data)  # plain data only, and only after its MAC was checked
            if isinstance(doc, dict) and doc.get("key") == key and isinstance(doc.get(field), dict):
                return doc
    return None


def _dump(doc: Any) -> bytes:
    return plaindata.dumps(doc)


def read_sealed(root: Path, name: str) -> bytes | None:
    """Return the data of a plain file ``name`` of the workspace's cache folder (see :func:`_seal`)."""
    folder = _folder(root, create=False)
    if folder is None or not _plain_name(name):
        return None
    data = _read(folder / name)
    return None if data is None else bytes(data)


def write_sealed(root: Path, name: str, data: bytes) -> None:
    """Store a plain file ``name`` in the workspace's cache folder, sealed (failures are ignored)."""
    folder = _folder(root, create=True) if _plain_name(name) else None
    if folder is not None:
        with _quiet():
            _write(folder / name, data)


def prune(root: Path, prefix: str, keep: int) -> None:
    """Remove all but the ``keep`` newest files named ``prefix*`` of the workspace's cache folder."""
    folder = _folder(root, create=False)
    if folder is None:
        return
    with _quiet():
        found = sorted(folder.glob(f"{prefix}*"), key=lambda p: p.lstat().st_mtime, reverse=True)
        for old in found[keep:]:
            old.unlink(missing_ok=True)


def remove_legacy(root: Path) -> None:
    """Remove the files older versions kept in the workspace's cache folder (``*.pickle``: never read)."""
    folder = _folder(root, create=False)
    if folder is None:
        return
    with _quiet():
        for old in [*folder.glob("*.pickle"), *folder.glob("models/*.pickle")]:
            old.unlink(missing_ok=True)


def _plain_name(name: object) -> bool:
    return isinstance(name, str) and bool(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,200}", name)) and ".." not in name


def _shard(filename: str, shards: int = 256) -> str:
    return f"{hashlib.sha1(filename.encode('utf-8', 'surrogatepass')).digest()[0] % shards:02x}"


class ParseCache:
    """The persistent parse cache of one workspace for one load (shards read on demand).

    ``prefix`` names the shard files (``<prefix>-XX.json``). Values are plain data
    (:mod:`legalreview.speed.plaindata`): the caller turns what it keeps into data and back.
    """

    def __init__(self, root: Path, prefix: str = "parse", shards: int = 16, write: bool = False):
        self.root = root
        self.write = write
        self.prefix = prefix
        self.n_shards = shards
        self.enabled = enabled()
        self.folder = _folder(root, create=False) if self.enabled else None
        self.key = fingerprint() if self.enabled else ""
        self.shards: dict[str, dict[str, list[Any]]] = {}
        self.dirty: set[str] = set()

    def _load(self, shard: str) -> dict[str, list[Any]]:
        """Return a shard's entries: "<file name>\\0<kind>" -> [SHA-256, value] (plain JSON: quick to read)."""
        entries = self.shards.get(shard)
        if entries is not None:
            return entries
        doc = _load_doc(self.folder / f"{self.prefix}-{shard}.json", self.key, "entries") \
            if self.folder is not None else None
        entries = doc["entries"] if doc is not None else {}
        self.shards[shard] = entries
        return entries

    def get(self, filename: str, kind: str, digest: str) -> Any | None:
        """Return the value kept for ``filename`` when it was made from bytes hashing to ``digest``."""
        if not self.enabled:
            return None
        entry = self._load(_shard(filename, self.n_shards)).get(f"{filename}\0{kind}")
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == digest:
            return entry[1]
        return None

    def put(self, filename: str, kind: str, digest: str, value: Any) -> None:
        """Record the value (plain data) learnt from a valid file."""
        if not self.enabled:
            return
        shard = _shard(filename, self.n_shards)
        entries = self._load(shard)
        name = f"{filename}\0{kind}"
        old = entries.get(name)
        if not (isinstance(old, list) and old[0] == digest):
            entries[name] = [digest, value]
            self.dirty.add(shard)

    def forget(self, filename: str, kind: str) -> None:
        """Drop the entry of a file that no longer parses."""
        if not self.enabled:
            return
        shard = _shard(filename, self.n_shards)
        if self._load(shard).pop(f"{filename}\0{kind}", None) is not None:
            self.dirty.add(shard)

    def save(self) -> None:
        """Write the shards that changed (atomically; a cache that cannot be written is skipped)."""
        if not self.dirty or not self.write:
            return
        folder = ensure_folder(self.root)
        if folder is None:
            return
        for shard in sorted(self.dirty):
            with _quiet():
                doc = {"key": self.key, "entries": self.shards[shard]}
                _write(folder / f"{self.prefix}-{shard}.json", _dump(doc))
        self.dirty.clear()


#: An index entry of the model cache: (SHA-256 of the file, pack name, offset, length, SHA-256 of the
#: file's data in the pack).
Ref = tuple[str, str, int, int, str]
#: Data waiting to be written (bytes) above which it is written into a pack at once (a build that parses
#: thousands of files in one process never holds all their data).
_PENDING_LIMIT = 32 * 1024 * 1024
#: Unreferenced packs younger than this (seconds) are kept: another process may be about to index them.
_PACK_GRACE = 600


def _valid_ref(ref: object) -> bool:
    return isinstance(ref, tuple) and len(ref) == 5 and safe_pack_name(ref[1]) and isinstance(ref[2], int) \
        and isinstance(ref[3], int) and ref[2] >= 0 and ref[3] >= 0 and isinstance(ref[4], str)


class ModelCache:
    """The persistent cache of what valid files parsed to, read one file's data at a time.

    It keeps the data (plain values, :mod:`legalreview.speed.plaindata`) a file parsed to before
    validation; the caller validates it again to make the model, exactly as parsing does, so nothing
    but data is ever read from disk. ``models/pack-<id>.bin`` files hold the data of many files back
    to back; ``models/index.json`` (sealed) maps (workspace file name, model kind) to (SHA-256 of the
    file, pack, offset, length, SHA-256 of the data). One file's data is loaded without reading the
    others, and only when its bytes hash to what the index records; a build writes one pack per batch
    of files (worker processes write their own and hand back the references), not one file per
    country. Packs no longer referenced are removed. Nothing is kept in memory but the index and the
    data waiting to be written (already encoded).
    """

    def __init__(self, root: Path, write: bool = False):
        self.root = root
        self.write = write
        self.enabled = enabled()
        self.readable = self.enabled and _folder(root, create=False) is not None
        self.key = fingerprint() if self.enabled else ""
        self.pending: dict[tuple[str, str], tuple[str, bytes]] = {}
        self._pending_bytes = 0
        self._index: dict[tuple[str, str], Ref] | None = None
        self.changed = False
        #: packs written by this process or its workers since the cache was opened
        self.written: set[str] = set()

    @functools.cached_property
    def folder(self) -> Path:
        """Return the folder of the packs and the index (worked out once: it resolves the workspace's path)."""
        return cache_folder(self.root) / "models"

    @property
    def index(self) -> dict[tuple[str, str], Ref]:
        """Return the index (read on first use; empty when missing, foreign or damaged)."""
        if self._index is None:
            self._index = {}
            if self.readable:
                doc = _load_doc(self.folder / "index.json", self.key, "entries")
                if doc is not None:
                    self._index = {k: v for k, v in doc["entries"].items() if _valid_ref(v)}
        return self._index

    def has(self, filename: str, digest: str, kind: str = "Country") -> bool:
        """Return True when the cache holds the data of ``filename`` made from bytes hashing to ``digest``."""
        ref = self.index.get((filename, kind))
        return ref is not None and ref[0] == digest

    def get(self, filename: str, kind: str, digest: str) -> Any | None:
        """Return the data ``filename`` parsed to when its bytes hashed to ``digest`` (plain values; a
        fresh copy on every call), or None."""
        if not self.enabled:
            return None
        waiting = self.pending.get((filename, kind))
        if waiting is not None and waiting[0] == digest:
            with _quiet():
                return plaindata.loads(waiting[1])
            return None
        ref = self.index.get((filename, kind))
        if ref is None or ref[0] != digest:
            return None
        with _quiet():
            data = _read_plain(self.folder / ref[1], ref[2], ref[3])
            if data is not None and hmac.compare_digest(hashlib.sha256(data).hexdigest(), ref[4]):
                return plaindata.loads(data)  # the bytes the (sealed) index records: plain data only
        return None

    def put(self, filename: str, kind: str, digest: str, data: Any) -> None:
        """Record the data a valid file parsed to (written by :meth:`save`; data that is not plain,
        see :func:`plaindata.dumps`, is not kept)."""
        if not self.write or not self.enabled or self.has(filename, digest, kind):
            return  # a reading command keeps nothing: nothing is encoded or held for it
        with _quiet():
            encoded = plaindata.dumps(data)
            self.pending[(filename, kind)] = (digest, encoded)
            self._pending_bytes += len(encoded)
            if self._pending_bytes > _PENDING_LIMIT:  # many files parsed in this process: a pack now
                self.add(self.write_pack())

    def forget(self, filename: str, kind: str) -> None:
        """Drop the entry of a file that no longer parses."""
        if self.enabled:
            self.pending.pop((filename, kind), None)
            if self.index.pop((filename, kind), None) is not None:
                self.changed = True

    def write_pack(self) -> dict[tuple[str, str], Ref]:
        """Write the models waiting into a new pack and return their references (not yet indexed:
        a worker process hands them to the parent, which indexes them with :meth:`add`)."""
        if not self.pending or not self.write:
            return {}
        folder = _folder(self.root, create=True, sub="models")
        if folder is None:
            return {}
        refs: dict[tuple[str, str], Ref] = {}
        with _quiet():
            name = f"pack-{os.urandom(12).hex()}.bin"
            chunks, offset = [], 0
            for (filename, kind), (digest, data) in sorted(self.pending.items()):
                refs[(filename, kind)] = (digest, name, offset, len(data), hashlib.sha256(data).hexdigest())
                chunks.append(data)
                offset += len(data)
            _replace(folder / name, b"".join(chunks))
            self.pending.clear()
            self._pending_bytes = 0
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
        if not self.changed or not self.write:
            return
        folder = _folder(self.root, create=True, sub="models")
        if folder is None:
            return
        with _quiet():
            _write(folder / "index.json", _dump({"key": self.key, "entries": self.index}))
            self.changed = False
            used = {ref[1] for ref in self.index.values()}
            import time

            for pack in folder.glob("pack-*.bin"):
                if pack.name not in used and time.time() - pack.lstat().st_mtime > _PACK_GRACE:
                    pack.unlink(missing_ok=True)


def safe_pack_name(name: object) -> bool:
    """Return True for a pack file name we write (never a path)."""
    return isinstance(name, str) and name.startswith("pack-") and name.endswith(".bin") and "/" not in name \
        and "\\" not in name and ".." not in name


def _replace(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path`` (mode 0600) and rename it over ``path``
    (atomic; no fsync: a cache lost in a power cut is rebuilt, a torn one is never seen)."""
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

_SPINE = "spine.bin"
_SPINE_DELTA = "spine-delta.bin"


@dataclass
class KeptSpine:
    """The spine a build kept. It is stored as a base (``spine.bin``) plus, while few countries
    differ from the base, a small delta of their rows (``spine-delta.bin``), so a build after one
    change writes kilobytes, not the whole spine. Both are typed columns (:func:`plaindata.frame_bytes`).
    ``files`` maps each country file's name to (SHA-256, iso3) of the file the rows were made from
    (with the delta applied); ``base_files`` those of the base alone."""

    base: Any
    base_files: dict[str, tuple[str, str]]
    base_id: str
    delta: Any = None
    delta_files: dict[str, tuple[str, str]] | None = None

    @property
    def files(self) -> dict[str, tuple[str, str]]:
        return self.delta_files if self.delta_files is not None else self.base_files

    def kept(self, files: dict[str, tuple[str, str]]) -> tuple[list[Any], set[str]]:
        """Return the kept rows still right for ``files`` (the country files now), as frames, and
        their codes: a country whose file is the base's comes from the base, one whose file is the
        delta's from the delta. Every other country is to be scored again."""
        from_base = unchanged(files, self.base_files)
        parts = [self.base[self.base["iso3"].isin(from_base)] if len(from_base) < len(self.base_files)
                 else self.base]
        if self.delta is None or self.delta_files is None:
            return parts, from_base
        from_delta = unchanged(files, self.delta_files) - from_base
        parts.append(self.delta[self.delta["iso3"].isin(from_delta)])
        return parts, from_base | from_delta


def _files_data(files: dict[str, tuple[str, str]]) -> list[list[str]]:
    """Return a map of file name -> (SHA-256, code) as three lists (quick to read back)."""
    return [list(files), [v[0] for v in files.values()], [v[1] for v in files.values()]]


def _load_table(path: Path, key: str) -> tuple[dict[str, Any], Any] | None:
    """Return (meta, frame) of a sealed table made with ``key``; ``meta["files"]`` is made a map of
    file name -> (SHA-256, code) again."""
    with _quiet():
        data = _read(path)
        if data is not None:
            meta, frame = plaindata.frame_from(data)
            names, digests, codes = meta["files"]
            if meta.get("key") == key and len(names) == len(digests) == len(codes):
                meta["files"] = dict(zip(names, zip(digests, codes)))
                return meta, frame
    return None


def load_spine(root: Path, key: str) -> KeptSpine | None:
    """Return the spine the last build made with ``key`` kept, or None."""
    folder = _folder(root, create=False)
    if folder is None:
        return None
    base = _load_table(folder / _SPINE, key)
    if base is None:
        return None
    (meta, spine), delta = base, _load_table(folder / _SPINE_DELTA, key)
    kept = KeptSpine(spine, meta["files"], meta.get("id", ""))
    if delta is not None and delta[0].get("base") == kept.base_id:
        kept.delta_files, kept.delta = delta[0]["files"], delta[1]
    return kept


def unchanged(files: dict[str, tuple[str, str]], old_files: dict[str, tuple[str, str]]) -> set[str]:
    """Return the codes whose country file is the same (name, SHA-256 and code) in both maps."""
    return {code for name, (digest, code) in files.items() if digest and old_files.get(name) == (digest, code)}


def save_spine(root: Path, key: str, files: dict[str, tuple[str, str]], spine: Any,
               previous: KeptSpine | None = None) -> None:
    """Keep the spine for the next command (failures are ignored):
    as a delta against the previous base while few countries differ from it, else as a new base."""
    folder = ensure_folder(root)
    if folder is None:
        return
    with _quiet():
        if previous is not None and previous.base_id:
            differ = {code for _digest, code in files.values()} - unchanged(files, previous.base_files)
            if len(differ) <= max(50, len(files) // 20):
                meta = {"key": key, "base": previous.base_id, "files": _files_data(files)}
                _write(folder / _SPINE_DELTA, plaindata.frame_bytes(spine[spine["iso3"].isin(differ)], meta))
                return
        meta = {"key": key, "id": os.urandom(16).hex(), "files": _files_data(files)}
        _write(folder / _SPINE, plaindata.frame_bytes(spine, meta))
        (folder / _SPINE_DELTA).unlink(missing_ok=True)


# ------------------------------------------------------------------ SVG kept in a manifest

#: What an SVG we draw never holds: scripts, event handlers, script URLs, embedded HTML.
_UNSAFE_SVG = re.compile(r"<\s*(?:script|foreignobject|iframe|object|embed|handler)\b|[\s/\"'`]on[a-z]+\s*="
                         r"|javascript\s*:|<!entity|<!doctype", re.IGNORECASE)


def plain_svg(text: str) -> bool:
    """Return True for an SVG that could have been drawn by us: it starts with ``<svg`` (after an XML
    declaration, if any) and holds no script, event handler attribute, ``javascript:`` URL or
    embedded document (a false alarm only means the chart is drawn again)."""
    body = re.sub(r"^\s*<\?xml[^>]*\?>\s*", "", text, count=1)
    return body.startswith("<svg") and _UNSAFE_SVG.search(body) is None
