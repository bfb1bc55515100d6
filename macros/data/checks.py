"""Every row of a staff CSV checked against its schema: header, cells, types, constraints,
keys, month order and plausibility. Every problem is collected with file, line and column;
none is raised, whatever bytes the file holds, and the work is bounded by the file's size."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io

import pandas as pd

from ..formats.swedish import is_missing, number
from . import plausibility
from .periods import months_between
from .problems import Problem, char_name, first_invisible, is_invisible, shown
from .reading import MISSING_LIKE, excel_fix, month_fix, parse_cell, sniff_delimiter
from .schema import Field, Schema

MAX_PROBLEMS = 50  # per file: enough to see the pattern, and a bound on the output
MAX_CELL = 1000  # characters; a cell is a figure, a month or a short text
MAX_EXTRA_COLUMNS = 20  # a header this much wider than the schema is the wrong file
FIELD_LIMIT = 131_072  # characters Python's csv reads in one cell; set on every read (frictionless raises it process-wide)
CONFIRM = "!"  # `1602!`: "this unusual value is right", written in the cell itself


class RowChecker:
    """Walks one file's rows, typing cells and collecting every problem."""

    def __init__(self, where: str, schema: Schema, today: dt.date):
        self.where, self.schema, self.today = where, schema, today
        self.specs = {f.name: f for f in schema.columns}
        self.problems: list[Problem] = []
        self.dropped = 0
        self.lines: list[int] = []  # the file line of each row read
        self.texts: list[dict[str, str]] = []  # each row's numeric cells as written
        self.confirmed: set[tuple[int, str]] = set()  # (row, field) marked with "!"
        self.excel_months: list[tuple[int, int, str, str | None]] = []
        self.columns: dict[str, int] = {}  # field name → column number in this file
        self.this_month = today.strftime("%Y-%m")

    def add(self, line: int, column: int, message: str, severity: str = "error") -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.dropped += 1
            return
        self.problems.append(Problem(self.where, line, column, message, severity))

    def run(self, text: str) -> pd.DataFrame:
        frame = self._read(text)
        if self.dropped:
            self.problems.append(Problem(
                self.where, self.problems[-1].line, 1,
                f"… och {number(self.dropped)} problem till i filen, som inte visas. Rätta dem ovan och kör kontrollen igen.",
            ))
        return frame

    def _read(self, text: str) -> pd.DataFrame:
        names = list(self.specs)
        empty = pd.DataFrame(columns=names)
        if not text.strip():
            self.add(1, 1, f"Filen är tom. Den ska börja med rubrikraden: {';'.join(names)}")
            return empty
        delimiter = sniff_delimiter(text[: text.find("\n")] if "\n" in text else text)
        decimal = "." if delimiter == "," else ","
        csv.field_size_limit(FIELD_LIMIT)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            header = [h.strip() for h in next(reader)]
        except csv.Error:
            self.add(1, 1, self.unreadable_message())
            return empty
        if len(header) > len(names) + MAX_EXTRA_COLUMNS:
            self.add(1, 1, (
                f"Rubrikraden har {number(len(header))} kolumner, men schemat har {len(names)}. "
                f"Kontrollera att rätt fil har laddats upp. Rubrikraden ska vara: {';'.join(names)}"
            ))
            return empty
        if not any(header):
            self.add(1, 1, f"Rubrikraden saknar kolumnnamn. Den ska vara: {';'.join(names)}")
            return empty
        columns = self.check_header(header, delimiter)
        self.columns = {spec.name: index for index, spec in columns.items()}
        records = []
        start = 2
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error:
                self.add(start, 1, self.unreadable_message())
                break
            line, end, start = start, reader.line_num, reader.line_num + 1
            if end > line and any("\n" in cell or "\r" in cell for cell in row):
                self.add(line, 1, (
                    f'Ett citattecken (") på raden öppnar en text som fortsätter till rad {end}, '
                    "så raderna emellan läses som en enda cell. Ta bort citattecknet, eller stäng det på samma rad."
                ))
                continue
            if not any(cell.strip() for cell in row):
                continue  # Excel's trailing ";;;;" rows carry nothing
            if len(row) != len(header):
                quoted = next((cell for cell in row if delimiter in cell), None)  # only a quote puts one in a cell
                message = (
                    f'Ett citattecken (") gör att "{shown(quoted.strip(), 40)}" läses som en enda cell, så raden får '
                    f"{number(len(row))} {'värde' if len(row) == 1 else 'värden'} i stället för {len(header)}. "
                    "Ta bort citattecknet."
                    if quoted is not None
                    else self.width_message(len(row), len(header), delimiter)
                )
                self.add(line, min(len(row), len(header)) + 1, message)
                continue
            records.append(self.check_row(line, row, columns, decimal, len(records)))
            self.lines.append(line)
        self.report_excel_months()
        if not records and not self.problems:
            self.add(2, 1, "Filen har bara en rubrikrad. Lägg till minst en rad med värden.")
        frame = self.to_frame(records)
        in_order = self.check_keys(frame)
        if in_order:
            found = plausibility.check(self.schema, frame, self.lines, self.columns, self.texts, self.confirmed, self.missing_marker)
            for line, column, message in found:
                self.add(line, column, message)
        self.check_rules(records)
        return frame

    @staticmethod
    def unreadable_message() -> str:
        return (
            f"Raden går inte att läsa: en cell är längre än {number(FIELD_LIMIT)} tecken. Oftast beror det på "
            'ett citattecken (") som öppnar en text som aldrig stängs, på raden eller ovanför. Ta bort citattecknet, '
            "eller kontrollera att rätt fil har laddats upp."
        )

    def width_message(self, got: int, want: int, delimiter: str) -> str:
        name = {";": "semikolon", ",": "komma", "\t": "tabb"}[delimiter]
        hint = (
            " Ett tal med decimalkomma måste stå inom citattecken (\"8,8\") när kolumnerna skiljs med komma."
            if delimiter == ","
            else ""
        )
        return f"Raden har {number(got)} {'värde' if got == 1 else 'värden'} men rubrikraden har {want} (kolumnerna skiljs med {name}).{hint}"

    def check_header(self, header: list[str], delimiter: str) -> dict[int, Field]:
        columns = {}
        for index, name in enumerate(header, start=1):
            if name in self.specs:
                if any(spec is self.specs[name] for spec in columns.values()):
                    self.add(1, index, f'Kolumnen "{name}" finns två gånger. Ta bort den ena.')
                    continue
                columns[index] = self.specs[name]
                continue
            bad = first_invisible(name)
            if bad is not None:
                clean = "".join(ch for ch in name if not is_invisible(ch))
                if clean in self.specs:
                    self.add(1, index, f'Kolumnnamnet "{shown(name)}" innehåller ett osynligt tecken ({char_name(bad)}). Skriv om det: {clean}.')
                    header[index - 1] = clean  # read the column as what it means, so only this is said
                    columns[index] = self.specs[clean]
                    continue
            guess = difflib.get_close_matches(name, list(self.specs), n=1)
            hint = f' Menar du "{guess[0]}"?' if guess else ""
            self.add(1, index, f'Okänd kolumn "{shown(name)}".{hint} Tillåtna kolumner: {", ".join(self.specs)}.')
        for name, spec in self.specs.items():
            if name not in header:  # a missing optional column would show as "uppgift saknas" everywhere
                values = "" if spec.required else f" (på rader utan uppgift skrivs {self.missing_marker or 'inget'})"
                self.add(1, len(header) + 1, f'Kolumnen "{name}" ({spec.title}) saknas i rubrikraden. Lägg till den och dess värden{values}.')
        return columns

    # ------------------------------------------------------------ cells

    @property
    def missing_marker(self) -> str | None:
        """What to write for a value that is missing: x where the schema allows it."""
        markers = self.schema.missing_values
        return "x" if "x" in markers else next((m for m in sorted(markers) if m), None)

    @property
    def gap_advice(self) -> str:
        marker = self.missing_marker
        return f" En uppgift som saknas skrivs {marker} (i kolumner som får sakna värde)." if marker else ""

    def missing_advice(self, spec: Field) -> str:
        """The one story about missing values, told the same way in every message."""
        if spec.required:
            return (
                "Kolumnen måste ha ett värde på varje rad. Kommer siffran senare: vänta med hela raden tills den finns; "
                "sidan visar under tiden den senaste hela månaden."
            )
        marker = self.missing_marker
        write = f"skriv {marker}" if marker else "lämna cellen tom"
        return f"Saknas uppgiften, {write} (aldrig 0)."

    def check_row(self, line: int, row: list[str], columns: dict[int, Field], decimal: str, position: int) -> dict:
        record: dict[str, object] = {}
        texts: dict[str, str] = {}
        missing = self.schema.missing_values
        for index, spec in columns.items():
            text = row[index - 1]
            name, numeric = spec.name, spec.numeric
            record[name] = None
            if len(text) > MAX_CELL:
                self.add(line, index, f'Cellen i kolumnen "{name}" är {number(len(text))} tecken lång; en cell får vara högst {number(MAX_CELL)} tecken. Kontrollera att rätt fil har laddats upp.')
                continue
            bad = first_invisible(text)
            if bad is not None:
                self.add(line, index, (
                    f'Cellen "{shown(text)}" i kolumnen "{name}" innehåller ett osynligt tecken ({char_name(bad)}), '
                    "ofta från kopiering ur ett annat program. Skriv om cellen för hand."
                ))
                continue
            stripped = typed = text.strip()
            if numeric and len(stripped) > 1 and stripped.endswith(CONFIRM):
                stripped = stripped[:-1].rstrip()
                self.confirmed.add((position, name))
            if stripped.lower() in missing:
                if spec.required:
                    cell = f'"{shown(stripped)}"' if stripped else "tom"
                    self.add(line, index, f'Värde saknas i kolumnen "{name}" ({spec.title}): cellen är {cell}. {self.missing_advice(spec)}')
                continue
            if numeric and stripped.lower() in MISSING_LIKE:
                self.add(line, index, (
                    f'Fel värde "{shown(stripped)}" i kolumnen "{name}" ({spec.title}): "{shown(stripped)}" betyder inte '
                    f'"uppgift saknas" i den här filen. {self.missing_advice(spec)}'
                ))
                continue
            if spec.type == "yearmonth":
                fixed, excel = month_fix(stripped) if stripped else (None, False)
                if excel:
                    self.excel_months.append((line, index, stripped, fixed))
                    continue
            value, reason = parse_cell(stripped, spec, decimal)
            if reason and numeric and stripped.endswith(CONFIRM):
                reason = f"bekräfta ett ovanligt värde med ett enda utropstecken sist, till exempel {shown(stripped.rstrip(CONFIRM + ' '))}{CONFIRM}."
            if reason:
                self.add(line, index, f'Fel värde "{shown(typed)}" i kolumnen "{name}" ({spec.title}): {reason}')
                continue
            if self.check_constraints(line, index, spec, value, stripped):
                record[name] = value  # a value outside its limits is said once, not again as unusual
                if numeric:
                    texts[name] = stripped
        self.texts.append(texts)
        return record

    def report_excel_months(self) -> None:
        """Months Excel turned into dates: said once for the file, with the month each should be."""
        found = self.excel_months
        if not found:
            return
        line, index, text, fixed = found[0]
        spec = next(s for s in self.specs.values() if s.type == "yearmonth")
        column = f'i kolumnen "{spec.name}" ({spec.title})'
        if len(found) == 1:
            example = f" ({fixed})" if fixed else ""
            self.add(line, index, f'Fel värde "{shown(text)}" {column}: Excel har gjort om månaden{example} till ett datum. {excel_fix(fixed)}')
            return
        example = f'"{shown(text)}" ska vara {fixed}' if fixed else f'till exempel "{shown(text)}"'
        lines = f"rad {found[0][0]}–{found[-1][0]}" if len(found) > 2 else f"rad {found[0][0]} och {found[-1][0]}"
        self.add(line, index, (
            f"Excel har gjort om månaderna {column} till datum på {len(found)} rader ({lines}; {example}). "
            f"{excel_fix(fixed)}"
        ))

    def check_constraints(self, line: int, index: int, spec: Field, value, text: str) -> bool:
        """The field's limits, allowed values and (for months) the calendar; True if none was broken."""
        before = len(self.problems) + self.dropped
        name = spec.name
        if spec.minimum is not None and value < spec.minimum:
            self.add(line, index, f'Värdet {shown(text)} i kolumnen "{name}" ({spec.title}) är mindre än det minsta tillåtna ({spec.minimum:g}). Kontrollera tecknet och siffrorna i källan.')
        if spec.maximum is not None and value > spec.maximum:
            self.add(line, index, f'Värdet {shown(text)} i kolumnen "{name}" ({spec.title}) är större än det största tillåtna ({spec.maximum:g}). Kontrollera siffrorna i källan.')
        if spec.enum is not None and value not in spec.enum:
            allowed = ", ".join(str(v) for v in spec.enum)
            self.add(line, index, f'"{shown(text)}" är inte tillåtet i kolumnen "{name}". Skriv något av: {allowed}.')
        if spec.type == "yearmonth" and value > self.this_month:
            self.add(line, index, f"Månaden {value} ligger i framtiden (i dag är det {self.today.isoformat()}). Rätta året eller månaden.")
        elif spec.type == "yearmonth" and value == self.this_month:  # a month's figures exist once it has ended
            self.add(
                line, index,
                f"Månaden {value} har inte tagit slut än (i dag är det {self.today.isoformat()}). Lägg in månaden "
                f"när den är slut och siffrorna finns, eller rätta året eller månaden.",
            )
        return len(self.problems) + self.dropped == before

    def check_rules(self, records: list[dict]) -> None:
        """The schema's row rules (`bistandstagare >= hushall`): a row that breaks one is an error
        at its first column, with the values it read; two columns swapped are often the cause."""
        said = {p.line for p in self.problems}  # a row with a value already questioned is not told twice
        for rule in self.schema.rules:
            for position, record in enumerate(records):
                if self.lines[position] not in said and rule.holds(record) is False:
                    values = ", ".join(f"{name} {self.texts[position].get(name, record[name])}" for name in rule.names)
                    column = self.columns.get(rule.names[0], 1)
                    self.add(self.lines[position], column, (
                        f'Raden uppfyller inte villkoret "{rule.text}" ({values}). {rule.message} '
                        "Kontrollera att värdena står i rätt kolumner."
                    ))

    def to_frame(self, records: list[dict]) -> pd.DataFrame:
        frame = pd.DataFrame.from_records(records, columns=list(self.specs))
        for name, spec in self.specs.items():
            kind = {"integer": "Int64", "year": "Int64", "number": "Float64"}.get(spec.type, "string")
            frame[name] = frame[name].astype(kind)
        return frame

    # ------------------------------------------------------------ rows together

    def check_keys(self, frame: pd.DataFrame) -> bool:
        """Unique keys and months in order; True when the rows form a clean monthly series."""
        key = list(self.schema.primary_key)
        if not key or frame.empty:
            return False
        lines = self.lines
        clean = True
        seen: dict[tuple, int] = {}
        column = list(self.specs).index(key[0]) + 1
        for position, values in enumerate(frame[key].itertuples(index=False)):
            values = tuple(values)
            if any(is_missing(v) for v in values):
                continue
            if values in seen:
                clean = False
                shown_key = "/".join(shown(v) for v in values)
                self.add(
                    lines[position], column,
                    f'"{shown_key}" finns redan på rad {seen[values]}, men kolumnen "{key[0]}" får bara ha varje värde en gång. '
                    f"Ta bort den ena raden eller rätta värdet.",
                )
            else:
                seen[values] = lines[position]
        period = next((f for f in key if self.specs[f].type == "yearmonth"), None)
        if not (period and len(key) == 1):
            return False
        return self.check_months(frame[period].tolist(), lines, column) and clean

    def check_months(self, months: list, lines: list[int], column: int) -> bool:
        """Months in order (an error) and without gaps (a warning); True when in order."""
        in_order = True
        previous, previous_line = None, None
        for month, line in zip(months, lines):
            if is_missing(month):
                continue
            if previous and month < previous:
                in_order = False
                self.add(line, column, f"Månaden {month} står efter {previous} (rad {previous_line}). Raderna ska stå i tidsordning, äldst först.")
                continue
            if previous and previous < month <= self.this_month:
                gap = months_between(previous, month)
                if gap:
                    shown_gap = ", ".join(gap) if len(gap) <= 3 else f"{gap[0]} … {gap[-1]} ({len(gap)} månader)"
                    self.add(
                        line, column,
                        f"Det saknas månader mellan {previous} och {month}: {shown_gap}. "
                        f"Lägg till dem om glappet inte är avsiktligt.{self.gap_advice}",
                        "warning",
                    )
            previous, previous_line = month, line
        return in_order
