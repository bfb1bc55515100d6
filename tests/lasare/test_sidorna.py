"""What a reader sees, page by page, in Chromium at 320, 360, 390 and 1280 px: every page of the
built site, editions included (issue 19).

Each page is loaded once per width and its charts drawn by scrolling to them; then, in the page
as drawn:
- no figure in a table crosses the visible edge of its box (whole cells or none);
- no Markdown or template syntax in the page's text;
- no chart trace of isolated points (a line needs neighbouring values), and a bar with no value
  says "uppgift saknas" in the chart;
- a report's summary ("I korthet") is at least body size and starts on a phone's first screen;
- no word in a heading, table head or card is broken without a hyphen;
- no ISO date in the page's text, outside downloads and code.
Each check also asserts that what it checks is there (figures, charts, summaries, headings).
(Feature folder `lasare`: Swedish for "reader".)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from conftest import page_url_path, scroll_to_charts, site_pages

from macros.render import leaks

WIDTHS = [320, 360, 390, 1280]
PHONE_HEIGHT = 740
DESKTOP_HEIGHT = 900

pytestmark = pytest.mark.browser

# Every figure in a table: its box against the visible part of the box that scrolls it.
CUT_FIGURES_JS = r"""
() => {
  const number = /^[+\u2212-]?\d{1,3}(?:[\u00a0 ]\d{3})*(?:,\d+)?(?:[\u00a0 ]?%)?$/;
  const found = { checked: 0, cut: [] };
  for (const cell of document.querySelectorAll('article td, article th')) {
    const text = cell.textContent.replace(/\u00ad/g, '').trim();
    if (!number.test(text)) continue;
    const r = cell.getBoundingClientRect();
    if (!r.width) continue;  // in a hidden tab
    found.checked += 1;
    let box = cell.parentElement;
    while (box && box !== document.body && !['auto', 'scroll', 'hidden'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
    const edge = box && box !== document.body ? box.getBoundingClientRect() : { left: 0, right: document.documentElement.clientWidth };
    const left = edge.left + (box && box !== document.body ? box.clientLeft : 0);
    const right = box && box !== document.body ? left + box.clientWidth : edge.right;
    const inside = r.left >= left - 0.5 && r.right <= right + 0.5;
    const outside = r.right <= left + 0.5 || r.left >= right - 0.5;
    const onScreen = r.right <= document.documentElement.clientWidth + 0.5 && r.left >= -0.5;
    if (!(inside || outside) || (inside && !onScreen)) found.cut.push(text);
  }
  return found;
}
"""

# The article's text as a reader reads it: code and downloads left out (there ISO dates and
# signs are meant), each left as "…" so that what follows is not a line's start.
ARTICLE_TEXT_JS = r"""
() => {
  const article = document.querySelector('article');
  if (!article) return '';
  const copy = article.cloneNode(true);
  copy.querySelectorAll('code, pre, script, style, template, svg, a[download], .headerlink').forEach((e) => e.replaceWith('…'));
  copy.querySelectorAll('p, li, dt, dd, div, tr, h1, h2, h3, h4, figcaption, br').forEach((e) => e.prepend('\n'));
  return copy.textContent;
}
"""

SUMMARY_JS = """
() => {
  const summary = document.querySelector('article .admonition.abstract');
  if (!summary) return null;
  const body = document.querySelector('article > p:not(.print-source)') || document.querySelector('article');
  const text = summary.querySelector('p:not(.admonition-title)') || summary;
  return { size: parseFloat(getComputedStyle(text).fontSize), body: parseFloat(getComputedStyle(body).fontSize),
           top: summary.getBoundingClientRect().top + window.scrollY };
}
"""

# Words broken across lines in headings, table heads and cards: where the break falls, and
# whether a hyphen is drawn there (a soft hyphen the browser chose, or a hyphen in the word).
BROKEN_WORDS_JS = r"""
() => {
  const found = { checked: 0, broken: [] };
  const places = 'article h1, article h2, article h3, article h4, article thead th, article figcaption, article .kpi-label, article caption';
  for (const element of document.querySelectorAll(places)) {
    if (!element.getBoundingClientRect().width) continue;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const text = node.textContent;
      for (const match of text.matchAll(/[^\s\u2013\u2014\/]+/g)) {
        if (match[0].replace(/\u00ad/g, '').length < 2) continue;
        found.checked += 1;
        const range = document.createRange();
        let lastTop = null;
        for (let i = match.index; i < match.index + match[0].length; i++) {
          range.setStart(node, i); range.setEnd(node, i + 1);
          const rects = range.getClientRects();  // a character at a line's start may also report the end of the line before
          const rect = rects.length ? rects[rects.length - 1] : range.getBoundingClientRect();
          if (!rect.width && text[i] === '\u00ad') continue;  // an unused soft hyphen takes no room
          if (lastTop !== null && rect.top > lastTop + 2) {
            const before = text.slice(match.index, i).replace(/\u00ad$/, '');
            const hyphen = text[i - 1] === '\u00ad' || text[i - 1] === '-';
            if (!hyphen) found.broken.push(`${match[0].replace(/\u00ad/g, '')} (after "${before.replace(/\u00ad/g, '')}")`);
            break;
          }
          lastTop = rect.top;
        }
      }
    }
  }
  return found;
}
"""

# Each drawn chart: its figure's traces (type, mode, values) and the marks Plotly drew.
CHARTS_JS = """
() => Array.from(document.querySelectorAll('figure.chart')).map((figure) => {
  const plot = figure.querySelector('.chart-plot');
  const data = document.getElementById(plot.getAttribute('data-figure'));
  return {
    id: figure.id,
    drawn: !!plot.querySelector('svg.main-svg'),
    figure: data ? JSON.parse(data.content.textContent) : null,
    notes: Array.from(plot.querySelectorAll('.annotation-text')).map((t) => t.textContent),
  };
})
"""

ISO_DATE = re.compile(r"(?<![\d/-])\d{4}-\d{2}-\d{2}(?![\d/-])")
ISO_MONTH_CELL = re.compile(r"\n\s*\d{4}-\d{2}\s*(?:\n|$)")


@dataclass
class Visit:
    width: int
    page: str
    report: bool = False  # a report's living page or one of its editions: it has a summary
    figures: dict = field(default_factory=dict)
    text: str = ""
    summary: dict | None = None
    words: dict = field(default_factory=dict)
    charts: list = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def report_pages(page, base: str) -> set[str]:
    """The reports' living pages, from the start page's list of reports (whatever reports exist)."""
    page.goto(base, wait_until="load")
    links = page.eval_on_selector_all("#rapportlista a", "links => links.map(a => new URL(a.href).pathname)")
    base_path = re.sub(r"^https?://[^/]+", "", base)
    return {link.removeprefix(base_path) for link in links}


@pytest.fixture(scope="module")
def visits(browser, site_server, built_site) -> list[Visit]:
    found = []
    for width in WIDTHS:
        phone = width < 600
        context = browser.new_context(
            viewport={"width": width, "height": PHONE_HEIGHT if phone else DESKTOP_HEIGHT},
            is_mobile=phone, has_touch=phone, reduced_motion="reduce",
        )
        try:
            page = context.new_page()
            current: list[Visit] = []
            page.on("pageerror", lambda e: current[-1].errors.append(f"uncaught: {e}") if current else None)
            reports = report_pages(page, site_server)
            assert reports, "the start page lists no report"
            for path in site_pages(built_site):
                url = page_url_path(built_site, path)
                living = re.sub(r"utgavor/[^/]+/$", "", url)
                visit = Visit(width, url or "/", report=living in reports and url != living + "utgavor/")
                found.append(visit)
                current.append(visit)
                try:
                    page.goto(site_server + url, wait_until="load")
                    page.wait_for_timeout(50)
                    visit.summary = page.evaluate(SUMMARY_JS)  # before scrolling: the first screen
                    visit.figures = page.evaluate(CUT_FIGURES_JS)
                    visit.words = page.evaluate(BROKEN_WORDS_JS)
                    visit.text = page.evaluate(ARTICLE_TEXT_JS)
                    if missed := scroll_to_charts(page):
                        visit.errors.append(f"charts not drawn: {missed}")
                    visit.charts = page.evaluate(CHARTS_JS)
                    cut_after = page.evaluate(CUT_FIGURES_JS)["cut"]  # the charts' tables, after drawing
                    visit.figures["cut"] = sorted(set(visit.figures["cut"]) | set(cut_after))
                except Exception as exc:  # noqa: BLE001 — every page is still visited; the tests report it
                    visit.errors.append(f"visit stopped: {type(exc).__name__}: {exc}")
        finally:
            context.close()
    return found


def _fail_on(findings: dict[str, list[str]]) -> None:
    report = "\n".join(f"{where}:\n  " + "\n  ".join(map(str, items)) for where, items in findings.items() if items)
    if report:
        pytest.fail(report, pytrace=False)


def test_every_page_was_visited(visits, built_site):
    assert len(visits) == len(WIDTHS) * len(site_pages(built_site))
    assert any("/utgavor/" in v.page for v in visits), "no edition among the pages"
    _fail_on({f"{v.page} at {v.width} px": v.errors for v in visits})


def test_no_figure_is_cut_at_the_edge_of_its_box(visits):
    for width in WIDTHS:
        assert sum(v.figures.get("checked", 0) for v in visits if v.width == width) > 100, f"few figures at {width} px"
    _fail_on({f"{v.page} at {v.width} px": v.figures.get("cut", []) for v in visits})


def test_no_markdown_or_template_syntax_in_page_text(visits):
    assert all(v.text.strip() for v in visits)
    findings = {}
    for v in visits:
        if v.width in (WIDTHS[0], WIDTHS[-1]):  # the text is the same at every width
            text = v.text
            findings[f"{v.page} at {v.width} px"] = [
                f"{what}: «{' '.join(text[max(0, m.start() - 30):m.end() + 30].split())}»"
                for pattern, what in leaks.PATTERNS for m in pattern.finditer(text)
            ]
    _fail_on(findings)


def test_no_chart_is_isolated_points_and_missing_bars_are_marked(visits):
    charts = [(v, c) for v in visits for c in v.charts]
    assert charts, "no chart on any page"
    findings = {}
    marked = 0
    for v, chart in charts:
        out = findings.setdefault(f"{v.page} #{chart['id']} at {v.width} px", [])
        if not chart["drawn"]:
            out.append("not drawn")
        for trace in (chart["figure"] or {}).get("data", []):
            values = trace.get("x") if trace.get("orientation") == "h" else trace.get("y")
            present = [value is not None for value in values or []]
            if trace.get("type") == "scatter" and any(present):
                if not any(a and b for a, b in zip(present, present[1:])):
                    out.append(f"{trace['name']!r} is drawn as isolated points: {values}")
            if trace.get("type") == "bar" and not (trace.get("meta") or {}).get("part") and not all(present):
                if not any("uppgift saknas" in note for note in chart["notes"]):
                    out.append(f"{trace['name']!r} has a bar with no value and no 'uppgift saknas' in the chart")
                else:
                    marked += 1
    assert marked, "no chart with a missing bar was checked"
    _fail_on(findings)


def test_the_summary_comes_first_at_body_size(visits):
    reports = [v for v in visits if v.report]
    assert reports and any("/utgavor/" in v.page for v in reports), "no report or edition found"
    findings = {}
    for v in reports:
        out = findings.setdefault(f"{v.page} at {v.width} px", [])
        if v.summary is None:
            out.append("no summary (I korthet)")
            continue
        if v.summary["size"] < v.summary["body"]:
            out.append(f"the summary's text is {v.summary['size']} px, the body's {v.summary['body']} px")
        screen = PHONE_HEIGHT if v.width < 600 else DESKTOP_HEIGHT
        if v.summary["top"] > screen - 60:  # at least its title and first line on the first screen
            out.append(f"the summary starts at {v.summary['top']:.0f} px, below the first screen ({screen} px)")
    _fail_on(findings)


def test_no_word_is_broken_without_a_hyphen(visits):
    assert sum(v.words.get("checked", 0) for v in visits) > 1000
    _fail_on({f"{v.page} at {v.width} px": v.words.get("broken", []) for v in visits})


def test_no_iso_date_in_page_text(visits):
    assert any(re.search(r"\d{1,2} (januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december) \d{4}", v.text) for v in visits)
    findings = {}
    for v in visits:
        if v.width != WIDTHS[-1]:
            continue
        found = [m[0] for m in ISO_DATE.finditer(v.text)] + [m[0].strip() for m in ISO_MONTH_CELL.finditer(v.text)]
        findings[v.page] = found
    _fail_on(findings)
