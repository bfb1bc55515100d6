"""Every report page printed to A4 in Chromium, as a politician prints it for a meeting.

Each page is printed to PDF (Playwright's `page.pdf` after `emulate_media(media="print")`) and
read back with `pdftotext`: every figure the page shows (`[data-dataset][data-key][data-field]`:
table cells, cards, figures in the text, the charts' tables too) is in the printed text as often
as the page shows it, every figure of the source reports (tests/golden/) is printed, and laid
out at the paper's width (A4 less the print stylesheet's margins) no table reaches past the
page's right edge, so Chromium never shrinks the print to fit.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from conftest import require_tool, site_project
from exempel.test_golden import GOLDEN, derived_for

from macros.data.catalog import Catalog
from macros.pages.reports import report_entries

pytestmark = pytest.mark.browser

class _Loader(yaml.SafeLoader):
    """mkdocs.yml as YAML, its tags (`!!python/name:…`, `!ENV`) read as nothing."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)

A4_MM = (210, 297)
MM = 96 / 25.4  # CSS px per millimetre

# Every figure on the page with its text as printed: no footnote marks, no text for screen
# readers only, no arrow symbols; and whether the print layout shows it at all.
FIGURES_JS = """
() => {
  const shown = (el) => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('sup, .visually-hidden, .symbol').forEach((e) => e.remove());
    return copy.textContent.replace(/\\s+/g, ' ').trim();
  };
  const found = [];
  const add = (el, dataset) => found.push({
    dataset: dataset, key: el.getAttribute('data-key'), field: el.getAttribute('data-field'),
    text: shown(el), printed: el.getClientRects().length > 0,
    where: (el.closest('table, figure, .kpi, p, li') || el).tagName.toLowerCase(),
  });
  document.querySelectorAll('table[data-dataset]').forEach((table) => {
    table.querySelectorAll('td[data-key][data-field]').forEach((td) => add(td, table.getAttribute('data-dataset')));
  });
  document.querySelectorAll('[data-dataset][data-key][data-field]').forEach((el) => add(el, el.getAttribute('data-dataset')));
  return found;
}
"""

# The print stylesheet's page margins (the last @page rule without a name that applies in print).
PAGE_MARGINS_JS = """
() => {
  let margins = null;
  const walk = (rules, print) => {
    for (const rule of rules) {
      if (rule instanceof CSSMediaRule) walk(rule.cssRules, print || /\\bprint\\b/.test(rule.media.mediaText));
      else if (rule instanceof CSSPageRule && !rule.selectorText) {
        const s = rule.style;
        if (s.marginLeft || s.marginRight) margins = [s.marginLeft, s.marginRight];
      }
    }
  };
  for (const sheet of document.styleSheets) {
    try { walk(sheet.cssRules, false); } catch (e) { /* another origin's sheet: none here */ }
  }
  return margins;
}
"""

TABLE_EDGES_JS = """
() => ({
  page: document.documentElement.clientWidth,
  document: document.documentElement.scrollWidth,
  tables: Array.from(document.querySelectorAll('article table')).map((t) => ({
    caption: (t.caption ? t.caption.textContent : t.id || '').trim().slice(0, 70),
    right: Math.ceil(t.getBoundingClientRect().right),
  })),
})
"""


@dataclass
class Printout:
    url: str
    pdf: Path
    # pdftotext's two readings of the PDF: -layout keeps a footnote mark apart from its number
    # (`5,3 1`), -raw keeps a table cell's wrapped lines together.
    texts: list[str] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    paper_width: int = 0  # CSS px between the print margins
    edges: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def report_pages() -> list[str]:
    project = site_project()
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    return [entry.url for entry in report_entries(config["nav"], "Rapporter", project / "docs")]


def length_px(css: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(mm|cm|in|pt|px)", css.strip()).groups()
    return float(number) * {"mm": MM, "cm": 10 * MM, "in": 96, "pt": 96 / 72, "px": 1}[unit]


def normal(text: str) -> str:
    """One space for any run of white space: a no-break space prints as a plain one."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def occurrences(figure: str, texts: list[str]) -> int:
    """How often a figure stands in the printed text as a whole number: not `1 690` inside
    `11 690` or `8,8` inside `8,85`. A space may join two numbers, so this never counts too few."""
    pattern = re.compile(r"(?<![\d,.])" + re.escape(figure) + r"(?!\d|,\d)")
    return max((len(pattern.findall(text)) for text in texts), default=0)


@pytest.fixture(scope="module")
def printouts(browser, site_server, tmp_path_factory) -> dict[str, Printout]:
    require_tool(shutil.which("pdftotext") is not None, "pdftotext (Debian's poppler-utils)")
    folder = tmp_path_factory.mktemp("print")
    found = {}
    # One tab for every page (a new tab starts a renderer of its own), set back to the screen's size
    # before each page.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    current: list[Printout] = []
    page.on("pageerror", lambda e: current[-1].problems.append(f"uncaught: {e}"))
    page.emulate_media(media="print")
    for url in report_pages():
        printout = found[url] = Printout(url, folder / f"{url.strip('/') or 'start'}.pdf")
        current.append(printout)
        try:
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(site_server + url, wait_until="load")
            if page.locator(".chart-plot").count():
                # Charts are drawn as they near the screen; for a whole-page print, all at once.
                page.wait_for_function("() => !!window.siteCharts", timeout=10_000)
                page.evaluate("() => window.siteCharts.drawAll()")
            printout.figures = page.evaluate(FIGURES_JS)
            page.pdf(path=str(printout.pdf), format="A4", prefer_css_page_size=True)
            margins = page.evaluate(PAGE_MARGINS_JS)
            if not margins:
                printout.problems.append("no @page margins in the print stylesheet")
                margins = ["0mm", "0mm"]
            printout.paper_width = round(A4_MM[0] * MM - sum(length_px(m) for m in margins))
            page.set_viewport_size({"width": printout.paper_width, "height": 1000})
            page.wait_for_timeout(100)
            printout.edges = page.evaluate(TABLE_EDGES_JS)
        except Exception as exc:  # noqa: BLE001 - every page is still printed, in a new tab; the tests report this
            printout.problems.append(f"printing stopped: {type(exc).__name__}: {exc}")
            page.close()
            page = context.new_page()
            page.on("pageerror", lambda e: current[-1].problems.append(f"uncaught: {e}"))
            page.emulate_media(media="print")
        if printout.pdf.exists():
            printout.texts = [
                normal(subprocess.run(["pdftotext", mode, str(printout.pdf), "-"], capture_output=True, text=True, check=True).stdout)
                for mode in ("-layout", "-raw")
            ]
    context.close()
    return found


def _fail_on(findings: dict[str, list[str]]) -> None:
    report = "\n".join(f"{where}:\n  " + "\n  ".join(items) for where, items in findings.items() if items)
    if report:
        pytest.fail(report, pytrace=False)


def test_every_report_page_is_printed(printouts):
    assert printouts, "Inga rapportsidor under Rapporter i menyn (nav i mkdocs.yml), så testet kontrollerade ingenting."
    _fail_on({url: p.problems + ([] if any(p.texts) else ["the PDF has no text"]) for url, p in printouts.items()})


def test_every_figure_on_the_page_is_on_paper(printouts):
    findings = {}
    for url, p in printouts.items():
        out = findings.setdefault(url, [])
        if not p.figures:
            out.append("inga siffror hittades på sidan")
        out += [
            f"{f['dataset']} {f['key']} {f['field']} ({f['text']!r} i en {f['where']}) syns inte på papper"
            for f in p.figures if not f["printed"]
        ]
        wanted = Counter(normal(f["text"]) for f in p.figures if f["printed"] and f["text"])
        for figure, times in sorted(wanted.items()):
            printed = occurrences(figure, p.texts)
            if printed < times:
                out.append(f"{figure!r}: på sidan {times} gånger, på papper {printed} gånger")
    _fail_on(findings)


def test_every_golden_figure_is_printed(printouts):
    """Each figure transcribed from a source report (tests/golden/) is shown on a report page,
    and that page's printed text carries it (as the page writes it)."""
    catalog = Catalog(site_project())
    printed = {}
    for url, p in printouts.items():
        for f in p.figures:
            if f["printed"] and occurrences(normal(f["text"]), p.texts):
                printed.setdefault((f["dataset"], f["key"], f["field"]), []).append(url)
    missing = []
    for path in GOLDEN:
        for figure in yaml.safe_load(path.read_text(encoding="utf-8"))["figures"]:
            shown_as = derived_for(catalog.load(figure["dataset"]), figure["field"]) or figure["field"]
            if (figure["dataset"], str(figure["key"]), shown_as) not in printed:
                missing.append(f"{path.name}: {figure['dataset']} {figure['key']} {shown_as} ({figure['printed']!r})")
    assert not missing, f"{len(missing)} siffror ur källrapporterna kommer inte med på papper:\n" + "\n".join(missing)


def test_every_table_fits_the_paper(printouts):
    """Laid out at the paper's width, no table (and nothing else) reaches past the right edge."""
    findings = {}
    for url, p in printouts.items():
        out = findings.setdefault(url, [])
        edges = p.edges
        if not edges:
            continue
        if edges["document"] > edges["page"]:
            out.append(f"sidan är {edges['document']} px bred på ett papper som är {edges['page']} px brett")
        out += [f"tabellen {t['caption']!r} slutar vid {t['right']} px, utanför papperet" for t in edges["tables"] if t["right"] > edges["page"]]
    _fail_on(findings)


# ---------------------------------------------------------------- the checks themselves


def test_occurrences():
    texts = [normal("Summa 1\u00a0690 11 690 8,85 8,8 +133 +13 .. = uppgift saknas .."), "8,8 8,8 8,8"]
    assert occurrences("1 690", texts) == 1
    assert occurrences("8,8", texts) == 3  # the reading that finds it most often
    assert occurrences("+133", texts) == 1 and occurrences("+13", texts) == 1
    assert occurrences("..", texts) == 2


def test_length_px():
    assert round(length_px("15mm"), 2) == 56.69 and length_px("12pt") == 16
