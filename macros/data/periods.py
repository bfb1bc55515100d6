"""Months as the data writes them (`YYYY-MM`), and the arithmetic the site needs on them.

A month is checked once, the same way wherever it is written (a data cell, a macro's
argument, front matter, `period_text`): `2023-13` and `2022-00` are months that do not
exist, said as such, never read as a format error or as another month."""

from __future__ import annotations

import datetime as _dt
import re

from .messages import Message, Said

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


# ---------------------------------------------------------------- periods in words

NO_SUCH_PERIOD = Message(
    "period-finns-inte",
    'Perioden "{value}" finns inte: {reason}. Rätta perioden.',
    "En period i ord (rapportperiod i sidhuvudet, eller period_text) som inte kan finnas: tertial 4, kvartal 5, "
    "halvår 3, ett datum som inte finns i kalendern (2023-02-30) eller ett spann som slutar före det börjar "
    "(aug–jan 2022). Rätta perioden; ett år har tertial 1–3, kvartal 1–4 och halvår 1–2.",
)
PARTS_OF_A_YEAR = {"tertial": 3, "kvartal": 4, "halvår": 2, "halvar": 2, "t": 3, "q": 4, "k": 4}
NUMBERED_PART = re.compile(r"\b(tertial|kvartal|halvår|halvar|t|q|k)\s*(\d+)\b", re.IGNORECASE)
DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b", re.ASCII)
MONTH_WORDS = {
    **{name: number for number, name in enumerate(
        ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november",
         "december"], start=1)},
    **{name: number for number, name in enumerate(
        ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"], start=1)},
    "sept": 9,
}
MONTH_SPAN = re.compile(r"\b([a-zåäö]+)\.?\s*(?:[-–—]|till|t\.o\.m\.?)\s*([a-zåäö]+)\.?(?=\s|$)", re.IGNORECASE)


def impossible_period(text) -> Said | None:
    """What makes a period written in words impossible (`tertial 4 2019`, `kvartal 5 2022`,
    `2023-02-30`, `aug–jan 2022`, `2023-13`), or None: a period that can exist, or one written
    in words this does not know (those are shown as written)."""
    written = str(text).strip()
    if impossible_month(written):
        return NO_SUCH_MONTH.said(value=written)
    for found in NUMBERED_PART.finditer(written):
        word, number = found.group(1).lower(), int(found.group(2))
        most = PARTS_OF_A_YEAR[word]
        if len(word) == 1 and not re.fullmatch(r"[tqk]\d", found.group(0), re.IGNORECASE):
            continue  # "t 4" is not an abbreviation; "T4" is
        if not 1 <= number <= most:
            name = {"t": "tertial", "q": "kvartal", "k": "kvartal", "halvar": "halvår"}.get(word, word)
            return NO_SUCH_PERIOD.said(value=written, reason=f"ett år har bara {name} 1–{most}")
    for found in DATE.finditer(written):
        try:
            _dt.date(*map(int, found.groups()))
        except ValueError:
            return NO_SUCH_PERIOD.said(value=written, reason=f"datumet {found.group(0)} finns inte i kalendern")
    for found in MONTH_SPAN.finditer(written):
        first, last = (MONTH_WORDS.get(w.lower()) for w in found.groups())
        if first and last and last < first:
            return NO_SUCH_PERIOD.said(value=written, reason=(
                f"spannet slutar ({found.group(2)}) före det börjar ({found.group(1)}); skriv den tidigaste månaden först, "
                f"till exempel {found.group(2)}–{found.group(1)}"))
    return None
