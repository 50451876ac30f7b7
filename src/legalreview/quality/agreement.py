"""Double coding: how far independent coders agree, as percent agreement and kappa.

Two or more assessments of the same criteria set and edition in one country, by different coders,
are a *double-coded* assessment. Every (country, edition, criterion) answered by at least two of
those coders is one *item*; an item's ratings are the coders' answer codes.

Every answer code on the scale is a category of its own: ``unknown`` and ``not_applicable`` are
never read as "no", so a coder who says "no" and one who says "unknown" disagree.

Kappa corrects agreement for chance:

* **Cohen's kappa** (Cohen 1960) when every item was coded by the same two coders;
* **Fleiss' kappa** (Fleiss 1971) otherwise (three or more coders, or pairs of coders that change
  from country to country). Items may have different numbers of raters; with a constant number
  this is exactly Fleiss' statistic.

Kappa is ``NaN`` when chance agreement is 1 (every coder always gave one and the same code):
it is undefined there, and percent agreement says all there is to say.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from ..models import Answer, CriteriaSet
from ..resolve import resolve_edition, resolve_set
from ..workspace import Workspace


@dataclass(frozen=True)
class Kappa:
    """A kappa statistic with its parts: observed agreement ``po``, chance agreement ``pe``."""

    po: float
    pe: float
    kappa: float
    items: int
    method: str  # "cohen" or "fleiss"


def _kappa(po: float, pe: float) -> float:
    return float("nan") if math.isclose(pe, 1.0) else (po - pe) / (1.0 - pe)


def cohen_kappa_from_table(table: Sequence[Sequence[float]] | np.ndarray) -> Kappa:
    """Return Cohen's kappa from a k x k contingency table (rows: coder 1, columns: coder 2)."""
    t = np.asarray(table, dtype=float)
    if t.ndim != 2 or t.shape[0] != t.shape[1]:
        raise ValueError("a Cohen's kappa table must be square (k x k)")
    n = t.sum()
    if n == 0:
        raise ValueError("the table is empty")
    po = float(np.trace(t) / n)
    pe = float((t.sum(axis=1) * t.sum(axis=0)).sum() / n**2)
    return Kappa(po=po, pe=pe, kappa=_kappa(po, pe), items=int(n), method="cohen")


def cohen_kappa(first: Sequence[str], second: Sequence[str], categories: Iterable[str] | None = None) -> Kappa:
    """Return Cohen's kappa for two coders' codes of the same items (in the same order)."""
    if len(first) != len(second):
        raise ValueError("both coders must rate the same items")
    cats = list(dict.fromkeys(list(categories or []) + list(first) + list(second)))
    index = {c: i for i, c in enumerate(cats)}
    table = np.zeros((len(cats), len(cats)))
    for a, b in zip(first, second):
        table[index[a], index[b]] += 1
    return cohen_kappa_from_table(table)


def fleiss_kappa_from_counts(counts: Sequence[Sequence[float]] | np.ndarray) -> Kappa:
    """Return Fleiss' kappa from an items x categories table of how many raters chose each category.

    Every item needs at least two ratings. ``po`` is Fleiss' P-bar (mean pairwise agreement per
    item) and ``pe`` his P-bar-e (sum of squared category proportions).
    """
    c = np.asarray(counts, dtype=float)
    if c.ndim != 2 or c.shape[0] == 0:
        raise ValueError("counts must be a non-empty items x categories table")
    n_i = c.sum(axis=1)
    if (n_i < 2).any():
        raise ValueError("every item needs at least two ratings")
    p_i = ((c * c).sum(axis=1) - n_i) / (n_i * (n_i - 1))
    po = float(p_i.mean())
    p_j = c.sum(axis=0) / n_i.sum()
    pe = float((p_j**2).sum())
    return Kappa(po=po, pe=pe, kappa=_kappa(po, pe), items=int(c.shape[0]), method="fleiss")


def fleiss_kappa(ratings: Sequence[Sequence[str]], categories: Iterable[str] | None = None) -> Kappa:
    """Return Fleiss' kappa for items each rated by two or more coders (a list of codes per item)."""
    cats = list(dict.fromkeys(list(categories or []) + [r for item in ratings for r in item]))
    index = {c: i for i, c in enumerate(cats)}
    counts = np.zeros((len(ratings), len(cats)))
    for row, item in enumerate(ratings):
        for r in item:
            counts[row, index[r]] += 1
    return fleiss_kappa_from_counts(counts)


# --------------------------------------------------------------------------- workspace agreement


@dataclass(frozen=True)
class Item:
    """One double-coded question: a country's answer to a criterion, by each coder."""

    iso3: str
    country: str
    edition: str
    criterion: str
    answers: dict[str, Answer]  # coder -> answer, in the order the assessments appear

    @property
    def agreed(self) -> bool:
        """Return True when every coder gave the same code."""
        return len({a.value for a in self.answers.values()}) == 1


@dataclass
class AgreementReport:
    """Agreement between coders for one criteria set (and edition, if one was chosen)."""

    set_id: str
    edition: str | None
    items: list[Item]
    categories: list[str]
    criteria: list[str]
    coders: list[str] = field(default_factory=list)

    def kappa(self, items: list[Item] | None = None) -> Kappa | None:
        """Return the kappa for these items (default: all): Cohen's when the same two coders rated
        every item, else Fleiss'. None when there are no items."""
        items = self.items if items is None else items
        if not items:
            return None
        pairs = {tuple(sorted(i.answers)) for i in items}
        if len(pairs) == 1 and len(next(iter(pairs))) == 2:
            first, second = next(iter(pairs))
            return cohen_kappa([i.answers[first].value for i in items], [i.answers[second].value for i in items],
                               self.categories)
        return fleiss_kappa([[a.value for a in i.answers.values()] for i in items], self.categories)

    def by_criterion(self) -> pd.DataFrame:
        """Return one row per criterion plus an ``overall`` row: items, agreed, percent agreement,
        kappa, observed and chance agreement, and the method (cohen or fleiss)."""
        rows = []
        for crit in [*self.criteria, "overall"]:
            items = self.items if crit == "overall" else [i for i in self.items if i.criterion == crit]
            k = self.kappa(items)
            agreed = sum(i.agreed for i in items)
            rows.append({
                "criterion": crit, "items": len(items), "agreed": agreed,
                "percent": round(100.0 * agreed / len(items), 1) if items else float("nan"),
                "kappa": round(k.kappa, 3) if k else float("nan"),
                "po": round(k.po, 3) if k else float("nan"),
                "pe": round(k.pe, 3) if k else float("nan"),
                "method": k.method if k else "",
            })
        return pd.DataFrame(rows).set_index("criterion")

    def disagreements(self) -> pd.DataFrame:
        """Return one row per item the coders disagree on, their answers side by side:
        ``coder_1, value_1, evidence_1, note_1, coder_2, ...``."""
        width = max((len(i.answers) for i in self.items), default=2)
        cols = ["iso3", "country", "edition", "criterion"]
        for n in range(1, width + 1):
            cols += [f"coder_{n}", f"value_{n}", f"evidence_{n}", f"note_{n}"]
        rows = []
        for item in self.items:
            if item.agreed:
                continue
            row: dict[str, object] = {"iso3": item.iso3, "country": item.country, "edition": item.edition,
                                      "criterion": item.criterion}
            for n, (coder, answer) in enumerate(item.answers.items(), start=1):
                row |= {f"coder_{n}": coder, f"value_{n}": answer.value,
                        f"evidence_{n}": "; ".join(answer.evidence), f"note_{n}": answer.note or ""}
            rows.append(row)
        return pd.DataFrame(rows, columns=cols).fillna("")

    def to_dict(self) -> dict[str, object]:
        """Return the report as plain data (the ``--format json`` output)."""
        table = self.by_criterion().reset_index()
        table = table.astype(object).where(table.notna(), None)
        return {
            "set": self.set_id, "edition": self.edition, "coders": self.coders,
            "criteria": table.to_dict(orient="records"),
            "disagreements": [
                {"iso3": i.iso3, "country": i.country, "edition": i.edition, "criterion": i.criterion,
                 "answers": {c: a.model_dump(exclude_none=True) for c, a in i.answers.items()}}
                for i in self.items if not i.agreed
            ],
        }


def _independent_groups(ws: Workspace, set_id: str, edition: str | None) -> dict[tuple[str, str], list] | None:
    """Return the groups of independent coding: per country and edition with an assessment marked
    ``independent``, the first coding (the assessment in force) and the independent ones; None when
    no assessment of the set is marked independent."""
    from .workflow import in_force

    found: dict[tuple[str, str], list] = {}
    marked = False
    for iso3, country in sorted(ws.countries.items()):
        by_edition: dict[str, list] = {}
        for a in country.assessments:
            if a.set == set_id and (edition is None or a.edition == edition):
                by_edition.setdefault(a.edition, []).append(a)
        for ed, group in by_edition.items():
            blind = [a for a in group if a.independent]
            if not blind:
                continue
            marked = True
            first = in_force([a for a in group if not a.independent])
            members = ([first] if first is not None else []) + blind
            unique = [a for i, a in enumerate(members) if all(o.coder != a.coder for o in members[:i])]
            if len(unique) >= 2:
                found[(iso3, ed)] = unique
    return found if marked else None


def double_coded(ws: Workspace, set_id: str, edition: str | None = None,
                 statuses: Iterable[str] | None = None, coders: Iterable[str] | None = None
                 ) -> dict[tuple[str, str], list]:
    """Return {(iso3, edition): [assessments]} for every country and edition coded by two or more coders.

    By default, when any assessment of the set is marked ``independent`` (a blind second coding from
    ``export-xlsx --blank``), only those and the first coding they were made beside are compared
    (``coders`` narrows them further). Otherwise (or when ``statuses`` is given): ``statuses`` are the
    assessment statuses taken into account (default: all but reviewed and published, which are
    reconciled results rather than independent coding); ``coders``, when given, keeps only those
    coders' assessments.
    """
    only = set(coders) if coders else None
    if statuses is None:
        blind = _independent_groups(ws, set_id, edition)
        if blind is not None:
            kept = {key: [a for a in group if only is None or a.coder in only] for key, group in blind.items()}
            return {key: group for key, group in kept.items() if len(group) >= 2}
    keep = set(statuses) if statuses is not None else {"draft", "illustrative"}
    found: dict[tuple[str, str], list] = {}
    for iso3, country in sorted(ws.countries.items()):
        for a in country.assessments:
            if a.set != set_id or (edition is not None and a.edition != edition) or a.status not in keep:
                continue
            if only is not None and a.coder not in only:
                continue
            group = found.setdefault((iso3, a.edition), [])
            if all(other.coder != a.coder for other in group):
                group.append(a)
    return {key: group for key, group in found.items() if len(group) >= 2}


def agreement(ws: Workspace, set_id: str, edition: str | None = None, statuses: Iterable[str] | None = None,
              coders: Iterable[str] | None = None) -> AgreementReport:
    """Return the agreement report for a criteria set (optionally one edition) of a workspace.

    Raises :class:`~legalreview.resolve.UnknownValue` (a ValueError) when the set or edition does not exist.
    """
    set_id = resolve_set(ws.criteria, set_id)
    cs: CriteriaSet = ws.criteria[set_id]
    present = {a.edition for c in ws.countries.values() for a in c.assessments if a.set == set_id}
    edition = resolve_edition(cs, edition, present)
    items: list[Item] = []
    seen_coders: list[str] = []
    for (iso3, ed), group in double_coded(ws, set_id, edition, statuses, coders).items():
        for a in group:
            if a.coder not in seen_coders:
                seen_coders.append(a.coder)
        for crit in cs.criterion_ids:
            answers = {a.coder: a.answers[crit] for a in group if crit in a.answers}
            if len(answers) >= 2:
                items.append(Item(iso3, ws.countries[iso3].name, ed, crit, answers))
    return AgreementReport(set_id=set_id, edition=edition, items=items, categories=cs.codes,
                           criteria=cs.criterion_ids, coders=seen_coders)
