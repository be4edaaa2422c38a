"""A built site served on 127.0.0.1 the way a real host serves it, for audits and measures.

Like a static host (GitHub Pages, Netlify, nginx with its usual settings), it compresses text
with gzip when the browser asks for it, lets the browser keep files for a while, answers a
folder's address with its ``index.html`` (and the folder without its slash with a redirect),
and answers an address the site does not have with the site's own ``404.html`` and status
404. The site may live in a folder of the host (``prefix``, e.g. ``/news/explainers/``), as
it does when published under a sub-path. Lighthouse (``bench.lighthouse``) and the tests of
the 404 page use it; ``python3 -m http.server`` does none of this.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import mimetypes
import posixpath
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

# What a host compresses: text, not images that are compressed already.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")
CACHE = "public, max-age=600"  # GitHub Pages' own


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a browser gets from a real host
    site: Path
    prefix: str
    _compressed: dict[Path, bytes]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:  # noqa: N802 - the name http.server calls
        self._answer(body=False)

    def do_GET(self) -> None:  # noqa: N802
        self._answer(body=True)

    def _answer(self, body: bool) -> None:
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        if not path.startswith(self.prefix):
            return self._not_found(body)
        relative = posixpath.normpath("/" + path[len(self.prefix):]).lstrip("/")
        target = (self.site / relative) if relative not in ("", ".") else self.site
        if target.is_dir():
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            target = target / "index.html"
        if not target.is_file() or self.site.resolve() not in target.resolve().parents:
            return self._not_found(body)
        self._send(200, target, body)
        return None

    def _not_found(self, body: bool) -> None:
        page = self.site / "404.html"
        if page.is_file():
            self._send(404, page, body)
        else:
            self.send_error(404)

    def _send(self, status: int, file: Path, body: bool) -> None:
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        data = file.read_bytes()
        zipped = kind.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", "")
        if zipped:
            if file not in self._compressed:
                self._compressed[file] = gzip.compress(data, compresslevel=6, mtime=0)
            data = self._compressed[file]
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8" if kind.startswith("text/") else kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", CACHE)
        self.send_header("Vary", "Accept-Encoding")
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if body:
            self.wfile.write(data)


@contextlib.contextmanager
def serve(site: Path, prefix: str = "/") -> Iterator[str]:
    """Serve ``site`` under ``prefix`` on a free port of 127.0.0.1; yields the site's address
    (``http://127.0.0.1:PORT/news/explainers/``)."""
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    handler = type("SiteHandler", (Handler,), {"site": Path(site), "prefix": prefix, "_compressed": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
