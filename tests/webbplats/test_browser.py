"""Every page of the real site in a real browser (Debian's chromium through Playwright).

One module, so the site is built and the browser started once. The `visits` fixture loads each
page once in a fresh browser context and records what the checks below need: console errors,
failed and foreign requests, the charts' state in the light and the dark scheme, and axe-core's
results for both schemes (with the charts' "Tabell" tab shown too, since axe skips hidden content).

Checks that need no browser (captions, scopes, lang, footer link) read the built HTML and run
even where chromium is missing.

Helpers and the chart markup contract: webblasare.py.
"""

from __future__ import annotations

import csv
import math
import re
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import page_url_path, site_pages
from .webblasare import (
    CHART_CODE,
    CHART_STATE_JS,
    FIRST_CHART_BELOW_JS,
    Visit,
    _SV_NUMBER,
    _axe,
    _axe_report,
    _chart_problems,
    _contrast,
    _fail_on,
    _open,
    _require,
    _show_tab,
    _soup,
    _text_contrast_problems,
    _toggle_scheme,
    _wait_drawn,
    _wait_themed,
    browser_test,
    parse_sv,
)


@pytest.fixture(scope="module")
def visits(browser, site_server, built_site) -> dict[str, Visit]:
    found: dict[str, Visit] = {}
    for path in site_pages(built_site):
        url = site_server + page_url_path(built_site, path)
        visit = found.setdefault(page_url_path(built_site, path) or "/", Visit(url))
        context, record = _open(browser, site_server)
        try:
            page = context.new_page()
            page.goto(url, wait_until="load")
            page.wait_for_timeout(200)  # what loads on its own, before the reader scrolls
            visit.scripts_at_load = list(record["scripts"])
            visit.has_charts = page.locator("figure.chart").count() > 0
            visit.first_chart_below = page.evaluate(FIRST_CHART_BELOW_JS)
            if problem := _wait_drawn(page):
                visit.problems.append(problem)
            visit.charts_light = page.evaluate(CHART_STATE_JS)
            visit.axe["ljust, Diagram"] = _axe(page)
            _toggle_scheme(page, "slate")
            visit.body_scheme_dark = page.evaluate(
                "document.body.getAttribute('data-md-color-scheme')"
            )
            _wait_themed(page, "dark")
            visit.charts_dark = page.evaluate(CHART_STATE_JS)
            visit.axe["mörkt, Diagram"] = _axe(page)
            if visit.charts_light:
                _show_tab(page, "Tabell")
                visit.axe["mörkt, Tabell"] = _axe(page)
                _toggle_scheme(page, "default")
                visit.axe["ljust, Tabell"] = _axe(page)
            page.wait_for_load_state("networkidle")
        except Exception as exc:  # noqa: BLE001 - every page is still visited; the tests report this
            visit.problems.append(f"visit stopped: {type(exc).__name__}: {exc}")
        finally:
            context.close()
        visit.console_errors, visit.failed_requests, visit.foreign_requests = (
            record["console"],
            record["failed"],
            record["foreign"],
        )
        visit.scripts = record["scripts"]
    return found


# ---------------------------------------------------------------- browser: loading


@browser_test
def test_every_page_was_visited(visits, built_site):
    _require(len(visits), "sidor")
    assert len(visits) == len(site_pages(built_site))
    findings = {p: v.problems for p, v in visits.items()}
    _fail_on(findings)


@browser_test
def test_no_console_errors(visits):
    _require(len(visits), "sidor")
    findings = {p: v.console_errors for p, v in visits.items()}
    _fail_on(findings, "console errors:\n")


@browser_test
def test_no_failed_requests(visits):
    _require(len(visits), "sidor")
    findings = {p: v.failed_requests for p, v in visits.items()}
    _fail_on(findings, "failed requests:\n")


@browser_test
def test_no_requests_to_other_origins(visits):
    _require(len(visits), "sidor")
    findings = {p: v.foreign_requests for p, v in visits.items()}
    _fail_on(findings, "requests to other origins (blocked here):\n")


@browser_test
def test_chart_code_loads_only_where_charts_are(visits):
    """A page without a chart loads no chart code at all. On a page with charts, plotly.js
    waits until a chart nears the screen (or the reader scrolls), so the text, cards and
    tables come first."""
    findings: dict[str, list[str]] = {}
    for page, v in visits.items():
        out = findings.setdefault(page, [])
        loaded = CHART_CODE & set(v.scripts)
        if not v.has_charts and loaded:
            out.append(f"no chart on the page, yet it loads {sorted(loaded)}")
        if v.has_charts and "plotly-basic.min.js" not in v.scripts:
            out.append("charts drawn without plotly-basic.min.js? it was never requested")
        if v.first_chart_below > 400 and "plotly-basic.min.js" in v.scripts_at_load:
            out.append("plotly-basic.min.js loaded with the page, before any chart neared the screen")
    _fail_on(findings)


@browser_test
def test_every_chart_is_drawn(visits):
    _require(sum(len(v.charts_light) for v in visits.values()), "diagram")
    findings = {p: _chart_problems(v.charts_light) for p, v in visits.items()}
    _fail_on(findings)


@browser_test
def test_dark_mode_rethemes_every_chart(visits):
    """Material's toggle sets body[data-md-color-scheme=slate]; the site script re-themes every chart."""
    _require(sum(len(v.charts_dark) for v in visits.values()), "diagram i mörkt läge")
    findings: dict[str, list[str]] = {}
    for page, v in visits.items():
        out = findings.setdefault(page, [])
        if v.body_scheme_dark != "slate":
            out.append(
                f"palette toggle left body[data-md-color-scheme={v.body_scheme_dark!r}], not 'slate'"
            )
        out += _chart_problems(v.charts_dark)
        for light, dark in zip(v.charts_light, v.charts_dark):
            if dark["theme"] != "dark":
                out.append(
                    f"#{dark['id']}: .chart-plot has data-theme={dark['theme']!r} in the dark scheme"
                )
            light_fill = {t[0] for t in light["texts"]}
            dark_fill = {t[0] for t in dark["texts"]}
            if light["background"] == dark["background"]:
                out.append(
                    f"#{dark['id']}: plot background stayed {dark['background']} in the dark scheme"
                )
            if light_fill == dark_fill:
                out.append(
                    f"#{dark['id']}: chart text colour stayed {sorted(dark_fill)} in the dark scheme"
                )
    _fail_on(findings)


@browser_test
def test_chart_text_is_readable_in_both_schemes(visits):
    """SVG text is not checked by axe: tick labels, legend and titles need 4.5:1 against the plot."""
    _require(sum(len(c["texts"]) for v in visits.values() for c in v.charts_light + v.charts_dark), "texter i diagram")
    findings = {
        p: [m for c in v.charts_light for m in _text_contrast_problems(c, "ljust")]
        + [m for c in v.charts_dark for m in _text_contrast_problems(c, "mörkt")]
        for p, v in visits.items()
    }
    _fail_on(findings)


@browser_test
@pytest.mark.parametrize("scheme", ["ljust", "mörkt"])
def test_axe_finds_no_wcag_violation(visits, scheme):
    """axe-core, WCAG 2.1 A and AA, with each chart's Diagram and Tabell tab shown."""
    _require(sum(state.startswith(scheme) for v in visits.values() for state in v.axe), f"sidor som axe-core granskat ({scheme} läge)")
    findings = {}
    for page, v in visits.items():
        for state, violations in v.axe.items():
            if state.startswith(scheme) and violations:
                findings[f"{page} ({state})"] = _axe_report(violations)
    _fail_on(findings, "axe-core violations:\n")


def test_pages_are_swedish(built_site):
    _require(len(site_pages(built_site)), "sidor")
    wrong = [
        p.relative_to(built_site).as_posix()
        for p in site_pages(built_site, include_404=True)
        if _soup(p).html.get("lang") != "sv"
    ]
    assert not wrong, f"Sidan är inte märkt som svensk (<html lang=\"sv\">): {wrong}"


def test_every_chart_has_caption_summary_table_and_download(built_site):
    _require(sum(len(_soup(p).select("figure.chart")) for p in site_pages(built_site)), "diagram")
    findings: dict[str, list[str]] = {}
    for path in site_pages(built_site):
        out = findings.setdefault(path.relative_to(built_site).as_posix(), [])
        soup = _soup(path)
        for fig in soup.select("figure.chart"):
            name = f"#{fig.get('id')}"
            if not fig.get("id"):
                out.append("a figure.chart without an id (nothing to link to)")
            if not (fig.find("figcaption") and fig.find("figcaption").get_text(strip=True)):
                out.append(f"{name}: no figcaption text")
            summary = fig.select_one("p.chart-summary")
            if not (summary and summary.get_text(strip=True)):
                out.append(f"{name}: no p.chart-summary text")
            labels = [
                lab.get_text(strip=True) for lab in fig.select(".tabbed-set .tabbed-labels label")
            ]
            if labels != ["Diagram", "Tabell"]:
                out.append(f"{name}: tab labels {labels}, want ['Diagram', 'Tabell']")
            if not fig.select_one(".tabbed-set table"):
                out.append(f"{name}: no table alternative in the tab set")
            plot = fig.select_one(".chart-plot[data-figure]")
            if not (plot and soup.find(id=plot["data-figure"])):
                out.append(
                    f"{name}: no .chart-plot[data-figure] naming the element that holds the figure JSON"
                )
            link = fig.select_one("a.chart-download[href][download]")
            if not link or not link["href"].endswith(".csv"):
                out.append(f"{name}: no a.chart-download[download] to a .csv")
    _fail_on(findings)


def test_every_content_table_has_caption_and_scoped_headers(built_site):
    """A table written on a page needs a caption (a heading a screen reader reads) and headers
    with scope. Makrona gör det själva; en tabell som skrivs direkt i Markdown saknar båda."""
    _require(sum(len(_soup(p).select("article table")) for p in site_pages(built_site, include_404=True)), "tabeller")
    findings: dict[str, list[str]] = {}
    for path in site_pages(built_site, include_404=True):
        out = findings.setdefault(path.relative_to(built_site).as_posix(), [])
        for index, table in enumerate(_soup(path).select("article table"), start=1):
            name = f"table #{table.get('id') or index}"
            caption = table.find("caption")
            if not (caption and caption.get_text(strip=True)):
                out.append(f"{name}: tabellen saknar rubrik (<caption>). Använd ett makro (data_table …) i stället för en Markdown-tabell")
            unscoped = [
                th.get_text(strip=True)
                for th in table.find_all("th")
                if th.get("scope") not in ("col", "row", "colgroup", "rowgroup")
            ]
            if unscoped:
                out.append(f"{name}: kolumn- eller radrubriker utan scope: {unscoped[:8]}")
    _fail_on(findings)


def test_footer_links_to_accessibility_statement(built_site):
    missing = []
    for path in site_pages(built_site, include_404=True):
        rel = path.relative_to(built_site).as_posix()
        here = "http://x/" + page_url_path(built_site, path)
        footer = _soup(path).find("footer")
        hrefs = (
            [urlsplit(urljoin(here, a["href"])).path for a in footer.find_all("a", href=True)]
            if footer
            else []
        )
        if not any(h.endswith("/tillganglighet/") for h in hrefs):
            missing.append(rel)
    assert not missing, f"Sidfoten saknar länken till tillgänglighetsredogörelsen (tillganglighet/) på: {missing}"


# ---------------------------------------------------------------- the helpers themselves


def test_parse_sv():
    assert parse_sv("1\u00a0690") == (1690.0, 0)
    assert parse_sv("8,8") == (8.8, 1)
    assert parse_sv("\u221214\u00a0891\u00a0tkr") == (-14891.0, 0)
    assert parse_sv("..") is None
    assert _SV_NUMBER.match("1\u00a0690") and _SV_NUMBER.match("6,4\u00a0%")
    assert (
        not _SV_NUMBER.match("1690") and not _SV_NUMBER.match("8.8") and not _SV_NUMBER.match("-3")
    )
    assert math.isclose(_contrast("rgb(0, 0, 0)", "1", "rgb(255, 255, 255)"), 21.0)
