"""Is a new figure plausible? Each value of a monthly series against the series' own history.

A typo that parses (`1,602` for 1 602 tkr, two columns swapped) must not become a
headline. A value is *unusual* when, compared with the values before it, it

- jumps: differs from the previous month and from the same month a year earlier by
  more than `max_change` per cent (default 50) *and* lies outside the last twelve
  months' range, by more than the series' usual step (`min_change`, by default the
  largest month-to-month change among those twelve);
- is ten times larger or smaller than usual (the median of the last twelve);
- has decimals in a column whose earlier values are all whole numbers.

Both settings can be changed per field in the schema (`plausibility:`); the check
itself cannot be turned off. A value that really is right is confirmed in the cell
itself, `1602!`, so the confirmation is on the same line, in the review's diff and
in the job summary.
"""

from __future__ import annotations

import functools
import math
import re
import statistics
from dataclasses import dataclass

import pandas as pd

from ..formats.swedish import is_missing, month_short, number
from .messages import Message, Said
from .periods import year_before
from .problems import shown
from .schema import Field, Schema

UNUSUAL = Message(
    "ovanligt-varde",
    'Ovanligt värde {value} i kolumnen "{name}" ({title}): {reasons}. {neighbours}. {fixes}Stämmer värdet ändå: '
    "skriv {value}! (med utropstecken sist) för att bekräfta det; bekräftelsen syns i granskningen.",
    "Värdet skiljer sig mycket från seriens tidigare månader (föregående månad, samma månad året innan, de senaste "
    "tolv månaderna), är ungefär tio gånger för stort eller litet, eller har decimaler där alla tidigare värden är "
    "heltal. Rätta skrivfelet, eller bekräfta ett riktigt värde med ett utropstecken direkt efter talet (1602!).",
)

MIN_HISTORY = 3  # earlier values needed before a value can be judged
RECENT = 12  # months that make "the recent range"
FACTOR = 10  # "ten times larger or smaller than usual"
THOUSANDS_TYPO = re.compile(r"\d{1,3}[.,]\d{3}")  # 1,602: a thousands separator read as a decimal


@dataclass
class History:
    """What a value is judged against: the earlier values of its column."""

    spec: Field
    recent: list  # the last RECENT earlier values, oldest first
    whole: bool  # every earlier value is a whole number
    previous: tuple[str, float] | None  # (period, value) of the last earlier value
    year_ago: tuple[str, float] | None  # (period, value) of the same month a year earlier

    @functools.cached_property
    def floor(self) -> float:
        """Changes no larger than this are always plausible: the schema's `min_change`,
        else the largest month-to-month step among the recent values."""
        if self.spec.min_change is not None:
            return self.spec.min_change
        recent = self.recent
        return max((abs(b - a) for a, b in zip(recent, recent[1:])), default=0.0)

    def reasons(self, value: float) -> list[str]:
        """Why `value` is unusual here, in words; empty when it is plausible."""
        found = []
        floor, limit = self.floor, self.spec.max_change / 100
        recent = self.recent
        low, high = min(recent), max(recent)
        usual = statistics.median(recent)

        def far(reference: float) -> bool:
            return abs(value - reference) > max(limit * abs(reference), floor)

        refs = [r for r in (self.previous, self.year_ago) if r is not None]
        outside = value < low - floor or value > high + floor
        if outside and refs and all(far(v) for _, v in refs):
            period, before = self.previous or self.year_ago
            change = (value - before) / before * 100 if before else None
            if change is not None:
                size = abs(change)
                word = "högre" if change > 0 else "lägre"
                found.append(f"{number(size, 1 if size < 10 or 99 < size < 100 else 0)} % {word} än {month_short(period)}")
            else:
                found.append(f"{month_short(period)} var det 0")
        if usual > 0 and abs(value - usual) > floor and (value >= FACTOR * usual or value * FACTOR <= usual):
            if value >= usual:
                found.append(f"{_times(value / usual)} så stort som vanligt")
            elif value > 0:
                found.append(f"en {_times(usual / value, part=True)} av det vanliga")
        if self.spec.type == "number" and value != int(value) and self.whole:
            found.append("med decimaler, fast alla tidigare värden i kolumnen är heltal")
        return found

    def plausible(self, value: float) -> bool:
        return not self.reasons(value)

    def neighbours(self) -> str:
        """`aug 2022 var det 1 551 och sep 2021 1 466; de senaste 12 månaderna låg mellan 1 441 och 1 925`"""
        places = 0 if self.whole else 1
        said = [f"{month_short(p)} var det {number(v, places)}" if i == 0 else f"{month_short(p)} {number(v, places)}"
                for i, (p, v) in enumerate(r for r in (self.previous, self.year_ago) if r is not None)]
        recent = self.recent
        span = f"de senaste {len(recent)} månaderna låg mellan {number(min(recent), places)} och {number(max(recent), places)}"
        return f"{' och '.join(said)}; {span}"


def _listed(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} och {parts[-1]}"


def _times(ratio: float, part: bool = False) -> str:
    """10 → `10 gånger`, 1000 → `1 000 gånger`; `part` → `tiondel`, `hundradel`, `tusendel`."""
    rounded = 10 ** round(math.log10(ratio)) if ratio >= 10 else round(ratio)
    if part:
        return {10: "tiondel", 100: "hundradel", 1000: "tusendel"}.get(rounded, f"{number(rounded)}-del")
    return f"ungefär {number(rounded)} gånger"


def check(schema: Schema, frame: pd.DataFrame, lines: list[int], columns: dict[str, int],
          texts: list[dict[str, str]], confirmed: set[tuple[int, str]], marker: str | None) -> list[tuple[int, int, Said]]:
    """Every unusual, unconfirmed value of a monthly series (months unique and in order),
    as (line, column, message); `marker` is what the file writes for a missing value."""
    period_name = schema.period_field
    if not period_name or period_name not in frame or frame.empty:
        return []
    periods = [None if is_missing(p) else str(p) for p in frame[period_name]]
    at = {p: i for i, p in enumerate(periods) if p}
    specs = [f for f in schema.columns if f.numeric and f.name in columns]
    values = {f.name: [None if is_missing(v) else float(v) for v in frame[f.name]] for f in specs}
    earlier: dict[str, list] = {f.name: [] for f in specs}  # the last RECENT values
    count = {f.name: 0 for f in specs}
    whole = {f.name: True for f in specs}
    last: dict[str, tuple[str, float] | None] = {f.name: None for f in specs}
    problems = []
    for row, period in enumerate(periods):
        histories = {}
        for spec in specs:
            if count[spec.name] >= MIN_HISTORY and period:
                ago = at.get(year_before(period))
                ago_value = values[spec.name][ago] if ago is not None else None
                histories[spec.name] = History(
                    spec, list(earlier[spec.name]), whole[spec.name], last[spec.name],
                    (year_before(period), ago_value) if ago_value is not None else None,
                )
        unusual = {
            name: history.reasons(values[name][row])
            for name, history in histories.items()
            if values[name][row] is not None and (row, name) not in confirmed
        }
        for name, reasons in unusual.items():
            if reasons:
                message = _message(schema.field(name), row, reasons, histories, values, texts[row], marker)
                problems.append((lines[row], columns[name], message))
        for spec in specs:
            value = values[spec.name][row]
            if value is not None and period:
                recent = earlier[spec.name]
                recent.append(value)
                if len(recent) > RECENT:
                    del recent[0]
                count[spec.name] += 1
                whole[spec.name] = whole[spec.name] and value == int(value)
                last[spec.name] = (period, value)
    return problems


def _message(spec: Field, row: int, reasons: list[str], histories: dict[str, History], values: dict[str, list],
             texts: dict[str, str], marker: str | None) -> Said:
    """The value, why it is unusual, its neighbours, the likely fix and how to confirm it."""
    name = spec.name
    history = histories[name]
    value = values[name][row]
    text = texts.get(name, number(value))
    fixes = []
    if THOUSANDS_TYPO.fullmatch(text) and history.plausible(value * 1000):
        fixes.append(f"Menade du {number(value * 1000)}? Skriv i så fall {number(value * 1000)} utan komma eller punkt.")
    for other, other_history in histories.items():
        theirs = values[other][row]
        if other != name and theirs is not None and other_history.plausible(value) and history.plausible(theirs):
            fixes.append(
                f'Värdena i kolumnerna "{name}" och "{other}" verkar ha bytt plats: {number(value)} passar i '
                f'"{other}" och {number(theirs)} i "{name}". Kontrollera ordningen mot rubrikraden.'
            )
            break
    if not fixes and value != 0:
        for power in (10, 100, 1000):
            for candidate, what in ((value / power, "en nolla för mycket"), (value * power, "en siffra för lite")):
                if history.plausible(candidate) and (value == int(value) or candidate != int(candidate)):
                    fixes.append(f"Menade du {number(candidate, 0 if candidate == int(candidate) else 1)} ({what})?")
                    break
            if fixes:
                break
    if value == 0 and marker:
        fixes.append(f"Saknas uppgiften? Skriv {marker} i stället för 0.")
    neighbours = history.neighbours()
    return UNUSUAL.said(
        value=shown(text), name=name, title=spec.title, reasons=_listed(reasons),
        neighbours=f"{neighbours[0].upper()}{neighbours[1:]}", fixes=f"{' '.join(fixes)}{' ' if fixes else ''}",
    )
