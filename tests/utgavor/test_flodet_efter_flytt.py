"""An Atom entry's id never changes (RFC 4287 §4.2.6), also when the site moves to another address (`site_url`
changed, the old one under `extra.tidigare_adresser`: adv17i PW7): a feed reader would otherwise announce every
edition and act again as new. An edition's id is the address it was first published at, the feed's and an act's are
on the site's first address; the links go to the new address."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from .conftest import SEPTEMBER_WITHDRAWN, ok

pytestmark = pytest.mark.slow

ATOM = "{http://www.w3.org/2005/Atom}"
OLD, NEW = "https://example.invalid/socialrapporter/", "https://ny.example.se/socialrapporter/"


def feed(site) -> tuple[str, dict[str, tuple[str, str]]]:
    """The feed's id, and each entry's title → (id, link)."""
    root = ET.fromstring((site / "nytt-och-andrat.xml").read_bytes())
    return root.find(f"{ATOM}id").text, {
        e.find(f"{ATOM}title").text: (e.find(f"{ATOM}id").text, e.find(f"{ATOM}link").get("href"))
        for e in root.findall(f"{ATOM}entry")
    }


def test_a_move_keeps_every_feed_id_and_moves_only_the_links(remote):
    (remote.work / "rattelser.yaml").write_text(SEPTEMBER_WITHDRAWN, encoding="utf-8")
    remote.commit("Åstorp: september indragen")
    remote.push()
    ok(remote.publish())
    feed_id, before = feed(remote.site)
    assert feed_id == f"{OLD}nytt-och-andrat/"
    assert before["Försörjningsstöd i Åstorp: september 2022"] == (f"{OLD}astorp/utgavor/2022-09/",) * 2
    config = remote.work / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(f"site_url: {OLD}", f"site_url: {NEW}")
    config.write_text(text.replace("\nextra:\n", f"\nextra:\n  tidigare_adresser:\n    - {OLD}\n", 1), encoding="utf-8")
    remote.add_month("2022-10")
    remote.push()
    ok(remote.publish())
    feed_id, after = feed(remote.site)
    assert feed_id == f"{OLD}nytt-och-andrat/"
    for title, (entry_id, link) in before.items():
        assert after[title] == (entry_id, link.replace(OLD, NEW)), title
    assert after["Försörjningsstöd i Åstorp: oktober 2022"] == (f"{NEW}astorp/utgavor/2022-10/",) * 2
    assert after["Försörjningsstöd i Åstorp: augusti 2022"] == (f"{OLD}astorp/utgavor/2022-08/", f"{NEW}astorp/utgavor/2022-08/")
