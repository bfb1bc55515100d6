"""One browser visit per page and width of the tests' site, shared by every module that reads what a
page shows in Chromium (tests/webbplats/test_browser.py, test_phones.py, test_diagramdata.py,
tests/lasare/test_sidorna.py): a page is loaded once at the desktop's width and once for the three
phone widths (the tab resized between them, `visit_phones`), and every in-page probe runs on those
loads, so no module loads the site again for a check of its own.

`page_visits(width)` (a fixture in conftest.py) visits every page of `built_site` at that width once
per test run, in whichever worker asks first (conftest.once(); the result is pickled for the other
worker), and returns a `Visit` per page:

- at every width: the page's errors (uncaught, console, a visit that stopped), its width before and
  after the charts are drawn, figures cut at the edge of their box, words broken without a hyphen,
  the article's text, the summary's size and place on the first screen, each chart's figure and the
  boxes of its labels, and the start page's list of reports;
- at 1280 px (the desktop, VIEWPORT), also: the requests (failed, to other origins, scripts before and
  after load), each chart's state in the light and the dark scheme, axe-core's findings in both
  schemes (the charts' Tabell tab too), and each chart's figure JSON, table and CSV download as served.

Phones (WIDTHS[:3]) are held as a reader holds them: 740 px high, touch, a mobile viewport.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from conftest import page_url_path, scroll_to_charts, site_pages

PHONES = [320, 360, 390]
DESKTOP = 1280
WIDTHS = [*PHONES, DESKTOP]
PHONE_HEIGHT = 740
VIEWPORT = {"width": DESKTOP, "height": 900}  # wide enough for Material's sidebars (≥ 76.25em)
DRAW_TIMEOUT_MS = 10_000
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


# ---------------------------------------------------------------- JS probes

CHART_STATE_JS = """
() => {
  const opaque = (c) => c && c !== 'transparent' && !/^rgba\\(.*,\\s*0\\)$/.test(c);
  function background(el) {  // the colour actually behind an element
    for (let e = el; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      if (opaque(c)) return c;
    }
    return 'rgb(255, 255, 255)';
  }
  return Array.from(document.querySelectorAll('figure.chart')).map((fig) => {
    const plot = fig.querySelector('.chart-plot');
    const svg = plot && plot.querySelector('svg.main-svg');
    const texts = plot ? Array.from(plot.querySelectorAll('svg.main-svg text'))
      .filter((t) => t.textContent.trim() !== '')
      .map((t) => { const s = getComputedStyle(t); return [s.fill, s.fillOpacity, t.textContent.trim()]; }) : [];
    return {
      id: fig.id,
      plot: !!plot,
      svg: !!svg,
      traces: plot ? plot.querySelectorAll('.scatterlayer .trace, .barlayer .trace').length : 0,
      width: svg ? svg.getBoundingClientRect().width : 0,
      theme: plot ? plot.getAttribute('data-theme') : null,
      background: svg ? background(svg) : null,
      texts: texts,
    };
  });
}
"""

CHARTS_DRAWN_JS = """
() => Array.from(document.querySelectorAll('figure.chart')).every((fig) => {
  const plot = fig.querySelector('.chart-plot');
  return plot && plot.querySelector('svg.main-svg')
    && plot.querySelectorAll('.scatterlayer .trace, .barlayer .trace').length > 0;
})
"""

# On a phone: every chart drawn (charts.js marks it) into an svg.
PHONE_CHARTS_DRAWN_JS = """
() => Array.from(document.querySelectorAll('.chart-plot'))
  .every((p) => p.classList.contains('is-drawn') && p.querySelector('svg.main-svg'))
"""

# The figure JSON named by .chart-plot[data-figure]: a <template> (inert: Material's instant
# navigation re-creates every <script> in the content without its type or id, so a
# <script type="application/json"> would be run as JavaScript and lose its id), or any element's text.
FIGURE_JSON_JS = """
(id) => { const el = document.getElementById(id);
          return el ? (el.content ? el.content.textContent : el.textContent) : null; }
"""

TABLE_GRID_JS = """
(fig) => {
  const table = fig.querySelector('table');
  if (!table) return null;
  const clean = (cell) => {
    const copy = cell.cloneNode(true);
    copy.querySelectorAll('sup, .visually-hidden, .symbol').forEach((e) => e.remove());
    return copy.textContent.replace(/\\u00ad/g, '').replace(/\\s+$/, '').replace(/^\\s+/, '');  // without soft hyphens
  };
  const head = table.tHead ? Array.from(table.tHead.rows[table.tHead.rows.length - 1].cells).map(clean) : [];
  const rows = Array.from(table.tBodies).flatMap((b) => Array.from(b.rows)).map((tr) => ({
    label: tr.cells[0] && tr.cells[0].tagName === 'TH' ? clean(tr.cells[0]) : null,
    cells: Array.from(tr.cells).filter((c) => c.tagName === 'TD').map((c) => ({
      text: clean(c), missing: c.getAttribute('data-missing') === 'true',
    })),
  }));
  return { head: head, rows: rows };
}
"""

# Each chart's data as the page serves it: the figure JSON, the table alternative, the download link.
CHART_DATA_JS = """
() => {
  const grid = """ + TABLE_GRID_JS.strip() + """;
  return Array.from(document.querySelectorAll('figure.chart')).map((fig) => {
    const plot = fig.querySelector('.chart-plot');
    const dataId = plot ? plot.getAttribute('data-figure') : null;
    const el = dataId ? document.getElementById(dataId) : null;
    const links = fig.querySelectorAll('a.chart-download');
    return {
      id: fig.id, data_id: dataId,
      figure: el ? (el.content ? el.content.textContent : el.textContent) : null,
      grid: grid(fig),
      links: links.length,
      href: links.length === 1 ? links[0].getAttribute('href') : null,
      download_attribute: links.length === 1 && links[0].getAttribute('download') !== null,
    };
  });
}
"""

# plotly.js is fetched at idle once the page has loaded (or when a chart nears the screen), never with the page.
PLOTLY_BEFORE_LOAD_JS = r"""() => {
  const load = performance.getEntriesByType('navigation')[0].loadEventEnd;
  const plotly = performance.getEntriesByType('resource').find((r) => /plotly[^/]*\.js$/.test(r.name));
  return !!plotly && (!load || plotly.startTime < load);
}"""

FIRST_CHART_BELOW_JS = """
() => Math.min(Infinity, ...Array.from(document.querySelectorAll('.chart-plot'))
  .map((p) => p.getBoundingClientRect().top - window.innerHeight))
"""

# Per chart: the boxes of what must stay apart. Legend entries are their symbol and text
# (not Plotly's invisible click area); a tick label is its own text, also when rotated.
CHART_LABELS_JS = """
() => Array.from(document.querySelectorAll('figure.chart')).map((fig) => {
  const plot = fig.querySelector('.chart-plot');
  const svg = plot && plot.querySelector('svg.main-svg');
  const box = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const union = (boxes) => [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])),
                            Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
  const labels = [];
  if (svg) {
    for (const t of plot.querySelectorAll('.g-xtitle text, .g-ytitle text')) {
      if (t.textContent.trim()) labels.push({ kind: 'axis title', text: t.textContent.trim(), box: box(t) });
    }
    for (const axis of ['x', 'y']) {
      for (const t of plot.querySelectorAll(`.${axis}tick text`)) {
        const b = box(t);  // Plotly keeps a tick just past the range as an unrendered (0 × 0) text: not a label
        if (t.textContent.trim() && (b[2] > b[0] || b[3] > b[1])) labels.push({ kind: `${axis} tick`, text: t.textContent.trim(), box: b });
      }
    }
    for (const entry of plot.querySelectorAll('.legend .traces')) {
      const parts = Array.from(entry.querySelectorAll('.legendtext, .legendpoints')).map(box)
        .filter((b) => b[2] > b[0] || b[3] > b[1]);
      if (parts.length) labels.push({ kind: 'legend', text: entry.textContent.trim(), box: union(parts) });
    }
  }
  return { id: fig.id, drawn: !!svg, chart: svg ? box(svg) : null, labels: labels,
           figure: plot ? plot.getAttribute('data-figure') : null };
})
"""

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
  // A note mark (¹, r) beside what it marks: never drawn over the last letter or digit before it.
  found.marks = 0;
  found.covering = [];
  for (const mark of document.querySelectorAll('article td sup, article th sup')) {
    const r = mark.getBoundingClientRect();
    if (!r.width) continue;
    let shown = mark.previousSibling;  // what a reader sees before the mark (not text for screen readers)
    while (shown && ((shown.nodeType === 3 && !shown.textContent.trim()) || (shown.nodeType === 1 && (shown.matches('.visually-hidden, sup'))))) {
      shown = shown.previousSibling;
    }
    if (!shown) continue;
    const before = document.createRange();
    before.selectNodeContents(shown);
    const boxes = Array.from(before.getClientRects()).filter((b) => b.width > 0);
    const last = boxes[boxes.length - 1];
    if (!last) continue;
    found.marks += 1;
    if (r.bottom > last.top && r.top < last.bottom && r.left < last.right - 0.5) {
      found.covering.push(`${mark.parentElement.textContent.replace(/\u00ad/g, '').trim()} (märket ${mark.textContent.trim()})`);
    }
  }
  // A table shown as cards: every line a reader sees holds a value under its label, never a bare label.
  found.card_cells = 0;
  found.bare_labels = [];
  for (const cell of document.querySelectorAll('article table[data-stacked] td')) {
    if (!cell.getBoundingClientRect().height) continue;
    found.card_cells += 1;
    if (!cell.textContent.replace(/\u00ad/g, '').trim()) {
      const row = cell.closest('tr').querySelector('th, td');
      found.bare_labels.push(`${row ? row.textContent.replace(/\u00ad/g, '').trim() : ''}: «${cell.getAttribute('data-label')}» utan värde`);
    }
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

REPORT_LINKS_JS = "() => Array.from(document.querySelectorAll('#rapportlista a')).map((a) => new URL(a.href).pathname)"


# ---------------------------------------------------------------- one page at one width


@dataclass
class Visit:
    width: int
    page: str  # the path a reader sees below the site's address, "/" for the start page
    url: str = ""
    problems: list[str] = field(default_factory=list)  # anything that stopped the visit or the drawing
    console_errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    failed_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    report_links: list[str] = field(default_factory=list)  # the start page's list of reports (site paths)
    report: bool = False  # a report's living page or one of its editions (set by lasare/test_sidorna.py)
    # What a reader sees (lasare/test_sidorna.py)
    figures: dict = field(default_factory=dict)  # figures in tables: checked, cut; note marks: marks, covering
    text: str = ""
    summary: dict | None = None
    words: dict = field(default_factory=dict)
    charts: list = field(default_factory=list)  # each chart's figure and notes, once drawn
    # On a phone (webbplats/test_phones.py), and at every width
    document_width_at_load: int = 0
    document_width: int = 0  # after the charts are drawn
    labels: list[dict] = field(default_factory=list)  # each chart's label boxes
    value_axes: dict[str, str] = field(default_factory=dict)  # chart id → "x" or "y"
    # On the desktop only (webbplats/test_browser.py, test_diagramdata.py)
    charts_light: list[dict] = field(default_factory=list)
    charts_dark: list[dict] = field(default_factory=list)
    body_scheme_dark: str | None = None
    axe: dict[str, list[dict]] = field(default_factory=dict)  # scheme/tab → violations
    has_charts: bool = False
    first_chart_below: float = 0.0  # px from the bottom of the first screen to the first chart
    scripts_at_load: list[str] = field(default_factory=list)  # script files requested until `load`
    plotly_before_load: bool = False  # plotly.js requested before the page's load event ended
    scripts: list[str] = field(default_factory=list)  # … and after scrolling through the page
    chart_data: list[dict] = field(default_factory=list)  # figure JSON, table, download as served

    @property
    def errors(self) -> list[str]:
        return self.problems + self.console_errors


def open_context(browser, base_url: str, width: int = DESKTOP):
    """A fresh context (own localStorage, light scheme) that refuses, and records, other origins;
    a phone's at a phone's width. Returns the context and what it records (the lists may be
    replaced between pages: the listeners look them up when called)."""
    phone = width < 600
    context = browser.new_context(
        viewport={"width": width, "height": PHONE_HEIGHT} if phone else VIEWPORT,
        is_mobile=phone, has_touch=phone, color_scheme="light", reduced_motion="reduce",
    )
    record = {"console": [], "failed": [], "foreign": [], "scripts": []}

    def foreign(route):
        record["foreign"].append(route.request.url)
        route.abort("blockedbyclient")

    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(base_url))
    # A pattern, not a Python function: the browser's side matches it, so only other origins'
    # requests make the round trip to Python.
    context.route(re.compile(r"^(?!" + re.escape(origin) + r"|data:|blob:)"), foreign)
    context.on("console", lambda m: record["console"].append(f"{m.text} ({m.location.get('url', '')})") if m.type == "error" else None)
    context.on("weberror", lambda e: record["console"].append(f"uncaught: {e.error}"))
    context.on("requestfailed", lambda r: record["failed"].append(f"{r.url}: {r.failure}") if r.url.startswith(origin) else None)
    context.on("response", lambda r: record["failed"].append(f"{r.url}: HTTP {r.status}") if r.status >= 400 else None)
    context.on("request", lambda r: record["scripts"].append(urlsplit(r.url).path.rsplit("/", 1)[-1]) if r.resource_type == "script" else None)
    return context, record


def wait_drawn(page) -> str | None:
    """Scroll to every chart as a reader would (they are drawn as they near the screen) and wait
    until each is drawn; None, or what went wrong."""
    try:
        if missed := scroll_to_charts(page, DRAW_TIMEOUT_MS):
            return f"not drawn within {DRAW_TIMEOUT_MS} ms of scrolling to it: {missed}"
        page.wait_for_function(CHARTS_DRAWN_JS, timeout=DRAW_TIMEOUT_MS)
        return None
    except Exception as exc:  # noqa: BLE001 - reported as a finding, the state shows what is missing
        return f"charts not drawn within {DRAW_TIMEOUT_MS} ms of scrolling to them: {type(exc).__name__}"


def toggle_scheme(page, want: str) -> None:
    """Click Material's palette toggle (the visible label) until body has data-md-color-scheme=want."""
    for _ in range(3):
        if page.evaluate("document.body.getAttribute('data-md-color-scheme')") == want:
            return
        page.locator("form[data-palette-toggle] label:not([hidden])").first.click()
        page.wait_for_timeout(50)
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{want}'", timeout=5_000)


def wait_themed(page, theme: str) -> None:
    """Wait for every chart to carry data-theme=theme; on time-out the recorded state says which did not."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(
            "(t) => Array.from(document.querySelectorAll('.chart-plot')).every((p) => p.getAttribute('data-theme') === t)",
            arg=theme, timeout=5_000,
        )
        page.wait_for_timeout(100)  # let Plotly finish the redraw it started


def show_tab(page, label: str) -> None:
    for el in page.locator(f"figure.chart .tabbed-labels label:text-is('{label}')").all():
        el.click()


@functools.cache
def _axe_script() -> str:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


def axe(page, context=None) -> list[dict]:
    """axe-core's WCAG 2.1 A and AA violations on the page, or only in `context` (axe's include).
    axe-core is put in the page once per page load, not once per run (half a megabyte of script)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_script())
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    return page.evaluate("([context, options]) => axe.run(context || document, options).then((r) => r.violations)", [context, options])


def _read_reader_view(page, visit: Visit) -> None:
    """Before scrolling: the first screen's summary, figures cut at an edge, broken words, the text."""
    visit.summary = page.evaluate(SUMMARY_JS)
    visit.figures = page.evaluate(CUT_FIGURES_JS)
    visit.words = page.evaluate(BROKEN_WORDS_JS)
    visit.text = page.evaluate(ARTICLE_TEXT_JS)


def _read_drawn(page, visit: Visit) -> None:
    """Once the charts are drawn: their figures and label boxes, the page's width, figures cut now."""
    visit.document_width = page.evaluate("document.documentElement.scrollWidth")
    visit.charts = page.evaluate(CHARTS_JS)
    visit.labels = page.evaluate(CHART_LABELS_JS)
    visit.value_axes = {
        chart["id"]: "x" if any(t.get("orientation") == "h" for t in (chart["figure"] or {}).get("data", [])) else "y"
        for chart in visit.charts
    }
    after = page.evaluate(CUT_FIGURES_JS)  # the charts' tables, after drawing
    for found in ("cut", "covering"):
        visit.figures[found] = sorted(set(visit.figures.get(found, [])) | set(after[found]))


def _visit_phone(page, visit: Visit) -> None:
    visit.document_width_at_load = page.evaluate("document.documentElement.scrollWidth")
    page.wait_for_timeout(50)
    _read_reader_view(page, visit)
    if missed := scroll_to_charts(page, DRAW_TIMEOUT_MS):
        visit.problems.append(f"not drawn within {DRAW_TIMEOUT_MS} ms of scrolling to it: {missed}")
    page.wait_for_function(PHONE_CHARTS_DRAWN_JS, timeout=DRAW_TIMEOUT_MS)
    _read_drawn(page, visit)


def _visit_desktop(page, visit: Visit, record: dict) -> None:
    page.wait_for_timeout(200)  # what loads on its own, before the reader scrolls
    visit.scripts_at_load = list(record["scripts"])
    visit.plotly_before_load = page.evaluate(PLOTLY_BEFORE_LOAD_JS)
    visit.has_charts = page.locator("figure.chart").count() > 0
    visit.first_chart_below = page.evaluate(FIRST_CHART_BELOW_JS)
    visit.document_width_at_load = page.evaluate("document.documentElement.scrollWidth")
    _read_reader_view(page, visit)
    if problem := wait_drawn(page):
        visit.problems.append(problem)
    _read_drawn(page, visit)
    visit.chart_data = page.evaluate(CHART_DATA_JS)
    for chart in visit.chart_data:  # the CSV as the server sends it, from the link as built (a direct load)
        if chart["href"]:
            with urllib.request.urlopen(urljoin(page.url, chart["href"]), timeout=10) as response:
                chart["csv"] = response.read()
    visit.charts_light = page.evaluate(CHART_STATE_JS)
    visit.axe["ljust, Diagram"] = axe(page)
    toggle_scheme(page, "slate")
    visit.body_scheme_dark = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    wait_themed(page, "dark")
    visit.charts_dark = page.evaluate(CHART_STATE_JS)
    visit.axe["mörkt, Diagram"] = axe(page)
    if visit.charts_light:
        # Only the charts change when their Tabell tab is shown: axe looks there again.
        show_tab(page, "Tabell")
        visit.axe["mörkt, Tabell"] = axe(page, {"include": ["figure.chart"]})
        toggle_scheme(page, "default")
        visit.axe["ljust, Tabell"] = axe(page, {"include": ["figure.chart"]})
    page.wait_for_load_state("networkidle")


def visit_site(browser, site_server: str, built_site: Path, width: int) -> list[Visit]:
    """Every page of the built site at `width`, one after another in one tab, as a reader goes from
    page to page (a new tab would start a new renderer process for each page, doubling a visit's
    cost). Between pages the tab's storage is cleared, so each page starts as on a first visit: in
    the light scheme, on each chart's Diagram tab (content.tabs.link keeps a chosen tab in
    localStorage)."""
    found = []
    context, record = open_context(browser, site_server, width)
    page = None
    try:
        for path in site_pages(built_site):
            url_path = page_url_path(built_site, path)
            visit = Visit(width, url_path or "/", site_server + url_path)
            found.append(visit)
            for key in record:
                record[key] = []
            try:
                page = page or context.new_page()
                page.goto(visit.url, wait_until="load")
                if not url_path:
                    visit.report_links = page.evaluate(REPORT_LINKS_JS)
                if width < 600:
                    _visit_phone(page, visit)
                else:
                    _visit_desktop(page, visit, record)
                page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
            except Exception as exc:  # noqa: BLE001 - every page is still visited, in a new tab; the tests report it
                visit.problems.append(f"visit stopped: {type(exc).__name__}: {exc}")
                with contextlib.suppress(Exception):
                    page.close()
                page = None
            visit.console_errors, visit.failed_requests, visit.foreign_requests = record["console"], record["failed"], record["foreign"]
            visit.scripts = record["scripts"]
    finally:
        context.close()
    return found


# A resize as the page sees it: site.js fits its tables 100 ms and charts.js redraws its drawn charts
# 150 ms after the last resize event (both debounced); `window.__resized` resolves 200 ms after it,
# so after both (timers run in the order they end), or says that no resize event came.
ARM_RESIZE_JS = """
() => {
  window.__resized = new Promise((resolve) => {
    let timer = null;
    window.addEventListener('resize', () => { clearTimeout(timer); timer = setTimeout(() => resolve(true), 200); });
    setTimeout(() => { if (timer === null) resolve(false); }, 10000);
  });
}
"""

# Every drawn chart drawn again for its element's width (charts.js's refit: within 4 px).
CHARTS_FITTED_JS = """
() => Array.from(document.querySelectorAll('.chart-plot.is-drawn')).every((p) =>
  Math.abs(Number(p.getAttribute('data-width')) - Math.round(p.getBoundingClientRect().width)) <= 4)
"""


# A drawn chart made undrawn, as on a page just loaded: Plotly's state and drawing removed, and
# charts.js's marks of a drawing (is-drawn, the width and scheme drawn for), so that the next drawing
# is a first one (Plotly.react into an empty element, as on a load) and a resize draws nothing.
UNDRAW_CHARTS_JS = """
() => {
  for (const plot of document.querySelectorAll('.chart-plot.is-drawn')) {
    window.Plotly.purge(plot);
    plot.classList.remove('is-drawn');
    plot.removeAttribute('data-width');
    plot.removeAttribute('data-theme');
  }
}
"""

# Every chart drawn by charts.js (siteCharts.drawAll: each one's first drawing, one per task).
DRAW_ALL_JS = "() => window.siteCharts ? window.siteCharts.drawAll().then(() => true) : false"


def _resize(page, width: int) -> None:
    """The tab's viewport made `width` px wide (a phone's height), and waited for until the page has
    handled it: the tables fitted (site.js), any drawn chart drawn again for the new width (charts.js)."""
    page.evaluate(ARM_RESIZE_JS)
    page.set_viewport_size({"width": width, "height": PHONE_HEIGHT})
    if not page.evaluate("() => window.__resized"):
        raise RuntimeError(f"no resize event within 10 s of setting the width to {width} px")
    page.wait_for_function(CHARTS_FITTED_JS, timeout=DRAW_TIMEOUT_MS)


def _read_phone_at_load(page, visit: Visit) -> None:
    visit.document_width_at_load = page.evaluate("document.documentElement.scrollWidth")
    page.wait_for_timeout(50)
    _read_reader_view(page, visit)


def visit_phones(browser, site_server: str, built_site: Path, widths: list[int] = PHONES) -> dict[int, list[Visit]]:
    """Every page of the built site at each phone width, with one load per page: the widths are the
    same tab resized (a page load is about half of a phone visit's CPU). A page is loaded at the
    narrowest width; before it is scrolled (what a reader sees as the page has loaded) it is read at
    each width from the narrowest up, resized between them; then, from the widest down, its charts
    are drawn at each width for the first time and the drawn page is read: at the widest by
    scrolling to each chart, as on a load; at the others by charts.js's own drawAll() after every
    chart was made undrawn again (Plotly's state purged, charts.js's marks removed) and the tab
    resized.

    Why a resized page is read as the page loaded at that width would be: the layout and the media
    queries are the browser's again for the new width; site.js lays out its tables again at every
    resize (as cards when wider than their box), and `_resize` waits until it has; each chart is
    drawn once at the width it is read at, into an empty element, by the same charts.js draw() a
    load uses (a chart drawn again by Plotly.react over an earlier drawing, as charts.js does when
    a reader's window is resized, placed a legend 8 px higher than a first drawing: that is why
    they are made undrawn first). Compared with a load per page and width on the tests' site (21
    pages, 63 visits), every field of every visit was the same but the failed requests (not read at
    phone widths: a page left while the search's language file loads) and one axis title's box,
    0.001 px lower (Plotly keeps the text sizes it measured). The cells' column names site.js
    writes (data-label) stay, as they do when a reader's phone turns; CSS reads them only in a
    table laid out as cards (data-stacked), which is decided again at every width.
    Errors, failed and foreign requests of the page's load and its reading are every width's.
    Phones share a context's settings (a mobile viewport, touch, 740 px high); the desktop has its
    own (`visit_site`)."""
    widths = sorted(widths)
    found: dict[int, list[Visit]] = {width: [] for width in widths}
    context, record = open_context(browser, site_server, widths[0])
    page = None
    try:
        for path in site_pages(built_site):
            url_path = page_url_path(built_site, path)
            visits = {width: Visit(width, url_path or "/", site_server + url_path) for width in widths}
            for width, visit in visits.items():
                found[width].append(visit)
            for key in record:
                record[key] = []
            try:
                if page is None:
                    page = context.new_page()
                elif page.viewport_size["width"] != widths[0]:
                    page.set_viewport_size({"width": widths[0], "height": PHONE_HEIGHT})
                page.goto(visits[widths[0]].url, wait_until="load")
                for number, width in enumerate(widths):
                    if number:
                        _resize(page, width)
                    if not url_path:
                        visits[width].report_links = page.evaluate(REPORT_LINKS_JS)
                    _read_phone_at_load(page, visits[width])
                # The widest first, its charts drawn by scrolling to them, as on a load. A chart
                # drawn while the page was read at a narrower width (near the first screen, without
                # scrolling) was drawn again over itself as the tab widened: then every chart is
                # drawn anew, a first drawing at this width.
                early = page.evaluate("() => document.querySelectorAll('.chart-plot.is-drawn').length")
                if missed := scroll_to_charts(page, DRAW_TIMEOUT_MS):
                    for visit in visits.values():
                        visit.problems.append(f"not drawn within {DRAW_TIMEOUT_MS} ms of scrolling to it: {missed}")
                page.wait_for_function(PHONE_CHARTS_DRAWN_JS, timeout=DRAW_TIMEOUT_MS)
                if early:
                    page.evaluate(UNDRAW_CHARTS_JS)
                    page.evaluate(DRAW_ALL_JS)
                    page.wait_for_function(PHONE_CHARTS_DRAWN_JS, timeout=DRAW_TIMEOUT_MS)
                _read_drawn(page, visits[widths[-1]])
                for width in reversed(widths[:-1]):  # each narrower width: every chart's first drawing at it
                    page.evaluate(UNDRAW_CHARTS_JS)
                    _resize(page, width)
                    page.evaluate(DRAW_ALL_JS)
                    page.wait_for_function(PHONE_CHARTS_DRAWN_JS, timeout=DRAW_TIMEOUT_MS)
                    _read_drawn(page, visits[width])
                page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
            except Exception as exc:  # noqa: BLE001 - every page is still visited, in a new tab; the tests report it
                for visit in visits.values():
                    visit.problems.append(f"visit stopped: {type(exc).__name__}: {exc}")
                with contextlib.suppress(Exception):
                    page.close()
                page = None
            for visit in visits.values():
                visit.console_errors, visit.failed_requests = list(record["console"]), list(record["failed"])
                visit.foreign_requests, visit.scripts = list(record["foreign"]), list(record["scripts"])
    finally:
        context.close()
    return found


def report_pages(visits: list[Visit]) -> set[str]:
    """The reports' living pages (site paths, `astorp/`), from the start page's list of reports."""
    return {link.removeprefix(urlsplit(v.url).path) for v in visits if v.page == "/" for link in v.report_links}


def figure_json(chart: dict) -> dict | None:
    return json.loads(chart["figure"]) if chart.get("figure") else None
