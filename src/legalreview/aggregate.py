"""Spine -> the tables a global review publishes: global table, counts, regions, editions, gaps.

Every function here is plain, vectorised pandas over the spine (see :mod:`legalreview.scoring`)
and returns a new DataFrame or Series.
"""

from __future__ import annotations

import pandas as pd

from .jurisdictions import Registry
from .models import CriteriaSet
from .scoring import NOT_ASSESSED, UNCLASSIFIED, assessment_frame, edition_order

TABLE_META = ["country", "region", "subregion", "edition", "coder", "status", "assessed_on"]


def _counted(spine: pd.DataFrame, cs: CriteriaSet) -> pd.DataFrame:
    return spine[(spine["set"] == cs.id) & spine["counted"]]


def counted_assessments(spine: pd.DataFrame, cs: CriteriaSet, edition: str | None = None) -> pd.DataFrame:
    """Return one row per country: its counted assessment of ``edition`` (default: its latest edition).

    Indexed by iso3, with the answer code per criterion, ``met_count``, ``points``, ``tier``, and
    the assessment's edition, coder, status and date.
    """
    rows = _counted(spine, cs)
    if edition is not None:
        rows = rows[rows["edition"] == edition]
    frame = assessment_frame(rows, cs).reset_index()
    if frame.empty:
        return frame.set_index("iso3")
    heads = rows.drop_duplicates(["iso3", "edition", "coder"])[["iso3", "edition", "coder", "status", "assessed_on"]]
    frame = frame.merge(heads, on=["iso3", "edition", "coder"], how="left")
    order = {e: i for i, e in enumerate(edition_order(cs, frame["edition"].unique()))}
    frame["_order"] = frame["edition"].map(order)
    frame = frame.sort_values(["iso3", "_order"]).drop_duplicates("iso3", keep="last").drop(columns="_order")
    return frame.set_index("iso3")


def global_table(spine: pd.DataFrame, cs: CriteriaSet, registry: Registry, edition: str | None = None) -> pd.DataFrame:
    """Return the global table: one row per roster country (index iso3), a column per criterion
    (answer code), ``met_count``, ``points``, ``tier``, ``tier_label`` and ``assessed``.

    Countries without a counted assessment are present with ``tier`` "not-assessed".
    """
    base = pd.DataFrame(
        {"country": [j.name for j in registry.members], "region": [j.region for j in registry.members],
         "subregion": [j.subregion for j in registry.members]},
        index=pd.Index(registry.codes, name="iso3"),
    )
    found = counted_assessments(spine, cs, edition)
    cols = ["edition", "coder", "status", "assessed_on", *cs.criterion_ids, "met_count", "unknown_count",
            "points", "max_points", "tier"]
    found = found.reindex(columns=cols)
    table = base.join(found, how="left")
    table["assessed"] = table["tier"].notna()
    table["tier"] = table["tier"].fillna(NOT_ASSESSED)
    labels = {t.id: t.label for t in cs.tiers} | {NOT_ASSESSED: "Not yet assessed", UNCLASSIFIED: "Unclassified"}
    table["tier_label"] = table["tier"].map(labels)
    for col in ("met_count", "unknown_count"):
        table[col] = table[col].astype("Int64")
    for col in ("edition", "coder", "status", *cs.criterion_ids):
        table[col] = table[col].astype(object).where(table[col].notna(), "")
    return table


def tier_order(cs: CriteriaSet) -> list[str]:
    """Return tier ids in rule order, then "unclassified" and "not-assessed"."""
    return [t.id for t in cs.tiers] + [UNCLASSIFIED, NOT_ASSESSED]


def tier_counts(table: pd.DataFrame, cs: CriteriaSet) -> pd.Series:
    """Return tier id -> number of countries, in tier order ("unclassified" only when non-zero)."""
    counts = table["tier"].value_counts().reindex(tier_order(cs), fill_value=0).astype(int)
    if counts[UNCLASSIFIED] == 0:
        counts = counts.drop(UNCLASSIFIED)
    counts.index.name = "tier"
    counts.name = "countries"
    return counts


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
    """Return criterion x answer code -> number of countries, with a "not-assessed" column."""
    long = table[cs.criterion_ids].melt(var_name="criterion", value_name="value")
    long["value"] = long["value"].replace("", NOT_ASSESSED)
    out = pd.crosstab(long["criterion"], long["value"])
    out = out.reindex(index=cs.criterion_ids, columns=[*cs.codes, NOT_ASSESSED], fill_value=0).astype(int)
    out.columns.name = "value"
    return out


def by_region(table: pd.DataFrame, cs: CriteriaSet, level: str = "region") -> pd.DataFrame:
    """Return region (or sub-region) x tier -> number of countries, with ``countries`` and ``assessed`` totals."""
    if level not in ("region", "subregion"):
        raise ValueError(f"level must be 'region' or 'subregion', not {level!r}")
    regions = table[level].replace("", "(none)")
    out = pd.crosstab(regions, table["tier"]).reindex(columns=tier_order(cs), fill_value=0)
    if out[UNCLASSIFIED].sum() == 0:
        out = out.drop(columns=UNCLASSIFIED)
    out["countries"] = regions.value_counts().reindex(out.index).astype(int)
    out["assessed"] = table.groupby(regions)["assessed"].sum().reindex(out.index).astype(int)
    out.index.name = level
    out.columns.name = None
    return out.astype(int)


def trend(spine: pd.DataFrame, cs: CriteriaSet) -> pd.DataFrame:
    """Return edition (oldest first) -> countries assessed, per tier and per criterion met."""
    rows = _counted(spine, cs)
    editions = edition_order(cs, rows["edition"].unique())
    frames = []
    for ed in editions:
        per = assessment_frame(rows[rows["edition"] == ed], cs)
        per = per.reset_index().drop_duplicates("iso3")
        line = {"edition": ed, "assessed": len(per)}
        line |= per["tier"].value_counts().reindex([t.id for t in cs.tiers], fill_value=0).to_dict()
        line |= per[cs.criterion_ids].isin(met_codes(cs)).sum().to_dict()
        frames.append(line)
    cols = ["edition", "assessed", *[t.id for t in cs.tiers], *cs.criterion_ids]
    return pd.DataFrame(frames, columns=cols).set_index("edition").fillna(0).astype(int)


def diff(spine: pd.DataFrame, cs: CriteriaSet, registry: Registry, old: str, new: str) -> pd.DataFrame:
    """Return one row per country whose answers or tier changed between editions ``old`` and ``new``.

    Columns: country, changed (criterion ids), details ("C4: no → yes (law-amended)", or "first
    assessed in edition 2023"), tier_before, tier_after. A country assessed in one edition only
    appears with tier "not-assessed" on the other side.
    """
    before = counted_assessments(spine, cs, old)
    after = counted_assessments(spine, cs, new)
    reasons = _counted(spine, cs)
    reasons = reasons[(reasons["edition"] == new) & (reasons["change"] != "")]
    reason_of = {(r.iso3, r.criterion): r.change for r in reasons.itertuples()}
    records = []
    rows_before = before[[*cs.criterion_ids, "tier"]].to_dict("index")  # one pass, not a .loc per country
    rows_after = after[[*cs.criterion_ids, "tier"]].to_dict("index")
    for iso3 in sorted(set(rows_before) | set(rows_after)):
        b = rows_before.get(iso3)
        a = rows_after.get(iso3)
        changed, details = [], []
        for crit in cs.criterion_ids:
            old_v = "" if b is None or pd.isna(b[crit]) else b[crit]
            new_v = "" if a is None or pd.isna(a[crit]) else a[crit]
            if old_v != new_v:
                changed.append(crit)
                why = reason_of.get((iso3, crit))
                details.append(f"{crit}: {old_v or '-'} → {new_v or '-'}" + (f" ({why})" if why else ""))
        tier_b = b["tier"] if b is not None else NOT_ASSESSED
        tier_a = a["tier"] if a is not None else NOT_ASSESSED
        if changed or tier_a != tier_b:
            if b is None:  # every criterion "changed": say what happened instead of listing them
                details = [f"first assessed in edition {new}"]
            elif a is None:
                details = [f"not assessed in edition {new}"]
            j = registry.get(iso3)
            records.append({"iso3": iso3, "country": j.name if j else iso3, "changed": ", ".join(changed),
                            "details": "; ".join(details), "tier_before": tier_b, "tier_after": tier_a})
    cols = ["iso3", "country", "changed", "details", "tier_before", "tier_after"]
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
