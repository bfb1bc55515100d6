"""A renamed report's editions at its old address are framed by the page it continues as, not by the start page
(adv17f 7: header title "Start", the site's description, a skip link to an anchor the page does not have)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from .conftest import ok

pytestmark = pytest.mark.slow

AUGUST = "astorp/utgavor/2022-08/index.html"


def frame(site) -> tuple[list[str], str, bool]:
    """(the header's titles, the meta description, whether the skip link's anchor is in the page)."""
    page = BeautifulSoup((site / AUGUST).read_text(encoding="utf-8"), "html.parser")
    topics = [" ".join(t.get_text(" ", strip=True).split()) for t in page.select(".md-header__topic")]
    description = page.find("meta", attrs={"name": "description"})
    skip = page.select_one("a.md-skip")
    return topics, description["content"] if description else "", bool(skip and page.find(id=skip["href"].lstrip("#")))


def test_a_renamed_reports_old_editions_keep_the_reports_frame(remote):
    page = remote.work / "docs/astorp.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title: Försörjningsstöd i Åstorp\n",
                    "title: Försörjningsstöd i Åstorp\ndescription: Hushåll med försörjningsstöd i Åstorp, månad för månad.\n"),
                    encoding="utf-8")
    remote.commit("Åstorp: beskrivning")
    remote.push()
    ok(remote.publish())
    topics, description, skip_found = frame(remote.site)
    assert description == "Hushåll med försörjningsstöd i Åstorp, månad för månad." and skip_found
    remote.rename_page("astorp-fsd.md")
    remote.commit("Åstorp: nytt sidnamn")
    remote.push()
    ok(remote.publish())
    assert frame(remote.site) == (topics, description, True)
    assert not any("Start" in t for t in topics), topics
