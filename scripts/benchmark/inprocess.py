"""Our code run in this process, through macros/__init__.py as a generator runs it.

- `prerender`: every page's macro calls once, timed per macro; the output is written as
  plain Markdown (docs-static/ and mkdocs-static.yml without the macros plugin), so the
  pre-rendered build is MkDocs alone and the build ratio is what our code adds;
- `chart_costs`: median time of a chart macro call with the data already read, and
  where it goes (figure dict, table alternative, HTML, the rest).
"""

from __future__ import annotations

import os
import shutil
import statistics
import time
from pathlib import Path
from types import SimpleNamespace

import yaml

from .project import Call, Page, Project, calls_in, import_macros, render_static, write_config


class MacrosEnv:
    """Just enough of mkdocs-macros' `env` for macros/__init__.py: the config as MkDocs gives
    it (absolute folders), `macro()` and `filter()` to register, `page` for the page being rendered."""

    def __init__(self, project: Project, site_dir: Path):
        config = yaml.safe_load((project.root / "mkdocs.yml").read_text(encoding="utf-8"))
        self.conf = {
            **config,
            "config_file_path": str(project.root / "mkdocs.yml"),
            "docs_dir": str(project.root / "docs"),
            "site_dir": str(site_dir),
        }
        self.macros: dict = {}
        self.filters: dict = {}
        self.page = None

    def macro(self, function, name=None):
        self.macros[name or function.__name__] = function
        return function

    def filter(self, function, name=None):
        self.filters[name or function.__name__] = function
        return function

    def start_page(self, page: Page) -> None:
        file = SimpleNamespace(src_uri=page.path, src_path=page.path)
        self.page = SimpleNamespace(url=page.url, title=page.title, meta={}, file=file)


def prerender(project: Project, snapshot_dir: Path) -> dict:
    """Render every page's macros once in-process; write docs-static/ (the pages and the
    files the build writes beside them) and mkdocs-static.yml. Returns the timings."""
    module = import_macros(snapshot_dir)
    static = project.root / "docs-static"
    shutil.copytree(project.root / "docs" / "assets", static / "assets")
    env = MacrosEnv(project, site_dir=static)  # downloads and chart CSVs land beside the static pages
    cwd = os.getcwd()
    os.chdir(project.root)  # as `mkdocs build` runs: the pages must come out the same
    try:
        start = time.perf_counter()
        module.define_env(env)
        define_s = time.perf_counter() - start
        by_macro: dict[str, float] = {}

        def timed(name, function):
            def wrapper(*args, **kwargs):
                start = time.perf_counter()
                try:
                    return function(*args, **kwargs)
                finally:
                    by_macro[name] = by_macro.get(name, 0.0) + time.perf_counter() - start
            return wrapper

        env.macros = {name: timed(name, function) for name, function in env.macros.items()}
        page_ms = []
        for page in project.pages:
            start = time.perf_counter()
            env.start_page(page)
            text = render_static(page.parts, env.macros)
            if page.has_charts:
                page_ms.append((time.perf_counter() - start) * 1000)
            target = static / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    finally:
        os.chdir(cwd)
    write_config(project.root, snapshot_dir, project.nav, "mkdocs-static.yml", "docs-static", macros=False)
    used = {c.name for page in project.pages for c in calls_in(page.parts)}
    return {
        "page_render_ms": statistics.median(page_ms),
        "render_all_s": sum(page_ms) / 1000,
        "define_env_s": define_s,
        "by_macro_s": dict(sorted(by_macro.items(), key=lambda kv: -kv[1])),
        "macros_not_used": sorted(set(getattr(module, "MACROS", [])) - used),
    }


def chart_costs(project: Project, snapshot_dir: Path, rounds: int) -> dict:
    """Median ms per chart macro call, over every report page's chart calls (data already read)."""
    module = import_macros(snapshot_dir)
    env = MacrosEnv(project, site_dir=project.root / "unused")
    module.define_env(env)  # reads and checks every dataset first, as in a build
    samples: dict[str, list[float]] = {}
    calls = project.chart_calls
    pages = [p for p in project.pages if p.has_charts]
    for i in range(rounds):
        env.start_page(pages[i % len(pages)])
        for j in range(6):
            call = calls[(i * 6 + j) % len(calls)]
            start = time.perf_counter()
            call.run(env.macros)
            samples.setdefault(kind(call), []).append((time.perf_counter() - start) * 1000)
    every = [s for v in samples.values() for s in v]
    return {
        "median_ms": statistics.median(every),
        "calls": len(every),
        "by_kind": {k: statistics.median(v) for k, v in sorted(samples.items())},
        "parts": chart_parts(env, calls[:60]),
    }


def kind(call: Call) -> str:
    """A chart call by macro and shape, not by dataset: `year_chart years=3`, `bar_chart stacked`."""
    return call.name + (" years=3" if "years" in call.kwargs else "") + (" stacked" if call.kwargs.get("stacked") else "")


def chart_parts(env: MacrosEnv, calls: list[Call]) -> dict:
    """Where a chart call's time goes: the figure dict, the table alternative, the HTML, the rest
    (summary sentences, look-ups, the CSV download). A second pass with timers around those."""
    import macros.models.charts as charts  # noqa: PLC0415 — the snapshot's, imported by chart_costs
    import macros.models.tables as tables  # noqa: PLC0415
    import macros.render.html as html  # noqa: PLC0415

    targets = [
        (charts, "figure", "figure dict (charts.figure)"),
        (tables, "chart_table", "table alternative (tables.chart_table)"),
        (html, "render", "HTML (html.render)"),
    ]
    spent = {label: 0.0 for _, _, label in targets}
    saved = [(m, n, getattr(m, n)) for m, n, _ in targets]
    depth = [0]

    def timed(function, label):
        def wrapper(*args, **kwargs):
            depth[0] += 1
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                depth[0] -= 1
                if depth[0] == 0:  # html.render nests inside itself: count the outer call only
                    spent[label] += time.perf_counter() - start
        return wrapper

    for m, n, label in targets:
        setattr(m, n, timed(getattr(m, n), label))
    try:
        env.start_page(Page("x/y.md", "x", []))
        start = time.perf_counter()
        for call in calls:
            call.run(env.macros)
        total = time.perf_counter() - start
    finally:
        for m, n, original in saved:
            setattr(m, n, original)
    spent["rest (summaries, look-ups, CSV download)"] = total - sum(spent.values())
    return {k: v / total for k, v in spent.items()}
