"""Charts and sentences for series whose months are far apart (adv19 #26–#31, #29, #55).

`glesa/glapp.csv` has two months 3½ years apart with the rows between absent, `glesa/fylld.csv`
the same two months with every month between written as `x` (what the [glapp] warning asks
for); both have a column (`unga`) with no figure at all. A chart never draws a line across
the months without figures nor isolated dots, a series with no figure is said as "uppgift
saknas" in the chart instead of a legend entry with nothing drawn, and the sentences are
Swedish that says which month has no figure."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.models import charts
from macros.pages.build import Build
from macros.pages.page_macros import PageMacros

HERE = Path(__file__).resolve().parent / "glesa"


@pytest.fixture
def ystad(tmp_path) -> PageMacros:
    shutil.copytree(HERE, tmp_path / "data" / "ystad")
    # Three neighbouring months, three years' gap, two neighbouring months (rows between absent).
    (tmp_path / "data/ystad/delad.csv").write_text(
        "manad;hushall;utbetalt_tkr;unga\n2021-01;410;3 100;x\n2021-02;405;3 050;x\n2021-03;412;3 120;x\n"
        "2024-08;380;2 990;x\n2024-09;377;2 980;x\n", encoding="utf-8")
    shutil.copy(HERE / "glapp.schema.yaml", tmp_path / "data/ystad/delad.schema.yaml")
    macros = PageMacros(Build(tmp_path))
    macros.start_page("ystad/")
    return macros


def traces(chart: charts.Chart) -> list[dict]:
    return charts.figure(chart)["data"]


def notes(chart: charts.Chart) -> list[str]:
    return [a["text"] for a in charts.figure(chart)["layout"].get("annotations", [])]


@pytest.mark.parametrize("dataset", ["ystad/glapp", "ystad/fylld"])
def test_two_far_apart_months_are_bars_of_those_months(ystad, dataset):
    chart = charts.series_chart(ystad.load(dataset), ["hushall", "unga"])
    assert chart.kind == "bar"
    assert [(t["type"], t["name"], t["x"], t["y"]) for t in traces(chart)] == [
        ("bar", "Antal hushåll", ["mars 2021", "sep 2024"], [412.0, 377.0])]
    # The series with no figure: out of the legend, named in the chart.
    assert notes(chart) == ["Ungdomsarbetslöshetsåtgärdsdeltagare: uppgift saknas"]


@pytest.mark.parametrize("dataset", ["ystad/glapp", "ystad/fylld"])
def test_year_chart_of_far_apart_months_compares_the_months_it_has(ystad, dataset):
    chart = charts.year_chart(ystad.load(dataset), "hushall")
    assert chart.kind == "bar"
    assert [t["name"] for t in traces(chart)] == ["2021", "2024"]  # 2022 and 2023 have no figure: not in the legend
    expected = ["2024: uppgift saknas", "2021: uppgift saknas"]
    if dataset == "ystad/fylld":
        expected.append("2022, 2023: uppgift saknas")
    assert notes(chart) == expected


@pytest.mark.parametrize("dataset", ["ystad/glapp", "ystad/fylld"])
def test_a_chart_with_no_figure_says_so_instead_of_an_empty_axis(ystad, dataset):
    figure = charts.figure(charts.series_chart(ystad.load(dataset), ["unga"]))
    assert figure["data"] == []
    assert [a["text"] for a in figure["layout"]["annotations"]] == ["Uppgift saknas för mars 2021–sep 2024"]
    assert figure["layout"]["xaxis"]["visible"] is False and figure["layout"]["yaxis"]["visible"] is False


def test_a_line_breaks_at_months_without_rows(ystad):
    chart = charts.series_chart(ystad.load("ystad/delad"), ["hushall"])
    assert chart.kind == "line"
    (trace,) = traces(chart)
    assert trace["x"] == ["2021-01-01", "2021-02-01", "2021-03-01", "2021-04-01", "2024-08-01", "2024-09-01"]
    assert trace["y"] == [410.0, 405.0, 412.0, None, 380.0, 377.0]  # the None breaks the line
    assert trace["connectgaps"] is False
    assert trace["customdata"] == ["2021-01", "2021-02", "2021-03", "", "2024-08", "2024-09"]


def test_a_measure_with_no_figure_is_a_swedish_sentence(ystad):
    assert charts.series_chart(ystad.load("ystad/glapp"), ["unga"]).summary == (
        "Uppgift saknas för ungdomsarbetslöshetsåtgärdsdeltagare under hela perioden mars 2021–september 2024.")


@pytest.mark.parametrize("dataset", ["ystad/glapp", "ystad/fylld"])
def test_a_missing_month_inside_the_series_is_not_called_the_series_start(ystad, dataset):
    assert ystad.change(dataset, "hushall") == "jämförelse med september 2023: uppgift saknas"
    html = BeautifulSoup(ystad.kpi_cards(dataset, ["hushall"]), "html.parser")
    assert html.select_one(".kpi-note") is None  # no "Serien börjar mars 2021 …": it started long before
    assert [p.get_text(" ", strip=True) for p in html.select("li.kpi p")] == [
        "Antal hushåll", "377", "september 2024", "jämförelse med sep 2023: uppgift saknas"]


def test_a_series_that_starts_later_says_so_once(ystad):
    html = BeautifulSoup(ystad.kpi_cards("ystad/delad", ["hushall"], period="2021-03"), "html.parser")
    assert html.select_one(".kpi-note").get_text() == (
        "Serien börjar januari 2021, så det finns ingen jämförelse med mars 2020.")
    assert [p.get_text(" ", strip=True) for p in html.select("li.kpi p")] == ["Antal hushåll", "412", "mars 2021"]
