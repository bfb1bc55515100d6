"""Staff CSV files as bytes → text → typed cells, reading every dialect Swedish staff really use.

UTF-8 with or without BOM, or Windows-1252; `;` with decimal comma (Swedish
Excel), `,` with decimal point, or tab; thousands written with spaces; `6,4%`.
What can be read is read; what is ambiguous (`1.234` in a Swedish file) is
refused with the exact fix, never misread. Months that Excel turned into dates
are recognised and named as such, with the month they should be.
"""

from __future__ import annotations

import datetime as dt
import re

from ..formats.swedish import month_names
from .periods import YEARMONTH
from .problems import Problem
from .schema import Field

MOJIBAKE = re.compile("Ã[¥¤¶…„–©]")  # å ä ö Å Ä Ö é saved as UTF-8 and re-read as Windows-1252
SPACES = " \u00a0\u202f"  # space, no-break space, narrow no-break space
GROUPED = re.compile(rf"\d{{1,3}}(?:[{SPACES}]\d{{3}})+(?:[.,]\d+)?", re.ASCII)
PLAIN = re.compile(r"\d+(?:[.,]\d+)?", re.ASCII)
DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+", re.ASCII)
COMMA_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+", re.ASCII)
FIRST_YEAR = 1900  # a month before this is a typo, not a follow-up report
MAX_DIGITS = 15  # a float holds 15 significant digits exactly; the schema's bound is 10^15 too
MINUSES = "-\u2212\u2013"  # hyphen, minus sign, en dash: what "-5" looks like after Word or Excel
# What staff write for "no figure" that is not one of the schema's markers.
MISSING_LIKE = frozenset({"-", "\u2212", "\u2013", "\u2014", "?", ".", "…", "saknas", "saknad", "n/a", "na", "nan", "null", "none", "ej", "inget", "ingen"})
EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's serial dates (with its 1900 leap-year bug)
SV_MONTHS = {name: number for number, name in enumerate(month_names("wide"), start=1)}
SV_MONTHS.update({name: number for number, name in enumerate(month_names(), start=1)})
EN_MONTHS = {name: number for number, name in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
EN_MONTHS.update({"sept": 9, "okt": 10, "maj": 5})
MONTH_WORD = re.compile(r"([a-zåäö]+)\.?[\s\-/.]*(\d{2}|\d{4})", re.ASCII)
FORMATS_BY_HAND = [  # months written another way than ÅÅÅÅ-MM, by hand
    re.compile(r"(?P<y>\d{4})-(?P<m>\d)", re.ASCII),  # 2022-9
    re.compile(r"(?P<y>\d{4})\s*[/._ ]\s*(?P<m>\d{1,2})", re.ASCII),  # 2022/09, 2022.09, 2022 09
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})", re.ASCII),  # 202209
    re.compile(r"(?P<m>\d{1,2})\s*[-/.]\s*(?P<y>\d{4})", re.ASCII),  # 09-2022, 9/2022
]
EXCEL_DATES = [  # a month Excel read as a date and wrote back as one
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?", re.ASCII),  # 2022-09-01
    re.compile(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?", re.ASCII),  # 9/1/2022 or 1/9/2022
    re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})", re.ASCII),  # 01.09.2022
]


def decode(raw: bytes, where: str) -> tuple[str | None, list[Problem]]:
    """Bytes to text: UTF-8 (with or without BOM) or Windows-1252, else a Problem."""
    fix = 'Spara om filen i Excel som "CSV UTF-8 (kommaavgränsad)", eller i webbredigeraren.'
    head = raw[:200]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (b"\x00" in head and head.count(b"\x00") * 3 >= len(head)):
        return None, [Problem(where, 1, 1, f"Filen är sparad som UTF-16 (Unicode-text). {fix}")]
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return None, [Problem(
            where, line, 1,
            "Filen innehåller NUL-tecken (byte 0), som en textfil aldrig har: den är troligen en annan sorts fil "
            f"(till exempel en Excel-arbetsbok) eller skadad. {fix}",
        )]
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
    s = text.strip()
    if any(ch.isdigit() and not ch.isascii() for ch in s):  # full-width １６１２, Arabic-Indic ١٦١٢ …
        return None, "talet har andra siffror än 0–9 (till exempel helbreddssiffror). Skriv siffrorna 0–9."
    percent = s.endswith("%")
    if percent:
        if unit != "%":
            return None, f"procenttecken i en kolumn med enheten {unit or 'antal'}. Ta bort %."
        s = s[:-1].rstrip(SPACES)
    sign = 1.0
    if s[:1] and s[0] in "+" + MINUSES:
        sign, s = (1.0 if s[0] == "+" else -1.0), s[1:].lstrip(SPACES)
    if GROUPED.fullmatch(s):
        s = re.sub(f"[{SPACES}]", "", s)
    elif any(ch in s for ch in SPACES) and re.fullmatch(rf"[\d{SPACES}.,]+", s, re.ASCII):
        return None, "mellanslag på fel ställe i talet. Mellanslag får bara skilja tusental (1 690)."
    other = "." if decimal == "," else ","
    if other in s:
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
        if PLAIN.fullmatch(s):
            name = "decimalpunkt" if other == "." else "decimalkomma"
            uses = "decimalkomma (semikolon mellan kolumnerna)" if decimal == "," else "decimalpunkt (komma mellan kolumnerna)"
            return None, f"{name} i talet, men filen använder {uses}. Skriv {s.replace(other, decimal)}."
    if not PLAIN.fullmatch(s):
        return None, not_a_number(text, decimal)
    digits = s.replace(",", "").replace(".", "").lstrip("0")
    if len(digits) > MAX_DIGITS:
        return None, (
            f"talet har {len(digits)} siffror, men webbplatsen räknar exakt med högst {MAX_DIGITS}. "
            "Kontrollera värdet: en så stor siffra är nästan alltid ett skrivfel eller en inklistrad kolumn."
        )
    return sign * float(s.replace(",", ".")), None


def not_a_number(text: str, decimal: str) -> str:
    """Why a cell is not a number, with the likeliest fix."""
    s = text.strip()
    if re.fullmatch(r"[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+", s, re.ASCII):
        return "talet är skrivet med exponent (som Excel gör med mycket stora eller små tal). Skriv ut hela talet med siffror."
    if '"' in s:
        return f'ett citattecken (") står i talet. Ta bort citattecknet och skriv bara siffror, till exempel 1 690 eller 8{decimal}8.'
    if "=" in s[:1]:
        return "cellen innehåller en Excel-formel. Skriv resultatet, bara siffror."
    return f"det är inte ett tal. Skriv bara siffror, till exempel 1 690 eller 8{decimal}8."


APOSTROPHES = ("'", "\u2019")


def parse_cell(text: str, spec: Field, decimal: str) -> tuple[object, str | None]:
    """One non-missing cell → (typed value, None) or (None, reason)."""
    kind = spec.type
    if text[:1] in APOSTROPHES and len(text) > 1:  # Excel's mark for "keep as text", typed or pasted along
        _value, reason = parse_cell(text[1:].strip(), spec, decimal)
        if reason is None:
            return None, f"ta bort apostrofen ({text[0]}) först i cellen. Skriv {text[1:].strip()}."
    if spec.numeric:
        value, reason = parse_number(text, decimal, spec.unit)
        if reason:
            return None, reason
        if kind == "integer":
            if value != int(value):
                return None, "kolumnen ska innehålla heltal. Avrunda till närmaste heltal."
            return int(value), None
        return value, None
    if kind == "yearmonth":
        m = YEARMONTH.fullmatch(text.strip())
        if m and int(m.group(1)) < FIRST_YEAR:
            return None, f"året {m.group(1)} är orimligt för en uppföljning. Rätta året."
        if not m or not 1 <= int(m.group(2)) <= 12:
            fixed, excel = month_fix(text)
            if excel:
                return None, f"Excel har gjort om månaden till ett datum. {excel_fix(fixed)}"
            if fixed:
                return None, f"månaden ska skrivas ÅÅÅÅ-MM. Skriv {fixed}."
            return None, "månaden ska skrivas ÅÅÅÅ-MM, till exempel 2022-08."
        return text.strip(), None
    if kind == "year":
        year = text.strip()
        if not re.fullmatch(r"\d{4}", year, re.ASCII) or int(year) < FIRST_YEAR:
            return None, "året ska skrivas med fyra siffror, till exempel 2024."
        return int(year), None
    if kind == "date":
        try:
            return dt.date.fromisoformat(text.strip()).isoformat(), None
        except ValueError:
            return None, "datumet ska skrivas ÅÅÅÅ-MM-DD, till exempel 2022-08-31."
    return text.strip(), None


def excel_fix(month: str | None) -> str:
    """How to keep Excel from turning a month into a date."""
    month = month or "2022-09"
    return (
        f"Skriv månaden som text, {month}: enklast i GitHubs webbredigerare, "
        f"eller i Excel med en apostrof först ('{month}) innan filen sparas."
    )


def month_fix(text: str) -> tuple[str | None, bool]:
    """A month written another way → (`ÅÅÅÅ-MM` it most likely is, whether Excel made it a date).
    (None, False) when it cannot be told."""
    s = text.strip().lower()
    if re.fullmatch(r"\d{5}(?:[.,]0+)?", s) and 20000 <= int(s[:5]) <= 80000:  # Excel's serial day number
        day = EXCEL_EPOCH + dt.timedelta(days=int(s[:5]))
        return f"{day.year:04d}-{day.month:02d}", True
    for pattern in EXCEL_DATES:
        m = pattern.fullmatch(s)
        if not m:
            continue
        parts = m.groupdict()
        if "a" in parts:  # m/d/y (American) or d/m/y: Excel writes the first of the month, so the 1 is the day
            a, b = int(parts["a"]), int(parts["b"])
            month = a if b == 1 and a != 1 else b if a == 1 else None
            if month is None and a == b == 1:
                month = 1
            if month is None:
                return None, True
        else:
            month = int(parts["m"])
        return (f"{int(parts['y']):04d}-{month:02d}" if 1 <= month <= 12 else None), True
    m = MONTH_WORD.fullmatch(s)
    if m:
        name, year = m.group(1), m.group(2)
        month = SV_MONTHS.get(name) or EN_MONTHS.get(name) or EN_MONTHS.get(name[:3])
        if month:
            year = int(year) + (2000 if len(year) == 2 else 0)
            # Excel shows a date as "sep-22"; written by hand it is "sep 2022" or "september 2022".
            return f"{year:04d}-{month:02d}", bool(re.fullmatch(r"[a-z]{3}-\d{2}", s, re.ASCII))
    for pattern in FORMATS_BY_HAND:
        m = pattern.fullmatch(s)
        if m and 1 <= int(m.group("m")) <= 12:
            return f"{int(m.group('y')):04d}-{int(m.group('m')):02d}", False
    return None, False
