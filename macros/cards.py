"""KPI card models and short breakdown summaries, all in words as well as figures."""

from __future__ import annotations

from dataclasses import dataclass

from . import swedish, text
from .data import Dataset


@dataclass
class Card:
    dataset: str
    field: str
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
        label=spec["title"],
        value=text.value_text(dataset, measure, current),
        period=swedish.month_long(period),
        change=text.change_words(dataset, measure, current, previous, swedish.month_short(earlier)),
        percent=text.percent_change(current, previous),
        arrow=arrow(current, previous),
        previous_label=swedish.month_short(earlier),
        previous=text.value_text(dataset, measure, previous),
    )


def comparison_cards(dataset: Dataset, keys: list[str] | None) -> list[Card]:
    """Cards from a comparison table: one row per measure with its own unit,
    the current figure and the previous year's (schema key `comparison`)."""
    spec = dataset.schema["comparison"]
    frame = dataset.frame
    key_name = spec["key"]
    found = []
    for _, row in frame.iterrows():
        if keys and row[key_name] not in keys:
            continue
        unit = row[spec["unit"]] if spec.get("unit") else None
        current, previous = row[spec["current"]], row[spec["previous"]]
        places = 0
        shown_unit = None if unit in text.COUNT_UNITS else unit
        found.append(
            Card(
                dataset=dataset.id,
                field=str(row[key_name]),
                label=str(row[spec.get("label", key_name)]),
                value=swedish.number(current, places, shown_unit),
                period=spec["current_label"],
                change=_row_change(current, previous, unit, spec["previous_label"]),
                percent=text.percent_change(current, previous),
                arrow=arrow(current, previous),
                previous_label=spec["previous_label"],
                previous=swedish.number(previous, places, shown_unit),
            )
        )
    return found


def _row_change(current, previous, unit, previous_label) -> str:
    if swedish.is_missing(current) or swedish.is_missing(previous):
        return f"jämförelse med {previous_label}: {swedish.MISSING_TEXT}"
    diff = float(current) - float(previous)
    if diff == 0:
        return f"samma som i {previous_label}"
    if unit in text.COUNT_UNITS:
        return f"{swedish.number(abs(diff))} {'fler' if diff > 0 else 'färre'} än i {previous_label}"
    return f"{swedish.number(abs(diff), 0, unit)} {'mer' if diff > 0 else 'mindre'} än i {previous_label}"


def bar_summary(dataset: Dataset, measures: list[str], category: str) -> str:
    """`Störst: Kommunala platser (447). Minst: Privata sektorn (39).` per measure."""
    frame = dataset.frame
    sentences = []
    for measure in measures:
        pairs = [(v, str(c)) for v, c in zip(frame[measure], frame[category]) if not swedish.is_missing(v)]
        title = dataset.field(measure)["title"]
        if not pairs:
            sentences.append(f"{title}: {swedish.MISSING_TEXT}.")
            continue
        high, low = max(pairs), min(pairs)
        total = sum(v for v, _ in pairs)
        sentence = f"{title}: störst är {high[1]} ({text.value_text(dataset, measure, high[0])})"
        if len(pairs) > 1:
            sentence += f", minst {low[1]} ({text.value_text(dataset, measure, low[0])})"
        sentences.append(sentence + f"; sammanlagt {text.value_text(dataset, measure, total)}.")
    return " ".join(sentences)
