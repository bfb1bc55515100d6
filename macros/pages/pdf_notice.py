"""A withdrawn or corrected edition's PDF: the published file, byte for byte, and a notice after it.

A recorded PDF is a public record (a registry may have filed it, a politician quoted it): the
record keeps it unchanged in the branch `publicerat`. Like the edition's page, which keeps its
article and gets a notice box above it, the PDF a reader downloads from the edition's address
gets the notice as an *incremental update* (PDF 32000-1 §7.5.6, the way signatures are added):
the file starts with every byte of the published PDF, unchanged, and the update appended after it
adds a first page that says the edition is withdrawn (or corrected), when, why and what replaces
it. Cutting the file after the published PDF's own end (its length, said on the notice page)
gives the published file back exactly; so does the record.

The page is drawn with PDF's standard Helvetica in WinAnsi encoding (å, ä, ö, é, –), so nothing
is embedded and no browser is started: a withdrawal costs a few milliseconds per PDF.
"""

from __future__ import annotations

import io
import textwrap

from ..formats import swedish

MARGIN = 56  # points: 2 cm
RED, DARK = "0.60 0.07 0.07", "0.13 0.13 0.13"


def with_notices(published: bytes, notices: list[list], site_url: str) -> bytes:
    """`published` followed by an incremental update whose first page states `notices` ([kind, date,
    reason, replaced_by], oldest first, as the edition page's boxes). `site_url` makes a replacement's
    address whole."""
    from pypdf import PageObject, PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter(io.BytesIO(published), incremental=True)
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
    content.set_data(_drawing(_lines(notices, site_url, len(published)), width, height))
    page[NameObject("/Contents")] = writer._add_object(content)
    writer.insert_page(page, 0)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _lines(notices: list[list], site_url: str, size: int) -> list[tuple[str, float, str, str]]:
    """(font, size, colour, text) per line of the notice page."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    lines: list[tuple[str, float, str, str]] = []
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
    note = (f"Den här sidan är lagd till efteråt. Sidorna efter den är utgåvan som den publicerades: filen börjar med "
            f"den publicerade PDF:en, oförändrad ({size} byte), och den här sidan är ett tillägg efter den.")
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


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
