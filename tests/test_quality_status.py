"""Review status: countries by assessment status, staleness (age and amended statutes), coverage."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO, copy_workspace
from legalreview.cli import main
from legalreview.quality import country_status, stale_assessments, status_summary
from legalreview.workspace import load_workspace

DOUBLE = REPO / "tests" / "fixtures" / "double"
TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def double(tmp_path: Path) -> Path:
    return copy_workspace(DOUBLE, tmp_path / "double")


def test_status_counts_countries_by_status_per_set(small):
    ws, _ = load_workspace(small, today=TODAY)
    summary = status_summary(ws, today=TODAY)
    # KEN, GBR published; CIV draft; FJI, VAT not assessed (csam); only KEN and GBR have grooming
    assert summary.loc["csam"].to_dict() == {
        "countries": 5, "not assessed": 2, "draft": 1, "reviewed": 0, "published": 2, "illustrative": 0,
        "stale": 0, "coverage %": 40.0}
    assert summary.loc["grooming", "not assessed"] == 3
    per_country = country_status(ws, "csam").set_index("iso3")
    assert per_country.loc["KEN", "edition"] == "2023"  # the latest edition, not 2016
    assert per_country.loc["FJI", "status"] == "not assessed"


def test_an_assessment_citing_a_statute_amended_after_it_is_stale(double):
    ws, _ = load_workspace(double, today=TODAY)
    stale = stale_assessments(ws, "csam", today=dt.date(2025, 6, 1))
    # only the assessment in force counts (issue 18): the second coding of the same edition is not listed
    assert list(zip(stale["iso3"], stale["coder"])) == [("PHL", "analyst-b")]  # the later of the two
    assert stale.iloc[0]["reason"] == (
        "assessed 1185 days ago (limit 1095); Anti-Child Pornography Act of 2009 amended on 2022-07-30")


def test_staleness_by_age_follows_review_toml(double):
    toml = double / "review.toml"
    toml.write_text(toml.read_text().replace("stale_after_days = 1095", "stale_after_days = 365"))
    ws, _ = load_workspace(double, today=TODAY)
    stale = stale_assessments(ws, "csam", today=dt.date(2026, 3, 1))
    # GBR was coded on 2025-02-03 and 2025-02-11 (over 365 days before 2026-03-01); KEN and ZAF later
    assert sorted(set(stale["iso3"])) == ["GBR", "PHL"]
    assert status_summary(ws, "csam", today=dt.date(2026, 3, 1)).loc["csam", "stale"] == 2


def test_status_command_prints_markdown(double):
    result = CliRunner().invoke(main, ["status", "--set", "csam", "--format", "markdown", "--dir", str(double)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        "| set | countries | not assessed | draft | reviewed | published | illustrative | stale | coverage % |")
    assert "| csam | 5 | 1 | 4 | 0 | 0 | 0 | 1 | 0.0 |" in result.output
    assert "Anti-Child Pornography Act of 2009 amended on 2022-07-30" in result.output
