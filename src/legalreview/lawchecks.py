"""Checks of the law as reviewers record it (issue 17): scope, the law as at a date, source text,
structured facts and international instruments. Called by :func:`legalreview.workspace._check_country`
for every country file; every problem is an :class:`Issue` located at file:line:col.

- ``unknown-subdivision``: a scope names a unit that is not an ISO 3166-2 subdivision of the country;
- ``scope-mismatch``: evidence applies only in units the assessment's scope does not cover;
- ``law-as-at-after-assessed``: an assessment describes the law at a date after it was made;
- ``law-dates-order``: a statute or provision came into force before it was enacted, or was repealed first;
- ``provision-not-in-force``: evidence was not yet in force at the assessment's ``law_as_at``;
- ``repealed-cited``: evidence was repealed on or before the assessment's ``law_as_at``;
- ``bill-cited``: a bill (not law) is cited as evidence for an answer that scores points;
- ``quoted-flag``: a provision still uses the old ``quoted:`` flag;
- ``text-without-language``: a provision's ``text`` says no language (read as our summary, the old default);
- ``unknown-fact`` / ``bad-fact-value`` / ``fact-evidence-missing``: facts against ``criteria/facts.yaml``;
- ``unknown-instrument``: an instrument not in ``criteria/instruments.yaml``;
- ``answer-contradicts-fact``: an answer to a criterion ``derived_from`` a fact says otherwise than the fact.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
from collections.abc import Callable
from typing import Any

from .issues import Issue
from .models import CriteriaSet, Country, FactCatalogue, InstrumentCatalogue, LawDates, Scope
from .store import position

#: Catalogue files kept in criteria/ beside the criteria sets (they are not criteria sets).
CATALOGUE_FILES = ("facts.yaml", "instruments.yaml")


@functools.lru_cache(maxsize=1)
def _subdivisions() -> dict[str, str] | None:
    """Return ISO 3166-2 code -> country alpha-2 from pycountry (None when pycountry is missing).

    Read from pycountry's own data file when pycountry has not loaded it yet: its loader makes and
    indexes an object of each of the 5,000 subdivisions, about ten times the time (a check of any
    scope with units paid it on every cold load)."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a base dependency
        return None
    database = pycountry.subdivisions
    if not getattr(database, "_is_loaded", True):
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            with open(database.filename, encoding="utf-8") as fh:
                entries = json.load(fh)[database.root_key]
            return {e["code"]: e["code"].split("-")[0] for e in entries}
    return {s.code: s.country_code for s in database}


@functools.lru_cache(maxsize=512)
def _alpha2(iso3: str) -> str | None:
    try:
        import pycountry
    except ImportError:  # pragma: no cover
        return None
    found = pycountry.countries.get(alpha_3=iso3.split("-")[0])
    return found.alpha_2 if found else ("XK" if iso3.startswith("XKX") else None)


def scope_problem(scope: Scope, iso3: str) -> tuple[str, str] | None:
    """Return (message, hint) when a scope names a unit that is not an ISO 3166-2 subdivision of the
    country with code ``iso3`` (None when every unit is one, or pycountry is not installed)."""
    known = _subdivisions()
    if known is None:
        return None
    alpha2 = _alpha2(iso3)
    for unit in scope.units:
        owner = known.get(unit)
        if owner is None:
            return (f"scope unit {unit!r} is not an ISO 3166-2 subdivision code",
                    "use a code such as GB-ENG, AU-NSW or US-CA (ISO 3166-2, as pycountry lists them)")
        if alpha2 is not None and owner != alpha2:
            return (f"scope unit {unit!r} is a subdivision of {owner}, not of {iso3}",
                    f"use subdivisions of {alpha2} ({alpha2}-...)")
    return None


def _name(prov: Any, statute: Any) -> str:
    return f"{prov.id} ({statute.title} s. {prov.pinpoint})" if statute is not None else prov.id


def check_law(country: Country, criteria: dict[str, CriteriaSet], at: Callable[..., dict[str, Any]],
              facts: FactCatalogue | None = None, instruments: InstrumentCatalogue | None = None) -> list[Issue]:
    """Return the issues of a country file's scope, law dates, source texts, facts and instruments."""
    out = _source_issues(country, at)
    provisions = {p.id: p for p in country.provisions}
    statutes = {st.id: st for st in country.statutes}
    for a_index, assessment in enumerate(country.assessments):
        out.extend(_assessment_law_issues(country, ("assessments", a_index), assessment, criteria, provisions,
                                          statutes, at))
    out.extend(_contradicted_facts(country, criteria, at))
    out.extend(_check_facts(country, at, facts))
    out.extend(_check_instruments(country, at, instruments))
    return out


def _scope_issues(scope: Scope | None, iso3: str, at: Callable[..., dict[str, Any]], *loc: Any) -> list[Issue]:
    """Return an ``unknown-subdivision`` issue when ``scope`` (at ``loc``) names a unit that is not one
    of ``iso3``'s, else []."""
    if scope is None:
        return []
    problem = scope_problem(scope, iso3)
    if problem:
        return [Issue("unknown-subdivision", problem[0], hint=problem[1], **at(*loc, "scope"))]
    return []


def _date_order_issues(law: LawDates, what: str, at: Callable[..., dict[str, Any]], *loc: Any) -> list[Issue]:
    """Return a ``law-dates-order`` warning for the first pair of a law's dates out of order, else []."""
    pairs = (("enacted", "in_force"), ("in_force", "repealed_on"), ("enacted", "repealed_on"))
    for first, then in pairs:
        a, b = getattr(law, first), getattr(law, then)
        if a is not None and b is not None and b < a:
            return [Issue("law-dates-order", f"{what}: {then} {b} is before {first} {a}", severity="warning",
                          hint="check both dates", **at(*loc, then))]
    return []


def _source_issues(country: Country, at: Callable[..., dict[str, Any]]) -> list[Issue]:
    """Return the scope and date issues of each statute, then those of each provision with its
    old-style text warnings."""
    out: list[Issue] = []
    for index, statute in enumerate(country.statutes):
        out.extend(_scope_issues(statute.scope, country.iso3, at, "statutes", index))
        out.extend(_date_order_issues(statute, f"statute {statute.id!r}", at, "statutes", index))
    for index, prov in enumerate(country.provisions):
        out.extend(_scope_issues(prov.scope, country.iso3, at, "provisions", index))
        out.extend(_date_order_issues(prov, f"provision {prov.id!r}", at, "provisions", index))
        out.extend(_text_flag_issues(prov, index, at))
    return out


def _text_flag_issues(prov: Any, index: int, at: Callable[..., dict[str, Any]]) -> list[Issue]:
    """Return warnings for a provision written the old way: ``text:`` without ``language:``, or the
    ``quoted:`` flag."""
    out: list[Issue] = []
    if prov.legacy_text == "no-language":
        out.append(Issue("text-without-language", f"provision {prov.id!r} gives `text:` without `language:`; "
                         "it is read as our summary (the old default), never as the words of the law",
                         severity="warning", hint="if it is a summary, rename `text:` to `summary:`; if it is "
                         "the verbatim words of the law, add `language:` (e.g. en)",
                         **at("provisions", index, "text")))
    if prov.quoted_flag:
        how = ("rename `text:` to `summary:`" if prov.summary else "keep `text:` (the words of the law)") + \
            " and drop `quoted:`"
        out.append(Issue("quoted-flag", f"provision {prov.id!r} uses the old `quoted:` flag; it is read as "
                         + ("our summary" if prov.summary else "the words of the law" if prov.text else "no text"),
                         severity="warning", hint=how, **at("provisions", index, "quoted")))
    return out


def _assessment_law_issues(country: Country, where: tuple[str, int], assessment: Any,
                           criteria: dict[str, CriteriaSet], provisions: dict[str, Any], statutes: dict[str, Any],
                           at: Callable[..., dict[str, Any]]) -> list[Issue]:
    """Return the issues of one assessment (at ``where``) with the law: its scope, a law_as_at after
    it was made, and the evidence each answer cites."""
    out = _scope_issues(assessment.scope, country.iso3, at, *where)
    if assessment.law_as_at is not None and assessment.law_as_at > assessment.assessed_on:
        out.append(Issue("law-as-at-after-assessed", f"law_as_at {assessment.law_as_at} is after assessed_on "
                         f"{assessment.assessed_on}: an assessment cannot describe the law of a later day",
                         severity="warning", hint="give the date of the law the coder read",
                         **at(*where, "law_as_at")))
    cs = criteria.get(assessment.set)
    points = {s.code: s.points for s in cs.scale} if cs is not None else {}
    day = assessment.law_date
    units = set(assessment.coded_scope.units)
    for crit_id, answer in assessment.answers.items():
        scores = (points.get(answer.value) or 0) > 0
        for e_index, ref in enumerate(answer.evidence):
            cited = provisions.get(ref)
            if cited is None:
                continue  # unknown-provision is reported by the main checks
            out.extend(_cited_issues(crit_id, answer.value, scores, cited, statutes.get(cited.statute),
                                     day, units,
                                     functools.partial(at, *where, "answers", crit_id, "evidence", e_index)))
    return out


def _cited_issues(crit_id: str, value: str, scores: bool, cited: Any, act: Any, day: dt.date,
                  units: set[str], located: Callable[[], dict[str, Any]]) -> list[Issue]:
    """Return the issues of one provision cited as evidence (``act``: its statute, if listed) for the
    law as at ``day`` and the assessment's ``units``: a bill supporting a scoring answer, or law not
    yet in force, repealed or applying elsewhere. ``located`` gives the location, looked up only when
    there is something to report."""
    laws = (cited,) if act is None else (act, cited)
    bill = any(law.bill for law in laws)
    late = None if bill else next((law for law in laws if not law.in_force_at(day)), None)
    gone = None if bill else next((law for law in laws if law.repealed_at(day)), None)
    where_scope = cited.scope or (act.scope if act is not None else None)
    cover = set(where_scope.units) if (units and where_scope is not None) else set()
    mismatch = bool(units and cover and not units & cover)
    if not ((bill and scores) or late is not None or gone is not None or mismatch):
        return []  # the common case: nothing to report, so no location is looked up
    loc = located()
    name = _name(cited, act)
    if bill:
        return [Issue("bill-cited", f"{crit_id}: {name} is a bill, not law, and cannot support "
                      f'"{value}"', hint="cite law in force, or code the answer from "
                      "the law as it stands and mention the bill in the note", **loc)]
    out: list[Issue] = []
    if late is not None:
        start = late.in_force or late.enacted
        out.append(Issue("provision-not-in-force", f"{crit_id}: {name} came into force on {start}, "
                         f"after the law as at {day} this assessment describes", severity="warning",
                         hint="cite what was in force then, or move law_as_at", **loc))
    if gone is not None:
        out.append(Issue("repealed-cited", f"{crit_id}: {name} was repealed on {gone.repealed_on}, "
                         f"before the law as at {day} this assessment describes", severity="warning",
                         hint="cite the law that replaced it", **loc))
    if mismatch:
        out.append(Issue("scope-mismatch", f"{crit_id}: {name} applies in {', '.join(sorted(cover))}, "
                         f"outside this assessment's scope ({', '.join(sorted(units))})",
                         severity="warning", hint="cite law that applies where the assessment is "
                         "coded, or widen the assessment's scope", **loc))
    return out


def _contradicted_facts(country: Country, criteria: dict[str, CriteriaSet],
                        at: Callable[..., dict[str, Any]]) -> list[Issue]:
    """Return an ``answer-contradicts-fact`` warning for every answer to a criterion with
    ``derived_from`` that says "met" while the country's fact says not, or "not met" while it says met."""
    out: list[Issue] = []
    if not country.facts:
        return out
    for a_index, assessment in enumerate(country.assessments):
        cs = criteria.get(assessment.set)
        if cs is None:
            continue
        for crit in cs.criteria:
            rule, answer = crit.derived_from, assessment.answers.get(crit.id)
            if rule is None or answer is None or answer.value not in cs.codes:
                continue
            fact = next((f for f in country.facts if f.fact == rule.fact and
                         (f.scope is None or f.scope == assessment.scope)), None)
            holds = rule.holds(fact.value) if fact is not None else None
            counts = cs.counts_as(answer.value, crit.id)
            if fact is None or holds is None or counts not in ("met", "not_met") or (counts == "met") == holds:
                continue
            shown = f"{fact.value:g}" if isinstance(fact.value, float) else repr(fact.value)
            out.append(Issue("answer-contradicts-fact", f'{crit.id}: "{answer.value}", but this file records '
                             f"{rule.fact} = {shown}", severity="warning", hint=f"{crit.id} is met when {rule.fact} "
                             + (f"is at least {rule.at_least:g}" if rule.at_least is not None else
                                f"is at most {rule.at_most:g}" if rule.at_most is not None else f"= {rule.equals!r}")
                             + ": check the answer or the fact", **at("assessments", a_index, "answers", crit.id)))
    return out


_FACT_TYPES = {"age": (float,), "years": (float,), "number": (float,), "boolean": (bool,), "text": (str,)}


def _check_facts(country: Country, at: Callable[..., dict[str, Any]], facts: FactCatalogue | None) -> list[Issue]:
    out: list[Issue] = []
    known = {f.id: f for f in facts.facts} if facts is not None else {}
    provisions = {p.id for p in country.provisions}
    seen: set[tuple[str, str]] = set()
    for index, fact in enumerate(country.facts):
        where = ("facts", index)
        definition = known.get(fact.fact)
        if definition is None:
            hint = f"use one of {', '.join(sorted(known))}" if known else \
                "add the fact to criteria/facts.yaml (id, label, type, unit)"
            out.append(Issue("unknown-fact", f"fact {fact.fact!r} is not in criteria/facts.yaml", hint=hint,
                             **at(*where, "fact")))
        elif fact.value is not None and not (isinstance(fact.value, _FACT_TYPES[definition.type])
                                             and not (definition.type != "boolean" and isinstance(fact.value, bool))):
            out.append(Issue("bad-fact-value", f"fact {fact.fact!r} takes a {definition.type} value, not "
                             f"{fact.value!r}", hint="numbers unquoted (16), booleans true/false; leave the value "
                             "out when it is not known", **at(*where, "value")))
        elif definition.type in ("age", "years", "number") and isinstance(fact.value, float) and fact.value < 0:
            out.append(Issue("bad-fact-value", f"fact {fact.fact!r} cannot be negative", hint="check the value",
                             **at(*where, "value")))
        key = (fact.fact, (fact.scope or Scope()).model_dump_json())
        if key in seen:
            out.append(Issue("duplicate-id", f"fact {fact.fact!r} is given twice for the same scope",
                             hint="keep one, or give each its scope", **at(*where, "fact")))
        seen.add(key)
        if fact.value is not None and not fact.evidence:
            out.append(Issue("fact-evidence-missing", f"fact {fact.fact!r} = {fact.value!r} cites no provision",
                             severity="warning", hint="add evidence: [provision-id]", **at(*where)))
        for e_index, ref in enumerate(fact.evidence):
            if ref not in provisions:
                out.append(Issue("unknown-provision", f"fact {fact.fact!r}: evidence {ref!r} is not a provision in "
                                 "this file", hint="add it under `provisions:` or fix the id",
                                 **at(*where, "evidence", e_index)))
        if fact.scope is not None:
            problem = scope_problem(fact.scope, country.iso3)
            if problem:
                out.append(Issue("unknown-subdivision", problem[0], hint=problem[1], **at(*where, "scope")))
    return out


def _check_instruments(country: Country, at: Callable[..., dict[str, Any]],
                       instruments: InstrumentCatalogue | None) -> list[Issue]:
    out: list[Issue] = []
    known = {i.id for i in instruments.instruments} if instruments is not None else set()
    seen: set[str] = set()
    for index, item in enumerate(country.instruments):
        if item.instrument not in known:
            out.append(Issue("unknown-instrument", f"instrument {item.instrument!r} is not in "
                             "criteria/instruments.yaml", hint=f"use one of {', '.join(sorted(known))}" if known
                             else "add it to criteria/instruments.yaml", **at("instruments", index, "instrument")))
        if item.instrument in seen:
            out.append(Issue("duplicate-id", f"instrument {item.instrument!r} is given twice",
                             hint="keep the latest status (ratified after signed)",
                             **at("instruments", index, "instrument")))
        seen.add(item.instrument)
    return out


def law_date_text(day: dt.date | None) -> str:
    """Return "law as at 30 June 2023" for a date ("" for None)."""
    return f"law as at {day.day} {day:%B %Y}" if day is not None else ""


def check_derived_facts(criteria: dict[str, CriteriaSet], files: dict[str, str], positions: dict[str, Any],
                        facts: FactCatalogue | None) -> list[Issue]:
    """Return an ``unknown-fact`` error for every criterion ``derived_from`` a fact the catalogue lacks
    (none when the workspace has no catalogue: a set copied alone into a workspace stays valid, and
    no country there can record a fact to check against)."""
    if facts is None:
        return []
    known = {f.id for f in facts.facts} if facts is not None else set()
    out = []
    for set_id, cs in criteria.items():
        for index, crit in enumerate(cs.criteria):
            if crit.derived_from is not None and crit.derived_from.fact not in known:
                filename = files.get(set_id, f"criteria/{set_id}.yaml")
                line, col = position(positions.get(filename, {}), ("criteria", index, "derived_from", "fact"))
                out.append(Issue("unknown-fact", f"{crit.id}: derived_from names fact {crit.derived_from.fact!r}, "
                                 "which criteria/facts.yaml does not define", file=filename, line=line, column=col,
                                 hint="add it to criteria/facts.yaml or fix the id"))
    return out


def facts_digest(country: Country) -> str:
    """Return the SHA-256 of what the fact and instrument pages show of a country (its facts, the
    provisions and statutes they cite, its instruments, its name), or "" when it records neither."""
    if not country.facts and not country.instruments:
        return ""
    import hashlib

    cited = {e for f in country.facts for e in f.evidence}
    provisions = [p for p in country.provisions if p.id in cited]
    statutes = {p.statute for p in provisions}
    h = hashlib.sha256(country.name.encode())
    for item in (*country.facts, *provisions, *(s for s in country.statutes if s.id in statutes),
                 *country.instruments):
        h.update(b"\x00" + item.model_dump_json().encode())
    return h.hexdigest()


def stated_scopes(country: Country) -> tuple[tuple[str, str, str, str], ...]:
    """Return (set, edition, coder, scope as text) of every assessment that states a scope."""
    return tuple((a.set, a.edition, a.coder, a.scope.text) for a in country.assessments if a.scope is not None)


def provision_label(statute_title: str, section: str, subsection: str | None) -> str:
    """Return how a page names a provision: "Statute title, s. 24(2)"."""
    return f"{statute_title}, s. {section}" + (f"({subsection})" if subsection else "")


def cited_labels(country: Country) -> tuple[tuple[str, str], ...]:
    """Return (provision id, :func:`provision_label`) of every provision an answer cites as evidence (what
    the criterion pages show beside an answer: known without reading the country's model again)."""
    cited = {e for a in country.assessments for answer in a.answers.values() for e in answer.evidence}
    if not cited:
        return ()
    titles = {st.id: st.title for st in country.statutes}
    return tuple((p.id, provision_label(titles.get(p.statute, p.statute), p.section, p.subsection))
                 for p in country.provisions if p.id in cited)
