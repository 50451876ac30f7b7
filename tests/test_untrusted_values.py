"""Values that once validated and then crashed or misled a later stage are refused, located.

A review received from someone else is untrusted input (issue 14). Control characters, dates pandas
cannot hold, URLs that break out of a link and criteria sets too large for the charts all used to
pass ``validate`` and then fail in export, packet, build, score or the Markdown profile. Each is now
an error naming file, line and column; the output layers escape what they write all the same.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from legalreview.cli import main
from legalreview.models import DATE_MAX, DATE_MIN, MAX_CRITERIA, Country, url_problem



@pytest.fixture(autouse=True)
def _no_parse_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about validation, not the parse cache (which is being rewritten elsewhere)."""
    monkeypatch.setenv("LEGALREVIEW_NO_CACHE", "1")


KEN = "countries/KEN.yaml"
#: (what, old text in the small fixture's KEN.yaml, new text, expected code, line of the error)
HOSTILE_EDITS = [
    ("escaped NUL in a note", 'note: "The definition does not mention digital images."',
     'note: "The definition does not\\0 mention digital images."', "control-character", 18),
    ("ANSI escape in a statute title", 'title: "Sexual Offences Act, 2006"', 'title: "\\x1b[31mSexual Offences Act"',
     "control-character", 5),
    ("RIGHT-TO-LEFT OVERRIDE in a statute title", 'title: "Sexual Offences Act, 2006"',
     'title: "Sexual Offences Act \u202e6002"', "control-character", 5),
    ("C1 control (NEL) in a citation", 'citation: "No. 3 of 2006"', 'citation: "No. 3\\N of 2006"',
     "control-character", 5),
    ("bidi isolate in a provision text", 'summary: "Offences concerning', 'summary: "\u2066Offences concerning',
     "control-character", 8),
    ("assessed_on in the year 1000", "assessed_on: 2026-09-01", "assessed_on: 1000-01-01", "date-out-of-range", 13),
    ("assessed_on in the year 2300", "assessed_on: 2026-09-01", "assessed_on: 2300-01-01", "date-out-of-range", 13),
    ("url closing the Markdown link and adding another", 'url: "https://example.org/ke/soa"',
     'url: "https://example.org/ke/soa)[x](https://other.example/)"', "bad-url", 5),
    ("url with a space", 'url: "https://example.org/ke/soa"', 'url: "https://example.org/ke/s oa"', "bad-url", 5),
    ("url with no host", 'url: "https://example.org/ke/soa"', 'url: "https://"', "bad-url", 5),
    ("url with a backslash", 'url: "https://example.org/ke/soa"', 'url: "https://example.org\\\\ke"', "bad-url", 5),
    ("url with angle brackets", 'url: "https://example.org/ke/soa"', 'url: "https://example.org/<ke>"', "bad-url", 5),
]


def _edit(root: Path, old: str, new: str, name: str = KEN) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(("what", "old", "new", "code", "line"), HOSTILE_EDITS, ids=[e[0] for e in HOSTILE_EDITS])
def test_validate_refuses_the_value_naming_file_line_and_code(small: Path, what: str, old: str, new: str,
                                                               code: str, line: int) -> None:
    _edit(small, old, new)

    run = CliRunner().invoke(main, ["validate", "--dir", str(small)])

    assert run.exit_code == 1, run.output
    assert re.search(rf"{re.escape(KEN)}:{line}:\d+: error {code}: ", run.output), run.output
    assert "hint:" in run.output
    assert "\x1b" not in run.output and "\u202e" not in run.output and "\x00" not in run.output, \
        "the message shows where the character is, never the character itself"


@pytest.mark.parametrize("command", [["score", "--set", "csam", "--format", "csv"], ["profile", "KEN"],
                                     ["build", "--out", "{out}"]])
def test_commands_that_once_crashed_stop_with_the_located_error(small: Path, tmp_path: Path,
                                                                 command: list[str]) -> None:
    _edit(small, "assessed_on: 2026-09-01", "assessed_on: 1000-01-01")
    args = [a.replace("{out}", str(tmp_path / "site")) for a in command]

    run = CliRunner().invoke(main, [*args, "--dir", str(small)] if command[0] != "build" else
                             [*args, str(small)])

    assert run.exit_code != 0
    assert run.exception is None or isinstance(run.exception, SystemExit), repr(run.exception)
    assert f"{KEN}:13:" in run.output and "date-out-of-range" in run.output, run.output
    assert "OutOfBoundsDatetime" not in run.output


def test_the_real_command_line_names_the_position_and_writes_no_escape(small: Path) -> None:
    _edit(small, 'title: "Sexual Offences Act, 2006"', 'title: "\\e]0;pwned\\a\\e[2J"')
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}

    run = subprocess.run([sys.executable, "-m", "legalreview.cli", "validate", "--dir", str(small)],
                         capture_output=True, text=True, env=env, timeout=120)

    assert run.returncode == 1
    assert f"{KEN}:5:" in run.stdout + run.stderr and "control-character" in run.stdout + run.stderr
    assert "\x1b" not in run.stdout + run.stderr and "\x07" not in run.stdout + run.stderr


def test_a_criteria_set_above_the_limit_is_refused_with_the_limit_named(small: Path) -> None:
    path = small / "criteria" / "csam.yaml"
    text = path.read_text(encoding="utf-8")
    extra = "".join(f'  - {{id: X{i}, short: "X {i}", question: "Q?", guidance: "G.", model_provision: "M."}}\n'
                    for i in range(MAX_CRITERIA))
    path.write_text(text.replace("criteria:\n", "criteria:\n" + extra, 1), encoding="utf-8")

    run = CliRunner().invoke(main, ["validate", "--dir", str(small)])

    assert run.exit_code == 1
    assert re.search(r"criteria/csam\.yaml:\d+:\d+: error too-many: criteria: \d+ criteria; a set may have at most "
                     rf"{MAX_CRITERIA}", run.output), run.output


def test_the_limits_of_a_plain_url() -> None:
    assert url_problem("https://example.org/ke/soa?x=1&y=%28a%29#s*_") is None
    assert url_problem("HTTP://EXAMPLE.ORG") is None
    assert url_problem("https://[2001:db8::1]/") is not None, "brackets are refused (percent-encode them)"
    for bad in ("https://", "https:///path", "http://a b", "https://a.example/(x)", "https://a.example/\"",
                "https://a.example/'", "https://a.example/\\", "https://a.example/`", "https://a.example/\n",
                "https://a.example/\u00a0", "https://a.example:99999/", "https://u:p@a.example/",
                "ftp://a.example/", "javascript:alert(1)", "https://" + "a" * 3000 + ".example/"):
        assert url_problem(bad), bad


def test_date_bounds_sit_inside_what_pandas_can_hold() -> None:
    assert pd.Timestamp.min.date() < DATE_MIN and DATE_MAX < pd.Timestamp.max.date()


@pytest.mark.parametrize("points", ["1e308", ".inf", "-.inf", ".nan", "1001"])
def test_scale_points_must_be_finite_and_bounded(small: Path, points: str) -> None:
    _edit(small, "points: 1", f"points: {points}", name="criteria/csam.yaml")

    run = CliRunner().invoke(main, ["validate", "--dir", str(small)])

    assert run.exit_code == 1
    assert re.search(r"criteria/csam\.yaml:\d+:\d+: error schema: scale\.0\.points: ", run.output), run.output


# --------------------------------------------------------------------------- Markdown links

LINK = re.compile(r"(?<!\\)\]\(")


def test_the_markdown_profile_has_one_link_per_statute_url_whatever_the_text(small: Path) -> None:
    smuggled = "see [x](https://other.example/) and ](https://other.example/) <https://other.example/>"
    _edit(small, 'title: "Sexual Offences Act, 2006"', f'title: "Act {smuggled}"')
    _edit(small, 'citation: "No. 3 of 2006"', f'citation: "No. 3 {smuggled}"')
    _edit(small, 'url: "https://example.org/ke/soa"', 'url: "https://example.org/ke/soa?q=%29%5Bx%5D%28evil#a*_"')
    _edit(small, 'note: "The definition does not mention digital images."', f'note: "{smuggled}"')
    _edit(small, 'summary: "Offences concerning', f'summary: "{smuggled} Offences concerning')
    _edit(small, "status: published\n", f'status: published\n    summary: "{smuggled}"\n', )
    assert CliRunner().invoke(main, ["validate", "--dir", str(small)]).exit_code == 0

    run = CliRunner().invoke(main, ["profile", "KEN", "--format", "md", "--dir", str(small)])

    assert run.exit_code == 0, run.output
    links = LINK.findall(run.output)
    assert len(links) == 1, [line for line in run.output.splitlines() if LINK.search(line)]
    assert "](https://example.org/ke/soa?q=%29%5Bx%5D%28evil#a*_)" in run.output
    assert "(https://other.example/)" not in run.output.replace("\\](https://other.example/)", "")
    autolinks = re.findall(r"(?<!\\)<https?://[^>]*>", run.output)
    assert all("other.example" not in a for a in autolinks), autolinks


def test_markdown_links_stay_closed_even_for_a_model_that_skipped_validation(small: Path) -> None:
    """Defence in depth: a model built without validation (model_copy) still gives one closed link."""
    from legalreview import load_review
    from legalreview.render.site import render_profile

    review = load_review(small)
    kenya: Country = review.workspace.countries["KEN"]
    statutes = [s.model_copy(update={"url": "https://example.org/a)[x](https://other.example/)",
                                     "title": "T](https://other.example/)\n- item"}) for s in kenya.statutes]
    review.workspace.countries["KEN"] = kenya.model_copy(update={"statutes": statutes})

    text = render_profile(review, "KEN", "md")

    assert "other.example/)" not in text.replace("\\](https://other.example/)", "")
    assert len(LINK.findall(text)) == 0, "safe_url refuses the URL, so no link at all"
    assert "\n- item" not in text


def test_the_markdown_url_helper_percent_encodes_whatever_could_end_a_link() -> None:
    from legalreview.render.formats import markdown_escape, markdown_url

    assert markdown_url("https://a.example/x)[y](https://b.example/) z\n<w>") == \
        "https://a.example/x%29%5By%5D%28https://b.example/%29%20z%0A%3Cw%3E"
    assert markdown_url("https://a.example/ok?x=1&y=%20#f") == "https://a.example/ok?x=1&y=%20#f"
    assert markdown_escape("a\u2028b\x1bc\nd](e)") == "a b c d\\](e)"


# --------------------------------------------------------------------------- CSV, charts, workbooks

def test_csv_cells_never_carry_a_nul() -> None:
    from legalreview.render.formats import formula_columns, safe_csv_frame

    frame = pd.DataFrame({"a": ["x\x00y", "\x00=1+1", None], "b": pd.array(["p\x00", "q", None], dtype="string"),
                          "n": [1, 2, 3]})
    assert set(formula_columns(frame)) == {"a", "b"}
    text = safe_csv_frame(frame, formula_columns(frame)).to_csv(index=False)
    assert "\x00" not in text and "'=1+1" in text and "xy" in text


def test_the_quick_formula_scan_of_a_column_never_misses_a_cell_the_per_cell_rule_would_change() -> None:
    """The column scan joins cells with line breaks; a lead of spaces, controls and line breaks before a
    sign is still found (from its last line break), and only towards True does the scan err."""
    import random

    from legalreview.render.formats import FORMULA_LEAD, _may_hold_formula

    pieces = ["", " ", "\n", "\r", "\t", "\u3000", "\x1f", "=", "+", "-", "@", "\uff1d", "a", "1", "\n="]
    rng = random.Random(7)
    for _ in range(3000):
        cells = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 4))) for _ in range(rng.randint(1, 4))]
        if any(FORMULA_LEAD.match(c) for c in cells):
            assert _may_hold_formula(pd.Series(cells)), cells
    assert not _may_hold_formula(pd.Series(["plain", "a-b", "x=1", ""] * 3))
    assert _may_hold_formula(pd.Series([""] * 50_000 + ["  \n =HYPERLINK(1)"]))


def test_a_bar_chart_with_more_than_5000_rows_is_drawn_not_refused() -> None:
    """A roster with many regions (or a set with many criteria) still gets its chart: no row limit."""
    from legalreview.render.bars import Series, stacked_bars

    svg = stacked_bars([f"Region {i}" for i in range(6000)], [Series("Assessed", "#1f2d5c")], [[1]] * 6000,
                       prefix="lr-many", title="Tiers by region", alt="Many regions", font_family="sans-serif")
    assert svg.count("<rect x=") == 6000 + 1  # a bar per region, and the legend's swatch


def test_a_workbook_note_with_a_bidi_override_is_refused_and_nothing_written(small: Path, tmp_path: Path) -> None:
    import openpyxl

    from conftest import tree_bytes
    from legalreview.spreadsheet import export_workbook, import_workbook

    path = tmp_path / "csam.xlsx"
    export_workbook(small, "csam", path)
    book = openpyxl.load_workbook(path)
    book["csam"]["F18"] = "Section 24 \u202ecovers it"  # Kenya C2's note
    book.save(path)
    before = tree_bytes(small)

    result = import_workbook(small, path)

    assert not result.written and tree_bytes(small) == before
    errors = [i for i in result.issues if i.severity == "error"]
    assert [i.code for i in errors] == ["control-character"], [str(i) for i in result.issues]
