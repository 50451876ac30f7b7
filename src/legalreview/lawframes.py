"""Tidy DataFrames of the law as reviewers record it (issue 17): structured facts, international
instruments and what each assessment was coded for (scope, law as at). Read by :class:`Review`.
"""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from .workspace import Workspace

#: Columns of :func:`facts_frame`.
FACT_COLUMNS = ["iso3", "country", "fact", "label", "value", "unit", "scope", "evidence", "note"]
#: Columns of :func:`instruments_frame`.
INSTRUMENT_COLUMNS = ["iso3", "country", "instrument", "short", "status", "date", "source", "note"]
#: Columns of :func:`coded_for_frame`.
CODED_FOR_COLUMNS = ["iso3", "set", "edition", "coder", "status", "scope", "scope_units", "law_as_at",
                     "law_as_at_stated", "assessed_on"]


def facts_frame(ws: Workspace, only: Collection[str] | None = None) -> pd.DataFrame:
    """Return one row per fact recorded in a country file: jurisdiction, fact id and label, value
    (a number, true/false, text or None when not known), unit, scope, evidence ("; "-joined
    provision ids) and note. Rows follow the file order of countries, then of facts. ``only``
    keeps these jurisdictions (the others' files are not read)."""
    labels = {f.id: f for f in ws.facts.facts} if ws.facts is not None else {}
    rows = []
    for code in ws.countries:
        if only is not None and code not in only:
            continue
        country = ws.countries.peek(code)  # one at a time: none is kept in memory
        for fact in country.facts:
            definition = labels.get(fact.fact)
            rows.append((code, country.name, fact.fact, definition.label if definition else fact.fact, fact.value,
                         (definition.unit or "") if definition else "",
                         fact.scope.text if fact.scope else "National law",
                         "; ".join(fact.evidence), fact.note or ""))
    return pd.DataFrame(rows, columns=FACT_COLUMNS)


def instruments_frame(ws: Workspace) -> pd.DataFrame:
    """Return one row per instrument a country file records: jurisdiction, instrument id and short
    name, status (signed, ratified, acceded, not-party), date (NaT when not known), source and note."""
    names = {i.id: i.short for i in ws.instruments.instruments} if ws.instruments is not None else {}
    rows = []
    for code in ws.countries:
        country = ws.countries.peek(code)  # one at a time: none is kept in memory
        for item in country.instruments:
            rows.append((code, country.name, item.instrument, names.get(item.instrument, item.instrument),
                         item.status, item.date, item.source or "", item.note or ""))
    frame = pd.DataFrame(rows, columns=INSTRUMENT_COLUMNS)
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def coded_for_frame(ws: Workspace) -> pd.DataFrame:
    """Return one row per assessment: what it was coded for: its scope (as text, and its ISO 3166-2
    units "; "-joined) and the date of the law it describes (``law_as_at``; the assessment date
    when none is stated, ``law_as_at_stated`` False)."""
    rows = []
    for code in ws.countries:
        for a in ws.countries.peek(code).assessments:
            scope = a.coded_scope
            rows.append((code, a.set, a.edition, a.coder, a.status, scope.text, "; ".join(scope.units),
                         a.law_date, a.law_as_at is not None, a.assessed_on))
    frame = pd.DataFrame(rows, columns=CODED_FOR_COLUMNS)
    for column in ("law_as_at", "assessed_on"):
        frame[column] = pd.to_datetime(frame[column])
    return frame
