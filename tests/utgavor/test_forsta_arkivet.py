"""A site's first record (--first-record) publishes its editions that day (adv17b F4): each says it
was first published the day it was recorded, not on the date of the commit it was made from,
since nothing was published as an edition before. The commit stays its `incheckning`."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from bs4 import BeautifulSoup

from .conftest import Remote, build, git, make_project, ok

pytestmark = pytest.mark.slow

AUGUST = "astorp/utgavor/2022-08/"
RECORDED = dt.datetime.fromisoformat("2022-11-15T10:00:00+01:00")  # six weeks after the commit (1 October 2022)


def shown(site, page: str, selector: str) -> str:
    soup = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
    return " ".join(soup.select_one(selector).get_text().replace("\xad", "").split())


def test_a_first_record_dates_its_editions_the_day_they_are_recorded(tmp_path):
    remote = Remote(tmp_path / "ny")
    make_project(remote.work)
    git(remote.folder, "init", "--quiet", "--bare", "-b", "main", str(remote.bare))
    git(remote.folder, "init", "--quiet", "-b", "main", str(remote.work))
    git(remote.work, "remote", "add", "origin", str(remote.bare))
    commit = remote.commit("Åstorp t.o.m. augusti 2022")
    remote.push()
    git(remote.folder, "clone", "--quiet", str(remote.bare), str(remote.ci))
    ok(remote.publish("--first-record", when=int(RECORDED.timestamp())))
    meta = json.loads(git(remote.bare, "show", f"publicerat:{AUGUST}utgava.json"))
    assert (meta["publicerad"], meta["publicerad_tid"], meta["incheckning"]) == ("2022-11-15", "2022-11-15T10:00:00+01:00", commit)
    for _ in range(2):  # as the first record's build showed it, and as every later build reads it from the record
        assert shown(remote.site, AUGUST, ".edition-facts").startswith("Publicerad 15 november 2022.")
        assert shown(remote.site, "astorp", ".editions-list li") == "augusti 2022 (senaste), publicerad 15 november 2022"
        git(remote.ci, "fetch", "--quiet", "origin", "+refs/heads/*:refs/remotes/origin/*")
        git(remote.ci, "update-ref", "-d", "refs/heads/publicerat")
        ok(build(remote.ci))
