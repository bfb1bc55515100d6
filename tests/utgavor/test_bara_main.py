"""--record adds to the record only what main has: a draft branch built with --record records nothing
(adv17b F103: a period never on main was published for good)."""

from __future__ import annotations

import pytest

from .conftest import build, git, ok

NOT_ON_MAIN = (
    "finns inte i origin/main, så bygget med --record lägger inte till något i arkivet (grenen publicerat): bara det "
    "som har publicerats i main får bli utgåvor för alltid. Publicera genom att slå ihop ändringen med main och låta "
    "publiceringsflödet bygga main (på en dator: git switch main, git pull och sedan scripts/build.py --record). Vill "
    "du bara se sidorna, bygg utan --record. [arkivet-inte-main]"
)


@pytest.mark.slow
def test_a_draft_branch_built_with_record_adds_nothing(remote):
    git(remote.ci, "fetch", "--quiet", "origin", "+refs/heads/*:refs/remotes/origin/*")
    git(remote.ci, "checkout", "--quiet", "-b", "utkast", "origin/main")
    git(remote.ci, "update-ref", "-d", "refs/heads/publicerat", check=False)
    draft = remote.add_month("2022-10", cwd=remote.ci)
    result = build(remote.ci, "--record")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"Incheckningen {draft[:10]} som byggs {NOT_ON_MAIN}" in result.stdout + result.stderr
    assert git(remote.ci, "rev-parse", "--verify", "--quiet", "refs/heads/publicerat", check=False).strip() == ""
    # Built without --record, the draft is a preview: the site builds.
    ok(build(remote.ci))
