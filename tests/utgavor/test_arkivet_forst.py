"""The record is checked before rattelser.yaml: an entry is judged against the editions the record
holds, so with the record gone a right entry must not be blamed for it (adv17c)."""

from __future__ import annotations

import pytest

from .conftest import SEPTEMBER_WITHDRAWN, git, ok
from .test_arkivgrenen import stopped

pytestmark = pytest.mark.slow


def test_a_missing_record_is_said_before_a_right_withdrawal_is_blamed(remote):
    """The page was renamed (astorp/ → astorp-fsd/), so September's edition at astorp/utgavor/2022-09/ is
    only in the record. The record is deleted on GitHub with its tags; staff withdraw September. The build
    says the record is missing, not that the withdrawal names no edition."""
    remote.rename_page("astorp-fsd.md")
    remote.commit("Åstorp: sidan byter namn")
    remote.push()
    ok(remote.publish())
    (remote.work / "rattelser.yaml").write_text(SEPTEMBER_WITHDRAWN, encoding="utf-8")
    remote.commit("Åstorp: september dras in")
    remote.push()
    git(remote.work, "push", "--quiet", "origin", "--delete", "publicerat", "publicerat-1", "publicerat-2")
    out = stopped(remote.publish())
    assert "[arkivet-borttaget]" in out  # the workflow's cache knows the record existed (test_arkivet_borttaget.py)
    assert "[rattelse-okand-utgava]" not in out
