"""pydantic v2 models for the workspace files: criteria sets, countries, statutes, provisions,
assessments and answers. Every model forbids unknown keys and is frozen.

Cross-record rules (evidence must name a provision in the same file, answers must use the set's
scale, ...) are not checked here but in :mod:`legalreview.workspace` (``load_workspace``), so that
every problem can be reported with its position in one run.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .i18n import Language, LocalText

#: Ids of statutes, provisions, criteria, tiers, coders: letters, digits, ``-``, ``_``, ``.``.
#: No path separators, so an id can never name a file outside its folder.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$"
Id = Annotated[str, Field(pattern=ID_PATTERN)]
#: A jurisdiction's code: ISO 3166 alpha-3 (``AUS``), a roster extension such as ``USA-CA``, or an
#: ISO 3166-2 sub-national unit (``AU-NSW``, file ``countries/AUS/AU-NSW.yaml``). Never a path.
CODE_REGEX = r"^(?:[A-Z][A-Z0-9]{2}(?:-[A-Z0-9]{1,6})?|[A-Z]{2}-[A-Z0-9]{1,3})$"
ISO3 = Annotated[str, Field(pattern=CODE_REGEX)]

STATUSES = ("draft", "reviewed", "published", "illustrative")
Status = Literal["draft", "reviewed", "published", "illustrative"]

#: Why an answer changed from the previous edition. "first-coded": an answer that was unknown or
#: missing is now decided; "recoded": the same law read differently.
CHANGE_REASONS = ("law-amended", "new-law", "correction", "method-change", "first-coded", "recoded")
ChangeReason = Literal["law-amended", "new-law", "correction", "method-change", "first-coded", "recoded"]
#: Reasons that say the law changed; every other reason says only our coding changed.
LAW_REASONS = ("law-amended", "new-law")
CODING_REASONS = ("correction", "method-change", "first-coded", "recoded")
#: Answer codes that decide nothing: a change from one of these (or from no answer) to a decided
#: answer is "first-coded" when no reason is given.
UNDECIDED_CODES = ("unknown", "")


def change_kind(reason: str) -> str:
    """Return "law" for a reason saying the law changed, "coding" for one saying our coding did, else ""."""
    return "law" if reason in LAW_REASONS else "coding" if reason in CODING_REASONS else ""


def change_reason(old: str, new: str, given: str = "") -> str:
    """Return why an answer went from ``old`` to ``new`` ("" = no answer): the reason given, else
    "first-coded" when an undecided answer became a decided one, else "" (no reason known)."""
    if given:
        return given
    if old != new and old in UNDECIDED_CODES and new not in UNDECIDED_CODES:
        return "first-coded"
    return ""


# --------------------------------------------------------------------------- values later stages can carry
#
# A review received from someone else is untrusted input. Everything a model accepts must survive
# every later stage (pandas, CSV, XLSX, Markdown, HTML, PDF, charts) without crashing or changing
# meaning, so the limits of those stages are enforced here, once, with a located error.

#: Characters refused in every text value (and every mapping key) of every file:
#: C0 controls except tab and line feed (CR too: YAML turns line breaks into "\n", so a CR only
#: comes from a "\r" escape), DEL, C1 controls (U+0080-U+009F, NEL included), the line and
#: paragraph separators U+2028/U+2029 (line breaks to some readers, not to others), the bidi
#: embeddings and overrides U+202A-U+202E and isolates U+2066-U+2069 (they reorder what a reader
#: sees: "Trojan Source"), and the non-characters U+FFFE/U+FFFF. LRM/RLM/ALM marks stay allowed.
BAD_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
#: Dates anywhere in a file: pandas (nanosecond timestamps) carries 1677-09-22..2262-04-11 only.
DATE_MIN = dt.date(1800, 1, 1)
DATE_MAX = dt.date(2200, 12, 31)
#: Most criteria in one set (charts, tables and workbooks hold a row or column per criterion).
MAX_CRITERIA = 200
#: Most answer codes on a scale, tiers and editions of one set (charts hold a bar segment per pair).
MAX_SCALE = 20
MAX_TIERS = 50
MAX_EDITIONS = 100
#: Largest points of a scale code, either sign (sums over criteria stay exact; NaN and infinity are refused).
MAX_POINTS = 1000
#: Longest URL accepted.
MAX_URL = 2048
#: Characters refused in a URL (besides whitespace and the BAD_TEXT ones): they end a Markdown link
#: target, an HTML attribute or an autolink, or hide a second link. Percent-encode them instead.
URL_REFUSED = "\"'<>\\`()[]{}|^"


def _char_name(ch: str) -> str:
    import unicodedata

    return f"U+{ord(ch):04X}" + (f" {unicodedata.name(ch)}" if unicodedata.name(ch, "") else " (a control character)")


def _bad_value(value: Any) -> tuple[tuple[Any, ...], str, str] | None:
    """Return (path inside value, error type, message) for the first value later stages cannot carry:
    text with a refused character, a date outside DATE_MIN..DATE_MAX. Models inside are skipped
    (they checked themselves)."""
    cls = value.__class__
    if cls is str or isinstance(value, str):
        return _bad_text(value)
    if isinstance(value, dt.date):
        if not DATE_MIN <= (value.date() if isinstance(value, dt.datetime) else value) <= DATE_MAX:
            return (), "date_out_of_range", f"{value.isoformat()} is outside {DATE_MIN}..{DATE_MAX}"
        return None
    if cls is list or cls is tuple or cls is dict:
        if _plainly_clean(value, cls):
            return None
        return _bad_entry(value) if cls is dict else _bad_item(value)
    return None


def _bad_text(value: str) -> tuple[tuple[Any, ...], str, str] | None:
    """Return (path, error type, message) for the first refused character of a text or of one of its
    translations (an ``i18n.Text``), or None."""
    m = BAD_TEXT.search(value)
    if m:
        return (), "control_character", f"the text holds {_char_name(m.group())} at character {m.start() + 1}"
    for language, words in getattr(value, "translations", {}).items():  # i18n.Text
        m = BAD_TEXT.search(words)
        if m:
            return ((language,), "control_character",
                    f"the {language!r} text holds {_char_name(m.group())} at character {m.start() + 1}")
    return None


def _plainly_clean(value: Any, cls: type) -> bool:
    """Return True when a list, tuple or dict is clean at a glance (the common case, in one search):
    text items, or text keys of models, with no refused character."""
    try:
        clean = not BAD_TEXT.search("".join(value))
    except TypeError:  # not all text
        return False
    return clean and (cls is not dict or all(isinstance(v, BaseModel) for v in value.values()))


def _bad_item(value: list[Any] | tuple[Any, ...]) -> tuple[tuple[Any, ...], str, str] | None:
    """Return what :func:`_bad_value` finds first in the items of a list or tuple (path from the index), or None."""
    for index, item in enumerate(value):
        found = _bad_value(item)
        if found:
            return ((index, *found[0]), *found[1:])
    return None


def _bad_entry(value: dict[Any, Any]) -> tuple[tuple[Any, ...], str, str] | None:
    """Return what :func:`_bad_value` finds first in the keys and values of a dict (path from the key), or None."""
    for key, item in value.items():
        found = _bad_value(key)
        if found:
            return ((key,), *found[1:])
        found = _bad_value(item)
        if found:
            return ((key, *found[0]), *found[1:])
    return None


#: The first character of a URL that is refused: whitespace, BAD_TEXT, URL_REFUSED.
_URL_BAD_CHAR = re.compile("[\\s" + BAD_TEXT.pattern[1:-1] + re.escape(URL_REFUSED) + "]")
#: The authority of an http(s) URL (user, host and port: up to the first "/", "?" or "#").
_AUTHORITY = re.compile(r"^https?://([^/?#]*)", re.IGNORECASE)


def url_problem(value: str) -> str | None:
    """Return why ``value`` is not a plain http(s) URL (None when it is one): scheme http or https, a
    host, no user name or password, no whitespace or control characters, none of URL_REFUSED."""
    if len(value) > MAX_URL:
        return f"the URL is {len(value)} characters long; the limit is {MAX_URL}"
    if not (value[:7].lower() == "http://" or value[:8].lower() == "https://"):
        return "only http:// and https:// links are allowed"
    bad = _URL_BAD_CHAR.search(value)
    if bad:
        ch = bad.group()
        shown = repr(ch) if ch.isprintable() and not ch.isspace() else _char_name(ch)
        return f"the URL holds {shown}, which could end or split a link"
    netloc = _AUTHORITY.match(value).group(1)  # type: ignore[union-attr]  # the scheme matched above
    if "@" in netloc:
        return "the URL names a user before its host (user@host): the host a reader sees is not the one opened"
    host, colon, port = netloc.partition(":")
    if colon and port and not (re.fullmatch(r"[0-9]{1,5}", port) and int(port) <= 65535):
        return f"the URL's port {port!r} is not a number from 0 to 65535"
    if not host or host.startswith(".") or ".." in host:
        return "the URL has no host name after http(s)://"
    return None


def _plain_url(value: str) -> str:
    problem = url_problem(value)
    if problem:
        raise PydanticCustomError("bad_url", "{problem}", {"problem": problem})
    return value


#: A plain http(s) URL (see :func:`url_problem`).
Url = Annotated[str, AfterValidator(_plain_url)]


class Model(BaseModel):
    """Base for every file model: unknown keys are errors, instances are immutable, and no value is
    one that later stages cannot carry (see BAD_TEXT, DATE_MIN/DATE_MAX): checked here for every
    field of every model, present and future, in one place."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, allow_inf_nan=False)

    #: the fields that can hold text or dates, set per class (models inside check themselves)
    _carried_fields: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls._carried_fields = tuple(name for name, info in cls.model_fields.items() if _may_carry(info.annotation))

    @model_validator(mode="after")
    def _values_later_stages_can_carry(self) -> Any:
        values = self.__dict__
        for name in self._carried_fields:
            value = values[name]
            cls = value.__class__
            if cls is str:
                if not BAD_TEXT.search(value):
                    continue
            elif value is None or (cls is dt.date and DATE_MIN <= value <= DATE_MAX):
                continue
            elif cls is list:
                try:  # a list of text (ids, codes) in one search
                    if not BAD_TEXT.search("".join(value)):
                        continue
                except TypeError:
                    pass
            found = _bad_value(value)
            if found:
                path, kind, message = found
                raise PydanticCustomError(kind, "{message}", {"message": message, "path": (name, *path)})
        return self


def _may_carry(annotation: Any) -> bool:
    """Return True when a field of this type can hold text (values or mapping keys) or a date outside
    a model of its own; unknown types count as able to (the check is never skipped by mistake)."""
    import types
    import typing

    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _may_carry(typing.get_args(annotation)[0])
    if origin is typing.Literal:
        return False
    if origin in (typing.Union, types.UnionType, list, tuple, set, frozenset):
        return any(_may_carry(arg) for arg in typing.get_args(annotation) if arg is not type(None) and arg is not ...)
    if origin is dict:
        return True  # the keys are text
    if annotation in (int, float, bool, type(None)):
        return False
    return not (isinstance(annotation, type) and issubclass(annotation, BaseModel))


# --------------------------------------------------------------------------- criteria sets


class Source(Model):
    """The published report a criteria set is modelled on."""

    publisher: str
    title: str
    edition: str | None = None
    year: int | None = None
    url: Url | None = None


class ScaleItem(Model):
    """One answer code on a criteria set's scale. ``points: null`` means "not scored" (unknown,
    not applicable): such answers are kept apart from "no" everywhere."""

    code: Id
    label: LocalText
    points: float | None = Field(default=None, ge=-MAX_POINTS, le=MAX_POINTS)
    description: LocalText | None = None


class Edition(Model):
    """One edition of the report a criteria set follows (e.g. the 6th edition, 2010)."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
    label: LocalText
    year: int | None = None
    countries: int | None = None
    note: str | None = None


class Wording(Model):
    """The wording of a criterion from a given edition on (criteria change across editions)."""

    from_edition: str
    question: LocalText
    note: str | None = None


#: How an answer counts when tiers are decided (see :class:`CriteriaSet`): ``met``, ``not_met``,
#: ``partly_met`` (decided, but neither met nor not met) or ``unknown`` (could go either way).
CountsAs = Literal["met", "not_met", "partly_met", "unknown"]
COUNTS_AS = ("met", "not_met", "partly_met", "unknown")
#: Counting rules that apply unless a set or criterion says otherwise (besides the points rule below).
DEFAULT_COUNTING: dict[str, str] = {"not_applicable": "not_met"}


class DerivedFrom(Model):
    """How a criterion follows from a structured fact (``criteria/facts.yaml``): the criterion is met
    when the fact's value is at least ``at_least`` (and/or at most ``at_most``, or equals ``equals``).
    ``validate`` warns (``answer-contradicts-fact``) when an answer says otherwise."""

    fact: Id
    at_least: float | None = None
    at_most: float | None = None
    equals: bool | float | str | None = None

    @model_validator(mode="after")
    def _some_condition(self) -> DerivedFrom:
        if self.at_least is None and self.at_most is None and self.equals is None:
            raise ValueError("derived_from needs at_least, at_most or equals")
        return self

    def holds(self, value: Any) -> bool | None:
        """Return whether a fact's value meets the condition (None when the value cannot be compared)."""
        if value is None:
            return None
        if self.equals is not None:
            return bool(value == self.equals)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None
        return (self.at_least is None or value >= self.at_least) and (self.at_most is None or value <= self.at_most)


class Criterion(Model):
    """One criterion: what coders answer for every country.

    ``counting`` overrides the set's counting rules for this criterion only (answer code -> how it
    counts), e.g. ``counting: {partial: partly_met}`` on G1 of the grooming set.
    """

    id: Id
    short: LocalText
    question: LocalText
    guidance: LocalText
    model_provision: LocalText
    wording: list[Wording] = []
    counting: dict[Id, CountsAs] = {}
    #: the structured fact this criterion follows from, if any (answers are checked against it)
    derived_from: DerivedFrom | None = None


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
    label: LocalText
    rule: TierRule
    description: LocalText | None = None


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


FederalRule = Literal["national", "all_units", "any_unit"]


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
    title: LocalText
    version: int = Field(ge=1)
    source: Source
    description: LocalText | None = None
    #: who translated the set's text, per language (e.g. {fr: "legalreview maintainers, not official"})
    translated_by: dict[str, str] = {}
    editions: list[Edition] = Field(default=[], max_length=MAX_EDITIONS)
    scale: list[ScaleItem] = Field(min_length=1, max_length=MAX_SCALE)
    criteria: list[Criterion] = Field(min_length=1, max_length=MAX_CRITERIA)
    tiers: list[Tier] = Field(default=[], max_length=MAX_TIERS)
    counting: dict[Id, CountsAs] = {}
    #: how a federal country's answer is derived from its sub-national units' (``countries/<ISO3>/``)
    #: for a criterion its own counted assessment leaves unanswered: ``national`` (never derived),
    #: ``all_units`` (met when every unit meets it) or ``any_unit`` (met when one unit does)
    federal_rule: FederalRule = "national"

    @property
    def criterion_ids(self) -> list[str]:
        """Return the criterion ids in order."""
        return [c.id for c in self.criteria]

    @functools.cached_property
    def scale_by_code(self) -> dict[str, ScaleItem]:
        """Return answer code -> its scale item (worked out once: checks look up every answer)."""
        return {s.code: s for s in self.scale}

    @functools.cached_property
    def criterion_id_set(self) -> frozenset[str]:
        """Return the criterion ids as a set (worked out once: checks look up every answer)."""
        return frozenset(c.id for c in self.criteria)

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

    def needs_evidence(self, code: str) -> bool:
        """Return True when an answer with this code must cite a provision: the evidence rule ("yes"
        and "partial", every code worth points, cite at least one provision of the same file)."""
        item = self.scale_by_code.get(code)
        return item is not None and item.points is not None and item.points > 0

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
        for item in self.scale:  # the label in every language the set is translated into ("oui", "sí")
            for label in getattr(item.label, "translations", {}).values():
                table.setdefault(_spelling(label), item.code)
                table.setdefault(_spelling(label.replace(" ", "_")), item.code)
        return table

    def suggest_code(self, raw: str) -> str | None:
        """Return the scale code someone who typed ``raw`` most likely meant, for a "did you mean" hint."""
        from .issues import nearest

        key = _spelling(raw)
        spellings = self.answer_spellings()
        guess = spellings.get(key) or ANSWER_HINTS.get(key)
        if guess in self.codes:
            return guess
        close = nearest(key, list(spellings), limit=1)
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


#: ISO 3166-2 subdivision code, e.g. ``GB-ENG`` or ``AU-NSW`` (checked against pycountry when loaded).
SUBDIVISION_PATTERN = r"^[A-Z]{2}-[A-Z0-9]{1,3}$"
Subdivision = Annotated[str, Field(pattern=SUBDIVISION_PATTERN)]
#: The levels of law a scope can name: the whole jurisdiction's own (national, federal,
#: Commonwealth) law, or the law of some of its sub-national units.
ScopeLevel = Literal["national", "subnational"]


class Scope(Model):
    """Where a statute, provision or assessment applies: the jurisdiction's national law (the default)
    or the law of some of its sub-national units (ISO 3166-2 codes), with a label people read.

    Written as ``national``, as a list of units (``[GB-ENG, GB-WLS]``) or as a mapping
    (``{units: [GB-ENG, GB-WLS], label: "England and Wales"}``; ``{level: national, label: "Federal law
    only"}``). Units make the level ``subnational``.
    """

    level: ScopeLevel = "national"
    units: list[Subdivision] = Field(default=[], max_length=200)
    label: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _short_forms(cls, data: Any) -> Any:
        if isinstance(data, str):
            if data in ("national", "subnational"):
                return {"level": data}
            if re.match(SUBDIVISION_PATTERN, data):
                return {"level": "subnational", "units": [data]}
            raise ValueError(f"scope {data!r} is not `national`, `subnational` or an ISO 3166-2 code: write "
                             "scope: {units: [GB-ENG, GB-WLS], label: \"England and Wales\"} or "
                             "scope: {level: national, label: \"Federal law only\"}")
        if isinstance(data, list):
            return {"level": "subnational", "units": data}
        if isinstance(data, dict) and data.get("units") and "level" not in data:
            return {**data, "level": "subnational"}
        return data

    @model_validator(mode="after")
    def _units_need_subnational(self) -> Scope:
        if self.units and self.level != "subnational":
            raise ValueError("a scope that lists units is sub-national: drop `level: national` or the units")
        return self

    @property
    def text(self) -> str:
        """Return the scope as people read it: the label, else the units, else "National law"."""
        if self.label:
            return self.label
        if self.units:
            return ", ".join(self.units)
        return "National law" if self.level == "national" else "Sub-national law"


#: The scope of anything that does not state one.
NATIONAL = Scope()


class LawDates(Model):
    """Dates and status shared by statutes and provisions: when the law was made, came into force,
    was last amended or repealed, and whether it is only a bill (shown, never counted as law)."""

    enacted: dt.date | None = None
    in_force: dt.date | None = None
    amended_on: dt.date | None = None
    repealed_on: dt.date | None = None
    #: a bill before the legislature, not law: it may be cited for context, never as support for a mark
    bill: bool = False
    scope: Scope | None = None

    def in_force_at(self, day: dt.date) -> bool:
        """Return False when this law is a bill, or not yet enacted or in force, on ``day``."""
        if self.bill:
            return False
        start = self.in_force or self.enacted
        return start is None or start <= day

    def repealed_at(self, day: dt.date) -> bool:
        """Return True when this law was repealed on or before ``day``."""
        return self.repealed_on is not None and self.repealed_on <= day


class Statute(LawDates):
    """A law in force (or once in force, or a bill) in a jurisdiction."""

    id: Id
    title: str
    citation: str | None = None
    year: int | None = None
    url: Url | None = None
    language: str | None = None


#: Language tags (BCP 47, simplified): ``en``, ``fr``, ``pt-BR``, ``zh-Hant``.
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"


class Translation(Model):
    """A translation of a provision's verbatim text: who made it, and whether it is official."""

    text: str
    language: str = Field(default="en", pattern=LANGUAGE_PATTERN)
    translation_by: str | None = None
    official: bool = False


class Provision(LawDates):
    """A section of a statute: its verbatim ``text`` (in ``language``), an optional ``translation``,
    and/or our ``summary``; evidence in answers points here by id.

    ``text`` holds only the words of the law and needs ``language``. Where they are not at hand, leave it
    empty and give a ``summary`` (our words). Old files are read: ``quoted: true`` keeps ``text``;
    ``quoted: false``, and ``text`` with neither ``quoted:`` nor ``language:`` (the old default), move
    ``text`` to ``summary`` (``validate`` warns: ``quoted-flag``, ``text-without-language``).
    """

    id: Id
    statute: Id
    section: str
    subsection: str | None = None
    text: str = ""
    language: str | None = Field(default=None, pattern=LANGUAGE_PATTERN)
    translation: Translation | None = None
    summary: str = ""
    url: Url | None = None
    accessed_on: dt.date | None = None

    #: how an old-style provision was read: "" (new style), "quoted" (the old ``quoted:`` flag was given)
    #: or "no-language" (``text`` without ``quoted:`` or ``language:``, read as our summary, the old default)
    _legacy: str = PrivateAttr(default="")

    @model_validator(mode="wrap")
    @classmethod
    def _legacy_quoted(cls, data: Any, handler: Any) -> Any:
        legacy = ""
        if isinstance(data, dict) and "quoted" in data:
            legacy = "quoted"
            data = dict(data)
            quoted = data.pop("quoted")
            if not isinstance(quoted, bool):
                raise ValueError("quoted: must be true or false (better: drop it; see text and summary)")
            if not quoted and data.get("text"):
                if data.get("summary"):
                    raise ValueError("quoted: false with both text and summary: move the summary into "
                                     "`summary:` and drop `quoted:`")
                data["summary"] = data.pop("text")
        elif isinstance(data, dict) and data.get("text") and not data.get("language") and not data.get("summary") \
                and not data.get("translation"):
            # Before `summary:` existed, `text:` without `quoted: true` was our summary. Words of the law
            # must say their language, so text without one is still read as a summary: never the reverse.
            legacy = "no-language"
            data = dict(data)
            data["summary"] = data.pop("text")
        model = handler(data)
        if legacy:
            model._legacy = legacy
        return model

    @property
    def quoted_flag(self) -> bool:
        """Return True when the file gave the old ``quoted:`` flag."""
        return self._legacy == "quoted"

    @property
    def legacy_text(self) -> str:
        """Return how an old-style provision was read: "", "quoted" or "no-language" (see the class)."""
        return self._legacy

    @property
    def quoted(self) -> bool:
        """Return True when the provision holds the words of the law (``text``)."""
        return bool(self.text)

    @property
    def pinpoint(self) -> str:
        """Return the section with its subsection, e.g. ``15A(1)``."""
        sub = self.subsection or ""
        return self.section + (sub if sub.startswith("(") or not sub else f"({sub})")

    @property
    def shown_text(self) -> str:
        """Return the words a reader is shown: the law's verbatim text, else our summary."""
        return self.text or self.summary


class Answer(Model):
    """An answer: a scale code, the provisions that support it, and a note saying why."""

    value: str
    evidence: list[Id] = Field(default_factory=list)
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


class HistoryEntry(Model):
    """One change to one answer of an assessment: which criterion, on what day, by whom, from which
    workbook or sheet, the answer before (None: there was none) and the answer code after."""

    criterion: Id
    on: dt.date
    by: str = Field(min_length=1, max_length=200)
    source: str = ""
    previous: Answer | None = None
    value: str | None = None


class StatusChange(Model):
    """One step of an assessment through the workflow (draft -> reviewed -> published)."""

    status: Status
    on: dt.date
    by: str = Field(min_length=1, max_length=200)
    previous: Status | None = None


class Assessment(Model):
    """One coder's answers for one criteria set and edition in one country.

    ``history`` lists every change made to an answer by a command (import-xlsx, reconcile), oldest
    first; ``status_history`` every step made by ``legalreview publish``; ``independent`` marks a
    second coder's blind coding (``export-xlsx --blank``), the one ``agreement`` compares.
    """

    set: Id
    version: int | None = None
    edition: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
    assessed_on: dt.date
    coder: Id
    status: Status
    summary: str | None = None
    answers: dict[str, Answer] = Field(default_factory=dict)
    changes: dict[str, ChangeReason] = Field(default_factory=dict)
    independent: bool = False
    history: list[HistoryEntry] = Field(default_factory=list)
    status_history: list[StatusChange] = Field(default_factory=list)
    #: the date of the law this assessment describes (the law "as at"); ``assessed_on`` when not given
    law_as_at: dt.date | None = None
    #: the law this assessment covers: national (the default) or some sub-national units
    scope: Scope | None = None

    @property
    def law_date(self) -> dt.date:
        """Return the date of the law the answers describe: ``law_as_at``, else ``assessed_on``."""
        return self.law_as_at or self.assessed_on

    @property
    def coded_scope(self) -> Scope:
        """Return the scope the answers were coded for (national when none is stated)."""
        return self.scope or NATIONAL

    @field_validator("edition", mode="before")
    @classmethod
    def _edition_as_text(cls, v: Any) -> Any:
        return str(v) if isinstance(v, int) and not isinstance(v, bool) else v


#: Kinds of value a fact holds; ``age`` and ``years`` are numbers of years.
FactType = Literal["age", "years", "number", "boolean", "text"]


class FactDefinition(Model):
    """One fact in the catalogue ``criteria/facts.yaml``: e.g. the age of sexual consent."""

    id: Id
    label: str
    type: FactType
    unit: str | None = None
    description: str | None = None


class FactCatalogue(Model):
    """``criteria/facts.yaml``: the structured facts a country file may record."""

    facts: list[FactDefinition] = Field(default=[], max_length=MAX_CRITERIA)


class Fact(Model):
    """A fact recorded for a jurisdiction (``facts:`` in a country file): a value and its evidence."""

    fact: Id
    value: bool | float | str | None = None
    evidence: list[Id] = Field(default_factory=list)
    note: str | None = None
    scope: Scope | None = None

    @field_validator("value", mode="before")
    @classmethod
    def _numbers_stay_numbers(cls, v: Any) -> Any:
        return float(v) if isinstance(v, int) and not isinstance(v, bool) else v


class InstrumentDefinition(Model):
    """One treaty in the catalogue ``criteria/instruments.yaml``."""

    id: Id
    short: str
    title: str
    adopted: int | None = None
    url: Url | None = None


class InstrumentCatalogue(Model):
    """``criteria/instruments.yaml``: the international instruments a country file may record."""

    instruments: list[InstrumentDefinition] = Field(default=[], max_length=MAX_CRITERIA)


InstrumentStatusCode = Literal["signed", "ratified", "acceded", "not-party"]


class InstrumentStatus(Model):
    """A jurisdiction's position on one instrument (``instruments:`` in a country file)."""

    instrument: Id
    status: InstrumentStatusCode
    date: dt.date | None = None
    source: Url | None = None
    note: str | None = None


class Country(Model):
    """A jurisdiction's file (``countries/<ISO3>.yaml``): statutes, provisions, assessments, and
    optionally structured facts and international instruments."""

    iso3: ISO3
    name: str
    statutes: list[Statute] = Field(default_factory=list)
    provisions: list[Provision] = Field(default_factory=list)
    assessments: list[Assessment] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    instruments: list[InstrumentStatus] = Field(default_factory=list)
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
    language: Language = "en"
    #: the languages the review is published in; the first is the default (``language`` when not given)
    languages: list[Language] = Field(default=[], max_length=50)
    url: Url | None = None
    license: str | None = None
    published_on: dt.date | None = None

    @model_validator(mode="after")
    def _one_default_language(self) -> ReviewInfo:
        if self.languages and "language" in self.model_fields_set and self.language != self.languages[0]:
            raise ValueError(f"language = {self.language!r} but languages starts with {self.languages[0]!r}: the "
                             "first of languages is the default; remove language or make them agree")
        if len(set(self.languages)) != len(self.languages):
            raise ValueError("a language is listed twice in languages")
        return self

    @property
    def default_language(self) -> str:
        """Return the review's default language (the first of ``languages``, else ``language``)."""
        return self.languages[0] if self.languages else self.language

    @property
    def all_languages(self) -> list[str]:
        """Return every language the review is published in, the default first."""
        return list(self.languages) or [self.language]


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


class PeopleConfig(Model):
    """The ``[people]`` table: ``me`` is the name recorded in the history of the answers you change."""

    me: str | None = Field(default=None, min_length=1, max_length=200)


class ReviewConfig(Model):
    """The whole of ``review.toml``."""

    review: ReviewInfo
    roster: RosterConfig = RosterConfig()
    build: BuildConfig = BuildConfig()
    people: PeopleConfig = PeopleConfig()
