"""The figures an edition shows, read back from what was published: its article's running text and tables, and its
chart CSVs. Each figure is named by its dataset, row and field (the page macros write `data-dataset`, `data-key`
and `data-field` on every figure and table cell; a chart CSV follows its table alternative cell by cell), so the
record's check (pages/record._article_forged) can compare every one with the data of the commit the edition
names. A figure the data never has (a sum row, a missing value) is not a claim."""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass

from ..formats import swedish
from ..models import versions
from ..outputs.downloads import cell as csv_cell

_FIGURE = re.compile(r'<span class="value" data-dataset="([^"]*)" data-key="([^"]*)" data-field="([^"]*)">([^<]*)</span>')
_TABLE = re.compile(r'<table class="data-table" id="([^"]*)" data-dataset="([^"]*)">(.*?)</table>', re.S)
_ROW = re.compile(r"<tr[^>]*>(.*?)</tr>", re.S)
_CELL = re.compile(r'<td[^>]* data-key="([^"]*)" data-field="([^"]*)"( data-missing="true")?>(.*?)</td>', re.S)
_MARKS = re.compile(r'<sup[^>]*>.*?</sup>|<span class="symbol"[^>]*>[^<]*</span>\s*', re.S)  # footnote and r marks, symbols
_TAGS = re.compile(r"<[^>]+>")
_DECIMALS = re.compile(r",(\d+)$")


@dataclass(frozen=True)
class Claim:
    """A figure as published (`shown`) and where the data holds it; `kind`: text, table or csv."""

    dataset: str
    key: str
    field: str
    shown: str
    kind: str
    where: str  # for the message: the file and what in it

    def holds(self, dataset, value) -> bool:
        """Whether the published figure is `value` (`dataset`'s own, unrounded) as the site writes it there."""
        if self.kind == "text":
            return _same_figure(versions.shown(dataset, self.field, value), self.shown)
        if swedish.is_missing(value):
            return True  # not judged: a table or chart shows what the site made of other columns (a total of its parts)
        if self.kind == "csv":
            return csv_cell(value) == self.shown
        spec = dataset.field(self.field)
        if not (spec.numeric or spec.computed):  # a text column (a row's unit, a remark): as written
            return str(value) == self.shown
        places = _DECIMALS.search(self.shown)  # a table cell holds the bare number, its unit in the column's head
        try:
            return swedish.number(value, len(places.group(1)) if places else 0, sign=self.shown.startswith("+")) == self.shown
        except (TypeError, ValueError):
            return False


def claims(article: str, csv_files: dict[str, bytes]) -> tuple[list[Claim], str]:
    """(every figure the article and its chart CSVs claim, why the CSVs do not follow their tables: "" if they do)."""
    found = [Claim(d, k, f, html.unescape(shown).strip(), "text", "artikel.html")
             for d, k, f, shown in dict.fromkeys(_FIGURE.findall(article))]
    tables = {}
    for table_id, dataset, body in _TABLE.findall(article):
        rows = []
        for row in _ROW.findall(body.split("<tbody>", 1)[-1].split("</tbody>", 1)[0]):
            cells = []
            for key, name, missing, inner in _CELL.findall(row):
                text = "" if missing else html.unescape(_TAGS.sub("", _MARKS.sub("", inner))).strip()
                cells.append((key, name, text))
                if key and text and not missing:
                    found.append(Claim(dataset, key, name, text, "table", f"artikel.html, tabellen {table_id}"))
            rows.append(cells)
        tables[table_id] = (dataset, rows)
    for name, content in sorted(csv_files.items()):
        table = tables.get(name.removesuffix(".csv") + "-tabell")
        if table is None:
            return found, f"{name} hör inte till något diagram i artikel.html"
        dataset, rows = table
        try:
            lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))[1:]
        except (UnicodeDecodeError, csv.Error):
            return found, f"{name} går inte att läsa som CSV"
        if len(lines) != len(rows) or any(len(line) != len(cells) + 1 for line, cells in zip(lines, rows)):
            return found, f"{name} har inte samma rader och kolumner som diagrammets tabell i artikel.html"
        for line, cells in zip(lines, rows):
            for value, (key, field, text) in zip(line[1:], cells):
                if not key:
                    if value != "..":  # a missing value is written as ".." (outputs/downloads.py)
                        return found, f"{name} visar {value} där diagrammets tabell saknar uppgift"
                    continue
                found.append(Claim(dataset, key, field, value, "csv", name))
    return found, ""


def _same_figure(value: str, shown: str) -> bool:
    """Whether the article's figure `shown` is `value` as the site writes it (also without its unit: `value(…,
    unit=False)`)."""
    rest = value[len(shown):] if value.startswith(shown) else None
    return value == shown or bool(rest) and rest[0].isspace() and not any(c.isdigit() for c in rest)
