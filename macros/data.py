"""Read staff CSV files with the Table Schema beside them, and check every cell.

A dataset is `data/<org>/<name>.csv` plus `data/<org>/<name>.schema.yaml`.
Files come as staff really make them: UTF-8 with or without BOM or
Windows-1252; `;` with decimal comma (Swedish Excel) or `,` with decimal
point; thousands written with spaces; `6,4%`. What can be read is read;
what is ambiguous (`1.234` in a Swedish file) is refused with the exact fix.
Every problem is a `Problem` in Swedish, naming file, line and column.

Nothing here imports MkDocs, so the validator command and the tests use it alone.
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
import difflib
import io
import operator
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from . import swedish

DEFAULT_MISSING = ["", "x", "..", "uppgift saknas", "ingen uppg."]
FIELD_TYPES = {"string", "integer", "number", "yearmonth", "date"}
NUMERIC = {"integer", "number"}
UNITS = {"st", "tkr", "kr", "%", "dygn", "personer", "hushåll"}
MOJIBAKE = re.compile("Ã[¥¤¶…„–©]")  # å ä ö Å Ä Ö é saved as UTF-8 and re-read as Windows-1252
SPACES = " \u00a0\u202f"  # space, no-break space, narrow no-break space
GROUPED = re.compile(rf"\d{{1,3}}(?:[{SPACES}]\d{{3}})+(?:[.,]\d+)?")
PLAIN = re.compile(r"\d+(?:[.,]\d+)?")
DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
COMMA_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
YEARMONTH = re.compile(r"(\d{4})-(\d{2})")
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10× faster
OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file, where it is, and how to fix it."""

    path: str
    line: int
    column: int
    message: str
    severity: str = "error"  # or "warning": reported, but does not stop the build

    def __str__(self) -> str:
        kind = "varning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}:{self.column}: {kind}{self.message}"

    def github(self) -> str:
        """A GitHub Actions workflow command, so the problem shows on the PR line."""
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
        return f"::{self.severity} file={path},line={self.line},col={self.column}::{message}"


@dataclass
class Discrepancy:
    """A figure the source printed that differs from what its parts give."""

    row: int  # position in the data frame
    key: str  # the row's period or name, for footnotes
    measure: str  # the computed field's name
    computed: float
    published: float


@dataclass
class Dataset:
    """A checked dataset: typed values (missing as <NA>, never 0) and its schema."""

    id: str
    path: Path
    schema: dict
    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    memo: dict = field(default_factory=dict, repr=False)  # per-build answers derived from the data

    @property
    def fields(self) -> dict[str, dict]:
        """Every field by name: the file's columns, then the computed ones."""
        if "fields" not in self.memo:
            self.memo["fields"] = {f["name"]: f for f in self.schema["fields"] + self.schema.get("derived", [])}
        return self.memo["fields"]

    def row(self, column: str, key: str) -> int | None:
        """The position of the row whose `column` is `key` (looked up in a dict built once)."""
        index = self.memo.setdefault(("rows", column), {})
        if not index:
            index.update((str(v), i) for i, v in enumerate(self.frame[column]))
        return index.get(str(key))

    def field(self, name: str) -> dict:
        try:
            return self.fields[name]
        except KeyError:
            known = ", ".join(self.fields)
            raise UnknownName(f"datasetet {self.id} har inget fält {name!r}; det har: {known}") from None

    @property
    def schema_numeric(self) -> set[str]:
        return {f["name"] for f in self.schema["fields"] if f["type"] in NUMERIC}

    @property
    def period_field(self) -> str | None:
        for f in self.schema["fields"]:
            if f["type"] == "yearmonth":
                return f["name"]
        return None

    @property
    def title(self) -> str:
        return self.schema["title"]

    @property
    def source(self) -> str:
        return self.schema.get("source", "")


class UnknownName(KeyError):
    """A dataset or field name that does not exist; says which names do."""

    def __str__(self) -> str:
        return str(self.args[0])


class DataError(Exception):
    """Raised when a dataset has errors; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(str(p) for p in problems)
        super().__init__(f"Fel i data ({len(problems)} st):\n{lines}")


# ---------------------------------------------------------------- reading


def decode(raw: bytes, where: str) -> tuple[str | None, list[Problem]]:
    """Bytes to text: UTF-8 (with or without BOM) or Windows-1252, else a Problem."""
    fix = 'Spara om filen i Excel som "CSV UTF-8 (kommaavgränsad)", eller i webbredigeraren.'
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:200]:
        return None, [Problem(where, 1, 1, f"Filen är sparad som UTF-16 (Unicode-text). {fix}")]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            byte = raw[exc.start : exc.start + 1].hex()
            msg = f"Okänd teckenkodning (byte 0x{byte}): filen är varken UTF-8 eller Windows-1252. {fix}"
            return None, [Problem(where, line, 1, msg)]
    for number, line in enumerate(text.splitlines(), start=1):
        bad = MOJIBAKE.search(line)
        if bad:
            msg = (
                f'Trasiga tecken "{bad.group()}" (å, ä eller ö som har sparats om med fel '
                f"teckenkodning). Rätta texten till å, ä och ö och spara som UTF-8."
            )
            return None, [Problem(where, number, bad.start() + 1, msg)]
    return text, []


def sniff_delimiter(header: str) -> str:
    """`;` (Swedish Excel), tab, or `,` — whichever the header line uses."""
    counts = {d: header.count(d) for d in (";", "\t", ",")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def parse_number(text: str, decimal: str, unit: str | None) -> tuple[float | None, str | None]:
    """A cell as staff write it → (value, None), or (None, Swedish reason with the fix)."""
    s = text.strip().replace("\u2212", "-")
    percent = s.endswith("%")
    if percent:
        if unit != "%":
            return None, f"procenttecken i en kolumn med enheten {unit or 'antal'}. Ta bort %."
        s = s[:-1].rstrip(SPACES)
    sign = 1.0
    if s[:1] in "+-" and s[:1]:
        sign, s = (-1.0 if s[0] == "-" else 1.0), s[1:].lstrip(SPACES)
    if GROUPED.fullmatch(s):
        s = re.sub(f"[{SPACES}]", "", s)
    elif any(ch in s for ch in SPACES):
        return None, "mellanslag på fel ställe i talet. Mellanslag får bara skilja tusental (1 690)."
    other = "." if decimal == "," else ","
    if other in s:
        example = text.strip()
        if decimal == "," and DOT_THOUSANDS.fullmatch(s):
            fixed = s.replace(".", "")
            return None, (
                f"punkten är tvetydig: den kan vara tusentalsavgränsare eller decimaltecken. "
                f"Filen använder decimalkomma. Skriv {fixed} om du menar tusental, "
                f"eller {s.replace('.', ',')} om du menar decimaler."
            )
        if decimal == "." and COMMA_THOUSANDS.fullmatch(s):
            return None, (
                f"kommat är tvetydigt: det kan vara tusentalsavgränsare eller decimaltecken. "
                f"Filen använder decimalpunkt. Skriv {s.replace(',', '')} om du menar tusental, "
                f"eller {s.replace(',', '.')} om du menar decimaler."
            )
        if not PLAIN.fullmatch(s):
            return None, f"{example!r} är inte ett tal. Skriv bara siffror, till exempel 1 690 eller 8{decimal}8."
        name = "decimalpunkt" if other == "." else "decimalkomma"
        uses = "decimalkomma (semikolon mellan kolumnerna)" if decimal == "," else "decimalpunkt (komma mellan kolumnerna)"
        return None, f"{name} i talet, men filen använder {uses}. Skriv {s.replace(other, decimal)}."
    if not PLAIN.fullmatch(s):
        return None, f"det är inte ett tal. Skriv bara siffror, till exempel 1 690 eller 8{decimal}8."
    return sign * float(s.replace(",", ".")), None


def parse_cell(text: str, spec: dict, decimal: str) -> tuple[object, str | None]:
    """One non-missing cell → (typed value, None) or (None, reason)."""
    kind = spec["type"]
    if kind in NUMERIC:
        value, reason = parse_number(text, decimal, spec.get("unit"))
        if reason:
            return None, reason
        if kind == "integer":
            if value != int(value):
                return None, "kolumnen ska innehålla heltal. Avrunda till närmaste heltal."
            return int(value), None
        return value, None
    if kind == "yearmonth":
        m = YEARMONTH.fullmatch(text.strip())
        if not m or not 1 <= int(m.group(2)) <= 12:
            return None, "månaden ska skrivas ÅÅÅÅ-MM, till exempel 2022-08."
        return text.strip(), None
    if kind == "date":
        try:
            return dt.date.fromisoformat(text.strip()).isoformat(), None
        except ValueError:
            return None, "datumet ska skrivas ÅÅÅÅ-MM-DD, till exempel 2022-08-31."
    return text.strip(), None


# ---------------------------------------------------------------- schema


def read_schema(path: Path, where: str) -> tuple[dict | None, list[Problem]]:
    """The YAML schema, checked for what the site relies on."""
    try:
        schema = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return None, [Problem(where, line, 1, f"Schemat går inte att läsa: {exc}")]
    problems = []

    def bad(message: str) -> None:
        problems.append(Problem(where, 1, 1, message))

    if not isinstance(schema, dict):
        bad("Schemat ska vara en YAML-karta med title, source och fields.")
        return None, problems
    for key in ("title", "description", "source", "fields"):
        if not schema.get(key):
            bad(f"Schemat saknar {key!r}.")
    names = set()
    for spec in schema.get("fields") or []:
        name = spec.get("name")
        if not name or not spec.get("title"):
            bad(f"Varje fält behöver name och title (fält: {spec!r}).")
            continue
        names.add(name)
        if spec.get("type", "string") not in FIELD_TYPES:
            bad(f"Fältet {name}: okänd typ {spec.get('type')!r}; tillåtna: {', '.join(sorted(FIELD_TYPES))}.")
        spec.setdefault("type", "string")
        if spec["type"] in NUMERIC and spec.get("unit") not in UNITS:
            bad(f"Fältet {name}: enhet saknas eller är okänd ({spec.get('unit')!r}); tillåtna: {', '.join(sorted(UNITS))}.")
    for spec in schema.get("derived") or []:
        for key in ("name", "title", "unit", "formula"):
            if key not in spec:
                bad(f"Det beräknade fältet {spec.get('name')!r} saknar {key!r}.")
        spec.setdefault("type", "number")
        spec["computed"] = True
        if spec.get("published") and spec["published"] not in names:
            bad(f"Det beräknade fältet {spec.get('name')}: kolumnen {spec['published']!r} finns inte.")
    derived_names = {d.get("name") for d in schema.get("derived") or []}
    for name in schema.get("published_totals") or {}:
        if name not in names | derived_names:
            bad(f"published_totals: {name!r} är inte ett fält i schemat.")
    key = schema.get("primaryKey")
    if isinstance(key, str):
        schema["primaryKey"] = [key]
    for name in schema.get("primaryKey") or []:
        if name not in names:
            bad(f"primaryKey {name!r} är inte ett fält i schemat.")
    schema["missingValues"] = [m.lower() for m in schema.get("missingValues", DEFAULT_MISSING)]
    schema.setdefault("derived", [])
    return (schema if not problems else None), problems


# ---------------------------------------------------------------- checking


def read_dataset(csv_path: Path, root: Path, today: dt.date | None = None) -> Dataset:
    """Read and check one dataset. Problems are collected, never raised here."""
    where = csv_path.relative_to(root).as_posix() if csv_path.is_relative_to(root) else str(csv_path)
    schema_path = csv_path.with_suffix(".schema.yaml")
    dataset_id = where.removeprefix("data/").removesuffix(".csv")
    empty = pd.DataFrame()
    if not schema_path.exists():
        msg = f"Schemat {schema_path.name} saknas bredvid datafilen. Kopiera ett befintligt schema och ändra det."
        return Dataset(dataset_id, csv_path, {}, empty, [Problem(where, 1, 1, msg)])
    schema, problems = read_schema(schema_path, where.removesuffix(".csv") + ".schema.yaml")
    if schema is None:
        return Dataset(dataset_id, csv_path, {}, empty, problems)
    text, problems = decode(csv_path.read_bytes(), where)
    if text is None:
        return Dataset(dataset_id, csv_path, schema, empty, problems)
    checker = _Checker(where, schema, today or dt.date.today())
    frame = checker.run(text)
    dataset = Dataset(dataset_id, csv_path, schema, frame, checker.problems)
    if not any(p.severity == "error" for p in checker.problems):
        try:
            compute_derived(dataset)
        except (ValueError, SyntaxError) as exc:
            where_schema = where.removesuffix(".csv") + ".schema.yaml"
            dataset.problems.append(Problem(where_schema, 1, 1, f"Beräknat fält: {exc}"))
            return dataset
        check_totals(dataset)
    return dataset


class _Checker:
    """Walks one file's rows, typing cells and collecting every problem."""

    def __init__(self, where: str, schema: dict, today: dt.date):
        self.where, self.schema, self.today = where, schema, today
        self.specs = {f["name"]: f for f in schema["fields"]}
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

    def check_header(self, header: list[str], delimiter: str) -> dict[int, dict]:
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
            if name not in header and (spec.get("constraints") or {}).get("required"):
                self.add(1, len(header) + 1, f'Kolumnen "{name}" ({spec["title"]}) saknas i rubrikraden. Lägg till den.')
        return columns

    def check_row(self, line: int, row: list[str], columns: dict[int, dict], decimal: str) -> dict:
        record = {}
        missing = self.schema["missingValues"]
        for index, spec in columns.items():
            text = row[index - 1]
            name = spec["name"]
            rules = spec.get("constraints") or {}
            if text.strip().lower() in missing:
                record[name] = None
                if rules.get("required"):
                    shown = f'"{text.strip()}"' if text.strip() else "tom"
                    self.add(line, index, f'Värde saknas i kolumnen "{name}" ({spec["title"]}): cellen är {shown}, men värdet krävs.')
                continue
            value, reason = parse_cell(text, spec, decimal)
            if reason:
                self.add(line, index, f'Fel värde "{text.strip()}" i kolumnen "{name}" ({spec["title"]}): {reason}')
                record[name] = None
                continue
            record[name] = value
            self.check_constraints(line, index, spec, rules, value, text.strip())
        return record

    def check_constraints(self, line, index, spec, rules, value, text) -> None:
        name = spec["name"]
        if "minimum" in rules and value < rules["minimum"]:
            self.add(line, index, f'Värdet {text} i kolumnen "{name}" är mindre än det minsta tillåtna ({rules["minimum"]}).')
        if "maximum" in rules and value > rules["maximum"]:
            self.add(line, index, f'Värdet {text} i kolumnen "{name}" är större än det största tillåtna ({rules["maximum"]}).')
        if "enum" in rules and value not in rules["enum"]:
            allowed = ", ".join(str(v) for v in rules["enum"])
            self.add(line, index, f'"{text}" är inte tillåtet i kolumnen "{name}". Skriv något av: {allowed}.')
        if spec["type"] == "yearmonth" and value > self.today.strftime("%Y-%m"):
            self.add(line, index, f"Månaden {value} ligger i framtiden (i dag är det {self.today.isoformat()}). Rätta året eller månaden.")

    def to_frame(self, records: list[dict]) -> pd.DataFrame:
        frame = pd.DataFrame.from_records(records, columns=list(self.specs))
        for name, spec in self.specs.items():
            kind = {"integer": "Int64", "number": "Float64"}.get(spec["type"], "string")
            frame[name] = frame[name].astype(kind)
        return frame

    def check_keys(self, frame: pd.DataFrame, lines: list[int]) -> None:
        key = self.schema.get("primaryKey") or []
        if not key or frame.empty:
            return
        seen: dict[tuple, int] = {}
        column = list(self.specs).index(key[0]) + 1
        for position, values in enumerate(frame[key].itertuples(index=False)):
            values = tuple(values)
            if any(swedish.is_missing(v) for v in values):
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
        period = next((f for f in key if self.specs[f]["type"] == "yearmonth"), None)
        if period and len(key) == 1:
            self.check_months(frame[period].tolist(), lines, column)

    def check_months(self, months: list, lines: list[int], column: int) -> None:
        previous, previous_line = None, None
        for month, line in zip(months, lines):
            if swedish.is_missing(month):
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


def months_between(first: str, last: str) -> list[str]:
    """The months strictly between two `YYYY-MM` periods."""
    year, month = map(int, first.split("-"))
    out = []
    while True:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        current = f"{year:04d}-{month:02d}"
        if current >= last:
            return out
        out.append(current)


# ---------------------------------------------------------------- computed figures


def evaluate(formula: str, columns: dict[str, pd.Series]):
    """`utbetalt_tkr / hushall` over columns: only + − × ÷, numbers and column names, so a
    schema can hold arithmetic and nothing else (and it is much cheaper than pd.eval)."""

    def walk(node):
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.BinOp) and type(node.op) in OPERATORS:
            return OPERATORS[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -walk(node.operand)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return node.value
        if isinstance(node, ast.Name) and node.id in columns:
            return columns[node.id]
        raise ValueError(f"formeln {formula!r} går inte att räkna: bara + - * /, tal och numeriska kolumner är tillåtna")

    try:
        tree = ast.parse(formula, mode="eval")
    except SyntaxError:
        raise ValueError(f"formeln {formula!r} går inte att läsa") from None
    return walk(tree)


def compute_derived(dataset: Dataset) -> None:
    """Add each `derived` field (e.g. `utbetalt_tkr / hushall`) as a column, and
    record where the source's printed figure differs from the computed one."""
    frame = dataset.frame
    key = dataset.period_field or (dataset.schema.get("primaryKey") or [frame.columns[0]])[0]
    numbers = {name: frame[name].astype("Float64") for name in frame.columns if name in dataset.schema_numeric}
    for spec in dataset.schema["derived"]:
        result = evaluate(spec["formula"], numbers).astype("Float64")
        frame[spec["name"]] = result.mask(result.abs() == float("inf"))  # x / 0 has no figure
        numbers[spec["name"]] = frame[spec["name"]]
        published = spec.get("published")
        if not published:
            continue
        decimals = spec.get("decimals", 0)
        for row, (computed, printed) in enumerate(zip(frame[spec["name"]], frame[published])):
            if swedish.is_missing(computed) or swedish.is_missing(printed):
                continue
            if swedish.round_half_up(computed, decimals) != swedish.round_half_up(printed, decimals):
                dataset.discrepancies.append(
                    Discrepancy(row, str(frame[key].iloc[row]), spec["name"], float(computed), float(printed))
                )


TOTAL = "__total__"  # the key of a total row, in discrepancies and on the page


def main_rows(frame: pd.DataFrame) -> pd.Series:
    """Rows that count in a sum: not the "varav" rows (those with `del_av`)."""
    return frame["del_av"].isna() if "del_av" in frame else pd.Series(True, index=frame.index)


def check_totals(dataset: Dataset) -> None:
    """Compare the source's printed total row (`published_totals`) with the sum of the rows."""
    frame = dataset.frame
    main = main_rows(frame)
    for name, printed in (dataset.schema.get("published_totals") or {}).items():
        values = frame[name][main]
        if values.isna().all():
            continue
        computed = float(values.sum())
        places = dataset.field(name).get("decimals", 0)
        if swedish.round_half_up(computed, places) != swedish.round_half_up(printed, places):
            dataset.discrepancies.append(Discrepancy(-1, TOTAL, name, computed, float(printed)))


# ---------------------------------------------------------------- the catalogue


class Catalog:
    """Every dataset under `data/`, each read and checked once per build."""

    def __init__(self, root: Path, today: dt.date | None = None):
        self.root = Path(root)
        self.data_dir = self.root / "data"
        self.today = today
        self._cache: dict[str, Dataset] = {}
        self._ids: list[str] | None = None

    def ids(self) -> list[str]:
        """Every dataset id, found once per catalogue (a catalogue lives for one build)."""
        if self._ids is None:
            self._ids = sorted(p.relative_to(self.data_dir).as_posix().removesuffix(".csv") for p in self.data_dir.rglob("*.csv"))
        return self._ids

    def read(self, dataset_id: str) -> Dataset:
        """The dataset as read, problems included (for the validator)."""
        if dataset_id not in self._cache:
            path = self.data_dir / f"{dataset_id}.csv"
            if not path.exists():
                known = ", ".join(self.ids())
                raise UnknownName(f"datasetet {dataset_id!r} finns inte (data/{dataset_id}.csv); finns: {known}")
            self._cache[dataset_id] = read_dataset(path, self.root, self.today)
        return self._cache[dataset_id]

    def load(self, dataset_id: str) -> Dataset:
        """The dataset for rendering: raises DataError if it has any error."""
        dataset = self.read(dataset_id)
        errors = [p for p in dataset.problems if p.severity == "error"]
        if errors:
            raise DataError(errors)
        return dataset

    def problems(self) -> list[Problem]:
        """Every problem in every dataset, plus schemas without data."""
        found = [p for i in self.ids() for p in self.read(i).problems]
        for schema in sorted(self.data_dir.rglob("*.schema.yaml")):
            if not schema.with_name(schema.name.removesuffix(".schema.yaml") + ".csv").exists():
                where = schema.relative_to(self.root).as_posix()
                found.append(Problem(where, 1, 1, "Schemat har ingen datafil bredvid sig (samma namn, .csv)."))
        return found
