"""Withdrawal and correction as explicit acts: one entry in rattelser.yaml, committed by staff.
The withdrawn edition stays at its address, unchanged, with a notice and a link to what replaces
it; a corrected one gets a dated correction notice; a mistake in the file is refused in Swedish."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from macros.data.history import Repository
from macros.data.record import Record, append
from macros.formats import swedish
from macros.pages.record import read_notices

from .conftest import build, git, ok, published

SEPTEMBER = "astorp/utgavor/2022-09/"
WITHDRAWAL = """# Indragna och rättade utgåvor
- utgava: https://example.invalid/socialrapporter/astorp/utgavor/2022-09/
  typ: indragning
  datum: 2022-10-05
  anledning: Hushållen i september var dubbelräknade.
  ersatt_av: astorp/
- utgava: astorp/utgavor/2022-08/
  typ: rattelse
  datum: 2022-10-06
  anledning: Utbetalt i juli var 1 598 tkr, inte 1 589 tkr.
"""


def text(element) -> str:
    return " ".join(element.get_text(" ", strip=True).split())


@pytest.mark.slow
def test_withdrawal_and_correction_are_notices_on_the_editions_as_published(remote):
    before = published(remote.site)
    (remote.work / "rattelser.yaml").write_text(WITHDRAWAL, encoding="utf-8")
    remote.commit("Åstorp: september dras in, augusti rättas")
    remote.push()
    out = ok(remote.publish())
    assert published(remote.site) == before  # the articles, CSVs: byte for byte as published
    assert "[utgava-aterstalld]" not in out  # a withdrawal is not a revert
    september = BeautifulSoup((remote.site / SEPTEMBER / "index.html").read_text(encoding="utf-8"), "html.parser")
    notice = september.select_one(".edition-withdrawn")
    assert text(notice) == (
        "Utgåvan är indragen 5 oktober 2022 Hushållen i september var dubbelräknade. Utgåvan ligger kvar här som den "
        "publicerades, men ska inte användas. Det här ersätter den ."
    )
    assert notice.select_one("a")["href"] == "../../"
    august = BeautifulSoup((remote.site / "astorp/utgavor/2022-08/index.html").read_text(encoding="utf-8"), "html.parser")
    assert text(august.select_one(".edition-correction")) == "Rättelse 6 oktober 2022 Utbetalt i juli var 1 598 tkr, inte 1 589 tkr."
    # September is withdrawn: August is the newest edition that stands.
    assert text(august.select_one(".edition-newer")).startswith("Det här är den senaste utgåvan.")
    living = BeautifulSoup((remote.site / "astorp/index.html").read_text(encoding="utf-8"), "html.parser")
    assert [text(li) for li in living.select(".editions-list li")][:2] == [
        "september 2022 (indragen), publicerad 1 oktober 2022", "augusti 2022 (senaste), publicerad 1 oktober 2022",
    ]
    feed = (remote.site / "nytt-och-andrat.xml").read_text(encoding="utf-8")
    assert "Försörjningsstöd i Åstorp: september 2022 indragen" in feed
    assert "Hushållen i september var dubbelräknade." in feed
    listing = (remote.site / "nytt-och-andrat/index.html").read_text(encoding="utf-8")
    assert "Försörjningsstöd i Åstorp: augusti 2022 rättad" in listing


@pytest.mark.slow
def test_a_mistake_in_the_file_stops_the_build_in_swedish(remote):
    (remote.work / "rattelser.yaml").write_text(WITHDRAWAL.replace("typ: indragning", "typ: indrag"), encoding="utf-8")
    result = build(remote.work)
    assert result.returncode == 1
    assert (
        "rattelser.yaml:3:1: typ: indrag finns inte. Skriv typ: indragning (utgåvan dras in) eller typ: rattelse "
        "(en uppgift rättas). [rattelse-okand-typ]"
    ) in result.stderr
    assert "Traceback" not in result.stderr


def entry(date: str = "2022-10-05", more: str = "") -> str:
    return f"- utgava: astorp/utgavor/2022-09/\n  typ: indragning\n  datum: {date}\n  anledning: Fel.\n{more}"


TODAY = swedish.today().isoformat()  # the build's today is the Swedish day
ADDRESS = (  # adv17b F21: not a page address of this site
    "rattelser.yaml:5:1: ersatt_av: {} är ingen adress till en sida på webbplatsen. Skriv sidans adress efter "
    "webbplatsens adress, till exempel ersatt_av: astorp/utgavor/2022-08/ (eller "
    "https://example.invalid/socialrapporter/astorp/utgavor/2022-08/), eller ta bort raden så länkas rapportens löpande "
    "sida. [rattelse-ersatt-av-adress]"
)
ACTS = {  # adv17's faults in rattelser.yaml, each refused at its line
    "F18-framtid": (entry("2099-01-01"),
        f"rattelser.yaml:3:1: datum: 2099-01-01 ligger efter i dag ({TODAY}). En indragning eller rättelse gäller från "
        "den dag den skrivs in: skriv dagens datum (eller dagen då beslutet fattades). [rattelse-datum-framtid]"),
    "F25-fore-publicering": (entry("2022-09-30"),
        "rattelser.yaml:3:1: datum: 2022-09-30 är före utgåvans publicering (2022-10-01). En utgåva kan inte dras in "
        "eller rättas innan den publicerades: skriv dagens datum (eller dagen då beslutet fattades). "
        "[rattelse-datum-fore-publicering]"),
    "F20-indragen-tva-ganger": (entry() + entry("2022-10-07").replace("Fel.", "Fel igen."),
        "rattelser.yaml:5:1: utgava: astorp/utgavor/2022-09/ är redan indragen 5 oktober 2022 (rad 1). En utgåva dras "
        "in en gång och indragningen kan inte ångras. Vill du lägga till eller rätta något om indragningen, skriv en "
        "rättelse (typ: rattelse) för samma utgåva. [rattelse-dubbel-indragning]"),
    "F26-okand-ersattare": (entry(more="  ersatt_av: astorp/utgavor/2099-01/\n"),
        "rattelser.yaml:5:1: ersatt_av: astorp/utgavor/2099-01/ finns inte på webbplatsen. Skriv adressen till en utgåva "
        "(till exempel astorp/utgavor/2022-08/) eller till rapportens löpande sida, eller ta bort raden. "
        "[rattelse-okand-ersattare]"),
    "F21-javascript": (entry(more='  ersatt_av: "javascript:alert(1)//astorp/"\n'), ADDRESS.format("javascript:alert(1)//astorp/")),
    "F21-annan-webbplats": (entry(more="  ersatt_av: https://annan.example/socialrapporter/astorp/\n"),
        ADDRESS.format("https://annan.example/socialrapporter/astorp/")),
    "F27-ersatt-av-sig-sjalv": (entry(more="  ersatt_av: astorp/utgavor/2022-09/\n"),
        "rattelser.yaml:5:1: ersatt_av: astorp/utgavor/2022-09/ är utgåvan som dras in. Skriv adressen till det som "
        "ersätter den (en annan utgåva eller rapportens löpande sida), eller ta bort raden så länkas den löpande sidan. "
        "[rattelse-ersatt-av-sig-sjalv]"),
}


@pytest.mark.slow
@pytest.mark.parametrize("fault", ACTS)
def test_an_act_that_cannot_be_right_stops_the_build(remote, fault):
    """In the workflow's clone, with the record: the file as staff would commit it."""
    content, line = ACTS[fault]
    (remote.ci / "rattelser.yaml").write_text(content, encoding="utf-8")
    result = build(remote.ci)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert line in result.stderr


@pytest.mark.slow
def test_a_published_withdrawal_stays_when_its_line_is_reverted(remote):
    """F36b: once published, a withdrawal is part of the record (publicerat:rattelser/…); a revert of
    its line in rattelser.yaml does not un-withdraw, and the build says so. A correction of the
    withdrawn edition is how more is said about it."""
    (remote.work / "rattelser.yaml").write_text(entry(), encoding="utf-8")
    remote.commit("Åstorp: september dras in")
    remote.push()
    ok(remote.publish())
    kept = "rattelser/indragning-astorp-2022-09-2022-10-05.json"
    assert kept in git(remote.bare, "ls-tree", "-r", "--name-only", "publicerat").split()
    git(remote.work, "revert", "--no-edit", "HEAD")
    remote.push()
    out = ok(remote.publish())
    assert (
        f"publicerat:{kept}: notering: Försörjningsstöd i Åstorp: september 2022 indragen (5 oktober 2022) är publicerad "
        "men står inte längre i rattelser.yaml (till exempel efter git revert). Den ligger kvar på utgåvan, på Nytt och "
        "ändrat och i flödet: en publicerad indragning eller rättelse kan inte tas bort. Var den fel, skriv en ny "
        "rättelse (typ: rattelse) för samma utgåva som säger det. [rattelse-finns-kvar]"
    ) in out
    september = BeautifulSoup((remote.site / SEPTEMBER / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert text(september.select_one(".edition-withdrawn")).startswith("Utgåvan är indragen 5 oktober 2022 Fel.")
    assert "Försörjningsstöd i Åstorp: september 2022 indragen" in (remote.site / "nytt-och-andrat.xml").read_text(encoding="utf-8")
    (remote.work / "rattelser.yaml").write_text(
        "- utgava: astorp/utgavor/2022-09/\n  typ: rattelse\n  datum: 2022-10-08\n  anledning: Indragningen gällde bara hushållen.\n",
        encoding="utf-8",
    )
    remote.commit("Åstorp: rättelse av indragningen")
    remote.push()
    ok(remote.publish())
    listing = (remote.site / "nytt-och-andrat/index.html").read_text(encoding="utf-8")
    assert "Försörjningsstöd i Åstorp: september 2022 rättad" in listing and "september 2022 indragen" in listing


@pytest.mark.slow
def test_a_published_withdrawal_edited_later_stays_as_published(remote):
    """A published act's reason rewritten in rattelser.yaml: the edition and the feed keep what was
    published, and the build says how to say more."""
    (remote.work / "rattelser.yaml").write_text(entry(), encoding="utf-8")
    remote.commit("Åstorp: september dras in")
    remote.push()
    ok(remote.publish())
    (remote.work / "rattelser.yaml").write_text(entry().replace("Fel.", "Hushållen var dubbelräknade."), encoding="utf-8")
    remote.commit("Åstorp: bättre anledning")
    remote.push()
    out = ok(remote.publish())
    assert (
        "rattelser.yaml:4:1: notering: Försörjningsstöd i Åstorp: september 2022 indragen (5 oktober 2022) är publicerad "
        "med anledningen \"Fel.\" (arkivet: rattelser/indragning-astorp-2022-09-2022-10-05.json); ändringen av "
        "anledningen här publiceras inte. En publicerad indragning eller rättelse ändras inte: skriv en ny rättelse (typ: rattelse) för "
        "samma utgåva som säger det nya, och låt den publicerade posten stå kvar som den var. [rattelse-andrad]"
    ) in out
    september = BeautifulSoup((remote.site / SEPTEMBER / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert text(september.select_one(".edition-withdrawn")).startswith("Utgåvan är indragen 5 oktober 2022 Fel. ")
    assert "dubbelräknade" not in (remote.site / "nytt-och-andrat.xml").read_text(encoding="utf-8")


EDITIONS = {
    "astorp/utgavor/2022-08/": SimpleNamespace(
        report_url="astorp/", period=SimpleNamespace(name="augusti 2022", id="2022-08"), published="2022-10-01",
    ),
}


QUOTED_FIRST = "- utgava: astorp/utgavor/2022-08/\n  typ: rattelse\n  datum: 2022-10-06\n  anledning: \"Citat\" och 'enkla' och: kolon\n"


def notices(tmp_path: Path, content: bytes | str):
    path = tmp_path / "rattelser.yaml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return read_notices(tmp_path, EDITIONS, {"astorp/": "Åstorp"}, {"astorp/"})


@pytest.mark.parametrize(("content", "line"), [
    ("- utgava: astorp/utgavor/2022-08/\n  typ: rattelse\n  datum: 2022-10-06\n",
     "rattelser.yaml:1:1: Posten saknar fältet anledning. Varje post behöver utgava, typ (indragning eller rattelse), "
     "datum (ÅÅÅÅ-MM-DD) och anledning. [rattelse-falt-saknas]"),
    ("- utgava: astorp/utgavor/2022-08/\n  typ: rattelse\n  datum: 6 oktober\n  anledning: Fel summa.\n",
     "rattelser.yaml:3:1: datum: 6 oktober är inget datum. Skriv datumet som ÅÅÅÅ-MM-DD, till exempel datum: 2022-10-05. "
     "[rattelse-datum]"),
    ("- utgava: astorp/utgavor/2022-07/\n  typ: rattelse\n  datum: 2022-10-06\n  anledning: Fel summa.\n",
     "rattelser.yaml:1:1: utgava: astorp/utgavor/2022-07/ är ingen publicerad utgåva. Skriv adressen som den står i "
     "webbläsaren efter webbplatsens adress, till exempel astorp/utgavor/2022-08/. [rattelse-okand-utgava]"),
    ("- utgava: astorp/utgavor/2022-08/\n  typ: indragning\n  datum: 2022-10-06\n  anledning: Fel.\n  ersatt_av: astorp/utgavor/2022-10/\n",
     "rattelser.yaml:5:1: ersatt_av: astorp/utgavor/2022-10/ finns inte på webbplatsen. Skriv adressen till en utgåva "
     "(till exempel astorp/utgavor/2022-08/) eller till rapportens löpande sida, eller ta bort raden. [rattelse-okand-ersattare]"),
    ("utgava: astorp/utgavor/2022-08/\n",
     "rattelser.yaml:1:1: rattelser.yaml ska vara en lista: varje indragning eller rättelse börjar med ett bindestreck "
     "(\"- utgava: astorp/utgavor/2022-09/\"), följt av typ, datum och anledning på egna rader. [rattelser-inte-lista]"),
    # adv17d: as Notepad's "Unicode" saves it (UTF-16 LE with BOM): refused as a data file or schema would be.
    ("- utgava: astorp/utgavor/2022-08/\r\n  typ: rattelse\r\n".encode("utf-16"),
     "rattelser.yaml:1:1: Filen är sparad som UTF-16 (Unicode-text). Spara filen som UTF-8: i Anteckningar med Arkiv → "
     "Spara som → Kodning: UTF-8, i TextEdit genom att välja Unicode (UTF-8) som textkodning när du sparar, eller i "
     "GitHubs webbredigerare. [unicode-text]"),
    # adv17j: saved by an old Mac text editor (Mac OS Roman) was called "CSV (Macintosh)", an Excel format.
    ("- utgava: astorp/utgavor/2022-08/\r  typ: rattelse\r  datum: 2022-10-06\r  anledning: Fel antal hushåll.\r".encode("mac_roman"),
     'rattelser.yaml:4:28: Filen är inte sparad som UTF-8 eller Windows-1252 utan troligen som Mac-text, teckenkodning '
     'Mac OS Roman: "hushŒll." ska nog vara "hushåll.". Spara filen som UTF-8: i Anteckningar med Arkiv → Spara som → '
     "Kodning: UTF-8, i TextEdit genom att välja Unicode (UTF-8) som textkodning när du sparar, eller i GitHubs "
     "webbredigerare. [annan-teckenkodning]"),
    # adv17c: invisible characters (a zero-width space pasted, a bidi override as a YAML escape) and unknown keys
    # were accepted silently: the reason would be published with them for good, the key without effect.
    ("- utgava: astorp/utgavor/2022-08/\n  typ: rattelse\n  datum: 2022-10-06\n  anledning: Fel\u200b summa.\n",
     'rattelser.yaml:4:1: Texten "Fel\\u200b summa." (anledning i post 1) innehåller ett osynligt tecken '
     "(nollbreddsmellanslag, U+200B). Skriv texten igen utan det; skriv inga escape-koder som \\x0b, \\e eller "
     "\\u0085 inom citattecken. [osynligt-tecken-i-text]"),
    ('- utgava: astorp/utgavor/2022-08/\n  typ: rattelse\n  datum: 2022-10-06\n  anledning: "Fel \\u202esumma."\n',
     'rattelser.yaml:4:1: Texten "Fel \\u202esumma." (anledning i post 1) innehåller ett osynligt tecken '
     "(riktningstecken höger-till-vänster, U+202E). Skriv texten igen utan det; skriv inga escape-koder som \\x0b, "
     "\\e eller \\u0085 inom citattecken. [osynligt-tecken-i-text]"),
    ("- utgava: astorp/utgavor/2022-08/\n  typ: indragning\n  datum: 2022-10-06\n  anledning: Fel summa.\n  ersatt_a: astorp/\n",
     'rattelser.yaml:5:1: ersatt_a: astorp/ hör inte till en post i rattelser.yaml. Menar du "ersatt_av"? En post har '
     "nycklarna utgava, typ, datum, anledning och (valfritt) ersatt_av: rätta nyckelns namn eller ta bort raden. "
     "[rattelse-okand-nyckel]"),
    # adv17i UM2: a reason that starts with a quoted word was said as an indentation mistake (yaml-nyckel-saknas).
    (QUOTED_FIRST,
     "rattelser.yaml:4:14: YAML-filen går inte att läsa (rad 4, kolumn 14): anledning: \"Citat\" och 'enkla' och: kolon "
     "börjar med ett citattecken (\"), men texten fortsätter efter att citattecknet stängs. En text som börjar med ett "
     "citattecken ska stå inom citattecken i sin helhet: skriv anledning: '\"Citat\" och ''enkla'' och: kolon' (hela "
     "texten inom enkla citattecken, med varje ' i texten skrivet två gånger), eller låt texten börja utan "
     "citattecken. [yaml-text-efter-citat]"),
    (QUOTED_FIRST.replace("\"Citat\" och 'enkla' och: kolon", "\"Antal hushåll\" var fel."),
     "rattelser.yaml:4:14: YAML-filen går inte att läsa (rad 4, kolumn 14): anledning: \"Antal hushåll\" var fel. börjar "
     "med ett citattecken (\"), men texten fortsätter efter att citattecknet stängs. En text som börjar med ett "
     "citattecken ska stå inom citattecken i sin helhet: skriv anledning: '\"Antal hushåll\" var fel.' (hela texten "
     "inom enkla citattecken), eller låt texten börja utan citattecken. [yaml-text-efter-citat]"),
])
def test_each_mistake_in_rattelser_yaml_is_said_at_its_line(tmp_path, content, line):
    found, problems = notices(tmp_path, content)
    assert found == [] and [str(p) for p in problems] == [line]


def test_a_reason_that_starts_with_a_quote_reads_as_the_message_advises(tmp_path):
    """The fix the message gives (adv17i UM2), written in: the reason is the text as staff meant it."""
    fixed = QUOTED_FIRST.replace("\"Citat\" och 'enkla' och: kolon", "'\"Citat\" och ''enkla'' och: kolon'")
    (found,), problems = notices(tmp_path, fixed)
    assert problems == [] and found.reason == "\"Citat\" och 'enkla' och: kolon"


def test_an_empty_field_and_a_reason_too_long_are_said_at_their_line(tmp_path):
    """adv17d #9, #10: `anledning: ""` is there but empty; 24 000 characters would stay in the record for good."""
    empty = "- utgava: astorp/utgavor/2022-08/\n  typ: rattelse\n  datum: 2022-10-06\n  anledning: \"\"\n"
    assert [str(p) for p in notices(tmp_path, empty)[1]] == [
        "rattelser.yaml:4:1: anledning: står utan värde. Skriv anledningen som en mening efter kolonet på samma rad. "
        "[rattelse-falt-tomt]"]
    long = "- utgava: astorp/utgavor/2022-08/\n  typ: rattelse\n  datum: 2022-10-06\n  anledning: " + "Fel summa. " * 46 + "\n"
    found, problems = notices(tmp_path, long)
    assert found == [] and [str(p) for p in problems] == [
        "rattelser.yaml:4:1: anledning: är 505 tecken lång. Skriv anledningen kort, en eller ett par meningar (högst 500 "
        "tecken): den visas på utgåvan, på Nytt och ändrat och i flödet, och kan inte ändras när den är publicerad. "
        "[rattelse-anledning-lang]"]


def test_two_withdrawals_never_lead_to_each_other(tmp_path):
    """adv17d #3: 2022-10 withdrawn in favour of 2022-09, itself withdrawn in favour of 2022-10: a reader would go in
    a circle, for good (a withdrawal is never undone). Each link to a withdrawn edition is refused at its line."""
    editions = {**EDITIONS, "astorp/utgavor/2022-09/": SimpleNamespace(
        report_url="astorp/", period=SimpleNamespace(name="september 2022", id="2022-09"), published="2022-10-02")}
    content = ("- utgava: astorp/utgavor/2022-09/\n  typ: indragning\n  datum: 2022-10-06\n  anledning: Fel.\n"
               "  ersatt_av: astorp/utgavor/2022-08/\n"
               "- utgava: astorp/utgavor/2022-08/\n  typ: indragning\n  datum: 2022-10-06\n  anledning: Fel.\n"
               "  ersatt_av: astorp/utgavor/2022-09/\n")
    (tmp_path / "rattelser.yaml").write_text(content, encoding="utf-8")
    found, problems = read_notices(tmp_path, editions, {"astorp/": "Åstorp"}, {"astorp/"})
    assert found == [] and [str(p) for p in problems] == [
        f"rattelser.yaml:{line}:1: ersatt_av: astorp/utgavor/{period}/ är själv indragen (6 oktober 2022). Skriv adressen "
        "till en utgåva som inte är indragen eller till rapportens löpande sida, eller ta bort raden så länkas den "
        "löpande sidan. [rattelse-ersattare-indragen]" for line, period in ((5, "2022-08"), (10, "2022-09"))]
    alone = content.split("- utgava: astorp/utgavor/2022-08/")[0]  # one withdrawal, to an edition that stands: right
    (tmp_path / "rattelser.yaml").write_text(alone, encoding="utf-8")
    found, problems = read_notices(tmp_path, editions, {"astorp/": "Åstorp"}, {"astorp/"})
    assert problems == [] and [(n.edition_url, n.replaced_by) for n in found] == [("astorp/utgavor/2022-09/", "astorp/utgavor/2022-08/")]


@pytest.mark.parametrize("written", ["ASTORP/utgavor/2022-09/", "astorp-fsd/utgavor/2022-09/"])
def test_an_unknown_edition_is_answered_with_the_one_meant(tmp_path, written):
    """adv17d #6: the example named another edition (the report's first) where the entry plainly meant
    September: the same address in capitals, or September under the report's old address."""
    editions = {**EDITIONS, "astorp/utgavor/2022-09/": SimpleNamespace(
        report_url="astorp/", period=SimpleNamespace(name="september 2022", id="2022-09"), published="2022-10-02")}
    (tmp_path / "rattelser.yaml").write_text(
        f"- utgava: {written}\n  typ: rattelse\n  datum: 2022-10-06\n  anledning: Fel summa.\n", encoding="utf-8")
    found, problems = read_notices(tmp_path, editions, {"astorp/": "Åstorp"}, {"astorp/"})
    assert found == [] and [str(p) for p in problems] == [
        f"rattelser.yaml:1:1: utgava: {written} är ingen publicerad utgåva. Skriv adressen som den står i webbläsaren "
        "efter webbplatsens adress, till exempel astorp/utgavor/2022-09/. [rattelse-okand-utgava]"]


def test_a_correction_is_read_with_its_date_and_reason(tmp_path):
    found, problems = notices(tmp_path, "- utgava: astorp/utgavor/2022-08\n  typ: rättelse\n  datum: 2022-10-06\n  anledning: Fel  summa.\n")
    assert problems == []
    assert [(n.kind, n.edition_url, n.date, n.reason, n.title, n.replaced_by) for n in found] == [
        ("rattelse", "astorp/utgavor/2022-08/", "2022-10-06", "Fel summa.", "Åstorp: augusti 2022 rättad", None),
    ]


SAVED = "- utgava: astorp/utgavor/2022-08/\n  typ: rattelse\n  datum: 2022-10-06\n  anledning: Hushållen i augusti var dubbelräknade.\n"


@pytest.mark.parametrize("raw", [
    b"\xef\xbb\xbf" + SAVED.replace("\n", "\r\n").encode("utf-8"),  # Notepad's UTF-8 with BOM, Windows line endings
    SAVED.replace("\n", "\r\n").encode("cp1252"),  # Notepad's "ANSI" (Windows-1252) with å and ä
    SAVED.replace("\n", "\r").encode("utf-8"),  # a classic Mac's line endings (CR only)
    SAVED.replace("\n", "\r").encode("cp1252"),
], ids=["utf8-bom-crlf", "cp1252-crlf", "utf8-cr", "cp1252-cr"])
def test_rattelser_yaml_is_read_as_windows_and_mac_programs_save_it(tmp_path, raw):
    """adv17d: the encodings and line endings a data file may have (macros/data/reading.py) are read in rattelser.yaml
    too, the same way: the reason comes out with its å and ä."""
    found, problems = notices(tmp_path, raw)
    assert problems == []
    assert [(n.kind, n.edition_url, n.date, n.reason) for n in found] == [
        ("rattelse", "astorp/utgavor/2022-08/", "2022-10-06", "Hushållen i augusti var dubbelräknade."),
    ]


def test_a_local_record_that_went_its_own_way_gives_way_to_githubs(tmp_path):
    """Someone built with --record on their own machine after GitHub's record moved on: the build reads
    origin's (what is published) and says how to drop the local branch."""
    root = tmp_path / "projekt"
    root.mkdir()
    git(tmp_path, "init", "--quiet", "-b", "main", str(root))
    (root / "a.txt").write_text("a\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "start")
    repository = Repository(root)
    article = root / "x.csv"
    article.write_text("manad;hushall\n", encoding="utf-8")

    def edition(url: str):
        from macros.data.record import NewEdition

        meta = {"rapport": "astorp/", "sida": "astorp.md", "period": url.split("/")[-2], "periodnamn": "p", "titel": "t",
                "publicerad": "2022-10-01", "publicerad_tid": "2022-10-01T08:00:00+02:00", "incheckning": "0" * 40}
        return NewEdition(url, meta, b"<h1>t</h1>", {"x.csv": article})

    append(repository, Record(repository), [edition("astorp/utgavor/2022-08/")], "första")
    git(root, "update-ref", "refs/remotes/origin/publicerat", "refs/heads/publicerat")
    append(repository, Record(repository), [edition("astorp/utgavor/2022-09/")], "lokal")
    git(root, "branch", "-f", "lokal", "publicerat")
    git(root, "update-ref", "refs/heads/publicerat", "refs/remotes/origin/publicerat")
    append(repository, Record(repository), [edition("astorp/utgavor/2022-10/")], "github")
    git(root, "update-ref", "refs/remotes/origin/publicerat", "refs/heads/publicerat")
    git(root, "update-ref", "refs/heads/publicerat", "refs/heads/lokal")
    record = Record(repository)
    assert sorted(record.editions) == ["astorp/utgavor/2022-08/", "astorp/utgavor/2022-10/"]
    assert [str(p) for p in record.problems] == [
        "publicerat: notering: Den lokala grenen publicerat och origin/publicerat har gått isär; bygget läser "
        "origin/publicerat, som är det som är publicerat. Ta bort den lokala grenen med git branch -D publicerat om du "
        "inte behöver den (bygget med --record lägger inte till något förrän du har gjort det). [arkivet-isargatt]"
    ]
    repository.close()


def record_at(address: str):
    return SimpleNamespace(record=SimpleNamespace(editions={"astorp/utgavor/2022-08/": SimpleNamespace(address=address)}))


def test_a_record_of_another_address_is_not_added_to_and_never_advised_deleted(tmp_path):
    """A record published at another address is not added to, at mkdocs.yml's site_url line; the
    message says how to keep it (a move, or the address written back), never to delete the branch
    (adv17b faults 47, 101, 102)."""
    from macros.pages.publish import record_problems
    from macros.pages.site_config import project_config

    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Socialrapporter\n# adressen\nsite_url: https://socialrapporter.astorp.se/\n", encoding="utf-8")
    old = "https://example.invalid/socialrapporter/"
    assert record_problems(record_at(old), "https://socialrapporter.astorp.se/", [], config) == [
        "mkdocs.yml:3:11: site_url: Grenen publicerat innehåller utgåvor som publicerades på "
        "https://example.invalid/socialrapporter/, men site_url i mkdocs.yml är https://socialrapporter.astorp.se/. "
        "Registret är det som har publicerats och ska finnas kvar: ta inte bort grenen. Har webbplatsen flyttat (till "
        "exempel till en egen domän), skriv den gamla adressen under extra i mkdocs.yml, tidigare_adresser: "
        '["https://example.invalid/socialrapporter/"], så blir flytten en del av webbplatsens historik och utgåvorna '
        "publiceras på den nya adressen. Ändrades site_url av misstag, skriv tillbaka "
        "https://example.invalid/socialrapporter/. Är registret en annan webbplats (till exempel mallen ni utgick "
        "från), kontakta den som förvaltar webbplatsen innan ni publicerar. [arkivet-annan-webbplats]"
    ]
    assert "--delete" not in record_problems(record_at(old), "https://socialrapporter.astorp.se/")[0]
    # The same address written another way is the same site (faults 101, 102).
    for same in (old, "https://example.invalid/socialrapporter", "HTTPS://Example.invalid/socialrapporter/",
                 "https://EXAMPLE.INVALID/socialrapporter", "https://example.invalid/socialrapporter/index.html"):
        assert record_problems(record_at(old), same) == [], same
        assert record_problems(record_at(same), old) == [], same
    assert record_problems(record_at(old), "https://example.invalid/Socialrapporter/") != []  # a path is case-sensitive
    # A move (fault 47): the earlier address written under extra.tidigare_adresser keeps the record.
    config.write_text(config.read_text(encoding="utf-8") + "extra:\n  tidigare_adresser:\n    - https://example.invalid/socialrapporter\n",
                      encoding="utf-8")
    earlier = project_config(config)["earlier_addresses"]
    assert earlier == ["https://example.invalid/socialrapporter"]
    assert record_problems(record_at(old), "https://socialrapporter.astorp.se/", earlier, config) == []
