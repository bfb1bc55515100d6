"""Sentences generated from data: values with units, changes in words, chart summaries.

Words are chosen by unit: counts get "fler/färre", amounts "högre/lägre",
shares "procentenheter", so the sentence stays right whatever the data says.
"""

from __future__ import annotations

from ..data.dataset import Dataset
from ..formats import swedish
from . import comparison


def value_text(dataset: Dataset, name: str, value, unit: bool = True) -> str:
    """`176`, `1 551 tkr`, `6,4 %`: a figure as running text writes it."""
    spec = dataset.field(name)
    return swedish.number(value, dataset.decimals(name), spec.shown_unit if unit else None)


def change_words(dataset: Dataset, name: str, current, previous, previous_label: str) -> str:
    """`32 färre än i aug 2021`, `129 tkr lägre än …`, `0,3 procentenheter högre än …`."""
    places = dataset.decimals(name)
    return comparison.change_phrase(comparison.difference(current, previous, places), dataset.field(name).unit, places, previous_label)


def change_phrase(current, previous, unit: str | None, places: int, previous_label: str) -> str:
    """The change in words, chosen by unit (models/comparison.py says how)."""
    return comparison.change_phrase(comparison.difference(current, previous, places), unit, places, previous_label)


def percent_change(current, previous) -> str | None:
    """`−15,4 %`, or None where there is nothing to compare with."""
    if swedish.is_missing(current) or swedish.is_missing(previous) or float(previous) == 0:
        return None
    return swedish.number((float(current) - float(previous)) / float(previous) * 100, 1, "%", sign=True)


def extremes(dataset: Dataset, name: str, labels: list[str], values: list) -> str:
    """`Högst var 230 (mars 2021) och lägst 167 (juli 2022).` over the shown values."""
    pairs = [(v, label) for v, label in zip(values, labels) if not swedish.is_missing(v)]
    if len(pairs) < 2:
        return ""
    high = max(pairs, key=lambda p: p[0])
    low = min(pairs, key=lambda p: p[0])
    return (
        f"Högst var {value_text(dataset, name, high[0])} ({high[1]}) "
        f"och lägst {value_text(dataset, name, low[0])} ({low[1]})."
    )


def trend_summary(dataset: Dataset, measure: str) -> str:
    """The latest reported month, its change from a year earlier, and the series' extremes."""
    spec = dataset.field(measure)
    latest = dataset.latest_reported(measure)
    if latest is None:  # not one figure: said as a sentence, never "… var uppgift saknas i …"
        return f"Uppgift saknas för {mid_sentence(spec.title)} {period_words(dataset.periods)}."
    against = comparison.year_on_year(dataset, measure, latest)
    sentence = f"{spec.title} var {value_text(dataset, measure, against.current)} i {swedish.month_long(latest)}"
    if against.reaches_back:
        sentence += ", " + against.words(swedish.month_long(against.earlier))
    labels = [swedish.month_short(p) for p in dataset.periods]
    return f"{sentence}. " + extremes(dataset, measure, labels, list(dataset.frame[measure]))


def mid_sentence(title: str) -> str:
    """A title inside a sentence: "antal hushåll", but "KAA-unga" and "IRIS" as written."""
    return title[:1].lower() + title[1:] if title[1:2].islower() else title


def period_words(periods: list[str]) -> str:
    """`i september 2024`, or `under hela perioden mars 2021–september 2024`."""
    if not periods:
        return ""
    first, last = swedish.month_long(periods[0]), swedish.month_long(periods[-1])
    return f"i {last}" if first == last else f"under hela perioden {first}–{last}"


def breakdown_summary(dataset: Dataset, measures: list[str], names: list[str]) -> str:
    """`Deltagare: störst är Kommunala platser (447), minst Privata sektorn (39).` per measure,
    over the rows named `names` (the main rows of a breakdown)."""
    frame = dataset.frame
    sentences = []
    for measure in measures:
        values = list(frame[measure])
        pairs = [(v, c) for v, c in zip(values, names) if not swedish.is_missing(v)]
        title = dataset.field(measure).title
        if not pairs:
            sentences.append(f"{title}: {swedish.MISSING_TEXT}.")
            continue
        high = max(pairs, key=lambda p: p[0])
        low = min(pairs, key=lambda p: p[0])
        sentence = f"{title}: störst är {high[1]} ({value_text(dataset, measure, high[0])})"
        if len(pairs) > 1:
            sentence += f", minst {low[1]} ({value_text(dataset, measure, low[0])})"
        gaps = [c for v, c in zip(values, names) if swedish.is_missing(v)]
        if gaps:
            sentence += f"; {swedish.MISSING_TEXT} för {', '.join(gaps)}"
        sentences.append(sentence + ".")
    return " ".join(sentences)
