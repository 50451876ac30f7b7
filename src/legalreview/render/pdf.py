"""Printable PDFs with WeasyPrint: a country's A4 scorecard and the whole report.

- :func:`scorecard_pdf` — one to two A4 pages an advocate can attach to a letter: the country,
  its tier per criteria set, every criterion with the answer and the provisions cited (statute
  and section), the gaps with the model provisions, and a "Cite as:" line with a stable URL.
- :func:`report_pdf` — methodology, global tables with charts, and every assessed country's scorecard.

Both read the same view models as the site (:class:`legalreview.render.context.SiteContext`), so
a PDF never says something the web page does not. Templates are ``scorecard.html.j2`` and
``report.html.j2``; the style is ``static/print.css``; a workspace ``templates/`` folder overrides
any of them. Nothing is fetched: the CSS is inlined, charts are inline SVG, and the URL fetcher
refuses every URL. The PDF's dates come from the review's publication date, so two runs give
the same bytes.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..review import Review
from .context import SiteContext, safe_url
from .site import STATIC, Templates, environment


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict:
    """WeasyPrint URL fetcher that fetches nothing (every resource is inline)."""
    raise ValueError(f"legalreview PDFs do not fetch resources ({url[:60]})")


def print_css(review: Review) -> Markup:
    """Return the print style, ready to inline in ``<style>``: the workspace's templates/print.css if
    any, else the package's (``</`` is escaped so the style cannot close its element)."""
    css = (STATIC / "print.css").read_text("utf-8")
    with contextlib.suppress(OSError):
        css = (review.root / "templates" / "print.css").read_text("utf-8")
    return Markup(css.replace("</", "<\\/"))


def _charts_module():
    try:
        from . import charts
    except ImportError:  # pragma: no cover - the [charts] extra is not installed
        return None
    return charts


def _links_root(review: Review) -> str:
    base = safe_url(review.config.review.url)
    return base.rstrip("/") + "/" if base else ""


def scorecard_html(review: Review, iso3: str, ctx: SiteContext | None = None) -> str:
    """Return the scorecard of one roster country as a standalone HTML document (print CSS inlined).

    Raises ValueError when the country is not on the roster.
    """
    iso3 = review.country(iso3)  # ISO3, ISO2, name or alias; UnknownValue (a ValueError) when not on the roster
    ctx = ctx or SiteContext(review, None)
    page = ctx.profile_page(iso3, root=_links_root(review))
    templates = Templates(environment(review.root))
    return templates.get(f"scorecard-{iso3}.html.j2", "scorecard.html.j2").render(
        page | {"profile": page, "print_css": print_css(review)})


def report_html(review: Review, with_charts: bool = True) -> str:
    """Return the whole report (methodology, global tables and charts, every assessed profile) as HTML."""
    charts = _charts_module() if with_charts else None
    ctx = SiteContext(review, charts)
    root = _links_root(review)
    methodology = ctx.methodology_page()
    globals_ = []
    for set_id, sm in ctx.sets.items():
        rows = ctx.set_rows(set_id, root)
        key_codes = list(dict.fromkeys(c["cls"] for r in rows if r["tier"]["id"] != "not-assessed"
                                       for c in r["cells"]))
        key = [ctx.answer(sm, s.code) for s in sm.cs.scale if sm.answer_class.get(s.code) in key_codes]
        assessed = [r for r in rows if r["tier"]["id"] != "not-assessed"]
        globals_.append({
            "set": ctx.set_summary(set_id, root),
            "charts": [c for c in ctx.charts(set_id) if c["id"] != "coverage"] if charts else [],
            "criteria": [{"id": c.id, "short": c.short} for c in sm.cs.criteria],
            "rows": sorted(assessed, key=lambda r: r["country"]),
            "waiting": sorted(r["country"] for r in rows if r["tier"]["id"] == "not-assessed"),
            "key": key,
        })
    profiles = [ctx.profile_page(iso3, root=root) for iso3 in review.registry.codes]
    profiles = sorted((p for p in profiles if p["assessed"]), key=lambda p: p["name"])
    templates = Templates(environment(review.root))
    return templates.get("report.html.j2").render(
        site=ctx.site(root), sets=methodology["sets"], globals=globals_, profiles=profiles,
        illustrative=methodology["illustrative"], roster_size=len(review.registry.codes),
        assessed_count=len(profiles), print_css=print_css(review))


def html_to_pdf(html: str, base_url: str | Path | None = None) -> bytes:
    """Return a PDF of an HTML document (nothing fetched; metadata dates from the document's meta tags)."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=str(base_url) if base_url else None, url_fetcher=_refuse_fetch)
    return document.write_pdf(uncompressed_pdf=False)


def scorecard_pdf(review: Review, iso3: str) -> bytes:
    """Return the A4 scorecard of one roster country as PDF bytes."""
    return html_to_pdf(scorecard_html(review, iso3))


def report_pdf(review: Review, with_charts: bool = True) -> bytes:
    """Return the whole report as PDF bytes."""
    return html_to_pdf(report_html(review, with_charts=with_charts))
