"""The keyboard reaches every chart's tab set, its table and its download, in Debian's chromium
(helpers in test_browser.py)."""

from __future__ import annotations

import contextlib

import pytest
from .test_browser import (
    DESCRIBE_FOCUS_JS,
    MAX_TABS,
    _chart_pages,
    _fail_on,
    _open,
    browser_test,
)


# ---------------------------------------------------------------- browser: keyboard


@browser_test
def test_keyboard_reaches_table_tab_and_download(browser, site_server, built_site):
    """From the top of the page, Tab reaches each chart's tab set; the arrow key selects "Tabell"
    (radio buttons: Tab enters the group, arrows move in it) and shows the table; Tab then
    reaches the table and the CSV download link."""
    # Editions are left out: their charts are the same macros' markup as their report's, checked here.
    targets = [t for t in _chart_pages(built_site) if "/utgavor/" not in t]
    if not targets:
        pytest.fail("Ingen sida på webbplatsen har ett diagram, så testet kontrollerade ingenting.", pytrace=False)
    findings: dict[str, list[str]] = {}
    # One tab for every page (a new tab starts a renderer of its own); its storage cleared between
    # pages, so each starts on the Diagram tab (content.tabs.link keeps the chosen tab there).
    context, _record = _open(browser, site_server)
    page = context.new_page()
    for target in targets:
        out = findings.setdefault(target or "/", [])
        try:
            page.goto(site_server + target, wait_until="load")
            figures = page.eval_on_selector_all("figure.chart", "(fs) => fs.map((f) => f.id)")
            reached = {
                f: {"tab set": False, "Tabell": False, "table shown": False, "download": False}
                for f in figures
            }
            trail = []
            for _ in range(MAX_TABS):
                page.keyboard.press("Tab")
                focus = page.evaluate(DESCRIBE_FOCUS_JS)
                trail.append(focus["desc"])
                if focus["body"] and len(trail) > 1:
                    break  # wrapped round
                fig = focus["figure"]
                if fig in reached and focus["radio"] and not reached[fig]["tab set"]:
                    reached[fig]["tab set"] = True
                    if focus["label"] != "Tabell":
                        page.keyboard.press("ArrowRight")
                        focus = page.evaluate(DESCRIBE_FOCUS_JS)
                        trail.append("→ " + focus["desc"])
                    reached[fig]["Tabell"] = focus["label"] == "Tabell" and focus["checked"]
                    reached[fig]["table shown"] = page.locator(
                        f"figure.chart[id='{fig}'] table"
                    ).is_visible()
                if fig in reached and focus["download"]:
                    reached[fig]["download"] = True
                if all(all(r.values()) for r in reached.values()):
                    break
            for fig, r in reached.items():
                missing = [k for k, ok in r.items() if not ok]
                if missing:
                    out.append(
                        f"#{fig}: not reached by keyboard: {', '.join(missing)}\n    focus went: "
                        + " | ".join(trail)
                    )
        finally:
            with contextlib.suppress(Exception):  # a page that broke is reported by the checks
                page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    context.close()
    _fail_on(findings)
