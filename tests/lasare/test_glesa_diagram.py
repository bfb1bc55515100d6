"""Charts of far-apart months and a column name with no place to break, as a reader sees them in
Chromium (adv19 #26–#31, #36).

The smallest project with one page over `tests/makron/glesa/` (two months 3½ years apart, with
the rows between absent or written as `x`, a column with no figure at all, and a series with a
gap between neighbouring months) and a 14-column table whose first column's name is one long
nonsense word. At 320 and 1280 px, each chart drawn: no line crosses months without figures, no
trace is isolated dots, a series with no figure is not in the legend and the chart says
"uppgift saknas" for it; a chart without any figure says so and draws no axis. The table, laid
out as cards on a phone, keeps every column name inside the screen.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import build_site, scroll_to_charts, serve, small_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DATA = Path(__file__).resolve().parents[1] / "makron" / "glesa"
NONSENSE = "Xqzrtvbnmkljhgfdsxqzrtvbnmkljhgfdsxqzrtvbnm"
SHOTS = Path("/tmp/lasare-glesa")

PAGE = """---
title: Ystad
---
# Ystad

Nämnden beslutade 2024-03-15 om nya riktlinjer, som gäller t.o.m. 2025-12-31 (`2024-03-15`).

{{ series_chart("ystad/glapp", ["hushall", "unga"]) }}

{{ series_chart("ystad/glapp", ["unga"]) }}

{{ year_chart("ystad/glapp", "hushall") }}

{{ series_chart("ystad/fylld", ["hushall", "unga"]) }}

{{ year_chart("ystad/fylld", "hushall") }}

{{ series_chart("ystad/delad", ["hushall"]) }}

{{ data_table("ystad/bred") }}

<details class="folded-table">
<summary>Samma tabell, hopfälld</summary>

{{ data_table("ystad/bred") }}

</details>
"""

WIDE_SCHEMA = """title: Bred tabell
description: Fjorton kolumner med tal.
source: Testdata
fields:
  - name: rad
    title: Rad
    type: string
    constraints: {required: true}
""" + "".join(f"""  - name: k{i}
    title: {NONSENSE if i == 1 else f"Kolumn {i}"}
    type: integer
    unit: tkr
""" for i in range(1, 15)) + """missingValues: ["", "x"]
primaryKey: rad
"""


@pytest.fixture(scope="module")
def sparse_site(tmp_path_factory) -> Path:
    project = small_project(tmp_path_factory.mktemp("glesa") / "projekt", {})
    shutil.copytree(DATA, project / "data/ystad")
    (project / "data/ystad/delad.csv").write_text(
        "manad;hushall;utbetalt_tkr;unga\n2021-01;410;3 100;x\n2021-02;405;3 050;x\n2021-03;412;3 120;x\n"
        "2024-08;380;2 990;x\n2024-09;377;2 980;x\n", encoding="utf-8")
    shutil.copy(DATA / "glapp.schema.yaml", project / "data/ystad/delad.schema.yaml")
    (project / "data/ystad/bred.schema.yaml").write_text(WIDE_SCHEMA, encoding="utf-8")
    rows = ["rad;" + ";".join(f"k{i}" for i in range(1, 15))]
    rows += [f"Ekonomiskt bistånd {n};" + ";".join(str(-1243858 + 1000 * i * n) for i in range(1, 15)) for n in (1, 2)]
    (project / "data/ystad/bred.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (project / "docs/ystad.md").write_text(PAGE, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - Rapporter:\n", "  - Rapporter:\n      - Ystad: ystad.md\n"), encoding="utf-8")
    return build_site(project / "site", project=project)


CHARTS_JS = """
() => Array.from(document.querySelectorAll('figure.chart')).map((figure) => {
  const plot = figure.querySelector('.chart-plot');
  const data = JSON.parse(document.getElementById(plot.getAttribute('data-figure')).content.textContent);
  const shown = (t) => { const lines = t.querySelectorAll('tspan.line');
                         return lines.length ? Array.from(lines).map((l) => l.textContent).join(' ') : t.textContent; };
  return {
    id: figure.id,
    drawn: plot.classList.contains('is-drawn'),
    data: data.data,
    legend: Array.from(plot.querySelectorAll('.legendtext')).map(shown),
    notes: Array.from(plot.querySelectorAll('.annotation-text')).map(shown),
    ticks: plot.querySelectorAll('.xtick, .ytick').length,
    paths: Array.from(plot.querySelectorAll('.scatterlayer path.js-line')).map((p) => p.getAttribute('d') || ''),
    points: plot.querySelectorAll('.scatterlayer .point').length,
    bars: plot.querySelectorAll('.barlayer .point').length,
  };
})
"""

LABELS_JS = """
() => Array.from(document.querySelectorAll('table[data-stacked] td')).map((cell) => {
  const r = cell.getBoundingClientRect();
  // The column's name is the cell's ::before: its used width against the cell's (it runs off to the left).
  const name = parseFloat(getComputedStyle(cell, '::before').width) || 0;
  return { label: cell.getAttribute('data-label'), right: r.right, overflow: Math.max(cell.scrollWidth, name) - cell.clientWidth };
})
"""


# Per table laid out as cards: the right edge of each figure's text, grouped by its cell's right
# edge (cells that end in one line of the cards' grid).
FIGURE_EDGES_JS = """
() => Array.from(document.querySelectorAll('table[data-stacked]')).map((table) => {
  const edges = {};
  for (const cell of table.querySelectorAll('td.num')) {
    const r = cell.getBoundingClientRect();
    if (!r.width) continue;
    const key = Math.round(r.right);
    (edges[key] = edges[key] || []).push(Math.round(r.right - parseFloat(getComputedStyle(cell).paddingRight)));
  }
  return edges;
})
"""

FOLDED_JS = """
() => {
  const folded = document.querySelector('details.folded-table table');
  const caption = (t) => (t.caption || {}).textContent;
  const twin = Array.from(document.querySelectorAll('table.data-table'))
    .find((t) => !t.closest('details') && caption(t) === caption(folded));
  return { stacked: folded.hasAttribute('data-stacked'), labelled: folded.hasAttribute('data-labelled'),
           twin: twin.hasAttribute('data-stacked') };
}
"""


def months_apart(a: str, b: str) -> int:
    return (int(b[:4]) - int(a[:4])) * 12 + int(b[5:7]) - int(a[5:7])


@pytest.fixture(scope="module")
def seen(browser, sparse_site) -> dict[int, dict]:
    found = {}
    SHOTS.mkdir(exist_ok=True)
    with serve(sparse_site) as server:
        for width in (320, 1280):
            context = browser.new_context(viewport={"width": width, "height": 740}, is_mobile=width < 600)
            try:
                page = context.new_page()
                page.goto(f"{server.url}ystad/", wait_until="load")
                missed = scroll_to_charts(page)
                found[width] = {
                    "missed": missed, "charts": page.evaluate(CHARTS_JS), "labels": page.evaluate(LABELS_JS),
                    "page_width": page.evaluate("document.documentElement.scrollWidth"),
                    "figure_edges": page.evaluate(FIGURE_EDGES_JS),
                }
                page.screenshot(path=str(SHOTS / f"ystad-{width}.png"), full_page=True)
            finally:
                context.close()
    return found


@pytest.mark.parametrize("width", [320, 1280])
def test_no_line_across_months_without_figures_and_no_isolated_dots(seen, width):
    charts = seen[width]["charts"]
    assert len(charts) == 6 and not seen[width]["missed"], seen[width]["missed"]
    assert all(c["drawn"] for c in charts)
    kinds = {c["id"]: sorted({t["type"] for t in c["data"]}) for c in charts}
    assert kinds == {
        "diagram-hushall-unga-over-tid": ["bar"], "diagram-unga-over-tid": [], "diagram-hushall-per-manad": ["bar"],
        "diagram-hushall-unga-over-tid-2": ["bar"], "diagram-hushall-per-manad-2": ["bar"],
        "diagram-hushall-over-tid": ["scatter"],
    }
    line = next(c for c in charts if c["id"] == "diagram-hushall-over-tid")
    (trace,) = line["data"]
    joined = [(a, b) for a, b, ya, yb in zip(trace["x"], trace["x"][1:], trace["y"], trace["y"][1:])
              if ya is not None and yb is not None]
    assert joined and all(months_apart(a, b) == 1 for a, b in joined), joined
    # Two drawn pieces of line: jan–mars 2021 and aug–sep 2024 (Plotly draws each as "M…L…").
    assert sum(path.count("M") for path in line["paths"]) == 2, line["paths"]
    for chart in charts:
        for t in chart["data"]:
            present = [v is not None for v in t["y"]]
            if t["type"] == "scatter":
                assert any(a and b for a, b in zip(present, present[1:])), f"{chart['id']}: {t['name']} is isolated dots"


@pytest.mark.parametrize("width", [320, 1280])
def test_a_series_without_figures_is_said_in_the_chart_not_in_the_legend(seen, width):
    charts = {c["id"]: c for c in seen[width]["charts"]}
    both = charts["diagram-hushall-unga-over-tid"]
    assert both["legend"] == []  # one series drawn: Plotly shows no legend (the caption names it)
    assert both["bars"] == 2
    assert " ".join(both["notes"]) == "Ungdomsarbetslöshetsåtgärdsdeltagare: uppgift saknas"
    years = charts["diagram-hushall-per-manad-2"]
    assert years["legend"] == ["2021", "2024"]
    assert "2022, 2023: uppgift saknas" in years["notes"]
    nothing = charts["diagram-unga-over-tid"]
    assert nothing["notes"] == ["Uppgift saknas för mars 2021–sep 2024"]
    assert nothing["ticks"] == 0 and nothing["legend"] == []


def test_a_long_column_name_wraps_inside_its_card_on_a_phone(seen):
    labels = seen[320]["labels"]
    long = [c for c in labels if (c["label"] or "").startswith(NONSENSE)]
    assert long, "the wide table was not laid out as cards at 320 px"
    assert all(c["right"] <= 320 and c["overflow"] <= 1 for c in labels), [c for c in labels if c["right"] > 320 or c["overflow"] > 1]
    assert seen[320]["page_width"] <= 320


def test_the_figures_of_a_card_end_at_one_edge(seen):
    """In a card every figure ends where the others in its column do, the row's last one too
    (it kept the table's extra right padding and stood out of line)."""
    tables = seen[320]["figure_edges"]
    assert tables, "no table was laid out as cards at 320 px"
    for edges in tables:
        assert all(len(set(column)) == 1 for column in edges.values()), edges


@pytest.mark.parametrize("width", [320, 1280])
def test_a_wide_table_in_a_folded_section_fits_when_opened(browser, sparse_site, width):
    """A folded table is not measured while folded (each measurement laid out the hidden content
    again); opened, it is laid out as its unfolded twin is: cards where the twin is cards."""
    with serve(sparse_site) as server:
        context = browser.new_context(viewport={"width": width, "height": 740}, is_mobile=width < 600)
        try:
            page = context.new_page()
            page.goto(f"{server.url}ystad/", wait_until="load")
            before = page.evaluate(FOLDED_JS)
            assert not before["stacked"] and not before["labelled"], before
            page.click("details.folded-table > summary")
            page.wait_for_function("document.querySelector('details.folded-table').open")
            page.wait_for_timeout(200)
            after = page.evaluate(FOLDED_JS)
        finally:
            context.close()
    assert after["stacked"] == after["twin"], after
    if width == 320:
        assert after["stacked"], "the wide table is not cards at 320 px"


def test_iso_dates_typed_in_the_prose_read_as_swedish_dates(sparse_site):
    """adv19 #38: what the author typed as ISO reads as Swedish; code keeps ISO."""
    html = (sparse_site / "ystad/index.html").read_text(encoding="utf-8")
    assert "Nämnden beslutade 15 mars 2024 om nya riktlinjer, som gäller t.o.m. 31 december 2025 (<code>2024-03-15</code>)." in html
