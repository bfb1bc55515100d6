"""BENCHMARKS.md: the budgets first, then every figure behind them, the machine and the method."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
from importlib.metadata import PackageNotFoundError, version

from .budgets import KB, verdicts
from .project import COPIED, MONTHLY_PER_ORG, MONTHLY_SOURCE, MONTHS, PAGES_PER_ORG, REPO
from macros.pages.local_browser import CACHE_CONTROL, GZIP_LEVEL

PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "zensical", "pandas", "jinja2", "babel")


def machine_info() -> dict:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo", encoding="utf-8") if line.startswith("model name")),
        platform.processor(),
    )

    def installed(package: str) -> str:
        try:
            return version(package)
        except PackageNotFoundError:
            return "?"

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False).stdout.strip()

    dirty = git("status", "--porcelain", "--", "macros", "mkdocs.yml", "docs", "overrides", "data")
    return {
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "nproc": len(os.sched_getaffinity(0)),
        "load": "{:.1f}, {:.1f}, {:.1f}".format(*os.getloadavg()),
        "cpu": cpu,
        "memory": f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB",
        "python": platform.python_version(),
        "os": platform.platform(),
        "versions": ", ".join(f"{p} {installed(p)}" for p in PACKAGES),
        "commit": git("rev-parse", "--short", "HEAD") + (" + uncommitted changes in the site's files" if dirty else ""),
        "branch": git("rev-parse", "--abbrev-ref", "HEAD"),
    }


def budget_lines(results: dict) -> list[str]:
    return [f"{result:12} {b.label} {b.limit}: {measured}" for b, measured, result in verdicts(results)]


def markdown(results: dict) -> str:
    m = results["machine"]
    sizes = sorted(results["sizes"])
    out = [
        "# Benchmarks",
        "",
        "What our code adds to a build, and what a reader downloads and waits for. Figures from one",
        "run on a shared, noisy machine: compare ratios, and runs made side by side. No test asserts",
        "on them; `tests/benchmark/test_benchmark.py` only runs a smoke run and checks each CSV is read once.",
        "",
        f"- Command: `{results['command']}`",
        f"- Date: {m['date']}; commit {m['commit']} (branch {m['branch']}); macros/ snapshot {results['macros_sha256']}",
        f"- Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory']} RAM, load average at the end {m['load']}; {m['os']}",
        f"- Python {m['python']}; {m['versions']}",
        "",
        "## Budgets",
        "",
        "| Budget | Limit | Measured | Result | Set by |",
        "|---|---|---|---|---|",
    ]
    for b, measured, result in verdicts(results):
        out.append(f"| {b.label} | {b.limit} | {measured} | {'**OVER**' if result == 'OVER' else result} | {b.source} |")
    if results.get("errors"):
        out += ["", "Parts of the run that failed (their budgets show “not measured”):", ""]
        out += [f"- {stage}: `{message.splitlines()[0][:300]}`" for stage, message in results["errors"].items()]
    out += builds_section(results, sizes)
    out += inprocess_section(results, sizes)
    out += real_site_section(results)
    out += synthetic_browser_section(results, sizes)
    out += editions_section(results)
    if results.get("profile"):
        out += ["", f"## Where the time goes ({sizes[0]} pages, the macro build under cProfile)", "", *results["profile"]]
    out += method_section()
    return "\n".join(out) + "\n"


def builds_section(results: dict, sizes: list[int]) -> list[str]:
    built = [n for n in sizes if results["sizes"][n].get("builds")]
    if not built:
        return []
    out = [
        "",
        "## Builds of the synthetic site",
        "",
        f"Median of {results['reps']} build(s) of each kind, the kinds alternating; wall time / CPU time (user + system) of",
        "the build process. *Pre-rendered*: the same pages with each macro call replaced by its output and MkDocs",
        "without the macros plugin, so the ratio is what our code adds to MkDocs; it is taken on CPU time, since on",
        "this shared machine wall time also counts waiting for a CPU (MkDocs runs on one core, so on an idle machine",
        "the two agree; Zensical uses several). *Same HTML*: pages byte-identical in the two MkDocs builds.",
        "",
        "| Report pages | CSV files | MkDocs with macros | Pre-rendered | Overhead (CPU / wall) | Our code per page (CPU) | Zensical (pages built) | Peak memory (macros / pre-rendered / Zensical) | Same HTML |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n in built:
        s = results["sizes"][n]
        b = s["builds"]
        m, st, z = b.get("macros"), b.get("static"), b.get("zensical")
        mem = " / ".join(f"{k['peak_rss'] / 2**20:.0f}" if k else "–" for k in (m, st, z)) + " MiB"
        overhead = f"{b['overhead']:.2f} / {b['overhead_wall']:.2f}" if "overhead" in b else "–"
        per_page = f"{(m['cpu_s'] - st['cpu_s']) / n * 1000:.0f} ms" if m and st else "–"
        zen = f"{seconds(z)} ({z['pages_built']})" if z else "–"
        out.append(
            f"| {n} | {(s.get('parse') or {}).get('csv_files', '–')} | {seconds(m)} | {seconds(st)} | "
            f"{overhead} | {per_page} | {zen} | {mem} | {b.get('identical_pages', '–')} |"
        )
    out.append("")
    for n in built:
        runs = "; ".join(
            f"{k} " + ", ".join(f"{w:.1f}/{c:.1f}" for w, c in zip(v["runs_s"], v["cpu_runs_s"])) + " s"
            for k, v in results["sizes"][n]["builds"].items() if isinstance(v, dict)
        )
        out.append(f"- {n} pages, every run (wall/CPU): {runs}.")
    return out


def seconds(build: dict | None) -> str:
    return f"{build['median_s']:.1f} / {build['cpu_s']:.1f} s" if build else "–"


def inprocess_section(results: dict, sizes: list[int]) -> list[str]:
    rendered = [n for n in sizes if results["sizes"][n].get("render")]
    out = []
    if rendered:
        out += ["", "## Our code in-process", "",
                "The pre-render pass: `define_env` (reads and checks all data) and every macro call once, as in a build.", "",
                "| Report pages | define_env | One report page, median | All pages | Every macro call, by macro (s) |", "|---:|---:|---:|---:|---|"]
        for n in rendered:
            r = results["sizes"][n]["render"]
            by_macro = ", ".join(f"`{k}` {v:.2f}" for k, v in r["by_macro_s"].items() if v >= 0.005)
            out.append(f"| {n} | {r['define_env_s']:.2f} s | {r['page_render_ms']:.0f} ms | {r['render_all_s']:.1f} s | {by_macro} |")
        unused = results["sizes"][rendered[0]]["render"]["macros_not_used"]
        out += ["", f"Macros registered but not on any benchmark page: {', '.join(unused) or 'none'}."]
    c = results.get("charts")
    if c:
        out += ["", f"Chart macros, data already read: {c['calls']} calls, median per call:", "",
                "| Call | Median |", "|---|---:|"]
        out += [f"| `{k}` | {v:.2f} ms |" for k, v in c["by_kind"].items()]
        out += [f"| all chart calls | {c['median_ms']:.2f} ms |", "",
                "Share of chart time: " + "; ".join(f"{k} {v:.0%}" for k, v in c["parts"].items()) + "."]
    return out


def _calibrated(figures: dict) -> str:
    c = figures.get("calibrated")
    if not c:
        return "–"
    runs = ", ".join(f"{p} ({i:.0f})" for p, i in zip(c["performance_runs"], figures["benchmark_index_runs"]))
    return f"{c['performance']:.0f} ({runs})"


def real_site_section(results: dict) -> list[str]:
    site = results.get("real_site")
    if not site or not (site.get("weight") or site.get("lighthouse")):
        return []
    weight = (site.get("weight") or {}).get("pages", {})
    lh = (site.get("lighthouse") or {}).get("pages", {})
    out = [
        "",
        "## The site as readers get it",
        "",
        "The repo's own site (`mkdocs build --strict`), served from 127.0.0.1 as GitHub Pages serves it: gzip",
        f"(level {GZIP_LEVEL}) for text, `Cache-Control: {CACHE_CONTROL}`. *First visit*: a fresh browser, the page read to",
        "the end (every chart scrolled into view), gzip bytes of every response.",
    ]
    if lh:
        info = site["lighthouse"]
        out += [
            f"Lighthouse {info['version']}, mobile preset (simulated slow 4G and 4× CPU slowdown), Debian's chromium;",
            f"median of {info['runs']} runs per page (performance of each run in brackets). *Calibrated*: each run's",
            "one load scored again with the CPU slowdown Lighthouse's calculator gives for the benchmark index it measured",
            "in that run (this host is a \"low-end desktop\" in Lighthouse's table, where 4× over-throttles; see",
            "`scripts/benchmark/lighthouse.py`); the run's benchmark index in brackets.",
        ]
    out += [
        "",
        "| Page | Charts | First visit (gzip) | Requests | Chart code loaded | Performance | Calibrated (index) | Accessibility | FCP | LCP | TBT | Speed Index | LH bytes |",
        "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for path in sorted(set(weight) | set(lh), key=lambda p: (p != "", p)):
        w, f = weight.get(path), lh.get(path)
        first = f"{w['bytes'] / KB:.0f} kB | {w['requests']} | {', '.join(w['chart_code']) or 'none'}" if w else "– | – | –"
        scores = (
            f"{f['performance']:.0f} ({', '.join(map(str, f['performance_runs']))}) | {_calibrated(f)} | {f['accessibility']:.0f} | "
            f"{f['fcp_ms'] / 1000:.1f} s | {f['lcp_ms'] / 1000:.1f} s | {f['tbt_ms']:.0f} ms | "
            f"{f['speed_index_ms'] / 1000:.1f} s | {f['bytes'] / KB:.0f} kB"
            if f else "– | – | – | – | – | – | – | –"
        )
        out.append(f"| /{path} | {w['charts'] if w else '–'} | {first} | {scores} |")
    failed = sorted({a for f in lh.values() for a in f["failed_accessibility"]})
    if failed:
        out += ["", "Accessibility audits that failed on some page: " + ", ".join(
            f"`{a}` ({', '.join('/' + p for p, f in lh.items() if a in f['failed_accessibility'])})" for a in failed) + "."]
    in_view = {p: w["in_view_drawn_ms"] for p, w in weight.items() if w.get("in_view_drawn_ms")}
    if in_view:
        out += ["", "Each chart drawn after it enters the view, ms (a first visit at a reader's pace, phone 360 × 740 and "
                "desktop 1280 × 720: the first screen read for 1.5 s, then the page scrolled to its end with the mouse wheel "
                "at 2 000 px/s; 0 = drawn before it came into view): " + "; ".join(
                    f"/{p} " + ", ".join(f"{screen} {' '.join(map(str, t))}" for screen, t in times.items())
                    for p, times in sorted(in_view.items())) + "."]
    if weight:
        heaviest = max(weight, key=lambda p: weight[p]["bytes"])
        big = ", ".join(f"`{u}` {s / KB:.0f} kB" for u, _, s in weight[heaviest]["biggest"] if s)
        out += ["", f"Largest responses on the heaviest page (/{heaviest}): {big}."]
    errors = (site.get("weight") or {}).get("js_errors")
    if errors:
        out += ["", "JavaScript errors: " + "; ".join(errors)]
    return out


def synthetic_browser_section(results: dict, sizes: list[int]) -> list[str]:
    browsed = [n for n in sizes if results["sizes"][n].get("browser")]
    if not browsed:
        return []
    out = [
        "",
        f"## A six-chart page of the synthetic site (headless Chromium {results['sizes'][browsed[0]]['browser']['chromium']})",
        "",
        "First visit: a fresh browser, read to the end. Second page: another report page in the same tab.",
        "",
        "| Site | Visit | gzip | Requests | Largest responses (gzip) |",
        "|---:|---|---:|---:|---|",
    ]
    for n in browsed:
        w = results["sizes"][n]["browser"]
        for name, key in (("first visit", "first"), ("second page, warm cache", "second")):
            t = w[key]
            big = ", ".join(f"`{u}` {s / KB:.0f} kB" for u, _, s in t["biggest"] if s)
            out.append(f"| {n} pages | {name} | {t['bytes'] / KB:.0f} kB | {t['requests']} | {big} |")
    out += ["", "Charts drawn (each `.chart-plot` holds Plotly's `svg.main-svg`), after navigation start:", ""]
    for n in browsed:
        w = results["sizes"][n]["browser"]
        out.append(
            f"- {n} pages, median of {w['loads']} loads: cold cache first chart {w['cold_first_drawn_ms']:.0f} ms, all "
            f"{w['charts']} {w['cold_drawn_ms']:.0f} ms (runs {', '.join(map(str, w['cold_runs']))}; DOMContentLoaded "
            f"{w['cold_dcl_ms']:.0f} ms, load {w['cold_load_ms']:.0f} ms); warm cache all {w['warm_drawn_ms']:.0f} ms."
            + (f" JavaScript errors: {'; '.join(w['js_errors'])}" if w["js_errors"] else "")
        )
    return out


def editions_section(results: dict) -> list[str]:
    runs = (results.get("editions") or {}).get("runs") or []
    if not runs:
        return []
    out = [
        "", "## Publishing a month when every report has past editions", "",
        "A synthetic git history (`scripts/benchmark/editions.py`): every report page follows its own",
        "monthly dataset; each past month is one commit that adds a row to every dataset. Beside it the",
        "record of those months (branch `publicerat`, one commit per month holding every report's edition",
        "of that month), both written with `git fast-import`; every recorded edition is a copy of one",
        "edition rendered and recorded for real, with its report, period and publication fields changed.",
        "The site is built once (reads the record, fills the editions cache, as CI restores it), once",
        "unchanged, then one row is added to one dataset in one commit and that build is timed",
        "(`mkdocs build`, editions step included); several such updates, each in another report, the",
        "median by CPU time. The histories of one size are made and warmed first, then their updates",
        "alternate (side by side: each gets the same machine load). Wall / CPU seconds.", "",
        "| Report pages | Past editions per report | Editions in the site | First build (fills the cache) | Unchanged rebuild | One-row update (median) | Every update (CPU) | Rendered by the update | Editions step of the update |",
        "|---:|---:|---:|---:|---:|---:|---|---:|---|",
    ]
    for r in runs:
        update = r["one_row_update"]
        steps = ", ".join(f"{k} {v:g} s" for k, v in update["steps"].items())
        every = ", ".join(f"{u.get('cpu_s', 0):.1f}" for u in r.get("updates", [update]))
        out.append(
            f"| {r['pages']} | {r['past_editions']} | {update['editions']} | {r['cold']['seconds']:.1f} / {r['cold'].get('cpu_s', 0):.1f} s | "
            f"{r['unchanged']['seconds']:.1f} / {r['unchanged'].get('cpu_s', 0):.1f} s | {update['seconds']:.1f} / {update.get('cpu_s', 0):.1f} s | "
            f"{every} s | {update['rendered']} | {steps} |"
        )
    return out


def method_section() -> list[str]:
    return [
        "",
        "## Method",
        "",
        f"- Synthetic site: {PAGES_PER_ORG} report pages per organisation; per organisation {MONTHLY_PER_ORG} monthly datasets "
        f"of {len(MONTHS)} rows generated from `{MONTHLY_SOURCE}.schema.yaml` and copies of "
        + ", ".join(f"`{s}`" for s in COPIED.values()) + ". Every report page calls every report macro and has six",
        "  charts (2 `year_chart`, 2 `series_chart`, 2 `bar_chart`); the start page calls `report_list`, the data page",
        "  `dataset_list` (data committed to git in the temp project, as on the real site). The project uses this repo's",
        "  macros/, overrides/, docs/assets/ and mkdocs.yml with a nav shaped like mkdocs.yml's (Rapporter › organisation › reports).",
        "- Builds: wall clock of `python -m mkdocs build -q` (strict, from mkdocs.yml) and `zensical build --clean`, each in",
        "  a subprocess; peak memory is `ru_maxrss` from `os.wait4`.",
        "- CSV reads: one more macro build with `read_dataset` wrapped by a counter.",
        "- Browser: Playwright driving Debian's chromium; bytes are the bodies the local server sent (a 304 or a cache hit",
        "  costs nothing).",
        "- Lighthouse: the npm package pinned in `scripts/benchmark/package-lock.json`, default (mobile) preset, categories",
        "  performance and accessibility, `CHROME_PATH=/usr/bin/chromium` with the tests' Chromium flags.",
        "- Code: `scripts/benchmark/` (budgets in `budgets.py`); the server and Chromium settings are shared with the tests.",
    ]
