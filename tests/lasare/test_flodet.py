"""The feed as a subscriber reads it: every new edition's entry says what it holds, its headline
figures or (for a report of a fixed period: a tertial, a year) its summary, never only
"Ny utgåva publicerad …" (adv19 #15, #16). Reads whatever editions the built site has."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

ATOM = {"a": "http://www.w3.org/2005/Atom"}
ANNOUNCED = re.compile(r"^Ny utgåva publicerad \d{1,2} \w+ \d{4}\.")


def test_every_edition_entry_says_what_the_edition_holds(built_site):
    entries = ElementTree.parse(built_site / "nytt-och-andrat.xml").getroot().findall("a:entry", ATOM)
    editions = [e.find("a:summary", ATOM).text for e in entries if ANNOUNCED.match(e.find("a:summary", ATOM).text or "")]
    assert editions, "the feed announces no edition"
    bare = [text for text in editions if not ANNOUNCED.sub("", text).strip()]
    assert not bare, bare
    assert all(".." not in text for text in editions), editions
