"""The branch publicerat deleted on GitHub and no cache (an evicted Actions cache, a new runner): the tags are the
witness, and a genuine tag's edition is dated with the moment its record commit was made, not its commit's time
(adv17j F48, F47). Judged by the tag's own line, it is the publishing's: the build says to restore the branch from
the newest tag, never that the tags are forged."""

from __future__ import annotations

import shutil

import pytest

from .conftest import git, ok
from .test_arkivgrenen import stopped
from .test_tillbakasatt import rewound

pytestmark = pytest.mark.slow


def test_a_deleted_record_without_the_cache_is_restored_from_its_genuine_tags(remote):
    remote.add_month("2022-10")
    remote.push()
    committed = int(git(remote.work, "log", "-1", "--format=%ct").strip())
    ok(remote.publish(when=committed + 3600))  # published an hour after its commit, as a real Publicera runs
    tip = git(remote.bare, "rev-parse", "publicerat").strip()
    git(remote.work, "push", "--quiet", "origin", "--delete", "publicerat")
    shutil.rmtree(remote.ci / ".cache-utgavor")
    out = stopped(remote.publish())
    assert "arkivet-okand-tagg" not in out
    assert rewound(tip, "publicerat-3", "git push origin 'publicerat-3^{commit}:refs/heads/publicerat'") in out
    git(remote.ci, "push", "--quiet", "origin", "publicerat-3^{commit}:refs/heads/publicerat")
    out = ok(remote.publish())
    assert git(remote.bare, "rev-parse", "publicerat").strip() == tip  # nothing recorded again


def test_a_deleted_record_is_restored_from_the_newer_commit_the_cache_knows(remote):
    """adv17j PW2: the branch and its newest tag deleted on GitHub, the cache present: it names the newer record
    commit (October), which this clone has; the advice restores from it, not from publicerat-2, and after it nothing
    is recorded again (no false arkivet-inte-pa-github)."""
    remote.add_month("2022-10")
    remote.push()
    ok(remote.publish())
    third = git(remote.bare, "rev-parse", "publicerat").strip()
    second = git(remote.bare, "rev-parse", "publicerat~1").strip()
    git(remote.bare, "branch", "-D", "publicerat")
    git(remote.bare, "tag", "-d", "publicerat-3")
    out = stopped(remote.publish())
    assert (
        f"origin/publicerat: Grenen publicerat saknar incheckningen {second[:10]}, som publicerades och har taggen "
        "publicerat-2, och byggets cache (.cache-utgavor/arkiv-sett.txt) känner en nyare incheckning i arkivet ovanpå "
        f"den, {third[:10]}, som den här klonen har: grenen har satts tillbaka eller tagits bort, och taggarna efter "
        "publicerat-2 med den. Återställ grenen från den nyaste incheckningen, inte från taggen (då skulle det som "
        "publicerades efter publicerat-2 läggas till igen med nya tider): git push origin "
        f"{third[:10]}:refs/heads/publicerat, och publicera igen; nästa bygge säger hur taggar som saknas läggs tillbaka. "
        "Skydda sedan grenen och taggarna publicerat-* mot force-push och borttagning (README). "
        "[arkivet-tillbakasatt-nyare]"
    ) in out, out[-3000:]
    git(remote.ci, "push", "--quiet", "origin", f"{third[:10]}:refs/heads/publicerat")  # as it says
    out = ok(remote.publish())
    assert "[arkivet-inte-pa-github]" not in out
    assert git(remote.bare, "rev-parse", "publicerat").strip() == third  # nothing recorded again
    assert f"Taggen publicerat-3 saknas: den är vittnet om arkivets incheckning nummer 3 ({third[:10]})" in out
