"""The comparison with the same month a year earlier, made in one place.

Cards, running text (`change()`), chart summaries, the year-on-year table and the review of a
pull request all say how a month compares with a year before. Each asks `year_on_year` and
shows its parts, so the change has one value and one sign wherever a reader meets it: the
difference is rounded once, to the figures' own decimals, before it is written in words or in
a table cell.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data.dataset import Dataset
from ..data.periods import year_before
from ..formats import swedish


@dataclass(frozen=True)
class YearOnYear:
    dataset: Dataset
    measure: str
    period: str  # "2022-08"
    earlier: str  # "2021-08"
    current: object  # the typed value, or a missing one
    previous: object
    reaches_back: bool  # the series covers the earlier month (a first year does not); a month inside the
    # series without a row or a figure still reaches back: its comparison is "uppgift saknas"

    @property
    def places(self) -> int:
        return self.dataset.decimals(self.measure)

    @property
    def unit(self) -> str | None:
        return self.dataset.field(self.measure).unit

    @property
    def comparable(self) -> bool:
        return not (swedish.is_missing(self.current) or swedish.is_missing(self.previous))

    @property
    def difference(self) -> float | None:
        """New − earlier, rounded as the figures are shown (so 8,85 − 8,8 is the 0,1 a reader sees)."""
        if not self.comparable:
            return None
        return swedish.round_half_up(float(self.current) - float(self.previous), self.places)

    @property
    def percent(self) -> float | None:
        if not self.comparable or float(self.previous) == 0:
            return None
        return (float(self.current) - float(self.previous)) / float(self.previous) * 100

    @property
    def arrow(self) -> str:
        """▲ up, ▼ down, ● unchanged (as shown); nothing where there is no comparison."""
        diff = self.difference
        if diff is None:
            return ""
        return "▲" if diff > 0 else "▼" if diff < 0 else "●"

    def difference_text(self) -> str:
        """`+2 332`, `−107`, `0`: the change as a table cell writes it (the unit is in the header)."""
        return swedish.number(self.difference, self.places, sign=True)

    def percent_text(self) -> str | None:
        """`−15,4 %`, or None where there is nothing to compare with."""
        return None if self.percent is None else swedish.number(self.percent, 1, "%", sign=True)

    def words(self, label: str) -> str:
        """`32 färre än i aug 2021` with the earlier month as `label` names it."""
        return change_phrase(self.difference, self.unit, self.places, label)


def year_on_year(dataset: Dataset, measure: str, period: str) -> YearOnYear:
    """The month `period` of a monthly series against the same month a year earlier."""
    earlier = year_before(period)
    return YearOnYear(
        dataset, measure, period, earlier,
        dataset.value(measure, period), dataset.value(measure, earlier),
        bool(dataset.periods) and dataset.periods[0] <= earlier,
    )


def change_phrase(difference: float | None, unit: str | None, places: int, label: str) -> str:
    """The change in words, chosen by unit: counts fler/färre, shares procentenheter, amounts högre/lägre."""
    if difference is None:
        return f"jämförelse med {label}: {swedish.MISSING_TEXT}"
    count = unit in swedish.COUNT_UNITS
    if difference == 0:
        return f"{'lika många' if count else 'samma nivå'} som i {label}"
    size = abs(difference)
    if count:
        return f"{swedish.number(size, places)} {'fler' if difference > 0 else 'färre'} än i {label}"
    if unit == "%":
        return f"{swedish.number(size, places)} procentenheter {'högre' if difference > 0 else 'lägre'} än i {label}"
    return f"{swedish.number(size, places, unit)} {'högre' if difference > 0 else 'lägre'} än i {label}"


def difference(current, previous, places: int) -> float | None:
    """Two figures' difference as shown (for comparisons that are not a month a year earlier)."""
    if swedish.is_missing(current) or swedish.is_missing(previous):
        return None
    return swedish.round_half_up(float(current) - float(previous), places)
