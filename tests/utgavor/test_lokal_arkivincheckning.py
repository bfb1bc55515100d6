"""A local `publicerat` with one commit of its own ahead of GitHub's (adv17e fault 74): the build refuses it
(`arkivet-okand-fil`), and the fix it gives is for the local branch (set it to origin's), not a force-push of
GitHub's branch, which is whole."""

from __future__ import annotations

import pytest

from .conftest import build, git

pytestmark = pytest.mark.slow


def test_a_stray_local_record_commit_is_fixed_locally(remote):
    git(remote.ci, "fetch", "--quiet", "origin")
    git(remote.ci, "checkout", "--quiet", "--detach", "origin/main")
    stray = git(remote.ci, "commit-tree", "-p", "origin/publicerat", "-m", "lokal", "origin/publicerat^{tree}").strip()
    git(remote.ci, "update-ref", "refs/heads/publicerat", stray)
    result = build(remote.ci, "--record")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert (
        f"publicerat: Incheckningen {stray[:10]} i grenen publicerat lade till (ingen fil), men den är inte gjord av "
        "publiceringen: den har inte den byggda incheckningen i main som andra förälder."
    ) in out
    assert (
        "Återställ grenen här, inte på GitHub: incheckningen finns bara i den lokala grenen publicerat, inte i "
        "origin/publicerat. Sätt den lokala grenen till GitHubs: git branch -f publicerat origin/publicerat (eller ta "
        "bort den: git branch -D publicerat), och låt bara GitHub Actions skriva till grenen och taggarna publicerat-* "
        "(README). [arkivet-okand-fil]"
    ) in out
    assert "git push --force" not in out
    git(remote.ci, "branch", "-f", "publicerat", "origin/publicerat")  # as the message says
    result = build(remote.ci, "--record")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
