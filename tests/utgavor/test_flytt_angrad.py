"""A rename undone by a force-push (adv17g 9): docs/astorp.md → docs/astorp-fsd.md, October published at
astorp-fsd/utgavor/2022-10/, then main reset to before the rename and force-pushed. October is no longer in main:
the build says so as for any dropped month (`utgava-aterstalld`), and it does not say that a page was renamed: it
says the rename was undone and where the report continues (`rapport-tillbaka`, not `rapport-borta`)."""

from __future__ import annotations

import pytest

from .conftest import git, ok, published

pytestmark = pytest.mark.slow

REVERTED = (
    "docs/astorp.md:1:1: notering: Utgåvan oktober 2022 av astorp-fsd/ är publicerad men finns inte längre som senaste "
    "period i main (till exempel efter git revert, force-push eller en sammanslagning från en gammal gren). Den ligger "
    "kvar på astorp-fsd/utgavor/2022-10/, oförändrad: en återställning i git drar inte in en utgåva. Vill ni dra in den, "
    "skriv in den i rattelser.yaml med typ: indragning, datum och anledning (se CONTRIBUTING.md). [utgava-aterstalld]"
)
RETURNED = (
    "mkdocs.yml:1:1: notering: Rapporten astorp-fsd/ finns inte längre i webbplatsens meny (nav i mkdocs.yml): main har "
    "gått tillbaka till före sidbytet som gav den adressen (till exempel med git reset och force-push), så rapporten "
    "fortsätter som astorp/ igen. Dess publicerade utgåva ligger kvar på sin adress (astorp-fsd/utgavor/2022-10/), och "
    "astorp/ listar den. Var det inte meningen att ångra sidbytet, gör om det (git mv och nav i mkdocs.yml). "
    "[rapport-tillbaka]"
)


def test_a_rename_undone_by_a_force_push_says_the_dropped_month_and_no_rename(remote):
    before_rename = git(remote.work, "rev-parse", "HEAD").strip()
    remote.rename_page("astorp-fsd.md")
    remote.commit("Åstorp: nytt sidnamn")
    remote.add_month("2022-10")
    remote.push()
    out = ok(remote.publish())
    assert "[rapport-borta]" in out and "[rapport-tillbaka]" not in out  # a rename: said as one
    before = published(remote.site)
    git(remote.work, "reset", "--quiet", "--hard", before_rename)
    remote.push("--force")
    out = ok(remote.publish())
    assert REVERTED in out, out[-3000:]
    assert RETURNED in out
    assert "[rapport-borta]" not in out and "Har sidan bytt namn" not in out
    assert published(remote.site) == before
