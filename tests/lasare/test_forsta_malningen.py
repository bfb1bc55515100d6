"""The first thing a phone paints of a report is the report: its title and key message, not the
header alone with the text a moment later. On a slow phone (4× CPU slowdown) the header used to be
painted first and the text only after Material's script had run; the page now holds its first paint
until its text is parsed (`<link rel="expect" blocking="render">` in overrides/main.html), never
until a script is downloaded. Checked on every report the start page lists and its newest edition.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

# Every candidate for the largest contentful paint, in order, with the element it was (buffered, so
# read after load), and the first contentful paint's time.
PAINTS_JS = """
() => new Promise(done => {
  const seen = [];
  new PerformanceObserver(list => {
    for (const e of list.getEntries())
      seen.push({ time: e.startTime, in_article: !!(e.element && e.element.closest('article')),
                  what: e.element ? e.element.tagName + ' ' + (e.element.textContent || '').trim().slice(0, 40) : '?' });
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  setTimeout(() => done({ fcp: fcp ? fcp.startTime : null, lcp: seen }), 50);
})
"""


def test_the_first_paint_shows_the_report_not_the_header_alone(browser, site_server):
    context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75, is_mobile=True)
    findings, checked = [], []
    try:
        page = context.new_page()
        page.goto(site_server, wait_until="load")
        base = re.sub(r"^https?://[^/]+", "", site_server)
        reports = sorted({link.removeprefix(base) for link in page.eval_on_selector_all(
            "#rapportlista a", "links => links.map(a => new URL(a.href).pathname)")})
        assert reports, "the start page lists no report"
        pages = list(reports)
        for report in reports:
            page.goto(site_server + report + "utgavor/", wait_until="load")
            newest = page.eval_on_selector_all(
                "article a", "links => links.map(a => new URL(a.href).pathname).filter(p => /\\/utgavor\\/[^/]+\\/$/.test(p))")
            if newest:
                pages.append(newest[0].removeprefix(base))
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})  # a slow phone: the header-first paint showed here
        for url in pages:
            page.goto(site_server + url, wait_until="load")
            paints = page.evaluate(PAINTS_JS)
            checked.append(url)
            first = paints["lcp"][0] if paints["lcp"] else None
            if first is None or not first["in_article"]:
                findings.append(f"{url}: the first paint shows {first['what'] if first else 'nothing'!r}, not the report's text")
            elif paints["fcp"] is None or abs(first["time"] - paints["fcp"]) > 1:
                findings.append(f"{url}: the report's text is painted at {first['time']:.0f} ms, after a first paint at {paints['fcp']} ms")
    finally:
        context.close()
    assert len(checked) > len(reports), f"no edition was checked: {checked}"
    assert not findings, "\n".join(findings)
