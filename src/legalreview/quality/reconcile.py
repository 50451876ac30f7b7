"""Reconciliation: a lead coder settles double-coded answers, and the result becomes one
``reviewed`` assessment per country.

:func:`write_reconcile_sheet` writes a YAML sheet listing every item the coders disagree on (or
every item) with each coder's value, evidence and note, and an empty ``final:`` for the lead.
:func:`import_reconcile` reads the edited sheet back and adds, to each country file it covers, a
``reviewed`` assessment by the lead: answers the coders agreed on are taken as they are, the others
from ``final:``. Problems are reported as ``file:line:col`` and nothing is written unless every
country is clean.

A ``final:`` is either an answer code (``final: "yes"``: the evidence and note of a coder who gave
that code come with it) or a full answer (``final: {value: partial, evidence: [id], note: ...}``).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ..issues import Issue, ReviewError, has_errors
from ..models import ID_PATTERN, Answer, Assessment, Country, CriteriaSet, HistoryEntry
from ..locking import workspace_lock
from ..provenance import NoCoder, append_history, history_entry, resolve_coder
from ..store import (Positions, YamlProblem, answer_yaml, decode, edit_yaml_text, parse_yaml, position, read_yaml,
                     write_all_or_nothing, write_atomic)
from ..workspace import Workspace, load_workspace
from .agreement import AgreementReport, agreement, double_coded

#: Codes that YAML 1.1 readers take for booleans: always written in quotes.


def _q(value: object) -> str:
    """Return a scalar as YAML text (JSON strings are valid YAML double-quoted scalars)."""
    return json.dumps(value, ensure_ascii=False)


def _answer_flow(answer: Answer) -> str:
    parts = [f"value: {_q(answer.value)}"]
    if answer.evidence:
        parts.append(f"evidence: [{', '.join(answer.evidence)}]")
    if answer.note:
        parts.append(f"note: {_q(answer.note)}")
    return "{" + ", ".join(parts) + "}"


def reconcile_sheet_text(ws: Workspace, report: AgreementReport, all_items: bool = False,
                         today: dt.date | None = None) -> str:
    """Return the text of a reconciliation sheet for an agreement report."""
    cs = ws.criteria[report.set_id]
    today = today or dt.date.today()
    groups = double_coded(ws, report.set_id, report.edition, coders=report.coders or None)
    lines = [
        f"# Reconciliation sheet for {cs.id} ({cs.title}), written by `legalreview agreement` on {today}.",
        "# For each item write the final answer under `final:`: an answer code such as \"yes\" (the evidence",
        "# and note of a coder who gave that code are taken), or {value: ..., evidence: [...], note: ...}.",
        "# Answers the coders agree on and that are not listed below are taken as they are.",
        "# Then run: legalreview reconcile THIS-FILE --coder YOUR-CODER-ID",
        f"set: {cs.id}",
        "lead:  # your coder id (or pass --coder)",
        "covers:  # the double-coded assessments this sheet turns into one reviewed assessment each",
    ]
    for (iso3, edition), group in groups.items():
        coders = ", ".join(a.coder for a in group)
        lines.append(f"  - {{country: {iso3}, edition: {_q(edition)}, coders: [{coders}]}}")
    if not groups:
        lines[-1] = "covers: []"
    items = [i for i in report.items if all_items or not i.agreed]
    lines.append("items:" if items else "items: []")
    for item in items:
        lines += [
            f"  - country: {item.iso3}",
            f"    name: {_q(item.country)}",
            f"    edition: {_q(item.edition)}",
            f"    criterion: {item.criterion}",
            f"    question: {_q(cs.question_for(item.criterion, item.edition))}",
            "    answers:",
        ]
        lines += [f"      {coder}: {_answer_flow(answer)}" for coder, answer in item.answers.items()]
        agreed = next(iter(item.answers.values())).value if item.agreed else None
        lines.append(f"    final: {_q(agreed)}" if agreed is not None else "    final:")
    return "\n".join(lines) + "\n"


def write_reconcile_sheet(ws: Workspace, report: AgreementReport, path: str | Path, all_items: bool = False,
                          today: dt.date | None = None) -> Path:
    """Write the reconciliation sheet for ``report`` to ``path`` and return the path."""
    path = Path(path)
    write_atomic(path, reconcile_sheet_text(ws, report, all_items, today))
    return path


# --------------------------------------------------------------------------- import


@dataclass
class ReconcileResult:
    """What an import did (or would do with ``dry_run``): files, new assessments, problems."""

    issues: list[Issue] = field(default_factory=list)
    files: dict[Path, bytes] = field(default_factory=dict)
    #: (iso3, edition) of every reviewed assessment written
    assessments: list[tuple[str, str]] = field(default_factory=list)
    written: bool = False


def _merge_agreed(answers: list[Answer]) -> Answer:
    evidence = list(dict.fromkeys(e for a in answers for e in a.evidence))
    note = next((a.note for a in answers if a.note), None)
    return Answer(value=answers[0].value, evidence=evidence, note=note)


def _yaml_assessment(a: Assessment) -> CommentedMap:
    out = CommentedMap()
    out["set"] = a.set
    out["edition"] = DoubleQuotedScalarString(a.edition)
    out["assessed_on"] = a.assessed_on
    out["coder"] = a.coder
    out["status"] = a.status
    if a.summary:
        out["summary"] = a.summary
    answers = CommentedMap()
    for crit, answer in a.answers.items():
        answers[crit] = answer_yaml(answer.value, answer.evidence, answer.note)
    out["answers"] = answers
    append_history(out, [history_entry(h.criterion, h.on, h.by, h.source, None if h.previous is None else (
        h.previous.value, tuple(h.previous.evidence), h.previous.note or ""), h.value) for h in a.history])
    return out


def import_reconcile(root: str | Path, sheet: str | Path, lead: str | None = None, dry_run: bool = False,
                     replace: bool = False, today: dt.date | None = None) -> ReconcileResult:
    """Import an edited reconciliation sheet: one ``reviewed`` assessment by the lead per covered
    country and edition. Returns what was (or, with ``dry_run``, would be) written and every problem;
    nothing is written when any error exists. ``replace`` overwrites an earlier assessment by the
    lead for the same set and edition. Writing holds the workspace lock (see :mod:`legalreview.locking`)."""
    if dry_run:
        return _import_reconcile(Path(root), Path(sheet), lead, True, replace, today)
    try:
        with workspace_lock(root, what=f"reconcile {Path(sheet).name}") as notes:
            result = _import_reconcile(Path(root), Path(sheet), lead, False, replace, today)
            result.issues[:0] = notes
            return result
    except ReviewError as exc:
        return ReconcileResult(issues=list(exc.issues))


def _import_reconcile(root: Path, sheet: Path, lead: str | None, dry_run: bool, replace: bool,
                      today: dt.date | None) -> ReconcileResult:
    """Return what importing ``sheet`` into the workspace at ``root`` writes (nothing with ``dry_run``
    or when any error is found) and every problem found."""
    result = ReconcileResult()
    read = _read_sheet(root, sheet, lead, replace, today or dt.date.today(), result.issues)
    if read is None:
        return result
    new: dict[str, list[Assessment]] = {}
    for c_index, cover in enumerate(read.data["covers"]):
        found = _reconcile_cover(read, c_index, cover)
        if found is not None:
            new.setdefault(found[0], []).append(found[1])
    _uncovered_items(read)
    if has_errors(result.issues) or not _edited_files(read.ws, new, result):
        return result
    if not dry_run and result.files:
        write_all_or_nothing(result.files)
        result.written = True
    return result


def _place(name: str, pos: Positions, loc: tuple[Any, ...]) -> dict[str, Any]:
    """Return the file, line and column of a key path of the sheet ``name`` (as Issue keywords)."""
    line, col = position(pos, loc)
    return {"file": name, "line": line, "column": col}


@dataclass
class _Sheet:
    """A reconciliation sheet being imported, with the workspace, set and lead coder it names."""

    name: str
    data: dict[str, Any]
    pos: Positions
    ws: Workspace
    cs: CriteriaSet
    lead: str
    replace: bool
    today: dt.date
    issues: list[Issue]
    #: the sheet's items, keyed by (country, edition, criterion): (index, item)
    finals: dict[tuple[str, str, str], tuple[int, dict[str, Any]]]

    def at(self, *loc: Any) -> dict[str, Any]:
        """Return the file, line and column of a key path of the sheet (as Issue keywords)."""
        return _place(self.name, self.pos, loc)

    @property
    def codes(self) -> list[str]:
        """Return the codes of the set's scale (each once)."""
        return list(dict.fromkeys(s.code for s in self.cs.scale))


@dataclass
class _Cover:
    """One ``covers`` entry: a country and edition whose coders' assessments become one."""

    index: int
    iso3: str
    edition: str
    coders: list[str]
    #: the ids of the country file's provisions
    provisions: set[str]


def _read_sheet(root: Path, sheet: Path, lead: str | None, replace: bool, today: dt.date,
                issues: list[Issue]) -> _Sheet | None:
    """Return the sheet with its workspace, set, lead coder and items, or None when one of them is
    missing or wrong (the problem goes into ``issues``)."""
    name = sheet.name
    try:
        data, pos = read_yaml(sheet, name)
    except YamlProblem as exc:
        issues.append(exc.issue)
        return None
    if not isinstance(data, dict) or not isinstance(data.get("items", []), list) \
            or not isinstance(data.get("covers"), list):
        issues.append(Issue("reconcile", "this is not a reconciliation sheet (it needs `set:`, `covers:` and "
                            "`items:`)", hint="write one with `legalreview agreement --set S --reconcile FILE`",
                            **_place(name, pos, ())))
        return None
    ws, ws_issues = load_workspace(root, today=today)
    if ws is None:
        issues.extend(ws_issues)
        return None
    set_id = data.get("set")
    cs: CriteriaSet | None = ws.criteria.get(str(set_id))
    if cs is None:
        issues.append(Issue("unknown-set", f"criteria set {set_id!r} does not exist in criteria/",
                            hint=f"use one of {', '.join(sorted(ws.criteria))}", **_place(name, pos, ("set",))))
        return None
    found = _lead_coder(root, ws, lead or data.get("lead"), _place(name, pos, ("lead",)), issues)
    if found is None:
        return None
    return _Sheet(name, data, pos, ws, cs, found, replace, today, issues, _sheet_items(name, data, pos, issues))


def _lead_coder(root: Path, ws: Workspace, lead: Any, at: dict[str, Any], issues: list[Issue]) -> str | None:
    """Return the lead coder's id (given, else this user's), or None when there is none or it is not a
    valid id (the problem, located ``at``, goes into ``issues``)."""
    if not lead:
        try:
            lead = resolve_coder(root, None, ws.config)
        except NoCoder:
            lead = None
    if not lead:
        issues.append(Issue("reconcile", "no lead coder: the reviewed assessment needs a coder id",
                            hint="write `lead: your-id` in the sheet or pass --coder your-id", **at))
        return None
    if not re.match(ID_PATTERN, str(lead)):
        issues.append(Issue("schema", f"lead {lead!r} is not a valid coder id",
                            hint="use letters, digits, '-', '_' or '.'", **at))
        return None
    return str(lead)


def _sheet_items(name: str, data: dict[str, Any], pos: Positions,
                 issues: list[Issue]) -> dict[tuple[str, str, str], tuple[int, dict[str, Any]]]:
    """Return the sheet's items as (index, item) by (country, edition, criterion); an item without
    them is reported in ``issues``."""
    finals: dict[tuple[str, str, str], tuple[int, dict[str, Any]]] = {}
    for index, item in enumerate(data.get("items") or []):
        if not isinstance(item, dict) or not {"country", "edition", "criterion"} <= set(item):
            issues.append(Issue("reconcile", "an item needs country, edition and criterion",
                                hint="restore the item as the sheet was written",
                                **_place(name, pos, ("items", index))))
            continue
        finals[(str(item["country"]), str(item["edition"]), str(item["criterion"]))] = (index, item)
    return finals


def _reconcile_cover(read: _Sheet, c_index: int, entry: Any) -> tuple[str, Assessment] | None:
    """Return (country, the lead's reviewed assessment) for one ``covers`` entry, or None when the
    entry, its country or its coders' assessments have a problem (reported in ``read.issues``)."""
    cs, lead = read.cs, read.lead
    if not isinstance(entry, dict) or not {"country", "edition", "coders"} <= set(entry):
        read.issues.append(Issue("reconcile", "a `covers` entry needs country, edition and coders",
                                 **read.at("covers", c_index)))
        return None
    iso3, edition, coders = str(entry["country"]), str(entry["edition"]), [str(c) for c in entry["coders"]]
    country = read.ws.countries.get(iso3)
    if country is None:
        read.issues.append(Issue("unknown-country", f"{iso3} has no country file in this workspace",
                                 **read.at("covers", c_index, "country")))
        return None
    by_coder = {a.coder: a for a in country.assessments if a.set == cs.id and a.edition == edition}
    missing = [c for c in coders if c not in by_coder]
    if missing:
        read.issues.append(Issue("reconcile-stale", f"{iso3} has no {cs.id} {edition} assessment by "
                                 f"{', '.join(missing)} any more", hint="write a new sheet with "
                                 "`legalreview agreement --reconcile`", **read.at("covers", c_index, "coders")))
        return None
    if lead in by_coder and not read.replace:
        read.issues.append(Issue("duplicate-assessment", f"{iso3} already has a {cs.id} {edition} assessment by "
                                 f"{lead}", hint="pass --replace to overwrite it, or use another coder id",
                                 **read.at("covers", c_index)))
        return None
    cover = _Cover(c_index, iso3, edition, coders, {p.id for p in country.provisions})
    answers: dict[str, Answer] = {}
    for crit in cs.criterion_ids:
        given = [(c, by_coder[c].answers[crit]) for c in coders if crit in by_coder[c].answers]
        answer = _settle(read, cover, crit, given) if given else None
        if answer is not None:
            answers[crit] = answer
    return iso3, _lead_assessment(read, cover, answers, by_coder.get(lead))


def _settle(read: _Sheet, cover: _Cover, crit: str, given: list[tuple[str, Answer]]) -> Answer | None:
    """Return the settled answer to ``crit`` (the coders' agreed answer, else the item's ``final:``),
    or None when there is none or it has a problem (reported in ``read.issues``)."""
    iso3 = cover.iso3
    entry = read.finals.get((iso3, cover.edition, crit))
    agreed = len({a.value for _, a in given}) == 1
    if entry is None:
        if agreed:
            return _merge_agreed([a for _, a in given])
        read.issues.append(Issue("reconcile-stale", f"{iso3} {crit}: the coders disagree "
                                 f"({', '.join(f'{c}: {a.value}' for c, a in given)}) but the sheet has no "
                                 "item for it", hint="write a new sheet; the country file changed",
                                 **read.at("covers", cover.index)))
        return None
    i_index, item = entry
    _check_recorded(read, iso3, crit, given, i_index, item.get("answers") or {})
    final = item.get("final")
    floc = ("items", i_index, "final")
    if final is None or final == "":
        if agreed:
            return _merge_agreed([a for _, a in given])
        read.issues.append(Issue("reconcile", f"{iso3} {crit}: no final answer for a disagreement",
                                 hint=f"write final: one of {', '.join(read.codes)}", **read.at(*floc)))
        return None
    answer = _final_answer(read, iso3, crit, final, given, floc)
    problem = _final_problem(read, cover, crit, answer, floc) if answer is not None else None
    if problem is not None:
        read.issues.append(problem)
        return None
    return answer


def _check_recorded(read: _Sheet, iso3: str, crit: str, given: list[tuple[str, Answer]], i_index: int,
                    recorded: dict[str, Any]) -> None:
    """Report in ``read.issues`` each coder whose answer is no longer the one the sheet recorded."""
    for coder, answer in given:
        was = recorded.get(coder)
        was_value = was.get("value") if isinstance(was, dict) else was
        if was is not None and str(was_value) != answer.value:
            read.issues.append(Issue("reconcile-stale", f"{iso3} {crit}: {coder} now answers "
                                     f"{answer.value!r}, not {was_value!r} as in the sheet",
                                     hint="write a new sheet with `legalreview agreement --reconcile`",
                                     **read.at("items", i_index, "answers", coder)))


def _final_answer(read: _Sheet, iso3: str, crit: str, final: Any, given: list[tuple[str, Answer]],
                  floc: tuple[Any, ...]) -> Answer | None:
    """Return the answer a ``final:`` gives (a full answer, or a code taking the evidence and note of
    the coders who gave it), or None when it is neither (reported in ``read.issues``)."""
    if isinstance(final, dict):
        try:
            return Answer.model_validate(final)
        except ValidationError as exc:
            read.issues.append(Issue("schema", f"{iso3} {crit}: final: {exc.errors()[0]['msg']}",
                                     hint="write final: {value: ..., evidence: [...], note: ...}", **read.at(*floc)))
            return None
    if isinstance(final, (str, int, float)) and not isinstance(final, bool):
        value = str(final)
        chosen = [a for _, a in given if a.value == value]
        return _merge_agreed(chosen) if chosen else Answer(value=value)
    read.issues.append(Issue("bad-answer", f"{iso3} {crit}: final: {final!r} is not an answer code",
                             hint=f'write it in quotes, e.g. final: "yes"; use one of {", ".join(read.codes)}',
                             **read.at(*floc)))
    return None


def _final_problem(read: _Sheet, cover: _Cover, crit: str, answer: Answer, floc: tuple[Any, ...]) -> Issue | None:
    """Return the problem of a final answer (a code off the scale, evidence that is no provision of
    the country file, missing evidence), or None."""
    iso3, cs = cover.iso3, read.cs
    if answer.value not in read.codes:
        return Issue("bad-answer", f"{iso3} {crit}: {answer.value!r} is not on the {cs.id} scale",
                     hint=f"use one of {', '.join(read.codes)}", **read.at(*floc))
    bad_refs = [e for e in answer.evidence if e not in cover.provisions]
    if bad_refs:
        return Issue("unknown-provision", f"{iso3} {crit}: evidence {', '.join(bad_refs)} is not a "
                     f"provision in {read.ws.country_files[iso3]}",
                     hint=f"use one of {', '.join(sorted(cover.provisions))}", **read.at(*floc))
    if cs.needs_evidence(answer.value) and not answer.evidence:
        return Issue("evidence-missing", f'{iso3} {crit}: "{answer.value}" needs evidence and no '
                     "coder cited any for it", hint="write final: {value: ..., evidence: [id]}", **read.at(*floc))
    return None


def _lead_assessment(read: _Sheet, cover: _Cover, answers: dict[str, Answer],
                     before: Assessment | None) -> Assessment:
    """Return the lead's reviewed assessment of ``answers``, its history extended by each answer that
    differs from the lead's earlier assessment ``before`` (if any)."""
    iso3, edition, coders, lead = cover.iso3, cover.edition, cover.coders, read.lead
    resolved = sum(1 for crit in answers if (iso3, edition, crit) in read.finals)
    history = list(before.history) if before is not None else []
    for crit, answer in answers.items():
        was = before.answers.get(crit) if before is not None else None
        if was == answer:
            continue
        how = "final:" if (iso3, edition, crit) in read.finals else f"agreed by {', '.join(coders)}"
        history.append(HistoryEntry(criterion=crit, on=read.today, by=lead, source=f"{read.name} ({how})",
                                    previous=was, value=answer.value))
    return Assessment(
        set=read.cs.id, edition=edition, assessed_on=read.today, coder=lead, status="reviewed",
        summary=f"Reconciled by {lead} from the codings of {', '.join(coders)} "
                f"({resolved} item{'s' * (resolved != 1)} settled on the reconciliation sheet).",
        answers=answers, history=history)


def _uncovered_items(read: _Sheet) -> None:
    """Report in ``read.issues`` each item for a country and edition the sheet does not cover."""
    covers = read.data["covers"]
    for item_key, (i_index, _item) in read.finals.items():
        if not any(item_key[0] == c.get("country") and item_key[1] == str(c.get("edition"))
                   for c in covers if isinstance(c, dict)):
            read.issues.append(Issue("reconcile", f"item {item_key[0]} {item_key[2]} is for a country and edition "
                                     "the sheet does not cover", hint="add it under `covers:` or remove the item",
                                     **read.at("items", i_index)))


def _put_assessments(doc: Any, assessments: list[Assessment]) -> None:
    """Put ``assessments`` into a country file's round-trip document, each in place of the one by the
    same coder for the same set and edition, else at the end."""
    if doc.get("assessments") is None:
        doc["assessments"] = CommentedSeq()
    seq = doc["assessments"]
    for a in assessments:
        mapping = _yaml_assessment(a)
        for index, old in enumerate(seq):
            if old.get("set") == a.set and str(old.get("edition")) == a.edition \
                    and old.get("coder") == a.coder:
                seq[index] = mapping
                break
        else:
            seq.append(mapping)


def _edited_files(ws: Workspace, new: dict[str, list[Assessment]], result: ReconcileResult) -> bool:
    """Put the new text of each country file with its ``new`` assessments into ``result``; return False
    (and an issue) when an edited file is no longer a valid country file."""
    for iso3, assessments in new.items():
        path = ws.country_path(iso3)
        text = decode(path.read_bytes(), ws.country_files[iso3])
        new_text = edit_yaml_text(text, functools.partial(_put_assessments, assessments=assessments))
        try:  # the file must still be a valid country file
            parsed, _ = parse_yaml(new_text.encode("utf-8"), ws.country_files[iso3])
            Country.model_validate(parsed)
        except (YamlProblem, ValidationError) as exc:  # pragma: no cover - a bug, not a user error
            result.issues.append(Issue("schema", f"internal error writing {iso3}: {exc}", file=ws.country_files[iso3]))
            return False
        result.files[path] = new_text.encode("utf-8")
        result.assessments += [(iso3, a.edition) for a in assessments]
    return True


__all__ = ["ReconcileResult", "agreement", "import_reconcile", "reconcile_sheet_text", "write_reconcile_sheet"]
