"""Open a workspace's files without following a symbolic link out of it (a received review is untrusted).

Every file a workspace holds (review.toml, criteria/, countries/, templates/, terminology.csv, a
built site) is reached through these helpers. A path is walked one component at a time from the
workspace root with ``O_NOFOLLOW`` (``openat``), so no component below the root may be a symbolic
link, and the file opened must be a regular file: a link, FIFO, socket or device is refused with
an :class:`UnsafeFile` error (a :class:`~legalreview.issues.ReviewError` holding one ``bad-path``
issue that names the file and says what to do) before anything is read. The root itself may be a
link: it is the folder the user chose.

Where the platform has no ``O_NOFOLLOW``/``dir_fd`` (Windows) the same rule is checked with
``lstat`` on every component before the file is opened.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path, PurePosixPath

from .issues import Issue, ReviewError

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_FLAGS = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_OPENAT = bool(_NOFOLLOW) and os.open in os.supports_dir_fd and os.stat in os.supports_dir_fd


class UnsafeFile(ReviewError, ValueError):
    """A workspace file refused for safety: a symbolic link, a FIFO or device, a path leaving the root.

    A :class:`ReviewError` (``.issues`` holds one ``bad-path`` issue naming the file) and a
    ValueError, so commands that report a ValueError print the located message as it is.
    """

    def __init__(self, relpath: str, message: str, hint: str, code: str = "bad-path"):
        self.relpath = relpath
        super().__init__([Issue(code, message, file=relpath, hint=hint)])


def kind_of(mode: int) -> str:
    """Return what a file of this ``st_mode`` is, in words ("a symbolic link", "a folder", ...)."""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _refuse(relpath: str, mode: int, want_folder: bool) -> UnsafeFile:
    kind = kind_of(mode)
    if stat.S_ISLNK(mode):
        return UnsafeFile(relpath, f"{relpath} is a symbolic link; legalreview does not follow links in a "
                          "workspace (a received review could point them at any file on this computer)",
                          "replace the link with a copy of the file or folder itself")
    what = "a folder" if want_folder else "a regular file"
    return UnsafeFile(relpath, f"{relpath} is {kind}, not {what}", f"replace it with {what}")


def _parts(relpath: str) -> list[str]:
    parts = [p for p in PurePosixPath(relpath.replace("\\", "/")).parts if p not in ("", ".")]
    if not parts or relpath.startswith(("/", "\\")) or any(p == ".." or "\x00" in p or ":" in p for p in parts):
        raise UnsafeFile(relpath, f"{relpath!r} is not a path inside the workspace",
                         "use a relative path without '..'")
    return parts


def _lstat_walk(root: Path, parts: list[str], relpath: str, want_folder: bool) -> Path:
    """The portable check: no component below the root is a link; the last is the kind wanted."""
    path = Path(root)
    for i, name in enumerate(parts):
        path = path / name
        mode = path.lstat().st_mode  # FileNotFoundError propagates
        last = i == len(parts) - 1
        if stat.S_ISLNK(mode) or (not last and not stat.S_ISDIR(mode)):
            raise _refuse("/".join(parts[: i + 1]) if not last else relpath, mode, not last or want_folder)
        if last and not (stat.S_ISDIR(mode) if want_folder else stat.S_ISREG(mode)):
            raise _refuse(relpath, mode, want_folder)
    return path


def open_inside(root: str | Path, relpath: str, *, folder: bool = False) -> int:
    """Return a file descriptor of ``root/relpath`` opened for reading (the caller closes it).

    Raises :class:`UnsafeFile` when a component below ``root`` is a symbolic link, the path leaves
    ``root``, or the file is not a regular file (a folder when ``folder=True``); FileNotFoundError
    (or NotADirectoryError) when it does not exist.
    """
    parts = _parts(relpath)
    if not _OPENAT:  # pragma: no cover - Windows
        path = _lstat_walk(Path(root), parts, relpath, folder)
        return os.open(path, _FLAGS & ~getattr(os, "O_NONBLOCK", 0))
    fd = os.open(root, _FLAGS | _DIRECTORY)
    try:
        for i, name in enumerate(parts):
            last = i == len(parts) - 1
            flags = _FLAGS | _NOFOLLOW | (_DIRECTORY if (folder or not last) else 0)
            try:
                new = os.open(name, flags, dir_fd=fd)
            except OSError as exc:
                if exc.errno == errno.ENOENT:
                    raise
                try:
                    mode = os.stat(name, dir_fd=fd, follow_symlinks=False).st_mode
                except OSError:
                    raise exc from None
                where = relpath if last else "/".join(parts[: i + 1])
                raise _refuse(where, mode, folder or not last) from None
            os.close(fd)
            fd = new
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISDIR(mode) if folder else stat.S_ISREG(mode)):
            raise _refuse(relpath, mode, folder)
        return fd
    except BaseException:
        os.close(fd)
        raise


def read_inside(root: str | Path, relpath: str, limit: int | None = None) -> bytes:
    """Return the bytes of the regular file ``root/relpath`` (see :func:`open_inside`).

    ``limit``: refuse (``file-too-large``) a file larger than this many bytes, reading no more.
    """
    fd = open_inside(root, relpath)
    with os.fdopen(fd, "rb") as fh:
        data = fh.read() if limit is None else fh.read(limit + 1)
    if limit is not None and len(data) > limit:
        raise UnsafeFile(relpath, f"{relpath} is larger than {_size(limit)}", "replace it with a smaller file",
                         code="file-too-large")
    return data


def read_optional(root: str | Path, relpath: str, limit: int | None = None) -> bytes | None:
    """Return the bytes of ``root/relpath`` as :func:`read_inside`, or None when it does not exist."""
    try:
        return read_inside(root, relpath, limit)
    except (FileNotFoundError, NotADirectoryError):
        return None


def folder_inside(root: str | Path, relpath: str) -> bool:
    """Return True when ``root/relpath`` is a folder, False when it does not exist; raise
    :class:`UnsafeFile` when it (or a folder on the way) is a link or it is not a folder."""
    try:
        os.close(open_inside(root, relpath, folder=True))
    except (FileNotFoundError, NotADirectoryError):
        return False
    return True


def plain_file(path: str | Path) -> bool:
    """Return True when ``path`` itself is a regular file, not a link, folder, FIFO or device (one lstat)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def path_inside(root: str | Path, relpath: str) -> Path:
    """Return ``root/relpath`` for a path that may not exist yet (a folder to write), after checking
    it is relative, has no '..' and that no component of it that exists is a symbolic link."""
    parts = _parts(relpath)
    path = Path(root)
    for i, name in enumerate(parts):
        path = path / name
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            break
        if stat.S_ISLNK(mode):
            raise _refuse("/".join(parts[: i + 1]), mode, True)
    return Path(root).joinpath(*parts)


def files_inside(root: str | Path, relpath: str) -> list[str]:
    """Return the paths (relative to ``relpath``, with ``/``) of every regular file under the folder
    ``root/relpath``, sorted; [] when it does not exist. Raises :class:`UnsafeFile` at the first
    link, FIFO or device found under it (or when the folder itself is one)."""
    if not folder_inside(root, relpath):
        return []
    base = Path(root) / relpath
    found: list[str] = []
    pending = [""]
    while pending:
        sub = pending.pop()
        with os.scandir(base / sub if sub else base) as entries:
            for entry in entries:
                rel = f"{sub}/{entry.name}" if sub else entry.name
                mode = entry.stat(follow_symlinks=False).st_mode
                if stat.S_ISDIR(mode):
                    pending.append(rel)
                elif stat.S_ISREG(mode):
                    found.append(rel)
                else:
                    raise _refuse(f"{relpath.rstrip('/')}/{rel}", mode, False)
    return sorted(found)


def _size(n: int) -> str:
    return f"{n // 1048576} MB" if n >= 1048576 else f"{n // 1024} kB" if n >= 1024 else f"{n} bytes"
