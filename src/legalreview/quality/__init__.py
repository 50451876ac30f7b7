"""Review quality and collaboration: double-coding agreement (percent, Cohen's and Fleiss' kappa),
reconciliation sheets, status and staleness, terminology lint, answer diffs between git revisions,
and right-of-reply packets.

    from legalreview.quality import agreement, lint_workspace, revision_diff, status_summary
"""

from __future__ import annotations

from .agreement import (
    AgreementReport,
    Item,
    Kappa,
    agreement,
    cohen_kappa,
    cohen_kappa_from_table,
    double_coded,
    fleiss_kappa,
    fleiss_kappa_from_counts,
)
from .lint import Term, find_terms, lint, lint_workspace, load_terminology
from .reconcile import ReconcileResult, import_reconcile, reconcile_sheet_text, write_reconcile_sheet
from .revisions import RevisionError, export_revision, parse_range, revision_diff, revision_diff_markdown
from .status import country_status, stale_assessments, status_summary
from .translations import missing_translations, translation_issues
from .workflow import PublishResult, in_force, publish, waiting

__all__ = [
    "AgreementReport", "Item", "Kappa", "PublishResult", "ReconcileResult", "RevisionError", "Term", "agreement",
    "cohen_kappa", "cohen_kappa_from_table", "country_status", "double_coded", "export_revision", "find_terms",
    "fleiss_kappa", "fleiss_kappa_from_counts", "import_reconcile", "in_force", "lint", "lint_workspace",
    "load_terminology", "missing_translations", "parse_range", "publish", "reconcile_sheet_text", "revision_diff",
    "revision_diff_markdown", "stale_assessments", "status_summary", "translation_issues", "waiting",
    "write_reconcile_sheet",
]
