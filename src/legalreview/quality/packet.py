"""Right-of-reply packets: a per-country workbook in which a government or local reviewer confirms
or contests each answer.

A packet is the analysts' workbook (:mod:`legalreview.spreadsheet`) restricted to one country, with
three more columns on the data sheet: ``provisions cited`` (statute and section, read only),
``confirm or contest`` (a dropdown) and ``your comment``. Because it is an ordinary export, an answer
the reviewer corrects can be imported with ``legalreview import-xlsx`` like any workbook; the reply
itself is read by :func:`read_packet` into a report of confirmed and contested items, which never
changes an answer.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..issues import Issue, ReviewError, has_errors
from ..resolve import resolve_country, resolve_set
from ..workspace import Workspace, load_workspace

#: The columns a packet adds to the data sheet (header text; the reply is read by header).
CITED, VERDICT, COMMENT = "provisions cited", "confirm or contest", "your comment"
VERDICTS = ("confirm", "contest")
#: What a reviewer may write for each verdict (any letter case): the dropdown's words and their synonyms.
VERDICT_WORDS = {"confirm": "confirm", "confirmed": "confirm", "agree": "confirm", "agreed": "confirm",
                 "contest": "contest", "contested": "contest", "disagree": "contest", "disagreed": "contest"}
REPLY_COLUMNS = ["iso3", "country", "set", "criterion", "answer", "evidence", "verdict", "comment"]
#: Columns :func:`with_our_answers` adds: the answer the review holds now, beside the reviewer's.
OUR_COLUMNS = ["our_answer", "our_evidence"]

INSTRUCTIONS = (
    "Right of reply: for each row of the data sheet, pick `confirm` or `contest` in the column "
    "`confirm or contest`, and say why in `your comment` (for a contested answer: which law, section "
    "and date we should read). You may also correct `answer`, `evidence` and `note`; we review every "
    "change before it is published."
)


@dataclass(frozen=True)
class PacketResult:
    """A written packet: its path, set, edition and number of answer rows."""

    path: Path
    set_id: str
    edition: str
    rows: int


def _cited(ws: Workspace, iso3: str, evidence: str) -> str:
    country = ws.countries[iso3]
    out = []
    for ref in filter(None, (e.strip() for e in evidence.replace(";", ",").split(","))):
        try:
            prov = country.provision(ref)
            statute = country.statute(prov.statute)
        except KeyError:
            out.append(ref)
            continue
        out.append(f"{statute.title}, s. {prov.section}")
    return "; ".join(out)


def packet_sets(ws: Workspace, iso3: str, set_id: str | None = None) -> tuple[str, list[str]]:
    """Return (country code, criteria sets) of the packets to send a country: ``set_id`` alone when
    given, else every set the country has assessments of (file order).

    Raises :class:`~legalreview.resolve.UnknownValue` for an unknown country or set, and
    :class:`ReviewError` when no set is given and the country has no assessment to reply to.
    """
    code = resolve_country(iso3, available=ws.countries)
    if set_id:
        return code, [resolve_set(ws.criteria, set_id)]
    country = ws.countries.get(code)
    sets = list(dict.fromkeys(a.set for a in country.assessments)) if country else []
    if not sets:
        raise ReviewError([Issue("unknown-set", f"{code} has no assessments to reply to", file="--set",
                                 hint="pass --set to send an empty packet")])
    return code, sets


def write_packet(root: str | Path, iso3: str, set_id: str, path: str | Path,
                 edition: str | None = None) -> PacketResult:
    """Write the right-of-reply workbook for one country and set to ``path`` (.xlsx).

    Raises ReviewError when the workspace has errors or the country or set is unknown.
    """
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    from ..spreadsheet import layout as L
    from ..spreadsheet.cells import put, save_workbook
    from ..spreadsheet.export import build_workbook
    from ..store import write_atomic

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ReviewError([Issue("workbook-format", f"{path.name}: a packet is saved as .xlsx", file=str(path),
                                 hint="choose a file name ending in .xlsx")])
    ws, issues = load_workspace(root)
    if ws is None or has_errors(issues):
        raise ReviewError(issues)
    code = resolve_country(iso3, available=ws.countries)
    set_id = resolve_set(ws.criteria, set_id)
    book, result = build_workbook(ws, set_id, edition, [code])
    sheet = book[L.data_sheet_name(set_id)]
    headers = [c.value for c in sheet[1]]
    evidence_col = headers.index("evidence") + 1
    first = len(headers) + 1
    head_fill = PatternFill("solid", fgColor=L.HEADER_FILL)
    grey = PatternFill("solid", fgColor=L.GREY)
    comments = {CITED: "The statutes and sections our answer relies on (read only).",
                VERDICT: "Pick confirm or contest.", COMMENT: "Why; for a contest, the law we should read."}
    for offset, (key, width) in enumerate(((CITED, 40), (VERDICT, 18), (COMMENT, 60))):
        col = first + offset
        cell = put(sheet.cell(row=1, column=col), key)
        cell.fill, cell.font = head_fill, Font(color=L.HEADER_FONT, bold=True)
        cell.protection = Protection(locked=True)
        cell.comment = Comment(comments[key], "legalreview")
        sheet.column_dimensions[L.letter(col)].width = width
    last = sheet.max_row
    for r in range(2, last + 1):
        evidence = sheet.cell(row=r, column=evidence_col).value or ""
        cited = put(sheet.cell(row=r, column=first), _cited(ws, code, str(evidence)) or None)
        cited.fill, cited.protection = grey, Protection(locked=True)
        cited.alignment = Alignment(wrap_text=True, vertical="top")
        for col in (first + 1, first + 2):
            cell = sheet.cell(row=r, column=col)
            cell.protection = Protection(locked=False)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    dv = DataValidation(type="list", formula1='"' + ",".join(VERDICTS) + '"', allow_blank=True,
                        showErrorMessage=True, errorTitle="Confirm or contest", error="Pick confirm or contest.")
    dv.add(f"{L.letter(first + 1)}2:{L.letter(first + 1)}{max(last, 2)}")
    sheet.add_data_validation(dv)
    sheet.auto_filter.ref = f"A1:{L.letter(first + 2)}{max(last, 2)}"
    intro = book[L.INSTRUCTIONS_SHEET]
    intro.insert_rows(3, 2)
    put(intro.cell(row=3, column=1), f"Right-of-reply packet for {ws.countries[code].name} ({code})").font = \
        Font(bold=True)
    put(intro.cell(row=4, column=1), INSTRUCTIONS)
    write_atomic(path, save_workbook(book))
    return PacketResult(path, set_id, result.edition, result.rows)


def read_packet(path: str | Path) -> tuple[pd.DataFrame, list[Issue]]:
    """Return (replies, issues) from a filled-in packet: one row per answer the reviewer confirmed or
    contested (columns iso3, country, set, criterion, answer, evidence, verdict, comment).

    The packet comes from outside: it is checked like any workbook (:func:`~legalreview.spreadsheet.
    safety.check_file`), read within the sheet grid and the columns needed, and a cell holding a
    control character is an error at its cell."""
    import openpyxl

    from ..spreadsheet.safety import check_file, printable

    path = Path(path)
    empty = pd.DataFrame(columns=REPLY_COLUMNS)
    checked, issues = check_file(path)
    if checked is None:
        return empty, issues
    try:
        book = openpyxl.load_workbook(io.BytesIO(checked.raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        return empty, [Issue("workbook-format", f"the workbook cannot be read: {printable(exc)}", file=path.name,
                             hint="save it again as .xlsx")]
    try:
        return _read_replies(book, path.name, issues)
    except Exception as exc:  # a damaged sheet (bad shared-string index, odd cell type ...)
        return empty, [Issue("workbook-format", f"the workbook cannot be read: {printable(exc)}", file=path.name,
                             hint="save it again as .xlsx")]
    finally:
        book.close()


def _read_replies(book, filename: str, issues: list[Issue]) -> tuple[pd.DataFrame, list[Issue]]:
    from ..spreadsheet import layout as L
    from ..spreadsheet.safety import bad_character, bounded_rows

    empty = pd.DataFrame(columns=REPLY_COLUMNS)
    meta: dict = {}
    if L.META_SHEET in book.sheetnames:
        for row in bounded_rows(book[L.META_SHEET], 2, values_only=True):
            if row and row[0]:
                meta[row[0]] = row[1]
    set_id = str(meta.get("set") or "")
    if not set_id or set_id not in book.sheetnames or bad_character(set_id):
        return empty, [Issue("workbook-format", "this is not a packet made by `legalreview packet`", file=filename,
                             hint="reply in the packet file we sent")]
    sheet = book[L.data_sheet_name(set_id)]
    head = bounded_rows(sheet, L.MAX_COLUMNS, values_only=True)
    header = [str(h or "").strip() for h in next(head, ())]
    head.close()
    missing = [k for k in ("iso3", "criterion", "answer", VERDICT, COMMENT) if k not in header]
    if missing:
        return empty, [Issue("missing-column", f"the column(s) {', '.join(missing)} are missing", sheet=set_id,
                             cell="1", hint="restore the header row as it was sent")]
    at: dict[str, int] = {}
    for index, key in enumerate(header):
        at.setdefault(key, index)
    wanted = [k for k in REPLY_COLUMNS if k in at] + [VERDICT, COMMENT]
    width = max(at[k] for k in wanted) + 1
    out = []
    blank: tuple = ()
    for r, row in enumerate(bounded_rows(sheet, width, min_row=2, values_only=True), start=2):
        if row is blank:  # a gap between rows: one shared empty tuple
            continue

        def get(key: str, row=row) -> str:
            value = row[at[key]] if key in at and at[key] < len(row) else None
            return "" if value is None else str(value).strip()

        verdict, comment = " ".join(get(VERDICT).split()).casefold(), get(COMMENT)
        if not verdict and not comment:
            blank = row
            continue
        bad = [(k, char) for k in wanted if (char := bad_character(get(k)))]
        if bad:
            for key, char in bad:
                issues.append(Issue("workbook-unsafe", f"the {key} cell holds a control character ({char})",
                                    sheet=set_id, cell=f"{L.letter(at[key] + 1)}{r}",
                                    hint="retype the text, or paste it as plain text"))
            continue
        verdict = VERDICT_WORDS.get(verdict, verdict)
        if verdict not in VERDICTS:
            issues.append(Issue("bad-answer-cell", f"{verdict!r} is not confirm or contest", severity="warning",
                                sheet=set_id, cell=f"{L.letter(at[VERDICT] + 1)}{r}",
                                hint="pick confirm or contest; the row is kept as a comment"))
            verdict = "comment"
        out.append({"iso3": get("iso3"), "country": get("country"), "set": set_id, "criterion": get("criterion"),
                    "answer": get("answer"), "evidence": get("evidence"), "verdict": verdict,
                    "comment": comment})
    return pd.DataFrame(out, columns=REPLY_COLUMNS), issues


def with_our_answers(replies: pd.DataFrame, ws: Workspace | None, edition: str | None) -> pd.DataFrame:
    """Return the replies with ``our_answer`` and ``our_evidence``: the answer the review holds now
    (the assessment in force for the packet's edition), to read beside the reviewer's."""
    from .workflow import in_force

    out = replies.copy()
    ours, cited = [], []
    for row in replies.itertuples(index=False):
        country = ws.countries.get(str(row.iso3)) if ws is not None else None
        a = in_force([a for a in country.assessments if a.set == row.set and (not edition or a.edition == edition)]
                     ) if country is not None else None
        answer = a.answers.get(str(row.criterion)) if a is not None else None
        ours.append(answer.value if answer else "")
        cited.append(", ".join(answer.evidence) if answer else "")
    out["our_answer"], out["our_evidence"] = ours, cited
    return out


def packet_edition(path: str | Path) -> str:
    """Return the edition a packet was written for ("" when it does not say)."""
    import openpyxl

    from ..spreadsheet import layout as L
    from ..spreadsheet.safety import bounded_rows, check_file

    checked, _issues = check_file(Path(path))
    if checked is None:
        return ""
    book = openpyxl.load_workbook(io.BytesIO(checked.raw), read_only=True, data_only=True)
    try:
        if L.META_SHEET not in book.sheetnames:
            return ""
        for row in bounded_rows(book[L.META_SHEET], 2, values_only=True):
            if row and row[0] == "edition":
                return str(row[1] or "")
        return ""
    finally:
        book.close()


def reply_report_text(replies: pd.DataFrame, source: str, today: dt.date | None = None) -> str:
    """Return a YAML report of a packet's replies (contested first); it never changes an answer."""
    today = today or dt.date.today()
    lines = [f"# Right-of-reply report from {source}, read on {today}. Answers were not changed.",
             f"contested: {int((replies['verdict'] == 'contest').sum())}",
             f"confirmed: {int((replies['verdict'] == 'confirm').sum())}",
             "replies:" if len(replies) else "replies: []"]
    order = {"contest": 0, "comment": 1, "confirm": 2}
    ranked = replies.assign(_o=replies["verdict"].map(order)).sort_values(["_o", "criterion"], kind="stable")
    for row in ranked.drop(columns="_o").to_dict(orient="records"):
        lines.append(f"  - {{{', '.join(f'{k}: {json.dumps(v, ensure_ascii=False)}' for k, v in row.items())}}}")
    return "\n".join(lines) + "\n"
