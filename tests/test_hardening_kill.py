"""Interrupted writes: import-xlsx and build are killed (SIGKILL) at random moments, again and again,
and the workspace always validates and holds the old data or the new data, never a mix; the site is
absent, the old one or a complete new one. A multi-file write that was cut off is completed from
its journal by the next command; a lock left by the killed process does not block the next one.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from conftest import SMALL, copy_workspace, tree_bytes
from legalreview import store
from legalreview.locking import LOCK_NAME
from legalreview.workspace import load_workspace

pytestmark = [pytest.mark.slow,  # about half of the whole test run: `pytest -m "not slow"` skips it
              pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")]

#: how many interruptions of each command the test makes (at least 50 in all)
IMPORT_KILLS = 40
BUILD_KILLS = 12
WORKERS = 2
SEED = 20240610
OLD_NAME = "Small fixture review"
NEW_NAME = "Small fixture review, second printing"


def _countries(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "countries").glob("*.yaml"))}


# --------------------------------------------------------------------------- the journal, directly

_KILL_AFTER_FIRST_REPLACE = """
import os, sys
from pathlib import Path
from legalreview import store
real, calls = os.replace, []
def dying_replace(src, dst):
    calls.append(dst)
    if len(calls) == 3:          # the journal itself, then one country file: then the power goes
        os.kill(os.getpid(), 9)
    return real(src, dst)
store.os.replace = dying_replace
root = Path(sys.argv[1]) / "countries"
store.write_all_or_nothing({root / "KEN.yaml": b"iso3: KEN\\nname: Kenya\\nnotes: new\\n",
                            root / "GBR.yaml": b"iso3: GBR\\nname: United Kingdom\\nnotes: new\\n"})
"""


def test_a_write_killed_between_two_files_is_completed_by_the_next_load(small: Path) -> None:
    proc = subprocess.run([sys.executable, "-c", _KILL_AFTER_FIRST_REPLACE, str(small)], capture_output=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert (small / "countries" / store.JOURNAL_NAME).exists()
    half = _countries(small)
    assert half["KEN.yaml"].endswith(b"notes: new\n") != half["GBR.yaml"].endswith(b"notes: new\n"), "a mix on disk"

    _ws, issues = load_workspace(small)

    after = _countries(small)
    assert after["KEN.yaml"].endswith(b"notes: new\n") and after["GBR.yaml"].endswith(b"notes: new\n")
    assert not (small / "countries" / store.JOURNAL_NAME).exists()
    assert [i.code for i in issues if i.severity == "warning" and "interrupted" in i.message] == ["workspace-locked"]
    assert not [p for p in (small / "countries").iterdir() if p.name.endswith(".tmp")]


def test_a_journal_naming_files_outside_its_folder_is_ignored(small: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    decoy = small / "countries" / ".x.tmp"
    decoy.write_text("evil")
    (small / "countries" / store.JOURNAL_NAME).write_text(json.dumps(
        {"replace": [["../../victim.txt", "KEN.yaml"], [".x.tmp", "../review.toml"], [str(decoy), str(victim)],
                     "garbage", [1, 2]]}))
    before = tree_bytes(small / "countries")

    assert store.recover_journal(small / "countries") == []

    assert victim.read_text() == "keep me"
    assert (small / "review.toml").read_text().startswith("# A small fixture review")
    assert not (small / "countries" / store.JOURNAL_NAME).exists()
    del before[store.JOURNAL_NAME]
    assert tree_bytes(small / "countries") == before


# --------------------------------------------------------------------------- the kill test


def _edited_workbook(root: Path, out: Path) -> Path:
    from legalreview.spreadsheet import export_workbook

    export_workbook(root, "csam", out.with_name("export.xlsx"))
    book = openpyxl.load_workbook(out.with_name("export.xlsx"))
    sheet = book["csam"]
    for row in range(2, sheet.max_row + 1):
        if not sheet.cell(row, 4).value:
            sheet.cell(row, 4).value = "unknown"
        sheet.cell(row, 6).value = f"Checked again for the kill test (row {row})."
    book.save(out)
    return out


def _timed(cmd: list[str], folders: list[Path]) -> float:
    """Return how long ``cmd`` takes when run in each folder at once (as the kill loop runs them)."""
    started = time.perf_counter()
    procs = [subprocess.Popen(cmd, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for folder in folders]
    for proc in procs:
        assert proc.wait() == 0, proc.stderr.read() if proc.stderr else ""
    return time.perf_counter() - started


def _site_state(site: Path, codes: list[str]) -> str:
    """Return "absent", "old" or "new" for a site folder, failing when it is incomplete or damaged."""
    if not site.exists():
        return "absent"
    index = site / "index.html"
    assert index.is_file(), "a site without index.html"
    for code in codes:
        assert (site / "countries" / f"{code}.html").is_file(), f"the site lacks countries/{code}.html"
    sums = (site / "data" / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert sums
    for line in sums:
        digest, name = line.split(maxsplit=1)
        # paths are relative to data/ (sha256sum -c runs there)
        assert hashlib.sha256((site / "data" / name).read_bytes()).hexdigest() == digest, f"{name} is damaged"
    text = index.read_text(encoding="utf-8")
    return "new" if NEW_NAME in text else "old"


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> dict:
    from legalreview import load_review
    from legalreview.render.site import build_site
    from legalreview.spreadsheet import import_workbook

    base = tmp_path_factory.mktemp("kill")
    old_ws = copy_workspace(SMALL, base / "old")
    workbook = _edited_workbook(old_ws, base / "edited.xlsx")
    new_ws = copy_workspace(old_ws, base / "new")
    assert import_workbook(new_ws, workbook).ok
    old, new = _countries(old_ws), _countries(new_ws)
    changed = [name for name in old if old[name] != new[name]]
    assert len(changed) >= 3, "the import changes several files, so a mix would show"

    site_ws = copy_workspace(old_ws, base / "site-template")
    build_site(load_review(site_ws), site_ws / "reports" / "site", with_charts=False)
    toml = site_ws / "review.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(OLD_NAME, NEW_NAME, 1), encoding="utf-8")

    cli = [sys.executable, "-m", "legalreview.cli"]
    import_cmd = [*cli, "import-xlsx", str(workbook), "--dir", "."]
    build_cmd = [*cli, "build", "--dir", ".", "--quiet"]
    probes = [copy_workspace(old_ws, base / f"probe-import-{i}") for i in range(WORKERS)]
    import_time = _timed(import_cmd, probes)
    assert all(_countries(probe) == new for probe in probes)
    probes = [copy_workspace(site_ws, base / f"probe-build-{i}") for i in range(WORKERS)]
    for probe in probes:
        shutil.copytree(site_ws / "reports", probe / "reports")
    build_time = _timed(build_cmd, probes)
    for probe in probes:
        assert _site_state(probe / "reports" / "site", ["CIV", "FJI", "GBR", "KEN", "VAT"]) == "new"
    return {"base": base, "old_ws": old_ws, "site_ws": site_ws, "workbook": workbook, "old": old, "new": new,
            "import_cmd": import_cmd, "build_cmd": build_cmd, "import_time": import_time, "build_time": build_time}


def _delays(rng: random.Random, count: int, duration: float) -> list[float]:
    """Return kill delays spread over the whole run: 40% evenly over it, 60% in its last third
    (where the writing happens), each jittered; shuffled."""
    spread = int(count * 0.4)
    out = [duration * (k + rng.random()) / spread for k in range(spread)]
    tail = count - spread
    out += [duration * (0.67 + 0.33 * (k + rng.random()) / tail) for k in range(tail)]
    rng.shuffle(out)
    return out


def _kill_after(cmd: list[str], cwd: Path, delay: float) -> bool:
    """Start ``cmd`` in ``cwd`` and SIGKILL it after ``delay`` s; return True when it was killed running."""
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        proc.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return True


def test_killing_import_and_build_at_random_moments_never_corrupts_the_workspace(scene: dict) -> None:
    from legalreview.spreadsheet import import_workbook

    rng = random.Random(SEED)
    jobs = [("import", d) for d in _delays(rng, IMPORT_KILLS + 8, scene["import_time"] * 1.05)]
    jobs += [("build", d) for d in _delays(rng, BUILD_KILLS + 3, scene["build_time"] * 1.05)]
    rng.shuffle(jobs)
    outcomes: Counter[str] = Counter()
    failures: list[str] = []
    lock = threading.Lock()
    codes = ["CIV", "FJI", "GBR", "KEN", "VAT"]
    old, new = scene["old"], scene["new"]

    def run(index: int, kind: str, delay: float) -> None:
        work = scene["base"] / f"run-{index:03d}"
        if kind == "import":
            root = copy_workspace(scene["old_ws"], work)
            killed = _kill_after(scene["import_cmd"], root, delay)
            journal = (root / "countries" / store.JOURNAL_NAME).exists()
            lock_left = (root / LOCK_NAME).exists()
            ws, issues = load_workspace(root)
            errors = [str(i) for i in issues if i.severity == "error"]
            now = _countries(root)
            states = {"old" if now[n] == old[n] else "new" if now[n] == new[n] else "corrupt" for n in old}
            stray = [p.name for p in (root / "countries").iterdir()
                     if p.name not in old and not p.name.startswith(".")]
            problems = []
            if errors:
                problems.append(f"does not validate: {errors[:2]}")
            if "corrupt" in states or len(states) != 1 or set(now) != set(old):
                problems.append(f"files are {states}")
            if stray:
                problems.append(f"stray files the loader would read: {stray}")
            again = import_workbook(root, scene["workbook"])  # the next import is not blocked by a stale lock
            if not again.ok or _countries(root) != new:
                problems.append(f"the next import failed: {[str(i) for i in again.issues][:2]}")
            label = f"import {states.pop() if len(states) == 1 else 'mix'}" + \
                (" +journal" if journal else "") + (" +stale-lock" if lock_left else "")
        else:
            root = copy_workspace(scene["site_ws"], work)
            shutil.copytree(scene["site_ws"] / "reports", root / "reports")
            killed = _kill_after(scene["build_cmd"], root, delay)
            problems = []
            try:
                state = _site_state(root / "reports" / "site", codes)
            except (AssertionError, OSError, ValueError) as exc:
                state = "corrupt"
                problems.append(f"site: {exc}")
            ws, issues = load_workspace(root)
            if [i for i in issues if i.severity == "error"] or _countries(root) != old:
                problems.append("a build changed or broke the data")
            label = f"build {state}"
        with lock:
            if killed:
                outcomes[label] += 1
                outcomes[f"{kind} killed"] += 1
            else:
                outcomes[f"{kind} finished before the kill"] += 1
            failures.extend(f"{kind} killed after {delay:.2f}s: {p}" for p in problems)
        shutil.rmtree(work, ignore_errors=True)

    started = time.perf_counter()
    queue = list(enumerate(jobs))
    threads: list[threading.Thread] = []

    extra = iter(range(len(jobs), len(jobs) + 40))

    def worker() -> None:
        while True:
            with lock:
                if not queue:  # a slow or busy machine let runs finish first: top up until the quotas are met
                    for kind, quota in (("import", IMPORT_KILLS), ("build", BUILD_KILLS)):
                        if outcomes[f"{kind} killed"] < quota:
                            duration = scene[f"{kind}_time"]
                            queue.append((next(extra, -1), (kind, duration * rng.uniform(0.1, 0.8))))
                    if not queue or queue[-1][0] < 0:
                        return
                index, (kind, delay) = queue.pop()
            run(index, kind, delay)

    for _ in range(WORKERS):
        threads.append(threading.Thread(target=worker))
        threads[-1].start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started

    summary = ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items()))
    print(f"\nkill test: {summary}; import {scene['import_time']:.2f}s, build {scene['build_time']:.2f}s, "
          f"{elapsed:.0f}s in all")
    assert failures == [], failures[:5]
    interruptions = outcomes["import killed"] + outcomes["build killed"]
    assert interruptions >= 50, summary
    assert outcomes["import killed"] >= IMPORT_KILLS and outcomes["build killed"] >= BUILD_KILLS, summary
