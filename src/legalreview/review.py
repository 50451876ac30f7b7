"""The :class:`Review` object: a validated workspace plus its spine and every table derived from it."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import pandas as pd

from . import aggregate
from .issues import Issue, ReviewError, has_errors
from .jurisdictions import Registry
from .models import CriteriaSet, Country, ReviewConfig
from .scoring import build_spine
from .workspace import Workspace, load_workspace


def load_review(path: str | Path = ".", include_drafts: bool | None = None, today: dt.date | None = None) -> Review:
    """Return the review in the workspace at ``path``.

    Raises :class:`ReviewError` carrying every :class:`Issue` when the workspace has errors
    (warnings are kept on ``review.warnings``). Drafts count in tables only with
    ``include_drafts=True`` (default: review.toml's ``build.include_drafts``).
    """
    workspace, issues = load_workspace(path, today=today)
    if workspace is None or has_errors(issues):
        raise ReviewError(issues)
    return Review(workspace, issues, include_drafts=include_drafts)


class Review:
    """A loaded, valid review. Every method returns a new DataFrame or Series (never internal state)."""

    def __init__(self, workspace: Workspace, warnings: list[Issue] | None = None,
                 include_drafts: bool | None = None):
        self._ws = workspace
        self.warnings: list[Issue] = list(warnings or [])
        self._tables: dict[tuple[str, str | None], pd.DataFrame] = {}
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
        """Return one criteria set; ValueError naming the sets there are when it does not exist."""
        try:
            return self._ws.criteria[set_id]
        except KeyError:
            raise ValueError(f"there is no criteria set {set_id!r}; the review has "
                             f"{', '.join(sorted(self._ws.criteria))}") from None

    # ------------------------------------------------------------------ the spine
    @functools.cached_property
    def _spine(self) -> pd.DataFrame:
        return build_spine(self._ws.countries.values(), self._ws.criteria, self._ws.registry, self.include_drafts)

    @property
    def scores(self) -> pd.DataFrame:
        """Return (a copy of) the spine: one row per country, set, edition, coder and criterion."""
        return self._spine.copy()

    def _table(self, set_id: str, edition: str | None) -> pd.DataFrame:
        key = (set_id, edition)
        if key not in self._tables:
            self._tables[key] = aggregate.global_table(self._spine, self.criteria_set(set_id), self.registry, edition)
        return self._tables[key]

    # ------------------------------------------------------------------ tables
    def table(self, set_id: str, edition: str | None = None) -> pd.DataFrame:
        """Return the global table for a set: one row per roster country (index iso3), a column per
        criterion, ``met_count``, ``points``, ``tier``, ``tier_label`` and ``assessed``.

        ``edition=None`` takes each country's latest counted edition.
        """
        return self._table(set_id, edition).copy()

    def tier_counts(self, set_id: str, edition: str | None = None) -> pd.Series:
        """Return tier id -> number of countries (tiers in rule order, then "not-assessed")."""
        return aggregate.tier_counts(self._table(set_id, edition), self.criteria_set(set_id))

    def criterion_counts(self, set_id: str, edition: str | None = None) -> pd.Series:
        """Return criterion id -> number of countries meeting it."""
        return aggregate.criterion_counts(self._table(set_id, edition), self.criteria_set(set_id))

    def answer_counts(self, set_id: str, edition: str | None = None) -> pd.DataFrame:
        """Return criterion x answer code -> number of countries (unknown kept apart from "no")."""
        return aggregate.answer_counts(self._table(set_id, edition), self.criteria_set(set_id))

    def by_region(self, set_id: str, level: str = "region", edition: str | None = None) -> pd.DataFrame:
        """Return region (or ``level="subregion"``) x tier -> number of countries, plus totals."""
        return aggregate.by_region(self._table(set_id, edition), self.criteria_set(set_id), level)

    def trend(self, set_id: str) -> pd.DataFrame:
        """Return edition -> countries assessed, per tier and per criterion met (oldest edition first)."""
        return aggregate.trend(self._spine, self.criteria_set(set_id))

    def diff(self, set_id: str, old: str, new: str) -> pd.DataFrame:
        """Return the countries whose answers or tier changed from edition ``old`` to ``new``, with reasons."""
        return aggregate.diff(self._spine, self.criteria_set(set_id), self.registry, old, new)

    def gaps(self, iso3: str, set_id: str) -> pd.DataFrame:
        """Return the criteria a country does not meet in a set, with the model provision for each."""
        try:
            return aggregate.gaps(self._table(set_id, None), self.criteria_set(set_id), iso3)
        except KeyError:
            raise ValueError(f"{iso3} is not on this review's roster") from None

    def coverage(self, set_id: str, edition: str | None = None) -> pd.Series:
        """Return countries, assessed, not yet assessed, and unknown-answer counts for a set."""
        return aggregate.coverage(self._table(set_id, edition), self.criteria_set(set_id))

    def editions(self, set_id: str) -> list[str]:
        """Return the editions of a set that have counted assessments, oldest first."""
        from .scoring import edition_order

        spine = self._spine
        eds = spine.loc[(spine["set"] == set_id) & spine["counted"], "edition"].unique()
        return edition_order(self.criteria_set(set_id), eds)

    def __repr__(self) -> str:
        return (f"<Review {self.config.review.name!r}: {len(self.registry)} jurisdictions, "
                f"sets {', '.join(self._ws.criteria)}>")
