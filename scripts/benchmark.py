#!/usr/bin/env python3
"""Measure what our code costs: build time, memory, chart macros, page weight, drawing time.

    .venv/bin/python scripts/benchmark.py                      # 100 and 1 000 pages → BENCHMARKS.md
    .venv/bin/python scripts/benchmark.py --pages 100 1000 --reps 3
    .venv/bin/python scripts/benchmark.py --quick              # smoke run: 20 pages, nothing written
    .venv/bin/python scripts/benchmark.py --quick --json out.json   # figures for a test to read

For each size it generates a synthetic site in a temp dir (never in data/ or
docs/): organisations × 10 report pages, each organisation with three monthly
datasets (120 months, the structure of data/astorp/forsorjningsstod), a budget
table, goals, a breakdown and a comparison table (copies of the Katrineholm,
Lund and nämndrapport files). Every report page uses every page macro and has
six charts; the data page uses `dataset_list`. The temp project copies
mkdocs.yml, macros/, overrides/ and docs/assets/ from this repo (one snapshot
per run) and writes its own pages and nav.

Figures (each compared with a budget, printed as PASS/OVER):
- build wall time and peak memory (`mkdocs build -q` in a subprocess, os.wait4);
- overhead ratio: the macro build ÷ a build of the same pages with every macro
  call replaced by its output, rendered once in-process (no macros plugin);
  the two builds alternate, medians of --reps each;
- scaling: build time at the largest size ÷ at the smallest;
- each CSV parsed once per build: a build in a subprocess that counts calls
  of macros.data.read_dataset through a wrapper (macros/ is not touched);
- per-chart render cost: median of many in-process chart macro calls;
- page weight: gzip -9 bytes of every response a reader gets for a first visit
  to a six-chart page, then for a second page with a warm cache, in headless
  Chromium against a local server that serves as GitHub Pages does (gzip,
  Cache-Control max-age=600);
- time from navigation start to every `.chart-plot` holding `svg.main-svg`
  (median of several loads, cold and warm cache).

Timings on a shared machine are noisy: read the ratios, and compare runs made
side by side. No test asserts on these figures; the exit code is 0 unless the
benchmark itself fails. `--profile` adds a cProfile of the smallest size's
macro build, to find where the time goes. Needs Debian's /usr/bin/chromium
(see scripts/bootstrap --test-tools) unless --no-browser.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import gzip
import hashlib
import http.server
import io
import json
import math
import os
import platform
import pstats
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import yaml

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES_PER_ORG = 10
MONTHLY_PER_ORG = 3
MONTHS = [f"{y}-{m:02d}" for y in range(2014, 2024) for m in range(1, 13)]  # 120 rows, all in the past
CACHE_CONTROL = "max-age=600"  # what GitHub Pages sends
KB = 1000  # budgets in kB of 1 000 bytes (the stricter reading)

# Copied per organisation: (id in the synthetic site, file in this repo). The monthly
# datasets are generated from data/astorp/forsorjningsstod.schema.yaml instead.
MONTHLY_SOURCE = "data/astorp/forsorjningsstod"
COPIED = {
    "driftsredovisning": "data/katrineholm/driftsredovisning-t1-2019",  # budget_table, bar_chart, value(key=)
    "malupfyllelse": "data/lund/malupfyllelse-2022",  # goal_table
    "anstallningar-typ": "data/lund/anstallningar-med-stod-typ-2022",  # data_table(total), stacked bar_chart
    "nyckeltal": "tests/data/jamforelse/nyckeltal-nov-2023",  # kpi_cards on a comparison table
}

BUDGETS = {  # key: (label, limit text)
    "overhead": ("Overhead ratio at the largest size (macros ÷ pre-rendered)", "≤ 1.25"),
    "chart_ms": ("Per-chart render cost, median of all chart calls", "≤ 3 ms"),
    "scaling": ("Build time, largest ÷ smallest size (1 000 ÷ 100 pages: ≤ 11×)", "≤ 1.1 × size ratio"),
    "parse_once": ("Each CSV parsed once per build", "= 1 per CSV"),
    "first_visit": ("First visit to a six-chart page, gzip", "≤ 600 kB"),
    "second_page": ("Second page, warm cache, gzip", "≤ 80 kB"),
    "drawn_ms": ("All six charts drawn after navigation start, median (cold cache)", "≤ 500 ms"),
}


# ---------------------------------------------------------------- the synthetic site


@dataclass
class Call:
    """One macro call on a page: written as Jinja for the macro build, run in-process for the static one."""

    name: str
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)

    def jinja(self) -> str:
        parts = [repr(a) for a in self.args] + [f"{k}={v!r}" for k, v in self.kwargs.items()]
        return "{{ " + f"{self.name}({', '.join(parts)})" + " }}"

    def run(self, macros: dict):
        return macros[self.name](*self.args, **self.kwargs)


@dataclass
class Cond:
    """`{% if call %}body{% endif %}`: a section that appears when the call is true (has_dataset)."""

    call: Call
    body: list

    def jinja(self) -> str:
        return "{% if " + self.call.jinja()[3:-3] + " %}" + render_jinja(self.body) + "{% endif %}"

    def run(self, macros: dict) -> str:
        return render_static(self.body, macros) if self.call.run(macros) else ""


def render_jinja(parts: list) -> str:
    return "".join(p if isinstance(p, str) else p.jinja() for p in parts)


def render_static(parts: list, macros: dict) -> str:
    return "".join(p if isinstance(p, str) else str(p.run(macros)) for p in parts)


def calls_in(parts: list):
    for p in parts:
        if isinstance(p, Cond):
            yield p.call
            yield from calls_in(p.body)
        elif isinstance(p, Call):
            yield p


@dataclass
class Page:
    path: str  # relative to docs/, e.g. "kommun-000/rapport-01.md"
    title: str
    parts: list  # str (Markdown), Call or Cond

    @property
    def url(self) -> str:
        return self.path.removesuffix(".md").removesuffix("index") + ("/" if not self.path.endswith("index.md") else "")

    def source(self) -> str:
        return render_jinja(self.parts)


@dataclass
class Project:
    root: Path
    pages: list[Page]
    nav: list
    report_pages: int
    csv_files: int
    chart_calls: list[Call]  # every chart call of the site


def swedish_number(value: float, decimals: int = 0) -> str:
    """As staff write it in Swedish Excel: `1 661`, `8,1`, `−` written `-`."""
    text = f"{abs(value):,.{decimals}f}".replace(",", " ").replace(".", ",")
    return ("-" if value < 0 else "") + text


def monthly_dataset(schema: dict, rng: random.Random, org_name: str, variant: int) -> tuple[dict, str]:
    """A 120-month dataset with the repo schema's fields; published derived columns computed from the rest."""
    schema = json.loads(json.dumps(schema))  # a private copy
    schema["title"] = f"Försörjningsstöd i {org_name}, grupp {variant + 1}, nyckeltal per månad"
    schema["source"] = f"{org_name}, syntetiska uppgifter för prestandamätning"
    schema["owner"] = org_name
    fields = schema["fields"]
    published = {d["published"]: d for d in schema.get("derived", []) if d.get("published")}
    level = {f["name"]: rng.uniform(150, 2500) for f in fields if f.get("type") in ("integer", "number")}
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow([f["name"] for f in fields])
    for index, month in enumerate(MONTHS):
        season = 1 + 0.08 * math.sin(2 * math.pi * (index % 12) / 12)
        values, row = {}, {}
        for f in fields:
            name, kind = f["name"], f.get("type", "string")
            if kind == "yearmonth":
                row[name] = month
            elif name in published:
                continue
            elif kind in ("integer", "number"):
                level[name] *= rng.uniform(0.985, 1.018)
                values[name] = round(level[name] * season * rng.uniform(0.96, 1.04))
                row[name] = swedish_number(values[name])
            else:
                row[name] = f"text {index}"
        for name, spec in published.items():
            places = spec.get("decimals", 1)
            try:
                from macros.data.formulas import Formula  # noqa: PLC0415 — the snapshot's, imported by make_project

                figure = Formula(spec["formula"]).evaluate(values)
            except (KeyError, ZeroDivisionError):
                row[name] = "x"
                continue
            if rng.random() < 0.03:
                figure += 10**-places  # a misprint in the source: becomes a footnote
            row[name] = "x" if rng.random() < 0.02 else swedish_number(figure, places)
        writer.writerow([row[f["name"]] for f in fields])
    return schema, out.getvalue()


def measures_of(schema: dict) -> list[str]:
    published = {d.get("published") for d in schema.get("derived", [])}
    return [f["name"] for f in schema["fields"] if f.get("type") in ("integer", "number") and f["name"] not in published]


def first_key(csv_text: str) -> str:
    rows = list(csv.reader(io.StringIO(csv_text.lstrip("\ufeff")), delimiter=";"))
    return rows[1][0]


def report_page(org: str, org_name: str, number: int, monthly: str, m: list[str], budget: dict, breakdown: dict) -> Page:
    """A report page that uses every report macro and has six charts."""
    B, G, A, C = (f"{org}/{name}" for name in ("driftsredovisning", "malupfyllelse", "anstallningar-typ", "nyckeltal"))
    charts = [
        Call("year_chart", (monthly, m[1])),
        Call("year_chart", (monthly, m[2]), {"years": [2021, 2022, 2023]}),
        Call("series_chart", (monthly, [m[0], m[1]])),
        Call("series_chart", (monthly, [m[2]])),
        Call("bar_chart", (B, budget["bars"])),
        Call("bar_chart", (A, breakdown["bars"]), {"stacked": True}),
    ]
    title = f"Uppföljning {number + 1} för {org_name}"
    parts = [
        f"---\norganisation: {org_name}\nperiod: {MONTHS[0]}–{MONTHS[-1]}\ndatum: 2024-01-31\ntitle: {title}\n"
        f"description: Syntetisk rapport för prestandamätning.\n---\n# {title}\n\n",
        "Kommunen följer upp försörjningsstödet och arbetsmarknadsinsatserna varje månad.\n\n",
        Call("kpi_cards", (monthly, m[:3])), "\n\n## Kort sammanfattning\n\nI ",
        Call("period_name", (monthly,)), " (", Call("period_name", (monthly,), {"style": "short"}), ") fick ",
        Call("value", (monthly, m[1])), " hushåll försörjningsstöd, det är ", Call("change", (monthly, m[1])),
        ". Sammanlagt betalades ", Call("value", (monthly, m[2])), " ut. Utfallet för ",
        budget["key"].lower(), " var ", Call("value", (B, budget["bars"][0]), {"key": budget["key"]}),
        " och för hela nämnden ", Call("total", (B, budget["bars"][0])), ".\n\n",
        Cond(Call("has_dataset", (C,)), ["## Nyckeltal jämfört med året innan\n\n", Call("kpi_cards", (C,)), "\n\n"]),
        "## Per månad och år\n\n", charts[0], "\n\n", charts[1], "\n\n",
        "## Över tid\n\n", charts[2], "\n\n", charts[3], "\n\n",
        "## Ekonomi\n\n", Call("budget_table", (B,)), "\n\n", charts[4], "\n\n",
        "## Anställningar med stöd\n\n", Call("data_table", (A,), {"total": True}), "\n\n", charts[5], "\n\n",
        "## Mål\n\n", Call("goal_table", (G,)), "\n\n",
        "## Nyckeltal per månad\n\n", Call("month_table", (monthly,)), "\n",
    ]
    return Page(f"{org}/rapport-{number + 1:02d}.md", title, parts)


def make_project(root: Path, snapshot: Path, report_pages: int, nav_style: str = "sections", seed: int = 1) -> Project:
    """Write a synthetic project: data/, docs/ (own pages), mkdocs.yml with a generated nav."""
    rng = random.Random(seed)
    import_macros(snapshot)  # the formulas below are evaluated by the snapshot's own formula module
    for name in ("macros", "overrides"):
        shutil.copytree(snapshot / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(snapshot / "docs" / "assets", root / "docs" / "assets")
    monthly_schema = yaml.safe_load((snapshot / f"{MONTHLY_SOURCE}.schema.yaml").read_text(encoding="utf-8"))
    copied = {
        name: (
            yaml.safe_load((snapshot / f"{source}.schema.yaml").read_text(encoding="utf-8")),
            (snapshot / f"{source}.csv").read_text(encoding="utf-8-sig"),
        )
        for name, source in COPIED.items()
    }
    budget_schema = copied["driftsredovisning"][0]
    deviation = next(d for d in budget_schema.get("derived", []) if "-" in d["formula"])
    budget = {
        "bars": [part.strip() for part in deviation["formula"].split("-", 1)],
        "key": first_key(copied["driftsredovisning"][1]),
    }
    breakdown = {"bars": measures_of(copied["anstallningar-typ"][0])[:2]}
    m = measures_of(monthly_schema)
    # Order: a monthly count of people, households, an amount (as in forsorjningsstöd).
    pages, nav_reports, chart_calls = [], [], []  # nav_reports: (organisation, [{title: path}])
    orgs = math.ceil(report_pages / PAGES_PER_ORG)
    csv_files = 0
    for o in range(orgs):
        org, org_name = f"kommun-{o:03d}", f"Kommun {o:03d}"
        data_dir = root / "data" / org
        data_dir.mkdir(parents=True)
        for k in range(MONTHLY_PER_ORG):
            schema, text = monthly_dataset(monthly_schema, rng, org_name, k)
            (data_dir / f"forsorjningsstod-{k + 1}.csv").write_text(text, encoding="utf-8")
            (data_dir / f"forsorjningsstod-{k + 1}.schema.yaml").write_text(
                yaml.safe_dump(schema, allow_unicode=True, sort_keys=False), encoding="utf-8"
            )
            csv_files += 1
        for name, (schema, text) in copied.items():
            schema = dict(schema, title=f"{schema['title']} ({org_name})")
            (data_dir / f"{name}.csv").write_text(text, encoding="utf-8")
            (data_dir / f"{name}.schema.yaml").write_text(yaml.safe_dump(schema, allow_unicode=True, sort_keys=False), encoding="utf-8")
            csv_files += 1
        section = []
        for r in range(min(PAGES_PER_ORG, report_pages - o * PAGES_PER_ORG)):
            monthly = f"{org}/forsorjningsstod-{r % MONTHLY_PER_ORG + 1}"
            page = report_page(org, org_name, r, monthly, m, budget, breakdown)
            pages.append(page)
            chart_calls += [c for c in calls_in(page.parts) if c.name.endswith("_chart")]
            section.append({page.title: page.path})
        nav_reports.append((org_name, section))
    if nav_style == "flat":  # every report in one "Rapporter" section
        report_nav = [{"Rapporter": [entry for _, section in nav_reports for entry in section]}]
    else:  # as mkdocs.yml does it: "Rapporter" with one subsection per organisation
        report_nav = [{"Rapporter": [{name: section} for name, section in nav_reports]}]
    lists = [Call("report_list")]  # walks the nested sections
    pages += [
        Page("index.md", "Start", ["---\ntitle: Start\n---\n# Syntetisk webbplats för prestandamätning\n\n## Rapporter\n\n", *lists, "\n"]),
        Page("data.md", "Data att ladda ner", ["---\ntitle: Data att ladda ner\n---\n# Data att ladda ner\n\n", Call("dataset_list")]),
        Page("om-statistiken.md", "Om statistiken", ["---\ntitle: Om statistiken\n---\n# Om statistiken\n\nSyntetiska uppgifter.\n"]),
        Page("tillganglighet.md", "Tillgänglighetsredogörelse", ["---\ntitle: Tillgänglighetsredogörelse\n---\n# Tillgänglighetsredogörelse\n\nText.\n"]),
    ]
    nav = [
        {"Start": "index.md"},
        *report_nav,
        {"Om webbplatsen": [{"Data att ladda ner": "data.md"}, {"Om statistiken": "om-statistiken.md"}, {"Tillgänglighetsredogörelse": "tillganglighet.md"}]},
    ]
    for page in pages:
        target = root / "docs" / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.source(), encoding="utf-8")
    write_config(root, snapshot, nav, "mkdocs.yml", "docs", macros=True)
    # The data's last change date comes from git, as on the real site.
    git = ["git", "-c", "user.name=benchmark", "-c", "user.email=benchmark@example.invalid", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "data"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "data"], cwd=root, check=True)
    return Project(root, pages, nav, report_pages, csv_files, chart_calls)


def write_config(root: Path, snapshot: Path, nav: list, name: str, docs_dir: str, macros: bool) -> Path:
    config = yaml.safe_load((snapshot / "mkdocs.yml").read_text(encoding="utf-8"))
    config["nav"] = nav
    config["docs_dir"] = docs_dir
    config.pop("watch", None)
    if not macros:
        config["plugins"] = [p for p in config.get("plugins", []) if not (p == "macros" or (isinstance(p, dict) and "macros" in p))]
    target = root / name
    target.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def import_macros(snapshot: Path):
    """The snapshot's macros package, imported in this process (the same code as every temp project)."""
    if str(snapshot) not in sys.path:
        sys.path.insert(0, str(snapshot))
    import macros  # noqa: PLC0415

    assert Path(macros.__file__).resolve().parent == (snapshot / "macros").resolve(), macros.__file__
    return macros


class MacrosEnv:
    """Just enough of mkdocs-macros' `env` for macros/__init__.py: its hooks run as in a build."""

    def __init__(self, project: Project, site_dir: Path):
        self.conf = {
            "config_file_path": str(project.root / "mkdocs.yml"),
            "docs_dir": str(project.root / "docs"),
            "site_dir": str(site_dir),
            "nav": project.nav,
        }
        self.variables: dict = {}
        self.macros: dict = {}
        self.page = None

    def macro(self, function, name=None):
        self.macros[name or function.__name__] = function
        return function

    def start_page(self, module, page: Page) -> None:
        self.page = SimpleNamespace(url=page.url, title=page.title, meta={}, file=SimpleNamespace(src_path=page.path))
        if hasattr(module, "on_pre_page_macros"):
            module.on_pre_page_macros(self)


def prerender(project: Project, snapshot: Path) -> dict:
    """Render every page's macros once in-process through macros/__init__.py's own hooks;
    write docs-static/ (pages, and the files on_post_build writes) and mkdocs-static.yml."""
    module = import_macros(snapshot)
    static = project.root / "docs-static"
    shutil.copytree(project.root / "docs" / "assets", static / "assets")
    env = MacrosEnv(project, site_dir=static)
    cwd = os.getcwd()
    os.chdir(project.root)  # as `mkdocs build` runs: the pages must come out the same
    try:
        return _prerender(project, snapshot, module, env, static)
    finally:
        os.chdir(cwd)


def _prerender(project: Project, snapshot: Path, module, env: MacrosEnv, static: Path) -> dict:
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
        env.start_page(module, page)
        text = render_static(page.parts, env.macros)
        if any(c.name.endswith("_chart") for c in calls_in(page.parts)):
            page_ms.append((time.perf_counter() - start) * 1000)
        target = static / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    if hasattr(module, "on_post_build"):
        module.on_post_build(env)  # downloads, chart-theme.js, data files: static files of the static build
    post_s = time.perf_counter() - start
    write_config(project.root, snapshot, project.nav, "mkdocs-static.yml", "docs-static", macros=False)
    used = {c.name for page in project.pages for c in calls_in(page.parts)}
    return {
        "page_render_ms": statistics.median(page_ms),
        "render_all_s": sum(page_ms) / 1000,
        "define_env_s": define_s,
        "on_post_build_s": post_s,
        "by_macro_s": dict(sorted(by_macro.items(), key=lambda kv: -kv[1])),
        "macros_not_used": sorted(set(getattr(module, "MACROS", [])) - used),
    }


# ---------------------------------------------------------------- builds


ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}

# Run in a subprocess: count macros.data.read_dataset calls per file during one build,
# optionally under cProfile. The wrapper replaces the function wherever a macros
# module holds it, so the build's own code path is unchanged.
BUILD_PROBE = r"""
import collections, json, sys
from pathlib import Path
root, config, site, out, profile = sys.argv[1:6]
sys.path.insert(0, root)
import macros, macros.data.catalog
calls = collections.Counter()
original = macros.data.catalog.read_dataset
def counted(dataset_id, *args, **kwargs):
    calls[f"data/{dataset_id}.csv"] += 1
    return original(dataset_id, *args, **kwargs)
for name, module in list(sys.modules.items()):
    if (name == "macros" or name.startswith("macros.")) and getattr(module, "read_dataset", None) is original:
        module.read_dataset = counted
from mkdocs.__main__ import cli
def build():
    cli.main(["build", "-q", "-f", config, "-d", site], standalone_mode=False)
try:
    if profile:
        import cProfile
        cProfile.run("build()", profile)
    else:
        build()
finally:
    Path(out).write_text(json.dumps(calls))
"""


def run_build(root: Path, config: str, site: Path) -> tuple[float, int]:
    """`mkdocs build -q` in a subprocess → (wall seconds, peak RSS in bytes of that build)."""
    log = root / f"{config}.log"
    with open(log, "wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(site)],
            cwd=root, stdout=out, stderr=subprocess.STDOUT, env=ENV,
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"mkdocs build failed ({config}):\n{log.read_text(errors='replace')[-4000:]}")
    return wall, usage.ru_maxrss * 1024


def probe_build(project: Project, profile: Path | None = None) -> dict:
    out = project.root / "read-calls.json"
    site = project.root / "site-probe"
    result = subprocess.run(
        [sys.executable, "-c", BUILD_PROBE, str(project.root), "mkdocs.yml", str(site), str(out), str(profile or "")],
        cwd=project.root, capture_output=True, text=True, env=ENV,
    )
    if result.returncode:
        raise SystemExit(f"counting build failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    shutil.rmtree(site, ignore_errors=True)
    calls = json.loads(out.read_text())
    files = sorted(p.relative_to(project.root).as_posix() for p in (project.root / "data").rglob("*.csv"))
    return {
        "csv_files": len(files),
        "parse_calls": sum(calls.values()),
        "max_per_file": max(calls.values(), default=0),
        "never_parsed": len(set(files) - set(calls)),
        "once_each": all(calls.get(f) == 1 for f in files) and set(calls) == set(files),
    }


def timed_builds(project: Project, reps: int) -> dict:
    """Alternate the macro and pre-rendered builds (M S, S M, …) and take medians."""
    times = {"macros": [], "static": []}
    memory = {"macros": [], "static": []}
    variants = {"macros": ("mkdocs.yml", "site-macros"), "static": ("mkdocs-static.yml", "site-static")}
    for rep in range(reps):
        order = ["macros", "static"] if rep % 2 == 0 else ["static", "macros"]
        for name in order:
            config, site = variants[name]
            wall, rss = run_build(project.root, config, project.root / site)
            times[name].append(wall)
            memory[name].append(rss)
            print(f"  {project.report_pages} pages, {name:6}: {wall:6.1f} s, {rss / 2**20:5.0f} MiB", flush=True)
    same = compare_output(project.root / "site-macros", project.root / "site-static", project.pages)
    med = {k: statistics.median(v) for k, v in times.items()}
    return {
        "macros_s": med["macros"], "static_s": med["static"], "overhead": med["macros"] / med["static"],
        "macros_runs": times["macros"], "static_runs": times["static"],
        "macros_rss": max(memory["macros"]), "static_rss": max(memory["static"]),
        "identical_pages": same,
    }


def compare_output(a: Path, b: Path, pages: list[Page]) -> str:
    """Whether the two builds made the same pages: the pre-rendered build stands in for the macro one."""
    differ = [p.path for p in pages if (a / p.url / "index.html").read_bytes() != (b / p.url / "index.html").read_bytes()]
    return f"{len(pages) - len(differ)}/{len(pages)}" + (f" (differ: {', '.join(differ[:5])})" if differ else "")


# ---------------------------------------------------------------- chart macros in-process


def chart_costs(project: Project, snapshot: Path, rounds: int) -> dict:
    """Median ms per chart macro call, over every report page's chart calls (data already loaded)."""
    module = import_macros(snapshot)
    env = MacrosEnv(project, site_dir=project.root / "unused")
    module.define_env(env)  # reads and checks every dataset first, as in a build
    by_kind: dict[str, list[float]] = {}
    calls = project.chart_calls
    pages = [p for p in project.pages if "rapport" in p.path]
    for i in range(rounds):
        env.start_page(module, pages[i % len(pages)])
        for j in range(6):
            call = calls[(i * 6 + j) % len(calls)]
            start = time.perf_counter()
            call.run(env.macros)
            by_kind.setdefault(call.jinja(), []).append((time.perf_counter() - start) * 1000)
    # Group by macro and shape, not by dataset.
    kinds: dict[str, list[float]] = {}
    for call_text, samples in by_kind.items():
        kind = call_text.split("(")[0].removeprefix("{{ ") + (" years=3" if "years=" in call_text else "") + (" stacked" if "stacked" in call_text else "")
        kinds.setdefault(kind, []).extend(samples)
    every = [s for v in kinds.values() for s in v]
    return {
        "median_ms": statistics.median(every),
        "calls": len(every),
        "by_kind": {k: statistics.median(v) for k, v in sorted(kinds.items())},
        "parts": chart_parts(module, env, calls[:60]),
    }


def chart_parts(module, env: MacrosEnv, calls: list[Call]) -> dict:
    """Where a chart call's time goes: the figure dict, the table alternative, the HTML, the rest
    (summary sentences, data look-ups). A second pass with timers around those functions."""
    import macros.models.charts as charts  # noqa: PLC0415
    import macros.models.tables as tables  # noqa: PLC0415
    import macros.render.html as html  # noqa: PLC0415

    spent = {"figure dict (charts.figure)": 0.0, "table alternative (tables.chart_table)": 0.0, "HTML (html.render)": 0.0}
    targets = [(charts, "figure", "figure dict (charts.figure)")]
    targets += [(tables, "chart_table", "table alternative (tables.chart_table)"), (html, "render", "HTML (html.render)")]
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
        env.start_page(module, Page("x/y.md", "x", []))
        start = time.perf_counter()
        for call in calls:
            call.run(env.macros)
        total = time.perf_counter() - start
    finally:
        for m, n, original in saved:
            setattr(m, n, original)
    spent["rest (summaries, look-ups, CSV download)"] = total - sum(spent.values())
    return {k: v / total for k, v in spent.items()}


# ---------------------------------------------------------------- the browser


DRAWN_JS = """
(() => {
  const done = () => {
    if (window.__bench || document.readyState === "loading") return !!window.__bench;
    const plots = document.querySelectorAll(".chart-plot");
    if (!plots.length) return false;
    for (const plot of plots) if (!plot.querySelector("svg.main-svg")) return false;
    window.__bench = { drawn: performance.now(), charts: plots.length };
    return true;
  };
  const tick = () => { if (!done()) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  new MutationObserver((_, observer) => { if (done()) observer.disconnect(); })
    .observe(document, { childList: true, subtree: true });
})();
"""
READ_JS = """() => {
  const n = performance.getEntriesByType("navigation")[0];
  return { drawn: window.__bench.drawn, charts: window.__bench.charts,
           dcl: n.domContentLoadedEventEnd, load: n.loadEventStart };
}"""


class _Server(http.server.SimpleHTTPRequestHandler):
    """Serves the built site as GitHub Pages does: gzip-encoded bodies, Cache-Control max-age=600,
    Last-Modified / 304. Logs every request with the gzip bytes it sent."""

    requests: list  # (path, status, gzip bytes sent), shared with the benchmark
    lock = threading.Lock()
    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802 - the stdlib's name
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path.split("?")[0] + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        modified = self.date_time_string(int(path.stat().st_mtime))
        if self.headers.get("If-Modified-Since") == modified:
            self.send_response(304)
            self.end_headers()
            return
        body = gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", modified)
        self.send_header("Cache-Control", CACHE_CONTROL)
        self.end_headers()
        self.wfile.write(body)
        with self.lock:
            self.requests.append((self.path, 200, len(body)))

    def send_response(self, code, message=None):
        super().send_response(code, message)
        if code != 200:
            with self.lock:
                self.requests.append((self.path, int(code), 0))

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # the browser may drop a connection when a context closes: not our concern


@functools.lru_cache(maxsize=None)
def gzipped(path: Path) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)


def tally(requests: list) -> dict:
    files = [(url.split("?")[0], status, size) for url, status, size in requests]
    biggest = sorted(files, key=lambda f: -f[2])[:6]
    return {"bytes": sum(f[2] for f in files), "requests": len(files), "biggest": biggest}


def browser_figures(site: Path, first: str, second: str, loads: int) -> dict:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    requests: list = []
    handler = functools.partial(type("Handler", (_Server,), {"requests": requests}), directory=str(site))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    errors: list[str] = []

    def take() -> list:
        with _Server.lock:
            taken = list(requests)
            requests.clear()
        return taken

    def visit(page, url: str) -> dict:
        page.goto(base + url, wait_until="load")
        page.wait_for_function("() => !!window.__bench", timeout=60000)
        return page.evaluate(READ_JS)

    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            version = browser.version
            context = browser.new_context()
            context.add_init_script(DRAWN_JS)
            page = context.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            take()
            first_load = visit(page, first)
            page.wait_for_load_state("networkidle")
            first_weight = tally(take())
            visit(page, second)
            page.wait_for_load_state("networkidle")
            second_weight = tally(take())
            context.close()
            cold, warm = [], []
            for _ in range(loads):  # a fresh context each time: empty cache
                context = browser.new_context()
                context.add_init_script(DRAWN_JS)
                page = context.new_page()
                page.on("pageerror", lambda e: errors.append(str(e)))
                cold.append(visit(page, first))
                context.close()
            context = browser.new_context()
            context.add_init_script(DRAWN_JS)
            page = context.new_page()
            visit(page, first)
            for _ in range(loads):  # the same context: warm cache
                warm.append(visit(page, first))
            context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return {
        "chromium": version,
        "charts": first_load["charts"],
        "first": first_weight,
        "second": second_weight,
        "cold_drawn_ms": statistics.median(r["drawn"] for r in cold),
        "cold_after_load_ms": statistics.median(r["drawn"] - r["load"] for r in cold),
        "cold_load_ms": statistics.median(r["load"] for r in cold),
        "cold_dcl_ms": statistics.median(r["dcl"] for r in cold),
        "warm_drawn_ms": statistics.median(r["drawn"] for r in warm),
        "cold_runs": [round(r["drawn"]) for r in cold],
        "loads": loads,
        "js_errors": errors[:5],
    }


# ---------------------------------------------------------------- profile


def profile_summary(stats_file: Path, macros_dir: Path, top: int = 14) -> list[str]:
    """The heaviest functions by cumulative time: ours (macros/) first, then everything."""
    stats = pstats.Stats(str(stats_file))
    total = max(v[3] for v in stats.stats.values())  # the build's cumulative time
    rows = []
    for (filename, line, name), (_, ncalls, tottime, cumtime, _) in stats.stats.items():
        rows.append((cumtime, tottime, ncalls, filename, line, name))
    ours = sorted((r for r in rows if str(macros_dir) in r[3]), reverse=True)[:top]
    own_time = sorted(rows, key=lambda r: -r[1])[:top]

    def where(r):
        filename = r[3]
        short = ("macros/" + filename.split("/macros/")[-1]) if "/macros/" in filename and "site-packages" not in filename else filename.split("site-packages/")[-1]
        return f"{short}:{r[4]}:{r[5]}"

    lines = [f"Build under cProfile: {total:.1f} s.", "", "| Our function (macros/) | Calls | Cumulative | Share |", "|---|---:|---:|---:|"]
    lines += [f"| `{where(r)}` | {r[2]} | {r[0]:.2f} s | {r[0] / total:.0%} |" for r in ours]
    lines += ["", "| Any function, by own time | Calls | Own time | Share |", "|---|---:|---:|---:|"]
    lines += [f"| `{where(r)}` | {r[2]} | {r[1]:.2f} s | {r[1] / total:.0%} |" for r in own_time]
    return lines


# ---------------------------------------------------------------- report


def machine_info() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), platform.processor())

    def version(package: str) -> str:
        try:
            from importlib.metadata import version as v  # noqa: PLC0415

            return v(package)
        except Exception:  # noqa: BLE001
            return "?"

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "macros", "mkdocs.yml", "docs/assets", "overrides"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    return {
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": cpu,
        "memory": f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB",
        "python": platform.python_version(),
        "os": platform.platform(),
        "versions": ", ".join(f"{p} {version(p)}" for p in ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "pandas", "jinja2", "babel")),
        "commit": commit + (" + uncommitted changes in macros/, mkdocs.yml, docs/assets or overrides" if dirty else ""),
    }


def verdicts(results: dict) -> dict:
    sizes = sorted(results["sizes"])
    small, large = sizes[0], sizes[-1]
    b = results["sizes"][large]["build"]
    out = {}
    out["overhead"] = (f"{b['overhead']:.2f} at {large} pages", b["overhead"] <= 1.25)
    if len(sizes) > 1:
        out["overhead"] = (f"{b['overhead']:.2f} at {large} pages ({results['sizes'][small]['build']['overhead']:.2f} at {small})", b["overhead"] <= 1.25)
    out["chart_ms"] = (f"{results['charts']['median_ms']:.2f} ms", results["charts"]["median_ms"] <= 3)
    if len(sizes) > 1:
        t = b["macros_s"] / results["sizes"][small]["build"]["macros_s"]
        limit = 1.1 * large / small
        out["scaling"] = (f"{t:.2f}× for {large / small:g}× the pages (limit {limit:g}×)", t <= limit)
    probes = [results["sizes"][n]["parse"] for n in sizes]
    out["parse_once"] = (
        "; ".join(f"{n} pages: {p['parse_calls']} parses of {p['csv_files']} CSVs (max {p['max_per_file']} per file)" for n, p in zip(sizes, probes)),
        all(p["once_each"] for p in probes),
    )
    w = results["sizes"][large].get("browser")
    if w:
        at = f" at {large} pages" + (f" ({results['sizes'][small]['browser']['first']['bytes'] / KB:.0f} kB at {small})" if len(sizes) > 1 else "")
        out["first_visit"] = (f"{w['first']['bytes'] / KB:.0f} kB{at}", w["first"]["bytes"] <= 600 * KB)
        at = f" at {large} pages" + (f" ({results['sizes'][small]['browser']['second']['bytes'] / KB:.0f} kB at {small})" if len(sizes) > 1 else "")
        out["second_page"] = (f"{w['second']['bytes'] / KB:.1f} kB{at}", w["second"]["bytes"] <= 80 * KB)
        out["drawn_ms"] = (f"{w['cold_drawn_ms']:.0f} ms ({w['charts']} charts; warm cache {w['warm_drawn_ms']:.0f} ms)", w["cold_drawn_ms"] <= 500 and w["charts"] == 6)
    return out


def markdown(results: dict, command: str) -> str:
    m = results["machine"]
    sizes = sorted(results["sizes"])
    lines = [
        "# Benchmarks",
        "",
        "What our code adds to an MkDocs build, and what a reader downloads and waits for.",
        "Figures from one run on a shared, noisy machine: compare ratios, and runs made side by side.",
        "No test asserts on them.",
        "",
        f"- Command: `{command}`",
        f"- Date: {m['date']}; repo commit {m['commit']}",
        f"- Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory']} RAM, {m['os']}",
        f"- Python {m['python']}; {m['versions']}; Chromium {results.get('browser', {}).get('chromium', '–')}",
        "",
        "## Budgets",
        "",
        "| Budget | Limit | Measured | Result |",
        "|---|---|---|---|",
    ]
    for key, (measured, ok) in verdicts(results).items():
        label, limit = BUDGETS[key]
        lines.append(f"| {label} | {limit} | {measured} | {'PASS' if ok else '**OVER**'} |")
    lines += [
        "",
        "## Builds (`mkdocs build -q`, subprocess)",
        "",
        f"Medians of {results['reps']} builds each, the two kinds alternating. “Pre-rendered” is the same",
        "pages with each macro call replaced by its output (rendered once in-process) and no macros",
        "plugin, so the ratio is what our code adds to MkDocs.",
        "",
        "| Report pages | CSV files | With macros | Pre-rendered | Overhead ratio | Peak memory (macros / pre-rendered) | Per page (macros) | Our code per page | Same HTML |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n in sizes:
        s = results["sizes"][n]
        b = s["build"]
        lines.append(
            f"| {n} | {s['parse']['csv_files']} | {b['macros_s']:.1f} s | {b['static_s']:.1f} s | {b['overhead']:.2f} | "
            f"{b['macros_rss'] / 2**20:.0f} / {b['static_rss'] / 2**20:.0f} MiB | {b['macros_s'] / n * 1000:.0f} ms | "
            f"{(b['macros_s'] - b['static_s']) / n * 1000:.0f} ms | {b['identical_pages']} |"
        )
    lines.append("")
    for n in sizes:
        s = results["sizes"][n]
        runs = ", ".join(f"{t:.1f}" for t in s["build"]["macros_runs"])
        static = ", ".join(f"{t:.1f}" for t in s["build"]["static_runs"])
        lines.append(
            f"- {n} pages: macro builds {runs} s; pre-rendered {static} s; in-process render of one report page "
            f"(every macro on it) {s['render']['page_render_ms']:.0f} ms median, {s['render']['render_all_s']:.1f} s for all."
        )
    if len(sizes) > 1:
        a, z = results["sizes"][sizes[0]]["build"], results["sizes"][sizes[-1]]["build"]
        lines.append(
            f"- Scaling {sizes[0]} → {sizes[-1]} pages: {z['macros_s'] / a['macros_s']:.2f}× with macros, "
            f"{z['static_s'] / a['static_s']:.2f}× pre-rendered; marginal cost "
            f"{(z['macros_s'] - a['macros_s']) / (sizes[-1] - sizes[0]) * 1000:.0f} ms per extra page."
        )
    not_used = results["sizes"][sizes[0]]["render"]["macros_not_used"]
    lines.append(f"- Macros registered but not on any benchmark page: {', '.join(not_used) or 'none'}.")
    lines += ["", "Our code in-process (the pre-render pass, one call each as in a build), seconds for the whole site:", "",
              "| Report pages | define_env (read and check all data) | on_post_build | Every macro call, by macro |", "|---:|---:|---:|---|"]
    for n in sizes:
        r = results["sizes"][n]["render"]
        macros_text = ", ".join(f"`{k}` {v:.2f}" for k, v in r["by_macro_s"].items() if v >= 0.005)
        lines.append(f"| {n} | {r['define_env_s']:.2f} s | {r['on_post_build_s']:.2f} s | {macros_text} |")
    c = results["charts"]
    lines += [
        "",
        "## Chart macros (in-process, data already loaded)",
        "",
        f"{c['calls']} calls over the report pages' six chart calls; median per call.",
        "",
        "| Call | Median |",
        "|---|---:|",
    ]
    lines += [f"| `{k}` | {v:.2f} ms |" for k, v in c["by_kind"].items()]
    lines.append(f"| all chart calls | {c['median_ms']:.2f} ms |")
    lines += ["", "Share of chart time: " + "; ".join(f"{k} {v:.0%}" for k, v in c["parts"].items()) + "."]
    browsed = [n for n in sizes if results["sizes"][n].get("browser")]
    if browsed:
        chromium = results["sizes"][browsed[0]]["browser"]["chromium"]
        lines += [
            "",
            f"## In the browser (headless Chromium {chromium})",
            "",
            f"Served from 127.0.0.1 as GitHub Pages serves: gzip-encoded (level 9), `Cache-Control: {CACHE_CONTROL}`,",
            "Last-Modified/304; the figure is the gzip bytes of every response. First visit: a six-chart report",
            "page in a fresh browser context, until the network is idle. Second page: another report page in the",
            "same tab, so only what the cache does not hold is fetched.",
            "",
            "| Site | Visit | gzip bytes | Requests | Largest responses (gzip) |",
            "|---:|---|---:|---:|---|",
        ]
        for n in browsed:
            w = results["sizes"][n]["browser"]
            for name, key in (("first visit, six-chart page", "first"), ("second page, warm cache", "second")):
                t = w[key]
                big = ", ".join(f"`{u}` {size / KB:.0f} kB" for u, st, size in t["biggest"] if size)
                lines.append(f"| {n} pages | {name} | {t['bytes']:,} ({t['bytes'] / KB:.0f} kB) | {t['requests']} | {big} |")
        lines += ["", "Charts drawn (every `.chart-plot` holds `svg.main-svg`), time after navigation start:", ""]
        for n in browsed:
            w = results["sizes"][n]["browser"]
            lines.append(
                f"- {n} pages, median of {w['loads']} loads: cold cache (fresh context) {w['cold_drawn_ms']:.0f} ms "
                f"(runs: {', '.join(map(str, w['cold_runs']))}; DOMContentLoaded ends at {w['cold_dcl_ms']:.0f} ms, "
                f"load event at {w['cold_load_ms']:.0f} ms, so {w['cold_after_load_ms']:+.0f} ms after load); "
                f"warm cache (reload, same context) {w['warm_drawn_ms']:.0f} ms."
                + (f" JavaScript errors: {'; '.join(w['js_errors'])}" if w["js_errors"] else "")
            )
    if results.get("profile"):
        lines += ["", f"## Where the time goes ({sizes[0]} pages, the macro build under cProfile)", ""]
        lines += results["profile"]
    lines += [
        "",
        "## Method",
        "",
        f"- Synthetic site: {PAGES_PER_ORG} report pages per organisation; per organisation {MONTHLY_PER_ORG} monthly datasets "
        f"of {len(MONTHS)} rows generated from `{MONTHLY_SOURCE}.schema.yaml`, and copies of "
        + ", ".join(f"`{s}`" for s in COPIED.values()) + ". Every report page calls every report macro and has six charts",
        "  (2 `year_chart`, 2 `series_chart`, 2 `bar_chart`); the data page calls `dataset_list`. Data is committed to git",
        "  in the temp project, so `dataset_list` finds its dates as on the real site. The start page calls `report_list`.",
        f"- Nav: `{results['nav']}` — "
        + ("one `Rapporter` section holding every report page."
           if results["nav"] == "flat" else "`Rapporter` with one subsection per organisation (10 pages each), as mkdocs.yml has it."),
        "- Build time: wall clock of `python -m mkdocs build -q` (strict from mkdocs.yml); peak memory: `ru_maxrss` from `os.wait4`.",
        "- CSV parses: one extra build in a subprocess with `macros.data.read_dataset` wrapped by a counter.",
        "- Chart cost: `time.perf_counter` around each macro call on a `Site` whose data is already read.",
        "- Browser: Playwright with Debian's chromium; bytes are the gzip -9 bodies the local server sent (a 304 or a cache hit costs nothing).",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, nargs="+", default=[100, 1000], help="report page counts (default: 100 1000)")
    parser.add_argument("--reps", type=int, default=2, help="timed builds of each kind per size (default: 2)")
    parser.add_argument("--nav", choices=["flat", "sections"], default="sections",
                        help="sections: one section per organisation, as mkdocs.yml has (default); flat: every report in one section")
    parser.add_argument("--quick", action="store_true", help="smoke run: 20 pages, few samples; writes no BENCHMARKS.md unless --output")
    parser.add_argument("--output", type=Path, help="Markdown report (default: BENCHMARKS.md in the repo; none with --quick)")
    parser.add_argument("--json", type=Path, help="also write every figure as JSON")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    parser.add_argument("--profile", action="store_true", help="add a cProfile of the smallest size's macro build")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir and print its path")
    args = parser.parse_args(argv)
    if args.quick:
        args.pages, rounds, loads = [20], 20, 3
    else:
        rounds, loads = 100, 5
    output = args.output or (None if args.quick else REPO / "BENCHMARKS.md")
    command = " ".join([".venv/bin/python", "scripts/benchmark.py", *(argv if argv is not None else sys.argv[1:])])

    work = Path(tempfile.mkdtemp(prefix="benchmark-"))
    snapshot = work / "snapshot"  # one copy of the repo's code for the whole run: others may be editing it
    for name in ("macros", "overrides", "docs/assets"):
        shutil.copytree(REPO / name, snapshot / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "mkdocs.yml", snapshot / "mkdocs.yml")
    for source in [MONTHLY_SOURCE, *COPIED.values()]:
        for suffix in (".csv", ".schema.yaml"):
            (snapshot / source).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(REPO / f"{source}{suffix}", snapshot / f"{source}{suffix}")
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in sorted((snapshot / "macros").rglob("*")) if p.is_file())).hexdigest()[:12]

    results: dict = {"machine": machine_info(), "reps": args.reps, "nav": args.nav, "sizes": {}, "macros_sha256": digest}
    print(f"benchmark: work dir {work}; macros/ snapshot {digest}", flush=True)
    try:
        for n in sorted(args.pages):
            root = work / f"site-{n}"
            root.mkdir()
            t0 = time.perf_counter()
            project = make_project(root, snapshot, n, args.nav)
            render = prerender(project, snapshot)
            print(f"{n} pages: generated and pre-rendered in {time.perf_counter() - t0:.1f} s; counting CSV parses…", flush=True)
            parse = probe_build(project)
            print(f"  {parse['parse_calls']} parses of {parse['csv_files']} CSVs", flush=True)
            build = timed_builds(project, args.reps)
            results["sizes"][n] = {"render": render, "parse": parse, "build": build}
            if n == min(args.pages):
                results["charts"] = chart_costs(project, snapshot, rounds)
                print(f"  chart macros: {results['charts']['median_ms']:.2f} ms median", flush=True)
            if args.profile and n == min(args.pages):
                stats = root / "build.prof"
                probe_build(project, profile=stats)
                results["profile"] = profile_summary(stats, root / "macros")
            if not args.no_browser:
                w = browser_figures(root / "site-macros", "kommun-000/rapport-01/", "kommun-000/rapport-02/", loads)
                results["sizes"][n]["browser"] = w
                print(f"  browser: first {w['first']['bytes']:,} B, second {w['second']['bytes']:,} B, "
                      f"drawn {w['cold_drawn_ms']:.0f} ms", flush=True)
            for site_dir in ("site-macros", "site-static", "docs-static"):
                if not args.keep:
                    shutil.rmtree(root / site_dir, ignore_errors=True)
    finally:
        if args.keep:
            print(f"benchmark: kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    report = markdown(results, command)
    print()
    for key, (measured, ok) in verdicts(results).items():
        print(f"{'PASS' if ok else 'OVER'}  {BUDGETS[key][0]} {BUDGETS[key][1]}: {measured}")
    if output:
        output.write_text(report, encoding="utf-8")
        print(f"\nwrote {output}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
