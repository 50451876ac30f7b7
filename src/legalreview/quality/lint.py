"""Terminology lint: our own prose should follow the Luxembourg Guidelines.

The Terminology Guidelines for the Protection of Children from Sexual Exploitation and Sexual
Abuse (the "Luxembourg Guidelines", 2016) advise, for example, "child sexual abuse material"
rather than "child pornography" except when quoting law. :func:`lint_workspace` scans the prose a
review writes itself and reports each discouraged term as an :class:`~legalreview.issues.Issue`
(code ``terminology``) at the file, line and column where it appears:

* country files: ``notes``, each assessment's ``summary``, each answer's ``note``, and the
  ``text`` of provisions marked ``quoted: false`` (our summaries);
* criteria files: ``description``, each criterion's ``question``, ``guidance`` and
  ``model_provision``, tier labels and descriptions, edition and wording notes.

Never scanned: statute titles and citations, a criterion's earlier ``wording`` (the report's own
words), provisions with ``quoted: true`` (the law's own words), and anything inside double
quotation marks ("...", “...”, „...“, «...») within a note, which counts as a quotation.

The term list is ``legalreview/data/terminology.csv`` (columns ``term, preferred, note, source,
severity``). A workspace may add rows, or override a row by its term, with its own
``terminology.csv`` at the workspace root; ``severity: off`` switches a term off.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from collections.abc import Iterator

from ..issues import Issue, Severity
from ..safefiles import UnsafeFile, read_optional
from ..store import PositionMap
from ..workspace import Workspace, load_workspace
from .translations import translation_issues

#: Opening -> closing quotation marks whose contents count as quoted text.
_QUOTES = re.compile(r'"[^"]*"|“[^”]*”|„[^“”]*[“”]|«[^»]*»')
_SEVERITIES = ("warning", "error", "off")
#: Largest terminology.csv a workspace may hold.
MAX_TERMINOLOGY_BYTES = 5 * 1024 * 1024
#: Issue codes that mean a file could not be read at all (so it was not linted either).
_UNREADABLE = {"yaml-syntax", "bad-encoding", "file-too-large", "bad-path"}


@dataclass(frozen=True)
class Term:
    """One discouraged term, what to write instead, and why."""

    term: str
    preferred: str
    note: str = ""
    source: str = ""
    severity: str = "warning"

    @property
    def pattern(self) -> re.Pattern[str]:
        """Return the regex that finds the term as whole words (any case, spaces or hyphens between)."""
        words = [re.escape(w) for w in re.split(r"[\s-]+", self.term.strip()) if w]
        return re.compile(r"(?<![\w-])" + r"[\s-]+".join(words) + r"(?![\w-])", re.IGNORECASE)


def _read_terms(text: str, filename: str) -> tuple[list[Term], list[Issue]]:
    terms, issues = [], []
    reader = csv.DictReader(io.StringIO(text))
    missing = {"term", "preferred"} - set(reader.fieldnames or [])
    if missing:
        return [], [Issue("schema", f"{filename} lacks the column(s) {', '.join(sorted(missing))}", file=filename,
                          line=1, hint="the header is: term,preferred,note,source,severity")]
    for row in reader:
        line = reader.line_num
        term = (row.get("term") or "").strip()
        severity = (row.get("severity") or "warning").strip().lower() or "warning"
        if not term:
            issues.append(Issue("schema", "a row without a term", file=filename, line=line, hint="fill in `term`"))
            continue
        if severity not in _SEVERITIES:
            issues.append(Issue("schema", f"severity {severity!r} is not one of {', '.join(_SEVERITIES)}",
                                file=filename, line=line, hint="use warning, error or off"))
            continue
        terms.append(Term(term, (row.get("preferred") or "").strip(), (row.get("note") or "").strip(),
                          (row.get("source") or "").strip(), severity))
    return terms, issues


def load_terminology(root: str | Path | None = None) -> tuple[list[Term], list[Issue]]:
    """Return (terms, issues): the shipped list, extended or overridden by ``<root>/terminology.csv``."""
    shipped = resources.files("legalreview").joinpath("data/terminology.csv").read_text(encoding="utf-8")
    terms, issues = _read_terms(shipped, "legalreview/data/terminology.csv")
    by_key = {t.term.casefold(): t for t in terms}
    try:  # never through a link: a received review could point terminology.csv at any file
        raw = read_optional(root, "terminology.csv", MAX_TERMINOLOGY_BYTES) if root is not None else None
    except UnsafeFile as exc:
        return [t for t in by_key.values() if t.severity != "off"], issues + exc.issues
    if raw is not None:
        extra, found = _read_terms(raw.decode("utf-8-sig", errors="replace"), "terminology.csv")
        issues += found
        for t in extra:
            by_key[t.term.casefold()] = t
    return [t for t in by_key.values() if t.severity != "off"], issues


def find_terms(text: str, terms: list[Term]) -> list[tuple[int, Term, str]]:
    """Return (occurrence index, term, matched text) for each discouraged term outside quotation marks.

    The occurrence index counts every match of that term in ``text`` (quoted ones too), so the
    n-th match can be found again in the file's raw text. Where terms overlap, the longest wins.
    """
    quoted = [m.span() for m in _QUOTES.finditer(text)]
    hits: list[tuple[int, int, int, Term, str]] = []
    for term in terms:
        for n, m in enumerate(term.pattern.finditer(text)):
            hits.append((m.start(), m.end(), n, term, m.group(0)))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    out, taken = [], -1
    for start, end, n, term, matched in hits:
        if start < taken:
            continue
        taken = end
        if any(qs <= start and end <= qe for qs, qe in quoted):
            continue
        out.append((n, term, matched))
    return out


def _country_fields(ws: Workspace, iso3: str) -> Iterator[tuple[tuple[Any, ...], str, str]]:
    country = ws.countries[iso3]
    if country.notes:
        yield ("notes",), country.notes, "the country notes"
    for p_index, prov in enumerate(country.provisions):
        if prov.summary:  # our words; the law's verbatim text and its translation are not ours to lint
            key = "text" if prov.legacy_text else "summary"  # an old file keeps its summary under text
            yield ("provisions", p_index, key), prov.summary, f"the summary of provision {prov.id}"
    for a_index, a in enumerate(country.assessments):
        if a.summary:
            yield ("assessments", a_index, "summary"), a.summary, f"the {a.set} {a.edition} summary"
        for crit, answer in a.answers.items():
            if answer.note:
                yield ("assessments", a_index, "answers", crit, "note"), answer.note, f"the {crit} note by {a.coder}"


def _criteria_fields(ws: Workspace, set_id: str) -> Iterator[tuple[tuple[Any, ...], str, str]]:
    cs = ws.criteria[set_id]
    if cs.description:
        yield ("description",), cs.description, "the set description"
    for e_index, e in enumerate(cs.editions):
        if e.note:
            yield ("editions", e_index, "note"), e.note, f"the note on edition {e.id}"
    for c_index, crit in enumerate(cs.criteria):
        for name in ("question", "guidance", "model_provision"):
            yield ("criteria", c_index, name), getattr(crit, name), f"{crit.id} {name.replace('_', ' ')}"
        for w_index, w in enumerate(crit.wording):  # a wording's question is the report's own words
            if w.note:
                yield ("criteria", c_index, "wording", w_index, "note"), w.note, f"{crit.id} wording note"
    for t_index, tier in enumerate(cs.tiers):
        yield ("tiers", t_index, "label"), tier.label, f"tier {tier.id} label"
        if tier.description:
            yield ("tiers", t_index, "description"), tier.description, f"tier {tier.id} description"


class _RawFile:
    """A file's raw text, to turn a field's key position plus a match into an exact line and column."""

    def __init__(self, text: str, positions: PositionMap):
        self.lines = text.splitlines(keepends=True)
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))
        self.text = text
        self.offsets = sorted(self.offset(lc) for lc in positions.values())

    def offset(self, line_col: tuple[int, int]) -> int:
        line, col = line_col
        return self.starts[min(line - 1, len(self.lines))] + col - 1

    def locate(self, key_at: tuple[int, int], term: Term, nth: int) -> tuple[int, int]:
        start = self.offset(key_at)
        later = [o for o in self.offsets if o > start]
        end = later[0] if later else len(self.text)
        matches = list(term.pattern.finditer(self.text, start, end))
        if nth >= len(matches):
            return key_at
        at = matches[nth].start()
        line = max(i for i, s in enumerate(self.starts) if s <= at)
        return line + 1, at - self.starts[line] + 1


def lint(ws: Workspace, terms: list[Term], strict: bool = False) -> list[Issue]:
    """Return a ``terminology`` issue for every discouraged term in the workspace's own prose."""
    issues: list[Issue] = []
    jobs = [(ws.criteria_files[s], _criteria_fields(ws, s)) for s in ws.criteria] + \
           [(ws.country_files[c], _country_fields(ws, c)) for c in ws.countries]
    for filename, fields in jobs:
        positions = ws.positions.get(filename, {})
        raw: _RawFile | None = None
        for loc, text, what in fields:
            hits = find_terms(text, terms)
            if not hits:
                continue
            if raw is None:
                raw = _RawFile((ws.root / filename).read_bytes().decode("utf-8-sig", errors="replace"), positions)
            key_at = positions.get(loc)
            for nth, term, matched in hits:
                line, col = raw.locate(key_at, term, nth) if key_at else (None, None)
                severity: Severity = "error" if strict or term.severity == "error" else "warning"
                src = f" ({term.source})" if term.source else ""
                issues.append(Issue(
                    "terminology", f'"{matched}" in {what}: prefer "{term.preferred}"', severity=severity,
                    file=filename, line=line, column=col,
                    hint=f'write "{term.preferred}"{src}; keep the law\'s own words in "double quotes"'))
    return issues


def lint_workspace(root: str | Path, strict: bool = False) -> list[Issue]:
    """Return the terminology issues of the workspace at ``root`` (plus problems with files that
    could not be read, and so were not linted)."""
    ws, load_issues = load_workspace(root)
    terms, issues = load_terminology(root)
    if ws is None:
        return load_issues + issues
    issues += [i for i in load_issues if i.code in _UNREADABLE or (i.file and i.file not in ws.positions
                                                                      and i.code in {"schema", "unknown-field"})]
    return issues + lint(ws, terms, strict) + translation_issues(ws)
