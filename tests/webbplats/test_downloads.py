"""Every CSV a reader can download, opened as its user opens it: parsed back as Excel and as
Python's csv would read it, and compared cell by cell with the dataset's typed values.
The data package beside them is validated with the `frictionless` library.

Fails on a Python repr (`np.float64(…)`), a rounded value, an empty cell where a value is
missing, or a text cell a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import frictionless
import pytest
from bs4 import BeautifulSoup
from conftest import REPO, page_url_path, site_pages, site_project

from macros.data.catalog import Catalog
from macros.formats.swedish import is_missing
from macros.outputs.downloads import dataset_csv
from macros.pages.publish import site_files

pytestmark = pytest.mark.slow

EXCEL_NUMBER = re.compile(r"^-?\d+(?:,\d+)?$")  # what Swedish Excel reads as a number from a CSV
FORMULA = re.compile(r"^[=+\-@\t\r]")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog(site_project())


def read_csv(body: bytes) -> list[list[str]]:
    """As Python's csv reads a Swedish Excel file; also checks the dialect's bytes."""
    assert body.startswith(b"\xef\xbb\xbf"), "filen börjar inte med UTF-8-märket (BOM): Excel skulle gissa teckenkodningen"
    text = body[3:].decode("utf-8")
    assert "\n" not in text.replace("\r\n", ""), "raderna slutar inte med CRLF"
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def excel_reads(text: str) -> tuple[str, object]:
    """How Swedish Excel takes a cell: ("number", Decimal), ("missing", None), ("formula", text) or ("text", text)."""
    if EXCEL_NUMBER.match(text):
        return "number", Decimal(text.replace(",", "."))
    if text == "..":
        return "missing", None
    if FORMULA.match(text):
        return "formula", text
    return "text", text.removeprefix("'")


def expected(value) -> tuple[str, object]:
    """The typed value as the download must carry it: exact, never rounded."""
    if is_missing(value):
        return "missing", None
    if isinstance(value, str):
        return "text", value
    return "number", Decimal(int(value)) if float(value).is_integer() and abs(float(value)) < 1e15 else Decimal(repr(float(value)))


def test_every_dataset_download_holds_the_data_exactly(built_site, catalog):
    problems = []
    for dataset_id in catalog.published_ids():
        dataset = catalog.load(dataset_id)
        rows = read_csv((built_site / "data" / f"{dataset_id}.csv").read_bytes())
        names = list(dataset.fields)
        if rows[0] != names:
            problems.append(f"{dataset_id}: rubrikraden {rows[0]} är inte fältnamnen {names}")
            continue
        if len(rows) - 1 != len(dataset.frame):
            problems.append(f"{dataset_id}: {len(rows) - 1} rader i filen, {len(dataset.frame)} i data")
        for line, (row, record) in enumerate(zip(rows[1:], dataset.frame[names].itertuples(index=False)), start=2):
            for column, (text, value) in enumerate(zip(row, record), start=1):
                kind, read = excel_reads(text)
                if kind == "formula":
                    problems.append(f"{dataset_id}.csv:{line}:{column}: {text!r} skulle köras som en formel i Excel")
                elif isinstance(value, str) and text == value:
                    continue  # text as typed (Excel may take "2020" for a number, which is what it says)
                elif (kind, read) != expected(value):
                    problems.append(f"{dataset_id}.csv:{line}:{column}: {text!r} läses som {read!r}, men värdet i data är {value!r}")
    assert not problems, "\n".join(problems[:40])


def test_no_python_repr_anywhere(built_site):
    found = [
        f"{p.relative_to(built_site)}: {cell!r}"
        for p in site_files(built_site, "*.csv")
        for row in read_csv(p.read_bytes())
        for cell in row
        if re.search(r"np\.|np,|float64|int64|<NA>|\bnan\b|\bNone\b", cell)
    ]
    assert not found, found[:20]


def test_every_chart_download_holds_the_plotted_data_exactly(built_site, catalog):
    """Each chart CSV row and column is the chart table's; each value is the dataset's at full precision."""
    problems, checked = [], 0
    for page in site_pages(built_site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for figure in soup.select("figure.chart"):
            table = figure.select_one("table[data-dataset]")
            dataset = catalog.load(table["data-dataset"])
            href = figure.select_one("a.chart-download")["href"]
            target = (page.parent / href).resolve()
            rows = read_csv(target.read_bytes())
            head = [th.get_text(strip=True).replace("\u00ad", "") for th in table.select("thead th")]  # soft hyphens are break points
            if rows[0] != head:
                problems.append(f"{page_url_path(built_site, page)}{href}: rubrikraden {rows[0]} ≠ tabellens {head}")
            for line, (row, tr) in enumerate(zip(rows[1:], table.select("tbody tr")), start=2):
                label = tr.select_one("th").get_text(strip=True).replace("\u00ad", "")  # soft hyphens are break points
                if row[0] != label:
                    problems.append(f"{href}:{line}:1: {row[0]!r} ≠ tabellens radrubrik {label!r}")
                for column, (text, td) in enumerate(zip(row[1:], tr.select("td")), start=2):
                    key, field = td["data-key"], td["data-field"]
                    value = dataset.value(field, key) if key else None
                    kind, read = excel_reads(text)
                    checked += 1
                    wanted = expected(value)
                    if dataset.field(field).computed and kind == "number" and wanted[0] == "number":
                        # A figure the site computes (an average) is written rounded, two places past what the page shows.
                        wanted = ("number", wanted[1].quantize(read) if read.as_tuple().exponent < 0 else wanted[1])
                    if (kind, read) != wanted:
                        problems.append(f"{href}:{line}:{column}: {text!r} läses som {read!r}, men {dataset.id} {key} {field} är {value!r}")
    assert checked > 100, f"bara {checked} celler i diagrammens filer jämfördes"
    assert not problems, "\n".join(problems[:40])


def test_data_package_is_valid_and_describes_every_download(built_site, catalog):
    path = built_site / "data" / "datapackage.json"
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])[:20]
    package = json.loads(path.read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] and package["title"]
    assert [r["path"] for r in package["resources"]] == [f"{i}.csv" for i in catalog.published_ids()]
    for described in package["resources"]:
        dataset = catalog.load(described["path"].removesuffix(".csv"))
        assert described["title"] == dataset.title and described["sources"] == [{"title": dataset.source}]
        fields = {f["name"]: f for f in described["schema"]["fields"]}
        assert list(fields) == list(dataset.fields)
        for name, spec in dataset.fields.items():
            if spec.unit:
                assert fields[name]["unit"] == spec.unit, (dataset.id, name)


def test_frictionless_reads_the_same_values(built_site, catalog):
    """A reuser's tool, given only datapackage.json, reads every value the site shows."""
    package = frictionless.Package(str(built_site / "data" / "datapackage.json"))
    for resource in package.resources:
        dataset = catalog.load(resource.path.removesuffix(".csv"))
        rows = resource.read_rows()
        assert len(rows) == len(dataset.frame)
        for row, (_, record) in zip(rows, dataset.frame.iterrows()):
            for name in dataset.fields:
                ours, theirs = record[name], row[name]
                if is_missing(ours):
                    assert theirs is None, (dataset.id, name, theirs)
                elif isinstance(theirs, (int, float, Decimal)):
                    assert Decimal(str(theirs)) == expected(ours)[1], (dataset.id, name, ours, theirs)
                elif hasattr(theirs, "month") and hasattr(theirs, "year"):  # frictionless' yearmonth and date
                    shown = theirs.isoformat() if hasattr(theirs, "isoformat") else f"{theirs.year:04d}-{theirs.month:02d}"
                    assert shown == str(ours), (dataset.id, name, ours, theirs)
                else:
                    assert str(theirs) == str(ours), (dataset.id, name, ours, theirs)


def test_formula_like_text_is_neutralised_and_reads_back(tmp_path):
    """A hostile category (`=HYPERLINK(…)`, `@SUM`, `+46 …`, `-x`) reaches Excel as text."""
    target = tmp_path / "data" / "elak"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data" / "elak", target)
    (target / "projekt.csv").write_text(
        "delprojekt;deltagare;med_forsorjningsstod\n"
        '"=HYPERLINK(""https://example.invalid"";""klicka"")";136;71\n'
        "@SUM(A1);66;x\n+46 70 123;47;19\n-x;1;1\n",
        encoding="utf-8",
    )
    dataset = Catalog(tmp_path).load("elak/projekt")
    rows = read_csv(dataset_csv(dataset))
    assert [r[0] for r in rows[1:]] == [
        "'=HYPERLINK(\"https://example.invalid\";\"klicka\")", "'@SUM(A1)", "'+46 70 123", "'-x",
    ]
    assert [excel_reads(r[0])[0] for r in rows[1:]] == ["text"] * 4
    assert rows[2][2] == ".."  # the missing value is written, not left empty
