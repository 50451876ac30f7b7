"""Issue 16, honest results: quotation marks only around the law's own words, downloads that say what
they are (datapackage.json, a notice in JSON files and workbooks), and citations that resolve."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

import legalreview as lr
from legalreview.notices import ILLUSTRATIVE_NOTICE, SUMMARY_LABEL
from legalreview.render.citation import LOCAL_BUILD, bibtex_value
from legalreview.render.site import build_site, render_profile

from conftest import REPO

QUOTED = "Offences concerning child sexual abuse material."  # soa-2006-s16, made a quotation below
SUMMARY = "Offences using a computer system involving child sexual abuse material."  # cmca-2018-s24


def _quote_one_provision(ws: Path) -> None:
    """Mark Kenya's soa-2006-s16 as the verbatim words of the law (cmca-2018-s24 stays a summary)."""
    path = ws / "countries" / "KEN.yaml"
    text = path.read_text("utf-8")
    old = f'summary: "{QUOTED}"}}'
    assert old in text
    path.write_text(text.replace(old, f'text: "{QUOTED}", language: en}}'), "utf-8")


def _make_illustrative(ws: Path, iso3: str = "GBR") -> None:
    path = ws / "countries" / f"{iso3}.yaml"
    path.write_text(path.read_text("utf-8").replace("status: published", "status: illustrative"), "utf-8")


def _set_toml(ws: Path, url: str | None, license: str | None = None) -> None:
    path = ws / "review.toml"
    lines = [line for line in path.read_text("utf-8").splitlines() if not line.startswith(("url =", "license ="))]
    at = lines.index("[review]") + 1
    extra = ([f'url = "{url}"'] if url else []) + ([f'license = "{license}"'] if license else [])
    path.write_text("\n".join(lines[:at] + extra + lines[at:]) + "\n", "utf-8")


def _build(ws: Path) -> Path:
    build_site(lr.load_review(ws), ws / "reports" / "site", with_charts=False)
    return ws / "reports" / "site"


def _first_sheet_text(path: Path) -> str:
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    return "\n".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None)


# --------------------------------------------------------------------------- quotations

def test_markdown_profile_quotes_only_the_verbatim_provision(small: Path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    _quote_one_provision(small)
    md = render_profile(lr.load_review(small), "KEN", "md")
    c1 = next(line for line in md.splitlines() if line.startswith("| C1 "))
    c2 = next(line for line in md.splitlines() if line.startswith("| C2 "))
    assert f'"{QUOTED}"' in c1 and SUMMARY_LABEL not in c1
    assert f"{SUMMARY_LABEL} {SUMMARY}" in c2
    assert f'"{SUMMARY}' not in md and f"{SUMMARY}\"" not in md, "a summary is never in quotation marks"


def test_html_profile_blockquotes_only_the_verbatim_provision(small: Path):
    _quote_one_provision(small)
    page = (_build(small) / "countries" / "KEN.html").read_text("utf-8")
    assert f'<blockquote lang="en">{QUOTED}</blockquote>' in page  # the law's words, in their language
    assert f'<span class="label">Summary (our words):</span> {SUMMARY}' in page
    assert f">{SUMMARY}</blockquote>" not in page and f"<q>{SUMMARY}" not in page
    assert "<blockquote" not in page.split('id="cite"')[0].split("Gaps and model provisions")[-1], \
        "model provisions are our recommended wording, not quotations"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_pdf_scorecard_says_what_the_country_page_holds(small: Path, tmp_path: Path):
    pytest.importorskip("weasyprint")
    from legalreview.render.pdf import scorecard_pdf

    def text_of(ws: Path) -> str:
        pdf = tmp_path / "card.pdf"
        pdf.write_bytes(scorecard_pdf(lr.load_review(ws), "KEN"))
        out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        return " ".join(out.split())

    summaries_only = text_of(small)
    assert "full text" not in summaries_only
    assert "gives our summary of each provision cited" in summaries_only
    assert f'"{SUMMARY}' not in summaries_only and f"“{SUMMARY}" not in summaries_only
    _quote_one_provision(small)
    mixed = text_of(small)
    assert "quotes the words of some provisions cited and gives our summary of the others" in mixed


def test_exported_workbook_labels_summaries_and_quotes_the_law(small: Path, tmp_path: Path):
    from legalreview.spreadsheet import export_workbook

    _quote_one_provision(small)
    export_workbook(small, "csam", tmp_path / "csam.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "csam.xlsx")["provisions"]
    header = [c.value for c in sheet[1]]
    texts = {row[header.index("provision")]: row[header.index("text")]
             for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert texts["soa-2006-s16"] == f'"{QUOTED}"'
    assert texts["cmca-2018-s24"] == f"{SUMMARY_LABEL} {SUMMARY}"


# --------------------------------------------------------------------------- downloads say what they are

def test_datapackage_is_valid_and_lists_every_data_file(small: Path):
    frictionless = pytest.importorskip("frictionless")
    _make_illustrative(small)
    _set_toml(small, "https://review.example.org/", license="CC-BY-4.0")
    site = _build(small)
    path = site / "data" / "datapackage.json"
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["type", "message"])
    doc = json.loads(path.read_text("utf-8"))
    on_disk = {p.name for p in (site / "data").iterdir() if p.suffix in (".csv", ".json")} - {"datapackage.json"}
    assert {r["path"] for r in doc["resources"]} == on_disk
    for resource in doc["resources"]:
        assert resource["format"] in ("csv", "json") and resource["mediatype"]
        assert all(f["type"] and f["description"] for f in resource["schema"]["fields"])
    scores = next(r for r in doc["resources"] if r["path"] == "scores.csv")
    types = {f["name"]: f["type"] for f in scores["schema"]["fields"]}
    assert types["points"] == "number" and types["met"] == "boolean" and types["assessed_on"] == "date"
    assert doc["licenses"][0]["name"] == "CC-BY-4.0"
    assert doc["legalreview:status"] == "illustrative"
    assert doc["legalreview:notice"] == ILLUSTRATIVE_NOTICE
    assert "  datapackage.json\n" in (site / "data" / "SHA256SUMS").read_text("utf-8")  # paths from data/


def test_datapackage_of_a_published_review_has_no_illustrative_notice(small: Path):
    site = _build(small)  # CIV's draft is not counted; the others are published
    doc = json.loads((site / "data" / "datapackage.json").read_text("utf-8"))
    assert doc["legalreview:status"] == "published"
    assert "legalreview:notice" not in doc and doc["legalreview:illustrative"] is False
    assert "Illustrative" not in json.dumps(doc)


def test_json_files_carry_a_notice(small: Path):
    path = small / "countries" / "GBR.yaml"  # only GBR's csam assessment illustrative
    text = path.read_text("utf-8")
    path.write_text(text.replace("status: published", "status: illustrative", 1), "utf-8")
    site = _build(small)
    docs = {p.stem: json.loads(p.read_text("utf-8")) for p in (site / "data").glob("*.json")
            if p.name != "datapackage.json"}
    assert docs and all("notice" in d for d in docs.values())
    assert docs["csam"]["notice"] == ILLUSTRATIVE_NOTICE
    assert docs["grooming"]["notice"] is None  # GBR's grooming assessment is still published
    assert list(docs["csam"])[-1] == "countries" and docs["csam"]["countries"], "the structure is kept"


def test_every_workbook_carries_the_notice_on_its_first_sheet(small: Path, tmp_path: Path):
    from legalreview.quality.packet import write_packet
    from legalreview.spreadsheet import export_workbook

    _make_illustrative(small)
    site = _build(small)
    assert ILLUSTRATIVE_NOTICE in _first_sheet_text(site / "data" / "review.xlsx")
    export_workbook(small, "csam", tmp_path / "export.xlsx")
    assert ILLUSTRATIVE_NOTICE in _first_sheet_text(tmp_path / "export.xlsx")
    write_packet(small, "GBR", "csam", tmp_path / "packet.xlsx")
    assert ILLUSTRATIVE_NOTICE in _first_sheet_text(tmp_path / "packet.xlsx")
    # a workbook of published assessments only says nothing of the kind
    export_workbook(small, "csam", tmp_path / "kenya.xlsx", countries="KEN")
    assert ILLUSTRATIVE_NOTICE not in _first_sheet_text(tmp_path / "kenya.xlsx")
    # the site workbook's table still starts under its header row
    sheet = openpyxl.load_workbook(site / "data" / "review.xlsx").worksheets[0]
    header = next(i for i, row in enumerate(sheet.iter_rows(values_only=True), 1) if row[0] == "iso3")
    assert sheet.auto_filter.ref.startswith(f"A{header}:") and sheet.freeze_panes == f"D{header + 1}"


# --------------------------------------------------------------------------- citations

def test_without_a_url_the_citation_says_local_build(small: Path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    _set_toml(small, None)
    site = _build(small)
    page = (site / "countries" / "KEN.html").read_text("utf-8")
    assert LOCAL_BUILD in page and "example.org/countries" not in page
    assert "urldate" not in page and "UR  -" not in page
    cff = (site / "CITATION.cff").read_text("utf-8")
    assert not re.search(r"^url:", cff, re.M)
    assert LOCAL_BUILD in (site / "index.html").read_text("utf-8")
    assert LOCAL_BUILD in render_profile(lr.load_review(small), "KEN", "md")


def test_with_a_url_page_and_citation_cff_use_it(small: Path):
    _set_toml(small, "https://reviews.test/csam/")
    site = _build(small)
    page = (site / "countries" / "KEN.html").read_text("utf-8")
    assert "https://reviews.test/csam/countries/KEN.html" in page and LOCAL_BUILD not in page
    assert 'url: "https://reviews.test/csam/"' in (site / "CITATION.cff").read_text("utf-8")


def _pre(page: str, cls: str) -> str:
    import html

    found = re.search(rf'<pre class="{cls}">(.*?)</pre>', page, re.S)
    assert found, cls
    return html.unescape(found.group(1))


@pytest.mark.parametrize("page_path", ["countries/KEN.html", "index.html"])
def test_bibtex_and_ris_are_offered_with_url_and_access_date(small: Path, page_path: str, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # published_on 2026-10-01 is the access date
    _make_illustrative(small, "KEN")
    page = (_build(small) / page_path).read_text("utf-8")
    bib = _pre(page, "bibtex")
    assert re.match(r"@misc\{[A-Za-z0-9:-]+,\n", bib) and bib.rstrip().endswith("}")
    fields = dict(re.findall(r"^  (\w+) = \{(.*)\},?$", bib, re.M))
    assert {"title", "author", "year", "url", "urldate"} <= set(fields)
    assert fields["year"] == "2026" and fields["urldate"] == "2026-10-01"
    assert fields["url"].startswith("https://review.example.org/")
    assert bib.count("{") == bib.count("}")
    assert "Illustrative coding" in fields["note"]
    ris = _pre(page, "ris").splitlines()
    assert ris[0] in ("TY  - ELEC", "TY  - DATA") and ris[-1] == "ER  - "
    assert all(re.match(r"^[A-Z][A-Z0-9]  - ", line) for line in ris)
    tags = {line[:2]: line[6:] for line in ris}
    assert tags["PY"] == "2026" and tags["Y2"] == "2026/10/01/" and tags["UR"].startswith("https://")
    assert tags["TI"]


def test_bibtex_escapes_what_would_break_an_entry():
    assert bibtex_value("50% of {all} & more_\\") == r"50\% of \{all\} \& more\_\textbackslash{}"
    assert bibtex_value("two\nlines") == "two lines"


def test_no_placeholder_address_is_shown_to_users():
    assert "example.org" not in (REPO / "review.toml").read_text("utf-8")
    assert "example.org" not in (REPO / "src" / "legalreview" / "init.py").read_text("utf-8")
