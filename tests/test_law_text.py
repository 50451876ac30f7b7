"""Source text and translation (issue 17): a provision holds the law's verbatim words in their
language, an optional translation (who made it, official or not) and/or our summary, and pages say
which is which. Old files with ``quoted:`` are still read, never turning a summary into quoted law."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import legalreview as lr
from law_helpers import STATUTES, coded, issues, kenya, line_of
from legalreview.models import Provision
from legalreview.render.site import render_profile

# Test fixtures: placeholder words standing in for a statute's text; not the words of any law.
ORIGINAL = "[Texte d'essai : ceci n'est pas le texte d'une loi.]"
TRANSLATED = "[Test text: this is not the text of any law.]"

ASSESSMENT = '''assessments:
  - set: csam
    edition: "2023"
    assessed_on: 2026-10-01
    law_as_at: 2026-10-01
    coder: analyst-a
    status: published
    answers:
      C1: {value: "yes", evidence: [soa-2006-s16]}
      C2: "no"
      C3: "no"
      C4: "no"
      C5: "no"
'''


def provision(fields: str) -> str:
    return f'provisions:\n  - {{id: soa-2006-s16, statute: soa-2006, section: "16", {fields}}}\n'


def test_old_quoted_flags_are_read_without_ever_quoting_a_summary() -> None:
    summary = Provision.model_validate({"id": "p", "statute": "s", "section": "1", "text": "Ours.", "quoted": False})
    assert (summary.text, summary.summary, summary.quoted) == ("", "Ours.", False)
    words = Provision.model_validate({"id": "p", "statute": "s", "section": "1", "text": "Law.", "quoted": True})
    assert (words.text, words.summary, words.quoted) == ("Law.", "", True)
    # Before `summary:` existed, text without `quoted: true` was a summary; it still is.
    bare = Provision.model_validate({"id": "p", "statute": "s", "section": "1", "text": "Ours."})
    assert (bare.text, bare.summary, bare.legacy_text) == ("", "Ours.", "no-language")
    new = Provision.model_validate({"id": "p", "statute": "s", "section": "1", "text": "Law.", "language": "en"})
    assert (new.text, new.summary, new.legacy_text) == ("Law.", "", "")


def test_old_style_provisions_get_a_located_warning_saying_how_to_convert(small: Path) -> None:
    path = kenya(small, STATUTES + '''provisions:
  - {id: soa-2006-s16, statute: soa-2006, section: "16", text: "Our summary.", quoted: false}
  - {id: cmca-2018-s24, statute: cmca-2018, section: "24", text: "Another summary."}
''' + ASSESSMENT)
    found = issues(small)
    found = [i for i in found if i.file == "countries/KEN.yaml"]
    flag, bare = coded(found, "quoted-flag"), coded(found, "text-without-language")
    assert [(i.severity, i.line) for i in flag] == [("warning", line_of(path, "quoted: false"))]
    assert flag[0].hint == "rename `text:` to `summary:` and drop `quoted:`"
    assert [(i.severity, i.line) for i in bare] == [("warning", line_of(path, "Another summary"))]
    assert "never as the words of the law" in bare[0].message


def test_the_embedded_review_is_converted(repo_root: Path) -> None:
    for path in (repo_root / "countries").glob("*.yaml"):
        assert "quoted:" not in path.read_text(encoding="utf-8"), path.name
    found = lr.load_review(repo_root).warnings
    assert not coded(found, "quoted-flag") and not coded(found, "text-without-language")


def test_profiles_show_the_original_with_its_language_beside_the_translation(small: Path) -> None:
    kenya(small, STATUTES + provision(
        f'subsection: "2", text: "{ORIGINAL}", language: fr, '
        f'translation: {{text: "{TRANSLATED}", language: en, translation_by: "legalreview tests", official: false}}, '
        'summary: "Our summary of the section.", url: "https://example.org/ke/soa#s16", accessed_on: 2026-09-30') +
        ASSESSMENT)
    review = lr.load_review(small, today=dt.date(2026, 11, 1))
    html = render_profile(review, "KEN", "html")
    assert f'<blockquote lang="fr">{ORIGINAL.replace(chr(39), "&#39;")}</blockquote>' in html
    assert f'<blockquote class="translation" lang="en">{TRANSLATED}</blockquote>' in html
    assert "Unofficial translation by legalreview tests." in html
    assert '<span class="label">Summary (our words):</span> Our summary of the section.' in html
    assert "section 16(2)" in html and 'href="https://example.org/ke/soa#s16"' in html
    assert "Text accessed on 2026-09-30." in html
    md = render_profile(review, "KEN", "md")
    assert "Unofficial translation by legalreview tests" in md


def test_an_official_translation_says_so(small: Path) -> None:
    kenya(small, STATUTES + provision(f'text: "{ORIGINAL}", language: fr, translation: {{text: "{TRANSLATED}", '
                                      'official: true}') + ASSESSMENT)
    html = render_profile(lr.load_review(small, today=dt.date(2026, 11, 1)), "KEN", "html")
    assert "Official translation." in html


def test_a_summary_alone_is_labelled_as_our_words_and_never_quoted(small: Path) -> None:
    kenya(small, STATUTES + provision('summary: "Our summary of the section."') + ASSESSMENT)
    html = render_profile(lr.load_review(small, today=dt.date(2026, 11, 1)), "KEN", "html")
    assert "<blockquote" not in html.split('<section class="set-profile"')[1].split("</section>")[0]
    assert '<span class="label">Summary (our words):</span> Our summary of the section.' in html


def test_new_text_fields_obey_the_untrusted_value_rules(small: Path) -> None:
    path = kenya(small, STATUTES + provision('summary: "x", url: "javascript:alert(1)"'))
    assert [i.line for i in coded(issues(small), "bad-url")] == [line_of(path, "javascript")]
    kenya(small, STATUTES + provision(f'text: "{ORIGINAL}", language: fr, translation: {{text: "a\\u202eb"}}'))
    assert coded(issues(small), "control-character")
    kenya(small, STATUTES + provision('summary: "x", accessed_on: 2300-01-01'))
    assert coded(issues(small), "date-out-of-range")
    kenya(small, STATUTES + provision(f'text: "{ORIGINAL}", language: fr, '
                                      'translation: {text: "x", language: "en\\"x"}'))
    assert coded(issues(small), "schema")
    kenya(small, STATUTES + provision('text: "x", language: "../fr"'))
    assert [i.message for i in coded(issues(small), "schema")] == \
        ["provisions.0.language: not a language tag: use a BCP 47 tag such as en, fr or pt-BR"]
