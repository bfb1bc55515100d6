"""A report page renamed or removed after it was published: its editions stay at their addresses
and say where the report lives now (the renamed page, or the start page if it has ended); a
renamed page does not publish again a period its old address has."""

from __future__ import annotations

import posixpath

import pytest
from bs4 import BeautifulSoup

from .conftest import ok, published

pytestmark = pytest.mark.slow

SEPTEMBER = "astorp/utgavor/2022-09/"


def living_links(site, folder: str) -> set[str]:
    """Where the page in `folder` sends a reader for "den löpande sidan": site paths, each checked to exist."""
    page = BeautifulSoup((site / folder / "index.html").read_text(encoding="utf-8"), "html.parser")
    found = set()
    for a in page.find_all("a", string=lambda s: s and "löpande sida" in s):
        target = posixpath.normpath(posixpath.join(folder, a["href"]))
        target = "" if target == "." else target + "/"
        assert (site / target / "index.html").is_file(), target
        found.add(target)
    assert found  # the page has the link
    return found


def test_a_renamed_report_page_is_where_its_editions_send_readers(remote):
    """F08: docs/astorp.md → docs/astorp-fsd.md (and its nav line)."""
    before = published(remote.site)
    remote.rename_page("astorp-fsd.md")
    remote.commit("Åstorp: nytt sidnamn")
    remote.push()
    out = ok(remote.publish())
    assert {k: v for k, v in published(remote.site).items() if k.startswith("astorp/")} == before
    # The banner points to the new page; the article as published points to the old address, which says where.
    assert living_links(remote.site, SEPTEMBER) == {"astorp-fsd/", "astorp/"}
    assert living_links(remote.site, "astorp/utgavor/") == {"astorp-fsd/"}
    old = BeautifulSoup((remote.site / "astorp/index.html").read_text(encoding="utf-8"), "html.parser").select_one("article")
    assert " ".join(old.get_text(" ", strip=True).replace("\xad", "").split()).endswith(
        "Rapporten har flyttat. Den finns nu på Försörjningsstöd i Åstorp . De utgåvor som publicerades här finns kvar, "
        "oförändrade: alla utgåvor av rapporten ."
    )
    assert [a["href"] for a in old.select("a")] == ["../astorp-fsd/", "utgavor/"]
    assert (
        "docs/astorp-fsd.md:1:1: notering: astorp-fsd/ har redan en publicerad utgåva för september 2022 "
        "(astorp/utgavor/2022-09/); perioden publiceras inte en gång till under astorp-fsd/utgavor/2022-09/. "
        "[utgava-samma-period]"
    ) in out
    assert not (remote.site / "astorp-fsd/utgavor/2022-09").exists()


def test_a_removed_report_sends_readers_to_the_start_page(remote):
    """F11b: the page, its data and its nav block removed."""
    remote.remove_report()
    remote.commit("Åstorp tas bort")
    remote.push()
    ok(remote.publish())
    assert living_links(remote.site, SEPTEMBER) == {"astorp/"}  # the article as published; the frame names no "löpande sida" (adv17d #13)
    banner = BeautifulSoup((remote.site / SEPTEMBER / "index.html").read_text(encoding="utf-8"), "html.parser").select_one(".edition-banner")
    assert " ".join(banner.select_one("details p.edition-newer").get_text(" ", strip=True).split()) == (
        "Det här är den senaste utgåvan. Den visar siffrorna som de publicerades och ändras inte; rättelser efter "
        "publiceringen syns under Nytt och ändrat. Rapporten publiceras inte längre: webbplatsens rapporter finns på startsidan ."
    )
    assert [a["href"] for a in banner.select("details p.edition-newer a")] == ["../../../"]
    old = BeautifulSoup((remote.site / "astorp/index.html").read_text(encoding="utf-8"), "html.parser").select_one("article")
    assert "Rapporten publiceras inte längre. Webbplatsens rapporter finns på startsidan ." in " ".join(old.get_text(" ", strip=True).split())
    assert [a["href"] for a in old.select("a")] == ["../", "utgavor/"]


def listed(site, page: str, selector: str) -> list[tuple[str, str]]:
    """(text, site path) of each edition a list on `page` links, in order; each target exists."""
    soup = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
    found = []
    for item in soup.select(f"{selector} li"):
        a = item.find("a")
        target = posixpath.normpath(posixpath.join(page, a["href"])) + "/"
        assert (site / target / "index.html").is_file(), target
        found.append((" ".join(item.get_text().replace("\xad", "").split()), target))
    return found


def test_a_renamed_report_links_its_editions_forward_and_lists_them_all(remote):
    """F51: docs/astorp.md → docs/astorp-bistand.md, then October added. September (at the old
    address) says a newer edition exists and links to the new page (which shows October); the new page's
    list and its editions folder hold August and September too, at their old addresses."""
    before = published(remote.site)
    remote.rename_page("astorp-bistand.md")
    remote.commit("Åstorp: nytt sidnamn")
    remote.add_month("2022-10")
    remote.push()
    ok(remote.publish())
    assert {k: v for k, v in published(remote.site).items() if k.startswith("astorp/")} == before
    banner = BeautifulSoup((remote.site / SEPTEMBER / "index.html").read_text(encoding="utf-8"), "html.parser").select_one(".edition-facts .edition-newer")
    assert banner.get_text(" ", strip=True) == "Det finns en nyare utgåva: de senaste siffrorna finns på den löpande sidan ."
    assert banner.a["href"] == "../../../astorp-bistand/"  # the renamed page, which shows October
    assert (remote.site / "astorp-bistand/utgavor/2022-10/index.html").is_file()
    october = BeautifulSoup((remote.site / "astorp-bistand/utgavor/2022-10/index.html").read_text(encoding="utf-8"), "html.parser")
    assert october.select_one(".edition-facts .edition-newer") is None  # the newest says it is
    editions = [
        ("oktober 2022 (senaste), publicerad 1 oktober 2022", "astorp-bistand/utgavor/2022-10/"),
        ("september 2022, publicerad 1 oktober 2022", "astorp/utgavor/2022-09/"),
        ("augusti 2022, publicerad 1 oktober 2022", "astorp/utgavor/2022-08/"),
    ]
    assert listed(remote.site, "astorp-bistand", ".editions-list") == editions
    assert listed(remote.site, "astorp-bistand/utgavor", ".editions-archive") == editions


@pytest.mark.parametrize("change", ["rename", "remove"])
def test_a_report_renamed_or_removed_builds_again_in_the_same_site_folder(remote, change):
    """adv17c: after a report's page was renamed or removed, every later build in a site folder that
    still held the report's editions stopped with a FileNotFoundError (its folder was gone when the
    editions were put back); only emptying site/ helped."""
    before = published(remote.site)
    remote.rename_page("astorp-fsd.md") if change == "rename" else remote.remove_report()
    remote.commit(f"Åstorp: {change}")
    remote.push()
    for _ in range(2):  # the site folder of the last build kept, as on a staff member's computer
        ok(remote.publish())
        assert {k: v for k, v in published(remote.site).items() if k.startswith("astorp/utgavor/")} == {
            k: v for k, v in before.items() if k.startswith("astorp/utgavor/")}
