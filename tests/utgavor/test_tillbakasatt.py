"""A record set back on GitHub, and a record that never reached it (adv17b F41 and the false
`arkivet-tillbakasatt` after a failed push). Each record commit is tagged publicerat-<n> and the
tag goes up with the branch in one atomic push: the tags are the witness on GitHub that does not
move with the branch, so a set-back record is found without the build cache (GitHub evicts Actions
caches after 7 days), and a commit whose tag never reached GitHub was never pushed."""

from __future__ import annotations

import shutil

import pytest

from macros.data import cache

from .conftest import git, ok, published
from .test_arkivgrenen import record_clone, stopped

pytestmark = pytest.mark.slow

SEPTEMBER = "astorp/utgavor/2022-09/"


def rewound(commit: str, tag: str, restore: str) -> str:
    return (
        f"origin/publicerat: Grenen publicerat saknar incheckningen {commit[:10]}, som publicerades och har taggen "
        f"{tag}: grenen har satts tillbaka, tagits bort eller skrivits om, och publicerade utgåvor saknas i arkivet. "
        f"Bygget gör inte om dem ur historiken. Återställ grenen från taggen: {restore}. Skydda sedan grenen och "
        "taggarna publicerat-* mot force-push och borttagning (README). Gjordes taggen av ett bygge på den här datorn "
        f"som aldrig kom till GitHub, ta i stället bort den: git tag -d {tag}. [arkivet-tillbakasatt]"
    )


def test_each_record_commit_is_tagged_on_github(remote):
    """The first record (August) is publicerat-1, September publicerat-2, each at its record commit."""
    tags = git(remote.bare, "for-each-ref", "--format=%(refname:strip=2) %(*objectname)", "refs/tags/publicerat-*")
    tip = git(remote.bare, "rev-parse", "publicerat").strip()
    assert tags.splitlines() == [f"publicerat-1 {git(remote.bare, 'rev-parse', 'publicerat~1').strip()}", f"publicerat-2 {tip}"]


def test_a_record_set_back_with_the_cache_gone_is_refused(remote):
    """F41: publicerat force-pushed back one commit (September gone) and `.cache-utgavor` gone (an
    evicted Actions cache): the tag publicerat-2 still names September's record commit, so the
    build refuses instead of rendering and recording September again; restored from the tag as
    the message says, September is what it was, byte for byte."""
    before = published(remote.site)
    tip = git(remote.bare, "rev-parse", "publicerat").strip()
    other = record_clone(remote)
    git(other, "push", "--quiet", "--force", "origin", "HEAD~1:refs/heads/publicerat")
    shutil.rmtree(remote.ci / ".cache-utgavor")
    out = stopped(remote.publish())
    assert rewound(tip, "publicerat-2", "git push origin 'publicerat-2^{commit}:refs/heads/publicerat'") in out
    assert git(remote.bare, "rev-parse", "publicerat").strip() == git(other, "rev-parse", "HEAD~1").strip()  # nothing recorded
    git(remote.ci, "push", "--quiet", "origin", "publicerat-2^{commit}:refs/heads/publicerat")
    ok(remote.publish())
    assert git(remote.bare, "rev-parse", "publicerat").strip() == tip
    assert published(remote.site) == before


def test_a_deleted_record_with_tags_is_refused_even_as_a_first_publication(remote):
    """The branch deleted on GitHub: its tags say it was published, so not even --first-record
    (which starts a new site's record) makes a new one from history."""
    tip = git(remote.bare, "rev-parse", "publicerat").strip()
    git(remote.work, "push", "--quiet", "origin", "--delete", "publicerat")
    out = stopped(remote.publish("--first-record"))
    assert rewound(tip, "publicerat-2", "git push origin 'publicerat-2^{commit}:refs/heads/publicerat'") in out


def test_a_record_without_its_tags_set_back_is_refused_by_the_cache(remote):
    """A record from before the tags (or its tags deleted too): the cache still knows the commit
    the last build read on GitHub, and a record that lost it is refused."""
    ok(remote.publish())  # nothing new: the build notes GitHub's record as it read it
    tip = git(remote.bare, "rev-parse", "publicerat").strip()
    other = record_clone(remote)
    git(other, "push", "--quiet", "--force", "origin", "HEAD~1:refs/heads/publicerat", ":refs/tags/publicerat-2")
    out = stopped(remote.publish())
    assert (
        f"origin/publicerat: Grenen publicerat på GitHub saknar incheckningen {tip[:10]}, som ett tidigare bygge läste "
        "där: grenen har satts tillbaka, tagits bort eller skrivits om, och publicerade utgåvor saknas i arkivet. "
        f"Återställ den från en klon som har incheckningen (git push origin {tip[:10]}:refs/heads/publicerat) och "
        "skydda grenen och taggarna publicerat-* (README). Lade ett bygge från före taggarna till incheckningen och kom "
        "den aldrig till GitHub (jobbet Arkivera misslyckades), ta i stället bort cachen utgavor-… under Actions ▸ Caches "
        "(på en dator filen .cache-utgavor/arkiv-sett.txt) och publicera igen. [arkivet-tillbakasatt-sett]"
    ) in out


def test_a_push_of_the_record_that_failed_is_said_and_made_again(remote):
    """The record job's push fails after the check job saved the cache (which names the commit it
    added): the next build does not call the record set back; it says the earlier push did not go
    through, records October again and pushes it."""
    remote.add_month("2022-10")
    remote.push()
    hook = remote.bare / "hooks/pre-receive"  # GitHub refuses the record job's push, this once
    hook.write_text("#!/bin/sh\nwhile read old new ref; do case $ref in *publicerat*) exit 1;; esac; done\n", encoding="utf-8")
    hook.chmod(0o755)
    with pytest.raises(AssertionError):
        remote.publish()  # built and recorded locally, cache saved; the push of the record is refused
    lost = cache.read_text(remote.ci / ".cache-utgavor/arkiv-sett.txt").split()
    assert lost[1] == "publicerat-3" and "publicerat-3" not in git(remote.bare, "tag")
    hook.unlink()
    out = ok(remote.publish())
    assert (
        f"origin/publicerat: notering: Förra publiceringen lade till incheckningen {lost[0][:10]} (publicerat-3) i "
        "grenen publicerat, men den kom aldrig till GitHub (taggen publicerat-3 finns inte där: jobbet Arkivera "
        "misslyckades eller kördes inte). Grenen på GitHub är inte tillbakasatt. Det här bygget lägger till de utgåvor "
        "som saknas i arkivet igen; se efter under Actions att jobbet Arkivera går igenom den här gången. "
        "[arkivet-inte-pa-github]"
    ) in out
    assert "arkivet-tillbakasatt" not in out
    assert git(remote.bare, "show", "publicerat:astorp/utgavor/2022-10/utgava.json")
    assert "publicerat-3" in git(remote.bare, "tag").split()
