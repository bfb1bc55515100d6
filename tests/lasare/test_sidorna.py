"""What a reader sees, page by page, in Chromium at 320, 360, 390 and 1280 px: every page of the
built site, editions included (issue 19).

Each page is loaded once at 1280 px and once for the three phone widths, its tab resized from one to
the next (tests/sidbesok.py, shared with tests/webbplats/), and its charts drawn anew at each width
by scrolling to them; then, in the page as drawn:
- no figure in a table crosses the visible edge of its box (whole cells or none);
- no Markdown or template syntax in the page's text;
- no chart trace of isolated points (a line needs neighbouring values), and a bar with no value
  says "uppgift saknas" in the chart;
- a report's summary ("I korthet") is at least body size and starts on a phone's first screen;
- no word in a heading, table head or card is broken without a hyphen;
- no ISO date in the page's text, outside downloads and code.
Each check also asserts that what it checks is there (figures, charts, summaries, headings).
(Feature folder `lasare`: Swedish for "reader".)
"""

from __future__ import annotations

import re

import pytest
from conftest import site_pages
from sidbesok import PHONE_HEIGHT, Visit, report_pages
from sidbesok import VIEWPORT as DESKTOP_VIEWPORT
from sidbesok import WIDTHS

from macros.render import leaks

DESKTOP_HEIGHT = DESKTOP_VIEWPORT["height"]

pytestmark = pytest.mark.browser

ISO_DATE = re.compile(r"(?<![\d/-])\d{4}-\d{2}-\d{2}(?![\d/-])")
ISO_MONTH_CELL = re.compile(r"\n\s*\d{4}-\d{2}\s*(?:\n|$)")


@pytest.fixture(scope="module")
def visits(page_visits) -> list[Visit]:
    """Every page at every width, each loaded once per run (tests/sidbesok.py); `report` is set on a
    report's living page and its editions (they have a summary), from the start page's list of reports."""
    found = [visit for width in WIDTHS for visit in page_visits(width)]
    for width in WIDTHS:
        at_width = [v for v in found if v.width == width]
        reports = report_pages(at_width)
        assert reports, f"the start page lists no report (at {width} px)"
        for v in at_width:
            url = "" if v.page == "/" else v.page
            living = re.sub(r"utgavor/[^/]+/$", "", url)
            v.report = living in reports and url != living + "utgavor/"
    return found


def _fail_on(findings: dict[str, list[str]]) -> None:
    report = "\n".join(f"{where}:\n  " + "\n  ".join(map(str, items)) for where, items in findings.items() if items)
    if report:
        pytest.fail(report, pytrace=False)


def test_every_page_was_visited(visits, built_site):
    assert len(visits) == len(WIDTHS) * len(site_pages(built_site))
    assert any("/utgavor/" in v.page for v in visits), "no edition among the pages"
    _fail_on({f"{v.page} at {v.width} px": v.errors for v in visits})


def test_no_figure_is_cut_at_the_edge_of_its_box(visits):
    for width in WIDTHS:
        assert sum(v.figures.get("checked", 0) for v in visits if v.width == width) > 100, f"few figures at {width} px"
    _fail_on({f"{v.page} at {v.width} px": v.figures.get("cut", []) for v in visits})


def test_no_note_mark_covers_the_word_it_marks(visits):
    """A footnote or revision mark in a table cell sits after its figure or word, at every width
    (on a phone a table may be shown as cards, where a mark once overlapped the word's last letter)."""
    for width in WIDTHS:
        assert sum(v.figures.get("marks", 0) for v in visits if v.width == width) > 0, f"inga notmärken i tabellerna vid {width} px"
    _fail_on({f"{v.page} vid {v.width} px, märket täcker texten": v.figures.get("covering", []) for v in visits})


def test_no_card_shows_a_label_without_a_value(visits):
    """A table shown as cards (on a phone) writes each cell under its column's name; a blank cell
    (a remark with nothing to say) is left out, not shown as a name over nothing."""
    assert sum(v.figures.get("card_cells", 0) for v in visits if v.width == WIDTHS[0]) > 0, "ingen tabell visas som kort"
    _fail_on({f"{v.page} vid {v.width} px": v.figures.get("bare_labels", []) for v in visits})


def test_no_markdown_or_template_syntax_in_page_text(visits):
    assert all(v.text.strip() for v in visits)
    findings = {}
    for v in visits:
        if v.width in (WIDTHS[0], WIDTHS[-1]):  # the text is the same at every width
            text = v.text
            findings[f"{v.page} at {v.width} px"] = [
                f"{what}: «{' '.join(text[max(0, m.start() - 30):m.end() + 30].split())}»"
                for pattern, what in leaks.PATTERNS for m in pattern.finditer(text)
            ]
    _fail_on(findings)


def test_no_chart_is_isolated_points_and_missing_bars_are_marked(visits):
    charts = [(v, c) for v in visits for c in v.charts]
    assert charts, "no chart on any page"
    findings = {}
    marked = 0
    for v, chart in charts:
        out = findings.setdefault(f"{v.page} #{chart['id']} at {v.width} px", [])
        if not chart["drawn"]:
            out.append("not drawn")
        for trace in (chart["figure"] or {}).get("data", []):
            values = trace.get("x") if trace.get("orientation") == "h" else trace.get("y")
            present = [value is not None for value in values or []]
            if trace.get("type") == "scatter" and any(present):
                if not any(a and b for a, b in zip(present, present[1:])):
                    out.append(f"{trace['name']!r} is drawn as isolated points: {values}")
            if trace.get("type") == "bar" and not (trace.get("meta") or {}).get("part") and not all(present):
                if not any("uppgift saknas" in note for note in chart["notes"]):
                    out.append(f"{trace['name']!r} has a bar with no value and no 'uppgift saknas' in the chart")
                else:
                    marked += 1
    assert marked, "no chart with a missing bar was checked"
    _fail_on(findings)


def test_the_summary_comes_first_at_body_size(visits):
    reports = [v for v in visits if v.report]
    assert reports and any("/utgavor/" in v.page for v in reports), "no report or edition found"
    findings = {}
    for v in reports:
        out = findings.setdefault(f"{v.page} at {v.width} px", [])
        if v.summary is None:
            out.append("no summary (I korthet)")
            continue
        if v.summary["size"] < v.summary["body"]:
            out.append(f"the summary's text is {v.summary['size']} px, the body's {v.summary['body']} px")
        screen = PHONE_HEIGHT if v.width < 600 else DESKTOP_HEIGHT
        if v.summary["top"] > screen - 60:  # at least its title and first line on the first screen
            out.append(f"the summary starts at {v.summary['top']:.0f} px, below the first screen ({screen} px)")
    _fail_on(findings)


def test_no_word_is_broken_without_a_hyphen(visits):
    assert sum(v.words.get("checked", 0) for v in visits) > 1000
    _fail_on({f"{v.page} at {v.width} px": v.words.get("broken", []) for v in visits})


def test_no_iso_date_in_page_text(visits):
    assert any(re.search(r"\d{1,2} (januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december) \d{4}", v.text) for v in visits)
    findings = {}
    for v in visits:
        if v.width != WIDTHS[-1]:
            continue
        found = [m[0] for m in ISO_DATE.finditer(v.text)] + [m[0].strip() for m in ISO_MONTH_CELL.finditer(v.text)]
        findings[v.page] = found
    _fail_on(findings)
