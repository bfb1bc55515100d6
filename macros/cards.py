"""KPI card models and short breakdown summaries, all in words as well as figures."""

from __future__ import annotations

from dataclasses import dataclass

from . import swedish, text
from .data import Dataset


@dataclass
class Card:
    dataset: str
    field: str
    key: str
    label: str
    value: str
    period: str
    change: str
    percent: str | None
    arrow: str
    previous_label: str
    previous: str


def arrow(current, previous) -> str:
    """▲ up, ▼ down, ● unchanged; nothing where there is no comparison."""
    if swedish.is_missing(current) or swedish.is_missing(previous):
        return ""
    return "▲" if current > previous else "▼" if current < previous else "●"


def monthly_card(dataset: Dataset, measure: str, period: str, pick) -> Card:
    from .site import year_before  # one definition of "a year earlier"

    spec = dataset.field(measure)
    earlier = year_before(period)
    current, previous = pick(dataset, measure, period), pick(dataset, measure, earlier)
    return Card(
        dataset=dataset.id,
        field=measure,
        key=period,
        label=spec["title"],
        value=text.value_text(dataset, measure, current),
        period=swedish.month_long(period),
        change=text.change_words(dataset, measure, current, previous, swedish.month_short(earlier)),
        percent=text.percent_change(current, previous),
        arrow=arrow(current, previous),
        previous_label=swedish.month_short(earlier),
        previous=text.value_text(dataset, measure, previous),
    )


def comparison_cards(dataset: Dataset, keys: list[str] | None, current: str, previous: str) -> list[Card]:
    """Cards from a comparison table: one row per measure with its unit in
    `enhet`, the current figure and the one to compare with."""
    from .tables import ROW_UNIT, key_field, row_decimals

    frame = dataset.frame
    key_name = key_field(dataset)
    current_label, previous_label = dataset.field(current)["title"], dataset.field(previous)["title"]
    found = []
    for _, row in frame.iterrows():
        if keys and row[key_name] not in keys:
            continue
        unit = str(row[ROW_UNIT]) if ROW_UNIT in frame else dataset.field(current).get("unit")
        now, before = row[current], row[previous]
        shown_unit = None if unit in text.COUNT_UNITS else unit
        places = row_decimals(unit, now) if not swedish.is_missing(now) else 0
        found.append(
            Card(
                dataset=dataset.id,
                field=current,
                key=str(row[key_name]),
                label=str(row[key_name]),
                value=swedish.number(now, places, shown_unit),
                period=current_label.lower(),
                change=text.change_phrase(now, before, unit, places, previous_label.lower()),
                percent=text.percent_change(now, before),
                arrow=arrow(now, before),
                previous_label=previous_label,
                previous=swedish.number(before, places, shown_unit),
            )
        )
    return found


def bar_summary(dataset: Dataset, measures: list[str], category: str) -> str:
    """`Störst: Kommunala platser (447). Minst: Privata sektorn (39).` per measure."""
    frame = dataset.frame
    monthly = dataset.field(category)["type"] == "yearmonth"
    names = [swedish.month_short(c) if monthly else str(c) for c in frame[category]]
    sentences = []
    for measure in measures:
        pairs = [(v, c) for v, c in zip(frame[measure], names) if not swedish.is_missing(v)]
        title = dataset.field(measure)["title"]
        if not pairs:
            sentences.append(f"{title}: {swedish.MISSING_TEXT}.")
            continue
        high = max(pairs, key=lambda p: p[0])
        low = min(pairs, key=lambda p: p[0])
        sentence = f"{title}: störst är {high[1]} ({text.value_text(dataset, measure, high[0])})"
        if len(pairs) > 1:
            sentence += f", minst {low[1]} ({text.value_text(dataset, measure, low[0])})"
        gaps = [c for v, c in zip(frame[measure], names) if swedish.is_missing(v)]
        if gaps:
            sentence += f"; {swedish.MISSING_TEXT} för {', '.join(gaps)}"
        sentences.append(sentence + ".")
    return " ".join(sentences)
