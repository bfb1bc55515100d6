"""Charts as plain values: one `Chart` per chart, from which the Plotly figure, the
table alternative (tables.chart_table) and the CSV download (outputs.downloads)
are all made, so the three always show the same numbers.

Figures are plain dicts (~1 ms to build, stable JSON), drawn by
docs/assets/charts.js. Colours are not in the figures: the site script applies
the theme (outputs/theme.py) for the reader's light or dark scheme.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..data.dataset import Dataset
from ..formats import swedish
from . import sentences

DASHES = ["solid", "dash", "dot", "dashdot", "longdash"]
SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x"]
PATTERNS = ["", "/", ".", "x", "\\"]
CONFIG = {"displayModeBar": False, "responsive": True, "locale": "sv-kommun"}
MONTH = "Månad"
LONG_CATEGORY = 12  # characters; a longer category name makes bar charts horizontal


@dataclass
class Series:
    name: str  # the legend label
    field: str  # the dataset field plotted
    keys: list[str]  # per category: the dataset row key, "" where the series has no row
    values: list  # per category: the typed value, None where missing
    fields: list[str] | None = None  # per category, where each value comes from another column (a ranking of places)
    group_of: list[int] | None = None  # per category, its kind in `Chart.groups` (which bars stand out)

    def field_at(self, position: int) -> str:
        return self.fields[position] if self.fields else self.field


@dataclass
class Group:
    """One kind of bar in a chart where some stand out, such as a municipality among its peers.
    Kinds differ by more than colour: a pattern, the legend, bold category labels."""

    name: str  # the legend label
    pattern: str = ""  # Plotly's bar pattern ("/", "."); "" plain
    muted: bool = False  # drawn in the theme's neutral colour, so that the others stand out
    bold: bool = False  # the category labels in bold


@dataclass
class Chart:
    dataset: Dataset
    kind: str  # "line" (months or years on x) or "bar"
    title: str  # with its unit: "Antal hushåll per månad, 2021–2022 (st)"
    category_title: str  # the x axis and the table's corner: "Månad", "Kön"
    categories: list[str]  # category labels as the table and the CSV show them: "jan", "jan 2022"
    x: list  # the same categories as Plotly places them ("jan", "2022-01-01", "Kvinnor")
    series: list[Series]
    summary: str = ""  # what the chart shows, in words
    period: str = ""  # the period the figures cover, for the source line: "jan 2021–sep 2022"
    latest: str = ""  # the latest month with a value, where it is earlier than the period's end
    anchor: str = ""  # a readable id base for the figure
    stacked: bool = False
    x_type: str = "category"  # or "date" for a time series
    layout: dict = field(default_factory=dict)  # extra Plotly layout for this kind
    groups: list[Group] = field(default_factory=list)  # kinds of bars, for series with `group_of`
    processed: str = ""  # what of the chart the site computed from the source (its source line says so)


def year_chart(dataset: Dataset, measure: str, years: list[int] | None = None) -> Chart:
    """Months on x, one line per year (default: every year in the data)."""
    spec = dataset.field(measure)
    periods = dataset.periods
    years = years or sorted({int(p[:4]) for p in periods})
    months = swedish.month_names()
    by_period = dict(zip(periods, dataset.frame[measure]))
    last = max((int(p[5:]) for p in periods if int(p[:4]) in years), default=0)
    series = []
    for year in years:
        keys = [f"{year}-{m:02d}" if f"{year}-{m:02d}" in by_period else "" for m in range(1, last + 1)]
        values = [_plain(by_period[k]) if k else None for k in keys]
        series.append(Series(str(year), measure, keys, values))
    shown = [p for p in periods if int(p[:4]) in years]
    return fit_form(Chart(
        dataset, "line",
        title=f"{spec.title} per månad, {years[0]}–{years[-1]} ({spec.unit})",
        category_title=MONTH,
        categories=months[:last], x=months[:last], series=series,
        summary=sentences.trend_summary(dataset, measure),
        period=month_span(shown),
        latest=_earlier_latest(shown, [dataset.latest_reported(measure)]),
        anchor=f"{measure}-per-manad",
        layout={"xaxis": {"type": "category", "categoryorder": "array", "categoryarray": months}},
    ))


def series_chart(dataset: Dataset, measures: list[str]) -> Chart:
    """A time series over every month in the data, one line per measure."""
    specs = [dataset.field(m) for m in measures]
    periods = dataset.periods
    series = [Series(s.title, s.name, list(periods), [_plain(v) for v in dataset.frame[s.name]]) for s in specs]
    units = sorted({s.unit for s in specs if s.unit})
    names = ", ".join(s.title for s in specs)
    return fit_form(Chart(
        dataset, "line",
        title=f"{names}, {swedish.month_short(periods[0])}–{swedish.month_short(periods[-1])} ({'/'.join(units)})",
        category_title=MONTH,
        categories=[swedish.month_short(p) for p in periods], x=[f"{p}-01" for p in periods], series=series,
        summary=" ".join(sentences.trend_summary(dataset, m) for m in measures),
        period=month_span(periods),
        latest=_earlier_latest(periods, [dataset.latest_reported(m) for m in measures]),
        anchor=f"{'-'.join(measures)}-over-tid",
        x_type="date",
        layout={"xaxis": {"type": "date", "tickformat": "%b %Y", "hoverformat": "%B %Y"}},
    ))


def bar_chart(dataset: Dataset, measures: list[str], category: str | None = None, stacked: bool = False, title: str | None = None) -> Chart:
    """Bars per row of a breakdown (by gender, type, project…), grouped or stacked.
    "Varav" rows are parts of another row, so they are left out."""
    category = category or dataset.key_field
    category_spec = dataset.field(category)
    specs = [dataset.field(m) for m in measures]
    frame = dataset.frame[dataset.main_rows()]
    keys = [str(v) for v in frame[category]]
    labels = [swedish.month_short(k) for k in keys] if category_spec.type == "yearmonth" else keys
    series = [Series(s.title, s.name, keys, [_plain(v) for v in frame[s.name]]) for s in specs]
    main = Dataset(dataset.id, dataset.path, dataset.schema, frame.reset_index(drop=True), memo=dataset.memo)
    return Chart(
        main, "bar",
        title=title or f"{dataset.title} ({specs[0].unit})",
        category_title=category_spec.title,
        categories=labels, x=labels, series=series,
        summary=sentences.breakdown_summary(main, measures, labels),
        period=month_span(keys) if category_spec.type == "yearmonth" else dataset.schema.period,
        anchor=f"{dataset.id.split('/')[-1]}-stapel",
        stacked=stacked,
    )


def isolated(values: list, adjacent: list[bool] | None = None) -> bool:
    """True when a line would be only dots: no value has a neighbour with a value (a series
    reported once a year, or two months far apart). `adjacent[i]` says whether categories i and
    i + 1 are neighbours at all (on a time axis, two rows with months between them are not)."""
    present = [not swedish.is_missing(v) for v in values]
    adjacent = adjacent or [True] * len(values)
    return any(present) and not any(a and b and n for a, b, n in zip(present, present[1:], adjacent))


def empty(series: Series) -> bool:
    """A series with no value at all: nothing to draw, said as "uppgift saknas" in the chart."""
    return all(swedish.is_missing(v) for v in series.values)


def neighbours(chart: Chart) -> list[bool]:
    """For each pair of consecutive categories, whether they are neighbouring periods: on a
    time axis, rows a month apart; a line drawn between rows further apart would cross months
    that have no figure."""
    if chart.x_type != "date":
        return [True] * max(0, len(chart.x) - 1)
    return [_months_between(a, b) == 1 for a, b in zip(chart.x, chart.x[1:])]


def _months_between(a: str, b: str) -> int:
    """Months from the ISO date `a` to `b` ("2021-03-01" to "2021-04-01" is 1)."""
    return (int(b[:4]) - int(a[:4])) * 12 + int(b[5:7]) - int(a[5:7])


def fit_form(chart: Chart) -> Chart:
    """The chart's form follows the data's shape. A line needs neighbouring points; when no
    series that has values has two (months far apart, whether their rows are absent or
    written as missing), the periods that have values are compared as grouped bars (one group
    per period, one bar per series), so nothing is drawn as dots lost on an empty axis or as a
    line across months without figures. A series with no value at all is not drawn (figure()
    says "uppgift saknas" for it)."""
    drawn = [s for s in chart.series if not empty(s)]
    adjacent = neighbours(chart)
    if chart.kind != "line" or not drawn or not all(isolated(s.values, adjacent) for s in drawn):
        return chart
    kept = [i for i in range(len(chart.categories)) if any(not swedish.is_missing(s.values[i]) for s in chart.series)]
    labels = [chart.categories[i] for i in kept]  # "nov 2022" for a time series; "nov" with a year per series
    series = [Series(s.name, s.field, [s.keys[i] for i in kept], [s.values[i] for i in kept]) for s in chart.series]
    chart.kind, chart.x_type, chart.layout = "bar", "category", {}
    chart.categories, chart.x, chart.series = labels, labels, series
    return chart


def month_span(periods: list[str]) -> str:
    """`jan 2021–sep 2022`, from the data: the source line never names a period by hand."""
    if not periods:
        return ""
    first, last = swedish.month_short(periods[0]), swedish.month_short(periods[-1])
    return first if first == last else f"{first}–{last}"


def _earlier_latest(periods: list[str], reported: list[str | None]) -> str:
    """The latest month with a value, named only when it is earlier than the last month shown."""
    latest = max((r for r in reported if r), default=None)
    return swedish.month_short(latest) if latest and periods and latest < periods[-1] else ""


def _plain(value):
    """A typed value as JSON takes it: missing as None (a gap, never a zero), numbers as float."""
    return None if swedish.is_missing(value) else float(value)


# ---------------------------------------------------------------- the Plotly figure


def _y_title(chart: Chart) -> str:
    drawn = [s for s in chart.series if not empty(s)] or chart.series  # the axis is of what is drawn
    specs = [chart.dataset.field(s.field) for s in drawn]
    units = {s.unit for s in specs}
    title = specs[0].title if len({s.field for s in drawn}) == 1 else ""
    if any(s.fields for s in chart.series):  # values from several columns (places): the series says what they are
        title = chart.series[0].name
    unit = units.pop() if len(units) == 1 else ""
    return f"{title} ({unit})" if title and unit else title or unit


def plotly_text(text) -> str:
    """Text as Plotly shows it, never as markup: Plotly renders <a href>, <b>, <br> and
    entities in names, category labels, titles and hover text, so & < > are written as
    entities and show as typed."""
    return _escaped(swedish.dates_in_text(text))  # a title from the schema: "Utfall t.o.m. 31 augusti 2022"


def _escaped(text) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _hover(chart: Chart, name: str, axis: str = "y") -> str:
    """The value with its unit, and the trace's name taken from the trace (never pasted into
    the template, where `%{…}` in a name would be read as a placeholder)."""
    places = chart.dataset.decimals(name)
    unit = chart.dataset.field(name).unit or ""
    unit = swedish.NBSP + plotly_text(unit) if unit else ""
    return f"%{{{axis}:,.{places}f}}{unit}<extra>%{{fullData.name}}</extra>"


def horizontal(chart: Chart) -> bool:
    """Bars lie down when a category name is long: read across, never rotated or cut."""
    return chart.kind == "bar" and max((len(c) for c in chart.categories), default=0) > LONG_CATEGORY


def _by_group(chart: Chart, series: Series, trace: dict, lying: bool) -> list[dict]:
    """One series as one trace per kind of bar (`Chart.groups`): each kind gets its legend entry,
    pattern and tone (muted kinds are drawn in the theme's neutral colour, see charts.js), and
    holds only its own categories' values."""
    value_key = "x" if lying else "y"
    traces = []
    for number, group in enumerate(chart.groups):
        if number not in series.group_of:
            continue
        part = {**trace, "name": plotly_text(group.name)}
        part[value_key] = [v if series.group_of[i] == number else None for i, v in enumerate(trace[value_key])]
        part["marker"] = {"pattern": {"shape": group.pattern, "fillmode": "overlay", "solidity": 0.3}}
        part["hovertemplate"] = f"%{{{'y' if lying else 'x'}}}: {trace['hovertemplate']}"  # the bar's name: the legend names its kind
        part["meta"] = {"muted": group.muted, "part": True}  # holds only its kind's bars: a gap elsewhere is no missing value
        traces.append(part)
    return traces


def missing_marks(chart: Chart, labels: list[str], lying: bool) -> list[dict]:
    """A bar with no value is not drawn, which reads as zero: its place says "uppgift saknas"
    (with the series' name where the category has other bars), standing at the value axis' zero."""
    marks = []
    upright = not lying and len(labels) > 4  # many narrow categories: the words run upwards
    drawn = [s for s in chart.series if not empty(s)]  # a series with no value is said once (empty_marks)
    for position, label in enumerate(labels):
        gaps = [s for s in drawn if position < len(s.values) and swedish.is_missing(s.values[position])]
        if not gaps:
            continue
        whole = len(gaps) == len(drawn)
        text = swedish.MISSING_TEXT if whole else "<br>".join(f"{plotly_text(s.name)}: {swedish.MISSING_TEXT}" for s in gaps)
        mark = {"text": text, "showarrow": False, "font": {"size": 11}, "name": "uppgift-saknas"}
        if lying:
            mark.update(x=0, y=label, xref="x", yref="y", xanchor="left", xshift=4)
        else:
            mark.update(x=label, y=0, xref="x", yref="y", yanchor="bottom", yshift=4, textangle=-90 if upright else 0)
        marks.append(mark)
    return marks


def empty_marks(chart: Chart) -> tuple[list[dict], dict]:
    """What the chart says of series with no value at all, and the layout that makes room for it.
    Such a series is left out of the plot and its legend (an entry with nothing drawn reads as a
    line hidden somewhere); one line above the plot names them: "2022, 2023: uppgift saknas".
    A chart with no value at all says so in the middle of an empty frame, without axes."""
    gone = [s for s in chart.series if empty(s)]
    if not gone:
        return [], {}
    if len(gone) == len(chart.series):
        text = f"Uppgift saknas för {chart.period}" if chart.period else "Uppgift saknas"
        mark = {"text": text, "showarrow": False, "x": 0.5, "y": 0.5, "xref": "paper", "yref": "paper",
                "font": {"size": 15}, "name": "uppgift-saknas-allt"}
        hidden = {"visible": False, "fixedrange": True}
        return [mark], {"height": 160, "xaxis": hidden, "yaxis": hidden, "showlegend": False}
    text = f"{', '.join(plotly_text(s.name) for s in gone)}: {swedish.MISSING_TEXT}"
    mark = {"text": text, "showarrow": False, "x": 0, "y": 1, "xref": "paper", "yref": "paper",
            "xanchor": "left", "yanchor": "top", "align": "left", "font": {"size": 12}, "name": "uppgift-saknas-serie"}
    # The plot stops below the line (charts.js makes the room fit the line as wrapped at its width).
    return [mark], {"yaxis": {"domain": [0, 0.88]}}


def _with_gaps(x: list, values: list, keys: list) -> tuple[list, list, list]:
    """A time series' points with an empty point between rows that are months apart, so the
    line breaks there (connectgaps is off) instead of crossing months that have no figure."""
    if len(x) < 2:
        return x, values, keys
    xs, ys, ks = [x[0]], [values[0]], [keys[0]]
    for before, after, value, key in zip(x, x[1:], values[1:], keys[1:]):
        if _months_between(before, after) > 1:
            year, month = int(before[:4]) + int(before[5:7]) // 12, int(before[5:7]) % 12 + 1
            xs.append(f"{year}-{month:02d}-01"); ys.append(None); ks.append("")
        xs.append(after); ys.append(value); ks.append(key)
    return xs, ys, ks


def figure(chart: Chart) -> dict:
    """The chart as Plotly's {data, layout, config}; each point keeps its row key in customdata.

    The layout keeps every label apart at any width: the legend above the plot, axes that make
    room for their ticks and titles (automargin), tick labels level or upright (never slanted
    into each other), full Swedish numbers (`14 000`, never `14k`). charts.js adapts it to the
    element's width at draw time (wraps long names, fewer month ticks, smaller type)."""
    lying = horizontal(chart)
    value_axis, category_axis = ("xaxis", "yaxis") if lying else ("yaxis", "xaxis")
    bold = {i for s in chart.series for i, g in enumerate(s.group_of or []) if chart.groups[g].bold}
    # A date axis needs its ISO dates as data (Plotly writes the ticks); category labels are read as text.
    label = _escaped if chart.x_type == "date" else plotly_text
    labels = [f"<b>{label(x)}</b>" if i in bold else label(x) for i, x in enumerate(chart.x)]
    traces = []
    for index, s in enumerate(chart.series):
        if empty(s):
            continue  # nothing to draw: empty_marks names it
        # A line stops at its last row instead of being padded with gaps (a year still in progress).
        end = max((i + 1 for i, key in enumerate(s.keys) if key), default=0)
        categories, values, keys = labels[:end], s.values[:end], s.keys[:end]
        if chart.x_type == "date":
            categories, values, keys = _with_gaps(categories, values, keys)
        trace = {
            "name": plotly_text(s.name),
            "x": values if lying else categories,
            "y": categories if lying else values,
            "customdata": keys,
            "hovertemplate": _hover(chart, s.field, value_axis[0]),
        }
        if chart.kind == "bar":
            # Overlay keeps the bar's colour and draws the pattern on top, so series differ by more than colour.
            trace.update(type="bar", marker={"pattern": {"shape": PATTERNS[index % len(PATTERNS)], "fillmode": "overlay", "solidity": 0.3}})
            if lying:
                trace["orientation"] = "h"
        else:
            trace.update(
                type="scatter", mode="lines+markers", connectgaps=False,
                line={"dash": DASHES[index % len(DASHES)], "width": 2.5},
                marker={"symbol": SYMBOLS[index % len(SYMBOLS)], "size": 7},
            )
        traces += _by_group(chart, s, trace, lying) if s.group_of else [trace]
    layout = {
        "separators": f",{swedish.NBSP}",  # decimal comma, no-break space between thousands
        "margin": {"l": 8, "r": 16, "t": 8, "b": 8},  # automargin widens these to fit ticks and titles
        "height": 360,
        "hovermode": "closest" if chart.kind == "bar" else "x unified",
        # Above the plot: a legend below it collides with the category axis' title and ticks.
        # In the series' order, as the table's columns.
        "legend": {"orientation": "h", "traceorder": "normal", "x": 0, "xanchor": "left", "y": 1, "yanchor": "bottom"},
        category_axis: {
            "title": {"text": "" if lying else plotly_text(chart.category_title)},  # lying bars: the names say it
            "type": "category", "automargin": True, "fixedrange": True, "autotickangles": [0, 90],
        },
        value_axis: {
            "title": {"text": plotly_text(_y_title(chart))}, "rangemode": "tozero", "automargin": True, "fixedrange": True,
            "separatethousands": True, "exponentformat": "none",  # `14 000`, never Plotly's default `14k`
        },
    }
    # A gap under the plot: the first x label would otherwise touch the y axis' bottom label ("0").
    layout["xaxis"]["ticklabelstandoff"] = 6
    if lying:
        layout["yaxis"]["autorange"] = "reversed"  # first category on top, as in the table
        layout["height"] = 80 + 44 * len(chart.categories) * (1 if chart.stacked or chart.groups else len(chart.series))
    if chart.kind == "bar":
        # Kinds of one series take turns on the categories: one bar each, never side by side.
        layout["barmode"] = "stack" if chart.stacked or chart.groups else "group"
    marks = missing_marks(chart, labels, lying) if chart.kind == "bar" else []
    said, room = empty_marks(chart)
    if marks or said:
        layout["annotations"] = marks + said
    for key, extra in room.items():
        layout[key] = {**layout.get(key, {}), **extra} if isinstance(extra, dict) else extra
    if chart.groups:  # the categories in the chart's order, whichever kind of bar comes first
        layout[category_axis].update(categoryorder="array", categoryarray=labels)
    for key, extra in chart.layout.items():
        layout[key] = {**layout.get(key, {}), **extra}
    return {"data": traces, "layout": layout, "config": CONFIG}
