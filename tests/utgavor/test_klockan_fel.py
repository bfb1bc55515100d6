"""A commit's time is not the order of editions (adv17i UM1, PW2): a laptop clock two hours behind, or a day ahead,
makes a later month's commit older (or newer) than it is. The editions stand in the order main's first-parent history
has them: no published month is called reverted (`utgava-aterstalld`), and the newest month is the report's latest."""

from __future__ import annotations

import os
import subprocess

import pytest
from bs4 import BeautifulSoup

from .conftest import DATA, GIT_ENV, ROWS, git, ok

pytestmark = pytest.mark.slow


def commit_at(remote, month: str, when: str) -> str:
    """Staff add `month` in a commit dated `when` (their laptop's clock); the commit."""
    data = remote.work / DATA
    data.write_text(data.read_text(encoding="utf-8") + ROWS[month] + "\n", encoding="utf-8")
    git(remote.work, "add", "-A")
    subprocess.run(
        ["git", "commit", "--quiet", "-m", f"Åstorp: {month}"], cwd=remote.work, check=True, capture_output=True,
        env={**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when},
    )
    return git(remote.work, "rev-parse", "HEAD").strip()


def editions_list(site) -> list[str]:
    page = BeautifulSoup((site / "astorp/index.html").read_text(encoding="utf-8"), "html.parser")
    return [" ".join(item.get_text().split()) for item in page.select(".editions-list li")]


def test_a_month_committed_with_a_clock_behind_calls_no_earlier_month_reverted(remote):
    # September's commit is from 2022-10-01 08:02 (+02:00); October's laptop clock says two hours earlier.
    commit_at(remote, "2022-10", "2022-10-01T06:02:00+02:00")
    remote.push()
    for _build in range(2):  # the first publication and every build after it
        out = ok(remote.publish())
        assert "[utgava-aterstalld]" not in out, out[-3000:]
    assert editions_list(remote.site) == [
        "oktober 2022 (senaste), publicerad 1 oktober 2022",
        "september 2022, publicerad 1 oktober 2022",
        "augusti 2022, publicerad 1 oktober 2022",
    ]


def test_a_month_committed_with_a_clock_ahead_is_not_called_reverted_when_the_next_is_published(remote):
    commit_at(remote, "2022-10", "2022-10-02T08:03:00+02:00")  # a day ahead of the commits around it
    remote.push()
    ok(remote.publish())
    remote.add_month("2022-11")  # 2022-10-01 08:03 (+02:00): before October's commit by its clock
    remote.push()
    out = ok(remote.publish())
    assert "[utgava-aterstalld]" not in out, out[-3000:]
    assert editions_list(remote.site)[:2] == [
        "november 2022 (senaste), publicerad 1 oktober 2022",
        "oktober 2022, publicerad 2 oktober 2022",
    ]
