"""The benchmark runs from its one command, and the build reads each CSV once whatever the
number of pages using it. Timings are only reported (BENCHMARKS.md), never asserted here."""

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).parent.parent


def test_quick_benchmark_runs_and_reads_each_csv_once(tmp_path):
    out = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts/benchmark.py"), "--quick", "--no-browser", "--json", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    results = json.loads(out.read_text())
    (size,) = results["sizes"].values()
    parse = size["parse"]
    assert parse["csv_files"] > 0
    assert parse["once_each"], parse
    assert parse["parse_calls"] == parse["csv_files"]
    assert size["build"]["macros_s"] > 0 and size["build"]["static_s"] > 0
