"""A withdrawn or corrected edition's PDF: the published file, byte for byte, and a notice after it.

A recorded PDF is a public record (a registry may have filed it, a politician quoted it): the
record keeps it unchanged in the branch `publicerat`. Like the edition's page, which keeps its
article and gets a notice box above it, the PDF a reader downloads from the edition's address
gets the notice as an *incremental update* (PDF 32000-1 §7.5.6, the way signatures are added):
the file starts with every byte of the published PDF, unchanged, and the update appended after it
adds a first page that says the edition is withdrawn (or corrected), when, why and what replaces
it. Cutting the file after the published PDF's own end (its length, said on the notice page)
gives the published file back exactly; so does the record.

The notice page reads like the printed pages after it (issue 17.6, adv17i PW8): its running header
and footer name the report and the period as pdf.running_texts does, and, since the published pages
say "Sida 1 av N" … "Sida N av N" and cannot change, it is numbered outside them ("Tillägg före sida
1 av N"), and the file's page labels say so to a PDF reader ("Tillägg", then 1 … N).

The page is drawn with PDF's standard Helvetica in WinAnsi encoding (å, ä, ö, é, –), so nothing
is embedded and no browser is started: a withdrawal costs a few milliseconds per PDF.
"""

from __future__ import annotations

import io
import textwrap

from ..formats import swedish

MARGIN = 56  # points: 2 cm
RUNNING_MARGIN = 16 / 25.4 * 72  # points: pdf.MARGIN_MM, where the printed pages' header and footer start
RUNNING_SIZE = 8.9  # points: pdf.RUNNING's 8pt as Chromium prints it (Liberation Sans, Helvetica's metrics, measured)
RED, DARK = "0.60 0.07 0.07", "0.13 0.13 0.13"


def with_notices(published: bytes, notices: list[list], site_url: str, report: str, period: str) -> bytes:
    """`published` followed by an incremental update whose first page states `notices` ([kind, date,
    reason, replaced_by], oldest first, as the edition page's boxes) for the edition `period` ("september
    2022") of the report titled `report`. `site_url` makes a replacement's address whole."""
    from pypdf import PageObject, PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter(io.BytesIO(published), incremental=True)
    count = len(writer.pages)  # the published pages, numbered "Sida 1 av {count}" … by the print
    box = writer.pages[0].mediabox
    width, height = float(box.width), float(box.height)
    page = PageObject.create_blank_page(None, width, height)
    fonts = DictionaryObject()
    for name, base in (("/F1", "/Helvetica"), ("/F2", "/Helvetica-Bold")):
        fonts[NameObject(name)] = writer._add_object(DictionaryObject({
            NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject(base), NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }))
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
    content = DecodedStreamObject()
    body = _drawing(_lines(notices, site_url, len(published), report, period, count), width, height)
    content.set_data(body + b"\n" + _running(report, period, count, width, height))
    page[NameObject("/Contents")] = writer._add_object(content)
    writer.insert_page(page, 0)
    # What a PDF reader shows as the page number: the notice page is not one of the published pages.
    writer.set_page_label(0, 0, prefix="Tillägg")
    writer.set_page_label(1, count, style="/D", start=1)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def page_number(count: int) -> str:
    """The notice page's number: outside the published pages' "Sida 1 av N" … "Sida N av N"."""
    return f"Tillägg före sida 1 av {count}"


def _lines(notices: list[list], site_url: str, size: int, report: str, period: str, count: int) -> list[tuple[str, float, str, str]]:
    """(font, size, colour, text) per line of the notice page."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    lines: list[tuple[str, float, str, str]] = [("/F2", 14, DARK, text) for text in textwrap.wrap(report, 60)]
    lines += [("/F1", 11, DARK, f"Utgåva {period}"), ("/F1", 11, DARK, "")]
    for kind, date, reason, replaced_by in notices:
        day = swedish.date_long(date)
        title = f"Utgåvan är indragen {day}" if kind == "indragning" else f"Rättelse {day}"
        lines.append(("/F2", 18, RED if kind == "indragning" else DARK, title))
        lines += [("/F1", 11, DARK, text) for text in textwrap.wrap(reason, 85)]
        if kind == "indragning":
            lines.append(("/F1", 11, DARK, "Utgåvan ligger kvar som den publicerades, men ska inte användas."))
            if replaced_by is not None:
                lines += [("/F1", 11, DARK, text) for text in textwrap.wrap(f"Det här ersätter den: {base}{replaced_by}", 85)]
        lines.append(("/F1", 8, DARK, ""))
    lines.append(("/F1", 9, DARK, ""))
    pages = "Sida 1" if count == 1 else f"Sida 1–{count}"
    note = (f"Den här sidan är lagd till efteråt och hör inte till utgåvan. {pages} efter den är utgåvan som den "
            f"publicerades: filen börjar med den publicerade PDF:en, oförändrad ({size} byte), och den här sidan "
            f"ligger i ett tillägg efter den.")
    lines += [("/F1", 9, DARK, text) for text in textwrap.wrap(note, 100)]
    return lines


def _drawing(lines: list[tuple[str, float, str, str]], width: float, height: float) -> bytes:
    y = height - MARGIN
    parts = []
    for font, size, colour, text in lines:
        y -= size * 1.45
        if y < MARGIN:
            break
        if text:
            parts.append(f"BT {colour} rg {font} {size:g} Tf {MARGIN} {y:.1f} Td ({_escaped(text)}) Tj ET")
    parts.append(f"{RED} RG 3 w {MARGIN - 12} {y - 6:.1f} m {MARGIN - 12} {height - MARGIN + 4} l S")  # a bar beside the notice
    return "\n".join(parts).encode("cp1252", errors="replace")


def _running(report: str, period: str, count: int, width: float, height: float) -> bytes:
    """The running header (report left, period right) and footer (report and period left, the page's number
    right), placed and sized as Chromium prints the published pages' (pdf.HEADER, pdf.FOOTER); a text too long
    for its line wraps, as there."""
    left, right = RUNNING_MARGIN, width - RUNNING_MARGIN
    parts = []
    for top, first, last in ((height - 23.5, report, period), (None, f"{report}, {period}", page_number(count))):
        lines = _wrap(first, right - left - _width(last) - 8 / 25.4 * 72)  # the 8 mm gap between the two
        top = top if top is not None else 16 + 11 * (len(lines) - 1)  # baselines where Chromium prints them
        for at, text in enumerate(lines):
            parts.append(f"BT {DARK} rg /F1 {RUNNING_SIZE} Tf {left:.1f} {top - 11 * at:.1f} Td ({_escaped(text)}) Tj ET")
        parts.append(f"BT {DARK} rg /F1 {RUNNING_SIZE} Tf {right - _width(last):.1f} {top:.1f} Td ({_escaped(last)}) Tj ET")
    return "\n".join(parts).encode("cp1252", errors="replace")


def _width(text: str, size: float = RUNNING_SIZE) -> float:
    """The width of `text` in Helvetica at `size` points (Adobe's metrics, as pypdf ships them)."""
    try:
        from pypdf._codecs.core_font_metrics import CORE_FONT_METRICS  # noqa: PLC0415 — pypdf's copy of Adobe's AFM
        widths = CORE_FONT_METRICS["Helvetica"].character_widths
    except (ImportError, KeyError):  # another pypdf: Helvetica's average width
        widths = {}
    return sum(widths.get(c, widths.get("default", 556)) for c in text) * size / 1000


def _wrap(text: str, room: float) -> list[str]:
    """`text` in lines of at most `room` points, broken between words."""
    lines: list[str] = []
    for word in text.split():
        if lines and _width(f"{lines[-1]} {word}") <= room:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
