"""legalreview validate / init: the embedded review is clean, mistakes are all reported with positions."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from legalreview import jurisdictions
from legalreview.cli import main
from legalreview.workspace import load_workspace

LOCATION = re.compile(r"^(countries|criteria)/[A-Za-z0-9_.-]+\.yaml:\d+:\d+: (error|warning) [a-z-]+: ")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_embedded_review_validates_clean_from_the_console_script(repo_root: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "legalreview.cli", "validate", "--dir", str(repo_root)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "error" not in proc.stdout


def test_embedded_review_has_a_file_for_every_one_of_196_roster_members(repo_root: Path) -> None:
    files = sorted(p.stem for p in (repo_root / "countries").glob("*.yaml"))
    assert len(files) == 196
    assert files == jurisdictions.default_roster()
    assert {"XKX", "VAT", "PSE"} <= set(files)


def test_five_mistakes_are_all_reported_in_one_run_with_file_line_column(embedded: Path) -> None:
    ken = embedded / "countries" / "KEN.yaml"
    ken.write_text(
        "iso3: KEN\n"
        "name: Kenya\n"
        "statutes:\n"
        "  - {id: soa-2006, title: \"Sexual Offences Act, 2006\", year: 2006}\n"
        "provisions:\n"
        "  - {id: soa-2006-s16, statute: soa-2006, section: \"16\", text: \"Child sexual abuse material.\"}\n"
        "assessments:\n"
        "  - set: csam\n"
        "    edition: \"2023\"\n"
        "    assessed_on: 2026-09-01\n"
        "    coder: analyst-a\n"
        "    status: published\n"
        "    answers:\n"
        "      C1: {value: \"yes\"}\n"                                   # evidence-missing (line 14)
        "      C2: {value: maybe}\n"                                     # bad-answer (line 15)
        "      C3: {value: \"yes\", evidence: [soa-2006-s99]}\n"         # unknown-provision (line 16)
        "      C9: \"no\"\n"                                             # unknown-criterion (line 17)
        "      C4: \"no\"\n"
        "      C5: \"no\"\n"
    )
    (embedded / "countries" / "CIV.yaml").write_text("iso3: IVC\nname: Ivory Coast\n")  # two: mismatch, unknown
    code, out = run("validate", "--dir", str(embedded))
    assert code == 1
    lines = [line for line in out.splitlines() if " error " in line]
    codes = {line.split(" error ")[1].split(":")[0] for line in lines}
    assert codes == {"evidence-missing", "bad-answer", "unknown-provision", "unknown-criterion",
                     "filename-mismatch", "unknown-country"}
    assert all(LOCATION.match(line) for line in lines), lines
    assert "countries/KEN.yaml:14:7: error evidence-missing" in out
    assert "countries/KEN.yaml:15:7: error bad-answer" in out
    assert "countries/KEN.yaml:17:7: error unknown-criterion" in out
    assert "did you mean CIV (Côte d'Ivoire)?" in out

    code_json, out_json = run("validate", "--dir", str(embedded), "--json")
    assert code_json == 1
    data = json.loads(out_json)
    errors = [d for d in data if d["severity"] == "error"]
    assert len(errors) == len(lines)
    from_text = {line.split(": error ")[0] + " " + line.split(": error ")[1].split(":")[0] for line in lines}
    assert {f"{d['location']} {d['code']}" for d in errors} == from_text


def test_yaml_syntax_error_names_line_and_column_and_other_files_are_still_checked(embedded: Path) -> None:
    (embedded / "countries" / "FRA.yaml").write_text("iso3: FRA\nname: France\nstatutes: [\n")
    (embedded / "countries" / "DEU.yaml").write_text("iso3: DEU\nname: Germany\nstatutes: []\nprovisions: []\n"
                                                     "assessments:\n  - set: gromming\n    edition: '2017'\n"
                                                     "    assessed_on: 2026-01-01\n    coder: a\n    status: draft\n")
    code, out = run("validate", "--dir", str(embedded))
    assert code == 1
    assert re.search(r"countries/FRA\.yaml:\d+:\d+: error yaml-syntax", out)
    assert "countries/DEU.yaml:6:5: error unknown-set" in out and "did you mean 'grooming'?" in out


def test_future_dates_duplicates_and_incomplete_sets_are_reported(embedded: Path) -> None:
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    (embedded / "countries" / "FJI.yaml").write_text(
        "iso3: FJI\nname: Fiji\n"
        "statutes:\n  - {id: crimes-2009, title: \"Crimes Act 2009\"}\n  - {id: crimes-2009, title: \"Crimes Act\"}\n"
        "provisions: []\n"
        "assessments:\n"
        f"  - {{set: grooming, edition: '2017', assessed_on: {future}, coder: a, status: draft,"
        " answers: {G1: 'no', G2: unknown}}\n")
    code, out = run("validate", "--dir", str(embedded))
    assert code == 1
    assert "countries/FJI.yaml:5:6: error duplicate-id: statute id 'crimes-2009' is used twice" in out
    assert re.search(r"countries/FJI\.yaml:8:\d+: error future-date", out)
    assert re.search(r"countries/FJI\.yaml:8:\d+: warning criteria-incomplete: grooming 2017 leaves G3, G4, G5", out)


def test_unknown_keys_and_wrong_types_are_schema_errors_with_positions(embedded: Path) -> None:
    (embedded / "countries" / "NPL.yaml").write_text(
        "iso3: NPL\nname: Nepal\nstatuts: []\nassessments:\n  - set: csam\n    edition: '2023'\n"
        "    assessed_on: not-a-date\n    coder: a\n    status: final\n")
    code, out = run("validate", "--dir", str(embedded))
    assert code == 1
    assert "countries/NPL.yaml:3:1: error unknown-field: statuts" in out
    assert "countries/NPL.yaml:7:5: error schema: assessments.0.assessed_on" in out
    assert "countries/NPL.yaml:9:5: error schema: assessments.0.status" in out


def test_path_tricks_in_country_file_names_are_refused(embedded: Path) -> None:
    (embedded / "countries" / "KE N.yaml").write_text("iso3: KEN\nname: Kenya\n")
    (embedded / "countries" / "CON.yaml").write_text("iso3: CON\nname: Con\n")
    _ws, issues = load_workspace(embedded)
    bad = sorted(i.file for i in issues if i.code == "bad-path")
    assert bad == ["countries/CON.yaml", "countries/KE N.yaml"]


def test_init_creates_a_workspace_that_validates_clean(tmp_path: Path) -> None:
    target = tmp_path / "x"
    code, out = run("init", str(target))
    assert code == 0, out
    assert len(list((target / "countries").glob("*.yaml"))) == 196
    assert sorted(p.name for p in (target / "criteria").glob("*.yaml")) == ["csam.yaml", "facts.yaml", "grooming.yaml",
                                                                            "implementation.yaml", "instruments.yaml"]
    code, out = run("validate", "--dir", str(target))
    assert code == 0, out
    assert out.strip() == "No problems found."


def test_init_refuses_to_overwrite_an_existing_workspace(tmp_path: Path) -> None:
    run("init", str(tmp_path / "x"))
    before = (tmp_path / "x" / "review.toml").read_bytes()
    code, out = run("init", str(tmp_path / "x"))
    assert code == 1 and "already exists" in out
    assert (tmp_path / "x" / "review.toml").read_bytes() == before


def test_shipped_criteria_sets_are_the_repository_criteria_sets(repo_root: Path) -> None:
    shipped = repo_root / "src" / "legalreview" / "data" / "criteria"
    for path in (repo_root / "criteria").glob("*.yaml"):
        assert (shipped / path.name).read_bytes() == path.read_bytes(), path.name


def test_criteria_sets_record_the_knowing_possession_change_and_csam_tiers(repo_root: Path) -> None:
    import legalreview as lr

    review = lr.load_review(repo_root)
    csam = review.criteria_set("csam")
    assert csam.criterion_ids == ["C1", "C2", "C3", "C4", "C5"]
    assert "knowing" in csam.question_for("C4", "2010").lower()
    assert "knowing" not in csam.question_for("C4", "2006").lower()
    tiers = {t.id: t.rule for t in csam.tiers}
    assert tiers["comprehensive"].all_met == ["C1", "C2", "C3", "C4", "C5"]
    assert tiers["sufficient"].all_met == ["C1", "C2", "C3", "C4"]
    assert [c.id for c in review.criteria_set("grooming").criteria] == ["G1", "G2", "G3", "G4", "G5"]
    assert len(review.criteria_set("implementation").criteria) == 7
    for cs in review.criteria.values():
        assert cs.source.publisher == "ICMEC"
        assert all(c.guidance and c.model_provision for c in cs.criteria)


def test_illustrative_countries_are_marked_illustrative(repo_root: Path) -> None:
    import legalreview as lr

    review = lr.load_review(repo_root)
    assessed = {c.iso3 for c in review.countries.values() if c.assessments}
    assert len(assessed) >= 10
    statuses = {a.status for c in review.countries.values() for a in c.assessments}
    assert statuses == {"illustrative"}


@pytest.mark.parametrize("name,code", [("Ivory Coast", "CIV"), ("Korea, Rep.", "KOR"), ("DR Congo", "COD"),
                                       ("Türkiye", "TUR"), ("kosovo", "XKX"), ("GB", "GBR"), ("ken", "KEN")])
def test_messy_names_resolve_through_the_reviewed_alias_file(name: str, code: str) -> None:
    assert jurisdictions.lookup(name) == code


def test_fuzzy_matching_only_suggests_it_never_decides() -> None:
    assert jurisdictions.lookup("Kenia") is None
    assert jurisdictions.suggest("Kenia")[0] == "KEN"


def test_roster_regions_follow_un_m49() -> None:
    roster = jurisdictions.Registry.from_config(__import__("legalreview.models").models.RosterConfig())
    counts: dict[str, int] = {}
    for j in roster.members:
        counts[j.region] = counts.get(j.region, 0) + 1
    assert counts == {"Africa": 54, "Americas": 35, "Asia": 48, "Europe": 45, "Oceania": 14}
