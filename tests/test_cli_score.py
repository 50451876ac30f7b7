"""score, diff and gaps on the command line: every roster country, every format, clear errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from legalreview.cli import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_score_csv_of_the_embedded_review_lists_all_196_countries(repo_root: Path) -> None:
    code, out = run("score", "--set", "csam", "--format", "csv", "--dir", str(repo_root))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 196
    assert {r["iso3"] for r in rows} >= {"KEN", "GBR", "XKX", "VAT", "PSE"}
    assert next(r for r in rows if r["iso3"] == "AFG")["tier"] == "not-assessed"
    assert list(rows[0]) == ["iso3", "country", "region", "edition", "C1", "C2", "C3", "C4", "C5", "met_count", "tier",
                            "tier_low", "tier_high"]


def test_score_json_and_markdown_give_the_same_countries(small: Path) -> None:
    code, out = run("score", "--set", "csam", "--format", "json", "--dir", str(small))
    assert code == 0
    data = json.loads(out)
    assert [d["iso3"] for d in data] == ["CIV", "FJI", "GBR", "KEN", "VAT"]
    assert next(d for d in data if d["iso3"] == "KEN")["tier"] == "sufficient"
    code, md = run("score", "--set", "csam", "--format", "markdown", "--dir", str(small))
    assert code == 0
    lines = md.strip().splitlines()
    assert len(lines) == 2 + 5 and all(line.count(" | ") == lines[0].count(" | ") for line in lines)


def test_score_counts_for_a_region(small: Path) -> None:
    code, out = run("score", "--set", "csam", "--counts", "--region", "Africa", "--format", "csv", "--dir", str(small))
    assert code == 0
    assert "sufficient,1" in out and "not-assessed,1" in out and "C2,1" in out


def test_unknown_set_and_region_are_one_line_errors(small: Path) -> None:
    code, out = run("score", "--set", "csma", "--dir", str(small))
    assert code == 2 and "there is no criteria set 'csma'" in out and "did you mean csam" in out
    code, out = run("score", "--set", "csam", "--region", "Atlantis", "--dir", str(small))
    assert code == 2 and "choose from Africa" in out and len(out.strip().splitlines()) == 1


def test_diff_and_gaps_on_the_command_line(small: Path) -> None:
    code, out = run("diff", "--set", "csam", "--from", "2016", "--to", "2023", "--format", "csv", "--dir", str(small))
    assert code == 0
    rows = {r["iso3"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows["KEN"]["details"] == "C2: partial → yes (new-law); C3: no → yes (new-law)"
    assert rows["GBR"]["details"] == "first assessed in edition 2023"
    code, out = run("gaps", "Kenya", "--set", "csam", "--format", "json", "--dir", str(small))
    assert code == 0
    assert [g["criterion"] for g in json.loads(out)] == ["C5"]
