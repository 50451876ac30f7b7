"""A local preview server for the built site: loopback only, files under the site folder only."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


def make_server(site: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    """Return a server for ``site`` bound to 127.0.0.1 (port 0 picks a free one); not yet serving."""
    handler = functools.partial(_QuietHandler, directory=str(Path(site).resolve()))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


def serve_site(site: Path, port: int = 8000) -> None:
    """Serve ``site`` on http://127.0.0.1:port/ until interrupted."""
    server = make_server(site, port)
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
