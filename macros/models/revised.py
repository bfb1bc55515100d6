"""Revised values marked where a reader meets them: table cells, key-figure cards, figures in text.

A value staff corrected after it was published (versions.Revisions, from main's history)
gets a visible mark ("r", as statistics agencies mark revised figures) and a note with
the previous value and the date of the correction; a computed figure whose parts were
corrected explains the difference from the source's printed figure by the correction.
The table and card models stay as they are: this module adds to what they made.
"""

from __future__ import annotations

from ..data.dataset import TOTAL, Dataset
from ..formats import swedish
from . import tables, versions
from .versions import Revision, Revisions

MARK = "r"
LEGEND = f"{MARK} = rättad uppgift: fotnoten anger det tidigare värdet och när det rättades."


def said(revisions: list[Revision]) -> str:
    """`rättad 12 september 2022, tidigare 167`; for several corrections each one, oldest first:
    `rättad 3 augusti 2022 (tidigare 165) och 12 september 2022 (tidigare 167)`."""
    if len(revisions) == 1:
        r = revisions[0]
        return f"rättad {swedish.date_long(r.date[:10])}, tidigare {r.old}"
    parts = [f"{swedish.date_long(r.date[:10])} (tidigare {r.old})" for r in revisions]
    return "rättad " + ", ".join(parts[:-1]) + " och " + parts[-1]


def of_value(dataset: Dataset, key: str, field: str, revisions: Revisions) -> list[Revision]:
    """The corrections of one value that still hold: the latest one says what the site shows
    now (a value changed again since, by a later version not yet compared, is not marked)."""
    if key == TOTAL or not field:
        return []
    found = revisions.of(dataset.id, key, field)
    if not found or field not in dataset.frame:
        return []
    if found[-1].new != versions.shown(dataset, field, dataset.value(field, key)):
        return []
    return found


def mark_table(table: tables.Table, dataset: Dataset, revisions: Revisions) -> tables.Table:
    """Mark each corrected cell and footnote it; a computed figure whose parts were corrected
    says so instead of leaving the difference from the source's printed figure unexplained."""
    if dataset.id not in revisions.datasets():
        return table
    for row in table.rows:
        for cell in row.cells:
            found = of_value(dataset, cell.key, cell.field, revisions)
            if found and not cell.missing:
                r = found[-1]
                cell.revised = table.note(f"{r.field_title}, {r.key_label}: {said(found)}.")
                cell.notes.append(cell.revised)  # the mark says "corrected", the note's number where it says how
    if any(cell.revised for row in table.rows for cell in row.cells) and LEGEND not in table.remarks:
        table.remarks.append(LEGEND)
    for d in dataset.discrepancies:
        spec = dataset.fields.get(d.measure)
        if d.key == TOTAL or spec is None or spec.formula is None:
            continue
        parts = [r for name in (*spec.formula.names, d.measure) for r in revisions.of(dataset.id, d.key, name)]
        if not parts:
            continue
        plain = tables.discrepancy_note(dataset, d.measure, d.computed, d.published)
        if plain in table.notes:
            latest = max(parts, key=lambda r: r.index)
            table.notes[table.notes.index(plain)] = tables.discrepancy_note(
                dataset, d.measure, d.computed, d.published, revised_on=swedish.date_long(latest.date[:10]),
            )
    return table


def mark_cards(cards: list, dataset: Dataset, revisions: Revisions) -> list:
    """A card whose value was corrected says so under the value, with the previous value and date."""
    for card in cards:
        found = of_value(dataset, card.key, card.field, revisions)
        if found:
            card.revision = said(found).capitalize() + "."
    return cards


def inline_note(dataset: Dataset, key: str, field: str, revisions: Revisions) -> str:
    """` (rättad 12 september 2022, tidigare 167)` after a figure in running text, or ""."""
    found = of_value(dataset, key, field, revisions)
    return f" ({said(found)})" if found else ""
