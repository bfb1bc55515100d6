"""Every row of a staff CSV checked against its schema: header, cells, types, constraints,
keys, month order and plausibility. Every problem is collected with file, line and column;
none is raised, whatever bytes the file holds, and the work is bounded by the file's size."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re

import pandas as pd

from ..formats.swedish import is_missing, number
from . import plausibility
from .messages import Message, Said
from .periods import NO_SUCH_MONTH, months_between
from .problems import Problem, char_name, first_invisible, is_invisible, shown
from .reading import CELL, MISSING_LIKE, excel_fix, file_decimal, month_fix, parse_cell, sniff_delimiter
from .schema import Field, Schema

MAX_PROBLEMS = 50  # per file: enough to see the pattern, and a bound on the output
MAX_CELL = 1000  # characters; a cell is a figure, a month or a short text
MAX_EXTRA_COLUMNS = 20  # a header this much wider than the schema is the wrong file
FIELD_LIMIT = 131_072  # characters Python's csv reads in one cell; set on every read (frictionless raises it process-wide)
CONFIRM = "!"  # `1602!`: "this unusual value is right", written in the cell itself
STANDALONE = frozenset({NO_SUCH_MONTH.code})  # messages that say their value themselves, without the cell's context

MORE_PROBLEMS = Message(
    "fler-problem", "… och {count} problem till i filen, som inte visas. Rätta dem ovan och kör kontrollen igen.",
    "Kontrollen visar högst 50 problem per fil. Rätta dem som visas och kör kontrollen igen, så visas resten.",
)
EMPTY_FILE = Message(
    "tom-fil", "Filen är tom. Den ska börja med rubrikraden: {header}",
    "Filen innehåller ingenting. Den ska börja med rubrikraden och ha en rad per månad eller post.",
)
UNREADABLE_ROW = Message(
    "rad-olaslig",
    "Raden går inte att läsa: en cell är längre än {limit} tecken. Oftast beror det på ett citattecken (\") som "
    "öppnar en text som aldrig stängs, på raden eller ovanför. Ta bort citattecknet, eller kontrollera att rätt fil "
    "har laddats upp.",
    "Ett citattecken öppnar en text som aldrig stängs, så resten av filen läses som en enda cell. Ta bort citattecknet.",
)
WIDE_HEADER = Message(
    "for-bred-rubrik",
    "Rubrikraden har {got} kolumner, men schemat har {want}. Kontrollera att rätt fil har laddats upp. "
    "Rubrikraden ska vara: {header}",
    "Filen har mycket fler kolumner än schemat: troligen har fel fil laddats upp.",
)
NO_HEADER = Message(
    "rubrik-saknas", "Rubrikraden saknar kolumnnamn. Den ska vara: {header}",
    "Första raden ska vara rubrikraden med kolumnernas namn, exakt som i schemat.",
)
OPEN_QUOTE = Message(
    "citattecken-oppet",
    'Ett citattecken (") på raden öppnar en text som fortsätter till rad {end}, så raderna emellan läses som en '
    "enda cell. Ta bort citattecknet, eller stäng det på samma rad.",
    "Ett citattecken öppnar en text som fortsätter över flera rader. Ta bort citattecknet.",
)
QUOTE_JOINS_CELLS = Message(
    "citattecken-slar-ihop",
    'Ett citattecken (") gör att "{cell}" läses som en enda cell, så raden får {got} {values} i stället för {want}. '
    "Ta bort citattecknet.",
    "En cell inom citattecken kan innehålla kolumnavgränsare, så flera celler läses som en. Ta bort citattecknet.",
)
DELIMITER_NAMES = {";": "semikolon", ",": "komma", "\t": "tabb"}
SEPARATOR_LINE = Message(
    "sep-rad",
    "Första raden, {line}, är en anvisning till Excel och inte en del av tabellen. Ta bort första raden {line}, så "
    "att rubrikraden står först.",
    "Excel skriver ibland en rad sep=; först i filen för att tala om vilket tecken som skiljer kolumnerna. "
    "Webbplatsen läser det själv från rubrikraden: ta bort raden.",
)
HEADER_DELIMITER = Message(
    "rubrikrad-annat-skiljetecken",
    "Rubrikraden skiljer kolumnerna med {header}, men raderna under med {rows}. Skriv rubrikraden med {rows}: {fixed}",
    "Rubrikraden och raderna under den använder olika tecken mellan kolumnerna, oftast för att rubrikraden har "
    "skrivits om för hand. Skriv rubrikraden med samma tecken som raderna.",
)
ROW_WIDTH = Message(
    "fel-antal-varden", "Raden har {got} {values} men rubrikraden har {want} (kolumnerna skiljs med {name}).{hint}",
    "Raden har fler eller färre värden än rubrikraden har kolumner. Kontrollera att varje värde står i sin kolumn "
    "och att inget semikolon saknas eller är för mycket.",
)
HEADER_AGAIN = Message(
    "rubrikrad-igen", "Rubrikraden står en gång till här, mitt bland raderna. Ta bort raden.",
    "Rubrikraden har kommit med en gång till, oftast när rader klistrats in från en annan fil. Ta bort den.",
)
ONLY_HEADER = Message(
    "bara-rubrik", "Filen har bara en rubrikrad. Lägg till minst en rad med värden.",
    "Filen har en rubrikrad men inga värden. Lägg till raderna.",
)
DUPLICATE_COLUMN = Message(
    "dubbel-kolumn", 'Kolumnen "{name}" finns två gånger. Ta bort den ena.',
    "Samma kolumnnamn står två gånger i rubrikraden. Ta bort den ena kolumnen och dess värden.",
)
INVISIBLE_IN_HEADER = Message(
    "osynligt-tecken-i-rubrik", 'Kolumnnamnet "{name}" innehåller ett osynligt tecken ({char}). Skriv om det: {clean}.',
    "Ett kolumnnamn innehåller ett tecken som inte syns, oftast från kopiering. Skriv om namnet för hand.",
)
UNKNOWN_COLUMN = Message(
    "okand-kolumn", 'Okänd kolumn "{name}".{hint} Tillåtna kolumner: {allowed}.',
    "Rubrikraden har ett kolumnnamn som schemat inte har. Skriv namnet exakt som i schemat (små bokstäver, utan "
    "å, ä, ö). En ny kolumn läggs först till i schemat.",
)
NAMELESS_COLUMN = Message(
    "kolumn-utan-namn", "Kolumnen saknar namn i rubrikraden{values}. Skriv kolumnens namn ({allowed}) eller ta bort kolumnen.",
    "En kolumn har inget namn i rubrikraden. Excels tomma kolumner sist på raden går bra; en kolumn utan namn "
    "med värden i, eller mitt i raden, måste få sitt namn eller tas bort.",
)
MISSING_COLUMN = Message(
    "kolumn-saknas", 'Kolumnen "{name}" ({title}) saknas i rubrikraden. Lägg till den och dess värden{values}.',
    "En kolumn som schemat har saknas i filen. Lägg till den med samma namn som i schemat.",
)
LONG_CELL = Message(
    "for-lang-cell",
    'Cellen i kolumnen "{name}" är {length} tecken lång; en cell får vara högst {most} tecken. Kontrollera att rätt '
    "fil har laddats upp.",
    "En cell är orimligt lång för ett värde. Oftast har fel fil laddats upp eller något klistrats in av misstag.",
)
INVISIBLE_IN_CELL = Message(
    "osynligt-tecken",
    'Cellen "{value}" i kolumnen "{name}" innehåller ett osynligt tecken ({char}), ofta från kopiering ur ett annat '
    "program. Skriv om cellen för hand.",
    "En cell innehåller ett tecken som inte syns (styrtecken, nollbreddsmellanslag, riktningstecken). Det kommer "
    "oftast med när man kopierar ur ett annat program. Skriv om cellen för hand.",
)
REQUIRED_MISSING = Message(
    "varde-saknas", 'Värde saknas i kolumnen "{name}" ({title}): cellen är {cell}. {advice}',
    "Kolumnen måste ha ett värde på varje rad. Kommer siffran senare: vänta med raden tills den finns.",
)
NOT_A_MISSING_MARK = Message(
    "inte-saknat-markering", '"{mark}" betyder inte "uppgift saknas" i den här filen. {advice}',
    'Ett streck, frågetecken eller ordet "saknas" betyder inte "uppgift saknas" för webbplatsen. Skriv det som '
    "schemat anger under missingValues (oftast x).",
    context=CELL,
)
DOUBLE_CONFIRMATION = Message(
    "dubbelt-utropstecken", "bekräfta ett ovanligt värde med ett enda utropstecken sist, till exempel {fixed}.",
    "Ett ovanligt värde bekräftas med ett enda utropstecken direkt efter talet: 1602!.",
    context=CELL,
)
EXCEL_MONTH = Message(
    "excel-datum", 'Fel värde "{value}" {in_column}: Excel har gjort om månaden{example} till ett datum. {fix}',
    "Excel har gjort om en månad (2022-09) till ett datum (2022-09-01, 9/1/2022, sep-22 eller 44805). Skriv "
    "månaden som text, ÅÅÅÅ-MM, i webbredigeraren eller med en apostrof först i Excel.",
)
EXCEL_MONTHS = Message(
    "excel-datum-flera", "Excel har gjort om månaderna {in_column} till datum på {count} rader ({lines}; {example}). {fix}",
    "Excel har gjort om flera månader till datum. Skriv månaderna som text, ÅÅÅÅ-MM.",
)
BELOW_MINIMUM = Message(
    "under-minimum",
    'Värdet {value} i kolumnen "{name}" ({title}) är mindre än det minsta tillåtna ({limit}). Kontrollera tecknet och siffrorna i källan.',
    "Värdet är mindre än schemats minimum (till exempel ett negativt antal). Kontrollera värdet i källan.",
)
ABOVE_MAXIMUM = Message(
    "over-maximum",
    'Värdet {value} i kolumnen "{name}" ({title}) är större än det största tillåtna ({limit}). Kontrollera siffrorna i källan.',
    "Värdet är större än schemats maximum (till exempel en andel över 100 %). Kontrollera värdet i källan.",
)
NOT_ALLOWED = Message(
    "otillatet-varde", '"{value}" är inte tillåtet i kolumnen "{name}". Skriv något av: {allowed}.',
    "Kolumnen får bara innehålla vissa värden (enum i schemat). Skriv ett av dem, exakt.",
)
FUTURE_MONTH = Message(
    "framtida-manad", "Månaden {value} ligger i framtiden (i dag är det {today}). Rätta året eller månaden.",
    "En månad som inte har kommit än. Oftast ett skrivfel i året.",
)
CURRENT_MONTH = Message(
    "pagaende-manad",
    "Månaden {value} har inte tagit slut än (i dag är det {today}). Lägg in månaden när den är slut och siffrorna "
    "finns, eller rätta året eller månaden.",
    "Månadens siffror finns först när månaden är slut. Lägg in raden då.",
)
RULE_BROKEN = Message(
    "villkor-brutet", 'Raden uppfyller inte villkoret "{rule}" ({values}). {reason} Kontrollera att värdena står i rätt kolumner.',
    "Raden bryter mot ett villkor i schemat (rules), till exempel färre biståndstagare än hushåll. Oftast har två "
    "kolumner bytt plats.",
)
DUPLICATE_KEY = Message(
    "finns-redan",
    '"{key}" finns redan på rad {first}, men kolumnen "{key_column}" får bara ha varje värde en gång. Ta bort den ena '
    "raden eller rätta värdet.",
    "Samma månad (eller samma nyckel) står på två rader. Ta bort den ena raden, eller rätta månaden.",
)
MONTH_ORDER = Message(
    "fel-ordning", "Månaden {month} står efter {previous} (rad {earlier}). Raderna ska stå i tidsordning, äldst först.",
    "Månaderna ska stå i tidsordning, äldst först. Flytta raden.",
)
MONTH_GAP = Message(
    "glapp", "Det saknas månader mellan {previous} och {month}: {gap}. Lägg till dem om glappet inte är avsiktligt.{advice}",
    "En eller flera månader har hoppats över (en varning). Lägg till dem, med x där uppgiften saknas.",
)


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

    def add(self, line: int, column: int, said: Said, severity: str = "error", context: str = "") -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.dropped += 1
            return
        self.problems.append(said.problem(self.where, line, column, severity, context))

    def run(self, text: str) -> pd.DataFrame:
        frame = self._read(text)
        if self.dropped:
            self.problems.append(MORE_PROBLEMS.problem(self.where, self.problems[-1].line, 1, count=number(self.dropped)))
        return frame

    def _read(self, text: str) -> pd.DataFrame:
        names = list(self.specs)
        empty = pd.DataFrame(columns=names)
        if not text.strip():
            self.add(1, 1, EMPTY_FILE.said(header=";".join(names)))
            return empty
        rows = text.splitlines()
        if re.fullmatch(r"\s*sep=.?\s*[;,\t]*", rows[0], re.IGNORECASE):  # Excel's hint line, saved by "CSV (semikolonavgränsad)"
            self.add(1, 1, SEPARATOR_LINE.said(line=shown(rows[0].strip(), 20)))
            return empty
        delimiter = sniff_delimiter(rows[0])
        below = next((row for row in rows[1:] if row.strip()), None)
        if below is not None and sniff_delimiter(below) != delimiter and below.count(sniff_delimiter(below)) + 1 >= len(self.specs) > 1:
            rows_use = sniff_delimiter(below)  # the header rewritten by hand with another mark than the rows
            self.add(1, 1, HEADER_DELIMITER.said(header=DELIMITER_NAMES[delimiter], rows=DELIMITER_NAMES[rows_use],
                                                 fixed=shown(rows_use.join(c.strip() for c in rows[0].split(delimiter)), 200)))
            return empty
        decimal = file_decimal(text, delimiter)
        csv.field_size_limit(FIELD_LIMIT)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            header = [h.strip() for h in next(reader)]
        except csv.Error:
            self.add(1, 1, self.unreadable_message())
            return empty
        if len(header) > len(names) + MAX_EXTRA_COLUMNS:
            self.add(1, 1, WIDE_HEADER.said(got=number(len(header)), want=len(names), header=";".join(names)))
            return empty
        if not any(header):
            self.add(1, 1, NO_HEADER.said(header=";".join(names)))
            return empty
        width = len(header)  # with Excel's empty columns last on the row, which carry nothing: rows may have them or not
        while not header[-1]:
            header.pop()
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
                self.add(line, 1, OPEN_QUOTE.said(end=end))
                continue
            if not any(cell.strip() for cell in row):
                continue  # Excel's trailing ";;;;" rows carry nothing
            if [cell.strip().lower() for cell in row[: len(header)]] == [name.lower() for name in header] and records:
                self.add(line, 1, HEADER_AGAIN.said())  # pasted along with the month's row
                continue
            extra = next((i for i in range(len(header), len(row)) if row[i].strip()), None)
            if extra is not None and extra < width and all(delimiter not in c for c in row):
                self.add(line, extra + 1, NAMELESS_COLUMN.said(
                    values=f' men har värden (rad {line}: "{shown(row[extra], 40)}")', allowed=", ".join(names)))
                continue
            if extra is None:
                row = row[: len(header)]  # empty cells after the last named column carry nothing
            if len(row) != len(header):
                quoted = next((cell for cell in row if delimiter in cell), None)  # only a quote puts one in a cell
                said = (
                    QUOTE_JOINS_CELLS.said(cell=shown(quoted.strip(), 40), got=number(len(row)),
                                           values="värde" if len(row) == 1 else "värden", want=len(header))
                    if quoted is not None
                    else self.width_message(len(row), len(header), delimiter)
                )
                self.add(line, min(len(row), len(header)) + 1, said)
                continue
            records.append(self.check_row(line, row, columns, decimal, len(records)))
            self.lines.append(line)
        self.report_excel_months()
        if not records and not self.problems:
            self.add(2, 1, ONLY_HEADER.said())
        frame = self.to_frame(records)
        in_order = self.check_keys(frame)
        if in_order:
            found = plausibility.check(self.schema, frame, self.lines, self.columns, self.texts, self.confirmed, self.missing_marker)
            for line, column, message in found:
                self.add(line, column, message)
        self.check_rules(records)
        return frame

    @staticmethod
    def unreadable_message() -> Said:
        return UNREADABLE_ROW.said(limit=number(FIELD_LIMIT))

    def width_message(self, got: int, want: int, delimiter: str) -> Said:
        name = {";": "semikolon", ",": "komma", "\t": "tabb"}[delimiter]
        hint = (
            " Ett tal med decimalkomma måste stå inom citattecken (\"8,8\") när kolumnerna skiljs med komma."
            if delimiter == ","
            else ""
        )
        return ROW_WIDTH.said(got=number(got), values="värde" if got == 1 else "värden", want=want, name=name, hint=hint)

    def check_header(self, header: list[str], delimiter: str) -> dict[int, Field]:
        columns = {}
        for index, name in enumerate(header, start=1):
            if name in self.specs:
                if any(spec is self.specs[name] for spec in columns.values()):
                    self.add(1, index, DUPLICATE_COLUMN.said(name=name))
                    continue
                columns[index] = self.specs[name]
                continue
            if not name:
                self.add(1, index, NAMELESS_COLUMN.said(values="", allowed=", ".join(self.specs)))
                continue
            bad = first_invisible(name)
            if bad is not None:
                clean = "".join(ch for ch in name if not is_invisible(ch))
                if clean in self.specs:
                    self.add(1, index, INVISIBLE_IN_HEADER.said(name=shown(name), char=char_name(bad), clean=clean))
                    header[index - 1] = clean  # read the column as what it means, so only this is said
                    columns[index] = self.specs[clean]
                    continue
            guess = difflib.get_close_matches(name, list(self.specs), n=1)
            hint = f' Menar du "{guess[0]}"?' if guess else ""
            self.add(1, index, UNKNOWN_COLUMN.said(name=shown(name), hint=hint, allowed=", ".join(self.specs)))
        for name, spec in self.specs.items():
            if name not in header:  # a missing optional column would show as "uppgift saknas" everywhere
                values = "" if spec.required else f" (på rader utan uppgift skrivs {self.missing_marker or 'inget'})"
                self.add(1, len(header) + 1, MISSING_COLUMN.said(name=name, title=spec.title, values=values))
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
                self.add(line, index, LONG_CELL.said(name=name, length=number(len(text)), most=number(MAX_CELL)))
                continue
            bad = first_invisible(text.strip(" \t"))  # a tab copied along at the edge of a cell carries nothing
            if bad is not None:
                self.add(line, index, INVISIBLE_IN_CELL.said(value=shown(text, strip=False), name=name, char=char_name(bad)))
                continue
            stripped = typed = text.strip()
            if numeric and len(stripped) > 1 and stripped.endswith(CONFIRM):
                stripped = stripped[:-1].rstrip()
                self.confirmed.add((position, name))
            if stripped.lower() in missing:
                if spec.required:
                    cell = f'"{shown(stripped)}"' if stripped else "tom"
                    self.add(line, index, REQUIRED_MISSING.said(name=name, title=spec.title, cell=cell, advice=self.missing_advice(spec)))
                continue
            context = CELL.format(value=shown(typed), name=name, title=spec.title)
            if numeric and stripped.lower() in MISSING_LIKE:
                self.add(line, index, NOT_A_MISSING_MARK.said(mark=shown(stripped), advice=self.missing_advice(spec)), context=context)
                continue
            if spec.type == "yearmonth":
                fixed, excel = month_fix(stripped) if stripped else (None, False)
                if excel:
                    self.excel_months.append((line, index, stripped, fixed))
                    continue
            value, reason = parse_cell(stripped, spec, decimal)
            if reason and numeric and stripped.endswith(CONFIRM):
                reason = DOUBLE_CONFIRMATION.said(fixed=f"{shown(stripped.rstrip(CONFIRM + ' '))}{CONFIRM}")
            if reason:
                self.add(line, index, reason, context="" if reason.code in STANDALONE else context)
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
            self.add(line, index, EXCEL_MONTH.said(value=shown(text), in_column=column, example=example, fix=excel_fix(fixed)))
            return
        example = f'"{shown(text)}" ska vara {fixed}' if fixed else f'till exempel "{shown(text)}"'
        lines = f"rad {found[0][0]}–{found[-1][0]}" if len(found) > 2 else f"rad {found[0][0]} och {found[-1][0]}"
        self.add(line, index, EXCEL_MONTHS.said(in_column=column, count=len(found), lines=lines, example=example, fix=excel_fix(fixed)))

    def check_constraints(self, line: int, index: int, spec: Field, value, text: str) -> bool:
        """The field's limits, allowed values and (for months) the calendar; True if none was broken."""
        before = len(self.problems) + self.dropped
        name = spec.name
        if spec.minimum is not None and value < spec.minimum:
            self.add(line, index, BELOW_MINIMUM.said(value=shown(text), name=name, title=spec.title, limit=f"{spec.minimum:g}"))
        if spec.maximum is not None and value > spec.maximum:
            self.add(line, index, ABOVE_MAXIMUM.said(value=shown(text), name=name, title=spec.title, limit=f"{spec.maximum:g}"))
        if spec.enum is not None and value not in spec.enum:
            allowed = ", ".join(str(v) for v in spec.enum)
            self.add(line, index, NOT_ALLOWED.said(value=shown(text), name=name, allowed=allowed))
        if spec.type == "yearmonth" and value > self.this_month:
            self.add(line, index, FUTURE_MONTH.said(value=value, today=self.today.isoformat()))
        elif spec.type == "yearmonth" and value == self.this_month:  # a month's figures exist once it has ended
            self.add(line, index, CURRENT_MONTH.said(value=value, today=self.today.isoformat()))
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
                    self.add(self.lines[position], column, RULE_BROKEN.said(rule=rule.text, values=values, reason=rule.message))

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
        column = self.columns.get(key[0], 1)  # the key's column in this file, whatever the order
        for position, values in enumerate(frame[key].itertuples(index=False)):
            values = tuple(values)
            if any(is_missing(v) for v in values):
                continue
            if values in seen:
                clean = False
                shown_key = "/".join(shown(v) for v in values)
                self.add(lines[position], column, DUPLICATE_KEY.said(key=shown_key, first=seen[values], key_column=key[0]))
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
                self.add(line, column, MONTH_ORDER.said(month=month, previous=previous, earlier=previous_line))
                continue
            if previous and previous < month <= self.this_month:
                gap = months_between(previous, month)
                if gap:
                    shown_gap = ", ".join(gap) if len(gap) <= 3 else f"{gap[0]} … {gap[-1]} ({len(gap)} månader)"
                    self.add(line, column, MONTH_GAP.said(previous=previous, month=month, gap=shown_gap, advice=self.gap_advice), "warning")
            previous, previous_line = month, line
        return in_order
