"""The static site: ``build_site(review, out_dir)`` renders every page and data file of a review.

The site works from ``file://`` and any static host (relative links only, no CDN, no fetch).
Output is deterministic: the only date comes from ``SOURCE_DATE_EPOCH``, review.toml's
``published_on`` or the latest assessment. Pages are rendered into a temporary folder beside the
target, which replaces the old site only when everything was written.

A workspace ``templates/`` folder overrides any template by name; a more specific name wins
(``profile-KEN.html.j2`` over ``profile.html.j2``, ``set-csam.html.j2`` over ``set.html.j2``).
"""

from __future__ import annotations

import hashlib
import itertools
import json
from functools import partial
import math
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

import jinja2
import markupsafe
import pandas as pd

from ..issues import Issue
from ..lawframes import facts_frame
from ..notices import coding_notice
from ..review import Review
from ..safefiles import UnsafeFile, files_inside, read_optional
from . import charts, xlsx
from .compiled import TEMPLATES, PackageLoader
from .datapackage import datapackage
from .context import ANSWER_ICONS, TIER_ICONS, LazyRow, SetModel, SiteContext, safe_url
from .formats import formula_columns, markdown_escape, markdown_url, safe_csv_frame
from .palette import css_variables
from .sandbox import LimitedSandbox, PackageSandbox, generate, render
from .translate import template_callables

#: progress(label, done, total): called as pages are written.
Progress = Callable[[str, int, int], None]
STATIC = Path(__file__).parent / "static"
#: Marks a folder as a site we built, so a rebuild may replace it (and never a folder we did not build).
MARKER = ".legalreview-site"


@dataclass
class BuildResult:
    """What a build wrote: the folder, how many pages, how many countries are assessed, the warnings."""

    out_dir: Path
    pages: int
    countries_assessed: int
    warnings: list[Issue] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @property
    def index(self) -> Path:
        """Return the path of the site's front page."""
        return self.out_dir / "index.html"


# --------------------------------------------------------------------------- templates

#: Largest template, style or script file a workspace's templates/ may hold.
MAX_TEMPLATE_BYTES = 2 * 1024 * 1024


class WorkspaceLoader(jinja2.BaseLoader):
    """The templates of a workspace's ``templates/`` folder, read without following links.

    The folder is listed once: a symbolic link, FIFO or device anywhere in it (or the folder itself
    being a link) raises :class:`~legalreview.safefiles.UnsafeFile` naming it, before anything is
    rendered. Each template is read again through :func:`~legalreview.safefiles.read_inside`.
    """

    def __init__(self, root: Path):
        self.root = Path(root)
        self.names = files_inside(self.root, "templates")

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        from jinja2.loaders import split_template_path

        relpath = "templates/" + "/".join(split_template_path(template))
        raw = read_optional(self.root, relpath, MAX_TEMPLATE_BYTES)
        if raw is None:
            raise jinja2.TemplateNotFound(template)
        try:
            source = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise UnsafeFile(relpath, f"{relpath} is not UTF-8 text", "save the template as UTF-8") from None
        return source, str(self.root / relpath), lambda: True  # an environment lives for one build

    def list_templates(self) -> list[str]:
        return list(self.names)


def workspace_file(review_root: Path | None, name: str) -> bytes | None:
    """Return the bytes of ``templates/<name>`` of a workspace (a style or script override), None when
    it has none; raises UnsafeFile when it is a link or not a regular file."""
    if review_root is None:
        return None
    return read_optional(review_root, f"templates/{name}", MAX_TEMPLATE_BYTES)


def _static(review_root: Path | None, name: str) -> bytes:
    """Return the workspace's override of a static file (``templates/site.css``), else the package's."""
    data = workspace_file(review_root, name)
    return data if data is not None else (STATIC / name).read_bytes()


def environment(workspace_root: Path | None = None, language: str | None = None) -> jinja2.Environment:
    """Return the Jinja environment: the workspace's templates/ first, then the package's.

    Interface text in the templates is wrapped in ``{{ _("...") }}``: it reads in ``language``
    through the package's gettext catalogues (:mod:`legalreview.render.translate`), in English when
    ``language`` is None, English or has no catalogue.

    HTML templates are autoescaped; Markdown templates (``*.md.j2``) escape every value with the ``md``
    filter instead, so text is not HTML-escaped twice. A workspace with templates of its own gets a
    :class:`~legalreview.render.sandbox.LimitedSandbox` (time, size and value limits); the package's
    templates alone render in the immutable sandbox (:class:`~legalreview.render.sandbox.PackageSandbox`),
    from the modules precompiled with the package (:mod:`legalreview.render.compiled`) when they are current.
    """
    loaders: list[jinja2.BaseLoader] = []
    workspace = WorkspaceLoader(workspace_root) if workspace_root is not None else None
    if workspace is not None and workspace.names:
        loaders.append(workspace)
    # the package's templates alone: from the modules precompiled with the package when they are current
    loaders.append(jinja2.FileSystemLoader(str(TEMPLATES)) if loaders else PackageLoader())
    # sandboxed: a workspace's templates/ brand the site but can never run code (no __globals__ tricks)
    kind = LimitedSandbox if len(loaders) > 1 else PackageSandbox
    env: jinja2.Environment = kind(
        loader=jinja2.ChoiceLoader(loaders), auto_reload=False,  # an environment lives for one build
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2", "xml"),
                                            default_for_string=True, default=False),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    # the words come from the language set last (set_language): one environment, its templates compiled
    # once, renders the pages of every language in turn
    current = template_callables(language)
    env.globals["_i18n_current"] = current
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda message: current["gettext"](message),
        ngettext=lambda singular, plural, n: current["ngettext"](singular, plural, n), newstyle=False)
    env.globals["_"] = env.globals["gettext"]  # directly: Jinja's `_` looks `gettext` up in the page on every call
    env.filters["md"] = markdown_escape
    env.filters["mdurl"] = markdown_url
    env.globals["answer_icons"] = ANSWER_ICONS
    env.globals["tier_icons"] = TIER_ICONS
    if isinstance(env, LimitedSandbox):
        env.limit_filters()
    return env


def set_language(env: jinja2.Environment, language: str | None) -> None:
    """Make ``env``'s templates render their interface text in ``language`` from now on (pages are
    rendered one at a time: the language of the page being rendered)."""
    current: dict[str, Any] = env.globals["_i18n_current"]  # type: ignore[assignment]
    current.update(template_callables(language))


class Templates:
    """Picks and caches templates: the most specific name a workspace or the package provides wins."""

    def __init__(self, env: jinja2.Environment):
        self.env = env
        self.names = set(env.list_templates())
        self._cache: dict[str, jinja2.Template] = {}

    def get(self, *names: str) -> jinja2.Template:
        """Return the first template of ``names`` that exists (compiled once)."""
        for name in names:
            if name in self.names:
                if name not in self._cache:
                    self._cache[name] = self.env.get_template(name)
                return self._cache[name]
        raise jinja2.TemplateNotFound(names[-1])


# --------------------------------------------------------------------------- data files

def _csv(frame: pd.DataFrame, header: bool = True) -> bytes:
    """Return a frame as CSV bytes, its text cells neutralised against formula injection (the frame
    is copied only when some column may hold formula-like text)."""
    risky = formula_columns(frame)
    safe = safe_csv_frame(frame, risky) if risky else frame
    return safe.to_csv(index=False, header=header, lineterminator="\n", date_format="%Y-%m-%d").encode("utf-8")


#: Rows per piece of data/scores.csv (written as they are made: the spine is never formatted whole).
PIECE_ROWS = 20_000


def _scores_pieces(ctx: SiteContext, reuse: Any) -> Iterator[bytes]:
    """Yield data/scores.csv (the spine without ``counted``) in pieces; ``reuse`` may copy pieces of
    unchanged countries from the previous build (the bytes are the same)."""
    spine = ctx.spine
    columns = [c for c in spine.columns if c != "counted"]
    reused = reuse.scores_pieces(spine, columns)
    if reused is not None:
        yield from reused
        return
    for start in range(0, max(len(spine), 1), PIECE_ROWS):
        yield _csv(spine.iloc[start:start + PIECE_ROWS][columns], start == 0)


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def _table_frame(table: pd.DataFrame) -> pd.DataFrame:
    table = table.reset_index()
    table["assessed_on"] = table["assessed_on"].map(lambda v: "" if pd.isna(v) else v.date().isoformat())
    return table


_JSON_STR = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) writes for a str


def _json_value(value: Any) -> str:
    """Return ``json.dumps(_plain(value), ensure_ascii=False)`` (common types without the encoder)."""
    kind = type(value)
    if kind is str:
        return _JSON_STR(value)
    if value is None or value is pd.NA or (kind is float and value != value):  # a missing count or points
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if kind is float and math.isfinite(value):
        return float.__repr__(value)
    return json.dumps(_plain(value), ensure_ascii=False)


#: Countries per piece of a set's CSV and JSON tables (a rebuild makes again only the pieces whose rows changed).
TABLE_PIECE = 1000


def _json(review: Review, set_id: str, table: pd.DataFrame, notice: str | None = None) -> bytes:
    """Return data/<set>.json: the set's global table, one object per country, under the set's
    ``notice`` (:func:`legalreview.notices.coding_notice` of the set; null when there is none)."""
    return b"".join(make() for _start, make in _json_parts(review, set_id, table, notice))


def _json_parts(review: Review, set_id: str, table: pd.DataFrame,
                notice: str | None) -> list[tuple[int | None, Callable[[], bytes]]]:
    """Return data/<set>.json in parts, each (first row or None for the head and tail, what makes its bytes):
    the text of ``json.dumps(doc, ensure_ascii=False, indent=1)``, written a column at a time (the indenting
    encoder is pure Python and slow on 10,000 countries), TABLE_PIECE countries a part."""
    cs = review.criteria_set(set_id)
    doc = {"set": set_id, "title": cs.title, "version": cs.version, "review": review.config.review.name,
           "edition": review.config.review.edition, "notice": notice, "countries": []}
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    if not len(table):
        return [(None, lambda: (text + "\n").encode("utf-8"))]
    assert text.endswith("[]\n}")
    names = ["   " + _JSON_STR(str(c)) + ": " for c in _table_frame(table.iloc[:0]).columns]

    def part(start: int) -> bytes:
        frame = _table_frame(table.iloc[start:start + TABLE_PIECE])
        columns = [[n + _json_value(v) for v in frame[c].tolist()] for n, c in zip(names, frame.columns)]
        return (("" if start == 0 else ",\n")
                + ",\n".join("  {\n" + ",\n".join(fields) + "\n  }" for fields in zip(*columns))).encode("utf-8")

    head = (text[:-len("[]\n}")] + "[\n").encode("utf-8")
    return [(None, lambda: head), *((start, partial(part, start)) for start in range(0, len(table), TABLE_PIECE)),
            (None, lambda: b"\n ]\n}\n")]


#: The site's workbook, and where each set's sheet is in it.
WORKBOOK = "data/review.xlsx"


def _workbook(review: Review, date_text: str, ctx: SiteContext, reuse: Any = None) -> bytes:
    """Return the report workbook (a sheet per set), byte-identical for identical input, written by
    :mod:`legalreview.render.xlsx` (text is inert: inline strings, quotePrefix where it looks like a
    formula, never a formula element). ``reuse`` may give the sheets of sets unchanged since the
    previous build (as stored in its workbook, checked against the SHA-256 that build recorded: neither
    made nor compressed again); it records where this build's sheets are stored."""
    import datetime as dt

    reuse = reuse if reuse is not None else NoReuse()
    fixed = dt.datetime.fromisoformat(date_text) if date_text else dt.datetime(2000, 1, 1)
    notice = coding_notice(review)
    head = 3 if notice else 2  # the header row: below the title and the notice
    keys = {set_id: reuse.page_key(f"{WORKBOOK}#{set_id}", reuse.set_digest(set_id), notice or "")
            for set_id in ctx.sets}
    kept = reuse.old_packed(WORKBOOK, list(keys.values()))
    sheets = []
    for set_id, sm in ctx.sets.items():
        cs = sm.cs
        cols = ["iso3", "country", "region", *cs.criterion_ids, "met_count", "tier_label", "edition", "status",
                "assessed_on"]
        packed = kept.get(keys[set_id])
        sheet = xlsx.Sheet(
            set_id[:31], _sheet_rows(review, sm, cols, notice) if packed is None else (),
            widths=[6, 28, 18, *[9] * len(cs.criterion_ids), 9, 44, 9, 12, 12], freeze=f"D{head + 1}",
            auto_filter=f"A{head}:{xlsx.column_letter(len(cols))}{head + len(sm.table)}", convert=_plain,
            packed=packed)
        sheets.append(sheet)
    data, placed = xlsx.write_workbook_placed(sheets, review.config.review.publisher or "",
                                              review.config.review.name or "", fixed)
    for set_id, (offset, stored) in zip(ctx.sets, placed):
        reuse.record_packed(WORKBOOK, keys[set_id], offset, stored)
    return data


def _sheet_rows(review: Review, sm: SetModel, cols: list[str],
                notice: str | None) -> Iterator[tuple[int, Sequence[Any]]]:
    """Yield the rows of a set's sheet of the site's workbook: its title, the notice, the header, a row per country."""
    cs = sm.cs
    table = _table_frame(sm.table)
    top: list[tuple[int, Sequence[Any]]] = [(xlsx.TITLE, [f"{cs.title} — {review.config.review.name}"])]
    if notice:
        top.append((xlsx.PLAIN, [notice]))
    top.append((xlsx.HEADER, ["iso3", "Country", "Region", *cs.criterion_ids, "Criteria met", "Tier", "Edition",
                              "Status", "Assessed on"]))
    yield from top
    for row in zip(*(table[c].tolist() for c in cols)):
        yield xlsx.PLAIN, row


def _citation_cff(review: Review, date_text: str) -> bytes:
    info = review.config.review
    q = json.dumps  # JSON strings are valid YAML scalars

    lines = ["cff-version: 1.2.0", "message: If you cite this review, please cite it as below.",
             "type: dataset", f"title: {q(info.name, ensure_ascii=False)}",
             "authors:", f"  - name: {q(info.publisher, ensure_ascii=False)}"]
    if info.edition:
        lines.append(f"version: {q(info.edition)}")
    if date_text:
        lines.append(f"date-released: {q(date_text)}")
    url = safe_url(info.url)
    if url:  # the published site; a local build has no address to give
        lines.append(f"url: {q(url)}")
    if info.license:
        lines.append(f"license: {q(info.license)}")
    notice = coding_notice(review)
    if notice:
        lines.append(f"abstract: {q(notice, ensure_ascii=False)}")
    return ("\n".join(lines) + "\n").encode("utf-8")


# --------------------------------------------------------------------------- the build

def _check_out_dir(review: Review, out: Path) -> None:
    root = review.root.resolve()
    target = out.resolve()
    if target == root or target in root.parents:
        raise ValueError(f"refusing to build into {out}: it contains the review itself; use e.g. reports/site")
    if target.exists() and (not target.is_dir() or (any(target.iterdir()) and not (target / MARKER).exists())):
        raise ValueError(f"refusing to replace {out}: it exists and is not a site built by legalreview "
                         "(remove it or choose another --out)")


def _swap_in(tmp: Path, out: Path) -> None:
    """Replace ``out`` by ``tmp`` with directory renames (the old site is removed afterwards)."""
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    if out.exists():
        os.replace(out, old)
    try:
        os.replace(tmp, out)
    except BaseException:
        if old.exists():
            os.replace(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)


class NoReuse:
    """The reuse of a build without a previous one (:func:`build_site` without ``reuse``): every page
    and data file is rendered afresh, no key is computed. :class:`legalreview.speed.reuse.Reuse` is the
    one that reuses."""

    reused_files: dict[str, tuple[int, str]] = {}

    def reuse(self, path: str, key: str, target_root: Path) -> bool:
        return False

    def record(self, path: str, sha: str) -> None:
        pass

    def page_key(self, path: str, *digests: str) -> str:
        return ""

    def review_digest(self) -> str:
        return ""

    def countries_digest(self) -> str:
        return ""

    def methodology_digest(self) -> str:
        return ""

    def codebook_digest(self, package: bytes) -> str:
        return ""

    def set_digest(self, set_id: str) -> str:
        return ""

    def criterion_key(self, set_id: str, criterion_id: str) -> str:
        return ""

    def region_digest(self, region: str) -> str:
        return ""

    def profile_key(self, iso3: str) -> str:
        return ""

    def fingerprint(self, iso3: str) -> str:
        return ""

    roster_digest = ""

    def scores_pieces(self, spine: pd.DataFrame, columns: list[str]) -> Iterator[bytes] | None:
        return None

    def scores_key(self, spine: pd.DataFrame) -> str:
        return ""

    def old_packed(self, path: str, keys: list[str]) -> dict[str, xlsx.Packed]:
        return {}

    def table_piece_keys(self, path: str, table: pd.DataFrame, size: int) -> list[str]:
        return [""] * len(range(0, max(len(table), 1), size))

    def pieced(self, path: str, parts: list[tuple[str | None, Callable[[], bytes]]]) -> Iterator[bytes]:
        return (make() for _key, make in parts)

    def row_key(self, path: str, row: dict[str, Any]) -> str:
        return ""

    def old_rows(self, path: str, keys: list[str]) -> dict[str, str]:
        return {}

    def record_rows(self, path: str, spans: list[tuple[str, int, int]]) -> None:
        pass

    def record_packed(self, path: str, key: str, offset: int, packed: xlsx.Packed) -> None:
        pass

    def save(self) -> None:
        pass


#: reuse(review, environment, site context, output folder): what decides which files of the previous
#: build are reused (see :class:`NoReuse` for what it must answer).
ReuseFactory = Callable[[Review, jinja2.Environment, SiteContext, Path], Any]


def build_site(review: Review, out_dir: str | Path, progress: Progress | None = None, *,
               with_charts: bool = True, extra_files: Mapping[str, Callable[[], bytes]] | None = None,
               reuse: ReuseFactory | None = None, pool: Any = None) -> BuildResult:
    """Render the whole site of ``review`` into ``out_dir`` and return what was written.

    ``progress(label, done, total)`` is called after each file. ``with_charts=False`` leaves the
    charts out (used by snapshot tests so they do not change with the chart drawing).
    ``extra_files`` maps a data file's path in the site (e.g. ``data/report.pdf``) to a function
    returning its bytes: written with the data files, listed in SHA256SUMS and on the downloads page.

    ``reuse`` makes the object that reuses files of the previous build (:mod:`legalreview.speed.reuse`),
    ``pool`` renders many profiles in worker processes (:class:`legalreview.speed.pool.ForkPool`);
    without them every file is rendered here, and the bytes are the same.

    Raises ValueError when ``out_dir`` is the workspace itself or a folder not built by legalreview.
    """
    out = Path(out_dir)
    _check_out_dir(review, out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        result = _render_all(review, tmp, progress, charts if with_charts else None, out, extra_files or {},
                             reuse, pool)
        _swap_in(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    result.out_dir = out
    return result


def _render_all(review: Review, tmp: Path, progress: Progress | None, charts_module: Any, out: Path,
                extra_files: Mapping[str, Callable[[], bytes]], reuse: ReuseFactory | None,
                pool: Any) -> BuildResult:
    ctx = SiteContext(review, charts_module)
    return _render_with(ctx, review, tmp, progress, out, extra_files, reuse, pool)


#: Draws one row of a page (see :meth:`_Writer.rows_page`).
Draw = Callable[[dict[str, Any]], str]


def _row_lists(context: dict[str, Any], row: Draw, figure: Draw,
               group: Draw | None = None) -> list[tuple[list[Any], Draw]]:
    """Return the lists of rows a page draws one by one (see :meth:`_Writer.rows_page`), each with what
    draws its rows: a set page's ``rows`` and charts, the overview's rows of changes and charts of each
    set, a region page's rows and maps of each set, a criterion page's side-by-side rows (``compared``) and
    its groups of countries by answer (``groups``, each drawn by ``group``) (the lists are the context's own
    copies: the summaries behind them are shared with other pages; a chart carries the prefix of its id)."""
    def charts(found: list[dict[str, Any]], prefix: str) -> list[dict[str, Any]]:
        return [dict(c, figure_prefix=prefix) for c in found]

    out: list[tuple[list[Any], Draw]] = []
    if "compared" in context:
        context["compared"], context["groups"] = list(context["compared"]), list(context["groups"])
        return [(context["compared"], row), *([(context["groups"], group)] if group is not None else [])]
    if "rows" in context:
        context["rows"] = list(context["rows"])
        context["charts"] = charts(context.get("charts", []), "")
        return [(context["rows"], row), (context["charts"], figure)]
    sets = context["sets"] = [dict(s) for s in context.get("sets", [])]
    for s in sets:
        if "change_groups" in s:
            s["change_groups"] = [dict(g, rows=list(g["rows"])) for g in s["change_groups"]]
            out.extend((g["rows"], row) for g in s["change_groups"])
        elif "rows" in s:
            s["rows"] = list(s["rows"])
            out.append((s["rows"], row))
        for name in ("charts", "maps"):
            if name in s:
                s[name] = charts(s[name], f"{s['id']}-")
                out.append((s[name], figure))
    return out


def chart_body(rows: Sequence[Sequence[Any]]) -> markupsafe.Markup:
    """Return the rows of a chart's data table as the ``figure`` macro's loop draws them (the first cell a
    ``<th scope="row">``, the others ``<td>``, each escaped): a map has a row per country, and the
    template's loop over 10,000 of them was most of the time its figure took."""
    escape = markupsafe.escape
    return markupsafe.Markup("".join(
        "<tr>" + "".join(f'<th scope="row">{escape(v)}</th>' if i == 0 else f"<td>{escape(v)}</td>"
                         for i, v in enumerate(row)) + "</tr>" for row in rows))


def _fill_rows(lists: list[tuple[list[Any], Draw]], html: list[markupsafe.Markup]) -> None:
    """Give each row of ``lists`` (in order) its ``html``."""
    found = iter(html)
    for rows, _draw in lists:
        rows[:] = [r.with_html(next(found)) if isinstance(r, LazyRow) else dict(r, html=next(found)) for r in rows]


class _Writer:
    """Writes the files of one build into its temporary folder: renders a page or reuses the previous
    build's (``reuse``), counts them for ``progress`` and records what was written: (size, SHA-256)
    of each data file (for the downloads page and SHA256SUMS), None for a page."""

    def __init__(self, tmp: Path, reuse: Any, templates: Templates, progress: Progress | None, total: int):
        self.tmp, self.reuse, self.templates, self.progress, self.total = tmp, reuse, templates, progress, total
        self.written: dict[str, tuple[int, str] | None] = {}
        self.done = 0
        #: id of a chart's rows -> (those rows, their table body): the overview and a set's page show the same map
        self._bodies: dict[int, tuple[Any, markupsafe.Markup]] = {}

    def _chart_body(self, rows: Sequence[Sequence[Any]]) -> markupsafe.Markup:
        """Return :func:`chart_body` of a chart's rows, made once per build for the same rows."""
        found = self._bodies.get(id(rows))
        if found is None or found[0] is not rows:
            found = self._bodies[id(rows)] = (rows, chart_body(rows))
        return found[1]

    def _count(self, label: str) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(label, self.done, self.total)

    def emit(self, path: str, data: bytes | str | Iterable[bytes | str], label: str) -> None:
        """Write a file from its content or from pieces of it (written as they come: a big page or
        data file is never held whole in memory)."""
        pieces = [data] if isinstance(data, (bytes, str)) else data
        digest, size = hashlib.sha256(), 0
        target = self.tmp / path
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "wb") as fh:
            for piece in pieces:
                raw = piece.encode("utf-8") if isinstance(piece, str) else piece
                fh.write(raw)
                digest.update(raw)
                size += len(raw)
        self.reuse.record(path, digest.hexdigest())
        self.written[path] = None if path.endswith(".html") else (size, digest.hexdigest())
        self._count(label)

    def page(self, path: str, names: tuple[str, ...], context: Any, label: str, digest: str,
             language_templates: Templates | None = None, rows: str | None = None) -> None:
        """Render a page, or reuse the previous build's when the digest of its inputs is unchanged. A page
        of another language (``language_templates``) is written in its folder; its key names the folder.
        ``rows``: the page lists a row per country (``rows`` of its context), each drawn by this macro of
        ``_rows.html.j2`` (see :meth:`rows_page`)."""
        if self.reuse.reuse(path, self.reuse.page_key(path, digest), self.tmp):
            self.written[path] = None
            self._count(label)
            return
        chosen, page = (self.templates, path) if language_templates is None else (language_templates,
                                                                                  path.split("/", 1)[1])
        template = chosen.get(*names)
        if rows is not None and Path(template.filename or "").parent == TEMPLATES:
            macros, drawn = chosen.get("_macros.html.j2").module, chosen.get("_rows.html.j2").module
            self.rows_page(path, template, _paged(context(), page), label, getattr(drawn, rows),
                           lambda c: macros.figure(dict(c, body=self._chart_body(c["rows"])),  # type: ignore[attr-defined]
                                                   c["figure_prefix"]),
                           drawn.answer_group if rows == "criterion_row" else None)  # type: ignore[attr-defined]
            return
        self.emit(path, _buffered(generate(template, _paged(context(), page))), label)

    def rows_page(self, path: str, template: jinja2.Template, context: dict[str, Any], label: str,
                  row: Draw, figure: Draw, group: Draw | None = None) -> None:
        """Write a page whose rows and charts (:func:`_row_lists`) are drawn one by one (``row``, ``figure``,
        ``group``)
        and written by the template as each one's ``html``: one whose view model is unchanged since the
        previous build keeps the bytes that build wrote for it (the reuse checks them), only the others
        are drawn. Where each lies in the page is recorded for the next build."""
        lists = _row_lists(context, row, figure, group)
        items = [(r, draw) for found, draw in lists for r in found]
        keys = [self.reuse.row_key(path, r) for r, _draw in items]
        kept = self.reuse.old_rows(path, keys)
        drawn = [kept[k] if k in kept else str(draw(r.view() if isinstance(r, LazyRow) else r))
                 for k, (r, draw) in zip(keys, items)]
        # the page with a marker in place of each row: where the rows go
        _fill_rows(lists, [markupsafe.Markup(f"\x00{i}\x00") for i in range(len(items))])
        parts = "".join(generate(template, context)).split("\x00")
        order = [int(n) if n.isdigit() else -1 for n in parts[1::2]]
        if sorted(order) != list(range(len(items))):  # never expected of the package's templates
            _fill_rows(lists, [markupsafe.Markup(h) for h in drawn])
            self.emit(path, _buffered(generate(template, context)), label)
            return
        pieces: list[bytes] = []
        spans, offset = [], 0
        for i, between in enumerate(parts[0::2]):
            pieces.append(between.encode("utf-8"))
            offset += len(pieces[-1])
            if i < len(order):
                pieces.append(drawn[order[i]].encode("utf-8"))
                spans.append((keys[order[i]], offset, len(pieces[-1])))
                offset += len(pieces[-1])
        self.emit(path, pieces, label)
        self.reuse.record_rows(path, spans)

    def data(self, path: str, digest: str, make: Callable[[], bytes | Iterable[bytes]]) -> None:
        """Write a data file, or reuse the previous build's when the digest of its inputs is unchanged."""
        if self.reuse.reuse(path, self.reuse.page_key(path, digest), self.tmp):
            self.written[path] = self.reuse.reused_files[path]
            self._count("Data files")
            return
        self.emit(path, make(), "Data files")

    def profiles(self, ctx: SiteContext, codes: list[str], pool: Any) -> Callable[..., None]:
        """Start writing every country's profile and return the function that finishes it. A profile's key
        comes from its inputs, so no view model is made for an unchanged country. Many new ones are
        rendered by ``pool``'s workers while this process writes the other pages; the rest (all of them
        without a pool) are rendered when the returned function is called."""
        pending = []
        for iso3 in codes:
            path = f"countries/{iso3}.html"
            if self.reuse.reuse(path, self.reuse.profile_key(iso3), self.tmp):
                self.written[path] = None
                self._count("Country profiles")
            else:
                pending.append(iso3)
        if len(pending) > GROUP_ANSWERS:  # one pass over the spine (before forking: the workers share it)
            ctx.group_answers()
        templates, tmp = self.templates, self.tmp
        running = pool.start(lambda chunk: _render_profile_chunk(chunk, ctx, templates, tmp), pending,
                             max(50, len(pending) // (pool.workers * 8))) if pool is not None else None

        def finish(ok: bool = True) -> None:
            if not ok:  # the build failed: stop the workers before the caller removes the folder
                if running is not None:
                    running.cancel()
                return
            rendered = dict(running.results()) if running is not None else {}
            for iso3 in pending:
                path = f"countries/{iso3}.html"
                if iso3 in rendered:
                    self.reuse.record(path, rendered[iso3])
                    self.written[path] = None
                    self._count("Country profiles")
                else:
                    self.emit(path, _buffered(generate(templates.get(f"profile-{iso3}.html.j2", "profile.html.j2"),
                                                       _paged(ctx.profile_page(iso3), path))), "Country profiles")
        return finish


def _total(ctx: SiteContext, review: Review, extra_files: Mapping[str, Any], recorded: list[str],
           other_languages: list[str]) -> int:
    """Return how many files the build writes (for progress)."""
    codes = review.registry.codes
    n_criteria = sum(len(sm.cs.criteria) for sm in ctx.sets.values())
    per_language = (len(ctx.sets) + n_criteria + len(codes) + len(ctx.regions) + len(ctx.fact_ids()) + 5
                    + ctx.has_instruments_page())
    return (1 + len(ctx.sets) * 3 + n_criteria + len(codes) + len(ctx.regions) + 2 + 4 + 1 + 2 + 4 + len(extra_files)
            + len(ctx.fact_ids()) + bool(recorded) + ctx.has_instruments_page() + per_language * len(other_languages))


def _render_with(ctx: SiteContext, review: Review, tmp: Path, progress: Progress | None, out: Path,
                 extra_files: Mapping[str, Callable[[], bytes]], make_reuse: ReuseFactory | None,
                 pool: Any) -> BuildResult:
    templates = Templates(environment(review.root, ctx.default_language))
    # the workspace's style and script (never through a link) are read before any page is written
    statics = {name: _static(review.root, name) for name in ("site.css", "site.js")}
    reuse = make_reuse(review, templates.env, ctx, out) if make_reuse is not None else NoReuse()
    recorded = [c for c in review.registry.codes if c in review.workspace.fact_digests]  # data/facts.csv
    other_languages = [x for x in review.config.review.all_languages if x != ctx.default_language]
    w = _Writer(tmp, reuse, templates, progress, _total(ctx, review, extra_files, recorded, other_languages))
    # a page's key comes from digests of its inputs: no view model is built for a page that is reused
    everything = reuse.review_digest()
    # the profiles first: many are rendered by the pool's workers while this process writes the pages below
    finish_profiles = w.profiles(ctx, ctx.review.registry.codes, pool)
    try:
        _pages(w, ctx)
        package, files = _data_files(w, ctx, review, everything, recorded, extra_files)
        for name, data in statics.items():
            w.emit(f"static/{name}", data, "Static files")
        w.emit("static/palette.css", css_variables(), "Static files")
        if other_languages:
            w.emit("static/languages.css", (STATIC / "languages.css").read_bytes(), "Static files")
        # the pages with charts
        w.page("index.html", ("index.html.j2",), ctx.index_page, "Overview", everything, rows="change_row")
        for set_id in ctx.sets:
            w.page(f"sets/{set_id}.html", (f"set-{set_id}.html.j2", "set.html.j2"),
                   partial(ctx.set_page, set_id), "Global tables", reuse.set_digest(set_id), rows="set_row")
    except BaseException:
        finish_profiles(ok=False)
        raise
    finish_profiles()  # the workers rendered them beside every page above
    ctx.forget_answers()
    if other_languages:
        digests = _page_digests(ctx, reuse, everything, review.registry.codes, package)
        for language in other_languages:  # each other language under its code: the same pages, its words
            set_language(templates.env, language)
            try:
                _render_language(ctx.for_language(language), review, language, files, package, w.emit, w.page,
                                 digests, templates)
            finally:
                set_language(templates.env, ctx.default_language)
    ctx.forget_rows()
    reuse.save()
    (tmp / MARKER).write_text("This folder is built by `legalreview build`; it is replaced on every build.\n")
    pages = sum(1 for p in w.written if p.endswith(".html"))
    return BuildResult(out_dir=tmp, pages=pages, countries_assessed=ctx.countries_assessed(),
                       warnings=list(review.warnings), files=sorted(w.written))


def _pages(w: _Writer, ctx: SiteContext) -> None:
    """Write the criterion pages, region, fact and instruments pages, the country list and the
    methodology (the default language)."""
    reuse = w.reuse
    for set_id in ctx.sets:
        for c in ctx.sets[set_id].cs.criterion_ids:
            w.page(f"criteria/{set_id}-{c}.html", (f"criterion-{set_id}-{c}.html.j2", "criterion.html.j2"),
                   partial(ctx.criterion_page, set_id, c), "Criterion pages",
                   reuse.criterion_key(set_id, c), rows="criterion_row")
    for region in ctx.regions:
        name = ctx.region_slug[region]
        w.page(f"regions/{name}.html", (f"region-{name}.html.j2", "region.html.j2"),
               partial(ctx.region_page, region), "Region pages", reuse.region_digest(region), rows="region_row")
    facts_digest = ctx.facts_key()
    for fact_id in ctx.fact_ids():
        w.page(f"facts/{fact_id}.html", (f"fact-{fact_id}.html.j2", "fact.html.j2"),
               partial(ctx.fact_page, fact_id), "Fact pages", facts_digest)
    if ctx.has_instruments_page():
        w.page("instruments.html", ("instruments.html.j2",), ctx.instruments_page, "Instruments",
               facts_digest + reuse.roster_digest)
    w.page("countries.html", ("countries.html.j2",), ctx.countries_page, "Country list", reuse.countries_digest())
    w.page("methodology.html", ("methodology.html.j2",), ctx.methodology_page, "Methodology",
           reuse.methodology_digest())


def _data_files(w: _Writer, ctx: SiteContext, review: Review, everything: str, recorded: list[str],
                extra_files: Mapping[str, Callable[[], bytes]]) -> tuple[bytes, list[dict[str, Any]]]:
    """Write the data files, the codebook, SHA256SUMS and the downloads page; return the data package
    and the list of files the downloads page shows."""
    reuse = w.reuse
    date_text = ctx.date.isoformat() if ctx.date else ""
    w.data("data/scores.csv", reuse.scores_key(ctx.spine), lambda: _scores_pieces(ctx, reuse))
    if recorded:  # data/facts.csv: the structured facts of the roster's jurisdictions that record any
        w.data("data/facts.csv", ctx.facts_key(), lambda: _csv(facts_frame(review.workspace, set(recorded))))
    for set_id in ctx.sets:
        table = ctx.sets[set_id].table
        w.data(f"data/{set_id}.csv", reuse.set_digest(set_id), partial(_table_csv, table, reuse, f"data/{set_id}.csv"))
        w.data(f"data/{set_id}.json", reuse.set_digest(set_id),
               partial(_set_json, review, set_id, table, reuse, f"data/{set_id}.json"))
    # the workbook holds the tables only
    w.data(WORKBOOK, everything, lambda: _workbook(review, date_text, ctx, reuse))
    w.emit("CITATION.cff", _citation_cff(review, date_text), "Data files")
    for path, make in extra_files.items():  # e.g. data/report.pdf: before the checksums that list it
        w.emit(path, make(), "Report PDF" if path.endswith(".pdf") else "Data files")
    columns = {set_id: [str(c) for c in _table_frame(ctx.sets[set_id].table.iloc[:0]).columns] for set_id in ctx.sets}
    package = datapackage(review, ctx, w.written, columns)
    w.emit("data/datapackage.json", package, "Data files")
    # the codebook shows columns and their meaning, never sizes or checksums: reused while the review is unchanged
    w.page("codebook.html", ("codebook.html.j2",), lambda: ctx.codebook_page(json.loads(package)), "Codebook",
           reuse.codebook_digest(package))
    files = []
    for path in sorted(p for p in w.written if p.startswith("data/") or p == "CITATION.cff"):
        size, sha = w.written[path] or (0, hashlib.sha256(b"").hexdigest())
        files.append({"path": path, "href": path, "size": _size(size), "sha256": sha,
                      "about": FILE_NOTES.get(path.rsplit("/", 1)[-1], FILE_NOTES.get(path.rsplit(".", 1)[-1], ""))})
    w.emit("data/SHA256SUMS", sha256sums(files), "Data files")
    w.emit("downloads.html", render(w.templates.get("downloads.html.j2"),
                                    _paged(ctx.downloads_page(files), "downloads.html")), "Downloads")
    return package, files


def _table_csv(table: pd.DataFrame, reuse: Any, path: str) -> Iterator[bytes]:
    """Return data/<set>.csv: a set's global table, in pieces of TABLE_PIECE countries (``reuse`` may copy
    those whose rows are unchanged from the previous build's file)."""
    def piece(start: int) -> bytes:
        return _csv(_table_frame(table.iloc[start:start + TABLE_PIECE]), start == 0)

    keys = reuse.table_piece_keys(path, table, TABLE_PIECE)
    return reuse.pieced(path, [(key, partial(piece, start))
                               for key, start in zip(keys, range(0, max(len(table), 1), TABLE_PIECE))])


def _set_json(review: Review, set_id: str, table: pd.DataFrame, reuse: Any, path: str) -> Iterator[bytes]:
    """Return data/<set>.json: a set's global table with its notice, in pieces (as :func:`_table_csv`)."""
    parts = _json_parts(review, set_id, table, coding_notice(review, set_id))
    keys = dict(zip(range(0, max(len(table), 1), TABLE_PIECE), reuse.table_piece_keys(path, table, TABLE_PIECE)))
    return reuse.pieced(path, [(keys[start] if start is not None else None, make) for start, make in parts])


def _page_digests(ctx: SiteContext, reuse: Any, everything: str, codes: list[str], package: bytes) -> dict[str, str]:
    """Return the digests of the default language's pages, by kind: a page in another language is
    reused under the same condition."""
    facts_digest = ctx.facts_key()
    return {"everything": everything, "facts": facts_digest, "instruments": facts_digest + reuse.roster_digest,
            "countries": reuse.countries_digest(), "methodology": reuse.methodology_digest(),
            "codebook": reuse.codebook_digest(package),
            **{f"set:{s}": reuse.set_digest(s) for s in ctx.sets},
            **{f"region:{r}": reuse.region_digest(r) for r in ctx.regions},
            **{f"criterion:{s}-{c}": reuse.criterion_key(s, c)
               for s in ctx.sets for c in ctx.sets[s].cs.criterion_ids},
            **{f"country:{c}": reuse.profile_key(c) for c in codes}}


def _paged(context: dict[str, Any], path: str) -> dict[str, Any]:
    """Return a page's context with its path from the language's root (``page``: the switcher and the
    ``hreflang`` links point at the same page in each language)."""
    context["page"] = path
    return context


def _render_language(ctx: SiteContext, review: Review, language: str, files: list[dict[str, Any]],
                     package: bytes, emit: Callable[[str, Any, str], None], emit_page: Callable[..., None],
                     digests: dict[str, str], templates: Templates) -> None:
    """Write every page of the site in ``language`` under ``<language>/`` (the interface from the
    package's catalogues, the review's words in that language where the files translate them). The
    data files stay at the site's root; these pages link to them. A page whose inputs (``digests``, as
    for the default language's page) are unchanged since the previous build is reused. ``templates``
    render in ``language`` (:func:`set_language`)."""
    prefix = f"{language}/"

    def page(path: str, names: tuple[str, ...], context: Callable[[], dict[str, Any]], label: str, key: str,
             rows: str | None = None) -> None:
        emit_page(prefix + path, names, context, label, digests[key], templates, rows)

    for set_id, sm in ctx.sets.items():
        for c in sm.cs.criterion_ids:
            page(f"criteria/{set_id}-{c}.html", (f"criterion-{set_id}-{c}.html.j2", "criterion.html.j2"),
                 partial(ctx.criterion_page, set_id, c), "Criterion pages", f"criterion:{set_id}-{c}",
                 "criterion_row")
    for iso3 in review.registry.codes:
        page(f"countries/{iso3}.html", (f"profile-{iso3}.html.j2", "profile.html.j2"),
             partial(ctx.profile_page, iso3), "Country profiles", f"country:{iso3}")
    for region in ctx.regions:
        name = ctx.region_slug[region]
        page(f"regions/{name}.html", (f"region-{name}.html.j2", "region.html.j2"), partial(ctx.region_page, region),
             "Region pages", f"region:{region}", "region_row")
    for fact_id in ctx.fact_ids():
        page(f"facts/{fact_id}.html", (f"fact-{fact_id}.html.j2", "fact.html.j2"), partial(ctx.fact_page, fact_id),
             "Fact pages", "facts")
    if ctx.has_instruments_page():
        page("instruments.html", ("instruments.html.j2",), ctx.instruments_page, "Instruments", "instruments")
    page("countries.html", ("countries.html.j2",), ctx.countries_page, "Country list", "countries")
    page("methodology.html", ("methodology.html.j2",), ctx.methodology_page, "Methodology", "methodology")
    page("codebook.html", ("codebook.html.j2",), lambda: ctx.codebook_page(json.loads(package)), "Codebook",
         "codebook")
    # sizes and checksums of this build's files: always written afresh, as in the default language
    emit(prefix + "downloads.html", render(templates.get("downloads.html.j2"),
                                           _paged(ctx.downloads_page(files), "downloads.html")), "Downloads")
    page("index.html", ("index.html.j2",), ctx.index_page, "Overview", "everything", "change_row")
    for set_id in ctx.sets:
        page(f"sets/{set_id}.html", (f"set-{set_id}.html.j2", "set.html.j2"), partial(ctx.set_page, set_id),
             "Global tables", f"set:{set_id}", "set_row")


#: More profiles than this to render: the answers of every country are grouped in one pass over the
#: spine first (fewer are read country by country).
GROUP_ANSWERS = 50
def _render_profile_chunk(codes: Sequence[str], ctx: SiteContext, templates: Templates,
                          tmp: Path) -> list[tuple[str, str]]:
    """Render these profiles into the build folder (in a pool's worker: the build's state is
    inherited); return (code, SHA-256 of the page) of each."""
    done = []
    for iso3 in codes:
        target = tmp / "countries" / f"{iso3}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        page = generate(templates.get(f"profile-{iso3}.html.j2", "profile.html.j2"),
                        _paged(ctx.profile_page(iso3), f"countries/{iso3}.html"))
        digest = hashlib.sha256()
        with open(target, "wb") as fh:
            for piece in _buffered(page):
                raw = piece.encode("utf-8")
                fh.write(raw)
                digest.update(raw)
        done.append((iso3, digest.hexdigest()))
    return done


def _buffered(pieces: Iterable[str], count: int = 4096) -> Iterator[str]:
    """Yield a template's output joined ``count`` of its (mostly tiny) pieces at a time: fewer, larger
    writes, and no Python step per piece."""
    parts = iter(pieces)
    while chunk := list(itertools.islice(parts, count)):
        yield "".join(chunk)


#: What each downloadable file is (by name, else by extension), for the downloads page.
FILE_NOTES = {"scores.csv": "The spine: one row per country, set, edition, coder and criterion.",
              "facts.csv": "The structured facts (e.g. ages), one row per jurisdiction and fact, with evidence.",
              "datapackage.json": "Frictionless Data Package: every CSV and JSON file, its columns and types.",
              "review.xlsx": "The global tables, one sheet per set.", "report.pdf": "The whole report, as PDF.",
              "CITATION.cff": "How to cite the review (Citation File Format).",
              "csv": "A set's global table: one row per country.",
              "json": "A set's global table: one object per country.",
              "pdf": "The whole report, as PDF, in another of the review's languages."}


def sha256sums(files: list[dict[str, Any]]) -> str:
    """Return data/SHA256SUMS: one ``<sha256>  <path>`` line per file, the path relative to the data
    folder (where the file lies), so ``sha256sum -c SHA256SUMS`` in that folder checks every file."""
    lines = []
    for f in files:
        path = f["path"][len("data/"):] if f["path"].startswith("data/") else "../" + f["path"]
        lines.append(f"{f['sha256']}  {path}\n")
    return "".join(lines)


def _size(n: int) -> str:
    return f"{n} bytes" if n < 1024 else f"{n / 1024:.1f} KB" if n < 1024 * 1024 else f"{n / 1048576:.1f} MB"


def render_profile(review: Review, iso3: str, fmt: str = "md", language: str | None = None) -> str:
    """Return one country's profile as Markdown (``fmt="md"``) or a standalone HTML page (``"html"``),
    the HTML page in ``language`` when given (interface, criteria's words, names and dates).

    Raises ValueError when the country is not on the roster, the format is unknown, or a language
    is asked of the Markdown profile.
    """
    iso3 = review.country(iso3)  # ISO3, ISO2, name or alias; UnknownValue (a ValueError) when not on the roster
    if fmt not in ("md", "html"):
        raise ValueError(f"unknown profile format {fmt!r}; use md or html")
    if language is not None and fmt != "html":
        raise ValueError("a profile in another language is written as HTML or PDF: add --format html or pdf")
    ctx = SiteContext(review, None)
    if language is not None and language != ctx.language:
        ctx = ctx.for_language(language)
        ctx.up = ""  # a page of its own: no language folder
    templates = Templates(environment(review.root, ctx.language))
    # links point at the published site when review.toml has a url, else at a site built beside the file
    base = safe_url(review.config.review.url)
    root = base.rstrip("/") + "/" if base else ""
    if fmt == "md":
        return render(templates.get(f"profile-{iso3}.md.j2", "profile.md.j2"), ctx.profile_page(iso3, root=root))
    page = ctx.profile_page(iso3, root=root or "../")
    page["standalone"] = True

    css = css_variables() + _static(review.root, "site.css").decode("utf-8", "replace")
    # trusted CSS (the package's, or the workspace's own override): not HTML-escaped, which would
    # break quotes in it, but it can never close the <style> element
    page["inline_css"] = markupsafe.Markup(css.replace("</", "<\\/"))
    return render(templates.get(f"profile-{iso3}.html.j2", "profile.html.j2"), page)
