"""Charts survive Material's instant navigation: every chart page reached by a click from another page,
left and reached again, in Debian's chromium (helpers in test_browser.py)."""

from __future__ import annotations

import contextlib
import json
from urllib.parse import urljoin

import pytest
from conftest import page_url_path, site_pages
from .test_browser import (
    CHART_STATE_JS,
    PICK_LINK_JS,
    _chart_pages,
    _chart_problems,
    _fail_on,
    _open,
    _soup,
    _title,
    _wait_drawn,
    browser_test,
)


def _links_to(built_site, page: str, target: str) -> bool:
    """Whether the built page has a link in its text or its (pruned) nav that leads to `target`."""
    base = f"https://x/{page}"
    return any(
        urljoin(base, a["href"]).split("#")[0] == f"https://x/{target}"
        for a in _soup(built_site / page / "index.html" if page else built_site / "index.html").select(
            ".md-content a[href], .md-nav a[href]")
    )


def _start_for(built_site, target: str) -> str:
    """Where a reader clicks on to `target` from: the start page when it links there (a report in the
    nav's first level, or listed on it), else the first page that does (a page in a nested section,
    which the pruned nav of the start page does not show), one without charts first: a chart page
    prefetches plotly.js at idle, which leaving it cuts off."""
    if target and _links_to(built_site, "", target):
        return ""
    charts = set(_chart_pages(built_site))
    pages = sorted((page_url_path(built_site, p) for p in site_pages(built_site)), key=lambda p: p in charts)
    return next(p for p in pages if p != target and "/utgavor/" not in p and _links_to(built_site, p, target))


@browser_test
def test_charts_redraw_after_instant_navigation(browser, site_server, built_site):
    """Arrive at each chart page by clicking a link on another page (a page load, or with
    navigation.instant Material swaps the page without loading it: charts must be drawn from
    document$), then leave and come back.
    Editions (`…/utgavor/…/`) are left out: they are not in the sitemap, so a link to one
    loads the page, and their charts are checked on load by the other tests."""
    targets = [t for t in _chart_pages(built_site) if "/utgavor/" not in t]
    if not targets:
        pytest.fail("Ingen sida på webbplatsen har ett diagram, så testet kontrollerade ingenting.", pytrace=False)
    config = json.loads(_soup(built_site / "index.html").find(id="__config").get_text())
    instant = "navigation.instant" in config.get("features", [])
    findings: dict[str, list[str]] = {}
    # One tab for every round trip (a new tab starts a renderer of its own), its storage cleared between them.
    context, record = _open(browser, site_server)
    page = context.new_page()
    for target in targets:
        out = findings.setdefault(target or "/", [])
        start = _start_for(built_site, target)
        for key in record:
            record[key] = []
        try:
            page.goto(site_server + start, wait_until="networkidle")
            page.evaluate("window.__notReloaded = true")
            for hop, (here, there) in enumerate(
                [(start, target), (target, start), (start, target)], start=1
            ):
                # The reader reads before clicking on: a request still under way when a page is
                # left (the search index's language file) is cut off by any browser, not a fault.
                page.wait_for_load_state("networkidle")
                found = page.evaluate(PICK_LINK_JS, site_server + there)
                if not found:
                    out.append(f"hop {hop}: no visible link from /{here} to /{there}")
                    break
                page.locator("a[data-test-hop]").click()
                page.wait_for_url(site_server + there, timeout=10_000)
                # The URL changes before Material swaps the content: wait for the new page's title.
                page.wait_for_function(
                    "(t) => document.title === t", arg=_title(built_site, there), timeout=10_000
                )
                if there == target:
                    problem = _wait_drawn(page)
                    if problem:
                        out.append(f"hop {hop} (/{here} → /{there}): {problem}")
                    out += [
                        f"hop {hop}: {m}" for m in _chart_problems(page.evaluate(CHART_STATE_JS))
                    ]
                    if problem:
                        break  # one failed arrival says it; the next would only wait as long again
            if instant and not page.evaluate("window.__notReloaded === true"):
                out.append("the page was reloaded: navigation.instant did not handle the click")
            page.wait_for_load_state("networkidle")
        finally:
            with contextlib.suppress(Exception):  # a page that broke is reported by the checks
                page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        out += [f"console: {m}" for m in record["console"]] + [
            f"failed: {m}" for m in record["failed"]
        ]
        out += [f"foreign: {m}" for m in record["foreign"]]
    context.close()
    _fail_on(findings)
