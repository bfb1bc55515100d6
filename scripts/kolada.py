#!/usr/bin/env python3
"""Hämta jämförelsetal från Kolada till vanliga dataset i data/kolada/.

    python scripts/kolada.py [--root KATALOG] [--ar 10]

For every page in docs/ whose front matter names its municipality (`kommunkod: "1277"`),
fetch each key figure listed in data/kolada/nyckeltal.yaml for the municipality, the
members of its "Liknande kommuner ekonomiskt bistånd" group and Riket (0000), for the
last ten years, and write one ordinary dataset per municipality and key figure:
`data/kolada/<kommun>-<nyckeltal>.csv` (one row per year, one column per municipality)
with its schema beside it, whose `kolada:` block records where the figures come from
(the API address, the day they were fetched, the key figure's id, title and publication
date, the group). The site is built from these files and never reaches Kolada itself.

The client is requests with urllib3's Retry: timeouts, retries with exponential backoff on
429 and 5xx that honour Retry-After, `next_url` followed page by page, at most 25 ids in a
path segment (Kolada answers 422 beyond that). Every answer is checked against the shapes
Kolada documents (JSON Schema below) before anything is read from it; a missing value
(`null`) stays missing, and the total (`gender: T`) is the figure. Nothing is written
unless everything was fetched and every new dataset passes the site's own checks; then the
CSV and schema files are renamed into place together. A dataset whose figures and sources
are unchanged is left as it is (its fetch date too), so the scheduled workflow opens a pull
request only when Kolada's figures changed.

KOLADA_API sets the API's address (default https://api.kolada.se/v3); the tests point it
at a local stand-in. Messages are Swedish, with a code (macros/data/messages.py).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

import requests
import yaml
from jsonschema import Draft202012Validator
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.data import yamlfile  # noqa: E402
from macros.data.commandline import SwedishParser, whole_number  # noqa: E402
from macros.data.catalog import Catalog  # noqa: E402
from macros.data.messages import Message  # noqa: E402
from macros.data.problems import AuthorError, printable  # noqa: E402
from macros.data.reading import MOJIBAKE  # noqa: E402
from macros.formats import swedish  # noqa: E402
from macros.formats.swedish import sort_key  # noqa: E402
from macros.outputs.downloads import MISSING, cell  # noqa: E402
from macros.pages.reports import COUNTRY, front_matter, municipality_code, municipality_line  # noqa: E402

DEFAULT_API = "https://api.kolada.se/v3"
API_VARIABLE = "KOLADA_API"
FOLDER = "kolada"  # data/kolada/: Kolada's figures, one dataset per municipality and key figure
KPI_LIST = Path("data") / FOLDER / "nyckeltal.yaml"
YEARS = 10
MAX_IDS = 25  # per path segment: Kolada answers 422 to more
MAX_PAGES = 200  # a loop guard: ten years of three key figures is one page
TIMEOUT = (10, 60)  # seconds to connect, seconds between bytes of the answer
RETRIES = 5
RETRY_STATUS = (429, 500, 502, 503, 504)
MAX_WAIT = 60  # seconds: a Retry-After longer than this is not waited for (an hour per retry would hang CI)
AVERAGE = "liknande_genomsnitt"  # the similar municipalities' mean: a computed field of each dataset
GROUP_TITLE = re.compile(r"Liknande kommuner ekonomiskt bistånd, (?P<name>.+), (?P<year>\d{4})")
USER_AGENT = "socialrapporter/kolada.py (+https://github.com; uppföljningsrapporter om ekonomiskt bistånd)"

# ---------------------------------------------------------------- messages

OFFLINE = Message(
    "kolada-nas-inte",
    "Kolada går inte att nå ({url}): {reason}. Kontrollera nätverksanslutningen (eller KOLADA_API) och kör "
    "skriptet igen. Inget har skrivits.",
    "Skriptet fick ingen kontakt med Koladas API, inte heller efter flera försök. Datafilerna är oförändrade.",
)
HTTP_FAILED = Message(
    "kolada-svarar-med-fel",
    "Kolada svarade med HTTP {status} på {url}{attempts}. Försök igen senare; står felet kvar kan Kolada ha "
    "ändrat sitt API (se https://api.kolada.se/v3/docs). Inget har skrivits.",
    "Koladas API svarade med ett fel, också efter upprepade försök för tillfälliga fel (429 och 5xx).",
)
UNEXPECTED = Message(
    "kolada-ovantat-svar",
    "Kolada svarade på {url} med ett oväntat format: {detail}. Kolada kan ha ändrat sitt API "
    "(se https://api.kolada.se/v3/docs), och då behöver scripts/kolada.py rättas. Inget har skrivits.",
    "Svaret från Kolada har inte den form som skriptet känner till, så skriptet läser det inte alls hellre än "
    "att läsa fel siffror.",
)
UNKNOWN_MUNICIPALITY = Message(
    "kolada-okand-kommunkod",
    '{pages}: kommunkod "{code}" finns inte i Kolada. Skriv kommunens fyrsiffriga kod från SCB inom '
    'citattecken, till exempel kommunkod: "1277" för Åstorp.',
    "En rapportsida anger en kommunkod som Kolada inte känner till.",
)
NO_GROUP = Message(
    "kolada-grupp-saknas",
    'Kolada har ingen grupp "Liknande kommuner ekonomiskt bistånd, {name}, <år>" för {name} ({code}), '
    "så det finns inga liknande kommuner att jämföra med. Kontrollera kommunkoden på {pages}. Inget har skrivits.",
    "Koladas grupper av liknande kommuner för ekonomiskt bistånd heter efter kommunen; ingen sådan grupp hittades.",
)
UNKNOWN_KPI = Message(
    "kolada-okant-nyckeltal",
    "{path}: Kolada har inget nyckeltal {kpi}. Kontrollera id:t på https://www.kolada.se. Inget har skrivits.",
    "Ett nyckeltal i listan över nyckeltal att hämta finns inte i Kolada.",
)
BAD_KPI_LIST = Message(
    "kolada-nyckeltalslista-fel",
    "{path}:{line}:1: {detail}",
    "Listan över nyckeltal att hämta (data/kolada/nyckeltal.yaml) följer inte sitt format: id, title, "
    "description, unit och decimals för varje nyckeltal.",
)
BAD_PAGE = Message(
    "kolada-sidhuvud-fel",
    "{page}:1:1: {detail}",
    "En rapportsidas inledning (front matter) går inte att läsa, så skriptet vet inte vilken kommun sidan gäller.",
)
NOTHING_TO_FETCH = Message(
    "kolada-inga-kommuner",
    "Ingen sida i {docs} anger kommunkod, så det finns inget att hämta från Kolada. Skriv till exempel "
    'kommunkod: "1277" i inledningen på en rapportsida.',
    "Skriptet hämtar bara för kommuner som någon rapportsida anger.",
)
WAIT_TOO_LONG = Message(
    "kolada-ber-oss-vanta",
    "Kolada svarade med HTTP {status} på {url} och bad oss vänta {seconds} sekunder (Retry-After) innan nästa "
    "försök. Skriptet väntar högst {limit} sekunder. Försök igen senare. Inget har skrivits.",
    "Kolada är överbelastat eller begränsar antalet anrop och ber om en lång paus; skriptet ger upp hellre än "
    "att stå och vänta i timmar.",
)
INCOMPLETE = Message(
    "kolada-ofullstandigt-svar",
    "Koladas svar på {url} är ofullständigt: {missing} kom inte med, varken som siffra eller som tom uppgift "
    "(null), fast andra kommuner har det året. Svaret kan ha kortats av (next_url). Kör skriptet igen senare. "
    "Inget har skrivits.",
    "Varje efterfrågad kombination av nyckeltal, kommun och år ska finnas i Koladas svar, med en siffra eller "
    "null; annars har sidor i svaret fallit bort, och skriptet skriver hellre inget än luckor som inte är Koladas.",
)
CONFLICTING = Message(
    "kolada-motsagelsefullt-svar",
    "Koladas svar på {url} har två olika värden för {kpi}, {municipality} år {year}: {first} och {second}. "
    "Skriptet kan inte veta vilket som gäller. Kör skriptet igen senare; står felet kvar: kontakta Kolada "
    "(RKA). Inget har skrivits.",
    "Kolada svarade med samma nyckeltal, kommun och år två gånger med olika värden.",
)
IMPOSSIBLE = Message(
    "kolada-omojligt-varde",
    "Koladas svar har värdet {value} för {kpi}, {municipality} år {year}, men {rule}. Det är Koladas svar, inte "
    "ett fel på webbplatsen: kontrollera siffran på https://www.kolada.se och kör skriptet igen senare. "
    "Inget har skrivits.",
    "Kolada svarade med ett värde som inte kan stämma: ett negativt antal, en negativ kostnad eller en andel "
    "under 0 eller över 100 procent.",
)
NO_FIGURES = Message(
    "kolada-inga-siffror",
    "Kolada svarade utan en enda siffra för {kpi} ({title}) för {home} och liknande kommuner åren {years}{why}. "
    "Det är Koladas svar, inte ett fel på webbplatsen: kontrollera nyckeltalet på https://www.kolada.se och kör "
    "skriptet igen senare, eller ta bort nyckeltalet ur data/kolada/nyckeltal.yaml. Inget har skrivits.",
    "Koladas svar innehåller inga värden (eller bara rader utan totalen för båda könen, gender T) för ett "
    "nyckeltal, så det finns inget att jämföra med.",
)
EMPTY_GROUP = Message(
    "kolada-grupp-utan-medlemmar",
    'Koladas grupp "{title}" har inga medlemmar, så det finns inga liknande kommuner att jämföra {name} med. '
    "Det är Koladas svar; kör skriptet igen senare. Inget har skrivits.",
    "Gruppen av liknande kommuner som Kolada svarade med är tom.",
)
NO_FOLDER = Message(
    "kolada-mapp-saknas",
    "Mappen {root} finns inte (eller har ingen undermapp docs). Ange projektets mapp med --root, eller utelämna "
    "--root för det här förrådet.",
    "--root pekar på en mapp som inte finns eller inte är ett projekt med docs/.",
)
NOT_VALID = Message(
    "kolada-dataset-klarar-inte-kontrollen",
    "Det hämtade datasetet {dataset} klarar inte webbplatsens egen kontroll: {problems} Inget har skrivits; "
    "scripts/kolada.py behöver rättas.",
    "Ett internt fel: det skriptet skulle ha skrivit hade stoppat bygget.",
)


class KoladaError(Exception):
    """A fetch that cannot go on: a Message of the catalogue, in Swedish, filled in; printed with its code."""

    def __init__(self, message: Message, where: str = "", **values):
        self.code = message.code
        super().__init__(f"{where + ': ' if where else ''}{message.text(**values)} [{message.code}]")


class KoladaAuthorError(KoladaError):
    """A page's own mistake, already said with its place and code."""

    def __init__(self, text: str, code: str):
        self.code = code
        Exception.__init__(self, text)


# ---------------------------------------------------------------- the shapes Kolada answers with

_TEXT = {"type": "string", "minLength": 1}
ENVELOPE = {
    "type": "object",
    "required": ["values"],
    "properties": {
        "values": {"type": "array"},
        "count": {"type": "integer", "minimum": 0},
        "next_url": {"type": ["string", "null"]},
        "previous_url": {"type": ["string", "null"]},
    },
}
MUNICIPALITY = {"type": "object", "required": ["id", "title"], "properties": {"id": _TEXT, "title": _TEXT}}
KPI = {
    "type": "object",
    "required": ["id", "title"],
    "properties": {"id": _TEXT, "title": _TEXT, "publication_date": {"type": ["string", "null"]}},
}
MEMBERS = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["member_id", "member_title"],
        "properties": {"member_id": {"type": "string", "pattern": "^[0-9]{4}$"}, "member_title": _TEXT},
    },
}
GROUP = {"type": "object", "required": ["id", "title"], "properties": {"id": _TEXT, "title": _TEXT, "members": MEMBERS}}
DATA_ROW = {
    "type": "object",
    "required": ["kpi", "municipality", "period", "values"],
    "properties": {
        "kpi": _TEXT,
        "municipality": _TEXT,
        "period": {"type": ["integer", "string"], "pattern": "^[0-9]{4}$"},
        "values": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["gender", "value"],
                "properties": {
                    "gender": {"type": "string"},
                    "value": {"type": ["number", "null"]},
                    "isdeleted": {"type": ["boolean", "integer", "null"]},
                },
            },
        },
    },
}
KPI_ENTRY = {
    "type": "array",
    "minItems": 1,
    "items": {
        "type": "object",
        "required": ["id", "title", "description", "unit", "decimals"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string", "pattern": "^[A-Z][0-9]{5}$"},
            "title": {"type": "string", "minLength": 1, "maxLength": 120},
            "description": {"type": "string", "minLength": 1, "maxLength": 1000},
            "unit": {"enum": ["st", "tkr", "kr", "%", "dygn", "personer", "hushåll"]},
            "decimals": {"type": "integer", "minimum": 0, "maximum": 6},
        },
    },
}


def _first_error(instance, schema, place: str = "") -> str | None:
    """The first way `instance` (at `place` in the answer) departs from `schema`, in words, or None."""
    error = next(iter(sorted(Draft202012Validator(schema).iter_errors(instance), key=lambda e: list(e.absolute_path))), None)
    if error is None:
        return None
    place += "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    value = json.dumps(error.instance, ensure_ascii=False)[:80]
    return f"{place.lstrip('.') or 'svaret'} är {value}, men {_rule(error)}"


def _rule(error) -> str:
    kind, rule = error.validator, error.validator_value
    if kind == "required":
        return f"nyckeln {next((n for n in rule if n not in error.instance), '?')!r} saknas"
    if kind == "type":
        return f"ska vara av typen {rule}"
    if kind == "pattern":
        return f"ska följa mönstret {rule}"
    return f"bryter mot regeln {kind}: {json.dumps(rule, ensure_ascii=False)[:60]}"


# ---------------------------------------------------------------- the client


class PacedRetry(Retry):
    """urllib3's Retry (backoff, Retry-After), with the waiting done by `pause`: time.sleep,
    or in the tests a function that records the waits instead of taking them."""

    pause = staticmethod(time.sleep)

    def sleep(self, response=None) -> None:
        seconds = self.get_retry_after(response) if (self.respect_retry_after_header and response is not None) else None
        if seconds and seconds > MAX_WAIT:
            raise LongWait(response.status, seconds)
        if not seconds:
            seconds = self.get_backoff_time()
        if seconds and seconds > 0:
            self.pause(seconds)


class LongWait(Exception):
    """Kolada asked for a pause longer than MAX_WAIT before the next try."""

    def __init__(self, status: int, seconds: float):
        super().__init__(status, seconds)
        self.status, self.seconds = status, seconds


def chunks(ids: list[str], size: int = MAX_IDS) -> list[list[str]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)] or [[]]


class Kolada:
    """Kolada's API v3 as this script needs it; every answer is checked before it is read."""

    def __init__(self, base: str, pause=time.sleep, backoff: float = 1.0, retries: int = RETRIES, timeout=TIMEOUT):
        self.base = base.rstrip("/")
        self.timeout = timeout
        retry_class = type("KoladaRetry", (PacedRetry,), {"pause": staticmethod(pause)})
        retry = retry_class(
            total=retries, connect=retries, read=retries, status=retries, other=0,
            backoff_factor=backoff, backoff_max=120, status_forcelist=RETRY_STATUS,
            allowed_methods=frozenset({"GET"}), raise_on_status=False,
            respect_retry_after_header=True,
        )
        self.session = requests.Session()
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers.update({"Accept": "application/json", "User-Agent": USER_AGENT})
        self.requests = 0  # answers received, for the summary

    def get(self, url: str) -> dict:
        """One answer, as JSON in Kolada's envelope (`values`, `next_url`)."""
        try:
            response = self.session.get(url, timeout=self.timeout)
        except LongWait as wait:
            raise KoladaError(WAIT_TOO_LONG, status=wait.status, url=url, seconds=f"{wait.seconds:.0f}", limit=MAX_WAIT) from None
        except requests.exceptions.Timeout as exc:
            raise KoladaError(OFFLINE, url=url, reason=f"svaret dröjde för länge ({type(exc).__name__})") from exc
        except (requests.exceptions.ConnectionError, requests.exceptions.RetryError) as exc:
            raise KoladaError(OFFLINE, url=url, reason=f"ingen anslutning ({_cause(exc)})") from exc
        except requests.exceptions.RequestException as exc:
            raise KoladaError(OFFLINE, url=url, reason=f"anropet misslyckades ({type(exc).__name__})") from exc
        self.requests += 1
        if response.status_code != 200:
            tries = len(response.raw.retries.history) + 1 if getattr(response.raw, "retries", None) else 1
            raise KoladaError(HTTP_FAILED, status=response.status_code, url=url, attempts=f" efter {tries} försök" if tries > 1 else "")
        try:
            doc = json.loads(response.content.decode("utf-8"))  # UTF-8 by the JSON standard, whatever the headers say
        except (UnicodeDecodeError, ValueError):
            raise KoladaError(UNEXPECTED, url=url, detail="svaret är inte JSON i UTF-8") from None
        problem = _first_error(doc, ENVELOPE)
        if problem:
            raise KoladaError(UNEXPECTED, url=url, detail=problem)
        return doc

    def values(self, path: str, shape: dict) -> list[dict]:
        """Every item of a listing, following `next_url` to the last page; each item checked against `shape`."""
        url, seen, found = self.base + path, set(), []
        while url:
            if url in seen or len(seen) >= MAX_PAGES:
                raise KoladaError(UNEXPECTED, url=url, detail="next_url leder runt i en slinga")
            seen.add(url)
            doc = self.get(url)
            for index, item in enumerate(doc["values"]):
                problem = _first_error(item, shape, f"values[{index}]")
                if problem:
                    raise KoladaError(UNEXPECTED, url=url, detail=problem)
                texts = [v for v in item.values() if isinstance(v, str)]
                bad = next((t for t in texts if MOJIBAKE.search(t)), None)
                if bad:
                    raise KoladaError(UNEXPECTED, url=url, detail=f"texten {bad!r} är dubbelkodad (å, ä, ö trasiga)")
                found.append(item)
            url = self._next(doc.get("next_url"), url)
        return found

    def _next(self, next_url, current: str) -> str | None:
        """The next page on the same server as the API (a `next_url` elsewhere is refused)."""
        if not next_url:
            return None
        next_url = urljoin(current, next_url)  # a relative next_url (/v3/data/…?page=2) is on the same server
        base, target = urlsplit(self.base), urlsplit(next_url)
        if target.hostname != base.hostname or target.port != base.port:
            raise KoladaError(UNEXPECTED, url=current, detail=f"next_url pekar till en annan server ({next_url})")
        return f"{base.scheme}://{base.netloc}{target.path}" + (f"?{target.query}" if target.query else "")

    # ------------------------------------------------------------ what the script asks for

    def municipalities(self, ids: list[str]) -> dict[str, str]:
        found = {}
        for part in chunks(ids):
            for item in self.values(f"/municipality/{','.join(part)}", MUNICIPALITY):
                found[str(item["id"])] = nfc(item["title"])
        return found

    def kpis(self, ids: list[str]) -> dict[str, dict]:
        found = {}
        for part in chunks(ids):
            for item in self.values(f"/kpi/{','.join(part)}", KPI):
                found[item["id"]] = item
        return found

    def similar_group(self, name: str) -> dict | None:
        """The newest "Liknande kommuner ekonomiskt bistånd, <name>, <year>" group with its members.
        Kolada has twelve families of similar municipalities; the home municipality is named only
        in the title and is not a member; ids change each time RKA recomputes the groups."""
        candidates = []
        for item in self.values(f"/municipality_groups?title={quote(name)}", GROUP):
            match = GROUP_TITLE.fullmatch(nfc(item["title"]).strip())
            if match and match["name"].casefold() == name.casefold():
                candidates.append((int(match["year"]), item))
        if not candidates:
            return None
        _year, group = max(candidates, key=lambda c: c[0])
        if "members" not in group:  # the listing may leave members out: ask for the one group
            found = self.values(f"/municipality_groups/{quote(str(group['id']))}", GROUP)
            group = next((g for g in found if str(g["id"]) == str(group["id"]) and "members" in g), None)
            if group is None:
                raise KoladaError(UNEXPECTED, url=f"{self.base}/municipality_groups/{candidates[0][1]['id']}", detail="gruppen saknar members")
        return group

    def data(self, kpis: list[str], municipalities: list[str], years: list[int]) -> dict[tuple[str, str, int], float | None]:
        """{(kpi, municipality, year): value}: the total (gender T), None where Kolada has no figure.
        The path form (`/data/kpi/…/municipality/…/year/…`): a query-string form has been seen to
        answer nothing without an error."""
        found: dict[tuple[str, str, int], float | None] = {}
        self.without_total: set[tuple[str, str, int]] = set()  # rows with K and M but no T
        for kpi_part in chunks(kpis):
            for municipality_part in chunks(municipalities):
                for year_part in chunks([str(y) for y in years]):
                    path = f"/data/kpi/{','.join(kpi_part)}/municipality/{','.join(municipality_part)}/year/{','.join(year_part)}"
                    url = self.base + path
                    part: dict[tuple[str, str, int], float | None] = {}
                    for row in self.values(path, DATA_ROW):
                        total = next((v for v in row["values"] if v["gender"] == "T"), None)
                        value = None if total is None or total.get("isdeleted") else total["value"]
                        value = None if value is None else float(value)
                        key = (row["kpi"], str(row["municipality"]), int(row["period"]))
                        if total is None:
                            self.without_total.add(key)
                        if key in part and part[key] != value:
                            raise KoladaError(CONFLICTING, url=url, kpi=key[0], municipality=key[1], year=key[2],
                                              first=_shown(part[key]), second=_shown(value))
                        part[key] = value
                    _check_complete(part, kpi_part, municipality_part, [int(y) for y in year_part], url)
                    found |= part
        return found


def _impossible(value: float | None, unit: str | None) -> str | None:
    """Why a figure of this unit cannot be, or None: every unit in nyckeltal.yaml counts or costs."""
    if value is None or unit is None:
        return None
    if value < 0:
        return "en andel kan inte vara negativ" if unit == "%" else f"ett värde i {unit} kan inte vara negativt här"
    if unit == "%" and value > 100:
        return "en andel av befolkningen kan inte vara över 100 %"
    return None


def _shown(value: float | None) -> str:
    return "null" if value is None else format(Decimal(repr(value)).normalize(), "f")


def _check_complete(part: dict, kpis: list[str], municipalities: list[str], years: list[int], url: str) -> None:
    """Every asked-for municipality has a row (a figure or null) for every year the key figure has
    for any municipality: a page of the answer that never came leaves such holes. The newest
    year is spared (Kolada publishes it municipality by municipality, leaving the rest out), and
    so is a year no municipality has yet."""
    missing = []
    for kpi in kpis:
        answered = {year for (k, _m, year) in part if k == kpi and year in years}
        answered.discard(max(answered, default=None))
        for municipality in municipalities:
            missing += [f"{kpi} för {municipality} år {year}" for year in sorted(answered) if (kpi, municipality, year) not in part]
    if missing:
        shown = ", ".join(missing[:3]) + (f" och {len(missing) - 3} till" if len(missing) > 3 else "")
        raise KoladaError(INCOMPLETE, url=url, missing=shown)


def _cause(exc: BaseException) -> str:
    """The innermost reason of a connection error, by name (`ConnectionRefusedError`)."""
    for _level in range(10):
        inner = getattr(exc, "reason", None) or exc.__cause__ or exc.__context__
        if not isinstance(inner, BaseException):
            break
        exc = inner
    return type(exc).__name__


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", str(text))


# ---------------------------------------------------------------- what to fetch


@dataclass(frozen=True)
class Indicator:
    """One key figure of data/kolada/nyckeltal.yaml: Kolada's id and our own words for it."""

    id: str
    title: str
    description: str
    unit: str
    decimals: int


def read_indicators(root: Path) -> list[Indicator]:
    path = root / KPI_LIST
    shown = KPI_LIST.as_posix()
    try:
        doc, lines = yamlfile.load(path.read_text(encoding="utf-8"))
    except OSError:
        raise KoladaError(BAD_KPI_LIST, path=shown, line=1, detail="filen saknas. Den listar nyckeltalen att hämta.") from None
    except yamlfile.YamlError as exc:
        raise KoladaError(BAD_KPI_LIST, path=shown, line=exc.line, detail=exc.message) from None
    if doc is None or doc == []:
        raise KoladaError(BAD_KPI_LIST, path=shown, line=1, detail=KPI_LIST_EMPTY)
    for error in sorted(Draft202012Validator(KPI_ENTRY).iter_errors(doc), key=lambda e: list(map(str, e.absolute_path))):
        where = tuple(error.absolute_path)
        while where and where not in lines:
            where = where[:-1]
        raise KoladaError(BAD_KPI_LIST, path=shown, line=lines.get(where, 1), detail=_kpi_entry_problem(doc, error))
    first: dict[str, int] = {}
    for index, entry in enumerate(doc):
        line = lines.get((index, "id"), lines.get((index,), 1))
        if entry["id"] in first:
            raise KoladaError(BAD_KPI_LIST, path=shown, line=line,
                              detail=f"nyckeltalet {entry['id']} står två gånger, här och på rad {first[entry['id']]}. Ta bort det ena.")
        first[entry["id"]] = line
    return [Indicator(**entry) for entry in doc]


KPI_LIST_EMPTY = ("listan är tom. Skriv ett nyckeltal per post, till exempel: - id: N31807, med title, description, "
                  'unit ("%", kr, st …) och decimals på egna rader under.')
# What each key of an entry in nyckeltal.yaml holds, in words and with an example.
KPI_KEYS = {
    "id": "Koladas id: en stor bokstav och fem siffror, till exempel N31807",
    "title": "en kort rubrik (högst 120 tecken), till exempel Invånare med ekonomiskt bistånd",
    "description": "en beskrivning med egna ord (högst 1000 tecken)",
    "unit": "en av enheterna st, tkr, kr, %, dygn, personer och hushåll (% inom citattecken: \"%\")",
    "decimals": "antalet decimaler, ett heltal från 0 till 6, till exempel 1",
}


def _kpi_entry_problem(doc, error) -> str:
    """An error in nyckeltal.yaml in plain Swedish: which key figure, which key, what it should hold."""
    path = list(error.absolute_path)
    if not path:
        return "filen ska vara en lista med ett nyckeltal per post (- id: N31807 …)."
    entry = doc[path[0]]
    name = f"nyckeltalet {entry['id']}" if isinstance(entry, dict) and isinstance(entry.get("id"), str) else f"nyckeltal nummer {path[0] + 1}"
    if len(path) == 1:
        if error.validator == "required":
            key = next((k for k in error.validator_value if k not in error.instance), "?")
            return f"{name} saknar {key}: {KPI_KEYS.get(key, key)}."
        if error.validator == "additionalProperties":
            extra = sorted(set(error.instance) - set(KPI_KEYS))
            return f"{name} har nyckeln {', '.join(extra)}, som listan inte känner. Nycklarna är {', '.join(KPI_KEYS)}."
        return f"{name} ska vara en post med {', '.join(KPI_KEYS)}."
    key = path[1]
    value = json.dumps(error.instance, ensure_ascii=False)[:60]
    return f"{key} för {name} ska vara {KPI_KEYS.get(key, key)}, men är {value}."


def reports_by_municipality(root: Path) -> dict[str, list[str]]:
    """{municipality code: the pages (docs/…md) that name it}, from each page's front matter."""
    found: dict[str, list[str]] = {}
    for path in sorted((root / "docs").rglob("*.md")):
        shown = path.relative_to(root).as_posix()
        try:
            meta = front_matter(path)
        except yamlfile.YamlError as exc:
            raise KoladaError(BAD_PAGE, page=shown, detail=exc.message) from None
        line, typed = municipality_line(path.read_text(encoding="utf-8-sig"))
        try:
            code = municipality_code(meta, typed)
        except AuthorError as exc:
            raise KoladaAuthorError(f"{shown}:{line}:1: {exc} [{exc.code}]", exc.code) from None
        if code:
            found.setdefault(code, []).append(shown)
    return found


# ---------------------------------------------------------------- the datasets


@dataclass
class Written:
    id: str  # kolada/astorp-n31807
    csv: bytes
    schema: bytes
    provenance: dict  # the schema as data, to compare without the fetch date
    kind: str = "ny"  # ny, ändrad, oförändrad


class _Dumper(yaml.SafeDumper):
    """YAML as the schemas are written: codes such as 0483 quoted, so that no reader takes them for numbers."""


_Dumper.add_representer(
    str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style="'" if re.fullmatch(r"[0-9.,:+-]+", text) else None),
)
COUNTS = {1: "en", 2: "två", 3: "tre", 4: "fyra", 5: "fem", 6: "sex", 7: "sju", 8: "åtta", 9: "nio", 10: "tio"}


def slug(text: str, separator: str) -> str:
    """`Östra Göinge` → `ostra_goinge` (a column name) or `ostra-goinge` (a file name)."""
    folded = unicodedata.normalize("NFKD", text.lower().replace("æ", "ae").replace("ø", "o"))
    ascii_text = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", separator, ascii_text).strip(separator)


def dataset(indicator: Indicator, kpi: dict, home: str, titles: dict[str, str], group: dict,
            values: dict, years: list[int], api: str, url: str, today: dt.date) -> Written:
    """One key figure for one municipality: a row per year with any figure, a column per municipality."""
    peers = sorted({str(m["member_id"]) for m in group["members"]} - {home}, key=lambda code: sort_key(titles[code]))
    codes = [home, *peers, COUNTRY]
    names: dict[str, str] = {}
    for code in codes:
        name = "riket" if code == COUNTRY else slug(titles[code], "_")
        if not re.fullmatch(r"[a-z][a-z0-9_]{0,62}", name) or name in names.values() or name in ("ar", AVERAGE):
            name = f"k{code}"
        names[code] = name
    rows = [
        [str(year)] + [values.get((indicator.id, code, year)) for code in codes]
        for year in years
        if any(values.get((indicator.id, code, year)) is not None for code in codes)
    ]
    home_title = titles[home]
    span = f"{rows[0][0]}–{rows[-1][0]}" if rows else ""
    roles = {home: "home", COUNTRY: "country"}
    fields = [{"name": "ar", "title": "År", "type": "year", "constraints": {"required": True}}]
    for code in codes:
        fields.append({
            "name": names[code],
            "title": titles[code],
            "description": f"{titles[code]}, kod {code} i Kolada.",
            "type": "number",
            "unit": indicator.unit,
            "decimals": indicator.decimals,
            "role": roles.get(code, "peer"),
        })
    average = {
        "name": AVERAGE,
        "title": "Liknande kommuner, genomsnitt",
        "description": "Ovägt medelvärde av de liknande kommunernas värden (av dem som har ett värde för året): "
                       "egen bearbetning av data från Kolada, räknad av webbplatsen.",
        "unit": indicator.unit,
        "decimals": indicator.decimals,
        "role": "average",
        "formula": f"mean({', '.join(names[code] for code in peers)})",
    }
    schema = {
        "title": f"{indicator.title} i {home_title}, liknande kommuner och riket",
        "description": (
            f"{indicator.description} För {home_title}, de {COUNTS.get(len(peers), len(peers))} kommuner som Kolada räknar som mest lika "
            f"{home_title} när det gäller ekonomiskt bistånd och riket, ett år per rad. Hämtat ur Kolada "
            f"(nyckeltal {indicator.id}); en tom uppgift (..) betyder att Kolada inte har någon siffra."
        ),
        "measure": indicator.title,
        "source": "Kolada",
        "owner": "Rådet för främjande av kommunala analyser (RKA), som förvaltar Kolada",
        "period": span,
        "kolada": {
            "api": api,
            "url": url,
            "fetched": today.isoformat(),
            "kpi": {"id": indicator.id, "title": nfc(kpi["title"]), "publication_date": kpi.get("publication_date")},
            "group": {"id": str(group["id"]), "title": nfc(group["title"])},
            "municipalities": {names[code]: code for code in codes},
        },
        "fields": fields,
        "derived": [average],
        "missingValues": [MISSING],
        "primaryKey": "ar",
    }
    header = ["ar", *(names[code] for code in codes)]
    lines = [";".join(header)] + [";".join(cell(v) for v in row) for row in rows]
    text = (
        "# yaml-language-server: $schema=../../macros/data/dataset.schema.json\n"
        f"# Skrivet av scripts/kolada.py: ändra inte för hand, kör skriptet igen. Källa: Kolada.\n"
        + yaml.dump(schema, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    )
    return Written(
        f"{FOLDER}/{slug(home_title, '-')}-{indicator.id.lower()}",
        ("\n".join(lines) + "\n").encode("utf-8"),
        text.encode("utf-8"),
        schema,
    )


def fetch(client: Kolada, pages: dict[str, list[str]], indicators: list[Indicator], years: list[int], today: dt.date) -> list[Written]:
    """Everything for every municipality, in memory: nothing is written here."""
    homes = sorted(pages)
    titles = client.municipalities([*homes, COUNTRY])
    for code in homes:
        if code not in titles:
            raise KoladaError(UNKNOWN_MUNICIPALITY, pages=", ".join(pages[code]), code=code)
    groups = {}
    for code in homes:
        group = client.similar_group(titles[code])
        if group is None:
            raise KoladaError(NO_GROUP, name=titles[code], code=code, pages=", ".join(pages[code]))
        if not group.get("members"):
            raise KoladaError(EMPTY_GROUP, title=nfc(group["title"]), name=titles[code])
        groups[code] = group
        titles.update({str(m["member_id"]): nfc(m["member_title"]) for m in group["members"] if str(m["member_id"]) not in titles})
    ids = [i.id for i in indicators]
    kpis = client.kpis(ids)
    for indicator in indicators:
        if indicator.id not in kpis:
            raise KoladaError(UNKNOWN_KPI, path=KPI_LIST.as_posix(), kpi=indicator.id)
    codes = sorted({*homes, COUNTRY, *(str(m["member_id"]) for g in groups.values() for m in g["members"])})
    values = client.data(ids, codes, years)
    units = {i.id: i.unit for i in indicators}
    for (kpi, municipality, year), value in sorted(values.items()):
        rule = _impossible(value, units.get(kpi))
        if rule:
            raise KoladaError(IMPOSSIBLE, value=_shown(value), kpi=kpi, municipality=titles.get(municipality, municipality),
                              year=year, rule=rule)
    made = []
    for code in homes:
        group_codes = [code, *sorted({str(m["member_id"]) for m in groups[code]["members"]} - {code}), COUNTRY]
        for indicator in indicators:
            if all(values.get((indicator.id, c, y)) is None for c in group_codes for y in years):
                no_total = any((indicator.id, c, y) in getattr(client, "without_total", ()) for c in group_codes for y in years)
                raise KoladaError(NO_FIGURES, kpi=indicator.id, title=indicator.title, home=titles[code],
                                  years=f"{years[0]}–{years[-1]}",
                                  why=" (raderna hade bara värden för kvinnor och män, ingen total)" if no_total else "")
            url = (f"{client.base}/data/kpi/{indicator.id}/municipality/{','.join(group_codes)}"
                   f"/year/{','.join(str(y) for y in years)}")
            made.append(dataset(indicator, kpis[indicator.id], code, titles, groups[code], values, years, client.base, url, today))
    return made


# ---------------------------------------------------------------- writing, all or nothing


def _without_date(schema: dict | None) -> dict | None:
    if not isinstance(schema, dict):
        return None
    kolada = dict(schema.get("kolada") or {})
    kolada.pop("fetched", None)
    return {**schema, "kolada": kolada}


def _old_schema(path: Path) -> dict | None:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None


def check(made: list[Written]) -> None:
    """Every new dataset through the site's own checks (the schema's contract, every cell)."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "data"
        for w in made:
            (folder / w.id).parent.mkdir(parents=True, exist_ok=True)
            (folder / f"{w.id}.csv").write_bytes(w.csv)
            (folder / f"{w.id}.schema.yaml").write_bytes(w.schema)
        catalog = Catalog(Path(scratch))
        for w in made:
            errors = [p for p in catalog.read(w.id).problems if p.severity == "error"]
            if errors:
                raise KoladaError(NOT_VALID, dataset=f"data/{w.id}.csv", problems=" ".join(str(p) for p in errors[:3]))


def write(made: list[Written], root: Path) -> list[tuple[str, str]]:
    """Write what changed, and remove Kolada datasets no page asks for any more: every file is
    written beside its target first, and only when all are written are they renamed into place."""
    data = root / "data"
    folder = data / FOLDER
    wanted = {w.id for w in made}
    report: list[tuple[str, str]] = []
    replace: list[tuple[Path, bytes]] = []
    for w in made:
        csv_path, schema_path = data / f"{w.id}.csv", data / f"{w.id}.schema.yaml"
        if csv_path.exists() and schema_path.exists():
            old = _old_schema(schema_path)
            if csv_path.read_bytes() == w.csv and _without_date(old) == _without_date(w.provenance):
                report.append((w.id, "oförändrad"))
                continue
            report.append((w.id, "ändrad"))
        else:
            report.append((w.id, "ny"))
        replace += [(csv_path, w.csv), (schema_path, w.schema)]
    stale = []
    for schema_path in sorted(folder.glob("*.schema.yaml")) if folder.is_dir() else []:
        dataset_id = f"{FOLDER}/{schema_path.name.removesuffix('.schema.yaml')}"
        if dataset_id not in wanted and isinstance(_old_schema(schema_path), dict) and "kolada" in _old_schema(schema_path):
            stale += [schema_path, schema_path.with_name(schema_path.name.replace(".schema.yaml", ".csv"))]
            report.append((dataset_id, "borttagen"))
    temporary: list[tuple[Path, Path]] = []
    try:
        for target, content in replace:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            with os.fdopen(handle, "wb") as out:
                out.write(content)
            temporary.append((Path(name), target))
    except BaseException:
        for name, _target in temporary:
            Path(name).unlink(missing_ok=True)
        raise
    for name, target in temporary:
        os.replace(name, target)
    for path in stale:
        path.unlink(missing_ok=True)
    return report


# ---------------------------------------------------------------- the command


def run(root: Path, api: str, years: int = YEARS, today: dt.date | None = None, pause=time.sleep, backoff: float = 1.0) -> list[tuple[str, str]]:
    """Fetch and write; returns (dataset id, ny/ändrad/oförändrad/borttagen) for each dataset.
    Raises KoladaError with a Swedish message, having written nothing."""
    today = today or swedish.today()
    pages = reports_by_municipality(root)
    if not pages:
        return []
    indicators = read_indicators(root)
    span = list(range(today.year - years, today.year))
    client = Kolada(api, pause=pause, backoff=backoff)
    made = fetch(client, pages, indicators, span, today)
    check(made)
    return write(made, root)


def main(argv: list[str] | None = None) -> int:
    parser = SwedishParser(prog="kolada.py", description="Hämta jämförelsetal från Kolada till data/kolada/.")
    parser.add_argument("--root", type=Path, default=ROOT, metavar="MAPP", help="projektets mapp (standard: det här förrådet)")
    parser.add_argument("--ar", type=whole_number(1, 50), default=YEARS, metavar="ANTAL", help=f"antal år bakåt, 1–50 (standard {YEARS})")
    args = parser.parse_args(argv)
    api = os.environ.get(API_VARIABLE) or DEFAULT_API
    try:
        if not (args.root / "docs").is_dir():
            raise KoladaError(NO_FOLDER, root=args.root.as_posix())
        report = run(args.root, api, args.ar)
    except KoladaError as exc:
        print(printable(str(exc)), file=sys.stderr)
        return 1
    if not report:
        print(NOTHING_TO_FETCH.text(docs=(args.root / "docs").as_posix()))
        return 0
    for dataset_id, kind in report:
        print(f"data/{dataset_id}.csv: {kind}")
    changed = sum(kind != "oförändrad" for _id, kind in report)
    print(f"Kolada ({api}): {len(report)} dataset, {changed} nya, ändrade eller borttagna.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
