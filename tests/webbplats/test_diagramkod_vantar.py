"""plotly.js on a chart page: downloaded once the page has loaded, run only when the reader acts.

Running plotly.js is one long task (seconds on a slow phone): run at load it blocks the page
(Lighthouse's total blocking time), fetched only at the first chart it makes the reader wait for
the download. So docs/assets/charts.js prefetches it at idle and runs it at the reader's first
scroll, touch, mouse move or key, or when a chart nears the screen. Checked in Debian's chromium on
every chart page whose first chart is below the first screen, at the desktop's size.
"""

from __future__ import annotations

import pytest

from .test_browser import _chart_pages, _open, browser_test

IDLE_MS = 2500  # load, then the idle callback (its timeout is 3 s) and the prefetch
FIRST_CHART_JS = """() => {
  const plot = document.querySelector('.chart-plot[data-figure]');
  return plot ? plot.getBoundingClientRect().top - innerHeight : null;
}"""
NEAR_PX = 200  # charts.js's NEAR: a chart this close to the screen is drawn at once


@browser_test
def test_plotly_is_prefetched_at_idle_and_run_when_the_reader_acts(browser, site_server, built_site):
    findings: list[str] = []
    context, record = _open(browser, site_server)
    tabs = []  # every chart page at once, each in a tab of its own (no mouse over it yet): one wait for all
    for target in _chart_pages(built_site):
        page = context.new_page()
        fetched: list[str] = []
        page.on("request", lambda request, fetched=fetched: fetched.append(request.url))
        page.goto(site_server + target, wait_until="load")
        below = page.evaluate(FIRST_CHART_JS)
        if below is None or below < NEAR_PX + 100:
            page.close()  # a chart near the first screen is drawn at load, as it should be
        else:
            tabs.append((target, page, fetched))
    if not tabs:
        pytest.fail("Ingen diagramsida har sitt första diagram under första skärmen, så testet kontrollerade ingenting.",
                    pytrace=False)
    tabs[-1][1].wait_for_timeout(IDLE_MS)
    for target, page, fetched in tabs:
        if not any(url.endswith("plotly-site.min.js") for url in fetched):
            findings.append(f"{target}: plotly-site.min.js was not downloaded at idle")
        if page.evaluate("() => 'Plotly' in window"):
            findings.append(f"{target}: plotly.js ran before the reader did anything")
        page.bring_to_front()
        page.mouse.move(400, 300)  # the reader's first act
        try:
            page.wait_for_function("() => 'Plotly' in window", timeout=10000)
        except Exception:  # noqa: BLE001 - a timeout is the finding
            findings.append(f"{target}: plotly.js did not run after the reader moved the mouse")
    context.close()
    assert not findings, "\n".join(findings)
