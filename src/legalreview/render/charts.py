"""Charts for the site and the PDF report: inline SVG that needs no network and no JavaScript.

:func:`charts_for_set` returns the pictures of one criteria set, each a :class:`Chart` with the
SVG markup, a text alternative and the table it shows:

- ``map``: a world choropleth of tiers, drawn in Python (:mod:`legalreview.render.worldmap`);
- ``criteria``: answers per criterion (stacked bars);
- ``coverage``: how much of the roster is assessed;
- ``regions``: tiers per UN region (stacked bars);
- ``trend``: tiers per edition (only when an edition has counted assessments).

Bar charts are drawn directly from the aggregates by :mod:`legalreview.render.bars` (no
JavaScript engine, no cache needed). Element ids in the SVG are prefixed per chart so several
charts can share a page, and the output is byte-identical from run to run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from ..aggregate import base_tier_labels, met_codes, short_label, tiers_by_strength
from ..models import CriteriaSet
from ..scoring import NOT_ASSESSED, UNCLASSIFIED, UNDETERMINED
from . import bars, palette, worldmap
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
def _in_chart_title(title: str) -> str:
    tail = title.rsplit(": ", 1)[-1]
    return tail[:1].upper() + tail[1:]


def _bar_svg(title: str, chart_id: str, set_id: str, alt: str, categories: list[str], series: list[bars.Series],
             values: list[list[int]], **options) -> str:
    """Return a stacked bar chart with the shared look, titled with the part of ``title`` after the
    set's title (the page's caption carries the full title)."""
    return bars.stacked_bars(categories, series, values, prefix=_prefix(set_id, chart_id),
                             title=_in_chart_title(title), alt=alt, font_family=FONT_FAMILY, width=CHART_WIDTH,
                             **options)


# ---------------------------------------------------------------------------------------- charts
def _prefix(set_id: str, chart_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", f"lr-{set_id}-{chart_id}")


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("s are" if n != 1 else " is")


def _counts_sentence(pairs: list[tuple[str, int]]) -> str:
    return "; ".join(f"{label} {n}" for label, n in pairs)


#: The columns of a set's global table a map shows.
_MAP_COLUMNS = ["country", "region", "tier", "tier_label"]


def map_chart(review, set_id: str) -> Chart:
    """Return the world map of a set's tiers: one path per roster jurisdiction with geometry."""
    return _tier_map(review, set_id, review.set_tables(set_id).table()[_MAP_COLUMNS], "map",
                     "tier of each jurisdiction", "World map")


def region_map(review, set_id: str, region: str) -> Chart:
    """Return the map of one region's tiers: the region's jurisdictions coloured and linked, the view
    cropped to them, every other country drawn as background."""
    table = review.set_tables(set_id).table()  # shared: only read
    members = {j.iso3 for j in review.registry.members if (j.region or "(none)") == region}
    table = table.loc[table.index.isin(members), _MAP_COLUMNS]
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
               for iso3, country, tier, label in zip(table.index.tolist(), table["country"].tolist(),
                                                     table["tier"].tolist(), table["tier_label"].tolist())]
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
    cs = review.criteria_set(set_id)
    answers = review.answer_counts(set_id)
    codes = [c for c in cs.codes if c in answers.columns]
    labels = {s.code: s.label for s in cs.scale}
    names = {c.id: f"{c.id} {c.short}" for c in cs.criteria}
    title = f"{cs.title}: answers per criterion"
    assessed = int(review.coverage(set_id)["assessed"])
    met = review.criterion_counts(set_id)
    table = answers[codes].rename(columns=labels)
    table.insert(0, "Criterion", [names[c] for c in table.index])
    table.columns.name = None
    alt_text = (f"Bar chart of the answers for each of the {len(cs.criteria)} criteria among the {assessed} "
                f"countries assessed. Countries meeting each criterion: "
                + _counts_sentence([(c, int(met[c])) for c in cs.criterion_ids]) + ".")
    rows = [c for c in cs.criterion_ids if c in answers.index]
    svg = _bar_svg(title, "criteria", set_id, alt_text, [names[c] for c in rows],
                   [bars.Series(labels[c], _answer_colour(cs, c)) for c in codes],
                   [[int(answers.loc[c, code]) for code in codes] for c in rows],
                   axis_title="Countries assessed", legend_title="Answer")
    return Chart("criteria", title, svg, alt_text, table)


def coverage_chart(review, set_id: str) -> Chart:
    """Return how much of the roster is assessed: assessed (all answers known), with unknown answers,
    not yet assessed."""
    cs = review.criteria_set(set_id)
    cov = review.coverage(set_id)
    with_unknown = int(cov["countries_with_unknown_answers"])
    rows = [("Assessed, every answer known", int(cov["assessed"]) - with_unknown, ANSWER_COLOURS["met"]),
            ("Assessed, some answers not known", with_unknown, UNSCORED_COLOURS[0]),
            ("Not yet assessed", int(cov["not_yet_assessed"]), NOT_ASSESSED_COLOUR)]
    title = f"{cs.title}: coverage of the roster"
    table = pd.DataFrame({"Countries": [r[1] for r in rows]}, index=pd.Index([r[0] for r in rows], name="Status"))
    alt_text = (f"Coverage of the roster of {int(cov['countries'])} jurisdictions: "
                + _counts_sentence([(r[0].lower(), r[1]) for r in rows]) + ".")
    svg = _bar_svg(title, "coverage", set_id, alt_text, ["Roster"], [bars.Series(r[0], r[2]) for r in rows],
                   [[r[1] for r in rows]], axis_title=f"Countries (roster of {int(cov['countries'])})",
                   show_categories=False, band=32, bar=28, end=int(cov["countries"]))
    return Chart("coverage", title, svg, alt_text, table)


def _tier_bar(review, set_id: str, frame: pd.DataFrame, axis_title: str, chart_id: str, title: str,
              alt_text: str) -> tuple[str, pd.DataFrame]:
    """Return the SVG of tiers per row of ``frame`` (stacked bars, strongest tier first) and its table."""
    cs = review.criteria_set(set_id)
    colours = tier_colours(cs)
    labels = tier_labels(cs)
    tiers = [t for t in [*tiers_by_strength(cs), *EXTRA_TIERS] if t in frame.columns]
    counts = frame[tiers]
    svg = _bar_svg(title, chart_id, set_id, alt_text, [str(i) for i in frame.index],
                   [bars.Series(short_label(labels[t]), colours[t]) for t in tiers],
                   [[int(n) for n in row] for row in counts.itertuples(index=False)],
                   axis_title=axis_title, legend_title="Tier")
    return svg, counts.rename(columns=lambda t: short_label(labels[t]))


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
    svg, table = _tier_bar(review, set_id, frame, "Countries", "regions", title, alt_text)
    table["Countries"] = frame["countries"]
    table.index.name = "Region"
    return Chart("regions", title, svg, alt_text, table)


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
    svg, table = _tier_bar(review, set_id, frame[tier_ids], "Countries assessed", "trend", title, alt_text)
    table["Assessed"] = frame["assessed"]
    met = trend[cs.criterion_ids].rename(columns=lambda c: f"{c} met")
    met.index = frame.index
    table = table.join(met)
    table["Tier changed by coding only"] = [coding_only.get(e, 0) for e in trend.index]
    table.index = [f"{e} ({labels[e]})" if e in labels else str(e) for e in trend.index]
    table.index.name = "Edition"
    return Chart("trend", title, svg, alt_text, table)


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


def charts_for_set(review, set_id: str) -> list[Chart]:
    """Return the charts of one criteria set: map, criteria, coverage, regions and (with data) trend."""
    charts = [map_chart(review, set_id), criteria_chart(review, set_id), coverage_chart(review, set_id),
              regions_chart(review, set_id)]
    trend = trend_chart(review, set_id)
    if trend is not None:
        charts.append(trend)
    return charts
