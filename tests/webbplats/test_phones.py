"""Every page on a phone (320, 360 and 390 px wide) in Chromium, as a reader holds it.

No page is wider than the screen (wide tables scroll inside their own box), and in every chart
the axis titles, tick labels and legend entries stay apart and inside the chart, with numbers
in Swedish format on the value axis (`14 000`, never Plotly's default `14k`). Each page is
loaded once for the three widths (the tab resized between them, each chart drawn anew at each
width), for this module and tests/lasare/test_sidorna.py alike (tests/sidbesok.visit_phones);
the charts are drawn by scrolling to them, as a reader would.
"""

from __future__ import annotations

import re

import pytest
from conftest import site_pages
from sidbesok import PHONES as WIDTHS
from sidbesok import Visit

SWEDISH_TICK = re.compile(r"^\u2212?\d{1,3}(?:\u00a0\d{3})*(?:,\d+)?$")

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def phone_visits(page_visits) -> list[Visit]:
    """Every page at each phone width, loaded once per run (tests/sidbesok.py); `labels` holds each
    chart's label boxes, `value_axes` which axis carries its values."""
    return [visit for width in WIDTHS for visit in page_visits(width)]


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
    assert any(v.labels for v in phone_visits), "Inga diagram hittades, så testet kontrollerade ingenting."
    _fail_on({f"{v.page} vid {v.width} px": [m for c in v.labels for m in label_problems(c)] for v in phone_visits})


def test_value_axes_use_swedish_numbers(phone_visits):
    """`14 000` with a no-break space, `2,5` with a comma, `−5` with U+2212; never `14k` or `14,000`."""
    assert any(v.labels for v in phone_visits), "Inga diagram hittades, så testet kontrollerade ingenting."
    findings = {}
    for v in phone_visits:
        out = findings.setdefault(f"{v.page} vid {v.width} px", [])
        for chart in v.labels:
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
