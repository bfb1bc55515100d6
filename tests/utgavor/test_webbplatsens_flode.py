"""The published site's feed as the witness of what was published, not only where (adv17j PW1, PW2).

- An edition recorded again (the record job's push failed after the site was deployed) keeps the moment its entry
  in the live feed has: utgava.json, the page and the feed say what readers saw, and a later build without the
  cache accepts that date.
- A record that lost a published revision (set back by a stale `git push --mirror`, main too, no cache) would
  publish a feed without it: refused, naming the entry and how to restore the record."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import xml.etree.ElementTree as ET

import pytest

from macros.pages import live_site
from macros.pages.live_site import WITNESS
from macros.pages.local_browser import SiteServer

from .conftest import DATA, git, ok
from .test_arkivgrenen import stopped

pytestmark = pytest.mark.slow

OCTOBER = "astorp/utgavor/2022-10/"
ATOM = "{http://www.w3.org/2005/Atom}"


def entry_time(site, url: str) -> str:
    for entry in ET.fromstring((site / "nytt-och-andrat.xml").read_bytes()).iter(f"{ATOM}entry"):
        if entry.findtext(f"{ATOM}id").endswith(url):
            return entry.findtext(f"{ATOM}published")
    raise AssertionError(url)


def test_an_edition_recorded_again_keeps_the_moment_the_site_showed(remote, monkeypatch, tmp_path):
    remote.add_month("2022-10")
    remote.push()
    committed = int(git(remote.work, "log", "-1", "--format=%ct").strip())
    hook = remote.bare / "hooks/pre-receive"  # the record job's push fails, after the site was deployed
    hook.write_text("#!/bin/sh\nwhile read old new ref; do case $ref in *publicerat*) exit 1;; esac; done\n", encoding="utf-8")
    hook.chmod(0o755)
    with pytest.raises(AssertionError):
        remote.publish(when=committed + 3600)
    hook.unlink()
    shown = entry_time(remote.site, OCTOBER)
    live = tmp_path / "publicerad"
    shutil.copytree(remote.site, live)
    with SiteServer(live, "/socialrapporter/") as server:
        monkeypatch.setenv(WITNESS, server.url)
        out = ok(remote.publish(when=committed + 7200))  # recorded again an hour later
        assert "[arkivet-inte-pa-github]" in out
        meta = json.loads(git(remote.bare, "show", f"publicerat:{OCTOBER}utgava.json"))
        assert dt.datetime.fromisoformat(meta["publicerad_tid"]) == dt.datetime.fromisoformat(shown)
        assert entry_time(remote.site, OCTOBER) == shown
        shutil.rmtree(remote.ci / ".cache-utgavor")  # the record's line judged anew: that date is the publishing's
        ok(remote.publish(when=committed + 10800))


def test_a_record_that_lost_a_published_revision_is_refused_by_the_feed(remote, monkeypatch, tmp_path):
    data = remote.work / DATA
    data.write_text(data.read_text(encoding="utf-8").replace("2022-08;239;176;", "2022-08;239;177;"), encoding="utf-8")
    corrected = remote.commit("Åstorp: augusti rättad")
    remote.push()
    ok(remote.publish())
    live = tmp_path / "publicerad"
    shutil.copytree(remote.site, live)
    stale = tmp_path / "gammal.git"  # a clone from before: main and publicerat set back, publicerat-3 gone
    git(tmp_path, "clone", "--quiet", "--mirror", str(remote.bare), str(stale))
    git(stale, "update-ref", "refs/heads/main", "main~1")
    git(stale, "update-ref", "refs/heads/publicerat", "publicerat~1")
    git(stale, "tag", "-d", "publicerat-3")
    git(stale, "push", "--quiet", "--mirror", "--force", str(remote.bare))
    shutil.rmtree(remote.ci / ".cache-utgavor")
    with SiteServer(live, "/socialrapporter/") as server:
        monkeypatch.setenv(WITNESS, server.url)
        out = stopped(remote.publish())
    assert (
        f"mkdocs.yml:6:11: Den publicerade webbplatsens flöde {server.url}nytt-och-andrat.xml säger något annat än "
        "flödet det här bygget skriver: »Rättade uppgifter: Försörjningsstöd i Åstorp, nyckeltal per månad« "
        f"(https://example.invalid/socialrapporter/nytt-och-andrat/#andring-{corrected[:10]}-astorp-forsorjningsstod, "
        "publicerad 2022-10-01T08:03:00+02:00) skulle försvinna. Det som har publicerats ändras inte: en utgåvas eller "
        "en rättelses publiceringstid flyttas inte, och en publicerad rättelse, indragning eller reviderad uppgift "
        "försvinner inte. Arkivet (grenen publicerat) har förlorat det, till exempel återställt från en äldre tagg, satt "
        "tillbaka med git push --mirror eller --force från en gammal klon, eller så är arkivet i den här klonen äldre än "
        "GitHubs. Bygget publicerar inte. Återställ grenen publicerat och taggarna från en klon eller säkerhetskopia som "
        "har dem: från taggen publicerat-3 eller en senare om den finns kvar där (git push origin "
        "'publicerat-3^{commit}:refs/heads/publicerat' och git push origin 'refs/tags/publicerat-*:refs/tags/publicerat-*'), "
        "annars git push origin publicerat från en klon som har grenen. Återställ main också om den sattes tillbaka, "
        "hämta (git fetch --tags origin) och publicera igen. [arkivet-andrar-publicerat-flode]"
    ) in out, out[-3000:]
    assert "publicerat-3" not in git(remote.bare, "tag").split()


def entries(*rows: tuple[str, str]) -> dict[str, tuple[str, str, str]]:
    return {entry_id: (published, entry_id.upper(), "") for entry_id, published in rows}


def test_an_entry_older_than_a_full_feed_keeps_may_leave_it():
    live = entries(("a", "2022-10-01T10:00:00+02:00"), ("b", "2022-10-02T10:00:00+02:00"))
    new = entries(("b", "2022-10-02T08:00:00+00:00"), ("c", "2022-10-03T10:00:00+02:00"))
    assert live_site.changed_entries(live, new, 2) == []  # a, older than b, dropped by a full feed; b the same moment
    assert live_site.changed_entries(live, new, 3) == ["»A« (a, publicerad 2022-10-01T10:00:00+02:00) skulle försvinna"]
    moved = entries(("b", "2022-10-02T10:05:00+02:00"), ("c", "2022-10-03T10:00:00+02:00"))
    assert live_site.changed_entries(live, moved, 2) == [
        "»B« (b) publicerades 2022-10-02T10:00:00+02:00 men skulle få tiden 2022-10-02T10:05:00+02:00"]
