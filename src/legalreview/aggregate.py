"""Spine -> the tables a global review publishes: global table, counts, regions, editions, gaps.

Every function here is plain, vectorised pandas over the spine (see :mod:`legalreview.scoring`)
and returns a new DataFrame or Series.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pandas as pd

from .jurisdictions import Registry
from .models import CriteriaSet, TierRule, change_kind, change_reason
from .scoring import (NOT_ASSESSED, RANGE_COLUMNS, UNCLASSIFIED, UNDETERMINED, assessment_frame, edition_order,
                      tier_range)


#: The spine's columns the tables are made of (the others are copied by no table).
_TABLE_COLUMNS = ["iso3", "set", "edition", "coder", "criterion", "value", "points", "met", "change", "status",
                  "assessed_on"]
#: The spine's columns that say what each assessment was coded for (the table's ``scope``).
_SCOPE_COLUMNS = ["iso3", "edition", "coder", "scope", "derived_from_units"]
#: How the table's ``scope`` names a federal rule (``derived from units (all)``).
_RULE_WORDS = {"all_units": "all", "any_unit": "any"}
#: The table's ``scope`` of an assessment of the jurisdiction's national law (the spine leaves it empty).
NATIONAL_SCOPE = "National law"
#: The columns of the reasons given for changed answers.
_REASON_COLUMNS = ["iso3", "edition", "coder", "criterion", "change"]


def _counted(spine: pd.DataFrame, cs: CriteriaSet, columns: list[str] | None = None) -> pd.DataFrame:
    mask = (spine["set"].to_numpy() == cs.id) & spine["counted"].to_numpy(dtype=bool)
    return (spine if columns is None else spine[columns])[mask]


def _codes(column: pd.Series) -> tuple[np.ndarray, int]:
    """Return a column's sorted integer codes (the order of its values) and how many values there are."""
    codes, uniques = pd.factorize(column, sort=True, use_na_sentinel=False)
    return codes.astype(np.int64), max(len(uniques), 1)


def _assessments(rows: pd.DataFrame, cs: CriteriaSet) -> pd.DataFrame:
    """Return one row per (iso3, edition, coder) of ``rows`` (spine rows of one set), sorted by them: the
    columns of :func:`assessment_frame` after those keys, then the assessment's status and date.

    The same values and dtypes as ``assessment_frame(rows, cs).reset_index()`` merged with each
    assessment's status and date, in one pass without pivots (a set of 10,000 countries in
    milliseconds rather than seconds).
    """
    keys = ["iso3", "edition", "coder"]
    if rows.empty:
        frame = assessment_frame(rows, cs).reset_index()
        heads = rows.drop_duplicates(keys)[[*keys, "status", "assessed_on"]]
        return frame.merge(heads, on=keys, how="left")
    combined = np.zeros(len(rows), dtype=np.int64)
    for key in keys:
        codes, n = _codes(rows[key])
        combined = combined * n + codes
    groups, first, inverse = np.unique(combined, return_index=True, return_inverse=True)
    crit_ids = cs.criterion_ids
    position = rows["criterion"].map({c: i for i, c in enumerate(crit_ids)}).to_numpy(dtype=float, na_value=np.nan)
    keep = ~np.isnan(position)
    at, col = inverse[keep], position[keep].astype(np.int64)
    shape = (len(groups), len(crit_ids))
    values = np.full(shape, np.nan, dtype=object)
    values[at, col] = rows["value"].to_numpy(dtype=object)[keep]
    met = np.full(shape, np.nan)
    met[at, col] = rows["met"].to_numpy(dtype=float, na_value=np.nan)[keep]
    points = np.full(shape, np.nan)
    points[at, col] = rows["points"].to_numpy(dtype=float, na_value=np.nan)[keep]
    dtype = rows["value"].dtype
    heads = rows.iloc[first]
    out = pd.DataFrame({key: heads[key].to_numpy() for key in keys})
    for j, c in enumerate(crit_ids):
        out[c] = pd.array(values[:, j], dtype=dtype)
    met_bool = pd.DataFrame(met == 1, columns=crit_ids)
    known = pd.DataFrame(~np.isnan(met), columns=crit_ids)
    out["met_count"] = met_bool.sum(axis=1).astype(int)
    out["unknown_count"] = (~known & pd.DataFrame(pd.notna(values), columns=crit_ids)).sum(axis=1).astype(int)
    out["points"] = pd.DataFrame(points, columns=crit_ids).sum(axis=1, min_count=0)
    out["max_points"] = known.sum(axis=1) * (cs.max_points or 0)
    tiers = tier_range(cs, values, out.index)
    for col in tiers.columns:
        out[col] = tiers[col]
    out["status"] = heads["status"].to_numpy()
    out["assessed_on"] = heads["assessed_on"].to_numpy()
    return out


def _pick(frame: pd.DataFrame, cs: CriteriaSet, edition: str | None) -> pd.DataFrame:
    """Return one row per country (index iso3) of :func:`_assessments`: its ``edition``, else its latest."""
    if edition is not None:
        frame = frame[frame["edition"].to_numpy() == edition]
    if frame.empty:
        return frame.drop(columns=["status", "assessed_on"]).set_index("iso3")
    order = {e: i for i, e in enumerate(edition_order(cs, frame["edition"].unique()))}
    frame = frame.assign(_order=frame["edition"].map(order))
    frame = frame.sort_values(["iso3", "_order"]).drop_duplicates("iso3", keep="last").drop(columns="_order")
    return frame.set_index("iso3")


def counted_assessments(spine: pd.DataFrame, cs: CriteriaSet, edition: str | None = None) -> pd.DataFrame:
    """Return one row per country: its counted assessment of ``edition`` (default: its latest edition).

    Indexed by iso3, with the answer code per criterion, ``met_count``, ``points``, ``tier``, and
    the assessment's edition, coder, status and date.
    """
    rows = _counted(spine, cs, _TABLE_COLUMNS)
    if edition is not None:
        rows = rows[rows["edition"].to_numpy() == edition]
    return _pick(_assessments(rows, cs), cs, edition)


class SetTables:
    """Every counted assessment of one set (all editions, computed once), and the tables made from it.

    ``table(edition)`` equals :func:`global_table`, ``assessments(edition)`` :func:`counted_assessments`,
    ``diff(old, new)`` :func:`diff` and ``trend()`` :func:`trend`; tables and assessments are made once.
    """

    def __init__(self, spine: pd.DataFrame, cs: CriteriaSet, registry: Registry):
        self.cs, self.registry = cs, registry
        rows = _counted(spine, cs, _TABLE_COLUMNS)
        self.frame = _assessments(rows, cs)
        #: the counted rows that give a reason for a changed answer
        self.reasons = rows.loc[rows["change"].to_numpy() != "", _REASON_COLUMNS]
        self.editions = edition_order(cs, self.frame["edition"].unique())
        self.scopes = assessment_scopes(_counted(spine, cs, _SCOPE_COLUMNS))
        self._picked: dict[str | None, pd.DataFrame] = {}
        self._tables: dict[str | None, pd.DataFrame] = {}
        self._diffs: dict[tuple[str, str], pd.DataFrame] = {}

    def assessments(self, edition: str | None = None) -> pd.DataFrame:
        """Return :func:`counted_assessments` of ``edition`` (shared: do not modify)."""
        if edition not in self._picked:
            self._picked[edition] = _pick(self.frame, self.cs, edition)
        return self._picked[edition]

    def table(self, edition: str | None = None) -> pd.DataFrame:
        """Return :func:`global_table` of ``edition`` (shared: do not modify)."""
        if edition not in self._tables:
            self._tables[edition] = _table(self.assessments(edition), self.cs, self.registry, self.scopes)
        return self._tables[edition]

    def diff(self, old: str, new: str) -> pd.DataFrame:
        """Return :func:`diff` of editions ``old`` and ``new`` (made once: the site's trend chart and its
        latest changes both ask; each caller gets its own copy)."""
        if (old, new) not in self._diffs:
            self._diffs[old, new] = _diff(self.assessments(old), self.assessments(new), self.reasons, self.cs,
                                          self.registry, new)
        return self._diffs[old, new].copy()

    def trend(self) -> pd.DataFrame:
        """Return :func:`trend` of the set."""
        return _trend(self.frame, self.cs)


def global_table(spine: pd.DataFrame, cs: CriteriaSet, registry: Registry, edition: str | None = None) -> pd.DataFrame:
    """Return the global table: one row per roster country (index iso3), a column per criterion
    (answer code), ``met_count``, ``points``, ``tier``, ``tier_label`` and ``assessed``.

    Countries without a counted assessment are present with ``tier`` "not-assessed".
    """
    return _table(counted_assessments(spine, cs, edition), cs, registry,
                  assessment_scopes(_counted(spine, cs, _SCOPE_COLUMNS)))


def assessment_scopes(rows: pd.DataFrame) -> pd.Series:
    """Return, per counted assessment (index iso3, edition, coder), the scope its answers were coded
    for, as people read it: the assessment's scope ("National law" when it states none), "derived
    from units (all)" (or "(any)") when every answer comes from the sub-national units, or the
    scope followed by "; other criteria derived from units (all)" when some do."""
    keys = ["iso3", "edition", "coder"]
    if rows.empty:
        return pd.Series([], dtype=object, index=pd.MultiIndex.from_arrays([[], [], []], names=keys))
    derived = rows["derived_from_units"].to_numpy() != ""
    own = rows[~derived].drop_duplicates(keys).set_index(keys)["scope"]
    rule = rows[derived].drop_duplicates(keys).set_index(keys)["derived_from_units"]
    index = own.index.union(rule.index)
    own, rule = own.reindex(index), rule.reindex(index).map(_RULE_WORDS)
    base = own.where(own != "", NATIONAL_SCOPE)
    text = base.where(rule.isna(), base + "; other criteria derived from units (" + rule + ")")
    return text.where(own.notna(), "derived from units (" + rule + ")").astype(object)


def _table(found: pd.DataFrame, cs: CriteriaSet, registry: Registry, scopes: pd.Series | None = None) -> pd.DataFrame:
    """Return the global table of these counted assessments (see :func:`global_table`); ``scopes``
    from :func:`assessment_scopes` gives the last column, ``scope``."""
    members = registry.members
    base = pd.DataFrame(
        {"country": [j.name for j in members], "region": [j.region for j in members],
         "subregion": [j.subregion for j in members]},
        index=pd.Index(registry.codes, name="iso3"),
    )
    cols = ["edition", "coder", "status", "assessed_on", *cs.criterion_ids, "met_count", "unknown_count",
            "points", "max_points", "tier", *RANGE_COLUMNS]
    found = found.reindex(columns=cols)
    table = base.join(found, how="left")
    table["assessed"] = table["tier"].notna()
    for col in ("tier", "tier_low", "tier_high"):
        table[col] = table[col].fillna(NOT_ASSESSED)
    table["unknown_criteria"] = table["unknown_criteria"].fillna("")
    table["tier_label"] = tier_labels(table, cs)
    for col in ("met_count", "unknown_count"):
        table[col] = table[col].astype("Int64")
    for col in ("edition", "coder", "status", *cs.criterion_ids):  # missing: "" (as .where(notna), without aligning)
        values = table[col].to_numpy(dtype=object, copy=True)
        values[pd.isna(values)] = ""
        table[col] = pd.Series(values, index=table.index, dtype=object)
    scope = pd.Series("", index=table.index, dtype=object)
    if scopes is not None and len(found):
        picked = pd.MultiIndex.from_arrays([found.index, found["edition"], found["coder"]])
        scope = pd.Series(scopes.reindex(picked).to_numpy(), index=found.index, dtype=object).reindex(table.index)
        scope = scope.where(scope.notna(), "")
    table["scope"] = scope
    return table


def short_label(label: str) -> str:
    """Return a tier label up to its colon ("Comprehensive legislation: meets all ..." -> the head)."""
    return label.split(":", 1)[0].strip()


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def base_tier_labels(cs: CriteriaSet) -> dict[str, str]:
    """Return tier id -> label, plus "undetermined", "unclassified" and "not-assessed"."""
    return {t.id: t.label for t in cs.tiers} | {UNDETERMINED: "Undetermined", UNCLASSIFIED: "Unclassified",
                                                NOT_ASSESSED: "Not yet assessed"}


def range_label(cs: CriteriaSet, low: str, high: str, unknown: str) -> str:
    """Return the label of an undetermined tier: both tiers it could be and the criteria not known
    ("Sufficient legislation or comprehensive legislation — C5 not known")."""
    labels = base_tier_labels(cs)
    lo, hi = short_label(labels.get(low, low)), short_label(labels.get(high, high))
    known = f" — {unknown} not known" if unknown else ""
    if low == high:
        return f"Undetermined{known}"
    if "," not in unknown:
        return f"{lo} or {_lower_first(hi)}{known}"
    return f"Between {_lower_first(lo)} and {_lower_first(hi)}{known}"


def tier_labels(table: pd.DataFrame, cs: CriteriaSet) -> pd.Series:
    """Return each row's tier label; an undetermined row's names both tiers and the unknown criteria."""
    labels = table["tier"].map(base_tier_labels(cs))
    open_ = table["tier"].to_numpy() == UNDETERMINED
    if open_.any():  # one label per distinct (low, high, unknown) combination
        part = table.loc[open_, ["tier_low", "tier_high", "unknown_criteria"]]
        keys = list(zip(part["tier_low"].tolist(), part["tier_high"].tolist(), part["unknown_criteria"].tolist()))
        made = {key: range_label(cs, *key) for key in set(keys)}
        labels[open_] = [made[key] for key in keys]
    return labels


def _rule_strength(rule: TierRule, n_criteria: int) -> float:
    """Return how much a tier's rule demands, so tiers can be ranked from strongest to weakest."""
    if rule.all_met is not None:
        return n_criteria + len(rule.all_met) / (n_criteria + 1)
    if rule.min_met is not None:
        return float(rule.min_met)
    if rule.any_met is not None:
        return 0.5
    return -1.0  # none_met: the set's "no legislation" outcome


def tiers_by_strength(cs: CriteriaSet) -> list[str]:
    """Return the set's tier ids from the most to the least demanding rule (rule order breaks ties):
    the order in which ``at_least`` accumulates and charts colour."""
    n = len(cs.criteria)
    ranked = sorted(enumerate(cs.tiers), key=lambda it: (-_rule_strength(it[1].rule, n), it[0]))
    return [t.id for _, t in ranked]


def tier_order(cs: CriteriaSet) -> list[str]:
    """Return tier ids in rule order, then "undetermined", "unclassified" and "not-assessed"."""
    return [t.id for t in cs.tiers] + [UNDETERMINED, UNCLASSIFIED, NOT_ASSESSED]


def tier_counts(table: pd.DataFrame, cs: CriteriaSet) -> pd.DataFrame:
    """Return per tier (index, in rule order; "undetermined" and "unclassified" only when non-zero):

    - ``countries``: the countries in the tier;
    - ``share``: their share of the roster (0-1);
    - ``at_least``: the countries certainly in this tier or a better one (tiers ranked by
      :func:`tiers_by_strength`; an undetermined country counts by its ``tier_low``) — ICMEC's
      "sufficient legislation" headline is ``at_least`` of the tier below "comprehensive";
    - ``at_most``: the countries that would be in this tier or a better one if every unknown answer
      were met (by ``tier_high``); equal to ``at_least`` when nothing is undetermined.

    ``at_least`` and ``at_most`` are 0 for "undetermined", "unclassified" and "not-assessed".
    """
    found = Counter(table["tier"].tolist())
    tiers = [t for t in tier_order(cs) if found.get(t, 0) or t not in (UNDETERMINED, UNCLASSIFIED)]
    counts = np.array([found.get(t, 0) for t in tiers], dtype=int)
    rank = {t: i for i, t in enumerate(tiers_by_strength(cs))}
    low = Counter(rank.get(t) for t in table["tier_low"].tolist())  # rank -> countries (None: no rank)
    high = Counter(rank.get(t) for t in table["tier_high"].tolist())
    at_least = [sum(n for r, n in low.items() if r is not None and r <= rank[t]) if t in rank else 0 for t in tiers]
    at_most = [sum(n for r, n in high.items() if r is not None and r <= rank[t]) if t in rank else 0 for t in tiers]
    return pd.DataFrame({"countries": counts, "share": counts / max(len(table), 1), "at_least": at_least,
                         "at_most": at_most}, index=pd.Index(tiers, name="tier"))


def met_codes(cs: CriteriaSet) -> list[str]:
    """Return the answer codes that meet a criterion (those with the scale's highest points)."""
    best = cs.max_points
    return [s.code for s in cs.scale if s.points is not None and s.points == best]


def criterion_counts(table: pd.DataFrame, cs: CriteriaSet) -> pd.Series:
    """Return criterion id -> number of countries meeting it."""
    counts = table[cs.criterion_ids].isin(met_codes(cs)).sum().astype(int)
    counts.index.name = "criterion"
    counts.name = "countries"
    return counts


def answer_counts(table: pd.DataFrame, cs: CriteriaSet) -> pd.DataFrame:
    """Return criterion x answer code -> number of countries, with a "not-assessed" column (answers
    not on the set's scale are not counted). Counted a column at a time (a crosstab costs milliseconds
    and a set page asks for it on every build)."""
    columns = [*cs.codes, NOT_ASSESSED]
    at = {code: j for j, code in enumerate(columns)}
    counts = np.zeros((len(cs.criterion_ids), len(columns)), dtype=int)
    for i, crit in enumerate(cs.criterion_ids):
        for value, n in Counter(table[crit].tolist()).items():
            j = at.get(NOT_ASSESSED if isinstance(value, str) and value == "" else value)
            if j is not None:
                counts[i, j] = n
    return pd.DataFrame(counts, index=pd.Index(cs.criterion_ids, name="criterion"),
                        columns=pd.Index(columns, name="value"))


def by_region(table: pd.DataFrame, cs: CriteriaSet, level: str = "region") -> pd.DataFrame:
    """Return region (or sub-region) x tier -> number of countries, with ``countries`` and ``assessed`` totals
    (regions sorted by name, "" as "(none)"; tiers in :func:`tier_order`, "undetermined" and "unclassified"
    only when some country is). Counted in one pass over the rows."""
    if level not in ("region", "subregion"):
        raise ValueError(f"level must be 'region' or 'subregion', not {level!r}")
    tiers = tier_order(cs)
    at = {t: j for j, t in enumerate(tiers)}
    lines: dict[Any, list[int]] = {}
    for region, tier, assessed in zip(table[level].tolist(), table["tier"].tolist(), table["assessed"].tolist()):
        if pd.isna(region) or pd.isna(tier):  # as a crosstab: a row without a region or a tier is not counted
            continue
        line = lines.setdefault("(none)" if region == "" else region, [0] * (len(tiers) + 2))
        j = at.get(tier)
        if j is not None:
            line[j] += 1
        line[-2] += 1
        line[-1] += bool(assessed)
    names = sorted(lines)
    index = pd.Index(names, name=level) if names else pd.Index([], dtype=table[level].dtype, name=level)
    out = pd.DataFrame([lines[r] for r in names], index=index, columns=[*tiers, "countries", "assessed"], dtype=int)
    for extra in (UNDETERMINED, UNCLASSIFIED):
        if out[extra].sum() == 0:
            out = out.drop(columns=extra)
    return out


def trend(spine: pd.DataFrame, cs: CriteriaSet) -> pd.DataFrame:
    """Return edition (oldest first) -> countries assessed, per tier and per criterion met."""
    return _trend(_assessments(_counted(spine, cs, _TABLE_COLUMNS), cs), cs)


def _trend(frame: pd.DataFrame, cs: CriteriaSet) -> pd.DataFrame:
    """Return :func:`trend` from the :func:`_assessments` of a set's counted rows."""
    editions = edition_order(cs, frame["edition"].unique())
    tier_ids = [*(t.id for t in cs.tiers), UNDETERMINED]
    met = set(met_codes(cs))
    firsts: dict[Any, dict[Any, int]] = {}  # edition -> iso3 -> its first row (as drop_duplicates keeps)
    for at, (ed, iso3) in enumerate(zip(frame["edition"].tolist(), frame["iso3"].tolist())):
        firsts.setdefault(ed, {}).setdefault(iso3, at)
    tiers = frame["tier"].tolist()
    answers = [frame[c].tolist() for c in cs.criterion_ids]
    lines = []
    for ed in editions:
        rows = list(firsts.get(ed, {}).values())
        counts = Counter(tiers[at] for at in rows)
        line = {"edition": ed, "assessed": len(rows)}
        line |= {t: counts.get(t, 0) for t in tier_ids}
        line |= {c: sum(1 for at in rows if column[at] in met) for c, column in zip(cs.criterion_ids, answers)}
        lines.append(line)
    cols = ["edition", "assessed", *[t.id for t in cs.tiers], UNDETERMINED, *cs.criterion_ids]
    return pd.DataFrame(lines, columns=cols).set_index("edition").fillna(0).astype(int)


def diff(spine: pd.DataFrame, cs: CriteriaSet, registry: Registry, old: str, new: str) -> pd.DataFrame:
    """Return one row per country whose answers or tier changed between editions ``old`` and ``new``.

    Columns: country, kind, changed (criterion ids), details ("C4: no → yes (law-amended)", or "first
    assessed in edition 2023"), tier_before, tier_after. A country assessed in one edition only
    appears with tier "not-assessed" on the other side.

    ``kind`` tells the law from our coding: "law" when any changed answer gives a law reason
    (law-amended, new-law); "coding" when every change is ours (correction, method-change,
    first-coded, recoded; a country first or no longer assessed); "unexplained" when some change has
    no reason (``validate`` warns about it) and none is a change in law. An answer that went from
    unknown (or none) to a decided one without a reason is "first-coded".
    """
    rows = _counted(spine, cs, _TABLE_COLUMNS)
    frame = _assessments(rows[np.isin(rows["edition"].to_numpy(), [old, new])], cs)
    return _diff(_pick(frame, cs, old), _pick(frame, cs, new), rows, cs, registry, new)


def _answer_rows(found: pd.DataFrame, cs: CriteriaSet) -> dict[str, tuple[Any, ...]]:
    """Return iso3 -> (answer per criterion ("" when missing)..., tier) of counted assessments."""
    def cleaned(name: str) -> list[Any]:
        values = found[name].to_numpy(dtype=object)
        cleaned: list[Any] = np.where(pd.isna(values), "", values).tolist()
        return cleaned

    return dict(zip(found.index.tolist(), zip(*map(cleaned, cs.criterion_ids), found["tier"].tolist())))


def _diff(before: pd.DataFrame, after: pd.DataFrame, counted: pd.DataFrame, cs: CriteriaSet, registry: Registry,
          new: str) -> pd.DataFrame:
    """Return :func:`diff` from the counted assessments of both editions and the set's counted rows (those
    with a change reason suffice)."""
    reasons = counted[(counted["edition"].to_numpy() == new) & (counted["change"].to_numpy() != "")]
    reason_of = dict(zip(zip(reasons["iso3"].tolist(), reasons["criterion"].tolist()), reasons["change"].tolist()))
    crit_ids = cs.criterion_ids
    records = []
    rows_before = _answer_rows(before, cs)  # one pass, not a .loc per country
    rows_after = _answer_rows(after, cs)
    nothing = ("",) * len(crit_ids)
    for iso3 in sorted(set(rows_before) | set(rows_after)):
        b = rows_before.get(iso3)
        a = rows_after.get(iso3)
        if a == b:  # the same answers and tier
            continue
        changed, details, kinds = [], [], set()
        for crit, old_v, new_v in zip(crit_ids, nothing if b is None else b, nothing if a is None else a):
            if old_v != new_v:
                changed.append(crit)
                why = change_reason(old_v, new_v, reason_of.get((iso3, crit), ""))
                kinds.add(change_kind(why) or "unexplained")
                details.append(f"{crit}: {old_v or '-'} → {new_v or '-'}" + (f" ({why})" if why else ""))
        tier_b = b[-1] if b is not None else NOT_ASSESSED
        tier_a = a[-1] if a is not None else NOT_ASSESSED
        if changed or tier_a != tier_b:
            if b is None or a is None:  # every criterion "changed": say what happened instead of listing them
                details = [f"{'first' if b is None else 'not'} assessed in edition {new}"]
                kinds = {"coding"}
            kind = next((k for k in ("law", "unexplained", "coding") if k in kinds), "coding")
            j = registry.get(iso3)
            records.append({"iso3": iso3, "country": j.name if j else iso3, "kind": kind,
                            "changed": ", ".join(changed), "details": "; ".join(details), "tier_before": tier_b,
                            "tier_after": tier_a})
    cols = ["iso3", "country", "kind", "changed", "details", "tier_before", "tier_after"]
    return pd.DataFrame(records, columns=cols).set_index("iso3")


def gaps(table: pd.DataFrame, cs: CriteriaSet, iso3: str) -> pd.DataFrame:
    """Return the criteria a country does not meet, with the answer given and the model provision."""
    if iso3 not in table.index:
        raise KeyError(iso3)
    row = table.loc[iso3]
    good = set(met_codes(cs))
    records = []
    for crit in cs.criteria:
        value = row[crit.id]
        if value in good:
            continue
        records.append({"criterion": crit.id, "short": crit.short, "value": value or NOT_ASSESSED,
                        "question": crit.question, "model_provision": crit.model_provision})
    return pd.DataFrame(records, columns=["criterion", "short", "value", "question", "model_provision"])


def coverage(table: pd.DataFrame, cs: CriteriaSet) -> pd.Series:
    """Return how much of the roster is assessed: countries, assessed, not yet assessed, unknown answers."""
    unknown_codes = [s.code for s in cs.scale if s.points is None]
    unknown = table[cs.criterion_ids].isin(unknown_codes)
    return pd.Series({
        "countries": len(table),
        "assessed": int(table["assessed"].sum()),
        "not_yet_assessed": int((~table["assessed"]).sum()),
        "countries_with_unknown_answers": int(unknown.any(axis=1).sum()),
        "unknown_answers": int(unknown.to_numpy().sum()),
    }, name=cs.id)
