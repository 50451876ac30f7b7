"""Fuzzing with hypothesis: the YAML loader, the workspace loader, the tier rules and the importer
never let an exception other than their documented error type escape."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import SMALL, copy_workspace
from legalreview import store
from legalreview.issues import CODES, Issue
from legalreview.models import CriteriaSet
from legalreview.scoring import UNCLASSIFIED, evaluate_tiers
from legalreview.workspace import load_workspace

FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KENYA = (SMALL / "countries" / "KEN.yaml").read_bytes()
YAMLISH = st.sampled_from(list(" :-[]{}&*!|>'\"\n\t#?,%@\\`.0123456789abcKENyesno<=") +
                          ["\ufeff", "\x00", "\u2028", "é", "iso3", "name", "&a", "*a", "!!", "<<", "- ", ": "])


def _only_documented(raw: bytes) -> None:
    try:
        data, positions = store.parse_yaml(raw, "countries/KEN.yaml")
    except store.YamlProblem as exc:
        assert isinstance(exc.issue, Issue) and exc.issue.code in CODES
        assert exc.issue.file == "countries/KEN.yaml"
        return
    assert isinstance(positions, dict)
    for (line, column) in positions.values():
        assert line >= 1 and column >= 1


@FUZZ
@given(st.binary(max_size=2000))
def test_the_yaml_reader_on_arbitrary_bytes_returns_data_or_a_yaml_problem(raw: bytes) -> None:
    _only_documented(raw)


@FUZZ
@given(st.lists(YAMLISH, max_size=300).map("".join))
def test_the_yaml_reader_on_yaml_like_text_returns_data_or_a_yaml_problem(text: str) -> None:
    _only_documented(text.encode("utf-8", errors="surrogatepass"))


@FUZZ
@given(st.data())
def test_the_yaml_reader_on_a_mutated_country_file_returns_data_or_a_yaml_problem(data: st.DataObject) -> None:
    raw = bytearray(KENYA)
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(raw)))
        action = data.draw(st.sampled_from(["insert", "delete", "replace"]))
        chunk = data.draw(st.lists(YAMLISH, min_size=1, max_size=4).map("".join)).encode("utf-8")
        if action == "insert":
            raw[at:at] = chunk
        elif action == "delete":
            del raw[at:at + len(chunk)]
        else:
            raw[at:at + len(chunk)] = chunk
    _only_documented(bytes(raw))


# --------------------------------------------------------------------------- the workspace loader

@pytest.fixture(scope="module")
def fuzz_workspace() -> Path:
    root = Path(tempfile.mkdtemp(prefix="legalreview-fuzz-"))
    copy_workspace(SMALL, root / "ws")
    yield root / "ws"
    shutil.rmtree(root, ignore_errors=True)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_loading_a_workspace_with_a_mangled_country_file_gives_issues_never_an_exception(
        fuzz_workspace: Path, data: st.DataObject) -> None:
    lines = KENYA.decode("utf-8").splitlines(keepends=True)
    for _ in range(data.draw(st.integers(1, 4))):
        index = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "duplicate", "mangle", "indent", "swap"]))
        if action == "drop":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "indent":
            lines[index] = data.draw(st.sampled_from(["  ", "\t", " "])) + lines[index]
        elif action == "swap":
            other = data.draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        else:
            cut = data.draw(st.integers(0, len(lines[index])))
            junk = data.draw(st.lists(YAMLISH, max_size=6).map("".join))
            lines[index] = lines[index][:cut] + junk + lines[index][cut:]
        if not lines:
            break
    (fuzz_workspace / "countries" / "KEN.yaml").write_text("".join(lines), encoding="utf-8", errors="surrogatepass")

    ws, issues = load_workspace(fuzz_workspace, today=dt.date(2027, 1, 1))

    assert ws is not None
    assert all(isinstance(i, Issue) and i.code in CODES for i in issues)
    for issue in issues:
        if issue.file == "countries/KEN.yaml" and issue.severity == "error" and issue.code != "file-too-large":
            assert issue.line is not None, str(issue)


# --------------------------------------------------------------------------- tier rules

@st.composite
def criteria_sets(draw: st.DrawFn) -> CriteriaSet:
    n = draw(st.integers(1, 7))
    ids = [f"C{i}" for i in range(1, n + 1)]
    tiers = []
    for t in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["all_met", "any_met", "none_met", "min_met"]))
        value = draw(st.integers(0, n)) if kind == "min_met" else draw(
            st.lists(st.sampled_from(ids), min_size=0, max_size=n, unique=True))
        tiers.append({"id": f"tier-{t}", "label": f"Tier {t}", "rule": {kind: value}})
    return CriteriaSet.model_validate({
        "id": "fuzz", "title": "Fuzzed set", "version": 1, "source": {"publisher": "tests", "title": "t"},
        "scale": [{"code": "yes", "label": "Yes", "points": 1}, {"code": "no", "label": "No", "points": 0},
                  {"code": "unknown", "label": "Not known", "points": None}],
        "criteria": [{"id": c, "short": c, "question": "?", "guidance": "g", "model_provision": "m"} for c in ids],
        "tiers": tiers,
    })


def _reference_tier(cs: CriteriaSet, answers: dict[str, str]) -> str:
    """The tier rules read literally, one country at a time (the spec the vectorised code must match)."""
    for tier in cs.tiers:
        rule = tier.rule
        if rule.all_met is not None and all(answers[c] == "yes" for c in rule.all_met):
            return tier.id
        if rule.any_met is not None and any(answers[c] == "yes" for c in rule.any_met):
            return tier.id
        if rule.none_met is not None and all(answers[c] == "no" for c in rule.none_met):
            return tier.id
        if rule.min_met is not None and sum(a == "yes" for a in answers.values()) >= rule.min_met:
            return tier.id
    return UNCLASSIFIED


@FUZZ
@given(st.data())
def test_tier_evaluation_gives_the_first_matching_tier_or_unclassified(data: st.DataObject) -> None:
    cs = data.draw(criteria_sets())
    ids = cs.criterion_ids
    rows = data.draw(st.lists(st.fixed_dictionaries({c: st.sampled_from(["yes", "no", "unknown"]) for c in ids}),
                              min_size=1, max_size=8))
    answers = pd.DataFrame(rows, columns=ids)
    met = answers == "yes"
    not_met = answers == "no"

    tiers = evaluate_tiers(cs, met, not_met)

    assert list(tiers.index) == list(answers.index)
    assert set(tiers) <= {t.id for t in cs.tiers} | {UNCLASSIFIED}
    assert list(tiers) == [_reference_tier(cs, row) for row in rows]


@FUZZ
@given(st.dictionaries(st.sampled_from(["all_met", "any_met", "none_met", "min_met", "eval", "exec", ""]),
                       st.one_of(st.integers(-3, 9), st.text(max_size=5), st.lists(st.text(max_size=4), max_size=3),
                                 st.none(), st.booleans()), max_size=3))
def test_a_tier_rule_of_any_shape_is_a_model_or_a_validation_error(rule: dict) -> None:
    from pydantic import ValidationError

    from legalreview.models import TierRule

    try:
        parsed = TierRule.model_validate(rule)
    except ValidationError:
        return
    assert parsed.kind in ("all_met", "any_met", "none_met", "min_met")
    assume(True)


# --------------------------------------------------------------------------- the importer

CELL_VALUES = st.one_of(
    st.none(), st.integers(-10, 10), st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.sampled_from(["yes", "no", "partial", "unknown", "Yes", " YES ", "Partially", "n/a", "KEN", "Kenya",
                     "C1", "C9", "soa-2006-s16", "soa-2006-s16; cmca-2018-s24", "../../etc/passwd",
                     "=1+1", "+cmd", "@SUM(1)", "<script>alert(1)</script>", "| a | b |", "Ivory Coast",
                     "x" * 300, "\u202e", "line\nbreak", "'quoted", "null", "~"]),
    st.text(max_size=20).map(lambda s: "".join(ch for ch in s if ch.isprintable())),
)


@pytest.fixture(scope="module")
def importer_base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from legalreview.spreadsheet import export_workbook

    base = tmp_path_factory.mktemp("import-fuzz")
    root = copy_workspace(SMALL, base / "ws")
    export_workbook(root, "csam", base / "csam.xlsx")
    return root, base / "csam.xlsx"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_importing_a_workbook_with_random_cells_gives_issues_never_an_exception(
        importer_base: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    import openpyxl

    from conftest import tree_bytes
    from legalreview.spreadsheet import import_workbook

    root, export = importer_base
    work = tmp_path_factory.mktemp("case")
    target = copy_workspace(root, work / "ws")
    book = openpyxl.load_workbook(export)
    sheet = book["csam"]
    for _ in range(data.draw(st.integers(1, 6))):
        row = data.draw(st.integers(1, sheet.max_row + 1))
        column = data.draw(st.integers(1, 7))
        sheet.cell(row, column).value = data.draw(CELL_VALUES)
    book.save(work / "fuzzed.xlsx")
    before = tree_bytes(target)

    result = import_workbook(target, work / "fuzzed.xlsx", today=dt.date(2027, 1, 1))

    assert all(isinstance(i, Issue) and i.code in CODES for i in result.issues)
    if not result.ok:
        assert tree_bytes(target) == before, "an import with errors writes nothing"
        assert not result.written
    else:
        ws, issues = load_workspace(target, today=dt.date(2027, 1, 1))
        assert not [str(i) for i in issues if i.severity == "error"], "a successful import leaves a valid workspace"
