"""A municipality against its similar municipalities and the country, as the chart model draws it.

The data is an ordinary dataset with one row per year and one column per place, each column
with its role in the schema: `home` (the report's municipality), `peer` (a similar one),
`country` (Riket), and `average`, the computed field `mean(<the peers>)`; scripts/kolada.py
writes Kolada's key figures in that shape. From it come
a ranking for the latest year (a sorted bar chart, the municipality standing out by pattern,
bold name and legend as well as colour), a trend over the years, and the sentence a reader
needs first: "Åstorp 3,4 %, liknande kommuner i genomsnitt 3,9 %, riket 2,4 % år 2024".

The average of the similar municipalities is the site's own figure (unweighted, over the ones
with a figure that year, computed by the schema's formula), so the charts say so: "Egen
bearbetning av data från Kolada".
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..data.dataset import Dataset
from ..data.messages import Message
from ..data.schema import Field
from ..formats import swedish
from . import sentences
from .charts import Chart, Group, Series

YEAR = "År"

NO_SUCH_YEAR = Message(
    "jamforelse-ar-saknas", "datasetet {dataset} har inget år {year}; det har {first}–{last}.",
    "En jämförelse ber om ett år (year=) som jämförelsedatasetet inte har. Kontrollera årtalet.",
)
NOT_A_COMPARISON = Message(
    "inte-en-jamforelse",
    "datasetet {dataset} går inte att visa som en jämförelse: {reason}. Ett jämförelsedataset har en rad per år "
    "(en kolumn med type: year som primaryKey) och en kolumn per plats, med role: home för rapportens kommun, "
    "role: peer för varje liknande kommun och gärna role: country för riket, och under derived de liknande "
    "kommunernas genomsnitt med role: average och formula: mean(<de liknande kommunernas kolumner>).",
    "comparison och kolada_comparison visar bara dataset där varje kolumn är en plats med sin roll.",
)


@dataclass
class Comparison:
    dataset: Dataset
    home: Field
    peers: list[Field]
    country: Field | None
    average: Field
    year_field: str
    counted: list[int]  # per row: how many similar municipalities have a figure

    @property
    def measure(self) -> str:
        return self.dataset.schema.measure or self.dataset.title

    @property
    def years(self) -> list[str]:
        return [str(y) for y in self.dataset.frame[self.year_field]]

    def value(self, spec: Field, year: str):
        return self.dataset.value(spec.name, year)

    def latest_year(self) -> str:
        """The newest year with the municipality's own figure (else the newest with any)."""
        known = [y for y in self.years if not swedish.is_missing(self.value(self.home, y))]
        return (known or self.years)[-1]

    def text(self, spec: Field, value) -> str:
        return sentences.value_text(self.dataset, spec.name, value)


def comparison(dataset: Dataset) -> Comparison:
    """The comparison a dataset holds: its places by role, and how many peers each row's average rests on."""
    schema = dataset.schema
    home, peers, country = schema.with_role("home"), schema.with_roles("peer"), schema.with_role("country")
    average = schema.with_role("average")
    year = schema.key_field
    places = [f for f in (home, *peers, average, country) if f is not None]
    reason = (
        "ingen kolumn har role: home" if home is None
        else "ingen kolumn har role: peer" if not peers
        else "inget beräknat fält har role: average" if average is None or not average.computed
        else f"nyckelkolumnen {year!r} är inte ett år (type: year)" if schema.field(year).type != "year"
        else "kolumnerna har olika enheter" if len({f.unit for f in places}) != 1
        else ""
    )
    if reason:
        raise NOT_A_COMPARISON.error(dataset=dataset.id, reason=reason)
    counted = [int(n) for n in dataset.frame[[p.name for p in peers]].notna().sum(axis=1)]
    return Comparison(dataset, home, peers, country, average, year, counted)


AVERAGE_EXTRA_DECIMALS = 2  # the average of whole kronor to the öre, of shares to a thousandth of a percent


def _figure(spec: Field, value) -> float | None:
    """A value as the chart and its download carry it. A computed figure (the average) is rounded
    in decimal to two decimals more than the column shows: 20313/7 kr is 2902,14, not the binary
    float's 2902,1428571428573."""
    if swedish.is_missing(value):
        return None
    if spec.computed and spec.decimals is not None:
        exact = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-(spec.decimals + AVERAGE_EXTRA_DECIMALS)), ROUND_HALF_UP)
        return float(exact)
    return float(value)


def _average_note(c: Comparison, year: str) -> str:
    """When the average rests on fewer than all similar municipalities: which ones lack a figure."""
    row = c.dataset.row(c.year_field, year)
    counted = c.counted[row] if row is not None else 0
    if counted in (0, len(c.peers)):
        return ""
    missing = [p.title for p in c.peers if swedish.is_missing(c.value(p, year))]
    return f" Genomsnittet gäller {counted} av {len(c.peers)} liknande kommuner: {swedish.MISSING_TEXT} för {_listed(missing)}."


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} och {names[-1]}"


def sentence(c: Comparison, year: str) -> str:
    """`Åstorp 3,4 %, liknande kommuner i genomsnitt 3,9 %, riket 2,4 % år 2024.`"""
    parts = [
        f"{c.home.title} {c.text(c.home, c.value(c.home, year))}",
        f"liknande kommuner i genomsnitt {c.text(c.average, c.value(c.average, year))}",
    ]
    if c.country is not None:
        parts.append(f"{c.country.title.lower()} {c.text(c.country, c.value(c.country, year))}")
    return f"{', '.join(parts)} år {year}." + _average_note(c, year)


def ranking_chart(c: Comparison, year: str | None = None) -> Chart:
    """One year (the latest by default) as bars, highest first: the municipality, each similar one,
    their average and the country. The municipality stands out by a pattern, its name in bold
    and its own legend entry as well as by colour; the others are muted."""
    year = str(year) if year is not None else c.latest_year()
    if c.dataset.row(c.year_field, year) is None:
        raise NO_SUCH_YEAR.error(dataset=c.dataset.id, year=year, first=c.years[0], last=c.years[-1])
    places = [(c.home, 0), *((p, 1) for p in c.peers), (c.average, 2), *([(c.country, 2)] if c.country else [])]
    entries = [(spec, kind, c.value(spec, year)) for spec, kind in places]

    def rank(position: int) -> tuple:  # highest first, places without a figure last, ties as listed
        value = entries[position][2]
        return (1, 0.0, position) if swedish.is_missing(value) else (0, -float(value), position)

    entries = [entries[i] for i in sorted(range(len(entries)), key=rank)]
    labels = [spec.title for spec, _kind, _value in entries]
    unit = c.home.unit
    series = Series(
        c.measure, c.home.name, [year] * len(entries),
        [_figure(spec, v) for spec, _k, v in entries],
        fields=[spec.name for spec, _k, _v in entries],
        group_of=[kind for _s, kind, _v in entries],
    )
    others = "Genomsnitt och riket" if c.country else "Genomsnitt"
    return Chart(
        c.dataset, "bar",
        title=f"{c.measure}, {c.home.title} och liknande kommuner år {year} ({unit})",
        category_title="Kommun",
        categories=labels, x=labels, series=[series],
        summary=sentence(c, year),
        period=year,
        anchor=f"{c.dataset.id.split('/')[-1]}-jamforelse",
        groups=[Group(c.home.title, pattern="/", bold=True), Group("Liknande kommuner", muted=True), Group(others, pattern=".")],
        processed="genomsnittet för liknande kommuner",
    )


def trend_chart(c: Comparison) -> Chart:
    """The years as lines: the municipality, the similar municipalities' average and the country."""
    specs = [c.home, c.average, *([c.country] if c.country else [])]
    frame = c.dataset.frame
    shown = [i for i in range(len(frame)) if any(not swedish.is_missing(frame[s.name].iloc[i]) for s in specs)]
    years = [c.years[i] for i in shown]
    series = [
        Series(s.title, s.name, list(years), [_figure(s, v) for v in frame[s.name].iloc[shown]])
        for s in specs
    ]
    return Chart(
        c.dataset, "line",
        title=f"{c.measure}, {years[0]}–{years[-1]} ({c.home.unit})" if years else c.measure,
        category_title=YEAR,
        categories=years, x=years, series=series,
        summary=_trend_sentence(c, specs, years),
        period=f"{years[0]}–{years[-1]}" if years else "",
        anchor=f"{c.dataset.id.split('/')[-1]}-over-tid",
        # The years in order, and named as an array so that a narrow screen shows every other one, level.
        layout={"xaxis": {"type": "category", "categoryorder": "array", "categoryarray": years}},
        processed="genomsnittet för liknande kommuner",
    )


def _trend_sentence(c: Comparison, specs: list[Field], years: list[str]) -> str:
    """`Åstorp: från 4,1 % år 2016 till 3,4 % år 2024. …` for each line, over its own years."""
    said = []
    for spec in specs:
        known = [(y, c.value(spec, y)) for y in years if not swedish.is_missing(c.value(spec, y))]
        if len(known) < 2:
            continue
        (first, a), (last, b) = known[0], known[-1]
        name = "Liknande kommuner i genomsnitt" if spec is c.average else spec.title
        said.append(f"{name}: från {c.text(spec, a)} år {first} till {c.text(spec, b)} år {last}.")
    return " ".join(said)
