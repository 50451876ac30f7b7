"""Snapshot tests: the small fixture's KEN profile and csam global table, as reviewable HTML.

A template change shows up as a diff of tests/snapshots/. To accept it, run
``UPDATE_SNAPSHOTS=1 pytest tests/test_site_snapshots.py`` and commit the snapshots.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

import legalreview as lr
from legalreview.render.site import build_site, render_profile

SNAPSHOTS = Path(__file__).parent / "snapshots"


def check_snapshot(name: str, actual: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1" or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if os.environ.get("UPDATE_SNAPSHOTS") != "1":
            pytest.fail(f"snapshot {name} did not exist; it was written, check it and commit it")
        return
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} changed; review the diff and run with UPDATE_SNAPSHOTS=1 to accept it"


@pytest.fixture
def small_site(small: Path, monkeypatch) -> Path:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    build_site(lr.load_review(small), small / "site", with_charts=False)
    return small / "site"


def test_kenya_profile_matches_snapshot(small_site: Path):
    check_snapshot("small-profile-KEN.html", (small_site / "countries" / "KEN.html").read_text("utf-8"))


def test_csam_global_table_matches_snapshot(small_site: Path):
    check_snapshot("small-set-csam.html", (small_site / "sets" / "csam.html").read_text("utf-8"))


def test_kenya_markdown_profile_matches_snapshot(small: Path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    check_snapshot("small-profile-KEN.md", render_profile(lr.load_review(small), "KEN", "md"))


# Issue 17: a profile showing scope, law as at, original text with translation, facts and instruments.
# Testland (XTL) is a fictional roster extra, and every statute title and text below is invented for
# this test: none of it is the text of any real law.
TESTLAND = "XTL"
TESTLAND_SCOPE = "Northern Province of Testland only (test fixture)"
TESTLAND_ORIGINAL = "[Texte inventé pour les tests : la Testlande n'existe pas et ceci n'est pas une loi.]"
TESTLAND_TRANSLATION = "[Text invented for tests: Testland does not exist and this is not a law.]"
TESTLAND_TRANSLATOR = "legalreview test suite"
TESTLAND_FILE = f'''# Testland: a fictional jurisdiction for snapshot tests. Every word below is invented.
iso3: {TESTLAND}
name: Testland
statutes:
  - {{id: fcpa-2020, title: "Fictional Child Protection Act (test fixture)", citation: "Act No. 0 of 2020",
     year: 2020, language: fr, in_force: 2020-07-01}}
provisions:
  - id: fcpa-2020-s3
    statute: fcpa-2020
    section: "3"
    subsection: "1"
    text: "{TESTLAND_ORIGINAL}"
    language: fr
    translation: {{text: "{TESTLAND_TRANSLATION}", language: en, translation_by: "{TESTLAND_TRANSLATOR}",
                  official: false}}
    summary: "Our summary: a made-up section that stands in for an offence on child sexual abuse material."
assessments:
  - set: csam
    edition: "2023"
    assessed_on: 2026-09-15
    law_as_at: 2026-06-30
    scope: {{level: subnational, label: "{TESTLAND_SCOPE}"}}
    coder: analyst-a
    status: published
    summary: "A fictional assessment written for the profile snapshot test."
    answers:
      C1: {{value: "yes", evidence: [fcpa-2020-s3]}}
      C2: {{value: partial, evidence: [fcpa-2020-s3], note: "Invented note for the test."}}
      C3: "no"
      C4: {{value: "yes", evidence: [fcpa-2020-s3]}}
      C5: "no"
facts:
  - {{fact: child-age-criminal, value: 18, evidence: [fcpa-2020-s3]}}
  - {{fact: max-penalty-possession, value: 7, evidence: [fcpa-2020-s3]}}
instruments:
  - {{instrument: crc, status: ratified, date: 2001-02-03}}
  - {{instrument: opsc, status: signed, date: 2005-06-07}}
  - {{instrument: lanzarote, status: not-party}}
'''


@pytest.fixture
def testland(small: Path, monkeypatch) -> Path:
    """The small workspace plus the fictional Testland, with the shipped facts and instruments catalogues."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    repo = Path(__file__).resolve().parents[1]
    for name in ("facts.yaml", "instruments.yaml"):
        shutil.copy2(repo / "criteria" / name, small / "criteria" / name)
    with (small / "review.toml").open("a", encoding="utf-8") as toml:
        toml.write(f'\n[roster.extra.{TESTLAND}]\nname = "Testland"\n')
    (small / "countries" / f"{TESTLAND}.yaml").write_text(TESTLAND_FILE, encoding="utf-8")
    return small


def test_testland_workspace_is_valid(testland: Path):
    found = lr.validate(testland)
    assert not [i for i in found if i.severity == "error"], found


def test_testland_profile_matches_snapshot(testland: Path):
    build_site(lr.load_review(testland), testland / "site", with_charts=False)
    html = (testland / "site" / "countries" / f"{TESTLAND}.html").read_text("utf-8")
    # What issue 17 asks a profile to show, checked by name so that losing one fails here, not only as a diff.
    assert f'<p class="coded-for">Coded for: <strong>{TESTLAND_SCOPE}</strong> · ' \
           '<time datetime="2026-06-30">law as at 30 June 2026</time>.</p>' in html
    original = TESTLAND_ORIGINAL.replace("'", "&#39;")
    assert html.count(f'<blockquote lang="fr">{original}</blockquote>') == 3  # C1, C2 and C4 cite it
    assert f'<blockquote class="translation" lang="en">{TESTLAND_TRANSLATION}</blockquote>' \
           f'<p class="translated-by"><span class="label">Unofficial translation by {TESTLAND_TRANSLATOR}.</span></p>' \
           in html
    assert "Official translation" not in html
    assert '<p class="summary"><span class="label">Summary (our words):</span> Our summary: a made-up section' in html
    assert "<p>A fictional assessment written for the profile snapshot test.</p>" in html
    assert re.search(r'<tr id="fact-child-age-criminal">[^\n]*<td class="num">18 years</td>', html)
    assert re.search(r'<tr id="fact-max-penalty-possession">[^\n]*<td class="num">7 years of imprisonment</td>', html)
    assert '>CRC</abbr>: Ratified, 2001-02-03</li>' in html
    assert '>OPSC</abbr>: Signed only, 2005-06-07</li>' in html
    assert '>Lanzarote Convention</abbr>: Not a party</li>' in html
    check_snapshot("small-profile-XTL.html", html)


def test_testland_markdown_profile_matches_snapshot(testland: Path):
    md = render_profile(lr.load_review(testland), TESTLAND, "md")
    assert f"Coded for: {TESTLAND_SCOPE} · law as at 30 June 2026\n" in md
    original = TESTLAND_ORIGINAL.replace("[", "\\[").replace("]", "\\]")
    translation = TESTLAND_TRANSLATION.replace("[", "\\[").replace("]", "\\]")
    assert md.count(f'"{original}" (Unofficial translation by {TESTLAND_TRANSLATOR}: "{translation}") '
                    "(Summary (our words): Our summary: a made-up section") == 3  # the law's words, then ours
    assert "\n\nA fictional assessment written for the profile snapshot test.\n" in md  # the assessment's summary
    assert "| Age below which a person is a child in criminal law on child sexual abuse | 18 years |" in md
    assert "| Maximum penalty for possessing child sexual abuse material | 7 years of imprisonment |" in md
    assert "- CRC: Ratified, 2001-02-03\n- OPSC: Signed only, 2005-06-07\n- Lanzarote Convention: Not a party\n" in md
    check_snapshot("small-profile-XTL.md", md)
