"""Shared fixtures: the tests' own project built once per test run, served locally, and a real browser.

The tests never depend on the reports the repository holds today: staff add a month every month,
add, rename and remove reports, and a municipality that adopts the site removes the examples
(`scripts/ny-webbplats.py --utan-exempel`). So `site_project()` is a copy of the project (its code,
theme and site pages as they are) in which the five example reports are the fixture kept in
tests/exempel/ (pages, data as the source reports printed them, nav entries, the example settings),
committed to a new git repository at a fixed date: the site the tests check holds still, in the
repository as shipped and in every municipality's copy. Reports of the repository's own beyond the
examples stay in it, so the checks that read every page check those too.

Shared across pytest-xdist's workers: `site_project()` and `built_site` (`mkdocs build --strict`)
are made once per run, by whichever worker asks first, under a file lock in the run's temp folder;
the other worker waits and reuses them (`once()`). Read them, never write into them: copy first
(`copy_tree`). `site_server` serves the built site on 127.0.0.1; `browser` is Debian's chromium
through Playwright (its own browser download does not work here). The server and the Chromium
settings live in macros/pages/local_browser.py, shared with the PDF step and the benchmark.
tests/README.md lists the fixtures for the feature folders to reuse.
"""

from __future__ import annotations

import atexit
import fcntl
import functools
import importlib.util
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from macros.pages import local_browser as chromium
from macros.pages.local_browser import SiteServer
from macros.pages.publish import site_files

import forked_python
from forked_python import run_python

REPO = Path(__file__).resolve().parent.parent
BOOTSTRAP_HINT = "./scripts/bootstrap --test-tools"
# Built files that are not pages: Material's search index and the sitemaps.
NOT_PAGES = {"404.html"}

PROJECT = ("mkdocs.yml", "macros", "overrides", "docs", "data")  # what a build of the site reads
EXAMPLES = REPO / "tests" / "exempel"  # the example reports: the tests' fixture (tests/exempel/README.md)
PINNED = EXAMPLES / "data"  # their data, the monthly series as their source reports printed them
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Testperson", "GIT_AUTHOR_EMAIL": "test@example.invalid", "GIT_AUTHOR_DATE": "2023-12-01T10:00:00+01:00",
    "GIT_COMMITTER_NAME": "Testperson", "GIT_COMMITTER_EMAIL": "test@example.invalid", "GIT_COMMITTER_DATE": "2023-12-01T10:00:00+01:00",
}


# ---------------------------------------------------------------- the order the workers take modules in

# The longest modules first (the module list `--durations` prints, from a whole run: session of
# 7 December, 18:56, load 7, with the fork server's caches), so that no long module is left for the end while the other worker
# idles. Before, modules not listed came after the listed ones in their collected order,
# alphabetical by folder: utgavor/'s test_forfalskat_arkiv, test_flyttad_rapport and
# test_tillbakasatt among the last handed out. pytest-xdist (`--dist loadscope --no-loadscope-reorder`, pyproject.toml)
# hands out whole modules in the order of the collected tests; without `--no-loadscope-reorder` it
# would hand them out by their number of tests instead. The modules that only read the shared
# visits of every page (sidbesok.py) come last: by then the visits are made. A module not named
# here runs after these, before the last ones, in its usual order; a renamed one only loses its
# place. Every module of 4.5 s or more is named.
LONGEST_FIRST = (
    "webbplats/test_browser.py", "webbplats/test_phones.py", "utgavor/test_editions.py",
    "benchmark/test_benchmark.py", "utgavor/test_rattelser.py", "utgavor/test_arkivet.py",
    "webbplats/test_navigering.py", "bygge/test_build.py", "webbplats/test_site_output.py",
    "utgavor/test_flodet_efter_omskrivning.py", "utgavor/test_forfalskat_arkiv.py", "utgavor/test_omskriven_historia.py",
    "utgavor/test_indragen_fore_pdf.py",
    "harness/test_forked_builds.py", "bygge/test_makrofel.py", "webbplats/test_tangentbord.py",
    "webbplats/test_diagramkod_vantar.py", "webbplats/test_print.py", "kolada/test_kolada_fetch.py",
    "utgavor/test_driftsattning.py", "utgavor/test_flyttad_rapport.py", "utgavor/test_tillbakasatt.py",
    "datafiler/test_data.py", "adoption/test_new_site.py", "kolada/test_kolada_page.py",
    "lasare/test_forsta_skarmen.py", "generatorer/test_generators.py", "utgavor/test_arkivgrenen.py",
    "utgavor/test_publicerade_versioner.py", "lasare/test_pdf.py", "utgavor/test_arkivet_efter.py",
    "utgavor/test_platsmappen.py", "lasare/test_glesa_diagram.py", "lasare/test_fargval.py",
    "utgavor/test_utan_arkivet.py", "utgavor/test_aterinford_manad.py",
    "utgavor/test_felskriven_period.py", "utgavor/test_forsta_arkivet.py", "utgavor/test_samma_dag.py",
    "adoption/test_ny_webbplats.py", "utgavor/test_rattade_varden.py", "utgavor/test_vagrat_bygge.py",
    "rimlighet/test_plausibility.py", "andringar/test_inkrementell.py",
    "utgavor/test_omskriven_period.py", "utgavor/test_aldre_utgavor_orora.py",
    "utgavor/test_arkiv_oppnat.py", "lasare/test_tom_innehallsforteckning.py",
    "makron/test_chart_text.py", "inlasning/test_fel_i_data.py", "utgavor/test_arkivet_forst.py",
    "lasare/test_markdown_syns.py", "andringar/test_webblasare.py",
    # 7-9 s at load 9 (session of 7 December, 21:10), added since
    "utgavor/test_utgavans_ram.py", "utgavor/test_bytt_kolumn_efter_rebase.py", "utgavor/test_borttagen_tagg.py",
    "utgavor/test_tillbaka_fore_flytten.py", "utgavor/test_indragen_och_aterinford.py",
)
LAST = ("webbplats/test_diagramdata.py", "lasare/test_sidorna.py")


def pytest_collection_modifyitems(config, items):
    tests = Path(__file__).resolve().parent
    place = {name: number for number, name in enumerate(LONGEST_FIRST)}
    place.update({name: len(LONGEST_FIRST) + 1 + number for number, name in enumerate(LAST)})

    def rank(item) -> int:
        try:
            return place.get(Path(item.path).resolve().relative_to(tests).as_posix(), len(LONGEST_FIRST))
        except ValueError:
            return len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: within a module and among the rest, the collected order stays


_MODULE_SECONDS: dict[str, float] = {}  # test module → seconds of its setups, calls and teardowns


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """With TESTS_CPU_LOG=file, one JSON line per test: its CPU-seconds in the worker and the processes
    the worker waited for (git, java, new interpreters; not the forked commands, which
    TESTS_FORK_LOG lists, nor Chromium, which tests/count_cpu.py counts) and its wall seconds, setup and
    teardown included."""
    path = os.environ.get("TESTS_CPU_LOG")
    if not path:
        yield
        return
    import json
    import resource
    import time

    def cpu() -> float:
        return sum(u.ru_utime + u.ru_stime for u in (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)))

    module = item.nodeid.split("::", 1)[0]
    if _MODULE_CPU.get("module") != module:  # a module's first test: the last one's whole CPU is known
        _log_module_cpu(path)
        _MODULE_CPU.update(module=module, cpu=_tree_cpu(), s=time.monotonic())
    before, started = cpu(), time.monotonic()
    yield
    line = {"test": item.nodeid, "worker": os.environ.get("PYTEST_XDIST_WORKER", ""), "cpu": round(cpu() - before, 3),
            "s": round(time.monotonic() - started, 3)}
    with open(path, "a", encoding="utf-8") as log:
        log.write(json.dumps(line, ensure_ascii=False) + "\n")


_MODULE_CPU: dict = {}  # TESTS_CPU_LOG: the module running in this worker, and the process tree's CPU at its start


def _tree_cpu() -> float:
    """CPU-seconds of this process and every process below it, ended or running: the fork server and
    the commands it forked and reaped, Playwright's driver and Chromium's processes (read from /proc)."""
    import resource

    ticks = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])  # fields after the name: state, ppid, …, utime (12), stime, cutime, cstime
        times[int(entry)] = sum(int(f) for f in fields[11:15]) / ticks
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    below, found = [os.getpid()], 0.0
    while below:
        pid = below.pop()
        for child, parent in parents.items():
            if parent == pid:
                found += times.get(child, 0.0)
                below.append(child)
    return total + found


def _log_module_cpu(path: str) -> None:
    if not _MODULE_CPU:
        return
    import json
    import time

    line = {"module": _MODULE_CPU["module"], "worker": os.environ.get("PYTEST_XDIST_WORKER", ""),
            "tree_cpu": round(_tree_cpu() - _MODULE_CPU["cpu"], 3), "s": round(time.monotonic() - _MODULE_CPU["s"], 3)}
    with open(path, "a", encoding="utf-8") as log:
        log.write(json.dumps(line, ensure_ascii=False) + "\n")


def pytest_runtest_logreport(report):
    module = report.nodeid.split("::", 1)[0]
    _MODULE_SECONDS[module] = _MODULE_SECONDS.get(module, 0.0) + report.duration


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Beside pytest's `--durations` (single tests), the modules: the unit the workers take, and what
    LONGEST_FIRST should list first. Only when --durations is asked for (pyproject.toml asks)."""
    count = config.getoption("durations", None)
    if count is None or not _MODULE_SECONDS:
        return
    slowest = sorted(_MODULE_SECONDS.items(), key=lambda item: -item[1])
    terminalreporter.write_sep("=", f"slowest {len(slowest) if count == 0 else min(count, len(slowest))} modules (setup + call + teardown)")
    for module, seconds in slowest if count == 0 else slowest[:count]:
        terminalreporter.write_line(f"{seconds:8.2f}s {module}")


def pytest_configure(config):
    """With TESTS_CPU_LOG, the process (each xdist worker) is a child subreaper (Linux): a process below
    it that is orphaned (Playwright's driver when a test's own Playwright or the session's stops, and
    the Chromium it started) comes back to it as a zombie, still in /proc with its CPU, instead of
    leaving the tree that `_tree_cpu` counts. They are not waited for (a wait for any child could take
    the exit status a `subprocess` call waits for); the run's end hands them on to be reaped."""
    if os.environ.get("TESTS_CPU_LOG") and sys.platform == "linux":
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER


def pytest_unconfigure(config):
    if os.environ.get("TESTS_CPU_LOG"):
        _log_module_cpu(os.environ["TESTS_CPU_LOG"])  # the last module's (before the server is stopped)
    forked_python.stop()  # its forked commands' CPU is then counted in the run's (time, rusage)


# ---------------------------------------------------------------- made once per run, shared by the workers

_SHARED: Path | None = None  # the run's temp folder that every xdist worker sees (set by _shared_folder)


@pytest.fixture(scope="session", autouse=True)
def _shared_folder(tmp_path_factory):
    """Under pytest-xdist each worker has its own temp folder below the run's: that one is shared."""
    global _SHARED
    base = tmp_path_factory.getbasetemp()
    _SHARED = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    return _SHARED


def once(name: str, make: Callable[[Path], None]) -> Path:
    """The folder `name`, made by `make(folder)` once per test run whichever worker asks first; the
    others wait for it (a file lock) and share it. A failed `make` fails every test that asks, with
    its message, without trying again."""
    if _SHARED is None:  # outside a test session (a script importing this): a folder of its own
        folder = Path(tempfile.mkdtemp(prefix=f"{name}-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        shutil.rmtree(folder)
        make(folder)
        return folder
    folder, done, failed = _SHARED / name, _SHARED / f"{name}.klar", _SHARED / f"{name}.fel"
    with open(_SHARED / f"{name}.lås", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not done.exists() and not failed.exists():
                shutil.rmtree(folder, ignore_errors=True)
                try:
                    make(folder)
                except BaseException as exc:  # pytest.fail is an exception too: keep its message
                    failed.write_text(str(exc) or type(exc).__name__, encoding="utf-8")
                    raise
                done.touch()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    if failed.exists():
        pytest.fail(failed.read_text(encoding="utf-8"), pytrace=False)
    return folder


def copy_tree(source: Path, target: Path) -> Path:
    """A private copy of a shared project (with its git history), to change or build in."""
    shutil.copytree(source, target, symlinks=True, ignore=shutil.ignore_patterns("site", ".cache-utgavor"))
    return target


# ---------------------------------------------------------------- the tests' project

@functools.cache
def _new_site_script():
    """scripts/ny-webbplats.py, whose mkdocs.yml edits keep every other line and comment as it is."""
    spec = importlib.util.spec_from_file_location("ny_webbplats_for_tests", REPO / "scripts" / "ny-webbplats.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    saved = list(sys.path)
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path[:] = saved
    return module


def example_pages() -> list[str]:
    """The example reports' pages (`astorp.md` …), as tests/exempel/docs/ holds them."""
    return sorted(p.name for p in (EXAMPLES / "docs").glob("*.md"))


def example_config(text: str) -> str:
    """mkdocs.yml's text with the example settings (tests/exempel/installningar.yml) and the example
    reports in the nav under Rapporter (tests/exempel/meny.yml), whatever the repository's own are."""
    script = _new_site_script()
    text, _removed = script.remove_nav_pages(text, set(example_pages()))
    for path, value in yaml.safe_load((EXAMPLES / "installningar.yml").read_text(encoding="utf-8")).items():
        text = script.set_value(text, path, str(value))
    entries = [line for line in (EXAMPLES / "meny.yml").read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    entries = "".join(f"      {line}\n" for line in entries)
    section = re.search(r"^  - Rapporter:[ \t]*(#.*)?\n", text, re.M)
    if section:
        return text[: section.end()] + entries + text[section.end():]
    start = re.search(r"^  - [^\n]*: index\.md[ \t]*(#.*)?\n", text, re.M) or re.search(r"^nav:[ \t]*\n", text, re.M)
    return text[: start.end()] + "  - Rapporter:\n" + entries + text[start.end():]


def copy_project(target: Path, names: tuple[str, ...] = PROJECT) -> Path:
    """A copy of the project's files in `target`, to build or break without touching the repo, with
    the example reports as tests/exempel/ holds them (pages, data, nav entries, settings) in place of
    whatever the repository has under those names."""
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy(source, target / name)
    return with_examples(target, names)


def with_examples(root: Path, names: tuple[str, ...] = PROJECT) -> Path:
    """The example reports as tests/exempel/ holds them laid into a project (`names`: which of
    docs/, data/ and mkdocs.yml): their pages and data in place of whatever is there under those
    names, their nav entries and the example settings in mkdocs.yml. In a municipality's copy this
    makes the template again, with the municipality's own reports beside the examples."""
    if "docs" in names:
        for page in example_pages():
            shutil.copy(EXAMPLES / "docs" / page, root / "docs" / page)
    if "data" in names:
        (root / "data").mkdir(exist_ok=True)
        for folder in sorted(p for p in PINNED.iterdir() if p.is_dir()):
            shutil.rmtree(root / "data" / folder.name, ignore_errors=True)
            shutil.copytree(folder, root / "data" / folder.name)
    if "mkdocs.yml" in names:
        config = root / "mkdocs.yml"
        config.write_text(example_config(config.read_text(encoding="utf-8")), encoding="utf-8")
    return root


def small_project(target: Path, pages: dict[str, str], data: tuple[str, ...] = (), scripts: bool = False) -> Path:
    """The smallest project a feature needs, in `target`: the code, the theme and its assets, a
    start page, and only the example reports `pages` (nav title → page in tests/exempel/docs/) with
    the data folders `data` (in tests/exempel/data/), under Rapporter in the nav; the example
    settings. A build of it reads a few datasets instead of every one."""
    copy_project(target, ("mkdocs.yml", "macros", "overrides", *(("scripts",) if scripts else ())))
    shutil.copytree(REPO / "docs" / "assets", target / "docs" / "assets")
    (target / "docs" / "index.md").write_text("# Start\n", encoding="utf-8")
    for page in pages.values():
        shutil.copy(EXAMPLES / "docs" / page, target / "docs" / page)
    for folder in data:
        shutil.copytree(PINNED / folder, target / "data" / folder)
    (target / "data").mkdir(exist_ok=True)
    config = target / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    nav = re.search(r"^nav:[ \t]*\n(?:[ \t#].*\n|\n)*", text, re.M)
    entries = "".join(f"      - {title}: {page}\n" for title, page in pages.items())
    text = text[: nav.start()] + "nav:\n  - Start: index.md\n  - Rapporter:\n" + entries + text[nav.end():]
    config.write_text(text, encoding="utf-8")
    return target


def _make_site_project(folder: Path) -> None:
    root = copy_project(folder / "projekt", (*PROJECT, "scripts"))
    for command in (["init", "--quiet", "-b", "main"], ["add", "-A"], ["commit", "--quiet", "-m", "Källrapporternas uppgifter"]):
        subprocess.run(["git", *command], cwd=root, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


def site_project() -> Path:
    """The project as the tests see it (example reports as tests/exempel/ holds them, scripts too),
    committed to a new git repository: one edition per report, the same on every machine and every
    month. Made once per run and shared: read it, or `copy_tree` it to change it."""
    return once("projekt", _make_site_project) / "projekt"


def mkdocs_command() -> list[str]:
    venv_mkdocs = REPO / ".venv" / "bin" / "mkdocs"
    return [str(venv_mkdocs)] if venv_mkdocs.exists() else [sys.executable, "-m", "mkdocs"]


def build_site(dest: Path, env: dict[str, str] | None = None, project: Path | None = None, fresh: bool = False) -> Path:
    """`mkdocs build --strict` of a project (`site_project()` by default) into `dest`; fails the test
    with mkdocs' output. Forked from the tests' fork server (tests/forked_python.py); `fresh=True`: a
    new Python process."""
    result = run_python(
        [*mkdocs_command(), "build", "--strict", "--clean", "-d", str(dest)],
        cwd=project or site_project(),
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=600,
        fresh=fresh,
    )
    if result.returncode != 0:
        pytest.fail(
            f"Webbplatsen gick inte att bygga (mkdocs build --strict, slutkod {result.returncode}):\n{result.stdout}\n{result.stderr}",
            pytrace=False,
        )
    return dest


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The tests' site (`site_project()`), built once per run and shared by the workers. Read only."""
    project = site_project()
    # Built in a copy: a build writes its editions' cache (.cache-utgavor/) into the project.
    return once("webbplats", lambda folder: build_site(folder / "site", project=copy_tree(project, folder / "projekt"))) / "site"


def _build_with_pdfs(folder: Path) -> None:
    project = copy_tree(site_project(), folder / "projekt")
    build_site(project / "site", env={"RAPPORT_PDF": "1"}, project=project)


@pytest.fixture(scope="session")
def pdf_site() -> Path:
    """`site_project()` built with a PDF of every edition (RAPPORT_PDF=1, as `scripts/build.py --pdf`
    and the publish workflow build), once per run for every module that reads PDFs. Read only; its
    project (the folder above) keeps the build's editions cache (.cache-utgavor/), for a test that
    builds again after a change (copy it first)."""
    require_tool(chromium.CHROMIUM.exists(), str(chromium.CHROMIUM))
    return once("pdf-webbplats", _build_with_pdfs) / "projekt" / "site"


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
    message = f"{what} saknas; kör `{BOOTSTRAP_HINT}`"
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
    """Debian's chromium, headless. One per worker: contexts keep the tests apart."""
    browser = chromium.launch(_playwright)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def page_visits(browser, site_server, built_site):
    """`page_visits(width)`: every page of `built_site` visited once at that width (tests/sidbesok.py),
    once per test run for every module that reads it: the worker that asks first visits, the other
    reads its record. The phones' widths are made together, one load of each page resized between
    them (`visit_phones`); the desktop's on its own (`visit_site`). Read only."""
    from sidbesok import PHONES, visit_phones, visit_site

    def make(width: int, folder: Path) -> None:
        folder.mkdir(parents=True)
        (folder / "besok.pickle").write_bytes(pickle.dumps(visit_site(browser, site_server, built_site, width)))

    def make_phones(folder: Path) -> None:
        folder.mkdir(parents=True)
        (folder / "besok.pickle").write_bytes(pickle.dumps(visit_phones(browser, site_server, built_site, PHONES)))

    @functools.cache
    def phones() -> dict:
        return pickle.loads((once("besok-telefoner", make_phones) / "besok.pickle").read_bytes())

    @functools.cache
    def at(width: int) -> list:
        if width in PHONES:
            return phones()[width]
        return pickle.loads((once(f"besok-{width}", functools.partial(make, width)) / "besok.pickle").read_bytes())

    return at


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
    require_tool(path is not None, "java (för Nu Html Checker)")
    return path
