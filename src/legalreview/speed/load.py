"""The cache a workspace is loaded and scored with: :class:`WorkspaceCache`.

It implements :class:`legalreview.workspace.LoadCache` (what ``load_workspace(root, cache=...)``
asks) and the spine cache ``Review(..., spine_cache=...)`` asks:

- models parsed earlier, by content hash: in this process (a dict) and across commands in the
  workspace's sealed model cache (:class:`legalreview.speed.store.ModelCache`), which keeps the data
  a file parsed to, never a model: the model is made again by validating that data, exactly as
  parsing the file does (:func:`validated`);
- each country file's SHA-256 by its stat signature (device, inode, size, modification and change
  times), so an unchanged file is not even read;
- what checking a country file found (:class:`legalreview.workspace.Checked`), keyed by the file's
  bytes and everything else the checks read (criteria sets, roster, catalogues, the package), so
  an unchanged file is neither parsed nor checked again;
- many new country files parsed and checked in forked workers (:class:`legalreview.speed.pool.ForkPool`),
  which also make their spine rows;
- the spine of the last build, patched for the countries whose files changed;
- dropping models from memory once the spine is made (:meth:`WorkspaceCache.release`).

Nothing here changes a result: the core computes the same workspace and spine without it.
Only a cache made with ``write=True`` (``build``) writes anything.

May import: every layer below (core, aggregates, loading) and :mod:`legalreview.speed.store`,
:mod:`legalreview.speed.pool`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import itertools
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..issues import Issue
from ..models import Country, CriteriaSet, FactCatalogue, InstrumentCatalogue, ReviewConfig
from ..scoring import derive_from_units, sort_spine, spine_frame, spine_rows
from ..store import MAX_YAML_BYTES
from ..workspace import Checked, Workspace, check_country_model, file_digest, parse_valid, parse_with_positions
from . import store
from .pool import ForkPool

#: Models parsed in this process, by (file name, kind, SHA-256): a second load in one process (a command
#: that loads twice, a test) parses nothing again. Cleared when it grows past the limit. (Not the data they
#: were validated from: that is only encoded into the model cache, by ``build``.)
_MEMO: dict[tuple[str, str, str], Any] = {}
_MEMO_LIMIT = 50_000
#: Country files parsed in worker processes when at least this many are not in any cache.
PARALLEL_PARSE = 500
#: Country models are dropped from memory once the spine is made only when there are at least this many:
#: fewer take little memory, and the pages would load them again (a collection and a reload for nothing).
RELEASE_FROM = 500
#: A file last changed less than this long ago (ns) is hashed again by every command (see
#: :meth:`WorkspaceCache.digest`).
SETTLED_NS = 2_000_000_000


#: The models the cache keeps the data of, by kind: a kind read from the cache picks one of these
#: (never a class named by the data).
KINDS: dict[str, type[Any]] = {cls.__name__: cls for cls in (Country, CriteriaSet, ReviewConfig, FactCatalogue,
                                                              InstrumentCatalogue)}


def validated(kind: str, data: Any) -> Any | None:
    """Return the model of ``kind`` validated from ``data`` (what a file parsed to), or None when
    there is no such kind or the data is not valid (the file is then parsed again)."""
    from pydantic import ValidationError

    cls = KINDS.get(kind)
    if cls is None or not isinstance(data, dict):
        return None
    try:
        return cls.model_validate(data)
    except (ValidationError, ValueError, TypeError):
        return None


_ISSUE_FIELDS = ("code", "message", "severity", "file", "line", "column", "sheet", "cell", "hint")


def checked_data(found: Checked) -> list[Any]:
    """Return what checking a file found as plain data (see :func:`checked_from`)."""
    return [found.iso3, [[getattr(i, f) for f in _ISSUE_FIELDS] for i in found.issues],
            found.latest.isoformat() if found.latest is not None else None, found.facts,
            [list(s) for s in found.scopes], [list(c) for c in found.cited]]


def _issue(row: Any) -> Issue:
    if not isinstance(row, list) or len(row) != len(_ISSUE_FIELDS) \
            or not all(v is None or type(v) in (str, int) for v in row):
        raise ValueError("not an issue")
    return Issue(**dict(zip(_ISSUE_FIELDS, row)))


def checked_from(data: Any) -> Checked | None:
    """Return the :class:`Checked` :func:`checked_data` wrote, or None when ``data`` is not one (its
    shape is checked; it was sealed by this cache, and any value can only make a wrong label)."""
    try:
        iso3, issues, latest, facts, scopes, cited = data
        scopes, cited = tuple(map(tuple, scopes)), tuple(map(tuple, cited))
        if type(iso3) is not str or type(facts) is not str or not all(len(s) == 4 for s in scopes) \
                or not all(len(c) == 2 for c in cited):
            return None
        return Checked(iso3, tuple(map(_issue, issues)) if issues else (),
                       dt.date.fromisoformat(latest) if latest is not None else None, facts, scopes, cited)
    except (ValueError, TypeError):
        return None


def forget_memory() -> None:
    """Forget the models parsed in this process (tests; a long-running process that wants memory back)."""
    _MEMO.clear()


def check_key(ws: Workspace) -> str:
    """Return the key of what checks and spine rows depend on besides a file's bytes: the package and
    library versions (:func:`legalreview.speed.store.fingerprint`), criteria sets, roster and catalogues."""
    h = hashlib.sha256(store.fingerprint().encode())
    for set_id, cs in ws.criteria.items():
        h.update(set_id.encode() + b"\x00" + cs.model_dump_json().encode())
    h.update(ws.config.roster.model_dump_json().encode())
    h.update(",".join(ws.registry.codes).encode())  # the roster's units come from the files found
    for catalogue in (ws.facts, ws.instruments):  # facts and instruments are checked against them
        h.update(b"\x00" + (catalogue.model_dump_json().encode() if catalogue is not None else b"-"))
    return h.hexdigest()


def _merge(base: pd.DataFrame, extra: pd.DataFrame) -> pd.DataFrame:
    """Return the rows of two spines in spine order (:func:`~legalreview.scoring.sort_spine`'s), each
    already in that order, when every country's rows of a set are all in one of them: the few rows of
    ``extra`` are put where their (set, iso3) sorts among ``base``'s, without sorting ``base`` again."""
    if not len(base) or not len(extra):
        return sort_spine(pd.concat([base, extra], ignore_index=True))
    sets, codes = base["set"].to_numpy(dtype=object), base["iso3"].to_numpy(dtype=object)
    at = np.empty(len(extra), dtype=np.int64)
    keys = list(zip(extra["set"].to_numpy(dtype=object), extra["iso3"].to_numpy(dtype=object)))
    start = 0
    for (set_id, code), rows in itertools.groupby(range(len(keys)), key=keys.__getitem__):
        lo, hi = np.searchsorted(sets, set_id, "left"), np.searchsorted(sets, set_id, "right")
        position = lo + np.searchsorted(codes[lo:hi], code, "left")
        count = len(list(rows))
        at[start:start + count] = position
        start += count
    # base row i goes to 2i, an extra row to just before the base row it sorts in front of
    order = np.argsort(np.concatenate([np.arange(len(base)) * 2, at * 2 - 1]), kind="stable")
    return pd.concat([base, extra], ignore_index=True).take(order).reset_index(drop=True)


class WorkspaceCache:
    """The caches of one workspace for one command. ``write=True`` keeps what was learnt (``build``)."""

    def __init__(self, root: str | Path, write: bool = False, pool: ForkPool | None = None):
        self.root = Path(root)
        self.write = write
        self.pool = pool if pool is not None else ForkPool(min_items=PARALLEL_PARSE)
        self._had_folder = store.cache_folder(self.root).exists()
        self.models = store.ModelCache(self.root, write=write)
        self._config = store.ParseCache(self.root, prefix="config", shards=1, write=write)
        self._checked = store.ParseCache(self.root, prefix="checked", write=write)
        #: file name -> (stat signature, SHA-256) of the country files hashed before (see :meth:`digest`)
        self._stats = store.ParseCache(self.root, prefix="stats", shards=4, write=write)
        #: the check key of the workspace being loaded (see :func:`check_key`)
        self.key = ""
        #: spine rows made by worker processes while loading, by code
        self.rows: dict[str, list[tuple]] = {}
        self._ws: Workspace | None = None
        self._today = dt.date.today()

    # ------------------------------------------------------------------ LoadCache
    def stored(self, filename: str, kind: str, digest: str) -> Any | None:
        target = self._config if kind == "ReviewConfig" else self.models
        found = _MEMO.get((filename, kind, digest))
        if found is not None:  # parsed by an earlier load in this process (kept on disk if that one was a build)
            return found
        data = target.get(filename, kind, digest)
        found = validated(kind, data) if data is not None else None
        if found is not None:
            self._remember(filename, kind, digest, found)
        return found

    def store(self, filename: str, kind: str, digest: str, model: Any | None, data: Any = None) -> None:
        target = self._config if kind == "ReviewConfig" else self.models
        if model is None or data is None:
            target.forget(filename, kind)
            return
        self._remember(filename, kind, digest, model)
        target.put(filename, kind, digest, data)

    @staticmethod
    def _remember(filename: str, kind: str, digest: str, model: Any) -> None:
        if len(_MEMO) > _MEMO_LIMIT:
            _MEMO.clear()
        _MEMO[(filename, kind, digest)] = model

    def _check_id(self, digest: str) -> str:
        return hashlib.sha256(f"{digest}:{self.key}".encode()).hexdigest()

    def digest(self, path: Path, filename: str, st: os.stat_result | None = None) -> str | None:
        """Return the SHA-256 of a file's bytes without reading it when an earlier ``build`` hashed the
        file and its device, inode, size, modification and change times are still the same (git's
        rule: the change time cannot be set back); else read it. A file changed in the last
        :data:`SETTLED_NS` is hashed every time (it could change again within the clock's step)."""
        try:
            before = st if st is not None else os.stat(path, follow_symlinks=False)
        except OSError:
            return None
        signature = store.stat_signature(before)
        found = self._stats.get(filename, "stat", signature)
        if isinstance(found, str):
            return found
        digest = file_digest(path)
        settled = time.time_ns() - max(before.st_mtime_ns, before.st_ctime_ns) > SETTLED_NS
        if digest is not None and self.write and settled:
            with contextlib.suppress(OSError):
                if store.stat_signature(os.stat(path, follow_symlinks=False)) == signature:  # not changed while read
                    self._stats.put(filename, "stat", signature, digest)
        return digest

    def known_countries(self, ws: Workspace, files: list[tuple[Path, str, str]],
                        today: dt.date) -> dict[str, Checked]:
        self._ws, self._today = ws, today
        self.key = check_key(ws)
        known: dict[str, Checked] = {}
        todo = []
        for path, filename, digest in files:
            entry = checked_from(self._checked.get(filename, Checked.__name__, self._check_id(digest)))
            if entry is not None and (entry.latest is None or entry.latest <= today):
                known[filename] = entry
            else:
                todo.append((str(path), filename, digest))
        for filename, digest, entry, rows in self._parse_in_parallel(todo):
            known[filename] = entry
            self._checked.put(filename, Checked.__name__, self._check_id(digest), checked_data(entry))
            self.rows[entry.iso3] = rows
        return known

    def checked(self, filename: str, digest: str, found: Checked) -> None:
        self._checked.put(filename, Checked.__name__, self._check_id(digest), checked_data(found))

    def load_country(self, filename: str, digest: str) -> Country:
        data = self.models.get(filename, Country.__name__, digest)  # not kept in memory: see release
        model = validated(Country.__name__, data) if data is not None else None
        if model is not None:
            return model
        path = self.root / filename
        raw = path.read_bytes() if path.is_file() else b""
        if hashlib.sha256(raw).hexdigest() != digest:
            raise RuntimeError(f"{filename} changed while legalreview was reading the workspace; "
                               "run the command again")
        found = parse_valid(raw, path, filename, digest, Country) or parse_with_positions(raw, filename, Country)
        if found[0] is None:
            raise RuntimeError(f"{filename} can no longer be read; run the command again")
        return found[0]

    def finish(self, ok: bool) -> None:
        if ok:
            self.models.save()
            self._checked.save()
            self._stats.save()
            self._config.save()
            if self.write:
                store.remove_legacy(self.root)
            return
        self.models.discard()  # packs the worker processes wrote
        if self.write and not self._had_folder:
            import shutil

            shutil.rmtree(store.cache_folder(self.root), ignore_errors=True)

    # ------------------------------------------------------------------ parsing in worker processes
    def _parse_in_parallel(self, todo: list[tuple[str, str, str]]) -> list[tuple[str, str, Checked, list]]:
        """Parse and check the new files in forked workers (``build`` only: the models go to the model
        cache the workers write, never all in memory at once). Return (filename, SHA-256, Checked,
        spine rows) of the valid ones; files with problems are left to the serial path, which reports
        them with positions. The results are the serial path's."""
        if not self.write or not self.models.enabled or not self.pool.usable(len(todo)):
            return []
        todo = [t for t in todo if not self.models.has(t[1], t[2])
                and (t[1], Country.__name__, t[2]) not in _MEMO]
        found = self.pool.map(self._parse_chunk, todo, max(100, len(todo) // 16))
        out = []
        for filename, digest, entry, rows, ref in found:
            if ref is not None:
                self.models.add({(filename, Country.__name__): ref})
                out.append((filename, digest, entry, rows))
        return out

    def _parse_chunk(self, files: Sequence[tuple[str, str, str]]) -> list[tuple[str, str, Checked, list, Any]]:
        """Parse and check country files (in a worker process); write the valid models into one pack."""
        ws = self._ws
        assert ws is not None
        disk = store.ModelCache(self.root, write=True)  # this worker's own writes
        catalogues = (ws.facts, ws.instruments)
        made = []
        for path_text, filename, digest in files:
            path = Path(path_text)
            try:
                raw = path.read_bytes()
            except OSError:
                continue
            if len(raw) > MAX_YAML_BYTES or hashlib.sha256(raw).hexdigest() != digest:
                continue
            found = parse_valid(raw, path, filename, digest, Country)
            if found is None:
                continue
            country, data = found[0], found[3]
            issues = check_country_model(country, filename, found[1], ws.criteria, ws.registry, self._today,
                                         catalogues)
            if any(i.severity == "error" for i in issues):
                continue  # the serial path reports it, with positions
            disk.put(filename, Country.__name__, digest, data)
            made.append((filename, digest, Checked.of(country, issues), spine_rows([country], ws.criteria,
                                                                                     ws.registry)))
        refs = disk.write_pack()  # one pack for the chunk; the parent indexes it
        return [(f, d, entry, rows, refs.get((f, Country.__name__))) for f, d, entry, rows in made]

    # ------------------------------------------------------------------ the spine
    def spine(self, ws: Workspace, include_drafts: bool) -> pd.DataFrame:
        """Return the spine of ``ws``, reusing the rows of the spine the last ``build`` kept for every
        country file that has not changed since (same bytes, same code, same criteria, roster and
        package): only changed countries' models are loaded and scored. The result is exactly
        :func:`~legalreview.scoring.build_spine`'s (a test compares them)."""
        key = hashlib.sha256(f"{self.key or check_key(ws)}:{include_drafts}".encode()).hexdigest()
        files = {ws.country_files.get(c, c): (ws.fingerprints.get(c, ""), c) for c in ws.countries}
        last = store.load_spine(ws.root, key)
        parts, keep = last.kept(files) if last is not None else ([], set())
        rows: list[tuple] = []
        for code in ws.countries:
            if code not in keep:  # rows made while loading (worker processes), else from the model
                found = self.rows.get(code)
                rows.extend(found if found is not None else spine_rows([ws.countries[code]], ws.criteria,
                                                                       ws.registry))
        self.rows.clear()
        parts = [p for p in (*parts, spine_frame(rows, include_drafts)) if len(p)]
        if not parts:
            spine = spine_frame([], include_drafts)
        elif len(parts) == 1:  # nothing changed since the base, or no base: already in spine order
            spine = parts[0].reset_index(drop=True)
        else:
            spine = _merge(parts[0], sort_spine(pd.concat(parts[1:], ignore_index=True)))
        if self.write and (last is None or last.files != files):
            store.save_spine(ws.root, key, files, spine, last)
        return derive_from_units(spine, ws.criteria, ws.registry)

    def release(self, ws: Workspace) -> int:
        """Drop the workspace's country models from memory where the model cache holds them (they are
        loaded again, one by one, when asked for) and give the memory back; return how many were dropped
        (none when the workspace has fewer than :data:`RELEASE_FROM` countries)."""
        dropped = 0
        if len(ws.countries) < RELEASE_FROM:
            return dropped
        for code in ws.countries:
            filename, digest = ws.country_files[code], ws.fingerprints[code]
            if ws.countries.is_loaded(code) and self.models.has(filename, digest):
                ws.countries.set_lazy(code, filename, digest)
                dropped += 1
        if dropped:
            _MEMO.clear()
        # many dropped (a first build): collect and hand the memory back before the workers fork; a
        # rebuild drops the few it read, and a full collection of a large review's objects takes a second
        if dropped >= RELEASE_FROM:
            import gc

            gc.collect()
            try:  # glibc keeps freed memory for reuse; hand it back (a large build forks workers next)
                import ctypes

                ctypes.CDLL("libc.so.6").malloc_trim(0)
            except (OSError, AttributeError):
                pass
        return dropped
