"""Status as a workflow: draft -> reviewed -> published, one step per ``legalreview publish``.

The assessment *in force* for a country, set and edition is the one the published tables would
count: the latest ``assessed_on``, then the higher status, then the coder's name, among those not
marked ``independent`` (a second coder's blind coding never supersedes the first). Older ones are
superseded: they are history, neither waiting nor stale.

An assessment moves a step only when it is ready: its country file has no errors, and every
``unknown`` answer carries a note saying what was looked for. Otherwise the step is refused with a
``not-ready`` problem at the answer's line. Each step is recorded in the assessment's
``status_history:`` (status, on, by, previous) and written for all countries or for none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ..issues import Issue, ReviewError, has_errors
from ..models import Assessment, Country
from ..locking import workspace_lock
from ..resolve import resolve_country, resolve_set
from ..scoring import STATUS_RANK as _RANK
from ..scoring import edition_order
from ..store import decode, edit_yaml_text, position, read_yaml, write_all_or_nothing
from ..workspace import Workspace, load_workspace

#: The next step of each status (illustrative and published assessments have none).
NEXT_STATUS = {"draft": "reviewed", "reviewed": "published"}


def in_force(assessments: list[Assessment]) -> Assessment | None:
    """Return the assessment in force among those of one country, set and edition (None if none)."""
    if not assessments:
        return None
    first = [a for a in assessments if not a.independent] or list(assessments)
    return max(sorted(first, key=lambda a: a.coder), key=lambda a: (a.assessed_on, _RANK[a.status]))


def assessments_in_force(country: Country, set_id: str, edition: str | None = None) -> list[Assessment]:
    """Return the assessment in force for each edition of a set (or only ``edition``) in a country."""
    editions: dict[str, list[Assessment]] = {}
    for a in country.assessments:
        if a.set == set_id and (edition is None or a.edition == edition):
            editions.setdefault(a.edition, []).append(a)
    return [x for x in (in_force(found) for found in editions.values()) if x is not None]


@dataclass
class PublishResult:
    """What :func:`publish` found and did: ``issues``, ``steps`` (iso3, set, edition, old, new), files."""

    issues: list[Issue] = field(default_factory=list)
    steps: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not has_errors(self.issues)


def _readiness(ws: Workspace, iso3: str, a: Assessment, index: int, load_issues: list[Issue]) -> list[Issue]:
    filename = ws.country_files[iso3]
    out = []
    errors = [i for i in load_issues if i.severity == "error" and i.file == filename]
    for e in errors:
        out.append(Issue("not-ready", f"{iso3} {a.set} {a.edition} cannot move on: {filename} has an error "
                         f"({e.code}: {e.message})", file=filename, line=e.line, column=e.column,
                         hint="fix it (`legalreview validate` lists every problem), then publish again"))
    try:
        _data, positions = read_yaml(ws.root / filename, filename)
    except Exception:  # already reported as an error of the file
        positions = {}
    for crit, answer in a.answers.items():
        if answer.value == "unknown" and not (answer.note or "").strip():
            line, column = position(positions, ("assessments", index, "answers", crit))
            out.append(Issue("not-ready", f"{iso3} {a.set} {a.edition} {crit} is unknown without a note",
                             file=filename, line=line, column=column,
                             hint="say in a note what was searched for and not found, or decide the answer"))
    return out


def publish(root: str | Path, set_id: str, iso3: str | None = None, edition: str | None = None, by: str = "",
            dry_run: bool = False, today: dt.date | None = None) -> PublishResult:
    """Move the assessment in force one step (draft -> reviewed -> published) for one country
    (``iso3``) or every country with one that is not yet published (``iso3=None``).

    Nothing is written when any assessment is not ready, or on a dry run. Writing holds the
    workspace lock (see :mod:`legalreview.locking`).
    """
    if dry_run:
        return _publish(Path(root), set_id, iso3, edition, by, True, today)
    try:
        with workspace_lock(root, what="publish") as notes:
            result = _publish(Path(root), set_id, iso3, edition, by, False, today)
    except ReviewError as exc:
        return PublishResult(issues=exc.issues)
    result.issues[:0] = notes
    return result


def _publish(root: Path, set_id: str, iso3: str | None, edition: str | None, by: str, dry_run: bool,
             today: dt.date | None) -> PublishResult:
    """Return what publishing moves each assessment in force one status step up (``iso3``: one
    country, else all) writes, and every problem; nothing is written on a dry run or an error."""
    today = today or dt.date.today()
    result = PublishResult(dry_run=dry_run)
    ws, load_issues = load_workspace(root, today=today)
    if ws is None:
        result.issues = load_issues
        return result
    set_id = resolve_set(ws.criteria, set_id)
    codes = [resolve_country(iso3, available=ws.countries)] if iso3 else sorted(ws.countries)
    plans: dict[str, list[tuple[int, Assessment, str]]] = {}
    for code in codes:
        country = ws.countries.get(code)
        if country is None:
            result.issues.append(Issue("not-ready", f"{code} has no country file that loads",
                                       file=f"countries/{code}.yaml", hint="run `legalreview validate`"))
            continue
        _plan_steps(ws, code, country, set_id, iso3, edition, load_issues, result, plans)
    if has_errors(result.issues) or dry_run or not plans:
        return result
    files: dict[Path, bytes] = {}
    for code, steps in plans.items():
        path = ws.country_path(code)
        text = decode(path.read_bytes(), ws.country_files[code])
        files[path] = edit_yaml_text(text, _stepper(steps, by, today)).encode("utf-8")
    write_all_or_nothing(files)
    result.written = sorted(str(p.relative_to(ws.root)) for p in files)
    return result


def _plan_steps(ws: Workspace, code: str, country: Country, set_id: str, iso3: str | None, edition: str | None,
                load_issues: list[Issue], result: PublishResult,
                plans: dict[str, list[tuple[int, Assessment, str]]]) -> None:
    """Plan the next status step of each of a country's assessments in force (of ``edition``, else
    the latest edition) that is ready, into ``plans`` and ``result.steps``; problems into ``result``
    (a country with nothing to publish is reported only when named by ``iso3``)."""
    targets = assessments_in_force(country, set_id, edition)
    if edition is None and targets:
        order = edition_order(ws.criteria[set_id], {a.edition for a in targets})
        targets = [a for a in targets if a.edition == order[-1]]
    if not targets:
        if iso3:
            result.issues.append(Issue("not-ready", f"{code} has no {set_id} assessment"
                                       f"{' for edition ' + edition if edition else ''} to publish",
                                       file=ws.country_files[code], hint="import one with `legalreview "
                                       "import-xlsx` first"))
        return
    for a in targets:
        new = NEXT_STATUS.get(a.status)
        if new is None:
            if iso3:
                result.issues.append(Issue("not-ready", f"{code} {set_id} {a.edition} is {a.status}; there is "
                                           "no further step", severity="warning", file=ws.country_files[code]))
            continue
        index = country.assessments.index(a)
        problems = _readiness(ws, code, a, index, load_issues)
        result.issues.extend(problems)
        if not problems:
            plans.setdefault(code, []).append((index, a, new))
            result.steps.append((code, set_id, a.edition, a.status, new))


def _stepper(steps: list[tuple[int, Assessment, str]], by: str, today: dt.date) -> Any:
    def edit(doc: Any) -> None:
        seq = doc["assessments"]
        for index, _a, new in steps:
            item = seq[index]
            old = str(item.get("status"))
            item["status"] = new
            history = item.get("status_history")
            if not isinstance(history, list):
                history = CommentedSeq()
                item["status_history"] = history
            entry = CommentedMap()
            entry["status"] = new
            entry["on"] = dt.date.fromordinal(today.toordinal())
            entry["by"] = DoubleQuotedScalarString(by)
            entry["previous"] = old
            entry.fa.set_flow_style()
            history.append(entry)

    return edit


def waiting(ws: Workspace, set_id: str | None = None) -> Any:
    """Return the assessments in force that wait for a step: iso3, country, set, edition, coder,
    status, waiting for ("review" or "publication")."""
    import pandas as pd

    rows = []
    for sid in ([set_id] if set_id else list(ws.criteria)):
        for code, country in sorted(ws.countries.items()):
            for a in assessments_in_force(country, sid):
                if a.status in NEXT_STATUS:
                    rows.append({"iso3": code, "country": country.name, "set": sid, "edition": a.edition,
                                 "coder": a.coder, "status": a.status,
                                 "waiting for": "review" if a.status == "draft" else "publication"})
    return pd.DataFrame(rows, columns=["iso3", "country", "set", "edition", "coder", "status", "waiting for"])
