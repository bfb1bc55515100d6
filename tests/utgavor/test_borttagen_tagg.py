"""A tag publicerat-<n> deleted on GitHub (adv17e fault 72): nothing published changes, but the witness is
thinner; the publishing build says so in Swedish (`arkivet-tagg-saknas`), naming the tag, its commit and how to
put it back, and stays green. Put back as the message says, the next build says nothing."""

from __future__ import annotations

import pytest

from .conftest import git, ok

pytestmark = pytest.mark.slow


def test_a_deleted_record_tag_is_said_with_how_to_put_it_back(remote):
    remote.add_month("2022-10")
    remote.push()
    ok(remote.publish())
    commit = git(remote.ci, "rev-parse", "publicerat-2^{commit}").strip()
    git(remote.bare, "tag", "-d", "publicerat-2")  # deleted on GitHub (git push origin :refs/tags/publicerat-2)
    out = ok(remote.publish())  # the workflow's fetch prunes the tag here too
    assert not git(remote.ci, "tag", "-l", "publicerat-2").strip()
    assert (
        f"notering: Taggen publicerat-2 saknas: den är vittnet om arkivets incheckning nummer 2 ({commit[:10]}) i "
        "grenen publicerat, och någon har tagit bort den (på GitHub eller i den här klonen). Inget publicerat har "
        "ändrats, men utan taggen märks det inte om grenen sätts tillbaka till före den. Lägg tillbaka den: git tag "
        f"-a -m \"Publicerade utgåvor\" publicerat-2 {commit[:10]} och git push origin publicerat-2, och skydda "
        "taggarna publicerat-* (README). [arkivet-tagg-saknas]"
    ) in out
    assert "publicerat-1 saknas" not in out and "publicerat-3 saknas" not in out
    git(remote.ci, "tag", "-a", "-m", "Publicerade utgåvor", "publicerat-2", commit[:10])
    git(remote.ci, "push", "--quiet", "origin", "publicerat-2")
    assert "[arkivet-tagg-saknas]" not in ok(remote.publish())
