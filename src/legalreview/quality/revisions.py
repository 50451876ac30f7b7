"""What changed in the answers between two git revisions of a workspace (for a new edition's changelog).

Each revision's ``review.toml``, ``criteria/*.yaml`` and ``countries/*.yaml`` are read with
``git ls-tree`` and ``git show REV:path`` into a temporary folder, scored, and the two spines are
compared answer by answer. The working tree is never touched.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pandas as pd

from ..scoring import build_spine
from ..workspace import load_workspace

DIFF_COLUMNS = ["iso3", "country", "set", "edition", "criterion", "old", "new", "coder"]
_KEYS = ["iso3", "set", "edition", "coder", "criterion"]
_WANTED = re.compile(r"^(review\.toml|(criteria|countries)/[A-Za-z0-9][A-Za-z0-9_-]*\.ya?ml)$")
#: A revision we pass to git: names, hashes, ``HEAD~2``, ``v1.0^`` ... never an option.
_REV = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_./~^@{}-]*$")


class RevisionError(ValueError):
    """A revision range that git cannot resolve, or a folder that is not in a git repository."""


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=True)
    except FileNotFoundError:
        raise RevisionError("git is not installed") from None
    except subprocess.CalledProcessError as exc:
        message = exc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(message[-1] if message else f"git {args[0]} failed") from None
    return done.stdout


def parse_range(rev_range: str) -> tuple[str, str]:
    """Return (old, new) from ``A..B`` (``A..`` means ``A..HEAD``); ValueError when malformed."""
    if rev_range.count("..") != 1 or "..." in rev_range:
        raise RevisionError(f"{rev_range!r} is not a range: write OLD..NEW, e.g. v2023..HEAD")
    old, new = rev_range.split("..")
    new = new or "HEAD"
    for rev in (old, new):
        if not _REV.match(rev) or ".." in rev:
            raise RevisionError(f"{rev!r} is not a git revision name")
    return old, new


def export_revision(root: str | Path, rev: str, target: str | Path) -> Path:
    """Write the workspace files at ``root`` as of git revision ``rev`` into ``target``; return target."""
    root, target = Path(root), Path(target)
    _git(root, "rev-parse", "--git-dir")  # "not a git repository" when it is not
    try:
        commit = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options",
                      f"{rev}^{{commit}}").decode().strip()
    except RevisionError:
        commit = ""
    if not commit:
        raise RevisionError(f"unknown revision {rev!r} (see `git log --oneline` for revisions)")
    prefix = _git(root, "rev-parse", "--show-prefix").decode().strip()
    listing = _git(root, "ls-tree", "-r", "-z", "--full-tree", "--name-only", commit).decode("utf-8", "replace")
    for path in filter(None, listing.split("\0")):
        if not path.startswith(prefix):
            continue
        rel = path[len(prefix):]
        if not _WANTED.match(rel):
            continue
        out = target / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(_git(root, "show", f"{commit}:{path}"))
    if not (target / "review.toml").is_file():
        raise RevisionError(f"revision {rev} has no review.toml in {prefix or 'the repository root'}")
    return target


def _spine_at(root: Path, rev: str) -> pd.DataFrame:
    with tempfile.TemporaryDirectory(prefix="legalreview-rev-") as tmp:
        ws, issues = load_workspace(export_revision(root, rev, tmp))
        if ws is None:
            raise RevisionError(f"revision {rev}: {issues[0] if issues else 'not a workspace'}")
        return build_spine(ws.countries.values(), ws.criteria, ws.registry, include_drafts=True)


def revision_diff(root: str | Path, rev_range: str, set_id: str | None = None) -> pd.DataFrame:
    """Return every answer that changed between two git revisions of the workspace at ``root``.

    One row per country, set, edition, coder and criterion whose answer code differs, with columns
    iso3, country, set, edition, criterion, old, new, coder. ``old`` is empty for an answer added
    in the new revision, ``new`` empty for one removed. ``rev_range`` is ``OLD..NEW``.
    """
    root = Path(root)
    old_rev, new_rev = parse_range(rev_range)
    old, new = _spine_at(root, old_rev), _spine_at(root, new_rev)
    if set_id is not None:
        from ..resolve import resolve_set

        set_id = resolve_set(sorted(set(old["set"]) | set(new["set"])), set_id)
        old, new = old[old["set"] == set_id], new[new["set"] == set_id]
    merged = old[_KEYS + ["country", "value"]].merge(new[_KEYS + ["country", "value"]], on=_KEYS, how="outer",
                                                     suffixes=("_old", "_new"))
    merged["old"] = merged["value_old"].fillna("")
    merged["new"] = merged["value_new"].fillna("")
    merged["country"] = merged["country_new"].fillna(merged["country_old"])
    changed = merged[merged["old"] != merged["new"]]
    out = changed[DIFF_COLUMNS].sort_values(["set", "iso3", "edition", "criterion", "coder"], kind="stable")
    return out.reset_index(drop=True).astype(str)


def revision_diff_markdown(diff: pd.DataFrame, rev_range: str) -> str:
    """Return a changelog section in Markdown: a heading, a one-line count and the table."""
    from ..render.formats import markdown_table

    head = f"## Changes in answers, {rev_range}\n\n"
    if diff.empty:
        return head + "No answers changed.\n"
    countries = diff["iso3"].nunique()
    head += (f"{len(diff)} answer{'s' * (len(diff) != 1)} changed in {countries} "
             f"countr{'ies' if countries != 1 else 'y'}.\n\n")
    return head + markdown_table(diff, index=False)
