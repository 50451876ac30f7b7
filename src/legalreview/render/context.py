"""View models for the site: plain dicts computed once from a Review's aggregates.

Templates only loop over and format what is built here. Nothing in this module scores: tiers,
counts and tables come from :mod:`legalreview.aggregate` (every edition of a set in one pass);
values, evidence and notes are read from the spine (one pass over its counted rows, grouped by
country, or one country's rows when only a few profiles are rendered).

Everything is computed on first use: a rebuild that reuses most pages computes little.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import os
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .. import aggregate
from ..aggregate import SetTables, met_codes
from ..i18n import country_name, format_date, format_percent, in_language, language_name
from ..jurisdictions import names_of
from ..lawchecks import cited_labels
from ..models import CriteriaSet, Tier
from ..notices import ILLUSTRATIVE_BANNER
from ..review import Review
from ..scoring import NOT_ASSESSED, UNCLASSIFIED, UNDETERMINED
from .labels import CHANGE_KIND_LABELS, CHANGE_REASON_LABELS, _date, region_name, safe_url, tier_grade  # noqa: F401 (used here and re-exported)
from .profiles import ProfileMixin
from .lawpages import LawPagesMixin
from .translate import gettext

#: Presentation grade of an answer: CSS class and an icon, so colour is never the only signal.
ANSWER_ICONS = {"met": "✓", "part": "½", "no": "✗", "unknown": "?", "notapp": "⊘", "na": "–"}
#: Presentation grade of a tier (derived from its declarative rule), with an icon each.
TIER_ICONS = {"full": "●", "high": "◕", "mid": "◑", "low": "◔", "none": "○", "na": "–", "unclassified": "·",
              "undetermined": "◌"}
#: Filled cells of the four-cell tier meter drawn beside each tier label (shape, not only colour).
TIER_METER = {"full": 4, "high": 3, "mid": 2, "low": 1, "none": 0}
#: Profiles read country by country up to this many; beyond, every country's answers and rows are made at once.
FEW = 20
#: (iso3, set, edition) -> criterion -> (value, evidence, note, change): the answers profiles show.
Answers = dict[tuple[str, str, str], dict[str, tuple[str, str, str, str]]]
#: Sort rank of an answer class in the global table (best first when sorted descending).
ANSWER_RANK = {"met": 4, "part": 3, "no": 2, "unknown": 1, "notapp": 1, "na": 0}
#: Answer classes that are no finding at all: they sort last in the global table whichever way it is sorted.
MISSING_ANSWERS = {"unknown", "notapp", "na"}


def slug(text: str) -> str:
    """Return a file-name-safe slug of a region name ("Latin America and the Caribbean" -> "latin-america-...")."""
    out = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    return out or "other"


def publication_date(review: Review) -> dt.date | None:
    """Return the date printed on the site: SOURCE_DATE_EPOCH, else review.toml published_on, else the
    latest assessed_on in the spine (None when nothing is assessed)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    if review.config.review.published_on is not None:
        return review.config.review.published_on
    spine = review_spine(review)
    counted = spine["assessed_on"][spine["counted"].to_numpy(dtype=bool)]
    return None if counted.empty else counted.max().date()


def review_spine(review: Review) -> pd.DataFrame:
    """Return the review's spine itself, not a copy (read only: the site never changes it)."""
    spine = getattr(review, "_spine", None)
    return spine if isinstance(spine, pd.DataFrame) else review.scores


def _same(message: str) -> str:
    return message


def rule_text(tier: Tier, cs: CriteriaSet, _: Any = _same) -> str:
    """Return a tier rule in words (``_``: the interface's gettext, English by default)."""
    rule = tier.rule
    if rule.all_met is not None:
        return _("Meets all of %(criteria)s") % {"criteria": ", ".join(rule.all_met)}
    if rule.any_met is not None:
        return _("Meets any of %(criteria)s") % {"criteria": ", ".join(rule.any_met)}
    if rule.none_met is not None:
        return _("Meets none of %(criteria)s") % {"criteria": ", ".join(rule.none_met)}
    if not rule.min_met:
        return _("Any other assessed country")
    return _("Meets at least %(n)s of the %(of)s criteria") % {"n": rule.min_met, "of": len(cs.criteria)}


#: How each counting outcome reads on the methodology page.
_COUNTS_AS_TEXT = {"met": "counts as met", "not_met": "counts as not met",
                   "partly_met": "counts as partly met: neither met nor not met",
                   "unknown": "counts as not known"}


def counting_sentences(cs: CriteriaSet, _: Any = _same, labels: dict[str, str] | None = None,
                       words: Any = str) -> list[str]:
    """Return the set's counting rules and the handling of unknown answers in plain words (methodology);
    ``_``, ``labels`` (code -> answer label) and ``words`` (review text) give them in a language."""
    labels = labels or {item.code: item.label for item in cs.scale}

    def quoted(code: str) -> str:
        return _("“%(label)s”") % {"label": labels.get(code, code)}

    out = []
    for item in cs.scale:
        out.append(_("%(answer)s %(counts)s.") % {"answer": quoted(item.code),
                                                  "counts": _(_COUNTS_AS_TEXT[cs.counts_as(item.code)])})
    for crit in cs.criteria:
        for code in crit.counting:
            if code in cs.codes and crit.counting[code] != cs.counts_as(code):
                out.append(_("On %(id)s (%(short)s), %(answer)s %(counts)s.") % {
                    "id": crit.id, "short": words(crit.short), "answer": quoted(code),
                    "counts": _(_COUNTS_AS_TEXT[cs.counts_as(code, crit.id)])})
    if any(cs.counts_as(code, c) == "partly_met" for code in cs.codes for c in cs.criterion_ids):
        out.append(_("An answer that counts as partly met keeps the country out of tiers that need the criterion "
                     "met and out of tiers that need it not met."))
    out.append(_("An answer that is not known, or a criterion left unanswered, is never counted as “no”. "
                 "Each country is tiered twice: once as if every unknown answer were not met (its lower tier) and "
                 "once as if every one were met (its upper tier). When the two differ, the country is shown as "
                 "undetermined, with both tiers and the criteria not known; a country with no known answer is "
                 "always undetermined."))
    out.append(_("“Or better” figures count the countries certainly in a tier or a higher one (an undetermined "
                 "country counts by its lower tier); they are the figures comparable with headline counts such as "
                 "ICMEC's “sufficient legislation”, which includes the countries that meet every criterion."))
    return out


def at_least_lines(tiers: pd.DataFrame, sm: SetModel, _: Any = _same) -> list[dict[str, Any]]:
    """Return "X or better: N countries" for every tier between the strongest and the weakest."""
    ranked = aggregate.tiers_by_strength(sm.cs)
    out = []
    for tier_id in ranked[1:-1]:
        if tier_id not in tiers.index:
            continue
        n, most = int(tiers.loc[tier_id, "at_least"]), int(tiers.loc[tier_id, "at_most"])
        label = aggregate.short_label(sm.tier_label.get(tier_id, tier_id))
        text = (_("%(tier)s or better: %(n)s country") if n == 1 else _("%(tier)s or better: %(n)s countries")) \
            % {"tier": label, "n": n}
        if most > n:
            text += _(" (up to %(n)s when the unknown answers are settled)") % {"n": most}
        out.append({"tier": tier_id, "count": n, "at_most": most, "text": text})
    return out


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return ""
    return str(value)


def row_dicts(table: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Return a table as index -> column -> value (like ``to_dict("index")``, a column at a time)."""
    columns = list(table.columns)
    values = [table[c].tolist() for c in columns]
    return {key: dict(zip(columns, row)) for key, row in zip(table.index.tolist(), zip(*values))}


class LazyRow(Mapping[str, Any]):
    """A row of a page's table whose view model is made when it is first read. ``_lazy_inputs`` names what
    it is made from, so a rebuild can key the row by them (:meth:`legalreview.speed.reuse.Reuse.row_key`)
    and keep the bytes of an unchanged one without making its view model (10,000 of them for one answer);
    ``_html``, once the row is drawn, is its ``html`` (read without making the view model)."""

    __slots__ = ("_lazy_inputs", "_make", "_made", "_html", "_known")

    def __init__(self, inputs: tuple[Any, ...], make: Callable[[], dict[str, Any]], html: Any = None,
                 known: dict[str, Any] | None = None):
        self._lazy_inputs, self._make, self._made, self._html = inputs, make, None, html
        #: fields read without making the view model (they equal its own: e.g. a change's kind, to group by)
        self._known = known or {}

    def view(self) -> dict[str, Any]:
        """Return the row's view model (made once)."""
        if self._made is None:
            self._made = self._make() if self._html is None else {**self._make(), "html": self._html}
        return self._made

    def with_html(self, html: Any) -> LazyRow:
        """Return this row with its ``html`` (:meth:`legalreview.render.site._Writer.rows_page`)."""
        return LazyRow(self._lazy_inputs, self._make, html, self._known)

    def __getitem__(self, key: str) -> Any:
        if key == "html" and self._html is not None:
            return self._html
        if key in self._known:
            return self._known[key]
        return self.view()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.view())

    def __len__(self) -> int:
        return len(self.view())


@dataclass
class SetModel:
    """Everything the site shows about one criteria set, computed once (the row dicts on first use)."""

    cs: CriteriaSet
    tables: SetTables
    answer_class: dict[str, str]
    answer_label: dict[str, str]
    tier_label: dict[str, str]
    tier_grade: dict[str, str]
    edition_label: dict[str, str]
    editions: list[str]
    tier_rank: dict[str, int] = field(default_factory=dict)
    _lookups: int = field(default=0, init=False, repr=False)

    @property
    def table(self) -> pd.DataFrame:
        """Return the set's global table (each country's latest edition; shared: do not modify)."""
        return self.tables.table()

    @functools.cached_property
    def rows(self) -> dict[str, dict[str, Any]]:
        """Return the global table as iso3 -> column -> value."""
        return row_dicts(self.table)

    @functools.cached_property
    def by_edition(self) -> dict[str, dict[str, dict[str, Any]]]:
        """Return edition -> iso3 -> column -> value of each edition's table (empty with a single edition)."""
        if len(self.editions) < 2:
            return {}
        return {ed: row_dicts(self.tables.table(ed)) for ed in self.editions}

    def row(self, iso3: str, edition: str | None = None) -> dict[str, Any] | None:
        """Return a country's row of the global table (of ``edition``, default its latest), None when
        it is not on the roster. Read from :attr:`rows` or :attr:`by_edition` once they are made,
        else from the table alone (a rebuild renders a few profiles)."""
        made = self.__dict__.get("rows") if edition is None else self.__dict__.get("by_edition", {}).get(edition)
        if made is None and self._lookups >= FEW:  # many countries after all: make every row once
            made = self.rows if edition is None else self.by_edition.get(edition)
        if made is not None:
            return made.get(iso3)
        self._lookups += 1
        table = self.tables.table(edition)
        at = table.index.get_indexer([iso3])
        return None if at[0] < 0 else row_dicts(table.iloc[at]).get(iso3)


def _draw_charts(review: Review, charts_module: Any, set_id: str) -> list[dict[str, Any]]:
    """Return the charts of a set as page dicts (SVG, alt text, data table); none without a charts module."""
    if charts_module is None:
        return []
    return [chart_dict(chart) for chart in charts_module.charts_for_set(review, set_id)]


def chart_dict(chart: Any) -> dict[str, Any]:
    """Return a chart as a page dict: its SVG, alt text and data table."""
    from markupsafe import Markup

    frame = chart.table.reset_index() if chart.table.index.name is not None else chart.table
    # the map's jurisdictions are links (a group of links); every other chart is one picture
    return {"id": chart.id, "title": chart.title, "svg": Markup(chart.svg), "alt": chart.alt,
            "role": "group" if 'href="' in chart.svg else "img",
            "columns": [str(c) for c in frame.columns],
            "rows": [[_text(v) for v in r] for r in frame.to_numpy(dtype=object).tolist()]}


class SiteContext(ProfileMixin, LawPagesMixin):
    """Builds every page's view model from one Review (aggregates computed once per set)."""

    def __init__(self, review: Review, charts_module: Any = None):
        self.review = review
        self.config = review.config
        self.date = publication_date(review)
        self.charts_module = charts_module
        self._charts: dict[str, list[dict[str, Any]]] = {}
        self._summaries: dict[tuple[str, str], dict[str, Any]] = {}
        self._by_region: dict[str, pd.DataFrame] = {}
        #: set -> its latest changes, in this context's language (see _latest_changes)
        self._latest: dict[str, list[LazyRow]] = {}
        self._latest_diffs: dict[str, dict[str, dict[str, Any]]] = {}
        self._counts: dict[str, tuple[pd.DataFrame, pd.Series, pd.DataFrame, pd.Series]] = {}
        self.registry = review.registry
        self.spine = review_spine(review)
        #: the language of the pages (see :meth:`for_language`) and the review's default language
        self.default_language = self.config.review.default_language
        self.language = self.default_language
        #: the way from a language's folder up to the site's root ("" for the default language)
        self.up = ""
        self.sets: dict[str, SetModel] = {sid: self._set_model(cs) for sid, cs in review.criteria.items()}
        self.regions = sorted({j.region or "(none)" for j in self.registry.members})
        self.region_slug = {r: slug(r if r != "(none)" else "other") for r in self.regions}
        #: (iso3, set, edition) -> criterion -> answer, of every country (see :meth:`group_answers`)
        self._answers: Answers | None = None
        self._country_answers: dict[str, Answers] = {}
        #: set -> (region or "" for the world) -> criterion -> (met, assessed): see met_shares
        self._shares: dict[str, dict[str, dict[str, tuple[int, int]]]] = {}
        self._search: dict[tuple[str, str], str] = {}
        self._provision_labels: dict[str, dict[str, str]] = {}

    @functools.cached_property
    def illustrative_codes(self) -> set[str]:
        """Return the roster codes whose latest assessment in some set is illustrative."""
        return {iso3 for sm in self.sets.values()
                for iso3 in sm.table.index[(sm.table["status"] == "illustrative").to_numpy()].tolist()}

    # ------------------------------------------------------------------ per set, once
    def _set_model(self, cs: CriteriaSet) -> SetModel:
        return self._set_model_from(cs, self.review.set_tables(cs.id))  # shared with the charts

    def _set_model_from(self, cs: CriteriaSet, tables: SetTables) -> SetModel:
        best = set(met_codes(cs))
        classes, labels = {}, {}
        for item in cs.scale:
            labels[item.code] = self.words(item.label)
            if item.code in best:
                classes[item.code] = "met"
            elif item.code == "not_applicable":
                classes[item.code] = "notapp"  # its own badge: not a gap, not "not known"
            elif item.points is None:
                classes[item.code] = "unknown"
            elif item.points > 0:
                classes[item.code] = "part"
            else:
                classes[item.code] = "no"
        own = {t.id for t in cs.tiers}
        tier_label = {k: self.words(v) if k in own else self._(v) for k, v in aggregate.base_tier_labels(cs).items()}
        grades = {t.id: tier_grade(t, cs) for t in cs.tiers} | {NOT_ASSESSED: "na", UNCLASSIFIED: "unclassified",
                                                                UNDETERMINED: "undetermined"}
        ed_label = {e.id: self.words(e.label) for e in cs.editions}
        ranks = {t: i for i, t in enumerate([*(t.id for t in cs.tiers), UNDETERMINED, UNCLASSIFIED, NOT_ASSESSED])}
        return SetModel(cs, tables, classes, labels, tier_label, grades, ed_label, tables.editions, ranks)

    # ------------------------------------------------------------------ answers, for profiles
    def group_answers(self) -> None:
        """Group the answers and table rows of every country, each in one pass (before many profiles are
        rendered, and before forking: the workers share them)."""
        if self._answers is None:
            self._answers = _grouped_answers(self.spine, self.spine["counted"].to_numpy(dtype=bool))
        for sm in self.sets.values():
            _made = (sm.rows, sm.by_edition)

    def forget_answers(self) -> None:
        """Drop the grouped answers once the profiles are written (the data files do not need them, and
        the workbook needs the memory)."""
        self._answers = None
        self._country_answers = {}

    def forget_rows(self) -> None:
        """Drop the row dicts and grouped answers once the pages are written."""
        self.forget_answers()
        for sm in self.sets.values():
            sm.__dict__.pop("rows", None)
            sm.__dict__.pop("by_edition", None)

    def answers(self, iso3: str, set_id: str, edition: str) -> dict[str, tuple[str, str, str, str]]:
        """Return criterion -> (value, evidence, note, change) of a country's counted assessment."""
        if self._answers is not None:
            return self._answers.get((iso3, set_id, edition), {})
        if len(self._country_answers) >= FEW:  # many countries after all: group them all once
            self.group_answers()
            return self.answers(iso3, set_id, edition)
        if iso3 not in self._country_answers:  # a few profiles: read only this country's rows
            spine = self.spine
            mask = (spine["iso3"].to_numpy() == iso3) & spine["counted"].to_numpy(dtype=bool)
            self._country_answers[iso3] = _grouped_answers(spine, mask)
        return self._country_answers[iso3].get((iso3, set_id, edition), {})

    # ------------------------------------------------------------------ shared pieces
    def site(self, root: str) -> dict[str, Any]:
        """Return the site-wide context (navigation, review metadata) for a page ``root`` deep."""
        info = self.config.review
        return {
            "root": root, "assets": root + self.up,
            "title": info.name, "publisher": info.publisher, "edition": info.edition,
            "language": self.language, "url": safe_url(info.url), "license": info.license or "",
            "date": self.date.isoformat() if self.date else "", "date_text": self.date_text(self.date),
            "sets": [{"id": sm.cs.id, "title": self.words(sm.cs.title), "href": f"{root}sets/{sm.cs.id}.html",
                      "short": sm.cs.id.upper() if len(sm.cs.id) <= 4 else sm.cs.id.capitalize()}
                     for sm in self.sets.values()],
            "banner": self._(ILLUSTRATIVE_BANNER), "languages": self.language_links(),
            "script_messages": self.script_messages(),
        }

    def script_messages(self) -> str:
        """Return the words site.js writes (sort buttons, counts), in the pages' language, as JSON for
        the page's ``data-messages`` (none in English: the script's own words)."""
        english = {"sort": "Sort by %1", "showing": "Showing %1 of %2 countries",
                   "none": "No country matches; clear the search to see all %1."}
        words = {"sort": self._("Sort by %1"), "showing": self._("Showing %1 of %2 countries"),
                 "none": self._("No country matches; clear the search to see all %1.")}
        return "" if words == english else json.dumps(words, ensure_ascii=False, sort_keys=True)

    # ------------------------------------------------------------------ languages
    def for_language(self, language: str) -> SiteContext:
        """Return a context for the pages in ``language`` (written under ``<language>/``): the same
        tables and charts, the review's words and the interface in that language."""
        import copy

        other = copy.copy(self)
        other.language = language
        other.up = "" if language == self.default_language else "../"
        other._summaries, other._latest = {}, {}
        other._search = self._search
        other.sets = {sid: other._set_model_from(sm.cs, sm.tables) for sid, sm in self.sets.items()}
        return other

    def _(self, message: str) -> str:
        """Return interface text in the pages' language (the package's catalogues; English otherwise)."""
        return message if self.language == "en" else gettext(self.language, message)

    def words(self, value: Any) -> str:
        """Return review text (a criteria set's title, label or question) in the pages' language, else
        in its own language (plain words: for titles and labels that may stand in attributes)."""
        if value is None:
            return ""
        if self.language == self.default_language and not getattr(value, "translations", None):
            return value if isinstance(value, str) else str(value)
        return in_language(value, self.language, self.default_language)[0]

    def marked(self, value: Any) -> Any:
        """Return review text in the pages' language; text in another language (untranslated guidance,
        notes and summaries) in a ``<span lang="..." class="fallback">`` with a visible "(in English)"."""
        if value is None or value == "":
            return "" if value is None else value
        words, language = in_language(value, self.language, self.default_language)
        if language == self.language:
            return words if self.language != self.default_language or getattr(value, "translations", None) \
                else value
        from markupsafe import Markup, escape

        name = language_name(language, self.language)
        note = self._("(in %(language)s)") % {"language": name}
        return Markup('<span class="fallback" lang="{}">{}</span> <span class="fallback-note">{}</span>').format(
            language, escape(words), note)

    def country_label(self, iso3: str, name: str) -> str:
        """Return a country's name in the pages' language (CLDR; the roster's own name for a
        jurisdiction without an ISO 3166 code, and on the default language's pages)."""
        if self.language == "en":
            return name
        j = self.registry.get(iso3)
        return country_name(j.iso2 if j else "", self.language, name)

    def date_text(self, value: Any) -> str:
        """Return a date as the pages print it: ISO 8601 in the default language, else the language's way."""
        if value is None or value == "":
            return ""
        if isinstance(value, str):
            if self.language == "en":
                return value
            value = dt.date.fromisoformat(value[:10])
        if self.language == "en":
            return value.isoformat()
        return format_date(value, self.language)

    def percent(self, share: float) -> str:
        """Return a share (0-1) as a whole percentage, the way the pages' language writes it."""
        if self.language == "en":
            return f"{100 * share:.0f}%"
        return format_percent(share, self.language)

    def language_links(self) -> list[dict[str, Any]]:
        """Return the review's languages for the switcher and ``hreflang`` links (none with one language):
        code, own name, folder prefix from the site's root, and whether it is this page's language."""
        languages = self.config.review.all_languages
        if len(languages) < 2:
            return []
        return [{"code": code, "name": language_name(code).capitalize(),
                 "prefix": "" if code == self.default_language else f"{code}/",
                 "current": code == self.language} for code in languages]

    def answer(self, sm: SetModel, code: str) -> dict[str, str]:
        """Return an answer code's label, class and icon (empty code: not assessed)."""
        if not code:
            return {"code": "", "label": self._("Not assessed"), "cls": "na", "icon": ANSWER_ICONS["na"], "rank": 0,
                    "sort": ""}
        cls = sm.answer_class.get(code, "unknown")
        return {"code": code, "label": sm.answer_label.get(code, code), "cls": cls, "icon": ANSWER_ICONS[cls],
                "rank": ANSWER_RANK[cls], "sort": "" if cls in MISSING_ANSWERS else ANSWER_RANK[cls]}

    def tier(self, sm: SetModel, tier_id: str, label: str | None = None) -> dict[str, str]:
        """Return a tier's id, label, grade and icon (``label``: a row's own label, used when undetermined)."""
        grade = sm.tier_grade.get(tier_id, "unclassified")
        if tier_id != UNDETERMINED or not label:
            label = sm.tier_label.get(tier_id, tier_id)
        return {"id": tier_id, "label": label, "grade": grade,
                "icon": TIER_ICONS[grade], "meter": TIER_METER.get(grade),
                "rank": sm.tier_rank.get(tier_id, len(sm.tier_rank))}

    def met_shares(self, set_id: str) -> dict[str, dict[str, tuple[int, int]]]:
        """Return region -> criterion -> (countries meeting it, countries assessed), and the same for all
        assessed countries under the key ``""`` (the world), from the set's global table (made once)."""
        if set_id not in self._shares:
            sm = self.sets[set_id]
            table = sm.table[sm.table["assessed"].to_numpy(dtype=bool)]
            met = table[sm.cs.criterion_ids].isin(met_codes(sm.cs))
            regions = table["region"].replace("", "(none)")
            out: dict[str, dict[str, tuple[int, int]]] = {"": {c: (int(met[c].sum()), len(table))
                                                                for c in sm.cs.criterion_ids}}
            sizes = regions.value_counts()
            for region, counts in met.groupby(regions).sum().iterrows():
                out[str(region)] = {c: (int(counts[c]), int(sizes[region])) for c in sm.cs.criterion_ids}
            self._shares[set_id] = out
        return self._shares[set_id]

    def region_href(self, region: str, root: str) -> str:
        """Return the link to a region's page."""
        return f"{root}regions/{self.region_slug[region or '(none)']}.html"

    def charts(self, set_id: str) -> list[dict[str, Any]]:
        """Return the charts the charts module offers for a set (empty when it offers none), made once."""
        if set_id not in self._charts:
            self._charts[set_id] = self._make_charts(set_id)
        return self._charts[set_id]

    def _make_charts(self, set_id: str) -> list[dict[str, Any]]:
        return _draw_charts(self.review, self.charts_module, set_id)

    # ------------------------------------------------------------------ set pages and index
    def set_summary(self, set_id: str, root: str) -> dict[str, Any]:
        """Return a set's summary: tiers with counts, criteria with counts, coverage, latest changes."""
        key = (set_id, root)
        if key not in self._summaries:
            self._summaries[key] = self._set_summary(set_id, root)
        return dict(self._summaries[key])

    def set_counts(self, set_id: str) -> tuple[pd.DataFrame, pd.Series, pd.DataFrame, pd.Series]:
        """Return a set's tier, criterion and answer counts and its coverage (made once: the pages of
        every depth and language show the same)."""
        if set_id not in self._counts:
            sm = self.sets[set_id]
            self._counts[set_id] = (aggregate.tier_counts(sm.table, sm.cs), aggregate.criterion_counts(sm.table, sm.cs),
                                    aggregate.answer_counts(sm.table, sm.cs), aggregate.coverage(sm.table, sm.cs))
        return self._counts[set_id]

    def _set_summary(self, set_id: str, root: str) -> dict[str, Any]:
        sm = self.sets[set_id]
        cs = sm.cs
        tiers, crit_counts, answer_counts, coverage = self.set_counts(set_id)
        total = int(tiers["countries"].sum()) or 1
        assessed = int(coverage["assessed"]) or 0
        descriptions = {t.id: t for t in cs.tiers}
        tier_rows = []
        for tier_id, count in tiers["countries"].items():
            t = descriptions.get(tier_id)
            if tier_id == UNDETERMINED:
                rule, about = self._("Depends on answers not known"), self._("The lower and upper tiers differ.")
            else:
                rule, about = (rule_text(t, cs, self._), self.marked(t.description or "")) if t else ("", "")
            tier_rows.append(self.tier(sm, tier_id) | {
                "count": int(count), "percent": self.percent(count / total), "rule": rule, "description": about,
                "at_least": int(tiers.loc[tier_id, "at_least"])})
        criteria = []
        for c in cs.criteria:
            counts = [{"code": code, "label": sm.answer_label.get(code, code),
                       "count": int(answer_counts.loc[c.id, code])} for code in cs.codes]
            criteria.append({"id": c.id, "short": self.words(c.short), "question": self.marked(c.question),
                             "href": f"{root}criteria/{set_id}-{c.id}.html", "met": int(crit_counts[c.id]),
                             "of": assessed, "counts": counts})
        change_editions = ("", "")
        if len(sm.editions) > 1:
            old, new = sm.editions[-2], sm.editions[-1]
            change_editions = (sm.edition_label.get(old, old), sm.edition_label.get(new, new))
        changes = [LazyRow(c._lazy_inputs, functools.partial(_change_row, c, root), known={"kind": c["kind"]})
                   for c in self._latest_changes(set_id)]
        change_groups = [{"kind": kind, "label": label, "rows": [c for c in changes if c["kind"] == kind]}
                         for kind, label in CHANGE_KIND_LABELS.items()]
        source = cs.source
        return {
            "id": set_id, "title": self.words(cs.title), "version": cs.version,
            "description": self.marked(cs.description or ""),
            "href": f"{root}sets/{set_id}.html",
            "source": {"publisher": source.publisher, "title": source.title, "edition": source.edition or "",
                       "year": source.year or "", "url": safe_url(source.url)},
            "tiers": tier_rows, "criteria": criteria, "at_least": at_least_lines(tiers, sm, self._),
            "coverage": {k: int(v) for k, v in coverage.items()},
            "changes": changes, "change_editions": change_editions,
            "change_groups": [g for g in change_groups if g["rows"]],
            "editions": [{"id": e, "label": sm.edition_label.get(e, e)} for e in sm.editions],
            "illustrative": _any_illustrative(sm.table),
            "csv": f"{root}{self.up}data/{set_id}.csv", "json": f"{root}{self.up}data/{set_id}.json",
        }

    def _latest_changes(self, set_id: str) -> list[LazyRow]:
        """Return the countries whose answers or tier changed between a set's last two editions, by name
        (made once per set: the summary of every page depth adds its links), each made when first read
        (:class:`LazyRow`; what it is made from: ("change_row", set, iso3), the set's :meth:`latest_diff`
        row of the country, its roster entry and the pages' language)."""
        if set_id not in self._latest:
            sm = self.sets[set_id]
            diff = self.latest_diff(set_id)
            words: dict[str, str] = {}  # the same change reads the same for many countries
            self._latest[set_id] = [
                LazyRow(("change_row", set_id, iso3), functools.partial(self._change, sm, iso3, r, words),
                        known={"kind": r["kind"]})
                for iso3, r in sorted(diff.items(), key=lambda item: (item[1]["country"], item[0]))]  # by name
        return self._latest[set_id]

    def latest_diff(self, set_id: str) -> dict[str, dict[str, Any]]:
        """Return iso3 -> its row of :meth:`SetTables.diff` of a set's last two editions (empty with one; made
        once, the same in every language: shared, do not modify)."""
        if set_id not in self._latest_diffs:
            sm = self.sets[set_id]
            self._latest_diffs[set_id] = (row_dicts(sm.tables.diff(sm.editions[-2], sm.editions[-1]))
                                          if len(sm.editions) > 1 else {})
        return self._latest_diffs[set_id]

    def _change(self, sm: SetModel, iso3: str, r: dict[str, Any], words: dict[str, str]) -> dict[str, Any]:
        """Return a country's latest change in a set, in the pages' language (see :meth:`_latest_changes`)."""
        return {"iso3": iso3, "country": self.country_label(iso3, r["country"]),
                "details": readable_details(r["details"], sm, words),
                "before": self.tier(sm, r["tier_before"]), "after": self.tier(sm, r["tier_after"]), "kind": r["kind"]}

    def set_rows(self, set_id: str, root: str, codes: list[str] | None = None) -> list[LazyRow]:
        """Return the global table's rows (one per roster country, or per ``codes``), each made when it is
        first read (:class:`LazyRow`; what it is made from: ("set_row", set, iso3), the page's language and
        depth, see :meth:`set_row`)."""
        sm = self.sets[set_id]
        if codes is None:  # assessed countries first, each group by name
            codes = sorted(sm.rows, key=lambda c: (not sm.rows[c]["assessed"],
                                                   self.country_label(c, sm.rows[c]["country"]), c))
        return [LazyRow(("set_row", set_id, iso3), functools.partial(self.set_row, set_id, root, iso3))
                for iso3 in codes]

    def set_row(self, set_id: str, root: str, iso3: str) -> dict[str, Any]:
        """Return a country's row of a set's global table, for a page ``root`` deep: made from its row of the
        table, its roster entry (name, codes), the scope its assessment states and the criteria set (labels,
        tiers, editions), in the pages' language."""
        sm = self.sets[set_id]
        r = sm.rows[iso3]
        region = r["region"] or "(none)"
        assessed = bool(r["assessed"])
        name = self.country_label(iso3, r["country"])
        return {
            "iso3": iso3, "country": name, "href": f"{root}countries/{iso3}.html",
            "assessed": assessed, "search": self.search_text(iso3, r["country"], name),
            "tier_sort": sm.tier_rank.get(r["tier"], len(sm.tier_rank)) if assessed else "",
            "region": region_name(region, self.language), "region_href": self.region_href(region, root),
            "tier": self.tier(sm, r["tier"], r["tier_label"]),
            "cells": [self.answer(sm, r[c]) | {"criterion": c} for c in sm.cs.criterion_ids],
            "met": "" if pd.isna(r["met_count"]) else int(r["met_count"]),
            "edition": sm.edition_label.get(r["edition"], r["edition"]) if assessed else "",
            "status": r["status"], "illustrative": r["status"] == "illustrative",
            "scope": self.review.workspace.coded_scopes.get(iso3, {}).get((set_id, r["edition"], r["coder"]), ""),
        }

    def search_text(self, iso3: str, name: str, local: str = "") -> str:
        """Return every name a reader may search a country by: its name, codes and the reviewed aliases
        ("UK", "Britain", "Turkey", "Ivory Coast"), each also without accents (and its name in the
        pages' language first, when it differs)."""
        key = (iso3, name)
        if key not in self._search:  # the same for the set, region and country-list pages: made once

            self._search[key] = " | ".join(names_of(iso3, name))
        if local and local != name:
            return " | ".join([*names_of(iso3, local)[:1], self._search[key]])
        return self._search[key]

    def set_page(self, set_id: str) -> dict[str, Any]:
        """Return the context of ``sets/<set>.html``."""
        root = "../"
        summary = self.set_summary(set_id, root)
        sm = self.sets[set_id]
        rows = self.set_rows(set_id, root)
        n_assessed = sum(1 for r in sm.rows.values() if r["assessed"])  # every row of the table is listed
        return {"site": self.site(root), "set": summary, "rows": rows,
                "n_assessed": n_assessed, "n_not_assessed": len(rows) - n_assessed,
                "criteria": [{"id": c.id, "short": self.words(c.short),
                              "href": f"{root}criteria/{set_id}-{c.id}.html"} for c in sm.cs.criteria],
                "regions": [region_name(r, self.language) for r in self.regions],
                "tier_options": [t for t in summary["tiers"]],
                "charts": [_deeper(c, root) for c in self.charts(set_id)], "illustrative": summary["illustrative"]}

    def index_page(self) -> dict[str, Any]:
        """Return the context of ``index.html``."""
        root = ""
        sets = []
        for set_id in self.sets:
            summary = self.set_summary(set_id, root)
            summary["charts"] = self.charts(set_id)[:1]  # the headline chart; the set page has them all
            sets.append(summary)
        assessed = self.countries_assessed()
        from ..notices import coding_notice
        from .citation import citation
        info = self.config.review
        cite = citation(info, info.name, "", safe_url(info.url), self.date, key="review", kind="DATA",
                        notice=coding_notice(self.review))
        return {"site": self.site(root), "sets": sets, "illustrative": bool(self.illustrative_codes),
                "countries": len(self.registry), "assessed": assessed, "cite": cite,
                "regions": [{"name": region_name(r, self.language), "href": self.region_href(r, root)}
                            for r in self.regions]}

    def countries_assessed(self) -> int:
        """Return how many roster countries have at least one counted assessment."""
        return len({iso3 for sm in self.sets.values()
                    for iso3 in sm.table.index[sm.table["assessed"].to_numpy(dtype=bool)].tolist()})

    # ------------------------------------------------------------------ criterion, region, lists
    def provision_labels(self, iso3: str) -> dict[str, str]:
        """Return provision id -> "Statute title, s. 24" of the provisions a country's answers cite (found
        when its file was checked: no model is read; a workspace made otherwise reads it once)."""
        ws = self.review.workspace
        found = ws.cited_labels.get(iso3)
        if found is None:
            if iso3 not in self._provision_labels:
                self._provision_labels[iso3] = dict(cited_labels(ws.countries.peek(iso3)))
            found = self._provision_labels[iso3]
        return found

    def quoted_hashes(self, set_id: str, codes: set[str] | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return (iso3, criterion, 64-bit hash) of each answer a criterion page quotes (of ``codes`` only,
        when given): the counted answers of the edition each assessed country's row of the set's global
        table shows, each hashed from its country, note and the labels of the provisions it cites (statute
        title and section), never the rest of its file. Made from the spine at once."""
        spine, table = self.spine, self.sets[set_id].table
        mask = spine["counted"].to_numpy(dtype=bool) & (spine["set"].to_numpy() == set_id)
        if codes is not None:
            mask &= spine["iso3"].isin(codes).to_numpy(dtype=bool)
        rows = spine.loc[mask, ["iso3", "edition", "criterion", "evidence", "note"]]
        # the answers of the edition each assessed country's row shows (the page quotes those)
        shown = table["edition"].where(table["assessed"].astype(bool)).reindex(rows["iso3"]).to_numpy()
        rows = rows[rows["edition"].to_numpy() == shown]
        evidence = rows["evidence"].to_numpy()
        cited = evidence != ""
        labels = np.full(len(rows), "", dtype=object)
        labels[cited] = [repr(self._cited(iso3, e)) for iso3, e in zip(rows["iso3"].to_numpy()[cited], evidence[cited])]
        hashed = [pd.util.hash_array(np.asarray(v, dtype=object), categorize=False)
                  for v in (rows["iso3"].to_numpy(), rows["note"].to_numpy(), labels)]
        combined = hashed[0] ^ (hashed[1] * np.uint64(0x9E3779B97F4A7C15)) ^ (hashed[2] * np.uint64(0xC2B2AE3D27D4EB4F))
        return rows["iso3"].to_numpy(), rows["criterion"].to_numpy(), combined

    def _quoted(self, set_id: str, criterion_id: str) -> dict[tuple[str, str], tuple[str, str]]:
        """Return (iso3, edition) -> (evidence, note) of every counted answer to a criterion (what its page
        quotes), from the spine at once: the answers of every country are not grouped for one page."""
        spine = self.spine
        mask = (spine["counted"].to_numpy(dtype=bool) & (spine["set"].to_numpy() == set_id)
                & (spine["criterion"].to_numpy() == criterion_id))
        columns = [spine[c].to_numpy()[mask].tolist() for c in ("iso3", "edition", "evidence", "note")]
        return {(iso3, edition): (evidence, note) for iso3, edition, evidence, note in zip(*columns)}

    def _cited(self, iso3: str, evidence: str) -> list[str]:
        """Return the labels of the provisions an answer cites, as the criterion page lists them."""
        if not evidence:
            return []
        labels = self.provision_labels(iso3)
        return [labels.get(pid, pid) for pid in evidence.split("; ") if pid]

    def criterion_page(self, set_id: str, criterion_id: str) -> dict[str, Any]:
        """Return the context of ``criteria/<set>-<criterion>.html``: which countries gave which answer
        (``groups``, see :meth:`criterion_groups`), and, side by side, each assessed country's answer, the
        provisions it cites and the coder's note (``compared``, see :meth:`criterion_rows`)."""
        root = "../"
        sm = self.sets[set_id]
        crit = sm.cs.criterion(criterion_id)
        return {"site": self.site(root), "compared": self.criterion_rows(set_id, criterion_id, root),
                "set": {"id": set_id, "title": self.words(sm.cs.title), "href": f"{root}sets/{set_id}.html"},
                "criterion": {"id": crit.id, "short": self.words(crit.short), "question": self.marked(crit.question),
                              "guidance": self.marked(crit.guidance),
                              "model_provision": self.marked(crit.model_provision)},
                "groups": self.criterion_groups(set_id, criterion_id, root),
                "illustrative": _any_illustrative(sm.table)}

    def criterion_groups(self, set_id: str, criterion_id: str, root: str) -> list[LazyRow]:
        """Return the countries of a criterion page by answer: a group per answer of the scale, then the
        countries not assessed, then any other answer the table holds; each made when it is first read
        (:class:`LazyRow`; what it is made from: ("answer_group", set, criterion, answer, its countries),
        the page's language and depth, see :meth:`answer_group`)."""
        sm = self.sets[set_id]
        members: dict[str, list[str]] = {code: [] for code in [*sm.cs.codes, ""]}
        for iso3, r in sm.rows.items():
            members.setdefault(r[criterion_id], []).append(iso3)
        return [LazyRow(("answer_group", set_id, criterion_id, code, codes),
                        functools.partial(self.answer_group, set_id, criterion_id, root, code, codes))
                for code, codes in members.items()]

    def answer_group(self, set_id: str, criterion_id: str, root: str, code: str, codes: list[str]) -> dict[str, Any]:
        """Return the group of the countries (``codes``, in the table's order) that gave an answer to a
        criterion, for a page ``root`` deep: the answer, and each country's name (in the pages' language, from
        its row of the set's table and its roster entry) by name, leading to its answer (when assessed)."""
        sm = self.sets[set_id]
        countries = []
        for iso3 in codes:
            r = sm.rows[iso3]
            # each name leads to the country's answer itself: the provisions cited and the coder's note
            anchor = f"#{set_id}-{criterion_id}" if r["assessed"] else ""
            countries.append({"iso3": iso3, "country": self.country_label(iso3, r["country"]),
                              "href": f"{root}countries/{iso3}.html{anchor}"})
        return self.answer(sm, code) | {"countries": sorted(countries, key=lambda x: x["country"])}

    def criterion_rows(self, set_id: str, criterion_id: str, root: str) -> list[LazyRow]:
        """Return the rows of a criterion page's side-by-side table: one per assessed country, by answer (best
        first, no finding last), then name and code; each made when it is first read (:class:`LazyRow`; what
        it is made from: ("criterion_row", set, criterion, iso3), the page's language and depth, see
        :meth:`criterion_row`). The order needs the answers' codes and the names only."""
        sm = self.sets[set_id]
        quoted: dict[tuple[str, str], tuple[str, str]] | None = None

        def evidence_note(iso3: str, edition: str) -> tuple[str, str]:
            nonlocal quoted
            if quoted is None:  # read from the spine once, when a first row is made
                quoted = self._quoted(set_id, criterion_id)
            return quoted.get((iso3, edition), ("", ""))

        order = []
        for iso3, r in sm.rows.items():
            if r["assessed"]:
                code = r[criterion_id]
                rank = ANSWER_RANK[sm.answer_class.get(code, "unknown")] if code else 0
                order.append((rank == 0, -rank, self.country_label(iso3, r["country"]), iso3))
        order.sort()
        return [LazyRow(("criterion_row", set_id, criterion_id, iso3),
                        functools.partial(self.criterion_row, set_id, criterion_id, root, iso3, label, evidence_note))
                for _none, _rank, label, iso3 in order]

    def criterion_row(self, set_id: str, criterion_id: str, root: str, iso3: str, label: str,
                      evidence_note: Callable[[str, str], tuple[str, str]]) -> dict[str, Any]:
        """Return an assessed country's row of a criterion page's side-by-side table, for a page ``root`` deep
        (``label``: its name in the pages' language): made from its row of the set's global table (answer to
        this criterion, edition, coder), its roster entry, the scope its assessment states and what its
        answer quotes (``evidence_note(iso3, edition)``: the note and the provisions cited, whose labels come
        from its file), in the pages' language."""
        sm = self.sets[set_id]
        r = sm.rows[iso3]
        evidence, note = evidence_note(iso3, r["edition"])
        return {"iso3": iso3, "country": label, "href": f"{root}countries/{iso3}.html#{set_id}-{criterion_id}",
                "answer": self.answer(sm, r[criterion_id]), "note": self.marked(note),
                "scope": self.review.workspace.coded_scopes.get(iso3, {}).get((set_id, r["edition"], r["coder"]), ""),
                "provisions": self._cited(iso3, evidence)}

    def region_page(self, region: str) -> dict[str, Any]:
        """Return the context of ``regions/<slug>.html``: the region's countries and tiers per set."""
        root = "../"
        codes = [j.iso3 for j in sorted(self.registry.members, key=lambda j: (j.name, j.iso3))
                 if (j.region or "(none)") == region]
        tables = []
        for set_id, sm in self.sets.items():
            if set_id not in self._by_region:
                self._by_region[set_id] = aggregate.by_region(sm.table, sm.cs)
            counts = self._by_region[set_id]
            line = counts.loc[region] if region in counts.index else None
            tiers = [] if line is None else [self.tier(sm, t) | {"count": int(line[t])}
                                            for t in counts.columns if t not in ("countries", "assessed")]
            # assessed first, each group by name
            rows = self.set_rows(set_id, root, sorted(codes, key=lambda c: not sm.rows[c]["assessed"]))
            maps = ([_deeper(chart_dict(self.charts_module.region_map(self.review, set_id, region)), root)]
                    if self.charts_module is not None else [])
            tables.append({"id": set_id, "title": self.words(sm.cs.title), "href": f"{root}sets/{set_id}.html",
                           "tiers": tiers, "rows": rows, "maps": maps,
                           "criteria": [{"id": c.id, "short": self.words(c.short)} for c in sm.cs.criteria]})
        return {"site": self.site(root), "sets": tables,
                "region": region_name(region, self.language) if region != "(none)" else self._("Other"),
                "illustrative": any(c in self.illustrative_codes for c in codes)}

    def countries_page(self) -> dict[str, Any]:
        """Return the context of ``countries.html``: every roster country by region."""
        root = ""
        by_region: dict[str, list[dict[str, Any]]] = {r: [] for r in self.regions}
        shorts = {s["id"]: s["short"] for s in self.site(root)["sets"]}
        assessed_in: dict[str, list[str]] = {}
        for set_id, sm in self.sets.items():
            for iso3 in sm.table.index[sm.table["assessed"].to_numpy(dtype=bool)].tolist():
                assessed_in.setdefault(iso3, []).append(shorts[set_id])
        for j in self.registry.members:
            name = self.country_label(j.iso3, j.name)
            by_region[j.region or "(none)"].append({"iso3": j.iso3, "country": name,
                                                     "href": f"countries/{j.iso3}.html",
                                                     "assessed": ", ".join(assessed_in.get(j.iso3, [])),
                                                     "search": self.search_text(j.iso3, j.name, name)})
        return {"site": self.site(root), "illustrative": bool(self.illustrative_codes),
                "n_assessed": len(assessed_in), "n_countries": len(self.registry),
                "regions": [{"name": region_name(r, self.language) if r != "(none)" else self._("Other"),
                             "href": self.region_href(r, root),
                             "countries": sorted(c, key=lambda x: x["country"])} for r, c in by_region.items()]}

    def methodology_page(self) -> dict[str, Any]:
        """Return the context of ``methodology.html``: criteria text, scale, tier rules, sources."""
        root = ""
        sets = []
        for set_id, sm in self.sets.items():
            cs = sm.cs
            sets.append(self.set_summary(set_id, root) | {
                "scale": [{"code": s.code, "label": self.words(s.label),
                           "points": self._("not scored") if s.points is None else f"{s.points:g}",
                           "description": self.marked(s.description or ""), **self.answer(sm, s.code)}
                          for s in cs.scale],
                "criteria_text": [{"id": c.id, "short": self.words(c.short), "question": self.marked(c.question),
                                   "guidance": self.marked(c.guidance),
                                   "model_provision": self.marked(c.model_provision),
                                   "href": f"criteria/{set_id}-{c.id}.html"} for c in cs.criteria],
                "all_editions": [{"id": e.id, "label": self.words(e.label), "year": e.year or "", "note": e.note or ""}
                                 for e in cs.editions],
                "counting": counting_sentences(cs, self._, sm.answer_label, self.words)})
        return {"site": self.site(root), "sets": sets, "illustrative": bool(self.illustrative_codes)}

    # ------------------------------------------------------------------ codebook
    def codebook_page(self, package: dict[str, Any]) -> dict[str, Any]:
        """Return the context of ``codebook.html``: every data file of ``data/datapackage.json`` with its
        columns, their types and meaning (the codebook is generated from the package, never written)."""
        resources = []
        for r in package.get("resources", []):
            fields = []
            for f in r.get("schema", {}).get("fields", []):
                allowed = f.get("constraints", {}).get("enum")
                fields.append({"name": f.get("name", ""), "type": f.get("type", ""),
                               "description": f.get("description", ""),
                               "allowed": ", ".join(str(v) for v in allowed) if allowed else ""})
            resources.append({"name": r.get("name", ""), "href": f"{self.up}data/{r.get('path', '')}",
                              "title": r.get("title", ""), "format": r.get("format", ""), "fields": fields,
                              "anchor": "file-" + slug(r.get("name", ""))})
        return {"site": self.site(""), "illustrative": bool(self.illustrative_codes), "resources": resources,
                "title": package.get("title", ""), "license": ", ".join(str(lic.get("name", ""))
                                                                       for lic in package.get("licenses", []))}

    # ------------------------------------------------------------------ downloads
    def downloads_page(self, files: list[dict[str, Any]]) -> dict[str, Any]:
        """Return the context of ``downloads.html`` (files with sizes and SHA-256)."""
        from ..notices import coding_notice
        if self.language != "en" or self.up:
            files = [dict(f, href=self.up + f["href"], about=self._(f["about"]) if f["about"] else "") for f in files]
        return {"site": self.site(""), "files": files, "illustrative": bool(self.illustrative_codes),
                "notice": coding_notice(self.review)}


_DETAIL = re.compile(r"^(?P<crit>[^:]+): (?P<old>.*?) → (?P<new>.*?)(?: \((?P<why>[^)]*)\))?$")
_FIRST = re.compile(r"^(?P<what>first|not) assessed in edition (?P<ed>.+)$")


def readable_details(details: str, sm: SetModel, words: dict[str, str] | None = None) -> str:
    """Return the details of an edition-to-edition change in words: criterion names, answer labels,
    reasons and edition labels instead of codes ("C4 Knowing possession: No → Yes, law amended").
    ``words``: the parts already read (of this set), kept across the calls for one set's changes (the
    same change of one criterion reads the same for many countries)."""
    words = {} if words is None else words
    out = []
    for part in details.split("; "):
        if part not in words:
            words[part] = _readable_part(part, sm)
        out.append(words[part])
    return "; ".join(out)


def _readable_part(part: str, sm: SetModel) -> str:
    """Return one part of a change's details in words (see :func:`readable_details`)."""
    m, first = _DETAIL.match(part), _FIRST.match(part)
    shorts = {c.id: c.short for c in sm.cs.criteria}
    if m and m["crit"] in shorts:
        old, new = (sm.answer_label.get(v, "not answered") if v != "-" else "not answered"
                    for v in (m["old"], m["new"]))
        why = CHANGE_REASON_LABELS.get(m["why"] or "", m["why"] or "")
        reason = f", {why[:1].lower()}{why[1:]}" if why else ""
        return f"{m['crit']} {shorts[m['crit']]}: {old} → {new}{reason}"
    if first:
        label = sm.edition_label.get(first["ed"], first["ed"])
        return f"{'First' if first['what'] == 'first' else 'Not'} assessed in the {label}"
    return part


def _change_row(change: LazyRow, root: str) -> dict[str, Any]:
    """Return a latest change as a row of a page ``root`` deep (with the link to the country's profile)."""
    c = change.view()
    return {"iso3": c["iso3"], "country": c["country"], "href": f"{root}countries/{c['iso3']}.html",
            **{k: c[k] for k in ("details", "before", "after", "kind")}}


def _deeper(chart: dict[str, Any], root: str) -> dict[str, Any]:
    """Return a chart for a page ``root`` below the site's root: the map's links to profiles prefixed."""
    if chart.get("role") != "group" or not root:
        return chart
    from markupsafe import Markup

    return dict(chart, svg=Markup(str(chart["svg"]).replace('<a href="countries/', f'<a href="{root}countries/')))


def _any_illustrative(table: pd.DataFrame) -> bool:
    """Return whether any country's latest assessment in a global table is illustrative."""
    return bool((table["status"] == "illustrative").any())


def _grouped_answers(spine: pd.DataFrame, mask: Any) -> Answers:
    """Return (iso3, set, edition) -> criterion -> (value, evidence, note, change) of the spine's rows in ``mask``."""
    columns = [spine[c][mask].tolist() for c in ("iso3", "set", "edition", "criterion", "value", "evidence", "note",
                                                 "change")]
    out: Answers = {}
    for iso3, set_id, edition, crit, value, evidence, note, change in zip(*columns):
        out.setdefault((iso3, set_id, edition), {})[crit] = (value, evidence, note, change)
    return out
