"""Table models for every table shape; macros/templates/table.html draws them.

Each cell carries its dataset key and field (`data-key`, `data-field`) so tests
find a figure by meaning, not by position. Missing values get an explained
mark, never 0. Computed totals are checked against the source's printed total.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as default

from . import swedish, text
from .data import NUMERIC, TOTAL, Dataset, main_rows

MISSING_MARK = ".."
NOTE_FIELDS = {"del_av", "anmarkning"}
ROW_UNIT = "enhet"  # a column of this name gives each row its own unit (mixed-unit tables)
ASSESSMENT_SYMBOLS = {"Ja": "✓", "Nej": "✗", "Osäkert": "?"}


@dataclass
class Cell:
    text: str
    key: str = ""
    field: str = ""
    numeric: bool = True
    missing: bool = False
    notes: list[int] = default(default_factory=list)
    symbol: str = ""


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
        """Add a footnote; returns its number."""
        self.notes.append(message)
        return len(self.notes)


def header_label(spec: dict, row_units: bool = False) -> str:
    """`Utbetalt försörjningsstöd, tkr` — the unit from the schema, not the page
    (or from each row's `enhet`, shown in its own column)."""
    unit = None if row_units else spec.get("unit")
    if spec.get("computed") and unit:
        return f"{spec['title']}, {unit} (beräknat)"
    return f"{spec['title']}, {unit}" if unit and unit not in text.COUNT_UNITS else spec["title"]



def row_decimals(unit: str, value) -> int:
    """Shares keep one decimal (5,0 %); counts and amounts none unless they have a fraction."""
    if unit == "%":
        return 1
    return 0 if float(value) == int(float(value)) else 1


def value_cell(dataset: Dataset, name: str, value, key: str, row_unit: str | None = None) -> Cell:
    spec = dataset.field(name)
    if spec["type"] not in NUMERIC:
        if swedish.is_missing(value):
            return Cell(MISSING_MARK, key, name, numeric=False, missing=True)
        return Cell(str(value), key, name, numeric=False)
    if swedish.is_missing(value):
        return Cell(MISSING_MARK, key, name, missing=True)
    # The unit stands in the column header (or the row's unit column), so cells hold the bare number.
    places = row_decimals(row_unit, value) if row_unit else text.decimals(dataset, name)
    return Cell(swedish.number(value, places, sign=bool(spec.get("sign"))), key, name)


def formula_words(dataset: Dataset, formula: str) -> str:
    """`utbetalt_tkr / hushall` → `utbetalt försörjningsstöd ÷ antal hushåll`."""
    words = []
    for token in formula.split():
        if token in dataset.fields:
            words.append(dataset.field(token)["title"].lower())
        else:
            words.append({"/": "÷", "-": "−", "*": "×"}.get(token, token))
    return " ".join(words)


def discrepancy_note(dataset: Dataset, measure: str, computed: float, printed: float) -> str:
    spec = dataset.field(measure)
    places = text.decimals(dataset, measure)
    parts = f" ({formula_words(dataset, spec['formula'])})"
    return (
        f"{spec['title']} är beräknat till {swedish.number(computed, places, spec.get('unit'))}{parts}. "
        f"Källan anger {swedish.number(printed, places, spec.get('unit'))}; skillnaden beror på avrundning "
        f"eller ett fel i källan."
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
    key = dataset.period_field or key_field(dataset)
    for spec in dataset.schema["derived"]:
        published = spec.get("published")
        if not published:
            continue
        for row_key, computed, printed in zip(frame[key], frame[spec["name"]], frame[published]):
            cell = cells.get((str(row_key), spec["name"]))
            if cell is None or not swedish.is_missing(computed) or swedish.is_missing(printed):
                continue
            filled = value_cell(dataset, published, printed, str(row_key))
            cell.text, cell.missing = filled.text, False
            cell.notes.append(table.note(f"{spec['title']}: källans uppgift. Den kan inte räknas fram här eftersom delarna saknas."))


def month_table(dataset: Dataset, year: int, measures: list[str], table_id: str) -> Table:
    """Key figures for one year: measures as rows, months as columns, as the reports print them."""
    for name in measures:
        dataset.field(name)
    frame = dataset.frame
    period = dataset.period_field
    rows_of_year = frame[frame[period].str.startswith(f"{year}-")]
    if rows_of_year.empty:
        raise ValueError(f"{dataset.id} har inga månader för {year}")
    months = list(rows_of_year[period])
    columns = [(swedish.month_names()[int(m[5:]) - 1], m, True) for m in months]
    table = Table(table_id, f"{dataset.title}, {year}", "Nyckeltal", columns, [], dataset.id)
    cells = {}
    for name in measures:
        row_cells = []
        for month, value in zip(months, rows_of_year[name].tolist()):
            cell = value_cell(dataset, name, value, month)
            cells[(month, name)] = cell
            row_cells.append(cell)
        table.rows.append(Row(header_label(dataset.field(name)), name, row_cells))
    _attach_discrepancies(table, dataset, cells)
    _attach_computed_note(table, dataset, measures)
    return table


def _attach_computed_note(table: Table, dataset: Dataset, names: list[str]) -> None:
    computed = [dataset.field(n) for n in names if dataset.field(n).get("computed")]
    for spec in computed:
        table.remarks.append(f"{spec['title']} räknas fram av webbplatsen: {formula_words(dataset, spec['formula'])}.")


def key_field(dataset: Dataset) -> str:
    key = dataset.schema.get("primaryKey")
    return key[0] if key else dataset.schema["fields"][0]["name"]


def data_table(dataset: Dataset, columns: list[str] | None, total: bool, table_id: str, caption: str | None = None) -> Table:
    """One row per record; optional total row computed over the main rows and
    checked against the total the source printed (`published_totals`)."""
    frame = dataset.frame
    key = key_field(dataset)
    published = {d.get("published") for d in dataset.schema["derived"]}
    if columns is None:
        columns = [n for n in dataset.fields if n != key and n not in NOTE_FIELDS and n not in published]
    specs = [dataset.field(n) for n in columns]
    row_units = ROW_UNIT in frame
    header = [(header_label(s, row_units), s["name"], s["type"] in NUMERIC or s.get("computed", False)) for s in specs]
    table = Table(table_id, caption or dataset.title, dataset.field(key)["title"], header, [], dataset.id)
    cells = {}
    values = {n: frame[n].tolist() for n in {key, *columns, *NOTE_FIELDS, ROW_UNIT} if n in frame}  # plain lists: no pandas per cell
    notes = values.get("anmarkning", [None] * len(frame))
    for position, row_key in enumerate(str(k) for k in values[key]):
        unit = str(values[ROW_UNIT][position]) if row_units else None
        row_cells = []
        for name in columns:
            cell = value_cell(dataset, name, values[name][position], row_key, unit)
            cells[(row_key, name)] = cell
            row_cells.append(cell)
        sub = "del_av" in values and not swedish.is_missing(values["del_av"][position])
        if not swedish.is_missing(notes[position]):
            next((c for c in row_cells if c.numeric), row_cells[0]).notes.append(table.note(str(notes[position])))
        table.rows.append(Row(row_key, row_key, row_cells, sub=sub))
    _attach_discrepancies(table, dataset, cells)
    if total:
        table.total = total_row(table, dataset, columns)
    return table


def total_row(table: Table, dataset: Dataset, columns: list[str]) -> Row:
    """The computed sum of the main rows; where the source printed another total, a footnote."""
    frame = dataset.frame
    main = main_rows(frame)
    differs = {d.measure: d for d in dataset.discrepancies if d.key == TOTAL}
    row_cells = []
    for name in columns:
        spec = dataset.field(name)
        if spec["type"] not in NUMERIC:
            row_cells.append(Cell("", TOTAL, name, numeric=False))
            continue
        values = frame[name][main]
        cell = value_cell(dataset, name, None if values.isna().all() else float(values.sum()), TOTAL)
        if name in differs:
            places = text.decimals(dataset, name)
            d = differs[name]
            cell.notes.append(
                table.note(
                    f"Summan av {spec['title'].lower()} är beräknad till "
                    f"{swedish.number(d.computed, places, spec.get('unit'))}. Källan anger "
                    f"{swedish.number(d.published, places, spec.get('unit'))}."
                )
            )
        row_cells.append(cell)
    if dataset.schema.get("published_totals"):
        table.remarks.append("Summaraden räknas fram av webbplatsen och stämmer med källans summa där inget annat anges.")
    else:
        table.remarks.append("Summaraden räknas fram av webbplatsen.")
    return Row("Summa", TOTAL, row_cells)


def budget_table(dataset: Dataset, table_id: str) -> Table:
    """Outcome, budget, deviation (computed outcome − budget), forecast, with a sum row."""
    deviation = next((d for d in dataset.schema["derived"] if "-" in d["formula"]), None)
    if deviation is None:
        raise ValueError(f"{dataset.id}: en budgettabell behöver ett beräknat fält 'utfall - budget' i schemat")
    outcome, budget = [part.strip() for part in deviation["formula"].split("-", 1)]
    published = {d.get("published") for d in dataset.schema["derived"]}
    rest = [
        n for n in dataset.fields
        if n not in {outcome, budget, deviation["name"], key_field(dataset)} | NOTE_FIELDS | published
    ]
    return data_table(dataset, [outcome, budget, deviation["name"], *rest], True, table_id)


def goal_table(dataset: Dataset, columns: list[str] | None, assessment: str, table_id: str) -> Table:
    """Goals with outcome and an assessment shown as symbol and word, never colour alone."""
    dataset.field(assessment)
    table = data_table(dataset, columns, False, table_id)
    for row in table.rows:
        for cell in row.cells:
            if cell.field == assessment and not cell.missing:
                cell.symbol = ASSESSMENT_SYMBOLS.get(cell.text, "")
    return table


def chart_table(dataset: Dataset, figure: dict, names: list[str], table_id: str, caption: str, corner: str) -> Table:
    """The table alternative of a chart: exactly the plotted values, one row per x.
    Each cell keeps the dataset row key (the trace's customdata) and field it shows."""
    traces = figure["data"]
    xs = []
    for trace in traces:
        for x in trace["x"]:
            if x not in xs:
                xs.append(x)
    columns = [(t["name"], t["name"], True) for t in traces]
    table = Table(table_id, caption, corner, columns, [], dataset.id)
    points = [{px: (key, y) for px, key, y in zip(t["x"], t["customdata"], t["y"])} for t in traces]
    for x in xs:
        label = swedish.month_short(x) if corner == "Månad" and len(x) == 10 else x
        cells = []
        for by_x, name in zip(points, names):
            key, value = by_x.get(x, ("", None))
            cells.append(value_cell(dataset, name, value, key))
        table.rows.append(Row(label, label, cells))
    return table
