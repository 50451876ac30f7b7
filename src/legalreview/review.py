"""The :class:`Review` object: a validated workspace plus its spine and every table derived from it."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Protocol, runtime_checkable

import pandas as pd

from . import aggregate
from .issues import Issue, ReviewError, has_errors
from .jurisdictions import Registry
from .lawframes import coded_for_frame, facts_frame, instruments_frame
from .models import CriteriaSet, Country, ReviewConfig
from .resolve import region_members, resolve_country, resolve_edition, resolve_set
from .scoring import build_spine, edition_order
from .workspace import LoadCache, Workspace, load_workspace


@runtime_checkable
class SpineCache(Protocol):
    """What a :class:`Review` may ask a cache (:class:`legalreview.speed.WorkspaceCache` implements it)."""

    def spine(self, ws: Workspace, include_drafts: bool) -> pd.DataFrame:
        """Return the spine of ``ws`` (exactly :func:`~legalreview.scoring.build_spine`'s)."""

    def release(self, ws: Workspace) -> int:
        """Drop country models from memory that can be loaded again; return how many."""


def load_review(path: str | Path = ".", include_drafts: bool | None = None, today: dt.date | None = None,
                cache: LoadCache | None = None) -> Review:
    """Return the review in the workspace at ``path`` (``cache``: see :class:`~legalreview.workspace.LoadCache`;
    when it is also a :class:`SpineCache`, the review's spine comes from it).

    Raises :class:`ReviewError` carrying every :class:`Issue` when the workspace has errors
    (warnings are kept on ``review.warnings``). Drafts count in tables only with
    ``include_drafts=True`` (default: review.toml's ``build.include_drafts``).
    """
    workspace, issues = load_workspace(path, today=today, cache=cache)
    if workspace is None or has_errors(issues):
        raise ReviewError(issues)
    spine_cache = cache if isinstance(cache, SpineCache) else None
    return Review(workspace, issues, include_drafts=include_drafts, spine_cache=spine_cache)


class Review:
    """A loaded, valid review. Every method returns a new DataFrame or Series (never internal state)."""

    def __init__(self, workspace: Workspace, warnings: list[Issue] | None = None,
                 include_drafts: bool | None = None, spine_cache: SpineCache | None = None):
        self._ws = workspace
        self._spine_cache = spine_cache
        self.warnings: list[Issue] = list(warnings or [])
        self._set_tables: dict[str, aggregate.SetTables] = {}
        self.include_drafts = workspace.config.build.include_drafts if include_drafts is None else include_drafts

    # ------------------------------------------------------------------ what was loaded
    @property
    def root(self) -> Path:
        """Return the workspace folder."""
        return self._ws.root

    @property
    def workspace(self) -> Workspace:
        """Return the loaded workspace (models, file names, positions)."""
        return self._ws

    @property
    def config(self) -> ReviewConfig:
        """Return review.toml as a model."""
        return self._ws.config

    @property
    def registry(self) -> Registry:
        """Return the roster."""
        return self._ws.registry

    @property
    def criteria(self) -> dict[str, CriteriaSet]:
        """Return the criteria sets by id (in file-name order)."""
        return dict(self._ws.criteria)

    @property
    def countries(self) -> dict[str, Country]:
        """Return the country models by code."""
        return dict(self._ws.countries)

    def criteria_set(self, set_id: str) -> CriteriaSet:
        """Return one criteria set (id in any letter case); :class:`~legalreview.resolve.UnknownValue`
        (a ReviewError and a ValueError) naming the nearest sets when it does not exist."""
        return self._ws.criteria[resolve_set(self._ws.criteria, set_id)]

    def edition(self, set_id: str, edition: str | None, option: str = "--edition") -> str | None:
        """Return the edition ``edition`` names for a set (None stays None), or raise
        :class:`~legalreview.resolve.UnknownValue` naming the nearest: the set's declared editions and
        those its assessments use are the choices."""
        cs = self.criteria_set(set_id)
        spine = self._spine
        present = spine.loc[spine["set"].to_numpy() == cs.id, "edition"].unique().tolist()
        return resolve_edition(cs, edition, present, option)

    def country(self, value: str) -> str:
        """Return the roster code ``value`` names (ISO3, ISO2, name or alias such as "UK"), or raise
        :class:`~legalreview.resolve.UnknownValue` suggesting the nearest jurisdictions."""
        return resolve_country(value, self.registry)

    def region(self, value: str) -> list[str]:
        """Return the roster codes in the UN M49 region, sub-region or intermediate region ``value``."""
        return region_members(self.registry, value)

    # ------------------------------------------------------------------ the spine
    @functools.cached_property
    def _spine(self) -> pd.DataFrame:
        """The spine: from the spine cache when there is one, else scored from every country."""
        ws = self._ws
        if self._spine_cache is not None:
            return self._spine_cache.spine(ws, self.include_drafts)
        return build_spine(ws.countries.values(), ws.criteria, ws.registry, self.include_drafts)

    @property
    def scores(self) -> pd.DataFrame:
        """Return (a copy of) the spine: one row per country, set, edition, coder and criterion."""
        return self._spine.copy()

    def compact(self) -> None:
        """Compute the spine, then drop the country models from memory where the spine cache can load
        them again (``build`` does this: a large review's site is rendered in less memory). Models
        are loaded again, one by one, when asked for. Without a spine cache nothing is dropped."""
        _ = self._spine
        if self._spine_cache is not None:
            self._spine_cache.release(self._ws)

    def set_tables(self, set_id: str) -> aggregate.SetTables:
        """Return a set's counted assessments of every edition and the tables made from them, each made
        once per review (shared by every table, count, trend and diff of the set, and by the site: do
        not modify what it returns)."""
        cs = self.criteria_set(set_id)
        if cs.id not in self._set_tables:
            self._set_tables[cs.id] = aggregate.SetTables(self._spine, cs, self.registry)
        return self._set_tables[cs.id]

    def _table(self, set_id: str, edition: str | None, region: str | None = None) -> pd.DataFrame:
        set_id = self.criteria_set(set_id).id
        table = self.set_tables(set_id).table(self.edition(set_id, edition))
        return table[table.index.isin(self.region(region))] if region else table

    # ------------------------------------------------------------------ tables
    def table(self, set_id: str, edition: str | None = None, region: str | None = None) -> pd.DataFrame:
        """Return the global table for a set: one row per roster country (index iso3), a column per
        criterion, ``met_count``, ``points``, ``tier``, ``tier_low``, ``tier_high``,
        ``unknown_criteria``, ``tier_label``, ``assessed`` and ``scope`` (the law the counted assessment
        was coded for: "National law", its label, or "derived from units (all)"; see
        :func:`legalreview.aggregate.assessment_scopes`).

        ``tier_low`` counts every unknown answer as not met, ``tier_high`` as met; ``tier`` is their
        common value or "undetermined" (whose ``tier_label`` names both and the unknown criteria).
        ``edition=None`` takes each country's latest counted edition. ``region`` keeps the countries
        of a UN M49 region, sub-region or intermediate region (e.g. "Africa"; see :meth:`region`).
        """
        return self._table(set_id, edition, region).copy()

    def tier_counts(self, set_id: str, edition: str | None = None, region: str | None = None) -> pd.DataFrame:
        """Return per tier (rule order, then "undetermined", "not-assessed"): ``countries``, ``share``,
        ``at_least`` (certainly in this tier or a better one; ICMEC-comparable) and ``at_most``
        (of the countries of ``region`` when given)."""
        return aggregate.tier_counts(self._table(set_id, edition, region), self.criteria_set(set_id))

    def criterion_counts(self, set_id: str, edition: str | None = None, region: str | None = None) -> pd.Series:
        """Return criterion id -> number of countries meeting it (of ``region`` when given)."""
        return aggregate.criterion_counts(self._table(set_id, edition, region), self.criteria_set(set_id))

    def answer_counts(self, set_id: str, edition: str | None = None) -> pd.DataFrame:
        """Return criterion x answer code -> number of countries (unknown kept apart from "no")."""
        return aggregate.answer_counts(self._table(set_id, edition), self.criteria_set(set_id))

    def by_region(self, set_id: str, level: str = "region", edition: str | None = None) -> pd.DataFrame:
        """Return region (or ``level="subregion"``) x tier -> number of countries, plus totals."""
        return aggregate.by_region(self._table(set_id, edition), self.criteria_set(set_id), level)

    def trend(self, set_id: str) -> pd.DataFrame:
        """Return edition -> countries assessed, per tier and per criterion met (oldest edition first)."""
        return self.set_tables(set_id).trend()

    def diff(self, set_id: str, old: str, new: str) -> pd.DataFrame:
        """Return the countries whose answers or tier changed from edition ``old`` to ``new``, with reasons."""
        cs = self.criteria_set(set_id)
        old_edition = self.edition(cs.id, old, "--from") or old  # (an edition given is never None)
        new_edition = self.edition(cs.id, new, "--to") or new
        return self.set_tables(cs.id).diff(old_edition, new_edition)

    def gaps(self, iso3: str, set_id: str) -> pd.DataFrame:
        """Return the criteria a country does not meet in a set, with the model provision for each."""
        code = self.country(iso3)
        return aggregate.gaps(self._table(set_id, None), self.criteria_set(set_id), code)

    def coverage(self, set_id: str, edition: str | None = None) -> pd.Series:
        """Return countries, assessed, not yet assessed, and unknown-answer counts for a set."""
        return aggregate.coverage(self._table(set_id, edition), self.criteria_set(set_id))

    def editions(self, set_id: str) -> list[str]:
        """Return the editions of a set that have counted assessments, oldest first."""
        cs = self.criteria_set(set_id)
        spine = self._spine
        eds = spine.loc[(spine["set"] == cs.id) & spine["counted"], "edition"].unique()
        return edition_order(cs, eds)

    # ------------------------------------------------------------------ the law as recorded (issue 17)
    @property
    def facts(self) -> pd.DataFrame:
        """Return the structured facts of every country file (jurisdiction, fact, label, value, unit,
        scope, evidence, note); see :func:`legalreview.lawframes.facts_frame`."""
        return facts_frame(self._ws)

    @property
    def instruments(self) -> pd.DataFrame:
        """Return the international instruments every country file records (status, date, source)."""
        return instruments_frame(self._ws)

    @property
    def coded_for(self) -> pd.DataFrame:
        """Return per assessment the scope and the date of the law it was coded for."""
        return coded_for_frame(self._ws)

    def __repr__(self) -> str:
        return (f"<Review {self.config.review.name!r}: {len(self.registry)} jurisdictions, "
                f"sets {', '.join(self._ws.criteria)}>")
