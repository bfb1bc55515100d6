"""The benchmark runs from its one command, its pre-rendered build makes the same pages as the
macro build, and the build reads each CSV once whatever the number of pages using it.
Timings are only reported (BENCHMARKS.md), never asserted here."""

import json
import shutil
import subprocess
import sys

from conftest import REPO, copy_tree, site_project


def test_quick_benchmark_runs_and_reads_each_csv_once(tmp_path):
    """Run in the tests' project: the benchmark's synthetic site is made from the example fixture's data
    (tests/exempel/data/, which an adopted site keeps) and a comparison table of tests/data/. Only its synthetic builds: its editions part (a history
    of editions built again, two thirds of the run's time) is measured by the benchmark, not here."""
    project = copy_tree(site_project(), tmp_path / "projekt")
    for fixture in ("data/jamforelse", "exempel/data"):  # the synthetic site's sources, kept by an adopted site
        shutil.copytree(REPO / "tests" / fixture, project / "tests" / fixture)
    out = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, "-m", "scripts.benchmark", "--quick", "--only", "builds", "--no-browser", "--no-zensical", "--json", str(out)],
        cwd=project, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    results = json.loads(out.read_text())
    (size,) = results["sizes"].values()
    parse = size["parse"]
    assert parse["csv_files"] > 0
    assert parse["once_each"], parse
    assert parse["parse_calls"] == parse["csv_files"]
    # The overhead ratio compares like with like: the pre-rendered build made the same HTML
    # as the macro build, for every page of the synthetic site (its report pages and site pages).
    same, total = size["builds"]["identical_pages"].split("/")
    assert same == total and int(total) >= 20, f"förbyggda och makrobyggda sidor skiljer sig: {size['builds']['identical_pages']}"


def test_lighthouse_cpu_slowdown_is_calibrated_as_lighthouses_calculator_does():
    """Lighthouse's calculator (linked from its docs/throttling.md): 1300 → 3×, 1533 → 4×, 800 → 2×,
    150 → 1×, never below 1×; the benchmark scores each load with it beside the preset's 4×."""
    from scripts.benchmark.lighthouse import calibrated_multiplier
    assert [round(calibrated_multiplier(i), 2) for i in (2000, 1533, 1300, 1050, 800, 475, 150, 90)] == [
        6.0, 4.0, 3.0, 2.5, 2.0, 1.5, 1.0, 1.0]


def test_calibrated_lighthouse_score_has_its_own_budget_row():
    from scripts.benchmark.budgets import verdicts
    page = {"performance": 94, "accessibility": 100, "tbt_ms": 180,
            "calibrated": {"performance": 97, "multiplier": 2.6, "tbt_ms": 90}}
    found = {b.key: (measured, result) for b, measured, result in verdicts({"real_site": {"lighthouse": {"pages": {"a/": page}}}})}
    assert found["performance"] == ("worst 94 (/a/); all: 94", "OVER")
    assert found["performance_calibrated"] == ("worst 97 (/a/); all: 97", "PASS")
