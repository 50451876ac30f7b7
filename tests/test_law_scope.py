"""Scope (issue 17): statutes, provisions, assessments and facts say which law they cover: national
law (the default) or some sub-national units (ISO 3166-2), and every page shows it."""

from __future__ import annotations

from pathlib import Path

import pytest

import legalreview as lr
from law_helpers import STATUTES, coded, issues, kenya, line_of
from legalreview.models import Scope
from legalreview.render.site import render_profile


def test_scope_is_written_as_national_a_list_of_units_or_a_mapping_with_a_label() -> None:
    assert Scope.model_validate("national").text == "National law"
    assert Scope.model_validate(["GB-ENG", "GB-WLS"]).level == "subnational"
    both = Scope.model_validate({"units": ["GB-ENG", "GB-WLS"], "label": "England and Wales"})
    assert (both.level, both.text) == ("subnational", "England and Wales")
    assert Scope.model_validate({"level": "national", "label": "Federal law only"}).text == "Federal law only"
    with pytest.raises(ValueError, match="units"):
        Scope.model_validate("England and Wales")  # a free label alone says nothing a program can check
    with pytest.raises(ValueError, match="sub-national"):
        Scope.model_validate({"level": "national", "units": ["GB-ENG"]})


def test_a_unit_that_is_not_a_subdivision_of_the_country_is_a_located_error(small: Path) -> None:
    path = kenya(small, STATUTES.replace('year: 2018}', 'year: 2018, scope: [GB-ENG]}') + '''provisions:
  - {id: soa-2006-s16, statute: soa-2006, section: "16", summary: "Offences concerning the material.", scope: [KE-99]}
''')
    found = coded(issues(small), "unknown-subdivision")
    assert [(i.line, i.severity) for i in found] == [(line_of(path, "GB-ENG"), "error"),
                                                     (line_of(path, "KE-99"), "error")]
    assert "subdivision of GB, not of KEN" in found[0].message
    assert "not an ISO 3166-2 subdivision code" in found[1].message
    assert all(i.file == "countries/KEN.yaml" and i.column for i in found)


def test_evidence_from_outside_the_assessment_scope_is_a_warning(embedded: Path) -> None:
    path = embedded / "countries" / "GBR.yaml"
    text = path.read_text(encoding="utf-8")
    # Pretend section 160 applied in Scotland only: the England-and-Wales coding cannot rest on it.
    text = text.replace('year: 1988, url:', 'year: 1988, scope: {units: [GB-SCT], label: "Scotland"}, url:')
    path.write_text(text, encoding="utf-8")
    found = coded(issues(embedded), "scope-mismatch")
    assert found and all(i.severity == "warning" and i.file == "countries/GBR.yaml" for i in found)
    assert "outside this assessment's scope (GB-ENG, GB-WLS)" in found[0].message
    assert found[0].message.startswith("C1: cja-1988-s160 (Criminal Justice Act 1988 s. 160) applies in GB-SCT")
    assert found[0].line == line_of(path, 'C1: {value: "yes", evidence: [pca-1978-s1, cja-1988-s160]')


def test_the_embedded_review_records_what_each_coding_covers(repo_root: Path) -> None:
    coded_for = lr.load_review(repo_root).coded_for.set_index(["iso3", "set", "edition"])
    assert coded_for.loc[("GBR", "csam", "2023"), "scope"] == "England and Wales"
    assert coded_for.loc[("GBR", "csam", "2023"), "scope_units"] == "GB-ENG; GB-WLS"
    assert coded_for.loc[("AUS", "grooming", "2017"), "scope"].startswith("Commonwealth law only")
    assert coded_for.loc[("USA", "csam", "2023"), "scope"].startswith("Federal law only")
    assert coded_for.loc[("KEN", "csam", "2023"), "scope"] == "National law"


def test_profiles_and_scorecards_show_the_scope_they_were_coded_for(repo_root: Path) -> None:
    review = lr.load_review(repo_root)
    html = render_profile(review, "GBR", "html")
    assert html.count('<p class="coded-for">Coded for: <strong>England and Wales</strong>') == 2
    assert "applies to: England and Wales" in html  # the Protection of Children Act 1978 extends to E&W only
    md = render_profile(review, "AUS", "md")
    assert "Coded for: Commonwealth law only (state and territory law not coded)" in md
    from legalreview.render.pdf import scorecard_html

    assert "Coded for: <strong>Federal law only (state law not coded)</strong>" in scorecard_html(review, "USA")


def test_a_unit_not_written_as_an_iso_3166_2_code_says_how_to_write_one(small: Path) -> None:
    path = kenya(small, STATUTES.replace('year: 2018}', 'year: 2018, scope: {units: [nairobi]}}'))
    found = coded(issues(small), "schema")
    assert [(i.line, i.message) for i in found] == [(line_of(path, "nairobi"), "statutes.1.scope.units.0: not an "
                                                     "ISO 3166-2 code: write the country's two letters, a hyphen and "
                                                     "the unit, e.g. GB-ENG")]


def test_the_global_table_page_shows_the_scope_and_follows_a_change_of_scope(embedded: Path, tmp_path: Path) -> None:
    from legalreview.render.site import build_site

    site = tmp_path / "site"
    build_site(lr.load_review(embedded), site, with_charts=False)
    page = (site / "sets" / "csam.html").read_text(encoding="utf-8")
    assert '<span class="scope" title="Coded for">England and Wales</span>' in page
    assert '<span class="scope" title="Coded for">Federal law only (state law not coded)</span>' in page
    path = embedded / "countries" / "GBR.yaml"  # only the label changes: no answer, tier or row of the table does
    path.write_text(path.read_text(encoding="utf-8").replace('label: "England and Wales"}\n    coder',
                                                             'label: "England & Wales"}\n    coder'), encoding="utf-8")
    build_site(lr.load_review(embedded), site, with_charts=False)
    page = (site / "sets" / "csam.html").read_text(encoding="utf-8")
    assert '<span class="scope" title="Coded for">England &amp; Wales</span>' in page


def test_the_subdivisions_read_from_pycountry_s_file_are_those_pycountry_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    import pycountry

    from legalreview import lawchecks

    fresh = pycountry.Subdivisions(pycountry.subdivisions.filename)  # not loaded yet
    monkeypatch.setattr(pycountry, "subdivisions", fresh)
    lawchecks._subdivisions.cache_clear()
    try:
        read = lawchecks._subdivisions()
        assert not fresh._is_loaded, "read from the file, not through pycountry's objects"
        listed = {s.code: s.country_code for s in fresh}  # pycountry's own load
        assert read == listed and read["GB-ENG"] == "GB" and len(read) > 4000
        lawchecks._subdivisions.cache_clear()
        assert lawchecks._subdivisions() == listed  # once pycountry has loaded them, from its objects
    finally:
        lawchecks._subdivisions.cache_clear()
