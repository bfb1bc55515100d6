"""The record branch and every tag publicerat-* deleted on GitHub, while the workflow's cache still names the record's
commit (`.cache-utgavor/arkiv-sett.txt`): a record existed, so neither a publishing build nor `--first-record` makes a
new one from history (adv17f 63: it did, with new dates, and lost an edition and a published correction). The build
names the commit known to have been published and how to restore it with its tags; following that, all is back."""

from __future__ import annotations

import shutil

import pytest

from macros.data import cache

from .conftest import git, ok, published
from .test_arkivgrenen import stopped

pytestmark = pytest.mark.slow


def deleted(commit: str, how: str) -> str:
    return (
        "origin/publicerat: Grenen publicerat (arkivet över publicerade utgåvor) och taggarna publicerat-* finns inte "
        f"på GitHub, men ett tidigare bygge {how} arkivets incheckning {commit[:10]} (.cache-utgavor/arkiv-sett.txt): "
        "arkivet har funnits och har tagits bort. Bygget gör inte om det ur historiken, inte heller med --first-record "
        "(Första publiceringen): utgåvorna skulle få nya datum, och publicerade utgåvor, indragningar och rättelser "
        "skulle kunna försvinna. Återställ grenen och taggarna från en klon eller säkerhetskopia som har incheckningen "
        f"{commit[:10]} (där svarar git cat-file -t {commit[:10]} commit): git push origin {commit[:10]}:refs/heads/publicerat "
        f"och git push origin 'refs/tags/publicerat-*:refs/tags/publicerat-*', och publicera igen. Skydda sedan "
        "grenen och taggarna publicerat-* mot borttagning (README). [arkivet-borttaget]"
    )


def test_a_record_deleted_with_its_tags_is_not_made_anew_while_the_cache_knows_it(remote):
    before = published(remote.site)
    tip = git(remote.bare, "rev-parse", "publicerat").strip()
    backup = remote.folder / "sakerhetskopia"  # any clone that fetched the record and its tags
    git(remote.folder, "clone", "--quiet", "--bare", str(remote.bare), str(backup))
    git(remote.work, "push", "--quiet", "origin", "--delete", "publicerat", "publicerat-1", "publicerat-2")
    # A new runner: a fresh clone (only what GitHub still reaches), the workflow's cache restored.
    fresh = remote.folder / "ci2"
    git(remote.folder, "clone", "--quiet", f"file://{remote.bare}", str(fresh))
    shutil.copytree(remote.ci / ".cache-utgavor", fresh / ".cache-utgavor")
    remote.ci = fresh
    for extra in ((), ("--first-record",)):
        out = stopped(remote.publish(*extra))
        assert deleted(tip, "lade till") in out, out[-3000:]
        assert "Första publiceringen ikryssad" not in out and "[arkivet-saknas]" not in out
    assert git(remote.bare, "branch", "--list", "publicerat").strip() == ""  # nothing made anew
    assert git(backup, "cat-file", "-t", tip[:10]).strip() == "commit"  # as the message says
    git(backup, "push", "--quiet", "origin", f"{tip[:10]}:refs/heads/publicerat")
    git(backup, "push", "--quiet", "origin", "refs/tags/publicerat-*:refs/tags/publicerat-*")
    ok(remote.publish())
    assert published(remote.site) == before
    assert git(remote.bare, "rev-parse", "publicerat").strip() == tip


def test_a_first_record_that_never_reached_github_may_be_made_again(remote):
    """The cache names the first record commit (publicerat-1) as this runner's own, never pushed: no record
    existed on GitHub, so --first-record starts it (and a build without it is told to, arkivet-saknas)."""
    git(remote.work, "push", "--quiet", "origin", "--delete", "publicerat", "publicerat-1", "publicerat-2")
    first = git(remote.ci, "rev-parse", "publicerat-1^{commit}").strip()
    cache.write_text(remote.ci / ".cache-utgavor/arkiv-sett.txt", f"{first} publicerat-1\n")
    assert "[arkivet-saknas]" in stopped(remote.publish())
    ok(remote.publish("--first-record"))
    assert git(remote.bare, "branch", "--list", "publicerat").strip()


def test_a_clone_that_read_the_record_refuses_a_first_record_after_it_was_deleted(remote):
    """Staff's clone, whose plain builds read the record (`.cache-utgavor/arkiv-oppnat.json`), builds with --record
    --first-record after the branch and its tags were deleted on GitHub: refused the same way."""
    from .conftest import build

    git(remote.work, "fetch", "--quiet", "origin", "+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*")
    ok(build(remote.work))
    tip = git(remote.work, "rev-parse", "origin/publicerat").strip()
    git(remote.work, "push", "--quiet", "origin", "--delete", "publicerat", "publicerat-1", "publicerat-2")
    git(remote.work, "fetch", "--quiet", "--prune", "origin", "+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*")
    out = stopped(build(remote.work, "--record", "--first-record"))
    assert deleted(tip, "läste").replace("arkiv-sett.txt", "arkiv-oppnat.json") in out, out[-3000:]
