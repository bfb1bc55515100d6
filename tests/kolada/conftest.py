"""Fixtures of the Kolada tests: the stand-in API serving on a free port, the script, a project."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from .kolada_standin import FIXTURE, REPO, StandIn, load_script, page
from forked_python import run_python


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


@pytest.fixture(scope="session")
def comparison_site(tmp_path_factory):
    """The Kolada tests' small site (tests/kolada/projekt) with the real macros, theme overrides and
    assets, built once with `mkdocs build --strict`: (project, site folder, the build's output)."""
    root = tmp_path_factory.mktemp("jamforelse") / "projekt"
    shutil.copytree(FIXTURE, root)
    for name in ("macros", "overrides"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "docs" / "assets", root / "docs" / "assets")
    site = root / "site"
    mkdocs = REPO / ".venv" / "bin" / "mkdocs"
    command = [str(mkdocs)] if mkdocs.exists() else [sys.executable, "-m", "mkdocs"]
    result = run_python(
        [*command, "build", "--strict", "-d", str(site)], cwd=root, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return root, site, result.stdout + result.stderr
