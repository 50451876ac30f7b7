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
