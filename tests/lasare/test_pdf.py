"""Each edition's PDF reads like a board paper (issue 17 point 6): every page names the report
and its period and says "Sida X av N", no page holds only a caption or a single line, and the
title is dark. The site built with the PDFs (conftest.pdf_site, shared with utgavor/test_editions.py)
has each PDF read back page by page with pdftotext, as a registry or a board member receives it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import page_url_path, require_tool, serve

pytestmark = pytest.mark.browser


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "").replace("\u00b6", "")).strip()


@pytest.fixture(scope="module", autouse=True)
def _pdftotext():
    require_tool(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils)")


def editions(site: Path) -> list[tuple[Path, str, str]]:
    """(PDF, report title, period) of every edition, from the edition's own page."""
    found = []
    for pdf in sorted(site.glob("*/utgavor/*/*.pdf")):
        page = BeautifulSoup((pdf.parent / "index.html").read_text(encoding="utf-8"), "html.parser")
        title = clean(page.select_one("article h1").get_text())
        period = clean(page.select_one(".edition-banner .admonition-title").get_text()).removeprefix("Utgåva ")
        found.append((pdf, title, period))
    return found


def pages_of(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [page for page in text.split("\f") if page.strip()]


def test_every_pdf_page_names_report_and_period_and_its_number(pdf_site):
    found = editions(pdf_site)
    assert found, "no edition PDF was printed"
    problems = []
    for pdf, title, period in found:
        pages = pages_of(pdf)
        assert pages, pdf.name
        for number, page in enumerate(pages, start=1):
            flat = clean(page)
            if title not in flat:
                problems.append(f"{pdf.name} sida {number}: rapportens namn «{title}» saknas")
            if period not in flat:
                problems.append(f"{pdf.name} sida {number}: perioden «{period}» saknas")
            if f"Sida {number} av {len(pages)}" not in flat:
                problems.append(f"{pdf.name} sida {number}: «Sida {number} av {len(pages)}» saknas")
    assert not problems, "\n".join(problems)


def test_no_pdf_page_holds_only_a_caption_or_a_line(pdf_site):
    problems = []
    for pdf, title, period in editions(pdf_site):
        for number, page in enumerate(pages_of(pdf), start=1):
            lines = [clean(line) for line in page.splitlines() if line.strip()]
            body = [line for line in lines if not line.startswith(title)]  # the running header and footer
            if len(body) < 3:
                problems.append(f"{pdf.name} sida {number}: bara {body}")
    assert not problems, "\n".join(problems)


def orphaned_captions(pdf: Path, title: str) -> list[str]:
    """Table captions that end a page: the caption, and at most the head row, with the rows on the next page."""
    page_html = BeautifulSoup((pdf.parent / "index.html").read_text(encoding="utf-8"), "html.parser")
    captions = [clean(caption.get_text()) for caption in page_html.select("article table caption")]
    found = []
    for number, page in enumerate(pages_of(pdf), start=1):
        lines = [clean(line) for line in page.splitlines() if line.strip()]
        body = [line for line in lines if not line.startswith(title)]  # the running header and footer
        tail = " ".join(body[-2:])  # a caption here has at most its head row under it
        found += [f"{pdf.name} sida {number}: «{caption}»" for caption in captions if caption and caption in tail]
    return found


def test_no_table_caption_or_head_ends_a_page(pdf_site):
    """A long table may break between rows, but its caption and head row take rows with them."""
    problems = [problem for pdf, title, period in editions(pdf_site) for problem in orphaned_captions(pdf, title)]
    assert not problems, "\n".join(problems)


def test_the_printed_title_is_dark(pdf_site, browser):
    pdf, _title, _period = editions(pdf_site)[0]
    with serve(pdf_site) as server:
        page = browser.new_page()
        try:
            page.goto(server.url + page_url_path(pdf_site, pdf.parent / "index.html"), wait_until="load")
            page.emulate_media(media="print")
            colour = page.eval_on_selector("article h1", "h => getComputedStyle(h).color")
        finally:
            page.close()
    channels = [int(c) for c in re.findall(r"\d+", colour)[:3]]
    assert len(channels) == 3 and max(channels) <= 60, colour


def test_the_first_page_is_not_half_empty(pdf_site):
    """Cards and tables break between cards and rows, so an edition's first page is not left half
    empty by a block kept whole (issue 17.6): its text reaches at least two thirds down the page."""
    found = editions(pdf_site)
    assert found, "no edition PDF was printed"
    problems = []
    for pdf, _title, _period in found:
        words = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', words)[1])
        bottoms = [float(y) for y in re.findall(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)"', words)]
        body = [y for y in bottoms if 60 < y < height - 60]  # not the running header and footer
        assert body, pdf.name
        if max(body) < height * 2 / 3:
            problems.append(f"{pdf.name}: sidan 1 tar slut {max(body) / height:.0%} ned på sidan")
    assert not problems, "\n".join(problems)


def test_the_outline_is_the_headings_in_whole_words(pdf_site):
    """The PDF's bookmarks read as the headings do: no soft hyphen, no "‐" where Chromium broke a
    word across lines, no space lost at a line's end (issue 17.6)."""
    from pypdf import PdfReader

    found = editions(pdf_site)
    assert found, "no edition PDF was printed"
    problems, checked = [], 0
    for pdf, _title, _period in found:
        page = BeautifulSoup((pdf.parent / "index.html").read_text(encoding="utf-8"), "html.parser")
        headings = {clean(h.get_text()) for h in page.select("article h1, article h2, article h3, article h4")}
        for title in _titles(PdfReader(str(pdf)).outline):
            checked += 1
            if "\u00ad" in title or "\u2010" in title or title not in headings:
                problems.append(f"{pdf.name}: bokmärket {title!r} är inte en rubrik på sidan")
    assert checked, "no bookmark in any PDF"
    assert not problems, "\n".join(problems)


def _titles(outline):
    for item in outline:
        if isinstance(item, list):
            yield from _titles(item)
        else:
            yield item.title
