"""Load a review workspace and check it, collecting every problem as an :class:`Issue`.

A workspace is a folder with ``review.toml``, ``criteria/<set>.yaml`` and ``countries/<ISO3>.yaml``.
:func:`load_workspace` never stops at the first problem: it returns what it could load plus the
full list of issues, each with the file, line and column a person can open.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import os
import stat
import re
import tomllib
from dataclasses import dataclass, field
from collections.abc import Callable, Collection, Iterator, MutableMapping
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel, ValidationError

from . import jurisdictions, safefiles
from .issues import Issue, nearest
from .lawchecks import CATALOGUE_FILES, check_derived_facts, check_law, cited_labels, facts_digest, stated_scopes
from .models import (BAD_TEXT, DATE_MAX, DATE_MIN, Answer, Assessment, CriteriaSet, Country, FactCatalogue,
                     InstrumentCatalogue, ReviewConfig, change_reason)
from .locking import recover_interrupted_writes
from .scoring import STATUS_RANK, edition_order, reachable_tiers
from .store import (MAX_YAML_BYTES, LazyPositions, PositionMap, Positions, YamlProblem, parse_yaml, parse_yaml_data,
                    position)

#: List fields of a criteria set with an upper bound: what they hold, and the constant that sets it.
LIST_LIMITS = {"criteria": ("criteria", "MAX_CRITERIA"), "scale": ("scale codes", "MAX_SCALE"),
               "tiers": ("tiers", "MAX_TIERS"), "editions": ("editions", "MAX_EDITIONS")}
#: Windows device names: never valid as a file stem on any system we publish to.
_RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])$", re.IGNORECASE)


class CountryModels(MutableMapping):
    """Country models by code, in file order; a model checked by an earlier command is loaded only
    when it is asked for (from the parse cache, else by parsing its file again).

    Iterating, ``len`` and ``in`` never load a model; ``values()`` and ``items()`` load them all.
    """

    def __init__(self, load: Callable[[str, str], Country] | None = None):
        self._entries: dict[str, Country | tuple[str, str]] = {}
        self._load = load

    def set_lazy(self, code: str, filename: str, digest: str) -> None:
        """Record a country whose model is loaded on first use from ``filename`` (bytes hashing to
        ``digest``); a model in memory is dropped."""
        self._entries[code] = (filename, digest)

    def is_loaded(self, code: str) -> bool:
        """Return True when the model of ``code`` is in memory."""
        return not isinstance(self._entries.get(code), tuple)

    def __getitem__(self, code: str) -> Country:
        entry = self._entries[code]
        if isinstance(entry, tuple):
            assert self._load is not None
            entry = self._entries[code] = self._load(*entry)
        return entry

    def peek(self, code: str) -> Country:
        """Return the model of ``code`` without keeping it in memory when it was not already (for a
        pass over every country that needs one at a time)."""
        entry = self._entries[code]
        if isinstance(entry, tuple):
            assert self._load is not None
            return self._load(*entry)
        return entry

    def passing(self, code: str) -> Country | None:
        """Return the model of ``code`` (None when there is none) without keeping it in memory: for
        pages that each need one country (a build renders thousands: none may pile up in memory)."""
        return self.peek(code) if code in self._entries else None

    def __setitem__(self, code: str, country: Country) -> None:
        self._entries[code] = country

    def __delitem__(self, code: str) -> None:
        del self._entries[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, code: object) -> bool:
        return code in self._entries

    def __repr__(self) -> str:
        return f"<CountryModels: {len(self)} countries>"


@dataclass
class Workspace:
    """Everything loaded from a workspace folder (only the parts that were valid)."""

    root: Path
    config: ReviewConfig
    registry: jurisdictions.Registry
    criteria: dict[str, CriteriaSet] = field(default_factory=dict)
    countries: CountryModels = field(default_factory=CountryModels)
    #: workspace-relative file name of each country (by code) and criteria set (by id)
    country_files: dict[str, str] = field(default_factory=dict)
    criteria_files: dict[str, str] = field(default_factory=dict)
    positions: dict[str, PositionMap] = field(default_factory=dict)
    #: SHA-256 of each country file's bytes, by code (fingerprints for exports, page keys and caches)
    fingerprints: dict[str, str] = field(default_factory=dict)
    #: the catalogues ``criteria/facts.yaml`` and ``criteria/instruments.yaml`` (None when absent)
    facts: FactCatalogue | None = None
    instruments: InstrumentCatalogue | None = None
    #: digest of each country's structured facts, by code, for countries that record any (fact pages
    #: are keyed on these and read only these countries)
    fact_digests: dict[str, str] = field(default_factory=dict)
    #: the scope each assessment states, by code then (set, edition, coder), for countries stating any
    coded_scopes: dict[str, dict[tuple[str, str, str], str]] = field(default_factory=dict)
    #: provision id -> "Statute title, s. 24(2)" of the provisions each country's answers cite, by code
    #: (for countries citing any: the criterion pages label evidence without reading models)
    cited_labels: dict[str, dict[str, str]] = field(default_factory=dict)

    def country_path(self, code: str) -> Path:
        """Return the path of a country's file (whether or not it exists)."""
        return self.root / self.country_files.get(code, f"countries/{code}.yaml")


# --------------------------------------------------------------------------- helpers

def _dotted(loc: tuple[Any, ...]) -> str:
    """Return a location path as ``a.0.b``; refused characters in keys are shown as escapes (a message
    never carries a control character to a terminal)."""
    return ".".join(BAD_TEXT.sub(lambda m: f"\\u{ord(m.group()):04x}", str(p)) for p in loc)


def _place(filename: str, positions: PositionMap, loc: tuple[Any, ...]) -> dict[str, Any]:
    """Return the file, line and column of the key path ``loc`` (as Issue keywords)."""
    line, col = position(positions, loc)
    return {"file": filename, "line": line, "column": col}


def _pydantic_issues(exc: ValidationError, filename: str, positions: PositionMap,
                     model: type[BaseModel], prefix: tuple[Any, ...] = ()) -> list[Issue]:
    """Return one issue for each error pydantic found in ``filename``, in its order, each located."""
    return [_pydantic_issue(err, filename, positions, prefix + tuple(err["loc"])) for err in exc.errors()]


def _pydantic_issue(err: Any, filename: str, positions: PositionMap, loc: tuple[Any, ...]) -> Issue:
    """Return the issue for one pydantic error ``err`` at ``loc`` (its code, message, hint and place)."""
    kind = err["type"]
    if kind in ("control_character", "date_out_of_range"):
        return _bad_text_issue(err, filename, positions, loc + tuple(err["ctx"]["path"]))
    at = _place(filename, positions, loc)
    dotted = _dotted(loc) or "(file)"
    if kind == "extra_forbidden":
        return Issue("unknown-field", f"{dotted}: this key is not part of the file format",
                     hint="check the spelling against the README's file formats, or remove it", **at)
    if kind == "missing":
        return Issue("schema", f"{dotted}: required field is missing", hint=f"add `{loc[-1]}:` here", **at)
    if kind == "bad_url":
        return Issue("bad-url", f"{dotted}: {err['ctx']['problem']}",
                     hint="give the page's plain http(s) address; percent-encode spaces, quotes, brackets "
                     "and parentheses (space %20, \" %22, ' %27, ( %28, ) %29, [ %5B, ] %5D), or leave "
                     "url out", **at)
    if kind == "bad_language":
        return Issue("bad-language", f"{dotted}: {err['ctx']['message']}",
                     hint="use a language code CLDR knows, e.g. en, fr, es, ar, pt-BR", **at)
    if kind == "too_long" and err.get("ctx", {}).get("max_length") is not None and loc and loc[-1] in LIST_LIMITS:
        return _too_many_issue(err, dotted, loc[-1], at)
    if kind == "string_pattern_mismatch":
        return _pattern_issue(err, dotted, loc, at)
    return Issue("schema", f"{dotted}: {err['msg']}", hint="fix the value; see the README's file formats", **at)


def _bad_text_issue(err: Any, filename: str, positions: PositionMap, loc: tuple[Any, ...]) -> Issue:
    """Return the issue for a control character or an out-of-range date, located at the value inside
    the field (``loc`` includes the path the error gives)."""
    at = _place(filename, positions, loc)
    dotted = _dotted(loc)
    if err["type"] == "control_character":
        return Issue("control-character", f"{dotted}: {err['ctx']['message']}", hint="remove it: text may hold "
                     "tabs and line breaks but no control, bidi-override or line-separator characters (often "
                     "pasted invisibly; look for \\x, \\u or \\e escapes in quoted text)", **at)
    return Issue("date-out-of-range", f"{dotted}: {err['ctx']['message']}",
                 hint=f"check the year; dates must lie between {DATE_MIN} and {DATE_MAX}", **at)


def _too_many_issue(err: Any, dotted: str, field_name: str, at: dict[str, Any]) -> Issue:
    """Return the ``too-many`` issue for a list field of a criteria set longer than its limit."""
    limit = err["ctx"]["max_length"]
    noun, constant = LIST_LIMITS[field_name]
    return Issue("too-many", f"{dotted}: {err['ctx'].get('actual_length', 'more than ' + str(limit))} "
                 f"{noun}; a set may have at most {limit}",
                 hint=f"charts, tables and workbooks hold every one of them; split the set (the limit "
                 f"is legalreview.models.{constant} = {limit})", **at)


def _pattern_issue(err: Any, dotted: str, loc: tuple[Any, ...], at: dict[str, Any]) -> Issue:
    """Return the issue for a value that does not match its pattern: a language tag, a unit code or an
    id (``bad-path`` when the id looks like a file path)."""
    if loc and loc[-1] == "language":
        msg = "not a language tag: use a BCP 47 tag such as en, fr or pt-BR"
    elif "units" in loc[-2:]:
        msg = "not an ISO 3166-2 code: write the country's two letters, a hyphen and the unit, e.g. GB-ENG"
    else:
        msg = "not a valid id: use letters, digits, '-', '_' or '.' (no spaces, slashes or '..')"
        text = err.get("input")
        if isinstance(text, str) and any(t in text for t in ("/", "\\", "..", "\x00", ":")):
            return Issue("bad-path", f"{dotted}: {text!r} looks like a file path; {msg}",
                         hint="ids and codes become file names, so they may not hold paths", **at)
    return Issue("schema", f"{dotted}: {msg}", hint="fix the value; see the README's file formats", **at)


def _duplicates(items: list[Any], attr: str = "id") -> list[tuple[int, str]]:
    seen: set[str] = set()
    dups = []
    for index, item in enumerate(items):
        key = getattr(item, attr)
        if key in seen:
            dups.append((index, key))
        seen.add(key)
    return dups


def _close(value: str, choices: list[str]) -> str | None:
    """Return the choice closest to ``value``, or None when none is close."""
    found = nearest(value, choices, limit=1)
    return found[0] if found else None


# --------------------------------------------------------------------------- review.toml

def _toml_positions(text: str) -> Positions:
    """Return (table..., key) -> (line, column) of review.toml's table headers and keys (a line scan)."""
    out: Positions = {}
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(r"^\s*\[+\s*([^\]]+?)\s*\]+", line)
        if header:
            table = tuple(part.strip().strip('"') for part in header.group(1).split("."))
            out.setdefault(table, (number, 1))
            continue
        key = re.match(r"^(\s*)([A-Za-z0-9_\-\"]+)\s*=", line)
        if key:
            out.setdefault(table + (key.group(2).strip('"'),), (number, len(key.group(1)) + 1))
    return out


def load_config(root: Path, cache: LoadCache | None = None) -> tuple[ReviewConfig | None, list[Issue]]:
    """Return review.toml as a model plus any issues (``cache``: models of earlier loads, by content hash)."""
    try:  # never through a link: a received review could point review.toml at any file
        raw = safefiles.read_inside(root, "review.toml", MAX_YAML_BYTES)
    except (FileNotFoundError, NotADirectoryError):
        return None, [Issue("schema", f"{root} has no review.toml, so it is not a review workspace",
                            file="review.toml", hint=f"run `legalreview init {root}` to create one, "
                            "or run the command inside your workspace folder")]
    except safefiles.UnsafeFile as exc:
        if exc.issues[0].code == "file-too-large":
            return None, [Issue("file-too-large", f"review.toml is larger than {MAX_YAML_BYTES // 1048576} MB",
                                file="review.toml", hint="review.toml holds a few settings; replace it")]
        return None, exc.issues
    except OSError as exc:
        return None, [Issue("schema", f"cannot read review.toml: {exc.strerror}", file="review.toml")]
    digest = hashlib.sha256(raw).hexdigest()
    known = cache.stored("review.toml", ReviewConfig.__name__, digest) if cache is not None else None
    if isinstance(known, ReviewConfig):  # a roster of thousands of units takes a while to parse
        return known, []
    try:
        text = raw.decode("utf-8-sig")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        return None, [Issue("bad-encoding", "review.toml is not UTF-8 text", file="review.toml",
                            hint="save it as UTF-8")]
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+), column (\d+)", str(exc))
        return None, [Issue("toml-syntax", str(exc).split(" (at")[0], file="review.toml",
                            line=int(m.group(1)) if m else None, column=int(m.group(2)) if m else None,
                            hint="check quotes and brackets on this line")]
    try:
        config = ReviewConfig.model_validate(data)
    except ValidationError as exc:
        return None, _pydantic_issues(exc, "review.toml", _toml_positions(text), ReviewConfig)
    if cache is not None:
        cache.store("review.toml", ReviewConfig.__name__, digest, config, data)
    return config, []


# --------------------------------------------------------------------------- criteria

def _locator(filename: str, positions: PositionMap) -> Callable[..., dict[str, Any]]:
    """Return a function that gives the file, line and column of a key path (as Issue keywords)."""

    def at(*loc: Any) -> dict[str, Any]:
        return _place(filename, positions, loc)

    return at


def _check_criteria(cs: CriteriaSet, filename: str, positions: PositionMap) -> list[Issue]:
    """Return the problems of a valid criteria set: its file name, duplicate ids, tier rules and
    wordings (in this order)."""
    at = _locator(filename, positions)
    out: list[Issue] = []
    if Path(filename).stem != cs.id:
        out.append(Issue("filename-mismatch", f"the set's id is {cs.id!r} but the file is named {Path(filename).name}",
                         hint=f"rename the file to criteria/{cs.id}.yaml or change `id:`", **at("id")))
    out.extend(_criteria_duplicates(cs, at))
    if cs.max_points is None:
        out.append(Issue("schema", "no scale code has points, so no criterion can ever be met",
                         hint='give "yes" points: 1', **at("scale")))
    rules = _tier_rule_issues(cs, at)
    out.extend(rules)
    if not rules:
        out.extend(_unreachable_tiers(cs, at))
    out.extend(_unknown_wording_editions(cs, at))
    return out


def _criteria_duplicates(cs: CriteriaSet, at: Callable[..., dict[str, Any]]) -> list[Issue]:
    """Return a ``duplicate-id`` issue for each criterion, tier, edition id or scale code used twice."""
    out: list[Issue] = []
    for attr, label in (("criteria", "criterion"), ("tiers", "tier"), ("editions", "edition")):
        for index, key in _duplicates(getattr(cs, attr)):
            out.append(Issue("duplicate-id", f"{label} id {key!r} is used twice", hint="give each a unique id",
                             **at(attr, index, "id")))
    for index, key in _duplicates(cs.scale, "code"):
        out.append(Issue("duplicate-id", f"scale code {key!r} is used twice", hint="give each a unique code",
                         **at("scale", index, "code")))
    return out


def _tier_rule_issues(cs: CriteriaSet, at: Callable[..., dict[str, Any]]) -> list[Issue]:
    """Return a ``bad-tier-rule`` issue for each tier rule naming an unknown criterion or needing more
    criteria than the set has, then for each counting code (of the set, then of each criterion) not on
    the scale."""
    out: list[Issue] = []
    ids = set(cs.criterion_ids)
    for t_index, tier in enumerate(cs.tiers):
        for crit_id in tier.rule.criteria:
            if crit_id not in ids:
                out.append(Issue("bad-tier-rule", f"tier {tier.id!r} names criterion {crit_id!r}, which this set "
                                 "does not define", hint=f"use one of {', '.join(cs.criterion_ids)}",
                                 **at("tiers", t_index, "rule")))
        if tier.rule.min_met is not None and tier.rule.min_met > len(ids):
            out.append(Issue("bad-tier-rule", f"tier {tier.id!r} needs {tier.rule.min_met} criteria met but the "
                             f"set has only {len(ids)}", hint="lower min_met", **at("tiers", t_index, "rule")))
    codes = set(cs.codes)
    for code in cs.counting:
        if code not in codes:
            out.append(Issue("bad-tier-rule", f"counting names answer code {code!r}, which is not on the scale",
                             hint=f"use one of {', '.join(cs.codes)}", **at("counting", code)))
    for c_index, crit in enumerate(cs.criteria):
        for code in crit.counting:
            if code not in codes:
                out.append(Issue("bad-tier-rule", f"{crit.id}: counting names answer code {code!r}, which is not "
                                 "on the scale", hint=f"use one of {', '.join(cs.codes)}",
                                 **at("criteria", c_index, "counting", code)))
    return out


def _unreachable_tiers(cs: CriteriaSet, at: Callable[..., dict[str, Any]]) -> list[Issue]:
    """Return an ``unreachable-tier`` warning for each tier no combination of answers reaches (none
    when the set has too many criteria to enumerate)."""
    reached = reachable_tiers(cs)  # None: too many criteria to enumerate (the check is skipped)
    if reached is None:
        return []
    return [Issue("unreachable-tier", f"tier {tier.id!r} can never be reached: for every combination "
                  "of answers an earlier tier matches first, or its rule cannot match",
                  severity="warning", hint="remove the tier, move it before the tiers that catch "
                  "its countries, or change its rule", **at("tiers", t_index))
            for t_index, tier in enumerate(cs.tiers) if tier.id not in reached]


def _unknown_wording_editions(cs: CriteriaSet, at: Callable[..., dict[str, Any]]) -> list[Issue]:
    """Return an ``unknown-edition`` issue for each wording from an edition the set does not list."""
    editions = {e.id for e in cs.editions}
    if not editions:
        return []
    return [Issue("unknown-edition", f"{crit.id}: wording from edition {wording.from_edition!r}, "
                  "which the set does not list", hint=f"use one of {', '.join(sorted(editions))}",
                  **at("criteria", c_index, "wording", w_index))
            for c_index, crit in enumerate(cs.criteria) for w_index, wording in enumerate(crit.wording)
            if wording.from_edition not in editions]


# --------------------------------------------------------------------------- countries

def unit_folder(filename: str) -> str:
    """Return the country (alpha-3) of a sub-national unit's file ``countries/<ISO3>/<code>.yaml``,
    else "" (a country's own file ``countries/<ISO3>.yaml``)."""
    parts = filename.split("/")
    return parts[1] if len(parts) == 3 and parts[0] == "countries" else ""


def country_filename(path: Path) -> str:
    """Return the workspace-relative name of a country or unit file found under ``countries/``."""
    return f"countries/{path.parent.name}/{path.name}" if path.parent.name != "countries" else f"countries/{path.name}"


def _example_unit(parent: str) -> str:
    country = jurisdictions.all_jurisdictions().get(parent)
    return f"{country.iso2}-..." if country and country.iso2 else "XX-..."


#: A folder of sub-national unit files: ``countries/<ISO 3166 alpha-3>/``.
UNIT_FOLDER = re.compile(r"^[A-Z]{3}$")


def _unit_files(root: Path, issues: list[Issue]) -> list[Path]:
    """Return the YAML files in the unit folders ``countries/<ISO3>/`` (sorted). A folder that is a
    link (or not a folder) is reported in ``issues`` and never read; files are checked like country files."""
    base = root / "countries"
    found: list[Path] = []
    for name in sorted(n for n in os.listdir(base) if UNIT_FOLDER.match(n)):  # names sort as their paths do
        try:
            if not safefiles.folder_inside(root, f"countries/{name}"):
                continue
        except safefiles.UnsafeFile as exc:
            issues.extend(exc.issues)
            continue
        found.extend(base / name / n for n in sorted(os.listdir(base / name)) if _yaml_name(n))
    return found


def _yaml_name(name: str) -> bool:
    return not name.startswith(".") and name.lower().endswith((".yaml", ".yml"))


def _roster_units(paths: list[Path]) -> list[tuple[str, str]]:
    """Return (unit code, parent alpha-3) of each plain unit file named by a subdivision of its folder's country."""
    return [(p.stem, p.parent.name) for p in paths if p.parent.name != "countries" and safe_stem(p.stem)
            and _is_plain_file(p) and jurisdictions.unit_of(p.stem, p.parent.name)]


def check_country_model(country: Country, filename: str, positions: PositionMap, criteria: dict[str, CriteriaSet],
                   registry: jurisdictions.Registry, today: dt.date,
                   catalogues: tuple[FactCatalogue | None, InstrumentCatalogue | None] = (None, None)) -> list[Issue]:
    """Return the problems of a valid country (or unit) file: its code and place, its statutes and
    provisions, its assessments, unexplained changes and its law (in this order)."""
    at = _locator(filename, positions)
    out = _identity_issues(country, filename, registry, at)
    out.extend(_statute_issues(country, at))
    provisions = {p.id for p in country.provisions}
    seen: set[tuple[str, str, str]] = set()
    for a_index, assessment in enumerate(country.assessments):
        out.extend(_assessment_issues(assessment, ("assessments", a_index), criteria, provisions, seen, today, at))
    out.extend(_unexplained_changes(country, criteria, at))
    out.extend(check_law(country, criteria, at, *catalogues))
    return out


def _identity_issues(country: Country, filename: str, registry: jurisdictions.Registry,
                     at: Callable[..., dict[str, Any]]) -> list[Issue]:
    """Return the problems of a file's ``iso3``: a file name that differs, a unit outside its folder's
    country, a code off the roster or unknown."""
    out: list[Issue] = []
    parent = unit_folder(filename)
    if Path(filename).stem != country.iso3:
        folder = f"countries/{parent}/" if parent else "countries/"
        out.append(Issue("filename-mismatch", f"the file says iso3 {country.iso3} but is named {Path(filename).name}",
                         hint=f"rename the file to {folder}{country.iso3}.yaml or fix `iso3:`", **at("iso3")))
    if parent and not jurisdictions.unit_of(country.iso3, parent):
        known = jurisdictions.unit_name(country.iso3)
        out.append(Issue("unknown-subdivision", f"{country.iso3} ({country.name}) is not an ISO 3166-2 subdivision "
                         f"of {parent}" + (f" (it is {known}, elsewhere)" if known else ""),
                         hint=f"a file in countries/{parent}/ describes one of {parent}'s ISO 3166-2 units, e.g. "
                         f"{_example_unit(parent)}; move it or fix `iso3:`", **at("iso3")))
    elif country.iso3 not in registry:
        out.append(_off_roster_issue(country, parent, at))
    return out


def _off_roster_issue(country: Country, parent: str, at: Callable[..., dict[str, Any]]) -> Issue:
    """Return the issue for a code not on the roster: an excluded unit, a known jurisdiction left out,
    a sub-national unit filed as a country, or an unknown code (``parent``: the unit folder's country)."""
    if parent:  # a unit of its folder's country: off the roster only when excluded
        return Issue("not-in-roster", f"{country.iso3} is excluded from this review's roster, so it will "
                     "not be published", severity="warning",
                     hint=f'remove "{country.iso3}" from [roster] exclude in review.toml', **at("iso3"))
    if country.iso3 in jurisdictions.all_jurisdictions():
        return Issue("not-in-roster", f"{country.iso3} is a known jurisdiction but not on this review's "
                     "roster, so it will not be published", severity="warning",
                     hint=f'add it to [roster] include = ["{country.iso3}"] in review.toml', **at("iso3"))
    if jurisdictions.unit_name(country.iso3):
        home = next((j.iso3 for j in jurisdictions.all_jurisdictions().values()
                     if j.iso2 == country.iso3[:2]), "<ISO3>")
        return Issue("unknown-country", f"{country.iso3} ({country.name}) is an ISO 3166-2 sub-national unit, "
                     "not a country", hint=f"move the file to countries/{home}/{country.iso3}.yaml", **at("iso3"))
    hint = jurisdictions.did_you_mean(country.name) or jurisdictions.did_you_mean(country.iso3)
    return Issue("unknown-country", f"{country.iso3} ({country.name}) is not an ISO 3166 alpha-3 code "
                 "or a roster extra", hint=hint or "use the ISO 3166 alpha-3 code", **at("iso3"))


def _statute_issues(country: Country, at: Callable[..., dict[str, Any]]) -> list[Issue]:
    """Return duplicate statute and provision ids, then provisions of a statute the file does not list."""
    out: list[Issue] = []
    for index, key in _duplicates(country.statutes):
        out.append(Issue("duplicate-id", f"statute id {key!r} is used twice", hint="give each statute a unique id",
                         **at("statutes", index, "id")))
    for index, key in _duplicates(country.provisions):
        out.append(Issue("duplicate-id", f"provision id {key!r} is used twice",
                         hint="give each provision a unique id", **at("provisions", index, "id")))
    statutes = {s.id for s in country.statutes}
    for index, prov in enumerate(country.provisions):
        if prov.statute not in statutes:
            out.append(Issue("unknown-statute", f"provision {prov.id!r} belongs to statute {prov.statute!r}, which "
                             "this file does not list", hint="add the statute under `statutes:` or fix the id",
                             **at("provisions", index, "statute")))
    return out


def _assessment_issues(assessment: Assessment, where: tuple[str, int], criteria: dict[str, CriteriaSet],
                       provisions: set[str], seen: set[tuple[str, str, str]], today: dt.date,
                       at: Callable[..., dict[str, Any]]) -> list[Issue]:
    """Return the problems of one assessment at ``where``: a second one by the same coder (``seen``
    holds the keys of earlier ones and gains this one's), a future date, an unknown set or edition,
    its answers, its changes and unanswered criteria."""
    out: list[Issue] = []
    key = (assessment.set, assessment.edition, assessment.coder)
    if key in seen:
        out.append(Issue("duplicate-assessment", f"a second {assessment.set} assessment for edition "
                         f"{assessment.edition} by {assessment.coder}", hint="merge them, or change the "
                         "edition or coder of one", **at(*where)))
    seen.add(key)
    if assessment.assessed_on > today:
        out.append(Issue("future-date", f"assessed_on {assessment.assessed_on} is in the future",
                         hint="use the date the assessment was made", **at(*where, "assessed_on")))
    cs = criteria.get(assessment.set)
    if cs is None:
        close = _close(assessment.set, list(criteria))
        out.append(Issue("unknown-set", f"criteria set {assessment.set!r} does not exist in criteria/",
                         hint=f"did you mean {close!r}?" if close else f"use one of {', '.join(sorted(criteria))}",
                         **at(*where, "set")))
        return out
    edition_ids = [e.id for e in cs.editions]
    if edition_ids and assessment.edition not in edition_ids:
        out.append(Issue("unknown-edition", f"{cs.id} has no edition {assessment.edition!r}",
                         hint=f"use one of {', '.join(edition_ids)}", **at(*where, "edition")))
    for crit_id, answer in assessment.answers.items():
        out.extend(_answer_issues(crit_id, answer, cs, provisions, (*where, "answers", crit_id), at))
    for crit_id in assessment.changes:
        if crit_id not in cs.criterion_ids:
            out.append(Issue("unknown-criterion", f"changes: {cs.id} has no criterion {crit_id!r}",
                             hint=f"use one of {', '.join(cs.criterion_ids)}", **at(*where, "changes", crit_id)))
    missing = [c for c in cs.criterion_ids if c not in assessment.answers]
    if missing:
        out.append(Issue("criteria-incomplete", f"{cs.id} {assessment.edition} leaves {', '.join(missing)} "
                         "unanswered", severity="warning", hint='answer them, or write "unknown"',
                         **at(*where, "answers")))
    return out


def _answer_issues(crit_id: str, answer: Answer, cs: CriteriaSet, provisions: set[str], loc: tuple[Any, ...],
                   at: Callable[..., dict[str, Any]]) -> list[Issue]:
    """Return the problems of one answer at ``loc``: an unknown criterion, a code off the scale or
    missing evidence, then evidence that names no provision of the file."""
    out: list[Issue] = []
    if crit_id not in cs.criterion_id_set:
        close = _close(crit_id, cs.criterion_ids)
        hint = f"did you mean {close!r}?" if close else f"use one of {', '.join(cs.criterion_ids)}"
        out.append(Issue("unknown-criterion", f"{cs.id} has no criterion {crit_id!r}", hint=hint, **at(*loc)))
    codes = cs.scale_by_code
    item = codes.get(answer.value)
    if item is None:
        guess = cs.suggest_code(answer.value)
        out.append(Issue("bad-answer", f"{crit_id}: {answer.value!r} is not on the {cs.id} scale",
                         hint=(f'did you mean "{guess}"? ' if guess else "") +
                         f"use one of {', '.join(codes)}", **at(*loc)))
    elif cs.needs_evidence(item.code) and not answer.evidence:
        out.append(Issue("evidence-missing", f'{crit_id}: "{answer.value}" needs evidence: cite at least '
                         "one provision", hint=f"add evidence: [provision-id] (ids here: "
                         f"{', '.join(sorted(provisions)) or 'none yet - add provisions first'})", **at(*loc)))
    for e_index, ref in enumerate(answer.evidence):
        if ref not in provisions:
            close = _close(ref, list(provisions)) if provisions else None
            out.append(Issue("unknown-provision", f"{crit_id}: evidence {ref!r} is not a provision in "
                             "this file", hint=f"did you mean {close!r}?" if close else
                             "add it under `provisions:` or fix the id", **at(*loc, "evidence", e_index)))
    return out


def _unexplained_changes(country: Country, criteria: dict[str, CriteriaSet],
                         at: Callable[..., dict[str, Any]]) -> list[Issue]:
    """Return a ``change-without-reason`` warning for every answer that differs from the previous
    edition's without a reason in ``changes:``, located at the newer answer.

    Only assessments that can count (not drafts) are compared. The previous edition is the latest
    earlier edition of the same set in this file; its assessment by the same coder is compared, else
    the one that counts (latest date, then status, then coder). A change from ``unknown`` or no answer
    to a decided answer is ``first-coded`` without being told (see :func:`models.change_reason`).
    """
    out: list[Issue] = []
    by_set: dict[str, dict[str, list[tuple[int, Any]]]] = {}
    for index, a in enumerate(country.assessments):
        if a.set in criteria and a.status != "draft":
            by_set.setdefault(a.set, {}).setdefault(a.edition, []).append((index, a))
    for set_id, editions in by_set.items():
        cs = criteria[set_id]
        order = edition_order(cs, editions)
        for previous, edition in zip(order, order[1:]):
            earlier = editions[previous]
            by_coder = sorted(earlier, key=lambda p: p[1].coder)  # max keeps the first of equals
            standing = max(by_coder, key=lambda p: (p[1].assessed_on, STATUS_RANK[p[1].status]))[1]
            for index, a in editions[edition]:
                before = next((b for _, b in earlier if b.coder == a.coder), standing)
                for crit in cs.criterion_ids:
                    answer = a.answers.get(crit)
                    if answer is None:
                        continue  # no answer is criteria-incomplete, not a change
                    old = before.answers[crit].value if crit in before.answers else ""
                    if old != answer.value and not change_reason(old, answer.value, a.changes.get(crit, "")):
                        out.append(Issue(
                            "change-without-reason", f"{set_id} {crit}: {old or 'no answer'} in edition {previous} "
                            f"({before.coder}) but {answer.value} in edition {edition}, and no reason is given",
                            severity="warning", hint=f"add `changes: {{{crit}: law-amended}}` to this assessment "
                            "(law: law-amended, new-law; our coding: correction, method-change, recoded)",
                            **at("assessments", index, "answers", crit)))
    return out


# --------------------------------------------------------------------------- the whole workspace

class LoadCache(Protocol):
    """What :func:`load_workspace` may ask a cache; without one every file is parsed and checked.

    :class:`legalreview.speed.WorkspaceCache` implements it (models kept by content hash, what
    checking a file found, files parsed in worker processes). The cache never changes a result:
    a load with it returns what a load without it returns (tests compare them)."""

    def stored(self, filename: str, kind: str, digest: str) -> Any | None:
        """Return the valid model of ``kind`` parsed earlier from bytes hashing to ``digest``, or None."""

    def store(self, filename: str, kind: str, digest: str, model: Any | None, data: Any = None) -> None:
        """Keep the model parsed from a valid file and the data it was validated from (what the file
        parsed to; a cache keeps data, never models); None: the file has problems, forget it."""

    def digest(self, path: Path, filename: str, st: os.stat_result | None = None) -> str | None:
        """Return the SHA-256 of a file's bytes, as :func:`file_digest` does (None when it cannot be
        read or is too large); ``st``: its ``lstat`` taken just before, when the caller has it."""

    def known_countries(self, ws: Workspace, files: list[tuple[Path, str, str]],
                        today: dt.date) -> dict[str, Checked]:
        """Return filename -> what checking it found, for the (path, filename, SHA-256) ``files``
        checked before with these criteria sets and roster (their models load lazily)."""

    def checked(self, filename: str, digest: str, found: Checked) -> None:
        """Keep what checking a valid country file found."""

    def load_country(self, filename: str, digest: str) -> Country:
        """Return the model of a country file :meth:`known_countries` returned."""

    def finish(self, ok: bool) -> None:
        """The load is over: keep what was learnt when ``ok`` (the workspace is valid), else drop it."""


def parse_valid(raw: bytes, path: Path, filename: str, digest: str,
                model: type[BaseModel]) -> tuple[Any, PositionMap, list[Issue], Any] | None:
    """Fast path: parse without positions; they are computed later only if a message needs them.
    Return (model, positions, no issues, the data the model was validated from), or None when the
    file has a problem (the caller parses again, recording positions)."""
    try:
        data = parse_yaml_data(raw, filename)
        if not isinstance(data, dict):
            return None
        return model.model_validate(data), LazyPositions(path.read_bytes, digest, filename), [], data
    except (YamlProblem, ValidationError):
        return None


def parse_with_positions(raw: bytes, filename: str,
                         model: type[BaseModel]) -> tuple[Any, PositionMap, list[Issue], Any]:
    """Return (model or None, positions, issues, the data the model was validated from or None) of a
    file's bytes, every problem located."""
    try:
        data, positions = parse_yaml(raw, filename)
    except YamlProblem as exc:
        return None, {}, [exc.issue], None
    if not isinstance(data, dict):
        return None, positions, [Issue("schema", "the file must be a YAML mapping (key: value lines)",
                                       file=filename, line=1, column=1, hint="see the README's file formats")], None
    try:
        return model.model_validate(data), positions, [], data
    except ValidationError as exc:
        return None, positions, _pydantic_issues(exc, filename, positions, model), None


def _too_large(size: int, filename: str) -> list[Issue]:
    return [Issue("file-too-large", f"the file is {size // 1048576} MB; the limit is {MAX_YAML_BYTES // 1048576} MB",
                  file=filename, hint="a workspace file describes one set or one jurisdiction; trim it")]


def _parse_model(path: Path, filename: str, model: type[BaseModel],
                 cache: LoadCache | None = None) -> tuple[Any, PositionMap, list[Issue], str]:
    """Return (model or None, positions, issues, sha256) for a file (from ``cache`` when it holds it)."""
    try:
        size = path.stat().st_size
        if size > MAX_YAML_BYTES:  # before reading: never load a huge file into memory
            return None, {}, _too_large(size, filename), ""
        raw = path.read_bytes()
    except OSError as exc:
        return None, {}, [Issue("yaml-syntax", f"cannot read the file: {exc.strerror}", file=filename)], ""
    digest = hashlib.sha256(raw).hexdigest()
    stored = cache.stored(filename, model.__name__, digest) if cache is not None else None
    if stored is not None:
        return stored, LazyPositions(path.read_bytes, digest, filename), [], digest
    if len(raw) > MAX_YAML_BYTES:
        return None, {}, _too_large(len(raw), filename), digest  # the file grew after the size check
    found, positions, issues, data = parse_valid(raw, path, filename, digest, model) \
        or parse_with_positions(raw, filename, model)
    if cache is not None:
        cache.store(filename, model.__name__, digest, found if not issues else None, data)
    return found, positions, issues, digest


@dataclass(frozen=True)
class Checked:
    """What checking a valid country file found (a cache keeps it, so an unchanged file is neither
    parsed nor checked again): its code, its issues (warnings only) and its latest assessment date
    (a file is checked again once that date is no longer in the past of the day it was checked)."""

    iso3: str
    issues: tuple[Issue, ...]
    latest: dt.date | None
    #: the digest of the file's structured facts ("" when it records none; see lawchecks.facts_digest)
    facts: str = ""
    #: (set, edition, coder, scope as text) of each assessment that states a scope
    scopes: tuple[tuple[str, str, str, str], ...] = ()
    #: (provision id, label) of every provision an answer cites (see lawchecks.cited_labels)
    cited: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, country: Country, issues: list[Issue]) -> Checked:
        """Return what checking ``country`` found (``issues``: its warnings)."""
        return cls(country.iso3, tuple(issues), max((a.assessed_on for a in country.assessments), default=None),
                   facts_digest(country), stated_scopes(country), cited_labels(country))


_is_plain_file = safefiles.plain_file


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except OSError:
        return None


def _folder(root: Path, name: str, issues: list[Issue]) -> bool:
    """Return True when the workspace has the folder ``name``; a link (or a file) in its place is
    reported in ``issues`` and treated as missing (its files are never read)."""
    try:
        return safefiles.folder_inside(root, name)
    except safefiles.UnsafeFile as exc:
        issues.extend(exc.issues)
        return False


def file_digest(path: Path) -> str | None:
    """Return the SHA-256 of a file's bytes (None when it is too large or cannot be read)."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_YAML_BYTES + 1)  # never more than the limit in memory
    except OSError:
        return None
    return None if len(raw) > MAX_YAML_BYTES else hashlib.sha256(raw).hexdigest()


def safe_stem(stem: str) -> bool:
    """Return True when a file stem is a plain code: no path tricks, no reserved device names."""
    return bool(jurisdictions.CODE_PATTERN.match(stem)) and not _RESERVED.match(stem)


def _roster_issues(root: Path, config: ReviewConfig) -> list[Issue]:
    """Return a problem for each roster code that is no ISO 3166 alpha-3 code."""
    issues = []
    for code in config.roster.include + config.roster.exclude:
        if code not in jurisdictions.all_jurisdictions() and not (code in config.roster.exclude and
                                                                  jurisdictions.unit_name(code)):
            text = safefiles.read_inside(root, "review.toml").decode("utf-8-sig", errors="replace")
            found = text.find(f'"{code}"')
            line = text.count("\n", 0, found) + 1 if found >= 0 else None
            issues.append(Issue("unknown-country", f"roster code {code!r} is not an ISO 3166 alpha-3 code",
                                file="review.toml", line=line, hint=jurisdictions.did_you_mean(code) or
                                "use ISO 3166 alpha-3 codes, or [roster.extra] for other units"))
    return issues


def _load_criteria(ws: Workspace, cache: LoadCache | None, issues: list[Issue]) -> None:
    """Load every criteria set and catalogue of ``criteria/`` into ``ws`` (problems into ``issues``)."""
    crit_dir = ws.root / "criteria"
    crit_files = sorted(crit_dir.glob("*.yaml")) if _folder(ws.root, "criteria", issues) else []
    if not [p for p in crit_files if p.name not in CATALOGUE_FILES]:
        issues.append(Issue("schema", "criteria/ holds no criteria set", file="criteria/",
                            hint="copy a set from `legalreview init`, e.g. criteria/csam.yaml"))
    for path in crit_files:
        filename = f"criteria/{path.name}"
        if path.name.startswith("."):
            continue
        if path.name in CATALOGUE_FILES:  # the facts and instruments catalogues, not criteria sets
            _load_catalogue(ws, path, filename, cache, issues)
            continue
        if path.is_symlink() or not path.is_file():
            issues.append(Issue("bad-path", f"{path.name!r} is a link, folder or device, not a criteria file",
                                file=filename, hint="criteria/ holds plain YAML files only (no links)"))
            continue
        cs, positions, found, _ = _parse_model(path, filename, CriteriaSet, cache)
        issues.extend(found)
        if cs is None:
            continue
        issues.extend(_check_criteria(cs, filename, positions))
        if cs.id in ws.criteria:
            issues.append(Issue("duplicate-id", f"criteria set id {cs.id!r} is also used by "
                                f"{ws.criteria_files[cs.id]}", file=filename, line=1, column=1,
                                hint="each set needs its own id"))
            continue
        ws.criteria[cs.id] = cs
        ws.criteria_files[cs.id] = filename
        ws.positions[filename] = positions
    issues.extend(check_derived_facts(ws.criteria, ws.criteria_files, ws.positions, ws.facts))


def _country_paths(root: Path, has_countries: bool, unit_paths: list[Path], only: Collection[str] | None) -> list[Path]:
    folder = root / "countries"
    paths = [folder / n for n in sorted(os.listdir(folder)) if _yaml_name(n)] if has_countries else []
    return [p for p in [*paths, *unit_paths] if _yaml_name(p.name) and (only is None or p.stem in only)]


def _add_country(ws: Workspace, filename: str, code: str, digest: str, positions: PositionMap, found: Checked,
                 issues: list[Issue]) -> bool:
    """Record a checked country file in ``ws``; False (and an issue) when its code is taken."""
    if code in ws.countries:
        issues.append(Issue("duplicate-id", f"{code} is also described by {ws.country_files[code]}",
                            file=filename, line=1, column=1, hint="keep one file per jurisdiction"))
        return False
    ws.country_files[code] = filename
    ws.positions[filename] = positions
    ws.fingerprints[code] = digest
    if found.facts:
        ws.fact_digests[code] = found.facts
    if found.scopes:
        ws.coded_scopes[code] = {(set_id, edition, coder): text for set_id, edition, coder, text in found.scopes}
    if found.cited:
        ws.cited_labels[code] = dict(found.cited)
    return True


def _load_countries(ws: Workspace, paths: list[Path], today: dt.date, cache: LoadCache | None,
                    issues: list[Issue]) -> None:
    """Parse and check every country and unit file of ``paths`` into ``ws`` (problems into ``issues``)."""
    stats = {path: _lstat(path) if safe_stem(path.stem) else None for path in paths}
    plain = {path: st is not None and stat.S_ISREG(st.st_mode) for path, st in stats.items()}
    known: dict[str, Checked] = {}
    digests: dict[str, str] = {}
    if cache is not None:  # files checked before (unchanged) are neither parsed nor checked
        files = [(path, filename, cache.digest(path, filename, stats[path]) or "") for path in paths if plain[path]
                 for filename in (country_filename(path),)]
        digests = {filename: digest for _path, filename, digest in files}
        known = cache.known_countries(ws, [f for f in files if f[2]], today)
    catalogues = (ws.facts, ws.instruments)
    for path in paths:
        filename = country_filename(path)
        if not plain[path]:
            issues.append(Issue("bad-path", f"{path.name!r} is not a country file name we accept",
                                file=filename, hint="name country files by code, e.g. countries/KEN.yaml, "
                                "and unit files countries/AUS/AU-NSW.yaml (no dots, spaces, links or device names)"))
            continue
        entry = known.get(filename)
        if entry is not None:
            digest = digests[filename]
            issues.extend(entry.issues)
            if _add_country(ws, filename, entry.iso3, digest, LazyPositions(path.read_bytes, digest, filename),
                            entry, issues):
                ws.countries.set_lazy(entry.iso3, filename, digest)
            continue
        country, positions, found, digest = _parse_model(path, filename, Country, cache)
        issues.extend(found)
        if country is None:
            continue
        found = check_country_model(country, filename, positions, ws.criteria, ws.registry, today, catalogues)
        issues.extend(found)
        checked = Checked.of(country, found)
        if cache is not None and not any(i.severity == "error" for i in found):
            cache.checked(filename, digest, checked)
        if _add_country(ws, filename, country.iso3, digest, positions, checked, issues):
            ws.countries[country.iso3] = country


@contextlib.contextmanager
def long_lived_objects() -> Iterator[None]:
    """While active, Python's cycle collector runs about a hundred times less often: a load (or a
    build) makes many objects that all live on (parsed files, models, tables), and collecting them
    again and again while nothing can be freed costs about a third of a load and a tenth of a build.
    The threshold is restored afterwards."""
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], 50_000), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def load_workspace(root: str | Path, today: dt.date | None = None, only: Collection[str] | None = None,
                   cache: LoadCache | None = None) -> tuple[Workspace | None, list[Issue]]:
    """Return (workspace, issues): everything valid that could be loaded and every problem found.

    ``only`` limits the country files read to these codes (file stems); the rest are not looked at.
    ``cache`` (see :class:`LoadCache`) spares parsing and checking files seen before; the result is the same.
    """
    with long_lived_objects():
        return _load_workspace(Path(root), today or dt.date.today(), only, cache)


def _load_workspace(root: Path, today: dt.date, only: Collection[str] | None,
                    cache: LoadCache | None) -> tuple[Workspace | None, list[Issue]]:
    config, issues = load_config(root, cache)
    if config is None:
        return None, issues
    has_countries = _folder(root, "countries", issues)
    unit_paths = _unit_files(root, issues) if has_countries else []
    registry = jurisdictions.Registry.from_config(config.roster, _roster_units(unit_paths))
    ws = Workspace(root=root, config=config, registry=registry)
    issues.extend(recover_interrupted_writes(root))  # a killed import's half-done write is completed first
    issues.extend(_roster_issues(root, config))
    _load_criteria(ws, cache, issues)
    if cache is not None:
        ws.countries = CountryModels(cache.load_country)
    _load_countries(ws, _country_paths(root, has_countries, unit_paths, only), today, cache, issues)
    for code in registry.codes if only is None else []:
        if code not in ws.countries:
            issues.append(Issue("missing-country", f"roster member {code} ({registry.by_code[code].name}) has "
                                "no country file; it will show as not yet assessed", severity="warning",
                                file=f"countries/{code}.yaml", hint="create it with `legalreview init` "
                                "or copy another country file"))
    if cache is not None:
        cache.finish(not any(i.severity == "error" for i in issues))  # an invalid workspace: nothing is kept
    return ws, issues


def _load_catalogue(ws: Workspace, path: Path, filename: str, cache: LoadCache | None,
                    issues: list[Issue]) -> None:
    """Load ``criteria/facts.yaml`` or ``criteria/instruments.yaml`` into the workspace (problems into ``issues``)."""
    if path.is_symlink() or not path.is_file():
        issues.append(Issue("bad-path", f"{path.name!r} is a link, folder or device, not a catalogue file",
                            file=filename, hint="criteria/ holds plain YAML files only (no links)"))
        return
    model = FactCatalogue if path.name == "facts.yaml" else InstrumentCatalogue
    catalogue, positions, found, _ = _parse_model(path, filename, model, cache)
    issues.extend(found)
    if catalogue is None:
        return
    items = catalogue.facts if isinstance(catalogue, FactCatalogue) else catalogue.instruments
    key = "facts" if isinstance(catalogue, FactCatalogue) else "instruments"
    for index, dup in _duplicates(items):
        line, col = position(positions, (key, index, "id"))
        issues.append(Issue("duplicate-id", f"{key[:-1]} id {dup!r} is used twice", file=filename, line=line,
                            column=col, hint="give each a unique id"))
    if isinstance(catalogue, FactCatalogue):
        ws.facts = catalogue
    else:
        ws.instruments = catalogue
    ws.positions[filename] = positions


def check_country_bytes(ws: Workspace, filename: str, raw: bytes,
                        today: dt.date | None = None) -> tuple[Country | None, list[Issue]]:
    """Return (country or None, issues) for would-be bytes of a country file, checked exactly as
    :func:`load_workspace` checks it (used to validate an edit before it is written)."""
    try:
        data, positions = parse_yaml(raw, filename)
    except YamlProblem as exc:
        return None, [exc.issue]
    if not isinstance(data, dict):
        return None, [Issue("schema", "the file must be a YAML mapping (key: value lines)", file=filename)]
    try:
        country = Country.model_validate(data)
    except ValidationError as exc:
        return None, _pydantic_issues(exc, filename, positions, Country)
    return country, check_country_model(country, filename, positions, ws.criteria, ws.registry,
                                   today or dt.date.today(), (ws.facts, ws.instruments))
