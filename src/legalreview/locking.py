"""A workspace lock: one writer at a time, so that two imports are serialised and never merged silently.

:func:`workspace_lock` creates ``<root>/.legalreview.lock`` atomically (the file appears complete,
with the holder's pid, host, command and start time, or not at all). A second writer gets a
:class:`~legalreview.issues.ReviewError` with the code ``workspace-locked`` that names the holder
and says what to do. A lock left behind by a process that no longer runs on this host (killed,
crashed, power cut) is taken over with a warning instead of blocking the workspace for ever.

The lock is advisory: it protects legalreview's own writers (import, reconcile, build) from each
other, not from an editor saving a file by hand.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
import stat
import sys
from pathlib import Path
from typing import Any
from collections.abc import Iterator

from .issues import Issue, ReviewError
from .safefiles import kind_of
from .store import JOURNAL_NAME, recover_journal

#: The lock file's name, in the workspace root (ignored by the loader: it is not YAML in a data folder).
LOCK_NAME = ".legalreview.lock"
#: Largest lock file read (a real one is about 200 bytes).
_MAX_LOCK_BYTES = 64 * 1024


def _process_start(pid: int) -> str | None:
    """Return an opaque start stamp of a running process (Linux /proc), or None when unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[-1].split()
    return fields[19] if len(fields) > 19 else None  # field 22: start time in clock ticks after boot


def _pid_alive(pid: int, start: str | None) -> bool:
    """Return True when process ``pid`` runs (and, where known, is the same process that took the lock)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate the process on Windows
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: alive
    except OSError:
        return False
    try:  # a killed child that was not reaped yet is a zombie: it holds nothing any more
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]
        if state in ("Z", "X"):
            return False
    except (OSError, IndexError):
        pass
    now = _process_start(pid)
    return start is None or now is None or now == start  # a different start stamp: the pid was reused


def _read_holder(path: Path) -> dict[str, Any] | None:
    """Return the lock file's content as a dict, {} when unreadable, garbled or not a regular file
    (a link is never followed), None when it is gone."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    except OSError:
        return {}
    try:
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                return {}
            raw = fh.read(_MAX_LOCK_BYTES)
    except OSError:
        return {}
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _describe(holder: dict[str, Any]) -> str:
    what = holder.get("command") or "another legalreview command"
    return (f"{what} (pid {holder.get('pid', '?')} on {holder.get('host', '?')}, "
            f"started {holder.get('started', '?')})")


def _is_stale(holder: dict[str, Any]) -> bool:
    """Return True when the holder is a process on this host that has gone."""
    pid = holder.get("pid")
    if not isinstance(pid, int) or holder.get("host") != socket.gethostname():
        return False
    start = holder.get("pid_start")
    return not _pid_alive(pid, start if isinstance(start, str) else None)


def _not_a_lock(path: Path) -> ReviewError | None:
    """Return the error for a lock path that is a link (dangling or not), folder, FIFO or device:
    not a lock legalreview wrote, and nothing we may follow, read or write through; else None."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    return ReviewError([Issue(
        "workspace-locked", f"`{LOCK_NAME}` is {kind_of(mode)}, not a lock legalreview wrote; delete it and run "
        "the command again", file=LOCK_NAME,
        hint=f"delete {path} (it was not written by legalreview; nothing was changed)")])


def _create(path: Path, content: bytes) -> bool:
    """Create ``path`` holding ``content`` atomically; return False when it already exists."""
    tmp = path.with_name(f"{LOCK_NAME}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)  # a leftover (or a planted link) is removed, never written through
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0), 0o644)
    with os.fdopen(fd, "wb") as fh:
        fh.write(content)
        fh.flush()
        os.fsync(fh.fileno())
    try:
        try:
            os.link(tmp, path)  # fails when path exists: the lock appears complete or not at all
        except (AttributeError, NotImplementedError, PermissionError):  # pragma: no cover - no hard links
            try:
                fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                return False
            with os.fdopen(fd, "wb") as fh:
                fh.write(content)
        except FileExistsError:
            return False
        return True
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _take_over(path: Path, stale: dict[str, Any]) -> None:
    """Remove a stale lock, but only if it is still the stale one we looked at."""
    aside = path.with_name(f"{LOCK_NAME}.{os.getpid()}.stale")
    try:
        os.replace(path, aside)
    except FileNotFoundError:
        return  # someone else removed it first
    if _read_holder(aside) != stale:  # a live lock was taken in the meantime: put it back
        with contextlib.suppress(OSError):
            os.link(aside, path)
    with contextlib.suppress(OSError):
        os.unlink(aside)


@contextlib.contextmanager
def workspace_lock(root: str | Path, what: str = "import") -> Iterator[list[Issue]]:
    """Hold the workspace's lock for the duration of the ``with`` block.

    Yields a list of warnings (a stale lock that was taken over). Raises :class:`ReviewError`
    with one ``workspace-locked`` issue when another live process holds the lock.
    """
    root = Path(root)
    path = root / LOCK_NAME
    if not root.is_dir():  # nothing to protect; the command itself reports the missing workspace
        yield []
        return
    mine = {"pid": os.getpid(), "host": socket.gethostname(), "command": what,
            "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "pid_start": _process_start(os.getpid())}
    content = json.dumps(mine, indent=2).encode("utf-8") + b"\n"
    notes: list[Issue] = []
    for _attempt in range(5):
        try:
            created = _create(path, content)
        except OSError as exc:
            raise ReviewError([Issue("workspace-locked", f"cannot create the lock file: {exc.strerror}", file=LOCK_NAME,
                                     hint="the workspace folder must be writable by you")]) from None
        if created:
            break
        refused = _not_a_lock(path)
        if refused is not None:
            raise refused
        holder = _read_holder(path)
        if holder is None:
            continue  # released between our attempt and the read: try again
        if holder and _is_stale(holder):
            notes.append(Issue("workspace-locked", f"took over a lock left by {_describe(holder)}, which no "
                               "longer runs", severity="warning", file=LOCK_NAME,
                               hint="the earlier command was interrupted; check `legalreview validate`"))
            _take_over(path, holder)
            continue
        who = _describe(holder) if holder else "another legalreview command (the lock file is being written " \
                                               "or is unreadable)"
        raise ReviewError([Issue(
            "workspace-locked", f"the workspace is busy: {who} is changing it, so this {what} did not start "
            "and nothing was written", file=LOCK_NAME,
            hint=f"wait for it to finish and run the command again; if that process is gone (for example "
                 f"the computer restarted), delete {path}")])
    else:  # pragma: no cover - five lost races in a row
        raise ReviewError([Issue("workspace-locked", "could not take the workspace lock (it kept changing hands)",
                                 file=LOCK_NAME, hint="run the command again")])
    try:
        for folder in (root, root / "countries", root / "criteria"):  # finish a write a killed writer began
            for name in recover_journal(folder):
                notes.append(Issue("workspace-locked", f"completed {name}, which an interrupted command had "
                                   "begun to write", severity="warning", file=LOCK_NAME))
        yield notes
    finally:
        if _read_holder(path) == mine:
            with contextlib.suppress(OSError):
                path.unlink()


def recover_interrupted_writes(root: str | Path) -> list[Issue]:
    """Complete a multi-file write left half done by a killed command (takes the lock briefly).

    Returns warnings naming what was completed; returns nothing when there is nothing to do or
    when another command holds the lock (it will finish its own write).
    """
    root = Path(root)
    if not any((folder / JOURNAL_NAME).exists() for folder in (root, root / "countries", root / "criteria")):
        return []
    try:
        with workspace_lock(root, what="recover an interrupted write") as notes:
            return list(notes)
    except (ReviewError, OSError):
        return []


def lock_holder(root: str | Path) -> dict[str, Any] | None:
    """Return who holds the workspace lock (pid, host, command, started), or None when it is free."""
    holder = _read_holder(Path(root) / LOCK_NAME)
    return holder if holder else None
