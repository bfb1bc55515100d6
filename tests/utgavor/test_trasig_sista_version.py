"""A period whose last commit was broken (adv17g 8): September published from a good commit, then a row `2022-13`
pushed (its publish refused), then fixed to October. A build that makes editions from history (a clone without the
record, `git clone --single-branch`) shows September from its last good commit, as it was published, instead of
leaving the month out (`utgava-hoppas-over`)."""

from __future__ import annotations

import pytest

from .conftest import DATA, ROWS, article, build, ok
from .test_arkivgrenen import stopped

pytestmark = pytest.mark.slow

SEPTEMBER = "astorp/utgavor/2022-09/"


def test_a_period_whose_last_commit_was_broken_is_made_from_its_last_good_commit(remote):
    data = remote.work / DATA
    good = data.read_text(encoding="utf-8")
    data.write_text(good + "2022-13;248;178;1 598;;\n", encoding="utf-8")
    remote.commit("Åstorp: oktober (fel månad)")
    remote.push()
    stopped(remote.publish())
    data.write_text(good + ROWS["2022-10"] + "\n", encoding="utf-8")
    remote.commit("Åstorp: oktober")
    remote.push()
    ok(remote.publish())
    clone = remote.main_only_clone("en-gren")
    out = ok(build(clone))
    assert "[arkivet-inte-hamtat]" in out
    assert "för september 2022" not in out and "[utgava-hoppas-over]" not in out, out[-3000:]
    assert article(clone / "site" / SEPTEMBER / "index.html") == article(remote.site / SEPTEMBER / "index.html")
