"""A page's period declaration rewritten (`rapportperiod: "september 2022"` instead of `manadsserie`)
and then reverted: the same period all along, so no edition was reverted and none is said to be."""

from __future__ import annotations

import pytest

from .conftest import git, ok, published

pytestmark = pytest.mark.slow


def test_a_period_declaration_rewritten_and_reverted_is_no_revert(remote):
    before = published(remote.site)
    page = remote.work / "docs/astorp.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "manadsserie: astorp/forsorjningsstod\n", 'rapportperiod: "september 2022"\n'), encoding="utf-8")
    rewritten = remote.commit("Åstorp: perioden som text")
    remote.push()
    out = ok(remote.publish())
    assert "[utgava-aterstalld]" not in out
    git(remote.work, "revert", "--no-edit", rewritten)
    remote.push()
    out = ok(remote.publish())
    assert "[utgava-aterstalld]" not in out, out[-3000:]
    assert published(remote.site) == before
