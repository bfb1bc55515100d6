"""Each chart's "Tabell" tab and CSV download carry the values the chart plots, in Debian's chromium:
read from the desktop visit of every page (tests/sidbesok.py, shared with test_browser.py), which
records each chart's figure JSON, table and CSV download as served (helpers in test_browser.py)."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from sidbesok import DESKTOP

from .test_browser import (
    _SV_NUMBER,
    _chart_pages,
    _compare_values,
    _csv_rows,
    _fail_on,
    _grid_problems,
    _page_file,
    _soup,
    _trace_points,
    browser_test,
    parse_sv,
)


@browser_test
def test_table_and_csv_show_the_chart_data(page_visits, built_site):
    """The "Tabell" tab and the CSV download carry the values the chart plots."""
    targets = _chart_pages(built_site)
    if not targets:
        pytest.fail("Ingen sida på webbplatsen har ett diagram, så testet kontrollerade ingenting.", pytrace=False)
    visits = {v.page: v for v in page_visits(DESKTOP)}
    findings: dict[str, list[str]] = {}
    for target in targets:
        out = findings.setdefault(target or "/", [])
        visit = visits[target or "/"]
        out += visit.problems
        if not visit.chart_data:
            out.append("the page has charts, but the visit read none")
        for chart in visit.chart_data:
            fig_id, data_id = chart["id"], chart["data_id"]
            figure = json.loads(chart["figure"] or "null")
            if not isinstance(figure, dict):
                out.append(f"#{fig_id}: no figure JSON in the element with id={data_id!r}")
                continue
            assert {"data", "layout", "config"} <= figure.keys(), (
                f"#{fig_id}: figure JSON lacks data/layout/config"
            )
            plotted = [
                float(v) for t in figure["data"] for _, v in _trace_points(t) if v is not None
            ]
            grid = chart["grid"]
            if grid is None:
                out.append(f"#{fig_id}: no table alternative")
                continue
            # The table: Swedish format, missing as "..", same values as the chart.
            shown = []
            for r in grid["rows"]:
                for cell in r["cells"]:
                    text = cell["text"]
                    if cell["missing"] or text == "..":
                        if text != "..":
                            out.append(f"#{fig_id}: missing value shown as {text!r}, not '..'")
                        continue
                    if not _SV_NUMBER.match(text):
                        out.append(
                            f"#{fig_id}: {text!r} is not in Swedish number format (e.g. '1\u00a0690', '8,8')"
                        )
                    shown.append(parse_sv(text))
            out += _compare_values(f"#{fig_id} table", shown, plotted)
            out += _grid_problems(fig_id, grid, figure["data"])
            # The CSV behind the download link.
            if chart["links"] != 1:
                out.append(f"#{fig_id}: {chart['links']} a.chart-download links, want 1")
                continue
            # Material's instant navigation makes every href absolute in the live page: read the built one.
            href = _soup(_page_file(built_site, target)).select_one(
                f"figure.chart[id='{fig_id}'] a.chart-download"
            )["href"]
            if urlsplit(href).scheme or href.startswith("/"):
                out.append(f"#{fig_id}: download href {href!r} is not relative to the page")
            if not chart["download_attribute"]:
                out.append(f"#{fig_id}: the download link lacks the `download` attribute")
            body = chart["csv"]  # fetched from the server during the visit
            if not body.startswith(b"\xef\xbb\xbf"):
                out.append(
                    f"#{fig_id}: {href} does not start with a UTF-8 BOM (Excel needs it)"
                )
                continue
            rows = _csv_rows(body)
            values = []
            for line, row in enumerate(rows[1:], start=2):
                for col, text in enumerate(row[1:], start=2):
                    if text != ".." and not re.match(r"^-?\d+(,\d+)?$", text):
                        out.append(
                            f"#{fig_id} {href}:{line}:{col}: {text!r} is not a plain number "
                            "(digits, decimal comma, ASCII '-'; Excel reads nothing else)"
                        )
                        continue
                    if (parsed := parse_sv(text)) is not None:
                        values.append(parsed)
            out += _compare_values(f"#{fig_id} {href}", values, plotted)
            # Same labels as the table; the values themselves are compared with the data at full
            # precision in tests/webbplats/test_downloads.py (the table shows them rounded).
            if rows[0] != grid["head"] or [r[0] for r in rows[1:]] != [r["label"] for r in grid["rows"]]:
                out.append(f"#{fig_id}: {href} has other headers or row labels than the table: {rows[:2]}…")
    _fail_on(findings)
