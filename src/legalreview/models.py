"""pydantic v2 models for the workspace files: criteria sets, countries, statutes, provisions,
assessments and answers. Every model forbids unknown keys and is frozen.

Cross-record rules (evidence must name a provision in the same file, answers must use the set's
scale, ...) are not checked here but in :mod:`legalreview.validate`, so that every problem can be
reported with its position in one run.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

#: Ids of statutes, provisions, criteria, tiers, coders: letters, digits, ``-``, ``_``, ``.``.
#: No path separators, so an id can never name a file outside its folder.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$"
Id = Annotated[str, Field(pattern=ID_PATTERN)]
#: ISO 3166 alpha-3, or a roster extension such as ``USA-CA`` (never a path).
ISO3 = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9]{2}(-[A-Z0-9]{1,6})?$")]

STATUSES = ("draft", "reviewed", "published", "illustrative")
Status = Literal["draft", "reviewed", "published", "illustrative"]

#: Why an answer changed from the previous edition.
CHANGE_REASONS = ("law-amended", "new-law", "correction", "method-change")
ChangeReason = Literal["law-amended", "new-law", "correction", "method-change"]


class Model(BaseModel):
    """Base for every file model: unknown keys are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --------------------------------------------------------------------------- criteria sets


class Source(Model):
    """The published report a criteria set is modelled on."""

    publisher: str
    title: str
    edition: str | None = None
    year: int | None = None
    url: str | None = None


class ScaleItem(Model):
    """One answer code on a criteria set's scale. ``points: null`` means "not scored" (unknown,
    not applicable): such answers are kept apart from "no" everywhere."""

    code: Id
    label: str
    points: float | None = None
    description: str | None = None


class Edition(Model):
    """One edition of the report a criteria set follows (e.g. the 6th edition, 2010)."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
    label: str
    year: int | None = None
    countries: int | None = None
    note: str | None = None


class Wording(Model):
    """The wording of a criterion from a given edition on (criteria change across editions)."""

    from_edition: str
    question: str
    note: str | None = None


#: How an answer counts when tiers are decided (see :class:`CriteriaSet`): ``met``, ``not_met``,
#: ``partly_met`` (decided, but neither met nor not met) or ``unknown`` (could go either way).
CountsAs = Literal["met", "not_met", "partly_met", "unknown"]
COUNTS_AS = ("met", "not_met", "partly_met", "unknown")
#: Counting rules that apply unless a set or criterion says otherwise (besides the points rule below).
DEFAULT_COUNTING: dict[str, str] = {"not_applicable": "not_met"}


class Criterion(Model):
    """One criterion: what coders answer for every country.

    ``counting`` overrides the set's counting rules for this criterion only (answer code -> how it
    counts), e.g. ``counting: {partial: partly_met}`` on G1 of the grooming set.
    """

    id: Id
    short: str
    question: str
    guidance: str
    model_provision: str
    wording: list[Wording] = []
    counting: dict[Id, CountsAs] = {}


class TierRule(Model):
    """A declarative tier rule; exactly one of the four kinds is given. Data, never ``eval``."""

    all_met: list[Id] | None = None
    any_met: list[Id] | None = None
    none_met: list[Id] | None = None
    min_met: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _exactly_one_kind(self) -> TierRule:
        given = [k for k in ("all_met", "any_met", "none_met", "min_met") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                "a tier rule needs exactly one of all_met, any_met, none_met, min_met "
                f"(found {', '.join(given) or 'none'})"
            )
        return self

    @property
    def kind(self) -> str:
        """Return the rule's kind, e.g. ``"all_met"``."""
        for k in ("all_met", "any_met", "none_met", "min_met"):
            if getattr(self, k) is not None:
                return k
        raise AssertionError("unreachable")  # pragma: no cover

    @property
    def criteria(self) -> list[str]:
        """Return the criterion ids the rule names (empty for ``min_met``)."""
        value = getattr(self, self.kind)
        return list(value) if isinstance(value, list) else []


class Tier(Model):
    """A named outcome; the first tier whose rule a country matches is its tier."""

    id: Id
    label: str
    rule: TierRule
    description: str | None = None


#: Words people type that are not on a scale, and the code they most likely mean. Hints only:
#: an answer is accepted only as a code or label (see :meth:`CriteriaSet.answer_spellings`).
ANSWER_HINTS = {
    "maybe": "partial", "partly": "partial", "some": "partial", "part": "partial", "partial yes": "partial",
    "y": "yes", "true": "yes", "met": "yes", "x": "yes",
    "n": "no", "false": "no", "none": "no", "not met": "no",
    "?": "unknown", "unsure": "unknown", "dont know": "unknown", "don't know": "unknown", "tbd": "unknown",
    "n/a": "not_applicable", "na": "not_applicable", "-": "not_applicable",
}


def _spelling(text: str) -> str:
    return " ".join(text.split()).casefold()


class CriteriaSet(Model):
    """A criteria set (``criteria/<id>.yaml``): scale, ordered criteria, tiers and source.

    ``counting`` states how each answer code counts when tiers are decided, e.g.
    ``counting: {partial: not_met, not_applicable: not_met}``. Each code counts as one of:

    - ``met``: the criterion is met (all_met, any_met and min_met count it);
    - ``not_met``: it is not met (none_met counts it);
    - ``partly_met``: decided, but neither: it keeps a country out of tiers that need the criterion
      met and out of tiers that need it not met;
    - ``unknown``: not decided; tiers are worked out both ways (``tier_low`` with every unknown
      not met, ``tier_high`` with every unknown met) and a country whose two tiers differ is
      ``undetermined``.

    Codes the set does not name count by default: the scale's highest points -> ``met``; other
    points -> ``not_met``; ``not_applicable`` -> ``not_met``; any other code without points (such
    as ``unknown``) -> ``unknown``. A criterion's own ``counting`` overrides the set's for that
    criterion. An unanswered criterion counts as ``unknown``.
    """

    id: Id
    title: str
    version: int = Field(ge=1)
    source: Source
    description: str | None = None
    editions: list[Edition] = []
    scale: list[ScaleItem] = Field(min_length=1)
    criteria: list[Criterion] = Field(min_length=1)
    tiers: list[Tier] = []
    counting: dict[Id, CountsAs] = {}

    @property
    def criterion_ids(self) -> list[str]:
        """Return the criterion ids in order."""
        return [c.id for c in self.criteria]

    @property
    def codes(self) -> list[str]:
        """Return the answer codes in scale order."""
        return [s.code for s in self.scale]

    @property
    def max_points(self) -> float | None:
        """Return the highest points on the scale: an answer with these points "meets" a criterion."""
        pts = [s.points for s in self.scale if s.points is not None]
        return max(pts) if pts else None

    def criterion(self, criterion_id: str) -> Criterion:
        """Return the criterion with this id (KeyError when there is none)."""
        for c in self.criteria:
            if c.id == criterion_id:
                return c
        raise KeyError(criterion_id)

    def counts_as(self, code: str, criterion_id: str | None = None) -> str:
        """Return how an answer code counts for tiers (``met``, ``not_met``, ``partly_met`` or
        ``unknown``) for this criterion: its own rule, else the set's, else the default."""
        if criterion_id is not None:
            own = next((c.counting for c in self.criteria if c.id == criterion_id), {})
            if code in own:
                return own[code]
        if code in self.counting:
            return self.counting[code]
        points = next((s.points for s in self.scale if s.code == code), None)
        if points is None:
            return DEFAULT_COUNTING.get(code, "unknown")
        return "met" if points == self.max_points else "not_met"

    def scale_item(self, code: str) -> ScaleItem:
        """Return the scale item with this code (KeyError when there is none)."""
        for s in self.scale:
            if s.code == code:
                return s
        raise KeyError(code)

    def answer_spellings(self) -> dict[str, str]:
        """Return accepted spellings (casefolded, spaces collapsed) -> scale code: the code, the label,
        and either with spaces for underscores."""
        table: dict[str, str] = {}
        for item in self.scale:
            for spelling in (item.code, item.label, item.code.replace("_", " "), item.label.replace(" ", "_")):
                table.setdefault(_spelling(spelling), item.code)
        return table

    def suggest_code(self, raw: str) -> str | None:
        """Return the scale code someone who typed ``raw`` most likely meant, for a "did you mean" hint."""
        import difflib

        key = _spelling(raw)
        spellings = self.answer_spellings()
        guess = spellings.get(key) or ANSWER_HINTS.get(key)
        if guess in self.codes:
            return guess
        close = difflib.get_close_matches(key, list(spellings), n=1, cutoff=0.6)
        return spellings[close[0]] if close else None

    def question_for(self, criterion_id: str, edition: str | None) -> str:
        """Return the criterion's question as worded for an edition (latest wording at or before it)."""
        crit = self.criterion(criterion_id)
        question = crit.question
        if edition is None or not crit.wording:
            return question
        order = [e.id for e in self.editions]
        pos = order.index(edition) if edition in order else None
        for w in crit.wording:
            if pos is None or w.from_edition not in order:
                continue
            if order.index(w.from_edition) <= pos:
                question = w.question
        return question


# --------------------------------------------------------------------------- countries

_URL = re.compile(r"^https?://", re.IGNORECASE)


class Statute(Model):
    """A law in force (or once in force) in a jurisdiction."""

    id: Id
    title: str
    citation: str | None = None
    year: int | None = None
    in_force: dt.date | None = None
    amended_on: dt.date | None = None
    url: str | None = None
    language: str | None = None

    @field_validator("url")
    @classmethod
    def _http_only(cls, v: str | None) -> str | None:
        if v is not None and not _URL.match(v):
            raise ValueError("url must start with http:// or https://")
        return v


class Provision(Model):
    """A section of a statute, quoted or summarised; evidence in answers points here by id."""

    id: Id
    statute: Id
    section: str
    text: str = ""
    quoted: bool = False


class Answer(Model):
    """An answer: a scale code, the provisions that support it, and a note saying why."""

    value: str
    evidence: list[Id] = []
    note: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare_code(cls, data: Any) -> Any:
        if isinstance(data, bool):
            raise ValueError('write the answer in quotes, e.g. "yes" or "no" (unquoted it reads as true/false)')
        if isinstance(data, (str, int, float)):
            return {"value": str(data)}
        if isinstance(data, dict) and isinstance(data.get("value"), bool):
            raise ValueError('write the answer in quotes, e.g. value: "yes"')
        return data


class Assessment(Model):
    """One coder's answers for one criteria set and edition in one country."""

    set: Id
    version: int | None = None
    edition: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
    assessed_on: dt.date
    coder: Id
    status: Status
    summary: str | None = None
    answers: dict[str, Answer] = {}
    changes: dict[str, ChangeReason] = {}

    @field_validator("edition", mode="before")
    @classmethod
    def _edition_as_text(cls, v: Any) -> Any:
        return str(v) if isinstance(v, int) and not isinstance(v, bool) else v


class Country(Model):
    """A jurisdiction's file (``countries/<ISO3>.yaml``): statutes, provisions, assessments."""

    iso3: ISO3
    name: str
    statutes: list[Statute] = []
    provisions: list[Provision] = []
    assessments: list[Assessment] = []
    notes: str | None = None

    def provision(self, provision_id: str) -> Provision:
        """Return the provision with this id (KeyError when there is none)."""
        for p in self.provisions:
            if p.id == provision_id:
                return p
        raise KeyError(provision_id)

    def statute(self, statute_id: str) -> Statute:
        """Return the statute with this id (KeyError when there is none)."""
        for s in self.statutes:
            if s.id == statute_id:
                return s
        raise KeyError(statute_id)


# --------------------------------------------------------------------------- review.toml


class ReviewInfo(Model):
    """The ``[review]`` table of ``review.toml``: what the review is and who publishes it."""

    name: str
    publisher: str
    edition: str = ""
    language: str = "en"
    url: str | None = None
    license: str | None = None
    published_on: dt.date | None = None


class ExtraJurisdiction(Model):
    """A jurisdiction outside ISO 3166 (a state, province or synthetic test unit)."""

    name: str
    region: str = ""
    subregion: str = ""


class RosterConfig(Model):
    """The ``[roster]`` table: which jurisdictions the review covers."""

    base: Literal["un196", "none"] = "un196"
    include: list[str] = []
    exclude: list[str] = []
    #: extra jurisdictions that are not ISO 3166 (sub-national units, synthetic codes)
    extra: dict[str, ExtraJurisdiction] = {}


class BuildConfig(Model):
    """The ``[build]`` table: output folder and limits."""

    out: str = "reports/site"
    stale_after_days: int = 1095
    include_drafts: bool = False


class ReviewConfig(Model):
    """The whole of ``review.toml``."""

    review: ReviewInfo
    roster: RosterConfig = RosterConfig()
    build: BuildConfig = BuildConfig()
