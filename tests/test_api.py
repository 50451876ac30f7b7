"""Everything a command does is callable from Python (`import legalreview as lr`), with one error
convention: ReviewError carrying Issues, or a result object whose .issues lists the problems."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import legalreview as lr
from legalreview.cli import main


def test_the_public_api_names_what_users_script() -> None:
    for name in ("load_review", "find_workspace", "build_site", "export_workbook", "import_workbook", "agreement",
                 "status", "resolve_set", "resolve_country", "resolve_region", "resolve_edition", "region_members",
                 "Review", "ReviewError", "UnknownValue", "Issue", "lint", "import_reconcile", "validate",
                 "packet_sets", "serve_site", "render_profile", "write_packet", "publish", "answer_log"):
        assert name in lr.__all__ and name in dir(lr)
        assert callable(getattr(lr, name)), name


def test_an_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'bulid_site'"):
        _ = lr.bulid_site  # type: ignore[attr-defined]


def test_build_site_writes_to_review_toml_build_out_by_default(small: Path) -> None:
    result = lr.build_site(lr.load_review(small), with_charts=False)
    assert result.out_dir == small / "reports" / "site"
    assert (small / "reports" / "site" / "countries" / "KEN.html").is_file()


def test_build_site_of_an_invalid_review_raises_review_error_with_the_issues(small: Path) -> None:
    (small / "countries" / "KEN.yaml").write_text("iso3: KEN\nname: Kenya\nstatutes: oops\n", encoding="utf-8")
    with pytest.raises(lr.ReviewError) as caught:
        lr.build_site(small, small / "out")
    assert any(i.file == "countries/KEN.yaml" for i in caught.value.issues)
    assert not (small / "out").exists()


def test_status_and_agreement_take_a_path_or_a_review(small: Path) -> None:
    by_path = lr.status(small)
    by_review = lr.status(lr.load_review(small))
    assert by_path.equals(by_review)
    assert int(by_path.loc["csam", "countries"]) == 5
    report = lr.agreement(small, "csam")
    assert report.set_id == "csam"


def test_an_unknown_set_raises_unknown_value_naming_the_nearest(small: Path) -> None:
    with pytest.raises(lr.UnknownValue) as caught:
        lr.status(small, "csma")
    assert isinstance(caught.value, lr.ReviewError)
    assert "csam" in caught.value.issue.hint


def test_import_workbook_returns_its_problems_as_issues(small: Path, tmp_path: Path) -> None:
    book = tmp_path / "notes.xlsx"
    book.write_bytes(b"not a workbook")
    result = lr.import_workbook(small, book)
    assert not result.ok and [i.code for i in result.issues] == ["workbook-format"]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (as the PDF tests)")
def test_build_pdf_writes_the_report_before_the_checksums_that_list_it(small: Path) -> None:
    run = CliRunner().invoke(main, ["build", "--dir", str(small), "--pdf", "--quiet"])
    assert run.exit_code == 0, run.output
    data = small / "reports" / "site" / "data"
    pdf = (data / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    sums = dict(line.split("  ")[::-1] for line in (data / "SHA256SUMS").read_text().splitlines())
    assert sums["report.pdf"] == hashlib.sha256(pdf).hexdigest()  # paths relative to data/ (sha256sum -c there)
    assert "report.pdf" in (small / "reports" / "site" / "downloads.html").read_text(encoding="utf-8")


def test_tables_and_counts_of_one_region_come_from_the_api(small: Path) -> None:
    review = lr.load_review(small)
    africa = review.table("csam", region="africa")
    assert sorted(africa.index) == ["CIV", "KEN"]
    assert int(review.tier_counts("csam", region="Africa")["countries"].sum()) == 2
    assert int(review.criterion_counts("csam", region="Africa")["C2"]) == 1
    with pytest.raises(lr.UnknownValue):
        review.table("csam", region="Atlantis")


def test_a_packet_for_a_country_with_no_assessment_says_to_pass_set(small: Path, tmp_path: Path) -> None:
    from legalreview.quality.packet import packet_sets
    from legalreview.workspace import load_workspace

    ws, _ = load_workspace(small)
    assert packet_sets(ws, "Kenya") == ("KEN", ["csam", "grooming"])
    with pytest.raises(lr.ReviewError) as caught:
        packet_sets(ws, "FJI")
    assert "pass --set" in caught.value.issues[0].hint
    run = CliRunner().invoke(main, ["packet", "FJI", "-o", str(tmp_path / "fiji.xlsx"), "--dir", str(small)])
    assert run.exit_code == 1 and "FJI has no assessments to reply to" in run.output
    assert not (tmp_path / "fiji.xlsx").exists()


def test_the_evidence_rule_is_one_method_every_code_worth_points_needs_evidence(small: Path) -> None:
    cs = lr.load_review(small).criteria_set("csam")
    assert [s.code for s in cs.scale if cs.needs_evidence(s.code)] == ["yes", "partial"]
    assert not cs.needs_evidence("unknown") and not cs.needs_evidence("maybe")


def test_validate_returns_every_problem_in_reading_order(small: Path) -> None:
    assert not [i for i in lr.validate(small) if i.severity == "error"]
    (small / "countries" / "KEN.yaml").write_text("iso3: KEN\nname: Kenya\nstatutes: oops\n", encoding="utf-8")
    found = lr.validate(small)
    assert any(i.file == "countries/KEN.yaml" and i.line == 3 for i in found)
    assert found == sorted(found, key=lambda i: (i.file or "", i.line or 0, i.column or 0, i.sheet or ""))
