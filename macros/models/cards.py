"""Key-figure cards: a value, its period and its change in words as well as figures."""

from __future__ import annotations

from dataclasses import dataclass

from ..data.dataset import Dataset
from ..data.periods import year_before
from ..data.schema import ROW_UNIT
from ..formats import swedish
from . import comparison, sentences
from .tables import row_decimals


@dataclass
class Card:
    dataset: str
    field: str
    key: str
    label: str
    value: str
    period: str
    change: str | None  # None: nothing to compare with (a series' first year), said once above the cards
    percent: str | None
    arrow: str
    previous_label: str
    previous: str
    revision: str = ""  # "Rättad 12 september 2022, tidigare 167." (models/revised.py)

    @property
    def shows_previous(self) -> bool:
        """The earlier figure has its own line only when there is one: "jämförelse med nov 2022:
        uppgift saknas" already says that it is missing."""
        return self.previous != swedish.MISSING_TEXT


def arrow(current, previous) -> str:
    """▲ up, ▼ down, ● unchanged; nothing where there is no comparison."""
    if swedish.is_missing(current) or swedish.is_missing(previous):
        return ""
    return "▲" if current > previous else "▼" if current < previous else "●"


def monthly_card(dataset: Dataset, measure: str, period: str) -> Card:
    """The value of one month against the same month a year earlier (models/comparison.py)."""
    spec = dataset.field(measure)
    against = comparison.year_on_year(dataset, measure, period)
    label = swedish.month_short(against.earlier)
    return Card(
        dataset=dataset.id,
        field=measure,
        key=period,
        label=spec.title,
        value=sentences.value_text(dataset, measure, against.current),
        period=swedish.month_long(period),
        change=against.words(label) if against.reaches_back else None,
        percent=against.percent_text(),
        arrow=against.arrow,
        previous_label=label,
        previous=sentences.value_text(dataset, measure, against.previous),
    )


def first_year_note(dataset: Dataset, period: str) -> str:
    """Said once above the cards of a series that does not reach back a year, instead of
    "uppgift saknas" on every card."""
    first = dataset.periods[0] if dataset.periods else period
    return (
        f"Serien börjar {swedish.month_long(first)}, så det finns ingen jämförelse med "
        f"{swedish.month_long(year_before(period))}."
    )


def comparison_cards(dataset: Dataset, keys: list[str] | None, current: str, previous: str) -> list[Card]:
    """Cards from a comparison table: one row per measure with its unit in
    `enhet`, the current figure and the one to compare with."""
    frame = dataset.frame
    key_name = dataset.key_field
    current_spec, previous_spec = dataset.field(current), dataset.field(previous)
    found = []
    for _, row in frame.iterrows():
        if keys and row[key_name] not in keys:
            continue
        unit = str(row[ROW_UNIT]) if ROW_UNIT in frame else current_spec.unit
        now, before = row[current], row[previous]
        places = row_decimals(unit, now) if not swedish.is_missing(now) else 0
        found.append(
            Card(
                dataset=dataset.id,
                field=current,
                key=str(row[key_name]),
                label=str(row[key_name]),
                value=swedish.number(now, places, swedish.shown_unit(unit)),
                period=current_spec.title.lower(),
                change=sentences.change_phrase(now, before, unit, places, previous_spec.title.lower()),
                percent=sentences.percent_change(now, before),
                arrow=arrow(now, before),
                previous_label=previous_spec.title,
                previous=swedish.number(before, places, swedish.shown_unit(unit)),
            )
        )
    return found
