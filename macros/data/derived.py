"""Figures the site computes (`derived` in the schema) and the source's printed ones they are
checked against: per-row formulas and printed total rows."""

from __future__ import annotations

from ..formats.swedish import is_missing, round_half_up
from .dataset import TOTAL, Dataset, Discrepancy


def compute_derived(dataset: Dataset) -> None:
    """Add each `derived` field (e.g. `utbetalt_tkr / hushall`) as a column, and
    record where the source's printed figure differs from the computed one."""
    frame = dataset.frame
    schema = dataset.schema
    key = schema.period_field or schema.key_field
    numbers = {f.name: frame[f.name].astype("Float64") for f in schema.columns if f.numeric}
    for spec in schema.derived:
        result = spec.formula.evaluate(numbers).astype("Float64")
        frame[spec.name] = result.mask(result.abs() == float("inf"))  # x / 0 has no figure
        numbers[spec.name] = frame[spec.name]
        if not spec.published:
            continue
        places = spec.decimals or 0
        for row, (computed, printed) in enumerate(zip(frame[spec.name], frame[spec.published])):
            if is_missing(computed) or is_missing(printed):
                continue
            if round_half_up(computed, places) != round_half_up(printed, places):
                dataset.discrepancies.append(Discrepancy(row, str(frame[key].iloc[row]), spec.name, float(computed), float(printed)))


def check_totals(dataset: Dataset) -> None:
    """Compare the source's printed total row (`published_totals`) with the sum of the rows."""
    frame = dataset.frame
    main = dataset.main_rows()
    for name, printed in dataset.schema.published_totals.items():
        values = frame[name][main]
        if values.isna().all():
            continue
        computed = float(values.sum())
        places = dataset.field(name).decimals or 0
        if round_half_up(computed, places) != round_half_up(printed, places):
            dataset.discrepancies.append(Discrepancy(-1, TOTAL, name, computed, float(printed)))
