"""Double-coding agreement: kappa against textbook worked examples, and on the double-coded fixture."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO, copy_workspace
from legalreview.cli import main
from legalreview.quality import (
    agreement,
    cohen_kappa,
    cohen_kappa_from_table,
    fleiss_kappa,
    fleiss_kappa_from_counts,
)
from legalreview.workspace import load_workspace

DOUBLE = REPO / "tests" / "fixtures" / "double"

# Fleiss (1971) as worked on Wikipedia ("Fleiss' kappa", worked example): 10 subjects, 14 raters,
# 5 categories; each row says how many raters put the subject in each category.
FLEISS_TABLE = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]


@pytest.fixture
def double(tmp_path: Path) -> Path:
    return copy_workspace(DOUBLE, tmp_path / "double")


def test_cohen_kappa_matches_the_classic_two_by_two_example():
    # 50 items: both "yes" 20, both "no" 15, A yes / B no 5, A no / B yes 10.
    k = cohen_kappa_from_table([[20, 5], [10, 15]])
    assert (k.items, k.method) == (50, "cohen")
    assert k.po == pytest.approx(0.7)
    assert k.pe == pytest.approx(0.5)
    assert k.kappa == pytest.approx(0.4)


def test_cohen_kappa_from_two_coders_codes_equals_the_table_form():
    first = ["yes"] * 20 + ["yes"] * 5 + ["no"] * 10 + ["no"] * 15
    second = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(first, second).kappa == pytest.approx(0.4)


def test_fleiss_kappa_matches_the_worked_example_of_ten_subjects_and_fourteen_raters():
    k = fleiss_kappa_from_counts(FLEISS_TABLE)
    assert k.items == 10
    assert round(k.po, 3) == 0.378
    assert round(k.pe, 3) == 0.213
    assert round(k.kappa, 3) == 0.210


def test_fleiss_kappa_from_ratings_lists_equals_the_counts_form():
    cats = ["1", "2", "3", "4", "5"]
    ratings = [[c for c, n in zip(cats, row) for _ in range(n)] for row in FLEISS_TABLE]
    assert round(fleiss_kappa(ratings, cats).kappa, 3) == 0.210


def test_fleiss_kappa_with_two_raters_per_item_is_close_to_but_not_cohens():
    # Scott's pi: same po, pe from pooled proportions: (27.5/50)^2 + (22.5/50)^2 = 0.505
    ratings = [["yes", "yes"]] * 20 + [["yes", "no"]] * 5 + [["no", "yes"]] * 10 + [["no", "no"]] * 15
    k = fleiss_kappa(ratings)
    assert k.po == pytest.approx(0.7)
    assert k.pe == pytest.approx(0.505)
    assert k.kappa == pytest.approx(0.195 / 0.495)


def test_unknown_is_a_category_of_its_own_never_no():
    # If "unknown" were read as "no", these coders would agree perfectly.
    k = cohen_kappa(["no", "no", "yes", "yes"], ["unknown", "no", "yes", "yes"])
    assert k.po == pytest.approx(0.75)
    assert cohen_kappa(["no", "no", "yes", "yes"], ["no", "no", "yes", "yes"]).po == 1.0


def test_kappa_is_undefined_when_every_coder_always_gives_the_same_code():
    assert math.isnan(cohen_kappa(["yes"] * 4, ["yes"] * 4).kappa)


def test_agreement_on_the_double_coded_fixture_per_criterion_and_overall(double):
    ws, _ = load_workspace(double)
    report = agreement(ws, "csam", "2023")
    table = report.by_criterion()
    assert report.coders == ["analyst-a", "analyst-b"]
    assert table.loc["overall", "items"] == 20
    assert table.loc["overall", "agreed"] == 15
    assert table.loc["overall", "percent"] == 75.0
    # po 15/20 = 0.75; coder A: 16 yes, 2 partial, 2 no; coder B: 16 yes, 1 partial, 2 no, 1 unknown
    # pe = (16*16 + 2*1 + 2*2) / 400 = 0.655; kappa = 0.095 / 0.345 = 0.275
    assert table.loc["overall", "pe"] == 0.655
    assert table.loc["overall", "kappa"] == 0.275
    assert table.loc["overall", "method"] == "cohen"
    assert table.loc["C5", "percent"] == 50.0
    assert table.loc["C5", "kappa"] == 0.2
    assert math.isnan(table.loc["C1", "kappa"])  # all four countries "yes" from both coders


def test_disagreements_show_each_coders_answer_and_evidence_side_by_side(double):
    ws, _ = load_workspace(double)
    found = agreement(ws, "csam").disagreements()
    assert list(zip(found["iso3"], found["criterion"])) == [
        ("GBR", "C5"), ("KEN", "C2"), ("PHL", "C4"), ("ZAF", "C3"), ("ZAF", "C5")]
    kenya = found[found["iso3"] == "KEN"].iloc[0]
    assert (kenya["coder_1"], kenya["value_1"], kenya["evidence_1"]) == ("analyst-a", "partial", "soa-2006-s16")
    assert (kenya["coder_2"], kenya["value_2"], kenya["evidence_2"]) == ("analyst-b", "yes", "cmca-2018-s24")


def test_a_third_coder_switches_to_fleiss_kappa(double):
    gbr = double / "countries" / "GBR.yaml"
    text = gbr.read_text()
    third = text[text.index("  - set: csam\n    edition: \"2023\"\n    assessed_on: 2025-02-11"):]
    gbr.write_text(text + third.replace("analyst-b", "analyst-c").replace("2025-02-11", "2025-02-12"))
    ws, issues = load_workspace(double)
    assert not [i for i in issues if i.severity == "error"]
    report = agreement(ws, "csam")
    assert report.kappa().method == "fleiss"
    gbr_items = [i for i in report.items if i.iso3 == "GBR"]
    assert all(len(i.answers) == 3 for i in gbr_items)


def test_reviewed_and_published_assessments_are_not_independent_codings(double):
    kenya = double / "countries" / "KEN.yaml"
    kenya.write_text(kenya.read_text().replace("status: draft", "status: reviewed", 1))
    ws, _ = load_workspace(double)
    assert {i.iso3 for i in agreement(ws, "csam").items} == {"GBR", "PHL", "ZAF"}
    everything = agreement(ws, "csam", statuses=("draft", "reviewed"))
    assert {i.iso3 for i in everything.items} == {"GBR", "KEN", "PHL", "ZAF"}


def test_agreement_command_prints_json_and_fails_when_nothing_is_double_coded(double, small):
    runner = CliRunner()
    result = runner.invoke(main, ["agreement", "--set", "csam", "--format", "json", "--dir", str(double)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["criteria"][-1]["criterion"] == "overall"
    assert data["criteria"][-1]["kappa"] == 0.275
    assert len(data["disagreements"]) == 5
    result = runner.invoke(main, ["agreement", "--set", "csam", "--dir", str(small)])
    assert result.exit_code == 1
    assert "nothing to compare" in result.output


def test_fixture_is_valid():
    _ws, issues = load_workspace(DOUBLE)
    assert [str(i) for i in issues if i.severity == "error"] == []
    assert shutil.which("git")  # the revision tests need it
