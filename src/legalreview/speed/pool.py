"""The one pool of forked worker processes: parse many country files, render many profiles.

A :class:`ForkPool` runs a function over chunks of items in one forked process per usable core
(:func:`legalreview.cpu.usable_cores`: a container or ``taskset`` narrows it; one core means no
pool). The state a job needs travels with the job: the function and its arguments are held by
this module only while the pool runs, and the workers inherit them by ``fork`` (nothing is
pickled on the way in; each chunk's result is pickled on the way back, as any pool does).

A pool never changes a result: when it cannot start, or a chunk fails, the caller does the rest
itself (:meth:`ForkPool.map` returns what was finished), so errors read exactly as in a serial run.

May import: the standard library and :mod:`legalreview.cpu`.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from ..cpu import usable_cores

T = TypeVar("T")
R = TypeVar("R")

#: The job of the pool running now: (function, chunks). Set only while a pool runs (see module docs).
_JOB: tuple[Callable[[Sequence[Any]], list[Any]], list[Sequence[Any]]] | None = None


def _run_chunk(index: int) -> list[Any]:
    """Run the current job's function over its chunk ``index`` (in a forked worker)."""
    assert _JOB is not None
    fn, chunks = _JOB
    return fn(chunks[index])


class ForkPool:
    """Forked workers for jobs of at least ``min_items`` items (fewer: the caller runs them itself)."""

    def __init__(self, workers: int | None = None, min_items: int = 500):
        self.workers = usable_cores() if workers is None else max(1, workers)
        self.min_items = min_items

    def usable(self, n_items: int) -> bool:
        """Return True when ``n_items`` items are worth forking for (and this system can fork)."""
        return (n_items >= self.min_items and self.workers >= 2
                and "fork" in multiprocessing.get_all_start_methods())

    def map(self, fn: Callable[[Sequence[T]], list[R]], items: Sequence[T], chunk: int) -> list[R]:
        """Return the results of ``fn`` over ``items`` in chunks of about ``chunk`` items, in order,
        leaving out the chunks that failed (and everything when the pool could not start or the job is
        too small): the caller does what is missing itself."""
        global _JOB
        if not self.usable(len(items)):
            return []
        chunks = [items[i:i + chunk] for i in range(0, len(items), max(1, chunk))]
        out: list[R] = []
        _JOB = (fn, chunks)
        gc.freeze()  # the workers' collector leaves the parent's objects alone: their pages stay shared
        try:
            with ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork")) as pool:
                for future in [pool.submit(_run_chunk, i) for i in range(len(chunks))]:
                    with contextlib.suppress(Exception):
                        out.extend(future.result())
        except Exception:  # a pool that cannot start: the caller does the work
            pass
        finally:
            _JOB = None
            gc.unfreeze()
        return out
