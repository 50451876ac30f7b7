"""PDF scorecards and the whole report: what a reader finds in the text, page count, stable bytes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

import legalreview as lr
from legalreview.cli import main

pytest.importorskip("weasyprint")
pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


def pdf_text(data: bytes, tmp_path: Path, name: str = "doc.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdf_info(data: bytes, tmp_path: Path) -> dict[str, str]:
    path = tmp_path / "info.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)}


@pytest.fixture(scope="module")
def embedded_review(tmp_path_factory):
    from conftest import REPO, copy_workspace

    return lr.load_review(copy_workspace(REPO, tmp_path_factory.mktemp("embedded")))


@pytest.fixture(scope="module")
def gbr_pdf(embedded_review) -> bytes:
    from legalreview.render.pdf import scorecard_pdf

    return scorecard_pdf(embedded_review, "GBR")


def test_scorecard_names_the_country_each_criterion_and_how_to_cite(embedded_review, gbr_pdf, tmp_path):
    text = " ".join(pdf_text(gbr_pdf, tmp_path).split())
    assert "United Kingdom" in text
    table = embedded_review.table
    assessed_sets = [s for s in embedded_review.criteria if table(s).loc["GBR", "assessed"]]
    assert assessed_sets, "the embedded review should assess GBR"
    for set_id in assessed_sets:
        for criterion in embedded_review.criteria_set(set_id).criteria:
            assert f"{criterion.id} {criterion.short}" in text
    assert "Cite as:" in text
    assert "Local build" in text  # the embedded review.toml has no url: no invented address
    assert "example.org" not in text
    assert "Sexual Offences Act 2003, section 15A" in text  # a cited provision: statute and section
    assert "Model provision:" in text  # gaps come with the recommended clause
    assert "Illustrative coding" in text  # the embedded review's assessments are illustrative


def test_scorecard_is_one_or_two_a4_pages_with_dated_metadata(gbr_pdf, tmp_path):
    info = pdf_info(gbr_pdf, tmp_path)
    assert 1 <= int(info["Pages"]) <= 2
    assert info["Page size"].startswith("595.276 x 841.89")  # A4 in points
    assert info["Title"].startswith("United Kingdom")
    assert "2026" in info["CreationDate"]  # review.toml published_on, not the clock


def test_scorecard_bytes_are_identical_across_runs(embedded_review, gbr_pdf):
    from legalreview.render.pdf import scorecard_pdf

    assert scorecard_pdf(embedded_review, "GBR") == gbr_pdf


def test_names_with_diacritics_survive_into_the_pdf(small, tmp_path):
    from legalreview.render.pdf import scorecard_pdf

    review = lr.load_review(small)
    text = pdf_text(scorecard_pdf(review, "CIV"), tmp_path)
    assert "Côte d'Ivoire" in text
    assert "Not yet assessed" in text


def test_published_scorecard_has_no_illustrative_banner(small, tmp_path):
    from legalreview.render.pdf import scorecard_pdf

    text = pdf_text(scorecard_pdf(lr.load_review(small), "GBR"), tmp_path)
    assert "United Kingdom" in text and "Illustrative coding" not in text
    assert "https://review.example.org/countries/GBR.html" in "".join(text.split())


def test_scorecard_of_a_country_off_the_roster_is_refused(small):
    from legalreview.render.pdf import scorecard_pdf

    with pytest.raises(ValueError, match="not on this review's roster"):
        scorecard_pdf(lr.load_review(small), "USA")


def test_report_has_methodology_global_tables_and_every_assessed_profile(small, tmp_path):
    from legalreview.render.pdf import report_pdf

    review = lr.load_review(small)
    text = " ".join(pdf_text(report_pdf(review), tmp_path).split())
    assert "Methodology" in text
    for cs in review.criteria.values():
        if review.table(cs.id)["assessed"].any():
            assert f"Global table: {cs.title}" in text
        else:  # a set nobody was assessed against is one line of the executive summary
            assert f"Global table: {cs.title}" not in text and f"{cs.title}: no country has been assessed" in text
        for criterion in cs.criteria:
            assert criterion.question in text
    assessed = {iso3 for s in review.criteria for iso3, row in review.table(s).iterrows() if row["assessed"]}
    assert assessed == {"GBR", "KEN"}
    assert text.count("Cite as:") == len(assessed)
    assert "Holy See" in text  # listed among the countries not yet assessed


def test_cli_profile_writes_a_pdf_scorecard(small, tmp_path):
    out = tmp_path / "kenya.pdf"
    result = CliRunner().invoke(main, ["profile", "KEN", "--dir", str(small), "--format", "pdf", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    assert "Kenya" in pdf_text(out.read_bytes(), tmp_path)
