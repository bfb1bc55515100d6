"""A notice that needs nothing more of staff is said once, not by every build after it (the second
build's log is the test); one that asks staff to put something right is said until they have:

- a page's `rapportperiod` committed and reverted before any build published it: no edition was
  refused that the page asks for now, so nothing is said (it said `utgava-samma-period`); one for a period not
  published yet (`rapportperiod: "november 2022"`) is no edition either (it was published at the next build, under
  november-2022/ with September's figures; the real November was then refused as `utgava-samma-period` and October
  said to be reverted, `utgava-aterstalld`, by every build); nor is a month added and reverted before publishing;
- a published withdrawal whose line is reverted out of rattelser.yaml stays published: said by the
  build that first finds it, not by every later one (`rattelse-finns-kvar` was said every build);
- a deleted tag publicerat-<n> (`arkivet-tagg-saknas`) is said by every build until it is put back.
"""

from __future__ import annotations

import pytest

from .conftest import SEPTEMBER_WITHDRAWN, git, ok, published

pytestmark = pytest.mark.slow


def test_a_period_declaration_reverted_before_it_was_published_is_not_said(remote):
    before = published(remote.site)
    page = remote.work / "docs/astorp.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "manadsserie: astorp/forsorjningsstod\n", 'rapportperiod: "september 2022"\n'), encoding="utf-8")
    remote.commit("Åstorp: perioden som text")
    git(remote.work, "revert", "--no-commit", "HEAD")
    remote.commit("Åstorp: tillbaka till manadsserie")
    remote.push()  # both at once: no build published the page's rapportperiod
    first = ok(remote.publish())
    second = ok(remote.publish())
    assert "[utgava-samma-period]" not in first and "[utgava-samma-period]" not in second
    assert published(remote.site) == before


def editions_of(remote) -> list[str]:
    return sorted(p.name for p in (remote.site / "astorp/utgavor").iterdir() if p.is_dir())


def test_a_period_not_yet_published_reverted_before_publishing_is_no_edition(remote):
    page = remote.work / "docs/astorp.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "manadsserie: astorp/forsorjningsstod\n", 'rapportperiod: "november 2022"\n'), encoding="utf-8")
    remote.commit("Åstorp: november som text")
    git(remote.work, "revert", "--no-commit", "HEAD")
    remote.commit("Åstorp: tillbaka till manadsserie")
    remote.add_month("2022-10")
    remote.push()
    first = ok(remote.publish())
    assert editions_of(remote) == ["2022-08", "2022-09", "2022-10"]
    remote.add_month("2022-11")
    remote.push()
    second = ok(remote.publish())
    third = ok(remote.publish())
    assert editions_of(remote) == ["2022-08", "2022-09", "2022-10", "2022-11"]
    for out in (first, second, third):
        assert "[utgava-samma-period]" not in out and "[utgava-aterstalld]" not in out, out[-3000:]


def test_a_month_added_and_reverted_before_publishing_is_no_edition(remote):
    remote.add_month("2022-10")
    git(remote.work, "revert", "--no-commit", "HEAD")
    remote.commit("Åstorp: oktober var för tidigt")
    remote.push()
    out = ok(remote.publish())
    assert editions_of(remote) == ["2022-08", "2022-09"]
    assert "[utgava-aterstalld]" not in out + ok(remote.publish())


KEPT = (
    "publicerat:rattelser/indragning-astorp-2022-09-2022-10-01.json: notering: Försörjningsstöd i Åstorp: september "
    "2022 indragen (1 oktober 2022) är publicerad men står inte längre i rattelser.yaml (till exempel efter git "
    "revert). Den ligger kvar på utgåvan, på Nytt och ändrat och i flödet: en publicerad indragning eller rättelse kan "
    "inte tas bort. Var den fel, skriv en ny rättelse (typ: rattelse) för samma utgåva som säger det. [rattelse-finns-kvar]"
)


def test_a_published_withdrawal_reverted_out_of_the_file_is_said_once(remote):
    (remote.work / "rattelser.yaml").write_text(SEPTEMBER_WITHDRAWN, encoding="utf-8")
    remote.commit("Åstorp: september dras in")
    remote.push()
    ok(remote.publish())
    git(remote.work, "revert", "--no-commit", "HEAD")
    remote.commit("Ångra indragningen")
    remote.push()
    first = ok(remote.publish())
    assert KEPT in first
    second = ok(remote.publish())
    assert "[rattelse-finns-kvar]" not in second, second[-3000:]
    remote.add_month("2022-10")
    remote.push()
    assert "[rattelse-finns-kvar]" not in ok(remote.publish())


def test_a_deleted_tag_is_said_by_every_build_until_it_is_put_back(remote):
    """Staff must act (the witness of the record is gone): the next build says it again."""
    git(remote.bare, "tag", "-d", "publicerat-2")
    assert "Taggen publicerat-2 saknas" in ok(remote.publish())
    assert "Taggen publicerat-2 saknas" in ok(remote.publish())
