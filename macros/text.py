"""Sentences generated from data: values with units, changes in words, chart summaries.

Words are chosen by unit: counts get "fler/färre", amounts "högre/lägre",
shares "procentenheter", so the sentence stays right whatever the data says.
"""

from __future__ import annotations

from . import swedish
from .data import Dataset

COUNT_UNITS = {"st", "personer", "hushåll", "dygn"}


def decimals(dataset: Dataset, name: str) -> int:
    """Decimals to show: the schema's choice, else 0 for whole numbers and 1 otherwise."""
    memo = ("decimals", name)
    if memo not in dataset.memo:
        spec = dataset.field(name)
        if "decimals" in spec:
            dataset.memo[memo] = spec["decimals"]
        elif spec["type"] == "integer":
            dataset.memo[memo] = 0
        else:
            values = dataset.frame[name].dropna()
            dataset.memo[memo] = 0 if ((values % 1) == 0).all() else 1
    return dataset.memo[memo]


def shown_unit(spec: dict) -> str | None:
    """Counts read better bare ("176"); amounts and shares keep their unit ("1 551 tkr")."""
    unit = spec.get("unit")
    return None if unit in COUNT_UNITS else unit


def value_text(dataset: Dataset, name: str, value, unit: bool = True) -> str:
    spec = dataset.field(name)
    return swedish.number(value, decimals(dataset, name), shown_unit(spec) if unit else None)


def change_words(dataset: Dataset, name: str, current, previous, previous_label: str) -> str:
    """`32 färre än i aug 2021`, `129 tkr lägre än …`, `0,3 procentenheter högre än …`."""
    unit = dataset.field(name).get("unit")
    return change_phrase(current, previous, unit, decimals(dataset, name), previous_label)


def change_phrase(current, previous, unit: str | None, places: int, previous_label: str) -> str:
    """The change in words, chosen by unit: counts fler/färre, shares procentenheter, amounts högre/lägre."""
    if swedish.is_missing(current) or swedish.is_missing(previous):
        return f"jämförelse med {previous_label}: {swedish.MISSING_TEXT}"
    diff = swedish.round_half_up(float(current) - float(previous), places)
    if diff == 0:
        return f"{'lika många' if unit in COUNT_UNITS else 'samma nivå'} som i {previous_label}"
    size = abs(diff)
    if unit in COUNT_UNITS:
        return f"{swedish.number(size, places)} {'fler' if diff > 0 else 'färre'} än i {previous_label}"
    if unit == "%":
        return f"{swedish.number(size, places)} procentenheter {'högre' if diff > 0 else 'lägre'} än i {previous_label}"
    return f"{swedish.number(size, places, unit)} {'högre' if diff > 0 else 'lägre'} än i {previous_label}"


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
