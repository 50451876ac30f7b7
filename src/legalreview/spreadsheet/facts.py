"""The facts sheet of the analysts' workbook: the values of ``criteria/facts.yaml`` read back.

``export-xlsx`` writes one row per exported jurisdiction x fact of the catalogue (one per scope when
a country file records a fact for several scopes), prefilled from the country files, and lists the
rows in the metadata sheet with a digest of each value as exported. The import reads the sheet
like the answers: every cell is checked (type, range, formula, control character, unknown fact,
country or scope) and located (``facts!H12``); a row whose value, evidence or note differs from
the export is compared with the country file as it is now (``conflict``) and then written into
the file's ``facts:`` list by :func:`apply_facts` through :func:`legalreview.store.fact_yaml`. A
blank value means "not known": a row left with no value, evidence or note removes the fact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedSeq

from ..models import NATIONAL, FactDefinition, Scope
from ..resolve import nearest
from ..store import fact_yaml
from . import layout as L
from .safety import bounded_rows, header_columns
from .sources import row_values

#: A fact as compared here: (value, evidence ids, note); value None = not known.
FactValue = tuple[bool | float | str | None, tuple[str, ...], str]


def _show(fact: FactValue | None) -> str:
    if fact is None or (fact[0] is None and not fact[1] and not fact[2]):
        return "(none)"
    value = L.fact_value_cell(fact[0])
    text = "(not known)" if value is None else repr(value) if isinstance(value, str) else str(value)
    if fact[1]:
        text += f" [{', '.join(fact[1])}]"
    if fact[2]:
        text += f" note: {fact[2]!r}"
    return text


def _digest(fact: FactValue | None) -> str:
    return L.fact_digest(*fact) if fact is not None else ""


@dataclass(frozen=True)
class FactChange:
    """One fact the import changes (``old``/``new`` None = not recorded)."""

    iso3: str
    country: str
    fact: str
    scope: str
    old: FactValue | None
    new: FactValue | None
    file: str
    cell: str

    def __str__(self) -> str:
        return (f"{self.country} ({self.iso3}) fact {self.fact} ({self.scope}): "
                f"{_show(self.old)} -> {_show(self.new)}")


@dataclass
class FactRow:
    """A row of the facts sheet that differs from the export."""

    iso3: str
    fact: str
    scope_cell: str
    scope: dict[str, Any] | None
    new: FactValue
    exported: str  # digest at export
    cells: dict[str, str]  # column key -> cell reference


@dataclass
class FactPlans:
    """What the import writes into ``facts:``: per country, (fact id, scope, new value) in row order."""

    rows: list[FactRow] = field(default_factory=list)
    plans: dict[str, list[tuple[str, dict[str, Any] | None, FactValue]]] = field(default_factory=dict)

    def countries(self) -> set[str]:
        return {row.iso3 for row in self.rows}


def exported_facts(record: dict[str, Any]) -> dict[tuple[str, str], tuple[dict[str, Any] | None, str]] | None:
    """Return (fact id, scope cell) -> (scope, digest) from a country record of the metadata sheet
    (None: a workbook from before the facts sheet)."""
    entries = record.get("facts")
    if not isinstance(entries, list):
        return None
    out: dict[tuple[str, str], tuple[dict[str, Any] | None, str]] = {}
    for entry in entries:
        if isinstance(entry, list) and len(entry) == 4 and all(isinstance(e, str) for e in (entry[0], entry[1],
                                                                                          entry[3])):
            out[(entry[0], entry[1])] = (entry[2] if isinstance(entry[2], dict) else None, entry[3])
    return out


def _header(reader: Any, sheet: Any) -> dict[str, int] | None:
    index = header_columns(sheet, L.FACT_KEYS)
    missing = [k for k in L.FACT_REQUIRED if k not in index]
    for key in missing:
        reader.issue("missing-column", f"the column {key!r} is missing from the header row of the {L.FACTS_SHEET} "
                     "sheet", cell="1:1", sheet=L.FACTS_SHEET, hint=f"restore the column headed {key!r}")
    return None if missing else index


def read_facts(reader: Any) -> list[FactRow]:
    """Return the rows of the facts sheet that differ from the export, every cell checked (problems go to
    ``reader.issue``, located at their cells). A workbook without the sheet, or exported before it
    existed, has none."""
    exported: dict[str, dict[tuple[str, str], tuple[dict[str, Any] | None, str]]] | None = reader.exported_facts
    if L.FACTS_SHEET not in reader.book.sheetnames or not exported:
        return []
    for ref in reader.merged.get(L.FACTS_SHEET, []):
        reader.issue("merged-cells", f"cells {ref} are merged; every row needs its own cells",
                     cell=ref.split(":")[0], sheet=L.FACTS_SHEET, hint="unmerge the cells, then fill each row")
    sheet = reader.book[L.FACTS_SHEET]
    index = _header(reader, sheet)
    if index is None or reader.merged.get(L.FACTS_SHEET):
        return []
    catalogue = {f.id: f for f in reader.ws.facts.facts} if reader.ws.facts is not None else {}
    out: list[FactRow] = []
    seen: dict[tuple[str, str, str], str] = {}
    for cells in bounded_rows(sheet, max(index.values()) + 1, min_row=2):
        r = next((c.row for c in cells if getattr(c, "row", None)), None)
        if r is None:
            continue
        values, refs, problem = row_values(reader, L.FACTS_SHEET, cells, index, r)
        if problem or not any(v not in (None, "") for v in values.values()):
            continue
        row = _row(reader, values, refs, catalogue, exported)
        if row is None:
            continue
        key = (row.iso3, row.fact, row.scope_cell)
        if key in seen:
            reader.issue("duplicate-row", f"{row.iso3} {row.fact} ({row.scope_cell}) is also on row {seen[key]}",
                         cell=refs["iso3"], sheet=L.FACTS_SHEET, hint="keep one row per country, fact and scope")
            continue
        seen[key] = str(r)
        if _digest(row.new) != row.exported:
            out.append(row)
    return out


def _row(reader: Any, values: dict[str, Any], refs: dict[str, str], catalogue: dict[str, FactDefinition],
         exported: dict[str, dict[tuple[str, str], tuple[dict[str, Any] | None, str]]]) -> FactRow | None:
    saved, reader.sheet = reader.sheet, L.FACTS_SHEET
    try:
        code = reader._country(L.cell_text(values.get("iso3")), L.cell_text(values.get("country")),
                               {"iso3": refs["iso3"], "country": refs.get("country", refs["iso3"])})
    finally:
        reader.sheet = saved
    fact_id = L.cell_text(values.get("fact"))
    definition = catalogue.get(fact_id)
    if definition is None:
        close = nearest(fact_id, list(catalogue), limit=1)
        reader.issue("unknown-fact", f"{fact_id!r} is not a fact of criteria/facts.yaml", cell=refs["fact"],
                     sheet=L.FACTS_SHEET, hint=(f'did you mean "{close[0]}"? ' if close else "") +
                     "restore the row's fact id (the column is read only)")
    try:
        value = L.parse_fact_value(values.get("value"), definition) if definition is not None else None
    except ValueError as exc:
        reader.issue("bad-fact-value", str(exc), cell=refs["value"], sheet=L.FACTS_SHEET,
                     hint=_value_hint(definition))
        return None
    if code is None or definition is None:
        return None
    scope_cell = L.cell_text(values.get("scope"))
    found = exported.get(code, {}).get((fact_id, scope_cell))
    if found is None:
        reader.issue("unknown-fact", f"{code} {fact_id} for scope {scope_cell!r} was not exported in this workbook",
                     cell=refs["scope"], sheet=L.FACTS_SHEET, hint="restore the row's scope (the column is read "
                     "only); record a fact for another scope in the country file")
        return None
    new: FactValue = (value, tuple(L.split_evidence(L.cell_text(values.get("evidence")))),
                      L.cell_text(values.get("note")))
    return FactRow(code, fact_id, scope_cell, found[0], new, found[1], refs)


def _value_hint(definition: FactDefinition | None) -> str:
    if definition is None:
        return "restore the row's fact id"
    if definition.type == "boolean":
        return "type yes or no, or leave the cell blank when it is not known"
    if definition.type == "text":
        return "type the text"
    top = L.FACT_NUMBER_MAX.get(definition.type)
    return (f"type a number ({definition.unit or definition.type}) from 0" + (f" to {top:g}" if top else "") +
            ", without words; leave the cell blank when it is not known (never 0)")


def _same_scope(a: Scope | None, b: Scope | None) -> bool:
    return (a or NATIONAL) == (b or NATIONAL)


def _scope_of(data: dict[str, Any] | None) -> Scope | None:
    return Scope.model_validate(data) if data else None


def plan_facts(reader: Any, facts: FactPlans, iso3: str, country: Any, filename: str, result: Any) -> None:
    """Compare a country's changed rows with its file as it is now; fill ``result.fact_changes`` and
    ``facts.plans`` (or report ``conflict`` and ``unknown-provision`` at their cells)."""
    provisions = [p.id for p in country.provisions] + reader.additions.provision_ids(iso3)
    for row in facts.rows:
        if row.iso3 != iso3:
            continue
        scope = _scope_of(row.scope)
        current = next((f for f in country.facts if f.fact == row.fact and _same_scope(f.scope, scope)), None)
        cur: FactValue | None = ((current.value, tuple(current.evidence), (current.note or "").strip())
                                 if current is not None else None)
        if _digest(cur) == _digest(row.new):
            continue
        if _digest(cur) != row.exported:
            reader.issue("conflict", f"{country.name} fact {row.fact} changed in {filename} since the export (it is "
                         f"now {_show(cur)}), and the workbook changes it to {_show(row.new)}",
                         cell=row.cells["value"], sheet=L.FACTS_SHEET, hint=f"check {filename}; export a fresh "
                         "workbook and enter your change again, or edit the file by hand")
            continue
        unknown = [ref for ref in row.new[1] if ref not in provisions]
        for ref in unknown:
            close = nearest(ref, provisions, limit=1)
            reader.issue("unknown-provision", f"evidence {ref!r} is not a provision of {country.name}",
                         cell=row.cells["evidence"], sheet=L.FACTS_SHEET,
                         hint=(f'did you mean "{close[0]}"? ' if close else "") +
                         f"add it as a row of the {L.PROVISIONS_SHEET} sheet, or to {filename}")
        if unknown:
            continue
        new = row.new if _digest(row.new) else None
        result.fact_changes.append(FactChange(iso3, country.name, row.fact, row.scope_cell, cur, new, filename,
                                              row.cells["value"]))
        facts.plans.setdefault(iso3, []).append((row.fact, row.scope, row.new))


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return str(node) if isinstance(node, str) else node


def _node_scope(item: Any) -> Scope | None:
    raw = item.get("scope")
    try:
        return Scope.model_validate(_plain(raw)) if raw is not None else None
    except ValueError:
        return None


def apply_facts(doc: Any, plans: list[tuple[str, dict[str, Any] | None, FactValue]]) -> None:
    """Write planned facts into a country document (round-trip YAML): an existing entry is updated in
    place (its other keys, scope and comments kept), a new one appended as a flow mapping, and an
    entry left with no value, evidence or note removed."""
    if not plans:
        return
    seq = doc.get("facts")
    if not isinstance(seq, list):
        seq = CommentedSeq()
        keys = list(doc)
        doc.insert(keys.index("instruments") if "instruments" in keys else len(keys), "facts", seq)
    if isinstance(seq, CommentedSeq) and seq.fa.flow_style():
        seq.fa.set_block_style()
    for fact_id, scope_data, new in plans:
        scope = _scope_of(scope_data)
        at = next((i for i, item in enumerate(seq) if isinstance(item, dict) and str(item.get("fact")) == fact_id
                   and _same_scope(_node_scope(item), scope)), None)
        if not _digest(new):
            if at is not None:
                del seq[at]
            continue
        node = fact_yaml(fact_id, new[0], list(new[1]), new[2], scope_data)
        if at is None:
            seq.append(node)
            continue
        item = seq[at]
        for key in ("value", "evidence", "note"):
            if key in node:
                item[key] = node[key]
            else:
                item.pop(key, None)


def check_written(country: Any, plans: list[tuple[str, dict[str, Any] | None, FactValue]]) -> list[str]:
    """Return the facts that would not read back as planned from the edited file (a safety net)."""
    out = []
    for fact_id, scope_data, new in plans:
        scope = _scope_of(scope_data)
        got = next((f for f in country.facts if f.fact == fact_id and _same_scope(f.scope, scope)), None)
        got_t: FactValue | None = (got.value, tuple(got.evidence), (got.note or "").strip()) if got else None
        if _digest(got_t) != _digest(new):
            out.append(f"fact {fact_id} would read back as {_show(got_t)}, not {_show(new)}")
    return out
