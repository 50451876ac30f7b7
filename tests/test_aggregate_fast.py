"""The one-pass aggregates equal the pivot-based ones they replaced (values, dtypes, index, order)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import legalreview as lr
from legalreview import aggregate
from legalreview.scoring import NOT_ASSESSED, assessment_frame, edition_order

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
import synth  # noqa: E402


# ------------------------------------------------------------------ the former implementation (reference)
def _ref_counted(spine, cs):
    return spine[(spine["set"] == cs.id) & spine["counted"]]


def ref_counted_assessments(spine, cs, edition=None):
    rows = _ref_counted(spine, cs)
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


def ref_trend(spine, cs):
    rows = _ref_counted(spine, cs)
    frames = []
    for ed in edition_order(cs, rows["edition"].unique()):
        per = assessment_frame(rows[rows["edition"] == ed], cs).reset_index().drop_duplicates("iso3")
        line = {"edition": ed, "assessed": len(per)}
        tier_ids = [*(t.id for t in cs.tiers), "undetermined"]
        line |= per["tier"].value_counts().reindex(tier_ids, fill_value=0).to_dict()
        line |= per[cs.criterion_ids].isin(aggregate.met_codes(cs)).sum().to_dict()
        frames.append(line)
    cols = ["edition", "assessed", *[t.id for t in cs.tiers], "undetermined", *cs.criterion_ids]
    return pd.DataFrame(frames, columns=cols).set_index("edition").fillna(0).astype(int)


def ref_diff(spine, cs, registry, old, new):
    before = ref_counted_assessments(spine, cs, old)
    after = ref_counted_assessments(spine, cs, new)
    reasons = _ref_counted(spine, cs)
    reasons = reasons[(reasons["edition"] == new) & (reasons["change"] != "")]
    reason_of = {(r.iso3, r.criterion): r.change for r in reasons.itertuples()}
    records = []
    rows_before = before[[*cs.criterion_ids, "tier"]].to_dict("index")
    rows_after = after[[*cs.criterion_ids, "tier"]].to_dict("index")
    for iso3 in sorted(set(rows_before) | set(rows_after)):
        b, a = rows_before.get(iso3), rows_after.get(iso3)
        changed, details, kinds = [], [], []
        for crit in cs.criterion_ids:
            old_v = "" if b is None or pd.isna(b[crit]) else b[crit]
            new_v = "" if a is None or pd.isna(a[crit]) else a[crit]
            if old_v != new_v:
                changed.append(crit)
                why = reason_of.get((iso3, crit)) or ("first-coded" if old_v in ("", "unknown") and
                                                      new_v not in ("", "unknown") else "")
                kinds.append("law" if why in ("law-amended", "new-law") else "coding" if why else "unexplained")
                details.append(f"{crit}: {old_v or '-'} → {new_v or '-'}" + (f" ({why})" if why else ""))
        tier_b = b["tier"] if b is not None else NOT_ASSESSED
        tier_a = a["tier"] if a is not None else NOT_ASSESSED
        if changed or tier_a != tier_b:
            if b is None:
                details, kinds = [f"first assessed in edition {new}"], ["coding"]
            elif a is None:
                details, kinds = [f"not assessed in edition {new}"], ["coding"]
            kind = "law" if "law" in kinds else "unexplained" if "unexplained" in kinds else "coding"
            j = registry.get(iso3)
            records.append({"iso3": iso3, "country": j.name if j else iso3, "kind": kind,
                            "changed": ", ".join(changed), "details": "; ".join(details), "tier_before": tier_b,
                            "tier_after": tier_a})
    cols = ["iso3", "country", "kind", "changed", "details", "tier_before", "tier_after"]
    return pd.DataFrame(records, columns=cols).set_index("iso3")


def ref_answer_counts(table, cs):
    long = table[cs.criterion_ids].melt(var_name="criterion", value_name="value")
    long["value"] = long["value"].replace("", NOT_ASSESSED)
    out = pd.crosstab(long["criterion"], long["value"])
    out = out.reindex(index=cs.criterion_ids, columns=[*cs.codes, NOT_ASSESSED], fill_value=0).astype(int)
    out.columns.name = "value"
    return out


def ref_by_region(table, cs, level="region"):
    regions = table[level].replace("", "(none)")
    out = pd.crosstab(regions, table["tier"]).reindex(columns=aggregate.tier_order(cs), fill_value=0)
    for extra in ("undetermined", "unclassified"):
        if out[extra].sum() == 0:
            out = out.drop(columns=extra)
    out["countries"] = regions.value_counts().reindex(out.index).astype(int)
    out["assessed"] = table.groupby(regions)["assessed"].sum().reindex(out.index).astype(int)
    out.index.name = level
    out.columns.name = None
    return out.astype(int)


def ref_tier_counts(table, cs):
    counts = table["tier"].value_counts().reindex(aggregate.tier_order(cs), fill_value=0).astype(int)
    for extra in ("undetermined", "unclassified"):
        if counts[extra] == 0:
            counts = counts.drop(extra)
    rank = {t: i for i, t in enumerate(aggregate.tiers_by_strength(cs))}
    low = table["tier_low"].map(rank).to_numpy(dtype=float, na_value=np.nan)
    high = table["tier_high"].map(rank).to_numpy(dtype=float, na_value=np.nan)
    at_least = [int((low <= rank[t]).sum()) if t in rank else 0 for t in counts.index]
    at_most = [int((high <= rank[t]).sum()) if t in rank else 0 for t in counts.index]
    out = pd.DataFrame({"countries": counts.to_numpy(), "share": counts.to_numpy() / max(len(table), 1),
                        "at_least": at_least, "at_most": at_most}, index=counts.index)
    out.index.name = "tier"
    return out


def _assert_same_counts(table: pd.DataFrame, cs) -> None:
    pd.testing.assert_frame_equal(aggregate.tier_counts(table, cs), ref_tier_counts(table, cs))
    pd.testing.assert_frame_equal(aggregate.answer_counts(table, cs), ref_answer_counts(table, cs))
    for level in ("region", "subregion"):
        pd.testing.assert_frame_equal(aggregate.by_region(table, cs, level), ref_by_region(table, cs, level))


# ------------------------------------------------------------------ comparisons
def _assert_same(review: lr.Review) -> None:
    spine = review.scores
    for set_id, cs in review.criteria.items():
        eds = sorted(spine.loc[spine["set"] == set_id, "edition"].unique())
        tables = aggregate.SetTables(spine, cs, review.registry)
        for ed in [None, *eds, "no-such-edition"]:
            expected = ref_counted_assessments(spine, cs, ed)
            pd.testing.assert_frame_equal(aggregate.counted_assessments(spine, cs, ed), expected)
            if not expected.empty:
                pd.testing.assert_frame_equal(tables.assessments(ed), expected)
            table = aggregate.global_table(spine, cs, review.registry, ed)
            pd.testing.assert_frame_equal(tables.table(ed), table)
            assert list(table.index) == review.registry.codes
            _assert_same_counts(table, cs)
        pd.testing.assert_frame_equal(aggregate.trend(spine, cs), ref_trend(spine, cs))
        for old in eds:
            for new in eds:
                expected = ref_diff(spine, cs, review.registry, old, new)
                pd.testing.assert_frame_equal(aggregate.diff(spine, cs, review.registry, old, new), expected)
                pd.testing.assert_frame_equal(tables.diff(old, new), expected)


@pytest.mark.parametrize("name", ["small", "double"])
def test_fixtures_give_the_same_tables(name: str) -> None:
    _assert_same(lr.load_review(REPO / "tests" / "fixtures" / name))


def test_embedded_review_gives_the_same_tables() -> None:
    _assert_same(lr.load_review(REPO))


def test_synthetic_review_with_drafts_gives_the_same_tables(tmp_path: Path) -> None:
    ws = synth.generate(tmp_path / "ws", 40, seed=5)
    _assert_same(lr.load_review(ws))
    _assert_same(lr.load_review(ws, include_drafts=True))


def test_odd_spines_give_the_same_tables(tmp_path: Path) -> None:
    """Unknown criteria, missing answers, unscored values and several counted coders per edition."""
    ws = synth.generate(tmp_path / "ws", 12, seed=6)
    review = lr.load_review(ws)
    spine = review.scores
    cs = review.criteria_set("csam")
    odd = spine.copy()
    odd.loc[odd.index[::7], "criterion"] = "C99"  # not a criterion of the set: ignored
    odd = odd.drop(odd.index[3::11])  # answers missing
    odd.loc[odd.index[::5], "met"] = pd.NA
    odd.loc[odd.index[::5], "points"] = np.nan
    odd["counted"] = True  # every coder counts: the latest edition's last coder wins
    odd = odd.sample(frac=1.0, random_state=1)  # any row order
    for ed in [None, "2016", "2023"]:
        pd.testing.assert_frame_equal(aggregate.counted_assessments(odd, cs, ed), ref_counted_assessments(odd, cs, ed))
    pd.testing.assert_frame_equal(aggregate.trend(odd, cs), ref_trend(odd, cs))
    pd.testing.assert_frame_equal(aggregate.diff(odd, cs, review.registry, "2016", "2023"),
                                  ref_diff(odd, cs, review.registry, "2016", "2023"))
    empty = spine.iloc[:0]
    pd.testing.assert_frame_equal(aggregate.counted_assessments(empty, cs), ref_counted_assessments(empty, cs))


def test_odd_tables_give_the_same_counts() -> None:
    """Answers off the scale, regions missing or empty, an empty table: counted as a crosstab counts them."""
    review = lr.load_review(REPO / "tests" / "fixtures" / "small")
    for set_id, cs in review.criteria.items():
        table = review.table(set_id)
        odd = table.copy()
        odd.iloc[0, odd.columns.get_loc(cs.criterion_ids[0])] = "off-the-scale"
        odd["region"] = odd["region"].astype(object)
        odd.iloc[1, odd.columns.get_loc("region")] = None
        odd.iloc[2, odd.columns.get_loc("region")] = ""
        for frame in (table, odd, table.iloc[:0], odd.iloc[:0]):
            _assert_same_counts(frame, cs)


def test_a_set_tables_diff_is_made_once_and_a_caller_changing_it_changes_no_other_callers(tmp_path: Path) -> None:
    review = lr.load_review(synth.generate(tmp_path / "ws", 20, seed=3))
    tables = review.set_tables("csam")
    first = tables.diff("2016", "2023")
    expected = first.copy()
    first.iloc[:, :] = None  # one caller's own copy
    first["added"] = 1
    again = review.diff("csam", "2016", "2023")
    pd.testing.assert_frame_equal(again, expected)
    assert again is not tables.diff("2016", "2023")
