"""The one error/warning type: an :class:`Issue` with a stable code and a location a person can open.

Validation never stops at the first problem; it collects ``Issue`` objects. Code that must fail
raises :class:`ReviewError`, which carries every issue found.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from typing import Literal
from collections.abc import Iterable

Severity = Literal["error", "warning"]

#: The catalogue of issue codes: code -> what it means. Documented in the README (generated).
CODES: dict[str, str] = {
    "yaml-syntax": "The file is not valid YAML (or uses a YAML feature we refuse, such as aliases).",
    "toml-syntax": "review.toml is not valid TOML.",
    "bad-encoding": "The file is not UTF-8 text.",
    "file-too-large": "The file is larger than the limit for its kind.",
    "schema": "A field is missing, has the wrong type, or is not part of the file format.",
    "unknown-field": "A key that the file format does not have (often a typo).",
    "unknown-criterion": "An answer names a criterion that the criteria set does not define.",
    "unknown-set": "An assessment names a criteria set that the workspace does not have.",
    "unknown-edition": "An assessment names an edition that the criteria set does not list.",
    "bad-answer": "An answer code that is not on the criteria set's scale.",
    "evidence-missing": 'A "yes" or "partial" answer cites no provision.',
    "unknown-provision": "Evidence names a provision id that the country file does not define.",
    "unknown-statute": "A provision names a statute id that the country file does not define.",
    "duplicate-id": "Two statutes, provisions, criteria, tiers or scale codes share an id.",
    "filename-mismatch": "A country file's name does not match its iso3 code.",
    "unknown-country": "A code or name that is not a known jurisdiction.",
    "unknown-region": "A region name that is not the UN M49 region, sub-region or intermediate region of any roster "
                      "country.",
    "not-in-roster": "A country file for a jurisdiction that is not on the review's roster.",
    "missing-country": "A roster jurisdiction has no country file.",
    "future-date": "An assessment is dated after today.",
    "criteria-incomplete": "An assessment leaves some of its set's criteria unanswered.",
    "bad-tier-rule": "A tier rule names an unknown criterion or is malformed.",
    "unreachable-tier": "A tier that no combination of answers can reach (an earlier tier always matches first).",
    "bad-path": "A code or id that could escape its folder ('..', slashes, NUL, reserved device names).",
    "bad-change-reason": "A change reason that is not one of the reason codes.",
    "change-without-reason": "An answer differs from the previous edition's and `changes:` gives no reason (law: "
                             "law-amended, new-law; coding: correction, method-change, first-coded, recoded).",
    "duplicate-assessment": "Two assessments share set, edition and coder.",
    "bad-url": "A URL that is not a plain http(s) address with a host (spaces, quotes, brackets and "
               "parentheses must be percent-encoded).",
    "control-character": "Text holding a control, bidi-override or line-separator character (tab and line "
                         "break are allowed).",
    "date-out-of-range": "A date before 1800-01-01 or after 2200-12-31.",
    "bad-language": "A language code that is not two or three lower-case letters (optionally with a region).",
    "missing-translation": "Review text (a question, guidance, tier or scale label ...) has no translation into one "
                           "of the review's languages; the default language is shown in its place.",
    "too-many": "A criteria set with more criteria, scale codes, tiers or editions than the limit.",
    "workspace-locked": "Another legalreview command (import, reconcile) is changing the workspace; wait and retry.",
    "bad-answer-cell": "A workbook cell whose answer is not on the scale.",
    "terminology": "Our own prose uses a term the Luxembourg Guidelines advise against (quotes of law are exempt).",
    "reconcile": "A reconciliation sheet item is incomplete (e.g. a disagreement with no final answer).",
    "reconcile-stale": "A reconciliation sheet no longer matches the coders' assessments in the country file.",
    "stale-assessment": "An assessment is older than the review's limit, or a statute it cites was amended since.",
    "workbook-format": "Not an .xlsx workbook made by `export-xlsx` (wrong type, sheet or metadata missing).",
    "workbook-unsafe": "A workbook refused for safety: macros, external links, XML entities (XML bomb), size caps.",
    "workbook-stale": "A workbook exported from another version of the criteria set.",
    "missing-column": "A workbook sheet lacks a column the import needs (deleted or renamed).",
    "formula-cell": "A workbook cell holds a formula where a typed value is expected.",
    "merged-cells": "Merged cells cover rows of a workbook's data sheet.",
    "duplicate-row": "Two workbook rows give the same country and criterion.",
    "conflict": "A workbook changes an answer that also changed in the country file since the export.",
    "not-ready": "`legalreview publish` refused an assessment: its country file has an error, or an `unknown` "
                 "answer has no note.",
    "no-coder": "A command that changes answers cannot tell who makes the change: pass --coder, set review.toml's "
                "[people] me, or `git config user.name`.",
    "no-workspace": "No review.toml in the folder a command runs in or any folder above it (give --dir).",
    # the law as reviewers record it (issue 17)
    "unknown-subdivision": "A scope names a unit that is not an ISO 3166-2 subdivision of the file's country, or a "
                           "unit file in countries/<ISO3>/ is not one of that country's.",
    "scope-mismatch": "Evidence applies only in sub-national units outside the assessment's scope.",
    "law-as-at-after-assessed": "An assessment's `law_as_at` is later than its `assessed_on`.",
    "law-dates-order": "A statute or provision is in force before it was enacted, or repealed before either.",
    "provision-not-in-force": "Evidence that was not yet enacted or in force at the assessment's `law_as_at`.",
    "repealed-cited": "Evidence that was repealed on or before the assessment's `law_as_at`.",
    "bill-cited": 'A bill (`bill: true`, not law) is cited as evidence for an answer that scores points ("yes", '
                  '"partial").',
    "quoted-flag": "A provision uses the old `quoted:` flag: keep verbatim words in `text:`, move our words to "
                   "`summary:`.",
    "text-without-language": "A provision's `text:` gives no `language:`; it is read as our summary (the old "
                             "default). Rename it `summary:`, or add `language:` if it is the law's own words.",
    "unknown-fact": "A country file records a fact that criteria/facts.yaml does not define.",
    "bad-fact-value": "A fact's value does not match its type in criteria/facts.yaml (age, years, number, boolean, "
                      "text).",
    "fact-evidence-missing": "A fact with a value cites no provision.",
    "answer-contradicts-fact": "An answer to a criterion with `derived_from` disagrees with the fact the country "
                               "file records (e.g. G5 \"yes\" while grooming-protected-age is 16).",
    "unknown-instrument": "A country file records an instrument that criteria/instruments.yaml does not define.",
}


@dataclass(frozen=True)
class Issue:
    """One problem found in the review, with where to look and what to do."""

    code: str
    message: str
    severity: Severity = "error"
    file: str | None = None
    line: int | None = None
    column: int | None = None
    sheet: str | None = None
    cell: str | None = None
    hint: str | None = None

    @property
    def location(self) -> str:
        """Return ``file:line:col`` or ``sheet!cell`` (whatever is known), or an empty string."""
        if self.sheet is not None:
            return f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        if self.file is None:
            return ""
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        where = self.location
        text = f"{where}: " if where else ""
        text += f"{self.severity} {self.code}: {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text

    def to_dict(self) -> dict[str, object]:
        """Return the issue as a plain dict (for ``--json``), location included."""
        data = {k: v for k, v in asdict(self).items() if v is not None}
        data["location"] = self.location
        return data


class ReviewError(Exception):
    """Raised when a review cannot be used; ``.issues`` holds every problem found."""

    def __init__(self, issues: Iterable[Issue]):
        self.issues = list(issues)
        errors = [i for i in self.issues if i.severity == "error"]
        first = str(errors[0]) if errors else "no errors"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"{first}{more}")


def has_errors(issues: Iterable[Issue]) -> bool:
    """Return True when any issue is an error (warnings alone do not fail)."""
    return any(i.severity == "error" for i in issues)


def _cell_key(cell: str | None) -> tuple[int, int, str]:
    """Return (row, column, text) for a cell such as "D12", so D2 sorts before D10."""
    m = re.fullmatch(r"([A-Z]+)(\d+)", cell or "")
    if not m:
        return (0, 0, cell or "")
    column = 0
    for ch in m.group(1):
        column = column * 26 + ord(ch) - 64
    return (int(m.group(2)), column, "")


def sort_issues(issues: Iterable[Issue]) -> list[Issue]:
    """Return issues in reading order: by file, line, column, then sheet and cell (row by row)."""
    return sorted(
        issues,
        key=lambda i: (i.file or "", i.line or 0, i.column or 0, i.sheet or "", _cell_key(i.cell), i.code),
    )


def nearest(value: str, choices: Iterable[str], limit: int = 3, cutoff: float = 60) -> list[str]:
    """Return up to ``limit`` of ``choices`` closest to ``value`` (case-insensitive), best first: the
    one "did you mean" matcher of the package (rapidfuzz; a hint only, never a decision)."""
    from rapidfuzz import fuzz, process

    options = {c: c.casefold() for c in dict.fromkeys(choices)}
    found = process.extract(value.strip().casefold(), options, scorer=fuzz.WRatio, limit=limit,
                            score_cutoff=cutoff)
    return [key for _text, _score, key in found]


def issues_to_json(issues: Iterable[Issue]) -> str:
    """Return the issues as a JSON array (the ``--json`` output)."""
    return json.dumps([i.to_dict() for i in issues], indent=2, ensure_ascii=False)
