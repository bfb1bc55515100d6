"""An edition withdrawn before PDFs were printed (adv17e fault 39): September published without a PDF, then
withdrawn, then the first build with `--pdf --record`. The PDF added to the record is the edition as published,
without the withdrawal notice; the PDF at the edition's address is that file, every byte, with the notice page
added after it (pdf_notice.py), as for an edition withdrawn after its PDF (test_indragen_pdf.py)."""

from __future__ import annotations

import io
import subprocess

import pytest
from pypdf import PdfReader

from .conftest import SEPTEMBER_WITHDRAWN, ok
from .test_indragen_pdf import pages_read

pytestmark = pytest.mark.slow

SEPTEMBER = "astorp/utgavor/2022-09/astorp-2022-09.pdf"


def recorded(remote, path: str) -> bytes:
    return subprocess.run(["git", "show", f"publicerat:{path}"], cwd=remote.bare, capture_output=True, check=True).stdout


def words(page) -> str:
    return " ".join(page.extract_text().split())


def test_a_pdf_printed_after_the_withdrawal_is_recorded_without_the_notice(remote):
    (remote.work / "rattelser.yaml").write_text(SEPTEMBER_WITHDRAWN, encoding="utf-8")
    remote.commit("Åstorp: september dras in")
    remote.push()
    ok(remote.publish())
    out = ok(remote.publish("--pdf"))
    assert "2 PDF tillagda i arkivet" in out
    published = recorded(remote, SEPTEMBER)
    first = words(PdfReader(io.BytesIO(published)).pages[0])
    assert "indragen" not in first and "dubbelräknade" not in first, first
    served = (remote.site / SEPTEMBER).read_bytes()
    assert served[:len(published)] == published and len(served) > len(published)
    pages = PdfReader(io.BytesIO(served)).pages
    assert len(pages) == len(PdfReader(io.BytesIO(published)).pages) + 1
    count = len(pages) - 1
    notice = pages_read(remote.site / SEPTEMBER)[0]  # named and numbered as the printed pages (adv17i PW8)
    assert notice.startswith("Försörjningsstöd i Åstorp september 2022 Försörjningsstöd i Åstorp Utgåva september 2022 "
                             "Utgåvan är indragen 1 oktober 2022 Hushållen i september var dubbelräknade."), notice
    assert notice.endswith(f"Försörjningsstöd i Åstorp, september 2022 Tillägg före sida 1 av {count}"), notice
    ok(remote.publish("--pdf"))  # the next build places the same file
    assert (remote.site / SEPTEMBER).read_bytes() == served
