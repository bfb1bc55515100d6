"""Editions: the time of a one-row data update with 10 and with 100 past editions per report.

The place for scripts/benchmark_editions.py (written separately): `measure(work)` runs it
and returns {"update_s": {"10": seconds, "100": seconds}}, which the budget
"one-row update time does not grow with past editions" (budgets.py) reads and
report.py prints. Until it is plugged in, `measure` returns None and the budget
shows "not measured".
"""

from __future__ import annotations

from pathlib import Path


def measure(work: Path) -> dict | None:
    """{"update_s": {"10": s, "100": s}} for a one-row update, or None while not plugged in."""
    return None
