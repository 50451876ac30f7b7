"""Read an analysts' workbook back into the country files: check everything, then write all or nothing.

Order of work: :mod:`.safety` checks the file's bytes; openpyxl (read-only, defusedxml active)
reads the metadata and data sheets; every row is checked and compared with what was exported
and with the country file as it is now; the edited YAML of every changed country is validated
with the workspace's own checks; only then are the files replaced together.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from collections.abc import Callable, Sequence

import openpyxl
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from .. import jurisdictions
from ..issues import Issue, ReviewError, has_errors
from ..locking import workspace_lock
from ..models import CriteriaSet
from ..provenance import NoCoder, append_history, history_entry, resolve_coder
from ..resolve import nearest
from ..store import answer_yaml, decode, edit_yaml_text, write_all_or_nothing
from ..workspace import Workspace, check_country_bytes, load_workspace
from . import layout as L
from .facts import FactChange, FactPlans, apply_facts, check_written, exported_facts, plan_facts, read_facts
from .safety import bad_character, bounded_rows, check_file, header_columns, printable
from .sources import Additions, append_sources, check_against_file, read_additions

#: An answer as compared here: (code, evidence ids, note); None = no answer.
Ans = tuple[str, tuple[str, ...], str]


@dataclass(frozen=True)
class Change:
    """One answer the import changes (``old``/``new`` None = no answer)."""

    iso3: str
    country: str
    criterion: str
    old: Ans | None
    new: Ans | None
    file: str
    cell: str

    def __str__(self) -> str:
        return f"{self.country} ({self.iso3}) {self.criterion}: {_show(self.old)} -> {_show(self.new)}"


@dataclass
class ImportResult:
    """What :func:`import_workbook` found and did: ``issues``, ``changes``, ``written`` files."""

    issues: list[Issue] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    dry_run: bool = False
    #: statutes and provisions the workbook adds, e.g. "South Africa (ZAF): statute fpa-1996"
    added: list[str] = field(default_factory=list)
    #: facts the facts sheet changes (no history is recorded for them: see docs/workflow.md)
    fact_changes: list[FactChange] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Return True when no error was found."""
        return not has_errors(self.issues)


def _show(ans: Ans | None) -> str:
    if ans is None:
        return "(none)"
    text = f'"{ans[0]}"'
    if ans[1]:
        text += f" [{', '.join(ans[1])}]"
    if ans[2]:
        text += f" note: {ans[2]!r}"
    return text


def _ans(value: str, evidence: Any, note: Any) -> Ans:
    return (value, tuple(evidence or ()), (note or "").strip())


def _digest(ans: Ans | None) -> str:
    return L.answer_digest(*ans) if ans is not None else ""


@dataclass
class _Row:
    iso3: str
    criterion: str
    answer: Ans | None
    cells: dict[str, str]  # column key -> cell reference


def import_workbook(root: str | Path, path: str | Path, dry_run: bool = False, coder: str | None = None,
                    today: dt.date | None = None, into: str | None = None) -> ImportResult:
    """Check a workbook made by ``export-xlsx`` and apply its changes to the country files.

    Nothing is written when any error is found or when ``dry_run`` is true. ``coder`` is the person
    recorded in each changed answer's ``history:`` (default: review.toml's ``[people] me``, else
    ``git config user.name``; see :func:`legalreview.provenance.resolve_coder`). ``into`` names the
    assessment to write (default: the one exported, the blank workbook's coder, or a new draft by
    ``spreadsheet``). A real import holds the workspace lock from reading to writing: a second
    import at the same time gets a ``workspace-locked`` error instead of a silent merge.
    """
    try:
        coder = resolve_coder(root, coder)
    except NoCoder as exc:
        if not dry_run:
            return ImportResult(issues=[Issue("no-coder", str(exc).split("?")[0] + "?", file=Path(path).name,
                                              hint=str(exc).split("? ", 1)[-1])], dry_run=dry_run)
        coder = "(you)"
    if dry_run:
        return _import_workbook(root, path, dry_run, into, today, coder)
    try:
        with workspace_lock(root, what=f"import-xlsx {Path(path).name}") as notes:
            result = _import_workbook(root, path, dry_run, into, today, coder)
    except ReviewError as exc:
        return ImportResult(issues=exc.issues, dry_run=dry_run)
    result.issues[:0] = notes
    return result


def _import_workbook(root: str | Path, path: str | Path, dry_run: bool, coder: str | None,
                     today: dt.date | None, changed_by: str = "") -> ImportResult:
    root, path = Path(root), Path(path)
    result = ImportResult(dry_run=dry_run)
    if not openpyxl.DEFUSEDXML:  # pragma: no cover - defusedxml is a dependency
        result.issues.append(Issue("workbook-unsafe", "defusedxml is not installed, so workbooks cannot be read "
                                   "safely", file=path.name, hint="pip install defusedxml"))
        return result
    checked, issues = check_file(path)
    if checked is None:
        result.issues = issues
        return result
    # review.toml and the criteria first; country files only once we know which rows change
    base, base_issues = load_workspace(root, today=today, only=())
    if base is None or has_errors(base_issues):
        return _refused(result, base_issues, path.name)
    try:
        book = openpyxl.load_workbook(io.BytesIO(checked.raw), read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many types for damaged files
        result.issues.append(Issue("workbook-format", f"the workbook cannot be read: {printable(exc)}",
                                   file=path.name, hint="open it in Excel or LibreOffice and save it as .xlsx again"))
        return result
    try:
        reader = _Reader(base, book, checked.merged, path.name)
        reader.read()
    except Exception as exc:  # a damaged sheet (bad shared-string index, odd cell type ...)
        result.issues.append(Issue("workbook-format", f"the workbook cannot be read: {printable(exc)}",
                                   file=path.name, hint="open it in Excel or LibreOffice and save it as .xlsx again"))
        return result
    finally:
        book.close()
    ws = base
    blank = reader.info.get("blank_coder", "")
    if blank:  # a blank workbook: the second coder's own, independent assessment
        coder = coder or blank
        reader.independent = coder == blank
    if reader.cs is not None and reader.sheet_read:
        wanted = reader.candidates(coder)
        if wanted:
            full, ws_issues = load_workspace(root, today=today, only=wanted)
            if full is None or has_errors(ws_issues):
                return _refused(result, ws_issues, path.name)
            ws = full
            _plan(ws, reader, wanted, coder, today or dt.date.today(), result)
    result.issues.extend(reader.issues)
    if not result.changes and not result.added and not result.fact_changes:
        return result
    # the edited files are checked even when other problems were found (or on a dry run), so that
    # one pass lists every problem: shape, values, conflicts and what the country files would become
    files, originals = _prepare(ws, reader, result, changed_by, path.name)
    if has_errors(result.issues) or dry_run:
        return result
    result.written = _commit(ws, files, originals, result)
    return result


def _refused(result: ImportResult, issues: list[Issue], filename: str) -> ImportResult:
    result.issues = [i for i in issues if i.severity == "error"] + [
        Issue("workbook-format", "the review has errors, so nothing was imported", file=filename,
              hint="run `legalreview validate`, fix the errors and import again")]
    return result


# --------------------------------------------------------------------------- reading the workbook

#: The hint for a workbook whose metadata cannot be used.
_FRESH = "export a fresh workbook with `legalreview export-xlsx` and copy your answers into it"


def _row_values(cells: tuple, wanted: list[tuple[str, int]]) -> tuple[dict[str, str], bool, dict[str, str]]:
    """Return (text of each wanted cell by key, a formula "\\0=..." in place of its value; whether any
    cell holds a formula; the control character of each cell holding one, by key)."""
    values: dict[str, str] = {}
    formula = False
    bad: dict[str, str] = {}
    n = len(cells)
    for key, index in wanted:
        cell = cells[index] if index < n else None
        if cell is None or cell.value is None:
            values[key] = ""
            continue
        if isinstance(cell.value, str) and (char := bad_character(cell.value)):
            bad[key] = char
        if cell.data_type == "f":
            formula = True
            values[key] = "\0" + str(cell.value)
        else:
            values[key] = L.cell_text(cell.value)
    return values, formula, bad



class _Reader:
    """Reads the metadata and data sheets into rows, collecting issues with sheet!cell."""

    def __init__(self, ws: Workspace, book: Any, merged: dict[str, list[str]], filename: str):
        self.ws, self.book, self.merged, self.filename = ws, book, merged, filename
        self.issues: list[Issue] = []
        self.info: dict[str, str] = {}
        #: iso3 -> (name, file, sha256, coder) as exported
        self.exported_countries: dict[str, tuple[str, str, str, str]] = {}
        #: (iso3, criterion) -> digest of the answer as exported (absent: no answer)
        self.exported: dict[tuple[str, str], str] = {}
        self.rows: list[_Row] = []
        self.cs: CriteriaSet | None = None
        self.sheet = ""
        self.plans: dict[str, tuple[str, dict[str, Ans | None]]] = {}  # iso3 -> (coder, answers to write)
        self.edition = ""
        self.independent = False
        #: iso3 -> (statute ids, provision ids) as exported; None: an older workbook that did not list them
        self.exported_ids: dict[str, tuple[list[str], list[str]]] | None = {}
        self.additions = Additions()
        self.ws_files: dict[str, str] = {}  # a blank second-coder workbook: its answers form an independent assessment
        self.sheet_read = False
        self.today = dt.date.today()
        #: iso3 -> (fact id, scope cell) -> (scope, digest) as exported (see facts.exported_facts)
        self.exported_facts: dict[str, dict[tuple[str, str], tuple[dict[str, Any] | None, str]]] = {}
        self.facts = FactPlans()

    def issue(self, code: str, message: str, cell: str | None = None, hint: str | None = None,
              sheet: str | None = None) -> None:
        self.issues.append(Issue(code, message, sheet=sheet or self.sheet, cell=cell, hint=hint))

    def read(self) -> None:
        if not self._read_meta():
            return
        self._read_data()
        self.additions = read_additions(self)
        self.facts.rows = read_facts(self)

    def _read_meta(self) -> bool:
        """Return True when the metadata sheet was read and names a set of this review, at its version,
        and a data sheet the workbook has (else the problem is in ``issues``)."""
        if L.META_SHEET not in self.book.sheetnames:
            self.issues.append(Issue("workbook-format", f"the workbook has no {L.META_SHEET!r} sheet, so it was not "
                                     "made by `legalreview export-xlsx` (or that hidden sheet was deleted)",
                                     file=self.filename, hint=_FRESH))
            return False
        return self._read_meta_rows() and self._check_meta()

    def _read_meta_rows(self) -> bool:
        """Read the metadata rows into ``info`` and the exported countries; return False (and an issue)
        when a row holds a control character."""
        for r, row in enumerate(bounded_rows(self.book[L.META_SHEET], 2, values_only=True), start=1):
            cells = [L.cell_text(v) for v in row[:2]] + [""] * 2
            if any(bad_character(c) for c in cells):
                self.issues.append(Issue("workbook-unsafe", f"the metadata row {r} holds a control character "
                                         f"({bad_character(cells[0]) or bad_character(cells[1])})",
                                         sheet=L.META_SHEET, cell=f"{r}:{r}", hint=_FRESH))
                return False
            kind = cells[0]
            if kind == L.META_COUNTRY:
                self._read_country_record(cells[1])
            elif kind in L.META_KEYS:
                self.info[kind] = cells[1]
        return True

    def _read_country_record(self, text: str) -> None:
        """Record a country as exported: its name, file, digest, coder, ids, answers and facts (a
        record that cannot be read is skipped)."""
        try:
            record = L.parse_country_record(text)
        except ValueError:
            return
        iso3 = record["iso3"]
        self.exported_countries[iso3] = (record["name"], record["file"], record["sha256"], record["coder"])
        statutes, provisions = record.get("statutes"), record.get("provisions")
        if self.exported_ids is not None and isinstance(statutes, list) and isinstance(provisions, list):
            self.exported_ids[iso3] = ([str(i) for i in statutes], [str(i) for i in provisions])
        else:
            self.exported_ids = None
        for crit, digest in record["answers"].items():
            self.exported[(iso3, crit)] = digest
        facts = exported_facts(record)
        if facts is not None:
            self.exported_facts[iso3] = facts

    def _check_meta(self) -> bool:
        """Return True when the metadata's format, set and set version are this review's and the data
        sheet exists (setting ``cs`` and ``sheet``); else False and an issue."""
        if self.info.get("format") != L.FORMAT:
            self.issues.append(Issue("workbook-format", f"the metadata says format {self.info.get('format')!r}; "
                                     f"this version reads {L.FORMAT!r}", sheet=L.META_SHEET, cell="B1", hint=_FRESH))
            return False
        set_id = self.info.get("set", "")
        cs = self.ws.criteria.get(set_id)
        if cs is None:
            self.issues.append(Issue("unknown-set", f"the workbook is for criteria set {set_id!r}, which this "
                                     "review does not have", sheet=L.META_SHEET, cell="B2",
                                     hint="import it into the review it was exported from"))
            return False
        if self.info.get("set_version") != str(cs.version):
            self.issues.append(Issue("workbook-stale", f"the workbook was exported from {set_id} version "
                                     f"{self.info.get('set_version')}; the review now has version {cs.version}",
                                     sheet=L.META_SHEET, cell="B3", hint=_FRESH))
            return False
        self.cs = cs
        self.sheet = self.info.get("data_sheet") or L.data_sheet_name(set_id)
        if self.sheet not in self.book.sheetnames:
            self.issues.append(Issue("workbook-format", f"the data sheet {self.sheet!r} is missing (renamed or "
                                     "deleted)", file=self.filename, hint=f"rename the sheet back to {self.sheet!r}"))
            return False
        return True

    def _read_data(self) -> None:
        """Read the data sheet's rows into ``rows`` (each problem into ``issues``); no row is read when
        a required column is missing or cells are merged."""
        cs = self.cs
        assert cs is not None
        for ref in self.merged.get(self.sheet, []):
            top = ref.split(":")[0]
            self.issue("merged-cells", f"cells {ref} are merged; every row needs its own cells",
                       cell=top, hint="select the cells and choose 'Unmerge cells', then fill each row")
        sheet = self.book[self.sheet]
        columns = header_columns(sheet, L.COLUMN_KEYS)
        missing = [k for k in L.REQUIRED_KEYS if k not in columns]
        if missing:
            for key in missing:
                self.issue("missing-column", f"the column {key!r} is missing from the header row (deleted or "
                           "renamed?)", cell="1:1", hint=f"restore the column headed {key!r}, or export a fresh "
                           "workbook")
            return
        if self.merged.get(self.sheet):
            return
        self.sheet_read = True
        self._read_rows(sheet, cs, [(k, columns[k]) for k in L.REQUIRED_KEYS])

    def _read_rows(self, sheet: Any, cs: CriteriaSet, wanted: list[tuple[str, int]]) -> None:
        """Check every row of the data sheet (``wanted``: the columns read, by key) and keep the valid ones."""
        lookup = L.answer_lookup(cs)
        crit_ids = {c.casefold(): c for c in cs.criterion_ids}
        seen: dict[tuple[str, str], str] = {}
        letters = {k: L.letter(i + 1) for k, i in wanted}
        # only the columns the import reads, only rows inside the grid; a gap between rows comes back
        # as one shared empty tuple, skipped by identity after its first appearance
        blank: tuple = ()
        for cells in bounded_rows(sheet, max(i for _k, i in wanted) + 1, min_row=2):
            if cells is blank:
                continue
            values, formula, bad = _row_values(cells, wanted)
            if not any(values.values()):
                blank = cells
                continue  # a blank row
            r = next((c.row for c in cells if getattr(c, "row", None)), None)
            if r is None:
                continue
            refs = {k: letter + str(r) for k, letter in letters.items()}
            row = self._checked_row(values, formula, bad, refs, lookup, crit_ids)
            if row is not None:
                self._keep_row(row, seen)

    def _checked_row(self, values: dict[str, str], formula: bool, bad: dict[str, str], refs: dict[str, str],
                     lookup: dict[str, str], crit_ids: dict[str, str]) -> _Row | None:
        """Return the row of ``values``, or None when a cell holds a control character or a formula or
        the row has another problem (each reported at its cell)."""
        if bad:
            for key, char in bad.items():
                self.issue("workbook-unsafe", f"the {key} cell holds a control character ({char}), which a "
                           "country file cannot hold", cell=refs[key], hint="retype the text, or paste it "
                           "as plain text ('Paste special > Unformatted text')")
            return None
        if formula:
            for key, value in values.items():
                if value.startswith("\0"):
                    self.issue("formula-cell", f"the {key} cell holds a formula ({value[1:60]}); type the "
                               "value itself", cell=refs[key], hint="copy the cell and 'Paste special > "
                               "Values only', or type the text")
            # the row's other cells are still checked, so every problem shows in one pass
            self._row({k: "" if v.startswith("\0") else v for k, v in values.items()}, refs, lookup, crit_ids,
                      check_only=True)
            return None
        return self._row(values, refs, lookup, crit_ids)

    def _keep_row(self, row: _Row, seen: dict[tuple[str, str], str]) -> None:
        """Keep ``row``, unless its country and criterion are on an earlier row (``seen``: their row numbers)."""
        key = (row.iso3, row.criterion)
        if key in seen:
            self.issue("duplicate-row", f"{row.iso3} {row.criterion} is also on row {seen[key]}",
                       cell=row.cells["iso3"], hint="keep one row per country and criterion; delete the other")
            return
        seen[key] = "".join(ch for ch in row.cells["iso3"] if ch.isdigit())
        self.rows.append(row)

    def candidates(self, coder: str | None) -> set[str]:
        """Return the countries whose files must be read: a row differs from the export, or the
        answers go to another coder's assessment."""
        out: set[str] = self.additions.countries() | self.facts.countries()
        for row in self.rows:
            exported_coder = self.exported_countries[row.iso3][3]
            if exported_coder not in ("", coder or exported_coder or L.DEFAULT_CODER):
                out.add(row.iso3)
            elif _digest(row.answer) != self.exported.get((row.iso3, row.criterion), ""):
                out.add(row.iso3)
        return out

    def _row(self, values: dict[str, str], refs: dict[str, str], lookup: dict[str, str],
             crit_ids: dict[str, str], check_only: bool = False) -> _Row | None:
        """Return the row of ``values``, or None when its country, criterion or answer has a problem
        (each reported at its cell; ``check_only``: an answer-less row with evidence or a note is not one)."""
        cs = self.cs
        assert cs is not None
        ok = True
        code = self._country(values["iso3"], values["country"], refs)
        if code is None:
            ok = False
        crit = crit_ids.get(values["criterion"].casefold())
        if crit is None:
            close = nearest(values["criterion"], list(crit_ids.values()), limit=1)
            self.issue("unknown-criterion", f"{values['criterion']!r} is not a criterion of {cs.id}",
                       cell=refs["criterion"], hint=(f'did you mean "{close[0]}"? ' if close else "") +
                       f"use one of {', '.join(crit_ids.values())}")
            ok = False
        raw = values["answer"]
        answer: Ans | None = None
        if raw:
            value = L.normalise_answer(raw, lookup)
            if value is None:
                self._bad_answer(raw, refs["answer"], lookup)
                ok = False
            else:
                answer = _ans(value, L.split_evidence(values["evidence"]), values["note"])
        elif (values["evidence"] or values["note"]) and not check_only:
            self.issue("bad-answer", "the row has evidence or a note but no answer", cell=refs["answer"],
                       hint=f"pick an answer: {', '.join(cs.codes)}")
            ok = False
        if code is None or crit is None or not ok:
            return None
        return _Row(code, crit, answer, refs)

    def _bad_answer(self, raw: str, cell: str, lookup: dict[str, str]) -> None:
        cs = self.cs
        assert cs is not None
        guess = cs.suggest_code(raw)
        hint = (f'did you mean "{guess}"? ' if guess else "") + f"use one of {', '.join(cs.codes)}"
        self.issue("bad-answer", f'"{raw}" is not on the scale', cell=cell, hint=hint)

    def _country(self, iso3: str, name: str, refs: dict[str, str]) -> str | None:
        exported = self.exported_countries
        code = None
        where = refs["iso3"]  # a row with neither iso3 nor country is reported at its iso3 cell
        if iso3:
            code = iso3.upper() if iso3.upper() in exported else jurisdictions.lookup(iso3)
            where = refs["iso3"]
        if code is None and name:
            code = jurisdictions.lookup(name) or next(
                (c for c, info in exported.items() if info[0].casefold() == name.casefold()), None)
            where = refs["country"] if not iso3 else refs["iso3"]
        if code is None:
            text = iso3 or name
            self.issue("unknown-country", f"{text!r} is not a known country", cell=where,
                       hint=jurisdictions.did_you_mean(text) or "use the ISO3 code, e.g. KEN")
            return None
        if iso3 and name:
            other = jurisdictions.lookup(name)
            if other is not None and other != code:
                self.issue("unknown-country", f"the row says {iso3} but the country is {name!r} ({other})",
                           cell=refs["country"], hint="restore the row's iso3 or country so they match")
                return None
        if code not in exported:
            self.issue("unknown-country", f"{code} was not exported in this workbook", cell=where,
                       hint=f"export a workbook that includes it: --countries {code}")
            return None
        return code


# --------------------------------------------------------------------------- planning and writing


def _current_assessment(country: Any, set_id: str, edition: str, coder: str) -> Any:
    for a in country.assessments:
        if a.set == set_id and a.edition == edition and a.coder == coder:
            return a
    return None


def _plan(ws: Workspace, reader: _Reader, wanted: set[str], coder: str | None, today: dt.date,
          result: ImportResult) -> None:
    """Fill result.changes (or conflicts/evidence issues) and reader.plans for the rows of ``wanted``."""
    cs = reader.cs
    assert cs is not None
    edition = reader.info.get("edition", "")
    _plan_sources(ws, reader, wanted, result)
    for row in reader.rows:
        if row.iso3 not in wanted:
            continue  # every row of this country is as exported
        _plan_row(ws, reader, cs, edition, row, coder, result)
    reader.edition, reader.today = edition, today


def _plan_sources(ws: Workspace, reader: _Reader, wanted: set[str], result: ImportResult) -> None:
    """Check the statutes, provisions and facts the workbook adds or changes for the countries of
    ``wanted`` against their files, and list them in ``result``."""
    for iso3 in sorted(reader.additions.countries() & wanted):
        country = ws.countries.get(iso3)
        if country is None:
            continue
        check_against_file(reader, reader.additions, iso3, country, ws.country_files[iso3])
        for add in reader.additions.statutes.get(iso3, []) + reader.additions.provisions.get(iso3, []):
            result.added.append(f"{country.name} ({iso3}): new {add.kind} {add.id}")
    for iso3 in sorted(reader.facts.countries() & wanted):
        country = ws.countries.get(iso3)
        if country is not None:
            plan_facts(reader, reader.facts, iso3, country, ws.country_files[iso3], result)


def _plan_row(ws: Workspace, reader: _Reader, cs: CriteriaSet, edition: str, row: _Row, coder: str | None,
              result: ImportResult) -> None:
    """Plan the answer one row changes (into result.changes and reader.plans), unless it is unchanged,
    left as exported, or has a problem (reported at its cell)."""
    _name, file_, _sha, exported_coder = reader.exported_countries[row.iso3]
    target = coder or exported_coder or L.DEFAULT_CODER
    country = ws.countries.get(row.iso3)
    if country is None:
        reader.issue("unknown-country", f"{row.iso3} has no country file any more", cell=row.cells["iso3"],
                     hint=f"restore {file_}")
        return
    file_ = ws.country_files[row.iso3]
    reader.ws_files[row.iso3] = file_
    current_a = _current_assessment(country, cs.id, edition, target)
    cur_answer = current_a.answers.get(row.criterion) if current_a else None
    cur = _ans(cur_answer.value, cur_answer.evidence, cur_answer.note) if cur_answer else None
    new = row.answer
    if new == cur or not _takes_change(reader, country, file_, row, exported_coder in ("", target), cur):
        return
    if new is not None and not _check_evidence(reader, country, cs, row, new):
        return
    result.changes.append(Change(row.iso3, country.name, row.criterion, cur, new, file_, row.cells["answer"]))
    reader.plans.setdefault(row.iso3, (target, {}))[1][row.criterion] = new


def _takes_change(reader: _Reader, country: Any, file_: str, row: _Row, tracked: bool, cur: Ans | None) -> bool:
    """Return True when the row's answer, which differs from the file's ``cur``, is to be written: for
    the exported assessment (``tracked``) only when the analyst changed it and the file did not
    change since the export (else a ``conflict``); for another coder's, whenever it is an answer."""
    new = row.answer
    if not tracked:
        return new is not None
    exp = reader.exported.get((row.iso3, row.criterion), "")
    if _digest(new) == exp:
        return False  # the analyst left it; the file's newer answer stands
    if _digest(cur) != exp:
        reader.issue("conflict", f"{country.name} {row.criterion} changed in {file_} since the export "
                     f"(it is now {_show(cur)}), and the workbook changes it to {_show(new)}",
                     cell=row.cells["answer"], hint=f"check {file_}; export a fresh workbook and enter "
                     "your change again, or edit the file by hand")
        return False
    return True


def _check_evidence(reader: _Reader, country: Any, cs: CriteriaSet, row: _Row, new: Ans) -> bool:
    ok = True
    provisions = [p.id for p in country.provisions] + reader.additions.provision_ids(country.iso3)
    filename = reader.ws_files.get(country.iso3, f"countries/{country.iso3}.yaml")
    for ref in new[1]:
        if ref not in provisions:
            close = nearest(ref, provisions, limit=1)
            reader.issue("unknown-provision", f"evidence {ref!r} is not a provision of {country.name}",
                         cell=row.cells["evidence"], hint=(f'did you mean "{close[0]}"? ' if close else "") +
                         f"add it as a row of the {L.PROVISIONS_SHEET} sheet (iso3, provision id, statute id, "
                         f"section, text; its statute on the {L.STATUTES_SHEET} sheet), or to {filename}")
            ok = False
    if ok and cs.needs_evidence(new[0]) and not new[1]:
        reader.issue("evidence-missing", f'"{new[0]}" needs evidence: cite at least one provision',
                     cell=row.cells["evidence"], hint="ids: " + (", ".join(provisions) or
                                                                f"none yet - add them on the {L.PROVISIONS_SHEET} "
                                                                f"sheet or to {filename}"))
        ok = False
    return ok


def _editor(cs: CriteriaSet, edition: str, coder: str, answers: dict[str, Ans | None], today: dt.date,
            history: Sequence[Any] = (), independent: bool = False) -> Callable[[Any], None]:
    """Return an edit of a country file's round-trip document that writes ``answers`` into the
    assessment of ``cs``, ``edition`` and ``coder`` (a new draft when there is none), in criterion
    order, and appends ``history``."""
    order = {c: i for i, c in enumerate(cs.criterion_ids)}

    def edit(doc: Any) -> None:
        target = _target_assessment(doc, cs, edition, coder, today, independent)
        table = target.get("answers")
        if not isinstance(table, dict):
            table = CommentedMap()
            target["answers"] = table
        if isinstance(table, CommentedMap) and table.fa.flow_style():
            table.fa.set_block_style()
        _put_answers(table, answers, order)
        append_history(target, list(history))

    return edit


def _target_assessment(doc: Any, cs: CriteriaSet, edition: str, coder: str, today: dt.date,
                       independent: bool) -> Any:
    """Return the document's assessment of ``cs``, ``edition`` and ``coder``, appending a new draft
    (``independent`` when asked) when there is none."""
    seq = doc.get("assessments")
    if not isinstance(seq, list):
        seq = CommentedSeq()
        doc["assessments"] = seq
    if isinstance(seq, CommentedSeq) and not seq and seq.fa.flow_style():
        seq.fa.set_block_style()
    for item in seq:
        if (isinstance(item, dict) and str(item.get("set")) == cs.id and str(item.get("edition")) == edition
                and str(item.get("coder")) == coder):
            return item
    target = CommentedMap()
    target["set"] = cs.id
    target["version"] = cs.version
    target["edition"] = DoubleQuotedScalarString(edition)
    target["assessed_on"] = today
    target["coder"] = coder
    target["status"] = "draft"
    if independent:
        target["independent"] = True
    target["answers"] = CommentedMap()
    seq.append(target)
    return target


def _put_answers(table: Any, answers: dict[str, Ans | None], order: dict[str, int]) -> None:
    """Write ``answers`` into an assessment's answers mapping (None removes one); a new criterion
    goes in criterion order (``order``: each criterion's position)."""
    for crit, ans in sorted(answers.items(), key=lambda kv: order.get(kv[0], 0)):
        if ans is None:
            table.pop(crit, None)
        elif crit in table:
            table[crit] = answer_yaml(*ans)
        else:
            pos = sum(1 for k in table if order.get(str(k), -1) < order[crit])
            table.insert(pos, crit, answer_yaml(*ans))


def _prepare(ws: Workspace, reader: _Reader, result: ImportResult, changed_by: str, workbook: str
             ) -> tuple[dict[Path, bytes], dict[Path, bytes]]:
    """Return the new bytes of every changed country file (and the bytes read), adding the problems
    the edited files would have to ``result.issues``."""
    cs = reader.cs
    assert cs is not None
    files: dict[Path, bytes] = {}
    originals: dict[Path, bytes] = {}
    plans = dict(reader.plans)
    for iso3 in sorted(reader.additions.countries() | set(reader.facts.plans)):
        if iso3 in ws.country_files:
            plans.setdefault(iso3, ("", {}))
    for iso3, (coder, answers) in plans.items():
        filename = ws.country_files[iso3]
        path = ws.root / filename
        raw = path.read_bytes()
        originals[path] = raw
        history = [history_entry(c.criterion, reader.today, changed_by, f"{workbook} {reader.sheet}!{c.cell}",
                                 c.old, c.new[0] if c.new else None)
                   for c in result.changes if c.iso3 == iso3]
        editor = _editor(cs, reader.edition, coder, answers, reader.today, history, reader.independent)

        def edit(doc: Any, iso3: str = iso3, editor: Any = editor, answers: dict = answers) -> None:
            append_sources(doc, [a for a in reader.additions.statutes.get(iso3, [])],
                           [a for a in reader.additions.provisions.get(iso3, [])])
            apply_facts(doc, reader.facts.plans.get(iso3, []))
            if answers:
                editor(doc)

        text = edit_yaml_text(decode(raw, filename), edit)
        new_raw = text.encode("utf-8")
        before = {(i.code, i.message) for i in check_country_bytes(ws, filename, raw, reader.today)[1]}
        country, found = check_country_bytes(ws, filename, new_raw, reader.today)
        reported = {i.code for i in result.issues}  # already shown at their cells: not again at a file line
        if "conflict" in reported:  # an id added both in the file and in the workbook
            reported.add("duplicate-id")
        fresh = [i for i in found if i.severity == "error" and (i.code, i.message) not in before
                 and i.code not in reported]
        if fresh or country is None:
            result.issues.extend(fresh)
            continue
        for problem in check_written(country, reader.facts.plans.get(iso3, [])):  # pragma: no cover - safety net
            result.issues.append(Issue("schema", problem, file=filename,
                                       hint="please report this; nothing was written"))
        written = _current_assessment(country, cs.id, reader.edition, coder)
        for crit, ans in answers.items():
            got = written.answers.get(crit) if written else None
            got_t = _ans(got.value, got.evidence, got.note) if got else None
            if got_t != ans:  # pragma: no cover - a safety net for YAML quoting surprises
                result.issues.append(Issue("schema", f"{crit} would read back as {_show(got_t)}, not {_show(ans)}",
                                           file=filename, hint="please report this; nothing was written"))
        files[path] = new_raw
    return files, originals


def _commit(ws: Workspace, files: dict[Path, bytes], originals: dict[Path, bytes], result: ImportResult) -> list[str]:
    """Write the prepared files together, unless one changed since it was read."""
    for path, raw in originals.items():
        if path.read_bytes() != raw:
            result.issues.append(Issue("conflict", "the file changed while the import was running", file=str(
                path.relative_to(ws.root)), hint="run the import again"))
            return []
    write_all_or_nothing(files)
    return sorted(str(p.relative_to(ws.root)) for p in files)
