"""legalreview: reproducible global legislation reviews.

    import legalreview as lr
    review = lr.load_review(".")        # raises lr.ReviewError carrying every Issue when invalid
    review.scores                       # the spine: one row per country x set x edition x coder x criterion
    review.table("csam")                # the global table: one row per roster country
"""

from __future__ import annotations

__version__ = "0.1.0"

from .discover import find_workspace
from .issues import Issue, ReviewError
from .review import Review, load_review

__all__ = ["Issue", "Review", "ReviewError", "__version__", "find_workspace", "load_review"]
