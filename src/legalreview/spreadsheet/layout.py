"""The one description of the analysts' workbook: sheets, columns, widths, limits and parsing rules.

Both :mod:`.export` (which writes it) and :mod:`.import_` (which reads it back) take every name,
position and rule from here, so the two can never disagree.

The layout is *long*: one row per country x criterion on a sheet named after the criteria set
(``csam``), because that is the shape in which one answer cell, one dropdown, one evidence cell and
one note cell line up, filters work ("all C5 answers in Africa"), and a new criterion never moves
a column. Id columns are grey and locked (sheet protection without a password); answer, evidence
and note are white and unlocked.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from ..models import SUBDIVISION_PATTERN, CriteriaSet, FactDefinition, Scope

#: Written into the metadata sheet; the import refuses workbooks of another format.
FORMAT = "legalreview-workbook/1"

INSTRUCTIONS_SHEET = "Instructions"
PROVISIONS_SHEET = "provisions"
STATUTES_SHEET = "statutes"
FACTS_SHEET = "facts"
META_SHEET = "_meta"

#: Safety limits checked before any XML is parsed.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 2000
#: The last row and column a sheet can have (Excel's grid: row 1,048,576 and column XFD).
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
#: Largest uncompressed/compressed ratio accepted for a zip member bigger than RATIO_FLOOR bytes.
MAX_COMPRESSION_RATIO = 250
RATIO_FLOOR = 1024 * 1024

#: Default coder of an assessment the import creates (``--coder`` overrides it).
DEFAULT_CODER = "spreadsheet"

GREY = "D9D9D9"
HEADER_FILL = "1F4E79"
HEADER_FONT = "FFFFFF"


@dataclass(frozen=True)
class Column:
    """One column of the data sheet."""

    key: str          # header text, also the name the import looks for
    width: float
    editable: bool
    wrap: bool = False
    comment: str = ""


#: The data sheet's columns, in order. The import finds columns by header, not by position.
DATA_COLUMNS: tuple[Column, ...] = (
    Column("iso3", 7, False, comment="ISO 3166 alpha-3 code. Do not change."),
    Column("country", 24, False, comment="Jurisdiction name. Do not change."),
    Column("criterion", 10, False, comment="Criterion id. Do not change."),
    Column("answer", 16, True, comment="Pick a code from the list (see the Instructions sheet)."),
    Column("evidence", 30, True, comment="Provision ids from the provisions sheet, separated by commas."),
    Column("note", 50, True, wrap=True, comment="Why, in a sentence."),
    Column("question", 80, False, wrap=True, comment="The criterion's question (read only)."),
    Column("scope", 28, False, wrap=True, comment="The law the answers are coded for (read only; change it in the "
           "country file): national law, some sub-national units, or derived from the units."),
    Column("law_as_at", 12, False, comment="The date of the law the answers describe (read only; change it in the "
           "country file). Blank: the law as at the assessment date."),
)
COLUMN_KEYS = tuple(c.key for c in DATA_COLUMNS)
#: Columns the import cannot work without (``question`` is for reading only).
REQUIRED_KEYS = ("iso3", "country", "criterion", "answer", "evidence", "note")

_SCOPE_HELP = ("Where the law applies. Blank or 'National law': the whole jurisdiction; else ISO 3166-2 codes, "
               "optionally after a label: England and Wales (GB-ENG, GB-WLS).")

#: The statutes and provisions sheets: the rows exported are for reference; a row with a new id is
#: added to the country file by the import (so a new country can be coded without editing YAML).
STATUTE_COLUMNS: tuple[Column, ...] = (
    Column("iso3", 7, True, comment="ISO 3166 alpha-3 code of an exported country."),
    Column("country", 24, True),
    Column("statute", 24, True, comment="A new id: letters, digits, '-', '_', '.' (e.g. fpa-2019)."),
    Column("title", 50, True, wrap=True, comment="The statute's title, e.g. Films and Publications Act, 1996."),
    Column("citation", 24, True),
    Column("year", 8, True),
    Column("in_force", 12, True, comment="Date in force, YYYY-MM-DD."),
    Column("url", 40, True, comment="The official text (http or https)."),
    Column("language", 10, True),
    Column("scope", 28, True, wrap=True, comment=_SCOPE_HELP),
)
STATUTE_KEYS = tuple(c.key for c in STATUTE_COLUMNS)

PROVISION_COLUMNS: tuple[Column, ...] = (
    Column("iso3", 7, True, comment="ISO 3166 alpha-3 code of an exported country."),
    Column("country", 24, True),
    Column("provision", 24, True, comment="A new id (e.g. fpa-1996-s24b); cite it in the evidence column."),
    Column("statute", 24, True, comment="The id of the statute (on the statutes sheet)."),
    Column("section", 10, True),
    Column("text", 80, True, wrap=True, comment="The words of the law, or a summary in our words."),
    Column("quoted", 8, True, comment="yes when 'text' quotes the law's words; no for a summary."),
    Column("scope", 28, True, wrap=True, comment=_SCOPE_HELP),
)
PROVISION_KEYS = tuple(c.key for c in PROVISION_COLUMNS)

#: The facts sheet: one row per exported jurisdiction x fact of ``criteria/facts.yaml`` (one per scope
#: when the country file records a fact for several); value, evidence and note are read back.
FACT_COLUMNS: tuple[Column, ...] = (
    Column("iso3", 7, False, comment="ISO 3166 alpha-3 code. Do not change."),
    Column("country", 24, False, comment="Jurisdiction name. Do not change."),
    Column("fact", 24, False, comment="Fact id (criteria/facts.yaml). Do not change."),
    Column("label", 50, False, wrap=True, comment="What the fact is (read only)."),
    Column("unit", 16, False, comment="The unit of the value (read only)."),
    Column("type", 9, False, comment="age, years, number: a number; boolean: yes or no; text: words."),
    Column("scope", 28, False, wrap=True, comment="Where the value applies (read only)."),
    Column("value", 12, True, comment="The value the law gives. Leave blank when it is not known (never 0)."),
    Column("evidence", 30, True, comment="Provision ids from the provisions sheet, separated by commas."),
    Column("note", 50, True, wrap=True, comment="Anything a reader needs to know, in a sentence."),
)
FACT_KEYS = tuple(c.key for c in FACT_COLUMNS)
#: Columns the import needs on the facts sheet.
FACT_REQUIRED = ("iso3", "fact", "scope", "value", "evidence", "note")
#: Fact types whose value is a number, and the largest value accepted for each (None: no limit).
FACT_NUMBER_MAX: dict[str, float | None] = {"age": 120.0, "years": 1000.0, "number": None}
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}

#: Metadata sheet: key/value rows, then one row per exported country and per exported answer.
META_KEYS = ("format", "set", "set_version", "edition", "exported_at", "review", "data_sheet", "blank_coder")
#: "country" | JSON {iso3, name, file, sha256 of the file, coder ("" = none yet), answers: {criterion: digest}}
META_COUNTRY = "country"

_EVIDENCE_SPLIT = re.compile(r"[,;\n\r]+")


def data_sheet_name(set_id: str) -> str:
    """Return the data sheet's name for a set: the set id (Excel allows 31 characters)."""
    return set_id[:31]


def imported_sheets(sheetnames: list[str], set_id: str) -> list[str]:
    """Return the sheets of an exported workbook that ``import-xlsx`` reads, in workbook order (the
    benchmarks' like-for-like baseline reads exactly these)."""
    wanted = {META_SHEET, data_sheet_name(set_id), STATUTES_SHEET, PROVISIONS_SHEET, FACTS_SHEET}
    return [name for name in sheetnames if name in wanted]


def letter(index: int) -> str:
    """Return the column letter of a 1-based column index (1 -> A, 28 -> AB)."""
    out = ""
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def answer_lookup(criteria_set: CriteriaSet) -> dict[str, str]:
    """Return accepted spellings (casefolded) -> scale code (see CriteriaSet.answer_spellings)."""
    return criteria_set.answer_spellings()


def normalise_answer(raw: str, table: dict[str, str]) -> str | None:
    """Return the scale code for a typed answer (harmless variants accepted), or None."""
    return table.get(" ".join(raw.split()).casefold())


def split_evidence(raw: str) -> list[str]:
    """Return provision ids from an evidence cell: separated by commas, semicolons or new lines."""
    return [part.strip() for part in _EVIDENCE_SPLIT.split(raw) if part.strip()]


def join_evidence(evidence: list[str] | tuple[str, ...]) -> str:
    """Return the evidence cell text for a list of provision ids."""
    return ", ".join(evidence)


def answer_digest(value: str, evidence: list[str] | tuple[str, ...], note: str) -> str:
    """Return a short fingerprint of one answer (value, evidence, note) as recorded at export."""
    text = "\x1f".join((value, ",".join(evidence), note.strip()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def country_record(iso3: str, name: str, file: str, sha256: str, coder: str, answers: dict[str, str],
                   statutes: list[str] | None = None, provisions: list[str] | None = None,
                   facts: list[list[Any]] | None = None) -> str:
    """Return the metadata cell describing one exported country (compact JSON, one cell per country):
    also the ids of the statutes and provisions exported (rows with other ids are additions) and the
    rows of the facts sheet, each ``[fact id, scope cell, scope (JSON of the Scope, or null), digest
    of the value as exported ("" when none was recorded)]``."""
    record: dict[str, Any] = {"iso3": iso3, "name": name, "file": file, "sha256": sha256, "coder": coder,
                              "answers": answers, "statutes": statutes or [], "provisions": provisions or []}
    if facts is not None:
        record["facts"] = facts
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def parse_country_record(cell: str) -> dict[str, Any]:
    """Return the record written by :func:`country_record` (ValueError when it is damaged)."""
    record = json.loads(cell)
    if not isinstance(record, dict) or not isinstance(record.get("answers"), dict):
        raise ValueError("not a country record")
    for key in ("iso3", "name", "file", "sha256", "coder"):
        if not isinstance(record.get(key), str):
            raise ValueError(f"country record without {key}")
    return record


def scope_cell(scope: Scope | None) -> str:
    """Return a scope as a cell shows it: "National law", a label, or a label and its ISO 3166-2 units
    ("England and Wales (GB-ENG, GB-WLS)"; see :func:`parse_scope_cell`)."""
    if scope is None:
        return "National law"
    if scope.label and scope.units:
        return f"{scope.label} ({', '.join(scope.units)})"
    return scope.text


_UNIT = SUBDIVISION_PATTERN.strip("^$")
_LABELLED_UNITS = re.compile(rf"^(?P<label>.*?)\s*\((?P<units>{_UNIT}(?:\s*[,;]\s*{_UNIT})*)\)$")
_UNITS = re.compile(rf"^{_UNIT}(?:\s*[,;]\s*{_UNIT})*$")


def parse_scope_cell(text: str) -> dict[str, Any] | None:
    """Return the ``scope:`` mapping a typed scope cell means (None: national law, blank or "National
    law"); ValueError when it names no ISO 3166-2 units."""
    text = " ".join(text.split())
    if text.casefold() in ("", "national", "national law"):
        return None
    found = _LABELLED_UNITS.match(text)
    if found:
        units = [u.strip() for u in re.split(r"[,;]", found["units"])]
        return {"units": units, "label": found["label"]} if found["label"] else {"units": units}
    if _UNITS.match(text):
        return {"units": [u.strip() for u in re.split(r"[,;]", text)]}
    raise ValueError(text)


def fact_value_cell(value: bool | float | str | None) -> bool | float | int | str | None:
    """Return a fact's value as the facts sheet shows it (16.0 -> 16; true -> "yes")."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def parse_fact_value(raw: object, definition: FactDefinition) -> bool | float | str | None:
    """Return the value of a facts-sheet cell for a fact of this definition (None: blank, not known);
    ValueError saying what is wrong when the cell does not hold a value of the fact's type or range."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if definition.type == "text":
        return cell_text(raw)
    if definition.type == "boolean":
        word = cell_text(raw).casefold()
        if word in _YES or word in _NO:
            return word in _YES
        raise ValueError(f"{definition.id} is yes or no, not {cell_text(raw)!r}")
    if isinstance(raw, bool):
        raise ValueError(f"{definition.id} takes a number, not {cell_text(raw)}")
    try:
        number = float(raw) if isinstance(raw, int | float) else float(cell_text(raw).replace(",", "."))
    except ValueError:
        raise ValueError(f"{definition.id} takes a number ({definition.unit or definition.type}), "
                         f"not {cell_text(raw)!r}") from None
    top = FACT_NUMBER_MAX.get(definition.type)
    if number != number or number < 0 or (top is not None and number > top):
        raise ValueError(f"{definition.id} = {number:g} is out of range (0 to {top:g})" if top is not None
                         else f"{definition.id} = {number:g} is out of range (0 or more)")
    return number


def fact_digest(value: bool | float | str | None, evidence: list[str] | tuple[str, ...], note: str) -> str:
    """Return a short fingerprint of one fact (value, evidence, note) as recorded at export ("" = none)."""
    if value is None and not evidence and not note.strip():
        return ""
    shown = "" if value is None else json.dumps(value)
    return answer_digest(shown, evidence, note)


def cell_text(value: object) -> str:
    """Return a cell's value as stripped text ("" for empty; 16.0 -> "16")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


INSTRUCTIONS = (
    "How to fill in this workbook",
    "1. Go to the sheet named after the criteria set. Each row is one country and one criterion.",
    "2. In the 'answer' column pick a code from the dropdown. You may also type the label "
    "(for example 'Partially'); upper or lower case does not matter.",
    "3. In 'evidence' list the provision ids that support the answer, separated by commas. "
    "The ids of each country's provisions are on the 'provisions' sheet. "
    "An answer that scores points (for example 'yes' or 'partial') needs at least one.",
    "4. In 'note' say why, in a sentence.",
    "5. Grey columns are locked: do not change them, and do not merge cells, insert formulas "
    "or rename the sheets. You may sort and filter rows, and add sheets of your own.",
    "6. Save as .xlsx (Excel or LibreOffice) and send it back. The import checks every cell and "
    "changes nothing if it finds a problem; it lists each problem with its cell.",
    "To remove an answer, clear its answer cell. Rows you delete are left unchanged.",
    "7. To cite a law the country file does not have yet, add a row at the end of the 'statutes' sheet "
    "(iso3, a new statute id, title, ...) and one per section on the 'provisions' sheet (iso3, a new "
    "provision id, the statute id, section, text, quoted yes/no); then cite the provision id. Rows that "
    "were exported are for reference: change existing statutes and provisions in the country file.",
    "8. The 'facts' sheet has one row per country and fact (an age, a penalty ...). Type the value the law "
    "gives in 'value' (a number for ages, years and numbers; yes or no for a boolean), the provision ids in "
    "'evidence' and a note. Leave the value blank when it is not known: never write 0 for 'not known'.",
    "The 'scope' and 'law_as_at' columns say what law the answers describe; they are read only "
    "(change them in the country file).",
)
