"""main force-pushed back to before a report page was renamed (adv17e fault 80): the page was renamed
(docs/astorp.md → docs/astorp-fsd.md), October was published at the new address, a figure was corrected and
published; then `git reset --hard` to before the rename and a force-push. What was published stays listed
(the correction's entry in the feed and on "Nytt och ändrat", unchanged), and the report continues at its old
address: the living page lists October (at astorp-fsd/) as the newest edition, and astorp-fsd/ is not a report
that "publiceras inte längre"."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from .conftest import DATA, git, ok
from .test_arkivgrenen import stopped

pytestmark = pytest.mark.slow

CORRECTION = "Antal hushåll, augusti 2022: 176 → 177"


def text(path) -> str:
    return " ".join(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text(" ", strip=True).replace("\xad", "").split())


def feed_entry(site) -> str:
    feed = (site / "nytt-och-andrat.xml").read_text(encoding="utf-8")
    found = [e for e in re.findall(r"<entry>.*?</entry>", feed, flags=re.S) if CORRECTION in e]
    assert len(found) == 1, feed
    return found[0]


def test_a_force_push_to_before_a_rename_keeps_the_report_and_what_it_published(remote):
    before_rename = remote.published_rename()
    assert (remote.site / "astorp-fsd/utgavor/2022-10/index.html").is_file()
    data = remote.work / DATA
    data.write_text(data.read_text(encoding="utf-8").replace("2022-08;239;176;", "2022-08;239;177;"), encoding="utf-8")
    remote.commit("Åstorp: augusti rättad")
    remote.push()
    ok(remote.publish())
    entry = feed_entry(remote.site)
    git(remote.work, "reset", "--quiet", "--hard", before_rename)
    remote.push("--force")
    # The reset dropped the published correction too: publishing stops until 177 is written in again (its advice).
    assert "[rattning-angrad]" in stopped(remote.publish())
    data.write_text(data.read_text(encoding="utf-8").replace("2022-08;239;176;", "2022-08;239;177;"), encoding="utf-8")
    remote.commit("Åstorp: augusti 177 igen")
    remote.push()
    ok(remote.publish())
    assert feed_entry(remote.site) == entry
    assert CORRECTION in text(remote.site / "nytt-och-andrat/index.html")
    living = text(remote.site / "astorp/index.html")
    assert "oktober 2022 (senaste)" in living and "september 2022 (senaste)" not in living
    assert "publiceras inte längre" not in text(remote.site / "astorp-fsd/utgavor/2022-10/index.html")
    assert "publiceras inte längre" not in text(remote.site / "astorp-fsd/index.html")
