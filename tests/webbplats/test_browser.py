"""Every page of the real site in a real browser (Debian's chromium through Playwright).

The site is built once per run (conftest.built_site) and each page visited once per width for
every module that reads what it shows (tests/sidbesok.py, the `page_visits` fixture): at the
desktop's width the visit records what the checks below need: console errors, failed and foreign
requests, the charts' state in the light and the dark scheme, and axe-core's results for both
schemes (with the charts' "Tabell" tab shown too, since axe skips hidden content).
test_diagramdata.py (table and CSV = chart data) and test_phones.py read the same visits.

Checks that need no browser (captions, scopes, lang, footer link) read the built HTML and run
even where chromium is missing. The rounds that interact with a page are modules of their own, so
the workers share them: test_navigering.py (instant navigation), test_tangentbord.py (keyboard);
they use the helpers here.

Chart markup contract (macros/templates/chart.html):
  <figure class="chart" id="A"> <figcaption> <p class="chart-summary"> a Material tab set
  ("Diagram", "Tabell") with <div class="chart-plot" data-figure="A-data">, the figure JSON
  ({data, layout, config}) in the element with id="A-data" (a <template>), the table, and
  <a class="chart-download" href="A.csv" download>.
"""

from __future__ import annotations

import csv
import io
import math
import re
from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import page_url_path, site_pages
from sidbesok import (  # noqa: F401 - the probes and helpers the other browser modules import from here
    CHART_STATE_JS,
    DESKTOP,
    FIGURE_JSON_JS,
    TABLE_GRID_JS,
    Visit,
)
from sidbesok import open_context as _open  # noqa: F401
from sidbesok import wait_drawn as _wait_drawn  # noqa: F401

MAX_TABS = 400  # Tab presses before giving up on reaching an element

browser_test = pytest.mark.browser


# ---------------------------------------------------------------- JS probes

DESCRIBE_FOCUS_JS = """
() => {
  const e = document.activeElement;
  if (!e || e === document.body) return { desc: 'body', body: true };
  const fig = e.closest('figure.chart');
  let label = '';
  if (e.id) { const l = document.querySelector('label[for="' + CSS.escape(e.id) + '"]'); if (l) label = l.textContent.trim(); }
  const text = (e.getAttribute('aria-label') || label || e.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
  return {
    desc: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string'
      ? '.' + e.className.trim().split(/\\s+/).filter((c) => c !== 'focus-visible').join('.') : '')
      + (text ? ' "' + text + '"' : ''),
    figure: fig ? fig.id : null,
    radio: e.matches('.tabbed-set > input[type=radio]'),
    checked: !!e.checked,
    label: label,
    download: e.matches('a.chart-download'),
    body: false,
  };
}
"""


# ---------------------------------------------------------------- the visits (tests/sidbesok.py)


@pytest.fixture(scope="module")
def visits(page_visits) -> dict[str, Visit]:
    """Every page at the desktop's width, loaded once per run for every module that reads it."""
    return {v.page: v for v in page_visits(DESKTOP)}


def _report(findings: dict[str, list[str]]) -> str:
    return "\n".join(
        f"{page}:\n  " + "\n  ".join(items) for page, items in findings.items() if items
    )


def _require(found: int, what: str) -> None:
    """A check that found nothing to check fails: the tests' site always has pages and charts."""
    if not found:
        pytest.fail(f"Testet hittade inga {what} på webbplatsen, så det kontrollerade ingenting.", pytrace=False)


def _fail_on(findings: dict[str, list[str]], title: str = "") -> None:
    """Fail with the findings page by page, without pytest's dump of the fixtures' values."""
    if any(findings.values()):
        pytest.fail(title + _report(findings), pytrace=False)


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


CHART_CODE = {"charts.js", "chart-theme.js", "plotly-site.min.js"}
@browser_test
def test_chart_code_loads_only_where_charts_are(visits):
    """A page without a chart loads no chart code at all. On a page with charts, plotly.js
    waits until the page has loaded (then it is fetched at idle) or a chart nears the screen,
    so the text, cards and tables come first."""
    findings: dict[str, list[str]] = {}
    for page, v in visits.items():
        out = findings.setdefault(page, [])
        loaded = CHART_CODE & set(v.scripts)
        if not v.has_charts and loaded:
            out.append(f"no chart on the page, yet it loads {sorted(loaded)}")
        if v.has_charts and "plotly-site.min.js" not in v.scripts:
            out.append("charts drawn without plotly-site.min.js? it was never requested")
        if v.first_chart_below > 400 and v.plotly_before_load:
            out.append("plotly-site.min.js requested before the page had loaded, with no chart near the screen")
    _fail_on(findings)


# ---------------------------------------------------------------- browser: charts


def _chart_problems(charts: list[dict]) -> list[str]:
    out = []
    for c in charts:
        if not c["plot"]:
            out.append(f"#{c['id']}: no .chart-plot")
        elif not c["svg"]:
            out.append(f"#{c['id']}: not drawn (no svg.main-svg)")
        elif not c["traces"]:
            out.append(f"#{c['id']}: drawn without any trace")
        elif c["width"] < 100:
            out.append(f"#{c['id']}: drawn {c['width']:.0f} px wide")
    return out


@browser_test
def test_every_chart_is_drawn(visits):
    _require(sum(len(v.charts_light) for v in visits.values()), "diagram")
    findings = {p: _chart_problems(v.charts_light) for p, v in visits.items()}
    _fail_on(findings)


def _rgb(css: str) -> tuple[float, float, float, float]:
    nums = [float(n) for n in re.findall(r"[\d.]+", css)]
    return (*nums[:3], nums[3] if len(nums) > 3 else 1.0)


def _luminance(rgb) -> float:
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(fill: str, opacity: str, background: str) -> float:
    fg, bg = _rgb(fill), _rgb(background)
    alpha = fg[3] * float(opacity or 1)
    blended = [fg[i] * alpha + bg[i] * (1 - alpha) for i in range(3)]
    a, b = sorted([_luminance(blended), _luminance(bg)], reverse=True)
    return (a + 0.05) / (b + 0.05)


def _text_contrast_problems(chart: dict, scheme: str) -> list[str]:
    worst = {}
    for fill, opacity, text in chart["texts"]:
        ratio = _contrast(fill, opacity, chart["background"])
        if ratio < 4.5 and (fill, opacity) not in worst:
            worst[(fill, opacity)] = (
                f"#{chart['id']} ({scheme}): text {text!r} in {fill} (opacity {opacity}) "
                f"on {chart['background']}: contrast {ratio:.2f}:1 < 4.5:1"
            )
    return list(worst.values())


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


PICK_LINK_JS = """
(want) => {
  document.querySelectorAll('[data-test-hop]').forEach((a) => a.removeAttribute('data-test-hop'));
  const visible = (a) => { const r = a.getBoundingClientRect(); return r.width > 0 && r.height > 0
    && getComputedStyle(a).visibility !== 'hidden' && !a.closest('[hidden]'); };
  const links = Array.from(document.querySelectorAll('.md-nav a[href], .md-content a[href], .md-footer a[href]'))
    .filter((a) => a.href === want && visible(a));
  if (!links.length) return false;
  links[0].setAttribute('data-test-hop', '');
  return true;
}
"""


def _page_file(built_site, url_path: str) -> Path:
    return built_site / url_path / "index.html" if url_path else built_site / "index.html"


def _title(built_site, url_path: str) -> str:
    return _soup(_page_file(built_site, url_path)).title.get_text()


def _chart_pages(built_site) -> list[str]:
    return [
        page_url_path(built_site, p)
        for p in site_pages(built_site)
        if _soup(p).select("figure.chart")
    ]


# ---------------------------------------------------------------- browser: table and CSV = chart data

_SV_NUMBER = re.compile(r"^[+\u2212]?\d{1,3}(?:\u00a0\d{3})*(?:,\d+)?(?:\u00a0\S.*)?$")


def parse_sv(text: str) -> tuple[float, int] | None:
    """`1 690` → (1690, 0); `8,8` → (8.8, 1); `−14 891 tkr` → (−14891, 0); `..`/empty → None."""
    text = text.strip()
    if text in ("", "..", "uppgift saknas"):
        return None
    m = re.match(r"^([+\-\u2212]?)(\d[\d\u00a0\u202f ]*)(?:,(\d+))?", text)
    if not m:
        raise ValueError(f"not a Swedish number: {text!r}")
    digits = re.sub(r"[\u00a0\u202f ]", "", m[2])
    value = float(digits + ("." + m[3] if m[3] else ""))
    return (-value if m[1] in ("-", "\u2212") else value, len(m[3] or ""))


def _close(shown: float, decimals: int, value: float) -> bool:
    return abs(shown - value) <= 0.5 * 10**-decimals + 1e-9


def _trace_points(trace: dict) -> list[tuple[str, object]]:
    """(category, value) pairs of a trace; horizontal bars swap the axes."""
    cats, vals = (
        (trace.get("y"), trace.get("x"))
        if trace.get("orientation") == "h"
        else (trace.get("x"), trace.get("y"))
    )
    for arr in (cats, vals):
        if isinstance(arr, dict):
            raise TypeError(
                f"trace {trace.get('name')!r} uses Plotly's binary arrays; write plain lists"
            )
    return list(zip([str(c) for c in cats or []], vals or []))


def _compare_values(what: str, shown: list[tuple[float, int]], plotted: list[float]) -> list[str]:
    """Both sides as sorted multisets; each shown value must round-match its plotted value."""
    if len(shown) != len(plotted):
        return [f"{what}: {len(shown)} values, the chart plots {len(plotted)}"]
    out = []
    for (s, d), p in zip(sorted(shown), sorted(plotted)):
        if not _close(s, d, p):
            out.append(f"{what}: shows {s} where the chart has {p}")
    return out[:10]


def _grid_problems(fig_id: str, grid: dict, traces: list[dict]) -> list[str]:
    """If the table is a grid of categories × trace names, check it cell by cell."""
    head, rows = grid["head"][1:], grid["rows"]
    labels = [r["label"] for r in rows]
    names = [str(t.get("name")) for t in traces]
    cells = {}
    if set(names) <= set(head) and all(c in labels for t in traces for c, _ in _trace_points(t)):
        for r in rows:
            for name, cell in zip(head, r["cells"]):
                cells[(r["label"], name)] = cell
    elif set(names) <= set(labels) and all(c in head for t in traces for c, _ in _trace_points(t)):
        for r in rows:
            for cat, cell in zip(head, r["cells"]):
                cells[(cat, r["label"])] = cell
    else:
        return []  # another layout (e.g. dates on x, month names in the table): the multiset check covers it
    out, covered = [], set()
    for t in traces:
        for cat, value in _trace_points(t):
            key = (cat, str(t.get("name")))
            covered.add(key)
            shown = parse_sv(cells[key]["text"]) if key in cells else "absent"
            if value is None:
                if shown is not None:
                    out.append(
                        f"#{fig_id} {key}: chart has no value, table shows {cells.get(key, {}).get('text')!r}"
                    )
            elif shown in (None, "absent") or not _close(shown[0], shown[1], float(value)):
                out.append(
                    f"#{fig_id} {key}: chart {value}, table {cells.get(key, {}).get('text')!r}"
                )
    for key, cell in cells.items():
        if key not in covered and parse_sv(cell["text"]) is not None:
            out.append(
                f"#{fig_id} {key}: table shows {cell['text']!r}, the chart has no such point"
            )
    return out[:20]


def _csv_rows(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body[3:].decode("utf-8"), newline=""), delimiter=";"))


# ---------------------------------------------------------------- browser: axe-core


def _axe_report(violations: list[dict]) -> list[str]:
    out = []
    for v in violations:
        out.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:8]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            out.append(
                f"    {', '.join(map(str, node['target']))}: {node['html'][:160]!r}\n      {summary[:300]}"
            )
        if len(v["nodes"]) > 8:
            out.append(f"    … and {len(v['nodes']) - 8} more")
    return out


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


# ---------------------------------------------------------------- browser: keyboard


# ---------------------------------------------------------------- static: what axe cannot check


@cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


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
