"""Each edition as a PDF for the board's papers and the registry: Chromium's print to PDF.

A4, the edition's title in the document information, language `sv` (the page's
`lang`), headings as bookmarks (`outline`) and a tagged structure (`tagged`).
Every chart's table is printed beside the chart, and a page whose widest table
would not fit is printed smaller, so every table is complete on paper. The part of the edition's banner that changes later ("there is a newer
edition") and the download link are left out: the PDF is what was published.

PDFs are kept in `.cache-utgavor/pdf/` by the rendered edition they print, so
each is printed once. Building them needs Chromium: on in CI's publish workflow,
opt-in locally (`scripts/build --pdf`, or RAPPORT_PDF=1).
"""

from __future__ import annotations

import os
from pathlib import Path

from html import escape

from .local_browser import CHROMIUM, SiteServer, launch

PDF_VERSION = "4"  # raise to print every edition again (2: running header, "Sida X av N", board-paper breaks; 3: an outline of whole words, cards that break between rows; 4: without a withdrawal's or correction's notice, which pdf_notice.py adds after the file)
MARGIN_MM = 16
# The printable width of A4 at 96 dpi: pages (and charts) are laid out at the width they are printed.
A4_VIEWPORT = {"width": round((210 - 2 * MARGIN_MM) / 25.4 * 96), "height": 1000}
# Only what a correct PDF needs (every table whole, nothing that changes after publication);
# the site's print stylesheet does the rest.
PRINT_CSS = """
.tabbed-set > .tabbed-content > .tabbed-block { display: block !important; }
.tabbed-set > .tabbed-labels, .chart-fallback, .edition-newer, .edition-pdf, .chart-download { display: none !important; }
.edition-withdrawn, .edition-correction { display: none !important; }
.md-typeset .table-wrap { overflow: visible !important; max-height: none !important; }
.md-typeset table.data-table thead th { white-space: normal !important; }
.md-typeset table.data-table th, .md-typeset table.data-table td { padding: .2em .35em !important; }
.md-typeset table.data-table tr, .chart-plot { break-inside: avoid; }
.md-typeset h1, .md-typeset h2, .md-typeset h3, .md-typeset h4, .md-typeset h5, .md-typeset h6 { white-space: pre-wrap; overflow-wrap: anywhere; }
"""
# The PDF's outline (bookmarks) is the headings' text as laid out: a soft hyphen where Chromium
# broke a word became "‐" in it, and a line's end lost its space ("2022 –Lund"). Headings print
# without soft hyphens (a word that does not fit A4 breaks anywhere) and keep their spaces.
HEADINGS_FOR_OUTLINE_JS = r"""() => {
  for (const heading of document.querySelectorAll('article h1, article h2, article h3, article h4, article h5, article h6')) {
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) node.textContent = node.textContent.replace(/­/g, '').replace(/\s+/g, ' ');
  }
}"""
# A table still wider than the page: the page is printed smaller until it fits (never below this).
SMALLEST_SCALE = 0.5
WIDEST_TABLE_JS = """() => {
  const article = document.querySelector('article');
  const room = article ? article.clientWidth : document.body.clientWidth;
  const widest = Math.max(0, ...[...document.querySelectorAll('table')].map(t => t.scrollWidth));
  return widest > room ? room / widest : 1;
}"""
# Every page names the report and its period (header) and says "Sida X av N" (footer), so a
# page taken out of the board's papers still says what it is. Chromium fills pageNumber and totalPages.
RUNNING = "font-family:sans-serif;font-size:8pt;color:#222;width:100%;margin:0 {margin}mm;display:flex;justify-content:space-between;gap:8mm"
HEADER = '<div style="{style}"><span>{report}</span><span style="white-space:nowrap">{period}</span></div>'
FOOTER = (
    '<div style="{style}"><span>{report}, {period}</span>'
    '<span style="white-space:nowrap">Sida <span class="pageNumber"></span> av <span class="totalPages"></span></span></div>'
)
# The report's title and the edition's period, from the edition itself (its heading and banner).
RUNNING_FACTS_JS = r"""() => {
  const clean = (e) => e ? e.textContent.replace(/\u00ad/g, '').replace(/\u00b6/g, '').replace(/\s+/g, ' ').trim() : '';
  const banner = clean(document.querySelector('.edition-banner .admonition-title')).replace(/^Utgåva /, '');
  return { report: clean(document.querySelector('article h1')), period: banner };
}"""


def running_texts(report: str, period: str) -> tuple[str, str]:
    """The header and footer templates of one edition's PDF."""
    facts = {"report": escape(report), "period": escape(period), "style": RUNNING.format(margin=MARGIN_MM)}
    return HEADER.format(**facts), FOOTER.format(**facts)


class PdfError(RuntimeError):
    """PDFs cannot be made here: said in Swedish with the fix."""


def print_pages(site_dir: Path, jobs: list[tuple[str, Path]]) -> None:
    """Print built pages to PDF files: [(the page's path in the site, "astorp/utgavor/2022-08/"; pdf file), …]."""
    if not jobs:
        return
    if not CHROMIUM.exists():
        raise PdfError(f"PDF-utgåvorna görs med Chromium, som saknas ({CHROMIUM}). Kör ./scripts/bootstrap --test-tools, eller bygg utan --pdf.")
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415 — only PDF builds need a browser
    except ImportError as exc:
        raise PdfError("PDF-utgåvorna görs med Playwright, som saknas. Kör ./scripts/bootstrap.") from exc
    with SiteServer(Path(site_dir), "/") as server, sync_playwright() as playwright:
        base = server.url
        browser = launch(playwright)
        try:
            page = browser.new_page(viewport=A4_VIEWPORT, locale="sv-SE")
            for url, target in jobs:
                page.emulate_media(media="screen")
                page.goto(base + url, wait_until="load")
                # Charts are drawn as they near the screen (docs/assets/charts.js): draw them all for paper.
                page.wait_for_function(
                    "() => !document.querySelector('.chart-plot') || window.siteCharts", timeout=30_000
                )
                page.evaluate("() => window.siteCharts && window.siteCharts.drawAll()")
                page.wait_for_function(
                    "() => [...document.querySelectorAll('.chart-plot')].every(p => p.querySelector('svg'))",
                    timeout=30_000,
                )
                page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
                page.emulate_media(media="print")
                page.add_style_tag(content=PRINT_CSS)
                page.evaluate(HEADINGS_FOR_OUTLINE_JS)
                target.parent.mkdir(parents=True, exist_ok=True)
                temporary = target.with_name(f".{target.name}.{os.getpid()}")
                scale = max(SMALLEST_SCALE, min(1.0, page.evaluate(WIDEST_TABLE_JS)))
                header, footer = running_texts(**page.evaluate(RUNNING_FACTS_JS))
                page.pdf(
                    path=str(temporary), format="A4", print_background=True, outline=True, tagged=True, scale=scale,
                    margin={"top": "18mm", "bottom": "18mm", "left": f"{MARGIN_MM}mm", "right": f"{MARGIN_MM}mm"},
                    display_header_footer=True, header_template=header, footer_template=footer,
                )
                os.replace(temporary, target)
        finally:
            browser.close()
