"""Two versions of one dataset compared, value by value: the one comparison the site has.

A pull request's review (models/review.py, scripts/validate.py) compares the branch's
data with main's; "Nytt och ändrat", the Atom feed and the revised-value marks
(pages/changes.py) compare consecutive published versions in main's history. Both ask
this module, so a figure the review calls changed is the figure the site later lists
as revised, with the same old and new text.

A value counts as changed when the site would show it differently: a computed figure
that moved in a decimal the site does not show is the same figure to a reader.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data.dataset import Dataset
from ..formats import swedish
from .sentences import value_text

NEW, REVISED, REMOVED = "ny", "ändrad", "borttagen"


@dataclass(frozen=True)
class ValueChange:
    key: str  # the row: its month (`2022-07`) or its key column's value
    field: str  # the field's name ("" for a removed row)
    kind: str  # NEW, REVISED or REMOVED
    old: str = ""  # the value as the site showed it (`167`, `7,3 tkr`); "" for a new value
    new: str = ""  # as the site shows it now; "" for a removed row
    old_value: object = None  # the raw values, for sentences that compute with them
    new_value: object = None


def rows(dataset: Dataset) -> dict[str, int]:
    """Row key → position: a monthly series by its month, a table by its key column."""
    column = dataset.period_field or dataset.key_field
    return {str(key): position for position, key in enumerate(dataset.frame[column])}


def shown(dataset: Dataset, name: str, value) -> str:
    """A value as the site writes it in running text (`1 551 tkr`, `uppgift saknas`)."""
    spec = dataset.field(name)
    if spec.numeric or spec.computed:
        return value_text(dataset, name, value)
    return swedish.MISSING_TEXT if swedish.is_missing(value) else str(value)


def comparable(dataset: Dataset | None) -> bool:
    return dataset is not None and dataset.schema is not None


def compare(old: Dataset | None, new: Dataset) -> list[ValueChange]:
    """Every shown value of `new` that is new or shown differently than in `old`, in the
    order of `new`'s rows and fields, then every row of `old` that `new` no longer has.
    `old` None (or unreadable): everything is new."""
    found = []
    new_rows = rows(new)
    old_rows = rows(old) if comparable(old) else {}
    names = new.schema.shown_fields
    columns = {name: new.frame[name].tolist() for name in names}
    old_columns = {name: old.frame[name].tolist() for name in names if name in old.frame} if old_rows else {}
    for key, position in new_rows.items():
        at = old_rows.get(key)
        for name in names:
            value = columns[name][position]
            if at is None or name not in old_columns:
                found.append(ValueChange(key, name, NEW, "", shown(new, name, value), None, value))
                continue
            before = old_columns[name][at]
            if _same(before, value):
                continue
            old_text, new_text = shown(old, name, before) if name in old.fields else str(before), shown(new, name, value)
            if old_text != new_text:
                found.append(ValueChange(key, name, REVISED, old_text, new_text, before, value))
    for key in old_rows:
        if key not in new_rows:
            found.append(ValueChange(key, "", REMOVED))
    return found


def revised(old: Dataset | None, new: Dataset) -> list[ValueChange]:
    """Only the values that were there before and are shown differently now: corrections of
    what was published (new months are new, not revisions)."""
    return [c for c in compare(old, new) if c.kind == REVISED] if comparable(old) else []


def renamed_fields(old: Dataset | None, new: Dataset) -> dict[str, str]:
    """The shown fields `new` renamed ({old name: new name}): a field `old` has and `new` lacks, matched to a field
    `new` added whose values are the same in every row both have (a column renamed in the CSV header and the
    schema, adv17d W2); failing that, to the one added field with the same title. A correction made before the
    rename is still the correction of the renamed field's value."""
    if not comparable(old):
        return {}
    gone = [n for n in old.schema.shown_fields if n not in new.fields and n in old.frame]
    added = [n for n in new.schema.shown_fields if n not in old.fields and n in new.frame]
    if not gone or not added:
        return {}
    old_rows, new_rows = rows(old), rows(new)
    common = [(old_rows[k], new_rows[k]) for k in old_rows if k in new_rows]
    found: dict[str, str] = {}
    for name in gone:
        before = old.frame[name].tolist()
        free = [n for n in added if n not in found.values()]
        alike = [n for n in free if common and all(_same(before[i], new.frame[n].tolist()[j]) for i, j in common)]
        if len(alike) > 1:
            alike = [n for n in alike if new.field(n).title == old.field(name).title]
        if not alike:
            alike = [n for n in free if new.field(n).title == old.field(name).title]
        if len(alike) == 1:
            found[name] = alike[0]
    return found


def _same(a, b) -> bool:
    if swedish.is_missing(a) or swedish.is_missing(b):
        return swedish.is_missing(a) and swedish.is_missing(b)
    try:
        return a == b or float(a) == float(b)
    except (TypeError, ValueError):
        return str(a) == str(b)


# ---------------------------------------------------------------- revisions in main's history


@dataclass(frozen=True)
class Revision:
    """A published value that a later commit on main changed: what it was, what it is, when."""

    dataset: str  # the dataset id
    key: str  # the row's month or key
    field: str
    field_title: str  # "Antal hushåll"
    key_label: str  # "juli 2022", or the row's name
    old: str  # as the site showed it before (`167`)
    new: str  # as the site showed it after (`169`)
    date: str  # the revising commit's time, ISO 8601 with offset
    index: int = 0  # the commit's number in the history: orders revisions

    def line(self) -> str:
        """`Antal hushåll, juli 2022: 167 → 169`"""
        return f"{self.field_title}, {self.key_label}: {self.old} → {self.new}"


def revisions_between(old: Dataset | None, new: Dataset, date: str, index: int = 0) -> list[Revision]:
    """The values `new` (a commit at `date`) revised in `old`, as Revisions."""
    return [
        Revision(
            new.id, c.key, c.field, new.field(c.field).title,
            swedish.month_long(c.key) if new.period_field else c.key, c.old, c.new, date, index,
        )
        for c in revised(old, new)
    ]


class Revisions:
    """Every revision found in main's history, looked up by value: what the pages mark."""

    def __init__(self, found: list[Revision]):
        self.found = sorted(found, key=lambda r: r.index)
        self._by_value: dict[tuple[str, str, str], list[Revision]] = {}
        for r in self.found:
            self._by_value.setdefault((r.dataset, r.key, r.field), []).append(r)
        self._datasets = frozenset(r.dataset for r in self.found)

    def of(self, dataset: str, key: str, field: str) -> list[Revision]:
        """The revisions of one value, oldest first (empty: never revised)."""
        return self._by_value.get((dataset, key, field), [])

    def until(self, index: int) -> Revisions:
        """Only the revisions made at or before commit `index`: what an edition knew."""
        return Revisions([r for r in self.found if r.index <= index])

    def datasets(self) -> frozenset[str]:
        """The datasets with a revised value: every other table is left alone at once."""
        return self._datasets

    def __bool__(self) -> bool:
        return bool(self.found)
