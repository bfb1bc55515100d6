"""Golden tests: every figure transcribed from a source report (tests/golden/*.yaml)
is (1) the value in its dataset and (2) shown on the built site in Swedish format,
found by meaning (`data-dataset`, `data-key`, `data-field` on table cells, cards and
inline values), not by a substring search.

Where the site computes a figure that the source also printed, and the two differ,
the rendered cell must carry a footnote quoting the printed figure."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import site_project

from macros.formats import swedish
from macros.data.catalog import Catalog
from macros.pages.publish import site_files

REPO = Path(__file__).resolve().parents[2]
GOLDEN = sorted((Path(__file__).resolve().parents[1] / "golden").glob("*.yaml"))
MISSING_MARKS = {"x", "nytt mått", "ingen uppg.", "uppgift saknas", "uppgift saknas/"}
WORDS = {"elva": "11", "fyra": "4", "sju": "7", "fem": "5", "två": "2", "tre": "3", "tolv": "12"}
SWEDISH_NUMBER = re.compile(r"[+\u2212]?\d{1,3}(?:\u00a0\d{3})*(?:,\d+)?")


def figures() -> list:
    return list(_figures())


def _figures():
    for path in GOLDEN:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for figure in doc["figures"]:
            yield pytest.param(figure, id=f"{path.stem}:{figure['dataset']}:{figure['key']}:{figure['field']}")


def number(text: str) -> Decimal | None:
    """Swedish-format figure → Decimal (`+2 332`, `−4 249`, `6,4%`, `1 690`)."""
    text = str(text).strip().lower()
    text = WORDS.get(text, text)
    text = text.replace("\u2212", "-").replace("%", "").replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        return Decimal(text)
    except ArithmeticError:
        return None


@pytest.fixture(scope="module")
def catalog():
    return Catalog(site_project())


@pytest.fixture(scope="module")
def rendered(built_site):
    """(dataset, key, field) → every element on the site that shows that figure."""
    found: dict[tuple[str, str, str], list] = {}
    for page in site_files(built_site, "*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for table in soup.select("table[data-dataset]"):
            for cell in table.select("td[data-key][data-field]"):
                found.setdefault((table["data-dataset"], cell["data-key"], cell["data-field"]), []).append(cell)
        for element in soup.select("[data-dataset][data-key][data-field]"):
            found.setdefault((element["data-dataset"], element["data-key"], element["data-field"]), []).append(element)
    return found


def derived_for(dataset, field: str) -> str | None:
    """The computed field that a `publicerat_*` column is kept to check."""
    return next((d.name for d in dataset.schema.derived if d.published == field), None)


@pytest.mark.parametrize("figure", figures())
def test_dataset_holds_printed_figure(catalog, figure):
    dataset = catalog.load(figure["dataset"])
    printed = str(figure.get("stored", figure["printed"]))
    if figure["key"] == "__total__":
        total = dataset.schema.published_totals.get(figure["field"])
        if total is None:  # a printed total of a computed column: kept under its published twin
            twin = next(d.published for d in dataset.schema.derived if d.name == figure["field"])
            total = dataset.schema.published_totals[twin]
        assert Decimal(str(total)) == number(printed)
        return
    key = dataset.key_field
    rows = dataset.frame[dataset.frame[key].astype("string") == str(figure["key"])]
    assert len(rows) == 1, f"ingen rad {figure['key']!r} i {dataset.id}"
    value = rows.iloc[0][figure["field"]]
    if printed.strip().lower() in MISSING_MARKS:
        assert swedish.is_missing(value), f"{printed!r} ska vara saknat värde, inte {value!r}"
    elif number(printed) is None:
        assert str(value) == printed
    elif dataset.field(figure["field"]).computed:
        places = -number(printed).as_tuple().exponent
        assert Decimal(str(swedish.round_half_up(value, places))) == number(printed) or any(
            d.key == figure["key"] and d.measure == figure["field"] for d in dataset.discrepancies
        )
    else:
        assert Decimal(str(float(value))) == number(printed)


@pytest.mark.parametrize("figure", figures())
def test_site_shows_figure(catalog, rendered, figure):
    dataset = catalog.load(figure["dataset"])
    field = figure["field"]
    shown_as = derived_for(dataset, field) or field
    elements = rendered.get((figure["dataset"], str(figure["key"]), shown_as), [])
    assert elements, f"{figure['dataset']} {figure['key']} {shown_as}: figuren visas inte på webbplatsen"
    printed = str(figure.get("stored", figure["printed"]))
    for element in elements:
        if element.get("data-missing") == "true":
            assert printed.strip().lower() in MISSING_MARKS
            continue
        if printed.strip().lower() in MISSING_MARKS:
            assert element.get_text(strip=True) == swedish.MISSING_TEXT
            continue
        visible = "".join(element.find_all(string=True, recursive=False)) or element.get_text()
        visible = re.sub(r"\s*(tkr|kr|%|st)$", "", visible.strip().replace("\u00a0%", "")).strip()
        if number(printed) is None:
            assert visible.endswith(printed)
            continue
        assert SWEDISH_NUMBER.fullmatch(visible), f"{visible!r} är inte i svenskt format"
        if number(visible) != number(printed):
            # A computed figure that differs from the printed one must say so in a footnote.
            notes = element.select("sup.note-ref a")
            page = element.find_parent("html")
            texts = [page.select_one(a["href"]).get_text() for a in notes]
            expected = swedish.number(number(printed), max(0, -number(printed).as_tuple().exponent))
            assert any(f"Källan anger {expected}" in t for t in texts), (
                f"{figure['dataset']} {figure['key']} {shown_as}: visar {visible!r}, källan {printed!r}, utan fotnot"
            )
