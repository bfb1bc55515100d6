"""Months as the data writes them (`YYYY-MM`), and the arithmetic the site needs on them.

A month is checked once, the same way wherever it is written (a data cell, a macro's
argument, front matter, `period_text`): `2023-13` and `2022-00` are months that do not
exist, said as such, never read as a format error or as another month."""

from __future__ import annotations

import re

from .messages import Message

YEARMONTH = re.compile(r"(\d{4})-(\d{2})", re.ASCII)

NO_SUCH_MONTH = Message(
    "manad-finns-inte",
    "Månaden {value} finns inte: ett år har bara månaderna 01–12. Rätta månaden.",
    "En månad är skriven ÅÅÅÅ-MM med ett månadsnummer som inte finns, till exempel 2023-13 eller 2022-00. "
    "Rätta månadsnumret (01 är januari, 12 är december); oftast är det ett skrivfel i årtalet eller månaden.",
)


def impossible_month(text: str) -> bool:
    """`2023-13`, `2022-00`: written as a month, but no year has that month."""
    found = YEARMONTH.fullmatch(str(text).strip())
    return bool(found) and not 1 <= int(found.group(2)) <= 12


def is_month(text) -> bool:
    """`2022-08`: a month that exists, written ÅÅÅÅ-MM."""
    found = YEARMONTH.fullmatch(str(text)) if isinstance(text, str) else None
    return bool(found) and 1 <= int(found.group(2)) <= 12


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
