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
        return f"rättad {swedish.date_long(swedish.day(r.date))}, tidigare {r.old}"
    parts = [f"{swedish.date_long(swedish.day(r.date))} (tidigare {r.old})" for r in revisions]
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
    says so instead of leaving the difference from the source's printed figure unexplained.
    Where that figure is itself the corrected cell and the source printed what the site showed
    before, the one footnote says both (never two notes that both give the earlier figure)."""
    if dataset.id not in revisions.datasets():
        return table
    explained = _explain_discrepancies(table, dataset, revisions)
    for row in table.rows:
        for cell in row.cells:
            found = of_value(dataset, cell.key, cell.field, revisions)
            if found and not cell.missing:
                r = found[-1]
                note = explained.get((cell.key, cell.field))
                if note and _same(note[1], r.old) and len(found) == 1:
                    cell.revised = note[0]  # already among the cell's notes: it says the date and the earlier figure
                    continue
                cell.revised = table.note(f"{r.field_title}, {r.key_label}: {said(found)}.")
                cell.notes.append(cell.revised)  # the mark says "corrected", the note's number where it says how
    if any(cell.revised for row in table.rows for cell in row.cells) and LEGEND not in table.remarks:
        table.remarks.append(LEGEND)
    return table


def _explain_discrepancies(table: tables.Table, dataset: Dataset, revisions: Revisions) -> dict[tuple[str, str], tuple[int, str]]:
    """Each computed figure whose parts were corrected: its note now says the correction is why
    the source printed another figure. (key, measure) → (the note's number, the printed figure)."""
    explained = {}
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
            position = table.notes.index(plain)
            table.notes[position] = tables.discrepancy_note(
                dataset, d.measure, d.computed, d.published, revised_on=swedish.date_long(swedish.day(latest.date)),
            )
            printed = swedish.number(d.published, dataset.decimals(d.measure), spec.unit)
            explained[(d.key, d.measure)] = (position + 1, printed)
    return explained


def _same(shown: str, other: str) -> bool:
    """Two figures as shown, whatever spaces they are written with (`8,9 tkr`, `8,9\u00a0tkr`)."""
    return "".join(shown.split()) == "".join(other.split())


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
