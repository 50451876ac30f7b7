"""The benchmark stays runnable: a tiny synthetic workspace validates and one measurement runs."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import run  # noqa: E402
import synth  # noqa: E402

from legalreview.issues import has_errors  # noqa: E402
from legalreview.workspace import load_workspace  # noqa: E402


def test_synthetic_workspace_is_valid_and_measurable(tmp_path: Path) -> None:
    ws = synth.generate(tmp_path / "ws", 20)
    loaded, issues = load_workspace(ws)
    assert loaded is not None and not has_errors(issues), [str(i) for i in issues[:5]]
    assert len(loaded.countries) == 20 and set(loaded.criteria) == {"csam", "grooming", "implementation"}
    m = run.driver("load_validate", str(ws))
    assert m["countries"] == 20 and m["op"] > 0 and m["rss_mb"] > 0 and m["wall"] >= m["op"]
    base = run.driver("baseline_safe_load", str(ws))
    assert base["files"] == 20
    checks = run.ratios({20: {}})
    assert checks == []


def test_targets_are_judged_where_the_issue_sets_them(tmp_path: Path) -> None:
    """The rebuild target is set at N=10,000; at 1,000 the ratio is reported for information only."""
    def m(wall: float, op: float | None = None, rss: float = 100.0) -> dict:
        return {"wall": wall, "cpu": wall, "rss_mb": rss, **({"op": op} if op is not None else {})}

    def size(n: int, full: float, rebuild: float, tree: float) -> dict:
        return {"n": n, "country_files_mb": 1.0, "build_full": {**m(full, rss=600.0), "tree_pss_mb": tree},
                "build_repeat": m(rebuild), "rebuild_answer": m(rebuild), "rebuild_note": m(rebuild / 4),
                "import_xlsx": m(1, 1.0), "baseline_openpyxl_read": m(1, 1.0), "load_validate": m(1, 1.4),
                "baseline_csafe_load": m(1, 1.0)}

    results = {1000: size(1000, 5.0, 2.0, 200.0), 10000: size(10000, 50.0, 4.0, 1100.0)}
    embedded = {"build_cold": m(3.0), "floor_build": m(1.0), "import_xlsx": m(1.2), "floor_import": m(1.0)}
    checks = {c["target"]: c for c in run.ratios(results, embedded)}
    assert checks["rebuild after one answer changes / full build, N=10,000"]["met"] is True
    assert checks["rebuild after one answer changes / full build, N=1,000"]["met"] is None
    assert checks["rebuild after one note changes / full build, N=10,000"]["met"] is None
    # the whole process tree is judged, not the largest process
    assert checks["full build memory, whole process tree, N=10,000"]["met"] is False
    assert checks["full build memory, largest process, N=10,000"]["met"] is None
    assert checks["load / yaml.CSafeLoader, N=10,000"]["met"] is False  # 1.4x the C loader, limit 1.3x
    assert checks["embedded review: cold build / floor"]["value"] == 3.0
    assert checks["embedded review: cold build / floor"]["met"] is False
    assert checks["embedded review: import-xlsx / floor"]["met"] is True
    assert checks["time(10,000) / time(1,000)"]["value"] == 10.0
    run.write_results(results, {"cores": 2, "cpu": "x", "memory_gb": 1, "python": "3", "platform": "p",
                                "loadavg_at_start": [0.5]}, list(checks.values()), tmp_path / "r.md",
                      tmp_path / "r.json", embedded=embedded)
    text = (tmp_path / "r.md").read_text("utf-8")
    assert "| **no** |" in text and "for information" in text
    assert "targets hold**: not held: embedded review: cold build / floor;" in text


def test_the_tree_memory_counts_every_process_a_command_starts() -> None:
    """Two children holding 100 MB each at the same time: the tree holds 200 MB at once, though the
    largest single process (what ru_maxrss reports) holds about 100."""
    hold = "import time; b = bytearray(100 * 2**20); b[::4096] = b'x' * len(b[::4096]); time.sleep(1.0)"
    code = (f"import subprocess, sys; ps = [subprocess.Popen([sys.executable, '-c', {hold!r}]) for _ in range(2)]; "
            "[p.wait() for p in ps]")
    m = run.run_child([sys.executable, "-c", code])
    assert m["tree_pss_mb"] >= 190
    assert m["rss_mb"] < 160


def test_the_synthetic_edits_change_what_they_say(tmp_path: Path) -> None:
    import legalreview as lr

    ws = synth.generate(tmp_path / "ws", 60, seed=3)
    before = lr.load_review(ws)
    path = synth.change_answer(ws, 1)
    new = synth.assess_country(ws)
    after = lr.load_review(ws)
    assert not after.warnings  # the change carries its reason, as a real review's would
    old_rows = before.scores.set_index(["iso3", "set", "edition", "coder", "criterion"])["value"]
    new_rows = after.scores.set_index(["iso3", "set", "edition", "coder", "criterion"])["value"]
    changed = {key[0] for key in old_rows.index.intersection(new_rows.index) if old_rows[key] != new_rows[key]}
    assert changed == {path.stem}
    assert new.stem not in set(before.scores["iso3"]) and new.stem in set(after.scores["iso3"])
