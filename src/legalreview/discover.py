"""Find the review workspace a command is run in, as git finds its repository.

A workspace is the first folder, from the starting folder upwards, that holds ``review.toml``:
``legalreview status`` run in ``countries/`` uses the review above it.
"""

from __future__ import annotations

from pathlib import Path

from .issues import Issue, ReviewError

#: The file that marks a folder as a review workspace.
MARKER = "review.toml"


def find_workspace(start: str | Path = ".") -> Path:
    """Return the folder holding ``review.toml``: ``start`` or the nearest folder above it.

    Raises :class:`ReviewError` with one ``no-workspace`` issue when no folder up to the file
    system's root holds one. A ``review.toml`` that is a link or a folder does not count.
    """
    here = Path(start).absolute()
    for folder in (here, *here.parents):
        marker = folder / MARKER
        if marker.is_file() and not marker.is_symlink():
            return folder
    raise ReviewError([Issue("no-workspace", f"no {MARKER} in {here} or any folder above it", file=str(here),
                             hint="run the command inside a review workspace, pass --dir, or create one with "
                                  "`legalreview init DIR`")])
