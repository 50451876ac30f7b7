"""Write the analysts' workbook for one criteria set (layout in :mod:`.layout`)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..i18n import in_language
from ..issues import Issue, ReviewError, has_errors
from ..models import ID_PATTERN, Answer, Assessment, CriteriaSet, Country, Fact, FactCatalogue, Scope
from ..notices import notice_for, provision_text
from ..resolve import UnknownValue, region_members, resolve_country, resolve_edition, resolve_set
from ..store import write_atomic
from ..render.labels import edition_question
from ..render.translate import gettext
from ..workspace import Workspace, load_workspace
from . import layout as L
from .cells import save_workbook, styled_cell

_GREY = PatternFill("solid", fgColor=L.GREY)
_HEAD = PatternFill("solid", fgColor=L.HEADER_FILL)
_HEAD_FONT = Font(bold=True, color=L.HEADER_FONT)
_LOCKED = Protection(locked=True)
_UNLOCKED = Protection(locked=False)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")


@dataclass(frozen=True)
class ExportResult:
    """What :func:`export_workbook` wrote."""

    path: Path
    set_id: str
    edition: str
    countries: list[str]
    rows: int


def default_edition(ws: Workspace, criteria_set: CriteriaSet) -> str:
    """Return the edition an export targets by default: review.toml's edition if the set lists it,
    else the set's latest edition."""
    wanted = ws.config.review.edition
    ids = [e.id for e in criteria_set.editions]
    if not ids or wanted in ids:
        return wanted or dt.date.today().strftime("%Y")
    return ids[-1]


def exported_assessment(country: Country, set_id: str, edition: str) -> Assessment | None:
    """Return the assessment an export shows for a country: set and edition, latest date wins."""
    found = [a for a in country.assessments if a.set == set_id and a.edition == edition]
    if not found:
        return None
    return max(reversed(found), key=lambda a: a.assessed_on)


def select_countries(ws: Workspace, countries: list[str] | str | None, region: str | None) -> list[str]:
    """Return the codes to export (files that exist), or raise ReviewError naming what is unknown."""
    available = ws.countries
    if countries:
        wanted = [c for c in countries.split(",")] if isinstance(countries, str) else list(countries)
        codes, problems = [], []
        for raw in (w.strip() for w in wanted if w.strip()):
            try:
                code = resolve_country(raw, available=available, option="--countries")
            except UnknownValue as exc:
                problems.append(exc.issue)
                continue
            if code not in codes:
                codes.append(code)
        if problems:
            raise UnknownValue(*problems)
        return codes
    codes = sorted(available)
    if region:
        codes = region_members(ws.registry, region, codes)
        if not codes:
            raise ReviewError([Issue("unknown-region", f"no country file of this review is in region {region!r}",
                                     file="--region", hint="add the country files, or choose another region")])
    return codes


#: A cell for ``sheet.append`` (see :func:`.cells.styled_cell`): rows are appended, never written by
#: coordinate, so the same code writes a workbook in memory (packets edit it further) or streams it to
#: disk (``write_only``: the export of 10,000 jurisdictions holds one row at a time).
_cell = styled_cell


def _header(sheet: Worksheet, columns: tuple[L.Column, ...], freeze: str = "A2") -> None:
    """Set the column widths and frozen panes (before any row) and append the header row."""
    for index, col in enumerate(columns, start=1):
        sheet.column_dimensions[L.letter(index)].width = col.width
    sheet.freeze_panes = freeze
    sheet.append([_cell(sheet, col.key, _HEAD, _HEAD_FONT, protection=_LOCKED, comment=col.comment)
                  for col in columns])


def _protect(sheet: Worksheet) -> None:
    """Protect a sheet without a password, but let people sort, filter and resize."""
    p = sheet.protection
    p.sheet = True
    p.autoFilter = False
    p.sort = False
    p.formatColumns = False
    p.formatRows = False
    p.selectLockedCells = False
    p.selectUnlockedCells = False


def _reference_row(sheet: Worksheet, columns: tuple[L.Column, ...], values: tuple[object, ...]) -> None:
    """Append one exported row in grey; the sheet is not protected, so analysts can add rows below."""
    sheet.append([_cell(sheet, value if value not in ("", None) else None, _GREY,
                        alignment=_WRAP if col.wrap else _TOP) for col, value in zip(columns, values)])


def _statute_scope(country: Country, statute_id: str) -> Scope | None:
    """Return the scope of a provision's statute (None when it states none, or is not found)."""
    return next((st.scope for st in country.statutes if st.id == statute_id), None)


def _answer_cells(answer: Answer | None) -> tuple[str, str, str]:
    if answer is None:
        return "", "", ""
    return answer.value, L.join_evidence(answer.evidence), answer.note or ""


def _coded_scope(assessment: Assessment | None) -> tuple[str, str]:
    """Return the scope cell of the answer rows of an assessment (see :func:`.layout.scope_cell`) and
    their law_as_at cell (blank when the assessment states none)."""
    law_as_at = assessment.law_as_at.isoformat() if assessment and assessment.law_as_at else ""
    return L.scope_cell(assessment.scope if assessment else None), law_as_at


def _fact_rows(country: Country, catalogue: FactCatalogue, assessment: Assessment | None
               ) -> list[tuple[object, ...]]:
    """Return the facts sheet's rows of one country: per fact of the catalogue, one row per scope the
    country file records it for, else one blank row for the scope of the exported assessment; each
    row's last item is its metadata entry (see :func:`.layout.country_record`). A blank row's scope is
    that of the country's other facts when they share one, else that of the exported assessment."""
    rows: list[tuple[object, ...]] = []
    shared = {f.scope.model_dump_json() if f.scope else "" for f in country.facts}
    default = country.facts[0].scope if len(shared) == 1 else assessment.scope if assessment else None
    for definition in catalogue.facts:
        recorded: list[Fact | None] = [f for f in country.facts if f.fact == definition.id] or [None]
        for fact in recorded:
            scope = fact.scope if fact is not None else default
            value = fact.value if fact is not None else None
            evidence = list(fact.evidence) if fact is not None else []
            note = (fact.note or "") if fact is not None else ""
            cell = L.scope_cell(scope)
            entry = [definition.id, cell, scope.model_dump(mode="json", exclude_defaults=True) if scope else None,
                     L.fact_digest(value, evidence, note)]
            rows.append((country.iso3, country.name, definition.id, definition.label, definition.unit or "",
                         definition.type, cell, L.fact_value_cell(value), L.join_evidence(evidence), note, entry))
    return rows


def _append_facts(sheet: Worksheet, rows: list[tuple[object, ...]], types: dict[str, list[int]],
                  last: int) -> list[list[object]]:
    """Append a country's rows to the facts sheet after row ``last`` (value, evidence and note unlocked),
    note each row's number under its fact type (for the data validation) and return the rows'
    metadata entries."""
    entries: list[list[object]] = []
    for row in rows:
        last += 1
        types.setdefault(str(row[5]), []).append(last)
        entries.append(list(row[-1]))  # type: ignore[call-overload]
        sheet.append([_cell(sheet, v, None if col.editable else _GREY, alignment=_WRAP if col.wrap else _TOP,
                            protection=_UNLOCKED if col.editable else _LOCKED) for col, v in zip(L.FACT_COLUMNS, row)])
    return entries


def _runs(rows: list[int], column: str) -> str:
    """Return the cell ranges of these rows in one column, consecutive rows joined ("H2:H7 H9")."""
    out: list[str] = []
    start = prev = None
    for r in [*rows, None]:
        if r is not None and prev is not None and r == prev + 1:
            prev = r
            continue
        if start is not None:
            out.append(f"{column}{start}" + (f":{column}{prev}" if prev != start else ""))
        start = prev = r
    return " ".join(out)


def _fact_validations(sheet: Worksheet, types: dict[str, list[int]]) -> None:
    """Add the facts sheet's data validation: a number of 0 or more for numeric facts, yes/no for booleans."""
    column = L.letter(L.FACT_KEYS.index("value") + 1)
    numbers = sorted(r for t in L.FACT_NUMBER_MAX for r in types.get(t, []))
    if numbers:
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                            showErrorMessage=True, errorStyle="warning", errorTitle="Not a number",
                            error="Type a number (0 or more), or leave the cell blank when it is not known.")
        dv.add(_runs(numbers, column))
        sheet.data_validations.append(dv)
    if types.get("boolean"):
        dv = DataValidation(type="list", formula1='"yes,no"', allow_blank=True, showErrorMessage=True,
                            errorStyle="warning", errorTitle="yes or no",
                            error="Pick yes or no, or leave the cell blank when it is not known.")
        dv.add(_runs(types["boolean"], column))
        sheet.data_validations.append(dv)


class _Words:
    """The workbook's text in a language: interface sentences from the package's catalogues, the
    criteria set's words through :func:`~legalreview.i18n.in_language` (English and the review's
    default language when ``language`` is None)."""

    def __init__(self, language: str | None, default: str):
        self.language, self.default = language, default

    def _(self, message: str) -> str:
        return gettext(self.language, message)

    def __call__(self, value: str | None) -> str:
        if value is None:
            return ""
        return str(value) if self.language is None else in_language(value, self.language, self.default)[0]


def _instructions(sheet: Worksheet, cs: CriteriaSet, edition: str, review_name: str, notice: str | None = None,
                  words: _Words | None = None) -> None:
    w = words or _Words(None, "en")
    for column, width in (("A", 18), ("B", 30), ("C", 10), ("D", 90)):
        sheet.column_dimensions[column].width = width
    rows: list[tuple[object, ...]] = [(f"{review_name}: {w(cs.title)}",), (
        w._("Edition %(edition)s; criteria set %(set)s version %(version)s")
        % {"edition": edition, "set": cs.id, "version": cs.version},), ()]
    if notice:  # the coding notice, under the title
        rows[2:2] = [(notice,)]
    rows += [(w._(line),) for line in L.INSTRUCTIONS]
    scale_head, criteria_head = (w._("The scale"),), (w._("The criteria"),)
    rows += [(), scale_head, ("code", "label", "points", "meaning")]
    rows += [(s.code, w(s.label), "" if s.points is None else s.points, w(s.description)) for s in cs.scale]
    rows += [(), criteria_head, ("criterion", "short name", "", "question and guidance")]
    for c in cs.criteria:
        rows.append((c.id, w(c.short), "", w(edition_question(cs, c.id, edition))))
        rows.append(("", "", "", w._("Guidance: %(guidance)s") % {"guidance": w(c.guidance)}))
    title, bold = Font(bold=True, size=14), Font(bold=True)
    for r, row in enumerate(rows, start=1):
        heading = row in (scale_head, criteria_head) or (bool(row) and row[0] in ("code", "criterion"))
        font = title if r == 1 else bold if heading else None
        width = 4 if heading else len(row)
        sheet.append([_cell(sheet, row[c] if c < len(row) else None, font=font,
                            alignment=_WRAP if c == 3 else _TOP) for c in range(width)])
    _protect(sheet)


def build_workbook(ws: Workspace, set_id: str, edition: str | None = None,
                   countries: list[str] | str | None = None, region: str | None = None,
                   now: dt.datetime | None = None, blank_coder: str | None = None,
                   write_only: bool = False, language: str | None = None) -> tuple[Workbook, ExportResult]:
    """Return the workbook for a set (and what it holds) without writing it.

    ``blank_coder``: a blank workbook for a second, independent coder: no answers, evidence or notes
    are shown, and the import writes that coder's own assessment (``independent: true``).
    ``write_only``: stream the rows (the workbook can then only be saved, once); country models are
    read one at a time and not kept, so memory stays flat however many jurisdictions there are.
    ``language``: the instructions, answer labels, criterion names and questions in that language (the
    column headers stay the machine keys the import reads; notes stay as written).
    """
    if blank_coder is not None and not re.match(ID_PATTERN, blank_coder):
        raise ReviewError([Issue("schema", f"--coder {blank_coder!r} is not a coder id", file="--coder",
                                 hint="use letters, digits, '-', '_' or '.', e.g. analyst-b")])
    set_id = resolve_set(ws.criteria, set_id)
    cs = ws.criteria[set_id]
    words = _Words(language, ws.config.review.default_language)
    edition = _export_edition(ws, cs, edition)
    codes = select_countries(ws, countries, region)
    model = ws.countries.peek  # one model at a time: not kept in memory when it was not already
    names = {c: model(c).name for c in codes}
    codes.sort(key=lambda c: (names[c].casefold(), c))
    now = now or dt.datetime.now(dt.UTC).replace(microsecond=0)

    book = Workbook(write_only=write_only)
    catalogue = ws.facts if ws.facts is not None and ws.facts.facts and blank_coder is None else None
    export = _Export(ws, cs, edition, blank_coder, words, catalogue, _Sheets.create(book, write_only, cs,
                                                                                    catalogue is not None))
    for code in codes:
        export.add_country(code, model(code))
    export.finish()
    _meta_sheet(export.sheets.meta, cs, edition, now, ws.config.review.name, export.sheets.data.title, blank_coder,
                export.meta_rows)
    book.active = 1
    return book, ExportResult(Path(), cs.id, edition, codes, export.row - 1)


def _export_edition(ws: Workspace, cs: CriteriaSet, edition: str | None) -> str:
    """Return the edition to export: the one named (it may be new), else the default one."""
    if edition is None:
        return default_edition(ws, cs)
    present = {a.edition for code in ws.countries for a in ws.countries.peek(code).assessments
               if a.set == cs.id}  # one model at a time: a large review's models are not all kept
    found = resolve_edition(cs, edition, present, new_ok=True)
    assert found is not None  # a name resolves to an edition or raises
    return found


@dataclass
class _Sheets:
    """The sheets of an export workbook, in their order (``facts``: None without a facts catalogue)."""

    instructions: Worksheet
    data: Worksheet
    statutes: Worksheet
    provisions: Worksheet
    facts: Worksheet | None
    meta: Worksheet

    @classmethod
    def create(cls, book: Workbook, write_only: bool, cs: CriteriaSet, with_facts: bool) -> _Sheets:
        """Return the sheets created in ``book``, the data, statutes, provisions and facts sheets with
        their header rows."""
        if write_only:
            instructions = book.create_sheet(L.INSTRUCTIONS_SHEET)
        else:
            instructions = book.active
            instructions.title = L.INSTRUCTIONS_SHEET
        sheets = cls(instructions, book.create_sheet(L.data_sheet_name(cs.id)), book.create_sheet(L.STATUTES_SHEET),
                     book.create_sheet(L.PROVISIONS_SHEET),
                     book.create_sheet(L.FACTS_SHEET) if with_facts else None, book.create_sheet(L.META_SHEET))
        # ---- the data sheet: one row per country x criterion; the statutes and provisions sheets:
        # exported rows grey (for reference), new rows added below
        _header(sheets.data, L.DATA_COLUMNS, freeze="D2")
        _header(sheets.statutes, L.STATUTE_COLUMNS)
        _header(sheets.provisions, L.PROVISION_COLUMNS)
        if sheets.facts is not None:
            _header(sheets.facts, L.FACT_COLUMNS, freeze="H2")
        return sheets


class _Export:
    """Writes the rows of each country into the sheets, counting them and keeping the metadata rows."""

    def __init__(self, ws: Workspace, cs: CriteriaSet, edition: str, blank_coder: str | None, words: Any,
                 catalogue: FactCatalogue | None, sheets: _Sheets):
        self.ws, self.cs, self.edition, self.blank_coder, self.words = ws, cs, edition, blank_coder, words
        self.catalogue, self.sheets = catalogue, sheets
        self.meta_rows: list[tuple[str, ...]] = []
        self.statuses: list[str] = []
        self.fact_types: dict[str, list[int]] = {}
        #: the last row written on the data, statutes, provisions and facts sheets
        self.row = self.n_statutes = self.n_provisions = self.n_facts = 1
        self.federal = cs.federal_rule != "national"

    def add_country(self, code: str, country: Country) -> None:
        """Write a country's answer rows, statutes, provisions and facts, and keep its metadata row."""
        cs, ws, blank_coder = self.cs, self.ws, self.blank_coder
        assessment = exported_assessment(country, cs.id, self.edition)
        if assessment is not None:
            self.statuses.append(assessment.status)
        digests = self._answer_rows(code, country, assessment)
        self._source_rows(code, country)
        fact_entries = None
        if self.sheets.facts is not None and self.catalogue is not None:
            fact_entries = _append_facts(self.sheets.facts, _fact_rows(country, self.catalogue, assessment),
                                         self.fact_types, self.n_facts)
            self.n_facts += len(fact_entries)
        self.meta_rows.append((L.META_COUNTRY, L.country_record(code, country.name, ws.country_files[code],
                                                                 ws.fingerprints.get(code, ""),
                                                                 blank_coder or (assessment.coder if assessment
                                                                                 else ""),
                                                                 digests,
                                                                 [st.id for st in country.statutes],
                                                                 [p.id for p in country.provisions], fact_entries)))

    def _answer_rows(self, code: str, country: Country, assessment: Assessment | None) -> dict[str, str]:
        """Write one data row per criterion for a country; return the digest of each answer shown, by criterion."""
        cs, sheet, edition = self.cs, self.sheets.data, self.edition
        digests: dict[str, str] = {}
        scope, law_as_at = _coded_scope(assessment)
        derived = (f"derived from units ({cs.federal_rule.split('_')[0]})"
                   if self.federal and self.ws.registry.units_of(code) else "")
        for crit in cs.criteria:
            self.row += 1
            answer = assessment.answers.get(crit.id) if assessment and self.blank_coder is None else None
            value, evidence, note = _answer_cells(answer)
            if answer is not None:
                digests[crit.id] = L.answer_digest(answer.value, answer.evidence, answer.note or "")
            own = assessment is not None and crit.id in assessment.answers
            row = {"iso3": code, "country": country.name, "criterion": crit.id, "answer": value,
                   "evidence": evidence, "note": note,
                   "question": self.words(edition_question(cs, crit.id, edition)),
                   "scope": scope if own or not derived else derived, "law_as_at": law_as_at}
            sheet.append([_cell(sheet, row[col.key], None if col.editable else _GREY,
                                alignment=_WRAP if col.wrap else _TOP,
                                protection=_UNLOCKED if col.editable else _LOCKED) for col in L.DATA_COLUMNS])
        return digests

    def _source_rows(self, code: str, country: Country) -> None:
        """Write a country's statutes and provisions as grey reference rows."""
        for st in country.statutes:
            self.n_statutes += 1
            _reference_row(self.sheets.statutes, L.STATUTE_COLUMNS,
                           (code, country.name, st.id, st.title, st.citation, st.year,
                            st.in_force.isoformat() if st.in_force else None, st.url, st.language,
                            L.scope_cell(st.scope)))
        for p in country.provisions:  # the law's words in quotes; else labelled a summary
            self.n_provisions += 1
            _reference_row(self.sheets.provisions, L.PROVISION_COLUMNS,
                           (code, country.name, p.id, p.statute, p.section, provision_text(p.shown_text, p.quoted),
                            "yes" if p.quoted else "no",
                            L.scope_cell(p.scope or _statute_scope(country, p.statute))))

    def finish(self) -> None:
        """Add the filters, the answer list, the protection and the instructions once every row is written."""
        cs, sheet, words = self.cs, self.sheets.data, self.words
        keys = L.COLUMN_KEYS
        last = max(self.row, 2)
        sheet.auto_filter.ref = f"A1:{L.letter(len(keys))}{last}"
        answer_col = L.letter(keys.index("answer") + 1)
        labels = ", ".join(f"{s.code} ({words(s.label)})" for s in cs.scale)
        dv = DataValidation(type="list", formula1='"' + ",".join(cs.codes) + '"', allow_blank=True,
                            showErrorMessage=True, errorStyle="warning", errorTitle="Not on the scale",
                            error=f"Use one of: {labels}.", promptTitle="Answer",
                            prompt="Pick a code; see the Instructions sheet.", showInputMessage=True)
        dv.add(f"{answer_col}2:{answer_col}{last}")
        sheet.data_validations.append(dv)
        _protect(sheet)
        for ref_sheet, columns, rows in ((self.sheets.statutes, L.STATUTE_COLUMNS, self.n_statutes),
                                         (self.sheets.provisions, L.PROVISION_COLUMNS, self.n_provisions)):
            ref_sheet.auto_filter.ref = f"A1:{L.letter(len(columns))}{max(rows, 2)}"
        facts = self.sheets.facts
        if facts is not None:
            facts.auto_filter.ref = f"A1:{L.letter(len(L.FACT_COLUMNS))}{max(self.n_facts, 2)}"
            _fact_validations(facts, self.fact_types)
            _protect(facts)
        _instructions(self.sheets.instructions, cs, self.edition, self.ws.config.review.name,
                      notice_for(self.statuses), words)


def _meta_sheet(meta: Worksheet, cs: CriteriaSet, edition: str, now: dt.datetime, review: str, data_sheet: str,
                blank_coder: str | None, meta_rows: list[tuple[str, ...]]) -> None:
    """Write the hidden metadata sheet: the export's settings, then one row per country."""
    meta.sheet_state = "hidden"
    info = {"format": L.FORMAT, "set": cs.id, "set_version": str(cs.version), "edition": edition,
            "exported_at": now.isoformat(), "review": review, "data_sheet": data_sheet,
            "blank_coder": blank_coder or ""}
    for key in L.META_KEYS:
        meta.append([_cell(meta, key), _cell(meta, info[key])])
    for row_values in meta_rows:
        meta.append([_cell(meta, value or None) for value in row_values])
    _protect(meta)


def export_workbook(review_or_root, set_id: str, path: str | Path, edition: str | None = None,
                    countries: list[str] | str | None = None, region: str | None = None,
                    blank_coder: str | None = None, language: str | None = None) -> ExportResult:
    """Write the workbook for ``set_id`` to ``path`` (atomically) and return what it holds.

    ``review_or_root`` is a :class:`~legalreview.Review`, a loaded :class:`~legalreview.workspace.Workspace`
    or a workspace folder (read by the plain core; ``legalreview.export_workbook`` reads it through the
    cache, its models one at a time). Raises ReviewError
    when the workspace has errors or an option names something unknown. ``language``: see
    :func:`build_workbook`.
    """
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ReviewError([Issue("workbook-format", f"{path.name}: the workbook must be saved as .xlsx",
                                 file=str(path), hint="choose a file name ending in .xlsx")])
    if isinstance(review_or_root, Workspace):
        ws = review_or_root
    elif hasattr(review_or_root, "workspace"):
        ws = review_or_root.workspace
    else:
        loaded, issues = load_workspace(review_or_root)
        if loaded is None or has_errors(issues):
            raise ReviewError(issues)
        ws = loaded
    book, result = build_workbook(ws, set_id, edition, countries, region, blank_coder=blank_coder, write_only=True,
                                  language=language)
    write_atomic(path, save_workbook(book))
    return ExportResult(path, result.set_id, result.edition, result.countries, result.rows)
