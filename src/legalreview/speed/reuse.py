"""Incremental site builds: reuse what the previous build wrote when its inputs have not changed.

``legalreview build`` renders into a new folder that replaces the old site. Before a page is
rendered, :class:`Reuse` computes a key from everything the page is made of; when the previous
build wrote that page with the same key, the old file is hard-linked (or copied) into the new
folder instead of being rendered again. Every key starts from a site-wide key: the package's code,
the templates, criteria, review.toml and the publication date.

The manifest of a build (the key and SHA-256 of every file it wrote, its charts, the pieces of
``data/scores.csv``, the sheets of the workbook, the rows and charts of the pages listing every
country) is kept in the workspace's cache folder, sealed with the cache key (see
:mod:`legalreview.speed.store`), never in the site: a site folder may come from someone else, so
nothing in it is believed. A file of the old site is reused only when it is a regular file (no
link, folder or FIFO) inside the old site folder and its bytes hash to the SHA-256 the manifest
records; anything else is rendered afresh. A manifest that is missing or fails its MAC means a
full build (so does ``LEGALREVIEW_NO_CACHE=1``).

- A country profile's key comes from its inputs, so no view model is built for an unchanged
  country: the country file's SHA-256, its roster entry, and a hash of each of its counted
  assessments (answers, tier, counts, edition, status, date: every row of every set's tables), and
  the shares of assessed countries of its region and of the world that meet each criterion (the
  profile compares its answers with them: an answer that turns met re-renders every profile).
- Every other page is keyed by what it shows, computed from the tables without building its view
  model: a set's pages and data files by the set's counted assessments, change reasons, scopes and
  roster (:meth:`Reuse.set_digest`); a criterion page by each country's answer to that criterion,
  note and the labels of the provisions it cites (:meth:`Reuse.criterion_key`: the hashes of what each
  country's answers quote are kept in the manifest and made again only for the countries whose files
  changed); a region page by its
  countries' rows; the country list by who is assessed in which set; the methodology by the tiers
  the tables hold; the codebook by its view model. A new note re-renders one profile and the one
  criterion page quoting it; a new answer also its set's pages, its criterion's, its region's and
  the overview.
- Pages that list every country (a set's global table, a region's tables, the overview's changes)
  draw their rows and charts one by one: one whose view model is unchanged keeps the bytes the previous
  build wrote for it, at the (offset, length) the manifest records, only when the whole old page
  hashes to the SHA-256 recorded for it. ``data/review.xlsx`` keeps the sheets of unchanged sets as
  stored (compressed), each checked against the length and SHA-256 recorded for it.
- A set's charts (SVG, text alternative, table) are kept with the key of what they are drawn
  from (the set's digest): unchanged charts are not drawn again.
- ``data/scores.csv`` (the spine, about 100 MB for 10,000 countries) is written in pieces of
  consecutive countries; a piece whose countries' files and roster entries are unchanged (and
  whose old bytes hash to the SHA-256 recorded for it) is copied from the previous file instead
  of being formatted again. A set's CSV and JSON tables are written in pieces of a thousand countries
  the same way (:meth:`Reuse.pieced`), each keyed by its rows of the set's table.

Deleting the site folder forces a full build.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import functools
import hashlib
import hmac
import json
import os
import stat
from pathlib import Path
from typing import Any
from collections.abc import Callable, Iterator

import numpy as np
import pandas as pd

from .. import safefiles
from ..render.context import LazyRow
from ..render.site import MARKER
from ..render.site import _csv as site_csv
from ..render.xlsx import Packed
from . import store

#: The spine as a data file, written in pieces (see :meth:`Reuse.scores_pieces`).
SCORES = "data/scores.csv"
#: Where older versions kept the manifest, inside the site folder: never read now.
MANIFEST = ".legalreview-build.json"
_FORMAT = 6
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)


def _sha(*parts: Any) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else repr(part).encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def _site_key(review: Any, env: Any, ctx: Any) -> str:
    """Return the key of everything every page shares: the package and library versions
    (:func:`legalreview.speed.store.fingerprint`), templates, criteria, config, date."""
    h = hashlib.sha256(store.fingerprint().encode())
    for name in sorted(env.list_templates()):
        source, _filename, _uptodate = env.loader.get_source(env, name)
        h.update(name.encode() + b"\x00" + source.encode("utf-8", "surrogatepass"))
    h.update(review.config.model_dump_json().encode())
    for sid, cs in review.criteria.items():
        h.update(sid.encode() + cs.model_dump_json().encode())
    for catalogue in (review.workspace.facts, review.workspace.instruments):
        h.update(b"\x00" + (catalogue.model_dump_json().encode() if catalogue is not None else b"-"))
    h.update(repr((review.include_drafts, ctx.date, ctx.site("../"), ctx.site(""))).encode())
    return h.hexdigest()


def manifest_name(out: Path) -> str:
    """Return the name of the manifest of the site built into ``out`` (in the workspace's cache folder)."""
    text = str(Path(out).resolve())
    return f"site-{hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest()[:32]}.json"


def charts_name(out: Path, set_id: str) -> str:
    """Return the name of the file (in the workspace's cache folder) keeping the charts of a set drawn for
    the site built into ``out``: each set's charts apart, read only for a set whose data is unchanged and
    written only when drawn (a map's data table has a row per country: 4 MB at 10,000 countries)."""
    site = manifest_name(out)[len("site-"):-len(".json")]
    return f"charts-{site[:16]}-{_sha(set_id)[:16]}.json"


def _real_folder(path: Path) -> str | None:
    """Return the real path of a site folder, None when it is a link or not a folder."""


    try:
        if not stat.S_ISDIR(os.lstat(path).st_mode):
            return None
    except OSError:
        return None
    return os.path.realpath(path)


def _is_sha(value: object) -> bool:
    return isinstance(value, str) and len(value) == 64


def _row_hashes(frame: pd.DataFrame) -> np.ndarray:
    """Return a 64-bit hash of each row of a frame (its values, not its index)."""
    if frame.empty:
        return np.zeros(0, dtype=np.uint64)
    return pd.util.hash_pandas_object(frame, index=False, categorize=False).to_numpy()


class Reuse:
    """Decides which files of the previous build can be reused, and records the keys of this one."""

    def __init__(self, review: Any, env: Any, ctx: Any, old_site: Path | None, out: Path | None = None):
        self.review, self.ctx = review, ctx
        self.site_key = _site_key(review, env, ctx)
        self.keys: dict[str, str] = {}
        #: SHA-256 of every file this build wrote or reused (recorded in the manifest)
        self.hashes: dict[str, str] = {}
        #: (size, SHA-256) of the files reused from the previous build
        self.reused_files: dict[str, tuple[int, str]] = {}
        self.out = Path(out) if out is not None else old_site
        #: the previous build's files: path -> (key, SHA-256)
        self.previous: dict[str, tuple[str, str]] = {}
        #: pieces of data/scores.csv in the previous build: key -> (offset, length, SHA-256)
        self.old_pieces: dict[str, tuple[int, int, str]] = {}
        self.pieces: list[tuple[str, int, int, str]] = []
        #: (page, kind of row) -> the key every key of such a row is hashed with (see :meth:`_row_hash`)
        self._row_starts: dict[tuple[str, str], bytes] = {}
        #: what a row of a page listing countries is made from (see :meth:`row_key`), as text, by its inputs
        self._row_texts: dict[tuple[Any, ...], bytes] = {}
        #: the spine data/scores.csv is made from, and (start, stop, key) of each of its pieces
        self._plan: tuple[pd.DataFrame, list[tuple[int, int, str]] | None] | None = None
        #: parts of zip files (the sheets of data/review.xlsx) as stored, in the previous build: path -> key ->
        #: (offset, length, SHA-256 of the stored bytes, CRC-32 and size of what they inflate to); and this
        #: build's, path -> [key, offset, length, SHA-256, CRC-32, size]
        self.old_zip_parts: dict[str, dict[str, tuple[int, int, str, int, int]]] = {}
        self.zip_parts: dict[str, list[tuple[str, int, int, str, int, int]]] = {}
        #: pieces of the files written in pieces (a set's CSV and JSON tables): path -> key -> (offset, length,
        #: SHA-256) in the previous build's file; and this build's, path -> [key, offset, length, SHA-256]
        self.old_file_pieces: dict[str, dict[str, tuple[int, int, str]]] = {}
        self.file_pieces: dict[str, list[tuple[str, int, int, str]]] = {}
        #: the stat signature of each file of the previous build, taken once it was in place (see
        #: :meth:`seal`): a file with the same signature is those bytes, and is linked without reading it
        self.old_stats: dict[str, str] = {}
        self._doc: dict[str, Any] | None = None
        #: the rows of the pages listing countries, kept apart from the manifest (see :meth:`record_rows`):
        #: path -> SHA-256 of the data of the cache file holding their spans, in the previous build and in this
        #: one; and the data of those this build wrote, kept once the site is in place (:meth:`seal`)
        self.old_side: dict[str, str] = {}
        self.side: dict[str, str] = {}
        self._side_data: dict[str, bytes] = {}
        self._dirs: set[str] = set()
        self._parents: dict[str, bool] = {}
        self._set_digests: dict[str, str] = {}
        self._present: dict[str, list[str]] = {}
        self._criterion_keys: dict[tuple[str, str], str] = {}
        #: set -> criterion -> digest of what its page quotes (see :meth:`_quoted`); the previous build's hashes
        #: of what each country's answers quote, set -> (countries, their keys, criteria, hashes), and this build's
        self._quoted_digests: dict[str, dict[str, str]] = {}
        self.old_quotes: dict[str, tuple[list[str], list[str], list[str], np.ndarray]] = {}
        self.quotes: dict[str, dict[str, Any]] = {}
        #: set -> (countries, criteria, their hashes) of :meth:`_quoted`; (set, criterion) -> iso3 -> its hash
        self._quoted_hashes: dict[str, tuple[list[str], list[str], np.ndarray]] = {}
        #: (set, criterion) -> iso3 -> what its row of the criterion's page is made from; set -> what every one of
        #: its criteria's rows shows of each country of its table, in order (see :meth:`_criterion_row_inputs`)
        self._criterion_rows: dict[tuple[str, str], dict[str, tuple[Any, ...]]] = {}
        self._country_parts: dict[str, list[str]] = {}
        #: set -> iso3 -> what a criterion page's group of countries by answer shows of it (see _answer_group_inputs)
        self._group_tokens: dict[str, dict[str, str]] = {}
        self._row_hashes: dict[str, np.ndarray] = {}
        self._table_row_hashes: dict[str, tuple[str, dict[str, int]]] = {}
        self._latest_diffs: dict[str, dict[str, tuple[tuple[str, Any], ...]]] = {}
        self.old_real = _real_folder(old_site) if old_site is not None else None
        self.old_site = old_site if self.old_real is not None else None
        if self.old_site is not None and self.out is not None:
            self._read_manifest()
        self.chart_keys: dict[str, str] = {}
        #: the sets whose charts were taken from the files the previous build kept (not written again)
        self._kept_charts: set[str] = set()
        self._prime_charts()

    def _read_manifest(self) -> None:
        """Read the previous build's manifest (from the cache: sealed; a forged one is never read)."""
        assert self.out is not None
        raw = store.read_sealed(self.review.root, manifest_name(self.out))
        if raw is None:
            return
        with contextlib.suppress(ValueError, TypeError, AttributeError, UnicodeDecodeError):
            doc = json.loads(raw.decode("utf-8"))
            if doc.get("format") != _FORMAT or doc.get("site") != self.site_key:
                return
            self.previous = {k: (v[0], v[1]) for k, v in doc.get("pages", {}).items()
                             if isinstance(k, str) and isinstance(v, list) and len(v) == 2
                             and isinstance(v[0], str) and _is_sha(v[1])}
            self.old_pieces = {k: (int(o), int(n), h) for k, o, n, h in doc.get("scores", [])
                               if isinstance(k, str) and _is_sha(h) and int(o) >= 0 and int(n) >= 0}
            self.old_zip_parts = {path: {k: (int(o), int(n), h, int(crc), int(size)) for k, o, n, h, crc, size in parts
                                         if isinstance(k, str) and _is_sha(h) and min(int(o), int(n), int(size)) >= 0}
                                  for path, parts in doc.get("packed", {}).items() if isinstance(path, str)}
            self.old_stats = {k: v for k, v in doc.get("stats", {}).items()
                              if isinstance(k, str) and isinstance(v, str)}
            self.old_quotes = _read_quotes(doc.get("quotes", {}))
            self.old_side = {k: v for k, v in doc.get("side_rows", {}).items() if isinstance(k, str) and _is_sha(v)}
            self.old_file_pieces = {path: {k: (int(o), int(n), h) for k, o, n, h in pieces
                                           if isinstance(k, str) and _is_sha(h) and int(o) >= 0 and int(n) >= 0}
                                    for path, pieces in doc.get("pieces", {}).items() if isinstance(path, str)}

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
            scopes = sorted((code, *key[1:], text) for code, stated in
                            getattr(self.review.workspace, "coded_scopes", {}).items()
                            for key, text in stated.items() if key[0] == set_id)
            self._set_digests[set_id] = _sha(set_id, list(frame.columns), [str(t) for t in frame.dtypes],
                                             self.row_hashes(set_id).tobytes(), reasons, self.roster_digest, scopes)
        return self._set_digests[set_id]

    def _scopes(self, set_id: str, codes: set[str] | None = None) -> list[tuple[str, ...]]:
        """Return the scopes the assessments of a set state (of ``codes`` only, when given), sorted."""
        return sorted((code, *key[1:], text) for code, stated in self.review.workspace.coded_scopes.items()
                      if codes is None or code in codes for key, text in stated.items() if key[0] == set_id)

    def criterion_key(self, set_id: str, criterion_id: str) -> str:
        """Return the digest of what a criterion page shows: from its set's global table, each country's
        name, whether it is assessed, its edition, coder, status and answer to this criterion (not its
        other answers, tier or counts), and the scopes stated; and the evidence and notes it quotes
        (:meth:`_quoted`). A new answer renders its own criterion's page only.
        Worked out once per build (the page of every language uses it)."""
        key = (set_id, criterion_id)
        if key not in self._criterion_keys:
            table = self.ctx.sets[set_id].table
            columns = ["country", "assessed", "edition", "coder", "status", criterion_id]
            self._criterion_keys[key] = _sha(
                "criterion", set_id, criterion_id, table.index.tolist(), [str(t) for t in table[columns].dtypes],
                _row_hashes(table[columns]).tobytes(), self._scopes(set_id), self.roster_digest,
                self._quoted(set_id)[criterion_id])
        return self._criterion_keys[key]

    @functools.cached_property
    def _country_keys(self) -> dict[str, str]:
        """Return iso3 -> a short digest of what its answers' spine rows are made from (its file and its units'
        files; the roster entry does not change a note or a provision's label)."""
        return {c: _sha(self.fingerprint(c), self.units(c))[:16] for c in self.ctx.registry.codes}

    def _quoted(self, set_id: str) -> dict[str, str]:
        """Return criterion -> digest of the notes and cited provisions' labels its page quotes (see
        :meth:`SiteContext.quoted_hashes`): the hashes of a country whose files are unchanged since the
        previous build are taken from its manifest, only the others' answers are read (the labels of
        10,000 countries' citations are most of what the keys of the criterion pages took)."""
        if set_id in self._quoted_digests:
            return self._quoted_digests[set_id]
        criteria = list(self.ctx.sets[set_id].cs.criterion_ids)
        codes = self.ctx.sets[set_id].table.index.tolist()
        keys = [self._country_keys.get(c, "") for c in codes]
        hashes = np.zeros((len(codes), len(criteria)), dtype=np.uint64)
        kept = self._old_quoted(set_id, codes, keys, criteria, hashes)
        fresh = {c: i for i, (c, done) in enumerate(zip(codes, kept)) if not done}
        if fresh:
            column = {c: j for j, c in enumerate(criteria)}
            for iso3, crit, h in zip(*(a.tolist() for a in self.ctx.quoted_hashes(set_id, set(fresh)))):
                i, j = fresh[iso3], column[crit]
                hashes[i, j] = np.uint64(((int(hashes[i, j]) * _FNV_PRIME) ^ h) & _MASK64)  # several in spine order
        self._quoted_hashes[set_id] = (codes, criteria, hashes)
        self.quotes[set_id] = {"codes": codes, "keys": keys, "criteria": criteria,
                               "hashes": base64.b64encode(hashes.astype("<u8").tobytes()).decode("ascii")}
        self._quoted_digests[set_id] = {c: _sha("quoted", set_id, c, hashes[:, j].astype("<u8").tobytes())
                                        for j, c in enumerate(criteria)}
        return self._quoted_digests[set_id]

    def _old_quoted(self, set_id: str, codes: list[str], keys: list[str], criteria: list[str],
                    hashes: np.ndarray) -> np.ndarray:
        """Fill ``hashes`` with the previous build's rows of the countries whose key is unchanged; return
        which rows were filled."""
        kept = np.zeros(len(codes), dtype=bool)
        old = self.old_quotes.get(set_id)
        if old is None or old[2] != criteria:
            return kept
        old_codes, old_keys, _criteria, old_hashes = old
        if old_codes == codes:
            kept = np.array(old_keys, dtype=object) == np.array(keys, dtype=object)
            hashes[kept] = old_hashes[kept]
            return kept
        at = {c: i for i, c in enumerate(old_codes)}
        for i, (code, key) in enumerate(zip(codes, keys)):
            j = at.get(code)
            if j is not None and old_keys[j] == key:
                hashes[i] = old_hashes[j]
                kept[i] = True
        return kept

    def region_digest(self, region: str) -> str:
        """Return the digest of what a region's page shows: the rows of the region's countries in each
        set's global table (answers, tier, counts, edition, status), their scopes, and the roster (the
        map draws every country), and the tiers every region's count lists (those of the whole table: "undetermined"
        and "unclassified" only when some country anywhere is). A new answer renders the page of its country's
        region only, unless it makes or unmakes the last undetermined or unclassified country."""
        codes = sorted(j.iso3 for j in self.ctx.registry.members if (j.region or "(none)") == region)
        parts = []
        for set_id, sm in self.ctx.sets.items():
            table = sm.table
            inside = table.index.isin(codes)
            parts.append((set_id, list(table.columns), [str(t) for t in table.dtypes], table.index[inside].tolist(),
                          _row_hashes(table[inside]).tobytes(), self._scopes(set_id, set(codes)),
                          self._tiers_present(set_id)))
        return _sha("region", region, codes, parts, self.roster_digest)

    def _tiers_present(self, set_id: str) -> list[str]:
        """Return the tiers of a set's global table that some country is in, sorted (made once per set)."""
        if set_id not in self._present:
            self._present[set_id] = sorted(str(t) for t in self.ctx.sets[set_id].table["tier"].unique())
        return self._present[set_id]

    def countries_digest(self) -> str:
        """Return the digest of what the country list shows: the roster, the countries assessed in each set
        and whether any latest assessment is illustrative (never answers, tiers or counts)."""
        assessed = [(sid, sm.table.index[sm.table["assessed"].to_numpy(dtype=bool)].tolist())
                    for sid, sm in self.ctx.sets.items()]
        return _sha("countries", self.roster_digest, assessed, bool(self.ctx.illustrative_codes))

    def methodology_digest(self) -> str:
        """Return the digest of what the methodology shows besides the criteria sets (in the site key): the
        tiers each set's table holds (a tier such as "undetermined" is listed only when some country is in
        it) and whether any latest assessment is illustrative."""
        tiers = [(sid, self._tiers_present(sid)) for sid in self.ctx.sets]
        return _sha("methodology", tiers, bool(self.ctx.illustrative_codes))

    def codebook_digest(self, package: bytes) -> str:
        """Return the digest of the codebook: its whole view model (the data package's files, columns and
        their meaning, never sizes or checksums)."""
        return _sha("codebook", self.ctx.codebook_page(json.loads(package)))

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

    @functools.cached_property
    def _shares(self) -> dict[tuple[str, str], str]:
        """Return (set, region) -> digest of the shares a profile of that region compares its answers with:
        how many assessed countries of its region and of the world meet each criterion ((set, "") for a
        region without assessed countries)."""
        out = {}
        for sid in self.ctx.sets:
            shares = self.ctx.met_shares(sid)
            out.update({(sid, region): _sha(by, shares[""]) for region, by in shares.items()})
        return out

    def _compared(self, iso3: str) -> list[str]:
        """Return the digests of the shares a country's profile shows, for each set it is assessed in."""
        j = self.ctx.registry.get(iso3)
        region = (j.region if j is not None else "") or "(none)"
        sets = dict.fromkeys(sid for sid, _h in self._country_rows.get(iso3, []))
        return [self._shares.get((sid, region), self._shares.get((sid, ""), "")) for sid in sets]

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
        """Return the key of a country profile, from its inputs only (its file, roster entry, table rows,
        units, and the shares of its region and the world it compares its answers with)."""
        text = repr((iso3, self.fingerprint(iso3), self.roster_entries.get(iso3), self._country_rows.get(iso3, []),
                     self.units(iso3), self._compared(iso3)))
        return hashlib.sha256(f"{self.site_key}\x00{text}".encode("utf-8", "surrogatepass")).hexdigest()

    def page_key(self, path: str, *digests: str) -> str:
        """Return the key of a page or data file made from these digests of its inputs."""
        return _sha(self.site_key, path, *digests)

    def piece_key(self, set_id: str, codes: list[str], header: bool) -> str:
        """Return the key of a piece of data/scores.csv: a set's rows of these countries (spine rows
        come from the country's file, its roster entry and its units' files only)."""
        return _sha(self.site_key, "scores", header, set_id,
                    [(c, self.fingerprint(c), self.roster_entries.get(c), self.units(c)) for c in codes])

    def units(self, iso3: str) -> list[tuple[str, str, str | None]]:
        """Return (code, file fingerprint, roster entry) of a country's sub-national units: its page
        lists them and answers derived from them (``federal_rule``) are among its spine rows."""
        return [(u, self.fingerprint(u), self.roster_entries.get(u)) for u in self.ctx.registry.units_of(iso3)]

    # ------------------------------------------------------------------ reuse
    def reuse(self, path: str, key: str, target_root: Path) -> bool:
        """Link the previous build's ``path`` into ``target_root`` when it was made with ``key`` and is
        still the file that build wrote (a regular file inside the old site, with the same SHA-256)."""
        self.keys[path] = key
        found = self.previous.get(path) if self.old_site is not None else None
        if found is None or found[0] != key:
            return False
        opened = self._unchanged_old(path, found[1])
        if opened is None:
            return False
        data, st = opened
        sha = found[1]
        new = os.path.join(target_root, path)
        try:
            folder = os.path.dirname(new)
            if folder not in self._dirs:
                os.makedirs(folder, exist_ok=True)
                self._dirs.add(folder)
            assert self.old_site is not None  # found in the previous build's manifest
            if not self._link(os.path.join(self.old_site, path), new, st):
                if data is None:  # known by its signature: read (and checked) only now
                    opened = self._read_checked(path, sha)
                    if opened is None:
                        return False
                    data = opened[0]
                with open(new, "wb") as fh:
                    fh.write(data)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(new)
            return False
        self.hashes[path] = sha
        self.reused_files[path] = (st.st_size, sha)
        self._carry(path)
        return True

    def _carry(self, path: str) -> None:
        """Keep what the previous manifest knows of a file reused whole: the same file, its parts, rows and
        pieces are where they were."""
        if path in self.old_zip_parts:
            self.zip_parts[path] = [(k, *found) for k, found in self.old_zip_parts[path].items()]
        if path in self.old_side:  # its rows' file of the cache describes it still
            self.side[path] = self.old_side[path]
        if path in self.old_file_pieces:
            self.file_pieces[path] = [(k, *at) for k, at in self.old_file_pieces[path].items()]
        if path == SCORES:
            self.pieces = [(k, *at) for k, at in self.old_pieces.items()]

    def _unchanged_old(self, path: str, sha: str) -> tuple[bytes | None, os.stat_result] | None:
        """Return (bytes or None, stat) of the previous build's ``path`` when it is still the file that
        build wrote: its stat signature is the one taken after that build (device, inode, size,
        modification and change times; nothing sets a change time back), so it is not read (None); else
        its bytes are read and must hash to ``sha``. None when it is not that file (or not a regular
        file inside the old site)."""
        signature = self.old_stats.get(path)
        if signature is not None and self.old_site is not None and self._inside(path):
            with contextlib.suppress(OSError):
                st = os.lstat(os.path.join(self.old_site, path))
                if stat.S_ISREG(st.st_mode) and store.stat_signature(st) == signature:
                    return None, st
        found = self._read_checked(path, sha)
        return None if found is None else (found[0], found[1])

    def _read_checked(self, path: str, sha: str) -> tuple[bytes, os.stat_result] | None:
        """Return (bytes, stat) of the previous build's ``path`` when it is still the file that build wrote:
        the file read has the stat signature sealed after that build, else its bytes hash to ``sha``."""
        opened = self._read_old(path)
        if opened is None:
            return None
        if store.stat_signature(opened[1]) != self.old_stats.get(path) \
                and not hmac.compare_digest(hashlib.sha256(opened[0]).hexdigest(), sha):
            return None  # edited since that build: rendered afresh
        return opened

    @staticmethod
    def _link(old: str, new: str, st: os.stat_result) -> bool:
        """Hard-link ``old`` to ``new`` when ``old`` is still the file ``st`` describes (the one whose
        bytes were checked); False when it cannot be linked (the caller writes the bytes)."""
        try:
            os.link(old, new, follow_symlinks=False)
        except (OSError, NotImplementedError):
            return False
        try:
            now = os.lstat(new)
            if (now.st_ino, now.st_dev) == (st.st_ino, st.st_dev):
                return True
        except OSError:
            pass
        os.unlink(new)
        return False

    def _inside(self, path: str) -> bool:
        """Return True when the folder of ``path`` (relative) is the old site folder or inside it."""
        assert self.old_site is not None and self.old_real is not None
        parent = os.path.dirname(os.path.join(self.old_site, path))
        inside = self._parents.get(parent)
        if inside is None:
            real = os.path.realpath(parent)
            inside = self._parents[parent] = real == self.old_real or real.startswith(self.old_real + os.sep)
        return inside

    def open_old(self, path: str) -> Any:
        """Return a file of the previous build opened for reading (binary), when it is a regular file
        inside the old site folder (never through a link; a FIFO never blocks); else None."""


        if self.old_site is None or not self._inside(path):
            return None
        try:
            fd = os.open(os.path.join(self.old_site, path), os.O_RDONLY | _O_NOFOLLOW | _O_NONBLOCK | _O_BINARY)
        except OSError:
            return None
        try:
            if stat.S_ISREG(os.fstat(fd).st_mode):
                return os.fdopen(fd, "rb")
        except OSError:
            pass
        os.close(fd)
        return None

    def _read_old(self, path: str) -> tuple[bytes, os.stat_result] | None:
        fh = self.open_old(path)
        if fh is None:
            return None
        with fh:
            try:
                return fh.read(), os.fstat(fh.fileno())
            except OSError:
                return None

    def record(self, path: str, sha: str) -> None:
        """Record the SHA-256 of a file this build wrote."""
        self.hashes[path] = sha

    def old_piece(self, key: str) -> tuple[int, int, str] | None:
        """Return (offset, length, SHA-256) of a piece of the previous data/scores.csv made with ``key``."""
        return self.old_pieces.get(key) if self.old_site is not None else None

    def record_piece(self, key: str, offset: int, length: int, sha: str) -> None:
        """Record where a piece of data/scores.csv is in this build's file, and its SHA-256."""
        self.pieces.append((key, offset, length, sha))

    # ------------------------------------------------------------------ parts of zip files
    def old_packed(self, path: str, keys: list[str]) -> dict[str, Packed]:
        """Return key -> :class:`~legalreview.render.xlsx.Packed` of the parts of the previous build's zip file
        ``path`` (a workbook's sheets) made with these keys, as stored there: each read where that build
        recorded it and checked against the length and SHA-256 recorded (the old site is not trusted: a part
        that differs is made afresh); the CRC-32 and size come from the sealed manifest."""
        wanted = {k: found for k in keys if (found := self.old_zip_parts.get(path, {}).get(k)) is not None}
        if self.old_site is None or not wanted:
            return {}
        old = self.open_old(path)
        if old is None:
            return {}
        out = {}
        sealed = self.old_stats.get(path)
        with old:
            for key, (offset, length, sha, crc, size) in wanted.items():
                data = self._old_piece(old, (offset, length, sha), sealed)
                if data is not None:
                    out[key] = Packed(data, crc, size)
        return out

    def record_packed(self, path: str, key: str, offset: int, packed: Packed) -> None:
        """Record where a part of the zip file ``path`` this build writes is stored (for the next build)."""
        self.zip_parts.setdefault(path, []).append((key, offset, len(packed.data),
                                                    hashlib.sha256(packed.data).hexdigest(), packed.crc, packed.size))

    # ------------------------------------------------------------------ rows of pages
    def row_key(self, path: str, row: Any) -> str:
        """Return the key of a row of a page listing every country: its whole view model (the templates,
        the language's words and everything else the row is drawn with are in the site key); for a row of a
        set's global table not yet made (:class:`~legalreview.render.context.LazyRow`), what it is made from
        (:meth:`_set_row_inputs`), so that the view models of unchanged rows are never made. What a row is made
        from is worked out once per build: the same row is on several pages (a set's page and its region's,
        the overview, every language)."""
        if isinstance(row, LazyRow) and row._lazy_inputs[0] in self._ROW_INPUTS:
            inputs = row._lazy_inputs
            known = inputs[0] in self._SHARED_ROWS  # inputs of text only (an answer group's hold a list)
            text = self._row_texts.get(inputs) if known else None
            if text is None:
                made_from = getattr(self, self._ROW_INPUTS[inputs[0]])(*inputs[1:])
                text = repr(made_from).encode("utf-8", "surrogatepass")
                if known:
                    self._row_texts[inputs] = text
            return self._row_hash(path, inputs[0], text)
        made = row if not isinstance(row, LazyRow) else row.view()
        return self._row_hash(path, "row", repr(made).encode("utf-8", "surrogatepass"))

    #: kind of :class:`~legalreview.render.context.LazyRow` -> the method returning what such a row is made from
    _ROW_INPUTS = {"set_row": "_set_row_inputs", "change_row": "_change_row_inputs",
                   "criterion_row": "_criterion_row_inputs", "answer_group": "_answer_group_inputs"}

    #: the kinds of rows shown on several pages, whose inputs are kept by :meth:`row_key`
    _SHARED_ROWS = frozenset({"set_row", "change_row", "criterion_row"})

    def _row_hash(self, path: str, kind: str, made_from: bytes) -> str:
        """Return the 32 hex digits of the BLAKE2b hash (16 bytes) of ``made_from`` (the text of what a row is
        made from) keyed by the SHA-256 of the site key, the page and the kind of row (made once per page
        and kind)."""
        start = self._row_starts.get((path, kind))
        if start is None:
            start = self._row_starts[(path, kind)] = hashlib.sha256(
                f"{self.site_key}\0{path}\0{kind}\0".encode("utf-8", "surrogatepass")).digest()
        return hashlib.blake2b(made_from, digest_size=16, key=start).hexdigest()

    def _change_row_inputs(self, set_id: str, iso3: str) -> tuple[Any, ...]:
        """Return what a country's row of a set's latest changes is made from besides the site key and the page
        (its language and depth: :meth:`SiteContext._change`): its row of the diff of the set's last two
        editions and its roster entry."""
        if set_id not in self._latest_diffs:
            self._latest_diffs[set_id] = {c: tuple(r.items()) for c, r in self.ctx.latest_diff(set_id).items()}
        return set_id, iso3, self._latest_diffs[set_id].get(iso3), self.roster_entries.get(iso3)

    def _criterion_row_inputs(self, set_id: str, criterion_id: str, iso3: str) -> tuple[Any, ...]:
        """Return what a country's row of a criterion page's side-by-side table is made from besides the site
        key and the page (its language, depth, set and criterion: :meth:`SiteContext.criterion_row`): the hash
        of the country's values of the set's global table for this criterion (name, assessed, edition, coder,
        status, answer: as :meth:`criterion_key` hashes them), the hash of what its answers to this criterion
        quote (notes and cited provisions' labels, :meth:`_quoted`), and its roster entry, the scope its
        assessment states and the digest of its files (:attr:`_country_keys`). Made for every country of the
        page at once (its 10,000 rows' keys are a tenth of the time a patched page takes)."""
        found = self._criterion_rows.get((set_id, criterion_id))
        if found is None:
            found = self._criterion_rows[(set_id, criterion_id)] = self._criterion_row_parts(set_id, criterion_id)
        return found.get(iso3, (iso3,))

    def _criterion_row_parts(self, set_id: str, criterion_id: str) -> dict[str, tuple[Any, ...]]:
        """Return iso3 -> :meth:`_criterion_row_inputs` of every country of a set's table, for a criterion."""
        table = self.ctx.sets[set_id].table
        self._quoted(set_id)
        codes, criteria, hashes = self._quoted_hashes[set_id]
        quoted = hashes[:, criteria.index(criterion_id)].tolist()
        columns = ["country", "assessed", "edition", "coder", "status", criterion_id]
        head = _sha([str(t) for t in table[columns].dtypes])[:16]
        values = _row_hashes(table[columns]).tolist()
        if set_id not in self._country_parts:  # the same for every criterion of the set and every language
            scopes, entries, keys = self.review.workspace.coded_scopes, self.roster_entries, self._country_keys
            self._country_parts[set_id] = [
                repr((entries.get(c), scopes.get(c, {}).get((set_id, e, k), ""), keys.get(c)))
                for c, e, k in zip(codes, table["edition"].tolist(), table["coder"].tolist())]
        return {c: (c, head, v, q, part) for c, v, q, part in zip(codes, values, quoted, self._country_parts[set_id])}

    def _answer_group_inputs(self, set_id: str, criterion_id: str, code: str, codes: list[str]) -> tuple[Any, ...]:
        """Return what a criterion page's group of the countries that gave an answer is made from besides the
        site key and the page (its language and depth: :meth:`SiteContext.answer_group`): the answer, and the
        digest of its countries' names, whether each is assessed and their roster entries."""
        tokens = self._group_tokens.get(set_id)
        if tokens is None:  # the same for every criterion of the set and every language
            rows, entries = self.ctx.sets[set_id].rows, self.roster_entries
            tokens = self._group_tokens[set_id] = {c: repr((c, r["country"], r["assessed"], entries.get(c)))
                                                   for c, r in rows.items()}
        digest = hashlib.sha256("\0".join(tokens.get(c, repr(c)) for c in codes).encode("utf-8", "surrogatepass"))
        return set_id, criterion_id, code, digest.hexdigest()

    def _set_row_inputs(self, set_id: str, iso3: str) -> tuple[Any, ...]:
        """Return what a country's row of a set's global table is made from besides the site key and the page
        (its language and depth: :meth:`SiteContext.set_row`): the country's row of the table (its values, the
        table's columns and their types), its roster entry, and the scope its assessment states."""
        r = self.ctx.sets[set_id].rows[iso3]
        scope = self.review.workspace.coded_scopes.get(iso3, {}).get((set_id, r["edition"], r["coder"]), "")
        head, hashes = self._table_rows(set_id)
        return set_id, iso3, head, hashes.get(iso3), self.roster_entries.get(iso3), scope

    def _table_rows(self, set_id: str) -> tuple[str, dict[str, int]]:
        """Return the digest of a set's global table's columns and their types, and iso3 -> hash of its row."""
        if set_id not in self._table_row_hashes:
            table = self.ctx.sets[set_id].table
            head = _sha(table.index.name, [str(c) for c in table.columns], [str(t) for t in table.dtypes])
            self._table_row_hashes[set_id] = (head, dict(zip(table.index.tolist(), _row_hashes(table).tolist())))
        return self._table_row_hashes[set_id]

    def old_rows(self, path: str, keys: list[str]) -> dict[str, str]:
        """Return key -> text of the rows of the previous build's page ``path`` drawn with these keys, when
        that page is still the one the build wrote (a regular file inside the old site with the stat
        signature taken after that build, else whose bytes hash to the SHA-256 the manifest records). The spans
        of its rows are read from its own file of the cache (:meth:`record_rows`)."""
        spans = self._old_side_spans(path)
        found = self.previous.get(path) if self.old_site is not None else None
        if not spans or found is None or not any(k in spans for k in keys):
            return {}
        opened = self._read_checked(path, found[1])
        if opened is None:
            return {}
        data, out = opened[0], {}
        for key in keys:
            at = spans.get(key)
            if at is not None and at[0] + at[1] <= len(data):
                with contextlib.suppress(UnicodeDecodeError):
                    out[key] = data[at[0]:at[0] + at[1]].decode("utf-8")
        return out

    def record_rows(self, path: str, spans: list[tuple[str, int, int]]) -> None:
        """Record where each row of a page this build wrote lies in it (key, offset, length), in a file of the
        cache of its own (written by :meth:`seal`), not in the manifest that every build reads and writes: a
        page listing every country has 10,000 rows at 10,000 countries, and a rebuild patches a few pages."""
        self.side.pop(path, None)
        data = _side_doc(path, self.hashes.get(path, ""), spans)
        if data is not None:
            self._side_data[path] = data
            self.side[path] = hashlib.sha256(data).hexdigest()

    def _side_name(self, path: str) -> str:
        """Return the name of the file of the cache holding the spans of the rows of the page ``path``."""
        assert self.out is not None
        return side_name(manifest_name(self.out), path)

    def _old_side_spans(self, path: str) -> dict[str, tuple[int, int]]:
        """Return key -> (offset, length) of the rows of the previous build's page ``path`` as its file of the
        cache records them, when that file holds the data whose SHA-256 the previous manifest records and
        describes the page that build wrote; else nothing (the page is drawn whole)."""
        digest, found = self.old_side.get(path), self.previous.get(path)
        if digest is None or found is None or self.out is None:
            return {}
        data = store.read_sealed(self.review.root, self._side_name(path))
        if data is None or not hmac.compare_digest(hashlib.sha256(data).hexdigest(), digest):
            return {}
        return _read_side(data, path, found[1])

    # ------------------------------------------------------------------ files written in pieces
    def table_piece_keys(self, path: str, table: pd.DataFrame, size: int) -> list[str]:
        """Return the key of each piece of ``size`` rows of a file made from a set's global table (its CSV
        and JSON; the first piece is the one a table without rows has): the piece's rows (index and
        values), the table's columns and their types."""
        hashes = (pd.util.hash_pandas_object(table, index=True, categorize=False).to_numpy() if len(table)
                  else np.zeros(0, dtype=np.uint64))
        head = (table.index.name, [str(c) for c in table.columns], [str(t) for t in table.dtypes])
        return [_sha(self.site_key, "piece", path, start, head, hashes[start:start + size].tobytes())
                for start in range(0, max(len(table), 1), size)]

    def pieced(self, path: str, parts: list[tuple[str | None, Callable[[], bytes]]]) -> Iterator[bytes]:
        """Yield the file ``path`` in pieces, each ``(key, make)`` of ``parts`` in order: a piece whose key the
        previous build recorded for this file is copied from its file when those bytes still hash to the
        SHA-256 recorded (the old site is not trusted), the others (and those without a key) are made.
        Where each keyed piece lies is recorded for the next build."""
        recorded: list[tuple[str, int, int, str]] = []
        offset = 0
        with contextlib.ExitStack() as stack:
            known = self.old_file_pieces.get(path, {}) if self.old_site is not None else {}
            old = self.open_old(path) if any(k in known for k, _make in parts if k is not None) else None
            if old is not None:
                stack.enter_context(old)
            sealed = self.old_stats.get(path)
            for key, make in parts:
                data = self._old_piece(old, known.get(key), sealed) if key is not None and old is not None else None
                kept = data is not None
                if data is None:
                    data = make()
                if key is not None:  # a kept piece's SHA-256 is the one it was read as
                    sha = known[key][2] if kept else hashlib.sha256(data).hexdigest()
                    recorded.append((key, offset, len(data), sha))
                offset += len(data)
                yield data
        self.file_pieces[path] = recorded

    @staticmethod
    def _old_piece(old: Any, at: tuple[int, int, str] | None, sealed: str | None = None) -> bytes | None:
        """Return the bytes at ``at`` (offset, length, SHA-256) of an old file when they hash to that SHA-256,
        or, without hashing them, when the file still has the stat signature ``sealed`` after they were read
        (the one taken after the build that wrote it: those bytes)."""
        if at is None:
            return None
        try:
            old.seek(at[0])
            data = old.read(at[1])
            unchanged = sealed is not None and store.stat_signature(os.fstat(old.fileno())) == sealed
        except OSError:
            return None
        if len(data) != at[1] or (not unchanged and not hmac.compare_digest(hashlib.sha256(data).hexdigest(), at[2])):
            return None
        return data

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
            old = self._read_charts(set_id) if self.old_site is not None and self.out is not None else None
            made = old.get("charts") if isinstance(old, dict) and old.get("key") == key else None
            if isinstance(made, list) and all(isinstance(c, dict) and isinstance(c.get("svg"), str)
                                              and store.plain_svg(c["svg"]) for c in made):
                ctx._charts[set_id] = [dict(c, svg=Markup(c["svg"])) for c in made]
                self._kept_charts.add(set_id)

    def _read_charts(self, set_id: str) -> Any:
        """Return what the file keeping a set's charts holds (sealed; a forged one is never read), or None."""
        assert self.out is not None
        raw = store.read_sealed(self.review.root, charts_name(self.out, set_id))
        if raw is None:
            return None
        with contextlib.suppress(ValueError, UnicodeDecodeError):
            return json.loads(raw.decode("utf-8"))
        return None

    def save(self) -> None:
        """Make the manifest of this build: the key and SHA-256 of every file with a key, the charts and the
        pieces of data/scores.csv. :meth:`seal` keeps it, once the site is in place (a build that fails
        before leaves the previous site and its manifest as they were; the manifest, about 10 MB at
        10,000 countries, is written once)."""
        if self.out is None:
            return
        pages = {path: [key, self.hashes[path]] for path, key in self.keys.items() if path in self.hashes}
        doc = {"format": _FORMAT, "site": self.site_key, "pages": pages,
               "scores": self.pieces, "packed": {p: parts for p, parts in self.zip_parts.items() if p in pages},
               "pieces": {p: made for p, made in self.file_pieces.items() if p in pages},
               "quotes": self.quotes, "side_rows": {p: d for p, d in self.side.items() if p in pages}}
        self._doc = doc

    def seal(self, site: Path) -> None:
        """Keep the manifest (sealed, in the workspace's cache folder) with the stat signature of each file of
        the finished ``site`` (once it is in place and the previous site is gone: linking and unlinking a
        file move its change time), so the next build reuses an unchanged file without reading it."""
        if self._doc is None or self.out is None:
            return
        stats = {}
        for path in self._doc["pages"]:
            with contextlib.suppress(OSError):
                st = os.lstat(os.path.join(site, path))
                if stat.S_ISREG(st.st_mode):
                    stats[path] = store.stat_signature(st)
        self._doc["stats"] = stats
        for path, data in self._side_data.items():  # before the manifest that names them
            if self._doc["side_rows"].get(path) == hashlib.sha256(data).hexdigest():
                store.write_sealed(self.review.root, self._side_name(path), data)
        self._side_data = {}
        store.write_sealed(self.review.root, manifest_name(self.out), json.dumps(self._doc).encode("utf-8"))
        store.prune(self.review.root, "site-", 8)  # the sites built last (one per output folder)
        _prune_sides(self.review.root, manifest_name(self.out), self._doc["side_rows"])
        for sid, made in self.ctx._charts.items():  # the charts drawn by this build, each set's apart
            if sid in self.chart_keys and sid not in self._kept_charts:
                kept = {"key": self.chart_keys[sid], "charts": [dict(c, svg=str(c["svg"])) for c in made]}
                store.write_sealed(self.review.root, charts_name(self.out, sid), json.dumps(kept).encode("utf-8"))
        store.prune(self.review.root, "charts-", 8 * max(8, len(self.chart_keys)))

    # ------------------------------------------------------------------ data/scores.csv
    def _scores_plan(self, spine: pd.DataFrame) -> list[tuple[int, int, str]] | None:
        """Return (start, stop, key) of each piece of data/scores.csv (made once per build), or None
        when the spine does not keep each country's rows of a set together (the site writes it whole)."""
        if self._plan is None or self._plan[0] is not spine:
            runs = _country_runs(spine) if len(spine) else None
            plan = None if runs is None else [(start, stop, self.piece_key(set_id, codes, start == 0))
                                              for start, stop, set_id, codes in _pieces(runs)]
            self._plan = (spine, plan)
        return self._plan[1]

    def scores_key(self, spine: pd.DataFrame) -> str:
        """Return the digest of data/scores.csv's inputs: the keys of all its pieces (one never seen
        again when it is written whole). A build where no piece changed links the previous file whole (its stat
        signature or SHA-256 checked, as any reused file) instead of copying and hashing its pieces; the
        pieces it holds stay known for the next build (:meth:`reuse`)."""
        plan = self._scores_plan(spine)
        if plan is None:  # written whole from the spine: never taken from an earlier build
            return _sha("scores.csv", os.urandom(16).hex())
        return _sha("scores.csv", [key for _start, _stop, key in plan])

    def scores_pieces(self, spine: pd.DataFrame, columns: list[str]) -> Iterator[bytes] | None:
        """Return data/scores.csv in pieces of consecutive countries, a piece whose countries are
        unchanged since the previous build copied from the previous file; None when the spine does not
        keep each country's rows together (the site writes it whole)."""
        plan = self._scores_plan(spine)
        return None if plan is None else self._scores_pieces(spine, columns, plan)

    def _scores_pieces(self, spine: pd.DataFrame, columns: list[str],
                       plan: list[tuple[int, int, str]]) -> Iterator[bytes]:
        self.pieces = []
        with contextlib.ExitStack() as stack:
            old = self._old_scores(stack)
            sealed = self.old_stats.get(SCORES) if old is not None else None
            offset = 0
            for start, stop, key in plan:
                at = self.old_piece(key) if old is not None else None
                data = self._old_piece(old, at, sealed) if at is not None else None
                if at is None or data is None:  # new, or not the bytes that build wrote
                    data = site_csv(spine.iloc[start:stop][columns], start == 0)
                    sha = hashlib.sha256(data).hexdigest()
                else:
                    sha = at[2]  # what _old_piece checked them against
                self.record_piece(key, offset, len(data), sha)
                offset += len(data)
                yield data

    def _old_scores(self, stack: contextlib.ExitStack) -> Any:
        """Return the previous build's data/scores.csv opened for reading, when its pieces are known (a
        regular file inside the old site; each piece is checked against its SHA-256 before it is used)."""
        if self.old_site is None or not self.old_pieces:
            return None
        fh = self.open_old(SCORES)
        if fh is None:
            return None
        stack.enter_context(fh)
        try:
            if os.fstat(fh.fileno()).st_size != sum(n for _o, n, _h in self.old_pieces.values()):
                return None  # not the file the manifest describes
        except OSError:
            return None
        return fh


#: Prefix of the files of the cache holding the spans of a page's rows (see :func:`side_name`).
SIDE_PREFIX = "rows-"
_SIDE_FORMAT = 1
_ROW_KEY = 32  # hex digits of a row's key (Reuse._row_hash)


def side_name(manifest: str, path: str) -> str:
    """Return the name of the file of the cache holding the spans of the rows of the page ``path`` of the site
    whose manifest is ``manifest`` (``rows-<the manifest's hash>-<the page's hash>.json``)."""
    site = manifest.removeprefix("site-").removesuffix(".json")
    return f"{SIDE_PREFIX}{site}-{hashlib.sha256(path.encode('utf-8', 'surrogatepass')).hexdigest()[:32]}.json"


def _side_doc(path: str, sha: str, spans: list[tuple[str, int, int]]) -> bytes | None:
    """Return the data of the file of the cache holding the spans of a page's rows: JSON naming the page and
    its SHA-256, the rows' keys (16 bytes each) and their (offset, length) (little-endian 64-bit integers),
    both in base64 (about 32 bytes a row); None when a key is not a row's key (nothing is kept)."""
    keys = "".join(k for k, _o, _n in spans)
    if not _is_sha(sha) or len(keys) != _ROW_KEY * len(spans):
        return None
    try:
        raw_keys = bytes.fromhex(keys)
    except ValueError:
        return None
    at = np.array([(o, n) for _k, o, n in spans], dtype="<u8").reshape(len(spans), 2)
    return json.dumps({"format": _SIDE_FORMAT, "page": path, "sha256": sha, "rows": len(spans),
                       "keys": base64.b64encode(raw_keys).decode("ascii"),
                       "spans": base64.b64encode(at.tobytes()).decode("ascii")}).encode("utf-8")


def _read_side(data: bytes, path: str, sha: str) -> dict[str, tuple[int, int]]:
    """Return key -> (offset, length) of the rows :func:`_side_doc` recorded, when the data describes the page
    ``path`` whose bytes hash to ``sha``; else nothing."""
    with contextlib.suppress(ValueError, TypeError, KeyError, AttributeError, UnicodeDecodeError, binascii.Error):
        doc = json.loads(data.decode("utf-8"))
        n = doc["rows"]
        if (doc["format"] != _SIDE_FORMAT or doc["page"] != path or doc["sha256"] != sha
                or type(n) is not int or n < 0):
            return {}
        keys = base64.b64decode(doc["keys"], validate=True).hex()
        at = base64.b64decode(doc["spans"], validate=True)
        if len(keys) != _ROW_KEY * n or len(at) != 16 * n:
            return {}
        spans = np.frombuffer(at, dtype="<u8").reshape(n, 2)
        if n and int(spans.max()) >= 2 ** 62:
            return {}
        return dict(zip((keys[i:i + _ROW_KEY] for i in range(0, len(keys), _ROW_KEY)),
                        map(tuple, spans.tolist())))
    return {}


def _prune_sides(root: Path, manifest: str, kept: dict[str, str]) -> None:
    """Remove the files of the cache holding rows' spans that no manifest names any more: this site's of the
    pages it no longer keeps apart, and those of the sites whose manifest is gone (:func:`store.prune`)."""
    folder = store.ensure_folder(root)
    if folder is None:
        return
    keep = {side_name(manifest, path) for path in kept}
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            name = entry.name
            if not name.startswith(SIDE_PREFIX) or name in keep:
                continue
            site = name[len(SIDE_PREFIX):].split("-", 1)[0]
            if site == manifest.removeprefix("site-").removesuffix(".json") or not os.path.lexists(
                    os.path.join(folder, f"site-{site}.json")):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


_FNV_PRIME = 0x100000001B3
_MASK64 = (1 << 64) - 1


def _read_quotes(found: Any) -> dict[str, tuple[list[str], list[str], list[str], np.ndarray]]:
    """Return the hashes of what each country's answers quote, as the previous build's manifest keeps
    them (set -> countries, their keys, criteria, hashes); a set whose entry is not of that shape is left out."""
    out = {}
    for set_id, doc in (found.items() if isinstance(found, dict) else ()):
        with contextlib.suppress(ValueError, TypeError, KeyError, AttributeError, binascii.Error):
            codes, keys, criteria = doc["codes"], doc["keys"], doc["criteria"]
            raw = base64.b64decode(doc["hashes"], validate=True)
            if (all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in (codes, keys, criteria))
                    and len(codes) == len(keys) and len(raw) == 8 * len(codes) * len(criteria)):
                hashes = np.frombuffer(raw, dtype="<u8").astype(np.uint64).reshape(len(codes), len(criteria))
                out[set_id] = (codes, keys, criteria, hashes)
    return out


#: Countries per piece of data/scores.csv: a piece is formatted again only when one of them changed.
PIECE_COUNTRIES = 256


def _country_runs(spine: pd.DataFrame) -> list[tuple[int, int, str, str]] | None:
    """Return (start, stop, set, iso3) of each run of a country's rows of a set in the spine, in order;
    None when some country's rows of a set are not all in one run."""
    sets, codes = spine["set"].to_numpy(), spine["iso3"].to_numpy()
    breaks = np.flatnonzero((sets[1:] != sets[:-1]) | (codes[1:] != codes[:-1])) + 1
    starts = [0, *breaks.tolist()]
    stops = [*breaks.tolist(), len(spine)]
    runs = list(zip(starts, stops, sets[starts].tolist(), codes[starts].tolist()))
    return runs if len({(r[2], r[3]) for r in runs}) == len(runs) else None


def _pieces(runs: list[tuple[int, int, str, str]]) -> Iterator[tuple[int, int, str, list[str]]]:
    """Yield (start, stop, set, countries) of consecutive runs of one set, at most PIECE_COUNTRIES each."""
    group: list[tuple[int, int, str, str]] = []
    for run in runs:
        if group and (run[2] != group[0][2] or len(group) == PIECE_COUNTRIES):
            yield group[0][0], group[-1][1], group[0][2], [r[3] for r in group]
            group = []
        group.append(run)
    if group:
        yield group[0][0], group[-1][1], group[0][2], [r[3] for r in group]


def _reusable(site: Path) -> bool:
    """Return True when ``site`` is a site we built whose files may be reused: a real folder with the
    marker, holding only folders and regular files (a link in a received site could make a rebuild
    copy any file of this computer into the new site)."""
    try:
        if not stat.S_ISDIR(os.lstat(site).st_mode) or not safefiles.plain_file(site / MARKER):
            return False
        pending = [str(site)]
        while pending:
            with os.scandir(pending.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(entry.path)
                    elif not entry.is_file(follow_symlinks=False):
                        return False
    except OSError:
        return False
    return True


def for_site(review: Any, env: Any, ctx: Any, out: Path) -> Reuse:
    """Return the :class:`Reuse` of a build into ``out`` (``build_site(..., reuse=for_site)``): the
    previous site there is reused only when :func:`_reusable` (a site we built, plain files only)."""
    return Reuse(review, env, ctx, out if _reusable(out) else None, out)
