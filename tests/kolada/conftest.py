"""Fixtures of the Kolada tests: the stand-in API serving on a free port, the script, a project."""

from __future__ import annotations

import json
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from kolada_standin import REPO, StandIn, load_script, page


@pytest.fixture(scope="session")
def _server():
    """One server for the session; each test gets a fresh stand-in behind it (`kolada_api`)."""
    current = {"stand_in": None}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 — http.server's name
            status, headers, body = current["stand_in"].answer(self.path)
            data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server, current
    server.shutdown()
    server.server_close()


@pytest.fixture
def kolada_api(_server):
    """The stand-in for one test, at `.url`."""
    server, current = _server
    stand_in = StandIn()
    stand_in.url = f"http://127.0.0.1:{server.server_address[1]}/v3"
    current["stand_in"] = stand_in
    return stand_in


@pytest.fixture
def script():
    return load_script()


@pytest.fixture
def project(tmp_path):
    """A project with three report pages naming their municipality, and the list of key figures."""
    root = tmp_path / "projekt"
    (root / "docs").mkdir(parents=True)
    (root / "data" / "kolada").mkdir(parents=True)
    shutil.copy(REPO / "data" / "kolada" / "nyckeltal.yaml", root / "data" / "kolada" / "nyckeltal.yaml")
    (root / "docs" / "astorp.md").write_text(page("1277", "Åstorp"), encoding="utf-8")
    (root / "docs" / "katrineholm.md").write_text(page("0483", "Katrineholm"), encoding="utf-8")
    (root / "docs" / "lund.md").write_text(page("1281", "Lund"), encoding="utf-8")
    (root / "docs" / "om.md").write_text("# Om\n", encoding="utf-8")
    return root
