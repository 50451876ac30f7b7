"""Sub-national units as jurisdictions (issue 17): ``countries/<ISO3>/<ISO 3166-2 code>.yaml`` files,
the federal rule that derives a country's answer from its units', and a review of units only.

Every country and unit file written here is fixture data for tests: synthetic answers, not the
assessment of any real jurisdiction's law, and no text of any law."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import openpyxl
import pytest

import legalreview as lr
from legalreview.render.site import render_profile
from conftest import REPO
from law_helpers import TODAY, coded, issues, line_of
from legalreview.scoring import spine_schema
from legalreview.workspace import load_workspace

HEADER = "# Fixture data for tests: synthetic answers, not an assessment of any real law.\n"


def unit(root: Path, parent: str, code: str, name: str, answers: dict[str, str] | None = None,
         iso3: str | None = None, status: str = "published") -> Path:
    """Write countries/<parent>/<code>.yaml with one csam 2023 assessment of these answers (no evidence needed
    for "no" and "unknown"; "yes" and "partial" cite the file's one placeholder provision)."""
    lines = [HEADER, f"iso3: {iso3 or code}\n", f"name: {name}\n",
             'statutes:\n  - {id: act-1, title: "Placeholder Act (fixture)", year: 2020}\n',
             'provisions:\n  - {id: act-1-s1, statute: act-1, section: "1", summary: "Placeholder provision, '
             'not the text of any law."}\n']
    if answers is not None:
        lines.append(f"assessments:\n  - set: csam\n    edition: \"2023\"\n    assessed_on: 2026-10-01\n"
                     f"    coder: analyst-a\n    status: {status}\n    answers:\n")
        for crit, value in answers.items():
            cite = ", evidence: [act-1-s1]" if value in ("yes", "partial") else ""
            lines.append(f'      {crit}: {{value: "{value}"{cite}}}\n')
    folder = root / "countries" / parent
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{code}.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def federal(root: Path, rule: str, national: dict[str, str] | None) -> None:
    """Put a synthetic AUS file on the small review's roster and give csam the federal ``rule``."""
    toml = root / "review.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('"VAT"]', '"VAT", "AUS"]'), encoding="utf-8")
    crit = root / "criteria" / "csam.yaml"
    crit.write_text(crit.read_text(encoding="utf-8").replace("\nscale:\n", f"\nfederal_rule: {rule}\nscale:\n", 1),
                    encoding="utf-8")
    unit(root, "AUS", "AU-NSW", "New South Wales", {"C1": "yes", "C2": "yes", "C3": "yes", "C4": "yes", "C5": "no"})
    unit(root, "AUS", "AU-VIC", "Victoria", {"C1": "yes", "C2": "yes", "C3": "no", "C4": "yes", "C5": "no"})
    unit(root, "AUS", "AU-QLD", "Queensland", {"C1": "yes", "C2": "partial", "C3": "yes", "C4": "yes", "C5": "yes"})
    body = HEADER + "iso3: AUS\nname: Australia\n"
    if national is not None:
        body += ('statutes:\n  - {id: act-1, title: "Placeholder Act (fixture)", year: 2020}\n'
                 'provisions:\n  - {id: act-1-s1, statute: act-1, section: "1", summary: "Placeholder, '
                 'not the text of any law."}\n'
                 "assessments:\n  - set: csam\n    edition: \"2023\"\n    assessed_on: 2026-10-01\n"
                 "    coder: analyst-a\n    status: published\n    answers:\n")
        for crit, value in national.items():
            body += f'      {crit}: {{value: "{value}", evidence: [act-1-s1]}}\n'
    (root / "countries" / "AUS.yaml").write_text(body, encoding="utf-8")


def test_units_are_on_the_roster_with_their_country_region_and_linked_pages(small: Path, tmp_path: Path) -> None:
    federal(small, "national", {"C1": "yes"})
    review = lr.load_review(small, today=TODAY)
    j = review.registry.get("AU-NSW")
    assert j is not None and (j.name, j.parent, j.region) == ("New South Wales", "AUS", "Oceania")
    assert review.registry.units_of("AUS") == ["AU-NSW", "AU-QLD", "AU-VIC"]
    assert review.workspace.country_files["AU-NSW"] == "countries/AUS/AU-NSW.yaml"
    spine = review.scores
    spine_schema().validate(spine)
    assert set(spine.loc[spine["iso3"] == "AUS", "criterion"]) == {"C1"}  # national rule: nothing derived
    assert (spine["derived_from_units"] == "").all() and (spine["scope"] == "").all()
    out = tmp_path / "site"
    lr.build_site(review, out=out)
    assert (out / "countries" / "AU-NSW.html").is_file()
    page = (out / "countries" / "AUS.html").read_text(encoding="utf-8")
    assert "Sub-national units" in page and 'href="AU-NSW.html"' in page and "New South Wales" in page
    assert "Australia" in (out / "countries" / "AU-VIC.html").read_text(encoding="utf-8")


def test_all_units_derives_the_criteria_the_national_assessment_leaves_unanswered(small: Path) -> None:
    federal(small, "all_units", {"C1": "yes", "C2": "yes"})
    review = lr.load_review(small, today=TODAY)
    spine = review.scores
    spine_schema().validate(spine)
    aus = spine[spine["iso3"] == "AUS"].set_index("criterion")
    assert aus.loc[["C1", "C2"], "derived_from_units"].tolist() == ["", ""]  # answered nationally: kept
    assert aus.loc["C3", ["value", "derived_from_units"]].tolist() == ["no", "all_units"]  # VIC does not
    assert aus.loc["C4", "value"] == "yes" and "all meet it" in aus.loc["C4", "note"]
    assert aus.loc["C5", "value"] == "no" and "1 of 3 meet it" in aus.loc["C5", "note"]
    assert aus["counted"].all() and set(aus["coder"]) == {"analyst-a"}
    table = review.table("csam", "2023")
    assert table.loc["AUS", ["C3", "C4", "C5"]].tolist() == ["no", "yes", "no"]
    html = render_profile(review, "AUS")
    assert "Derived from 3 sub-national units (all units): 1 of 3 meet it" in html


def test_any_unit_derives_a_whole_assessment_for_a_country_without_its_own(small: Path) -> None:
    federal(small, "any_unit", None)
    spine = lr.load_review(small, today=TODAY).scores
    spine_schema().validate(spine)
    aus = spine[spine["iso3"] == "AUS"].set_index("criterion")
    assert aus["value"].to_dict() == {"C1": "yes", "C2": "yes", "C3": "yes", "C4": "yes", "C5": "yes"}
    assert set(aus["coder"]) == {"units"} and set(aus["derived_from_units"]) == {"any_unit"}
    assert "1 of 3 meet it" in aus.loc["C5", "note"]


def test_a_unit_without_a_counted_answer_keeps_all_units_unknown(small: Path) -> None:
    federal(small, "all_units", {"C1": "yes"})
    unit(small, "AUS", "AU-TAS", "Tasmania", None)  # on the roster, not yet assessed
    aus = lr.load_review(small, today=TODAY).scores.query("iso3 == 'AUS'").set_index("criterion")
    assert aus.loc["C4", "value"] == "unknown" and "1 not known" in aus.loc["C4", "note"]
    assert aus.loc["C3", "value"] == "no"  # one unit does not meet it: decided whatever Tasmania says


def test_a_review_of_units_only_builds_end_to_end(small: Path, tmp_path: Path) -> None:
    for path in (small / "countries").glob("*.yaml"):
        path.unlink()
    toml = small / "review.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('include = ["KEN", "GBR", "CIV", "FJI", "VAT"]',
                                                             "include = []"), encoding="utf-8")
    unit(small, "AUS", "AU-NSW", "New South Wales", {"C1": "yes", "C2": "yes", "C3": "no", "C4": "yes", "C5": "no"})
    unit(small, "AUS", "AU-VIC", "Victoria", {"C1": "no", "C2": "no", "C3": "no", "C4": "no", "C5": "no"})
    unit(small, "CAN", "CA-ON", "Ontario", {"C1": "yes", "C2": "yes", "C3": "yes", "C4": "yes", "C5": "yes"})
    review = lr.load_review(small, today=TODAY)
    assert review.registry.codes == ["AU-NSW", "AU-VIC", "CA-ON"]
    table = review.table("csam", "2023")
    assert list(table.index) == ["AU-NSW", "AU-VIC", "CA-ON"] and table["assessed"].all()
    assert table.loc["CA-ON", "region"] == "Americas"
    out = tmp_path / "site"
    lr.build_site(review, out=out)
    for code in ("AU-NSW", "AU-VIC", "CA-ON"):
        assert (out / "countries" / f"{code}.html").is_file()
    assert "AU-NSW" in (out / "data" / "csam.csv").read_text(encoding="utf-8")


def test_a_unit_that_is_not_a_subdivision_of_its_folder_country_is_located(small: Path) -> None:
    path = unit(small, "AUS", "CA-ON", "Ontario", {"C1": "no"})
    found = coded(issues(small), "unknown-subdivision")
    assert [(i.file, i.line, i.severity) for i in found] == [("countries/AUS/CA-ON.yaml", line_of(path, "iso3:"),
                                                              "error")]
    assert "not an ISO 3166-2 subdivision of AUS" in found[0].message and found[0].column


def test_a_unit_file_whose_name_and_code_disagree_is_located(small: Path) -> None:
    path = unit(small, "AUS", "AU-NSW", "New South Wales", {"C1": "no"}, iso3="AU-VIC")
    found = coded(issues(small), "filename-mismatch")
    assert [(i.file, i.line) for i in found] == [("countries/AUS/AU-NSW.yaml", line_of(path, "iso3:"))]
    assert "countries/AUS/AU-VIC.yaml" in (found[0].hint or "")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_unit_file_or_folder_that_is_a_link_is_refused(small: Path, tmp_path: Path) -> None:
    target = unit(tmp_path / "elsewhere", "AUS", "AU-NSW", "New South Wales", {"C1": "no"})
    (small / "countries" / "AUS").mkdir()
    (small / "countries" / "AUS" / "AU-NSW.yaml").symlink_to(target)
    found = issues(small)
    assert [(i.code, i.file) for i in found if i.severity == "error"] == [("bad-path", "countries/AUS/AU-NSW.yaml")]
    ws = load_workspace(small, today=TODAY)[0]
    assert ws is not None and "AU-NSW" not in ws.registry  # never read, so never on the roster
    (small / "countries" / "AUS" / "AU-NSW.yaml").unlink()
    (small / "countries" / "AUS").rmdir()
    (small / "countries" / "AUS").symlink_to(target.parent, target_is_directory=True)
    found = issues(small)
    assert [(i.code, i.file) for i in found if i.severity == "error"] == [("bad-path", "countries/AUS")]


def test_the_site_publishes_data_facts_csv_listed_in_the_datapackage(small: Path, tmp_path: Path) -> None:
    shutil.copy2(REPO / "criteria" / "facts.yaml", small / "criteria" / "facts.yaml")
    path = unit(small, "AUS", "AU-NSW", "New South Wales", {"C1": "no"})
    with path.open("a", encoding="utf-8") as fh:
        fh.write("facts:\n  - {fact: age-of-consent, value: 16, evidence: [act-1-s1]}\n")
    out = tmp_path / "site"
    lr.build_site(lr.load_review(small, today=TODAY), out=out, with_charts=False)
    rows = (out / "data" / "facts.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "iso3,country,fact,label,value,unit,scope,evidence,note"
    assert rows[1].startswith("AU-NSW,New South Wales,age-of-consent,") and len(rows) == 2
    package = json.loads((out / "data" / "datapackage.json").read_text(encoding="utf-8"))
    facts = next(r for r in package["resources"] if r["path"] == "facts.csv")
    assert [f["name"] for f in facts["schema"]["fields"]] == rows[0].split(",")
    scores = next(r for r in package["resources"] if r["path"] == "scores.csv")
    header = (out / "data" / "scores.csv").read_text(encoding="utf-8").splitlines()[0]
    assert [f["name"] for f in scores["schema"]["fields"]] == header.split(",")
    assert header.endswith(",scope,derived_from_units")


def test_a_unit_file_outside_its_country_folder_says_where_it_belongs(small: Path) -> None:
    path = unit(small, "AUS", "AU-NSW", "New South Wales", {"C1": "no"})
    moved = small / "countries" / "AU-NSW.yaml"
    path.rename(moved)
    found = coded(issues(small), "unknown-country")
    assert [(i.file, i.line) for i in found] == [("countries/AU-NSW.yaml", line_of(moved, "iso3:"))]
    assert found[0].hint == "move the file to countries/AUS/AU-NSW.yaml"


def test_roster_exclude_drops_a_unit_and_its_page_shows_the_derivation(small: Path) -> None:
    federal(small, "all_units", {"C1": "yes"})
    toml = small / "review.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + 'exclude = ["AU-VIC"]\n', encoding="utf-8")
    review = lr.load_review(small, today=TODAY)
    assert review.registry.units_of("AUS") == ["AU-NSW", "AU-QLD"]
    assert [i.code for i in review.warnings if i.file == "countries/AUS/AU-VIC.yaml"] == ["not-in-roster"]
    aus = review.scores.query("iso3 == 'AUS'").set_index("criterion")
    assert aus.loc["C3", "value"] == "yes"  # without Victoria every unit meets it
    html = render_profile(review, "AUS", fmt="html")
    assert "Derived from 2 sub-national units (all units): all meet it" in html
    assert "Sub-national units:" in html and "AU-VIC.html" not in html


def test_unit_files_parsed_in_worker_processes_load_the_same(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from legalreview.speed import ForkPool, WorkspaceCache, forget_memory

    federal(small, "any_unit", {"C1": "yes"})
    unit(small, "AUS", "CA-ON", "Ontario", {"C1": "no"})  # a problem file: the serial path reports it
    plain, plain_issues = load_workspace(small, today=TODAY)  # the core alone
    forget_memory()
    cache = WorkspaceCache(small, write=True, pool=ForkPool(workers=2, min_items=1))
    forked, forked_issues = load_workspace(small, today=TODAY, cache=cache)
    assert plain is not None and forked is not None
    assert dict(forked.countries) == dict(plain.countries) and forked.country_files == plain.country_files
    assert [str(i) for i in forked_issues] == [str(i) for i in plain_issues]
    assert any(i.code == "unknown-subdivision" and i.file == "countries/AUS/CA-ON.yaml" for i in forked_issues)


def test_a_new_unit_file_renders_its_country_page_and_derived_answers_again(small: Path, tmp_path: Path) -> None:
    federal(small, "all_units", {"C1": "yes"})
    out = tmp_path / "site"
    lr.build_site(lr.load_review(small, today=TODAY), out=out, with_charts=False)
    assert "Tasmania" not in (out / "countries" / "AUS.html").read_text(encoding="utf-8")
    unit(small, "AUS", "AU-TAS", "Tasmania", {"C1": "yes", "C2": "yes", "C3": "yes", "C4": "no", "C5": "no"})
    lr.build_site(lr.load_review(small, today=TODAY), out=out, with_charts=False)
    page = (out / "countries" / "AUS.html").read_text(encoding="utf-8")
    assert "Tasmania" in page and "Derived from 4 sub-national units" in page
    scores = (out / "data" / "scores.csv").read_text(encoding="utf-8")
    rows = [r for r in scores.splitlines() if r.startswith("AUS,") and ",C4," in r]
    assert rows and rows[0].split(",")[7] == "no" and rows[0].endswith(",all_units")


@pytest.mark.parametrize("rule, national, scope", [
    ("all_units", None, "derived from units (all)"),
    ("any_unit", {"C1": "yes"}, "National law; other criteria derived from units (any)")])
def test_review_table_scope_says_when_answers_are_derived_from_units(small: Path, tmp_path: Path, rule: str,
                                                                     national: dict[str, str] | None,
                                                                     scope: str) -> None:
    federal(small, rule, national)
    table = lr.load_review(small, today=TODAY).table("csam", "2023")
    assert table.loc["AUS", "scope"] == scope
    assert table.loc["KEN", "scope"] == "National law"
    lr.export_workbook(small, "csam", tmp_path / "aus.xlsx", edition="2023", countries="AUS")
    sheet = openpyxl.load_workbook(tmp_path / "aus.xlsx")["csam"]
    shown = {row[2]: row[7] for row in sheet.iter_rows(min_row=2, values_only=True)}
    derived = f"derived from units ({rule.split('_')[0]})"
    assert shown == {c: "National law" if national and c in national else derived
                     for c in ("C1", "C2", "C3", "C4", "C5")}
