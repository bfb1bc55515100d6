"""A revised figure is dated when the publishing build first records it, as editions and acts are, not with the
revising commit's clock (adv17k PW1, PW2): a laptop in 2027 or 2019 dates nothing on the site, in the feed or in the
record. A preview keeps the commit's time. And a cell's newest revision is the one the record added last: September
180 → 172, then 172 → 173 committed with a 2019 clock, was refused by the next build as `rattning-angrad` ("the
commit with 172 is no longer in main"), for good (adv17k VR1)."""

from __future__ import annotations

import json
import os
import subprocess
import xml.etree.ElementTree as ET

import pytest

from .conftest import DATA, GIT_ENV, build, git, ok
from .test_publiceringens_tid import epoch

pytestmark = pytest.mark.slow

ATOM = "{http://www.w3.org/2005/Atom}"


def correct(remote, old: str, new: str, when: str | None = None) -> str:
    """Staff correct September's households `old` → `new`, committed at `when` (their laptop's clock)."""
    data = remote.work / DATA
    data.write_text(data.read_text(encoding="utf-8").replace(f"2022-09;250;{old};", f"2022-09;250;{new};"), encoding="utf-8")
    if when is None:
        return remote.commit(f"Åstorp: september {new}")
    git(remote.work, "add", "-A")
    subprocess.run(["git", "commit", "--quiet", "-m", f"Åstorp: september {new}"], cwd=remote.work, check=True,
                   capture_output=True, env={**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when})
    return git(remote.work, "rev-parse", "HEAD").strip()


def entry(site, line: str) -> str:
    """The feed's <published> of the entry that says `line`."""
    for found in ET.fromstring((site / "nytt-och-andrat.xml").read_bytes()).iter(f"{ATOM}entry"):
        if line in (found.find(f"{ATOM}summary").text or ""):
            return found.find(f"{ATOM}published").text
    raise AssertionError(f"{line} not in the feed")


def recorded(remote, sha: str) -> str:
    return json.loads(git(remote.bare, "show", f"publicerat:andringar/andring-{sha[:10]}-astorp-forsorjningsstod.json"))["date"]


def marks(site) -> str:
    """The living page's report page."""
    return (site / "astorp/index.html").read_text(encoding="utf-8")


FALSE = ("data/astorp/forsorjningsstod.csv:22:3: Antal hushåll, september 2022, är 173 i main, men rättelsen 180 → 172 "
         "publicerades 5 oktober 2022")


def test_a_revision_committed_with_a_clock_in_2027_is_dated_when_published(remote):
    sha = correct(remote, "180", "172", "2027-06-01T10:00:00+02:00")
    remote.push()
    git(remote.work, "fetch", "--quiet", "origin")
    ok(build(remote.work))  # a preview: the commit's time
    assert "Antal hushåll, september 2022: rättad 1 juni 2027, tidigare 180." in marks(remote.work / "site")
    ok(remote.publish(when=epoch("2022-10-05T10:00:00+02:00")))
    assert recorded(remote, sha) == "2022-10-05T10:00:00+02:00"
    assert entry(remote.site, "Antal hushåll, september 2022: 180 → 172") == "2022-10-05T10:00:00+02:00"
    assert "Antal hushåll, september 2022: rättad 5 oktober 2022, tidigare 180." in marks(remote.site)
    assert "2027" not in marks(remote.site)
    ok(remote.publish(when=epoch("2022-10-06T10:00:00+02:00")))  # recorded: it keeps its date
    assert entry(remote.site, "Antal hushåll, september 2022: 180 → 172") == "2022-10-05T10:00:00+02:00"


def test_a_later_revision_committed_with_a_clock_in_2019_does_not_block_the_publishing(remote):
    first = correct(remote, "180", "172")
    remote.push()
    ok(remote.publish(when=epoch("2022-10-05T10:00:00+02:00")))
    second = correct(remote, "172", "173", "2019-03-01T10:00:00+01:00")
    remote.push()
    out = ok(remote.publish(when=epoch("2022-10-06T10:00:00+02:00")))
    assert "[rattning-angrad]" not in out
    assert (recorded(remote, first), recorded(remote, second)) == ("2022-10-05T10:00:00+02:00", "2022-10-06T10:00:00+02:00")
    assert entry(remote.site, "Antal hushåll, september 2022: 172 → 173") == "2022-10-06T10:00:00+02:00"
    out = ok(remote.publish(when=epoch("2022-10-07T10:00:00+02:00")))  # the next build, nothing changed
    assert "[rattning-angrad]" not in out and FALSE not in out, out[-3000:]
    assert "Antal hushåll, september 2022: rättad 5 oktober 2022 (tidigare 180) och 6 oktober 2022 (tidigare 172)." in marks(remote.site)


def test_a_cells_newest_revision_is_the_one_recorded_last_whatever_its_date(remote):
    """A record whose later revision has the earlier date, as the old publishing recorded 172 → 173 committed with a
    2019 clock (a record is never rewritten): the next build finds 173 in main and the newest revision 172 → 173."""
    correct(remote, "180", "172")
    remote.push()
    ok(remote.publish(when=epoch("2022-10-05T10:00:00+02:00")))
    second = correct(remote, "172", "173", "2019-03-01T10:00:00+01:00")
    remote.push()
    ok(remote.publish(when=epoch("2019-03-01T10:00:00+01:00")))
    assert recorded(remote, second) == "2019-03-01T10:00:00+01:00"
    out = ok(remote.publish(when=epoch("2022-10-07T10:00:00+02:00")))
    assert "[rattning-angrad]" not in out and FALSE not in out, out[-3000:]
