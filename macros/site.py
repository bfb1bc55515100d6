"""The page authors' vocabulary: one `Site` per build, one method per macro.

`macros/__init__.py` registers these methods under the same names. The dataset
comes first, everything else by keyword, and the latest period is the
default, so a monthly update never touches a page.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import posixpath
import subprocess
from collections import Counter
from pathlib import Path

from . import cards as cardmodels
from . import charts, html, swedish, tables, text
from .data import TOTAL, Catalog, Dataset, main_rows


class Site:
    def __init__(self, root: Path, today: dt.date | None = None, nav: list | None = None, docs_dir: Path | None = None):
        self.catalog = Catalog(root, today)
        self.nav = nav or []
        self.docs_dir = docs_dir or Path(root) / "docs"
        self.page_url = ""  # the page being rendered, e.g. "astorp/"
        self._ids: Counter = Counter()
        self.downloads: dict[str, bytes] = {}  # site path → CSV bytes, written after the build

    # ------------------------------------------------------------ page bookkeeping

    def start_page(self, url: str) -> None:
        self.page_url, self._ids = url, Counter()

    def unique_id(self, base: str) -> str:
        """Stable ids: the same page and data always give the same ids."""
        base = html.slug(base)
        self._ids[base] += 1
        return base if self._ids[base] == 1 else f"{base}-{self._ids[base]}"

    def load(self, dataset_id: str) -> Dataset:
        return self.catalog.load(dataset_id)

    # ------------------------------------------------------------ inline values

    def period_name(self, dataset_id: str, period: str | None = None, style: str = "long") -> str:
        """`augusti 2022` (style="long") or `aug 2022` (style="short") for the latest period."""
        period = period or self._latest(self.load(dataset_id))
        return swedish.month_long(period) if style == "long" else swedish.month_short(period)

    def value(self, dataset_id: str, measure: str, period: str | None = None, key: str | None = None, unit: bool = True) -> str:
        """One figure for running text: the latest month's by default, or the row named by `key`."""
        dataset = self.load(dataset_id)
        if key is not None:
            figure = self._pick(dataset, measure, key=key)
        elif dataset.period_field:
            key = period or self._latest(dataset)
            figure = self._pick(dataset, measure, period=key)
        else:
            raise ValueError(f"{dataset.id} har inga månader: ange raden med key=")
        return inline(dataset, key, measure, text.value_text(dataset, measure, figure, unit))

    def total(self, dataset_id: str, measure: str) -> str:
        """The computed sum of a column over the main rows (not "varav" rows): `24 000 tkr`."""
        dataset = self.load(dataset_id)
        dataset.field(measure)
        frame = dataset.frame
        return inline(dataset, TOTAL, measure, text.value_text(dataset, measure, frame[measure][main_rows(frame)].sum(min_count=1)))

    def change(self, dataset_id: str, measure: str, period: str | None = None) -> str:
        """`32 färre än i augusti 2021`: the change from the same month a year earlier."""
        dataset = self.load(dataset_id)
        period = period or self._latest(dataset)
        earlier = year_before(period)
        return text.change_words(
            dataset, measure, self._pick(dataset, measure, period), self._pick(dataset, measure, earlier),
            swedish.month_long(earlier),
        )

    # ------------------------------------------------------------ cards

    def kpi_cards(
        self, dataset_id: str, measures: list[str] | None = None, period: str | None = None,
        current: str = "utfall", previous: str = "foregaende_ar",
    ) -> str:
        """Monthly data: the latest value of each measure against the same month a year
        earlier. A comparison table (one row per measure): `current` against `previous`
        for each row, or only the rows named in `measures`."""
        dataset = self.load(dataset_id)
        if dataset.period_field:
            period = period or self._latest(dataset)
            found = [cardmodels.monthly_card(dataset, m, period, self._pick) for m in measures]
        else:
            found = cardmodels.comparison_cards(dataset, measures, current, previous)
        return html.render("cards.html", cards=found)

    # ------------------------------------------------------------ tables

    def month_table(self, dataset_id: str, year: int | None = None, measures: list[str] | None = None) -> str:
        """Key figures for one year (default: the latest), measures as rows and months as columns."""
        dataset = self.load(dataset_id)
        year = year or int(self._latest(dataset)[:4])
        if measures is None:
            published = {d.get("published") for d in dataset.schema["derived"]}
            measures = [n for n in dataset.fields if n != dataset.period_field and n not in published]
        table = tables.month_table(dataset, year, measures, self.unique_id(f"{dataset.id}-{year}"))
        return html.render("table.html", t=table, missing_mark=tables.MISSING_MARK)

    def data_table(self, dataset_id: str, columns: list[str] | None = None, total: bool = False, caption: str | None = None) -> str:
        """Every row of a dataset; `total=True` adds a computed sum row checked against the source."""
        dataset = self.load(dataset_id)
        table = tables.data_table(dataset, columns, total, self.unique_id(dataset.id), caption)
        return html.render("table.html", t=table, missing_mark=tables.MISSING_MARK)

    def budget_table(self, dataset_id: str) -> str:
        """Outcome, budget, deviation (computed as outcome − budget), forecast, and a sum row."""
        dataset = self.load(dataset_id)
        table = tables.budget_table(dataset, self.unique_id(dataset.id))
        return html.render("table.html", t=table, missing_mark=tables.MISSING_MARK)

    def goal_table(self, dataset_id: str, columns: list[str] | None = None, assessment: str = "bedomning") -> str:
        """Goal, target, outcome and assessment (Ja / Osäkert / Nej) as a symbol and a word."""
        dataset = self.load(dataset_id)
        table = tables.goal_table(dataset, columns, assessment, self.unique_id(dataset.id))
        return html.render("table.html", t=table, missing_mark=tables.MISSING_MARK)

    # ------------------------------------------------------------ charts

    def year_chart(self, dataset_id: str, measure: str, years: list[int] | None = None) -> str:
        """Months on the x axis, one line per year (default: every year in the data)."""
        dataset = self.load(dataset_id)
        spec = dataset.field(measure)
        years = years or sorted({int(p[:4]) for p in dataset.frame[dataset.period_field]})
        figure = charts.year_figure(dataset, measure, years)
        latest = self._latest(dataset)
        summary = self._trend_summary(dataset, measure, latest)
        title = f"{spec['title']} per månad, {years[0]}–{years[-1]} ({spec.get('unit')})"
        shown = latest_reported(dataset, measure) or latest
        return self._chart(dataset, figure, [measure] * len(years), f"{measure}-per-manad", title, summary, "Månad", swedish.month_short(shown))

    def series_chart(self, dataset_id: str, measures: list[str]) -> str:
        """A time series over every month in the data, one line per measure."""
        dataset = self.load(dataset_id)
        for measure in measures:
            dataset.field(measure)
        figure = charts.series_figure(dataset, measures)
        latest = self._latest(dataset)
        summary = " ".join(self._trend_summary(dataset, m, latest) for m in measures)
        first = swedish.month_short(dataset.frame[dataset.period_field].iloc[0])
        units = {dataset.field(m).get("unit") for m in measures}
        names = ", ".join(dataset.field(m)["title"] for m in measures)
        title = f"{names}, {first}–{swedish.month_short(latest)} ({'/'.join(sorted(u for u in units if u))})"
        shown = max(latest_reported(dataset, m) or "" for m in measures) or latest
        return self._chart(dataset, figure, measures, f"{'-'.join(measures)}-over-tid", title, summary, "Månad", swedish.month_short(shown))

    def bar_chart(self, dataset_id: str, measures: list[str], category: str | None = None, stacked: bool = False, title: str | None = None) -> str:
        """Bars per row of a breakdown (by gender, type, project…), grouped or stacked."""
        dataset = self.load(dataset_id)
        category = category or tables.key_field(dataset)
        for name in [category, *measures]:
            dataset.field(name)
        frame = dataset.frame
        main = frame[main_rows(frame)]
        view = Dataset(dataset.id, dataset.path, dataset.schema, main.reset_index(drop=True))
        labels = [dataset.field(m)["title"] for m in measures]
        figure = charts.bar_figure(view, measures, category, stacked, labels)
        unit = dataset.field(measures[0]).get("unit")
        title = title or f"{dataset.title} ({unit})"
        summary = cardmodels.bar_summary(view, measures, category)
        latest = dataset.schema.get("period", "")
        return self._chart(view, figure, measures, f"{dataset.id.split('/')[-1]}-stapel", title, summary, dataset.field(category)["title"], latest)

    def _chart(self, dataset, figure, names, anchor_base, title, summary, corner, latest) -> str:
        anchor = self.unique_id(f"diagram-{anchor_base}")
        table = tables.chart_table(dataset, figure, names, f"{anchor}-tabell", title, corner)
        self.downloads[f"{self.page_url}{anchor}.csv"] = chart_csv(table)
        return html.render(
            "chart.html",
            anchor=anchor,
            title=title,
            summary=summary,
            figure=figure,
            table_html=html.Markup(html.render("table.html", t=table, missing_mark=tables.MISSING_MARK)),
            source=dataset.source,
            latest=latest,
            download=f"{anchor}.csv",
        )

    # ------------------------------------------------------------ the data page

    def dataset_list(self) -> str:
        """Every dataset with title, source, period covered, last change, units and downloads."""
        entries = []
        for dataset_id in self.catalog.ids():
            dataset = self.load(dataset_id)
            units = sorted({f.get("unit") for f in dataset.fields.values() if f.get("unit")})
            entries.append(
                {
                    "id": dataset_id,
                    "anchor": html.slug(dataset_id),
                    "title": dataset.title,
                    "description": dataset.schema.get("description", ""),
                    "source": dataset.source,
                    "period": self._coverage(dataset),
                    "changed": last_changed(dataset.path),
                    "units": ", ".join(units),
                    "fields": [(f["title"], f.get("unit") or "", f.get("computed", False)) for f in dataset.fields.values()],
                    "csv": self.link(f"data/{dataset_id}.csv"),
                    "schema": self.link(f"data/{dataset_id}.schema.yaml"),
                }
            )
        return html.render("datasets.html", entries=entries)

    def write_outputs(self, site_dir: Path) -> None:
        """After the build: chart CSVs, dataset downloads and the chart theme script."""
        files = dict(self.downloads)
        files["assets/chart-theme.js"] = charts.theme_script().encode("utf-8")
        files.update(self.dataset_files())
        for relative, content in files.items():
            target = site_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)

    def dataset_files(self) -> dict[str, bytes]:
        """Each dataset as a clean download (staff columns, Swedish Excel format) plus its schema."""
        files = {}
        for dataset_id in self.catalog.ids():
            dataset = self.load(dataset_id)
            names = [f["name"] for f in dataset.schema["fields"]]
            out = io.StringIO()
            writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
            writer.writerow(names)
            for record in dataset.frame[names].itertuples(index=False):
                writer.writerow([csv_value(v) for v in record])
            files[f"data/{dataset_id}.csv"] = ("\ufeff" + out.getvalue()).encode("utf-8")
            files[f"data/{dataset_id}.schema.yaml"] = dataset.path.with_suffix(".schema.yaml").read_bytes()
        return files

    def report_list(self, section: str = "Rapporter") -> str:
        """The reports in a nav section (and its subsections, e.g. one per organisation),
        with organisation, period and date from each page's front matter."""
        reports = []

        def walk(items: list) -> None:
            for item in items:
                (title, target), = item.items() if isinstance(item, dict) else (("", item),)
                if isinstance(target, list):
                    walk(target)
                    continue
                meta = front_matter(self.docs_dir / target)
                url = target.removesuffix(".md").removesuffix("index").rstrip("/") + "/"
                reports.append({**meta, "title": title or meta.get("title", target), "href": self.link(url)})

        for entry in self.nav:
            if isinstance(entry, dict) and section in entry:
                walk(entry[section])
        return html.render("reports.html", reports=reports)

    def link(self, target: str) -> str:
        """A link from the page being rendered to a path in the built site."""
        base = self.page_url.rstrip("/") or "."  # "astorp/" is the folder astorp; "" the site root
        relative = posixpath.relpath(target, base)
        return relative + "/" if target.endswith("/") and not relative.endswith("/") else relative

    @staticmethod
    def _coverage(dataset: Dataset) -> str:
        if dataset.period_field:
            periods = dataset.frame[dataset.period_field]
            return f"{swedish.month_short(periods.iloc[0])}–{swedish.month_short(periods.iloc[-1])}"
        return str(dataset.schema.get("period", ""))

    # ------------------------------------------------------------ helpers

    def _trend_summary(self, dataset: Dataset, measure: str, latest: str) -> str:
        spec = dataset.field(measure)
        latest = latest_reported(dataset, measure) or latest
        current = self._pick(dataset, measure, latest)
        earlier = year_before(latest)
        sentence = f"{spec['title']} var {text.value_text(dataset, measure, current)} i {swedish.month_long(latest)}"
        if earlier in set(dataset.frame[dataset.period_field]):
            previous = self._pick(dataset, measure, earlier)
            sentence += ", " + text.change_words(dataset, measure, current, previous, swedish.month_long(earlier))
        labels = [swedish.month_short(p) for p in dataset.frame[dataset.period_field]]
        return f"{sentence}. " + text.extremes(dataset, measure, labels, list(dataset.frame[measure]))

    def has_dataset(self, dataset_id: str) -> bool:
        """True once `data/<dataset_id>.csv` exists: a page can hold a section that
        appears the day its data is added, without touching the page again."""
        return dataset_id in set(self.catalog.ids())

    @staticmethod
    def _latest(dataset: Dataset) -> str:
        return str(dataset.frame[dataset.period_field].iloc[-1])

    @staticmethod
    def _pick(dataset: Dataset, measure: str, period: str | None = None, key: str | None = None):
        frame = dataset.frame
        dataset.field(measure)
        if key is not None:
            column = tables.key_field(dataset)
        else:
            column = dataset.period_field
            key = period or str(frame[column].iloc[-1])
        position = dataset.row(column, key)
        return None if position is None else frame[measure].iloc[position]


def inline(dataset: Dataset, key: str, measure: str, shown: str) -> str:
    """A figure in running text, marked with where it comes from (for tests and readers' tools)."""
    return html.render("value.html", dataset=dataset.id, key=key, field=measure, shown=shown)


def front_matter(path: Path) -> dict:
    """A page's YAML front matter (between the leading `---` lines)."""
    import yaml

    text_ = path.read_text(encoding="utf-8")
    if not text_.startswith("---"):
        return {}
    return yaml.safe_load(text_.split("---", 2)[1]) or {}


def latest_reported(dataset: Dataset, measure: str) -> str | None:
    """The last month that has a value for this measure (months marked x are skipped)."""
    frame = dataset.frame
    reported = frame[dataset.period_field][frame[measure].notna()]
    return str(reported.iloc[-1]) if len(reported) else None


def last_changed(path: Path) -> str:
    """The date of the last commit that touched a file (stable for a given commit)."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", path.name],
            cwd=path.parent, capture_output=True, text=True, timeout=10, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip()


def csv_value(value) -> str:
    if swedish.is_missing(value):
        return ""
    if isinstance(value, float):
        return repr(value).removesuffix(".0").replace(".", ",")
    return str(value)


def year_before(period: str) -> str:
    year, month = period.split("-")
    return f"{int(year) - 1}-{month}"


def chart_csv(table: tables.Table) -> bytes:
    """A chart's data as Swedish Excel opens it: UTF-8 with BOM, `;`, decimal comma."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([table.corner] + [label for label, _, _ in table.columns])
    for row in table.rows:
        writer.writerow([row.label] + ["" if c.missing else c.text.replace(swedish.NBSP, "").replace(swedish.MINUS, "-") for c in row.cells])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
