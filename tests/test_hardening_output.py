"""Output safety: hostile strings in every text field of the review come out inert in every format.

HTML escapes them (no script, no event handler, no javascript: link); CSV and XLSX cells never
start a formula; Markdown tables keep their columns; non-http(s) URLs never become links.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import SMALL, copy_workspace
from legalreview import store
from legalreview.cli import main

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SCRIPT = "<script>alert(1)</script>"
PAYLOADS = [
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    '=HYPERLINK("http://evil.example/","click me")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "| broken | table |",
    "first line\n| injected | row |\nlast line",
    "'><svg onload=alert(1)>",
    "</textarea></script><script>alert(2)</script>",
    "{{ 7*7 }} {% raw %}",
    "[click](javascript:alert(1)) `code` *bold* _em_",
]
#: http URLs crafted to break out of an attribute or a Markdown link: validation refuses them (see
#: test_untrusted_values.py), so the hostile review carries the most hostile URLs it accepts instead
SNEAKY_URL = 'https://example.org/law?q="><script>alert(1)</script>'
MD_BREAKOUT_URL = "https://example.org/a) [click](javascript:alert(1)"
VALID_SNEAKY_URL = "https://example.org/law?q=%22%3E%3Cscript%3Ealert%281%29%3C/script%3E&x=*_!"
VALID_MD_BREAKOUT_URL = "https://example.org/a*_!%29%20%5Bclick%5D%28javascript:alert%281%29#x*y_"
VALID_SOURCE_URL = "https://example.org/src;javascript:alert%28document.domain%29?a=1&b=*_"


def _payload(i: int) -> str:
    return PAYLOADS[i % len(PAYLOADS)]


def make_hostile(root: Path) -> Path:
    """Fill every free-text field of the small fixture with hostile strings (the review stays valid)."""
    counter = iter(range(10_000))

    def hostile(doc, key) -> None:
        if key in doc or key in ("note", "summary", "notes", "citation"):
            doc[key] = _payload(next(counter))

    for path in sorted((root / "countries").glob("*.yaml")):
        def edit(doc) -> None:
            hostile(doc, "name")
            hostile(doc, "notes")
            for index, statute in enumerate(doc.get("statutes") or []):
                hostile(statute, "title")
                hostile(statute, "citation")
                statute["url"] = VALID_SNEAKY_URL if index % 2 == 0 else VALID_MD_BREAKOUT_URL
            for provision in doc.get("provisions") or []:
                hostile(provision, "section")
                hostile(provision, "text")
            for assessment in doc.get("assessments") or []:
                hostile(assessment, "summary")
                answers = assessment["answers"]
                for crit in list(answers):
                    answer = answers[crit]
                    if not isinstance(answer, dict):
                        answers[crit] = {"value": str(answer)}
                    answers[crit]["note"] = _payload(next(counter))
        store.edit_yaml(path, edit)
    for path in sorted((root / "criteria").glob("*.yaml")):
        def edit_set(doc) -> None:
            doc["title"] = _payload(next(counter))
            doc["source"]["url"] = VALID_SOURCE_URL
            doc["source"]["title"] = _payload(next(counter))
            for crit in doc["criteria"]:
                for key in ("short", "question", "guidance", "model_provision"):
                    crit[key] = _payload(next(counter)) + f" ({crit['id']})"
            for tier in doc.get("tiers") or []:
                tier["label"] = _payload(next(counter))
        store.edit_yaml(path, edit_set)
    toml = (root / "review.toml").read_text(encoding="utf-8")
    toml = toml.replace('name = "Small fixture review"', 'name = "<script>alert(1)</script> review"')
    toml = toml.replace('publisher = "legalreview tests"', "publisher = '\"><img src=x onerror=alert(1)>'")
    toml = toml.replace('url = "https://review.example.org/"', 'url = "https://review.example.org/*_!/"')
    (root / "review.toml").write_text(toml, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_hostile(copy_workspace(SMALL, tmp_path_factory.mktemp("hostile") / "ws"))
    run = CliRunner().invoke(main, ["validate", "--dir", str(root)])
    assert run.exit_code == 0, run.output
    return root


class _Inspector(HTMLParser):
    """Collects what would run in a browser: scripts, event handlers, script links, injected images."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_script: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.problems.append(f"<{tag} {name}=...> event handler")
            if name.lower() in ("href", "src", "action", "formaction", "xlink:href", "data") and value and \
                    re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith(("javascript:", "vbscript:")):
                self.problems.append(f"<{tag} {name}={value!r}> script link")
        if tag == "img" and values.get("src") == "x":
            self.problems.append("injected <img src=x>")
        if tag == "script":
            self.in_script = values

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = None

    def handle_data(self, data: str) -> None:
        if self.in_script is None:
            return
        kind = (self.in_script.get("type") or "").lower()
        if "json" in kind:
            try:
                json.loads(data)
            except ValueError:
                self.problems.append("embedded JSON broken by data")
        elif "alert(" in data:
            self.problems.append("data inside a <script>")


def inspect_html(text: str) -> list[str]:
    parser = _Inspector()
    parser.feed(text)
    parser.close()
    return parser.problems


def test_the_inspector_catches_what_it_looks_for() -> None:
    assert inspect_html('<p><img src=x onerror=alert(1)></p>')
    assert inspect_html('<a href=" JavaScript:alert(1)">x</a>')
    assert inspect_html("<script>alert(1)</script>")
    assert inspect_html('<script type="application/json">{"a": "</script><b>"}</script>')
    assert not inspect_html("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><script src='static/site.js'></script>")


@pytest.fixture(scope="module")
def site(hostile: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from legalreview import load_review
    from legalreview.render.site import build_site

    out = tmp_path_factory.mktemp("site") / "site"
    build_site(load_review(hostile), out)
    return out


def test_every_html_page_shows_hostile_text_escaped_and_runs_nothing_from_data(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 20
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert inspect_html(text) == [], page.relative_to(site)
        assert "onerror=alert" not in text.replace("onerror=alert(1)&gt;", ""), page
    kenya = (site / "countries" / "KEN.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in kenya
    assert "{{ 7*7 }}" in kenya or "{{ 7*7 }}" in (site / "methodology.html").read_text(encoding="utf-8"), \
        "template syntax in data is shown, never evaluated"


def test_no_page_links_to_a_non_http_url(site: Path) -> None:
    for page in sorted(site.rglob("*.html")):
        hrefs = re.findall(r'\b(?:href|src)\s*=\s*"([^"]*)"', page.read_text(encoding="utf-8"))
        for href in hrefs:
            assert not href.strip().lower().startswith(("javascript:", "data:text", "vbscript:")), (page, href)
    methodology = (site / "methodology.html").read_text(encoding="utf-8")
    assert "javascript:alert(document.domain)" not in methodology, "no javascript: source url is shown"


def test_site_csv_files_never_start_a_cell_with_a_formula(site: Path) -> None:
    files = sorted(site.rglob("*.csv"))
    assert files
    seen_payload = False
    for path in files:
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
            for cell in row:
                assert not cell.startswith(FORMULA_START), (path.name, cell)
                seen_payload |= cell.startswith("'=HYPERLINK")
    assert seen_payload, "the hostile notes reached the CSV, neutralised with a leading apostrophe"


def _assert_workbook_inert(path: Path, expect_hostile: bool = True) -> None:
    """Every cell is a typed value: no formula cells (text starting with '=' is stored as text)."""
    book = openpyxl.load_workbook(path)
    checked = 0
    hostile_text = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                checked += 1
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str) and cell.value.lstrip("'").startswith("=HYPERLINK"):
                    hostile_text += 1
                    assert cell.data_type in ("s", "inlineStr"), cell.data_type
    assert checked
    assert hostile_text or not expect_hostile, "the hostile text reached the workbook, as text"
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = archive.read(name)
                assert not re.search(rb"<(\w+:)?f[ >]", xml), f"{path.name}:{name} holds a <f> formula element"


def test_site_workbook_and_exported_workbook_hold_no_formulas(site: Path, hostile: Path, tmp_path: Path) -> None:
    from legalreview.spreadsheet import export_workbook

    for path in sorted(site.rglob("*.xlsx")):
        _assert_workbook_inert(path, expect_hostile=False)
    export_workbook(hostile, "csam", tmp_path / "csam.xlsx")
    _assert_workbook_inert(tmp_path / "csam.xlsx")


def test_site_json_files_parse_and_keep_the_text_as_data(site: Path) -> None:
    files = sorted(site.rglob("*.json"))
    assert files
    for path in files:
        json.loads(path.read_text(encoding="utf-8"))


def _columns(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line)) - 1


@pytest.mark.parametrize("args", [["score", "--set", "csam"], ["score", "--set", "grooming"],
                                  ["score", "--set", "csam", "--counts"]])
def test_markdown_tables_keep_their_columns_with_hostile_cells(hostile: Path, args: list[str]) -> None:
    run = CliRunner().invoke(main, [*args, "--format", "markdown", "--dir", str(hostile)])
    assert run.exit_code == 0, run.output
    tables = [t for t in run.output.split("\n\n") if t.strip()]
    for table in tables:
        lines = table.strip("\n").splitlines()
        assert all(line.startswith("| ") and line.endswith(" |") for line in lines), lines
        assert {_columns(line) for line in lines} == {_columns(lines[0])}, table


def test_score_csv_neutralises_formulas(hostile: Path) -> None:
    run = CliRunner().invoke(main, ["score", "--set", "csam", "--format", "csv", "--dir", str(hostile)])
    assert run.exit_code == 0, run.output
    rows = list(csv.reader(io.StringIO(run.output)))
    assert len(rows) == 6
    for row in rows:
        assert len(row) == len(rows[0])
        for cell in row:
            assert not cell.startswith(FORMULA_START), cell


def test_markdown_profile_escapes_text_and_makes_no_script_links(hostile: Path) -> None:
    run = CliRunner().invoke(main, ["profile", "KEN", "--format", "md", "--dir", str(hostile)])
    assert run.exit_code == 0, run.output
    assert not re.search(r"(?<!\\)\]\(\s*javascript:", run.output), "no Markdown link to javascript:"
    assert not re.search(r"(?<!\\)<javascript:", run.output)
    assert "example.org/a) [click]" not in run.output, "a crafted http URL cannot break out of a link"
    # every "<" from data is backslash-escaped, so Markdown renders it as text; only autolinks stay
    raw_tags = [m.group(0) for m in re.finditer(r"(?<!\\)<(?!https?://)[^>\n]*", run.output)]
    assert raw_tags == [], raw_tags
    assert "\\<script\\>" in run.output, "the hostile <script> is there, as escaped text"
    assert "&lt;" not in run.output and "&#34;" not in run.output, "no HTML entities in Markdown"
    for line in run.output.splitlines():
        if line.startswith("|") and line.rstrip().endswith("|"):
            assert "\n" not in line


def test_html_profile_runs_nothing_from_data(hostile: Path) -> None:
    run = CliRunner().invoke(main, ["profile", "KEN", "--format", "html", "--dir", str(hostile)])
    assert run.exit_code == 0, run.output
    assert inspect_html(run.output) == []
    assert "&lt;script&gt;" in run.output


def test_a_javascript_statute_url_is_refused_by_validation(small: Path) -> None:
    path = small / "countries" / "KEN.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("https://example.org/ke/soa", "javascript:alert(1)"),
                    encoding="utf-8")
    run = CliRunner().invoke(main, ["validate", "--dir", str(small)])
    assert run.exit_code == 1
    assert "countries/KEN.yaml:5:" in run.output and "error bad-url" in run.output


def test_a_workspace_template_cannot_run_code_at_build_time(small: Path, tmp_path: Path) -> None:
    import jinja2

    from legalreview import load_review
    from legalreview.render.site import build_site

    marker = tmp_path / "PWNED"
    (small / "templates").mkdir()
    (small / "templates" / "index.html.j2").write_text(
        "{{ cycler.__init__.__globals__.os.popen('touch " + str(marker) + "').read() }}\n", encoding="utf-8")

    with pytest.raises(jinja2.exceptions.SecurityError):
        build_site(load_review(small), tmp_path / "site", with_charts=False)

    assert not marker.exists()
    assert not (tmp_path / "site").exists(), "a failed build leaves no site behind"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site")], "nor its temporary folder"
