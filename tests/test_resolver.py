"""One resolver for every argument: sets, editions, regions and countries mean the same in every
command and API function, and a wrong one is exit status 2 with the nearest choices (issue 16)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import legalreview as lr
from legalreview.cli import main
from legalreview.resolve import (UnknownValue, nearest, region_members, resolve_country, resolve_edition,
                                 resolve_region, resolve_set)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _one_line_error(code: int, out: str, *names: str) -> None:
    assert code == 2, out
    lines = [line for line in out.strip().splitlines() if not line.startswith("Note:")]
    assert len(lines) == 1, out
    for name in names:
        assert name in lines[0], (name, out)


# ------------------------------------------------------------------ the resolver itself

@pytest.mark.parametrize("value, code", [("UK", "GBR"), ("Britain", "GBR"), ("Great Britain", "GBR"), ("GB", "GBR"),
                                         ("gbr", "GBR"), ("Turkey", "TUR"), ("Türkiye", "TUR"),
                                         ("Ivory Coast", "CIV"), ("Côte d'Ivoire", "CIV"), ("ken", "KEN"),
                                         ("Kenya", "KEN")])
def test_countries_resolve_by_code_name_or_alias(value: str, code: str) -> None:
    assert resolve_country(value) == code


def test_a_misspelt_country_is_suggested_never_guessed() -> None:
    with pytest.raises(UnknownValue) as info:
        resolve_country("Kenia")
    assert info.value.issue.code == "unknown-country"
    assert "KEN (Kenya)" in info.value.issue.hint
    assert isinstance(info.value, lr.ReviewError) and isinstance(info.value, ValueError)


def test_a_country_off_the_roster_is_refused(small: Path) -> None:
    review = lr.load_review(small)
    assert review.country("Ivory Coast") == "CIV"
    with pytest.raises(UnknownValue, match="not on this review's roster"):
        review.country("Turkey")


def test_sets_and_editions(small: Path) -> None:
    review = lr.load_review(small)
    assert resolve_set(review.criteria, "CSAM") == "csam"
    with pytest.raises(UnknownValue) as info:
        resolve_set(review.criteria, "csma")
    assert "did you mean csam" in info.value.issue.hint
    cs = review.criteria_set("csam")
    assert resolve_edition(cs, "2023") == "2023"
    assert resolve_edition(cs, "8th edition") == "2016"
    assert resolve_edition(cs, None) is None
    with pytest.raises(UnknownValue) as info:
        resolve_edition(cs, "2030", option="--to")
    assert info.value.issue.file == "--to" and "2023" in info.value.issue.hint
    with pytest.raises(UnknownValue):
        review.table("grooming", "2023")


def test_regions_at_every_level(small: Path) -> None:
    review = lr.load_review(small)
    registry = review.registry
    assert resolve_region("africa", registry) == "Africa"
    assert set(region_members(registry, "Africa")) == {"KEN", "CIV"}
    assert region_members(registry, "Sub-Saharan Africa") == region_members(registry, "Africa")
    assert region_members(registry, "Eastern Africa") == ["KEN"]
    with pytest.raises(UnknownValue) as info:
        resolve_region("Afrika", registry)
    assert info.value.issue.code == "unknown-region" and "Africa" in info.value.issue.hint


def test_nearest_is_the_one_fuzzy_matcher() -> None:
    assert nearest("csma", ["csam", "grooming", "implementation"])[0] == "csam"
    assert nearest("zzzz", ["csam"]) == []


# ------------------------------------------------------------------ every command

WRONG_EDITION = [
    ("score", "--set", "csam", "--edition", "2030"),
    ("score", "--set", "grooming", "--edition", "2023"),
    ("diff", "--set", "csam", "--from", "2016", "--to", "2030"),
    ("diff", "--set", "csam", "--from", "1999", "--to", "2023"),
    ("export-xlsx", "--set", "csam", "--edition", "2030", "-o", "{tmp}/x.xlsx"),
    ("agreement", "--set", "csam", "--edition", "2030"),
    ("packet", "KEN", "--set", "csam", "--edition", "2030", "-o", "{tmp}/p.xlsx"),
]


@pytest.mark.parametrize("args", WRONG_EDITION, ids=lambda a: " ".join(a[:5]))
def test_a_wrong_edition_is_exit_2_naming_the_editions(small: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    code, out = run(*[a.format(tmp=tmp_path) for a in args], "--dir", str(small))
    _one_line_error(code, out, "unknown-edition", "2023")
    assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "p.xlsx").exists()


WRONG_SET = [
    ("score", "--set", "csma"),
    ("diff", "--set", "csma", "--from", "2016", "--to", "2023"),
    ("gaps", "KEN", "--set", "csma"),
    ("export-xlsx", "--set", "csma", "-o", "{tmp}/x.xlsx"),
    ("agreement", "--set", "csma"),
    ("status", "--set", "csma"),
    ("packet", "KEN", "--set", "csma", "-o", "{tmp}/p.xlsx"),
]


@pytest.mark.parametrize("args", WRONG_SET, ids=lambda a: " ".join(a[:3]))
def test_a_wrong_set_is_exit_2_naming_the_nearest(small: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    code, out = run(*[a.format(tmp=tmp_path) for a in args], "--dir", str(small))
    _one_line_error(code, out, "unknown-set", "did you mean csam")


MISSPELT_COUNTRY = [
    ("gaps", "Kenia", "--set", "csam"),
    ("profile", "Kenia"),
    ("profile", "Kenia", "--format", "pdf", "-o", "{tmp}/k.pdf"),
    ("export-xlsx", "--set", "csam", "--countries", "Kenia", "-o", "{tmp}/x.xlsx"),
    ("packet", "Kenia", "--set", "csam", "-o", "{tmp}/p.xlsx"),
    ("packet", "Kenia", "-o", "{tmp}/p.xlsx"),
]


@pytest.mark.parametrize("args", MISSPELT_COUNTRY, ids=lambda a: " ".join(a[:4]))
def test_a_misspelt_country_is_exit_2_suggesting_kenya(small: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    code, out = run(*[a.format(tmp=tmp_path) for a in args], "--dir", str(small))
    _one_line_error(code, out, "unknown-country", "KEN (Kenya)")


@pytest.mark.parametrize("args", [("score", "--set", "csam", "--region", "Afrika"),
                                  ("export-xlsx", "--set", "csam", "--region", "Afrika", "-o", "{tmp}/x.xlsx")])
def test_a_wrong_region_is_exit_2_naming_the_nearest(small: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    code, out = run(*[a.format(tmp=tmp_path) for a in args], "--dir", str(small))
    _one_line_error(code, out, "unknown-region", "did you mean Africa")


def test_diff_of_revisions_checks_the_set(small: Path) -> None:
    import subprocess

    git = ["git", "-C", str(small), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "v1"], check=True)
    code, out = run("diff", "--rev", "HEAD..HEAD", "--set", "csma", "--dir", str(small))
    _one_line_error(code, out, "unknown-set", "did you mean csam")


def test_aliases_work_in_every_country_argument(small: Path, tmp_path: Path) -> None:
    code, out = run("gaps", "UK", "--set", "csam", "--dir", str(small))
    assert code == 0 and "GBR" in out
    code, out = run("profile", "UK", "--dir", str(small))
    assert code == 0 and out.startswith("# United Kingdom (GBR)")
    code, out = run("profile", "Ivory Coast", "--dir", str(small))
    assert code == 0 and "(CIV)" in out.splitlines()[0]
    code, out = run("export-xlsx", "--set", "csam", "--countries", "Britain,Kenya", "-o", str(tmp_path / "x.xlsx"),
                    "--dir", str(small))
    assert code == 0 and "2 countries" in out
    code, out = run("packet", "Britain", "--set", "csam", "-o", str(tmp_path / "p.xlsx"), "--dir", str(small))
    assert code == 0 and "GBR" in out


@pytest.mark.parametrize("region", ["Africa", "Sub-Saharan Africa", "Eastern Africa", "europe"])
def test_a_region_means_the_same_in_score_and_export(small: Path, tmp_path: Path, region: str) -> None:
    code, out = run("score", "--set", "csam", "--region", region, "--format", "json", "--dir", str(small))
    assert code == 0, out
    scored = {row["iso3"] for row in json.loads(out)}
    book = tmp_path / "r.xlsx"
    code, out = run("export-xlsx", "--set", "csam", "--region", region, "-o", str(book), "--dir", str(small))
    assert code == 0, out
    sheet = openpyxl.load_workbook(book)["csam"]
    header = [c.value for c in sheet[1]]
    exported = {row[header.index("iso3")] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert scored == exported and scored


# ------------------------------------------------------------------ one JSON document

def test_score_counts_json_is_one_document(small: Path) -> None:
    code, out = run("score", "--set", "csam", "--counts", "--format", "json", "--dir", str(small))
    assert code == 0
    data = json.loads(out)
    assert {"tiers", "criteria"} <= set(data)
    assert {row["tier"] for row in data["tiers"]} >= {"sufficient", "not-assessed"}
    assert [row["criterion"] for row in data["criteria"]] == ["C1", "C2", "C3", "C4", "C5"]


@pytest.mark.parametrize("args", [("status", "--format", "json"),
                                  ("diff", "--set", "csam", "--from", "2023", "--to", "2023", "--format", "json"),
                                  ("score", "--set", "csam", "--format", "json")])
def test_every_json_output_is_one_document(small: Path, args: tuple[str, ...]) -> None:
    code, out = run(*args, "--dir", str(small))
    assert code == 0, out
    json.loads(out)


@pytest.mark.parametrize("iso3, names", [("GBR", {"UK", "Britain", "Great Britain", "United Kingdom", "GB"}),
                                         ("TUR", {"Turkey", "Türkiye", "Turkiye"}),
                                         ("CIV", {"Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"})])
def test_every_name_of_a_jurisdiction_is_offered_for_search(iso3: str, names: set[str]):
    from legalreview.jurisdictions import names_of

    found = names_of(iso3)
    assert names <= set(found)
    assert len({n.casefold() for n in found}) == len(found)  # no name twice
