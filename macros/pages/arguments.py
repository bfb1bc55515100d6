"""What each macro parameter is, and every argument checked against the data before a macro runs.

A missing value is something the data says ("uppgift saknas"); a name that does not exist
is the author's mistake, and stops the build with the names that do exist and the closest
one. A macro says what its parameters are in its signature, and gets every check:

    def value(self, dataset_id: DatasetId, measure: Measure, period: Month | None = None,
              key: RowKey | None = None, unit: bool = True) -> str:

`DatasetId` is a dataset in data/, `Measure(s)` a field with figures of that dataset,
`Column(s)` any of its fields, `Month` one of its months, `Year(s)` one of its years, `RowKey`
one of its rows, `Section` a nav section, `Page` a page in the nav, `Text` free text, `Count`
a whole number from 1, `Annotated[str, OneOf("long", "short")]` one of some words. A kind that
names a dataset reads it from the parameter `dataset_id` (or the one given as `of=`).
Arguments that exclude each other are declared with `@not_together("period", "key")`.
Only what the author wrote is checked; defaults are the macro's own business.
"""

from __future__ import annotations

import inspect
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from ..data import yamlfile
from ..data.dataset import NO_MONTHS, NO_SUCH_FIELD, close
from ..data.messages import Message, Said
from ..data.periods import NO_SUCH_MONTH, YEARMONTH, impossible_month, is_month
from ..data.problems import char_name, invisible_at, printable, shown
from ..data.reading import month_fix
from .reports import nav_pages

NO_SUCH_PERIOD = Message(
    "manad-saknas", 'datasetet {dataset} har ingen månad {value}: månaderna går från {first} till {last}.{hint}',
    "En sida ber om en månad som inte finns i datasetet, till exempel ett år för långt fram. En månad som finns men "
    "saknar värde (x) visas som uppgift saknas; en månad som inte finns alls är ett skrivfel på sidan.",
)
MONTH_ARGUMENT = Message(
    "manad-skrivs", 'månaden ska skrivas ÅÅÅÅ-MM, till exempel "{example}", men är "{value}".{hint}',
    'En månad i ett makro skrivs med år och månad och bindestreck, inom citattecken: period="2022-08".',
)
NO_SUCH_KEY = Message(
    "rad-saknas", 'datasetet {dataset} har ingen rad "{value}" i kolumnen "{key_column}".{hint} Raderna är: {known}.',
    "En sida ber om en rad (key=) som inte finns i datasetet. Skriv radens namn exakt som i första kolumnen i "
    "datafilen; meddelandet föreslår det närmaste.",
)
NOT_TOGETHER = Message(
    "argument-uteslutande", "argumenten {first} och {second} kan inte användas tillsammans. {why}",
    "Två argument som säger emot varandra, till exempel både period= och key= i value(). Ta bort det ena.",
)
NOT_AN_OPTION = Message(
    "argument-val", 'argumentet {param} får vara {allowed}, men är "{value}".{hint}',
    "Argumentet har bara några tillåtna värden, till exempel style=\"long\" eller style=\"short\".",
)
NO_SUCH_SECTION = Message(
    "avsnitt-saknas", 'menyn (nav i mkdocs.yml) har inget avsnitt "{value}".{hint} Avsnitten är: {known}.',
    "report_list() listar sidorna i ett avsnitt av menyn. Skriv avsnittets namn som det står under nav i mkdocs.yml.",
)
NO_SUCH_PAGE = Message(
    "sida-saknas", 'sidan "{value}" finns inte i menyn (nav i mkdocs.yml).{hint} Sidorna är: {known}.',
    'Ange rapportsidans fil under docs/, som den står under nav i mkdocs.yml, till exempel "astorp.md".',
)
NOT_FIGURES = Message(
    "falt-inte-tal", 'fältet "{name}" ({title}) i datasetet {dataset} har inga tal, och här behövs ett mått med tal. Måtten med tal är: {known}.',
    "value(), total(), change(), kortens och diagrammens mått visar tal. Ange ett fält med tal (type: integer eller "
    "number i schemat, eller ett beräknat fält); en kolumn med text eller månader visas med data_table().",
)
EMPTY_LIST = Message(
    "argument-tom-lista", "argumentet {param} är en tom lista. Ange minst ett värde{or_default}.",
    "En lista i ett makroanrop (till exempel measures=[] eller columns=[]) är tom. Skriv namnen i listan, eller ta "
    "bort argumentet.",
)
TWICE_IN_LIST = Message(
    "argument-dubbelt", 'argumentet {param} nämner "{value}" två gånger. Ta bort det ena.',
    "Samma namn står två gånger i en lista i ett makroanrop.",
)
TOO_SMALL = Message(
    "argument-for-litet", "argumentet {param} ska vara minst {least}, men är {value}.",
    "Ett tal i ett makroanrop är för litet, till exempel limit=0 i changes_list().",
)
INVISIBLE_ARGUMENT = Message(
    "osynligt-tecken-i-argument", 'argumentet {param} ("{value}") innehåller ett osynligt tecken ({char}). Skriv texten igen för hand.',
    "En text i ett makroanrop innehåller ett tecken som inte syns (ofta från kopiering). Skriv texten igen.",
)



def listed(options: list, most: int = 12) -> str:
    shown_options = [str(o) for o in options[:most]]
    more = f" och {len(options) - most} till" if len(options) > most else ""
    return ", ".join(shown_options) + more


@dataclass
class Call:
    """One macro call being checked: its arguments and the build it reads."""

    arguments: dict  # what the author wrote, by parameter name
    build: object  # the Build (catalog, nav)

    def dataset(self, parameter: str):
        """The dataset named by `parameter`, or None (not given, does not exist or has errors:
        those are said elsewhere)."""
        catalog = self.build.catalog
        name = self.arguments.get(parameter)
        if not isinstance(name, str) or name not in set(catalog.ids()):
            return None
        dataset = catalog.read(name)
        return None if dataset.schema is None or dataset.has_errors else dataset


class Kind:
    """What a parameter holds; `check` says what is wrong with one value, or None."""

    of = "dataset_id"  # the parameter that names the dataset
    example = ""  # a value of this kind, for the message when an argument has the wrong type

    def check(self, value, param: str, call: Call) -> Said | None:
        return None


class DatasetKind(Kind):
    example = "astorp/forsorjningsstod"

    def check(self, value, param, call):
        if value not in set(call.build.catalog.ids()):
            return call.build.catalog.unknown(value)
        return None


class FieldOf(Kind):
    """A field of the dataset; with `numeric`, one with figures (a measure), as value() and the
    charts show them."""

    example = "hushall"

    def __init__(self, of: str = "dataset_id", numeric: bool = False):
        self.of, self.numeric = of, numeric

    def check(self, value, param, call):
        dataset = call.dataset(self.of)
        if dataset is None:
            return None
        if value not in dataset.fields:
            known = list(dataset.fields)
            return NO_SUCH_FIELD.said(dataset=dataset.id, name=f'"{shown(value)}"', hint=close(value, known), known=", ".join(known))
        if self.numeric and not (dataset.field(value).numeric or dataset.field(value).computed):
            figures = [name for name, spec in dataset.fields.items() if spec.numeric or spec.computed]
            return NOT_FIGURES.said(dataset=dataset.id, name=value, title=dataset.field(value).title, known=", ".join(figures))
        return None


class MonthOf(Kind):
    """A month (ÅÅÅÅ-MM) that exists, and, where the dataset has months, one of them."""

    example = "2022-08"

    def __init__(self, of: str = "dataset_id"):
        self.of = of

    def check(self, value, param, call):
        said = month_said(value)
        if said is not None:
            return said
        dataset = call.dataset(self.of)
        if dataset is None:
            return None
        if not dataset.period_field:
            first = dataset.frame[dataset.key_field].iloc[0] if len(dataset.frame) else "…"
            return NO_MONTHS.said(dataset=dataset.id, example=shown(first))
        return period_said(dataset, value)


class KeyOf(Kind):
    """A row of the dataset: a month of a monthly series, else a value of its key column."""

    example = "2020"

    def __init__(self, of: str = "dataset_id"):
        self.of = of

    def check(self, value, param, call):
        dataset = call.dataset(self.of)
        if dataset is None:
            return month_said(value) if YEARMONTH.fullmatch(str(value)) else None
        if dataset.period_field:
            return month_said(value) or period_said(dataset, value)
        column = dataset.key_field
        if dataset.row(column, value) is not None:
            return None
        known = [str(v) for v in dataset.frame[column]]
        return NO_SUCH_KEY.said(
            dataset=dataset.id, value=shown(value), key_column=column, hint=close(value, known),
            known=listed([f'"{shown(k, 40)}"' for k in known]),
        )


class YearOf(Kind):
    """A year that has months in the dataset."""

    def __init__(self, of: str = "dataset_id"):
        self.of = of

    def check(self, value, param, call):
        dataset = call.dataset(self.of)
        if dataset is None or not dataset.period_field:
            return None
        return None if value in dataset.years else dataset.no_such_year(value)


class CardItem(Kind):
    """A card's measure: a field of a monthly series, or a row of a comparison table."""

    def check(self, value, param, call):
        dataset = call.dataset(self.of)
        if dataset is None:
            return None
        if dataset.period_field:
            return FieldOf(numeric=True).check(value, param, call)
        return KeyOf().check(value, param, call)


class AtLeast(Kind):
    def __init__(self, least: int):
        self.least = least

    def check(self, value, param, call):
        return None if value >= self.least else TOO_SMALL.said(param=param, least=self.least, value=value)


class OneOf(Kind):
    def __init__(self, *options: str):
        self.options = options

    def check(self, value, param, call):
        if value in self.options:
            return None
        allowed = " eller ".join(f'"{o}"' for o in self.options)
        return NOT_AN_OPTION.said(param=param, allowed=allowed, value=shown(value), hint=close(value, list(self.options)))


class NavSection(Kind):
    def check(self, value, param, call):
        sections = nav_sections(call.build.nav)
        if not call.build.nav or value in sections:
            return None
        return NO_SUCH_SECTION.said(value=shown(value), hint=close(value, sections), known=", ".join(sections))


class ReportPage(Kind):
    def check(self, value, param, call):
        pages = [source for _title, source in nav_pages(call.build.nav)]
        if not call.build.nav or value in pages:
            return None
        return NO_SUCH_PAGE.said(value=shown(value), hint=close(value, pages), known=listed(pages))


KOLADA_LIST = "kolada/nyckeltal.yaml"  # below data/: the key figures scripts/kolada.py fetches
UNKNOWN_KOLADA_ID = Message(
    "kolada-id-okant",
    'nyckeltalet "{value}" finns inte i data/{listed}, så det hämtas aldrig från Kolada.{hint} Nyckeltalen där är: '
    "{known}. Rätta id:t, eller lägg till nyckeltalet i data/{listed} (se CONTRIBUTING.md).",
    "kolada_comparison nämner ett Kolada-id som inte står i listan över nyckeltal som hämtas, oftast ett stavfel. "
    "Rätta id:t, eller lägg till nyckeltalet i data/kolada/nyckeltal.yaml.",
)


class KoladaId(Kind):
    """A Kolada key figure listed in data/kolada/nyckeltal.yaml (none is checked without the list)."""

    example = "N31807"

    def check(self, value, param, call):
        path = Path(call.build.catalog.root) / "data" / KOLADA_LIST
        try:
            listed, _lines = yamlfile.load(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, yamlfile.YamlError):
            return None  # no list yet, or one scripts/kolada.py refuses itself
        ids = [str(item["id"]) for item in listed or [] if isinstance(item, dict) and "id" in item]
        if not ids or value in ids:
            return None
        return UNKNOWN_KOLADA_ID.said(value=shown(value), listed=KOLADA_LIST, hint=close(value, ids), known=", ".join(ids))


class FreeText(Kind):
    def check(self, value, param, call):
        return None  # invisible characters are refused in every text argument (see data_problem)


def nav_sections(nav: list) -> list[str]:
    """Every section title in a nav (tree), in order."""
    found = []
    for item in nav or []:
        if isinstance(item, dict) and len(item) == 1:
            title, target = next(iter(item.items()))
            if isinstance(target, list):
                found += [str(title), *nav_sections(target)]
    return found


def month_said(value) -> Said | None:
    """What is wrong with a month as written in a page (`2023-13`, `2022-8`), or None."""
    text = str(value)
    if is_month(text):
        return None
    if impossible_month(text):
        return NO_SUCH_MONTH.said(value=shown(text))
    fixed, _excel = month_fix(text)
    return MONTH_ARGUMENT.said(example=fixed or "2022-08", value=shown(text), hint=f' Menar du "{fixed}"?' if fixed else "")


def period_said(dataset, value) -> Said | None:
    """A month the dataset does not have: the author's mistake (a month it has without a value
    is "uppgift saknas" on the page)."""
    if dataset.row(dataset.period_field, value) is not None:
        return None
    periods = dataset.periods
    return NO_SUCH_PERIOD.said(
        dataset=dataset.id, value=shown(value), first=periods[0] if periods else "–", last=periods[-1] if periods else "–",
        hint=close(value, periods, 0.8),
    )


# What a parameter is, written in its annotation (see the module's docstring).
DatasetId = Annotated[str, DatasetKind()]
DatasetIds = Annotated[list[str], DatasetKind()]
Measure = Annotated[str, FieldOf(numeric=True)]
Measures = Annotated[list[str], FieldOf(numeric=True)]
Column = Annotated[str, FieldOf()]
Columns = Annotated[list[str], FieldOf()]
Month = Annotated[str, MonthOf()]
Year = Annotated[int, YearOf()]
Years = Annotated[list[int], YearOf()]
RowKey = Annotated[str, KeyOf()]
CardItems = Annotated[list[str], CardItem()]
Section = Annotated[str, NavSection()]
Page = Annotated[str, ReportPage()]
Text = Annotated[str, FreeText()]
KoladaIds = Annotated[list[str], KoladaId()]
Count = Annotated[int, AtLeast(1)]


def not_together(*names: str, why: str = ""):
    """Declare arguments that cannot be given together: `@not_together("period", "key", why=…)`."""

    def mark(function):
        function.not_together = (*getattr(function, "not_together", ()), (names, why))
        return function

    return mark


def nfc(value):
    """Texts in a macro call as every text from the data is read: in Unicode's composed form,
    without spaces around them (`"2022-08 "` is the month 2022-08)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()
    if isinstance(value, list):
        return [nfc(item) for item in value]
    if isinstance(value, tuple):
        return tuple(nfc(item) for item in value)
    return value


def data_problem(function, arguments: dict, kinds: dict, build) -> Said | None:
    """The first thing wrong with a call's arguments against each other and against the data
    (`kinds`: parameter → Kind, from the annotations), or None."""
    for names, why in getattr(function, "not_together", ()):
        given = [n for n in names if arguments.get(n) is not None]
        if len(given) > 1:
            return NOT_TOGETHER.said(first=given[0], second=given[1], why=why)
    for param, value in arguments.items():
        for text in (value if isinstance(value, (list, tuple)) else [value]):
            if isinstance(text, str) and invisible_at(text) is not None:
                at = invisible_at(text)
                return INVISIBLE_ARGUMENT.said(param=param, value=printable(text)[:60], char=char_name(text[at]))
    for param, value in arguments.items():
        if isinstance(value, (list, tuple)) and kinds.get(param) is not None:
            if not value:
                default = inspect.signature(function).parameters[param].default
                optional = default is not inspect.Parameter.empty
                return EMPTY_LIST.said(param=param, or_default=", eller ta bort argumentet så visas standardvalet" if optional else "")
            twice = next((item for position, item in enumerate(value) if item in value[:position]), None)
            if twice is not None:
                return TWICE_IN_LIST.said(param=param, value=shown(twice))
    if build is None:
        return None
    call = Call(arguments, build)
    # The dataset first: a measure of a dataset that does not exist says nothing useful.
    for param in sorted(arguments, key=lambda p: not isinstance(kinds.get(p), DatasetKind)):
        kind, value = kinds.get(param), arguments[param]
        if kind is None or value is None:
            continue
        for item in (value if isinstance(value, (list, tuple)) else [value]):
            said = kind.check(item, param, call)
            if said is not None:
                return said
    return None
