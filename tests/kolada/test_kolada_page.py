"""The comparison with similar municipalities on a report page, as readers get it: built with
`mkdocs build --strict` from the Kolada tests' small site (tests/kolada/projekt, whose data the
stand-in answered), read back from the HTML, the downloads and a real browser."""

from __future__ import annotations

import csv
import io
import json
from decimal import ROUND_HALF_UP, Decimal

import pytest
from bs4 import BeautifulSoup
from .kolada_standin import FIXTURE, TODAY, as_fixture, page

from macros.data.catalog import Catalog
from macros.formats import swedish
from macros.outputs.theme import THEMES
from macros.pages.build import Build
from macros.pages.page_macros import PageMacros

REPORTS = {"astorp": "Åstorp", "katrineholm": "Katrineholm", "lund": "Lund"}
KPIS = ("n31807", "n31816", "n31001")


def soup(site, report: str) -> BeautifulSoup:
    return BeautifulSoup((site / report / "index.html").read_text(encoding="utf-8"), "html.parser")


def peers_average(dataset, year: str):
    """The similar municipalities' unweighted mean over those with a figure, computed here on its own."""
    values = [dataset.value(f.name, year) for f in dataset.schema.with_roles("peer")]
    known = [Decimal(repr(float(v))) for v in values if not swedish.is_missing(v)]
    return float(sum(known) / len(known)) if known else None


def shown(dataset, name: str, value) -> str:
    spec = dataset.field(name)
    return swedish.MISSING_TEXT if swedish.is_missing(value) else swedish.number(value, spec.decimals)


@pytest.mark.parametrize("report", REPORTS)
def test_the_figures_on_the_page_equal_the_data(comparison_site, report):
    root, site, _log = comparison_site
    catalog = Catalog(root)
    html = soup(site, report)
    assert "Jämförelse med liknande kommuner och riket" in [h.get_text().rstrip("¶") for h in html.find_all("h2")]
    for kpi in KPIS:
        dataset = catalog.load(f"kolada/{report}-{kpi}")
        home = dataset.schema.with_role("home")
        ranking = html.find("table", id=f"diagram-{report}-{kpi}-jamforelse-tabell")
        rows = ranking.find("tbody").find_all("tr")
        names = [r.th.get_text(strip=True).replace("\u00ad", "") for r in rows]  # soft hyphens are break points
        places = [f.title for f in dataset.schema.columns[1:]] + ["Liknande kommuner, genomsnitt"]
        assert sorted(names) == sorted(places)  # each place once: the municipality, its peers, their average, Riket
        year = rows[0].td["data-key"]
        figures = []
        for row in rows:
            cell = row.td
            value = peers_average(dataset, year) if cell["data-field"] == "liknande_genomsnitt" else dataset.value(cell["data-field"], year)
            assert cell.get_text(strip=True).replace("uppgift saknas", "") in (shown(dataset, home.name, value), ".."), (kpi, cell)
            figures.append(value)
        known = [v for v in figures if not swedish.is_missing(v)]
        assert known == sorted(known, reverse=True)  # highest first, places without a figure last
        assert year == max(y for y in map(str, dataset.frame["ar"]) if not swedish.is_missing(dataset.value(home.name, y)))
        trend = html.find("table", id=f"diagram-{report}-{kpi}-over-tid-tabell")
        for cell in trend.find("tbody").find_all("td"):
            field, row_year = cell["data-field"], cell["data-key"]
            value = peers_average(dataset, row_year) if field == "liknande_genomsnitt" else dataset.value(field, row_year)
            expected = ".." if swedish.is_missing(value) else shown(dataset, home.name, value)
            assert cell.get_text(strip=True).replace("uppgift saknas", "") == expected, (kpi, field, row_year)


def test_the_sentence_and_the_source_line_come_first_and_credit_kolada(comparison_site):
    _root, site, _log = comparison_site
    figure = soup(site, "astorp").find("figure", id="diagram-astorp-n31807-jamforelse")
    assert figure.find("figcaption").get_text(strip=True) == "Invånare med ekonomiskt bistånd, Åstorp och liknande kommuner år 2024 (%)"
    assert figure.find("p", class_="chart-summary").get_text() == (
        "Åstorp 2,8\u00a0%, liknande kommuner i genomsnitt 2,4\u00a0%, riket 1,6\u00a0% år 2024."
    )
    meta = figure.find("p", class_="chart-meta").get_text(" ", strip=True)
    assert meta.startswith("Källa: Kolada. Egen bearbetning av data från Kolada: genomsnittet för liknande kommuner. Uppgifterna avser 2024.")
    lacking = soup(site, "astorp").find("figure", id="diagram-astorp-n31816-jamforelse")
    assert lacking.find("p", class_="chart-summary").get_text().endswith(
        "år 2024. Genomsnittet gäller 6 av 7 liknande kommuner: uppgift saknas för Lessebo."
    )
    intro = soup(site, "lund").find("p", class_="comparison-intro").get_text()
    assert "För Lund är det Enköping, Hallstahammar, Ljusdal, Nyköping, Ockelbo, Vänersborg och Örkelljunga" in intro
    assert intro.endswith("Uppgifterna hämtades från Kolada 2 mars 2026.")


def test_the_downloads_hold_what_the_charts_show_without_float_noise(comparison_site):
    root, site, _log = comparison_site
    dataset = Catalog(root).load("kolada/katrineholm-n31001")
    text = (site / "katrineholm" / "diagram-katrineholm-n31001-jamforelse.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Kommun", "Kostnad för ekonomiskt bistånd per invånare"]
    by_name = {name: value for name, value in rows[1:]}
    average = peers_average(dataset, "2024")
    # The average rounded in decimal to two decimals more than the column shows (kr: to the öre), never float noise.
    exact = Decimal(repr(average)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert by_name["Liknande kommuner, genomsnitt"] == format(exact.normalize(), "f").replace(".", ",")
    assert by_name["Katrineholm"] == str(int(dataset.value("katrineholm", "2024")))
    trend = (site / "katrineholm" / "diagram-katrineholm-n31001-over-tid.csv").read_bytes().decode("utf-8-sig").splitlines()
    assert trend[0] == "År;Katrineholm;Liknande kommuner, genomsnitt;Riket"
    assert trend[-1].startswith("2025;..;..;")  # the newest year: only Riket has a figure, the others are missing


def test_the_municipality_stands_out_by_more_than_colour(comparison_site):
    _root, site, _log = comparison_site
    template = soup(site, "astorp").find("template", id="diagram-astorp-n31807-jamforelse-data")
    figure = json.loads(template.get_text())
    names = [t["name"] for t in figure["data"]]
    assert names == ["Åstorp", "Liknande kommuner", "Genomsnitt och riket"]  # the legend names each kind
    patterns = [t["marker"]["pattern"]["shape"] for t in figure["data"]]
    assert patterns == ["/", "", "."]
    assert [t["meta"]["muted"] for t in figure["data"]] == [False, True, False]
    labels = figure["layout"]["yaxis"]["categoryarray"]
    assert [label for label in labels if label.startswith("<b>")] == ["<b>Åstorp</b>"]
    assert figure["layout"]["xaxis"]["title"]["text"] == "Invånare med ekonomiskt bistånd (%)"
    for trace in figure["data"]:  # each kind holds only its own bars
        assert sum(v is not None for v in trace["x"]) == {"Åstorp": 1, "Liknande kommuner": 7, "Genomsnitt och riket": 2}[trace["name"]]


def test_the_muted_colour_is_readable_in_both_schemes():
    def luminance(colour: str) -> float:
        rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    for scheme in THEMES.values():
        high, low = sorted([luminance(scheme["muted"]), luminance(scheme["background"])], reverse=True)
        assert (high + 0.05) / (low + 0.05) >= 3.0, scheme


def test_the_fixture_is_what_the_script_writes_for_the_stand_in(script, project, kolada_api):
    """The page tests' data is the fetch's own output (only the stand-in's address fixed)."""
    script.run(project, kolada_api.url, today=TODAY, pause=lambda s: None, backoff=0)
    written = sorted(p for p in (project / "data" / "kolada").glob("*-*"))
    assert [p.name for p in written] == sorted(p.name for p in (FIXTURE / "data" / "kolada").iterdir())
    for path in written:
        assert as_fixture(path.name, path.read_bytes(), kolada_api.url) == (FIXTURE / "data" / "kolada" / path.name).read_bytes(), path.name


def test_without_kolada_data_the_page_shows_nothing_and_the_log_says_why(tmp_path, capsys):
    (tmp_path / "data").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "astorp.md").write_text(page("1277", "Åstorp"), encoding="utf-8")
    macros = PageMacros(Build(tmp_path))
    macros.start_page("astorp/", meta={"kommunkod": "1277"}, source="astorp.md")
    assert macros.kolada_comparison(["N31807"]) == ""
    assert macros.kolada_comparison() == ""
    assert capsys.readouterr().out == (
        "INFO    -  docs/astorp.md:1:1: notering: kolada_comparison: det finns ännu inga jämförelsetal från Kolada för "
        "kommunkod 1277, så sidan visar ingen jämförelse med liknande kommuner. De kommer med det schemalagda "
        "arbetsflödet Kolada (en pull request att granska), eller med python scripts/kolada.py. [kolada-data-saknas]\n"
    )


def test_the_build_log_is_quiet_where_the_data_is_there(comparison_site):
    _root, _site, log = comparison_site
    assert "kolada-data-saknas" not in log


@pytest.mark.parametrize(
    ("meta", "measures", "message"),
    [
        ({}, None, 'kolada_comparison behöver veta vilken kommun sidan gäller: skriv kommunkod: "1277"'),
        ({"kommunkod": "1277"}, ["N31807", "N00945"], "kolada_comparison: det finns inga jämförelsetal för N00945 för kommunkod 1277; det finns N31001, N31807, N31816."),
    ],
    ids=["utan-kommunkod", "okant-nyckeltal"],
)
def test_an_authors_mistake_is_named(comparison_site, meta, measures, message):
    root, _site, _log = comparison_site
    macros = PageMacros(Build(root))
    macros.start_page("astorp/", meta=meta, source="astorp.md")
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        macros.kolada_comparison(measures)


@pytest.mark.browser
def test_a_reader_sees_the_comparison_on_a_phone_accessibly(browser, comparison_site):
    """One visit at 360 px: the page fits, every chart draws, the municipality's bars carry a pattern
    and its name is bold while the others are muted, and axe-core finds nothing (both tabs)."""
    from axe_playwright_python.sync_playwright import Axe

    from macros.pages.local_browser import SiteServer

    _root, site, _log = comparison_site
    with SiteServer(site, "/rapporter/") as server:
        page_ = browser.new_page(viewport={"width": 360, "height": 800})
        page_.goto(server.url + "astorp/")
        page_.evaluate("window.siteCharts.drawAll()")
        page_.wait_for_function("document.querySelectorAll('.chart-plot.is-drawn').length === 6", timeout=20_000)
        assert page_.evaluate("document.documentElement.scrollWidth") <= 360
        drawn = page_.evaluate("""() => {
          const plot = document.querySelector('#diagram-astorp-n31807-jamforelse .chart-plot');
          const fills = [...plot.querySelectorAll('g.trace.bars')].map(t => t.querySelector('g.point path').style.fill);
          const bold = [...plot.querySelectorAll('g.ytick text tspan')].filter(s => s.style.fontWeight === 'bold').map(s => s.textContent);
          return {fills, bold};
        }""")
        assert drawn["fills"][0].startswith("url(") and drawn["fills"][2].startswith("url(")  # patterned
        assert drawn["fills"][1] == "rgb(118, 118, 118)"  # the similar municipalities, muted
        assert drawn["bold"] == ["Åstorp"]
        options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, "resultTypes": ["violations"]}
        violations = Axe().run(page_, options=options).response["violations"]
        for label in page_.locator("figure.chart .tabbed-labels label:text-is('Tabell')").all():
            label.click()
        violations += Axe().run(page_, options=options).response["violations"]
        page_.close()
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


def test_the_sites_catalogue_lists_the_fetched_datasets(comparison_site):
    from rdflib import Graph, Namespace

    root, site, _log = comparison_site
    dcterms = Namespace("http://purl.org/dc/terms/")
    graph = Graph().parse(data=(site / "data" / "katalog.rdf").read_bytes(), format="xml")
    identifiers = {str(i) for i in graph.objects(None, dcterms.identifier) if "/" in str(i)}
    assert identifiers == set(Catalog(root).ids())
    link = soup(site, "data").find("a", string="katalog.rdf")
    assert link["href"] == "katalog.rdf"
