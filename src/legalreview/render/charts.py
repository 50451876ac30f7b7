"""Charts for the site and the PDF report: inline SVG that needs no network and no JavaScript.

:func:`charts_for_set` returns the pictures of one criteria set, each a :class:`Chart` with the
SVG markup, a text alternative and the table it shows:

- ``map``: a world choropleth of tiers, drawn in Python (:mod:`legalreview.render.worldmap`);
- ``criteria``: answers per criterion (stacked bars);
- ``coverage``: how much of the roster is assessed;
- ``regions``: tiers per UN region (stacked bars);
- ``trend``: tiers per edition (only when an edition has counted assessments).

Bar charts are Vega-Lite specs built with altair and rendered offline by vl-convert
(``allowed_base_urls=[]``: no data is fetched). Element ids in the SVG are prefixed per chart so
several charts can share a page, and the output is byte-identical from run to run.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
from dataclasses import dataclass, field
from html import escape

import pandas as pd

from ..aggregate import base_tier_labels, met_codes, short_label, tiers_by_strength
from ..models import CriteriaSet
from ..scoring import NOT_ASSESSED, UNCLASSIFIED, UNDETERMINED
from . import palette, worldmap
from .labels import tier_grade

#: CSS font stack used in every chart (Noto covers every country name on the roster).
FONT_FAMILY = "Noto Sans, DejaVu Sans, Arial, sans-serif"
#: Map and chart fills per tier grade: the site's one palette (render/palette.py), light (nothing met)
#: to dark (everything met), the same colours as the badges. Colour is never the only signal: every
#: shape has a title and a table.
GRADE_FILLS = dict(palette.TIER_FILLS)
NOT_ASSESSED_COLOUR = palette.NOT_ASSESSED
UNCLASSIFIED_COLOUR = palette.UNCLASSIFIED
#: Undetermined (the tier depends on answers not known): a purple of its own in bars, hatched on the map.
UNDETERMINED_COLOUR = palette.UNDETERMINED


def _hatch_defs(prefix: str, colour: str) -> tuple[str, str, str]:
    """Return (map fill, legend fill, ``<defs>``) of diagonal stripes of ``colour`` on white: the map's
    shapes are drawn 10 units to the pixel (see worldmap), its legend at 1 unit to the pixel."""
    defs = []
    for suffix, size in (("", 60), ("-key", 6)):
        defs.append(f'<pattern id="{prefix}-hatch{suffix}" width="{size}" height="{size}" '
                    f'patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="{size}" '
                    f'height="{size}" fill="#ffffff"/><rect width="{size // 2}" height="{size}" fill="{colour}"/>'
                    "</pattern>")
    return f"url(#{prefix}-hatch)", f"url(#{prefix}-hatch-key)", f"<defs>{''.join(defs)}</defs>"
#: Colours for answers by their points: met, part-met, not met; answers without points are grey.
ANSWER_COLOURS = {"met": palette.ANSWER_FILLS["met"], "part": palette.ANSWER_FILLS["part"],
                  "none": palette.ANSWER_FILLS["no"], NOT_ASSESSED: NOT_ASSESSED_COLOUR}
#: Greys for answers without points, in scale order (e.g. "not known", then "not applicable").
UNSCORED_COLOURS = [palette.ANSWER_FILLS["unknown"], "#d4d4d4"]
CHART_WIDTH = 520
#: Where a jurisdiction on the map links to, from the site's root (pages deeper down prefix "../").
MAP_LINK = "countries/{iso3}.html"


@dataclass(frozen=True, eq=False)
class Chart:
    """One picture: ``id`` ("map", "criteria", ...), title, trusted inline SVG markup (no XML
    declaration, no external references, ids prefixed), a text alternative, and the table it shows."""

    id: str
    title: str
    svg: str
    alt: str
    table: pd.DataFrame = field(repr=False)


# ---------------------------------------------------------------------------------------- colours
#: The categories after a set's tiers, in legend order.
EXTRA_TIERS = [UNDETERMINED, UNCLASSIFIED, NOT_ASSESSED]


def tier_colours(cs: CriteriaSet) -> dict[str, str]:
    """Return tier id -> fill colour, from the same grade (full/high/mid/low/none) the site's tier
    badges use, so a country has one colour family on the map and in the tables."""
    out = {t.id: GRADE_FILLS[tier_grade(t, cs)] for t in cs.tiers}
    out[UNDETERMINED] = UNDETERMINED_COLOUR
    out[UNCLASSIFIED] = UNCLASSIFIED_COLOUR
    out[NOT_ASSESSED] = NOT_ASSESSED_COLOUR
    return out


def tier_labels(cs: CriteriaSet) -> dict[str, str]:
    """Return tier id -> label, plus "undetermined", "unclassified" and "not-assessed"."""
    return base_tier_labels(cs)


def _answer_colour(cs: CriteriaSet, code: str) -> str:
    if code == NOT_ASSESSED:
        return ANSWER_COLOURS[NOT_ASSESSED]
    item = cs.scale_item(code)
    if item.points is None:
        unscored = [s.code for s in cs.scale if s.points is None]
        return UNSCORED_COLOURS[min(unscored.index(code), len(UNSCORED_COLOURS) - 1)]
    if code in met_codes(cs):
        return ANSWER_COLOURS["met"]
    return ANSWER_COLOURS["part"] if item.points > 0 else ANSWER_COLOURS["none"]


# ---------------------------------------------------------------------------------------- SVG
_ID = re.compile(r'\bid="([^"]+)"')


def prefix_ids(svg: str, prefix: str) -> str:
    """Return SVG markup whose element ids (and every ``#id`` reference to them) start with ``prefix``."""
    ids = sorted(set(_ID.findall(svg)), key=len, reverse=True)
    for old in ids:
        new = f"{prefix}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"')
        svg = svg.replace(f"url(#{old})", f"url(#{new})")
        svg = svg.replace(f'href="#{old}"', f'href="#{new}"')
    return svg


def _finish_svg(svg: str, prefix: str, alt: str) -> str:
    """Return vl-convert's SVG made safe to inline: no XML declaration, prefixed ids, labelled root."""
    svg = re.sub(r"^\s*<\?xml[^>]*>\s*", "", svg)
    svg = prefix_ids(svg, prefix)
    head = (f'<svg id="{prefix}" class="lr-chart" role="img" aria-label="{escape(alt)}" ')
    svg = svg.replace('<svg ', head, 1).replace(' class="marks"', "", 1)
    if re.search(r'(?:href|src)="(?!#)', svg) or "url(http" in svg:
        raise ValueError("chart SVG refers to an external resource")
    return svg


@functools.lru_cache(maxsize=256)
def _vega_svg(spec_json: str) -> str:
    """Return vl-convert's SVG of a spec (drawn once per process)."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(json.loads(spec_json), allowed_base_urls=[])


def warm_up() -> None:
    """Start vl-convert's JavaScript engine by drawing a tiny chart (the first drawing takes about 0.6 s)."""
    import vl_convert as vlc

    with contextlib.suppress(Exception):
        vlc.vegalite_to_svg({"mark": "point", "data": {"values": [{"x": 1}]},
                             "encoding": {"x": {"field": "x", "type": "quantitative"}}}, allowed_base_urls=[])


def render_spec(spec: dict, prefix: str, alt: str) -> str:
    """Return a Vega-Lite spec rendered offline to inline SVG (cached per spec)."""
    return _finish_svg(_vega_svg(json.dumps(spec, sort_keys=True)), prefix, alt)


def _config() -> dict:
    return {
        "font": FONT_FAMILY,
        "view": {"stroke": None},
        "axis": {"labelFontSize": 11, "titleFontSize": 11, "labelLimit": 280, "grid": True, "gridColor": "#e6e6e6"},
        "legend": {"labelFontSize": 11, "titleFontSize": 11, "labelLimit": 360, "orient": "bottom",
                   "direction": "vertical", "symbolType": "square", "symbolStrokeColor": "#777",
                   "symbolStrokeWidth": 0.5},
        "title": {"fontSize": 13, "anchor": "start"},
        "background": "white",
    }


def _in_chart_title(title: str) -> str:
    tail = title.rsplit(": ", 1)[-1]
    return tail[:1].upper() + tail[1:]


def _count_axis(top: int):
    """Return an axis for whole-number counts up to ``top`` (integer ticks only)."""
    import altair as alt

    if top <= 10:
        return alt.Axis(values=list(range(0, max(top, 1) + 1)), format="d")
    return alt.Axis(tickMinStep=1, format="d")


def _bar_spec(chart, title: str) -> dict:
    """Return the dict of an altair chart with the shared look, titled with the part of ``title``
    after the set's title (the page's caption carries the full title).

    The data of every bar chart is already aggregated (a row per criterion, region or edition and
    answer or tier; the models cap criteria, scale codes, tiers and editions), so altair's 5,000-row
    guard is lifted: a roster with many regions must not fail the build."""
    import altair as alt

    alt.data_transformers.disable_max_rows()
    spec = chart.properties(width=CHART_WIDTH, title=_in_chart_title(title)).to_dict(validate=False)
    spec["config"] = _config()
    return spec


# ---------------------------------------------------------------------------------------- charts
def _prefix(set_id: str, chart_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", f"lr-{set_id}-{chart_id}")


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("s are" if n != 1 else " is")


def _counts_sentence(pairs: list[tuple[str, int]]) -> str:
    return "; ".join(f"{label} {n}" for label, n in pairs)


def map_chart(review, set_id: str) -> Chart:
    """Return the world map of a set's tiers: one path per roster jurisdiction with geometry."""
    return _tier_map(review, set_id, review.table(set_id), "map", "tier of each jurisdiction", "World map")


def region_map(review, set_id: str, region: str) -> Chart:
    """Return the map of one region's tiers: the region's jurisdictions coloured and linked, the view
    cropped to them, every other country drawn as background."""
    table = review.table(set_id)
    members = {j.iso3 for j in review.registry.members if (j.region or "(none)") == region}
    table = table[table.index.isin(members)]
    slug = "".join(ch if ch.isalnum() else "-" for ch in region.lower())
    return _tier_map(review, set_id, table, f"map-{slug}", f"tier of each jurisdiction in {region}",
                     f"Map of {region}", crop=True, others="outside this region")


def _tier_map(review, set_id: str, table: pd.DataFrame, chart_id: str, what: str, kind: str, crop: bool = False,
              others: str = "not on this review's roster") -> Chart:
    cs = review.criteria_set(set_id)
    registry = {j.iso3: j for j in review.registry.members}
    colours = tier_colours(cs)
    labels = tier_labels(cs)
    prefix = _prefix(set_id, chart_id)
    hatch, hatch_key, defs = _hatch_defs(prefix, UNDETERMINED_COLOUR)
    colours[UNDETERMINED] = hatch
    entries = [worldmap.MapEntry(iso3=iso3, m49=registry[iso3].m49, name=country, category=tier,
                                 label=label, colour=colours.get(tier, UNCLASSIFIED_COLOUR))
               for iso3, country, tier, label in zip(table.index, table["country"], table["tier"],
                                                     table["tier_label"])]
    counts = table["tier"].value_counts()
    legend = [worldmap.LegendItem(t, labels[t], hatch_key if t == UNDETERMINED else colours[t], int(counts.get(t, 0)))
              for t in [*tiers_by_strength(cs), *EXTRA_TIERS] if t in counts.index]
    title = f"{cs.title}: {what}"
    svg = worldmap.choropleth_svg(entries, legend, prefix=prefix, title=title, font_family=FONT_FAMILY,
                                  link=MAP_LINK, crop=crop, others=others)
    if UNDETERMINED in counts.index:  # the stripes' pattern, right after the map's title
        svg = svg.replace("</title>", "</title>" + defs, 1)
    shown = [worldmap.map_area(e.iso3, e.m49) for e in entries]
    data = pd.DataFrame({
        "Country": table["country"].to_numpy(),
        "Region": table["region"].to_numpy(),
        "Tier": table["tier_label"].to_numpy(),
        "On the map": [a.shown_as if a else "not drawn (no geometry)" for a in shown],
    }, index=table.index)
    markers = [e.name for e, a in zip(entries, shown) if a is not None and "marker" in a.shown_as]
    missing = [e.name for e, a in zip(entries, shown) if a is None]
    alt = (f"{kind} of {len(table)} jurisdictions coloured by tier. "
           + _counts_sentence([(short_label(i.label), i.count) for i in legend]) + ". "
           + (f"{_plural(len(markers), 'small state')} shown as circles. " if markers else "")
           + (f"Not drawn for want of geometry: {', '.join(missing)}. " if missing else "")
           + "The table lists every jurisdiction.")
    return Chart(chart_id, title, svg, alt, data)


def criteria_chart(review, set_id: str) -> Chart:
    """Return answers per criterion among assessed countries (stacked bars)."""
    import altair as alt

    cs = review.criteria_set(set_id)
    answers = review.answer_counts(set_id)
    codes = [c for c in cs.codes if c in answers.columns]
    labels = {s.code: s.label for s in cs.scale}
    names = {c.id: f"{c.id} {c.short}" for c in cs.criteria}
    long = answers[codes].reset_index().melt(id_vars="criterion", var_name="code", value_name="countries")
    long["criterion_label"] = long["criterion"].map(names)
    long["answer"] = long["code"].map(labels)
    long["order"] = long["code"].map({c: i for i, c in enumerate(codes)})
    title = f"{cs.title}: answers per criterion"
    chart = alt.Chart(long).mark_bar().encode(
        y=alt.Y("criterion_label:N", sort=[names[c] for c in cs.criterion_ids], title=None),
        x=alt.X("countries:Q", title="Countries assessed", axis=_count_axis(int(answers[codes].sum(axis=1).max()))),
        color=alt.Color("answer:N", title="Answer", sort=[labels[c] for c in codes],
                        scale=alt.Scale(domain=[labels[c] for c in codes],
                                        range=[_answer_colour(cs, c) for c in codes])),
        order=alt.Order("order:Q"),
        tooltip=["criterion_label:N", "answer:N", "countries:Q"],
    )
    assessed = int(review.coverage(set_id)["assessed"])
    met = review.criterion_counts(set_id)
    table = answers[codes].rename(columns=labels)
    table.insert(0, "Criterion", [names[c] for c in table.index])
    table.columns.name = None
    alt_text = (f"Bar chart of the answers for each of the {len(cs.criteria)} criteria among the {assessed} "
                f"countries assessed. Countries meeting each criterion: "
                + _counts_sentence([(c, int(met[c])) for c in cs.criterion_ids]) + ".")
    prefix = _prefix(set_id, "criteria")
    return Chart("criteria", title, render_spec(_bar_spec(chart, title), prefix, alt_text), alt_text, table)


def coverage_chart(review, set_id: str) -> Chart:
    """Return how much of the roster is assessed: assessed (all answers known), with unknown answers,
    not yet assessed."""
    import altair as alt

    cs = review.criteria_set(set_id)
    cov = review.coverage(set_id)
    with_unknown = int(cov["countries_with_unknown_answers"])
    rows = [("Assessed, every answer known", int(cov["assessed"]) - with_unknown, ANSWER_COLOURS["met"]),
            ("Assessed, some answers not known", with_unknown, UNSCORED_COLOURS[0]),
            ("Not yet assessed", int(cov["not_yet_assessed"]), NOT_ASSESSED_COLOUR)]
    data = pd.DataFrame([{"status": s, "countries": n, "order": i} for i, (s, n, _) in enumerate(rows)])
    data["set"] = "Roster"
    title = f"{cs.title}: coverage of the roster"
    chart = alt.Chart(data).mark_bar(height=28).encode(
        x=alt.X("countries:Q", title=f"Countries (roster of {int(cov['countries'])})",
                scale=alt.Scale(domain=[0, int(cov["countries"])]), axis=_count_axis(int(cov["countries"]))),
        y=alt.Y("set:N", title=None, axis=None),
        color=alt.Color("status:N", title=None, sort=[r[0] for r in rows],
                        scale=alt.Scale(domain=[r[0] for r in rows], range=[r[2] for r in rows])),
        order=alt.Order("order:Q"),
        tooltip=["status:N", "countries:Q"],
    ).properties(height=40)
    table = data.set_index("status")[["countries"]]
    table.index.name = "Status"
    table.columns = ["Countries"]
    alt_text = (f"Coverage of the roster of {int(cov['countries'])} jurisdictions: "
                + _counts_sentence([(r[0].lower(), r[1]) for r in rows]) + ".")
    prefix = _prefix(set_id, "coverage")
    return Chart("coverage", title, render_spec(_bar_spec(chart, title), prefix, alt_text), alt_text, table)


def _tier_bar(review, set_id: str, frame: pd.DataFrame, index_name: str, axis_title: str, chart_id: str,
              title: str, sort: list[str]) -> tuple[str, pd.DataFrame, list[tuple[str, int]]]:
    import altair as alt

    cs = review.criteria_set(set_id)
    colours = tier_colours(cs)
    labels = tier_labels(cs)
    tiers = [t for t in [*tiers_by_strength(cs), *EXTRA_TIERS] if t in frame.columns]
    long = frame[tiers].reset_index().melt(id_vars=index_name, var_name="tier", value_name="countries")
    long["tier_label"] = long["tier"].map(lambda t: short_label(labels[t]))
    long["order"] = long["tier"].map({t: i for i, t in enumerate(tiers)})
    domain = [short_label(labels[t]) for t in tiers]
    chart = alt.Chart(long).mark_bar().encode(
        y=alt.Y(f"{index_name}:N", sort=sort, title=None),
        x=alt.X("countries:Q", title=axis_title, axis=_count_axis(int(frame[tiers].sum(axis=1).max()))),
        color=alt.Color("tier_label:N", title="Tier", sort=domain,
                        scale=alt.Scale(domain=domain, range=[colours[t] for t in tiers])),
        order=alt.Order("order:Q"),
        tooltip=[f"{index_name}:N", "tier_label:N", "countries:Q"],
    )
    table = frame[tiers].rename(columns=lambda t: short_label(labels[t]))
    totals = [(str(i), int(frame.loc[i, tiers].sum())) for i in frame.index]
    return render_spec(_bar_spec(chart, title), _prefix(set_id, chart_id), ""), table, totals


def regions_chart(review, set_id: str) -> Chart:
    """Return tiers per UN region (stacked bars, roster countries including those not yet assessed)."""
    cs = review.criteria_set(set_id)
    frame = review.by_region(set_id)
    labels = tier_labels(cs)
    title = f"{cs.title}: tiers by region"
    best = tiers_by_strength(cs)[0] if cs.tiers else None
    parts = [f"{r}: {int(frame.loc[r, 'assessed'])} of {int(frame.loc[r, 'countries'])} assessed"
             + (f", {int(frame.loc[r, best])} {short_label(labels[best]).lower()}" if best else "")
             for r in frame.index]
    alt_text = f"Stacked bars of tiers in each of {len(frame)} regions. " + "; ".join(parts) + "."
    svg, table, _ = _tier_bar(review, set_id, frame, "region", "Countries", "regions", title, list(frame.index))
    table["Countries"] = frame["countries"]
    table.index.name = "Region"
    return Chart("regions", title, _set_alt(svg, alt_text), alt_text, table)


def trend_chart(review, set_id: str) -> Chart | None:
    """Return tiers per edition (stacked bars), or None when no edition has counted assessments."""
    cs = review.criteria_set(set_id)
    trend = review.trend(set_id)
    if trend.empty:
        return None
    labels = {e.id: e.label for e in cs.editions}
    coding_only = coding_only_tier_changes(review, set_id, list(trend.index))
    frame = trend.copy()
    frame.index = [(f"{e} ({labels[e]})" if e in labels else str(e))
                   + (f" · {coding_only[e]} by coding only" if coding_only.get(e) else "") for e in frame.index]
    frame.index.name = "edition"
    title = f"{cs.title}: tiers by edition"
    tier_ids = [t.id for t in cs.tiers] + ([UNDETERMINED] if trend[UNDETERMINED].any() else [])
    parts = [f"{ed}: {int(trend.loc[ed, 'assessed'])} assessed"
             + (f", {coding_only[ed]} of them in another tier only because our coding changed"
                if coding_only.get(ed) else "") for ed in trend.index]
    alt_text = (f"Stacked bars of tiers among the countries assessed in each of {len(trend)} editions. "
                + "; ".join(parts) + ".")
    svg, table, _ = _tier_bar(review, set_id, frame[tier_ids], "edition", "Countries assessed", "trend", title,
                              list(frame.index))
    table["Assessed"] = frame["assessed"]
    met = trend[cs.criterion_ids].rename(columns=lambda c: f"{c} met")
    met.index = frame.index
    table = table.join(met)
    table["Tier changed by coding only"] = [coding_only.get(e, 0) for e in trend.index]
    table.index = [f"{e} ({labels[e]})" if e in labels else str(e) for e in trend.index]
    table.index.name = "Edition"
    return Chart("trend", title, _set_alt(svg, alt_text), alt_text, table)


def coding_only_tier_changes(review, set_id: str, editions: list[str]) -> dict[str, int]:
    """Return edition -> countries assessed in it and in the edition before whose tier changed only
    because our coding did (every changed answer has a coding reason; see :func:`aggregate.diff`)."""
    out: dict[str, int] = {}
    for old, new in zip(editions, editions[1:]):
        changes = review.diff(set_id, old, new)
        moved = changes[(changes["kind"] == "coding") & (changes["tier_before"] != changes["tier_after"])
                        & (changes["tier_before"] != NOT_ASSESSED) & (changes["tier_after"] != NOT_ASSESSED)]
        out[new] = len(moved)
    return out


def _set_alt(svg: str, alt_text: str) -> str:
    return svg.replace('aria-label=""', f'aria-label="{escape(alt_text)}"', 1)


def charts_for_set(review, set_id: str) -> list[Chart]:
    """Return the charts of one criteria set: map, criteria, coverage, regions and (with data) trend."""
    charts = [map_chart(review, set_id), criteria_chart(review, set_id), coverage_chart(review, set_id),
              regions_chart(review, set_id)]
    trend = trend_chart(review, set_id)
    if trend is not None:
        charts.append(trend)
    return charts
