"""The Atom feed and "Nytt och ändrat" from the tiny real repository (conftest.py): each entry has its
own commit's time and says what changed, in Swedish; the feed is parsed back with an XML parser and
every entry is checked."""

from __future__ import annotations

import datetime as dt
import re
import sys
import types
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest
from bs4 import BeautifulSoup

from macros.pages import changes
from macros.pages.build import Build
from macros.render import html

from .conftest import COMMITS

ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://exempel.test/rapporter/"
NB = "\u00a0"
EXPECTED = [  # newest first: (title, time, summary, link)
    (
        "Rättade uppgifter: Försörjningsstöd i Åstorp, nyckeltal per månad", COMMITS["rattelse"],
        f"Rättat 20 oktober 2022: Antal hushåll, juli 2022: 167 → 169; Försörjningsstöd per hushåll, juli 2022: "
        f"8,9{NB}tkr → 8,8{NB}tkr.",
        f"{BASE}astorp/",
    ),
    (
        "Försörjningsstöd i Åstorp: september 2022", COMMITS["september"],
        f"Ny utgåva publicerad 12 oktober 2022. Antal hushåll: 180 (22 färre än i september 2021); "
        f"Utbetalt försörjningsstöd: 1{NB}612{NB}tkr (146{NB}tkr högre än i september 2021).",
        f"{BASE}astorp/utgavor/2022-09/",
    ),
    (
        "Försörjningsstöd i Åstorp: augusti 2022", COMMITS["forsta"],
        f"Ny utgåva publicerad 1 september 2022. Antal hushåll: 176 (32 färre än i augusti 2021); "
        f"Utbetalt försörjningsstöd: 1{NB}551{NB}tkr (135{NB}tkr lägre än i augusti 2021).",
        f"{BASE}astorp/utgavor/2022-08/",
    ),
]

pytestmark = pytest.mark.slow


def entries(feed: ET.Element) -> list[tuple[str, str, str, str]]:
    return [
        (e.findtext(f"{ATOM}title"), e.findtext(f"{ATOM}updated"), e.findtext(f"{ATOM}summary"),
         e.find(f"{ATOM}link[@rel='alternate']").get("href"))
        for e in feed.findall(f"{ATOM}entry")
    ]


def test_every_entry_has_its_own_time_and_says_what_changed(site):
    feed = ET.parse(site / "nytt-och-andrat.xml").getroot()  # well-formed, or this raises
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "sv"
    assert feed.findtext(f"{ATOM}updated") == COMMITS["rattelse"]
    assert entries(feed) == EXPECTED
    ids = [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")]
    assert len(set(ids)) == len(ids)
    for entry in feed.findall(f"{ATOM}entry"):
        assert entry.findtext(f"{ATOM}published") == entry.findtext(f"{ATOM}updated")
        dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))  # RFC 3339 with its offset
        assert entry.find(f"{ATOM}summary").get("type") == "text"
    assert len({e[1] for e in entries(feed)}) == 3  # three commits, three times


def test_the_list_of_changes_says_the_same(site):
    page = BeautifulSoup((site / "nytt-och-andrat/index.html").read_text(encoding="utf-8"), "html.parser")
    items = page.select(".changes-list > li")
    shown = [
        (li.select_one("time")["datetime"], re.sub(r"[ \n]+", " ", li.select_one("p").get_text(" ", strip=True)),
         [x.get_text(" ", strip=True) for x in li.select("ul li")])
        for li in items
    ]
    assert shown == [
        ("2022-10-20", "20 oktober 2022 : Rättade uppgifter: Försörjningsstöd i Åstorp, nyckeltal per månad",
         ["Antal hushåll, juli 2022: 167 → 169", f"Försörjningsstöd per hushåll, juli 2022: 8,9{NB}tkr → 8,8{NB}tkr"]),
        ("2022-10-12", "12 oktober 2022 : Ny utgåva: Försörjningsstöd i Åstorp: september 2022",
         ["Antal hushåll: 180 (22 färre än i september 2021)",
          f"Utbetalt försörjningsstöd: 1{NB}612{NB}tkr (146{NB}tkr högre än i september 2021)"]),
        ("2022-09-01", "1 september 2022 : Ny utgåva: Försörjningsstöd i Åstorp: augusti 2022",
         ["Antal hushåll: 176 (32 färre än i augusti 2021)",
          f"Utbetalt försörjningsstöd: 1{NB}551{NB}tkr (135{NB}tkr lägre än i augusti 2021)"]),
    ]


@dataclass(frozen=True)
class Notice:  # the record's RecordNotice (/work/brief/record-interface.md, issue 17.2)
    kind: str
    edition_url: str
    report_url: str
    date: str
    reason: str
    replaced_by: str | None
    title: str
    anchor: str


def test_withdrawals_and_corrections_are_listed_with_reason_and_date(project, monkeypatch):
    """The record's notices (macros/pages/record.py) reach the list and the feed, with a reason
    that holds characters XML must escape and one it cannot hold."""
    withdrawn = Notice(
        "indragning", "astorp/utgavor/2022-09/", "astorp/", "2022-10-21",
        "Hushållen i september var dubbelräknade <se bilaga> & rättade.\x01", "astorp/",
        "Försörjningsstöd i Åstorp: september 2022 indragen", "indragning-astorp-2022-09",
    )
    try:  # the record's module answers with this notice; a stand-in where the module is not there yet
        from macros.pages import record
    except ImportError:
        record = types.ModuleType("macros.pages.record")
        monkeypatch.setitem(sys.modules, "macros.pages.record", record)
    monkeypatch.setattr(record, "record_notices", lambda build: [withdrawn], raising=False)
    build = Build(project, [{"Rapporter": [{"Åstorp": "astorp.md"}]}], project / "docs")
    found = changes.site_changes(build)
    assert [(c.kind, c.date[:10]) for c in found] == [
        ("indragning", "2022-10-21"), ("revision", "2022-10-20"), ("edition", "2022-10-12"), ("edition", "2022-09-01"),
    ]
    shown = found[0].shown(lambda target: target)
    assert shown["lines"] == ["Anledning: Hushållen i september var dubbelräknade <se bilaga> & rättade.\x01"]
    assert (shown["replaced_by"], shown["replaced_by_title"]) == ("astorp/", "rapportens aktuella sida")
    feed = ET.fromstring(changes.atom_feed(found, BASE, "Rättelser (test)", "Socialförvaltningen i Testkommun"))
    first = feed.find(f"{ATOM}entry")
    assert first.findtext(f"{ATOM}title") == "Försörjningsstöd i Åstorp: september 2022 indragen"
    assert first.findtext(f"{ATOM}summary") == (
        "Utgåvan är indragen 21 oktober 2022. Anledning: Hushållen i september var dubbelräknade <se bilaga> & "
        "rättade. Den ersätts av rapportens aktuella sida."
    )
    assert first.findtext(f"{ATOM}id") == f"{BASE}nytt-och-andrat/#indragning-astorp-2022-09"
    assert first.find(f"{ATOM}link").get("href") == f"{BASE}astorp/utgavor/2022-09/"
    page = BeautifulSoup(html.render("changes.html", entries=[shown], feed="x.xml", feed_name="x.xml"), "html.parser")
    item = page.select_one(".changes-list > li#indragning-astorp-2022-09.change-indragning")
    assert re.sub(r"\s+", " ", item.get_text(" ", strip=True)) == (
        "21 oktober 2022 : Försörjningsstöd i Åstorp: september 2022 indragen Anledning: Hushållen i september var "
        "dubbelräknade <se bilaga> & rättade.\x01 Ersätts av: rapportens aktuella sida"
    )
    assert [a["href"] for a in item.select("a")] == ["astorp/utgavor/2022-09/", "astorp/"]


def test_only_the_newest_editions_are_read_for_their_figures(project, monkeypatch):
    """A site eight years on has 100 000 editions: the headline figures are read for the newest
    (changes.HEADLINES), the rest are listed by name and time."""
    monkeypatch.setattr(changes, "HEADLINES", 1)
    build = Build(project, [{"Rapporter": [{"Åstorp": "astorp.md"}]}], project / "docs")
    editions = [c for c in changes.site_changes(build) if c.kind == "edition"]
    assert [(c.title, bool(c.lines)) for c in editions] == [
        ("Försörjningsstöd i Åstorp: september 2022", True), ("Försörjningsstöd i Åstorp: augusti 2022", False),
    ]
    assert editions[1].summary() == "Ny utgåva publicerad 1 september 2022."


RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})")


def test_feed_times_are_all_swedish_time_with_its_offset():
    """adv17d: the feed mixed a commit's +00:00 (made in UTC, as GitHub's web editor does) with a first record's
    +01:00. Every time is written one way now: Swedish time with its offset, RFC 3339 (Atom, RFC 4287 §3.3)."""
    made = [
        changes.Change(changes.EDITION, 2, "2026-12-07T13:00:00+00:00", "Ny i UTC", "astorp/utgavor/2026-11/", "a"),
        changes.Change(changes.EDITION, 1, "2026-12-07T14:30:00+01:00", "Första arkivet", "astorp/utgavor/2026-10/", "b"),
        changes.Change(changes.REVISION, 0, "2022-10-20T07:15:00+00:00", "Rättad i UTC", "astorp/", "c"),
    ]
    feed = ET.fromstring(changes.atom_feed(made, BASE, "Exempel", "Exempel kommun"))
    said = [(e.findtext(f"{ATOM}title"), e.findtext(f"{ATOM}published"), e.findtext(f"{ATOM}updated")) for e in feed.findall(f"{ATOM}entry")]
    assert said == [
        ("Ny i UTC", "2026-12-07T14:00:00+01:00", "2026-12-07T14:00:00+01:00"),
        ("Första arkivet", "2026-12-07T14:30:00+01:00", "2026-12-07T14:30:00+01:00"),
        ("Rättad i UTC", "2022-10-20T09:15:00+02:00", "2022-10-20T09:15:00+02:00"),
    ]
    assert feed.findtext(f"{ATOM}updated") == "2026-12-07T14:30:00+01:00"  # the newest entry's moment
    from zoneinfo import ZoneInfo

    for _title, *times in said:
        for text in times:
            assert RFC3339.fullmatch(text), text
            moment = dt.datetime.fromisoformat(text)
            assert moment.utcoffset() == moment.astimezone(ZoneInfo("Europe/Stockholm")).utcoffset(), text
