"""legalreview: reproducible global legislation reviews.

    import legalreview as lr
    review = lr.load_review(lr.find_workspace())  # raises lr.ReviewError carrying every Issue when invalid
    review.scores                       # the spine: one row per country x set x edition x coder x criterion
    review.table("csam")                # the global table: one row per roster country
    lr.build_site(review)               # the static site, in review.toml's build.out
    lr.export_workbook(review, "csam", "csam.xlsx")
    result = lr.import_workbook(".", "csam.xlsx", dry_run=True)   # result.issues, result.changes

Errors, one convention: a function that cannot give its result raises :class:`ReviewError` (its
``.issues`` says what and where; :class:`UnknownValue`, a subclass, for a set, edition, region or
country that does not exist); a function that checks or imports returns a result object whose
``.issues`` lists every problem found (``import_workbook``, ``import_reconcile``), or the list of
problems itself (``validate``, ``lint``).

The site, workbook and quality functions are imported when first used, so ``import legalreview``
stays fast.
"""

from __future__ import annotations

from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .discover import find_workspace
from .issues import Issue, ReviewError
from .resolve import UnknownValue, region_members, resolve_country, resolve_edition, resolve_region, resolve_set
from .review import Review
from .speed import load_review

if TYPE_CHECKING:
    import pandas as pd

    from .quality import AgreementReport
    from .render.site import BuildResult
    from .workspace import Workspace

#: Functions imported on first use: name -> (module, attribute).
_LAZY = {
    "import_workbook": ("legalreview.spreadsheet", "import_workbook"),
    "render_profile": ("legalreview.render.site", "render_profile"),
    "scorecard_pdf": ("legalreview.render.pdf", "scorecard_pdf"),
    "report_pdf": ("legalreview.render.pdf", "report_pdf"),
    "lint": ("legalreview.quality", "lint_workspace"),
    "import_reconcile": ("legalreview.quality", "import_reconcile"),
    "write_reconcile_sheet": ("legalreview.quality", "write_reconcile_sheet"),
    "revision_diff": ("legalreview.quality", "revision_diff"),
    "write_packet": ("legalreview.quality.packet", "write_packet"),
    "packet_sets": ("legalreview.quality.packet", "packet_sets"),
    "read_packet": ("legalreview.quality.packet", "read_packet"),
    "init_workspace": ("legalreview.init", "init_workspace"),
    "serve_site": ("legalreview.render.preview", "serve_site"),
    "publish": ("legalreview.quality.workflow", "publish"),
    "answer_log": ("legalreview.provenance", "answer_log"),
}

__all__ = [
    "Issue", "Review", "ReviewError", "UnknownValue", "__version__", "agreement", "build_site", "export_workbook",
    "find_workspace",
    "load_review", "region_members", "resolve_country", "resolve_edition", "resolve_region", "resolve_set",
    "stale_assessments", "status", "validate", *_LAZY,
]


def __getattr__(name: str) -> Any:
    """Import the heavy functions (site, workbooks, quality) the first time they are asked for."""
    if name in _LAZY:
        import importlib

        module, attribute = _LAZY[name]
        value = getattr(importlib.import_module(module), attribute)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'legalreview' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def validate(root: str | Path = ".") -> list[Issue]:
    """Return every problem of the workspace at ``root`` (errors and warnings) in reading order; the
    review is valid when none is an error (:func:`legalreview.issues.has_errors`)."""
    from .issues import sort_issues
    from .speed import load_workspace

    _ws, issues = load_workspace(root)
    return sort_issues(issues)


def _review(review_or_root: Review | str | Path) -> Review:
    return review_or_root if isinstance(review_or_root, Review) else load_review(review_or_root)


def _workspace(review_or_root: Review | Workspace | str | Path) -> Workspace:
    """Return the workspace of a review, or load the one at a path even when it has errors (the
    quality functions work on a review in progress); :class:`ReviewError` when it cannot be loaded."""
    from .speed import load_workspace
    from .workspace import Workspace

    if isinstance(review_or_root, Review):
        return review_or_root.workspace
    if isinstance(review_or_root, Workspace):
        return review_or_root
    ws, issues = load_workspace(review_or_root)
    if ws is None:
        raise ReviewError(issues)
    return ws


def export_workbook(review_or_root: Review | Workspace | str | Path, set_id: str, path: str | Path,
                    **options: Any) -> Any:
    """Write the workbook of a set to ``path`` and return what it holds (``.set_id``, ``.edition``,
    ``.countries``, ``.rows``); see :func:`legalreview.spreadsheet.export_workbook` for ``options``
    (edition, countries, region, blank_coder, language). A folder is read through the cache, its
    models one at a time. Raises :class:`ReviewError` when the review has errors."""
    from .issues import has_errors
    from .speed import load_workspace
    from .spreadsheet import export_workbook as export
    from .workspace import Workspace

    target: Any = review_or_root
    if not isinstance(review_or_root, (Review, Workspace)):
        target, issues = load_workspace(review_or_root)
        if target is None or has_errors(issues):
            raise ReviewError(issues)
    return export(target, set_id, path, **options)


def build_site(review_or_root: Review | str | Path = ".", out: str | Path | None = None, progress: Any = None, *,
               pdf: bool = False, with_charts: bool = True) -> BuildResult:
    """Render the review as a static site and return what was written (``.out_dir``, ``.pages``, ...).

    ``out`` defaults to review.toml's ``build.out`` inside the workspace (refused when it leaves the
    workspace). ``pdf=True`` also writes the whole report to ``data/report.pdf`` (needs the [pdf]
    extra), and in each other language of the review to ``data/report-<lang>.pdf``, listed in
    ``data/SHA256SUMS`` like every data file. Raises :class:`ReviewError` when the
    review has errors, ValueError when ``out`` is not a site folder legalreview may replace.
    """
    from .safefiles import path_inside
    from .speed import build_site as render_site

    review = _review(review_or_root)
    target = Path(out) if out is not None else path_inside(review.root, review.config.build.out)
    extra: dict[str, Callable[[], bytes]] = {}
    if pdf:
        from functools import partial

        from .render.pdf import report_pdf

        default = review.config.review.default_language
        for language in review.config.review.all_languages:  # the report in each language of the review
            name = "data/report.pdf" if language == default else f"data/report-{language}.pdf"
            extra[name] = partial(report_pdf, review, with_charts=with_charts,
                                  language=None if language == default else language)
    return render_site(review, target, progress, with_charts=with_charts, extra_files=extra)


def agreement(review_or_root: Review | Workspace | str | Path, set_id: str, edition: str | None = None,
              statuses: Any = None, coders: Any = None) -> AgreementReport:
    """Return the agreement between coders of double-coded assessments of a set (percent agreement,
    Cohen's or Fleiss' kappa per criterion and overall, the disagreements); see
    :func:`legalreview.quality.agreement`."""
    from .quality import agreement as agreement_report

    return agreement_report(_workspace(review_or_root), set_id, edition, statuses=statuses, coders=coders)


def status(review_or_root: Review | Workspace | str | Path, set_id: str | None = None) -> pd.DataFrame:
    """Return one row per set: countries at each assessment status, stale assessments, coverage."""
    from .quality import status_summary

    return status_summary(_workspace(review_or_root), set_id)


def stale_assessments(review_or_root: Review | Workspace | str | Path, set_id: str | None = None) -> pd.DataFrame:
    """Return one row per stale assessment (older than the review's limit, or citing an amended statute)."""
    from .quality import stale_assessments as stale

    return stale(_workspace(review_or_root), set_id)
