"""Jurisdictions: ISO 3166 codes, UN M49 regions, the review's roster, aliases and name hints.

- Codes and regions come from ``data/m49.csv`` (UN M49 standard; every ISO 3166 country plus
  Kosovo, ``XKX``, by hand — M49 itself has no separate code for Kosovo).
- ``data/aliases.csv`` is a reviewed list of messy names ("Ivory Coast", "Korea, Rep.").
- rapidfuzz is used only to suggest "did you mean" hints, never to decide a match.
- Localised names come from Babel (CLDR).
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from collections.abc import Iterable

from .models import CODE_REGEX, RosterConfig

CODE_PATTERN = re.compile(CODE_REGEX)
#: An ISO 3166-2 sub-national unit's code (``AU-NSW``): the file ``countries/<ISO3>/<code>.yaml``.
UNIT_PATTERN = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")


@dataclass(frozen=True)
class Jurisdiction:
    """One jurisdiction: codes, English name and UN M49 region."""

    iso3: str
    iso2: str
    m49: str
    name: str
    region: str
    subregion: str
    intermediate_region: str = ""
    un_status: str = "other"
    #: the alpha-3 code of the country a sub-national unit belongs to ("" for a country)
    parent: str = ""


def _data_text(name: str) -> str:
    return resources.files("legalreview").joinpath("data", name).read_text(encoding="utf-8")


@functools.cache
def all_jurisdictions() -> dict[str, Jurisdiction]:
    """Return every known jurisdiction (ISO 3166 countries plus Kosovo), keyed by alpha-3."""
    rows = csv.DictReader(_data_text("m49.csv").splitlines())
    return {row["iso3"]: Jurisdiction(**row) for row in rows}


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip()


@functools.cache
def _names() -> dict[str, str]:
    """Return normalised name or alias -> iso3 (reviewed names only)."""
    names: dict[str, str] = {}
    for j in all_jurisdictions().values():
        names[_norm(j.name)] = j.iso3
    for row in csv.DictReader(_data_text("aliases.csv").splitlines()):
        names[_norm(row["alias"])] = row["iso3"]
    try:
        import pycountry

        for c in pycountry.countries:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(c, attr, None)
                if value:
                    names.setdefault(_norm(value), c.alpha_3)
    except ImportError:  # pragma: no cover
        pass
    return names


@functools.cache
def _aliases_by_code() -> dict[str, list[str]]:
    """Return iso3 -> the reviewed aliases and ISO 3166 names of each jurisdiction, in file order."""
    out: dict[str, list[str]] = {}
    for row in csv.DictReader(_data_text("aliases.csv").splitlines()):
        out.setdefault(row["iso3"], []).append(row["alias"])
    try:
        import pycountry

        for c in pycountry.countries:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(c, attr, None)
                if value:
                    out.setdefault(c.alpha_3, []).append(value)
    except ImportError:  # pragma: no cover
        pass
    return out


def names_of(iso3: str, name: str = "") -> list[str]:
    """Return every name a jurisdiction is known by: ``name``, its alpha-3 and alpha-2 codes, its
    English name, the reviewed aliases ("UK", "Britain", "Ivory Coast", "Turkey") and the ISO 3166
    names, each also without accents ("Cote d'Ivoire"); duplicates removed, order kept."""
    j = all_jurisdictions().get(iso3)
    names = [name, iso3, *((j.iso2, j.name) if j else ()), *_aliases_by_code().get(iso3, [])]
    out: list[str] = []
    seen: set[str] = set()
    for text in names:
        for form in (text, unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()):
            if form and form.casefold() not in seen:
                seen.add(form.casefold())
                out.append(form)
    return out


def default_roster() -> list[str]:
    """Return the 196 jurisdictions of the default roster: UN members, Holy See, Palestine, Kosovo."""
    return sorted(j.iso3 for j in all_jurisdictions().values()
                  if j.un_status in ("member", "observer") or j.iso3 == "XKX")


def lookup(text: str) -> str | None:
    """Return the alpha-3 code for a code (alpha-2/alpha-3) or reviewed name/alias, else None."""
    raw = text.strip()
    table = all_jurisdictions()
    if raw.upper() in table:
        return raw.upper()
    if len(raw) == 2:
        for j in table.values():
            if j.iso2 == raw.upper():
                return j.iso3
    return _names().get(_norm(raw))


def suggest(text: str, limit: int = 3) -> list[str]:
    """Return up to ``limit`` likely alpha-3 codes for a misspelt name (hints only)."""
    from rapidfuzz import fuzz, process

    names = _names()
    matches = process.extract(_norm(text), list(names), scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=70)
    out: list[str] = []
    for name, _score, _index in matches:
        code = names[name]
        if code not in out:
            out.append(code)
    return out[:limit]


def did_you_mean(text: str) -> str | None:
    """Return a hint such as ``did you mean CIV (Côte d'Ivoire)?`` or None."""
    exact = lookup(text)
    codes = [exact] if exact else suggest(text)
    if not codes:
        return None
    table = all_jurisdictions()
    shown = ", ".join(f"{c} ({table[c].name})" for c in codes if c in table)
    return f"did you mean {shown}?" if shown else None


@dataclass(frozen=True)
class Registry:
    """The review's roster: which jurisdictions it covers, with names and regions."""

    members: tuple[Jurisdiction, ...]

    @classmethod
    def from_config(cls, config: RosterConfig, units: Iterable[tuple[str, str]] = ()) -> Registry:
        """Return the roster described by ``review.toml``'s ``[roster]`` table, plus the sub-national
        ``units`` ((ISO 3166-2 code, parent alpha-3) of each unit file found, see :func:`unit_of`) that
        ``exclude`` does not name; a unit takes its country's region and sub-region."""
        table = all_jurisdictions()
        codes = default_roster() if config.base == "un196" else []
        codes = [c for c in codes if c not in set(config.exclude)]
        codes += [c for c in config.include if c in table and c not in codes]
        members = [table[c] for c in codes]
        for code, extra in config.extra.items():
            members.append(Jurisdiction(iso3=code, iso2="", m49="", name=extra.name,
                                        region=extra.region, subregion=extra.subregion))
        taken = {j.iso3 for j in members}
        for code, parent in units:
            name = unit_name(code)
            country = table.get(parent)
            if name is None or country is None or code in taken or code in config.exclude:
                continue
            taken.add(code)
            members.append(Jurisdiction(iso3=code, iso2="", m49="", name=name, region=country.region,
                                        subregion=country.subregion,
                                        intermediate_region=country.intermediate_region, parent=parent))
        return cls(tuple(sorted(members, key=lambda j: j.iso3)))

    def units_of(self, parent: str) -> list[str]:
        """Return the codes of the roster's sub-national units of the country ``parent``, sorted."""
        return list(self._units.get(parent, ()))

    @functools.cached_property
    def _units(self) -> dict[str, list[str]]:
        """Return parent code -> its units' codes, sorted (made once: asked for every country)."""
        out: dict[str, list[str]] = {}
        for j in self.members:
            if j.parent:
                out.setdefault(j.parent, []).append(j.iso3)
        return out

    @functools.cached_property
    def by_code(self) -> dict[str, Jurisdiction]:
        """Return roster members keyed by code."""
        return {j.iso3: j for j in self.members}

    @property
    def codes(self) -> list[str]:
        """Return the roster codes, sorted."""
        return [j.iso3 for j in self.members]

    def __contains__(self, code: object) -> bool:
        return code in self.by_code

    def __len__(self) -> int:
        return len(self.members)

    def get(self, code: str) -> Jurisdiction | None:
        """Return the roster member with this code, or None."""
        return self.by_code.get(code)

    def regions(self) -> list[str]:
        """Return the distinct regions of the roster, sorted."""
        return sorted({j.region for j in self.members if j.region})


def unknown_codes(codes: Iterable[str]) -> list[str]:
    """Return the codes in ``codes`` that are not known jurisdictions."""
    table = all_jurisdictions()
    return [c for c in codes if c not in table]


def unit_name(code: str) -> str | None:
    """Return the English name of an ISO 3166-2 subdivision (``AU-NSW`` -> "New South Wales"), else None."""
    found = _subdivision(code)
    return found[1] if found else None


def unit_of(code: str, parent: str) -> bool:
    """Return True when ``code`` is an ISO 3166-2 subdivision of the country with alpha-3 ``parent``."""
    found = _subdivision(code)
    country = all_jurisdictions().get(parent)
    return found is not None and country is not None and found[0] == country.iso2


@functools.cache
def _subdivision(code: str) -> tuple[str, str] | None:
    """Return (alpha-2 of its country, English name) of an ISO 3166-2 code, else None (pycountry's data)."""
    if not UNIT_PATTERN.match(code):
        return None
    try:
        import pycountry
    except ImportError:  # pragma: no cover
        return None
    found = pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
    return (found.country_code, found.name) if found is not None else None
