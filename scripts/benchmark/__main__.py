"""Run the benchmark: `.venv/bin/python -m scripts.benchmark [--pages 100 1000] [--quick] …`

Each part that fails is reported in BENCHMARKS.md and the others still run; the exit code
is 1 if any part failed, never because a figure is over its budget.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

from . import builds, editions, inprocess, lighthouse, page_weight, real_site
from .budgets import verdicts
from .project import REPO, make_project, snapshot
from .report import machine_info, markdown
from macros.pages.local_browser import SiteServer

KINDS = ["macros", "static", "zensical"]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts.benchmark", description=sys.modules[__package__].__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, nargs="+", default=[100, 1000], help="report page counts (default: 100 1000)")
    parser.add_argument("--reps", type=int, default=2, help="timed builds of each kind per size (default: 2)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 20 pages, one build of each kind, few samples; writes no BENCHMARKS.md unless --output")
    parser.add_argument("--output", type=Path, help="Markdown report (default: BENCHMARKS.md in the repo; none with --quick)")
    parser.add_argument("--json", type=Path, help="also write every figure as JSON")
    parser.add_argument("--no-browser", action="store_true", help="skip everything measured in Chromium, Lighthouse included")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page, median reported (default: 3)")
    parser.add_argument("--no-zensical", action="store_true", help="skip the Zensical builds")
    parser.add_argument("--profile", action="store_true", help="add a cProfile of the smallest size's macro build")
    parser.add_argument("--editions", type=int, nargs=2, default=[10, 100], metavar=("FEW", "MANY"),
                        help="past editions per report for the one-row update (default: 10 100)")
    parser.add_argument("--editions-many-up-to", type=int, default=100, metavar="PAGES",
                        help="measure both FEW and MANY past editions only up to this many pages (default: 100)")
    parser.add_argument("--editions-large", type=int, metavar="PAST",
                        help="past editions per report measured above --editions-many-up-to (default: FEW)")
    parser.add_argument("--editions-updates", type=int, default=editions.UPDATES, metavar="N",
                        help=f"one-row updates timed in each history, alternating between them (default: {editions.UPDATES})")
    parser.add_argument("--only", choices=["builds", "site", "editions"], nargs="+",
                        help="run only these parts: synthetic builds, the real site in the browser, editions")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder and print its path")
    args = parser.parse_args(argv)
    if args.quick:
        args.pages, args.reps, args.lighthouse_runs, args.editions = [20], 1, 1, [2, 4]
    args.only = set(args.only or ["builds", "site", "editions"])
    return args


class Run:
    """The figures of one run, and the parts that failed (recorded, not raised: the rest still runs)."""

    def __init__(self, command: str):
        self.results: dict = {"command": command, "sizes": {}, "errors": {}}

    def part(self, name: str, function, *args, **kwargs):
        try:
            return function(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 — reported in BENCHMARKS.md and by the exit code
            traceback.print_exc()
            self.results["errors"][name] = f"{type(exc).__name__}: {exc}"
            print(f"benchmark: {name} failed: {exc}", file=sys.stderr, flush=True)
            return None


def synthetic_sizes(run: Run, args, work: Path, code: Path) -> None:
    kinds = [k for k in KINDS if not (k == "zensical" and args.no_zensical)]
    rounds, loads = (20, 3) if args.quick else (100, 5)
    for n in sorted(args.pages):
        root = work / f"site-{n}"
        root.mkdir()
        start = time.perf_counter()
        project = make_project(root, code, n)
        size: dict = {"render": run.part(f"{n} pages: pre-render", inprocess.prerender, project, code)}
        run.results["sizes"][n] = size
        print(f"{n} pages: generated and pre-rendered in {time.perf_counter() - start:.1f} s; counting CSV reads…", flush=True)
        size["parse"] = run.part(f"{n} pages: CSV reads", builds.probe_build, project)
        if size["render"] is None:
            kinds = [k for k in kinds if k != "static"]
        size["builds"] = run.part(f"{n} pages: builds", builds.timed_builds, project, args.reps, kinds)
        if n == min(args.pages):
            run.results["charts"] = run.part("chart macros", inprocess.chart_costs, project, code, rounds)
            if args.profile:
                stats = root / "build.prof"
                if run.part("profile", builds.probe_build, project, profile=stats):
                    run.results["profile"] = builds.profile_summary(stats, root / "macros")
        if not args.no_browser and size["builds"]:
            first, second = project.report_urls[:2]
            site = root / "site-macros"
            size["browser"] = run.part(f"{n} pages: browser", page_weight.synthetic, site, real_site.base_path(site), first, second, loads)
        if not args.keep:
            builds.remove_sites(project)


def the_real_site(run: Run, args, work: Path) -> None:
    site = run.part("real site: build", real_site.build, work / "real-site")
    if site is None:
        return
    base, pages = real_site.base_path(site), real_site.pages(site)
    found: dict = {"report_pages": real_site.report_pages()}
    run.results["real_site"] = found
    print(f"real site: {len(pages)} pages; page weight…", flush=True)
    found["weight"] = run.part("real site: page weight", page_weight.every_page, site, base, pages)
    if not args.no_lighthouse:
        if args.quick:
            pages = ["", found["report_pages"][0]]
        with SiteServer(site, base, gzip=True) as server:
            found["lighthouse"] = run.part(
                "real site: Lighthouse", lighthouse.run_site, server.url, pages, args.lighthouse_runs, work / "lighthouse"
            )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    command = " ".join([".venv/bin/python -m scripts.benchmark", *(argv if argv is not None else sys.argv[1:])])
    output = args.output or (None if args.quick else REPO / "BENCHMARKS.md")
    run = Run(command.strip())
    run.results.update(machine=machine_info(), reps=args.reps)
    work = Path(tempfile.mkdtemp(prefix="benchmark-"))
    code = snapshot(work)  # one copy of the repo's code for the whole run: others may be editing it
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in sorted((code / "macros").rglob("*")) if p.is_file()))
    run.results["macros_sha256"] = digest.hexdigest()[:12]
    print(f"benchmark: work folder {work}; macros/ snapshot {run.results['macros_sha256']}", flush=True)
    try:
        if "builds" in args.only:
            synthetic_sizes(run, args, work, code)
        if "site" in args.only and not args.no_browser:
            the_real_site(run, args, work)
        if "editions" in args.only:
            run.results["editions"] = run.part("editions", editions.measure_sizes, work, sorted(args.pages), tuple(args.editions), args.editions_many_up_to, args.editions_large, args.editions_updates)
    finally:
        if args.keep:
            print(f"benchmark: kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    run.results["machine"]["load"] = machine_info()["load"]
    print()
    for budget, measured, result in verdicts(run.results):
        print(f"{result:12}  {budget.label} {budget.limit}: {measured}")
    if output:
        output.write_text(markdown(run.results), encoding="utf-8")
        print(f"\nwrote {output}")
    if args.json:
        args.json.write_text(json.dumps(run.results, indent=2, default=str), encoding="utf-8")
    return 1 if run.results["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
