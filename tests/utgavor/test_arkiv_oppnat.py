"""The record opened once per commit (`.cache-utgavor/arkiv-oppnat.json`, data/record.py `_opened_before`):
a build that reads an unchanged record neither lists its files nor judges its line again (issue 17.5:
publishing a month stays cheap as editions accumulate), and what it takes from the cache is what a
reading without the cache finds. A record changed after it was opened is another commit: read and
judged anew, so a forged commit is refused as before."""

from __future__ import annotations

import pytest

from macros.data.history import Repository
from macros.data.record import OPENED, Record, RecordError

from .conftest import git, ok
from .test_forfalskat_arkiv import EXTRA, forge

pytestmark = pytest.mark.slow


def fetched(remote):
    """The workflow's clone with GitHub's record, as `Remote.publish` fetches it (no local branch)."""
    git(remote.ci, "fetch", "--quiet", "--prune", "origin", "+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*")
    git(remote.ci, "update-ref", "-d", "refs/heads/publicerat", check=False)
    return remote.ci


def opened(record: Record) -> tuple:
    """Everything a build takes from an opened record."""
    return (
        record.commit, record.editions, {url: (e.toc, e.files) for url, e in record.editions.items()}, list(record.editions),
        record.notices, record.built(), record.__dict__.get("added_at", {}), record.forged_tags(), record.set_back(),
    )


def test_an_unchanged_record_is_opened_without_listing_or_judging_it_again(remote, tmp_path, monkeypatch):
    clone = fetched(remote)
    cache = tmp_path / "cache"
    first = Record(Repository(clone), cache)
    assert (cache / OPENED).is_file()
    calls = []
    real = Repository._git

    def counted(self, *args):
        calls.append(args)
        return real(self, *args)

    monkeypatch.setattr(Repository, "_git", counted)
    again = Record(Repository(clone), cache)
    monkeypatch.setattr(Repository, "_git", real)
    assert [a for a in calls if {"ls-tree", "log", "cat-file"} & set(a)] == []  # no listing, no judging
    without = Record(Repository(clone), None)
    assert opened(again) == opened(first) == opened(without)
    assert sorted(again.editions) == ["astorp/utgavor/2022-08/", "astorp/utgavor/2022-09/"]


def test_a_record_forged_after_it_was_opened_is_read_and_refused_anew(remote, tmp_path):
    cache = tmp_path / "cache"
    Record(Repository(fetched(remote)), cache)
    forged = forge(remote, {EXTRA: b"manad;hushall\n2022-09;999\n"})
    with pytest.raises(RecordError) as refused:
        Record(Repository(fetched(remote)), cache)
    assert str(refused.value).startswith(f"Incheckningen {forged[:10]} i grenen publicerat lade till {EXTRA}, men den är inte gjord av publiceringen")


def test_the_editions_of_an_unchanged_record_are_proven_once(remote, monkeypatch):
    """Each recorded edition is checked against the commit it names (pages/record.unproven) once per record
    commit and code: the next build with the same record does not check them again; a record with an edition
    added is another commit, and every edition is checked again."""
    import yaml

    from macros.pages import record as pages_record
    from macros.pages.editions import open_archive

    clone = fetched(remote)
    nav = yaml.safe_load((clone / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:\n", 1)[1].join(["nav:\n", ""]))["nav"]
    checked = []
    real = pages_record._mismatch
    monkeypatch.setattr(pages_record, "_mismatch", lambda archive, recorded: checked.append(recorded.url) or real(archive, recorded))
    first = open_archive(clone, nav, clone / "docs")
    assert sorted(checked) == ["astorp/utgavor/2022-08/", "astorp/utgavor/2022-09/"] and first.record_errors == []
    checked.clear()
    again = open_archive(clone, nav, clone / "docs")
    assert checked == [] and again.record_errors == []
    remote.add_month("2022-10")
    remote.push()
    assert "Utgåvor" in ok(remote.publish())
    clone = fetched(remote)
    checked.clear()
    open_archive(clone, nav, clone / "docs")
    assert sorted(checked) == ["astorp/utgavor/2022-08/", "astorp/utgavor/2022-09/", "astorp/utgavor/2022-10/"]
