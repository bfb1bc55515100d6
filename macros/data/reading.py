"""Staff CSV files as bytes → text → typed cells, reading every dialect Swedish staff really use.

UTF-8 with or without BOM, or Windows-1252; `;` with decimal comma (Swedish
Excel), `,` with decimal point, or tab; thousands written with spaces; `6,4%`.
What can be read is read; what is ambiguous (`1.234` in a Swedish file) is
refused with the exact fix, never misread.
"""

from __future__ import annotations

import datetime as dt
import re

from .periods import YEARMONTH
from .problems import Problem
from .schema import Field

MOJIBAKE = re.compile("Ã[¥¤¶…„–©]")  # å ä ö Å Ä Ö é saved as UTF-8 and re-read as Windows-1252
SPACES = " \u00a0\u202f"  # space, no-break space, narrow no-break space
GROUPED = re.compile(rf"\d{{1,3}}(?:[{SPACES}]\d{{3}})+(?:[.,]\d+)?")
PLAIN = re.compile(r"\d+(?:[.,]\d+)?")
DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
COMMA_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")


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


def parse_cell(text: str, spec: Field, decimal: str) -> tuple[object, str | None]:
    """One non-missing cell → (typed value, None) or (None, reason)."""
    kind = spec.type
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
        if not m or not 1 <= int(m.group(2)) <= 12:
            return None, "månaden ska skrivas ÅÅÅÅ-MM, till exempel 2022-08."
        return text.strip(), None
    if kind == "date":
        try:
            return dt.date.fromisoformat(text.strip()).isoformat(), None
        except ValueError:
            return None, "datumet ska skrivas ÅÅÅÅ-MM-DD, till exempel 2022-08-31."
    return text.strip(), None
