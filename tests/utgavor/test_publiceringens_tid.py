""""Publicerad" is when an edition went online, not when its commit was made (adv17i PW1, PW2): a month committed on
a laptop on 20 September and pushed on 8 October, or committed with a clock a day ahead, is dated with the moment the
publishing build recorded it (SOURCE_DATE_EPOCH here), on its page, in utgava.json and in the feed; a later build,
also one without the cache that judges the record's line again, accepts that date. A date written by hand into the
record (a record commit dated before the one it follows) is refused."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from .conftest import GIT_ENV, build, git, ok
from .test_arkivgrenen import record_clone, stopped
from .test_klockan_fel import commit_at

pytestmark = pytest.mark.slow

OCTOBER = "astorp/utgavor/2022-10/"
SEPTEMBER = "astorp/utgavor/2022-09/"
ATOM = "{http://www.w3.org/2005/Atom}"


def epoch(iso: str) -> int:
    return int(dt.datetime.fromisoformat(iso).timestamp())


def facts(site) -> str:
    """The edition's line "Publicerad …" as its page says it."""
    page = (site / OCTOBER / "index.html").read_text(encoding="utf-8")
    return page[page.index("Publicerad "):].split(".", 1)[0]


def newest_entry(site) -> tuple[str, str]:
    entry = ET.fromstring((site / "nytt-och-andrat.xml").read_bytes()).find(f"{ATOM}entry")
    return entry.find(f"{ATOM}title").text, entry.find(f"{ATOM}published").text


def recorded(remote) -> dict:
    return json.loads(git(remote.bare, "show", f"publicerat:{OCTOBER}utgava.json"))


@pytest.mark.parametrize("committed, published, said, preview", [
    # committed, pushed weeks later
    ("2022-09-20T10:00:00+02:00", "2022-10-08T10:00:00+02:00", "Publicerad 8 oktober 2022", "Publicerad 20 september 2022"),
    # a clock a day ahead
    ("2022-10-09T10:00:00+02:00", "2022-10-01T12:00:00+02:00", "Publicerad 1 oktober 2022", "Publicerad 9 oktober 2022"),
])
def test_an_edition_is_dated_when_it_is_published_not_when_it_was_committed(remote, committed, published, said, preview):
    commit_at(remote, "2022-10", committed)
    remote.push()
    # A preview (no --record) publishes nothing and shows the same each build: the commit's day.
    git(remote.work, "fetch", "--quiet", "origin")
    ok(build(remote.work))
    assert facts(remote.work / "site") == preview
    ok(remote.publish(when=epoch(published)))
    assert facts(remote.site) == said
    assert (recorded(remote)["publicerad"], recorded(remote)["publicerad_tid"]) == (published[:10], published)
    assert newest_entry(remote.site) == ("Försörjningsstöd i Åstorp: oktober 2022", published)
    # Later builds accept the date: with the cache, and without it (the record's line judged again).
    ok(remote.publish(when=epoch(published) + 3600))
    shutil.rmtree(remote.ci / ".cache-utgavor")
    out = ok(remote.publish(when=epoch(published) + 7200))
    assert "[arkivet-okand-utgava]" not in out
    assert facts(remote.site) == said


def test_a_record_commit_dated_by_hand_before_the_one_it_follows_is_refused(remote):
    """October's edition as the publishing writes it, but added by a record commit dated (and its utgava.json too)
    on 1 September, before September's record commit: no publishing made it."""
    october = commit_at(remote, "2022-10", "2022-10-01T09:00:00+02:00")
    remote.push()
    ok(remote.publish(when=epoch("2022-10-02T09:00:00+02:00")))  # genuinely, so the files are right
    genuine = record_clone(remote)
    before = "2022-09-01T09:00:00+02:00"
    meta = json.loads((genuine / OCTOBER / "utgava.json").read_text(encoding="utf-8"))
    meta.update(publicerad=before[:10], publicerad_tid=before)
    (genuine / OCTOBER / "utgava.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    git(genuine, "add", "-A")
    tree = git(genuine, "write-tree").strip()
    september_record = git(remote.bare, "rev-parse", "publicerat^").strip()
    env = {**os.environ, **GIT_ENV, "GIT_COMMITTER_DATE": before, "GIT_AUTHOR_DATE": before}
    forged = subprocess.run(["git", "commit-tree", tree, "-p", september_record, "-p", october, "-m", "Publicerade utgåvor"],
                            cwd=genuine, env=env, capture_output=True, text=True, check=True).stdout.strip()
    git(genuine, "push", "--quiet", "--force", "origin", f"{forged}:refs/heads/publicerat")
    git(genuine, "push", "--quiet", "--force", "origin", f"{forged}:refs/tags/publicerat-3")
    git(remote.ci, "tag", "-d", "publicerat-3")
    shutil.rmtree(remote.ci / ".cache-utgavor")
    out = stopped(remote.publish())
    september_time = git(remote.bare, "show", "-s", "--format=%cI", september_record).strip()
    assert (
        f"publicerat:{OCTOBER}utgava.json: Utgåvan {OCTOBER} i arkivet (lagd i grenen publicerat av incheckningen "
        f"{forged[:10]}) motsvarar ingen version av rapporten: utgava.json säger att den publicerades {before}, men "
        f"incheckningen {october[:10]}, som den säger att den publicerades från, är från 2022-10-01T09:00:00+02:00, och "
        f"arkivets incheckning som lade till den är från {before}, före arkivets incheckning före den ({september_time}). "
        "Bara publiceringsflödet lägger till utgåvor"
    ) in out, out[-3000:]
