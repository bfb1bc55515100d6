"""Lighthouse (mobile preset, performance and accessibility) on every page of a built site.

Lighthouse is the npm package pinned in package.json + package-lock.json beside this
file. It is installed with `npm ci` into a cache folder the first time it is needed
(`~/.cache/socialrapporter/lighthouse-<lock hash>/`), so neither the site nor the tests
need npm. It drives Debian's chromium (CHROME_PATH) with the flags the tests use, against
the site served gzipped as GitHub Pages serves it.

Lighthouse's default mobile preset simulates a slow phone on a slow network from one
trace; on this shared machine the scores swing between runs, so each page is run
several times and the median of each figure is reported.

The preset's 4× CPU slowdown is meant for a high-end desktop host. Lighthouse measures the
host's speed in every run (its `benchmarkIndex`) and its documentation (docs/throttling.md,
"Calibrating the CPU slowdown") tells slower hosts to lower the multiplier; on this shared
machine the index swings between about 950 and 1650 from run to run, so the same page's score
swings with it. Each run therefore loads the page once (`--gather-mode`) and scores that one
load twice (`--audit-mode`): with the preset's 4× and with the multiplier Lighthouse's own
calculator gives for the benchmark index measured in that run. Both are reported.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from macros.pages.local_browser import CHROMIUM, CHROMIUM_ARGS

HERE = Path(__file__).resolve().parent
FIGURES = {  # our name: Lighthouse audit
    "fcp_ms": "first-contentful-paint",
    "lcp_ms": "largest-contentful-paint",
    "tbt_ms": "total-blocking-time",
    "speed_index_ms": "speed-index",
    "cls": "cumulative-layout-shift",
    "bytes": "total-byte-weight",  # bytes transferred, i.e. gzip where the server compresses
}


def install() -> Path:
    """The pinned Lighthouse's command, installed into the cache folder when missing."""
    lock = (HERE / "package-lock.json").read_bytes()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = cache / "socialrapporter" / f"lighthouse-{hashlib.sha256(lock).hexdigest()[:12]}"
    command = folder / "node_modules" / ".bin" / "lighthouse"
    if command.exists():
        return command
    if not shutil.which("npm"):
        raise RuntimeError("npm saknas: installera Node.js och npm (Debian: apt-get install npm) för Lighthouse")
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="installing-", dir=folder.parent))
    for name in ("package.json", "package-lock.json"):
        shutil.copy(HERE / name, staging / name)
    print(f"  installing Lighthouse (npm ci) into {folder}", flush=True)
    subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], cwd=staging, check=True)
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)  # whole or not at all: a half-done install is never used
    return command


def version(command: Path) -> str:
    return subprocess.run([str(command), "--version"], capture_output=True, text=True, check=False).stdout.strip()


def calibrated_multiplier(benchmark_index: float) -> float:
    """The CPU slowdown that makes this host a mid-tier phone, as Lighthouse's CPU throttling
    calculator computes it (patrickhulce/lighthouse-cpu-throttling-calculator, linked from
    Lighthouse's docs/throttling.md): 1300 → 3×, 1533 → 4×, 800 → 2×, 150 → 1×."""
    if benchmark_index >= 1300:
        return 3 + (benchmark_index - 1300) / 233
    if benchmark_index >= 800:
        return 2 + (benchmark_index - 800) / 500
    return max(1.0, 1 + (benchmark_index - 150) / 650)


def run_page(command: Path, url: str, report: Path) -> dict:
    """One load of `url`, scored with the preset's 4× CPU slowdown (written to `report`) and with
    the slowdown calibrated to this host (beside it, `-calibrated.json`) → figures (scores 0–100,
    times in ms), the calibrated ones under "calibrated"."""
    common = ["--only-categories=performance,accessibility", "--quiet"]
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as work:
        artifacts = Path(work) / "artifacts"
        _lighthouse(command, [url, f"--gather-mode={artifacts}", f"--chrome-flags={' '.join(CHROMIUM_ARGS)}", *common], env, url)
        found = figures(_audit(command, url, artifacts, report, common, env))
        saved = json.loads((artifacts / "artifacts.json").read_text(encoding="utf-8"))
        index = saved["BenchmarkIndex"]
        multiplier = round(calibrated_multiplier(index), 2)
        # Lighthouse refuses to audit with other settings than it gathered with; the gathering
        # itself is unthrottled (the slowdown is simulated afterwards), so only the record changes.
        saved["settings"]["throttling"]["cpuSlowdownMultiplier"] = multiplier
        (artifacts / "artifacts.json").write_text(json.dumps(saved), encoding="utf-8")
        calibrated = report.with_name(report.stem + "-calibrated.json")
        found["calibrated"] = figures(_audit(command, url, artifacts, calibrated, [*common, f"--throttling.cpuSlowdownMultiplier={multiplier}"], env))
    found["benchmark_index"], found["calibrated"]["multiplier"] = index, multiplier
    return found


def _audit(command: Path, url: str, artifacts: Path, report: Path, options: list[str], env: dict) -> dict:
    _lighthouse(command, [url, f"--audit-mode={artifacts}", "--output=json", f"--output-path={report}", *options], env, url)
    if not report.exists():
        raise RuntimeError(f"lighthouse {url} wrote no report")
    return json.loads(report.read_text(encoding="utf-8"))


def _lighthouse(command: Path, arguments: list[str], env: dict, url: str) -> None:
    result = subprocess.run([str(command), *arguments], env=env, capture_output=True, text=True, timeout=600, check=False)
    if result.returncode:
        raise RuntimeError(f"lighthouse {url} failed: {(result.stderr or result.stdout)[-1500:]}")


def figures(lhr: dict) -> dict:
    audits, categories = lhr["audits"], lhr["categories"]
    out = {name: round(categories[name]["score"] * 100) for name in ("performance", "accessibility")}
    out.update({name: audits[audit].get("numericValue") for name, audit in FIGURES.items()})
    out["failed_accessibility"] = sorted(
        ref["id"] for ref in categories["accessibility"]["auditRefs"]
        if audits.get(ref["id"], {}).get("score") is not None and audits[ref["id"]]["score"] < 1
        and audits[ref["id"]].get("scoreDisplayMode") in ("binary", "numeric")
    )
    if lhr.get("runtimeError"):
        out["error"] = lhr["runtimeError"].get("code")
    return out


def run_site(base_url: str, pages: list[str], runs: int, reports: Path) -> dict:
    """Every page `runs` times; per page the median of each figure and every run's scores."""
    command = install()
    reports.mkdir(parents=True, exist_ok=True)
    result = {"version": version(command), "runs": runs, "pages": {}}
    for page in pages:
        samples = []
        for i in range(runs):
            name = (page.strip("/").replace("/", "_") or "index") + f"-{i + 1}.json"
            samples.append(run_page(command, base_url + page, reports / name))
        median = {k: statistics.median(s[k] for s in samples) for k in ("performance", "accessibility", *FIGURES)}
        median["performance_runs"] = [s["performance"] for s in samples]
        median["calibrated"] = {k: statistics.median(s["calibrated"][k] for s in samples) for k in ("performance", "multiplier", "tbt_ms")}
        median["calibrated"]["performance_runs"] = [s["calibrated"]["performance"] for s in samples]
        median["benchmark_index_runs"] = [s["benchmark_index"] for s in samples]
        median["failed_accessibility"] = sorted({a for s in samples for a in s["failed_accessibility"]})
        result["pages"][page] = median
        print(f"  lighthouse /{page}: performance {median['performance_runs']} (calibrated "
              f"{median['calibrated']['performance_runs']}, benchmark index {median['benchmark_index_runs']}), accessibility "
              f"{median['accessibility']:.0f}, TBT {median['tbt_ms']:.0f} ms, LCP {median['lcp_ms']:.0f} ms", flush=True)
    return result
