"""Issue 16, honest results: tiers under uncertainty, explicit counting rules, "or better" counts and
unreachable tiers, on small hand-built workspaces."""

from __future__ import annotations

import csv
import io
import itertools
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

import legalreview as lr
from legalreview import aggregate
from legalreview.cli import main
from legalreview.models import CriteriaSet
from legalreview.scoring import UNDETERMINED, evaluate_tiers, reachable_tiers, tier_range
from legalreview.workspace import load_workspace

REPO = Path(__file__).resolve().parents[1]
CSAM = ["C1", "C2", "C3", "C4", "C5"]
GROOMING = ["G1", "G2", "G3", "G4", "G5"]


def write_workspace(root: Path, countries: dict[str, dict[str, dict[str, str]]],
                    sets: tuple[str, ...] = ("csam", "grooming")) -> Path:
    """Write a tiny workspace: the repository's criteria sets and one file per country with answers
    given as iso3 -> set -> criterion -> code (a code of None leaves the criterion unanswered)."""
    (root / "criteria").mkdir(parents=True)
    (root / "countries").mkdir()
    for set_id in sets:
        shutil.copy2(REPO / "criteria" / f"{set_id}.yaml", root / "criteria" / f"{set_id}.yaml")
    codes = ", ".join(f'"{c}"' for c in countries)
    (root / "review.toml").write_text(
        '[review]\nname = "Honest tiers"\npublisher = "tests"\nedition = "2023"\npublished_on = 2026-10-01\n'
        f'\n[roster]\nbase = "none"\ninclude = [{codes}]\n', encoding="utf-8")
    names = {"DEU": "Germany", "PHL": "Philippines", "KEN": "Kenya", "FRA": "France", "BRA": "Brazil",
             "CAN": "Canada", "NZL": "New Zealand", "ZAF": "South Africa", "GBR": "United Kingdom", "IRL": "Ireland"}
    editions = {"csam": "2023", "grooming": "2017"}
    for iso3, by_set in countries.items():
        lines = [f"iso3: {iso3}", f"name: {names[iso3]}",
                 'statutes:\n  - {id: act, title: "An Act", year: 2020}',
                 'provisions:\n  - {id: act-s1, statute: act, section: "1", text: "A provision."}',
                 "assessments:" if by_set else "assessments: []"]
        for set_id, answers in by_set.items():
            lines += [f"  - set: {set_id}", f'    edition: "{editions[set_id]}"', "    assessed_on: 2026-09-01",
                      "    coder: analyst-a", "    status: published", "    answers:"]
            for crit, code in answers.items():
                if code is None:
                    continue
                if code in ("yes", "partial"):
                    lines.append(f'      {crit}: {{value: "{code}", evidence: [act-s1]}}')
                else:
                    lines.append(f'      {crit}: "{code}"')
        (root / "countries" / f"{iso3}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def answers(crits: list[str], *codes: str) -> dict[str, str]:
    return dict(zip(crits, codes))


@pytest.fixture
def uncertain(tmp_path: Path) -> lr.Review:
    """Five countries whose C5 or other answers are not known, and two that are fully known."""
    root = write_workspace(tmp_path / "ws", {
        "DEU": {"csam": answers(CSAM, "yes", "yes", "yes", "yes", "unknown"),
                "grooming": answers(GROOMING, "partial", "yes", "yes", "yes", "yes")},
        "PHL": {"csam": answers(CSAM, "unknown", "unknown", "unknown", "unknown", "unknown"),
                "grooming": answers(GROOMING, *["unknown"] * 5)},
        "KEN": {"csam": answers(CSAM, "yes", "yes", "yes", "no", "unknown"),
                "grooming": answers(GROOMING, "partial", "no", "no", "no", "no")},
        "IRL": {"csam": answers(CSAM, "yes", "yes", "unknown", "yes", "no"),
                "grooming": answers(GROOMING, "no", "yes", "yes", "yes", "yes")},
        "FRA": {"csam": answers(CSAM, "yes", "yes", "yes", "yes", None),
                "grooming": answers(GROOMING, "yes", "no", "no", "no", "no")},
        "CAN": {"csam": answers(CSAM, "yes", "yes", "yes", "yes", "yes"),
                "grooming": answers(GROOMING, "yes", "yes", "yes", "yes", "yes")},
        "BRA": {"csam": answers(CSAM, "yes", "yes", "yes", "yes", "no"),
                "grooming": answers(GROOMING, "unknown", "no", "yes", "yes", "yes")},
    })
    return lr.load_review(root)


# ------------------------------------------------------------------ the tier table
def test_every_answer_unknown_is_undetermined_never_the_lowest_tier(uncertain: lr.Review) -> None:
    csam = uncertain.table("csam").loc["PHL"]
    assert (csam["tier"], csam["tier_low"], csam["tier_high"]) == (UNDETERMINED, "none", "comprehensive")
    assert csam["tier_label"] == "Between no criteria met and comprehensive legislation — C1, C2, C3, C4, C5 not known"
    grooming = uncertain.table("grooming").loc["PHL"]
    assert (grooming["tier"], grooming["tier_low"], grooming["tier_high"]) == (UNDETERMINED, "none", "comprehensive")


def test_c5_unknown_ranges_from_sufficient_to_comprehensive(uncertain: lr.Review) -> None:
    row = uncertain.table("csam").loc["DEU"]
    assert (row["tier"], row["tier_low"], row["tier_high"]) == (UNDETERMINED, "sufficient", "comprehensive")
    assert row["unknown_criteria"] == "C5"
    assert row["tier_label"] == "Sufficient legislation or comprehensive legislation — C5 not known"


def test_an_unanswered_criterion_counts_as_unknown(uncertain: lr.Review) -> None:
    row = uncertain.table("csam").loc["FRA"]
    assert (row["tier"], row["tier_low"], row["tier_high"], row["unknown_criteria"]) == (
        UNDETERMINED, "sufficient", "comprehensive", "C5")


def test_an_unknown_that_cannot_change_the_tier_leaves_it_determined(uncertain: lr.Review) -> None:
    table = uncertain.table("csam")
    # C4 is "no": C5 unknown cannot lift Kenya out of "some"
    assert tuple(table.loc["KEN", ["tier", "tier_low", "tier_high"]]) == ("some", "some", "some")
    assert table.loc["KEN", "tier_label"] == "Some criteria met"
    # G1 "no" with G2 to G5 "yes" is still no grooming-specific legislation; an unknown G1 is undetermined
    grooming = uncertain.table("grooming")
    assert grooming.loc["IRL", "tier"] == "none"
    assert tuple(grooming.loc["BRA", ["tier", "tier_low", "tier_high"]]) == (UNDETERMINED, "none", "partial")
    # fully known rows: tier == tier_low == tier_high
    assert tuple(table.loc["CAN", ["tier", "tier_low", "tier_high", "unknown_criteria"]]) == (
        "comprehensive", "comprehensive", "comprehensive", "")


def test_determined_exactly_when_every_way_of_settling_the_unknowns_gives_one_tier() -> None:
    """tier_range's two evaluations agree with enumerating every completion of the unknown answers."""
    import pandas as pd

    review = lr.load_review(REPO)
    for set_id in ("csam", "grooming", "implementation"):
        cs = review.criteria_set(set_id)
        rng = np.random.default_rng(16)
        rows = rng.choice(np.array([*cs.codes, None], dtype=object), size=(150, len(cs.criteria)))
        got = tier_range(cs, rows)
        owner, combos = [], []
        for i, row in enumerate(rows):
            states = [["met", "not_met"] if how == "unknown" else [how]
                      for how in (cs.counts_as(v, c) if v is not None else "unknown"
                                  for v, c in zip(row, cs.criterion_ids))]
            for combo in itertools.product(*states):
                owner.append(i)
                combos.append(combo)
        grid = np.array(combos, dtype=object)
        met = pd.DataFrame(grid == "met", columns=cs.criterion_ids)
        not_met = pd.DataFrame(grid == "not_met", columns=cs.criterion_ids)
        outcomes = pd.Series(evaluate_tiers(cs, met, not_met).to_numpy()).groupby(np.array(owner)).unique()
        for i, row in enumerate(rows):
            possible = set(outcomes[i])
            all_unknown = all(v is None or cs.counts_as(v, c) == "unknown" for v, c in zip(row, cs.criterion_ids))
            if len(possible) == 1 and not all_unknown:
                assert got["tier"].iloc[i] == next(iter(possible)), (set_id, row)
            else:
                assert got["tier"].iloc[i] == UNDETERMINED, (set_id, row, possible)
            assert {got["tier_low"].iloc[i], got["tier_high"].iloc[i]} <= possible


# ------------------------------------------------------------------ counting rules
def test_grooming_g1_partial_is_grooming_specific_legislation(uncertain: lr.Review) -> None:
    table = uncertain.table("grooming")
    assert table.loc["DEU", "tier"] == "partial"  # G1 partial, G2-G5 yes: not comprehensive, not "none"
    assert table.loc["DEU", "tier_label"] == "Grooming-specific legislation meeting some criteria"
    assert table.loc["KEN", "tier"] == "partial"  # G1 partial alone is grooming-specific legislation too
    assert table.loc["FRA", "tier"] == "partial"
    assert table.loc["CAN", "tier"] == "comprehensive"
    cs = uncertain.criteria_set("grooming")
    assert cs.counts_as("partial", "G1") == "partly_met" and cs.counts_as("partial", "G2") == "not_met"


def test_counting_defaults_keep_todays_behaviour_and_sets_can_override_them() -> None:
    data = CriteriaSet.model_validate({
        "id": "t", "title": "T", "version": 1, "source": {"publisher": "p", "title": "t"},
        "scale": [{"code": "yes", "label": "Yes", "points": 1}, {"code": "partial", "label": "Partly", "points": 0.5},
                  {"code": "no", "label": "No", "points": 0}, {"code": "unknown", "label": "Not known"},
                  {"code": "not_applicable", "label": "N/A"}],
        "criteria": [{"id": c, "short": c, "question": "?", "guidance": "g", "model_provision": "m"}
                     for c in ("A", "B")],
        "tiers": [{"id": "all", "label": "All", "rule": {"all_met": ["A", "B"]}},
                  {"id": "rest", "label": "Rest", "rule": {"min_met": 0}}]})
    assert [data.counts_as(c) for c in data.codes] == ["met", "not_met", "not_met", "unknown", "not_met"]
    generous = data.model_copy(update={"counting": {"partial": "met"}})
    rows = np.array([["yes", "partial"]], dtype=object)
    assert tier_range(data, rows)["tier"].tolist() == ["rest"]
    assert tier_range(generous, rows)["tier"].tolist() == ["all"]


def test_a_counting_code_off_the_scale_is_an_error(tmp_path: Path) -> None:
    root = write_workspace(tmp_path / "ws", {"KEN": {"csam": answers(CSAM, *["yes"] * 5)}}, sets=("csam",))
    path = root / "criteria" / "csam.yaml"
    path.write_text(path.read_text().replace("counting: {partial: not_met,", "counting: {partly: not_met,"))
    _ws, issues = load_workspace(root)
    bad = [i for i in issues if i.code == "bad-tier-rule"]
    assert bad and "partly" in bad[0].message and bad[0].file == "criteria/csam.yaml" and bad[0].line


# ------------------------------------------------------------------ counts
def test_tier_counts_give_at_least_and_at_most(uncertain: lr.Review) -> None:
    counts = uncertain.tier_counts("csam")
    assert list(counts.columns) == ["countries", "share", "at_least", "at_most"]
    assert counts["countries"].to_dict() == {"comprehensive": 1, "sufficient": 1, "some": 1, "none": 0,
                                             "undetermined": 4, "not-assessed": 0}
    # comprehensive: CAN (DEU, FRA, PHL could be); sufficient or better: + BRA, DEU, FRA (by their lower tier)
    assert counts.loc["comprehensive", ["at_least", "at_most"]].tolist() == [1, 4]
    assert counts.loc["sufficient", ["at_least", "at_most"]].tolist() == [4, 6]
    assert counts.loc["some", ["at_least", "at_most"]].tolist() == [6, 7]
    assert counts.loc["none", ["at_least", "at_most"]].tolist() == [7, 7]
    assert counts.loc["undetermined", "at_least"] == 0
    assert counts["share"].sum() == pytest.approx(1.0)


def test_at_least_on_a_fully_known_table_is_cumulative_from_the_top(tmp_path: Path) -> None:
    root = write_workspace(tmp_path / "ws", {
        "CAN": {"csam": answers(CSAM, *["yes"] * 5)}, "ZAF": {"csam": answers(CSAM, *["yes"] * 5)},
        "KEN": {"csam": answers(CSAM, "yes", "yes", "yes", "yes", "no")},
        "NZL": {"csam": answers(CSAM, "yes", "no", "no", "no", "no")},
        "GBR": {"csam": answers(CSAM, "partial", "no", "no", "no", "no")}, "DEU": {}}, sets=("csam",))
    counts = lr.load_review(root).tier_counts("csam")
    assert counts["countries"].to_dict() == {"comprehensive": 2, "sufficient": 1, "some": 1, "none": 1,
                                             "not-assessed": 1}
    assert counts["at_least"].to_dict() == {"comprehensive": 2, "sufficient": 3, "some": 4, "none": 5,
                                            "not-assessed": 0}
    assert (counts["at_least"] == counts["at_most"]).all()


# ------------------------------------------------------------------ validate
def test_unreachable_tier_is_warned_with_its_location(tmp_path: Path) -> None:
    root = write_workspace(tmp_path / "ws", {"KEN": {"csam": answers(CSAM, *["yes"] * 5)}}, sets=("csam",))
    path = root / "criteria" / "csam.yaml"
    text = path.read_text()
    # a catch-all before "some" makes "some" and "none" unreachable
    crafted = text.replace("  - id: some\n", "  - id: anything\n    label: Anything\n    rule: {min_met: 0}\n"
                           "  - id: some\n")
    path.write_text(crafted)
    _ws, issues = load_workspace(root)
    found = [i for i in issues if i.code == "unreachable-tier"]
    assert [i.message.split("'")[1] for i in found] == ["some", "none"]
    lines = crafted.splitlines()
    for issue in found:
        assert issue.severity == "warning" and issue.file == "criteria/csam.yaml"
        assert lines[issue.line - 1].strip().startswith("- id: ")
    assert CliRunner().invoke(main, ["validate", "--dir", str(root)]).exit_code == 0  # warnings alone do not fail


def test_the_old_grooming_catch_all_was_unreachable(tmp_path: Path) -> None:
    root = write_workspace(tmp_path / "ws", {"KEN": {}}, sets=("grooming",))
    path = root / "criteria" / "grooming.yaml"
    path.write_text(path.read_text() + '  - id: not-met\n    label: "No criteria met"\n    rule: {min_met: 0}\n')
    _ws, issues = load_workspace(root)
    assert [i.message.split("'")[1] for i in issues if i.code == "unreachable-tier"] == ["not-met"]


@pytest.mark.parametrize("folder", [REPO, REPO / "tests" / "fixtures" / "small"])
def test_no_shipped_set_has_an_unreachable_tier(folder: Path) -> None:
    _ws, issues = load_workspace(folder)
    assert not [i for i in issues if i.code in ("unreachable-tier", "bad-tier-rule")]
    review = lr.load_review(folder)
    for cs in review.criteria.values():
        assert reachable_tiers(cs) == {t.id for t in cs.tiers}, cs.id


def test_the_reachability_check_is_skipped_above_the_cap() -> None:
    cs = lr.load_review(REPO).criteria_set("implementation")
    many = [cs.criteria[0].model_copy(update={"id": f"X{i}"}) for i in range(17)]
    big = cs.model_copy(update={"criteria": many, "tiers": [cs.tiers[-1]]})
    assert reachable_tiers(big) is None


# ------------------------------------------------------------------ CSV and site
def test_score_csv_shows_undetermined_rows(uncertain: lr.Review) -> None:
    result = CliRunner().invoke(main, ["score", "--set", "csam", "--format", "csv", "--dir", str(uncertain.root)])
    assert result.exit_code == 0, result.output
    rows = {r["iso3"]: r for r in csv.DictReader(io.StringIO(result.output))}
    assert (rows["DEU"]["tier"], rows["DEU"]["tier_low"], rows["DEU"]["tier_high"]) == (
        "undetermined", "sufficient", "comprehensive")
    assert rows["CAN"]["tier"] == rows["CAN"]["tier_low"] == rows["CAN"]["tier_high"] == "comprehensive"
    counts = CliRunner().invoke(main, ["score", "--set", "csam", "--counts", "--format", "json",
                                       "--dir", str(uncertain.root)]).output
    tiers = json.loads(counts)["tiers"]  # one JSON document: tiers and criteria
    assert {r["tier"]: r["at_least"] for r in tiers}["sufficient"] == 4


def test_built_site_shows_undetermined_rows_distinctly(uncertain: lr.Review, tmp_path: Path) -> None:
    from legalreview.render.site import build_site

    out = tmp_path / "site"
    build_site(uncertain, out, with_charts=False)
    page = (out / "sets" / "csam.html").read_text(encoding="utf-8")
    assert page.count('class="tier tier-undetermined"') >= 4
    assert "Sufficient legislation or comprehensive legislation — C5 not known" in page
    assert "Sufficient legislation or better: 4 countries (up to 6 when the unknown answers are settled)" in page
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Sufficient legislation or better: 4 countries" in index
    profile = (out / "countries" / "DEU.html").read_text(encoding="utf-8")
    assert "tier-undetermined" in profile and "C5 not known" in profile
    data = {r["iso3"]: r for r in csv.DictReader(io.StringIO((out / "data" / "csam.csv").read_text()))}
    assert (data["PHL"]["tier"], data["PHL"]["tier_low"], data["PHL"]["tier_high"]) == (
        "undetermined", "none", "comprehensive")
    method = (out / "methodology.html").read_text(encoding="utf-8")
    assert "“Partially” counts as not met." in method
    assert "On G1 (Online grooming specifically criminalised), “Partially” counts as partly met" in method
    assert "shown as undetermined" in method


def test_map_gives_undetermined_a_hatched_fill_and_legend_entry(uncertain: lr.Review) -> None:
    from legalreview.render import charts

    chart = charts.map_chart(uncertain, "csam")
    assert 'data-iso3="DEU" data-category="undetermined" fill="url(#' in chart.svg
    assert "<pattern" in chart.svg and "Undetermined (4)" in chart.svg
    assert chart.table.loc["DEU", "Tier"] == "Sufficient legislation or comprehensive legislation — C5 not known"
    assert aggregate.tier_counts(uncertain.table("csam"), uncertain.criteria_set("csam")).loc[
        "undetermined", "countries"] == 4
