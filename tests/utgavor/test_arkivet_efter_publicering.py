"""`scripts/build.py --record` by hand in a clone whose origin/publicerat is behind GitHub's while its tags are not
(`git fetch origin main` and the tags, not the branch): GitHub's record is whole, so the build says to fetch it
(`arkivet-efter-github`, as a plain build does), never that the branch was set back and must be restored from a
tag (adv17f 101)."""

from __future__ import annotations

import pytest

from .conftest import build, git, ok
from .test_arkivet_efter import used
from .test_arkivgrenen import stopped

pytestmark = pytest.mark.slow


def test_a_record_build_in_a_clone_behind_github_says_to_fetch_the_record(remote):
    git(remote.work, "fetch", "--quiet", "origin")  # the record as it was after September
    remote.add_month("2022-10")
    remote.push()
    ok(remote.publish())  # GitHub's record gets October and publicerat-3
    git(remote.work, "fetch", "--quiet", "origin", "main", "refs/tags/*:refs/tags/*")
    github = git(remote.bare, "rev-parse", "publicerat").strip()
    out = stopped(build(remote.work, "--record"))
    assert (
        f"origin/publicerat: Arkivet som bygget läser här ({used(remote.work)}) är äldre än grenen publicerat på GitHub "
        f"(incheckningen {github[:10]}): det som har publicerats sedan dess saknas i förhandsvisningen, så den kan visa "
        "utgåvor på andra adresser och med andra datum än webbplatsen, och godta poster i rattelser.yaml som "
        "publiceringen vägrar. Hämta arkivet och bygg igen: git fetch origin publicerat. [arkivet-efter-github]"
    ) in out, out[-3000:]
    assert "arkivet-tillbakasatt" not in out
    git(remote.work, "fetch", "--quiet", "origin", "publicerat")  # as it says
    ok(build(remote.work, "--record"))
