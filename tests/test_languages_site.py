"""A review published in several languages (issue 20): the default language at the site's root and
each other language under its code, with ``lang``, ``hreflang`` links and a language switcher; the
interface from the gettext catalogues; the review's words, country names, dates and shares in each
language, untranslated text marked; workbooks and scorecards in a language."""

from __future__ import annotations

import posixpath
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import legalreview as lr
from legalreview.cli import main
from legalreview.render.site import build_site
from legalreview.spreadsheet import export_workbook, import_workbook

from conftest import REPO, copy_workspace

PAGES = ["index.html", "countries.html", "countries/KEN.html", "countries/GBR.html", "sets/csam.html",
         "criteria/csam-C2.html", "regions/africa.html", "methodology.html", "downloads.html", "codebook.html"]


def set_languages(root: Path, languages: str) -> None:
    """Make review.toml list these languages (the first is the default)."""
    toml = root / "review.toml"
    lines = [line for line in toml.read_text("utf-8").splitlines()
             if not line.startswith(("language =", "languages ="))]
    lines.insert(lines.index("[review]") + 1, f"languages = {languages}")
    toml.write_text("\n".join(lines) + "\n", "utf-8")


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The embedded review built in English, French and Spanish (no charts); returns the site folder."""
    root = copy_workspace(REPO, tmp_path_factory.mktemp("three") / "ws")
    set_languages(root, '["en", "fr", "es"]')
    out = root / "reports" / "site"
    build_site(lr.load_review(root), out, with_charts=False)
    return out


class _Page(HTMLParser):
    """The parts of a page these tests read: <html lang>, hreflang links, the switcher's links, hrefs."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.alternates: dict[str, str] = {}
        self.switcher: dict[str, str] = {}
        self.current = ""
        self.hrefs: list[str] = []
        self._in_switcher = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        elif tag == "link" and a.get("rel") == "alternate":
            self.alternates[a["hreflang"]] = a["href"]
        elif tag == "nav" and a.get("class") == "languages":
            self._in_switcher = True
        elif self._in_switcher and tag == "a":
            self.switcher[a["hreflang"]] = a["href"]
        elif self._in_switcher and a.get("aria-current") == "page":
            self.current = a.get("lang", "")
        if tag in ("a", "link", "script") and (a.get("href") or a.get("src")):
            self.hrefs.append(a.get("href") or a.get("src") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self._in_switcher = False


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8"))
    return page


def target(site: Path, page: str, href: str) -> str:
    """Return the path (relative to the site's root) a relative link on ``page`` points at."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href.split("#")[0]))


@pytest.mark.slow
def test_each_language_is_written_under_its_code_with_its_lang_and_the_data_stays_at_the_root(three: Path) -> None:
    for page in PAGES:
        assert parse(three / page).lang == "en", page
        assert parse(three / "fr" / page).lang == "fr", page
        assert parse(three / "es" / page).lang == "es", page
    assert not (three / "fr" / "data").exists() and not (three / "es" / "static").exists()
    # the language folders link to the data files and the style at the root, and every one exists
    for page in ("fr/sets/csam.html", "fr/index.html", "es/downloads.html", "es/countries/KEN.html"):
        for href in parse(three / page).hrefs:
            if href.startswith(("http", "#", "mailto:", "data:")):
                continue
            assert (three / target(three, page, href)).is_file(), f"{page} links to a missing {href}"
    assert 'href="../../data/csam.csv"' in (three / "fr" / "sets" / "csam.html").read_text("utf-8")


@pytest.mark.slow
def test_the_switcher_and_hreflang_links_lead_to_the_same_page_in_every_language(three: Path) -> None:
    for page in PAGES:
        for language, folder in (("en", ""), ("fr", "fr/"), ("es", "es/")):
            here = folder + page
            parsed = parse(three / here)
            assert set(parsed.alternates) == {"en", "fr", "es"}, here
            assert parsed.current == language, here
            assert set(parsed.switcher) == {"en", "fr", "es"} - {language}, here
            for other, href in [*parsed.alternates.items(), *parsed.switcher.items()]:
                expected = ("" if other == "en" else f"{other}/") + page
                assert target(three, here, href) == expected, (here, other, href)
                assert (three / expected).is_file()
    switcher = (three / "fr" / "countries" / "KEN.html").read_text("utf-8")
    assert '<nav class="languages" aria-label="Langues">' in switcher
    assert '<a href="../../es/countries/KEN.html" hreflang="es" lang="es">Español</a>' in switcher


@pytest.mark.slow
def test_french_and_spanish_pages_read_in_their_language(three: Path) -> None:
    fr_countries = (three / "fr" / "countries.html").read_text("utf-8")
    assert ">Allemagne</a>" in fr_countries and ">Royaume-Uni</a>" in fr_countries
    es_countries = (three / "es" / "countries.html").read_text("utf-8")
    assert ">Alemania</a>" in es_countries and ">Reino Unido</a>" in es_countries
    # people still find a country by its English name and aliases
    assert re.search(r'data-search="Royaume-Uni \| United Kingdom[^"]*UK', fr_countries)
    fr_index = (three / "fr" / "index.html").read_text("utf-8")
    assert ">Vue d'ensemble</a>" in fr_index and "<caption>Pays par niveau</caption>" in fr_index
    assert '<time datetime="2026-11-01">1 novembre 2026</time>' in fr_index
    assert re.search(r'<td class="num">\d+[\u00a0\u202f]%</td>', fr_index)  # French: a no-break space before %
    es_index = (three / "es" / "index.html").read_text("utf-8")
    assert '<time datetime="2026-11-01">1 de noviembre de 2026</time>' in es_index and ">Resumen</a>" in es_index
    # the criteria's own translations: titles, names, labels, tiers
    fr_set = (three / "fr" / "sets" / "csam.html").read_text("utf-8")
    assert "<h1>Matériel d&#39;abus sexuels sur enfants - critères essentiels</h1>" in fr_set
    assert "Partiellement" in fr_set and ">Pays</th>" in fr_set and "Partially" not in fr_set
    fr_ken = (three / "fr" / "countries" / "KEN.html").read_text("utf-8")
    assert "Codé pour :" in fr_ken and "Résumé (en nos propres termes) :" in fr_ken
    assert '<a href="../regions/africa.html">Afrique</a> · Afrique subsaharienne.' in fr_ken  # CLDR, M49
    assert "Codage illustratif — pas une évaluation officielle" in fr_ken
    assert fr_ken.count('class="banner"') == 1
    # the English site is the English site
    en_ken = (three / "countries" / "KEN.html").read_text("utf-8")
    assert "Coded for:" in en_ken and 'class="fallback"' not in en_ken


@pytest.mark.slow
def test_untranslated_notes_and_summaries_are_marked_as_english(three: Path) -> None:
    page = (three / "fr" / "countries" / "KEN.html").read_text("utf-8")
    marked = re.findall(r'<span class="fallback" lang="en">(.*?)</span> '
                        r'<span class="fallback-note">\(en anglais\)</span>', page)
    assert marked, "no note or summary marked as English"
    assert any("Computer Misuse and Cybercrimes Act" in text for text in marked)
    es_page = (three / "es" / "countries" / "KEN.html").read_text("utf-8")
    assert '<span class="fallback-note">(en inglés)</span>' in es_page
    # translated words are not marked: the French question stands on its own
    assert "La législation nationale définit-elle le matériel d&#39;abus sexuels sur enfants ?" in page


def test_a_one_language_site_has_no_switcher_no_hreflang_and_no_language_folder(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = build_site(lr.load_review(small), out, with_charts=False)
    html = (out / "index.html").read_text("utf-8")
    assert '<html lang="en">' in html and "hreflang" not in html and 'class="languages"' not in html
    assert not (out / "fr").exists() and not (out / "static" / "languages.css").exists()
    assert not any(f.startswith(("fr/", "es/")) for f in result.files)


def test_a_language_without_a_catalogue_keeps_the_english_interface_and_names_countries_in_it(
        small: Path, tmp_path: Path) -> None:
    set_languages(small, '["en", "de"]')
    out = tmp_path / "site"
    build_site(lr.load_review(small), out, with_charts=False)
    page = (out / "de" / "countries.html").read_text("utf-8")
    assert '<html lang="de">' in page
    assert ">Overview</a>" in page  # gettext's rule: no translation, the English words
    assert ">Vereinigtes Königreich</a>" in page  # CLDR knows German country names
    # the criteria have no German words: the English title, said to be English where it is text
    criterion = (out / "de" / "criteria" / "csam-C2.html").read_text("utf-8")
    assert '<span class="fallback" lang="en">' in criterion


def test_every_interface_message_is_translated_into_french_and_spanish() -> None:
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "update_catalogues.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_french_workbook_reads_in_french_keeps_its_keys_and_imports_back(embedded: Path, tmp_path: Path) -> None:
    set_languages(embedded, '["en", "fr", "es"]')
    path = tmp_path / "csam-fr.xlsx"
    result = CliRunner().invoke(main, ["export-xlsx", "--set", "csam", "--lang", "fr", "-o", str(path),
                                       "--dir", str(embedded)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(path)
    instructions = [c.value for row in book["Instructions"].iter_rows() for c in row if c.value]
    assert "Comment remplir ce classeur" in instructions and "Partiellement" in instructions
    assert "La législation nationale définit-elle le matériel d'abus sexuels sur enfants ?" in instructions
    sheet = book["csam"]
    head = [c.value for c in sheet[1]]
    assert head[:3] == ["iso3", "country", "criterion"] and "answer" in head and "question" in head
    col = {name: head.index(name) + 1 for name in ("iso3", "criterion", "answer", "note", "question")}
    rows = {(sheet.cell(r, col["iso3"]).value, sheet.cell(r, col["criterion"]).value): r
            for r in range(2, sheet.max_row + 1)}
    assert sheet.cell(rows[("KEN", "C2")], col["question"]).value.startswith("La législation nationale")
    # unchanged, it imports as no change; an answer typed in French is read as its code
    unchanged = import_workbook(embedded, path, dry_run=True)
    assert unchanged.ok and not unchanged.changes, [str(i) for i in unchanged.issues]
    sheet.cell(rows[("KEN", "C5")], col["answer"]).value = "Inconnu"
    sheet.cell(rows[("KEN", "C5")], col["note"]).value = "Vérifié à nouveau en 2026."
    book.save(path)
    changed = import_workbook(embedded, path)
    assert changed.ok, [str(i) for i in changed.issues]
    kenya = lr.load_review(embedded).workspace.countries["KEN"]
    latest = max((a for a in kenya.assessments if a.set == "csam"), key=lambda a: a.edition)
    assert latest.answers["C5"].value == "unknown"


def test_a_workbook_without_a_language_is_in_the_review_s_own_words(embedded: Path, tmp_path: Path) -> None:
    set_languages(embedded, '["en", "fr", "es"]')
    book = openpyxl.load_workbook(export_workbook(embedded, "csam", tmp_path / "a.xlsx").path)
    instructions = [c.value for row in book["Instructions"].iter_rows() for c in row if c.value]
    assert "How to fill in this workbook" in instructions and "Partially" in instructions
    assert "Comment remplir ce classeur" not in instructions


def test_a_markdown_profile_cannot_be_asked_for_in_another_language(embedded: Path) -> None:
    result = CliRunner().invoke(main, ["profile", "KEN", "--lang", "fr", "--dir", str(embedded)])
    assert result.exit_code == 2 and "--format html" in result.output
    bad = CliRunner().invoke(main, ["profile", "KEN", "--format", "html", "--lang", "french!", "--dir",
                                    str(embedded)])
    assert bad.exit_code == 2 and "not a language code" in bad.output


def test_a_french_html_profile_is_one_page_in_french(embedded: Path, tmp_path: Path) -> None:
    out = tmp_path / "ken.html"
    result = CliRunner().invoke(main, ["profile", "KEN", "--format", "html", "--lang", "fr", "-o", str(out),
                                       "--dir", str(embedded)])
    assert result.exit_code == 0, result.output
    html = out.read_text("utf-8")
    assert '<html lang="fr"' in html and "En bref" in html and 'class="languages"' not in html


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_a_french_scorecard_pdf_reads_in_french(embedded: Path, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    out = tmp_path / "ken-fr.pdf"
    result = CliRunner().invoke(main, ["profile", "KEN", "--format", "pdf", "--lang", "fr", "-o", str(out),
                                       "--dir", str(embedded)])
    assert result.exit_code == 0, result.output
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "Fiche d'évaluation au 1 novembre 2026" in flat
    assert "En bref" in flat and "critères remplis : 4 sur 5" in flat and "Codé pour :" in flat
    assert "Matériel d'abus sexuels sur enfants" in flat and "évalué le 1 octobre 2026" in flat
    assert "droit en vigueur au 1 octobre 2026" in flat
    # the coder's notes stay English, marked as such
    assert "no ISP reporting duty. (en anglais)" in flat
    assert "Codage illustratif" in flat
    assert "Scorecard" not in flat and "At a glance" not in flat
    assert "Page 1 sur 2" in flat and "Page 1 of" not in flat


@pytest.mark.slow
def test_a_rebuild_reuses_the_pages_of_every_language_and_renders_what_changed(small: Path, tmp_path: Path) -> None:
    set_languages(small, '["en", "fr"]')
    out = tmp_path / "site"
    lr.build_site(lr.load_review(small), out, with_charts=False)  # reusing the previous build's pages
    before = {p: (out / p).stat().st_ino for p in ("fr/countries/KEN.html", "fr/countries/GBR.html", "fr/index.html")}
    kenya = small / "countries" / "KEN.yaml"
    kenya.write_text(kenya.read_text("utf-8").replace("name: Kenya", "name: Kenya\nnotes: Checked again.", 1), "utf-8")
    lr.build_site(lr.load_review(small), out, with_charts=False)  # reusing the previous build's pages
    after = {p: (out / p).stat().st_ino for p in before}
    assert after["fr/countries/GBR.html"] == before["fr/countries/GBR.html"]  # unchanged: the same file, linked
    assert after["fr/countries/KEN.html"] != before["fr/countries/KEN.html"]
    page = (out / "fr" / "countries" / "KEN.html").read_text("utf-8")
    assert '<span class="fallback" lang="en">Checked again.</span>' in page


def test_a_review_published_in_french_alone_is_french_at_the_root(small: Path, tmp_path: Path) -> None:
    set_languages(small, '["fr"]')
    out = tmp_path / "site"
    build_site(lr.load_review(small), out, with_charts=False)
    page = (out / "countries.html").read_text("utf-8")
    assert '<html lang="fr"' in page and ">Vue d'ensemble</a>" in page and ">Royaume-Uni</a>" in page
    assert 'class="languages"' not in page and "hreflang" not in page and not (out / "fr").exists()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_build_pdf_writes_the_report_in_every_language_and_lists_each_in_the_checksums(small: Path) -> None:
    pytest.importorskip("weasyprint")
    set_languages(small, '["en", "fr"]')
    result = CliRunner().invoke(main, ["build", "--dir", str(small), "--pdf", "--quiet"])
    assert result.exit_code == 0, result.output
    data = small / "reports" / "site" / "data"
    sums = (data / "SHA256SUMS").read_text("utf-8")
    assert "  report.pdf\n" in sums and "  report-fr.pdf\n" in sums

    def text(name: str) -> str:
        out = subprocess.run(["pdftotext", str(data / name), "-"], capture_output=True, text=True, check=True)
        return " ".join(out.stdout.split())

    french, english = text("report-fr.pdf"), text("report.pdf")
    assert "Résumé" in french and "Fiches pays" in french and "Sommaire" in french
    assert "Royaume-Uni" in french and "Tableau mondial : " in french
    assert "juridictions évaluées sur" in french  # the executive summary, written from the counts, in French
    assert "Executive summary" not in french and "Country profiles" not in french
    assert "Executive summary" in english and "United Kingdom" in english and "Résumé" not in english
