"""Swedish number, month and date formats, from CLDR through Babel.

One place for every number a reader sees: tables, cards, sentences and
chart labels all call these functions, so `1 690`, `8,8` and `6,4 %` look
the same everywhere.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from functools import lru_cache

from babel.dates import format_date, get_month_names
from babel import Locale
from babel.numbers import get_minus_sign_symbol, parse_pattern

LOCALE = "sv_SE"
NBSP = "\u00a0"
MINUS = get_minus_sign_symbol(LOCALE)  # U+2212; Babel's patterns still emit "-"
MISSING_TEXT = "uppgift saknas"
COUNT_UNITS = frozenset({"st", "personer", "hushåll", "dygn"})  # counts are written bare: "176", not "176 st"


def shown_unit(unit: str | None) -> str | None:
    """The unit written after a figure: none for counts, the unit for amounts and shares."""
    return None if unit in COUNT_UNITS else unit


def is_missing(value) -> bool:
    """True for None, NaN and pandas' NA: the value has no figure."""
    if value is None:
        return True
    try:
        return bool(value != value) or (isinstance(value, float) and math.isnan(value))
    except TypeError:  # pd.NA refuses bool()
        return True


_ALPHABET = str.maketrans({"å": "z\u0001", "ä": "z\u0002", "æ": "z\u0002", "ö": "z\u0003", "ø": "z\u0003",
                           "é": "e", "è": "e", "ü": "y", "á": "a", "à": "a"})


def sort_key(text: str) -> str:
    """Names in Swedish alphabetical order: å, ä and ö after z (Sigtuna, Vänersborg, Örkelljunga)."""
    return str(text).casefold().translate(_ALPHABET)


def round_half_up(value, decimals: int = 0) -> float:
    """Round as Excel and the source reports do (8,85 → 8,9), not to even."""
    value = float(value)
    if not math.isfinite(value):
        return value
    step = Decimal(1).scaleb(-decimals)
    # Enough precision for any float: a quantized 1e300 needs 300 digits, not the default 28.
    return float(Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP, context=_EXACT))


_EXACT = Context(prec=400)


_LOCALE = Locale.parse(LOCALE)


@lru_cache(maxsize=16)
def _pattern(decimals: int, sign: bool):
    """A parsed CLDR number pattern (parsing is most of Babel's cost per number)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return parse_pattern(f"+{pattern};-{pattern}" if sign else pattern)


def number(value, decimals: int = 0, unit: str | None = None, sign: bool = False) -> str:
    """`1690` → `1 690`; `8.8125, 1` → `8,8`; `-14891` → `−14 891`; with unit: `1 551 tkr`.

    `sign=True` writes a plus on positive changes (`+2 332`), as deviations are read.
    """
    if is_missing(value) or not math.isfinite(float(value)):
        return MISSING_TEXT
    return _number(float(value), decimals, unit, sign)


@lru_cache(maxsize=65536)  # the same figures recur in cards, tables, chart tables and sentences
def _number(value: float, decimals: int, unit: str | None, sign: bool) -> str:
    value = round_half_up(value, decimals)
    if value == 0:
        value = 0.0  # never print "−0" or "+0,0"
    with localcontext(_EXACT):  # Babel quantizes in the current context: 28 digits would fail on 1e30
        text = _pattern(decimals, sign and value != 0).apply(value, _LOCALE)
    text = text.replace("-", MINUS)
    if unit == "%":
        return f"{text}{NBSP}%"
    return f"{text}{NBSP}{unit}" if unit else text


def percent(value, decimals: int = 1) -> str:
    """A value already in per cent: `6.4` → `6,4 %`."""
    return number(value, decimals, unit="%")


@lru_cache(maxsize=4)
def _month_names(width: str) -> tuple[str, ...]:
    names = get_month_names(width, context="format", locale=LOCALE)
    return tuple(names[m].rstrip(".") for m in range(1, 13))


def month_names(width: str = "abbreviated") -> list[str]:
    """Lower-case month names. Abbreviations without CLDR's full stop
    (`jan`, `feb`, `mars` …) as Swedish tables and chart axes write them."""
    return list(_month_names(width))


def _year_month(period: str) -> tuple[int, int]:
    year, month = str(period).split("-")[:2]
    return int(year), int(month)


@lru_cache(maxsize=4096)  # every chart, table and summary names the same months
def month_short(period: str) -> str:
    """`2022-08` → `aug 2022`."""
    year, month = _year_month(period)
    return f"{month_names()[month - 1]} {year}"


@lru_cache(maxsize=4096)
def month_long(period: str) -> str:
    """`2022-08` → `augusti 2022`."""
    year, month = _year_month(period)
    return f"{month_names('wide')[month - 1]} {year}"


@lru_cache(maxsize=8192)  # Babel's formatting is slow, and a report lists every edition's date on each build
def date_long(day: dt.date | str) -> str:
    """`2022-08-31` → `31 augusti 2022` (for running text; tables keep ISO dates)."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return format_date(day, "d MMMM y", locale=LOCALE)


ISO_DATE = re.compile(r"(?<![\d/-])(\d{4})-(\d{2})-(\d{2})(?![\d/-])")


def dates_in_text(text: str) -> str:
    """Every ISO date in a text a reader reads written as Swedish prose: `t.o.m. 2022-08-31` →
    `t.o.m. 31 augusti 2022`. Schema titles and periods, front matter and build facts are typed
    as ISO; downloads keep ISO (they are written from typed values, not from this)."""

    def swedish_date(match: re.Match) -> str:
        try:
            return date_long(dt.date(int(match[1]), int(match[2]), int(match[3])))
        except ValueError:  # not a date (2022-13-45): left as written
            return match[0]

    return ISO_DATE.sub(swedish_date, str(text))


SOFT_HYPHEN = "\u00ad"
LONG_WORD = 13  # letters: a shorter word fits a phone's line in any heading
_WORD = re.compile(r"[^\W\d_]{%d,}" % LONG_WORD)


@lru_cache(maxsize=1)
def _dictionary():
    import pyphen  # noqa: PLC0415 — the dictionary is read when the first heading needs it

    # Not within three letters of a word's ends: "arbets-mark-nads-nämn-dens", never "e-n".
    return pyphen.Pyphen(lang="sv", left=3, right=3)


@lru_cache(maxsize=8192)
def _hyphenated(word: str) -> str:
    return _dictionary().inserted(word, hyphen=SOFT_HYPHEN)


def hyphenate(text: str) -> str:
    """Soft hyphens in the long words of a heading, a table head or a card, where Swedish
    hyphenation (Pyphen's `sv` dictionary: compound and syllable boundaries) allows a break, so a
    narrow screen breaks "arbetsmarknads-|nämnden" with a hyphen, never "arbetsmarknadsnämnd|en".
    Invisible unless the line breaks there."""
    text = str(text)
    if SOFT_HYPHEN in text:
        return text  # placed already (by an author, or by an earlier step)
    return _WORD.sub(lambda match: _hyphenated(match[0]), text)


def plotly_locale() -> dict:
    """Plotly locale data so chart axes and hover labels use our month names."""
    return {
        "moduleType": "locale",
        "name": "sv-kommun",
        "dictionary": {},
        "format": {
            "days": ["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"],
            "shortDays": ["sön", "mån", "tis", "ons", "tors", "fre", "lör"],
            "months": month_names("wide"),
            "shortMonths": month_names(),
            "date": "%Y-%m-%d",
            "decimal": ",",
            "thousands": NBSP,
        },
    }


def time_zone() -> dt.tzinfo:
    """Swedish time (Europe/Stockholm), for the record's and the feed's moments."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Europe/Stockholm")
    except (ImportError, KeyError, ValueError):  # no time zone data: Central European Time
        return dt.timezone(dt.timedelta(hours=1))


CLOCK_SWITCH = "RAPPORT_KLOCKA"  # an ISO moment with offset: the build's clock (tests run at 23:30 UTC without waiting)


def now() -> dt.datetime:
    """Now, in Swedish time. Readers and staff live in Sweden, GitHub's runners in UTC: between
    23:00 and 24:00 UTC (22–24 in summer) the Swedish day is already the next."""
    moment = os.environ.get(CLOCK_SWITCH, "").strip()
    moment = dt.datetime.fromisoformat(moment) if moment else dt.datetime.now(dt.timezone.utc)
    return moment.astimezone(time_zone())


def today() -> dt.date:
    """Today's Swedish date: the day a rule compares with and a reader reads."""
    return now().date()


def day(moment: str) -> dt.date:
    """The Swedish calendar day of an ISO moment (`2026-12-07T23:30:00+00:00` → 8 December 2026); a
    date without a time is its own day; a moment without an offset is taken as Swedish time."""
    if len(moment) == 10:
        return dt.date.fromisoformat(moment)
    parsed = dt.datetime.fromisoformat(moment)
    return parsed.astimezone(time_zone()).date() if parsed.tzinfo else parsed.date()
