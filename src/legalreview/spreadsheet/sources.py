"""The statutes and provisions sheets of the analysts' workbook: rows with new ids become additions.

Rows that were exported (their id is listed in the metadata sheet) are for reference and are never
read back. A row with a new id is checked like the YAML it becomes (the :class:`~legalreview.models.Statute`
and :class:`~legalreview.models.Provision` models, ids, the statute a provision names) and then
appended to the country file by the import, beside the answers that cite it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ..models import Provision, Statute
from . import layout as L
from .safety import bad_character, bounded_rows, header_columns

_TRUE = {"yes", "y", "true", "1", "quoted"}
_FALSE = {"no", "n", "false", "0", "", "summary"}


@dataclass
class Addition:
    """A statute or provision row with a new id: the checked model and the row's cells."""

    kind: str  # "statute" | "provision"
    iso3: str
    model: Any
    cells: dict[str, str]  # column key -> sheet!cell

    @property
    def id(self) -> str:
        return self.model.id


@dataclass
class Additions:
    """Per country, the statutes and provisions a workbook adds."""

    statutes: dict[str, list[Addition]] = field(default_factory=dict)
    provisions: dict[str, list[Addition]] = field(default_factory=dict)

    def countries(self) -> set[str]:
        return set(self.statutes) | set(self.provisions)

    def provision_ids(self, iso3: str) -> list[str]:
        return [a.id for a in self.provisions.get(iso3, [])]


def _value(cell: Any) -> Any:
    value = cell.value if cell is not None else None
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def read_sheet(reader: Any, sheet_name: str, columns: tuple[str, ...], id_key: str, kind: str,
               exported_ids: dict[str, set[str]]) -> list[tuple[str, dict[str, Any], dict[str, str]]]:
    """Return (iso3, values, cells) for every row of a statutes or provisions sheet whose id was not
    exported; report formulas, control characters and unknown countries on ``reader``."""
    if sheet_name not in reader.book.sheetnames:
        return []  # a workbook from before these sheets were editable
    sheet = reader.book[sheet_name]
    index = header_columns(sheet, columns)
    missing = [k for k in ("iso3", id_key) if k not in index]
    if missing:
        for key in missing:
            reader.issue("missing-column", f"the column {key!r} is missing from the header row of the {sheet_name} "
                         "sheet", cell="1:1", sheet=sheet_name, hint=f"restore the column headed {key!r}")
        return []
    out = []
    width = max(index.values()) + 1
    for cells in bounded_rows(sheet, width, min_row=2):
        r = next((c.row for c in cells if getattr(c, "row", None)), None)
        if r is None:
            continue
        values, refs, problem = row_values(reader, sheet_name, cells, index, r)
        if not any(v not in (None, "") for v in values.values()):
            continue
        iso3_text = L.cell_text(values.get("iso3"))
        ident = L.cell_text(values.get(id_key))
        if iso3_text.upper() in exported_ids and ident in exported_ids[iso3_text.upper()]:
            continue  # an exported row: reference only
        if problem:
            continue
        code = _row_country(reader, sheet_name, iso3_text, L.cell_text(values.get("country")), refs)
        if code is not None:
            out.append((code, values, refs))
    return out


def row_values(reader: Any, sheet_name: str, cells: tuple, index: dict[str, int],
                r: int) -> tuple[dict[str, Any], dict[str, str], bool]:
    """Return (value of each column by key, its cell by key, whether a cell holds a formula or a
    control character) for row ``r`` (each such cell reported on ``reader``)."""
    values: dict[str, Any] = {}
    refs: dict[str, str] = {}
    problem = False
    for key, i in index.items():
        cell = cells[i] if i < len(cells) else None
        refs[key] = f"{L.letter(i + 1)}{r}"
        if cell is not None and cell.data_type == "f":
            reader.issue("formula-cell", f"the {key} cell holds a formula ({str(cell.value)[:60]}); type the "
                         "value itself", cell=refs[key], sheet=sheet_name,
                         hint="copy the cell and 'Paste special > Values only', or type the text")
            problem = True
            continue
        value = _value(cell)
        if isinstance(value, str) and (char := bad_character(value)):
            reader.issue("workbook-unsafe", f"the {key} cell holds a control character ({char}), which a country "
                         "file cannot hold", cell=refs[key], sheet=sheet_name, hint="retype the text")
            problem = True
        values[key] = value.strip() if isinstance(value, str) else value
    return values, refs, problem


def _row_country(reader: Any, sheet_name: str, iso3: str, name: str, refs: dict[str, str]) -> str | None:
    """Return the exported country a row names, or None (reported at the row's cell of this sheet)."""
    saved = reader.sheet
    reader.sheet = sheet_name
    try:
        return reader._country(iso3, name, {"iso3": refs["iso3"], "country": refs.get("country", refs["iso3"])})
    finally:
        reader.sheet = saved


def _model(reader: Any, kind: str, sheet_name: str, data: dict[str, Any], refs: dict[str, str]) -> Any:
    cls = Statute if kind == "statute" else Provision
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = str(err["loc"][0]) if err["loc"] else ""
            column = {"id": kind}.get(loc, loc)
            reader.issue("schema", f"{kind} {data.get('id', '')!r}: {column}: {err['msg']}",
                         cell=refs.get(column, refs.get(kind)), sheet=sheet_name,
                         hint=f"correct the {column} cell (see the Instructions sheet, point 7)")
        return None


def read_additions(reader: Any) -> Additions:
    """Read the new rows of both sheets into checked models (problems go to ``reader.issue``)."""
    out = Additions()
    if reader.exported_ids is None:
        return out  # a workbook from before these sheets were editable: its rows are reference only
    statute_ids = {iso3: set(ids[0]) for iso3, ids in reader.exported_ids.items()}
    provision_ids = {iso3: set(ids[1]) for iso3, ids in reader.exported_ids.items()}
    seen: dict[tuple[str, str, str], str] = {}
    for code, values, refs in read_sheet(reader, L.STATUTES_SHEET, L.STATUTE_KEYS, "statute", "statute",
                                         statute_ids):
        data = _statute_data(values)
        if not _scope(reader, values, refs, L.STATUTES_SHEET, data):
            continue
        if _duplicate(reader, seen, ("statute", code, data["id"]), L.STATUTES_SHEET, refs["statute"]):
            continue
        model = _model(reader, "statute", L.STATUTES_SHEET, data, refs)
        if model is not None:
            out.statutes.setdefault(code, []).append(Addition("statute", code, model, refs))
    for code, values, refs in read_sheet(reader, L.PROVISIONS_SHEET, L.PROVISION_KEYS, "provision", "provision",
                                         provision_ids):
        found = _provision_data(reader, values, refs)
        if found is None:
            continue
        if _duplicate(reader, seen, ("provision", code, found["id"]), L.PROVISIONS_SHEET, refs["provision"]):
            continue
        model = _model(reader, "provision", L.PROVISIONS_SHEET, found, refs)
        if model is not None:
            out.provisions.setdefault(code, []).append(Addition("provision", code, model, refs))
    return out


def _statute_data(values: dict[str, Any]) -> dict[str, Any]:
    """Return the fields of a new statute row, as its YAML mapping holds them (empty cells left out)."""
    data: dict[str, Any] = {"id": L.cell_text(values.get("statute")), "title": L.cell_text(values.get("title"))}
    for key in ("citation", "url", "language"):
        if L.cell_text(values.get(key)):
            data[key] = L.cell_text(values.get(key))
    year = values.get("year")
    if year not in (None, ""):
        data["year"] = int(year) if isinstance(year, float) and year.is_integer() else year
    in_force = values.get("in_force")
    if in_force not in (None, ""):
        data["in_force"] = in_force
    return data


def _provision_data(reader: Any, values: dict[str, Any], refs: dict[str, str]) -> dict[str, Any] | None:
    """Return the fields of a new provision row, as its YAML mapping holds them, or None after
    reporting a scope or quoted cell that cannot be read."""
    data: dict[str, Any] = {"id": L.cell_text(values.get("provision")), "statute": L.cell_text(values.get("statute")),
                            "section": L.cell_text(values.get("section")), "text": L.cell_text(values.get("text"))}
    if not _scope(reader, values, refs, L.PROVISIONS_SHEET, data):
        return None
    quoted = L.cell_text(values.get("quoted")).casefold()
    if quoted in _TRUE:
        data["quoted"] = True
    elif quoted not in _FALSE:
        reader.issue("schema", f"quoted {quoted!r} is neither yes nor no", cell=refs.get("quoted"),
                     sheet=L.PROVISIONS_SHEET, hint="write yes when the text quotes the law, no for a summary")
        return None
    return data


def _scope(reader: Any, values: dict[str, Any], refs: dict[str, str], sheet: str, data: dict[str, Any]) -> bool:
    """Put a new row's scope cell into ``data`` (nothing for national law); False after reporting a cell
    that names no ISO 3166-2 units."""
    try:
        scope = L.parse_scope_cell(L.cell_text(values.get("scope")))
    except ValueError:
        reader.issue("schema", f"scope {L.cell_text(values.get('scope'))!r} names no ISO 3166-2 units",
                     cell=refs.get("scope"), sheet=sheet, hint="leave it blank for national law, or give the units "
                     "after a label: England and Wales (GB-ENG, GB-WLS)")
        return False
    if scope is not None:
        data["scope"] = scope
    return True


def _duplicate(reader: Any, seen: dict, key: tuple[str, str, str], sheet: str, cell: str) -> bool:
    if key in seen:
        reader.issue("duplicate-id", f"{key[1]} {key[0]} {key[2]!r} is also on row {seen[key]}", cell=cell,
                     sheet=sheet, hint="give each new row its own id, or delete the copy")
        return True
    seen[key] = "".join(ch for ch in cell if ch.isdigit())
    return False


def check_against_file(reader: Any, additions: Additions, iso3: str, country: Any, filename: str) -> None:
    """Report additions whose id the country file has gained since the export (``conflict``) and
    provisions naming a statute neither the file nor the workbook has (``unknown-statute``)."""
    statutes = {s.id for s in country.statutes}
    provisions = {p.id for p in country.provisions}
    for add in additions.statutes.get(iso3, []):
        if add.id in statutes:
            reader.issue("conflict", f"statute {add.id!r} was added to {filename} since the export",
                         cell=add.cells["statute"], sheet=L.STATUTES_SHEET,
                         hint=f"use another id, or delete the row: {filename} already has it")
    new_statutes = {a.id for a in additions.statutes.get(iso3, [])}
    for add in additions.provisions.get(iso3, []):
        if add.id in provisions:
            reader.issue("conflict", f"provision {add.id!r} was added to {filename} since the export",
                         cell=add.cells["provision"], sheet=L.PROVISIONS_SHEET,
                         hint=f"use another id, or delete the row: {filename} already has it")
        if add.model.statute not in statutes | new_statutes:
            reader.issue("unknown-statute", f"provision {add.id!r} names statute {add.model.statute!r}, which "
                         f"neither {filename} nor the statutes sheet has", cell=add.cells.get("statute"),
                         sheet=L.PROVISIONS_SHEET, hint="add the statute as a row of the statutes sheet, or use "
                         f"the id of one of {', '.join(sorted(statutes)) or 'its statutes'}")


def _flow(model: Any) -> CommentedMap:
    out = CommentedMap()
    for key, value in model.model_dump(exclude_defaults=True).items():
        out[key] = DoubleQuotedScalarString(value) if isinstance(value, str) and key != "id" else value
    if "text" in out and "language" not in out:
        # the law's words (quoted: yes on the sheet) in a language the sheet does not give: keep saying they
        # are the law's words (read as a summary otherwise); `validate` asks to give `language:` instead
        out["quoted"] = True
    out.fa.set_flow_style()
    return out


def append_sources(doc: Any, statutes: list[Addition], provisions: list[Addition]) -> None:
    """Append new statutes and provisions to a country document (round-trip YAML), as flow mappings."""
    for key, rows in (("statutes", statutes), ("provisions", provisions)):
        if not rows:
            continue
        seq = doc.get(key)
        if not isinstance(seq, list):
            seq = CommentedSeq()
            if key in doc or not isinstance(doc, CommentedMap):
                doc[key] = seq
            else:  # statutes, then provisions, before the assessments
                keys = list(doc)
                after = "statutes" if key == "provisions" and "statutes" in keys else "name"
                doc.insert(keys.index(after) + 1 if after in keys else len(keys), key, seq)
        if isinstance(seq, CommentedSeq) and seq.fa.flow_style():
            seq.fa.set_block_style()
        seq.extend(_flow(a.model) for a in rows)
