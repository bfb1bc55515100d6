"""The order of publication is the record's (adv17j PW5, PW6, PW7): a report's editions stand in the order the record
added them, then those a build adds in main's first-parent order, so no commit's clock and no rewrite of main's
history moves a published edition or makes an older one "senaste". A correction or withdrawal first recorded by a
publishing build gets that build's moment, as its editions do, not its commit's time (before the edition it acts on)
nor the end of its date (after the build)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess

import pytest
from bs4 import BeautifulSoup

from .conftest import DATA, GIT_ENV, git, ok
from .test_klockan_fel import commit_at, editions_list

pytestmark = pytest.mark.slow

NOON = int(dt.datetime.fromisoformat("2022-10-01T12:00:00+02:00").timestamp())  # the publishing build's moment


def banner(site, period: str) -> str:
    page = BeautifulSoup((site / f"astorp/utgavor/{period}/index.html").read_text(encoding="utf-8"), "html.parser")
    return " ".join(page.select_one(".edition-banner").get_text().split())


def test_a_month_dropped_and_added_again_then_one_committed_in_2020_leaves_the_order_of_publication(remote):
    git(remote.work, "reset", "--quiet", "--hard", "HEAD~1")  # September (published) dropped by a force-push
    remote.push("--force")
    remote.add_month("2022-09")  # and added again in a later commit
    remote.add_month("2022-10")
    remote.push()
    ok(remote.publish())
    commit_at(remote, "2022-11", "2020-01-01T10:00:00+01:00")  # a laptop clock in 2020, before its parent
    remote.push()
    for _build in range(2):  # the build that publishes November and every build after it
        out = ok(remote.publish(when=NOON))
        assert "[utgava-aterstalld]" not in out, out[-3000:]
        assert editions_list(remote.site) == [
            "november 2022 (senaste), publicerad 1 oktober 2022",
            "oktober 2022, publicerad 1 oktober 2022",
            "september 2022, publicerad 1 oktober 2022",
            "augusti 2022, publicerad 1 oktober 2022",
        ]
        assert "Det här är den senaste utgåvan." in banner(remote.site, "2022-11")
        assert "Det här är den senaste utgåvan." not in banner(remote.site, "2022-09")
        assert "Det finns en nyare utgåva:" in banner(remote.site, "2022-09")


CORRECTION = """- utgava: astorp/utgavor/2022-09/
  typ: rattelse
  datum: 2022-10-01
  anledning: Antal hushåll i september var 181.
"""


@pytest.mark.parametrize("clock", [
    "2022-10-01T07:30:00+02:00",  # 23:30 UTC the night before on a runner's clock: before September was published
    "2022-09-29T10:00:00+02:00",  # a laptop two days behind: the end of its date would be after the build
])
def test_a_correction_is_recorded_with_the_moment_of_the_build_that_publishes_it(remote, clock):
    (remote.work / "rattelser.yaml").write_text(CORRECTION, encoding="utf-8")
    git(remote.work, "add", "-A")
    subprocess.run(["git", "commit", "--quiet", "-m", "Åstorp: rättelse september"], cwd=remote.work, check=True,
                   capture_output=True, env={**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": clock, "GIT_COMMITTER_DATE": clock})
    remote.push()
    ok(remote.publish(when=NOON))
    anchor = "rattelse-astorp-2022-09-2022-10-01"
    recorded = json.loads(git(remote.ci, "show", f"origin/publicerat:rattelser/{anchor}.json"))
    assert recorded["published_at"] == "2022-10-01T12:00:00+02:00"
    feed = (remote.site / "nytt-och-andrat.xml").read_text(encoding="utf-8")
    assert "<updated>2022-10-01T12:00:00+02:00</updated>" in feed and "23:59:59" not in feed


def test_a_month_dropped_then_the_next_committed_in_2020_is_the_latest_and_nothing_is_called_reverted(remote):
    git(remote.work, "reset", "--quiet", "--hard", "HEAD~1")  # September (published) dropped by a force-push
    data = remote.work / DATA
    data.write_text(data.read_text(encoding="utf-8") + "2022-09;250;180;1 612;;\n", encoding="utf-8")
    commit_at(remote, "2022-10", "2020-01-01T10:00:00+01:00")  # September's row again, and October, in 2020
    remote.push("--force")
    for _build in range(2):
        out = ok(remote.publish(when=NOON))
        assert "[utgava-aterstalld]" not in out, out[-3000:]
        assert editions_list(remote.site) == [
            "oktober 2022 (senaste), publicerad 1 oktober 2022",
            "september 2022, publicerad 1 oktober 2022",
            "augusti 2022, publicerad 1 oktober 2022",
        ]
