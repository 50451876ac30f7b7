"""Translations a review is missing: for each of the review's languages (``[review] languages``),
every translatable text of the criteria sets that has no words in that language.

:func:`missing_translations` returns them as a tidy DataFrame (language, file, line, field, what);
``legalreview lint`` reports each as a ``missing-translation`` warning and ``legalreview status
--translations`` prints the table. Pages show the default language's words in their place, marked
as untranslated.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd

from ..i18n import has_language
from ..issues import Issue
from ..store import position
from ..workspace import Workspace

#: Columns of :func:`missing_translations`.
COLUMNS = ["language", "file", "line", "field", "what"]


def translatable_fields(ws: Workspace, set_id: str) -> Iterator[tuple[tuple[Any, ...], str | None, str]]:
    """Yield (location in the file, text, what it is) for every translatable text of a criteria set."""
    cs = ws.criteria[set_id]
    yield ("title",), cs.title, "the set title"
    for index, item in enumerate(cs.scale):
        yield ("scale", index, "label"), item.label, f"the label of answer {item.code}"
    for index, edition in enumerate(cs.editions):
        yield ("editions", index, "label"), edition.label, f"the label of edition {edition.id}"
    for index, crit in enumerate(cs.criteria):
        for name in ("short", "question"):
            yield ("criteria", index, name), getattr(crit, name), f"{crit.id} {name}"
    for index, tier in enumerate(cs.tiers):
        yield ("tiers", index, "label"), tier.label, f"tier {tier.id} label"


def missing_translations(ws: Workspace, languages: list[str] | None = None) -> pd.DataFrame:
    """Return one row per translatable text and language it is not written in (default: the review's
    languages other than the default). Only the texts a reader meets on every page are required:
    set titles, answer and edition labels, criterion names and questions, tier labels; guidance,
    descriptions and model provisions may stay in the default language."""
    default = ws.config.review.default_language
    wanted = languages if languages is not None else [x for x in ws.config.review.all_languages if x != default]
    rows = []
    for set_id in sorted(ws.criteria):
        filename = ws.criteria_files[set_id]
        positions = ws.positions.get(filename, {})
        for loc, text, what in translatable_fields(ws, set_id):
            for language in wanted:
                if text is not None and not has_language(text, language, default):
                    line, _col = position(positions, loc)
                    rows.append({"language": language, "file": filename, "line": line,
                                 "field": ".".join(map(str, loc)), "what": what})
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["line"] = frame["line"].astype("Int64")
    return frame


def translation_issues(ws: Workspace) -> list[Issue]:
    """Return a ``missing-translation`` warning for every row of :func:`missing_translations`."""
    out = []
    for row in missing_translations(ws).itertuples(index=False):
        line = None if pd.isna(row.line) else int(row.line)
        out.append(Issue("missing-translation", f"{row.what} has no {row.language!r} text", severity="warning",
                         file=row.file, line=line,
                         hint=f"write it as a mapping, e.g. `{row.field.rsplit('.', 1)[-1]}: {{en: \"...\", "
                              f"{row.language}: \"...\"}}`; until then the page shows the default language"))
    return out
