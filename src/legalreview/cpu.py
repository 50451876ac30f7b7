"""How many processes legalreview may run at once: the CPUs this process may use (its affinity
mask, which a container or ``taskset`` narrows), at least one. The one pool of forked workers
(:class:`legalreview.speed.pool.ForkPool`: the parse of new files, the profiles) asks here, so a
one-core machine runs everything in one process and a larger one uses all its cores."""

from __future__ import annotations

import os


def usable_cores() -> int:
    """Return the number of CPUs this process may run on (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)
