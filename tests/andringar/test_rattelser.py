"""A corrected value told as a correction, on the whole site built from a real repository
(conftest.py: July's households corrected 167 → 169 on 20 oktober 2022, after they were published).

The living page marks the value where it is shown (table, key-figure card, running text) with the
previous value and the date; the computed figure per household explains its difference from the
source's printed one by the correction; nothing on the site calls it an error in the source; the
editions are the record of what was published and stay unmarked."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from macros.pages.publish import site_files

NB = "\u00a0"
TABLE = "astorp-forsorjningsstod-2022"

pytestmark = pytest.mark.slow


def soup(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def text(element) -> str:
    return re.sub(r"[ \t\r\n]+", " ", element.get_text(" ", strip=True)).strip()  # no-break spaces kept


def note(page: BeautifulSoup, number: int) -> str:
    return text(page.select_one(f"#{TABLE}-not-{number}"))


def test_a_corrected_cell_is_marked_and_its_note_says_the_previous_value_and_the_date(site):
    page = soup(site / "astorp/index.html")
    cell = page.select_one(f'#{TABLE} td[data-key="2022-07"][data-field="hushall"]')
    assert cell.contents[0] == "169"
    mark = cell.select_one("sup.revised-ref a")
    assert text(mark.select_one('[aria-hidden="true"]')) == "r"
    assert text(mark.select_one(".visually-hidden")) == "rättad uppgift"
    assert note(page, int(mark["href"].rsplit("-", 1)[1])) == "Antal hushåll, juli 2022: rättad 20 oktober 2022, tidigare 167."
    assert [text(a) for a in cell.select("sup.note-ref a")] == [mark["href"].rsplit("-", 1)[1]]
    legend = [text(p) for p in page.select(f'#{TABLE}-caption ~ p, .table-notes p')]
    assert "r = rättad uppgift: fotnoten anger det tidigare värdet och när det rättades." in legend
    # Only the corrected values are marked: June and August are as published.
    marked = [(td["data-key"], td["data-field"]) for td in page.select(f"#{TABLE} td") if td.select_one(".revised-ref")]
    assert marked == [("2022-07", "hushall"), ("2022-07", "tkr_per_hushall")]


def test_the_computed_figure_explains_its_difference_by_the_correction(site):
    page = soup(site / "astorp/index.html")
    cell = page.select_one(f'#{TABLE} td[data-key="2022-07"][data-field="tkr_per_hushall"]')
    assert cell.contents[0] == "8,8"
    said = [note(page, int(a["href"].rsplit("-", 1)[1])) for a in cell.select("sup.note-ref a")]
    # One note says the date and the earlier figure (8,9 was both shown before and printed by the
    # source), and the "r" points to it: never two notes that both give 8,9 (adv19 #60).
    assert said == [
        f"Försörjningsstöd per hushåll är beräknat till 8,8{NB}tkr (utbetalt försörjningsstöd ÷ antal hushåll) med "
        f"uppgifterna som rättades 20 oktober 2022. Källan anger 8,9{NB}tkr, räknat på uppgifterna före rättelsen.",
    ]
    assert cell.select_one("sup.revised-ref a")["href"] == cell.select_one("sup.note-ref a")["href"]
    # A difference the data's history does not explain is said as what it is, not as the source's error.
    march = page.select_one(f'#{TABLE} td[data-key="2022-03"][data-field="tkr_per_hushall"]')
    (ref,) = march.select("sup.note-ref a")
    assert note(page, int(ref["href"].rsplit("-", 1)[1])) == (
        f"Försörjningsstöd per hushåll är beräknat till 9,2{NB}tkr (utbetalt försörjningsstöd ÷ antal hushåll). "
        f"Källan anger 9,3{NB}tkr; webbplatsen visar det värde som delarna ger."
    )


def test_no_page_blames_the_source(site):
    for path in site_files(site, "*.html"):
        assert "fel i källan" not in path.read_text(encoding="utf-8"), path


def test_the_card_and_the_sentence_say_the_correction(site):
    page = soup(site / "astorp/index.html")
    cards = page.select(".kpi-cards li.kpi")
    households = [c for c in cards if c.select_one('.kpi-value[data-field="hushall"]')]
    assert text(households[0].select_one(".kpi-value")) == "169"
    assert text(households[0].select_one(".kpi-revised")) == "r Rättad 20 oktober 2022, tidigare 167."
    assert households[0].select_one(".kpi-revised .revised-mark")["aria-hidden"] == "true"
    paid = [c for c in cards if c.select_one('.kpi-value[data-field="utbetalt_tkr"]')]
    assert paid[0].select_one(".kpi-revised") is None
    first = text(page.select_one("article p:has(.value)"))
    assert first == (
        "I september 2022 fick 180 hushåll försörjningsstöd. I juli 2022 fick 169 (rättad 20 oktober 2022, "
        "tidigare 167) hushåll försörjningsstöd."
    )


def test_editions_are_kept_as_published_without_marks(site):
    for edition in ("2022-08", "2022-09"):
        page = soup(site / f"astorp/utgavor/{edition}/index.html")
        assert page.select(f"table[data-dataset='astorp/forsorjningsstod']")
        assert page.select(".revised-ref, .kpi-revised") == []
    august = soup(site / "astorp/utgavor/2022-08/index.html")
    assert text(august.select_one(f'td[data-key="2022-07"][data-field="hushall"]')) == "167"
