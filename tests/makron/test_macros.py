"""The page authors' vocabulary, one macro at a time, on tiny real data:
exact rendered values, escaping, missing values and generated sentences."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import plotly.graph_objects as go
import pytest
from bs4 import BeautifulSoup

import macros
from conftest import site_project

from macros.outputs import theme
from macros.pages.build import Build
from macros.pages.page_macros import PageMacros

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parents[1] / "data"
NB = "\u00a0"


@pytest.fixture
def site(tmp_path):
    """A project with two real datasets and one with hostile strings."""
    for dataset in ("astorp/forsorjningsstod", "astorp/kaa-unga", "lund/malupfyllelse-2022",
                    "katrineholm/investeringsredovisning-t1-2019", "katrineholm/driftsredovisning-t1-2019",
                    "namndrapport/nyckeltal", "namndrapport/begrepp"):
        target = tmp_path / "data" / Path(dataset).parent
        target.mkdir(parents=True, exist_ok=True)
        for suffix in (".csv", ".schema.yaml"):
            shutil.copy(site_project() / "data" / f"{dataset}{suffix}", target)
    shutil.copytree(HERE / "elak", tmp_path / "data" / "elak")
    shutil.copytree(HERE / "jamforelse", tmp_path / "data" / "jamforelse")  # a comparison table (one row per measure)
    macros_ = PageMacros(Build(tmp_path))
    macros_.start_page("rapport/")
    return macros_


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def text_of(html: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", soup(html).get_text(" ")).strip()  # keeps U+00A0


# ------------------------------------------------------------ inline values


def test_value_latest_month_and_named_row(site):
    assert text_of(site.value("astorp/forsorjningsstod", "hushall")) == "176"
    assert text_of(site.value("astorp/forsorjningsstod", "utbetalt_tkr", period="2021-08")) == f"1{NB}686{NB}tkr"
    assert text_of(site.value("lund/malupfyllelse-2022", "utfall", key="Praktik")) == "16"


def test_value_of_missing_month_says_so(site):
    assert text_of(site.value("astorp/kaa-unga", "antal")) == "uppgift saknas"


def test_total_and_change_and_period(site):
    assert text_of(site.total("elak/projekt", "deltagare")) == "249"
    assert site.change("astorp/forsorjningsstod", "hushall") == "32 färre än i augusti 2021"
    assert site.change("astorp/forsorjningsstod", "utbetalt_tkr") == f"135{NB}tkr lägre än i augusti 2021"
    assert site.period_name("astorp/forsorjningsstod") == "augusti 2022"
    assert site.period_name("astorp/forsorjningsstod", style="short") == "aug 2022"


# ------------------------------------------------------------ cards


def test_monthly_cards(site):
    cards = soup(site.kpi_cards("astorp/forsorjningsstod", ["hushall"])).select("li.kpi")
    assert [p.get_text(" ", strip=True) for p in cards[0].select("p")] == [
        "Antal hushåll",
        "176",
        "augusti 2022",
        f"▼ 32 färre än i aug 2021 ({chr(0x2212)}15,4{NB}%)",
        "aug 2021: 208",
    ]
    assert cards[0].select_one(".kpi-arrow")["aria-hidden"] == "true"


def test_comparison_cards_with_missing_comparison(site):
    cards = soup(site.kpi_cards("jamforelse/nyckeltal-nov-2023")).select("li.kpi")
    first = [p.get_text(" ", strip=True) for p in cards[0].select("p")]
    assert first[1] == f"22{NB}632{NB}677{NB}kr"
    assert first[3] == f"▲ 184{NB}017{NB}kr högre än i november 2022 (+0,8{NB}%)"
    last = [p.get_text(" ", strip=True) for p in cards[-1].select("p")]
    assert last[3] == "jämförelse med november 2022: uppgift saknas"
    assert len(last) == 4  # no second line "November 2022: uppgift saknas" saying it again (adv19 #55)


# ------------------------------------------------------------ tables


def test_month_table_structure_and_footnotes(site):
    table = soup(site.month_table("astorp/forsorjningsstod", year=2022, measures=["hushall", "tkr_per_hushall"]))
    assert table.select_one("caption").get_text().replace("\u00ad", "") == "Försörjningsstöd i Åstorp, nyckeltal per månad, 2022"
    assert [th.get_text() for th in table.select("thead th")] == [
        "Nyckeltal", "jan", "feb", "mars", "apr", "maj", "juni", "juli", "aug"]
    assert all(th["scope"] == "col" for th in table.select("thead th"))
    assert [th["scope"] for th in table.select("tbody th")] == ["row", "row"]
    march = table.select_one('td[data-key="2022-03"][data-field="tkr_per_hushall"]')
    assert march.contents[0] == "9,2"
    note = table.select_one(march.select_one("a")["href"])
    assert note.get_text() == (
        f"Försörjningsstöd per hushåll är beräknat till 9,2{NB}tkr (utbetalt försörjningsstöd ÷ antal hushåll). "
        f"Källan anger 9,3{NB}tkr; webbplatsen visar det värde som delarna ger."
    )


def test_missing_values_are_marked_not_zero(site):
    html = site.data_table("astorp/kaa-unga")
    cell = soup(html).select_one('td[data-key="2022-07"][data-field="antal"]')
    assert cell["data-missing"] == "true"
    assert cell.get_text() == "..uppgift saknas"
    assert "= uppgift saknas." in text_of(html)


def test_a_blank_remark_is_empty_not_a_missing_figure(site):
    """".." means a figure is missing; a text column left blank has nothing to say."""
    html = site.data_table("namndrapport/begrepp", columns=["omrade", "definition", "anmarkning"])
    cell = soup(html).select_one('td[data-key="Öppna ekonomiutredningar"][data-field="anmarkning"]')
    assert cell.get_text() == "" and not cell.has_attr("data-missing")
    assert "uppgift saknas" not in text_of(html)


def test_total_row_checked_against_source(site):
    table = soup(site.data_table("elak/projekt", total=True))
    total = table.select_one('tfoot td[data-field="deltagare"]')
    assert total.contents[0] == "249"
    note = table.select_one(total.select_one("a")["href"]).get_text()
    assert note == f"Summan av antal deltagare totalt är beräknad till 249{NB}personer. Källan anger 250{NB}personer."


def test_budget_table_computes_deviation(site):
    table = soup(site.budget_table("katrineholm/investeringsredovisning-t1-2019"))
    headers = [th.get_text() for th in table.select("thead th")]
    assert headers[:4] == ["Investering", "Utfall per 30 april 2019, tkr", "Budget per 30 april 2019, tkr",
                           "Avvikelse per 30 april 2019, tkr (beräknat)"]
    assert table.select_one('tfoot td[data-field="avvikelse"]').get_text() == "+691"


def test_goal_table_symbol_and_word(site):
    table = soup(site.goal_table("lund/malupfyllelse-2022", columns=["malvarde_text", "utfall", "bedomning"]))
    cell = table.select_one('td[data-key="Praktik"][data-field="bedomning"]')
    assert cell.get_text() == "? Osäkert"
    assert cell.select_one(".symbol")["aria-hidden"] == "true"


# ------------------------------------------------------------ escaping


def test_strings_from_csv_and_schema_are_escaped_everywhere(site):
    outputs = [
        site.data_table("elak/projekt", total=True),
        site.bar_chart("elak/projekt", ["deltagare"]),
        site.dataset_list(),
    ]
    for html in outputs:
        parsed = soup(html)
        assert not parsed.select("script")
        assert not parsed.select("img") and not parsed.select("b")
    chart = soup(outputs[1])
    assert "<script>alert(1)</script>" in chart.get_text()
    raw = chart.select_one("template.chart-data").string
    assert "</script>" not in raw and "<img" not in raw
    figure = json.loads(raw)
    # Plotly renders <a>, <b>, <br> in its own text: what reaches it is entities, shown as typed.
    trace = figure["data"][0]  # a long category name lays the bars down: categories on y
    assert trace["y" if trace.get("orientation") == "h" else "x"][:3] == [
        "&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(2)&gt;", "Kompetenstrappan &amp; co",
    ]
    axis = "x" if trace.get("orientation") == "h" else "y"
    assert trace["hovertemplate"] == f"%{{{axis}:,.0f}}{NB}personer<extra>%{{fullData.name}}</extra>"


# ------------------------------------------------------------ charts


def test_year_chart_everything_a_reader_needs(site):
    figure_html = soup(site.year_chart("astorp/forsorjningsstod", "hushall"))
    chart = figure_html.select_one("figure.chart")
    assert chart["id"] == "diagram-hushall-per-manad"
    assert chart.select_one("figcaption").get_text() == "Antal hushåll per månad, 2021–2022 (st)"
    assert chart.select_one(".chart-summary").get_text() == (
        "Antal hushåll var 176 i augusti 2022, 32 färre än i augusti 2021. "
        "Högst var 230 (mars 2021) och lägst 167 (juli 2022)."
    )
    assert [label.get_text() for label in chart.select(".tabbed-labels label")] == ["Diagram", "Tabell"]
    assert chart.select_one("a.chart-download")["href"] == "diagram-hushall-per-manad.csv"
    assert chart.select_one(".chart-meta").get_text(" ", strip=True).startswith("Källa: Åstorps kommun")
    # The source document, and separately the period the figures cover, from the data.
    assert chart.select_one(".chart-meta").get_text(" ", strip=True) == (
        "Källa: Åstorps kommun, månadsuppföljning av målet om färre hushåll med försörjningsstöd. "
        "Uppgifterna avser jan 2021–aug 2022. Ladda ner data (CSV)"
    )
    figure = json.loads(chart.select_one("template.chart-data").string)
    assert [t["name"] for t in figure["data"]] == ["2021", "2022"]
    assert figure["data"][1]["x"] == ["jan", "feb", "mars", "apr", "maj", "juni", "juli", "aug"]
    assert figure["layout"]["separators"] == f",{NB}"
    assert figure["config"]["displayModeBar"] is False
    go.Figure(data=figure["data"], layout=figure["layout"])  # plotly's own schema accepts it
    csv = site.build.files["rapport/diagram-hushall-per-manad.csv"].decode("utf-8-sig").splitlines()
    assert csv[0] == "Månad;2021;2022"
    assert csv[1] == "jan;228;191" and csv[-1] == "dec;203;.."  # a missing value is written, never an empty cell


def test_missing_months_are_gaps_not_zero(site):
    chart = soup(site.series_chart("astorp/kaa-unga", ["antal"]))
    figure = json.loads(chart.select_one("template.chart-data").string)
    assert figure["data"][0]["y"][-2:] == [None, None]
    assert figure["data"][0]["connectgaps"] is False
    # A date axis gets ISO dates as data; Plotly writes the Swedish ticks. ("1 januari 2022" drew an empty year 2000.)
    assert figure["layout"]["xaxis"]["type"] == "date"
    assert figure["data"][0]["x"][:2] == ["2022-01-01", "2022-02-01"]
    assert "Uppgifterna avser jan 2022–aug 2022. Senaste värde: juni 2022." in chart.select_one(".chart-meta").get_text()
    # The summary speaks of the last month with a value, not of the months marked x.
    assert chart.select_one(".chart-summary").get_text() == (
        "Antal unga i KAA var 69 i juni 2022. Högst var 74 (mars 2022) och lägst 69 (juni 2022)."
    )


def test_ids_are_stable_and_unique_per_page(site):
    first = site.year_chart("astorp/forsorjningsstod", "hushall")
    second = site.year_chart("astorp/forsorjningsstod", "hushall")
    assert 'id="diagram-hushall-per-manad"' in first and 'id="diagram-hushall-per-manad-2"' in second
    site.start_page("rapport/")
    assert site.year_chart("astorp/forsorjningsstod", "hushall") == first


def contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        rgb = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_palette_contrast_at_least_3_to_1(scheme):
    colours = theme.THEMES[scheme]
    for colour in colours["colorway"]:
        assert contrast(colour, colours["background"]) >= 3.0, (scheme, colour)


# ------------------------------------------------------------ the author's reference


def test_every_macro_is_documented_with_a_live_example():
    guide = "\n".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "docs/forfattarguide").glob("*.md")))
    live = re.sub(r"{% raw %}.*?{% endraw %}", "", guide, flags=re.S)  # what the build really runs
    calls = " ".join(re.findall(r"{{.*?}}|{%.*?%}", live, flags=re.S))
    for name in macros.MACROS:
        assert re.search(rf"^##+ {name}$", guide, re.M), f"{name} saknas i docs/forfattarguide/"
        # dataset_list's live example is the whole data page; editions_list's every report's own list (the
        # guide is no report, and a live list of a report's editions would break when that report is removed)
        if name not in ("dataset_list", "editions_list"):
            assert re.search(rf"\b{name}\(", calls), f"{name} har inget levande exempel"


@pytest.mark.parametrize(
    ("page", "target", "expected"),
    [
        ("", "astorp/", "astorp/"),
        ("astorp/", "lund-2022/", "../lund-2022/"),
        ("data/", "data/astorp/forsorjningsstod.csv", "astorp/forsorjningsstod.csv"),
        ("", "data/lund/iris.csv", "data/lund/iris.csv"),
    ],
)
def test_links_are_relative_to_the_page(site, page, target, expected):
    site.start_page(page)
    assert site.link(target) == expected


def test_a_total_off_by_rounding_is_the_sources_and_said_once(site):
    """Katrineholm (adv19 #13): the rows give −14 890 tkr, the source prints −14 891 in its table,
    its text and its chart. The table's sum row and `total()` show the source's −14 891, and one
    footnote says what the rows give; a count that differs (249 against 250) is not rounding."""
    dataset = "katrineholm/driftsredovisning-t1-2019"
    table = soup(site.budget_table(dataset))
    total = table.select_one('tfoot td[data-field="avvikelse"]')
    assert total.contents[0] == f"{chr(0x2212)}14{NB}891"
    notes = [table.select_one(a["href"]).get_text() for a in total.select("sup.note-ref a")]
    assert notes == [f"Källans summa. Raderna, som källan har avrundat, ger tillsammans {chr(0x2212)}14{NB}890{NB}tkr."]
    assert table.select_one('tfoot td[data-field="utfall"]').contents[0] == f"{chr(0x2212)}75{NB}094"
    assert text_of(site.total(dataset, "avvikelse")) == f"{chr(0x2212)}14{NB}891{NB}tkr"


def test_a_corrected_computed_figure_has_one_footnote(tmp_path):
    """adv19 #60: July 2022's households corrected 167 → 171 after publication, so the computed
    8,9 tkr per household became 8,7 while the source printed 8,9. One footnote says why the
    figure is not the source's and what it was before; the "r" mark points to it."""
    from macros.models import revised, tables
    from macros.models.versions import Revision, Revisions

    target = tmp_path / "data" / "astorp"
    target.mkdir(parents=True)
    shutil.copy(site_project() / "data/astorp/forsorjningsstod.schema.yaml", target)
    text = (site_project() / "data/astorp/forsorjningsstod.csv").read_text(encoding="utf-8")
    (target / "forsorjningsstod.csv").write_text(text.replace("2022-07;234;167;", "2022-07;234;171;"), encoding="utf-8")
    macros_ = PageMacros(Build(tmp_path))
    dataset = macros_.load("astorp/forsorjningsstod")
    day = "2022-10-20T10:00:00+02:00"
    found = Revisions([
        Revision(dataset.id, "2022-07", "hushall", "Antal hushåll", "juli 2022", "167", "171", day, 1),
        Revision(dataset.id, "2022-07", "tkr_per_hushall", "Försörjningsstöd per hushåll", "juli 2022", f"8,9{NB}tkr", f"8,7{NB}tkr", day, 1),
    ])
    table = revised.mark_table(tables.month_table(dataset, 2022, ["hushall", "tkr_per_hushall"], "t"), dataset, found)
    cell = next(c for r in table.rows for c in r.cells if (c.key, c.field) == ("2022-07", "tkr_per_hushall"))
    assert cell.text == "8,7"
    assert [table.notes[n - 1] for n in cell.notes] == [
        f"Försörjningsstöd per hushåll är beräknat till 8,7{NB}tkr (utbetalt försörjningsstöd ÷ antal hushåll) med "
        f"uppgifterna som rättades 20 oktober 2022. Källan anger 8,9{NB}tkr, räknat på uppgifterna före rättelsen."]
    assert cell.revised == cell.notes[0]
    households = next(c for r in table.rows for c in r.cells if (c.key, c.field) == ("2022-07", "hushall"))
    assert [table.notes[n - 1] for n in households.notes] == ["Antal hushåll, juli 2022: rättad 20 oktober 2022, tidigare 167."]
