"""What a reader downloads and waits for, in headless Chromium against the site served as
GitHub Pages serves it (gzip, Cache-Control max-age=600; see macros/pages/local_browser.py).

- `every_page`: each page of a built site in a fresh browser (empty cache), read to the
  end (every chart scrolled into view, so charts drawn lazily are counted too): gzip bytes
  and requests, whether it has charts, and which chart code it loaded; and on a page with
  charts, a second first visit at a reader's pace: how long each chart takes to be drawn
  after it enters the view (a chart on the first screen: after the first paint);
- `synthetic`: on a six-chart report page of the synthetic site, the first visit, a
  second page with a warm cache, and the time until every chart is drawn (median of
  several cold and warm loads).
"""

from __future__ import annotations

import re
import statistics

from macros.pages.local_browser import launch
from macros.pages.local_browser import SiteServer

# Chart code: the plotly bundle, the chart theme and our chart script. A page without a chart loads none of it.
CHART_CODE = re.compile(r"plotly[^/]*\.js$|chart-theme\.js$|charts\.js$")
CHARTS = ".chart-plot"

# Records when each chart holds Plotly's SVG (charts may be drawn on load or when scrolled near).
DRAWN_JS = """
(() => {
  window.__drawn = [];
  const look = () => {
    if (document.readyState === "loading") return;
    const plots = document.querySelectorAll(%r);
    const drawn = [...plots].filter(p => p.querySelector("svg.main-svg")).length;
    while (window.__drawn.length < drawn) window.__drawn.push(performance.now());
  };
  new MutationObserver(look).observe(document, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", look);
})();
""" % CHARTS
READ_ALL_JS = """async (selector) => {
  // Scroll every chart into view in turn, as a reader reading to the end, until each is drawn.
  for (const plot of document.querySelectorAll(selector)) {
    plot.scrollIntoView({ block: "center" });
    const start = performance.now();
    while (!plot.querySelector("svg.main-svg")) {
      if (performance.now() - start > 30000) return false;
      await new Promise(r => setTimeout(r, 10));
    }
  }
  return true;
}"""
TIMES_JS = """() => {
  const n = performance.getEntriesByType("navigation")[0];
  return { drawn: window.__drawn, charts: document.querySelectorAll(%r).length,
           dcl: n.domContentLoadedEventEnd, load: n.loadEventStart };
}""" % CHARTS


# A reader's pace on a first visit: the first screen is read for READ_FIRST_SCREEN_MS, then the
# page is scrolled with the mouse wheel at SCROLL_PX_PER_S (a brisk reader) to its end. Per
# chart: the time from entering the view (IntersectionObserver, no margin) until it holds
# Plotly's SVG; 0 if it was drawn before it came into view.
READ_FIRST_SCREEN_MS = 1500
SCROLL_STEP_PX, SCROLL_STEP_MS = 100, 50  # 2 000 px/s
MARK_JS = """
(() => {
  window.__charts = new Map();
  const seen = new IntersectionObserver(entries => entries.forEach(e => {
    const times = window.__charts.get(e.target);
    if (e.isIntersecting && times.entered === undefined) times.entered = e.time;
  }));
  const look = () => document.querySelectorAll(%r).forEach(plot => {
    if (!window.__charts.has(plot)) { window.__charts.set(plot, {}); seen.observe(plot); }
    const times = window.__charts.get(plot);
    if (times.drawn === undefined && plot.querySelector("svg.main-svg")) times.drawn = performance.now();
  });
  new MutationObserver(look).observe(document, { childList: true, subtree: true });
})();
""" % CHARTS
AT_END_JS = "() => scrollY + innerHeight >= document.documentElement.scrollHeight - 2"
ALL_DRAWN_JS = "() => [...window.__charts.values()].every(t => t.drawn !== undefined)"
IN_VIEW_MS_JS = "() => [...window.__charts.values()].map(t => Math.max(0, t.drawn - t.entered))"


READER_SCREENS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 720}}


def drawn_after_entering_view(browser, url: str, screen: dict) -> list[float]:
    """A first visit at a reader's pace: ms from each chart entering the view until it is drawn."""
    context = browser.new_context(viewport=screen)
    context.add_init_script(MARK_JS)
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_timeout(READ_FIRST_SCREEN_MS)
    page.mouse.move(page.viewport_size["width"] / 2, page.viewport_size["height"] / 2)
    while not page.evaluate(AT_END_JS):
        page.mouse.wheel(0, SCROLL_STEP_PX)
        page.wait_for_timeout(SCROLL_STEP_MS)
    page.wait_for_function(ALL_DRAWN_JS, timeout=30000)
    times = page.evaluate(IN_VIEW_MS_JS)
    context.close()
    return times


def tally(log: list, base_path: str) -> dict:
    log = [(path.removeprefix(base_path.rstrip("/")), status, size) for path, status, size in log]
    biggest = sorted(log, key=lambda r: -r[2])[:6]
    return {
        "bytes": sum(size for _, _, size in log),
        "requests": len(log),
        "biggest": biggest,
        "chart_code": sorted({path.rsplit("/", 1)[-1] for path, _, _ in log if CHART_CODE.search(path)}),
    }


def read_to_end(page, url: str) -> dict:
    """Load, read to the end (every chart drawn), wait for the network to rest → times."""
    page.goto(url, wait_until="load")
    if not page.evaluate(READ_ALL_JS, CHARTS):
        raise RuntimeError(f"{url}: a chart was not drawn within 30 s")
    page.wait_for_load_state("networkidle")
    return page.evaluate(TIMES_JS)


def every_page(site, base_path: str, pages: list[str]) -> dict:
    """Per page of a built site: a first visit in a fresh context, read to the end."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    out, errors = {}, []
    with SiteServer(site, base_path, gzip=True) as server, sync_playwright() as pw:
        browser = launch(pw)
        for path in pages:
            context = browser.new_context()
            context.add_init_script(DRAWN_JS)
            page = context.new_page()
            page.on("pageerror", lambda e, path=path: errors.append(f"/{path}: {e}"))
            server.take_log()
            times = read_to_end(page, server.url + path)
            context.close()
            out[path] = {**tally(server.take_log(), base_path), "charts": times["charts"]}
            if times["charts"]:
                out[path]["in_view_drawn_ms"] = {
                    name: [round(t) for t in drawn_after_entering_view(browser, server.url + path, screen)]
                    for name, screen in READER_SCREENS.items()
                }
        version = browser.version
        browser.close()
    return {"chromium": version, "pages": out, "js_errors": errors[:5]}


def synthetic(site, base_path: str, first: str, second: str, loads: int) -> dict:
    """A six-chart page: first visit, second page with a warm cache, time until every chart is drawn."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    errors: list[str] = []
    with SiteServer(site, base_path, gzip=True) as server, sync_playwright() as pw:
        browser = launch(pw)

        def fresh_page(context):
            context.add_init_script(DRAWN_JS)
            page = context.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            return page

        context = browser.new_context()
        page = fresh_page(context)
        server.take_log()
        read_to_end(page, server.url + first)
        first_weight = tally(server.take_log(), base_path)
        read_to_end(page, server.url + second)
        second_weight = tally(server.take_log(), base_path)
        context.close()
        cold = []
        for _ in range(loads):  # a fresh context each time: empty cache
            context = browser.new_context()
            cold.append(read_to_end(fresh_page(context), server.url + first))
            context.close()
        context = browser.new_context()
        page = fresh_page(context)
        read_to_end(page, server.url + first)
        warm = [read_to_end(page, server.url + first) for _ in range(loads)]  # the same context: warm cache
        context.close()
        version = browser.version
        browser.close()
    return {
        "chromium": version,
        "charts": cold[0]["charts"],
        "first": first_weight,
        "second": second_weight,
        "cold_first_drawn_ms": statistics.median(r["drawn"][0] for r in cold),
        "cold_drawn_ms": statistics.median(r["drawn"][-1] for r in cold),
        "cold_dcl_ms": statistics.median(r["dcl"] for r in cold),
        "cold_load_ms": statistics.median(r["load"] for r in cold),
        "warm_drawn_ms": statistics.median(r["drawn"][-1] for r in warm),
        "cold_runs": [round(r["drawn"][-1]) for r in cold],
        "loads": loads,
        "js_errors": errors[:5],
    }
