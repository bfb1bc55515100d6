"""What the feed and "Nytt och ändrat" said about a published edition or revision is never rewritten by a later
rewrite of main's history (adv17e faults 51, 53, 54, 55): the entry keeps its id, its time and its summary.

- A force-push that drops a published month and a new month published after it: the dropped month's entry
  still gives its own figures (it gave November's, the month before, under October's title).
- `git commit --amend` of a published month with another figure and a force-push: the month's entry gives the
  figures it was published with, not the month before's.
- A revision published by a build that added no edition, then `git rebase
  --force-rebase` with a new committer date and a force-push: the revision's entry keeps its anchor and its
  time (it got the rebased commit's id and time).
"""

from __future__ import annotations

import json
import os
import re
import subprocess

import pytest
from bs4 import BeautifulSoup

from .conftest import DATA, GIT_ENV, ROWS, git, ok
from .test_arkivgrenen import stopped
from .test_forfalskat_arkiv import forge

pytestmark = pytest.mark.slow


def entries(site) -> dict[str, str]:
    """The feed's entries by title, each its whole <entry>."""
    feed = (site / "nytt-och-andrat.xml").read_text(encoding="utf-8")
    found = {}
    for entry in re.findall(r"<entry>.*?</entry>", feed, flags=re.S):
        found[re.search(r"<title[^>]*>(.*?)</title>", entry, flags=re.S).group(1)] = entry
    return found


def listed(site, anchor: str) -> str:
    """One entry of "Nytt och ändrat" (by its anchor), as text."""
    page = BeautifulSoup((site / "nytt-och-andrat/index.html").read_text(encoding="utf-8"), "html.parser")
    return " ".join(page.find(id=anchor).get_text(" ", strip=True).split())


OCTOBER = "Försörjningsstöd i Åstorp: oktober 2022"


def test_a_dropped_month_keeps_its_own_figures_in_the_feed(remote):
    remote.add_month("2022-10")
    remote.push()
    ok(remote.publish())
    before = entries(remote.site)[OCTOBER]
    assert "Antal hushåll: 178" in before
    on_page = listed(remote.site, "utgava-astorp-2022-10")
    git(remote.work, "reset", "--quiet", "--hard", "HEAD~1")  # October dropped by a force-push
    remote.push("--force")
    remote.add_month("2022-11")
    remote.push()
    ok(remote.publish())
    assert entries(remote.site)[OCTOBER] == before  # not September's figures under October's title
    assert listed(remote.site, "utgava-astorp-2022-10") == on_page


def test_an_amended_month_keeps_the_figures_it_was_published_with_in_the_feed(remote):
    remote.add_month("2022-10")
    remote.push()
    ok(remote.publish())
    before = entries(remote.site)[OCTOBER]
    data = remote.work / DATA
    data.write_text(data.read_text(encoding="utf-8").replace(ROWS["2022-10"], ROWS["2022-10"].replace(";178;", ";179;")), encoding="utf-8")
    git(remote.work, "add", "-A")
    subprocess.run(["git", "commit", "--quiet", "--amend", "--no-edit"], cwd=remote.work, check=True, capture_output=True,
                   env={**os.environ, **GIT_ENV, "GIT_COMMITTER_DATE": "2022-10-20T10:00:00+02:00"})
    remote.push("--force")
    ok(remote.publish())
    assert "Antal hushåll, oktober 2022: 178 → 179" in (remote.site / "nytt-och-andrat.xml").read_text(encoding="utf-8")
    assert entries(remote.site)[OCTOBER] == before


def test_a_rebase_keeps_a_published_revisions_anchor_and_time(remote):
    data = remote.work / DATA
    data.write_text(data.read_text(encoding="utf-8").replace("2022-08;239;176;", "2022-08;239;177;"), encoding="utf-8")
    remote.commit("Åstorp: augusti rättad")
    remote.push()
    ok(remote.publish())  # the revision is published; no new edition
    revision = next(e for t, e in entries(remote.site).items() if t.startswith("Rättade uppgifter"))
    assert "Antal hushåll, augusti 2022: 176 → 177" in revision
    anchor = re.search(r"#(andring-[^<\"]+)", revision).group(1)
    subprocess.run(  # no build published a newer commit: main's walk alone cannot tell the rebased commit's old id
        ["git", "rebase", "--quiet", "--force-rebase", "HEAD~2"], cwd=remote.work, check=True, capture_output=True,
        env={**os.environ, **GIT_ENV, "GIT_COMMITTER_DATE": "2022-11-20T10:00:00+01:00"},
    )
    remote.push("--force")
    ok(remote.publish())
    after = [e for t, e in entries(remote.site).items() if t.startswith("Rättade uppgifter")]
    assert after == [revision]
    page = (remote.site / "nytt-och-andrat/index.html").read_text(encoding="utf-8")
    assert f'id="{anchor}"' in page and "20 november 2022" not in page


def test_a_revision_file_not_shaped_as_the_publishings_is_refused(remote):
    """A hand-written publicerat:andringar/<name>.json whose name is not its anchor is not one the publishing writes."""
    fields = {"anchor": "andring-0123456789-astorp-forsorjningsstod", "date": "2022-10-01T08:03:00+02:00",
              "title": "Rättade uppgifter: x", "url": "astorp/", "values": [["astorp/forsorjningsstod", "2022-08", "hushall",
              "Antal hushåll", "augusti 2022", "176", "1"]]}
    commit = forge(remote, {"andringar/fel.json": json.dumps(fields).encode()})
    out = stopped(remote.publish())
    assert (
        f"publicerat:andringar/fel.json: Filen andringar/fel.json i grenen publicerat (lagd av incheckningen {commit[:10]}) "
        "är inte en fil som publiceringen skriver"
    ) in out and "[arkivet-olasbar-fil]" in out


def test_a_value_revised_back_and_again_is_a_new_entry_each_time(remote):
    """176 → 177 published, 177 → 176 published, 176 → 177 again published: three entries, each its own, not
    the third taken for the first recorded one."""
    data = remote.work / DATA
    for old, new in (("176", "177"), ("177", "176"), ("176", "177")):
        data.write_text(data.read_text(encoding="utf-8").replace(f"2022-08;239;{old};", f"2022-08;239;{new};"), encoding="utf-8")
        remote.commit(f"Åstorp: augusti {new}")
        remote.push()
        ok(remote.publish())
    revisions = [e for t, e in entries(remote.site).items() if t.startswith("Rättade uppgifter")]
    feed = (remote.site / "nytt-och-andrat.xml").read_text(encoding="utf-8")
    said = re.findall(r"Antal hushåll, augusti 2022: \d+ → \d+", feed)
    assert said == ["Antal hushåll, augusti 2022: 176 → 177", "Antal hushåll, augusti 2022: 177 → 176",
                    "Antal hushåll, augusti 2022: 176 → 177"], said
    assert len(set(re.findall(r"#(andring-[^<\"]+)", feed))) == 3, revisions


def test_a_revision_for_a_commit_that_was_never_built_is_refused(remote):
    """A hand-written revision shaped as the publishing's, named after a commit no publishing built."""
    anchor = "andring-0123456789-astorp-forsorjningsstod"
    fields = {"anchor": anchor, "date": "2022-10-01T08:03:00+02:00", "title": "Rättade uppgifter: x", "url": "astorp/",
              "values": [["astorp/forsorjningsstod", "2022-08", "hushall", "Antal hushåll", "augusti 2022", "176", "1"]]}
    commit = forge(remote, {f"andringar/{anchor}.json": json.dumps(fields).encode()})
    out = stopped(remote.publish())
    assert (
        f"publicerat:andringar/{anchor}.json: Incheckningen {commit[:10]} i grenen publicerat lade till "
        f"andringar/{anchor}.json, men den är inte gjord av publiceringen: en rättad uppgift i arkivet heter efter "
        "incheckningen i main som rättade den (andringar/andring-<incheckning>-<data>.json), och den incheckningen "
        "finns inte i det som publiceringen byggde."
    ) in out and "[arkivet-okand-fil]" in out
