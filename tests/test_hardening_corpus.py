"""The hardening corpus: every hostile or broken input in tests/corpus/manifest.toml gives its one
issue code, at a position a person can open, and nothing in the workspace changes.

Workspace inputs (country files, criteria sets, review.toml, odd file names, links, pipes) are
dropped into a copy of the small fixture and loaded; workbook inputs are imported with import-xlsx.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SMALL, copy_workspace
from legalreview.cli import main
from legalreview.issues import CODES
from legalreview.workspace import load_workspace

CORPUS = Path(__file__).parent / "corpus"
sys.path.insert(0, str(CORPUS))
import make_corpus  # noqa: E402

CASES: list[dict[str, str]] = tomllib.loads((CORPUS / "manifest.toml").read_text(encoding="utf-8"))["case"]
WORKSPACE_CASES = [c for c in CASES if c["place"] != "workbook"]
WORKBOOK_CASES = [c for c in CASES if c["place"] == "workbook"]


def snapshot(root: Path) -> dict[str, str]:
    """Return every entry under root (links and pipes not followed) as path -> kind and content hash."""
    out: dict[str, str] = {}
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in dirs + files:
            path = Path(folder) / name
            info = path.lstat()
            rel = str(path.relative_to(root))
            if stat.S_ISLNK(info.st_mode):
                out[rel] = "link -> " + os.readlink(path)
            elif stat.S_ISREG(info.st_mode):
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                out[rel] = f"mode {stat.S_IFMT(info.st_mode):o}"
    return out


def place_input(case: dict[str, str], root: Path, outside: Path) -> None:
    """Put a corpus input where the case says, in the workspace at root."""
    target = root / case["place"]
    if target.is_symlink() or target.is_file():
        target.unlink()
    make = case.get("make")
    if make == "symlink":
        os.symlink(case["link_to"].replace("{outside}", str(outside)), target)
    elif make == "fifo":
        os.mkfifo(target)
    elif make == "dir":
        target.mkdir()
    elif "generate" in case:
        make_corpus.make(case["generate"], target)
    else:
        shutil.copyfile(CORPUS / case["file"], target)


def test_the_corpus_lists_at_least_30_hostile_inputs_each_with_a_known_code() -> None:
    hostile = [c for c in CASES if c["expect"] not in ("ok", "ignored")]
    assert len(hostile) >= 30, len(hostile)
    assert len({c["id"] for c in CASES}) == len(CASES), "case ids are unique"
    for case in hostile:
        assert case["expect"] in CODES, f"{case['id']}: {case['expect']} is not in issues.CODES"
        assert case["what"], case["id"]


def test_every_corpus_file_and_generator_is_used_by_a_case() -> None:
    committed = {str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*") if p.is_file()
                 and p.suffix in (".yaml", ".toml") and p.name != "manifest.toml"}
    used = {c["file"] for c in CASES if "file" in c}
    assert used <= committed, used - committed
    # valid_hostile.yaml is the clean base the criteria cases start from (shown for reviewers)
    assert committed - used == {"criteria/valid_hostile.yaml"}
    generated = {c["generate"] for c in CASES if "generate" in c}
    assert generated == set(make_corpus.FILES) | set(make_corpus.WORKBOOKS)


def test_the_clean_base_criteria_set_is_valid(small: Path) -> None:
    shutil.copyfile(CORPUS / "criteria" / "valid_hostile.yaml", small / "criteria" / "hostile.yaml")
    _ws, issues = load_workspace(small)
    assert [str(i) for i in issues if i.severity == "error"] == []


@pytest.mark.skipif(not hasattr(os, "mkfifo") or sys.platform == "win32", reason="POSIX links and pipes")
@pytest.mark.parametrize("case", WORKSPACE_CASES, ids=[c["id"] for c in WORKSPACE_CASES])
def test_hostile_workspace_input_gives_its_one_code_at_a_position_and_writes_nothing(
        case: dict[str, str], tmp_path: Path) -> None:
    root = copy_workspace(SMALL, tmp_path / "ws")
    outside = tmp_path / "outside.yaml"
    outside.write_text("iso3: KEN\nname: Kenya (outside the workspace)\n", encoding="utf-8")
    place_input(case, root, outside)
    before = snapshot(root)

    ws, issues = load_workspace(root)
    run = CliRunner().invoke(main, ["validate", "--dir", str(root)])

    assert snapshot(root) == before, "loading and validating wrote nothing"
    errors = [i for i in issues if i.severity == "error"]
    if case["expect"] == "ok":
        assert errors == [] and run.exit_code == 0, [str(i) for i in errors]
        assert ws is not None and ws.countries["KEN"].name == "Kenya"
        return
    if case["expect"] == "ignored":
        assert errors == [] and run.exit_code == 0, [str(i) for i in errors]
        assert all(i.file != case["place"] for i in issues)
        return
    assert run.exit_code == 1
    assert {i.code for i in errors} == {case["expect"]}, [str(i) for i in errors]
    assert all(i.file == case["place"] for i in errors), [str(i) for i in errors]
    if case["at"] == "line":
        assert all(i.line is not None for i in errors), [str(i) for i in errors]
    assert all(i.hint for i in errors), "every error says what to do"
    assert str(errors[0]) in run.output


@pytest.fixture(scope="module")
def fresh_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from legalreview.spreadsheet import export_workbook

    base = tmp_path_factory.mktemp("export")
    root = copy_workspace(SMALL, base / "ws")
    export_workbook(root, "csam", base / "csam.xlsx")
    return base / "csam.xlsx"


@pytest.mark.parametrize("case", WORKBOOK_CASES, ids=[c["id"] for c in WORKBOOK_CASES])
def test_hostile_workbook_gives_its_one_code_and_writes_nothing(case: dict[str, str], tmp_path: Path,
                                                                fresh_export: Path) -> None:
    from legalreview.spreadsheet import import_workbook

    root = copy_workspace(SMALL, tmp_path / "ws")
    workbook = make_corpus.make(case["generate"], tmp_path / "in" / case["generate"], export=fresh_export)
    before = snapshot(root)

    result = import_workbook(root, workbook)

    assert snapshot(root) == before, "nothing written, no lock left behind"
    assert not result.written
    errors = [i for i in result.issues if i.severity == "error"]
    assert [i.code for i in errors] == [case["expect"]], [str(i) for i in errors]
    issue = errors[0]
    if case["at"] == "cell":
        assert issue.sheet and issue.cell, str(issue)
    else:
        assert issue.file == workbook.name, str(issue)
    assert issue.hint


FILE_LEVEL_WORKBOOKS = [c for c in WORKBOOK_CASES if c["at"] == "file"]


@pytest.mark.parametrize("case", FILE_LEVEL_WORKBOOKS, ids=[c["id"] for c in FILE_LEVEL_WORKBOOKS])
def test_hostile_workbook_is_refused_the_same_way_as_a_reply_packet(case: dict[str, str], tmp_path: Path,
                                                                     fresh_export: Path) -> None:
    from legalreview.quality.packet import read_packet

    workbook = make_corpus.make(case["generate"], tmp_path / case["generate"], export=fresh_export)

    replies, issues = read_packet(workbook)

    assert [i.code for i in issues if i.severity == "error"] == [case["expect"]], [str(i) for i in issues]
    assert replies.empty
