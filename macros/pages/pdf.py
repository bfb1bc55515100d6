"""Each edition as a PDF for the board's papers and the registry: Chromium's print to PDF.

A4, the edition's title in the document information, language `sv` (the page's
`lang`), headings as bookmarks (`outline`) and a tagged structure (`tagged`).
Every chart's table is printed beside the chart so every table is complete on
paper. The part of the edition's banner that changes later ("there is a newer
edition") and the download link are left out: the PDF is what was published.

PDFs are kept in `.cache/utgavor/pdf/` by the rendered edition they print, so
each is printed once. Building them needs Chromium: on in CI's publish workflow,
opt-in locally (`scripts/build --pdf`, or RAPPORT_PDF=1).
"""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
PDF_VERSION = "1"  # raise to print every edition again
A4_VIEWPORT = {"width": 794, "height": 1123}  # A4 at 96 dpi: charts are drawn at the printed width
# Only what a correct PDF needs; the site's print stylesheet does the rest.
PRINT_CSS = """
.tabbed-set > .tabbed-content > .tabbed-block { display: block !important; }
.tabbed-set > .tabbed-labels, .chart-fallback, .edition-newer, .edition-pdf, .chart-download { display: none !important; }
.table-wrap { overflow: visible !important; max-height: none !important; }
"""
FOOTER = (
    '<div style="font-size:8pt;width:100%;text-align:center;font-family:sans-serif">'
    'Sida <span class="pageNumber"></span> av <span class="totalPages"></span></div>'
)


class PdfError(RuntimeError):
    """PDFs cannot be made here: said in Swedish with the fix."""


def print_pages(jobs: list[tuple[Path, Path]]) -> None:
    """Print each built page (`index.html`) to a PDF file: [(page, pdf), …]."""
    if not jobs:
        return
    if not CHROMIUM.exists():
        raise PdfError(f"PDF-utgåvorna görs med Chromium, som saknas ({CHROMIUM}). Kör ./scripts/bootstrap --test-tools, eller bygg utan --pdf.")
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415 — only PDF builds need a browser
    except ImportError as exc:
        raise PdfError("PDF-utgåvorna görs med Playwright, som saknas. Kör ./scripts/bootstrap.") from exc
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport=A4_VIEWPORT, locale="sv-SE")
            for source, target in jobs:
                page.goto(source.resolve().as_uri(), wait_until="load")
                page.wait_for_function(
                    "() => [...document.querySelectorAll('.chart-plot')].every(p => p.querySelector('svg'))",
                    timeout=20_000,
                )
                page.emulate_media(media="print")
                page.add_style_tag(content=PRINT_CSS)
                target.parent.mkdir(parents=True, exist_ok=True)
                temporary = target.with_name(f".{target.name}.{os.getpid()}")
                page.pdf(
                    path=str(temporary), format="A4", print_background=True, outline=True, tagged=True,
                    margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
                    display_header_footer=True, header_template="<span></span>", footer_template=FOOTER,
                )
                os.replace(temporary, target)
        finally:
            browser.close()
