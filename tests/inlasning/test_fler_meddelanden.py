"""Messages of other features (publishing settings, scripts/ny-webbplats.py, the Kolada comparison)
that their own tests match without their code: here each is asserted with its exact text, so
every message in the catalogue is (test_meddelanden.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import datetime as dt

import pytest

from macros.data.catalog import Catalog
from macros.pages import authoring
from macros.pages.build import Build
from macros.pages.page_macros import PageMacros
from macros.pages.settings import SiteSettings, settings_problems

REPO = Path(__file__).resolve().parent.parent.parent
PUBLISHER = {"namn": "Socialförvaltningen i Ystads kommun", "webbplats": "Uppföljning", "epost": "social@ystad.se",
             "telefon": "0411-57 70 00"}
EXAMPLE = "Skriv hela adressen som den ser ut i webbläsaren, till exempel https://ystad.github.io/socialrapporter/. [adress-felaktig]"


@pytest.mark.parametrize("address, reason", [
    ("https://ystad kommun.se/", "den innehåller mellanslag"),
    ("https://", "den ska börja med https:// och ett värdnamn"),
    ("https://ystad.se/?a=1", "en webbplats adress har inget ? eller #"),
])
def test_an_address_that_cannot_be_a_site(address, reason):
    found = [p.text for p in settings_problems(SiteSettings("Uppföljning", address, PUBLISHER)) if p.setting == "site_url"]
    assert found == [f"Adressen {address} går inte att använda: {reason}. {EXAMPLE}"]


def test_mkdocs_yml_the_command_cannot_edit_safely():
    spec = importlib.util.spec_from_file_location("ny_webbplats", REPO / "scripts" / "ny-webbplats.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    with pytest.raises(module.Refused) as refused:
        module.set_value("site_name: [a, b]\n", "site_name", "Uppföljning")
    assert refused.value.lines == [
        "mkdocs.yml:1: värdet är inte en enkel text. Ändra site_name för hand i mkdocs.yml och kör kommandot igen. "
        "[mkdocs-yml-gar-inte-att-andra]"]


COMPARISONS = REPO / "tests" / "kolada" / "projekt"  # the Kolada tests' fetched figures (no network here)
OWN = REPO / "tests" / "inlasning" / "projekt"


def macros_over(root: Path, meta: dict) -> PageMacros:
    build = Build(root, [], root / "docs", None, catalog=Catalog(root, today=dt.date(2026, 11, 22)))
    macros = PageMacros(build)
    macros.start_page("astorp/", meta=meta, source="astorp.md")
    return macros


@pytest.mark.parametrize("root, meta, name, args, kwargs, said", [
    (COMPARISONS, {"kommunkod": "1277"}, "kolada_comparison", (["N31807", "N00945"],), {},
     "kolada_comparison: det finns inga jämförelsetal för N00945 för kommunkod 1277; det finns N31001, N31807, N31816. "
     "Lägg till nyckeltalet i data/kolada/nyckeltal.yaml och hämta igen, eller ta bort det ur listan på sidan. "
     "[kolada-nyckeltal-saknas]"),
    (COMPARISONS, {}, "kolada_comparison", (), {},
     'kolada_comparison behöver veta vilken kommun sidan gäller: skriv kommunkod: "1277" (kommunens kod med fyra siffror, '
     "inom citattecken) i sidans inledning. [kommunkod-saknas]"),
    (COMPARISONS, {"kommunkod": "1277"}, "kolada_comparison", (), {"level": 7},
     "level ska vara 2, 3 eller 4 (rubriknivån för 'Jämförelse med liknande kommuner och riket'), men är 7. [rubrikniva]"),
    (COMPARISONS, {}, "comparison", ("kolada/astorp-n31807",), {"year": 1990},
     "datasetet kolada/astorp-n31807 har inget år 1990; det har 2016–2025. [jamforelse-ar-saknas]"),
    (OWN, {}, "comparison", ("astorp/forsorjningsstod",), {},
     "datasetet astorp/forsorjningsstod går inte att visa som en jämförelse: ingen kolumn har role: home. Ett "
     "jämförelsedataset har en rad per år (en kolumn med type: year som primaryKey) och en kolumn per plats, med role: "
     "home för rapportens kommun, role: peer för varje liknande kommun och gärna role: country för riket, och under "
     "derived de liknande kommunernas genomsnitt med role: average och formula: mean(<de liknande kommunernas "
     "kolumner>). [inte-en-jamforelse]"),
], ids=["okant-nyckeltal", "utan-kommunkod", "rubrikniva", "ar-saknas", "inte-en-jamforelse"])
def test_comparison_mistakes(root, meta, name, args, kwargs, said):
    macros = macros_over(root, meta)
    assert authoring.run_macro(name, getattr(macros, name), args, kwargs, macros.build) == ("", said)
