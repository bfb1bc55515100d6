"""Months as the data writes them (`YYYY-MM`), and the arithmetic the site needs on them."""

from __future__ import annotations

import re

YEARMONTH = re.compile(r"(\d{4})-(\d{2})", re.ASCII)


def year_before(period: str) -> str:
    """`2022-08` → `2021-08`: the month a comparison "a year earlier" uses."""
    year, month = period.split("-")
    return f"{int(year) - 1}-{month}"


def next_month(period: str) -> str:
    year, month = map(int, period.split("-"))
    return f"{year + month // 12:04d}-{month % 12 + 1:02d}"


def months_between(first: str, last: str) -> list[str]:
    """The months strictly between two `YYYY-MM` periods."""
    out = []
    current = next_month(first)
    while current < last:
        out.append(current)
        current = next_month(current)
    return out
