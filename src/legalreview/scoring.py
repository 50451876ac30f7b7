"""Models -> the spine: one tidy DataFrame from which every table, chart and page derives.

The spine has one row per (country, set, edition, coder, criterion) for every assessment in the
workspace. ``counted`` marks the assessment that stands for its country, set and edition in the
published tables (see :func:`select_counted`). Tier rules are evaluated here, once, vectorised.

Answers whose scale points are ``null`` (``unknown``, ``not_applicable``) have ``points`` NaN and
``met`` missing (``pd.NA``): they are never counted as "no".

Tiers follow the set's counting rules (:meth:`CriteriaSet.counts_as`): each answer counts as met, not
met, partly met or unknown. Every assessment is tiered twice, with every unknown not met
(``tier_low``) and with every unknown met (``tier_high``); ``tier`` is their common value, or
``undetermined`` when they differ or when no answer is decided.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from .jurisdictions import Registry
from .models import CODE_REGEX, NATIONAL, CriteriaSet, Country

#: The spine's columns, in order.
SPINE_COLUMNS = [
    "iso3", "country", "region", "subregion", "set", "edition", "criterion", "value", "points", "met",
    "evidence", "note", "change", "coder", "status", "assessed_on", "counted", "scope", "derived_from_units",
]
#: The columns of :func:`spine_rows`' tuples (``counted`` and ``derived_from_units`` are added by :func:`spine_frame`).
ROW_COLUMNS = [c for c in SPINE_COLUMNS if c not in ("counted", "derived_from_units")]
#: ``coder`` of the answers derived from units for a country with no counted assessment of its own.
UNITS_CODER = "units"
#: Assessment statuses that count in published tables; drafts only with ``include_drafts``.
COUNTED_STATUSES = ("published", "reviewed", "illustrative")
#: Which assessment stands when several share a date: the most final status first.
STATUS_RANK = {"published": 3, "reviewed": 2, "illustrative": 1, "draft": 0}
NOT_ASSESSED = "not-assessed"
UNCLASSIFIED = "unclassified"
UNDETERMINED = "undetermined"
#: The columns :func:`tier_range` adds after ``tier``.
RANGE_COLUMNS = ["tier_low", "tier_high", "unknown_criteria"]


def spine_schema() -> Any:  # a pandera.DataFrameSchema
    """Return the pandera schema the spine always satisfies (imported lazily: pandera is slow to load)."""
    import pandera.pandas as pa

    text = pa.Column(str)
    return pa.DataFrameSchema(
        {
            "iso3": pa.Column(str, pa.Check.str_matches(CODE_REGEX)),
            "country": text, "region": text, "subregion": text, "set": text, "edition": text,
            "criterion": text, "value": text,
            "points": pa.Column(float, pa.Check.ge(0), nullable=True),
            "met": pa.Column("boolean", nullable=True),
            "evidence": text, "note": text, "change": text, "coder": text,
            "status": pa.Column(str, pa.Check.isin(["draft", "reviewed", "published", "illustrative"])),
            "assessed_on": pa.Column("datetime64[ns]"),
            "counted": pa.Column(bool),
            "scope": text,
            "derived_from_units": pa.Column(str, pa.Check.isin(["", "all_units", "any_unit"])),
        },
        strict=True, ordered=True,
        unique=["iso3", "set", "edition", "coder", "criterion"],
    )


def edition_order(cs: CriteriaSet, editions: Iterable[str]) -> list[str]:
    """Return editions oldest first: the set's declared order, then any others sorted as text."""
    declared = [e.id for e in cs.editions]
    seen = set(editions)
    return [e for e in declared if e in seen] + sorted(seen - set(declared))


def build_spine(countries: Iterable[Country], criteria: dict[str, CriteriaSet], registry: Registry,
                include_drafts: bool = False) -> pd.DataFrame:
    """Return the spine for these countries (one row per country, set, edition, coder, criterion),
    with the answers derived from sub-national units (see :func:`derive_from_units`)."""
    return derive_from_units(spine_frame(spine_rows(countries, criteria, registry), include_drafts), criteria, registry)


def spine_rows(countries: Iterable[Country], criteria: dict[str, CriteriaSet],
               registry: Registry) -> list[tuple[Any, ...]]:
    """Return the spine's rows of these countries as tuples (``counted`` left out), unsorted."""
    rows: list[tuple[Any, ...]] = []
    points_of = {sid: {s.code: s.points for s in cs.scale} for sid, cs in criteria.items()}
    max_of = {sid: cs.max_points for sid, cs in criteria.items()}
    crit_ids = {sid: cs.criterion_ids for sid, cs in criteria.items()}
    nan, na = np.nan, pd.NA
    for country in countries:
        j = registry.get(country.iso3)
        region, subregion = (j.region, j.subregion) if j else ("", "")
        for a in country.assessments:
            if a.set not in criteria or a.independent:
                continue  # a blind second coding is compared (agreement), never published or counted
            pts, best = points_of[a.set], max_of[a.set]
            when = a.assessed_on  # a date: converted once per column (and quick to pickle)
            scope = "" if a.scope is None or a.scope == NATIONAL else a.scope.text
            for crit in crit_ids[a.set]:
                answer = a.answers.get(crit)
                if answer is None:
                    continue
                p = pts.get(answer.value)
                rows.append((country.iso3, country.name, region, subregion, a.set, a.edition, crit, answer.value,
                             nan if p is None else float(p), na if p is None else bool(p == best),
                             "; ".join(answer.evidence), answer.note or "", a.changes.get(crit, ""), a.coder,
                             a.status, when, scope))
    return rows


def spine_frame(rows: list[tuple[Any, ...]], include_drafts: bool = False) -> pd.DataFrame:
    """Return the spine made of :func:`spine_rows` (typed, ``counted`` chosen, sorted)."""
    spine = _typed(pd.DataFrame.from_records(rows, columns=ROW_COLUMNS))
    spine["counted"] = select_counted(spine, include_drafts)
    spine["derived_from_units"] = ""
    return sort_spine(spine[SPINE_COLUMNS])


def _typed(spine: pd.DataFrame) -> pd.DataFrame:
    spine = spine.astype({c: str for c in ("iso3", "country", "region", "subregion", "set", "edition", "criterion",
                                          "value", "evidence", "note", "change", "coder", "status", "scope")})
    spine["points"] = spine["points"].astype(float)
    spine["met"] = spine["met"].astype("boolean")
    spine["assessed_on"] = pd.to_datetime(spine["assessed_on"]).astype("datetime64[ns]")
    return spine


def _federal_state(states: list[str], rule: str) -> str:
    """Return how a federal country's answer counts from its units' (``all_units`` or ``any_unit``)."""
    if rule == "all_units":
        if "not_met" in states:
            return "not_met"
        if "unknown" in states:
            return "unknown"
        return "partly_met" if "partly_met" in states else "met"
    if "met" in states:
        return "met"
    if "unknown" in states:
        return "unknown"
    return "partly_met" if "partly_met" in states else "not_met"


def _meeting(met: int, total: int) -> str:
    if met == total:
        return "all meet it" if total > 1 else "it meets it"
    if met == 0:
        return "none meets it" if total > 1 else "it does not meet it"
    return f"{met} of {total} meet it"


def derive_from_units(spine: pd.DataFrame, criteria: dict[str, CriteriaSet], registry: Registry) -> pd.DataFrame:
    """Return the spine plus the answers a federal country's units give it: for a set whose
    ``federal_rule`` is ``all_units`` or ``any_unit``, every criterion that the country's counted
    assessment leaves unanswered (or every criterion, when it has no counted assessment of that
    edition) is answered from the counted answers of its units on the roster (a unit without one
    counts as not known). ``all_units``: met when every unit meets it, not met when one does not;
    ``any_unit``: met when one unit meets it. The answer is the code of the unit that decides it
    (the weakest for ``all_units``, the strongest for ``any_unit``); ``derived_from_units`` names
    the rule, ``note`` says how many units meet it. Derived rows count (``counted``)."""
    rules = {sid: cs.federal_rule for sid, cs in criteria.items() if cs.federal_rule != "national"}
    parents = {j.iso3: j.parent for j in registry.members if j.parent and j.parent in registry}
    if spine.empty or not rules or not parents:
        return spine
    counted = spine[spine["counted"].to_numpy() & spine["set"].isin(list(rules)).to_numpy()]
    units = counted[counted["iso3"].isin(list(parents)).to_numpy()]
    if units.empty:
        return spine
    rows: list[tuple[Any, ...]] = []
    for (parent, set_id, edition), group in units.groupby([units["iso3"].map(parents), "set", "edition"], sort=True):
        cs, rule = criteria[set_id], rules[set_id]
        members = registry.units_of(parent)
        own = counted[(counted["iso3"].to_numpy() == parent) & (counted["edition"].to_numpy() == edition)
                      & (counted["set"].to_numpy() == set_id)]
        answered = set(own["criterion"])
        j = registry.by_code[parent]
        if len(own):
            head = own.iloc[0]
            name, coder, status, when = head["country"], head["coder"], head["status"], head["assessed_on"]
        else:
            name, coder = j.name, UNITS_CODER
            status = min(group["status"].unique(), key=lambda s: STATUS_RANK.get(s, 0))
            when = group["assessed_on"].max()
        points = {s.code: s.points for s in cs.scale}
        by_unit = {(u, c): v for u, c, v in zip(group["iso3"], group["criterion"], group["value"])}
        for crit in cs.criterion_ids:
            if crit in answered:
                continue
            codes = [by_unit.get((u, crit)) for u in members]
            states = [cs.counts_as(code, crit) if code is not None else "unknown" for code in codes]
            state = _federal_state(states, rule)
            candidates = [code for code, st in zip(codes, states) if st == state and code is not None]
            if candidates:
                pick = min if rule == "all_units" else max
                value = pick(candidates, key=lambda code: (points.get(code) or 0.0))
            else:
                value = next((code for code in cs.codes if cs.counts_as(code, crit) == "unknown"), None)
                if value is None:
                    continue
            p = points.get(value)
            unknown = states.count("unknown")
            note = (f"Derived from {len(members)} sub-national units ({rule.replace('_', ' ')}): "
                    f"{_meeting(states.count('met'), len(members))}" + (f"; {unknown} not known" if unknown else ""))
            rows.append((parent, name, j.region, j.subregion, set_id, edition, crit, value,
                         np.nan if p is None else float(p), pd.NA if p is None else bool(p == cs.max_points),
                         "", note, "", coder, status, when, True, "", rule))
    if not rows:
        return spine
    derived = _typed(pd.DataFrame.from_records(rows, columns=SPINE_COLUMNS))
    derived["counted"] = derived["counted"].astype(bool)
    return sort_spine(pd.concat([spine, derived], ignore_index=True))


def sort_spine(spine: pd.DataFrame) -> pd.DataFrame:
    """Return the spine in its order: set, iso3, edition, coder, criterion (index 0..n-1)."""
    return spine.sort_values(["set", "iso3", "edition", "coder", "criterion"], kind="stable").reset_index(drop=True)


def select_counted(spine: pd.DataFrame, include_drafts: bool = False) -> pd.Series:
    """Return a boolean Series: True on rows of the one assessment that counts per country, set, edition.

    Eligible: published, reviewed and illustrative assessments (and drafts with ``include_drafts``).
    Among eligible ones the latest ``assessed_on`` wins, then the higher status
    (published > reviewed > illustrative > draft), then the coder name, for a deterministic choice.
    """
    if spine.empty:
        return pd.Series([], dtype=bool, index=spine.index)
    keys = ["iso3", "set", "edition", "coder"]
    heads = spine.drop_duplicates(keys)[keys + ["status", "assessed_on"]].copy()
    eligible = heads["status"].isin(COUNTED_STATUSES + (("draft",) if include_drafts else ()))
    heads = heads[eligible]
    heads["rank"] = heads["status"].map(STATUS_RANK)
    heads = heads.sort_values(["assessed_on", "rank", "coder"], ascending=[False, False, True], kind="stable")
    winners = heads.drop_duplicates(["iso3", "set", "edition"])
    chosen = pd.MultiIndex.from_frame(winners[keys])
    return pd.Series(pd.MultiIndex.from_frame(spine[keys]).isin(chosen), index=spine.index)


def assessment_frame(spine: pd.DataFrame, cs: CriteriaSet) -> pd.DataFrame:
    """Return one row per assessment of a set: a column per criterion (answer code) plus
    ``met_count``, ``points``, ``max_points``, ``unknown_count``, ``tier``, ``tier_low``,
    ``tier_high`` and ``unknown_criteria`` (see :func:`tier_range`).

    Rows are indexed by (iso3, edition, coder); only the set's rows of ``spine`` are used.
    """
    rows = spine[spine["set"] == cs.id]
    keys = ["iso3", "edition", "coder"]
    crit_ids = cs.criterion_ids
    values = rows.pivot(index=keys, columns="criterion", values="value").reindex(columns=crit_ids)
    met = rows.pivot(index=keys, columns="criterion", values="met").reindex(columns=crit_ids)
    met_bool = met.fillna(False).astype(bool)
    known = met.notna()
    points = rows.pivot(index=keys, columns="criterion", values="points").reindex(columns=crit_ids)
    out = values.copy()
    out.columns.name = None
    out["met_count"] = met_bool.sum(axis=1).astype(int)
    out["unknown_count"] = (~known & values.notna()).sum(axis=1).astype(int)
    out["points"] = points.sum(axis=1, min_count=0)
    out["max_points"] = known.sum(axis=1) * (cs.max_points or 0)
    tiers = tier_range(cs, values.to_numpy(dtype=object, na_value=None), out.index)
    for col in tiers.columns:
        out[col] = tiers[col]
    return out


def counting_states(cs: CriteriaSet, values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return boolean arrays (rows x criteria) ``met``, ``not_met`` and ``unknown`` for answer codes
    (rows x the set's criteria, missing answers None or NaN), by the set's counting rules.
    A cell in none of the three is partly met."""
    shape = (values.shape[0], len(cs.criteria))
    met, not_met, unknown = np.zeros(shape, bool), np.zeros(shape, bool), np.zeros(shape, bool)
    for j, crit in enumerate(cs.criterion_ids):
        column = pd.Series(values[:, j], dtype=object)
        codes: dict[str, list[str]] = {}
        for code in cs.codes:
            codes.setdefault(cs.counts_as(code, crit), []).append(code)
        met[:, j] = column.isin(codes.get("met", [])).to_numpy()
        not_met[:, j] = column.isin(codes.get("not_met", [])).to_numpy()
        partly = column.isin(codes.get("partly_met", [])).to_numpy()
        unknown[:, j] = ~(met[:, j] | not_met[:, j] | partly)  # "unknown", unanswered or off the scale
    return met, not_met, unknown


def tier_range(cs: CriteriaSet, values: np.ndarray, index: pd.Index | None = None) -> pd.DataFrame:
    """Return ``tier``, ``tier_low``, ``tier_high`` and ``unknown_criteria`` for rows of answer codes.

    ``tier_low`` counts every unknown as not met, ``tier_high`` every unknown as met; ``tier`` is
    their common value, else ``"undetermined"`` (also when no answer in the row is decided).
    ``unknown_criteria`` names the criteria counted as unknown ("C5", "C1, C2"; "" when none).
    """
    met, not_met, unknown = counting_states(cs, values)
    crit_ids = cs.criterion_ids
    index = pd.RangeIndex(len(values)) if index is None else index

    def frame(a: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame(a, columns=crit_ids, index=index)

    low = evaluate_tiers(cs, frame(met), frame(not_met | unknown))
    high = low if not unknown.any() else evaluate_tiers(cs, frame(met | unknown), frame(not_met))
    undecided = unknown.all(axis=1) if len(crit_ids) else np.zeros(len(values), bool)
    same = (low.to_numpy() == high.to_numpy()) & ~undecided
    names = np.full(len(values), "", dtype=object)
    some = np.flatnonzero(unknown.any(axis=1)) if len(crit_ids) else np.array([], dtype=int)
    if len(some):  # one code per pattern of unknown criteria, then one name per pattern
        bits = unknown[some].astype(np.int64) @ (1 << np.arange(len(crit_ids), dtype=np.int64))
        patterns, inverse = np.unique(bits, return_inverse=True)
        text = np.array([", ".join(c for j, c in enumerate(crit_ids) if p >> j & 1) for p in patterns.tolist()],
                        dtype=object)
        names[some] = text[inverse.ravel()]
    return pd.DataFrame({"tier": np.where(same, low.to_numpy(), UNDETERMINED), "tier_low": low.to_numpy(),
                         "tier_high": high.to_numpy(), "unknown_criteria": names}, index=index, dtype=object)


def evaluate_tiers(cs: CriteriaSet, met: pd.DataFrame, not_met: pd.DataFrame) -> pd.Series:
    """Return each row's tier id: the first tier whose rule matches, else ``"unclassified"``.

    ``met`` and ``not_met`` are boolean frames (rows x criteria); a cell in neither (partly met,
    or unknown when the caller leaves it so) satisfies neither ``all_met``/``any_met``/``min_met``
    nor ``none_met``. :func:`tier_range` calls this with every unknown counted one way, then the other.
    """
    tier = pd.Series(UNCLASSIFIED, index=met.index, dtype=object)
    decided = pd.Series(False, index=met.index)
    for t in cs.tiers:
        rule = t.rule
        if rule.all_met is not None:
            hit = met[rule.all_met].all(axis=1)
        elif rule.any_met is not None:
            hit = met[rule.any_met].any(axis=1)
        elif rule.none_met is not None:
            hit = not_met[rule.none_met].all(axis=1)
        else:
            hit = met.sum(axis=1) >= (rule.min_met or 0)
        newly = hit & ~decided
        tier[newly] = t.id
        decided |= hit
    return tier


#: :func:`reachable_tiers` enumerates at most this many answer combinations (2**16).
MAX_COMBINATIONS = 1 << 16


def reachable_tiers(cs: CriteriaSet) -> set[str] | None:
    """Return the tier ids some combination of decided answers reaches (``unclassified`` included when
    a combination matches no tier), or None when there are too many combinations to enumerate.

    Each criterion the rules depend on (every criterion when a ``min_met`` rule exists, else those the
    rules name) takes every decided state its answer codes can count as: met, not met, partly met.
    """
    crit_ids = cs.criterion_ids
    if any(t.rule.min_met is not None for t in cs.tiers):
        named = list(crit_ids)
    else:
        named = [c for c in crit_ids if any(c in t.rule.criteria for t in cs.tiers)]
    states = []
    for crit in named:
        found = {cs.counts_as(code, crit) for code in cs.codes} - {"unknown"}
        states.append(sorted(found) or ["not_met"])
    total = 1
    for s in states:
        total *= len(s)
    if total > MAX_COMBINATIONS:
        return None
    combos = np.array(list(itertools.product(*states)), dtype=object).reshape(total, len(named))
    met = pd.DataFrame(False, index=pd.RangeIndex(total), columns=crit_ids)
    not_met = met.copy()
    for j, crit in enumerate(named):
        met[crit] = combos[:, j] == "met"
        not_met[crit] = combos[:, j] == "not_met"
    return set(evaluate_tiers(cs, met, not_met).unique())
