"""Writes the test files that real tools save in other encodings, as those tools write them.

    .venv/bin/python tests/inlasning/skapa_filer.py

The files are committed (ratt/ and fel/ hold them); this says exactly how each was made, so
a reader can check it and make it again. Each is the same small table (volymer.schema.yaml)
with å, ä, ö and a no-break space as thousands separator, saved as:

- Excel "CSV UTF-8 (kommaavgränsad)": UTF-8 with BOM, CRLF
- Excel "CSV (semikolonavgränsad)" and Notepad "ANSI": Windows-1252, CRLF
- Notepad "UTF-8": UTF-8 without BOM, CRLF
- LibreOffice "Västeuropa (ISO-8859-1)" and "(ISO-8859-15)": LF
- TextEdit on a Mac: UTF-8 in decomposed form (NFD), LF
- Excel "CSV (MS-DOS)": code page 850, CRLF; LibreOffice "DOS/OS2-437": code page 437
- Excel "CSV (Macintosh)": Mac OS Roman, CR line ends
- Excel "Unicode-text" and Notepad "UTF-16 LE/BE": UTF-16 with and without BOM, tab-separated
- LibreOffice "Unicode (UTF-7)"
- a UTF-8 file with one row appended from Excel in Windows-1252, and the reverse, and one in CSV (MS-DOS)
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

HERE = Path(__file__).parent
NB = "\u00a0"
HEADER = "matt;enhet;utfall_jan_apr_2019;prognos_2019;utfall_2018;anmarkning"
ROWS = [
    "Antal hushåll som beviljats ekonomiskt bistånd, genomsnitt per månad;hushåll;602;550;599;",
    f"Antal utnyttjade vårddygn i familjehem;dygn;4{NB}518;12{NB}000;14{NB}944;",
    "Lönebidragsanställning;personer;45;35;49;Ökning från 2018",
]
TYPOGRAPHY = "Antal ärenden spelmissbruk;st;4;5;3;”Nytt” mått jan–apr … kostnad i €"
EMOJI = "Antal digitala ansökningar;st;120;300;80;👩‍💻 e-tjänst, 🏳️‍🌈 och 🏴󠁧󠁢󠁳󠁣󠁴󠁿 i texten"
APPENDED = "Antal ärenden spelmissbruk;st;4;5;3;"


def table(rows: list[str], end: str = "\r\n", separator: str = ";") -> str:
    return end.join(line.replace(";", separator) for line in [HEADER, *rows]) + end


def write(folder: str, name: str, data: bytes) -> None:
    (HERE / folder / name).write_bytes(data)


def main() -> None:
    text = table(ROWS)
    write("ratt", "excel-csv-utf8-bom.csv", codecs.BOM_UTF8 + text.encode("utf-8"))
    write("ratt", "excel-och-anteckningar-windows-1252.csv", text.encode("cp1252"))
    write("ratt", "anteckningar-utf8-utan-bom.csv", text.encode("utf-8"))
    write("ratt", "libreoffice-iso-8859-1.csv", table(ROWS, "\n").encode("latin-1"))
    write("ratt", "libreoffice-iso-8859-15.csv", table(ROWS, "\n").encode("iso8859_15"))
    write("ratt", "mac-textedit-nfd.csv", unicodedata.normalize("NFD", table(ROWS, "\n")).encode("utf-8"))
    write("ratt", "windows-1252-citattecken-tankstreck-euro.csv", table([*ROWS, TYPOGRAPHY]).encode("cp1252"))
    write("ratt", "utf8-emoji.csv", table([*ROWS, EMOJI], "\n").encode("utf-8"))

    write("fel", "excel-csv-ms-dos-cp850.csv", text.encode("cp850"))
    write("fel", "libreoffice-dos-cp437.csv", table(ROWS, "\n").encode("cp437"))
    write("fel", "excel-csv-macintosh.csv", table(ROWS, "\r").encode("mac_roman"))
    tabs = table(ROWS, separator="\t")
    write("fel", "excel-unicode-text-utf16le-bom.csv", codecs.BOM_UTF16_LE + tabs.encode("utf-16-le"))
    write("fel", "anteckningar-utf16be-bom.csv", codecs.BOM_UTF16_BE + text.encode("utf-16-be"))
    write("fel", "utf16le-utan-bom.csv", text.encode("utf-16-le"))
    write("fel", "utf16be-utan-bom.csv", text.encode("utf-16-be"))
    write("fel", "utf32-bom.csv", text.encode("utf-32"))
    write("fel", "libreoffice-utf7.csv", text.encode("utf-7"))
    write("fel", "rad-i-windows-1252-sist-i-utf8.csv", text.encode("utf-8") + (APPENDED + "\r\n").encode("cp1252"))
    write("fel", "rad-i-utf8-sist-i-windows-1252.csv", text.encode("cp1252") + (APPENDED + "\r\n").encode("utf-8"))
    write("fel", "rad-i-ms-dos-cp850-sist-i-utf8.csv", text.encode("utf-8") + (APPENDED + "\r\n").encode("cp850"))
    write("fel", "ms-dos-text-sparad-som-utf8.csv", text.encode("cp850").decode("cp1252", "replace").encode("utf-8"))
    write("fel", "macintosh-text-sparad-som-utf8.csv", table(ROWS, "\n").encode("mac_roman").decode("cp1252", "replace").encode("utf-8"))


if __name__ == "__main__":
    main()
