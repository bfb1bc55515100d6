"""A withdrawn edition's PDF says so, and stays the published file: the PDF at the edition's
address starts with every byte the record keeps, and an incremental update after them adds a
first page with the notice (pdf_notice.py). An edition that is not withdrawn keeps its PDF byte
for byte (adv17c)."""

from __future__ import annotations

import io
import subprocess

import pytest
from pypdf import PdfReader

from .conftest import ok

pytestmark = pytest.mark.slow

WITHDRAWAL = """- utgava: astorp/utgavor/2022-09/
  typ: indragning
  datum: 2022-10-01
  anledning: Hushållen i september var dubbelräknade.
"""


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
    notice = " ".join(pages[0].extract_text().split())
    assert notice.startswith(
        "Utgåvan är indragen 1 oktober 2022 Hushållen i september var dubbelräknade. Utgåvan ligger kvar som den "
        "publicerades, men ska inte användas. Det här ersätter den: https://example.invalid/socialrapporter/astorp/"
    ), notice
    assert f"oförändrad ({len(published)} byte)" in notice
    assert recorded(remote, september) == published  # the record keeps the file as published
    assert (remote.site / august).read_bytes() == recorded(remote, august)  # not withdrawn: byte for byte
