"""Printable PDFs with WeasyPrint: a country's A4 scorecard and the whole report.

- :func:`scorecard_pdf` — one to two A4 pages an advocate can attach to a letter: the country,
  its tier per criteria set, every criterion with the answer and the provisions cited (statute
  and section), the gaps with the model provisions, and a "Cite as:" line with a stable URL.
- :func:`report_pdf` — methodology, global tables with charts, and every assessed country's scorecard.

Both read the same view models as the site (:class:`legalreview.render.context.SiteContext`), so
a PDF never says something the web page does not. Templates are ``scorecard.html.j2`` and
``report.html.j2``; the style is ``static/print.css``; a workspace ``templates/`` folder overrides
any of them. The CSS is inlined and charts are inline SVG; a workspace template or print.css may
still name a URL (``@import``, ``<img src>``), so WeasyPrint gets a URL fetcher that serves only
files inside the package's static folder (and the build folder given as ``base_url``), never
through a link, and small ``data:`` URLs; anything else (the network, any other local file) is
refused and the PDF is made without it. The PDF's dates come from the review's publication
date, so two runs give the same bytes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..review import Review
from . import charts as charts_module
from .context import SiteContext, safe_url
from .palette import css_variables
from .sandbox import render
from .site import STATIC, Templates, environment, workspace_file
from .translate import gettext


#: Largest file or data: URL the PDF fetcher serves.
MAX_FETCH_BYTES = 20 * 1024 * 1024
MAX_DATA_URL = 1024 * 1024


def _fetch_inside(url: str, roots: list[Path]) -> tuple[bytes, str]:
    """Return (bytes, MIME type) of a ``data:`` URL or a ``file:`` URL inside one of ``roots``
    (no link followed); raise ValueError for anything else."""
    import mimetypes
    import os
    import urllib.parse
    import urllib.request

    from ..safefiles import read_inside

    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme == "data":
        if len(url) > MAX_DATA_URL:
            raise ValueError("legalreview PDFs do not use data: URLs larger than 1 MB")
        with urllib.request.urlopen(url) as response:  # noqa: S310 - data: only (checked above)
            return response.read(), response.headers.get_content_type()
    if scheme == "file":
        parts = urllib.parse.urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise ValueError("legalreview PDFs do not fetch files from other computers")
        path = os.path.normpath(urllib.request.url2pathname(parts.path))
        for root in roots:
            base = os.path.normpath(os.path.abspath(root))
            if path.startswith(base + os.sep):
                data = read_inside(base, os.path.relpath(path, base), MAX_FETCH_BYTES)
                return data, mimetypes.guess_type(path)[0] or "application/octet-stream"
        raise ValueError(f"legalreview PDFs use no file outside the build folder ({url[:60]})")
    raise ValueError(f"legalreview PDFs do not fetch resources ({url[:60]})")


def url_fetcher(roots: list[Path]) -> Any:
    """Return a WeasyPrint URL fetcher that serves only :func:`_fetch_inside` (a class instance on
    WeasyPrint 70 and later, a function before)."""
    try:
        from weasyprint.urls import URLFetcher, URLFetcherResponse
    except ImportError:  # pragma: no cover - WeasyPrint before 70
        def fetch(url: str, *args: Any, **kwargs: Any) -> dict:
            data, mime = _fetch_inside(url, roots)
            return {"string": data, "mime_type": mime, "redirected_url": url}

        return fetch

    class InsideFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            data, mime = _fetch_inside(url, roots)
            return URLFetcherResponse(url, data, {"Content-Type": mime})

    return InsideFetcher(allowed_protocols=("file", "data"), allow_redirects=False)


#: The page numbers' words in a PDF (translated by the catalogues).
PAGE_NUMBERS = "Page %(page)s of %(pages)s"


def page_numbers_css(language: str) -> str:
    """Return an ``@page`` rule numbering the pages in ``language`` ("Page 1 sur 2"); "" in English."""
    words = gettext(language, PAGE_NUMBERS)
    if language == "en" or words == PAGE_NUMBERS or "%(page)s" not in words or "%(pages)s" not in words:
        return ""
    parts = []
    for piece in re.split(r"(%\(pages?\)s)", words):
        if piece in ("%(page)s", "%(pages)s"):
            parts.append(f"counter({piece[2:-2]})")
        elif piece:
            parts.append('"' + re.sub(r'["\\\n<>]', "", piece) + '"')
    return "\n@page { @bottom-right { content: " + " ".join(parts) + "; } }\n"


def print_css(review: Review, language: str | None = None) -> Markup:
    """Return the print style, ready to inline in ``<style>``: the workspace's templates/print.css if
    any (never through a link), else the package's (``</`` is escaped so the style cannot close its
    element); with the page numbers in ``language``."""
    data = workspace_file(review.root, "print.css")

    raw = data if data is not None else (STATIC / "print.css").read_bytes()
    css = css_variables() + raw.decode("utf-8", "replace") + (page_numbers_css(language) if language else "")
    return Markup(css.replace("</", "<\\/"))


def _links_root(review: Review) -> str:
    base = safe_url(review.config.review.url)
    return base.rstrip("/") + "/" if base else ""


def scorecard_html(review: Review, iso3: str, ctx: SiteContext | None = None, language: str | None = None) -> str:
    """Return the scorecard of one roster country as a standalone HTML document (print CSS inlined),
    in ``language`` (the interface, the criteria's words, country names and dates; default: the
    review's default language).

    Raises ValueError when the country is not on the roster.
    """
    iso3 = review.country(iso3)  # ISO3, ISO2, name or alias; UnknownValue (a ValueError) when not on the roster
    ctx = ctx or SiteContext(review, None)
    if language is not None and language != ctx.language:
        ctx = ctx.for_language(language)
        ctx.up = ""  # a document of its own: its links go to the published site (or none)
    page = ctx.profile_page(iso3, root=_links_root(review))
    templates = Templates(environment(review.root, ctx.language))
    return render(templates.get(f"scorecard-{iso3}.html.j2", "scorecard.html.j2"),
                  page | {"profile": page, "print_css": print_css(review, ctx.language)})


def report_html(review: Review, with_charts: bool = True, language: str | None = None) -> str:
    """Return the whole report (methodology, global tables and charts, every assessed profile) as HTML,
    in ``language`` (default: the review's default language)."""
    ctx = SiteContext(review, charts_module if with_charts else None)
    if language is not None and language != ctx.language:
        ctx = ctx.for_language(language)
    root = _links_root(review)
    methodology = ctx.methodology_page()
    globals_: list[dict[str, Any]] = []
    for set_id, sm in ctx.sets.items():
        rows = ctx.set_rows(set_id, root)
        key_codes = list(dict.fromkeys(c["cls"] for r in rows if r["tier"]["id"] != "not-assessed"
                                       for c in r["cells"]))
        key = [ctx.answer(sm, s.code) for s in sm.cs.scale if sm.answer_class.get(s.code) in key_codes]
        assessed = [r for r in rows if r["tier"]["id"] != "not-assessed"]
        summary = ctx.set_summary(set_id, root)
        globals_.append({
            "set": summary, "anchor": f"set-{set_id}",
            "charts": [c for c in ctx.charts(set_id) if c["id"] != "coverage"],
            "criteria": [{"id": c.id, "short": c.short} for c in sm.cs.criteria],
            "rows": sorted(assessed, key=lambda r: r["country"]),
            "waiting": sorted(r["country"] for r in rows if r["tier"]["id"] == "not-assessed"),
            "key": key, "findings": executive_findings(summary, ctx._),
        })
    full = [g for g in globals_ if g["rows"]]
    empty = [g for g in globals_ if not g["rows"]]  # condensed to a line each: no grey maps, no empty tables
    profiles = [ctx.profile_page(iso3, root=root) for iso3 in review.registry.codes]
    profiles = sorted((p for p in profiles if p["assessed"]), key=lambda p: p["name"])
    templates = Templates(environment(review.root, ctx.language))
    context = dict(site=ctx.site(root), sets=methodology["sets"], globals=full, empty_sets=empty, profiles=profiles,
                   illustrative=methodology["illustrative"], roster_size=len(review.registry.codes),
                   assessed_count=len(profiles), print_css=print_css(review, ctx.language))
    # the report holds every profile: its limits grow with them (one page's for each 200 profiles)
    return render(templates.get("report.html.j2"), context, scale=1 + len(profiles) // 200)


def executive_findings(summary: dict, _: Any = lambda message: message) -> list[str]:
    """Return the executive summary's sentences about one set, from its counts (nothing is written by
    hand), with ``_`` translating each sentence's words."""
    cov = summary["coverage"]
    assessed = cov["assessed"]
    if not assessed:
        return [_("No country has been assessed yet (%(n)s on the roster).") % {"n": cov["countries"]}]
    out = [_("%(assessed)s of %(n)s jurisdictions assessed.") % {"assessed": assessed, "n": cov["countries"]}]
    top = summary["tiers"][0] if summary["tiers"] else None
    if top is not None and top["id"] != "not-assessed":
        out.append(_("%(count)s of %(assessed)s assessed (%(share)s%%) are in the top tier, “%(label)s”.")
                   % {"count": top["count"], "assessed": assessed, "share": f"{100 * top['count'] / assessed:.0f}",
                      "label": top["label"]})
    out.extend(line["text"] + "." for line in summary["at_least"])
    criteria = sorted(summary["criteria"], key=lambda c: (c["met"], c["id"]))
    if criteria:
        most, least = criteria[-1], criteria[0]
        out.append(_("Most often met: %(most)s (%(most_met)s of %(assessed)s); least often met: %(least)s "
                     "(%(least_met)s of %(assessed)s).")
                   % {"most": f"{most['id']} {most['short']}", "most_met": most["met"], "assessed": assessed,
                      "least": f"{least['id']} {least['short']}", "least_met": least["met"]})
    return out


def html_to_pdf(html: str, base_url: str | Path | None = None) -> bytes:
    """Return a PDF of an HTML document (metadata dates from the document's meta tags).

    Only the package's static files, files inside the folder ``base_url`` (when given) and small
    ``data:`` URLs are fetched; any other URL is left out of the PDF.
    """
    from weasyprint import HTML

    roots = [STATIC] + ([Path(base_url)] if base_url and Path(base_url).is_dir() else [])
    document = HTML(string=html, base_url=str(base_url) if base_url else None, url_fetcher=url_fetcher(roots))
    # tagged (a structure tree with the document's language, for screen readers and reflow)
    return document.write_pdf(uncompressed_pdf=False, pdf_tags=True)


def scorecard_pdf(review: Review, iso3: str, language: str | None = None) -> bytes:
    """Return the A4 scorecard of one roster country as PDF bytes (in ``language``: see :func:`scorecard_html`)."""
    return html_to_pdf(scorecard_html(review, iso3, language=language))


def report_pdf(review: Review, with_charts: bool = True, language: str | None = None) -> bytes:
    """Return the whole report as PDF bytes (in ``language``: see :func:`report_html`)."""
    return html_to_pdf(report_html(review, with_charts=with_charts, language=language))
