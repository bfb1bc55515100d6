"""A column renamed after a correction (adv17d W2, fault 49): July's households were corrected 167 → 169
(conftest.py), then staff rename the column hushall → antal_hushall in the CSV header, the schema (its name,
the formula and the rule that use it) and the page. "Nytt och ändrat" keeps listing 167 → 169, and the living
page keeps marking the value as corrected: the two views of the same correction agree (the comparison
follows the renamed column, models/versions.renamed_fields)."""

from __future__ import annotations

import re
import shutil

import pytest
from bs4 import BeautifulSoup

from macros.pages.editions import CACHE

from .conftest import SERIES, build, git

pytestmark = pytest.mark.slow


def text(path) -> str:
    return re.sub(r"\s+", " ", BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text(" ", strip=True))


def test_a_renamed_column_keeps_its_corrected_values_marked(project, tmp_path):
    root = tmp_path / "projekt"
    shutil.copytree(project, root, ignore=shutil.ignore_patterns(CACHE.name, "site"))
    csv = root / SERIES
    csv.write_text(csv.read_text(encoding="utf-8").replace(";hushall;", ";antal_hushall;", 1), encoding="utf-8")
    schema = csv.with_name("forsorjningsstod.schema.yaml")
    said = schema.read_text(encoding="utf-8")
    said = said.replace("- name: hushall\n", "- name: antal_hushall\n").replace("utbetalt_tkr / hushall", "utbetalt_tkr / antal_hushall")
    schema.write_text(said.replace("bistandstagare >= hushall", "bistandstagare >= antal_hushall"), encoding="utf-8")
    page = root / "docs/astorp.md"
    page.write_text(page.read_text(encoding="utf-8").replace('"hushall"', '"antal_hushall"').replace("[hushall,", "[antal_hushall,"), encoding="utf-8")
    git(root, "commit", "--quiet", "-am", "Åstorp: kolumnen hushall heter antal_hushall", when="2022-10-25T10:00:00+02:00")
    site = build(root)
    living = text(site / "astorp/index.html")
    assert "antal_hushall" not in living and "hushall" not in re.sub(r"hushåll", "", living)  # the page shows titles, not names
    assert "Antal hushåll, juli 2022: rättad 20 oktober 2022, tidigare 167." in living  # the table's note
    assert "Rättad 20 oktober 2022, tidigare 167." in living  # the key-figure card
    assert "I juli 2022 fick 169 (rättad 20 oktober 2022, tidigare 167) hushåll" in living
    assert "Antal hushåll, juli 2022: 167 → 169" in text(site / "nytt-och-andrat/index.html")
