"""Every row of a staff CSV checked against its schema: header, cell types, constraints,
keys and month order. Every problem is collected with file, line and column; none is raised."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io

import pandas as pd

from ..formats.swedish import is_missing
from .periods import months_between
from .problems import Problem
from .reading import parse_cell, sniff_delimiter
from .schema import Field, Schema


class RowChecker:
    """Walks one file's rows, typing cells and collecting every problem."""

    def __init__(self, where: str, schema: Schema, today: dt.date):
        self.where, self.schema, self.today = where, schema, today
        self.specs = {f.name: f for f in schema.columns}
        self.problems: list[Problem] = []

    def add(self, line: int, column: int, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(self.where, line, column, message, severity))

    def run(self, text: str) -> pd.DataFrame:
        names = list(self.specs)
        if not text.strip():
            sep = ";"
            self.add(1, 1, f"Filen är tom. Den ska börja med rubrikraden: {sep.join(names)}")
            return pd.DataFrame(columns=names)
        first = text.splitlines()[0]
        delimiter = sniff_delimiter(first)
        decimal = "." if delimiter == "," else ","
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        header = [h.strip() for h in next(reader)]
        columns = self.check_header(header, delimiter)
        records, lines = [], []
        for row in reader:
            line = reader.line_num  # a physical line, even after a quoted line break
            if not any(cell.strip() for cell in row):
                continue  # Excel's trailing ";;;;" rows carry nothing
            if len(row) != len(header):
                self.add(line, min(len(row), len(header)) + 1, self.width_message(len(row), len(header), delimiter))
                continue
            records.append(self.check_row(line, row, columns, decimal))
            lines.append(line)
        if not records and not self.problems:
            self.add(2, 1, "Filen har bara en rubrikrad. Lägg till minst en rad med värden.")
        frame = self.to_frame(records)
        self.check_keys(frame, lines)
        return frame

    def width_message(self, got: int, want: int, delimiter: str) -> str:
        name = {";": "semikolon", ",": "komma", "\t": "tabb"}[delimiter]
        hint = (
            " Ett tal med decimalkomma måste stå inom citattecken (\"8,8\") när kolumnerna skiljs med komma."
            if delimiter == ","
            else ""
        )
        return f"Raden har {got} värden men rubrikraden har {want} (kolumnerna skiljs med {name}).{hint}"

    def check_header(self, header: list[str], delimiter: str) -> dict[int, Field]:
        columns = {}
        for index, name in enumerate(header, start=1):
            if name in self.specs:
                if any(spec is self.specs[name] for spec in columns.values()):
                    self.add(1, index, f'Kolumnen "{name}" finns två gånger. Ta bort den ena.')
                columns[index] = self.specs[name]
                continue
            guess = difflib.get_close_matches(name, list(self.specs), n=1)
            hint = f' Menar du "{guess[0]}"?' if guess else ""
            self.add(1, index, f'Okänd kolumn "{name}".{hint} Tillåtna kolumner: {", ".join(self.specs)}.')
        for name, spec in self.specs.items():
            if name not in header and spec.required:
                self.add(1, len(header) + 1, f'Kolumnen "{name}" ({spec.title}) saknas i rubrikraden. Lägg till den.')
        return columns

    def check_row(self, line: int, row: list[str], columns: dict[int, Field], decimal: str) -> dict:
        record = {}
        missing = self.schema.missing_values
        for index, spec in columns.items():
            text = row[index - 1]
            name = spec.name
            if text.strip().lower() in missing:
                record[name] = None
                if spec.required:
                    shown = f'"{text.strip()}"' if text.strip() else "tom"
                    self.add(line, index, f'Värde saknas i kolumnen "{name}" ({spec.title}): cellen är {shown}, men värdet krävs.')
                continue
            value, reason = parse_cell(text, spec, decimal)
            if reason:
                self.add(line, index, f'Fel värde "{text.strip()}" i kolumnen "{name}" ({spec.title}): {reason}')
                record[name] = None
                continue
            record[name] = value
            self.check_constraints(line, index, spec, value, text.strip())
        return record

    def check_constraints(self, line: int, index: int, spec: Field, value, text: str) -> None:
        name = spec.name
        if spec.minimum is not None and value < spec.minimum:
            self.add(line, index, f'Värdet {text} i kolumnen "{name}" är mindre än det minsta tillåtna ({spec.minimum:g}).')
        if spec.maximum is not None and value > spec.maximum:
            self.add(line, index, f'Värdet {text} i kolumnen "{name}" är större än det största tillåtna ({spec.maximum:g}).')
        if spec.enum is not None and value not in spec.enum:
            allowed = ", ".join(str(v) for v in spec.enum)
            self.add(line, index, f'"{text}" är inte tillåtet i kolumnen "{name}". Skriv något av: {allowed}.')
        if spec.type == "yearmonth" and value > self.today.strftime("%Y-%m"):
            self.add(line, index, f"Månaden {value} ligger i framtiden (i dag är det {self.today.isoformat()}). Rätta året eller månaden.")

    def to_frame(self, records: list[dict]) -> pd.DataFrame:
        frame = pd.DataFrame.from_records(records, columns=list(self.specs))
        for name, spec in self.specs.items():
            kind = {"integer": "Int64", "number": "Float64"}.get(spec.type, "string")
            frame[name] = frame[name].astype(kind)
        return frame

    def check_keys(self, frame: pd.DataFrame, lines: list[int]) -> None:
        key = list(self.schema.primary_key)
        if not key or frame.empty:
            return
        seen: dict[tuple, int] = {}
        column = list(self.specs).index(key[0]) + 1
        for position, values in enumerate(frame[key].itertuples(index=False)):
            values = tuple(values)
            if any(is_missing(v) for v in values):
                continue
            if values in seen:
                shown = "/".join(str(v) for v in values)
                self.add(
                    lines[position], column,
                    f'"{shown}" finns redan på rad {seen[values]}, men kolumnen "{key[0]}" får bara ha varje värde en gång. '
                    f"Ta bort den ena raden eller rätta värdet.",
                )
            else:
                seen[values] = lines[position]
        period = next((f for f in key if self.specs[f].type == "yearmonth"), None)
        if period and len(key) == 1:
            self.check_months(frame[period].tolist(), lines, column)

    def check_months(self, months: list, lines: list[int], column: int) -> None:
        previous, previous_line = None, None
        for month, line in zip(months, lines):
            if is_missing(month):
                continue
            if previous and month < previous:
                self.add(line, column, f"Månaden {month} står efter {previous} (rad {previous_line}). Raderna ska stå i tidsordning, äldst först.")
                continue
            if previous and previous < month <= self.today.strftime("%Y-%m"):
                gap = months_between(previous, month)
                if gap:
                    shown = ", ".join(gap) if len(gap) <= 3 else f"{gap[0]} … {gap[-1]} ({len(gap)} månader)"
                    self.add(
                        line, column,
                        f"Det saknas månader mellan {previous} och {month}: {shown}. "
                        f"Lägg till dem (skriv x där värdet saknas) om glappet inte är avsiktligt.",
                        "warning",
                    )
            previous, previous_line = month, line
