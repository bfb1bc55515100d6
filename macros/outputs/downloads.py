"""CSV downloads as Swedish Excel opens them, written from typed values.

UTF-8 with BOM, `;` between columns, decimal comma, CRLF line ends; numbers at
full precision (never rounded for display, never a Python repr); a missing value
is written as `..` (as the site's tables show it), never as 0 or as an empty cell
that could be mistaken for one. Text that a spreadsheet would run as a formula
is neutralised as OWASP recommends (a leading apostrophe).
"""

from __future__ import annotations

import csv
import io
import numbers
import re
from decimal import Decimal

from ..data.dataset import Dataset
from ..formats.swedish import is_missing
from ..models.charts import Chart

MISSING = ".."
# A cell a spreadsheet would run: `=1+2`, `@SUM(…)`, `+46 70`, `-x`; a plain `-5` or `+2,5` is a number.
FORMULA_START = re.compile(r"^(?:[=@\t\r]|[+-](?![0-9]+(?:[.,][0-9]+)?$))")


def cell(value) -> str:
    """One typed value as a CSV cell."""
    if is_missing(value):
        return MISSING
    if isinstance(value, str):
        return "'" + value if FORMULA_START.match(value) else value
    if isinstance(value, numbers.Integral):
        return str(int(value))
    # repr is the shortest text that reads back to the same float; Decimal writes it without "e-05".
    text = repr(float(value))
    if "e" in text or not text[-1].isdigit():  # 1e-05, 1e+16, inf: the rest is already plain
        text = format(Decimal(text), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def write_csv(header: list[str], rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([cell(h) for h in header])
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def dataset_csv(dataset: Dataset) -> bytes:
    """Every field of a dataset, the staff's columns and the computed ones, by name."""
    names = list(dataset.fields)
    columns = [dataset.frame[name].tolist() for name in names]
    return write_csv(names, [list(row) for row in zip(*columns)])


def chart_csv(chart: Chart) -> bytes:
    """A chart's data: the category, then one column per series, as its table shows them."""
    header = [chart.category_title] + [s.name for s in chart.series]
    rows = [[label] + [s.values[i] for s in chart.series] for i, label in enumerate(chart.categories)]
    return write_csv(header, rows)
