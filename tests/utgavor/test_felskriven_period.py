"""A month published with a year typo (2023-10 instead of 2022-10) and fixed in the next commit
(adv17b F72): the wrong edition stays published, as the record promises; the build warns that
its period no longer exists in the data and says how to withdraw it, and the wrong edition does
not call the fixed month "a newer edition"."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from .conftest import DATA, ok, published

pytestmark = pytest.mark.slow

TYPO = "astorp/utgavor/2023-10/"


def newer(site, edition: str) -> str | None:
    """What an edition's banner says about the report's newer or newest edition (None: nothing)."""
    page = BeautifulSoup((site / edition / "index.html").read_text(encoding="utf-8"), "html.parser")
    said = page.select_one(".edition-facts .edition-newer")
    return " ".join(said.get_text().split()) + f" → {said.a['href']}" if said else None


def test_a_published_year_typo_is_named_with_how_to_withdraw_it(remote):
    data = remote.work / DATA
    data.write_text(data.read_text(encoding="utf-8") + "2023-10;248;178;1 598;;\n", encoding="utf-8")
    remote.commit("Åstorp: oktober")
    remote.push()
    ok(remote.publish())
    before = published(remote.site)[f"{TYPO}index.html"]
    data.write_text(data.read_text(encoding="utf-8").replace("2023-10;", "2022-10;"), encoding="utf-8")
    remote.commit("Åstorp: rätt år för oktober")
    remote.push()
    out = ok(remote.publish())
    assert (
        "docs/astorp.md:1:1: varning: Utgåvan oktober 2023 av astorp/ (astorp/utgavor/2023-10/) är publicerad, men "
        "oktober 2023 finns inte längre i rapportens data: den senaste perioden är nu oktober 2022 (till exempel efter "
        "att ett felskrivet år rättades). Utgåvan ligger kvar, oförändrad, och säger inte att oktober 2022 är nyare. "
        "Publicerades den av misstag, dra in den i rattelser.yaml: utgava: astorp/utgavor/2023-10/, typ: indragning, "
        "datum (dagens, ÅÅÅÅ-MM-DD), anledning (till exempel: Perioden var felskriven, rätt period är oktober 2022.) "
        "och ersatt_av: astorp/utgavor/2022-10/ (se CONTRIBUTING.md). [utgava-period-finns-inte]"
    ) in out
    assert published(remote.site)[f"{TYPO}index.html"] == before
    assert newer(remote.site, TYPO) == "Det här är inte rapportens senaste utgåva: de senaste siffrorna finns på den löpande sidan. → ../../"
    assert newer(remote.site, "astorp/utgavor/2022-09/") == "Det finns en nyare utgåva: de senaste siffrorna finns på den löpande sidan. → ../../"
    assert newer(remote.site, "astorp/utgavor/2022-10/") is None
    # Withdrawn as the warning says: the warning is not said again.
    (remote.work / "rattelser.yaml").write_text(
        "- utgava: astorp/utgavor/2023-10/\n  typ: indragning\n  datum: 2022-10-02\n"
        "  anledning: Perioden var felskriven, rätt period är oktober 2022.\n  ersatt_av: astorp/utgavor/2022-10/\n",
        encoding="utf-8",
    )
    remote.commit("Drar in oktober 2023")
    remote.push()
    assert "utgava-period-finns-inte" not in ok(remote.publish())
