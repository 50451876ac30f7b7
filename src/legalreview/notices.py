"""What a published file says about itself: the illustrative-coding notice, the review's status, and
how a provision's text is shown (quoted words of the law, or our summary).

Every output (pages, Markdown and PDF profiles, CSV/JSON data files, datapackage.json, workbooks)
takes these words from here, so no two downloads describe the same coding differently.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

#: Banner text shown wherever an assessment with status "illustrative" is on the page.
ILLUSTRATIVE_BANNER = "Illustrative coding — not an official assessment of any country's law"
#: The notice every download carries when some assessment it holds has status "illustrative".
ILLUSTRATIVE_NOTICE = (ILLUSTRATIVE_BANNER + ". Assessments with status \"illustrative\" show how the review "
                       "works; do not cite them as a statement of any country's law.")
#: Label put before a provision text that is our summary, not the words of the law.
SUMMARY_LABEL = "Summary (our words):"
#: Statuses from the least to the most final; a review's status is the least final it counts.
STATUS_ORDER = ("illustrative", "draft", "reviewed", "published")


def notice_for(statuses: Iterable[str]) -> str | None:
    """Return the coding notice for files holding assessments of these statuses (None when none is
    illustrative)."""
    return ILLUSTRATIVE_NOTICE if "illustrative" in set(statuses) else None


def counted_statuses(review: Any, set_id: str | None = None) -> set[str]:
    """Return the statuses of the counted assessments of a review (of one set when ``set_id`` is given)."""
    spine = getattr(review, "_spine", None)
    if spine is None:
        spine = review.scores
    mask = spine["counted"].to_numpy(dtype=bool)
    if set_id is not None:
        mask = mask & (spine["set"].to_numpy() == set_id)
    return set(spine["status"][mask].astype(str).unique().tolist())


def coding_notice(review: Any, set_id: str | None = None) -> str | None:
    """Return the notice a download of ``review`` (of one set's tables when ``set_id`` is given)
    carries: :data:`ILLUSTRATIVE_NOTICE` when any counted assessment has status "illustrative", else None."""
    return notice_for(counted_statuses(review, set_id))


def review_status(review: Any) -> str:
    """Return the review's status: the least final status among its counted assessments
    ("illustrative", "draft", "reviewed", "published"), or "not assessed" when nothing is counted."""
    found = counted_statuses(review)
    return next((s for s in STATUS_ORDER if s in found), "not assessed")


def provision_text(text: str, quoted: bool) -> str:
    """Return a provision's text as plain text that says what it is: the law's words in quotation
    marks when ``quoted``, else our summary behind :data:`SUMMARY_LABEL` ("" when there is no text)."""
    if not text:
        return ""
    return f"\"{text}\"" if quoted else f"{SUMMARY_LABEL} {text}"
