"""The report pages as the nav lists them, with the facts in each page's front matter.

A report that is published in editions says in its front matter what its period is:

    manadsserie: astorp/forsorjningsstod   # a monthly report: its period is this dataset's latest month
    rapportperiod: tertial 1 2019          # a report for one fixed period, in words

Each period the report has had on `main` is one edition (macros/pages/editions.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..data import yamlfile
from ..data.messages import Message


@dataclass
class ReportEntry:
    title: str  # the nav title, else the page's own
    url: str  # the page's path in the built site: `astorp/`
    source: str  # the Markdown file below docs/: `astorp.md`
    meta: dict


SERIES = "manadsserie"  # front matter: the dataset whose latest month is the report's period
FIXED_PERIOD = "rapportperiod"  # front matter: the report's one period, in words
MUNICIPALITY = "kommunkod"  # front matter: the report's municipality (SCB's code, as Kolada uses it)
COUNTRY = "0000"  # Kolada's code for Riket

BAD_MUNICIPALITY_CODE = Message(
    "kommunkod-fel",
    'kommunkod ska vara kommunens kod med fyra siffror inom citattecken, till exempel kommunkod: "0483" '
    "för Katrineholm, men är {value}.",
    "Sidans inledning anger kommunen som rapporten gäller med dess kod från SCB (samma som i Kolada). "
    "Koden har fyra siffror och kan börja med 0, så den skrivs inom citattecken.",
)
COUNTRY_IS_NO_MUNICIPALITY = Message(
    "kommunkod-riket",
    'kommunkod "0000" är Koladas kod för riket, inte för en kommun. Skriv kommunens egen kod, till exempel '
    'kommunkod: "1277" för Åstorp; riket kommer med i jämförelsen ändå.',
    "Sidans kommunkod är 0000, som i Kolada betyder hela landet. Jämförelsen gäller en kommun och tar alltid med riket.",
)
CODE_READ_AS_NUMBER = Message(
    "kommunkod-utan-citattecken",
    'kommunkod: {typed} utan citattecken läses som talet {value} (en nolla först gör det till ett oktalt tal). '
    'Skriv koden inom citattecken: kommunkod: "{typed}".',
    "En kommunkod som börjar med 0 och bara har siffrorna 0–7 (som 0114) läser YAML som ett tal i åttondelssystemet. "
    "Koden skrivs därför alltid inom citattecken.",
)

GUIDE_DATA_ON_REPORT = Message(
    "forfattarguidens-data",
    "datasetet {dataset} är ett påhittat exempel för författarguiden (data/forfattarguide/ läses bara av "
    "guidens sidor i docs/forfattarguide/). En rapport får aldrig visa påhittade siffror: ange "
    "rapportens eget dataset, till exempel {example}.",
    "Exempeldata i data/forfattarguide/ är påhittade och hör bara till författarguiden; en rapportsida som läser "
    "dem skulle publicera påhittade siffror.",
)
PERIOD_BOTH = Message(
    "period-bade-och", "sidan anger både {series} och {fixed}; ange bara det ena.",
    "En rapport anger sin period antingen med manadsserie (ett dataset, vars senaste månad är perioden) eller med "
    "rapportperiod (perioden i ord), inte båda.",
)

PERIOD_NOT_TEXT = Message(
    "period-inte-text", "{key} ska vara en text, till exempel {key}: astorp/forsorjningsstod eller {key}: tertial 1 2019.",
    "manadsserie och rapportperiod i sidhuvudet är texter.",
)


def front_matter(path: Path) -> dict:
    """A page's YAML front matter (between the leading `---` lines), or {}."""
    return split_page(path.read_text(encoding="utf-8"))[0]


def listed_front_matter(path: Path) -> dict:
    """front_matter for the lists that name every report (titles, the start page): {} for a page whose
    front matter cannot be read, which the page's own check refuses with its line and the fix
    (authoring.front_matter_problems), so a list never ends the build first."""
    try:
        return front_matter(path)
    except (ValueError, UnicodeDecodeError):  # yamlfile.YamlError is a ValueError
        return {}


def split_page(text: str) -> tuple[dict, str]:
    """A page's text → (front matter, Markdown body)."""
    if not text.startswith("---"):
        return {}, text
    parts = text.split("---", 2)
    if len(parts) < 3:
        return {}, text
    meta, _lines = yamlfile.load(parts[1])
    return (meta if isinstance(meta, dict) else {}), parts[2].lstrip("\n")


@dataclass(frozen=True)
class PeriodRule:
    """How a report's front matter says what its period is (see the module's docstring)."""

    series: str | None = None  # dataset id (monthly report)
    fixed: str | None = None  # the period in words (one-off report)

    @classmethod
    def of(cls, meta: dict) -> "PeriodRule | None":
        series, fixed = meta.get(SERIES), meta.get(FIXED_PERIOD)
        if series is None and fixed is None:
            return None
        if series is not None and fixed is not None:
            raise PERIOD_BOTH.error(series=SERIES, fixed=FIXED_PERIOD)
        value = series if series is not None else fixed
        if not isinstance(value, (str, int)) or not str(value).strip():
            raise PERIOD_NOT_TEXT.error(key=SERIES if series is not None else FIXED_PERIOD)
        return cls(series=str(series) if series is not None else None, fixed=str(fixed) if fixed is not None else None)


KEY_FIGURES = "nyckeltal"  # front matter: the report's headline measures, shown on the start page
KEY_FIGURES_MALFORMED = Message(
    "nyckeltal-felaktiga",
    "nyckeltal ska vara en lista med mått ur manadsserie, till exempel nyckeltal: [hushall, utbetalt_tkr], "
    "eller dataset och mått, till exempel nyckeltal: {{dataset: ystad/volymer, matt: [hushall]}}. {reason}",
    "En rapportsidas nyckeltal (visas på startsidan) anges i sidans inledning som en lista med mått ur "
    "rapportens manadsserie, eller som ett dataset med en lista mått.",
)


@dataclass(frozen=True)
class KeyFigures:
    """The measures a report puts on the start page, as its front matter names them:

        manadsserie: ystad/forsorjningsstod
        nyckeltal: [hushall, utbetalt_tkr]                           # measures of manadsserie

        nyckeltal: {dataset: ystad/volymer-2024, matt: [hushall]}    # any dataset
    """

    dataset: str
    measures: tuple[str, ...]

    @classmethod
    def of(cls, meta: dict) -> "KeyFigures | None":
        value = meta.get(KEY_FIGURES)
        if value is None:
            return None
        if isinstance(value, dict):
            unknown = sorted(set(value) - {"dataset", "matt"})
            if unknown:
                raise KEY_FIGURES_MALFORMED.error(reason=f"Okänd nyckel: {unknown[0]}.")
            dataset, measures = value.get("dataset"), value.get("matt")
        else:
            dataset, measures = meta.get(SERIES), value
            if dataset is None:
                raise KEY_FIGURES_MALFORMED.error(reason="Sidan har ingen manadsserie: ange dataset.")
        if isinstance(measures, str):
            measures = [measures]
        if not isinstance(dataset, str) or not dataset.strip():
            raise KEY_FIGURES_MALFORMED.error(reason="Datasetet saknas.")
        if not isinstance(measures, list) or not measures or not all(isinstance(m, str) and m.strip() for m in measures):
            raise KEY_FIGURES_MALFORMED.error(reason="Ange minst ett mått, som text.")
        return cls(dataset.strip(), tuple(m.strip() for m in measures))


def municipality_line(text: str) -> tuple[int, str]:
    """Where a page's text says `kommunkod:` in its front matter: (line, the value as typed), or (1, "")."""
    if not text.startswith("---"):
        return 1, ""
    for number, line in enumerate(text.splitlines()[1:], 2):
        if line.strip() == "---":
            break
        match = re.match(rf"{MUNICIPALITY}\s*:\s*(.*?)\s*(?:#.*)?$", line)
        if match:
            return number, match.group(1)
    return 1, ""


def municipality_code(meta: dict, typed: str = "") -> str | None:
    """The page's municipality code (`kommunkod: "1277"`), or None when it names none.
    A code can start with 0, which YAML reads as a number (0123 is 83): quoted text is the rule,
    and a bare four-digit number (1277) is taken as it reads. `typed`: the value as the page's
    text has it, to show staff what they wrote rather than what YAML made of it."""
    value = meta.get(MUNICIPALITY)
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)
    if isinstance(value, int) and not isinstance(value, bool) and re.fullmatch(r"0[0-7]+", typed or ""):
        raise CODE_READ_AS_NUMBER.error(typed=typed, value=value)
    text = value.strip() if isinstance(value, str) else None
    if text == COUNTRY:
        raise COUNTRY_IS_NO_MUNICIPALITY.error()
    if text is None or not re.fullmatch(r"[0-9]{4}", text, re.ASCII):
        raise BAD_MUNICIPALITY_CODE.error(value=repr(value) if not isinstance(value, str) else f'"{value}"')
    return text


def page_url(source: str) -> str:
    """`astorp.md` → `astorp/`, `index.md` → `` (MkDocs' and Zensical's directory URLs)."""
    return source.removesuffix(".md").removesuffix("index").rstrip("/") + "/" if source != "index.md" else ""


def _item(item) -> tuple[str, object]:
    """A nav entry as (title, target): the `{title: target}` of mkdocs.yml, or Zensical's
    `{"title", "url", "children"}`; a target is a page's source or a list of entries."""
    if isinstance(item, dict) and "children" in item and "title" in item:
        return item["title"] or "", item["children"] or item.get("url")
    if isinstance(item, dict) and len(item) == 1:
        return next(iter(item.items()))
    return "", item


def nav_pages(items: list) -> list[tuple[str, str]]:
    """Every (title, source) in a nav (sub)tree, in order."""
    found = []
    for item in items or []:
        title, target = _item(item)
        if isinstance(target, list):
            found += nav_pages(target)
        elif isinstance(target, str) and target.endswith(".md"):
            found.append((title, target))
    return found


def report_entries(nav: list, section: str, docs_dir: Path) -> list[ReportEntry]:
    """The pages below the nav section named `section` (and its subsections)."""
    entries = []
    for item in nav or []:
        title, target = _item(item)
        if title == section and isinstance(target, list):
            for page_title, source in nav_pages(target):
                meta = listed_front_matter(docs_dir / source)
                entries.append(ReportEntry(page_title or meta.get("title", source), page_url(source), source, meta))
    return entries
