"""Two acts on one edition on the same day are two acts in the record, never one file overwritten by
the other; a second withdrawal of an edition is refused whatever its date (adv17b F25, F18)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from macros.pages.record import read_notices

from .conftest import git, ok

SEPTEMBER = "astorp/utgavor/2022-09/"
TWO_CORRECTIONS = """- utgava: astorp/utgavor/2022-09/
  typ: rattelse
  datum: 2022-10-05
  anledning: Hushållen i september var 181, inte 180.
- utgava: astorp/utgavor/2022-09/
  typ: rattelse
  datum: 2022-10-05
  anledning: Utbetalt i september var 1 610 tkr.
"""
FIRST = TWO_CORRECTIONS[:TWO_CORRECTIONS.index("- utgava", 1)]


def corrections(site: Path) -> list[str]:
    page = BeautifulSoup((site / SEPTEMBER / "index.html").read_text(encoding="utf-8"), "html.parser")
    return sorted(" ".join(box.get_text(" ", strip=True).split()) for box in page.select(".edition-correction"))


@pytest.mark.slow
def test_two_corrections_of_one_edition_on_one_day_are_both_recorded_and_stay(remote):
    (remote.work / "rattelser.yaml").write_text(TWO_CORRECTIONS, encoding="utf-8")
    remote.commit("Åstorp: två rättelser av september")
    remote.push()
    ok(remote.publish())
    files = git(remote.bare, "ls-tree", "--name-only", "publicerat", "rattelser/").split()
    assert len(files) == 2 and "rattelser/rattelse-astorp-2022-09-2022-10-05.json" in files
    both = [
        "Rättelse 5 oktober 2022 Hushållen i september var 181, inte 180.",
        "Rättelse 5 oktober 2022 Utbetalt i september var 1 610 tkr.",
    ]
    assert corrections(remote.site) == both
    # The next build reads both from the record: neither is "changed".
    out = ok(remote.publish())
    assert "[rattelse-andrad]" not in out
    # A revert of the file takes neither off the edition.
    git(remote.work, "revert", "--no-edit", "HEAD")
    remote.push()
    out = ok(remote.publish())
    assert corrections(remote.site) == both
    assert out.count("[rattelse-finns-kvar]") == 2


EDITIONS = {
    SEPTEMBER: SimpleNamespace(
        report_url="astorp/", period=SimpleNamespace(name="september 2022", id="2022-09"), published="2022-10-01",
    ),
}


def test_a_second_withdrawal_on_the_same_date_is_refused(tmp_path):
    (tmp_path / "rattelser.yaml").write_text(
        TWO_CORRECTIONS.replace("typ: rattelse", "typ: indragning"), encoding="utf-8",
    )
    found, problems = read_notices(tmp_path, EDITIONS, {"astorp/": "Åstorp"}, {"astorp/"})
    assert [n.reason for n in found] == ["Hushållen i september var 181, inte 180."]
    assert [str(p) for p in problems] == [
        "rattelser.yaml:5:1: utgava: astorp/utgavor/2022-09/ är redan indragen 5 oktober 2022 (rad 1). En utgåva dras "
        "in en gång och indragningen kan inte ångras. Vill du lägga till eller rätta något om indragningen, skriv en "
        "rättelse (typ: rattelse) för samma utgåva. [rattelse-dubbel-indragning]"
    ]


def test_the_same_act_written_twice_is_one_act(tmp_path):
    """One act; the second entry is refused at its line (adv17f 14: it was ignored silently)."""
    (tmp_path / "rattelser.yaml").write_text(FIRST + FIRST, encoding="utf-8")
    found, problems = read_notices(tmp_path, EDITIONS, {"astorp/": "Åstorp"}, {"astorp/"})
    assert [n.anchor for n in found] == ["rattelse-astorp-2022-09-2022-10-05"]
    assert [(p.code, p.severity) for p in problems] == [("rattelse-dubblett", "error")]


def test_an_edited_reason_of_a_published_act_is_still_said_to_be_changed(tmp_path):
    """The record's act keeps its anchor; one entry with the same day and another reason is an edit."""
    recorded = {"rattelse-astorp-2022-09-2022-10-05": {
        "kind": "rattelse", "edition_url": SEPTEMBER, "report_url": "astorp/", "date": "2022-10-05",
        "reason": "Fel.", "replaced_by": None, "title": "Åstorp: september 2022 rättad",
        "anchor": "rattelse-astorp-2022-09-2022-10-05",
    }}
    (tmp_path / "rattelser.yaml").write_text(FIRST, encoding="utf-8")
    found, problems = read_notices(tmp_path, EDITIONS, {"astorp/": "Åstorp"}, {"astorp/"}, recorded)
    assert [n.reason for n in found] == ["Fel."]
    assert [str(p).rsplit(" [", 1)[1] for p in problems] == ["rattelse-andrad]"]
