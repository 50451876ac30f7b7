"""The workspace lock: two writers are serialised with a clear message, never merged silently;
a lock left by a killed process does not block the workspace for ever."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from conftest import tree_bytes
from legalreview.issues import ReviewError
from legalreview.locking import LOCK_NAME, lock_holder, workspace_lock


def _write_lock(root: Path, pid: int, host: str | None = None, command: str = "import-xlsx csam.xlsx") -> None:
    (root / LOCK_NAME).write_text(json.dumps({"pid": pid, "host": host or socket.gethostname(),
                                              "command": command, "started": "2026-10-01T09:00:00+00:00",
                                              "pid_start": None}))


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_the_lock_file_names_the_holder_while_held_and_is_gone_afterwards(small: Path) -> None:
    with workspace_lock(small, what="import-xlsx csam.xlsx") as notes:
        holder = lock_holder(small)
        assert notes == []
        assert holder is not None
        assert holder["pid"] == os.getpid() and holder["host"] == socket.gethostname()
        assert holder["command"] == "import-xlsx csam.xlsx"
    assert not (small / LOCK_NAME).exists()


def test_a_second_writer_is_refused_with_workspace_locked_naming_the_holder(small: Path) -> None:
    with workspace_lock(small, what="import-xlsx africa.xlsx"):
        with pytest.raises(ReviewError) as info:
            with workspace_lock(small, what="import-xlsx asia.xlsx"):
                pytest.fail("the lock must not be granted twice")
    issue = info.value.issues[0]
    assert issue.code == "workspace-locked" and issue.severity == "error"
    assert "import-xlsx africa.xlsx" in issue.message and f"pid {os.getpid()}" in issue.message
    assert "nothing was written" in issue.message
    assert "wait for it to finish" in issue.hint and LOCK_NAME in issue.hint
    assert not (small / LOCK_NAME).exists(), "the refused writer does not remove the holder's lock... which is released"


def test_a_lock_held_by_a_running_process_is_respected(small: Path) -> None:
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        _write_lock(small, sleeper.pid)
        with pytest.raises(ReviewError, match="is changing it"):
            with workspace_lock(small):
                pass
        assert lock_holder(small)["pid"] == sleeper.pid, "the live holder's lock is untouched"
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_lock_left_by_a_dead_process_is_taken_over_with_a_warning(small: Path) -> None:
    pid = _dead_pid()
    _write_lock(small, pid)
    with workspace_lock(small, what="build") as notes:
        assert lock_holder(small)["pid"] == os.getpid()
    assert [n.code for n in notes] == ["workspace-locked"]
    assert notes[0].severity == "warning" and f"pid {pid}" in notes[0].message
    assert not (small / LOCK_NAME).exists()


def test_a_reused_pid_does_not_keep_a_stale_lock_alive(small: Path) -> None:
    if not Path(f"/proc/{os.getpid()}/stat").exists():
        pytest.skip("needs /proc to tell a reused pid from the original process")
    (small / LOCK_NAME).write_text(json.dumps({"pid": os.getppid(), "host": socket.gethostname(),
                                               "command": "import-xlsx", "started": "2020-01-01T00:00:00+00:00",
                                               "pid_start": "1"}))  # same pid, another start time
    with workspace_lock(small) as notes:
        pass
    assert [n.severity for n in notes] == ["warning"]


def test_a_lock_from_another_computer_is_never_taken_over(small: Path) -> None:
    _write_lock(small, _dead_pid(), host="analyst-laptop.example")
    with pytest.raises(ReviewError, match="analyst-laptop.example"):
        with workspace_lock(small):
            pass
    assert lock_holder(small)["host"] == "analyst-laptop.example"


def test_an_unreadable_lock_file_is_treated_as_held(small: Path) -> None:
    (small / LOCK_NAME).write_bytes(b"\xff\xfe garbage")
    with pytest.raises(ReviewError) as info:
        with workspace_lock(small):
            pass
    assert info.value.issues[0].code == "workspace-locked"
    assert str(small / LOCK_NAME) in info.value.issues[0].hint


def test_the_lock_is_released_when_the_writer_fails(small: Path) -> None:
    with pytest.raises(RuntimeError):
        with workspace_lock(small):
            raise RuntimeError("disk full")
    assert not (small / LOCK_NAME).exists()
    with workspace_lock(small):
        pass


def test_import_refused_by_the_lock_says_so_and_writes_nothing(small: Path, tmp_path: Path) -> None:
    from legalreview.spreadsheet import export_workbook, import_workbook

    export_workbook(small, "csam", tmp_path / "csam.xlsx")
    book = openpyxl.load_workbook(tmp_path / "csam.xlsx")
    book["csam"]["F3"] = "Changed while someone else imports."
    book.save(tmp_path / "edited.xlsx")
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        _write_lock(small, sleeper.pid, command="import-xlsx other.xlsx")
        before = tree_bytes(small)
        result = import_workbook(small, tmp_path / "edited.xlsx")
        assert [i.code for i in result.issues] == ["workspace-locked"]
        assert "import-xlsx other.xlsx" in result.issues[0].message
        assert tree_bytes(small) == before
        assert not result.written
    finally:
        sleeper.kill()
        sleeper.wait()


# --------------------------------------------------------------------------- two imports at once

_SLOW_IMPORT = """
import sys, time
import legalreview.spreadsheet.import_ as imp
start_at = float(sys.argv[1])
inner = imp._import_workbook
def slow(*args):
    time.sleep(1.0)          # hold the lock long enough that the other import certainly meets it
    return inner(*args)
imp._import_workbook = slow
while time.time() < start_at:
    time.sleep(0.001)
from legalreview.cli import main
sys.argv = ["legalreview", *sys.argv[2:]]
main()
"""


def _edited(export: Path, out: Path, note: str) -> Path:
    book = openpyxl.load_workbook(export)
    sheet = book["csam"]
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, 4).value:  # a note needs an answer
            sheet.cell(row, 6).value = f"{note} (row {row})"
    book.save(out)
    return out


def test_two_imports_at_once_one_wins_the_other_is_refused_and_nothing_is_merged(small: Path, tmp_path: Path) -> None:
    from conftest import copy_workspace
    from legalreview.spreadsheet import export_workbook, import_workbook

    export_workbook(small, "csam", tmp_path / "csam.xlsx")
    books = {"A": _edited(tmp_path / "csam.xlsx", tmp_path / "a.xlsx", "Coder A's note"),
             "B": _edited(tmp_path / "csam.xlsx", tmp_path / "b.xlsx", "Coder B's note")}
    expected = {}
    for name, book in books.items():  # what each import alone would leave
        alone = copy_workspace(small, tmp_path / f"alone-{name}")
        assert import_workbook(alone, book).ok
        expected[name] = tree_bytes(alone / "countries")

    start_at = time.time() + 2.0
    procs = {name: subprocess.Popen([sys.executable, "-c", _SLOW_IMPORT, str(start_at), "import-xlsx", str(book),
                                     "--dir", str(small)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
             for name, book in books.items()}
    outputs = {name: proc.communicate(timeout=60)[0] for name, proc in procs.items()}
    codes = {name: proc.returncode for name, proc in procs.items()}

    assert sorted(codes.values()) == [0, 1], (codes, outputs)
    winner = next(n for n, c in codes.items() if c == 0)
    loser = next(n for n, c in codes.items() if c == 1)
    assert "error workspace-locked" in outputs[loser] and "is changing it" in outputs[loser]
    assert "nothing was written" in outputs[loser]
    assert tree_bytes(small / "countries") == expected[winner], "the files are exactly the winner's import"
    assert expected[winner] != expected[loser]
    assert not (small / LOCK_NAME).exists()
