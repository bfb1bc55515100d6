"""The schema beside each CSV, loaded once into typed objects.

The file's shape is declared once, as JSON Schema (`dataset.schema.json`, which
editors can use for completion); every file is checked against it and every
deviation is a Swedish message naming the file, line and key. Every rule about
what a schema means (which columns are shown, which column is the key, which
units are counts) lives here, as a property of `Schema` or `Field`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator

from ..formats.swedish import shown_unit
from . import yamlfile
from .formulas import NO_COLUMN, Formula, FormulaError
from .messages import Message
from .problems import Problem, printable

CONTRACT = Path(__file__).with_name("dataset.schema.json")
NUMERIC = frozenset({"integer", "number"})
DEFAULT_MISSING = ("", "x", "..", "uppgift saknas", "ingen uppg.")
# Columns with a meaning of their own in a table, by name.
ROW_UNIT = "enhet"  # each row's own unit (mixed-unit comparison tables)
PARENT = "del_av"  # a "varav" row: part of the named row, left out of sums
REMARK = "anmarkning"  # a footnote to the row
NOTE_FIELDS = frozenset({PARENT, REMARK})
TYPE_WORDS = {
    "string": "en text",
    "number": "ett tal",
    "integer": "ett heltal",
    "boolean": "true eller false",
    "array": "en lista (rader som börjar med -, eller [a, b])",
    "object": "en karta med nycklar (namn: värde)",
}


NO_SUCH_DATE = Message(
    "schema-datum-finns-inte", "datumet {value} finns inte: kontrollera månaden (01–12) och dagen.",
    "Ett datum i schemat (source_date) är skrivet ÅÅÅÅ-MM-DD men finns inte i kalendern. Rätta månaden eller dagen.",
    context="Schemat: source_date: ",
)
NO_COMPARISON = Message(
    "villkor-utan-jamforelse", 'villkoret "{rule}" saknar en jämförelse (>=, <=, >, < eller =) mellan två räknesätt.',
    "Ett villkor under rules jämför två räknesätt, till exempel bistandstagare >= hushall. Lägg till jämförelsen.",
)
NOT_A_MAP = Message(
    "schema-inte-karta", "Schemat ska vara en karta med nycklarna title, description, source och fields.",
    "Schemafilen ska börja med nycklar som title: och fields:. Kopiera ett befintligt schema och ändra det.",
)
WRONG_TYPE = Message(
    "schema-fel-typ", "Schemat: {place} ska vara {wanted}, men är {value}.{hint}",
    "En nyckel i schemat har fel sorts värde, till exempel en text där ett tal ska stå. Meddelandet säger vad som ska stå.",
)
KEY_MISSING = Message(
    "schema-nyckel-saknas", 'Schemat: {place} saknar nyckeln "{key}"{hint}.',
    "En nyckel som måste finnas saknas i schemat, till exempel unit för ett tal. Lägg till den.",
)
UNKNOWN_KEY = Message(
    "schema-okand-nyckel", 'Schemat: {place} har en okänd nyckel "{key}".{hint} Tillåtna: {allowed}.',
    "Schemat har en nyckel som inte finns, oftast felstavad. Meddelandet föreslår den närmaste.",
)
NOT_ONE_OF = Message(
    "schema-otillatet-varde", "Schemat: {place} får inte vara {value}. Skriv något av: {allowed}.",
    "Nyckeln får bara ha vissa värden, till exempel type: integer. Skriv ett av dem.",
)
OUT_OF_RANGE = Message(
    "schema-utanfor-granser", "Schemat: {place} ska vara {word} {limit}, men är {value}.",
    "Ett tal i schemat är för litet eller för stort, till exempel ett negativt antal decimaler.",
)
BAD_FORMAT = Message(
    "schema-fel-format", "Schemat: {place} är {value}. {rule}",
    "Ett värde i schemat har fel form, till exempel ett kolumnnamn med stora bokstäver. Meddelandet säger formen.",
)
EMPTY = Message(
    "schema-tom", "Schemat: {place} får inte vara tom.",
    "En text eller lista i schemat är tom. Fyll i den.",
)
TOO_LONG = Message(
    "schema-for-lang", "Schemat: {place} är för lång (högst {most}).",
    "En text eller lista i schemat är längre än tillåtet.",
)
SAME_COLUMN_TWICE = Message(
    "schema-samma-kolumn", "Schemat: {place} nämner samma kolumn två gånger ({value}). Ta bort den ena.",
    "primaryKey nämner samma kolumn två gånger.",
)
NOT_A_COLUMN = Message(
    "schema-kolumnnamn", "Schemat: {place} ska vara ett kolumnnamn eller en lista av kolumnnamn, men är {value}.",
    "primaryKey ska vara namnet på en kolumn, eller en lista av kolumnnamn.",
)
OTHER = Message(
    "schema-fel", "Schemat: {place} är fel ({value}).",
    "Ett värde i schemat följer inte reglerna i macros/data/dataset.schema.json.",
)
FORMULA_CONTEXT = "Beräknat fält: "
FIELD_TWICE = Message(
    "schema-dubbelt-falt", 'Schemat: fältet "{name}" finns två gånger. Byt namn på det ena.',
    "Två fält i schemat har samma namn. Byt namn på det ena.",
)
ENUM_PADDED = Message(
    "schema-enum-mellanslag",
    'Schemat: fältet "{name}", värdet "{value}" i enum har mellanslag eller tabb först eller sist. En cell läses utan '
    'dem, så ingen cell kan ha det värdet. Skriv "{clean}".',
    "Ett tillåtet värde (enum) i schemat börjar eller slutar med mellanslag eller tabb, oftast inklistrat. Cellerna "
    "läses utan mellanslag och tabb först och sist, så värdet måste skrivas utan dem.",
)
MINIMUM_OVER_MAXIMUM = Message(
    "schema-minimum-over-maximum", 'Schemat: fältet "{name}" har minimum större än maximum.',
    "Ett fälts minimum är större än dess maximum, så inget värde kan godtas. Rätta gränserna.",
)
FORMULA_COLUMN = Message(
    "formel-okand-kolumn", 'Beräknat fält {name}: formeln använder "{used}", som inte är en numerisk kolumn före fältet.',
    "En formel använder ett namn som inte är en numerisk kolumn i schemat (eller ett beräknat fält som står senare). "
    "Kontrollera stavningen.",
)
PUBLISHED_UNKNOWN = Message(
    "published-okand-kolumn", "Det beräknade fältet {name}: kolumnen {published} finns inte.",
    "published anger kolumnen med källans tryckta värde, men den kolumnen finns inte i schemat (eller är inte ett tal).",
)
PLANNED_AND_FIELD = Message(
    "planerad-finns", 'Schemat: "{name}" står både under fields och planned. Ta bort det från planned när kolumnen finns.',
    "Ett mått står både som kolumn och som planerat mått. Ta bort det från planned.",
)
RULES_CONTEXT = "Schemat, rules: "
RULE_UNKNOWN_COLUMN = Message(
    "villkor-okand-kolumn", 'villkoret "{rule}" använder "{name}", som inte är en numerisk kolumn i filen.{hint}',
    "Ett villkor under rules nämner en kolumn som inte finns eller inte är ett tal. Kontrollera stavningen.",
)
KEY_UNKNOWN = Message(
    "primarykey-okand", "Schemat: primaryKey {name} är inte ett fält i schemat.",
    "primaryKey nämner en kolumn som inte finns i schemat.",
)
TOTAL_UNKNOWN = Message(
    "totals-okand", "Schemat: published_totals: {name} är inte ett fält i schemat.",
    "published_totals nämner en kolumn som inte finns i schemat.",
)
PLANNED = Message(
    "planerade-matt",
    "{count} planerade mått har inga värden ännu och visas inte på webbplatsen (se planned i schemat): {listed}.",
    "En påminnelse (notering): schemat listar mått under planned som ännu inte har några siffror. När siffrorna "
    "finns: lägg till kolumnen i datafilen och flytta måttet från planned till fields.",
)

COMPARISONS = {">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, "<": lambda a, b: a < b, "=": lambda a, b: a == b}
_COMPARISON = re.compile(r"(.+?)(>=|<=|=|>|<)(.+)")


@dataclass(frozen=True)
class RowRule:
    """`bistandstagare >= hushall`: two formulas and a comparison that every row must meet."""

    text: str
    left: Formula
    comparison: str
    right: Formula
    message: str

    @classmethod
    def of(cls, text: str, message: str) -> RowRule:
        found = _COMPARISON.fullmatch(text.strip())
        if not found:
            raise FormulaError(NO_COMPARISON.said(rule=text.strip()))
        left, comparison, right = found.groups()
        rule = cls(text.strip(), Formula(left.strip(), constant=True), comparison, Formula(right.strip(), constant=True), message)
        if not rule.names:  # `1 > 0` says nothing about the data; `hushall > 0` does
            raise FormulaError(NO_COLUMN.said(formula=repr(text.strip())))
        return rule

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.left.names + self.right.names))

    def holds(self, row: dict) -> bool | None:
        """True or False for a row's values; None when a value it needs is missing."""
        if any(row.get(name) is None for name in self.names):
            return None
        try:
            return COMPARISONS[self.comparison](self.left.evaluate(row), self.right.evaluate(row))
        except ZeroDivisionError:
            return None


@dataclass(frozen=True)
class Field:
    """One column of the CSV, or one figure computed from them (`formula`)."""

    name: str
    title: str
    type: str = "string"
    unit: str | None = None
    description: str = ""
    decimals: int | None = None
    sign: bool = False  # positive values shown with "+", as deviations are read
    role: str | None = None  # outcome / budget / deviation in a budget table
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None
    enum: tuple | None = None
    formula: Formula | None = None
    published: str | None = None  # the column holding the source's printed figure, for checking
    max_change: float = 50.0  # plausibility: per cent change accepted without a confirmation
    min_change: float | None = None  # plausibility: changes this small always pass (None: the series' usual step)

    @property
    def computed(self) -> bool:
        return self.formula is not None

    @property
    def numeric(self) -> bool:
        return self.type in NUMERIC

    @property
    def shown_unit(self) -> str | None:
        """Counts read better bare ("176"); amounts and shares keep their unit ("1 551 tkr")."""
        return shown_unit(self.unit)


@dataclass(frozen=True)
class Schema:
    title: str
    description: str
    source: str
    columns: tuple[Field, ...]  # the CSV's columns, in the order the header should have
    derived: tuple[Field, ...] = ()
    owner: str = ""
    period: str = ""  # the period in words, for data without a month column
    source_date: str = ""  # when the source document was published (YYYY-MM-DD)
    missing_values: frozenset[str] = frozenset(DEFAULT_MISSING)
    primary_key: tuple[str, ...] = ()
    published_totals: dict[str, float] = field(default_factory=dict)
    planned: tuple[tuple[str, str], ...] = ()  # (name, title) of measures the report follows that have no values yet
    rules: tuple[RowRule, ...] = ()  # conditions every row meets (`bistandstagare >= hushall`)
    measure: str = ""  # what the figures measure, where the columns are places (a comparison)
    kolada: dict | None = None  # where Kolada's figures come from (written by scripts/kolada.py)

    @property
    def fields(self) -> dict[str, Field]:
        """Every field by name: the file's columns, then the computed ones."""
        return _by_name(self)

    def field(self, name: str) -> Field:
        """A field by name (a name from a page is checked by Dataset.field, which says what exists)."""
        return self.fields[name]

    @property
    def period_field(self) -> str | None:
        """The month column (`yearmonth`) of a monthly series, if there is one."""
        return next((f.name for f in self.columns if f.type == "yearmonth"), None)

    @property
    def key_field(self) -> str:
        """The column that names a row: the primary key, else the first column."""
        return self.primary_key[0] if self.primary_key else self.columns[0].name

    @property
    def check_only(self) -> frozenset[str]:
        """Columns kept only to check a computed figure against the source's printed one."""
        return frozenset(d.published for d in self.derived if d.published)

    @property
    def shown_fields(self) -> list[str]:
        """What a table shows by default: every field but the key, notes and check-only columns."""
        hidden = {self.key_field, *NOTE_FIELDS, *self.check_only}
        return [name for name in self.fields if name not in hidden]

    def planned_notice(self, where: str) -> Problem | None:
        """A reminder for authors: measures the report follows whose values are not here yet.
        They are never announced on the public page."""
        if not self.planned:
            return None
        titles = [title for _name, title in self.planned]
        listed = "; ".join(titles[:3]) + (f" och {len(titles) - 3} till" if len(titles) > 3 else "")
        return PLANNED.problem(where, 1, 1, "notice", count=len(titles), listed=listed)

    def with_role(self, role: str) -> Field | None:
        return next((f for f in self.fields.values() if f.role == role), None)

    def with_roles(self, role: str) -> list[Field]:
        """Every field with this role, in the file's order (the similar municipalities of a comparison)."""
        return [f for f in self.fields.values() if f.role == role]


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(CONTRACT.read_text(encoding="utf-8")))


def _by_name(schema: Schema) -> dict[str, Field]:
    cached = schema.__dict__.get("_fields")
    if cached is None:
        cached = {f.name: f for f in schema.columns + schema.derived}
        object.__setattr__(schema, "_fields", cached)
    return cached


# ---------------------------------------------------------------- loading


def load_schema(text: str, where: str) -> tuple[Schema | None, list[Problem]]:
    """The schema file's text → a typed `Schema`, or every problem with it (Swedish, with line)."""
    schema, problems = _load_schema(text, where)
    return schema, list(problems)


@lru_cache(maxsize=512)  # one schema version read by many editions is checked once
def _load_schema(text: str, where: str) -> tuple[Schema | None, tuple[Problem, ...]]:
    schema, problems = _read_schema(text, where)
    return schema, tuple(problems)


def _read_schema(text: str, where: str) -> tuple[Schema | None, list[Problem]]:
    try:
        doc, lines = yamlfile.load(text)
    except yamlfile.YamlError as exc:
        return None, [exc.said.problem(where, exc.line, exc.column, context=exc.context)]
    if not isinstance(doc, dict):
        return None, [NOT_A_MAP.problem(where, 1, 1)]
    problems = [_message(e, doc).problem(where, _line(lines, e.absolute_path), 1) for e in _contract_errors(doc)]
    said_at = {p.line for p in problems}  # an invisible character in a name the contract refused is said once
    problems += [said.problem(where, line, 1) for line, said in yamlfile.invisible_texts(doc, lines, place=lambda path: _place(path, doc))
                 if line not in said_at]
    if problems:
        return None, problems
    schema, reasons = _typed(doc)
    problems = [said.problem(where, _line(lines, path), 1, context=context) for path, said, context in reasons]
    return (None if problems else schema), problems


def _contract_errors(doc: dict) -> list:
    errors = sorted(_validator().iter_errors(doc), key=lambda e: (list(map(str, e.absolute_path)), e.validator))
    # A field without `unit` fails both `then` and its `required`: say it once.
    return [e for e in errors if e.validator not in ("if", "then")]


def _line(lines: dict[tuple, int], path) -> int:
    path = tuple(path)
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)


def _place(path, doc) -> str:
    """`fields[2].constraints.minimum` said as `fältet "hushall", constraints.minimum`."""
    path = list(path)
    if len(path) >= 2 and path[0] in ("fields", "derived") and isinstance(path[1], int):
        item = doc[path[0]][path[1]] if isinstance(doc.get(path[0]), list) else None
        name = item.get("name") if isinstance(item, dict) else None
        kind = "fältet" if path[0] == "fields" else "det beräknade fältet"
        head = f'{kind} "{name}"' if isinstance(name, str) else f"{kind} nummer {path[1] + 1}"
        rest = ".".join(str(p) for p in path[2:])
        return f"{head}, nyckeln {rest}" if rest else head
    return "nyckeln " + ".".join(str(p) for p in path) if path else "schemat"


def _shown(value) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "…"


def _message(error, doc: dict):
    """A jsonschema error in Swedish: where, what is wrong, and what is allowed."""
    place = _place(error.absolute_path, doc)
    kind, value, rule = error.validator, error.instance, error.validator_value
    if kind == "type":
        wanted = " eller ".join(TYPE_WORDS.get(t, t) for t in ([rule] if isinstance(rule, str) else rule))
        quoted = rule == "string" and isinstance(value, (int, float)) and not isinstance(value, bool)
        hint = f' Skriv den inom citattecken: {error.absolute_path[-1]}: "{value}".' if quoted and error.absolute_path else ""
        return WRONG_TYPE.said(place=place, wanted=wanted, value=_shown(value), hint=hint)
    if kind == "required":
        missing = next(n for n in rule if n not in value)
        hint = {"unit": " (enhet för ett tal, till exempel st eller tkr)", "formula": " (till exempel utfall - budget)"}.get(missing, "")
        return KEY_MISSING.said(place=place, key=missing, hint=hint)
    if kind == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extra = [k for k in value if k not in allowed]
        guesses = difflib.get_close_matches(str(extra[0]), allowed, n=1) if extra else []
        hint = f' Menar du "{guesses[0]}"?' if guesses else ""
        return UNKNOWN_KEY.said(place=place, key=extra[0] if extra else "?", hint=hint, allowed=", ".join(allowed))
    if kind == "enum":
        return NOT_ONE_OF.said(place=place, value=_shown(value), allowed=", ".join(map(str, rule)))
    if kind in ("minimum", "maximum"):
        return OUT_OF_RANGE.said(place=place, word="minst" if kind == "minimum" else "högst", limit=f"{rule:g}", value=_shown(value))
    if kind == "pattern" and isinstance(value, str) and not value.strip():
        return EMPTY.said(place=place)  # only spaces: as empty as "" to a reader
    if kind == "pattern":
        return BAD_FORMAT.said(place=place, value=_shown(value), rule=error.schema.get("description", ""))
    if kind in ("minLength", "minItems"):
        return EMPTY.said(place=place)
    if kind in ("maxLength", "maxItems"):
        return TOO_LONG.said(place=place, most=rule)
    if kind == "oneOf" and isinstance(value, list) and len(set(map(str, value))) < len(value):
        return SAME_COLUMN_TWICE.said(place=place, value=_shown(value))
    if kind == "oneOf":
        return NOT_A_COLUMN.said(place=place, value=_shown(value))
    return OTHER.said(place=place, value=_shown(value))


def _typed(doc: dict) -> tuple[Schema, list[tuple[tuple, str]]]:
    """The checked document as typed objects, plus what the contract cannot say (cross-references)."""
    reasons: list[tuple[tuple, object, str]] = []  # (key path, what is wrong, its context)
    names: dict[str, Field] = {}

    def make(spec: dict, index: int, kind: str) -> Field:
        rules = spec.get("constraints") or {}
        plausible = spec.get("plausibility") or {}
        formula = None
        if kind == "derived":
            try:
                formula = Formula(spec["formula"])
            except FormulaError as exc:
                reasons.append(((kind, index, "formula"), exc.said, FORMULA_CONTEXT))
        made = Field(
            name=spec["name"],
            title=spec["title"],
            type=spec.get("type", "number" if kind == "derived" else "string"),
            unit=spec.get("unit"),
            description=spec.get("description", ""),
            decimals=spec.get("decimals"),
            sign=spec.get("sign", False),
            role=spec.get("role"),
            required=rules.get("required", False),
            minimum=rules.get("minimum"),
            maximum=rules.get("maximum"),
            enum=tuple(rules["enum"]) if "enum" in rules else None,
            formula=formula,
            published=spec.get("published"),
            max_change=float(plausible.get("max_change", 50.0)),
            min_change=plausible.get("min_change"),
        )
        if made.name in names:
            reasons.append(((kind, index, "name"), FIELD_TWICE.said(name=made.name), ""))
        padded = next((v for v in made.enum or () if isinstance(v, str) and v != v.strip()), None)
        if padded is not None:  # a cell is read without its spaces and tabs, so it could never be this value
            reasons.append(((kind, index, "constraints"), ENUM_PADDED.said(name=made.name, value=printable(padded), clean=padded.strip()), ""))
        if made.minimum is not None and made.maximum is not None and made.minimum > made.maximum:
            reasons.append(((kind, index, "constraints"), MINIMUM_OVER_MAXIMUM.said(name=made.name), ""))
        names[made.name] = made
        return made

    columns = tuple(make(spec, i, "fields") for i, spec in enumerate(doc["fields"]))
    derived = []
    for index, spec in enumerate(doc.get("derived") or []):
        made = make(spec, index, "derived")
        derived.append(made)
        for name in made.formula.names if made.formula else ():
            source = names.get(name)
            if source is None or not (source.numeric or source.computed) or source is made:
                reasons.append((("derived", index, "formula"), FORMULA_COLUMN.said(name=made.name, used=name), ""))
        if made.published and (made.published not in names or not names[made.published].numeric):
            reasons.append((("derived", index, "published"), PUBLISHED_UNKNOWN.said(name=made.name, published=repr(made.published)), ""))
    for index, spec in enumerate(doc.get("planned") or []):
        if spec["name"] in names:
            reasons.append((("planned", index, "name"), PLANNED_AND_FIELD.said(name=spec["name"]), ""))
    rules = []
    for index, spec in enumerate(doc.get("rules") or []):
        try:
            rule = RowRule.of(spec["check"], spec["message"])
        except FormulaError as exc:
            reasons.append((("rules", index, "check"), exc.said, RULES_CONTEXT))
            continue
        unknown = [n for n in rule.names if n not in names or not names[n].numeric]
        if unknown:
            guess = difflib.get_close_matches(unknown[0], [n for n, f in names.items() if f.numeric], n=1)
            hint = f' Menar du "{guess[0]}"?' if guess else ""
            reasons.append((("rules", index, "check"), RULE_UNKNOWN_COLUMN.said(rule=rule.text, name=unknown[0], hint=hint), RULES_CONTEXT))
            continue
        rules.append(rule)
    if doc.get("source_date"):  # the contract says ÅÅÅÅ-MM-DD; the calendar says whether the day exists
        try:
            dt.date.fromisoformat(doc["source_date"])
        except ValueError:
            reasons.append((("source_date",), NO_SUCH_DATE.said(value=doc["source_date"]), "Schemat: source_date: "))
    key = doc.get("primaryKey") or []
    key = (key,) if isinstance(key, str) else tuple(key)
    for name in key:
        if name not in names:
            reasons.append((("primaryKey",), KEY_UNKNOWN.said(name=repr(name)), ""))
    for name in doc.get("published_totals") or {}:
        if name not in names:
            reasons.append((("published_totals", name), TOTAL_UNKNOWN.said(name=repr(name)), ""))
    schema = Schema(
        title=doc["title"],
        description=doc["description"],
        source=doc["source"],
        owner=doc.get("owner", ""),
        period=doc.get("period", ""),
        source_date=doc.get("source_date", ""),
        columns=columns,
        derived=tuple(derived),
        missing_values=frozenset(m.strip().lower() for m in doc.get("missingValues", DEFAULT_MISSING)),
        primary_key=key,
        published_totals={k: float(v) for k, v in (doc.get("published_totals") or {}).items()},
        planned=tuple((p["name"], p["title"]) for p in doc.get("planned") or ()),
        rules=tuple(rules),
        measure=doc.get("measure", ""),
        kolada=doc.get("kolada"),
    )
    return schema, reasons
