"""Review text translated in the files themselves, the review's languages, what is missing, answer
words in every configured language, and names and dates per language (CLDR through Babel)."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from legalreview.cli import main
from legalreview.i18n import Text, country_name, format_date, format_percent, in_language
from legalreview.quality import lint_workspace, missing_translations
from legalreview.spreadsheet import export_workbook, import_workbook
from legalreview.workspace import load_workspace


def _set_languages(root: Path, languages: str) -> None:
    toml = root / "review.toml"
    text = toml.read_text("utf-8")
    lines = [line for line in text.splitlines() if not line.startswith(("language =", "languages ="))]
    at = lines.index("[review]") + 1
    lines.insert(at, f"languages = {languages}")
    toml.write_text("\n".join(lines) + "\n", "utf-8")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_a_translated_question_reads_in_each_language_and_falls_back_to_the_default(embedded: Path) -> None:
    ws, issues = load_workspace(embedded)
    assert ws is not None and not [i for i in issues if i.severity == "error"]
    question = ws.criteria["csam"].criterion("C2").question
    assert question == "Does national law define child sexual abuse material?"  # still a plain string
    assert isinstance(question, Text) and question.language == "en"
    assert in_language(question, "fr", "en") == ("La législation nationale définit-elle le matériel d'abus "
                                                  "sexuels sur enfants ?", "fr")
    assert in_language(question, "es", "en")[0].startswith("¿Define la legislación nacional")
    # no German words: the English text, said to be English so the page can mark the fallback
    assert in_language(question, "de", "en") == (str(question), "en")
    guidance = ws.criteria["csam"].criterion("C2").guidance  # guidance stays English
    assert in_language(guidance, "fr", "en") == (str(guidance), "en")
    # the translations survive the cache's serialisation
    again = pickle.loads(pickle.dumps(question))
    assert again == question and again.translations == question.translations


def test_the_shipped_criteria_sets_say_who_translated_them(embedded: Path) -> None:
    ws, _ = load_workspace(embedded)
    for cs in ws.criteria.values():
        assert set(cs.translated_by) == {"fr", "es"}
        assert all("not an official" in who for who in cs.translated_by.values())


def test_the_shipped_criteria_sets_have_every_required_text_in_french_and_spanish(embedded: Path) -> None:
    _set_languages(embedded, '["en", "fr", "es"]')
    ws, _ = load_workspace(embedded)
    assert ws.config.review.default_language == "en" and ws.config.review.all_languages == ["en", "fr", "es"]
    assert missing_translations(ws).empty


def test_a_missing_translation_is_listed_by_status_and_warned_by_lint_at_its_line(embedded: Path) -> None:
    _set_languages(embedded, '["en", "fr", "es"]')
    csam = embedded / "criteria" / "csam.yaml"
    _replace(csam, 'short: {en: "Definition of CSAM", fr: "Définition du matériel d\'abus sexuels sur enfants", '
                   'es: "Definición del material de abuso sexual infantil"}', 'short: {en: "Definition of CSAM", '
                   'fr: "Définition du matériel d\'abus sexuels sur enfants"}')
    line = next(n for n, text in enumerate(csam.read_text("utf-8").splitlines(), 1)
                if 'short: {en: "Definition of CSAM"' in text)
    result = CliRunner().invoke(main, ["status", "--translations", "--format", "csv", "--dir", str(embedded)])
    assert result.exit_code == 0, result.output
    assert f"es,criteria/csam.yaml,{line},criteria.1.short,C2 short" in result.output
    assert "fr,criteria/csam.yaml" not in result.output
    warnings = [i for i in lint_workspace(embedded) if i.code == "missing-translation"]
    assert [(w.file, w.line, w.severity) for w in warnings] == [("criteria/csam.yaml", line, "warning")]
    assert "'es'" in warnings[0].message and "C2 short" in warnings[0].message


def test_a_review_in_one_language_has_nothing_to_translate(embedded: Path) -> None:
    result = CliRunner().invoke(main, ["status", "--translations", "--dir", str(embedded)])
    assert result.exit_code == 0 and "Every text is translated into en." in result.output


def test_a_bad_language_code_in_a_translation_is_a_located_error(embedded: Path) -> None:
    csam = embedded / "criteria" / "csam.yaml"
    _replace(csam, 'label: {en: "Yes", fr: "Oui", es: "Sí"}', 'label: {en: "Yes", French: "Oui"}')
    line = next(n for n, text in enumerate(csam.read_text("utf-8").splitlines(), 1) if 'French: "Oui"' in text)
    result = CliRunner().invoke(main, ["validate", "--dir", str(embedded)])
    assert result.exit_code == 1
    assert f"criteria/csam.yaml:{line}" in result.output and "bad-language" in result.output
    assert "'French' is not a language code" in result.output


def test_a_control_character_in_a_translation_is_refused_where_it_stands(embedded: Path) -> None:
    csam = embedded / "criteria" / "csam.yaml"
    _replace(csam, 'fr: "Oui"', 'fr: "Ou\\u202ei"')
    result = CliRunner().invoke(main, ["validate", "--dir", str(embedded)])
    assert result.exit_code == 1
    assert "control-character" in result.output and "scale.0.label.fr" in result.output


def test_language_and_languages_must_agree_on_the_default(embedded: Path) -> None:
    toml = embedded / "review.toml"
    text = toml.read_text("utf-8")
    toml.write_text(text.replace("[review]\n", '[review]\nlanguages = ["fr", "en"]\n', 1), "utf-8")
    assert 'language = "en"' in text
    result = CliRunner().invoke(main, ["validate", "--dir", str(embedded)])
    assert result.exit_code == 1 and "the first of languages is the default" in result.output


def test_a_workbook_imports_answers_typed_in_french_or_spanish(embedded: Path, tmp_path: Path) -> None:
    book_path = tmp_path / "csam.xlsx"
    export_workbook(embedded, "csam", book_path)
    book = openpyxl.load_workbook(book_path)
    sheet = book["csam"]
    head = [c.value for c in sheet[1]]
    col = {name: head.index(name) + 1 for name in ("iso3", "criterion", "answer", "note")}
    typed = {("KEN", "C5"): "inconnu", ("GBR", "C5"): "SANS OBJET", ("DEU", "C5"): "no aplicable"}
    for row in range(2, sheet.max_row + 1):
        key = (sheet.cell(row, col["iso3"]).value, sheet.cell(row, col["criterion"]).value)
        if key in typed:
            sheet.cell(row, col["answer"]).value = typed[key]
            sheet.cell(row, col["note"]).value = "Checked again in 2026."
    book.save(book_path)
    result = import_workbook(embedded, book_path)
    assert result.ok, [str(i) for i in result.issues]
    ws, _ = load_workspace(embedded)

    def latest(iso3: str) -> str:
        runs = [a for a in ws.countries[iso3].assessments if a.set == "csam"]
        return max(runs, key=lambda a: a.edition).answers["C5"].value

    assert (latest("KEN"), latest("GBR"), latest("DEU")) == ("unknown", "not_applicable", "not_applicable")


def test_country_names_dates_and_shares_are_written_the_way_each_language_writes_them() -> None:
    assert country_name("DE", "fr", "Germany") == "Allemagne"
    assert country_name("GB", "fr", "United Kingdom") == "Royaume-Uni"
    assert country_name("GB", "es", "United Kingdom") == "Reino Unido"
    assert country_name("", "fr", "Kosovo (roster)") == "Kosovo (roster)"
    assert format_date(dt.date(2023, 6, 30), "fr") == "30 juin 2023"
    assert format_date(dt.date(2023, 6, 30), "es") == "30 de junio de 2023"
    assert format_date(dt.date(2023, 6, 30), "en") == "June 30, 2023"
    assert format_percent(0.45, "fr").replace("\u202f", " ").replace("\xa0", " ") == "45 %"
    assert format_percent(0.45, "en") == "45%"
