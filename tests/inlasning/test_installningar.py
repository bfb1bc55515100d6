"""The publishing settings' messages (macros/pages/settings.py, scripts/ny-webbplats.py) that no
other test asserts with their exact text: the catalogue holds every message, and every one is
asserted somewhere (test_meddelanden.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

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
