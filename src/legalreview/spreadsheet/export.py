"""Write the analysts' workbook for one criteria set (layout in :mod:`.layout`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..issues import Issue, ReviewError, has_errors
from ..models import Answer, Assessment, CriteriaSet, Country
from ..notices import notice_for, provision_text
from ..resolve import UnknownValue, region_members, resolve_country, resolve_edition, resolve_set
from ..store import write_atomic
from ..workspace import Workspace, load_workspace
from . import layout as L
from .cells import put, save_workbook

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


_text = put  # literal text that no spreadsheet program evaluates (see .cells)


def _header(sheet: Worksheet, columns: tuple[L.Column, ...]) -> None:
    for index, col in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        _text(cell, col.key)
        cell.fill = _HEAD
        cell.font = _HEAD_FONT
        cell.protection = _LOCKED
        if col.comment:
            cell.comment = Comment(col.comment, "legalreview")
        sheet.column_dimensions[L.letter(index)].width = col.width
    sheet.freeze_panes = "A2"


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


def _answer_cells(answer: Answer | None) -> tuple[str, str, str]:
    if answer is None:
        return "", "", ""
    return answer.value, L.join_evidence(answer.evidence), answer.note or ""


def _instructions(book: Workbook, cs: CriteriaSet, edition: str, review_name: str, notice: str | None = None) -> None:
    sheet = book.active
    sheet.title = L.INSTRUCTIONS_SHEET
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 30
    sheet.column_dimensions["C"].width = 10
    sheet.column_dimensions["D"].width = 90
    rows: list[tuple[object, ...]] = [(f"{review_name}: {cs.title}",), (f"Edition {edition}; criteria set "
                                      f"{cs.id} version {cs.version}",), ()]
    if notice:  # the coding notice, under the title
        rows[2:2] = [(notice,)]
    rows += [(line,) for line in L.INSTRUCTIONS]
    rows += [(), ("The scale",), ("code", "label", "points", "meaning")]
    rows += [(s.code, s.label, "" if s.points is None else s.points, s.description or "") for s in cs.scale]
    rows += [(), ("The criteria",), ("criterion", "short name", "", "question and guidance")]
    for c in cs.criteria:
        rows.append((c.id, c.short, "", cs.question_for(c.id, edition)))
        rows.append(("", "", "", f"Guidance: {c.guidance}"))
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=col)
            _text(cell, value)
            cell.alignment = _WRAP if col == 4 else _TOP
    sheet["A1"].font = Font(bold=True, size=14)
    for r, row in enumerate(rows, start=1):
        if row in ((("The scale",)), ("The criteria",)) or (row and row[0] in ("code", "criterion")):
            for col in range(1, 5):
                sheet.cell(row=r, column=col).font = Font(bold=True)
    _protect(sheet)


def build_workbook(ws: Workspace, set_id: str, edition: str | None = None,
                   countries: list[str] | str | None = None, region: str | None = None,
                   now: dt.datetime | None = None) -> tuple[Workbook, ExportResult]:
    """Return the workbook for a set (and what it holds) without writing it."""
    set_id = resolve_set(ws.criteria, set_id)
    cs = ws.criteria[set_id]
    if edition is None:
        edition = default_edition(ws, cs)
    else:
        present = {a.edition for c in ws.countries.values() for a in c.assessments if a.set == set_id}
        edition = resolve_edition(cs, edition, present, new_ok=True)
    codes = select_countries(ws, countries, region)
    codes.sort(key=lambda c: (ws.countries[c].name.casefold(), c))
    now = now or dt.datetime.now(dt.UTC).replace(microsecond=0)

    book = Workbook()
    exported = [exported_assessment(ws.countries[c], cs.id, edition) for c in codes]
    notice = notice_for(a.status for a in exported if a is not None)
    _instructions(book, cs, edition, ws.config.review.name, notice)

    # ---- the data sheet: one row per country x criterion
    sheet = book.create_sheet(L.data_sheet_name(cs.id))
    _header(sheet, L.DATA_COLUMNS)
    sheet.freeze_panes = "D2"
    keys = L.COLUMN_KEYS
    answer_col = L.letter(keys.index("answer") + 1)
    meta_rows: list[tuple[str, ...]] = []
    r = 1
    for code in codes:
        country = ws.countries[code]
        assessment = exported_assessment(country, cs.id, edition)
        digests: dict[str, str] = {}
        for crit in cs.criteria:
            r += 1
            answer = assessment.answers.get(crit.id) if assessment else None
            value, evidence, note = _answer_cells(answer)
            if answer is not None:
                digests[crit.id] = L.answer_digest(answer.value, answer.evidence, answer.note or "")
            row = {"iso3": code, "country": country.name, "criterion": crit.id, "answer": value,
                   "evidence": evidence, "note": note, "question": cs.question_for(crit.id, edition)}
            for c_index, col in enumerate(L.DATA_COLUMNS, start=1):
                cell = sheet.cell(row=r, column=c_index)
                _text(cell, row[col.key] if row[col.key] != "" else None)
                cell.protection = _UNLOCKED if col.editable else _LOCKED
                if not col.editable:
                    cell.fill = _GREY
                cell.alignment = _WRAP if col.wrap else _TOP
        meta_rows.append((L.META_COUNTRY, L.country_record(code, country.name, ws.country_files[code],
                                                            ws.fingerprints.get(code, ""),
                                                            assessment.coder if assessment else "", digests)))
    last = max(r, 2)
    sheet.auto_filter.ref = f"A1:{L.letter(len(keys))}{last}"
    labels = ", ".join(f"{s.code} ({s.label})" for s in cs.scale)
    dv = DataValidation(type="list", formula1='"' + ",".join(cs.codes) + '"', allow_blank=True,
                        showErrorMessage=True, errorStyle="warning", errorTitle="Not on the scale",
                        error=f"Use one of: {labels}.", promptTitle="Answer",
                        prompt="Pick a code; see the Instructions sheet.", showInputMessage=True)
    dv.add(f"{answer_col}2:{answer_col}{last}")
    sheet.add_data_validation(dv)
    _protect(sheet)

    # ---- the provisions sheet (reference, read only)
    prov = book.create_sheet(L.PROVISIONS_SHEET)
    _header(prov, L.PROVISION_COLUMNS)
    pr = 1
    for code in codes:
        country = ws.countries[code]
        statutes = {s.id: s for s in country.statutes}
        for p in country.provisions:
            pr += 1
            st = statutes.get(p.statute)
            values = (code, country.name, p.id, st.title if st else p.statute, p.section,
                      provision_text(p.shown_text, p.quoted))  # the law's words in quotes; else labelled a summary
            for c_index, (col, value) in enumerate(zip(L.PROVISION_COLUMNS, values), start=1):
                cell = prov.cell(row=pr, column=c_index)
                _text(cell, value or None)
                cell.fill = _GREY
                cell.alignment = _WRAP if col.wrap else _TOP
    prov.auto_filter.ref = f"A1:{L.letter(len(L.PROVISION_COLUMNS))}{max(pr, 2)}"
    _protect(prov)

    # ---- the hidden metadata sheet
    meta = book.create_sheet(L.META_SHEET)
    meta.sheet_state = "hidden"
    info = {"format": L.FORMAT, "set": cs.id, "set_version": str(cs.version), "edition": edition,
            "exported_at": now.isoformat(), "review": ws.config.review.name, "data_sheet": sheet.title}
    mr = 0
    for key in L.META_KEYS:
        mr += 1
        _text(meta.cell(row=mr, column=1), key)
        _text(meta.cell(row=mr, column=2), info[key])
    for row_values in meta_rows:
        mr += 1
        for c_index, value in enumerate(row_values, start=1):
            _text(meta.cell(row=mr, column=c_index), value or None)
    _protect(meta)
    book.active = 1
    return book, ExportResult(Path(), cs.id, edition, codes, r - 1)


def export_workbook(review_or_root, set_id: str, path: str | Path, edition: str | None = None,
                    countries: list[str] | str | None = None, region: str | None = None) -> ExportResult:
    """Write the workbook for ``set_id`` to ``path`` (atomically) and return what it holds.

    ``review_or_root`` is a :class:`~legalreview.Review` or a workspace folder. Raises ReviewError
    when the workspace has errors or an option names something unknown.
    """
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ReviewError([Issue("workbook-format", f"{path.name}: the workbook must be saved as .xlsx",
                                 file=str(path), hint="choose a file name ending in .xlsx")])
    if hasattr(review_or_root, "workspace"):
        ws = review_or_root.workspace
    else:
        ws, issues = load_workspace(review_or_root)
        if ws is None or has_errors(issues):
            raise ReviewError(issues)
    book, result = build_workbook(ws, set_id, edition, countries, region)
    write_atomic(path, save_workbook(book))
    return ExportResult(path, result.set_id, result.edition, result.countries, result.rows)
