"""An edition's frame says the same about it after it was published (adv17e faults 1 and 31):

- a month whose figure was corrected before the push that published it (two commits of one period): its
  banner says "Publicerad …" when first published and at every later build, never a "senast ändrad …" that
  the next build, framing it from the record, drops;
- the report page's title edited later (a double space): a published edition's `<title>` keeps its own title
  and the site's name ("… utgåva september 2022 - <site name>"), not the title alone."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from .conftest import DATA, Remote, git, make_project, ok

pytestmark = pytest.mark.slow

SITE = "Uppföljning av ekonomiskt bistånd och arbetsmarknadsinsatser"


def facts(site, folder: str) -> str:
    page = BeautifulSoup((site / folder / "index.html").read_text(encoding="utf-8"), "html.parser")
    return " ".join(page.select_one(".edition-facts").get_text(" ", strip=True).split())


def title(site, folder: str) -> str:
    return re.search(r"<title>(.*?)</title>", (site / folder / "index.html").read_text(encoding="utf-8"), re.S).group(1)


def test_a_month_corrected_before_its_publishing_keeps_its_banner(remote):
    remote.add_month("2022-10")
    data = remote.work / DATA
    data.write_text(data.read_text(encoding="utf-8").replace("2022-10;248;178;", "2022-10;248;179;"), encoding="utf-8")
    remote.commit("Åstorp: oktober rättad före publiceringen")
    remote.push()
    ok(remote.publish())
    first = facts(remote.site, "astorp/utgavor/2022-10")
    assert first.startswith("Publicerad 1 oktober 2022.") and "senast ändrad" not in first, first
    ok(remote.publish())
    assert facts(remote.site, "astorp/utgavor/2022-10") == first


def test_a_later_title_edit_keeps_a_published_editions_title(remote):
    before = title(remote.site, "astorp/utgavor/2022-09")
    assert before == f"Försörjningsstöd i Åstorp, utgåva september 2022 - {SITE}"
    page = remote.work / "docs/astorp.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title: Försörjningsstöd i Åstorp", "title: Försörjningsstöd  i Åstorp"), encoding="utf-8")
    remote.commit("Åstorp: rubriken")
    remote.push()
    ok(remote.publish())
    assert title(remote.site, "astorp/utgavor/2022-09") == before


def test_the_first_record_says_no_later_change_that_the_next_build_drops(tmp_path):
    """Fault 1 itself: a site's first record (--first-record) of a period with two commits (August added, then
    July corrected: the period is still August). Its banner says "Publicerad …" only, then and after the next month."""
    remote = Remote(tmp_path / "ny")
    make_project(remote.work)
    git(remote.folder, "init", "--quiet", "--bare", "-b", "main", str(remote.bare))
    git(remote.folder, "init", "--quiet", "-b", "main", str(remote.work))
    git(remote.work, "remote", "add", "origin", str(remote.bare))
    remote.commit("Åstorp t.o.m. augusti 2022")
    data = remote.work / DATA
    data.write_text(data.read_text(encoding="utf-8").replace("2022-07;234;167;", "2022-07;234;169;"), encoding="utf-8")
    remote.commit("Åstorp: juli rättad")
    remote.push()
    git(remote.folder, "clone", "--quiet", str(remote.bare), str(remote.ci))
    ok(remote.publish("--first-record"))
    first = facts(remote.site, "astorp/utgavor/2022-08")
    assert "senast ändrad" not in first, first
    remote.add_month("2022-09")
    remote.push()
    ok(remote.publish())
    assert facts(remote.site, "astorp/utgavor/2022-08").split(".")[0] == first.split(".")[0]
