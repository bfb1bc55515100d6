"""A built site served on 127.0.0.1 the way its real host serves it, and Debian's Chromium to look
at it: the PDF step (macros/pages/pdf.py), the tests and the benchmark share both.

Playwright's own browser download does not work here, so everything drives /usr/bin/chromium
(`./scripts/bootstrap --test-tools` installs it).

The server:

- under a base path (site_url's path, `/socialrapporter/`), so absolute links such as
  404.html's resolve; anything outside it is a 404;
- optionally with sitemap.xml naming this server instead of the public address: Material's
  instant navigation only takes over links found in the sitemap, matching on port and path;
- optionally as GitHub Pages sends it (`gzip=True`): text files gzip-encoded, `Cache-Control:
  max-age=600`, Last-Modified and 304, 404.html for a missing file.

Every response is logged as (path, status, body bytes sent), so the benchmark can weigh a visit.
"""

from __future__ import annotations

import functools
import gzip as gzip_module
import http.server
import os
import threading
from pathlib import Path

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # runs as root in containers and CI
    "--disable-gpu",
    "--disable-background-networking",  # no requests of its own while we count bytes
    "--disable-component-update",
    "--disable-sync",
]


def launch(playwright):
    """A headless Debian chromium through Playwright; close it when done."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)

CACHE_CONTROL = "max-age=600"  # what GitHub Pages sends
GZIP_LEVEL = 6  # zlib's default, what most hosts use
# What GitHub Pages compresses: text, never images or fonts (already compressed).
TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".svg", ".csv", ".xml", ".txt", ".map", ".yaml", ".webmanifest"}


@functools.lru_cache(maxsize=None)
def _gzipped(path: Path, mtime_ns: int) -> bytes:
    return gzip_module.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)


class _Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    base_path = "/"
    public_origin = ""  # `https://example.invalid`: rewritten in sitemap.xml when set
    gzip = False
    log: list  # (path, status, bytes), shared with SiteServer
    lock: threading.Lock

    def translate_path(self, path):
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(self.base_path):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.base_path):])

    def do_GET(self):  # noqa: N802 - the stdlib's name
        self._respond(head=False)

    def do_HEAD(self):  # noqa: N802
        self._respond(head=True)

    def _respond(self, head: bool) -> None:
        path = self.path.split("?", 1)[0]
        if self.public_origin and path == self.base_path + "sitemap.xml":
            body = (Path(self.directory) / "sitemap.xml").read_bytes()
            own = f"http://{self.server.server_address[0]}:{self.server.server_address[1]}".encode()
            self._send(200, "application/xml", body.replace(self.public_origin.encode() + b"/", own + b"/"), head)
        elif self.gzip:
            self._send_file(head)
        elif head:
            super().do_HEAD()
        else:
            super().do_GET()

    def _send_file(self, head: bool) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path.split("?", 1)[0] + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
            if not path.is_file():
                self.send_error(404)
                return
        stat = path.stat()
        modified = self.date_time_string(int(stat.st_mtime))
        if status == 200 and self.headers.get("If-Modified-Since") == modified:
            self.send_response(304)
            self.send_header("Cache-Control", CACHE_CONTROL)
            self.end_headers()
            return
        text = path.suffix in TEXT_SUFFIXES
        body = _gzipped(path, stat.st_mtime_ns) if text else path.read_bytes()
        extra = [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")] if text else []
        extra += [("Last-Modified", modified), ("Cache-Control", CACHE_CONTROL)]
        self._send(status, self.guess_type(str(path)), body, head, extra)

    def _send(self, status: int, content_type: str, body: bytes, head: bool, extra=()) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)
            self._record(len(body))

    def copyfile(self, source, outputfile):  # the stdlib's plain file serving: count its bytes too
        super().copyfile(source, outputfile)
        self._record(source.tell())

    def handle_one_request(self):
        self._status = None
        super().handle_one_request()
        if self._status is not None:  # a response without a body: redirect, 304, error
            self._record(0)

    def send_response(self, code, message=None):
        super().send_response(code, message)
        self._status = int(code)

    def _record(self, size: int) -> None:
        with self.lock:
            self.log.append((getattr(self, "path", "?").split("?", 1)[0], self._status, size))
        self._status = None

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a browser may drop a keep-alive connection when its context closes


class SiteServer:
    """`with SiteServer(site, base_path="/socialrapporter/") as server:` → `server.url`
    (`http://127.0.0.1:PORT/socialrapporter/`); `server.take_log()` empties the request log."""

    def __init__(self, site: Path, base_path: str = "/", public_origin: str = "", gzip: bool = False):
        base_path = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
        self.log: list = []
        handler = type(
            "Handler", (_Handler,),
            {"base_path": base_path, "public_origin": public_origin.rstrip("/"), "gzip": gzip,
             "log": self.log, "lock": threading.Lock()},
        )
        self._lock = handler.lock
        self._server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}{base_path}"
        self._thread = threading.Thread(target=self._server.serve_forever, name="site-server", daemon=True)

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def take_log(self) -> list[tuple[str, int, int]]:
        with self._lock:
            taken = list(self.log)
            self.log.clear()
        return taken
