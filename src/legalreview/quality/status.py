"""Where the review stands: countries by assessment status, stale assessments, coverage.

A country's status for a set is the best status (published > reviewed > illustrative > draft)
among its assessments of the set's latest edition it has; a roster country with none is
"not assessed". An assessment is *stale* when it is older than review.toml's
``[build] stale_after_days``, or when a statute it cites (through its evidence) was amended or
repealed after the law the assessment describes (``amended_on`` or ``repealed_on`` later than
``law_as_at``, else ``assessed_on``). Only the assessment in force of each country's latest
edition of a set is counted and checked (see :func:`legalreview.quality.workflow.in_force`): older
editions and superseded assessments are history, not stale.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..models import Assessment, Country
from ..resolve import resolve_set
from ..scoring import COUNTED_STATUSES, edition_order
from ..workspace import Workspace

STATUS_COLUMNS = ["not assessed", "draft", "reviewed", "published", "illustrative"]


def _latest(ws: Workspace, country: Country, set_id: str) -> list[Assessment]:
    """Return the assessments of the country's latest edition of a set (all coders)."""
    found = [a for a in country.assessments if a.set == set_id]
    if not found:
        return []
    cs = ws.criteria.get(set_id)
    order = edition_order(cs, {a.edition for a in found}) if cs else sorted({a.edition for a in found})
    return [a for a in found if a.edition == order[-1]]


def _current(ws: Workspace, country: Country, set_id: str) -> Assessment | None:
    """Return the assessment in force for the country's latest edition of a set (superseded ones and a
    second coder's independent coding are not counted)."""
    from .workflow import in_force

    return in_force(_latest(ws, country, set_id))


def _sets(ws: Workspace, set_id: str | None) -> list[str]:
    if set_id is None:
        return list(ws.criteria)
    return [resolve_set(ws.criteria, set_id)]


def country_status(ws: Workspace, set_id: str | None = None) -> pd.DataFrame:
    """Return one row per roster country and set: iso3, country, set, edition, status, coders."""
    rows = []
    for sid in _sets(ws, set_id):
        for j in ws.registry.members:
            country = ws.countries.get(j.iso3)
            latest = _latest(ws, country, sid) if country else []
            best = _current(ws, country, sid) if country else None
            rows.append({"iso3": j.iso3, "country": j.name, "set": sid,
                         "edition": best.edition if best else "",
                         "status": best.status if best else "not assessed",
                         "coders": ", ".join(a.coder for a in latest)})
    return pd.DataFrame(rows, columns=["iso3", "country", "set", "edition", "status", "coders"])


def stale_assessments(ws: Workspace, set_id: str | None = None, today: dt.date | None = None) -> pd.DataFrame:
    """Return one row per stale assessment: iso3, country, set, edition, coder, status, assessed_on,
    age_days and the reason(s)."""
    today = today or dt.date.today()
    limit = ws.config.build.stale_after_days
    rows = []
    for sid in _sets(ws, set_id):
        for iso3, country in sorted(ws.countries.items()):
            a = _current(ws, country, sid)
            if a is None:
                continue
            age = (today - a.assessed_on).days
            reasons = ([f"assessed {age} days ago (limit {limit})"] if age > limit else []) + \
                _law_changes(country, a)
            if reasons:
                rows.append({"iso3": iso3, "country": country.name, "set": sid, "edition": a.edition,
                             "coder": a.coder, "status": a.status, "assessed_on": a.assessed_on,
                             "age_days": age, "reason": "; ".join(reasons)})
    return pd.DataFrame(rows, columns=["iso3", "country", "set", "edition", "coder", "status", "assessed_on",
                                       "age_days", "reason"])


def _cited_statutes(country: Country, a: Assessment) -> list[str]:
    """Return the ids of the statutes whose provisions an assessment cites, in order of first citation."""
    cited: list[str] = []
    for answer in a.answers.values():
        for ref in answer.evidence:
            try:
                statute = country.provision(ref).statute
            except KeyError:
                continue
            if statute not in cited:
                cited.append(statute)
    return cited


def _law_changes(country: Country, a: Assessment) -> list[str]:
    """Return why the law an assessment cites changed after the law it describes (law_as_at, else
    assessed_on): each cited statute amended or repealed later."""
    reasons: list[str] = []
    for sid_ in _cited_statutes(country, a):
        try:
            statute = country.statute(sid_)
        except KeyError:
            continue
        if statute.amended_on is not None and statute.amended_on > a.law_date:
            reasons.append(f"{statute.title} amended on {statute.amended_on}")
        if statute.repealed_on is not None and statute.repealed_on > a.law_date:
            reasons.append(f"{statute.title} repealed on {statute.repealed_on}")
    return reasons


def status_summary(ws: Workspace, set_id: str | None = None, today: dt.date | None = None) -> pd.DataFrame:
    """Return one row per set: roster countries, how many are at each status (not assessed, draft,
    reviewed, published, illustrative), how many have a stale assessment, and coverage (percent
    of roster countries whose assessment counts in published tables)."""
    per_country = country_status(ws, set_id)
    stale = stale_assessments(ws, set_id, today)
    counted = set(COUNTED_STATUSES) | ({"draft"} if ws.config.build.include_drafts else set())
    rows = []
    for sid in _sets(ws, set_id):
        mine = per_country[per_country["set"] == sid]
        counts = mine["status"].value_counts()
        total = len(mine)
        covered = int(mine["status"].isin(counted).sum())
        row: dict[str, object] = {"set": sid, "countries": total}
        row |= {s: int(counts.get(s, 0)) for s in STATUS_COLUMNS}
        row["stale"] = int(stale.loc[stale["set"] == sid, "iso3"].nunique())
        row["coverage %"] = round(100.0 * covered / total, 1) if total else 0.0
        rows.append(row)
    return pd.DataFrame(rows, columns=["set", "countries", *STATUS_COLUMNS, "stale", "coverage %"]).set_index("set")
