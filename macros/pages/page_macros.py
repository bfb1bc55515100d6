"""The page authors' vocabulary: one method per macro, thin over the models.

`macros/__init__.py` registers these methods under the same names. The dataset
comes first, everything else by keyword, and the latest period is the default,
so a monthly update never touches a page. Each method checks its arguments,
asks a model for plain values and renders them; nothing here knows the generator.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from typing import Annotated

from ..data.dataset import TOTAL, Dataset, close
from ..data.messages import Message
from ..data.catalog import GUIDE_DATA, example_id, is_guide_data
from ..data.periods import impossible_period
from ..data.problems import AuthorError, UnknownName
from ..formats import swedish
from ..models import cards, charts, comparison, revised, sentences, tables
from ..models import peers, versions
from ..outputs import downloads
from ..render import html
from .arguments import (
    CardItems,
    Column,
    Columns,
    Count,
    DatasetId,
    DatasetIds,
    KoladaIds,
    Measure,
    Measures,
    Month,
    OneOf,
    Page,
    RowKey,
    Section,
    Text,
    Year,
    Years,
    month_said,
    not_together,
)
from .build import Build
from .changes import FEED, site_changes, site_revisions
from .editions import EDITIONS, Edition, Period, period_of
from .reports import FIXED_PERIOD, GUIDE_DATA_ON_REPORT, SERIES, KeyFigures, PeriodRule, municipality_code, municipality_line, page_url, report_entries

NO_KOLADA_DATA = Message(
    "kolada-data-saknas",
    "kolada_comparison: det finns ännu inga jämförelsetal från Kolada för kommunkod {code}, så sidan visar ingen "
    "jämförelse med liknande kommuner. De kommer med det schemalagda arbetsflödet Kolada (en pull request att "
    "granska), eller med python scripts/kolada.py.",
    "En notering i byggets logg, aldrig på sidan: jämförelsen visas först när Kolada-data finns i data/kolada/.",
)
HEADING_LEVEL = Message(
    "rubrikniva", "level ska vara 2, 3 eller 4 (rubriknivån för {heading}), men är {level}.",
    "Rubriknivån för en jämförelse (level=) är 2, 3 eller 4, så att sidans rubriker kommer i ordning.",
)
NO_MUNICIPALITY = Message(
    "kommunkod-saknas",
    'kolada_comparison behöver veta vilken kommun sidan gäller: skriv kommunkod: "1277" (kommunens kod med fyra '
    "siffror, inom citattecken) i sidans inledning.",
    "Jämförelsen med liknande kommuner hämtas för kommunen som sidans inledning anger.",
)
UNKNOWN_KOLADA_FIGURE = Message(
    "kolada-nyckeltal-saknas",
    "kolada_comparison: det finns inga jämförelsetal för {missing} för kommunkod {code}; det finns {found}. Lägg "
    "till nyckeltalet i data/kolada/nyckeltal.yaml och hämta igen, eller ta bort det ur listan på sidan.",
    "Sidan ber om ett nyckeltal som inte har hämtats från Kolada.",
)

COMPARISON_LIST = Message(
    "jamforelse-lista-fel",
    "kolada_comparison: {problem}",
    "Listan measures (Koladas id, till exempel [\"N31807\", \"N31001\"]) eller datasets är tom eller har samma id "
    "två gånger, eller rubriken (heading) är tom.",
)
NOT_THE_PAGES_MUNICIPALITY = Message(
    "jamforelse-annan-kommun",
    "kolada_comparison: datasetet {dataset} gäller {home} (kommunkod {other}), men sidan anger kommunkod {code}. "
    "Ta bort datasets= så visas sidans egen kommun, eller ändra kommunkoden.",
    "En jämförelse på en sida med kommunkod visar bara den kommunens jämförelsedataset.",
)

# Every macro a page can call, in the order the author's guide lists them (macros/__init__.py
# registers these names, and editions are rendered with the same ones).
MACRO_NAMES = [
    "kpi_cards", "value", "total", "change", "period_name",
    "month_table", "data_table", "budget_table", "goal_table", "year_on_year_table",
    "year_chart", "series_chart", "bar_chart", "comparison", "kolada_comparison",
    "dataset_list", "has_dataset", "report_list", "key_figures",
    "period_text", "editions_list", "changes_list",
]


MONTHS_NEEDED = Message(
    "makro-behover-manader", "{macro} visar månader, men datasetet {dataset} har ingen månadskolumn. Använd data_table eller bar_chart.",
    "Makrot visar en månadsserie, men datasetet är en tabell utan månader. Använd data_table() eller bar_chart().",
)
DEFAULT_COLUMNS = Message(
    "makro-kolumn-saknas",
    "{macro} läser {columns}, som datasetet {dataset} inte har. Ange vilka kolumner som ska användas med "
    "{params} (datasetet har: {known}).",
    "Makrot läser som standard kolumner med vissa namn (kpi_cards: utfall och foregaende_ar i en jämförelsetabell, "
    "goal_table: bedomning). Heter kolumnerna något annat i datasetet: ange dem med argumenten.",
)
PERIOD_TEXT_AS_BLOCK = Message(
    "period-text-block", 'period_text används som block: {{% call period_text("2022-08") %}}text{{% endcall %}}',
    "period_text() omsluter en text och skrivs {% call period_text(\"2022-08\") %}…{% endcall %}.",
)
PERIOD_TEXT_WITHOUT_PERIOD = Message(
    "period-text-utan-period",
    "period_text behöver veta vilken period sidan visar: ange manadsserie eller rapportperiod i sidans inledning, "
    'eller ett dataset: period_text("2022-08", dataset="{example}").',
    "En text för en period kräver att sidan har en period (manadsserie eller rapportperiod i sidhuvudet).",
)
PERIOD_TEXT_NOT_THE_PAGES = Message(
    "period-text-fel-period",
    "perioden {period} är inte sidans period ({current}). Sidan har rapportperiod: {current} och visar bara text för "
    "den perioden. Gäller texten {current}, skriv period_text(\"{current}\"). Gäller den en annan period, ta bort "
    "blocket, från {{% call period_text(\"{written}\") %}} till {{% endcall %}}: de utgåvor som redan är publicerade "
    "behåller sin text.",
    "En rapport för en fast period (rapportperiod) kan bara ha text för just den perioden. En text för en annan "
    "period, till exempel kvar sedan sidan var en månadsserie (manadsserie), tas bort ur sidan; de publicerade "
    "utgåvorna behåller sin text. Gäller texten sidans period, skriv perioden som i rapportperiod.",
)
PERIOD_TEXT_NEVER_SHOWN = Message(
    "period-text-visas-aldrig",
    "texten för {period} visas aldrig: datasetet {dataset} har inte den månaden (månaderna går från {first} till "
    "{last}), och den kan inte bli sidans period senare.{hint}",
    "En text för en period visas bara när sidan står på den perioden. En månad som ligger mellan eller före "
    "datasetets månader, eller efter dagens datum, blir aldrig sidans period: oftast ett skrivfel.",
)


EDITIONS_SHOWN = 12  # editions listed on a living page, newest first (a year of months); every one is on
# the editions folder's page (<report>/utgavor/, "Alla N utgåvor"), so a page and its build do not grow with the years


class PageMacros:
    """The macros as one page sees them: ids and links are relative to the page being rendered."""

    def __init__(self, build: Build, page_url: str = "", edition: Edition | None = None):
        self.build = build
        self.edition = edition  # set while an edition is rendered: lists of editions and changes stay out of it
        self.start_page(page_url)

    # ------------------------------------------------------------ page bookkeeping

    def start_page(self, url: str, link_base: str | None = None, meta: dict | None = None, source: str = "") -> None:
        """Begin a page at `url` (`astorp/`) with its front matter `meta`. Links are written
        relative to `link_base`: the page's own folder for MkDocs, which leaves raw HTML links
        alone; the folder of the page's Markdown file for Zensical, which rewrites every link
        as if it were Markdown's."""
        self.page_url, self._ids = url, Counter()
        self.link_base = url.rstrip("/") if link_base is None else link_base
        self.meta = meta or {}
        self.source = source  # the page's Markdown file below docs/, for notes in the build's log

    def unique_id(self, base: str) -> str:
        """Stable ids: the same page and data always give the same ids."""
        base = html.slug(base)
        self._ids[base] += 1
        return base if self._ids[base] == 1 else f"{base}-{self._ids[base]}"

    def load(self, dataset_id: str) -> Dataset:
        if is_guide_data(dataset_id) and not self._is_guide_page():
            example = next(iter(self.build.catalog.published_ids()), "astorp/forsorjningsstod")
            raise GUIDE_DATA_ON_REPORT.error(dataset=dataset_id, example=example)
        return self.build.catalog.load(dataset_id)

    def _is_guide_page(self) -> bool:
        """The guide's pages (docs/forfattarguide/), the only ones that read data/forfattarguide/ (a test's
        macros without a page too). A report is never one: a page there that declares a period, or an edition,
        would publish made-up figures as a report's."""
        if self.edition is not None or self.meta.get(SERIES) or self.meta.get(FIXED_PERIOD):
            return False
        page = (self.source or "").removesuffix(".md") or (getattr(self, "page_url", "") or "").strip("/")
        return page in ("", GUIDE_DATA) or page.startswith(GUIDE_DATA + "/")

    def load_monthly(self, dataset_id: str, macro: str) -> Dataset:
        """A dataset for a macro that shows months: one without a month column is the author's mistake."""
        dataset = self.load(dataset_id)
        if not dataset.period_field:
            raise MONTHS_NEEDED.error(macro=macro, dataset=dataset_id)
        return dataset

    def link(self, target: str) -> str:
        """A link from the page being rendered to a path in the built site."""
        base = self.link_base or "."  # "astorp" for the page astorp/; "" the site root
        relative = posixpath.relpath(target, base)
        return relative + "/" if target.endswith("/") and not relative.endswith("/") else relative

    # ------------------------------------------------------------ inline values

    def period_name(
        self, dataset_id: DatasetId, period: Month | None = None, style: Annotated[str, OneOf("long", "short")] = "long",
    ) -> str:
        """`augusti 2022` (style="long") or `aug 2022` (style="short") for the latest period."""
        period = period or self.load_monthly(dataset_id, "period_name").latest_period
        return swedish.month_long(period) if style == "long" else swedish.month_short(period)

    @not_together("period", "key", why="Ange månaden med period= eller raden med key=, inte båda.")
    def value(self, dataset_id: DatasetId, measure: Measure, period: Month | None = None, key: RowKey | None = None, unit: bool = True) -> str:
        """One figure for running text: the latest month's by default, or the row named by `key`."""
        dataset = self.load(dataset_id)
        key = key if key is not None else period or dataset.latest_period
        figure = dataset.value(measure, key)
        shown = sentences.value_text(dataset, measure, figure, unit)
        found = self.revisions()
        return inline(dataset, key, measure, shown) + (revised.inline_note(dataset, key, measure, found) if found else "")

    def total(self, dataset_id: DatasetId, measure: Measure) -> str:
        """The sum of a column over the main rows (not "varav" rows), as the table's sum row shows it: `24 000 tkr`."""
        dataset = self.load(dataset_id)
        dataset.field(measure)
        figure = tables.column_total(dataset, measure).value  # the figure the table's sum row shows
        return inline(dataset, TOTAL, measure, sentences.value_text(dataset, measure, figure))

    def change(self, dataset_id: DatasetId, measure: Measure, period: Month | None = None) -> str:
        """`32 färre än i augusti 2021`: the change from the same month a year earlier."""
        dataset = self.load_monthly(dataset_id, "change")
        against = comparison.year_on_year(dataset, measure, period or dataset.latest_period)
        return against.words(swedish.month_long(against.earlier))

    # ------------------------------------------------------------ cards

    def kpi_cards(
        self, dataset_id: DatasetId, measures: CardItems | None = None, period: Month | None = None,
        current: Measure = "utfall", previous: Measure = "foregaende_ar",
    ) -> str:
        """Monthly data: the latest value of each measure against the same month a year
        earlier. A comparison table (one row per measure): `current` against `previous`
        for each row, or only the rows named in `measures`."""
        dataset = self.load(dataset_id)
        if dataset.period_field:
            period = period or dataset.latest_period
            measures = measures or dataset.schema.shown_fields
            found = [cards.monthly_card(dataset, m, period) for m in measures]
            # A first year: one sentence says there is no year before, not "uppgift saknas" on every card.
            note = cards.first_year_note(dataset, period) if all(c.change is None for c in found) else ""
        else:
            self._has_columns(dataset, "kpi_cards", {"current": current, "previous": previous})
            found, note = cards.comparison_cards(dataset, measures, current, previous), ""
        return html.render("cards.html", cards=revised.mark_cards(found, dataset, self.revisions()), note=note)

    @staticmethod
    def _has_columns(dataset: Dataset, macro: str, wanted: dict[str, str]) -> None:
        """The columns a macro reads by default (kpi_cards' utfall, goal_table's bedomning) are the
        author's to name when the dataset calls them something else."""
        missing = {param: name for param, name in wanted.items() if name not in dataset.fields}
        if missing:
            raise DEFAULT_COLUMNS.error(
                macro=macro, dataset=dataset.id,
                columns=("kolumnerna " if len(missing) > 1 else "kolumnen ") + " och ".join(f'"{n}"' for n in missing.values()),
                params=" och ".join(f"{p}=" for p in missing), known=", ".join(dataset.fields),
            )

    # ------------------------------------------------------------ tables

    def month_table(self, dataset_id: DatasetId, year: Year | None = None, measures: Measures | None = None) -> str:
        """Key figures for one year (default: the latest), measures as rows and months as columns."""
        dataset = self.load_monthly(dataset_id, "month_table")
        year = year or int(dataset.latest_period[:4])
        measures = dataset.schema.shown_fields if measures is None else measures
        table = tables.month_table(dataset, year, measures, self.unique_id(f"{dataset.id}-{year}"))
        return self._table(table)

    def data_table(self, dataset_id: DatasetId, columns: Columns | None = None, total: bool = False, caption: Text | None = None) -> str:
        """Every row of a dataset; `total=True` adds a computed sum row checked against the source."""
        dataset = self.load(dataset_id)
        return self._table(tables.data_table(dataset, columns, total, self.unique_id(dataset.id), caption))

    def budget_table(self, dataset_id: DatasetId) -> str:
        """Outcome, budget, deviation (computed as outcome − budget), forecast, and a sum row."""
        dataset = self.load(dataset_id)
        return self._table(tables.budget_table(dataset, self.unique_id(dataset.id)))

    def goal_table(self, dataset_id: DatasetId, columns: Columns | None = None, assessment: Column = "bedomning") -> str:
        """Goal, target, outcome and assessment (Ja / Osäkert / Nej) as a symbol and a word."""
        dataset = self.load(dataset_id)
        self._has_columns(dataset, "goal_table", {"assessment": assessment})
        return self._table(tables.goal_table(dataset, columns, assessment, self.unique_id(dataset.id)))

    def year_on_year_table(self, dataset_id: DatasetId, measures: Measures | None = None, period: Month | None = None) -> str:
        """A monthly series: the latest month (or `period`) against the same month a year
        earlier, one row per measure, with the change."""
        dataset = self.load(dataset_id)
        period = period or dataset.latest_period
        measures = dataset.schema.shown_fields if measures is None else measures
        table = tables.year_on_year_table(dataset, period, measures, self.unique_id(f"{dataset.id}-{period}"))
        return self._table(table)

    def _table(self, table: tables.Table) -> str:
        found = self.revisions()
        if table.dataset in found.datasets():
            revised.mark_table(table, self.load(table.dataset), found)
        return html.render("table.html", t=table, missing_mark=tables.MISSING_MARK)

    def revisions(self) -> versions.Revisions:
        """Values corrected after they were published (main's history), marked on the living pages.
        An edition is the record of what was published then: it is shown as it was, unmarked."""
        return versions.Revisions([]) if self.edition is not None else site_revisions(self.build)

    # ------------------------------------------------------------ charts

    def year_chart(self, dataset_id: DatasetId, measure: Measure, years: Years | None = None) -> str:
        """Months on the x axis, one line per year (default: every year in the data)."""
        return self._chart(charts.year_chart(self.load_monthly(dataset_id, "year_chart"), measure, years))

    def series_chart(self, dataset_id: DatasetId, measures: Measures) -> str:
        """A time series over every month in the data, one line per measure."""
        return self._chart(charts.series_chart(self.load_monthly(dataset_id, "series_chart"), measures))

    def bar_chart(
        self, dataset_id: DatasetId, measures: Measures, category: Column | None = None, stacked: bool = False, title: Text | None = None,
    ) -> str:
        """Bars per row of a breakdown (by gender, type, project…), grouped or stacked."""
        return self._chart(charts.bar_chart(self.load(dataset_id), measures, category, stacked, title))

    def comparison(self, dataset_id: DatasetId, year: int | None = None) -> str:
        """A municipality against its similar municipalities and the country: the latest year (or
        `year`) as a sorted bar chart with the municipality standing out, and the years as a trend,
        each with its table, download and source, led by one sentence with the three figures."""
        found = peers.comparison(self.load(dataset_id))
        return "\n".join([
            self._chart(peers.ranking_chart(found, year)),
            self._chart(peers.trend_chart(found)),
        ])

    def kolada_comparison(
        self, measures: KoladaIds | None = None, heading: Text = "Jämförelse med liknande kommuner och riket",
        level: int = 2, datasets: DatasetIds | None = None,
    ) -> str:
        """A section: the page's municipality (`kommunkod` in its front matter) against its similar
        municipalities and Riket, one part per Kolada key figure (`measures`: Kolada ids such as
        "N31807"; default every one fetched), under `heading` at heading `level`. Until Kolada's
        figures have been fetched it shows nothing, and says so in the build's log. `datasets`
        names the comparison datasets to show instead (the author's guide shows its own example)."""
        if level not in (2, 3, 4):
            raise HEADING_LEVEL.error(heading=repr(heading), level=repr(level))
        if not str(heading).strip():
            raise COMPARISON_LIST.error(problem='rubriken (heading) är tom. Skriv en rubrik, till exempel '
                                                'heading="Jämförelse med liknande kommuner", eller utelämna heading.')
        for name, given in (("measures", measures), ("datasets", datasets)):
            if given is None:
                continue
            if not given:
                raise COMPARISON_LIST.error(problem=f'listan {name} är tom. Skriv minst ett id, till exempel '
                                                    f'{name}=["{"N31807" if name == "measures" else "kolada/astorp-n31807"}"], '
                                                    f'eller utelämna {name} för att visa alla.')
            twice = sorted({x for x in given if list(given).count(x) > 1})
            if twice:
                raise COMPARISON_LIST.error(problem=f"{', '.join(twice)} står två gånger i listan {name}. Ta bort det ena.")
        if measures is not None and datasets is not None:
            raise COMPARISON_LIST.error(problem="ange antingen measures (Koladas id) eller datasets, inte båda.")
        if datasets is not None:
            self._check_municipality(list(datasets))
        ids = list(datasets) if datasets is not None else self._kolada_datasets(measures)
        if not ids:
            return ""
        parts = [f"{'#' * level} {heading}", "", self._comparison_intro(self.load(ids[0])), ""]
        for dataset_id in ids:
            dataset = self.load(dataset_id)
            parts += [f"{'#' * (level + 1)} {dataset.schema.measure or dataset.title}", "", self.comparison(dataset_id), ""]
        return "\n".join(parts)

    def _municipality_code(self) -> str | None:
        """The page's kommunkod, checked with what its text says (0114 typed, not the 76 YAML reads),
        and a mistake said with the front matter's line."""
        line, typed = 1, ""
        page = self.build.docs_dir / self.source if self.source else None
        if page is not None and page.is_file():
            line, typed = municipality_line(page.read_text(encoding="utf-8-sig"))
        try:
            return municipality_code(self.meta, typed)
        except AuthorError as exc:
            raise AuthorError(f"kommunkod på rad {line} i sidans inledning: {exc}", exc.code) from None

    def _check_municipality(self, dataset_ids: list[str]) -> None:
        """On a page with kommunkod, every comparison dataset is that municipality's."""
        code = self._municipality_code()
        if code is None:
            return
        for dataset_id in dataset_ids:
            schema = self.build.catalog.read(dataset_id).schema
            kolada = (schema.kolada or {}) if schema else {}
            home = schema.with_role("home") if schema else None
            other = (kolada.get("municipalities") or {}).get(home.name) if home is not None else None
            if other is not None and other != code:
                raise NOT_THE_PAGES_MUNICIPALITY.error(dataset=dataset_id, home=home.title, other=other, code=code)

    def _kolada_datasets(self, measures: list[str] | None) -> list[str]:
        """The Kolada datasets of the page's municipality, in the order of `measures`."""
        code = self._municipality_code()
        if code is None:
            raise NO_MUNICIPALITY.error()
        found = {}
        for dataset_id in self.build.catalog.ids():
            schema = self.build.catalog.read(dataset_id).schema
            kolada = (schema.kolada or {}) if schema else {}
            home = schema.with_role("home") if kolada else None
            if home is not None and kolada.get("municipalities", {}).get(home.name) == code:
                found[kolada["kpi"]["id"]] = dataset_id
        if not found:
            if self.edition is None:
                self.build.notice(NO_KOLADA_DATA.problem(f"docs/{self.source or self.page_url}", 1, 1, "notice", code=code))
            return []
        wanted = list(measures) if measures is not None else sorted(found)
        missing = [m for m in wanted if m not in found]
        if missing:
            raise UNKNOWN_KOLADA_FIGURE.error(missing=", ".join(missing), code=code, found=", ".join(sorted(found)))
        return [found[m] for m in wanted]

    def _comparison_intro(self, dataset: Dataset) -> str:
        kolada = dataset.schema.kolada or {}
        home = dataset.schema.with_role("home")
        peers = [f.title for f in dataset.schema.with_roles("peer")]
        return html.render(
            "comparison_intro.html", home=home.title if home else "", kolada=bool(kolada), source=dataset.source,
            peers=", ".join(peers[:-1]) + " och " + peers[-1] if len(peers) > 1 else "".join(peers),
            group=(kolada.get("group") or {}).get("title", ""),
            fetched=swedish.date_long(kolada["fetched"]) if kolada.get("fetched") else "",
        )

    def _chart(self, chart: charts.Chart) -> str:
        anchor = self.unique_id(f"diagram-{chart.anchor}")
        self.build.add_file(f"{self.page_url}{anchor}.csv", downloads.chart_csv(chart))
        table = tables.chart_table(chart, f"{anchor}-tabell")
        return html.render(
            "chart.html",
            anchor=anchor,
            title=chart.title,
            summary=chart.summary,
            figure=charts.figure(chart),
            table_html=html.Markup(self._table(table)),
            source=chart.dataset.source,
            processed=chart.processed,
            period=chart.period,
            latest=chart.latest,
            download=self.link(f"{self.page_url}{anchor}.csv"),
        )

    # ------------------------------------------------------------ the site's lists

    def dataset_list(self) -> str:
        """Every dataset with title, source, period covered, last change, units and downloads,
        grouped under the report that shows it (in the nav's order; the rest last), with Markdown
        headings so that the page's table of contents lists reports and datasets."""
        ids = self.build.catalog.published_ids()
        groups = self._datasets_by_report(ids)
        licence = self.build.publication["licence"]
        catalogue = str(self.build.publication.get("url", "")).startswith(("http://", "https://"))  # see Build.catalogue_facts
        parts = [html.render(
            "datasets.html", intro=True, entries=ids, package=self.link("data/datapackage.json"),
            licence=licence.get("title") or licence.get("name", ""),
            catalogue=self.link("data/katalog.rdf") if catalogue else "", catalogue_ttl=self.link("data/katalog.ttl"),
        )]
        for title, href, dataset_ids in groups:
            parts.append(f"## {markdown_text(title)} {{#{self.unique_id('data-' + title)}}}")
            if href:
                parts.append(html.render("datasets.html", report_link=href, report_title=title))
            for dataset_id in dataset_ids:
                entry = self._dataset_entry(dataset_id)
                parts.append(f"### {markdown_text(entry['title'])} {{#{entry['anchor']}}}")
                parts.append(html.render("datasets.html", e=entry))
        return "\n\n".join(parts)

    def _datasets_by_report(self, ids: list[str]) -> list[tuple[str, str, list[str]]]:
        """(report title, link, its datasets) in the nav's order: a dataset under the first report
        whose page names it; those no report names under "Övriga data"."""
        left = list(ids)
        groups = []
        for entry in report_entries(self.build.nav, "Rapporter", self.build.docs_dir):
            path = self.build.docs_dir / entry.source
            text = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
            mine = [i for i in left if f'"{i}"' in text or f"'{i}'" in text]
            if mine:
                title = entry.meta.get("title") or entry.title
                groups.append((str(title), self.link(entry.url), mine))
                left = [i for i in left if i not in mine]
        if left:
            groups.append(("Övriga data", "", left))
        return groups

    def _dataset_entry(self, dataset_id: str) -> dict:
        dataset = self.load(dataset_id)
        units = sorted({f.unit for f in dataset.fields.values() if f.unit})
        changed = self.build.last_changed(f"data/{dataset_id}.csv")
        return {
            "id": dataset_id,
            "anchor": html.slug(dataset_id),
            "title": dataset.title,
            "description": dataset.schema.description,
            "source": dataset.source,
            "period": coverage(dataset),
            "changed": changed,
            "changed_text": swedish.date_long(changed) if changed else "",
            "units": ", ".join(units),
            "fields": [(f.title, f.unit or "", f.computed) for f in dataset.fields.values()],
            "csv": self.link(f"data/{dataset_id}.csv"),
            "schema": self.link(f"data/{dataset_id}.schema.yaml"),
        }

    def report_list(self, section: Section = "Rapporter") -> str:
        """The reports in a nav section (and its subsections, e.g. one per organisation),
        with organisation and date from each page's front matter and the period from its data."""
        reports = []
        for entry in report_entries(self.build.nav, section, self.build.docs_dir):
            rule = PeriodRule.of(entry.meta)
            period = period_of(rule, lambda d: self.load(d).latest_period).name if rule else entry.meta.get("period", "")
            reports.append({**entry.meta, "title": entry.title, "href": self.link(entry.url), "period": period})
        return html.render("reports.html", reports=reports)

    def key_figures(self, section: Section = "Rapporter") -> str:
        """The latest key figures of each report in a nav section that names its own in its front
        matter (`nyckeltal`), as cards under the report's title and period; "" when none does,
        so the start page shows no figures that no report vouches for."""
        groups = []
        for entry in report_entries(self.build.nav, section, self.build.docs_dir):
            try:
                declared = KeyFigures.of(entry.meta)
                if declared is None:
                    continue
                rule = PeriodRule.of(entry.meta)
                period = period_of(rule, lambda d: self.load(d).latest_period).name if rule else ""
                cards_html = self.kpi_cards(declared.dataset, list(declared.measures))
            except (AuthorError, UnknownName, ValueError) as exc:  # front_matter_problems says these at the page itself
                raise AuthorError(f"docs/{entry.source}: nyckeltal i sidans inledning: {exc}", getattr(exc, "code", "")) from exc
            groups.append({
                "id": self.unique_id(f"nyckeltal-{entry.url or 'start'}"), "title": entry.meta.get("title") or entry.title,
                "href": self.link(entry.url), "period": period, "cards": html.Markup(cards_html),
            })
        return html.render("key_figures.html", groups=groups) if groups else ""

    # ------------------------------------------------------------ periods and editions

    def page_period(self) -> Period | None:
        """The period of the page being rendered, from its front matter (`manadsserie` or
        `rapportperiod`) and the data; None for a page that is not published in editions."""
        rule = PeriodRule.of(self.meta)
        return period_of(rule, lambda dataset_id: self.load(dataset_id).latest_period) if rule else None

    def period_text(self, period: str, dataset: DatasetId | None = None, caller=None) -> str:
        """Text that describes one period, written in a call block:
        `{% call period_text("2022-08") %}…{% endcall %}`. It is shown while the page is at
        that period, and so stays in that period's edition; on the page of a later period it
        is left out, so it never stands beside figures it does not describe. With `dataset`,
        the period is that monthly dataset's latest month instead of the page's."""
        if caller is None:
            raise PERIOD_TEXT_AS_BLOCK.error()
        rule = PeriodRule(series=dataset) if dataset else PeriodRule.of(self.meta)
        if rule is None:
            # One of this site's datasets, the page's own folder's first (adv17f 92: a fixed id had moved away).
            raise PERIOD_TEXT_WITHOUT_PERIOD.error(example=example_id(self.build.catalog.published_ids(), getattr(self, "page_url", "") or ""))
        current = period_of(rule, lambda dataset_id: self.load(dataset_id).latest_period)
        if rule.series:
            said = month_said(period)
            if said is not None:
                raise said.error()
            if self.edition is None:  # an edition renders its page as it was; it was checked then
                self._period_text_shown_some_day(period, self.load(rule.series))
        impossible = impossible_period(period)
        if rule.fixed and impossible is not None:  # "2022-13" does not exist: said as such, not as another period
            raise impossible.error()
        if rule.fixed and period not in (current.id, current.name):
            raise PERIOD_TEXT_NOT_THE_PAGES.error(period=repr(period), current=current.name, written=period)
        return caller() if period in (current.id, current.name) else ""

    def _period_text_shown_some_day(self, period: str, dataset: Dataset) -> None:
        """A text for a month the page can be at: one in the data, or a later one that can still come
        (written ahead of its data). A month between or before the data's, or in the future, never shows."""
        periods = dataset.periods
        this_month = self.build.catalog.today.strftime("%Y-%m")
        if period in set(periods) or (periods and periods[-1] < period <= this_month):
            return
        raise PERIOD_TEXT_NEVER_SHOWN.error(
            period=period, dataset=dataset.id, first=periods[0] if periods else "–", last=periods[-1] if periods else "–",
            hint=close(period, periods, 0.8),
        )

    def editions_list(self, page: Page | None = None) -> str:
        """The report's editions (or those of the report page `page`, e.g. "astorp.md"), newest
        first, each with its period, publication date and link (and PDF where the build makes
        them). In an edition itself: a link to the living page."""
        if self.edition is not None:
            return html.render("editions.html", in_edition=True, living=self.link(self.edition.report_url))
        archive = self.build.archive()
        report_url = page_url(page) if page else self.page_url
        editions = archive.family(report_url) if archive else []  # a renamed page's earlier editions too
        every = len(editions)
        editions = editions[-EDITIONS_SHOWN:]  # the newest; the rest on the editions folder's page
        items = [
            {
                "name": e.period.name,
                "href": self.link(e.url),
                "published": swedish.date_long(e.published),
                "latest": e.latest,
                "pdf": self.link(e.url + pdf_name(e)) if self.build.pdf else None,
                "withdrawn": archive.is_withdrawn(e),
            }
            for e in reversed(editions)
        ]
        # The editions folder's page of this address if it has editions of its own, else of the newest edition's
        # (a renamed page before its first new edition): each lists the whole family, and only those exist.
        own = report_url if archive is not None and archive.editions(report_url) else (editions[-1].report_url if editions else report_url)
        folder = self.link(f"{own}{EDITIONS}/") if every > len(editions) else None
        return html.render("editions.html", in_edition=False, editions=items, history=archive is not None, every=every, folder=folder)

    def changes_list(self, limit: Count = 200) -> str:
        """New editions and revised figures on the whole site, newest first (the "Nytt och ändrat" page)."""
        entries = site_changes(self.build)[:limit]
        return html.render(
            "changes.html", entries=[e.shown(self.link) for e in entries], feed=self.link(FEED), feed_name=FEED,
        )

    def has_dataset(self, dataset_id: str) -> bool:
        """True once `data/<dataset_id>.csv` exists: a page can hold a section that
        appears the day its data is added, without touching the page again."""
        return dataset_id in set(self.build.catalog.ids())


def pdf_name(edition: Edition) -> str:
    """The PDF's file name beside the edition: `astorp-2022-08.pdf` (a name that says what it is
    when it lands in a registry)."""
    return f"{edition.report_url.strip('/').replace('/', '-') or 'start'}-{edition.period.id}.pdf"


def markdown_text(text: str) -> str:
    """Text from a schema or front matter as a Markdown heading shows it: as typed, never markup."""
    text = str(html.escape(str(text)))
    return "".join("\\" + c if c in "\\`*_{}[]()#+-.!|" else c for c in text)


def inline(dataset: Dataset, key: str, measure: str, shown: str) -> str:
    """A figure in running text, marked with where it comes from (for tests and readers' tools)."""
    return html.render("value.html", dataset=dataset.id, key=key, field=measure, shown=shown)


def coverage(dataset: Dataset) -> str:
    """The period a dataset covers: `jan 2021–aug 2022`, or the schema's words for other data."""
    if dataset.period_field:
        periods = dataset.periods
        return f"{swedish.month_short(periods[0])}–{swedish.month_short(periods[-1])}"
    return dataset.schema.period
