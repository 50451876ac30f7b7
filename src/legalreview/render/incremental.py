"""Incremental site builds: reuse what the previous build wrote when its inputs have not changed.

``legalreview build`` renders into a new folder that replaces the old site. Before a page is
rendered, :class:`Reuse` computes a key from everything the page is made of; when the previous
build (its manifest ``.legalreview-build.json`` in the site folder) wrote that page with the same
key, the old file is hard-linked (or copied) into the new folder instead of being rendered again.
Every key starts from a site-wide key: the package's code, the templates, criteria, review.toml
and the publication date.

- A country profile's key comes from its inputs, so no view model is built for an unchanged
  country: the country file's SHA-256, its roster entry, and a hash of each of its counted
  assessments (answers, tier, counts, edition, status, date: every row of every set's tables).
- Every other page, and the tables' data files, are made from the sets' counted assessments, the
  change reasons and the roster only (never notes or evidence). Their key is a digest of those
  (:meth:`Reuse.set_digest`), computed from the tables without building any view model: a new
  note re-renders one profile, a new answer also the pages of its set and the overview pages.
- A set's charts (SVG, text alternative, table) are kept with the key of what they are drawn
  from (the set's digest): unchanged charts are not drawn again.
- ``data/scores.csv`` (the spine, about 100 MB for 10,000 countries) is written in pieces of
  consecutive countries; a piece whose countries' files and roster entries are unchanged is
  copied from the previous file instead of being formatted again.

Deleting the site folder forces a full build.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

MANIFEST = ".legalreview-build.json"
_FORMAT = 2
_PACKAGE = Path(__file__).resolve().parents[1]
#: Libraries whose version can change what a page or data file holds.
_LIBRARIES = ("pandas", "numpy", "jinja2", "markupsafe", "openpyxl", "altair", "vl-convert-python")


def _sha(*parts: Any) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else repr(part).encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def _site_key(review: Any, env: Any, ctx: Any) -> str:
    """Return the key of everything every page shares: code, templates, criteria, config, date."""
    from .. import __version__

    h = hashlib.sha256()
    h.update(__version__.encode())
    h.update(repr(_library_versions()).encode())
    for path in sorted(_PACKAGE.rglob("*.py")):  # the whole package: loading and scoring make the pages too
        h.update(str(path.relative_to(_PACKAGE)).encode() + b"\x00" + path.read_bytes())
    for name in sorted(env.list_templates()):
        source, _filename, _uptodate = env.loader.get_source(env, name)
        h.update(name.encode() + b"\x00" + source.encode("utf-8", "surrogatepass"))
    h.update(review.config.model_dump_json().encode())
    for sid, cs in review.criteria.items():
        h.update(sid.encode() + cs.model_dump_json().encode())
    h.update(repr((review.include_drafts, ctx.date, ctx.site("../"), ctx.site(""))).encode())
    return h.hexdigest()


def _library_versions() -> list[tuple[str, str]]:
    """Return the versions of the libraries that format the pages, data files and charts."""
    from importlib import metadata

    versions = []
    for name in _LIBRARIES:
        try:
            versions.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            versions.append((name, ""))
    return versions


def _row_hashes(frame: pd.DataFrame) -> np.ndarray:
    """Return a 64-bit hash of each row of a frame (its values, not its index)."""
    if frame.empty:
        return np.zeros(0, dtype=np.uint64)
    return pd.util.hash_pandas_object(frame, index=False).to_numpy()


class Reuse:
    """Decides which files of the previous build can be reused, and records the keys of this one."""

    def __init__(self, review: Any, env: Any, ctx: Any, old_site: Path | None):
        self.review, self.ctx = review, ctx
        self.site_key = _site_key(review, env, ctx)
        self.keys: dict[str, str] = {}
        self.reused = 0
        self.old_site = old_site
        self.previous: dict[str, str] = {}
        self.old_charts: dict[str, Any] = {}
        #: pieces of data/scores.csv in the previous build: key -> (offset, length)
        self.old_pieces: dict[str, tuple[int, int]] = {}
        self.pieces: list[tuple[str, int, int]] = []
        self._dirs: set[str] = set()
        self._set_digests: dict[str, str] = {}
        self._row_hashes: dict[str, np.ndarray] = {}
        if old_site is not None:
            with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
                doc = json.loads((old_site / MANIFEST).read_text("utf-8"))
                if doc.get("format") == _FORMAT:
                    if doc.get("site") == self.site_key:
                        self.previous = {k: v for k, v in doc.get("pages", {}).items() if isinstance(v, str)}
                        self.old_charts = dict(doc.get("charts", {}))
                        self.old_pieces = {k: (int(o), int(n)) for k, o, n in doc.get("scores", [])}
        self.chart_keys: dict[str, str] = {}
        self._prime_charts()

    # ------------------------------------------------------------------ digests of the inputs
    @functools.cached_property
    def roster_entries(self) -> dict[str, str]:
        """Return iso3 -> the text of its roster entry (name, region, codes)."""
        return {j.iso3: repr(j) for j in self.ctx.registry.members}

    @functools.cached_property
    def roster_digest(self) -> str:
        """Return the digest of the whole roster, in order."""
        return _sha(list(self.roster_entries.items()))

    def row_hashes(self, set_id: str) -> np.ndarray:
        """Return the hash of each counted assessment of a set (the rows of its tables)."""
        if set_id not in self._row_hashes:
            self._row_hashes[set_id] = _row_hashes(self.ctx.sets[set_id].tables.frame)
        return self._row_hashes[set_id]

    def set_digest(self, set_id: str) -> str:
        """Return the digest of what a set's pages and tables are made of: its counted assessments of
        every edition (one row each: answers, counts, tier, edition, coder, status, date), the
        reasons given for changes, and the roster."""
        if set_id not in self._set_digests:
            tables = self.ctx.sets[set_id].tables
            frame, changed = tables.frame, tables.reasons
            reasons = list(zip(*(changed[c].tolist() for c in ("iso3", "edition", "coder", "criterion", "change"))))
            self._set_digests[set_id] = _sha(set_id, list(frame.columns), [str(t) for t in frame.dtypes],
                                             self.row_hashes(set_id).tobytes(), reasons, self.roster_digest)
        return self._set_digests[set_id]

    def review_digest(self) -> str:
        """Return the digest of every set (the pages that show all of them: overview, regions, methodology)."""
        return _sha([self.set_digest(sid) for sid in self.ctx.sets], self.roster_digest)

    @functools.cached_property
    def _country_rows(self) -> dict[str, list[tuple[str, int]]]:
        """Return iso3 -> (set, hash of the row) of each of its counted assessments, in every set."""
        out: dict[str, list[tuple[str, int]]] = {}
        for sid, sm in self.ctx.sets.items():
            for iso3, h in zip(sm.tables.frame["iso3"].tolist(), self.row_hashes(sid).tolist()):
                out.setdefault(iso3, []).append((sid, h))
        return out

    def fingerprint(self, iso3: str) -> str:
        """Return the SHA-256 of a country's file ("" when it has none; a value never used before when
        the file's is not known, so that nothing made from it is reused)."""
        ws = self.review.workspace
        found = ws.fingerprints.get(iso3)
        if found is None and iso3 in getattr(ws, "country_files", {}):
            return f"unknown-{os.urandom(16).hex()}"
        return found or ""

    # ------------------------------------------------------------------ keys
    def profile_key(self, iso3: str) -> str:
        """Return the key of a country profile, from its inputs only."""
        text = repr((iso3, self.fingerprint(iso3), self.roster_entries.get(iso3), self._country_rows.get(iso3, [])))
        return hashlib.sha256(f"{self.site_key}\x00{text}".encode("utf-8", "surrogatepass")).hexdigest()

    def page_key(self, path: str, *digests: str) -> str:
        """Return the key of a page or data file made from these digests of its inputs."""
        return _sha(self.site_key, path, *digests)

    def piece_key(self, set_id: str, codes: list[str], header: bool) -> str:
        """Return the key of a piece of data/scores.csv: a set's rows of these countries (spine rows
        come from the country's file and its roster entry only)."""
        return _sha(self.site_key, "scores", header, set_id,
                    [(c, self.fingerprint(c), self.roster_entries.get(c)) for c in codes])

    # ------------------------------------------------------------------ reuse
    def reuse(self, path: str, key: str, target_root: Path) -> bool:
        """Link the previous build's ``path`` into ``target_root`` when it was made with ``key``."""
        self.keys[path] = key
        if self.old_site is None or self.previous.get(path) != key:
            return False
        old = os.path.join(self.old_site, path)
        new = os.path.join(target_root, path)
        try:
            folder = os.path.dirname(new)
            if folder not in self._dirs:
                os.makedirs(folder, exist_ok=True)
                self._dirs.add(folder)
            try:
                os.link(old, new)
            except OSError:
                shutil.copyfile(old, new)
        except OSError:
            return False
        self.reused += 1
        return True

    def old_piece(self, key: str) -> tuple[int, int] | None:
        """Return (offset, length) of a piece of the previous data/scores.csv made with ``key``, if any."""
        return self.old_pieces.get(key) if self.old_site is not None else None

    def record_piece(self, key: str, offset: int, length: int) -> None:
        """Record where a piece of data/scores.csv is in this build's file."""
        self.pieces.append((key, offset, length))

    # ------------------------------------------------------------------ charts
    def _prime_charts(self) -> None:
        """Give the site context the previous build's charts of every set whose data is unchanged."""
        ctx = self.ctx
        if ctx.charts_module is None:
            return
        from markupsafe import Markup

        for set_id in ctx.sets:
            key = _sha(self.site_key, "charts", set_id, self.set_digest(set_id))
            self.chart_keys[set_id] = key
            old = self.old_charts.get(set_id)
            if isinstance(old, dict) and old.get("key") == key and isinstance(old.get("charts"), list):
                ctx._charts[set_id] = [dict(c, svg=Markup(c["svg"])) for c in old["charts"]]

    def save(self, site: Path) -> None:
        """Write the manifest of this build into its site folder."""
        charts = {sid: {"key": self.chart_keys[sid], "charts": [dict(c, svg=str(c["svg"])) for c in made]}
                  for sid, made in self.ctx._charts.items() if sid in self.chart_keys}
        doc = {"format": _FORMAT, "site": self.site_key, "pages": self.keys, "charts": charts,
               "scores": self.pieces}
        (site / MANIFEST).write_text(json.dumps(doc), "utf-8")  # key order kept: keys hash reprs
