"""The corpus of broken workbooks: each gives its own error at sheet!cell (or the file) and writes nothing."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import tree_bytes
from legalreview.cli import main
from legalreview.spreadsheet import import_workbook

# loaded by path under its own name: tests/corpus/ has a make_corpus.py of its own
_CORPUS = Path(__file__).parent / "workbooks" / "make_corpus.py"
_spec = importlib.util.spec_from_file_location("workbook_corpus", _CORPUS)
corpus = importlib.util.module_from_spec(_spec)
sys.modules["workbook_corpus"] = corpus
_spec.loader.exec_module(corpus)
BOMB, CASES, Case, build = corpus.BOMB, corpus.CASES, corpus.Case, corpus.build


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_workbook_gives_its_own_error_and_leaves_the_workspace_byte_identical(small: Path, tmp_path: Path,
                                                                                      case: Case) -> None:
    workbook = build(small, tmp_path / "out", case)
    before = tree_bytes(small)

    result = import_workbook(small, workbook)

    errors = [i for i in result.issues if i.severity == "error"]
    assert [(i.code, i.location) for i in errors] == [(case.code, case.location)], [str(i) for i in errors]
    assert errors[0].hint, "every error says what to do"
    assert not result.written
    assert tree_bytes(small) == before


def test_broken_workbook_makes_the_command_exit_1_and_print_the_cell(small: Path, tmp_path: Path) -> None:
    workbook = build(small, tmp_path / "out", CASES[0])
    before = tree_bytes(small)

    run = CliRunner().invoke(main, ["import-xlsx", str(workbook), "--dir", str(small)])

    assert run.exit_code == 1
    assert 'csam!D2: error bad-answer: "Maybe" is not on the scale (hint: did you mean "partial"?' in run.output
    assert tree_bytes(small) == before


def test_every_problem_in_a_workbook_is_reported_in_one_run(small: Path, tmp_path: Path) -> None:
    export = tmp_path / "csam.xlsx"
    build(small, tmp_path, CASES[0])
    export = tmp_path / "fresh-export.xlsx"
    book = openpyxl.load_workbook(export)
    sheet = book["csam"]
    sheet["D2"] = "Maybe"                 # not on the scale
    sheet["D4"] = "=1+1"                  # a formula
    sheet["C9"] = "C9"                    # no such criterion
    sheet["D18"], sheet["E18"] = "yes", "soa-2006-s99"  # no such provision in Kenya
    sheet["D8"] = "partial"               # Fiji has no provisions to cite
    book.save(tmp_path / "many.xlsx")

    result = import_workbook(small, tmp_path / "many.xlsx")

    assert sorted((i.code, i.location) for i in result.issues) == [
        ("bad-answer", "csam!D2"), ("evidence-missing", "csam!E8"), ("formula-cell", "csam!D4"),
        ("unknown-criterion", "csam!C9"), ("unknown-provision", "csam!E18")]


def test_xml_bomb_is_also_refused_by_openpyxl_through_defusedxml(tmp_path: Path) -> None:
    import defusedxml
    from openpyxl.reader.strings import read_string_table

    assert openpyxl.DEFUSEDXML
    bomb = tmp_path / "sharedStrings.xml"
    bomb.write_bytes(BOMB)
    with pytest.raises(defusedxml.DefusedXmlException), bomb.open("rb") as fh:
        read_string_table(fh)
