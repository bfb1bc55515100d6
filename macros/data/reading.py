"""Staff CSV files as bytes → text → typed cells, reading every dialect Swedish staff really use.

UTF-8 with or without BOM, or Windows-1252; `;` with decimal comma (Swedish
Excel), `,` with decimal point, or tab; thousands written with spaces; `6,4%`.
What can be read is read; what is ambiguous (`1.234` in a Swedish file) is
refused with the exact fix, never misread. Months that Excel turned into dates
are recognised and named as such, with the month they should be.

The encoding rule, as staff are told it (CONTRIBUTING.md): a file is read as UTF-8 when
it is UTF-8, otherwise as Windows-1252 – unless å, ä and ö would then come out as other
characters (`L”nebidragsanst„llning`, `Ã¥`), which means the file was saved in another
encoding (Excel's "CSV (MS-DOS)" or "CSV (Macintosh)", UTF-16, …): then it is refused
with the advice to save it as CSV UTF-8. Nothing is guessed: no other encoding is ever
used to read a file, only to say what it probably is. Every text is then put in Unicode's
composed form (NFC), so `å` typed on a Mac and on Windows is the same letter.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from ..formats.swedish import month_names
from .messages import Message, Said
from .periods import NO_SUCH_MONTH, YEARMONTH
from .problems import Problem, shown
from .schema import Field

# ---------------------------------------------------------------- encodings

SAVE_AS_UTF8 = 'Spara om filen i Excel som "CSV UTF-8 (kommaavgränsad)", eller i webbredigeraren.'
# Staff edit rattelser.yaml and schemas in Notepad (Anteckningar) or a Mac's TextEdit: their menus, not a programmer's editor.
SAVE_YAML_AS_UTF8 = (
    "Spara filen som UTF-8: i Anteckningar med Arkiv → Spara som → Kodning: UTF-8, i TextEdit genom att välja "
    "Unicode (UTF-8) som textkodning när du sparar, eller i GitHubs webbredigerare."
)
WORKBOOK = Message(
    "kalkylbok-som-csv",
    "Filen är en kalkylbok från {program} ({kind}) som har fått ett namn som slutar på .csv, inte en CSV-fil. "
    "Öppna den i {program} och spara den med Arkiv → Spara som → CSV UTF-8 (kommaavgränsad).",
    "En Excel- eller LibreOffice-arbetsbok har döpts om till .csv i stället för att sparas som CSV. Öppna den i "
    "programmet och spara den som CSV UTF-8.",
)
WORKBOOK_SIGNATURES = (  # the first bytes of a workbook: (signature, program, kind)
    (b"PK\x03\x04", "Excel eller LibreOffice", "xlsx eller ods"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Excel", "xls"),
)
UNICODE_TEXT = Message(
    "unicode-text",
    "Filen är sparad som {encoding} (Unicode-text). {fix}",
    "Filen är sparad i Excels format Unicode-text (UTF-16), eller som UTF-16 i Anteckningar eller LibreOffice. "
    "Webbplatsen läser bara UTF-8 och Windows-1252. Spara filen med Arkiv → Spara som → CSV UTF-8 (kommaavgränsad).",
)
NUL_BYTES = Message(
    "nul-tecken",
    "Filen innehåller NUL-tecken (byte 0), som en textfil aldrig har: den är troligen en annan sorts fil "
    "(till exempel en Excel-arbetsbok) eller skadad. {fix}",
    "Filen är inte en textfil: oftast en Excel-arbetsbok som har fått namnet .csv, eller en skadad fil. "
    "Öppna den i Excel och spara den som CSV UTF-8.",
)
UNKNOWN_ENCODING = Message(
    "okand-teckenkodning",
    "Okänd teckenkodning (byte 0x{byte}): filen är varken UTF-8 eller Windows-1252. {fix}",
    "Filen innehåller en byte som varken UTF-8 eller Windows-1252 har, och det går inte att säga vilken "
    "teckenkodning den är sparad i. Spara den som CSV UTF-8.",
)
OTHER_CODE_PAGE = Message(
    "annan-teckenkodning",
    'Filen är inte sparad som UTF-8 eller Windows-1252 utan troligen som {name}: "{seen}" ska nog vara "{meant}". {fix}',
    "Filen är sparad i en teckenkodning som webbplatsen inte läser, till exempel Excels CSV (MS-DOS) eller "
    "CSV (Macintosh). Då blir å, ä och ö andra tecken (L”nebidragsanst„llning). Spara filen med Arkiv → Spara "
    "som → CSV UTF-8 (kommaavgränsad).",
)
MIXED_ENCODING = Message(
    "blandad-teckenkodning",
    "Raden är sparad som {this}, men resten av filen som {rest}, så å, ä, ö och mellanslag i talen blir fel på "
    "raden. Skriv om raden i GitHubs webbredigerare, eller spara hela filen på nytt som CSV UTF-8 i Excel.",
    "En rad har lagts till från ett program som sparar i en annan teckenkodning än resten av filen (till exempel "
    "en rad från Excel i en fil som annars är UTF-8). Skriv om raden i webbredigeraren, eller spara hela filen "
    "som CSV UTF-8.",
)
BROKEN_TEXT = Message(
    "trasiga-tecken",
    'Trasiga tecken i "{seen}": å, ä och ö har sparats om med fel teckenkodning och ska troligen vara "{meant}". '
    "Rätta texten och spara filen som UTF-8.",
    "Texten har en gång lästs med fel teckenkodning och sparats igen, så å blev Ã¥ eller †. Rätta texten "
    "till å, ä och ö och spara filen som CSV UTF-8.",
)

LOST_CHARACTER = Message(
    "forlorat-tecken",
    'Tecknet � i "{seen}" står där ett tecken gick förlorat när filen en gång sparades om med fel teckenkodning '
    "(oftast å, ä eller ö). Skriv texten rätt och spara filen som CSV UTF-8.",
    "Filen innehåller ersättningstecknet �, som ett program skriver när det inte kan läsa ett tecken. Tecknet som "
    "stod där är borta: skriv texten rätt (oftast å, ä eller ö) och spara som CSV UTF-8.",
)
# Windows-1252 characters that Swedish text never has: in a file read as Windows-1252 they are
# another code page's å, ä, ö, Å, Ä, Ö or é (MS-DOS: † „ ” ‚ Ž ™, Macintosh: Œ Š š € … Ž).
NEVER_SWEDISH = frozenset("‚ƒ„†‡ˆ‰Š‹ŒŽ˜™š›œžŸ")
BETWEEN_LETTERS = frozenset("”")  # MS-DOS ö inside a word: L”nebidrag (a quotation mark stands outside words)
BEFORE_LETTER = frozenset("…€")  # Macintosh Ö and Ä first in a word: …ppna, €ldre
BETWEEN_DIGITS = frozenset("ÿÊ")  # MS-DOS and Macintosh no-break space in a number: 1ÿ690
# A UTF-8 file re-read as Windows-1252 and saved again: Ã¥ (å), Ã¤ (ä), Ã¶ (ö), Â  (no-break space), â€“ (–).
DOUBLE_ENCODED = re.compile("Ã[\u00a0-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]|Â\u00a0|â€[\u00a0-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]")
MOJIBAKE = DOUBLE_ENCODED  # the name other modules read it by (scripts/kolada.py checks Kolada's answers with it)
UTF7_WORD = re.compile(r"\+[A-Za-z0-9/+]{2,}-")  # UTF-7 writes å as +AOU-
CODE_PAGES = (("cp850", "CSV (MS-DOS), teckenkodning 850"), ("mac_roman", "CSV (Macintosh), teckenkodning Mac OS Roman"))
# The same code pages as a text file (YAML, Markdown) is saved in: no CSV format is involved (adv17j).
TEXT_CODE_PAGES = {"cp850": "MS-DOS-text, teckenkodning 850", "mac_roman": "Mac-text, teckenkodning Mac OS Roman"}
SWEDISH_LETTERS = frozenset("åäöÅÄÖé")
WORD = re.compile(r"[^\s;,\"]+")


def _word_at(text: str, at: int) -> tuple[int, int]:
    """The cell-like run of text around position `at` (for quoting it)."""
    for found in WORD.finditer(text):
        if found.start() <= at < found.end():
            start = found.start() + len(found.group()) - len(found.group().lstrip())
            return start, found.end() - (len(found.group()) - len(found.group().rstrip()))
    return at, at + 1


def _place(text: str, at: int, csv: bool) -> tuple[int, int]:
    """(line, column) of position `at`: the column is the CSV column (cells counted) in a data
    file, the character in a schema."""
    line_start = max(text.rfind("\n", 0, at), text.rfind("\r", 0, at)) + 1
    line = len(re.findall(r"\r\n|\r|\n", text[:line_start])) + 1
    before = text[line_start:at]
    if not csv:
        return line, len(before) + 1
    header = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    delimiter = sniff_delimiter(header)
    return line, before.count(delimiter) + 1


SIGNS = re.compile("[" + "".join(sorted(NEVER_SWEDISH | BETWEEN_LETTERS | BEFORE_LETTER | BETWEEN_DIGITS)) + "]")


def _suspicious(text: str, strict: bool):
    """The positions of characters that may be another code page's å, ä or ö, in order.
    `strict` (a file read as Windows-1252): every sign counts, unless the file has real å, ä or ö
    (then it is Windows-1252, and only a letter broken inside a word counts); in UTF-8 only letters
    broken inside a word do, and Š, š, Œ or Ž only where no å, ä or ö is left (a Czech Š in a name
    is a letter)."""
    has_swedish = any(ch in text for ch in "åäöÅÄÖ")  # a Macintosh file re-saved as UTF-8 has none left
    for found in SIGNS.finditer(text):
        at, ch = found.start(), found.group()
        before = text[at - 1] if at else ""
        after = text[at + 1] if at + 1 < len(text) else ""
        inside = before.isalpha() and after.isalpha()
        if ch in NEVER_SWEDISH and (strict and not has_swedish or inside and (ch in "†„‚™" or not has_swedish)):
            yield at
        elif ch in BETWEEN_LETTERS and inside:
            yield at
        elif strict and not has_swedish and ch in BEFORE_LETTER and after.isalpha():
            yield at
        elif strict and not has_swedish and ch in BETWEEN_DIGITS and before.isdigit() and after.isdigit():
            yield at


def _explained(text: str, strict: bool) -> tuple[int, str] | None:
    """(position, the word as a code page makes Swedish of it) for the first sign that another
    code page explains (`L”nebidrag` is `Lönebidrag` in MS-DOS's), or None: a ™ in `Excel™`
    that no code page makes Swedish of is text."""
    for at in _suspicious(text, strict):
        start, end = _word_at(text, at)
        written = text[start:end].encode("cp1252", "replace")
        found = _code_page(written, 0, len(written))
        if found is not None:
            return at, found[1]
    return None


def _plausible(word: str) -> bool:
    """A word as Swedish writes it: its letters beyond a–z are å, ä, ö or é, and a capital one
    only starts the word or stands in a word of capitals."""
    odd = [ch for ch in word if not ch.isascii()]
    if not odd or any(ch not in SWEDISH_LETTERS for ch in odd if ch.isalpha() or not ch.isspace()):
        return False
    return not any(ch.isupper() and i and word[i - 1].islower() for i, ch in enumerate(word) if not ch.isascii())


def _code_page(raw: bytes, start: int, end: int, csv: bool = True) -> tuple[str, str] | None:
    """(name for staff, the bytes start:end as that code page reads them) for the code page that
    reads the word as Swedish (the one with most å, ä and ö in the whole file first), or None.
    Said to staff, never used to read the file. `csv`: named as Excel's CSV format, else as a text file's."""
    pages = sorted(CODE_PAGES, key=lambda page: -sum(ch in SWEDISH_LETTERS for ch in raw.decode(page[0])))
    for encoding, name in pages:
        meant = raw[start:end].decode(encoding)
        if _plausible(meant):
            return (name if csv else TEXT_CODE_PAGES[encoding]), meant
    return None


def decode(raw: bytes, where: str, csv: bool = True) -> tuple[str | None, list[Problem]]:
    """Bytes to text (NFC): UTF-8 (with or without BOM) or Windows-1252, else a Problem.
    `csv`: the file is a data file (a problem's column is then the CSV column)."""
    fix = SAVE_AS_UTF8 if csv else SAVE_YAML_AS_UTF8
    workbook = next((w for w in WORKBOOK_SIGNATURES if raw.startswith(w[0])), None)
    if workbook:
        return None, [WORKBOOK.problem(where, 1, 1, program=workbook[1], kind=workbook[2])]
    head = raw[:200]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (b"\x00" in head and head.count(b"\x00") * 3 >= len(head)):
        kind = "UTF-32" if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) or head.count(b"\x00") * 4 >= len(head) * 3 else "UTF-16"
        return None, [UNICODE_TEXT.problem(where, 1, 1, encoding=kind, fix=fix)]
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return None, [NUL_BYTES.problem(where, line, 1, fix=fix)]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return _not_utf8(raw, where, csv)
    bad = DOUBLE_ENCODED.search(text)
    if bad:
        start, end = _word_at(text, bad.start())
        seen = text[start:end]
        meant = seen.encode("cp1252", "replace").decode("utf-8", "replace")
        return None, [BROKEN_TEXT.problem(where, *_place(text, bad.start(), csv), seen=shown(seen, 40), meant=shown(meant, 40))]
    if "\ufffd" in text:  # a character already lost by an earlier program: nobody can say which
        at = text.index("\ufffd")
        start, end = _word_at(text, at)
        return None, [LOST_CHARACTER.problem(where, *_place(text, at, csv), seen=shown(text[start:end], 40))]
    found = _explained(text, strict=False)
    if found is not None:
        at, meant = found
        start, end = _word_at(text, at)
        return None, [BROKEN_TEXT.problem(where, *_place(text, at, csv), seen=shown(text[start:end], 40), meant=shown(meant, 40))]
    for found in UTF7_WORD.finditer(text):
        meant = _utf7(found.group())
        if meant and any(ch in SWEDISH_LETTERS for ch in meant):
            start, end = _word_at(text, found.start())
            seen = text[start:end]
            return None, [OTHER_CODE_PAGE.problem(
                where, *_place(text, found.start(), csv), name="UTF-7", seen=shown(seen, 40),
                meant=shown(seen.replace(found.group(), meant), 40), fix=fix,
            )]
    return unicodedata.normalize("NFC", text), []


def _utf7(word: str) -> str | None:
    try:
        return word.encode("ascii").decode("utf-7")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return None


def _not_utf8(raw: bytes, where: str, csv: bool) -> tuple[str | None, list[Problem]]:
    """A file that is not all UTF-8: one row from another program (blamed on that row),
    Windows-1252, or another code page (refused)."""
    lines = raw.splitlines(keepends=True)
    kinds = []
    for line in lines:
        if line.isascii():
            kinds.append(None)
            continue
        try:
            line.decode("utf-8")
            kinds.append("UTF-8")
        except UnicodeDecodeError:
            kinds.append("other")
    first = next((k for k in kinds if k), None)
    if "UTF-8" in kinds and "other" in kinds:
        number = next(i for i, k in enumerate(kinds) if k and k != first)
        line = lines[number]
        odd = "UTF-8" if first == "other" else _windows_or_other(line)
        rest = "UTF-8" if first == "UTF-8" else _windows_or_other(b"".join(l for l, k in zip(lines, kinds) if k == "other"))
        offset = len(b"".join(lines[:number]))
        at = next(i for i, byte in enumerate(line) if byte >= 0x80)
        text = raw[: offset + at].decode("cp1252", "replace")
        return None, [MIXED_ENCODING.problem(where, *_place(text, offset + at, csv), this=odd, rest=rest)]
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as exc:  # a byte Windows-1252 does not have: another code page's Å or ü
        return None, [_other_code_page(raw, raw.decode("cp1252", "replace"), exc.start, where, csv)]
    found = _explained(text, strict=True)
    if found is not None:
        return None, [_other_code_page(raw, text, found[0], where, csv)]
    return unicodedata.normalize("NFC", text), []


def _other_code_page(raw: bytes, text: str, at: int, where: str, csv: bool) -> Problem:
    fix = SAVE_AS_UTF8 if csv else SAVE_YAML_AS_UTF8
    """A file that is neither UTF-8 nor Windows-1252, refused at the first sign of it: named
    with the word as it reads and as it was meant where a code page makes Swedish of it."""
    start, end = _word_at(text, at)
    found = _code_page(raw, start, end, csv)
    if found is None:
        return UNKNOWN_ENCODING.problem(where, *_place(text, at, csv), byte=raw[at:at + 1].hex(), fix=fix)
    name, meant = found
    return OTHER_CODE_PAGE.problem(
        where, *_place(text, at, csv), name=name, seen=shown(text[start:end], 40), meant=shown(meant, 40), fix=fix)


def _windows_or_other(raw: bytes) -> str:
    """The encoding lines not in UTF-8 were saved in, for staff: Windows-1252, or the code page
    (MS-DOS, Macintosh) that makes Swedish of what Windows-1252 reads as `L”nebidrag`."""
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return "en annan teckenkodning"
    found = _explained(text, strict=True)
    if found is not None:
        page = _code_page(raw, *_word_at(text, found[0]))  # one byte a character: text and raw positions agree
        if page is not None:
            return page[0]
    return "Windows-1252"


def sniff_delimiter(header: str) -> str:
    """`;` (Swedish Excel), tab, or `,` — whichever the header line uses."""
    counts = {d: header.count(d) for d in (";", "\t", ",")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def file_decimal(text: str, delimiter: str) -> str:
    """The file's decimal mark: a comma in a file with `;` or tab between columns (Swedish Excel);
    in a file with `,` between columns a point (8.8) – or a comma where every decimal number is
    written with one inside quotes ("8,8", as Google Sheets with Swedish settings saves) and none
    with a point. A quoted "1,661" (three digits after the comma) decides nothing: it may be a
    thousand, and is refused as ambiguous."""
    if delimiter != ",":
        return ","
    if POINT_DECIMAL.search(text):
        return "."
    return "," if QUOTED_COMMA_DECIMAL.search(text) else "."


# ---------------------------------------------------------------- numbers

# Every space character (Unicode's Zs): space, no-break space, thin space, narrow no-break space, …
SPACES = "".join(chr(c) for c in (0x20, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000))
SPACE_NAMES = {
    "\u00a0": "hårt mellanslag", "\u2009": "tunt mellanslag", "\u202f": "smalt hårt mellanslag",
    "\u2007": "siffermellanslag", "\u3000": "ideografiskt mellanslag",
}
GROUPED = re.compile(rf"\d{{1,3}}(?:[{SPACES}]\d{{3}})+(?:[.,]\d+)?", re.ASCII)
PLAIN = re.compile(r"\d+(?:[.,]\d+)?", re.ASCII)
DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+", re.ASCII)
COMMA_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+", re.ASCII)
WITH_UNIT = re.compile(r"(.*\d)\s*(tkr|mnkr|kr|st|personer|hushåll|dygn|procent|pers\.?|mkr)", re.IGNORECASE)
APOSTROPHE_THOUSANDS = re.compile(r"\d{1,3}(?:['’]\d{3})+(?:[.,]\d+)?")
POINT_DECIMAL = re.compile(r"(?<![\w.])\d+\.\d+(?![\w.])")  # 8.8, not 01.09.2022
QUOTED_COMMA_DECIMAL = re.compile(r'"\s*[-+\u2212\u2013]?\d[\d \u00a0\u2009\u202f]*,(?:\d{1,2}|\d{4,})\s*%?\s*"')  # "7,3"
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
    re.compile(r"(?P<y>\d{4})\s*[/._ \u2013\u2014\u2212]\s*(?P<m>\d{1,2})", re.ASCII),  # 2022/09, 2022.09, 2022 09, 2022–09
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})", re.ASCII),  # 202209
    re.compile(r"(?P<m>\d{1,2})\s*[-/.]\s*(?P<y>\d{4})", re.ASCII),  # 09-2022, 9/2022
]
EXCEL_DATES = [  # a month Excel read as a date and wrote back as one
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?", re.ASCII),  # 2022-09-01
    re.compile(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?", re.ASCII),  # 9/1/2022 or 1/9/2022
    re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})", re.ASCII),  # 01.09.2022
]
# Text Excel took for a date (`30/4` → 2019-04-30, shown as 30-apr): a text column never holds one whole.
TEXT_AS_DATE = [
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?: 00:00(?::00)?)?", re.ASCII),
    re.compile(r"(?P<d>\d{1,2})-(?P<name>[a-zåäö]{3,4})\.?(?:-(?P<y>\d{2,4}))?"),
]

CELL = 'Fel värde "{value}" i kolumnen "{name}" ({title}): '  # the context of a cell's message
OTHER_DIGITS = Message(
    "andra-siffror", "talet har andra siffror än 0–9 (till exempel helbreddssiffror). Skriv siffrorna 0–9.",
    "Talet är skrivet med andra siffertecken än 0–9, oftast helbreddssiffror (１２３) från en asiatisk "
    "inmatning eller kopierade ur en PDF. Skriv om talet med siffrorna 0–9.",
    context=CELL,
)
PERCENT_IN_COUNT = Message(
    "procent-i-fel-kolumn", "procenttecken i en kolumn med enheten {unit}. Ta bort %.",
    "Ett procenttecken står i en kolumn som inte har enheten %. Ta bort procenttecknet, eller kontrollera att "
    "värdet står i rätt kolumn.",
    context=CELL,
)
MISPLACED_SPACE = Message(
    "mellanslag-fel", "mellanslag på fel ställe i talet{space}. Mellanslag får bara skilja tusental (1 690).",
    "Ett mellanslag i ett tal får bara stå mellan tusental: 1 690, 12 345 678. Meddelandet säger vilket sorts "
    "mellanslag det är om det inte är ett vanligt. Ta bort mellanslaget eller flytta det.",
    context=CELL,
)
APOSTROPHE_SEPARATOR = Message(
    "apostrof-i-tal", "apostrof som tusentalsavgränsare. Skriv {fixed}.",
    "Talet skiljer tusental med apostrof (1'690), som i Schweiz. Skriv tusental med mellanslag eller utan avgränsare.",
    context=CELL,
)
AMBIGUOUS_DOT = Message(
    "tvetydig-punkt",
    "punkten är tvetydig: den kan vara tusentalsavgränsare eller decimaltecken. Filen använder decimalkomma. "
    "Skriv {thousands} om du menar tusental, eller {decimals} om du menar decimaler.",
    "I en fil med decimalkomma kan 1.612 betyda både 1 612 och 1,612. Skriv tusental utan punkt (1612 eller 1 612) "
    "och decimaler med komma.",
    context=CELL,
)
AMBIGUOUS_COMMA = Message(
    "tvetydigt-komma",
    "kommat är tvetydigt: det kan vara tusentalsavgränsare eller decimaltecken. Filen använder decimalpunkt. "
    "Skriv {thousands} om du menar tusental, eller {decimals} om du menar decimaler.",
    "I en fil med decimalpunkt kan 1,612 betyda både 1 612 och 1.612. Skriv tusental utan komma och decimaler med punkt.",
    context=CELL,
)
WRONG_DECIMAL = Message(
    "fel-decimaltecken", "{mark} i talet, men filen använder {uses}. Skriv {fixed}.",
    "En fil med semikolon mellan kolumnerna skriver decimaler med komma (8,8); en fil med komma mellan kolumnerna "
    "med punkt (8.8), eller med komma inom citattecken (\"8,8\", som Google Kalkylark sparar) om inget tal i filen "
    "har decimalpunkt. Skriv talet med filens decimaltecken.",
    context=CELL,
)
TOO_MANY_DIGITS = Message(
    "for-manga-siffror",
    "talet har {digits} siffror, men webbplatsen räknar exakt med högst {most}. Kontrollera värdet: en så stor "
    "siffra är nästan alltid ett skrivfel eller en inklistrad kolumn.",
    "Talet har fler än 15 siffror, mer än webbplatsen kan räkna exakt med. Det är nästan alltid ett skrivfel.",
    context=CELL,
)
EXPONENT = Message(
    "exponent", "talet är skrivet med exponent (som Excel gör med mycket stora eller små tal). Skriv ut hela talet med siffror.",
    "Excel skriver mycket stora eller små tal som 1E+28. Skriv ut talet med alla siffror (formatera cellen som tal i Excel).",
    context=CELL,
)
QUOTE_IN_NUMBER = Message(
    "citattecken-i-tal",
    'ett citattecken (") står i talet. Ta bort citattecknet och skriv bara siffror, till exempel 1 690 eller 8{decimal}8.',
    "Ett citattecken har kommit in i ett tal. Ta bort det.",
    context=CELL,
)
FORMULA = Message(
    "excel-formel", "cellen innehåller en Excel-formel. Skriv resultatet, bara siffror.",
    "Cellen innehåller en formel (=A1*2) i stället för ett värde. Skriv talet som formeln räknar fram.",
    context=CELL,
)
NUMBER_AS_DATE = Message(
    "tal-blev-datum",
    "Excel har gjort om talet till ett datum. Skriv talet igen, och formatera kolumnen som tal i Excel innan filen sparas.",
    "Excel tolkar ibland ett tal (till exempel 1/5 eller 1-5) som ett datum och sparar datumet. Skriv talet igen.",
    context=CELL,
)
UNIT_IN_CELL = Message(
    "enhet-i-cellen", "skriv talet utan enheten {unit}: {fixed}. Enheten står i schemat och visas av webbplatsen.",
    "En cell innehåller både tal och enhet (1 612 tkr). Skriv bara talet; enheten står i schemat.",
    context=CELL,
)
NOT_A_NUMBER = Message(
    "inte-ett-tal", "det är inte ett tal. Skriv bara siffror, till exempel 1 690 eller 8{decimal}8.",
    "Kolumnen ska innehålla tal, men cellen innehåller något annat. Skriv bara siffror, med mellanslag mellan "
    "tusental och filens decimaltecken. Saknas uppgiften: skriv det som schemat anger för saknade värden (oftast x).",
    context=CELL,
)
APOSTROPHE_FIRST = Message(
    "apostrof-forst", "ta bort apostrofen ({mark}) först i cellen. Skriv {fixed}.",
    "Excel använder en apostrof först i en cell för att visa att den är text, men ibland sparas apostrofen med. "
    "Ta bort den.",
    context=CELL,
)
NOT_WHOLE = Message(
    "inte-heltal", "kolumnen ska innehålla heltal. Avrunda till närmaste heltal.",
    "Kolumnen räknar något (hushåll, personer) och får bara innehålla heltal.",
    context=CELL,
)
ODD_YEAR = Message(
    "orimligt-ar", "året {year} är orimligt för en uppföljning. Rätta året.",
    "En månad med ett årtal före 1900 är ett skrivfel. Rätta årtalet.",
    context=CELL,
)
MONTH_FORMAT = Message(
    "manadsformat", "månaden ska skrivas ÅÅÅÅ-MM{fix}.",
    "En månad skrivs med fyrsiffrigt år, bindestreck och tvåsiffrig månad: 2022-08. Meddelandet föreslår "
    "månaden om den går att läsa.",
    context=CELL,
)
NO_SUCH_DATE = Message(
    "datum-finns-inte", "datumet {value} finns inte: kontrollera månaden (01–12) och dagen.",
    "Ett datum är skrivet ÅÅÅÅ-MM-DD men finns inte i kalendern, till exempel 2022-13-01 eller 2022-02-30. "
    "Rätta månaden eller dagen.",
    context=CELL,
)
DATE_FORMAT = Message(
    "datumformat", "datumet ska skrivas ÅÅÅÅ-MM-DD, till exempel 2022-08-31.",
    "Ett datum skrivs med år, månad och dag: 2022-08-31.",
    context=CELL,
)
TEXT_BECAME_DATE = Message(
    "text-blev-datum",
    "kolumnen är text, men Excel har gjort om texten (troligen {original}) till ett datum. Skriv texten som den ska "
    "stå, i GitHubs webbredigerare eller i Excel med en apostrof först ('{original}) innan filen sparas. Ska kolumnen "
    "innehålla datum: ange type: date för den i schemat.",
    "Excel gör om text som 30/4 till ett datum (2019-04-30) när filen öppnas. Skriv texten igen i webbredigeraren, "
    "eller med en apostrof först i Excel.",
    context=CELL,
)


def _space_name(text: str) -> str:
    odd = next((ch for ch in text if ch in SPACE_NAMES or ch in SPACES and ch != " "), None)
    return f" ({SPACE_NAMES.get(odd, 'mellanslag')}, U+{ord(odd):04X})" if odd else ""


def parse_number(text: str, decimal: str, unit: str | None) -> tuple[float | None, Said | None]:
    """A cell as staff write it → (value, None), or (None, what is wrong with the fix)."""
    s = text.strip()
    if any(ch.isdigit() and not ch.isascii() for ch in s):  # full-width １６１２, Arabic-Indic ١٦١٢ …
        return None, OTHER_DIGITS.said()
    percent = s.endswith("%")
    if percent:
        if unit != "%":
            return None, PERCENT_IN_COUNT.said(unit=unit or "antal")
        s = s[:-1].rstrip(SPACES)
    sign = 1.0
    if s[:1] and s[0] in "+" + MINUSES:
        sign, s = (1.0 if s[0] == "+" else -1.0), s[1:].lstrip(SPACES)
    if GROUPED.fullmatch(s):
        s = re.sub(f"[{SPACES}]", "", s)
    elif any(ch in s for ch in SPACES) and re.fullmatch(rf"[\d{SPACES}.,]+", s, re.ASCII):
        return None, MISPLACED_SPACE.said(space=_space_name(s))
    if APOSTROPHE_THOUSANDS.fullmatch(s):
        return None, APOSTROPHE_SEPARATOR.said(fixed=re.sub("['’]", " ", s))
    other = "." if decimal == "," else ","
    if other in s:
        if decimal == "," and DOT_THOUSANDS.fullmatch(s):
            return None, AMBIGUOUS_DOT.said(thousands=s.replace(".", ""), decimals=s.replace(".", ","))
        if decimal == "." and COMMA_THOUSANDS.fullmatch(s):
            return None, AMBIGUOUS_COMMA.said(thousands=s.replace(",", ""), decimals=s.replace(",", "."))
        if PLAIN.fullmatch(s):
            mark = "decimalpunkt" if other == "." else "decimalkomma"
            uses = "decimalkomma (semikolon mellan kolumnerna)" if decimal == "," else "decimalpunkt (komma mellan kolumnerna)"
            return None, WRONG_DECIMAL.said(mark=mark, uses=uses, fixed=s.replace(other, decimal))
    if not PLAIN.fullmatch(s):
        return None, not_a_number(text, decimal)
    digits = s.replace(",", "").replace(".", "").lstrip("0")
    if len(digits) > MAX_DIGITS:
        return None, TOO_MANY_DIGITS.said(digits=len(digits), most=MAX_DIGITS)
    return sign * float(s.replace(",", ".")), None


def not_a_number(text: str, decimal: str) -> Said:
    """Why a cell is not a number, with the likeliest fix."""
    s = text.strip()
    if re.fullmatch(r"[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+", s, re.ASCII):
        return EXPONENT.said()
    if '"' in s:
        return QUOTE_IN_NUMBER.said(decimal=decimal)
    if "=" in s[:1]:
        return FORMULA.said()
    if any(pattern.fullmatch(s.lower()) for pattern in (*EXCEL_DATES, *TEXT_AS_DATE)):
        return NUMBER_AS_DATE.said()
    with_unit = WITH_UNIT.fullmatch(s)
    if with_unit and parse_number(with_unit.group(1), decimal, None)[1] is None:
        return UNIT_IN_CELL.said(unit=with_unit.group(2), fixed=with_unit.group(1))
    return NOT_A_NUMBER.said(decimal=decimal)


APOSTROPHES = ("'", "\u2019")


def parse_cell(text: str, spec: Field, decimal: str) -> tuple[object, Said | None]:
    """One non-missing cell → (typed value, None) or (None, what is wrong). A month that does
    not exist (2023-13) is said on its own (`NO_SUCH_MONTH`), without the cell's context."""
    kind = spec.type
    if text[:1] in APOSTROPHES and len(text) > 1:  # Excel's mark for "keep as text", typed or pasted along
        _value, reason = parse_cell(text[1:].strip(), spec, decimal)
        if reason is None:
            return None, APOSTROPHE_FIRST.said(mark=text[0], fixed=text[1:].strip())
    if spec.numeric:
        value, reason = parse_number(text, decimal, spec.unit)
        if reason:
            return None, reason
        if kind == "integer":
            if value != int(value):
                return None, NOT_WHOLE.said()
            return int(value), None
        return value, None
    if kind == "yearmonth":
        m = YEARMONTH.fullmatch(text.strip())
        if m and int(m.group(1)) < FIRST_YEAR:
            return None, ODD_YEAR.said(year=m.group(1))
        if m and not 1 <= int(m.group(2)) <= 12:
            return None, NO_SUCH_MONTH.said(value=text.strip())
        if not m:
            fixed, _excel = month_fix(text)
            return None, MONTH_FORMAT.said(fix=f". Skriv {fixed}" if fixed else ", till exempel 2022-08")
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
            written = re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip(), re.ASCII)
            return None, (NO_SUCH_DATE.said(value=text.strip()) if written else DATE_FORMAT.said())
    original = text_as_date(text.strip())
    if original:
        return None, TEXT_BECAME_DATE.said(original=original)
    return text.strip(), None


def text_as_date(text: str) -> str | None:
    """`2019-04-30` or `30-apr` in a text column → `30/4`, the text Excel most likely turned
    into that date (day/month, as Swedish staff write it); None for anything else."""
    for pattern in TEXT_AS_DATE:
        m = pattern.fullmatch(text.lower())
        if not m:
            continue
        parts = m.groupdict()
        month = int(parts["m"]) if parts.get("m") else SV_MONTHS.get(parts["name"]) or EN_MONTHS.get(parts["name"][:3])
        if month and 1 <= month <= 12 and 1 <= int(parts["d"]) <= 31:
            return f"{int(parts['d'])}/{month}"
    return None


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
