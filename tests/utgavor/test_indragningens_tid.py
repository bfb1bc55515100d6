"""A withdrawal's moment on "Nytt och ändrat" and in the feed: when the commit that wrote it in
rattelser.yaml was made, on its date (staff write today's date), never the date's midnight, which
sorted it before that day's editions and out of a full feed."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest

from macros.pages.record import RecordNotice, notice_moment

from .conftest import SEPTEMBER_WITHDRAWN, git, ok

pytestmark = pytest.mark.slow


def test_a_withdrawal_sorts_after_the_editions_of_its_day_by_its_commits_time(remote):
    """August and September were published 1 October 2022 at 08:01 and 08:02 (+02:00); September is
    withdrawn the same day at 08:03. The withdrawal is the newest entry, at 08:03, not at midnight."""
    (remote.work / "rattelser.yaml").write_text(SEPTEMBER_WITHDRAWN, encoding="utf-8")
    commit = remote.commit("Åstorp: september dras in")
    remote.push()
    when = git(remote.work, "show", "-s", "--format=%cI", commit).strip()
    assert when.startswith("2022-10-01T08:")
    ok(remote.publish())
    feed = (remote.site / "nytt-och-andrat.xml").read_text(encoding="utf-8")
    entries = re.findall(r"<entry>.*?<title[^>]*>(.*?)</title>.*?<updated>(.*?)</updated>", feed, flags=re.S)
    assert entries[0] == ("Försörjningsstöd i Åstorp: september 2022 indragen", when)
    assert [title for title, _ in entries[1:3]] == ["Försörjningsstöd i Åstorp: september 2022", "Försörjningsstöd i Åstorp: augusti 2022"]
    listing = (remote.site / "nytt-och-andrat/index.html").read_text(encoding="utf-8")
    assert listing.index("september 2022 indragen") < listing.index("utgava-astorp-2022-09")


def test_a_backdated_withdrawal_is_at_the_end_of_its_day_in_swedish_time(tmp_path):
    """An act whose date is not the day its commit was made (a decision written in later), or whose commit
    main lost: the end of its date, Swedish time, summer or winter."""
    build = SimpleNamespace(archive=lambda: None)
    act = RecordNotice("indragning", "a/utgavor/2022-09/", "a/", "2022-10-05", "x", "a/", "a: september 2022 indragen", "x")
    assert notice_moment(build, act) == "2022-10-05T23:59:59+02:00"
    winter = RecordNotice("rattelse", "a/utgavor/2022-09/", "a/", "2022-12-05", "x", None, "a: september 2022 rättad", "y")
    assert notice_moment(build, winter) == "2022-12-05T23:59:59+01:00"
    assert dt.datetime.fromisoformat(notice_moment(build, act)) > dt.datetime.fromisoformat("2022-10-05T08:00:00+02:00")
