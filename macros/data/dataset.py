"""A checked dataset: typed values (missing as <NA>, never 0), its schema, and the
figures where the source's printed value differs from what its parts give."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from .messages import Message
from .problems import Problem, UnknownName, shown
from .schema import PARENT, Field, Schema

TOTAL = "__total__"  # the key of a total row, in discrepancies and on the page

NO_SUCH_FIELD = Message(
    "falt-saknas", "datasetet {dataset} har inget fält {name}.{hint} Det har: {known}.",
    "En sida nämner ett mått eller en kolumn som datasetet inte har. Skriv fältets namn (name i schemat), inte "
    "dess rubrik; meddelandet föreslår det närmaste.",
)
NO_MONTHS = Message(
    "inga-manader", 'datasetet {dataset} har ingen månadskolumn. Ange raden med key=, till exempel key="{example}".',
    "Datasetet har inga månader (det är en tabell med en rad per post). Ange vilken rad som menas med key=.",
)
NO_SUCH_YEAR = Message(
    "ar-saknas", "datasetet {dataset} har inga månader år {year}. Det har åren {years}.",
    "En sida ber om ett år som datasetet inte har några månader för. Kontrollera årtalet.",
)


def close(value, options: list[str], cutoff: float = 0.6) -> str:
    """` Menar du "hushall"?` for the option closest to `value`, or ""."""
    found = difflib.get_close_matches(str(value), [str(o) for o in options], n=1, cutoff=cutoff)
    return f' Menar du "{found[0]}"?' if found else ""


@dataclass
class Discrepancy:
    """A figure the source printed that differs from what its parts give."""

    row: int  # position in the data frame, -1 for a total
    key: str  # the row's period or name (TOTAL for a total), for footnotes
    measure: str  # the computed field's name
    computed: float
    published: float


@dataclass
class Dataset:
    id: str  # `astorp/forsorjningsstod`: data/<id>.csv
    path: Path
    schema: Schema | None
    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    confirmed: set[tuple[int, str]] = field(default_factory=set)  # (row, field) of values confirmed with "!"
    memo: dict = field(default_factory=dict, repr=False)  # per-build answers derived from the data

    # ------------------------------------------------------------ the schema, by name

    @property
    def fields(self) -> dict[str, Field]:
        return self.schema.fields

    def field(self, name: str) -> Field:
        try:
            return self.schema.fields[name]
        except (KeyError, TypeError):
            known = list(self.fields)
            said = NO_SUCH_FIELD.said(dataset=self.id, name=f'"{shown(name)}"', hint=close(name, known), known=", ".join(known))
            raise UnknownName(said.text(), said.code) from None

    @property
    def period_field(self) -> str | None:
        return self.schema.period_field

    @property
    def key_field(self) -> str:
        return self.schema.key_field

    @property
    def title(self) -> str:
        return self.schema.title

    @property
    def source(self) -> str:
        return self.schema.source

    # ------------------------------------------------------------ rows and values

    def row(self, column: str, key: str) -> int | None:
        """The position of the row whose `column` is `key` (looked up in a dict built once)."""
        index = self.memo.get(("rows", column))
        if index is None:
            index = self.memo[("rows", column)] = {str(v): i for i, v in enumerate(self.frame[column])}
        return index.get(str(key))

    def value(self, measure: str, key: str):
        """The value of `measure` in the row named `key` (a month, or the key column's value);
        None where the row does not exist or the value is missing."""
        self.field(measure)
        column = self.period_field or self.key_field
        position = self.row(column, key)
        return None if position is None else self.frame[measure].iloc[position]

    @cached_property
    def years(self) -> list[int]:
        """Every year with a month in the data, in order."""
        return sorted({int(p[:4]) for p in self.periods})

    def no_such_year(self, year):
        """What to say about a year the data has no months for."""
        return NO_SUCH_YEAR.said(dataset=self.id, year=year, years=", ".join(map(str, self.years)))

    @cached_property
    def periods(self) -> list[str]:
        """Every month, in order: made once (each chart and summary asks), never to be changed."""
        return [str(p) for p in self.frame[self.period_field]] if self.period_field else []

    @property
    def latest_period(self) -> str:
        """The last month in the data: the page's default period."""
        if not self.period_field:
            raise NO_MONTHS.error(dataset=self.id, example=shown(self.frame[self.key_field].iloc[0]) if len(self.frame) else "…")
        return str(self.frame[self.period_field].iloc[-1])

    def latest_reported(self, measure: str) -> str | None:
        """The last month that has a value for this measure (months marked x are skipped)."""
        known = self.__dict__.setdefault("_latest_reported", {})  # per instance, as the frame is
        if measure not in known:
            frame = self.frame
            reported = frame[self.period_field][frame[measure].notna()]
            known[measure] = str(reported.iloc[-1]) if len(reported) else None
        return known[measure]

    def main_rows(self) -> pd.Series:
        """Rows that count in a sum: not the "varav" rows (those with `del_av`)."""
        frame = self.frame
        return frame[PARENT].isna() if PARENT in frame else pd.Series(True, index=frame.index)

    def decimals(self, name: str) -> int:
        """Decimals to show: the schema's choice, else 0 for whole numbers and 1 otherwise."""
        memo = ("decimals", name)
        if memo not in self.memo:
            spec = self.field(name)
            if spec.decimals is not None:
                self.memo[memo] = spec.decimals
            elif spec.type == "integer":
                self.memo[memo] = 0
            else:
                values = self.frame[name].dropna()
                self.memo[memo] = 0 if ((values % 1) == 0).all() else 1
        return self.memo[memo]

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)
