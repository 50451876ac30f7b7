"""The one pool of forked worker processes: parse many country files, render many profiles.

A :class:`ForkPool` runs a function over chunks of items in one forked process per usable core
(:func:`legalreview.cpu.usable_cores`: a container or ``taskset`` narrows it; one core means no
pool). The state a job needs travels with the job: the function and its arguments are held by
this module only while the pool runs, and the workers inherit them by ``fork`` (nothing is
pickled on the way in; each chunk's result is pickled on the way back, as any pool does).

A pool never changes a result: when it cannot start, or a chunk fails, the caller does the rest
itself (:meth:`ForkPool.map` returns what was finished), so errors read exactly as in a serial run.
:meth:`ForkPool.start` runs a job beside the caller, who collects it later (a build renders the
profiles in workers while it writes its other pages).

May import: the standard library and :mod:`legalreview.cpu`.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Generic, TypeVar

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
        return self.start(fn, items, chunk).results()

    def start(self, fn: Callable[[Sequence[T]], list[R]], items: Sequence[T], chunk: int) -> Running[R]:
        """Fork the workers and start ``fn`` over ``items`` (as :meth:`map`), returning at once: the
        caller goes on with other work and collects with :meth:`Running.results`. The workers see the
        caller's state as it was now (they are forked here), never what it does next."""
        global _JOB
        if not self.usable(len(items)):
            return Running(None, [])
        chunks = [items[i:i + chunk] for i in range(0, len(items), max(1, chunk))]
        _JOB = (fn, chunks)
        gc.freeze()  # the workers' collector leaves the parent's objects alone: their pages stay shared
        executor = None
        try:
            executor = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"))
            futures = [executor.submit(_run_chunk, i) for i in range(len(chunks))]  # every worker forks here
        except Exception:  # a pool that cannot start: the caller does the work
            if executor is not None:
                executor.shutdown(wait=True, cancel_futures=True)
            gc.unfreeze()
            return Running(None, [])
        finally:
            _JOB = None  # the workers have their copy
        return Running(executor, futures)


class Running(Generic[R]):
    """A job started by :meth:`ForkPool.start`: its chunks run in forked workers."""

    def __init__(self, executor: ProcessPoolExecutor | None, futures: list[Future[list[R]]]):
        self.executor, self.futures = executor, futures

    def results(self) -> list[R]:
        """Wait for the workers and return what they finished, in order (the chunks that failed are left
        out: the caller does them itself); the workers have stopped when this returns."""
        out: list[R] = []
        if self.executor is None:
            return out
        try:
            for future in self.futures:
                with contextlib.suppress(Exception):
                    out.extend(future.result())
            self.executor.shutdown(wait=True)
        finally:
            self.executor = None
            gc.unfreeze()
        return out

    def cancel(self) -> None:
        """Stop the job because the caller failed: chunks not started are dropped, those running finish
        (so nothing writes into a folder the caller is about to remove), and the workers stop."""
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None
            gc.unfreeze()
