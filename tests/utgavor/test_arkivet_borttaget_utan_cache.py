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
