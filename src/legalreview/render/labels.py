"""Labels and small formatting rules shared by the pages, the charts and the profiles.

They live here, below :mod:`legalreview.render.context`, :mod:`~legalreview.render.charts` and
:mod:`~legalreview.render.profiles`, so that those modules import them without importing each other.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd

from ..i18n import babel_locale
from ..models import CriteriaSet, Tier, url_problem

#: How change reasons read on a page.
CHANGE_REASON_LABELS = {"law-amended": "Law amended", "new-law": "New law", "correction": "Correction of an "
                        "earlier answer", "method-change": "Change of method",
                        "first-coded": "First coded (was not known)", "recoded": "Same law, read differently"}
#: How the kinds of change (see :func:`legalreview.aggregate.diff`) read on a page, in page order.
CHANGE_KIND_LABELS = {"law": "The law changed", "coding": "Our coding changed (not the law)",
                      "unexplained": "Changed, no reason given"}


def safe_url(value: object) -> str | None:
    """Return the URL when it is a plain http(s) URL by the models' rule, else None (so ``javascript:``
    never becomes a link, and no URL can close an attribute or a Markdown link: see
    :func:`legalreview.models.url_problem`)."""
    if isinstance(value, str) and url_problem(value.strip()) is None:
        return value.strip()
    return None


def tier_grade(tier: Tier, cs: CriteriaSet) -> str:
    """Return a tier's presentation grade (full/high/mid/low/none) from its rule."""
    rule = tier.rule
    n = len(cs.criteria)
    if rule.all_met is not None:
        return "full" if set(rule.all_met) >= set(cs.criterion_ids) else "high"
    if rule.none_met is not None:
        return "none"
    if rule.any_met is not None:
        return "low"
    k = rule.min_met or 0
    if k == 0:  # the catch-all: above the set's "no legislation" tier when it has one (none_met)
        return "low" if any(t.rule.none_met is not None for t in cs.tiers) else "none"
    return "mid" if k * 2 >= n else "low"


def _date(value: Any) -> str:
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        return value.date().isoformat()
    return str(value)


def edition_question(cs: CriteriaSet, criterion_id: str, edition: str | None) -> str:
    """Return a criterion's question as worded for an edition (:meth:`CriteriaSet.question_for`), with
    the criterion's translations when the edition's wording is the same words as its question (a
    wording written as a plain string would otherwise hide them)."""
    question = cs.question_for(criterion_id, edition)
    own = cs.criterion(criterion_id).question
    if not getattr(question, "translations", None) and str(question) == str(own):
        return own
    return question


#: UN M49 codes of the regions and sub-regions of the roster, for their names in other languages (CLDR).
M49_CODES = {"Africa": "002", "Americas": "019", "Asia": "142", "Europe": "150", "Oceania": "009",
             "Northern Africa": "015", "Sub-Saharan Africa": "202", "Latin America and the Caribbean": "419",
             "Northern America": "021", "Central Asia": "143", "Eastern Asia": "030", "South-eastern Asia": "035",
             "Southern Asia": "034", "Western Asia": "145", "Eastern Europe": "151", "Northern Europe": "154",
             "Southern Europe": "039", "Western Europe": "155", "Australia and New Zealand": "053",
             "Melanesia": "054", "Micronesia": "057", "Polynesia": "061"}


def region_name(name: str, language: str) -> str:
    """Return a UN M49 region's name in ``language`` (CLDR: "Afrique subsaharienne"); English, and any
    name that is not an M49 region (a roster's own), as it is."""
    code = M49_CODES.get(name)
    if code is None or language == "en":
        return name
    return babel_locale(language).territories.get(code, name)


#: What a country's position on an international instrument is called on pages (translated there).
INSTRUMENT_STATUSES = {"ratified": "Ratified", "acceded": "Acceded", "signed": "Signed only",
                       "not-party": "Not a party"}
