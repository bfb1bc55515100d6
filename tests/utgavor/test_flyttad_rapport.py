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
    assert living_links(remote.site, SEPTEMBER) == {"", "astorp/"}
    old = BeautifulSoup((remote.site / "astorp/index.html").read_text(encoding="utf-8"), "html.parser").select_one("article")
    assert "Rapporten publiceras inte längre. Webbplatsens rapporter finns på startsidan ." in " ".join(old.get_text(" ", strip=True).split())
    assert [a["href"] for a in old.select("a")] == ["../", "utgavor/"]
