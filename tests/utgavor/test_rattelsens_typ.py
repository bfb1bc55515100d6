"""A published act's line edited in its type or date (adv17i PW9): `typ: indragning` → `typ: rattelse`, nothing
else, published a second act with the same reason (the edition showed both "Utgåvan är indragen" and a new
"Rättelse", and Nytt och ändrat and the feed listed both). The line is still the published act: it stays as
published, nothing new is published, and the build says so at the line, with the published type and date and how to
write a new act."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from macros.pages.record import read_notices

from .conftest import ok

SEPTEMBER = "astorp/utgavor/2022-09/"
WITHDRAWAL = "- utgava: astorp/utgavor/2022-09/\n  typ: indragning\n  datum: 2022-10-05\n  anledning: Hushållen var dubbelräknade.\n"
SAID = (
    "rattelser.yaml:{line}:1: notering: Posten för astorp/utgavor/2022-09/ med anledningen \"Hushållen var "
    "dubbelräknade.\" är publicerad som indragning 5 oktober 2022 (Försörjningsstöd i Åstorp: september 2022 indragen); "
    "här står den som typ: {kind}, datum: {date}. En publicerad indragning eller rättelse ändras inte, inte heller dess "
    "typ eller datum: den ligger kvar som den publicerades och ändringen publiceras inte. Skriv tillbaka typ: indragning "
    "och datum: 2022-10-05 på posten. Är det en ny indragning eller rättelse, skriv den som en ny post (en egen rad "
    "- utgava: med typ, datum och en egen anledning) och låt den publicerade stå kvar. [rattelse-typ-andrad]"
)


def text(element) -> str:
    return " ".join(element.get_text(" ", strip=True).split())


@pytest.mark.slow
@pytest.mark.parametrize(("old", "new", "line", "kind", "date"), [
    ("typ: indragning", "typ: rattelse", 2, "rattelse", "2022-10-05"),  # PW9 as found
    ("datum: 2022-10-05", "datum: 2022-10-06", 3, "indragning", "2022-10-06"),
    # adv17j F9: the day before September was published, refused as rattelse-datum-fore-publicering before
    ("datum: 2022-10-05", "datum: 2022-09-30", 3, "indragning", "2022-09-30"),
])
def test_a_published_acts_type_or_date_edited_is_still_that_act(remote, old, new, line, kind, date):
    (remote.work / "rattelser.yaml").write_text(WITHDRAWAL, encoding="utf-8")
    remote.commit("Åstorp: september dras in")
    remote.push()
    ok(remote.publish())
    feed_before = (remote.site / "nytt-och-andrat.xml").read_text(encoding="utf-8")
    (remote.work / "rattelser.yaml").write_text(WITHDRAWAL.replace(old, new), encoding="utf-8")
    remote.commit("Åstorp: posten ändrad")
    remote.push()
    out = ok(remote.publish())
    assert SAID.format(line=line, kind=kind, date=date) in out, out[-3000:]
    assert "[rattelse-finns-kvar]" not in out and "[rattelse-dubbel-indragning]" not in out
    assert "[rattelse-datum-fore-publicering]" not in out
    september = BeautifulSoup((remote.site / SEPTEMBER / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert text(september.select_one(".edition-withdrawn")).startswith("Utgåvan är indragen 5 oktober 2022 Hushållen var")
    assert september.select_one(".edition-correction") is None
    assert (remote.site / "nytt-och-andrat.xml").read_text(encoding="utf-8").count("<entry>") == feed_before.count("<entry>")
    listing = (remote.site / "nytt-och-andrat/index.html").read_text(encoding="utf-8")
    assert "september 2022 rättad" not in listing and listing.count("september 2022 indragen") == 1


CORRECTION = "- utgava: astorp/utgavor/2022-09/\n  typ: rattelse\n  datum: 2022-10-05\n  anledning: Hushållen var dubbelräknade.\n"
MOVED = (
    "rattelser.yaml:1:1: notering: utgava: astorp/utgavor/2022-08/: posten med anledningen \"Hushållen var "
    "dubbelräknade.\" är publicerad som rättelse 5 oktober 2022 av astorp/utgavor/2022-09/ (Försörjningsstöd i "
    "Åstorp: september 2022 rättad). En publicerad indragning eller rättelse flyttas aldrig till en annan utgåva: den "
    "ligger kvar på astorp/utgavor/2022-09/ som den publicerades och ingenting publiceras för astorp/utgavor/2022-08/. "
    "Skriv tillbaka utgava: astorp/utgavor/2022-09/ på posten. Ska astorp/utgavor/2022-08/ också dras in eller rättas, "
    "skriv en ny post för den (en egen rad - utgava: astorp/utgavor/2022-08/ med typ, datum och en egen anledning som "
    "säger vad som var fel i den utgåvan) och låt den publicerade stå kvar. [rattelse-utgava-flyttad]"
)


@pytest.mark.slow
def test_a_published_acts_edition_changed_is_still_that_act(remote):
    """adv17j F10: a published correction's utgava: 2022-09 → 2022-08, same type, date and reason, published a new,
    permanent correction of August with September's reason, and said only rattelse-finns-kvar."""
    (remote.work / "rattelser.yaml").write_text(CORRECTION, encoding="utf-8")
    remote.commit("Åstorp: september rättas")
    remote.push()
    assert "0 PDF utskrivna, 1 rättelse nya i arkivet (" in ok(remote.publish())  # adv17j: "0 nya i arkivet"
    feed_before = (remote.site / "nytt-och-andrat.xml").read_text(encoding="utf-8")
    (remote.work / "rattelser.yaml").write_text(CORRECTION.replace("2022-09/", "2022-08/"), encoding="utf-8")
    remote.commit("Åstorp: adressen ändrad")
    remote.push()
    out = ok(remote.publish())
    assert MOVED in out, out[-3000:]
    assert "[rattelse-finns-kvar]" not in out
    august = BeautifulSoup((remote.site / "astorp/utgavor/2022-08/index.html").read_text(encoding="utf-8"), "html.parser")
    assert august.select_one(".edition-correction") is None
    september = BeautifulSoup((remote.site / SEPTEMBER / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "Hushållen var dubbelräknade." in text(september.select_one(".edition-correction"))
    assert (remote.site / "nytt-och-andrat.xml").read_text(encoding="utf-8").count("<entry>") == feed_before.count("<entry>")
    listing = (remote.site / "nytt-och-andrat/index.html").read_text(encoding="utf-8")
    assert "augusti 2022 rättad" not in listing and listing.count("september 2022 rättad") == 1


EDITIONS = {
    SEPTEMBER: SimpleNamespace(
        report_url="astorp/", period=SimpleNamespace(name="september 2022", id="2022-09"), published="2022-10-01",
    ),
}
ADDRESSES = ("https://example.invalid/socialrapporter/", "https://gammal.example.invalid/rapporter/")


def acts(tmp_path: Path, content: str, recorded: dict | None = None):
    (tmp_path / "rattelser.yaml").write_text(content, encoding="utf-8")
    return read_notices(tmp_path, EDITIONS, {"astorp/": "Försörjningsstöd i Åstorp"}, {"astorp/"}, recorded, addresses=ADDRESSES)


@pytest.mark.parametrize("written", [
    "astorp/utgavor/2022-09", "/astorp/utgavor/2022-09/index.html", "https://example.invalid/socialrapporter/astorp/utgavor/2022-09/",
    "HTTPS://EXAMPLE.INVALID/socialrapporter/astorp/utgavor/2022-09/", "https://gammal.example.invalid/rapporter/astorp/utgavor/2022-09/",
])
@pytest.mark.parametrize("typ", ["indragning", "rattelse"])
def test_a_published_acts_edition_written_another_way_is_the_same_act(tmp_path, written, typ):
    """The edition's address written another way (no slash, index.html, the full address, the site's earlier
    address), with or without the type changed too: the published act, and nothing new."""
    (published,), problems = acts(tmp_path, WITHDRAWAL)
    assert problems == []
    recorded = {published.anchor: {**vars(published), "published_at": None}}
    content = WITHDRAWAL.replace("astorp/utgavor/2022-09/", written).replace("typ: indragning", f"typ: {typ}")
    notices, problems = acts(tmp_path, content, recorded)
    assert notices == [published]
    assert [p.code for p in problems] == ([] if typ == "indragning" else ["rattelse-typ-andrad"])


def test_a_published_acts_replacement_edited_is_said_at_its_line(tmp_path):
    """adv17j (minor wording): an edited published act was said at publicerat:rattelser/<anchor>.json, not at the line
    staff edited; the record's file is named in the text."""
    (published,), _problems = acts(tmp_path, WITHDRAWAL)
    recorded = {published.anchor: {**vars(published), "published_at": None}}
    (tmp_path / "rattelser.yaml").write_text(WITHDRAWAL + "  ersatt_av: data/\n", encoding="utf-8")
    notices, problems = read_notices(tmp_path, EDITIONS, {"astorp/": "Försörjningsstöd i Åstorp"}, {"astorp/", "data/"}, recorded, addresses=ADDRESSES)
    assert notices == [published]
    assert [str(p) for p in problems] == [
        "rattelser.yaml:5:1: notering: Försörjningsstöd i Åstorp: september 2022 indragen (5 oktober 2022) är publicerad "
        "med anledningen \"Hushållen var dubbelräknade.\" (arkivet: rattelser/indragning-astorp-2022-09-2022-10-05.json); "
        "ändringen av ersatt_av här publiceras inte. En publicerad indragning eller rättelse ändras inte: skriv en ny "
        "rättelse (typ: rattelse) för samma utgåva som säger det nya, och låt den publicerade posten stå kvar som den var. "
        "[rattelse-andrad]"
    ]


def test_the_summary_counts_what_it_added_to_the_record():
    """adv17j: the build's summary said "0 nya i arkivet" when it had just recorded a correction or revision."""
    from macros.pages.publish import Published

    said = str(Published(editions=3, recorded=1, acts_recorded=(0, 1, 2)))
    assert said.startswith("Utgåvor: 3 publicerade, 0 nyrenderade, 0 PDF utskrivna, 1 utgåva, 1 rättelse och 2 ändrade "
                           "uppgifter nya i arkivet (")
    assert ", 2 nya i arkivet (" in str(Published(editions=3, recorded=2))
