"""Table models for every table shape; macros/render/templates/table.html draws them.

Each cell carries its dataset key and field (`data-key`, `data-field`) so tests
find a figure by meaning, not by position. Missing values get an explained
mark, never 0. Computed totals are checked against the source's printed total.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as default

from ..data.dataset import TOTAL, Dataset
from ..data.messages import Message
from ..data.periods import year_before
from ..data.schema import NOTE_FIELDS, PARENT, REMARK, ROW_UNIT, Field
from ..formats import swedish
from . import comparison
from .charts import Chart

MISSING_MARK = ".."
ASSESSMENT_SYMBOLS = {"Ja": "✓", "Nej": "✗", "Osäkert": "?"}

BUDGET_ROLES = Message(
    "budget-roller-saknas",
    "{dataset}: en budgettabell behöver fält med role: outcome, budget och deviation i schemat (saknas: {absent})",
    "budget_table() hittar utfall, budget och avvikelse genom role i schemat. Ange role: outcome, role: budget och "
    "role: deviation på de fälten, eller använd data_table().",
)


@dataclass
class Cell:
    text: str
    key: str = ""
    field: str = ""
    numeric: bool = True
    missing: bool = False
    notes: list[int] = default(default_factory=list)
    symbol: str = ""
    revised: int = 0  # the footnote saying a corrected value's previous value and date (models/revised.py)


@dataclass
class Row:
    label: str
    key: str
    cells: list[Cell]
    sub: bool = False  # a "varav" row, indented and left out of sums


@dataclass
class Table:
    id: str
    caption: str
    corner: str
    columns: list[tuple[str, str, bool]]  # (label, field or key, numeric)
    rows: list[Row]
    dataset: str
    total: Row | None = None
    notes: list[str] = default(default_factory=list)  # numbered footnotes, referenced from cells
    remarks: list[str] = default(default_factory=list)  # how the table is made, unnumbered

    @property
    def has_missing(self) -> bool:
        rows = self.rows + ([self.total] if self.total else [])
        return any(c.missing for r in rows for c in r.cells)

    def note(self, message: str) -> int:
        """Add a footnote, or find the same one already there; returns its number."""
        if message not in self.notes:
            self.notes.append(message)
        return self.notes.index(message) + 1


def header_label(spec: Field, row_units: bool = False) -> str:
    """`Utbetalt försörjningsstöd, tkr` — the unit from the schema, not the page
    (or from each row's `enhet`, shown in its own column)."""
    unit = None if row_units else spec.unit
    if spec.computed and unit:
        return f"{spec.title}, {unit} (beräknat)"
    return f"{spec.title}, {unit}" if unit and unit not in swedish.COUNT_UNITS else spec.title


def row_decimals(unit: str, value) -> int:
    """Shares keep one decimal (5,0 %); counts and amounts none unless they have a fraction."""
    if unit == "%":
        return 1
    return 0 if float(value) == int(float(value)) else 1


def value_cell(dataset: Dataset, name: str, value, key: str, row_unit: str | None = None) -> Cell:
    return cell_maker(dataset, name)(value, key, row_unit)


def cell_maker(dataset: Dataset, name: str):
    """`value_cell` for one column: the field is looked up once, not for every cell."""
    spec = dataset.field(name)
    numeric = spec.numeric or spec.computed

    def make(value, key: str, row_unit: str | None = None) -> Cell:
        if swedish.is_missing(value):
            if not numeric:  # a remark or note left blank: nothing to say, not a missing figure
                return Cell("", key, name, numeric=False)
            return Cell(MISSING_MARK, key, name, numeric=numeric, missing=True)
        if not numeric:
            return Cell(str(value), key, name, numeric=False)
        # The unit stands in the column header (or the row's unit column), so cells hold the bare number.
        places = row_decimals(row_unit, value) if row_unit else dataset.decimals(name)
        return Cell(swedish.number(value, places, sign=spec.sign), key, name)

    return make


def formula_words(dataset: Dataset, spec: Field) -> str:
    """`utbetalt_tkr / hushall` → `utbetalt försörjningsstöd ÷ antal hushåll`."""
    return spec.formula.words(lambda name: dataset.field(name).title)


def discrepancy_note(dataset: Dataset, measure: str, computed: float, printed: float, revised_on: str | None = None) -> str:
    """Why the site's figure is not the one the source printed: the site computes it from the
    parts; where a part was corrected after publication (`revised_on`, a date), that is why."""
    spec = dataset.field(measure)
    places = dataset.decimals(measure)
    computed_text, printed_text = swedish.number(computed, places, spec.unit), swedish.number(printed, places, spec.unit)
    if revised_on:
        return (
            f"{spec.title} är beräknat till {computed_text} ({formula_words(dataset, spec)}) med uppgifterna som "
            f"rättades {revised_on}. Källan anger {printed_text}, räknat på uppgifterna före rättelsen."
        )
    return (
        f"{spec.title} är beräknat till {computed_text} ({formula_words(dataset, spec)}). "
        f"Källan anger {printed_text}; webbplatsen visar det värde som delarna ger."
    )


def _attach_discrepancies(table: Table, dataset: Dataset, cells: dict[tuple[str, str], Cell]) -> None:
    _show_printed_where_not_computable(table, dataset, cells)
    for d in dataset.discrepancies:
        cell = cells.get((d.key, d.measure))
        if cell is not None:
            cell.notes.append(table.note(discrepancy_note(dataset, d.measure, d.computed, d.published)))


def _show_printed_where_not_computable(table: Table, dataset: Dataset, cells: dict[tuple[str, str], Cell]) -> None:
    """Where the parts are missing the site cannot compute a figure; show the source's, and say so."""
    frame = dataset.frame
    key = dataset.period_field or dataset.key_field
    for spec in dataset.schema.derived:
        if not spec.published:
            continue
        for row_key, computed, printed in zip(frame[key], frame[spec.name], frame[spec.published]):
            cell = cells.get((str(row_key), spec.name))
            if cell is None or not swedish.is_missing(computed) or swedish.is_missing(printed):
                continue
            filled = value_cell(dataset, spec.published, printed, str(row_key))
            cell.text, cell.missing = filled.text, False
            cell.notes.append(table.note(f"{spec.title}: källans uppgift. Den kan inte räknas fram här eftersom delarna saknas."))


def month_table(dataset: Dataset, year: int, measures: list[str], table_id: str) -> Table:
    """Key figures for one year: measures as rows, months as columns, as the reports print them."""
    specs = [dataset.field(name) for name in measures]
    frame = dataset.frame
    period = dataset.period_field
    rows_of_year = frame[frame[period].str.startswith(f"{year}-")]
    if rows_of_year.empty:
        raise dataset.no_such_year(year).error()
    months = list(rows_of_year[period])
    columns = [(swedish.month_names()[int(m[5:]) - 1], m, True) for m in months]
    table = Table(table_id, f"{dataset.title}, {year}", "Nyckeltal", columns, [], dataset.id)
    cells = {}
    for spec in specs:
        row_cells = []
        make = cell_maker(dataset, spec.name)
        for month, value in zip(months, rows_of_year[spec.name].tolist()):
            cell = make(value, month)
            cells[(month, spec.name)] = cell
            row_cells.append(cell)
        table.rows.append(Row(header_label(spec), spec.name, row_cells))
    _attach_discrepancies(table, dataset, cells)
    for spec in specs:
        if spec.computed:
            table.remarks.append(f"{spec.title} räknas fram av webbplatsen: {formula_words(dataset, spec)}.")
    return table


def year_on_year_table(dataset: Dataset, period: str, measures: list[str], table_id: str) -> Table:
    """A monthly series' month against the same month a year earlier: measures as rows,
    the two months and the change as columns. The change is computed here (new − earlier)."""
    earlier = year_before(period)
    specs = [dataset.field(name) for name in measures]
    columns = [
        (swedish.month_long(period).capitalize(), period, True),
        (swedish.month_long(earlier).capitalize(), earlier, True),
        ("Förändring", "", True),
    ]
    caption = f"{dataset.title}: {swedish.month_long(period)} jämfört med {swedish.month_long(earlier)}"
    table = Table(table_id, caption, "Nyckeltal", columns, [], dataset.id)
    for spec in specs:
        against = comparison.year_on_year(dataset, spec.name, period)
        cells = [value_cell(dataset, spec.name, against.current, period), value_cell(dataset, spec.name, against.previous, earlier)]
        if against.difference is None:
            cells.append(Cell(MISSING_MARK, numeric=True, missing=True))
        else:
            cells.append(Cell(against.difference_text()))
        table.rows.append(Row(header_label(spec), spec.name, cells))
    table.remarks.append("Förändringen räknas fram av webbplatsen.")
    return table


def data_table(dataset: Dataset, columns: list[str] | None, total: bool, table_id: str, caption: str | None = None) -> Table:
    """One row per record; optional total row computed over the main rows and
    checked against the total the source printed (`published_totals`)."""
    frame = dataset.frame
    key = dataset.key_field
    columns = dataset.schema.shown_fields if columns is None else columns
    specs = [dataset.field(n) for n in columns]
    row_units = ROW_UNIT in frame
    header = [(header_label(s, row_units), s.name, s.numeric or s.computed) for s in specs]
    table = Table(table_id, caption or dataset.title, dataset.field(key).title, header, [], dataset.id)
    cells = {}
    values = {n: frame[n].tolist() for n in {key, *columns, *NOTE_FIELDS, ROW_UNIT} if n in frame}  # plain lists: no pandas per cell
    notes = values.get(REMARK, [None] * len(frame))
    makers = {name: cell_maker(dataset, name) for name in columns}
    # A month as a reader reads it ("jan 2022"); the row keeps its key ("2022-01") for tests and tools.
    row_label = swedish.month_short if dataset.field(key).type == "yearmonth" else str
    for position, row_key in enumerate(str(k) for k in values[key]):
        unit = str(values[ROW_UNIT][position]) if row_units else None
        row_cells = []
        for name in columns:
            cell = makers[name](values[name][position], row_key, unit)
            cells[(row_key, name)] = cell
            row_cells.append(cell)
        sub = PARENT in values and not swedish.is_missing(values[PARENT][position])
        if not swedish.is_missing(notes[position]):
            next((c for c in row_cells if c.numeric), row_cells[0]).notes.append(table.note(str(notes[position])))
        table.rows.append(Row(row_label(row_key), row_key, row_cells, sub=sub))
    _attach_discrepancies(table, dataset, cells)
    if total:
        table.total = total_row(table, dataset, columns)
    return table


@dataclass
class Total:
    """A column's total as the site shows it, made in one place for the sum row and `total()`."""

    value: float | None
    note: str = ""  # where the source printed another total: what the reader is told, once


def column_total(dataset: Dataset, name: str) -> Total:
    """The sum of the main rows. Where the source printed a total that differs from it only as
    much as rounding each row can (amounts printed in whole tkr: −14 890 from the rows, −14 891
    printed), the source's total is the figure, as in the source's text and charts, and a note
    says what the rows give; any other difference shows the computed sum and the printed one."""
    spec = dataset.field(name)
    values = dataset.frame[name][dataset.main_rows()]
    computed = None if values.isna().all() else float(values.sum())
    printed = next((d for d in dataset.discrepancies if d.key == TOTAL and d.measure == name), None)
    if printed is None:
        return Total(computed)
    places = dataset.decimals(name)
    shown = lambda figure: swedish.number(figure, places, spec.unit)  # noqa: E731
    rounding = 0.5 * int(values.notna().sum()) * 10 ** -places
    if spec.type != "integer" and abs(printed.computed - printed.published) <= rounding + 1e-9:
        return Total(printed.published, f"Källans summa. Raderna, som källan har avrundat, ger tillsammans {shown(printed.computed)}.")
    return Total(computed, f"Summan av {spec.title.lower()} är beräknad till {shown(printed.computed)}. Källan anger {shown(printed.published)}.")


def total_row(table: Table, dataset: Dataset, columns: list[str]) -> Row:
    """The sum of the main rows (column_total); where the source printed another total, a footnote."""
    row_cells = []
    for name in columns:
        spec = dataset.field(name)
        if not (spec.numeric or spec.computed):
            row_cells.append(Cell("", TOTAL, name, numeric=False))
            continue
        total = column_total(dataset, name)
        cell = value_cell(dataset, name, total.value, TOTAL)
        if total.note:
            cell.notes.append(table.note(total.note))
        row_cells.append(cell)
    if dataset.schema.published_totals:
        table.remarks.append("Summaraden räknas fram av webbplatsen och stämmer med källans summa där inget annat anges.")
    else:
        table.remarks.append("Summaraden räknas fram av webbplatsen.")
    return Row("Summa", TOTAL, row_cells)


def budget_table(dataset: Dataset, table_id: str) -> Table:
    """Outcome, budget, deviation (computed outcome − budget), the rest, with a sum row.
    The columns are found by the roles the schema declares (`role: outcome`, …)."""
    roles = {role: dataset.schema.with_role(role) for role in ("outcome", "budget", "deviation")}
    absent = [role for role, spec in roles.items() if spec is None]
    if absent:
        raise BUDGET_ROLES.error(dataset=dataset.id, absent=", ".join(absent))
    first = [spec.name for spec in roles.values()]
    rest = [n for n in dataset.schema.shown_fields if n not in first]
    return data_table(dataset, first + rest, True, table_id)


def goal_table(dataset: Dataset, columns: list[str] | None, assessment: str, table_id: str) -> Table:
    """Goals with outcome and an assessment shown as symbol and word, never colour alone."""
    dataset.field(assessment)
    table = data_table(dataset, columns, False, table_id)
    for row in table.rows:
        for cell in row.cells:
            if cell.field == assessment and not cell.missing:
                cell.symbol = ASSESSMENT_SYMBOLS.get(cell.text, "")
    return table


def chart_table(chart: Chart, table_id: str) -> Table:
    """The table alternative of a chart: exactly the plotted values, one row per category.
    Each cell keeps the dataset row key and the field it shows."""
    dataset = chart.dataset
    columns = [(s.name, s.name, True) for s in chart.series]
    table = Table(table_id, chart.title, chart.category_title, columns, [], dataset.id)
    makers = {name: cell_maker(dataset, name) for s in chart.series for name in {s.field, *(s.fields or ())}}
    for position, label in enumerate(chart.categories):
        cells = [makers[s.field_at(position)](s.values[position], s.keys[position]) for s in chart.series]
        table.rows.append(Row(label, label, cells))
    return table
