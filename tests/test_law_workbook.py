"""The law as reviewers record it, in the analysts' workbook (issue 17): scope and law_as_at on the
answers sheet, scope on the statutes and provisions sheets, a facts sheet that round-trips like the
answers, and the scope column of ``Review.table``.

The workspaces are private copies of the embedded review; the values typed into workbooks here are
test edits, not statements about any country's law."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import legalreview as lr
from conftest import tree_bytes
from legalreview.cli import main
from legalreview.spreadsheet import export_workbook, import_workbook
from legalreview.spreadsheet import layout as L

COUNTRIES = "GBR,AUS,USA,KEN"


def _export(root: Path, tmp_path: Path, **kw: object) -> Path:
    path = tmp_path / "csam.xlsx"
    export_workbook(root, "csam", path, countries=COUNTRIES, **kw)  # type: ignore[arg-type]
    return path


def _rows(sheet) -> list[dict[str, object]]:
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, (c.value for c in row)), _row=row[0].row) for row in sheet.iter_rows(min_row=2)]


def _fact_row(sheet, iso3: str, fact: str) -> int:
    return next(r["_row"] for r in _rows(sheet) if r["iso3"] == iso3 and r["fact"] == fact)  # type: ignore[misc]


def _col(key: str) -> str:
    return L.letter(L.FACT_KEYS.index(key) + 1)


def test_export_shows_scope_and_law_as_at_of_each_answer(embedded: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(_export(embedded, tmp_path))
    rows = _rows(book["csam"])
    by = {r["iso3"]: r for r in rows}
    assert by["GBR"]["scope"] == "England and Wales (GB-ENG, GB-WLS)"
    assert by["AUS"]["scope"] == "Commonwealth law only (state and territory law not coded)"
    assert by["USA"]["scope"] == "Federal law only (state law not coded)"
    assert by["KEN"]["scope"] == "National law"
    coded = lr.load_review(embedded).coded_for
    for iso3 in ("GBR", "AUS", "USA"):
        stated = coded[(coded["iso3"] == iso3) & (coded["set"] == "csam") & (coded["edition"] == "2023")]
        assert by[iso3]["law_as_at"] == stated["law_as_at"].iloc[0].date().isoformat()
    assert book["csam"]["H2"].protection.locked and book["csam"]["I2"].protection.locked
    statutes = {r["statute"]: r["scope"] for r in _rows(book["statutes"])}
    assert statutes["pca-1978"] == "England and Wales (GB-ENG, GB-WLS)"
    provisions = {r["provision"]: r["scope"] for r in _rows(book["provisions"])}
    assert provisions["pca-1978-s1"] == "England and Wales (GB-ENG, GB-WLS)"  # the statute's scope
    assert provisions["cc-473.1"] == "National law"


def test_an_edition_without_law_as_at_leaves_the_cell_blank(embedded: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(_export(embedded, tmp_path, edition="2016"))
    gbr = [r for r in _rows(book["csam"]) if r["iso3"] == "GBR"]
    assert gbr and all(r["law_as_at"] is None and r["scope"].startswith("England and Wales") for r in gbr)


def test_facts_sheet_lists_every_catalogue_fact_per_country_with_validation(embedded: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(_export(embedded, tmp_path))
    sheet = book["facts"]
    assert [c.value for c in sheet[1]] == list(L.FACT_KEYS)
    rows = _rows(sheet)
    catalogue = lr.load_review(embedded).workspace.facts
    assert len(rows) == 4 * len(catalogue.facts)
    gbr = {r["fact"]: r for r in rows if r["iso3"] == "GBR"}
    assert gbr["age-of-consent"]["value"] == 16 and gbr["age-of-consent"]["evidence"] == "soa-2003-s9"
    assert gbr["age-of-consent"]["scope"] == "England and Wales (GB-ENG, GB-WLS)"
    aus = {r["fact"]: r for r in rows if r["iso3"] == "AUS"}
    assert aus["age-of-consent"]["value"] is None and aus["age-of-consent"]["scope"] == "National law"
    value = _col("value")
    assert not sheet[f"{value}2"].protection.locked and sheet["A2"].protection.locked
    (dv,) = sheet.data_validations.dataValidation
    assert dv.type == "decimal" and str(dv.sqref) == f"{value}2:{value}{len(rows) + 1}"


def test_facts_sheet_round_trip_writes_the_country_file_and_review_facts(embedded: Path, tmp_path: Path) -> None:
    path = _export(embedded, tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book["facts"]
    ken = _fact_row(sheet, "KEN", "age-of-consent")
    sheet[f"{_col('value')}{ken}"] = 18
    sheet[f"{_col('evidence')}{ken}"] = "soa-2006-s12"
    sheet[f"{_col('note')}{ken}"] = "Test edit: a value typed in the workbook."
    gbr = _fact_row(sheet, "GBR", "max-penalty-possession")
    for key in ("value", "evidence", "note"):  # blank = not known: the fact is removed, never written as 0
        sheet[f"{_col(key)}{gbr}"] = None
    aus = _fact_row(sheet, "AUS", "child-age-criminal")
    sheet[f"{_col('value')}{aus}"] = "17"  # typed as text
    book.save(path)
    gbr_before = (embedded / "countries" / "GBR.yaml").read_text(encoding="utf-8")

    dry = import_workbook(embedded, path, dry_run=True, coder="Test Analyst")
    assert dry.ok, [str(i) for i in dry.issues]
    assert {(c.iso3, c.fact) for c in dry.fact_changes} == {
        ("KEN", "age-of-consent"), ("GBR", "max-penalty-possession"), ("AUS", "child-age-criminal")}
    assert next(c for c in dry.fact_changes if c.iso3 == "KEN").cell == f"{_col('value')}{ken}"
    result = import_workbook(embedded, path, coder="Test Analyst")
    assert result.ok, [str(i) for i in result.issues]
    assert sorted(result.written) == ["countries/AUS.yaml", "countries/GBR.yaml", "countries/KEN.yaml"]

    facts = lr.load_review(embedded).facts.set_index(["iso3", "fact"])
    assert facts.loc[("KEN", "age-of-consent"), "value"] == 18
    assert facts.loc[("KEN", "age-of-consent"), "evidence"] == "soa-2006-s12"
    assert facts.loc[("AUS", "child-age-criminal"), "value"] == 17
    assert ("GBR", "max-penalty-possession") not in facts.index
    kenya = (embedded / "countries" / "KEN.yaml").read_text(encoding="utf-8")
    assert ('  - {fact: age-of-consent, value: 18, evidence: [soa-2006-s12], note: "Test edit: a value typed in '
            'the workbook."}') in kenya
    gbr_after = (embedded / "countries" / "GBR.yaml").read_text(encoding="utf-8")
    removed = [line for line in gbr_before.splitlines() if line not in gbr_after.splitlines()]
    assert len(removed) == 1 and "max-penalty-possession" in removed[0]  # comments and other lines kept
    again = import_workbook(embedded, path, coder="Test Analyst")
    assert again.ok and again.fact_changes == []


def test_a_fact_value_of_the_wrong_type_is_located_and_nothing_is_written(embedded: Path, tmp_path: Path) -> None:
    path = _export(embedded, tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book["facts"]
    ken = _fact_row(sheet, "KEN", "age-of-consent")
    gbr = _fact_row(sheet, "GBR", "age-of-consent")
    usa = _fact_row(sheet, "USA", "child-age-criminal")
    sheet[f"{_col('value')}{ken}"] = "sixteen"
    sheet[f"{_col('value')}{gbr}"] = 300
    sheet[f"{_col('evidence')}{usa}"] = "no-such-provision"
    sheet["A30"], sheet["B30"], sheet["C30"] = "KEN", "Kenya", "age-of-marriage"
    sheet["G30"], sheet[f"{_col('value')}30"] = "National law", 18
    book.save(path)
    before = tree_bytes(embedded)

    result = import_workbook(embedded, path, coder="Test Analyst")
    assert not result.ok
    found = {(i.code, f"{i.sheet}!{i.cell}") for i in result.issues}
    value = _col("value")
    assert ("bad-fact-value", f"facts!{value}{ken}") in found
    assert ("bad-fact-value", f"facts!{value}{gbr}") in found
    assert ("unknown-fact", "facts!C30") in found
    assert ("unknown-provision", f"facts!{_col('evidence')}{usa}") in found
    wrong = next(i for i in result.issues if i.cell == f"{value}{ken}")
    assert "number" in wrong.message and "blank" in (wrong.hint or "")
    assert tree_bytes(embedded) == before


def test_a_formula_in_a_fact_note_is_refused_and_one_from_the_file_stays_text(embedded: Path, tmp_path: Path) -> None:
    kenya = embedded / "countries" / "KEN.yaml"
    kenya.write_text(kenya.read_text(encoding="utf-8").replace(
        "evidence: [cmca-2018-s24]}", 'evidence: [cmca-2018-s24], note: "=HYPERLINK(\\"http://x\\")"}'),
        encoding="utf-8")
    path = _export(embedded, tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book["facts"]
    ken = _fact_row(sheet, "KEN", "child-age-criminal")
    note = sheet[f"{_col('note')}{ken}"]
    assert note.data_type == "s" and note.quotePrefix and note.value.startswith("=HYPERLINK")
    assert import_workbook(embedded, path, coder="Test Analyst").fact_changes == []  # text round-trips unchanged

    other = _fact_row(sheet, "KEN", "age-of-consent")
    sheet[f"{_col('note')}{other}"] = '=HYPERLINK("http://example.invalid","click")'
    book.save(path)
    before = tree_bytes(embedded)
    result = import_workbook(embedded, path, coder="Test Analyst")
    assert [(i.code, i.sheet, i.cell) for i in result.issues] == [("formula-cell", "facts", f"{_col('note')}{other}")]
    assert tree_bytes(embedded) == before


def test_an_old_workbook_without_facts_sheet_or_new_columns_still_imports(embedded: Path, tmp_path: Path) -> None:
    path = _export(embedded, tmp_path)
    book = openpyxl.load_workbook(path)
    del book["facts"]
    data = book["csam"]
    data.delete_cols(8, 2)  # scope, law_as_at
    for name in ("statutes", "provisions"):
        book[name].delete_cols(len(L.STATUTE_COLUMNS if name == "statutes" else L.PROVISION_COLUMNS))
    meta = book["_meta"]
    for row in meta.iter_rows():
        if row[0].value == L.META_COUNTRY:
            record = json.loads(row[1].value)
            record.pop("facts")
            row[1].value = json.dumps(record)
    ken = next(r["_row"] for r in _rows(data) if r["iso3"] == "KEN" and r["criterion"] == "C5")
    data[f"D{ken}"] = "unknown"
    data[f"F{ken}"] = "Test edit."
    book.save(path)

    result = import_workbook(embedded, path, coder="Test Analyst")
    assert result.ok, [str(i) for i in result.issues]
    assert [(c.iso3, c.criterion) for c in result.changes] == [("KEN", "C5")] and result.fact_changes == []


def test_a_facts_sheet_without_metadata_is_ignored(embedded: Path, tmp_path: Path) -> None:
    """A workbook whose metadata lists no fact rows (exported before the facts sheet) reads no facts."""
    path = _export(embedded, tmp_path)
    book = openpyxl.load_workbook(path)
    for row in book["_meta"].iter_rows():
        if row[0].value == L.META_COUNTRY:
            record = json.loads(row[1].value)
            record.pop("facts")
            row[1].value = json.dumps(record)
    book["facts"][f"{_col('value')}2"] = 99
    book.save(path)
    result = import_workbook(embedded, path, coder="Test Analyst")
    assert result.ok and result.fact_changes == []


def test_a_blank_workbook_for_a_second_coder_has_no_facts_sheet(embedded: Path, tmp_path: Path) -> None:
    path = _export(embedded, tmp_path, blank_coder="analyst-b")
    assert "facts" not in openpyxl.load_workbook(path).sheetnames


def test_import_dry_run_prints_fact_changes(embedded: Path, tmp_path: Path) -> None:
    path = _export(embedded, tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book["facts"]
    sheet[f"{_col('value')}{_fact_row(sheet, 'USA', 'child-age-criminal')}"] = 17
    book.save(path)
    run = CliRunner().invoke(main, ["import-xlsx", str(path), "--dry-run", "--coder", "Test Analyst",
                                    "--dir", str(embedded)])
    assert run.exit_code == 0, run.output
    assert "United States" in run.output and "fact child-age-criminal" in run.output and "-> 17" in run.output
    assert "1 facts changed" in run.output and "dry run" in run.output


def test_a_new_statute_row_may_give_its_scope(embedded: Path, tmp_path: Path) -> None:
    path = _export(embedded, tmp_path)
    book = openpyxl.load_workbook(path)
    statutes = book["statutes"]
    r = statutes.max_row + 1
    for key, value in {"iso3": "GBR", "statute": "test-act-2026", "title": "Test Act (fixture)",
                       "scope": "Scotland (GB-SCT)"}.items():
        statutes[f"{L.letter(L.STATUTE_KEYS.index(key) + 1)}{r}"] = value
    statutes[f"A{r + 1}"], statutes[f"C{r + 1}"], statutes[f"D{r + 1}"] = "GBR", "test-act-2027", "Other (fixture)"
    statutes[f"{L.letter(L.STATUTE_KEYS.index('scope') + 1)}{r + 1}"] = "Scotland"
    book.save(path)
    result = import_workbook(embedded, path, dry_run=True, coder="Test Analyst")
    assert [(i.code, i.cell) for i in result.issues] == [("schema", f"J{r + 1}")]
    statutes.delete_rows(r + 1)
    book.save(path)
    result = import_workbook(embedded, path, coder="Test Analyst")
    assert result.ok, [str(i) for i in result.issues]
    act = next(s for s in lr.load_review(embedded).workspace.countries["GBR"].statutes if s.id == "test-act-2026")
    assert act.scope is not None and act.scope.units == ["GB-SCT"] and act.scope.label == "Scotland"


@pytest.mark.parametrize("edition", [None, "2016"])
def test_review_table_has_the_scope_each_country_was_coded_for(repo_root: Path, edition: str | None) -> None:
    review = lr.load_review(repo_root)
    table = review.table("csam", edition)
    assert list(table.columns)[-1] == "scope"
    assert table.loc["GBR", "scope"] == "England and Wales"
    assert table.loc["USA", "scope"] == "Federal law only (state law not coded)"
    assert table.loc["AFG", "scope"] == ""  # not assessed
    if edition is None:
        assert table.loc["KEN", "scope"] == "National law"
        assert table.loc["AUS", "scope"].startswith("Commonwealth law only")
