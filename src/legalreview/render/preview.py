"""A local preview server for the built site: loopback only, files under the site folder only.

The site may come from someone else's review, so the handler trusts nothing in it: a path that
passes through a symbolic link or leaves the site folder is not found (404), folders are never
listed (their index.html is served, else 404), and only requests addressed to this computer by
name (``Host: 127.0.0.1``, ``localhost`` or ``[::1]``, any port) are answered, so a web page
cannot reach the preview through DNS rebinding (400 otherwise). Every answer carries
``X-Content-Type-Options: nosniff``.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import stat
import threading
import urllib.parse
from pathlib import Path

#: Host headers answered: the loopback names, with an optional port.
_LOCAL_HOST = re.compile(r"(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?", re.IGNORECASE)


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves regular files under the site folder, reached without links; nothing else."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass

    def end_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def _local_host(self) -> bool:
        host = self.headers.get("Host")
        return host is not None and _LOCAL_HOST.fullmatch(host.strip()) is not None

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        self._answer(head=False)

    def do_HEAD(self) -> None:  # noqa: N802 - the stdlib's name
        self._answer(head=True)

    def _answer(self, head: bool) -> None:
        if not self._local_host():
            self.send_error(400, "Unknown host: the preview answers only http://127.0.0.1 or http://localhost")
            return
        found, folder = self._resolve(self.path)
        if found is None:
            self.send_error(404, "File not found")
            return
        parts = urllib.parse.urlsplit(self.path)
        if folder and not parts.path.endswith("/"):  # relative links in index.html need the slash
            self.send_response(301)
            self.send_header("Location", urllib.parse.urlunsplit(("", "", parts.path + "/", parts.query, "")))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        f = self.send_head()
        if f is None:
            return
        try:
            if not head:
                self.copyfile(f, self.wfile)
        finally:
            f.close()

    def _resolve(self, request_path: str) -> tuple[str | None, bool]:
        """Return (file, named a folder) for a request path: a regular file under the site (a folder's
        index.html) reached through no link, or (None, False)."""
        raw = urllib.parse.urlsplit(request_path).path
        try:
            raw = urllib.parse.unquote(raw, errors="strict")
        except UnicodeDecodeError:
            return None, False
        parts = [p for p in raw.split("/") if p not in ("", ".")]
        if any(p == ".." or "\x00" in p or "\\" in p or (os.altsep and os.altsep in p) for p in parts):
            return None, False
        current, mode, folder = self.directory, stat.S_IFDIR, False
        for name in [*parts, None]:
            if name is None:  # past the last component: a folder stands for its index.html
                if not stat.S_ISDIR(mode):
                    break
                name, folder = "index.html", bool(parts)
            current = os.path.join(current, name)
            try:
                mode = os.lstat(current).st_mode
            except (OSError, ValueError):
                return None, False
            if stat.S_ISLNK(mode):
                return None, False
        return (current, folder) if stat.S_ISREG(mode) else (None, False)

    def translate_path(self, path: str) -> str:
        """Return the file to serve for a request path; a path that does not exist for the preview
        (a link, outside the site, not a regular file) maps to an empty string."""
        return self._resolve(path)[0] or ""

    def send_head(self):  # type: ignore[override]
        """Open the file :meth:`translate_path` chose (never a link) and send its headers."""
        path = self.translate_path(self.path)
        if not path:
            self.send_error(404, "File not found")
            return None
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            self.send_error(404, "File not found")
            return None
        f = os.fdopen(fd, "rb")
        try:
            fs = os.fstat(f.fileno())
            if not stat.S_ISREG(fs.st_mode):
                f.close()
                self.send_error(404, "File not found")
                return None
            self.send_response(200)
            self.send_header("Content-type", self.guess_type(path))
            self.send_header("Content-Length", str(fs.st_size))
            self.send_header("Last-Modified", self.date_time_string(int(fs.st_mtime)))
            self.end_headers()
            return f
        except BaseException:
            f.close()
            raise

    def list_directory(self, path: str):  # type: ignore[override]
        self.send_error(404, "File not found")  # folders are never listed
        return None


# the name older code and tests import
_QuietHandler = _SiteHandler


def make_server(site: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    """Return a server for ``site`` bound to 127.0.0.1 (port 0 picks a free one); not yet serving."""
    handler = functools.partial(_SiteHandler, directory=str(Path(site).resolve()))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


def serve_site(site: Path, port: int = 8000, server: http.server.ThreadingHTTPServer | None = None) -> None:
    """Serve ``site`` on http://127.0.0.1:port/ until interrupted (on ``server`` when given: one that
    :func:`make_server` bound already, so that a busy port is reported before anything is printed)."""
    server = server or make_server(site, port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def serve_in_background(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Start a server on a free loopback port in a thread; return it and its base URL (for tests)."""
    server = make_server(site, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"
