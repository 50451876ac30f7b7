"""One resolver for the values people type: criteria sets, editions, regions and countries.

Every command and API function that takes one of these resolves it here, so a value means the same
everywhere and a wrong one fails the same way: :class:`UnknownValue` (a :class:`ReviewError`, and a
``ValueError`` for callers that catch that) carrying one :class:`Issue` that names the nearest
choices. The command line turns it into a one-line message and exit status 2.

- sets: the id, in any letter case;
- editions: the editions the set declares, plus those its assessments use;
- regions: UN M49 region, sub-region and intermediate-region names of the roster's jurisdictions,
  in any letter case; a country is in a region when any of its three levels has that name;
- countries: ISO 3166 alpha-3 or alpha-2 code, English name or a reviewed alias (UK, Britain,
  Türkiye, Ivory Coast, ...); a misspelling is never guessed, only suggested ("Kenia" -> KEN).

:func:`~legalreview.issues.nearest` is the one "did you mean" matcher of the package (rapidfuzz); it lives
with :class:`Issue` so that every layer can use it, and is importable from here as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from . import jurisdictions
from .issues import Issue, ReviewError
from .issues import nearest as nearest  # the "did you mean" matcher, importable from here as before
from .models import CriteriaSet


class UnknownValue(ReviewError, ValueError):
    """A set, edition, region or country that does not exist; ``.issue`` says which and what is near
    (``.issues`` holds one per unknown value when several were given at once, e.g. ``--countries``)."""

    def __init__(self, issue: Issue, *more: Issue):
        super().__init__([issue, *more])
        self.issue = issue

    def __str__(self) -> str:
        text = self.issue.message
        return f"{text} ({self.issue.hint})" if self.issue.hint else text


def _unknown(code: str, message: str, option: str, value: str, choices: list[str], shown: int = 12,
             close: list[str] | None = None) -> UnknownValue:
    close = nearest(value, choices) if close is None else close
    listed = ", ".join(choices[:shown]) + (f", ... ({len(choices)} in all)" if len(choices) > shown else "")
    hint = (f"did you mean {' or '.join(close)}? " if close else "") + (f"choose from {listed}" if choices else
                                                                         "there is nothing to choose from")
    return UnknownValue(Issue(code, message, file=option, hint=hint))


def resolve_set(criteria: Mapping[str, object] | Iterable[str], value: str, option: str = "--set") -> str:
    """Return the id of the criteria set ``value`` names (any letter case), else raise :class:`UnknownValue`."""
    ids = list(criteria)
    text = (value or "").strip()
    if text in ids:
        return text
    folded = {i.casefold(): i for i in ids}
    if text.casefold() in folded:
        return folded[text.casefold()]
    raise _unknown("unknown-set", f"there is no criteria set {text!r}", option, text, sorted(ids))


def editions_of(cs: CriteriaSet, present: Iterable[str] = ()) -> list[str]:
    """Return the editions a value may name: those the set declares, then others its assessments use."""
    declared = [e.id for e in cs.editions]
    return declared + sorted(set(present) - set(declared))


def resolve_edition(cs: CriteriaSet, value: str | None, present: Iterable[str] = (), option: str = "--edition",
                    new_ok: bool = False) -> str | None:
    """Return the edition ``value`` names (None stays None: "each country's latest"), else raise.

    ``cs`` is the :class:`~legalreview.models.CriteriaSet`; ``present`` the editions its assessments use.
    A declared edition label ("8th edition") or year also names it. ``new_ok`` (commands that start
    an edition, such as ``export-xlsx``) accepts any edition when the set declares none.
    """
    if value is None:
        return None
    text = str(value).strip()
    choices = editions_of(cs, present)
    if text in choices or (new_ok and not cs.editions):
        return text
    for e in cs.editions:
        if text.casefold() == e.label.casefold() or (e.year is not None and text == str(e.year)):
            return e.id
    close = None
    if text.isdigit():  # a year: the nearest years, not the nearest spellings
        years = [c for c in choices if c.isdigit()]
        close = sorted(years, key=lambda c: (abs(int(c) - int(text)), c))[:2]
    raise _unknown("unknown-edition", f"{cs.id} has no edition {text!r}", option, text, choices, close=close)


def _regions(registry: jurisdictions.Registry) -> dict[str, str]:
    names: dict[str, str] = {}
    for j in registry.members:
        for name in (j.region, j.subregion, j.intermediate_region):
            if name:
                names.setdefault(name.casefold(), name)
    return names


def resolve_region(value: str, registry: jurisdictions.Registry, option: str = "--region") -> str:
    """Return the region, sub-region or intermediate region ``value`` names (as the registry spells it)."""
    names = _regions(registry)
    text = (value or "").strip()
    if text.casefold() in names:
        return names[text.casefold()]
    raise _unknown("unknown-region", f"no country of this review is in a region named {text!r}", option, text,
                   sorted(names.values()), shown=40)


def in_region(j: jurisdictions.Jurisdiction | None, region: str) -> bool:
    """Return True when the jurisdiction's region, sub-region or intermediate region is ``region``."""
    key = region.casefold()
    return j is not None and key in (j.region.casefold(), j.subregion.casefold(), j.intermediate_region.casefold())


def region_members(registry: jurisdictions.Registry, value: str, codes: Iterable[str] | None = None,
                   option: str = "--region") -> list[str]:
    """Return the codes (of ``codes``, default the roster) in the region ``value`` names, after resolving it."""
    region = resolve_region(value, registry, option)
    table = jurisdictions.all_jurisdictions()
    pool = registry.codes if codes is None else list(codes)
    return [c for c in pool if in_region(registry.get(c) or table.get(c), region)]


def resolve_country(value: str, registry: jurisdictions.Registry | None = None,
                    available: Iterable[str] | None = None, option: str = "country") -> str:
    """Return the code of the jurisdiction ``value`` names: ISO3, ISO2, name or reviewed alias.

    With ``registry`` the code must be on the review's roster (roster extras such as ``USA-CA``
    count); with ``available`` it must be one of those codes (e.g. the country files there are).
    A misspelt name raises :class:`UnknownValue` whose hint suggests the nearest jurisdictions.
    """
    text = (value or "").strip()
    code = None
    if registry is not None and text.upper() in registry:
        code = text.upper()
    code = code or jurisdictions.lookup(text)
    if code is None and registry is not None:
        named = {j.name.casefold(): j.iso3 for j in registry.members}
        code = named.get(text.casefold())
    if code is None:
        table = jurisdictions.all_jurisdictions()
        close = [c for c in jurisdictions.suggest(text) if registry is None or c in registry]
        shown = [f"{c} ({table[c].name})" if c in table else c for c in close]
        hint = f"did you mean {' or '.join(shown)}?" if close else "use the ISO 3166 alpha-3 code, e.g. KEN"
        raise UnknownValue(Issue("unknown-country", f"{text!r} is not a known country code or name", file=option,
                                 hint=hint))
    if registry is not None and code not in registry:
        raise UnknownValue(Issue("not-in-roster", f"{code} is not on this review's roster", file=option,
                                 hint="add it to [roster] include in review.toml, or choose a roster country"))
    if available is not None and code not in set(available):
        raise UnknownValue(Issue("unknown-country", f"{code} has no country file in this review", file=option,
                                 hint=f"add countries/{code}.yaml, or choose a country that has one"))
    return code
