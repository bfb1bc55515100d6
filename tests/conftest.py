"""Shared fixtures: the real site built once per session, served locally, and a real browser.

The tests never read the monthly series in data/ as they are today: staff add a month
there every month. `site_project` is a copy of the project with those series as the
source reports printed them (tests/data/kallor/), committed to a new git repository, so
the site the tests check holds still. `built_site` builds it with `mkdocs build --strict` into a temp dir;
`site_server` serves it on 127.0.0.1; `browser` is Debian's chromium through
Playwright (its own browser download does not work here). The server and the
Chromium settings live in scripts/benchmark/, shared with the benchmark. With pytest-xdist
each worker builds its own copy, which is fine: a build takes seconds.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from macros.pages import local_browser as chromium
from macros.pages.local_browser import SiteServer
from macros.pages.publish import site_files

REPO = Path(__file__).resolve().parent.parent
BOOTSTRAP_HINT = "./scripts/bootstrap --test-tools"
# Built files that are not pages: Material's search index and the sitemaps.
NOT_PAGES = {"404.html"}


PROJECT = ("mkdocs.yml", "macros", "overrides", "docs", "data")  # what a build of the site reads
PINNED = REPO / "tests" / "data" / "kallor"  # the monthly series as their source reports printed them
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Testperson", "GIT_AUTHOR_EMAIL": "test@example.invalid", "GIT_AUTHOR_DATE": "2023-12-01T10:00:00+01:00",
    "GIT_COMMITTER_NAME": "Testperson", "GIT_COMMITTER_EMAIL": "test@example.invalid", "GIT_COMMITTER_DATE": "2023-12-01T10:00:00+01:00",
}


def copy_project(target: Path, names: tuple[str, ...] = PROJECT) -> Path:
    """A copy of the project's files in `target`, to build or break without touching the repo;
    its data/ holds the pinned monthly series (tests/data/kallor/), not today's."""
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target / name)
    if "data" in names:
        for path in PINNED.rglob("*"):
            if path.is_file() and path.name != "README.md":
                shutil.copy(path, target / "data" / path.relative_to(PINNED))
    return target


@functools.cache
def site_project() -> Path:
    """The project as the tests see it (pinned series, scripts too), committed to a new git
    repository: one edition per report, the same on every machine and every month."""
    folder = Path(tempfile.mkdtemp(prefix="rapport-test-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    root = copy_project(folder / "projekt", (*PROJECT, "scripts"))
    for command in (["init", "--quiet", "-b", "main"], ["add", "-A"], ["commit", "--quiet", "-m", "Källrapporternas uppgifter"]):
        subprocess.run(["git", *command], cwd=root, check=True, env={**os.environ, **GIT_ENV})
    return root


def mkdocs_command() -> list[str]:
    venv_mkdocs = REPO / ".venv" / "bin" / "mkdocs"
    return [str(venv_mkdocs)] if venv_mkdocs.exists() else [sys.executable, "-m", "mkdocs"]


def build_site(dest: Path, env: dict[str, str] | None = None) -> Path:
    """`mkdocs build --strict` of the site (`site_project`) into `dest`; fails the test with mkdocs' output."""
    result = subprocess.run(
        [*mkdocs_command(), "build", "--strict", "--clean", "-d", str(dest)],
        cwd=site_project(),
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=600,
    )
    if result.returncode != 0:
        pytest.fail(
            f"mkdocs build --strict failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}",
            pytrace=False,
        )
    return dest


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per session (per xdist worker)."""
    return build_site(tmp_path_factory.mktemp("site") / "site")


def site_pages(site: Path, include_404: bool = False) -> list[Path]:
    """Every HTML page of a built site, sorted; no search index, sitemaps or assets (none are .html)."""
    pages = sorted(p for p in site_files(site, "*.html") if "assets" not in p.relative_to(site).parts[:1])
    if not include_404:
        pages = [p for p in pages if p.relative_to(site).as_posix() not in NOT_PAGES]
    return pages


def page_url_path(site: Path, page: Path) -> str:
    """`astorp/index.html` → `astorp/`, `index.html` → `` (the path a reader sees)."""
    rel = page.relative_to(site).as_posix()
    return rel.removesuffix("index.html")


@pytest.fixture(scope="session")
def pages(built_site) -> list[Path]:
    return site_pages(built_site)


def site_url(site: Path) -> str:
    """The public address the site was built for (mkdocs.yml `site_url`), from the start page's
    canonical link: `https://example.invalid/socialrapporter/`."""
    import re

    html = (site / "index.html").read_text(encoding="utf-8")
    m = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    url = m[1] if m else "http://localhost/"
    return url if url.endswith("/") else url + "/"


def serve(site: Path) -> SiteServer:
    """A built site on 127.0.0.1 at a free port, as its real host serves it: under site_url's
    path (so 404.html's absolute links resolve), and with sitemap.xml naming this server
    (Material's instant navigation only takes over links in the sitemap). Its `url` is the
    base, ending in '/': `http://127.0.0.1:PORT/socialrapporter/`."""
    public = urlsplit(site_url(site))
    return SiteServer(site, public.path, public_origin=f"{public.scheme}://{public.netloc}")


@pytest.fixture(scope="session")
def site_server(built_site):
    with serve(built_site) as server:
        yield server.url


def require_tool(present: bool, what: str) -> None:
    """Missing test tool: a failure in CI, a skip (with the fix) on a developer's machine."""
    if present:
        return
    message = f"{what} is missing; run `{BOOTSTRAP_HINT}`"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def _playwright():
    require_tool(chromium.CHROMIUM.exists(), str(chromium.CHROMIUM))
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(_playwright):
    """Debian's chromium, headless. One per session: contexts keep the tests apart."""
    browser = chromium.launch(_playwright)
    yield browser
    browser.close()


# Charts are drawn as they near the screen (docs/assets/charts.js): scroll to each one as a reader
# would, waiting until it is drawn before moving on, then back to the top. Resolves to the ids of
# the figures whose chart was not drawn within `ms`.
SCROLL_TO_CHARTS_JS = """
async (ms) => {
  const missed = [];
  for (const plot of document.querySelectorAll('figure.chart .chart-plot')) {
    plot.scrollIntoView({ block: 'center' });
    const until = Date.now() + ms;
    while (!plot.classList.contains('is-drawn') && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
    }
    if (!plot.classList.contains('is-drawn')) missed.push(plot.closest('figure').id);
  }
  window.scrollTo(0, 0);
  return missed;
}
"""


def scroll_to_charts(page, ms: int = 10_000) -> list[str]:
    """Draw every chart on the page by scrolling to it; the ids of those not drawn in time."""
    return page.evaluate(SCROLL_TO_CHARTS_JS, ms)


@pytest.fixture(scope="session")
def java() -> str:
    path = shutil.which("java")
    require_tool(path is not None, "java (for the Nu Html Checker)")
    return path
