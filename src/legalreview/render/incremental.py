"""Incremental site builds: reuse what the previous build wrote when its inputs have not changed.

``legalreview build`` renders into a new folder that replaces the old site. Before a page is
rendered, :class:`Reuse` computes a key from everything the page is made of; when the previous
build (its manifest ``.legalreview-build.json`` in the site folder) wrote that page with the same
key, the old file is hard-linked (or copied) into the new folder instead of being rendered again.

- A country profile's key comes from its inputs, so no view model is built for an unchanged
  country: the country file's SHA-256, its roster entry, its rows in every set's tables, and a
  site-wide key (templates, the code that renders, criteria, review.toml, publication date).
- Any other page's key is the hash of its view model (tables, counts and aggregates are cheap to
  compute; rendering thousands of rows is not).
- A set's charts (SVG, text alternative, table) are kept with the key of what they are drawn
  from (the set's global table and trend): unchanged charts are not drawn again.

When one country changes, only its profile and the pages whose view model changed (tables,
aggregates) are rendered. Deleting the site folder forces a full build.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

MANIFEST = ".legalreview-build.json"
_FORMAT = 1
_CODE = Path(__file__).parent


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
    for path in sorted(_CODE.glob("*.py")):
        h.update(path.read_bytes())
    for name in sorted(env.list_templates()):
        source, _filename, _uptodate = env.loader.get_source(env, name)
        h.update(name.encode() + b"\x00" + source.encode("utf-8", "surrogatepass"))
    h.update(review.config.model_dump_json().encode())
    for sid, cs in review.criteria.items():
        h.update(sid.encode() + cs.model_dump_json().encode())
    h.update(repr((review.include_drafts, ctx.date, ctx.site("../"), ctx.site(""))).encode())
    return h.hexdigest()


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
        if old_site is not None:
            with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
                doc = json.loads((old_site / MANIFEST).read_text("utf-8"))
                if doc.get("format") == _FORMAT:
                    if doc.get("site") == self.site_key:
                        self.previous = {k: v for k, v in doc.get("pages", {}).items() if isinstance(v, str)}
                        self.old_charts = dict(doc.get("charts", {}))
        self.chart_keys: dict[str, str] = {}
        self._prime_charts()

    # ------------------------------------------------------------------ keys
    def profile_key(self, iso3: str) -> str:
        """Return the key of a country profile, from its inputs only."""
        ctx, ws = self.ctx, self.review.workspace
        rows = []
        for sid, sm in ctx.sets.items():
            rows.append((sid, sm.rows.get(iso3)))
            for ed, table in sm.by_edition.items():
                rows.append((sid, ed, table.get(iso3)))
        return _sha(self.site_key, iso3, ws.fingerprints.get(iso3, ""), ctx.registry.get(iso3), rows)

    def context_key(self, context: Any) -> str:
        """Return the key of a page from its whole view model."""
        return _sha(self.site_key, context)

    # ------------------------------------------------------------------ reuse
    def reuse(self, path: str, key: str, target_root: Path) -> bool:
        """Link the previous build's ``path`` into ``target_root`` when it was made with ``key``."""
        self.keys[path] = key
        if self.old_site is None or self.previous.get(path) != key:
            return False
        old = self.old_site / path
        new = target_root / path
        try:
            new.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(old, new)
            except OSError:
                shutil.copyfile(old, new)
        except OSError:
            return False
        self.reused += 1
        return True

    def record(self, path: str, key: str) -> None:
        """Record the key of a file rendered in this build."""
        self.keys[path] = key

    # ------------------------------------------------------------------ charts
    def _prime_charts(self) -> None:
        """Give the site context the previous build's charts of every set whose data is unchanged."""
        ctx = self.ctx
        if ctx.charts_module is None:
            return
        from markupsafe import Markup

        for set_id in ctx.sets:
            key = _sha(self.site_key, set_id, self.review.table(set_id).to_csv(), self.review.trend(set_id).to_csv())
            self.chart_keys[set_id] = key
            old = self.old_charts.get(set_id)
            if isinstance(old, dict) and old.get("key") == key and isinstance(old.get("charts"), list):
                ctx._charts[set_id] = [dict(c, svg=Markup(c["svg"])) for c in old["charts"]]

    def save(self, site: Path) -> None:
        """Write the manifest of this build into its site folder."""
        charts = {sid: {"key": self.chart_keys[sid], "charts": [dict(c, svg=str(c["svg"])) for c in made]}
                  for sid, made in self.ctx._charts.items() if sid in self.chart_keys}
        doc = {"format": _FORMAT, "site": self.site_key, "pages": self.keys, "charts": charts}
        (site / MANIFEST).write_text(json.dumps(doc), "utf-8")  # key order kept: keys hash reprs
