"""The branch publicerat, every tag publicerat-* AND the workflow's cache deleted (adv17g 2, adv17h 44): nothing in git
is left to say a record existed, and `--first-record` made a new one, publishing every edition again with that day's
date. The published site is the last witness: a first record reads its feed first and refuses when it lists editions;
a site not published yet (404) is started as before, and one that does not answer is not guessed about."""

from __future__ import annotations

import shutil

import pytest

from macros.pages.live_site import LOST, WITNESS
from macros.pages.local_browser import SiteServer

from .conftest import SEPTEMBER_WITHDRAWN, git, ok, published
from .test_arkivgrenen import stopped

pytestmark = pytest.mark.slow


def _lost_everything(remote, name: str):
    """GitHub's branch and tags deleted, and a new runner without the workflow's cache."""
    git(remote.work, "push", "--quiet", "origin", "--delete", "publicerat", "publicerat-1", "publicerat-2")
    fresh = remote.folder / name
    git(remote.folder, "clone", "--quiet", f"file://{remote.bare}", str(fresh))
    remote.ci = fresh


def test_a_first_record_is_refused_while_the_published_site_shows_editions(remote, monkeypatch, tmp_path):
    before = published(remote.site)
    live = tmp_path / "publicerad"
    git(remote.folder, "clone", "--quiet", "--bare", str(remote.bare), str(tmp_path / "sakerhetskopia"))
    shutil.copytree(remote.site, live)  # what GitHub Pages serves
    _lost_everything(remote, "ci2")
    with SiteServer(live, "/socialrapporter/") as server:
        monkeypatch.setenv(WITNESS, server.url)
        out = stopped(remote.publish("--first-record"))
        feed = f"{server.url}nytt-och-andrat.xml"
        assert (
            f"Grenen publicerat (arkivet över publicerade utgåvor) saknas, men den publicerade webbplatsen {feed} visar "
            f"redan 2 utgåvor, till exempel https://example.invalid/socialrapporter/astorp/utgavor/2022-08/, "
            "https://example.invalid/socialrapporter/astorp/utgavor/2022-09/: ett arkiv har funnits och har tagits bort"
        ) in out, out[-3000:]
        assert "[arkivet-finns-pa-webbplatsen]" in out
        assert git(remote.bare, "branch", "--list", "publicerat").strip() == ""  # nothing made anew
        # As the message says: restored from a clone that has it, then published without --first-record.
        backup = tmp_path / "sakerhetskopia"
        git(backup, "push", "--quiet", str(remote.bare), "publicerat")
        git(backup, "push", "--quiet", str(remote.bare), "refs/tags/publicerat-*:refs/tags/publicerat-*")
        ok(remote.publish())
    assert published(remote.site) == before


def test_a_site_not_published_yet_starts_its_record_and_one_that_does_not_answer_waits(remote, monkeypatch, tmp_path):
    _lost_everything(remote, "ci2")
    with SiteServer(tmp_path, "/socialrapporter/") as server:
        closed = server.url  # the same address once the server is gone: nothing answers there
    monkeypatch.setenv(WITNESS, closed)
    out = stopped(remote.publish("--first-record"))
    assert f"En första publicering läser först webbplatsens flöde {closed}nytt-och-andrat.xml för att se att " in out, out[-3000:]
    assert "[arkivet-webbplatsen-svarar-inte]" in out
    assert git(remote.bare, "branch", "--list", "publicerat").strip() == ""
    empty = tmp_path / "tom"
    empty.mkdir()
    with SiteServer(empty, "/socialrapporter/") as server:  # Pages not deployed yet: 404
        monkeypatch.setenv(WITNESS, server.url)
        ok(remote.publish("--first-record"))
    assert git(remote.bare, "branch", "--list", "publicerat").strip() == "publicerat"


def test_a_record_lost_for_good_is_started_anew_only_when_said(remote, monkeypatch, tmp_path):
    shutil.copytree(remote.site, tmp_path / "publicerad")
    _lost_everything(remote, "ci2")
    with SiteServer(tmp_path / "publicerad", "/socialrapporter/") as server:
        monkeypatch.setenv(WITNESS, server.url)
        monkeypatch.setenv(LOST, "ja")
        ok(remote.publish("--first-record"))
    assert git(remote.bare, "branch", "--list", "publicerat").strip() == "publicerat"


def test_the_published_site_is_asked_before_rattelser_yaml_is_judged(remote, monkeypatch, tmp_path):
    """adv17k 4: with a published withdrawal in rattelser.yaml, the lost record's first build blamed the withdrawal
    (`rattelse-okand-utgava`: no such edition in the empty record) before the witness was asked, and staff following
    that would delete a published withdrawal. The record comes first, the witness included."""
    root = git(remote.work, "rev-list", "--max-parents=0", "HEAD").strip()
    git(remote.work, "reset", "--quiet", "--hard", root)  # September's commit dropped: only the record has it
    (remote.work / "rattelser.yaml").write_text(SEPTEMBER_WITHDRAWN, encoding="utf-8")
    remote.commit("Åstorp: september indragen")
    remote.push("--force")
    ok(remote.publish())
    shutil.copytree(remote.site, tmp_path / "publicerad")
    git(remote.work, "push", "--quiet", "origin", "--delete", "publicerat-3")  # the withdrawal's record commit's tag
    _lost_everything(remote, "ci2")
    with SiteServer(tmp_path / "publicerad", "/socialrapporter/") as server:
        monkeypatch.setenv(WITNESS, server.url)
        out = stopped(remote.publish("--first-record"))
    assert "[arkivet-finns-pa-webbplatsen]" in out, out[-3000:]
    assert "[rattelse-" not in out, out[-3000:]
