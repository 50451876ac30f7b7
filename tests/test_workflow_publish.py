"""Status as a workflow: publish moves draft -> reviewed -> published, refusing what is not ready."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner

from conftest import tree_bytes
from legalreview.cli import main
from legalreview.quality import stale_assessments
from legalreview.quality.workflow import publish, waiting
from legalreview.workspace import load_workspace

TODAY = dt.date(2026, 12, 3)


def _civ(root: Path):
    ws, _ = load_workspace(root, today=TODAY)
    (a,) = [a for a in ws.countries["CIV"].assessments if a.set == "csam"]
    return a


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_publish_moves_a_draft_to_reviewed_then_to_published_and_records_each_step(small: Path) -> None:
    first = publish(small, "csam", "CIV", by="Awa Koné", today=TODAY)
    assert first.ok and first.steps == [("CIV", "csam", "2023", "draft", "reviewed")]
    assert _civ(small).status == "reviewed"

    second = publish(small, "csam", "CIV", by="Jean Kouassi", today=TODAY)

    assert second.ok and second.written == ["countries/CIV.yaml"]
    a = _civ(small)
    assert a.status == "published"
    assert [(h.previous, h.status, h.by, h.on) for h in a.status_history] == [
        ("draft", "reviewed", "Awa Koné", TODAY), ("reviewed", "published", "Jean Kouassi", TODAY)]


def test_publish_refuses_an_assessment_whose_file_does_not_validate(small: Path) -> None:
    _replace(small / "countries" / "CIV.yaml", "C2: \"no\"", "C2: {value: \"yes\", evidence: [cyber-2013-a99]}")
    before = tree_bytes(small)

    run = CliRunner().invoke(main, ["publish", "CIV", "--set", "csam", "--coder", "Awa Koné", "--dir", str(small)])

    assert run.exit_code == 1
    assert "countries/CIV.yaml:16:" in run.output and "not-ready" in run.output
    assert tree_bytes(small) == before


def test_publish_refuses_an_unknown_answer_without_a_note_at_its_line(small: Path) -> None:
    _replace(small / "countries" / "CIV.yaml", "      C4: \"no\"", "      C4: unknown")

    result = publish(small, "csam", "CIV", by="Awa Koné", today=TODAY)

    (issue,) = [i for i in result.issues if i.code == "not-ready"]
    assert (issue.file, issue.line) == ("countries/CIV.yaml", 18) and "C4 is unknown without a note" in issue.message
    assert _civ(small).status == "draft"


def test_publish_all_moves_every_waiting_assessment_or_none(small: Path) -> None:
    _replace(small / "countries" / "KEN.yaml", "status: published\n    answers:\n      G1", "status: draft\n"
             "    answers:\n      G1")  # Kenya's grooming coding goes back to draft (it has G4 unknown, no note)

    run = CliRunner().invoke(main, ["publish", "--all", "--set", "csam", "--coder", "Awa Koné", "--dir", str(small)])

    assert run.exit_code == 0, run.output
    assert "CIV csam 2023: draft -> reviewed" in run.output
    refused = publish(small, "grooming", None, by="Awa Koné", today=TODAY)
    assert not refused.ok and not refused.written


def test_status_lists_what_waits_and_ignores_superseded_assessments(small: Path) -> None:
    civ = small / "countries" / "CIV.yaml"
    text = civ.read_text(encoding="utf-8")
    old = text[text.index("  - set: csam"):].replace("2026-10-01", "2019-01-01").replace("analyst-a", "analyst-old")
    civ.write_text(text + old.replace("status: draft", "status: published"), encoding="utf-8")
    ws, _ = load_workspace(small, today=TODAY)

    queue = waiting(ws, "csam")
    stale = stale_assessments(ws, "csam", today=TODAY)

    assert list(zip(queue["iso3"], queue["coder"], queue["waiting for"])) == [("CIV", "analyst-a", "review")]
    assert "analyst-old" not in set(stale["coder"])  # superseded by the 2026 coding: history, not stale
    run = CliRunner().invoke(main, ["status", "--set", "csam", "--format", "json", "--dir", str(small)])
    assert run.exit_code == 0, run.output
    doc = json.loads(run.output)
    assert [w["iso3"] for w in doc["waiting"]] == ["CIV"]
    assert doc["status"][0]["draft"] == 1 and doc["status"][0]["published"] == 2
