"""A withdrawn edition's PDF says so, and stays the published file: the PDF at the edition's
address starts with every byte the record keeps, and an incremental update after them adds a
first page with the notice (pdf_notice.py). An edition that is not withdrawn keeps its PDF byte
for byte (adv17c). Read back with pdftotext, as a registry receives it, the notice page names the report and the
period in its running header and footer, as the printed pages do, and its number does not contradict theirs: they
say "Sida 1 av N" … "Sida N av N", it says "Tillägg före sida 1 av N" (adv17i PW8)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from conftest import require_tool

from .conftest import ok

pytestmark = pytest.mark.slow

WITHDRAWAL = """- utgava: astorp/utgavor/2022-09/
  typ: indragning
  datum: 2022-10-01
  anledning: Hushållen i september var dubbelräknade.
"""


def pages_read(pdf) -> list[str]:
    """Each page's text as pdftotext reads it, its blanks made single."""
    require_tool(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils)")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [re.sub(r"\s+", " ", page.replace("\u00ad", "")).strip() for page in text.split("\f") if page.strip()]


def recorded(remote, path: str) -> bytes:
    return subprocess.run(["git", "show", f"publicerat:{path}"], cwd=remote.bare, capture_output=True, check=True).stdout


def test_a_withdrawn_editions_pdf_is_the_published_file_with_a_notice_after_it(remote_with_pdf):
    remote = remote_with_pdf
    out = remote.said  # publish --pdf (conftest.september_with_pdf): PDFs printed for the editions published without one, and recorded
    assert "2 PDF tillagda i arkivet" in out
    september, august = "astorp/utgavor/2022-09/astorp-2022-09.pdf", "astorp/utgavor/2022-08/astorp-2022-08.pdf"
    published = recorded(remote, september)
    assert (remote.site / september).read_bytes() == published
    (remote.work / "rattelser.yaml").write_text(WITHDRAWAL, encoding="utf-8")
    remote.commit("Åstorp: september dras in")
    remote.push()
    ok(remote.publish())
    served = (remote.site / september).read_bytes()
    assert served[:len(published)] == published and len(served) > len(published)
    pages = PdfReader(io.BytesIO(served)).pages
    assert len(pages) == len(PdfReader(io.BytesIO(published)).pages) + 1
    count = len(pages) - 1
    read = pages_read(remote.site / september)
    assert read[0] == (
        "Försörjningsstöd i Åstorp september 2022 Försörjningsstöd i Åstorp Utgåva september 2022 Utgåvan är indragen "
        "1 oktober 2022 Hushållen i september var dubbelräknade. Utgåvan ligger kvar som den publicerades, men ska inte "
        "användas. Det här ersätter den: https://example.invalid/socialrapporter/astorp/ Den här sidan är lagd till "
        f"efteråt och hör inte till utgåvan. Sida 1–{count} efter den är utgåvan som den publicerades: filen börjar med "
        f"den publicerade PDF:en, oförändrad ({len(published)} byte), och den här sidan ligger i ett tillägg efter den. "
        f"Försörjningsstöd i Åstorp, september 2022 Tillägg före sida 1 av {count}"
    ), read[0]
    for number, page in enumerate(read[1:], start=1):  # the published pages, numbered as published
        assert page.startswith("Försörjningsstöd i Åstorp september 2022 ") and page.endswith(
            f"Försörjningsstöd i Åstorp, september 2022 Sida {number} av {count}"), page
    assert PdfReader(io.BytesIO(served)).page_labels == ["Tillägg", *map(str, range(1, count + 1))]
    assert recorded(remote, september) == published  # the record keeps the file as published
    assert (remote.site / august).read_bytes() == recorded(remote, august)  # not withdrawn: byte for byte
