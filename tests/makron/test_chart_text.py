"""Text is text in a chart too: Plotly renders <a href>, <b>, <br> in trace names, category
labels and titles, so a category written as a link must show as typed, never as a link.

The smallest project with Lund's 2022 report is built with hostile names in Lund's IRIS data (a category that is a link,
one with bold and a line break, field titles in italics and underlined) and the page is
opened in Chromium.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import serve, small_project
from forked_python import run_python

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LINK = '<a href="https://example.com/">INSAM</a>'
BOLD = "<b>fet</b><br>bryt"
TITLE = "<i>Deltagare totalt</i>"
AXIS = "<u>Delprojekt</u>"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    # The smallest project with Lund's 2022 report: one page and its data.
    project = small_project(tmp_path_factory.mktemp("elak") / "projekt", {"Arbetsmarknadsarbetet 2022": "lund-2022.md"}, ("lund",))
    data = project / "data/lund/iris-delprojekt.csv"
    data.write_text(data.read_text(encoding="utf-8").replace("INSAM;", f"{LINK};").replace("Kompetenstrappan;", f"{BOLD};"), encoding="utf-8")
    schema = project / "data/lund/iris-delprojekt.schema.yaml"
    text = schema.read_text(encoding="utf-8").replace("title: Deltagare totalt", f'title: "{TITLE}"')
    schema.write_text(text.replace("title: Delprojekt", f'title: "{AXIS}"'), encoding="utf-8")
    result = run_python(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / "site")], cwd=project,
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def hostile_server(hostile_site):
    with serve(hostile_site) as server:
        yield server.url


def test_link_like_category_is_plain_text_in_the_chart(browser, hostile_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{hostile_server}lund-2022/", wait_until="load")
        plot = page.locator("#diagram-iris-delprojekt-stapel .chart-plot")
        plot.scroll_into_view_if_needed()  # charts are drawn as they near the screen
        plot.locator("svg.main-svg").first.wait_for(timeout=10_000)
        # Long category names lay the bars down (names on the y axis, no category title: the
        # table's corner carries it), and charts.js may wrap a long name onto lines.
        svg = plot.evaluate(
            """(el) => {
                const shown = (t) => { const lines = t.querySelectorAll('tspan.line');
                                       return lines.length ? Array.from(lines).map((l) => l.textContent).join(' ') : t.textContent; };
                return {
                    links: el.querySelectorAll('svg a').length,
                    bold: Array.from(el.querySelectorAll('svg tspan')).filter((t) => /bold/.test(t.getAttribute('style') || '')).length,
                    ticks: Array.from(el.querySelectorAll('svg .ytick text')).map(shown),
                    legend: Array.from(el.querySelectorAll('svg .legendtext')).map(shown),
                };
            }"""
        )
        corner = page.locator("#diagram-iris-delprojekt-stapel table thead th").first.text_content()
        visible = page.get_by_text(LINK, exact=True)
        assert svg["links"] == 0 and svg["bold"] == 0, svg
        assert svg["ticks"] == ["USB", BOLD, LINK], svg
        assert svg["legend"][0] == TITLE and corner == AXIS, (svg, corner)
        assert visible.count() >= 1 and visible.first.is_visible()
    finally:
        context.close()
