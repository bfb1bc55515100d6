"""Plotly figures as plain dicts: cheap to build (~1 ms), stable, drawn by assets/charts.js.

Colours are not in the figures: the site script applies the theme below for
the reader's light or dark scheme, so one figure serves both.
"""

from __future__ import annotations

from . import swedish, text
from .data import Dataset

# Okabe–Ito, colour-blind safe; every colour ≥ 3:1 against its scheme's background
# (checked in tests/test_charts.py). Lines also differ by dash and marker, never by colour alone.
THEMES = {
    "light": {
        "background": "#ffffff",
        "font": "#000000de",
        "grid": "#d0d0d0",
        "colorway": ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#882255"],
    },
    "dark": {
        "background": "#1e2029",
        "font": "#e2e4e9",
        "grid": "#3b3f4d",
        "colorway": ["#56B4E9", "#E69F00", "#009E73", "#CC79A7", "#F0E442"],
    },
}
DASHES = ["solid", "dash", "dot", "dashdot", "longdash"]
SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x"]
PATTERNS = ["", "/", ".", "x", "\\"]


def _layout(y_title: str, x_title: str | None = None, **extra) -> dict:
    layout = {
        "separators": f",{swedish.NBSP}",  # decimal comma, no-break space between thousands
        "margin": {"l": 64, "r": 16, "t": 16, "b": 56},
        "height": 360,
        "hovermode": "x unified",
        "legend": {"orientation": "h", "y": -0.2},
        "xaxis": {"title": {"text": x_title or ""}, "fixedrange": True},
        "yaxis": {"title": {"text": y_title}, "rangemode": "tozero", "separatethousands": True, "fixedrange": True},
    }
    layout.update(extra)
    return layout


CONFIG = {"displayModeBar": False, "responsive": True, "locale": "sv-kommun"}


def _hover(dataset: Dataset, name: str, label: str) -> str:
    places = text.decimals(dataset, name)
    unit = dataset.field(name).get("unit") or ""
    unit = swedish.NBSP + unit if unit else ""
    return f"%{{y:,.{places}f}}{unit}<extra>{label}</extra>"


def _y_title(dataset: Dataset, names: list[str]) -> str:
    units = {dataset.field(n).get("unit") for n in names}
    title = dataset.field(names[0])["title"] if len(names) == 1 else ""
    unit = units.pop() if len(units) == 1 else ""
    return f"{title} ({unit})" if title and unit else title or unit


def _values(series) -> list:
    """JSON-ready values: missing as null, so Plotly leaves a gap, never a zero."""
    return [None if swedish.is_missing(v) else float(v) for v in series]


def _line(index: int, name: str, x: list, y: list, hover: str, keys: list[str]) -> dict:
    return {
        "type": "scatter",
        "mode": "lines+markers",
        "name": name,
        "x": x,
        "y": y,
        "customdata": keys,  # each point's row key in the dataset, for the table alternative
        "connectgaps": False,
        "line": {"dash": DASHES[index % len(DASHES)], "width": 2.5},
        "marker": {"symbol": SYMBOLS[index % len(SYMBOLS)], "size": 7},
        "hovertemplate": hover,
    }


def year_figure(dataset: Dataset, name: str, years: list[int]) -> dict:
    """Months on x, one line per year."""
    months = swedish.month_names()
    frame = dataset.frame
    period = frame[dataset.period_field]
    traces = []
    for index, year in enumerate(years):
        by_month = dict(zip(period, frame[name]))
        y = [by_month.get(f"{year}-{m:02d}") for m in range(1, 13)]
        # Stop the line at the year's last reported month instead of padding with gaps.
        last = max((i for i, v in enumerate(y) if f"{year}-{i + 1:02d}" in by_month), default=-1)
        keys = [f"{year}-{m:02d}" for m in range(1, last + 2)]
        traces.append(_line(index, str(year), months[: last + 1], _values(y[: last + 1]), _hover(dataset, name, str(year)), keys))
    layout = _layout(_y_title(dataset, [name]), "Månad")
    layout["xaxis"].update({"type": "category", "categoryorder": "array", "categoryarray": months})
    return {"data": traces, "layout": layout, "config": CONFIG}


def series_figure(dataset: Dataset, names: list[str]) -> dict:
    """A time series over every month in the data, one line per measure."""
    frame = dataset.frame
    x = [f"{p}-01" for p in frame[dataset.period_field]]
    traces = [
        _line(i, dataset.field(n)["title"], x, _values(frame[n]), _hover(dataset, n, dataset.field(n)["title"]), list(frame[dataset.period_field]))
        for i, n in enumerate(names)
    ]
    layout = _layout(_y_title(dataset, names), "Månad")
    layout["xaxis"].update({"type": "date", "tickformat": "%b %Y", "hoverformat": "%B %Y"})
    return {"data": traces, "layout": layout, "config": CONFIG}


def bar_figure(dataset: Dataset, names: list[str], category: str, stacked: bool, labels: list[str]) -> dict:
    """One bar per row (category), grouped or stacked by measure."""
    frame = dataset.frame
    if dataset.field(category)["type"] == "yearmonth":
        x = [swedish.month_short(v) for v in frame[category]]
    else:
        x = [str(v) for v in frame[category]]
    traces = []
    for index, n in enumerate(names):
        title = labels[index]
        traces.append(
            {
                "type": "bar",
                "name": title,
                "x": x,
                "y": _values(frame[n]),
                "customdata": [str(v) for v in frame[category]],
                # Overlay keeps the bar's colour and draws the pattern on top, so series differ by more than colour.
                "marker": {"pattern": {"shape": PATTERNS[index % len(PATTERNS)], "fillmode": "overlay", "solidity": 0.3}},
                "hovertemplate": _hover(dataset, n, title),
            }
        )
    layout = _layout(_y_title(dataset, names), dataset.field(category)["title"], barmode="stack" if stacked else "group")
    layout["hovermode"] = "closest"
    layout["xaxis"]["type"] = "category"
    return {"data": traces, "layout": layout, "config": CONFIG}


def theme_script() -> str:
    """assets/chart-theme.js: the themes and the Swedish Plotly locale, from this module."""
    import json

    payload = {"themes": THEMES, "locale": swedish.plotly_locale()}
    return "window.SITE_CHARTS = " + json.dumps(payload, ensure_ascii=False, sort_keys=True) + ";\n"
