"""What a pull request changes on the site, figure by figure, for the reviewer.

The reviewer approves numbers, not CSV lines: every new or changed value, compared
with the base branch, as the sentence the site will say
(`Antal hushåll sep 2022: 180, 22 färre än i sep 2021`), with values confirmed as
unusual (`1602!`) marked.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data.dataset import Dataset
from ..data.messages import Message
from ..formats import swedish
from . import comparison, versions


@dataclass(frozen=True)
class Change:
    dataset: str  # the dataset id
    key: str  # the row: its month (`2022-09`) or its key column's value
    field: str
    kind: str  # "ny", "ändrad" or "borttagen"
    sentence: str
    confirmed: bool = False  # the staff member confirmed an unusual value with "!"


def changes(base: Dataset | None, head: Dataset) -> list[Change]:
    """Every shown value that is new or different in `head`, and every row that is gone
    (the comparison is versions.compare, the one "Nytt och ändrat" uses too)."""
    found = []
    for c in versions.compare(base, head):
        if c.kind == versions.REMOVED:
            title = base.field(base.key_field).title if not base.period_field else "Raden"
            label = swedish.month_short(c.key) if base.period_field else f"{title} {c.key}"
            found.append(Change(head.id, c.key, "", "borttagen", f"{label}: raden är borttagen"))
            continue
        position = head.row(head.period_field or head.key_field, c.key)
        found.append(Change(
            head.id, c.key, c.field, c.kind, _sentence(head, c), (position, c.field) in head.confirmed,
        ))
    return found


MONTHS_REMOVED = Message(
    "manader-borttagna",
    "{title}: publicerade månader tas bort ({months}). En publicerad månad ska stå kvar; är ett värde fel, rätta "
    "värdet i stället (rättelsen visas under Nytt och ändrat).",
    "Ändringen tar bort månader som redan är publicerade (i granskningen). Låt raderna stå kvar och rätta värdena.",
)
SEVERAL_NEW_MONTHS = Message(
    "flera-nya-manader",
    "{title}: {count} nya månader i samma ändring ({months}). Bara den senaste blir en egen utgåva; lägg till en "
    "månad per ändring om varje månad ska få sin utgåva.",
    "Ändringen lägger till flera månader på en gång (i granskningen). Bara den senaste blir en egen utgåva.",
)


def cautions(base: Dataset | None, head: Dataset) -> list[str]:
    """What the reviewer should stop at beyond the figures: published months taken away, and
    more than one new month in one change (only the latest then becomes an edition of its own)."""
    if base is None or base.schema is None or not head.period_field:
        return []
    base_rows, head_rows = versions.rows(base), versions.rows(head)
    said = []
    gone = [key for key in base_rows if key not in head_rows]
    if gone:
        months = ", ".join(swedish.month_short(k) for k in gone)
        said.append(MONTHS_REMOVED.coded(title=head.title, months=months))
    new = [key for key in head_rows if key not in base_rows]
    if len(new) > 1:
        months = ", ".join(swedish.month_short(k) for k in new)
        said.append(SEVERAL_NEW_MONTHS.coded(title=head.title, count=len(new), months=months))
    return said


def _label(dataset: Dataset, title: str, key: str) -> str:
    """`Antal hushåll sep 2022` for a month, `Utfall, Praktik` for a named row."""
    return f"{title} {swedish.month_short(key)}" if dataset.period_field else f"{title}, {key}"


def _sentence(dataset: Dataset, change: versions.ValueChange) -> str:
    spec, key, value = dataset.field(change.field), change.key, change.new_value
    text = f"{_label(dataset, spec.title, key)}: {change.new}"
    if change.kind == versions.REVISED:
        text += f" (var {change.old})"
    if dataset.period_field and (spec.numeric or spec.computed):
        against = comparison.year_on_year(dataset, change.field, key)
        if against.reaches_back and not swedish.is_missing(value):
            text += ", " + against.words(swedish.month_short(against.earlier))
    return text
