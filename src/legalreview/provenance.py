"""Provenance: who changed an answer, when, from where, and what it was before.

Every command that writes answers (``import-xlsx``, ``reconcile``) appends one entry per changed
answer to the assessment's ``history:`` list (oldest first)::

    history:
      - {criterion: C2, on: 2026-12-03, by: Thandi Mokoena, source: "csam-africa.xlsx csam!D14",
         previous: {value: "no"}, value: "yes"}

``previous`` is the answer as it was (absent or null: there was none), ``value`` the code it became
(null: the answer was removed). :func:`resolve_coder` says whose name is recorded; :func:`answer_log`
returns the history as a table (``legalreview log``).
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import Any

import pandas as pd
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from .store import answer_yaml

#: Columns of :func:`answer_log`.
LOG_COLUMNS = ["set", "edition", "coder", "criterion", "on", "by", "source", "previous", "value"]
#: The longest name recorded (the model's limit).
MAX_NAME = 200

_HOW = ("pass --coder \"Your Name\", or add `[people]` with `me = \"Your Name\"` to review.toml, "
        "or run `git config user.name \"Your Name\"`")


class NoCoder(ValueError):
    """No name to record: neither --coder, nor review.toml's [people] me, nor git's user.name."""


def _git_user(root: Path) -> str:
    try:
        done = subprocess.run(["git", "config", "user.name"], cwd=root, capture_output=True, text=True,
                              timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def resolve_coder(root: str | Path, given: str | None = None, config: Any = None) -> str:
    """Return the name recorded for changes: ``given``, else review.toml's ``[people] me``, else
    ``git config user.name``; raise :class:`NoCoder` (saying how to set one) when there is none."""
    root = Path(root)
    name = (given or "").strip()
    if not name:
        if config is None:
            from .workspace import load_config

            config, _issues = load_config(root)
        name = (config.people.me or "").strip() if config is not None else ""
    if not name:
        name = _git_user(root)
    if not name:
        raise NoCoder(f"who is making this change? {_HOW}")
    if len(name) > MAX_NAME or any(ord(ch) < 32 for ch in name):
        raise NoCoder(f"the coder name {name[:40]!r} is too long or holds a control character; {_HOW}")
    return name


def history_entry(criterion: str, on: dt.date, by: str, source: str,
                  previous: tuple[str, tuple[str, ...], str] | None, value: str | None) -> CommentedMap:
    """Return one ``history:`` entry as round-trip YAML (a flow mapping on one line)."""
    entry = CommentedMap()
    entry["criterion"] = criterion
    entry["on"] = dt.date.fromordinal(on.toordinal())  # a fresh object: a shared one is dumped as a YAML alias
    entry["by"] = DoubleQuotedScalarString(by)
    entry["source"] = DoubleQuotedScalarString(source)
    entry["previous"] = answer_yaml(*previous, mapping=True) if previous is not None else None
    entry["value"] = DoubleQuotedScalarString(value) if value is not None else None
    entry.fa.set_flow_style()
    return entry


def append_history(assessment: Any, entries: list[CommentedMap]) -> None:
    """Append entries to the ``history:`` list of an assessment mapping (round-trip YAML), creating it."""
    if not entries:
        return
    seq = assessment.get("history")
    if not isinstance(seq, list):
        seq = CommentedSeq()
        assessment["history"] = seq
    if isinstance(seq, CommentedSeq) and seq.fa.flow_style():
        seq.fa.set_block_style()
    seq.extend(entries)


def _show(answer: Any) -> str:
    if answer is None:
        return ""
    text = answer.value
    if answer.evidence:
        text += f" [{', '.join(answer.evidence)}]"
    return text


def answer_log(country: Any, set_id: str | None = None) -> pd.DataFrame:
    """Return the change history of a country's answers: one row per change, oldest first, with
    :data:`LOG_COLUMNS` (``previous`` and ``value`` as text; "" = no answer)."""
    rows = []
    for a in country.assessments if country is not None else ():
        if set_id and a.set != set_id:
            continue
        for h in a.history:
            rows.append({"set": a.set, "edition": a.edition, "coder": a.coder, "criterion": h.criterion,
                         "on": h.on.isoformat(), "by": h.by, "source": h.source, "previous": _show(h.previous),
                         "value": h.value or ""})
    frame = pd.DataFrame(rows, columns=LOG_COLUMNS)
    return frame.sort_values(["on", "set", "edition", "coder"], kind="stable").reset_index(drop=True)
