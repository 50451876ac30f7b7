"""Scoring and aggregation: hand-computed figures on a 196-country fixture, and a property test."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import legalreview as lr
from legalreview import jurisdictions
from legalreview.scoring import spine_schema

REPO = Path(__file__).resolve().parents[1]

HEADER = '[review]\nname = "Regional fixture"\npublisher = "legalreview tests"\nedition = "2023"\n'


def answers_yaml(values: dict[str, str]) -> str:
    parts = []
    for crit, value in values.items():
        if value in ("yes", "partial"):
            parts.append(f'{crit}: {{value: "{value}", evidence: [p1]}}')
        else:
            parts.append(f'{crit}: "{value}"')
    return "{" + ", ".join(parts) + "}"


def country_yaml(iso3: str, name: str, assessments: list[tuple[str, str, str, str, dict[str, str], str]]) -> str:
    """assessments: (edition, date, coder, status, answers, changes-flow-mapping)."""
    text = (f'iso3: {iso3}\nname: "{name}"\nstatutes:\n  - {{id: penal-code, title: "Penal Code"}}\n'
            'provisions:\n  - {id: p1, statute: penal-code, section: "1", text: "Summary."}\nassessments:\n')
    for edition, date, coder, status, answers, changes in assessments:
        text += (f"  - set: csam\n    edition: \"{edition}\"\n    assessed_on: {date}\n    coder: {coder}\n"
                 f"    status: {status}\n    answers: {answers_yaml(answers)}\n")
        if changes:
            text += f"    changes: {changes}\n"
    if not assessments:
        text = text.replace("assessments:\n", "assessments: []\n")
    return text


ALL_YES = dict.fromkeys(["C1", "C2", "C3", "C4", "C5"], "yes")
ALL_NO = dict.fromkeys(["C1", "C2", "C3", "C4", "C5"], "no")


@pytest.fixture(scope="module")
def regional(tmp_path_factory: pytest.TempPathFactory) -> lr.Review:
    """196 countries coded by region, so every expected figure can be worked out by hand:

    - Africa (54): 2016 all yes but C5 "no" (sufficient); 2023 all yes (comprehensive), C5 new-law.
    - Europe (45): 2023 C1-C4 yes, C5 no (sufficient).
    - Americas (35): 2023 C1 yes, C2 partial, C3 unknown, C4 no, C5 no (some).
    - Oceania (14): 2023 all no (none).
    - Asia (48): not assessed, except a draft for Japan (never counted without include_drafts).
    """
    root = tmp_path_factory.mktemp("regional")
    (root / "review.toml").write_text(HEADER)
    (root / "criteria").mkdir()
    (root / "criteria" / "csam.yaml").write_bytes((REPO / "criteria" / "csam.yaml").read_bytes())
    (root / "countries").mkdir()
    for j in jurisdictions.Registry.from_config(lr.models.RosterConfig()).members:
        assessments: list = []
        if j.region == "Africa":
            assessments = [("2016", "2026-01-10", "a", "published", {**ALL_YES, "C5": "no"}, ""),
                           ("2023", "2026-06-10", "a", "published", ALL_YES, "{C5: new-law}")]
        elif j.region == "Europe":
            assessments = [("2023", "2026-06-10", "b", "published", {**ALL_YES, "C5": "no"}, "")]
        elif j.region == "Americas":
            assessments = [("2023", "2026-06-10", "c", "reviewed",
                            {"C1": "yes", "C2": "partial", "C3": "unknown", "C4": "no", "C5": "no"}, "")]
        elif j.region == "Oceania":
            assessments = [("2023", "2026-06-10", "d", "published", ALL_NO, "")]
        elif j.iso3 == "JPN":
            assessments = [("2023", "2026-07-01", "e", "draft", ALL_YES, "")]
        (root / "countries" / f"{j.iso3}.yaml").write_text(country_yaml(j.iso3, j.name, assessments))
    return lr.load_review(root)


def test_tier_counts_match_hand_computed_figures(regional: lr.Review) -> None:
    assert regional.tier_counts("csam")["countries"].to_dict() == {
        "comprehensive": 54, "sufficient": 45, "some": 35, "none": 14, "not-assessed": 48}


def test_older_edition_tier_counts(regional: lr.Review) -> None:
    assert regional.tier_counts("csam", edition="2016")["countries"].to_dict() == {
        "comprehensive": 0, "sufficient": 54, "some": 0, "none": 0, "not-assessed": 142}


def test_criterion_counts_match_hand_computed_figures(regional: lr.Review) -> None:
    # C1: Africa 54 + Europe 45 + Americas 35; C2-C4: Africa + Europe (partial and unknown are not met)
    assert regional.criterion_counts("csam").to_dict() == {"C1": 134, "C2": 99, "C3": 99, "C4": 99, "C5": 54}


def test_unknown_is_kept_apart_from_no(regional: lr.Review) -> None:
    answers = regional.answer_counts("csam")
    assert answers.loc["C3"].to_dict() == {"yes": 99, "partial": 0, "no": 14, "unknown": 35,
                                           "not_applicable": 0, "not-assessed": 48}
    assert answers.loc["C4"].to_dict()["no"] == 35 + 14
    assert regional.coverage("csam").to_dict() == {
        "countries": 196, "assessed": 148, "not_yet_assessed": 48,
        "countries_with_unknown_answers": 35, "unknown_answers": 35}


def test_regional_counts_match_hand_computed_figures(regional: lr.Review) -> None:
    regions = regional.by_region("csam")
    assert regions.loc["Africa"].to_dict() == {"comprehensive": 54, "sufficient": 0, "some": 0, "none": 0,
                                               "not-assessed": 0, "countries": 54, "assessed": 54}
    assert regions["countries"].to_dict() == {"Africa": 54, "Americas": 35, "Asia": 48, "Europe": 45, "Oceania": 14}
    assert regions["assessed"].to_dict() == {"Africa": 54, "Americas": 35, "Asia": 0, "Europe": 45, "Oceania": 14}
    sub = regional.by_region("csam", level="subregion")
    assert sub.loc["Northern Africa", "comprehensive"] == 6
    assert sub.loc["Sub-Saharan Africa", "comprehensive"] == 48
    assert sub.loc["Latin America and the Caribbean", "some"] == 33
    assert sub.loc["Northern America", "some"] == 2


def test_edition_diff_lists_changes_with_reasons(regional: lr.Review) -> None:
    changes = regional.diff("csam", "2016", "2023")
    assert len(changes) == 54 + 45 + 35 + 14
    ken = changes.loc["KEN"]
    assert ken["changed"] == "C5"
    assert ken["details"] == "C5: no → yes (new-law)"
    assert (ken["tier_before"], ken["tier_after"]) == ("sufficient", "comprehensive")
    assert changes.loc["FRA", "tier_before"] == "not-assessed"
    assert changes.loc["FRA", "details"] == "first assessed in edition 2023"
    assert changes.loc["FRA", "changed"] == "C1, C2, C3, C4, C5"
    assert "JPN" not in changes.index


def test_trend_counts_per_edition(regional: lr.Review) -> None:
    trend = regional.trend("csam")
    assert list(trend.index) == ["2016", "2023"]
    assert trend.loc["2016", "assessed"] == 54 and trend.loc["2016", "sufficient"] == 54
    assert trend.loc["2023"].to_dict() == {"assessed": 148, "comprehensive": 54, "sufficient": 45, "some": 35,
                                           "none": 14, "undetermined": 0, "C1": 134, "C2": 99, "C3": 99, "C4": 99,
                                           "C5": 54}


def test_drafts_count_only_with_the_explicit_flag(regional: lr.Review) -> None:
    assert regional.table("csam").loc["JPN", "tier"] == "not-assessed"
    with_drafts = lr.Review(regional.workspace, include_drafts=True)
    assert with_drafts.table("csam").loc["JPN", "tier"] == "comprehensive"
    assert with_drafts.tier_counts("csam").loc["comprehensive", "countries"] == 55


def test_gaps_list_unmet_criteria_with_model_provisions(regional: lr.Review) -> None:
    gaps = regional.gaps("BRA", "csam")
    assert list(gaps["criterion"]) == ["C2", "C3", "C4", "C5"]
    assert list(gaps["value"]) == ["partial", "unknown", "no", "no"]
    assert all(len(text) > 40 for text in gaps["model_provision"])
    assert regional.gaps("KEN", "csam").empty


def test_table_has_one_row_per_roster_country_and_marks_the_unassessed(regional: lr.Review) -> None:
    table = regional.table("csam")
    assert len(table) == 196 and table.index.is_unique
    assert table.loc["CHN", "tier_label"] == "Not yet assessed" and not table.loc["CHN", "assessed"]
    assert table.loc["KEN", "edition"] == "2023"


def test_api_returns_new_frames_never_internal_state(regional: lr.Review) -> None:
    table = regional.table("csam")
    table.loc["KEN", "tier"] = "tampered"
    scores = regional.scores
    scores.loc[:, "value"] = "tampered"
    assert regional.table("csam").loc["KEN", "tier"] == "comprehensive"
    assert (regional.scores["value"] != "tampered").all()


def test_spine_satisfies_its_schema_and_has_one_row_per_key(regional: lr.Review) -> None:
    spine = spine_schema().validate(regional.scores)
    assert len(spine) == (54 * 2 + 45 + 35 + 14 + 1) * 5
    assert not spine.duplicated(["iso3", "set", "edition", "coder", "criterion"]).any()


# ----------------------------------------------------------------------------- property test

CODES = ["yes", "partial", "no", "unknown", "not_applicable"]
ROSTER = ["KEN", "GBR", "FRA", "BRA", "PHL", "NZL", "CIV", "IND"]
assessment_st = st.tuples(st.sampled_from(["a", "b"]), st.sampled_from(["draft", "published", "illustrative"]),
                          st.integers(1, 28), st.fixed_dictionaries({c: st.sampled_from(CODES) for c in
                                                                     ["C1", "C2", "C3", "C4", "C5"]}))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(st.sampled_from(ROSTER), st.lists(assessment_st, max_size=2, unique_by=lambda a: a[0]),
                            max_size=len(ROSTER)))
def test_every_count_equals_a_direct_groupby_over_the_spine(tmp_path: Path, data: dict) -> None:
    root = Path(tempfile.mkdtemp(dir=tmp_path))
    (root / "criteria").mkdir(parents=True)
    (root / "countries").mkdir()
    (root / "review.toml").write_text(HEADER + f'[roster]\nbase = "none"\ninclude = {ROSTER!r}\n'.replace("'", '"'))
    (root / "criteria" / "csam.yaml").write_bytes((REPO / "criteria" / "csam.yaml").read_bytes())
    for iso3 in ROSTER:
        rows = [("2023", f"2026-02-{day:02d}", coder, status, answers, "")
                for coder, status, day, answers in data.get(iso3, [])]
        (root / "countries" / f"{iso3}.yaml").write_text(country_yaml(iso3, iso3, rows))
    review = lr.load_review(root)
    spine = review.scores
    assert not spine.duplicated(["iso3", "set", "edition", "coder", "criterion"]).any()
    counted = spine[spine["counted"]]
    # at most one counted assessment per country; drafts never counted
    assert (counted.groupby("iso3")["coder"].nunique() == 1).all()
    assert not (counted["status"] == "draft").any()
    direct_met = counted[counted["met"].fillna(False).astype(bool)].groupby("criterion")["iso3"].nunique()
    expected = direct_met.reindex(["C1", "C2", "C3", "C4", "C5"], fill_value=0)
    assert review.criterion_counts("csam").to_dict() == expected.to_dict()
    met_per_country = counted.groupby("iso3")["met"].apply(lambda s: s.fillna(False).astype(bool).sum())
    all5 = int((met_per_country == 5).sum())
    assessed = counted["iso3"].nunique()
    tiers = review.tier_counts("csam")["countries"]
    assert tiers["comprehensive"] == all5
    assert tiers["not-assessed"] == len(ROSTER) - assessed
    assert int(tiers.sum()) == len(ROSTER)
    per_region = review.by_region("csam")
    assert int(per_region["assessed"].sum()) == assessed
    pd.testing.assert_series_equal(per_region.drop(columns=["countries", "assessed"]).sum().rename("countries"),
                                   tiers.rename("countries"), check_names=False, check_index_type=False)
