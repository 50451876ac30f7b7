"""Structured facts and instruments (issue 17): ages and penalties recorded once per jurisdiction
with evidence, checked against criteria/facts.yaml, published as a tidy DataFrame, in profiles and
on a page per fact; criteria may derive from a fact, and answers that contradict it are flagged."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

import legalreview as lr
from conftest import REPO
from law_helpers import STATUTES, coded, issues, kenya, line_of
from legalreview.render.site import build_site, render_profile

PROVISIONS = '''provisions:
  - {id: soa-2006-s16, statute: soa-2006, section: "16", summary: "Offences concerning the material."}
  - {id: cmca-2018-s24, statute: cmca-2018, section: "24",
     summary: "Offences using a computer system; a child is a person under 18."}
'''


@pytest.fixture
def catalogued(small: Path) -> Path:
    """The small workspace with the shipped facts and instruments catalogues."""
    for name in ("facts.yaml", "instruments.yaml"):
        shutil.copy2(REPO / "criteria" / name, small / "criteria" / name)
    return small


def test_the_catalogue_lists_the_issue_17_facts(repo_root: Path) -> None:
    review = lr.load_review(repo_root)
    facts = {f.id: f for f in review.workspace.facts.facts}
    assert set(facts) == {"child-age-criminal", "age-of-consent", "grooming-protected-age",
                          "max-penalty-production", "max-penalty-distribution", "max-penalty-possession"}
    assert facts["max-penalty-possession"].type == "years"
    assert {i.id for i in review.workspace.instruments.instruments} == {"crc", "opsc", "lanzarote", "budapest",
                                                                         "ilo-c182", "acrwc"}


def test_facts_are_checked_against_the_catalogue_with_located_problems(catalogued: Path) -> None:
    path = kenya(catalogued, STATUTES + PROVISIONS + '''facts:
  - {fact: child-age-criminal, value: 18, evidence: [cmca-2018-s24]}
  - {fact: age-of-consnt, value: 18, evidence: [soa-2006-s16]}
  - {fact: grooming-protected-age, value: "sixteen", evidence: [soa-2006-s16]}
  - {fact: max-penalty-possession, value: 10}
  - {fact: max-penalty-production, value: 20, evidence: [soa-2006-s99]}
  - {fact: child-age-criminal, value: 18, evidence: [cmca-2018-s24]}
instruments:
  - {instrument: crc, status: ratified}
  - {instrument: lanzarot, status: signed}
''')
    found = [i for i in issues(catalogued) if i.file == "countries/KEN.yaml"]
    by_code = {(i.code, i.line, i.severity) for i in found}
    assert ("unknown-fact", line_of(path, "age-of-consnt"), "error") in by_code
    assert ("bad-fact-value", line_of(path, '"sixteen"'), "error") in by_code
    assert ("fact-evidence-missing", line_of(path, "value: 10}"), "warning") in by_code
    assert ("unknown-provision", line_of(path, "soa-2006-s99"), "error") in by_code
    assert ("duplicate-id", len(path.read_text().splitlines()) - 3, "error") in by_code  # the second child-age-criminal
    assert ("unknown-instrument", line_of(path, "lanzarot,"), "error") in by_code
    unknown = next(i for i in found if i.code == "unknown-fact")
    assert "use one of age-of-consent," in unknown.hint


def test_a_fact_value_may_be_unknown_but_never_of_the_wrong_type(catalogued: Path) -> None:
    kenya(catalogued, STATUTES + PROVISIONS + "facts:\n  - {fact: age-of-consent, note: \"Not checked yet.\"}\n"
          "  - {fact: max-penalty-possession, value: true}\n")
    found = [i for i in issues(catalogued) if i.file == "countries/KEN.yaml"]
    assert [i.code for i in found if i.severity == "error"] == ["bad-fact-value"]
    assert "takes a years value, not True" in coded(found, "bad-fact-value")[0].message


def test_facts_without_a_catalogue_say_where_to_define_them(small: Path) -> None:
    kenya(small, STATUTES + PROVISIONS + "facts:\n"
          "  - {fact: child-age-criminal, value: 18, evidence: [cmca-2018-s24]}\n")
    found = coded(issues(small), "unknown-fact")
    assert found and found[0].hint == "add the fact to criteria/facts.yaml (id, label, type, unit)"


def test_review_facts_is_a_tidy_frame_of_every_recorded_fact(repo_root: Path) -> None:
    facts = lr.load_review(repo_root).facts
    assert list(facts.columns) == ["iso3", "country", "fact", "label", "value", "unit", "scope", "evidence", "note"]
    gbr = facts[facts["iso3"] == "GBR"].set_index("fact")
    assert gbr.loc["age-of-consent", "value"] == 16 and gbr.loc["age-of-consent", "scope"] == "England and Wales"
    assert gbr.loc["max-penalty-possession", "evidence"] == "cja-1988-s160"
    assert gbr.loc["max-penalty-production", "unit"] == "years of imprisonment"
    ages = facts[facts["fact"] == "grooming-protected-age"].set_index("iso3")["value"]
    assert ages.to_dict() == {"AUS": 16, "BRA": 12, "DEU": 14, "FRA": 15, "GBR": 16, "IRL": 17, "NZL": 16,
                              "USA": 18}


def test_review_instruments_is_a_tidy_frame(repo_root: Path) -> None:
    instruments = lr.load_review(repo_root).instruments.set_index("iso3")
    assert instruments.loc["GBR", "status"] == "ratified"
    assert instruments.loc["GBR", "date"] == dt.datetime(1991, 12, 16)
    assert instruments.loc["USA", "status"] == "signed"


def test_an_answer_that_contradicts_the_fact_its_criterion_derives_from_is_flagged(embedded: Path) -> None:
    path = embedded / "countries" / "AUS.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('G5: {value: "no"', 'G5: {value: "yes"')
    path.write_text(text, encoding="utf-8")
    found = coded(issues(embedded), "answer-contradicts-fact")
    assert [(i.file, i.line, i.severity) for i in found] == [("countries/AUS.yaml", line_of(path, "G5:"), "warning")]
    assert found[0].message == 'G5: "yes", but this file records grooming-protected-age = 16'
    assert found[0].hint == "G5 is met when grooming-protected-age is at least 18: check the answer or the fact"


def test_the_embedded_answers_agree_with_the_embedded_facts(repo_root: Path) -> None:
    assert not coded(lr.load_review(repo_root).warnings, "answer-contradicts-fact")


def test_derived_from_must_name_a_catalogued_fact(embedded: Path) -> None:
    path = embedded / "criteria" / "grooming.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("fact: grooming-protected-age", "fact: grooming-age"),
                    encoding="utf-8")
    found = coded(issues(embedded), "unknown-fact")
    assert [(i.file, i.line) for i in found] == [("criteria/grooming.yaml", line_of(path, "grooming-age"))]


def test_profiles_and_fact_pages_show_the_facts(repo_root: Path, tmp_path: Path) -> None:
    review = lr.load_review(repo_root)
    html = render_profile(review, "GBR", "html")
    assert '<h2 id="facts">Facts</h2>' in html
    assert "check each value against the law before citing it" in html  # the coding is illustrative
    assert '<td class="num">5 years of imprisonment</td>' in html
    assert '<li id="instrument-crc"><abbr title="Convention on the Rights of the Child">CRC</abbr>: Ratified, ' \
           "1991-12-16" in html
    md = render_profile(review, "USA", "md")
    assert "| Age under which a grooming offence protects a child | 18 years |" in md
    build_site(review, tmp_path / "site")
    page = (tmp_path / "site" / "facts" / "grooming-protected-age.html").read_text(encoding="utf-8")
    assert 'id="global-table"' in page and page.count("<tr><th scope=\"row\"") == 8
    assert '<td class="num" data-sort="17">17</td><td>National law</td>' in page


def test_a_changed_fact_renders_its_pages_again_and_a_changed_note_does_not(embedded: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"

    def rebuild() -> set[str]:
        before = {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*") if p.is_file()}
        lr.build_site(lr.load_review(embedded), site, with_charts=False)  # reusing the last build's pages
        return {p.relative_to(site).as_posix() for p in site.rglob("*")
                if p.is_file() and before.get(p.relative_to(site).as_posix()) != p.stat().st_ino}

    lr.build_site(lr.load_review(embedded), site, with_charts=False)
    path = embedded / "countries" / "IRL.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 17", "value: 18"), encoding="utf-8")
    again = rebuild()
    assert "facts/grooming-protected-age.html" in again and "countries/IRL.html" in again
    page = (site / "facts" / "grooming-protected-age.html").read_text(encoding="utf-8")
    assert '<td class="num" data-sort="18">18</td>' in page
    notes = embedded / "countries" / "NZL.yaml"
    notes.write_text(notes.read_text(encoding="utf-8").replace("assessments:", "notes: A note for the test.\n"
                                                               "assessments:", 1), encoding="utf-8")
    again = rebuild()
    assert "countries/NZL.html" in again and not any(p.startswith("facts/") for p in again)
