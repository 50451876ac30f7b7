"""Speed: everything that makes legalreview fast, in one place, around a core that runs without it.

The core reads files, scores and renders with explicit inputs and no hidden state:
``load_workspace(root, cache=None)``, ``Review(ws, spine_cache=None)``,
``build_site(review, out, reuse=None, pool=None)``. This package supplies those arguments:

- :class:`~legalreview.speed.load.WorkspaceCache` (``load.py``): models kept by content hash,
  what checking a file found, new files parsed in worker processes, the last build's spine patched
  for what changed, models dropped from memory once the spine is made;
- :func:`~legalreview.speed.reuse.for_site` (``reuse.py``): pages, charts and pieces of
  ``data/scores.csv`` of the previous build reused when their inputs are unchanged;
- :class:`~legalreview.speed.pool.ForkPool` (``pool.py``): the one pool of forked workers;
- ``store.py``: the sealed cache folder outside the workspace, keyed by one
  :func:`~legalreview.speed.store.fingerprint` of the installed package and library versions.

One switch: ``LEGALREVIEW_NO_CACHE=1`` (:func:`enabled`) runs the plain core. The output is the
same bytes either way (``tests/test_parse_cache.py`` builds the embedded review both ways).

May import: every layer below the API (core, aggregates, loading, renderers).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..issues import Issue
from ..review import Review
from ..review import load_review as _load_review
from ..workspace import Workspace
from ..workspace import load_workspace as _load_workspace
from ..workspace import long_lived_objects
from .load import WorkspaceCache, forget_memory
from .pool import ForkPool
from .store import DISABLE_ENV, enabled

if TYPE_CHECKING:
    from ..render.site import BuildResult

__all__ = ["DISABLE_ENV", "ForkPool", "WorkspaceCache", "build_site", "enabled", "forget_memory", "load_review",
           "load_workspace"]

#: Profiles rendered in worker processes when at least this many are to be rendered.
PARALLEL_PROFILES = 500


def cache_for(root: str | Path, write: bool = False) -> WorkspaceCache | None:
    """Return the cache to load the workspace at ``root`` with (None when :func:`enabled` is off).
    ``write=True`` keeps what was learnt for the next command (``build``)."""
    return WorkspaceCache(root, write=write) if enabled() else None


def load_workspace(root: str | Path, today: dt.date | None = None,
                   only: Collection[str] | None = None) -> tuple[Workspace | None, list[Issue]]:
    """Return :func:`legalreview.workspace.load_workspace` of ``root``, read through the cache."""
    return _load_workspace(root, today=today, only=only, cache=cache_for(root))


def load_review(path: str | Path = ".", include_drafts: bool | None = None, today: dt.date | None = None, *,
                keep_cache: bool = False) -> Review:
    """Return :func:`legalreview.review.load_review` of ``path``, read (and its spine made) through the
    cache; ``keep_cache=True`` writes what was learnt for the next command (``build`` does)."""
    return _load_review(path, include_drafts, today, cache=cache_for(path, write=keep_cache))


@contextlib.contextmanager
def _frozen() -> Iterator[None]:
    """While active, the objects made before (the loaded review, its spine and tables) are left out of
    the cycle collector's passes (``gc.freeze``): rendering allocates a lot, and every full pass
    walked those objects again for nothing (a tenth of a rebuild at 10,000). Forked workers then
    share their memory pages untouched. Restored afterwards (a test process builds many sites)."""
    import gc

    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def build_site(review: Review, out: str | Path, progress: Any = None, *, with_charts: bool = True,
               extra_files: dict[str, Callable[[], bytes]] | None = None) -> BuildResult:
    """Return :func:`legalreview.render.site.build_site` of ``review``, reusing the previous build's
    files and rendering many profiles in worker processes (when :func:`enabled`)."""
    from ..render.site import build_site as render_site  # the renderers load jinja2 and friends: on use
    from .reuse import for_site

    fast = enabled()
    made: list[Any] = []

    def reuse(*args: Any) -> Any:
        made.append(for_site(*args))
        return made[-1]

    with long_lived_objects(), _frozen():
        result = render_site(review, out, progress, with_charts=with_charts, extra_files=extra_files,
                             reuse=reuse if fast else None,
                             pool=ForkPool(min_items=PARALLEL_PROFILES) if fast else None)
    for reused in made:  # the site is in place: the signatures of its files, for the next build
        reused.seal(result.out_dir)
    return result
