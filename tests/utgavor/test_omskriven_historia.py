"""A published correction stays published whatever happens to main's history later (adv17d W1, faults
4 and 7): September published with 180 households, reverted and published, entered again with 185 and
published (the correction 180 → 185, test_aterinford_manad.py), October published. Then

- `git rebase --force-rebase` (the same trees, new commit ids and a later committer date) and a
  force-push: the correction keeps its r mark on the living page, its entry on "Nytt och ändrat" and its
  feed entry, all with the date it was published (1 October 2022), not the rebase's;
- a force-push that drops the three September commits (the month is gone from the data): the published
  correction stays listed on "Nytt och ändrat" and in the feed, with its date.

What was published is read from the record (each record commit's built commit stays reachable), not
only from the commit ids on main."""

from __future__ import annotations

import os
import re
import subprocess

import pytest
from bs4 import BeautifulSoup

from .conftest import DATA, GIT_ENV, ROWS, git, ok

pytestmark = pytest.mark.slow

CORRECTION = "Antal hushåll, september 2022: 180 → 185"


def text(path) -> str:
    return " ".join(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text(" ", strip=True).split())


def feed_entry(site) -> str:
    """The feed's entry that lists the correction (its whole <entry>)."""
    feed = (site / "nytt-och-andrat.xml").read_text(encoding="utf-8")
    found = [e for e in re.findall(r"<entry>.*?</entry>", feed, flags=re.S) if CORRECTION in e]
    assert len(found) == 1, feed
    return found[0]


def corrected(remote) -> str:
    """September reverted and entered again with 185, October added: each pushed and published."""
    git(remote.work, "revert", "--no-commit", "HEAD")
    remote.commit("Återställ \"Åstorp: 2022-09\"")
    remote.push()
    ok(remote.publish())
    data = remote.work / DATA
    data.write_text(data.read_text(encoding="utf-8") + ROWS["2022-09"].replace(";180;", ";185;") + "\n", encoding="utf-8")
    remote.commit("Åstorp: 2022-09 igen")
    remote.push()
    ok(remote.publish())
    remote.add_month("2022-10")
    remote.push()
    ok(remote.publish())
    assert "Antal hushåll, september 2022: rättad 1 oktober 2022, tidigare 180." in text(remote.site / "astorp/index.html")
    assert CORRECTION in text(remote.site / "nytt-och-andrat/index.html")
    return feed_entry(remote.site)


def test_a_rebase_keeps_a_published_correction_with_its_date(remote):
    before = corrected(remote)
    later = "2022-11-20T10:00:00+01:00"  # the rebase rewrites the committer dates too
    subprocess.run(
        ["git", "rebase", "--quiet", "--force-rebase", "HEAD~4"], cwd=remote.work, check=True, capture_output=True,
        env={**os.environ, **GIT_ENV, "GIT_COMMITTER_DATE": later},
    )
    remote.push("--force")
    ok(remote.publish())
    assert "Antal hushåll, september 2022: rättad 1 oktober 2022, tidigare 180." in text(remote.site / "astorp/index.html")
    changes = text(remote.site / "nytt-och-andrat/index.html")
    assert f"{CORRECTION}" in changes and "20 november 2022" not in changes
    assert feed_entry(remote.site) == before


def test_a_force_push_that_drops_the_month_keeps_its_published_correction(remote):
    before = corrected(remote)
    git(remote.work, "reset", "--quiet", "--hard", "HEAD~4")  # back to August: September's three commits and October gone
    remote.push("--force")
    result = ok(remote.publish())
    assert "[utgava-aterstalld]" in result
    assert "I september 2022" not in text(remote.site / "astorp/index.html")  # the data has no September now
    assert CORRECTION in text(remote.site / "nytt-och-andrat/index.html")
    assert feed_entry(remote.site) == before
    ok(remote.publish())  # the next build takes what the dropped line published from the cache: the same
    assert feed_entry(remote.site) == before
