"""Pages and mkdocs.yml as authors really save them (adv18): each fault is a real file in
fel-sidor/ named after it, and the exact Swedish line the site says about it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hjalp_inlasning import HERE, TODAY

from macros.data.catalog import Catalog
from macros.pages import authoring

PROJECT = HERE / "projekt"
FAULTS = HERE / "fel-sidor"

# ------------------------------------------------------------ impossible periods in words

PERIODS = {
    "rapportperiod-tertial-4.md":
        'docs/rapport.md:3:1: Perioden "tertial 4 2019" finns inte: ett år har bara tertial 1–3. Rätta perioden. [period-finns-inte]',
    "rapportperiod-tertial-0.md":
        'docs/rapport.md:3:1: Perioden "tertial 0 2019" finns inte: ett år har bara tertial 1–3. Rätta perioden. [period-finns-inte]',
    "rapportperiod-kvartal-5.md":
        'docs/rapport.md:3:1: Perioden "kvartal 5 2022" finns inte: ett år har bara kvartal 1–4. Rätta perioden. [period-finns-inte]',
    "rapportperiod-2023-02-30.md":
        'docs/rapport.md:3:1: Perioden "2023-02-30" finns inte: datumet 2023-02-30 finns inte i kalendern. Rätta perioden. '
        "[period-finns-inte]",
    "rapportperiod-aug-jan-baklanges.md":
        'docs/rapport.md:3:1: Perioden "aug–jan 2022" finns inte: spannet slutar (jan) före det börjar (aug); skriv den '
        "tidigaste månaden först, till exempel jan–aug. Rätta perioden. [period-finns-inte]",
}


@pytest.mark.parametrize("name", PERIODS)
def test_an_impossible_period_in_words_is_refused_where_it_is_declared(name):
    text = (FAULTS / name).read_text(encoding="utf-8")
    found = authoring.front_matter_problems("docs/rapport.md", text, Catalog(PROJECT, today=TODAY))
    assert [str(p) for p in found] == [PERIODS[name]]
