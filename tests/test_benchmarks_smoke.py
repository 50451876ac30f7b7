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

    def size(n: int, full: float, rebuild: float, rss: float) -> dict:
        return {"n": n, "country_files_mb": 1.0, "build_full": m(full, rss=rss), "build_repeat": m(rebuild),
                "rebuild_one_country": m(rebuild), "import_xlsx": m(1, 1.0), "baseline_openpyxl_read": m(1, 1.0),
                "load_validate": m(1, 1.0), "baseline_safe_load": m(1, 2.0)}

    results = {1000: size(1000, 5.0, 2.0, 200.0), 10000: size(10000, 50.0, 4.0, 1100.0)}
    checks = {c["target"]: c for c in run.ratios(results)}
    assert checks["rebuild after one country changes / full build, N=10,000"]["met"] is True
    assert checks["rebuild after one country changes / full build, N=1,000"]["met"] is None
    assert checks["full build peak RSS, N=10,000"]["met"] is False
    assert checks["time(10,000) / time(1,000)"]["value"] == 10.0
    run.write_results(results, {"cores": 2, "cpu": "x", "memory_gb": 1, "python": "3", "platform": "p",
                                "loadavg_at_start": [0.5]}, list(checks.values()), tmp_path / "r.md",
                      tmp_path / "r.json")
    text = (tmp_path / "r.md").read_text("utf-8")
    assert "| **no** |" in text and "for information" in text


def test_floors_run_and_are_reported_beside_the_targets(tmp_path: Path) -> None:
    """The floors measure the least any tool could do: the same bytes written, the same sheets read."""
    ws = synth.generate(tmp_path / "ws", 20)
    built = run.cli("build", "--dir", str(ws), "--quiet")
    assert built["wall"] > 0
    site = ws / "reports" / "site"
    floor = run.floor_build(ws, site, tmp_path)
    assert floor["files"] == sum(1 for p in site.rglob("*") if p.is_file())
    assert floor["parsed"] == 20 + 3  # countries and criteria sets
    assert 0 < floor["floor"] <= floor["wall"] and floor["libraries"] >= 3
    book = tmp_path / "csam.xlsx"
    run.driver("export_xlsx", str(ws), str(book))
    whole = run.driver("baseline_openpyxl_read", str(ws), str(book))
    sheets = run.driver("floor_openpyxl_import", str(ws), str(book), "csam")
    assert 0 < sheets["cells"] < whole["cells"]  # instructions and provisions are not read by the import
    r = {"build_full": {"wall": 2.0}, "floor_build": {"floor": 0.5}, "import_xlsx": {"op": 3.0},
         "floor_openpyxl_import": {"op": 1.0}, "embedded_build_full": {"wall": 1.0},
         "embedded_floor_build": {"floor": 0.25}}
    checks = {c["target"]: c for c in run.ratios({1000: r})}
    assert checks["build / floor, N=1,000"]["value"] == 4.0 and checks["build / floor, N=1,000"]["met"] is None
    assert checks["import / floor, N=1,000"]["value"] == 3.0
    assert checks["build / floor, embedded review"]["value"] == 4.0
