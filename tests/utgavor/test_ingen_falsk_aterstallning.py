"""`utgava-aterstalld` ("published but no longer the latest period in main … withdraw it?") only for a published edition
that a revert, force-push or stale merge really took out of main; not for ordinary superseded months (adv17f 9, 94):
- a rename undone by a force-push, and the month published at the renamed address entered again: the report's
  current period is that edition (at its old address), so August and September are merely older editions;
- a page that loses its period: no new edition, and the build says that (`utgava-sida-utan-period`), once, not a
  revert of each published month."""

from __future__ import annotations

import pytest

from .conftest import PAGE, git, ok

pytestmark = pytest.mark.slow


def test_a_rename_undone_by_a_force_push_calls_no_published_month_reverted(remote):
    before_rename = remote.published_rename()
    git(remote.work, "reset", "--quiet", "--hard", before_rename)
    remote.add_month("2022-10")  # the month again, at the old page
    remote.push("--force")
    out = ok(remote.publish())
    assert "[utgava-aterstalld]" not in out, out[-3000:]
    out = ok(remote.publish())  # and not at any later build
    assert "[utgava-aterstalld]" not in out


def test_a_page_that_loses_its_period_says_so_not_that_its_months_were_reverted(remote):
    page = remote.work / "docs/astorp.md"
    page.write_text(PAGE.replace("manadsserie: astorp/forsorjningsstod\n", ""), encoding="utf-8")
    remote.add_month("2022-10")
    remote.push()
    out = ok(remote.publish())
    assert "[utgava-aterstalld]" not in out, out[-3000:]
    assert (
        "docs/astorp.md:1:1: notering: Sidan säger ingen period i main (raden manadsserie: eller rapportperiod: saknas i "
        "sidhuvudet), så ingen ny utgåva av astorp/ publiceras förrän den gör det. Det som är publicerat ligger kvar, "
        "oförändrat: 2 utgåvor (den senaste är astorp/utgavor/2022-09/). Var det inte meningen, skriv tillbaka raden i "
        "sidhuvudet (se CONTRIBUTING.md) så publiceras nästa utgåva. [utgava-sida-utan-period]"
    ) in out
    assert not (remote.site / "astorp/utgavor/2022-10").exists()
