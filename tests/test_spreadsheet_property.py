"""Property: export -> random valid edits -> import changes the country files by exactly those edits."""

from __future__ import annotations

import tempfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SMALL, copy_workspace, tree_bytes
from legalreview.spreadsheet import export_workbook, import_workbook
from legalreview.workspace import load_workspace

SCALE = {"yes": "Yes", "partial": "Partially", "no": "No", "unknown": "Not known", "not_applicable": "Not applicable"}
PROVISIONS = {"CIV": ["cyber-2013-a19"], "FJI": [], "VAT": [], "KEN": ["soa-2006-s16", "cmca-2018-s24"],
              "GBR": ["soa-2003-s15", "soa-2003-s15a", "pca-1978-s1"]}
ROWS = [(iso3, f"C{n}") for iso3 in ("CIV", "FJI", "VAT", "KEN", "GBR") for n in range(1, 6)]  # export order

notes = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")),
                max_size=30).map(str.strip)
formula_like = st.sampled_from(["=SUM(A1:A3)", "+44 20 7946 0000", "-1", "@user", "=cmd|' /C calc'!A0"])


@st.composite
def answer(draw, iso3: str):
    provisions = PROVISIONS[iso3]
    codes = [c for c in SCALE if provisions or c not in ("yes", "partial")]
    code = draw(st.sampled_from(codes))
    if code in ("yes", "partial"):
        evidence = draw(st.lists(st.sampled_from(provisions), min_size=1, max_size=2, unique=True))
    else:
        evidence = draw(st.lists(st.sampled_from(provisions), max_size=1)) if provisions else []
    note = draw(st.one_of(notes, formula_like))
    spelling = draw(st.sampled_from(["code", "label", "upper"]))
    typed = {"code": code, "label": SCALE[code], "upper": f" {code.upper()} "}[spelling]
    return code, evidence, note, typed


@st.composite
def edits(draw):
    rows = draw(st.lists(st.integers(0, len(ROWS) - 1), unique=True, max_size=8))
    out = {}
    for index in rows:
        iso3, _ = ROWS[index]
        out[index] = None if draw(st.integers(0, 9)) == 0 else draw(answer(iso3))
    return out


def _answers(root: Path) -> dict[tuple[str, str], tuple[str, list[str], str] | None]:
    ws, issues = load_workspace(root)
    assert not [i for i in issues if i.severity == "error"], [str(i) for i in issues]
    out: dict[tuple[str, str], tuple[str, list[str], str] | None] = {}
    for iso3, crit in ROWS:
        found = [a for a in ws.countries[iso3].assessments if a.set == "csam" and a.edition == "2023"]
        ans = found[0].answers.get(crit) if found else None
        out[(iso3, crit)] = (ans.value, list(ans.evidence), ans.note or "") if ans else None
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits())
def test_import_changes_the_country_files_by_exactly_the_edits_made(changes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_workspace(SMALL, Path(tmp) / "review")
        workbook = Path(tmp) / "csam.xlsx"
        export_workbook(root, "csam", workbook)
        before_files = tree_bytes(root)
        before = _answers(root)
        book = openpyxl.load_workbook(workbook)
        sheet = book["csam"]
        expected = dict(before)
        for index, edit in changes.items():
            r = index + 2
            if edit is None:
                for col in "DEF":
                    sheet[f"{col}{r}"] = None
                expected[ROWS[index]] = None
                continue
            code, evidence, note, typed = edit
            sheet[f"D{r}"] = typed
            sheet[f"E{r}"] = "; ".join(evidence) or None
            sheet[f"F{r}"] = note or None
            if note:
                sheet[f"F{r}"].data_type = "s"  # typed text, even when it starts with "="
            expected[ROWS[index]] = (code, evidence, note)
        book.save(workbook)

        result = import_workbook(root, workbook)

        assert result.ok, [str(i) for i in result.issues]
        changed = {k for k in expected if expected[k] != before[k]}
        assert {(c.iso3, c.criterion) for c in result.changes} == changed
        assert _answers(root) == expected
        touched = {f"countries/{iso3}.yaml" for iso3, _ in changed}
        after_files = tree_bytes(root)
        assert {k for k in after_files if after_files[k] != before_files.get(k)} == touched
        # and importing the same workbook again changes nothing more
        assert import_workbook(root, workbook).changes == []
