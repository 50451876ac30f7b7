"""The report PDF (WeasyPrint), read back with poppler: no blank first page, a contents list with
page numbers that are right, an executive summary from the data, empty sets condensed to a line,
and a tagged PDF that states its language."""

from __future__ import annotations

import re
import subprocess
import zlib
from pathlib import Path

import pytest

import legalreview as lr

pytest.importorskip("weasyprint")


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    from conftest import REPO

    from legalreview.render.pdf import report_pdf

    path = tmp_path_factory.mktemp("report") / "report.pdf"
    path.write_bytes(report_pdf(lr.load_review(REPO)))
    return path


def page_text(path: Path, first: int, last: int | None = None) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(first), "-l", str(last or first), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def test_the_first_page_is_the_cover_not_a_blank_page(report: Path):
    first = " ".join(page_text(report, 1).split())
    assert "Legislation on online child sexual exploitation" in first
    assert "Contents" in first


def test_the_contents_give_page_numbers_that_lead_to_each_chapter(report: Path):
    entries = re.findall(r"^\s*\d+\.\s+(.+?)\s*\.{3,}\s*(\d+)\s*$", page_text(report, 1), re.M)
    titles = [t for t, _ in entries]
    assert titles[:2] == ["Executive summary", "Methodology"] and titles[-1].startswith("Country profiles")
    for title, number in entries:
        heading = title.split(" (")[0].split(": ")[0]
        assert heading in " ".join(page_text(report, int(number)).split()), (title, number)


def test_the_executive_summary_is_made_from_the_data(report: Path):
    from conftest import REPO

    review = lr.load_review(REPO)
    counts = review.tier_counts("csam")["countries"]
    assessed = int(review.table("csam")["assessed"].sum())
    summary = " ".join(page_text(report, 2).split())
    assert summary.startswith("Executive summary") or "Executive summary" in summary
    assert f"{assessed} of {len(review.registry)} jurisdictions assessed" in summary
    assert f"{int(counts['comprehensive'])} of {assessed} assessed" in summary


def test_a_set_nobody_was_assessed_against_is_one_line_not_a_chapter(report: Path):
    text = " ".join(subprocess.run(["pdftotext", str(report), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "Global table: Implementation" not in text
    title = "Implementation of child sexual abuse material legislation - benchmarks"
    assert f"{title}: no country has been assessed" in text


def test_the_pdf_is_tagged_and_states_its_language(report: Path):
    info = subprocess.run(["pdfinfo", str(report)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    data = report.read_bytes()
    streams = [data]
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            streams.append(zlib.decompress(m.group(1)))
        except zlib.error:
            continue
    assert any(b"/Lang (en)" in s for s in streams)
    assert any(b"/StructTreeRoot" in s for s in streams)
