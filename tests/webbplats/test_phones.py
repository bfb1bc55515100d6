"""Every page on a phone (320, 360 and 390 px wide) in Chromium, as a reader holds it.

No page is wider than the screen (wide tables scroll inside their own box), and in every chart
the axis titles, tick labels and legend entries stay apart and inside the chart, with numbers
in Swedish format on the value axis (`14 000`, never Plotly's default `14k`). Each page is
loaded once per width; the charts are drawn by scrolling to them, as a reader would.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import pytest
from conftest import page_url_path, scroll_to_charts, site_pages

WIDTHS = [320, 360, 390]
SWEDISH_TICK = re.compile(r"^\u2212?\d{1,3}(?:\u00a0\d{3})*(?:,\d+)?$")

pytestmark = pytest.mark.browser

CHARTS_DRAWN_JS = """
() => Array.from(document.querySelectorAll('.chart-plot'))
  .every((p) => p.classList.contains('is-drawn') && p.querySelector('svg.main-svg'))
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

FIGURE_JSON_JS = "(id) => { const el = document.getElementById(id); return el ? el.content.textContent : null; }"


@dataclass
class PhoneVisit:
    width: int
    page: str
    document_width: int = 0  # after the charts are drawn
    document_width_at_load: int = 0
    charts: list[dict] = field(default_factory=list)
    value_axes: dict[str, str] = field(default_factory=dict)  # chart id → "x" or "y"
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def phone_visits(browser, site_server, built_site) -> list[PhoneVisit]:
    found = []
    for width in WIDTHS:
        context = browser.new_context(
            viewport={"width": width, "height": 740}, is_mobile=True, has_touch=True, reduced_motion="reduce"
        )
        try:
            for path in site_pages(built_site):
                visit = PhoneVisit(width, page_url_path(built_site, path) or "/")
                found.append(visit)
                page = context.new_page()
                page.on("pageerror", lambda e, v=visit: v.errors.append(f"uncaught: {e}"))
                page.on("console", lambda m, v=visit: v.errors.append(m.text) if m.type == "error" else None)
                try:
                    page.goto(site_server + page_url_path(built_site, path), wait_until="load")
                    visit.document_width_at_load = page.evaluate("document.documentElement.scrollWidth")
                    if missed := scroll_to_charts(page):
                        visit.errors.append(f"not drawn within 10 s of scrolling to it: {missed}")
                    page.wait_for_function(CHARTS_DRAWN_JS, timeout=10_000)
                    visit.document_width = page.evaluate("document.documentElement.scrollWidth")
                    visit.charts = page.evaluate(CHART_LABELS_JS)
                    for chart in visit.charts:
                        figure = json.loads(page.evaluate(FIGURE_JSON_JS, chart["figure"]) or "{}")
                        lying = any(t.get("orientation") == "h" for t in figure.get("data", []))
                        visit.value_axes[chart["id"]] = "x" if lying else "y"
                except Exception as exc:  # noqa: BLE001 - every page is still visited; the tests report this
                    visit.errors.append(f"visit stopped: {type(exc).__name__}: {exc}")
                finally:
                    page.close()
        finally:
            context.close()
    return found


def _fail_on(findings: dict[str, list[str]]) -> None:
    report = "\n".join(f"{where}:\n  " + "\n  ".join(items) for where, items in findings.items() if items)
    if report:
        pytest.fail(report, pytrace=False)


def test_every_page_was_visited_without_errors(phone_visits, built_site):
    assert phone_visits, "Inga sidor besöktes, så testet kontrollerade ingenting."
    assert len(phone_visits) == len(WIDTHS) * len(site_pages(built_site))
    _fail_on({f"{v.page} vid {v.width} px": v.errors for v in phone_visits})


def test_no_page_is_wider_than_the_phone(phone_visits):
    assert phone_visits, "Inga sidor besöktes, så testet kontrollerade ingenting."
    findings = {}
    for v in phone_visits:
        out = findings.setdefault(f"{v.page} vid {v.width} px", [])
        if v.document_width_at_load != v.width:
            out.append(f"sidan är {v.document_width_at_load} px bred när den laddats, bredare än telefonen")
        if v.document_width != v.width:
            out.append(f"sidan är {v.document_width} px bred när diagrammen ritats, bredare än telefonen")
    _fail_on(findings)


def overlap(a: list[float], b: list[float], slack: float = 1.0) -> bool:
    """Two boxes (left, top, right, bottom) share more than `slack` px both ways."""
    return min(a[2], b[2]) - max(a[0], b[0]) > slack and min(a[3], b[3]) - max(a[1], b[1]) > slack


def label_problems(chart: dict) -> list[str]:
    out = []
    if not chart["drawn"]:
        return [f"#{chart['id']}: diagrammet ritades inte"]
    left, top, right, bottom = chart["chart"]
    labels = chart["labels"]
    for label in labels:
        x0, y0, x1, y1 = label["box"]
        if x0 < left - 1 or y0 < top - 1 or x1 > right + 1 or y1 > bottom + 1:
            out.append(f"#{chart['id']}: {label['kind']} {label['text']!r} skärs av vid diagrammets kant")
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            if overlap(a["box"], b["box"]):
                out.append(f"#{chart['id']}: {a['kind']} {a['text']!r} ligger över {b['kind']} {b['text']!r}")
    return out


def test_chart_labels_do_not_overlap(phone_visits):
    assert any(v.charts for v in phone_visits), "Inga diagram hittades, så testet kontrollerade ingenting."
    _fail_on({f"{v.page} vid {v.width} px": [m for c in v.charts for m in label_problems(c)] for v in phone_visits})


def test_value_axes_use_swedish_numbers(phone_visits):
    """`14 000` with a no-break space, `2,5` with a comma, `−5` with U+2212; never `14k` or `14,000`."""
    assert any(v.charts for v in phone_visits), "Inga diagram hittades, så testet kontrollerade ingenting."
    findings = {}
    for v in phone_visits:
        out = findings.setdefault(f"{v.page} vid {v.width} px", [])
        for chart in v.charts:
            axis = v.value_axes.get(chart["id"], "y")
            ticks = [label["text"] for label in chart["labels"] if label["kind"] == f"{axis} tick"]
            if chart["drawn"] and not ticks:
                out.append(f"#{chart['id']}: no tick labels on the value axis ({axis})")
            out += [f"#{chart['id']}: värdeaxelns tal {t!r} är inte skrivet på svenska (14 000, 2,5, −5)" for t in ticks if not SWEDISH_TICK.match(t)]
    _fail_on(findings)


# ---------------------------------------------------------------- the checks themselves


def test_overlap():
    assert overlap([0, 0, 10, 10], [5, 5, 15, 15])
    assert not overlap([0, 0, 10, 10], [10, 0, 20, 10])  # touching is not overlapping
    assert not overlap([0, 0, 10, 10], [9.5, 0, 20, 10])  # half a pixel of anti-aliasing is not either


def test_label_problems_names_what_collides():
    chart = {"id": "c", "drawn": True, "chart": [0, 0, 300, 300], "labels": [
        {"kind": "axis title", "text": "Månad", "box": [100, 280, 150, 295]},
        {"kind": "legend", "text": "2021", "box": [90, 285, 140, 299]},
        {"kind": "x tick", "text": "jan", "box": [-8, 260, 20, 275]},
    ]}
    assert label_problems(chart) == [
        "#c: x tick 'jan' skärs av vid diagrammets kant",
        "#c: axis title 'Månad' ligger över legend '2021'",
    ]


def test_swedish_tick():
    assert SWEDISH_TICK.match("14\u00a0000") and SWEDISH_TICK.match("2,5") and SWEDISH_TICK.match("\u22125")
    assert not any(SWEDISH_TICK.match(t) for t in ["14k", "14.000", "14 000", "1.5", "-5", "2M"])
