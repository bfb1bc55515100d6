"""Whole builds of the synthetic project, each in its own process, timed side by side.

Three kinds, alternating within each repetition (medians of --reps each):
- `macros`: `mkdocs build` of the project as authors write it;
- `static`: the same pages pre-rendered (each macro call replaced by its output) and MkDocs
  without the macros plugin, so `macros ÷ static` is what our code adds to MkDocs;
- `zensical`: `zensical build --clean` of the same project (Material's successor).

Also a probe build that counts how often each CSV is read, and, with --profile, a
cProfile of the macro build.
"""

from __future__ import annotations

import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .project import Page, Project

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
ZENSICAL = Path(sys.executable).with_name("zensical")

# Run in a subprocess: count read_dataset calls per file during one build, optionally under
# cProfile. The wrapper replaces the function wherever a macros module holds it, so the
# build's own code path is unchanged.
PROBE = r"""
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


def commands(project: Project) -> dict[str, tuple[list[str], Path]]:
    """Each kind of build: (command run in the project folder, the site it writes)."""
    root = project.root
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q"]
    return {
        "macros": ([*mkdocs, "-f", "mkdocs.yml", "-d", str(root / "site-macros")], root / "site-macros"),
        "static": ([*mkdocs, "-f", "mkdocs-static.yml", "-d", str(root / "site-static")], root / "site-static"),
        "zensical": ([str(ZENSICAL), "build", "--clean"], root / "site"),  # no -d: always site/ in the project
    }


def run_build(root: Path, name: str, command: list[str]) -> tuple[float, float, int]:
    """One build in a subprocess → (wall seconds, CPU seconds (user + system), peak RSS in bytes)."""
    log = root / f"build-{name}.log"
    with open(log, "wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=root, stdout=out, stderr=subprocess.STDOUT, env=ENV)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise RuntimeError(f"{name} build failed:\n{log.read_text(errors='replace')[-4000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def timed_builds(project: Project, reps: int, kinds: list[str]) -> dict:
    """Each kind `reps` times, the order rotating every repetition (M S Z, S Z M, …); medians.

    The overhead ratio is taken on CPU time: on a shared machine a build's wall time also holds
    the time it waited for a CPU, which depends on the neighbours, not on the build. The MkDocs
    builds run on one core, so on an idle machine their CPU time is their wall time."""
    every = commands(project)
    runs: dict[str, list[tuple[float, float, int]]] = {k: [] for k in kinds}
    for rep in range(reps):
        for name in kinds[rep % len(kinds):] + kinds[:rep % len(kinds)]:
            command, _ = every[name]
            wall, cpu, rss = run_build(project.root, name, command)
            runs[name].append((wall, cpu, rss))
            print(f"  {project.report_pages} pages, {name:8}: {wall:6.1f} s wall, {cpu:6.1f} s CPU, {rss / 2**20:5.0f} MiB", flush=True)
    result = {
        name: {
            "median_s": statistics.median(r[0] for r in runs[name]),
            "cpu_s": statistics.median(r[1] for r in runs[name]),
            "runs_s": [r[0] for r in runs[name]],
            "cpu_runs_s": [r[1] for r in runs[name]],
            "peak_rss": max(r[2] for r in runs[name]),
        }
        for name in kinds
    }
    if {"macros", "static"} <= set(kinds):
        result["overhead"] = result["macros"]["cpu_s"] / result["static"]["cpu_s"]
        result["overhead_wall"] = result["macros"]["median_s"] / result["static"]["median_s"]
        result["identical_pages"] = compare_output(every["macros"][1], every["static"][1], project.pages)
    if "zensical" in kinds:
        built = [p for p in project.pages if (every["zensical"][1] / p.url / "index.html").is_file()]
        result["zensical"]["pages_built"] = f"{len(built)}/{len(project.pages)}"
    return result


def compare_output(a: Path, b: Path, pages: list[Page]) -> str:
    """Whether the two builds made the same pages: the pre-rendered build stands in for the macro one."""
    differ = [p.path for p in pages if (a / p.url / "index.html").read_bytes() != (b / p.url / "index.html").read_bytes()]
    return f"{len(pages) - len(differ)}/{len(pages)}" + (f" (differ: {', '.join(differ[:5])})" if differ else "")


def remove_sites(project: Project) -> None:
    for _, site in commands(project).values():
        shutil.rmtree(site, ignore_errors=True)


def probe_build(project: Project, profile: Path | None = None) -> dict:
    """One macro build counting reads of each CSV (optionally under cProfile)."""
    out = project.root / "read-calls.json"
    site = project.root / "site-probe"
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(project.root), "mkdocs.yml", str(site), str(out), str(profile or "")],
        cwd=project.root, capture_output=True, text=True, env=ENV,
    )
    if result.returncode:
        raise RuntimeError(f"counting build failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
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


def profile_summary(stats_file: Path, macros_dir: Path, top: int = 14) -> list[str]:
    """The heaviest functions by cumulative time: ours (macros/) first, then everything by own time."""
    stats = pstats.Stats(str(stats_file))
    total = max(v[3] for v in stats.stats.values())  # the build's cumulative time
    rows = [
        (cumtime, tottime, ncalls, filename, line, name)
        for (filename, line, name), (_, ncalls, tottime, cumtime, _) in stats.stats.items()
    ]
    ours = sorted((r for r in rows if str(macros_dir) in r[3]), reverse=True)[:top]
    own_time = sorted(rows, key=lambda r: -r[1])[:top]

    def where(r):
        filename = r[3]
        short = ("macros/" + filename.split("/macros/")[-1]) if str(macros_dir) in filename else filename.split("site-packages/")[-1]
        return f"{short}:{r[4]}:{r[5]}"

    lines = [f"Build under cProfile: {total:.1f} s.", "", "| Our function (macros/) | Calls | Cumulative | Share |", "|---|---:|---:|---:|"]
    lines += [f"| `{where(r)}` | {r[2]} | {r[0]:.2f} s | {r[0] / total:.0%} |" for r in ours]
    lines += ["", "| Any function, by own time | Calls | Own time | Share |", "|---|---:|---:|---:|"]
    lines += [f"| `{where(r)}` | {r[2]} | {r[1]:.2f} s | {r[1] / total:.0%} |" for r in own_time]
    return lines
