"""Withdrawals and corrections of published editions: explicit, dated acts with a reason.

Staff write them in `rattelser.yaml` at the project root, one entry per act, in one
small commit (the GitHub web editor is enough):

    - utgava: astorp/utgavor/2022-09/
      typ: indragning            # or: rattelse
      datum: 2022-10-05
      anledning: Hushållen i september var dubbelräknade.
      ersatt_av: astorp/utgavor/2022-10/   # optional; a withdrawal points to the living page otherwise

The edition stays at its address, unchanged, with the notice above its article; "Nytt och
ändrat" and the feed list the act (`record_notices`). A revert on main is not a withdrawal:
the build says so (`REVERTED`) and how to withdraw.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit
from pathlib import Path

from ..data import reading, yamlfile
from ..data.cache import read_json, write_json
from ..data.history import HistoryError
from ..data.messages import Message
from ..data.problems import Problem, printable
from ..data.record import NOTICE_MOMENT, NOTICES, REVISIONS
from ..formats import swedish
from ..render import leaks
from ..render.html import slug
from . import shown_figures

CORRECTIONS_FILE = "rattelser.yaml"
KINDS = {"indragning": "indragen", "rattelse": "rättad"}  # typ → the word a title uses

CORRECTION_NOT_A_LIST = Message(
    "rattelser-inte-lista",
    "rattelser.yaml ska vara en lista: varje indragning eller rättelse börjar med ett bindestreck "
    "(\"- utgava: astorp/utgavor/2022-09/\"), följt av typ, datum och anledning på egna rader.",
    "Filen med indragningar och rättelser ska vara en lista med en post per åtgärd.",
)
CORRECTION_FIELD = Message(
    "rattelse-falt-saknas",
    "Posten saknar fältet {field}. Varje post behöver utgava, typ (indragning eller rattelse), "
    "datum (ÅÅÅÅ-MM-DD) och anledning.",
    "En indragning eller rättelse behöver utgåvans adress, typ, datum och en anledning på svenska.",
)
CORRECTION_FIELD_EMPTY = Message(
    "rattelse-falt-tomt",
    "{field}: står utan värde. Skriv {what} efter kolonet på samma rad.",
    "Varje fält i en post i rattelser.yaml behöver ett värde efter kolonet; ett tomt fält är ett fält som saknas.",
)
CORRECTION_REASON_LONG = Message(
    "rattelse-anledning-lang",
    "anledning: är {length} tecken lång. Skriv anledningen kort, en eller ett par meningar (högst {limit} tecken): den "
    "visas på utgåvan, på Nytt och ändrat och i flödet, och kan inte ändras när den är publicerad.",
    "Anledningen till en indragning eller rättelse är en kort text som läsaren ser överst på utgåvan.",
)
CORRECTION_WITHDRAWN_REPLACEMENT = Message(
    "rattelse-ersattare-indragen",
    "ersatt_av: {value} är själv indragen ({date}). Skriv adressen till en utgåva som inte är indragen eller till "
    "rapportens löpande sida, eller ta bort raden så länkas den löpande sidan.",
    "En indragen utgåva länkar till det som ersätter den; det kan inte vara en annan indragen utgåva (två indragna "
    "utgåvor som pekar på varandra lämnar läsaren utan de rätta siffrorna, för alltid).",
)
REASON_LIMIT = 500  # characters: a notice a reader takes in at a glance, above the report
FIELD_WHAT = {
    "utgava": "utgåvans adress (till exempel astorp/utgavor/2022-09/)", "typ": "indragning eller rattelse",
    "datum": "datumet som ÅÅÅÅ-MM-DD", "anledning": "anledningen som en mening",
}
CORRECTION_KIND = Message(
    "rattelse-okand-typ",
    "typ: {value} finns inte. Skriv typ: indragning (utgåvan dras in) eller typ: rattelse (en uppgift rättas).",
    "Typen av åtgärd är antingen indragning eller rattelse.",
)
CORRECTION_DATE = Message(
    "rattelse-datum",
    "datum: {value} är inget datum. Skriv datumet som ÅÅÅÅ-MM-DD, till exempel datum: 2022-10-05.",
    "Datumet för en indragning eller rättelse skrivs ÅÅÅÅ-MM-DD.",
)
CORRECTION_EDITION = Message(
    "rattelse-okand-utgava",
    "utgava: {value} är ingen publicerad utgåva. Skriv adressen som den står i webbläsaren efter "
    "webbplatsens adress, till exempel {example}.",
    "Bara en publicerad utgåva kan dras in eller rättas; adressen är rapportens, utgavor/ och perioden.",
)
CORRECTION_REPLACEMENT = Message(
    "rattelse-okand-ersattare",
    "ersatt_av: {value} finns inte på webbplatsen. Skriv adressen till en utgåva (till exempel {example}) "
    "eller till rapportens löpande sida, eller ta bort raden.",
    "Det som ersätter en indragen utgåva ska vara en utgåva eller en rapportsida på webbplatsen.",
)
CORRECTION_REASON_TEXT = Message(
    "rattelse-anledning-text",
    "anledning: {value} är ingen text. Skriv anledningen som en mening efter kolonet, utan hakparenteser eller "
    "egna rader med bindestreck, till exempel anledning: Hushållen i september var dubbelräknade.",
    "Anledningen till en indragning eller rättelse är en mening text, inte en lista.",
)
CORRECTION_REASON_SYNTAX = Message(
    "rattelse-anledning-syntax",
    "anledning: «{snippet}» innehåller {what}. Anledningen visas som den står, tecken för tecken, på utgåvan, på Nytt "
    "och ändrat och i flödet, och kan inte ändras när den är publicerad: skriv den som vanlig text utan {{{{ }}}}, "
    "{{% %}}, *, `, [ ](…) och liknande tecken.",
    "Anledningen till en indragning eller rättelse är vanlig text. Mall- eller Markdown-tecken skulle synas för "
    "läsaren och stå kvar för alltid.",
)
CORRECTION_FUTURE = Message(
    "rattelse-datum-framtid",
    "datum: {value} ligger efter i dag ({today}). En indragning eller rättelse gäller från den dag den skrivs in: "
    "skriv dagens datum (eller dagen då beslutet fattades).",
    "En indragning eller rättelse kan inte dateras i framtiden: den publiceras när bygget går.",
)
CORRECTION_BEFORE = Message(
    "rattelse-datum-fore-publicering",
    "datum: {value} är före utgåvans publicering ({published}). En utgåva kan inte dras in eller rättas innan den "
    "publicerades: skriv dagens datum (eller dagen då beslutet fattades).",
    "Datumet för en indragning eller rättelse är publiceringsdagen eller senare.",
)
CORRECTION_ADDRESS = Message(
    "rattelse-ersatt-av-adress",
    "ersatt_av: {value} är ingen adress till en sida på webbplatsen. Skriv sidans adress efter webbplatsens adress, "
    "till exempel ersatt_av: {example}{full}, eller ta bort raden så länkas rapportens löpande sida.",
    "Det som ersätter en indragen utgåva är en sida på den här webbplatsen: en adress som astorp/utgavor/2022-10/ "
    "eller hela adressen med webbplatsens site_url först. Andra webbplatser, javascript: och liknande vägras.",
)
CORRECTION_TWICE = Message(
    "rattelse-dubbel-indragning",
    "utgava: {value} är redan indragen {date} ({where}). En utgåva dras in en gång och indragningen kan inte ångras. "
    "Vill du lägga till eller rätta något om indragningen, skriv en rättelse (typ: rattelse) för samma utgåva.",
    "Samma utgåva kan bara dras in en gång. En rättelse för den indragna utgåvan kan säga mer.",
)
CORRECTION_DUPLICATE = Message(
    "rattelse-dubblett",
    "Posten för utgava: {value} ({kind}, {date}) står två gånger: på rad {first} och här, med samma anledning. Varje "
    "indragning och rättelse skrivs en gång: ta bort den här posten (raderna från - utgava: till nästa post).",
    "Samma indragning eller rättelse står två gånger i rattelser.yaml, oftast efter en kopiering. Den publiceras en "
    "gång; ta bort den andra posten så att filen säger det som publiceras.",
)
CORRECTION_SELF = Message(
    "rattelse-ersatt-av-sig-sjalv",
    "ersatt_av: {value} är utgåvan som dras in. Skriv adressen till det som ersätter den (en annan utgåva eller "
    "rapportens löpande sida), eller ta bort raden så länkas den löpande sidan.",
    "En indragen utgåva kan inte ersättas av sig själv.",
)
CORRECTION_KEPT = Message(
    "rattelse-finns-kvar",
    "{title} ({date}) är publicerad men står inte längre i rattelser.yaml (till exempel efter git revert). Den ligger "
    "kvar på utgåvan, på Nytt och ändrat och i flödet: en publicerad indragning eller rättelse kan inte tas bort. Var "
    "den fel, skriv en ny rättelse (typ: rattelse) för samma utgåva som säger det.",
    "En publicerad indragning eller rättelse hör till arkivet och ligger kvar även om raden försvinner ur rattelser.yaml.",
)
CORRECTION_CHANGED = Message(
    "rattelse-andrad",
    "{title} ({date}) är publicerad med anledningen \"{reason}\" (arkivet: rattelser/{anchor}.json); ändringen av "
    "{what} här publiceras inte. "
    "En publicerad indragning eller rättelse ändras inte: skriv en ny rättelse (typ: rattelse) för samma utgåva som "
    "säger det nya, och låt den publicerade posten stå kvar som den var.",
    "En publicerad indragning eller rättelse hör till arkivet och visas som den publicerades, även om posten ändras.",
)
CORRECTION_EDITED = Message(
    "rattelse-typ-andrad",
    "Posten för {edition} med anledningen \"{reason}\" är publicerad som {published} {date_text} ({title}); här står "
    "den som typ: {kind}, datum: {date}. En publicerad indragning eller rättelse ändras inte, inte heller dess typ eller "
    "datum: den ligger kvar som den publicerades och ändringen publiceras inte. Skriv tillbaka typ: {was_kind} och "
    "datum: {was_date} på posten. Är det en ny indragning eller rättelse, skriv den som en ny post (en egen rad "
    "- utgava: med typ, datum och en egen anledning) och låt den publicerade stå kvar.",
    "En publicerad indragning eller rättelse har fått en annan typ eller ett annat datum i rattelser.yaml. Posten är "
    "fortfarande den publicerade åtgärden (samma utgåva och anledning), så den visas som den publicerades och ingen ny "
    "åtgärd publiceras; en ny åtgärd skrivs som en egen post.",
)
CORRECTION_MOVED = Message(
    "rattelse-utgava-flyttad",
    "utgava: {value}: posten med anledningen \"{reason}\" är publicerad som {published} {date_text} av {edition} "
    "({title}). En publicerad indragning eller rättelse flyttas aldrig till en annan utgåva: den ligger kvar på "
    "{edition} som den publicerades och ingenting publiceras för {value}. Skriv tillbaka utgava: {edition} på "
    "posten. Ska {value} också dras in eller rättas, skriv en ny post för den (en egen rad - utgava: {value} med typ, "
    "datum och en egen anledning som säger vad som var fel i den utgåvan) och låt den publicerade stå kvar.",
    "En publicerad indragning eller rättelse har fått en annan utgåva i rattelser.yaml (samma typ, datum och "
    "anledning). Den är fortfarande den publicerade åtgärden på den utgåva den publicerades för; en åtgärd för en "
    "annan utgåva skrivs som en ny post med en egen anledning.",
)
# Words staff write for a key that no spelling distance finds (`orsak` is not like `anledning`): the key meant.
KEYS_MEANT = {
    "orsak": "anledning", "skal": "anledning", "skäl": "anledning", "motivering": "anledning", "reason": "anledning",
    "kommentar": "anledning", "beskrivning": "anledning", "date": "datum", "dag": "datum", "type": "typ", "sort": "typ",
    "edition": "utgava", "adress": "utgava", "ersatts_av": "ersatt_av", "ersätts_av": "ersatt_av", "ersattning": "ersatt_av",
    "ersättning": "ersatt_av", "replaced_by": "ersatt_av", "ny_utgava": "ersatt_av", "ny_utgåva": "ersatt_av",
}
CORRECTION_UNKNOWN_KEY = Message(
    "rattelse-okand-nyckel",
    "{key}: {value} hör inte till en post i rattelser.yaml.{hint} En post har nycklarna utgava, typ, datum, anledning "
    "och (valfritt) ersatt_av: rätta nyckelns namn eller ta bort raden.",
    "En post i rattelser.yaml har en nyckel som webbplatsen inte känner till (ofta ett stavfel, som ersatt_a eller "
    "orsak). Den skulle annars tyst lämnas utan verkan. Nycklarna står i macros/pages/rattelser.schema.json.",
)
REVERTED = Message(
    "utgava-aterstalld",
    "Utgåvan {period} av {report} är publicerad men finns inte längre som senaste period i main "
    "(till exempel efter git revert, force-push eller en sammanslagning från en gammal gren). Den ligger "
    "kvar på {url}, oförändrad: en återställning i git drar inte in en utgåva. Vill ni dra in den, skriv "
    "in den i rattelser.yaml med typ: indragning, datum och anledning (se CONTRIBUTING.md).",
    "En publicerad utgåva försvann ur main:s historik. Den ligger kvar; dra in den uttryckligen i rattelser.yaml om den var fel.",
)
NO_PERIOD = Message(
    "utgava-sida-utan-period",
    "Sidan säger ingen period i main (raden manadsserie: eller rapportperiod: saknas i sidhuvudet), så ingen ny utgåva "
    "av {report} publiceras förrän den gör det. Det som är publicerat ligger kvar, oförändrat: {kept} (den senaste är "
    "{url}). Var det inte meningen, skriv tillbaka raden i sidhuvudet (se CONTRIBUTING.md) så publiceras nästa utgåva.",
    "En rapportsida utan period (manadsserie eller rapportperiod) får inga nya utgåvor. De publicerade ligger kvar; "
    "det är ingen återställning i git.",
)
PERIOD_GONE = Message(
    "utgava-period-finns-inte",
    "Utgåvan {period} av {report} ({url}) är publicerad, men {period} finns inte längre i rapportens data: den "
    "senaste perioden är nu {current} (till exempel efter att ett felskrivet år rättades). Utgåvan ligger kvar, "
    "oförändrad, och säger inte att {current} är nyare. Publicerades den av misstag, dra in den i rattelser.yaml: "
    "utgava: {url}, typ: indragning, datum (dagens, ÅÅÅÅ-MM-DD), anledning (till exempel: Perioden var felskriven, "
    "rätt period är {current}.) och ersatt_av: {current_url} (se CONTRIBUTING.md).",
    "En publicerad utgåva gäller en senare period än den senaste som finns i data nu, oftast ett felskrivet år som "
    "har rättats. Utgåvan ligger kvar; dra in den uttryckligen i rattelser.yaml om den publicerades av misstag.",
)
REPORT_GONE = Message(
    "rapport-borta",
    "Rapporten {report} finns inte längre i webbplatsens meny (nav i mkdocs.yml), men {editions} "
    "({url}{more}). Har sidan bytt namn, är det rätt; de gamla adresserna fortsätter att fungera.",
    "En rapport med publicerade utgåvor har tagits bort eller bytt namn. Utgåvorna ligger kvar.",
)
REPORT_RETURNED = Message(
    "rapport-tillbaka",
    "Rapporten {report} finns inte längre i webbplatsens meny (nav i mkdocs.yml): main har gått tillbaka till före "
    "sidbytet som gav den adressen (till exempel med git reset och force-push), så rapporten fortsätter som {living} "
    "igen. {editions} ({url}{more}), och {living} listar {them}. Var det inte meningen att ångra sidbytet, gör om det "
    "(git mv och nav i mkdocs.yml).",
    "Ett sidbyte har ångrats i main (en force-push tillbaka till före det). Rapporten fortsätter på sin förra "
    "adress; utgåvorna på den nya adressen ligger kvar och listas där.",
)
SAME_PERIOD = Message(
    "utgava-samma-period",
    "{report} har redan en publicerad utgåva för {period} ({url}); perioden publiceras inte en gång till "
    "under {other}.",
    "Sidans period skrivs nu på ett annat sätt (till exempel rapportperiod i stället för manadsserie). "
    "Samma period publiceras bara en gång.",
)
SKIPPED = Message(
    "utgava-hoppas-over",
    "Den historiska versionen av {report} för {period} (incheckning {commit} den {date}) publiceras inte: "
    "{reason}. Den publicerade webbplatsen påverkas inte; rätta i data eller på sidan så publiceras "
    "perioden i nästa bygge om den fortfarande är aktuell.",
    "En äldre version i git-historiken går inte att visa (den var fel och rättades senare, eller sidan "
    "saknade period). Bygget hoppar över den och publicerar resten.",
)


@dataclass(frozen=True)
class RecordNotice:
    kind: str  # "indragning" or "rattelse"
    edition_url: str  # "astorp/utgavor/2022-09/"
    report_url: str  # "astorp/"
    date: str  # YYYY-MM-DD
    reason: str
    replaced_by: str | None  # site path of what replaces a withdrawn edition
    title: str  # "Åstorp: september 2022 indragen"
    anchor: str  # its id on "Nytt och ändrat"
    # When it was first published (ISO time with offset), as the record keeps it (data/record.NOTICE_MOMENT);
    # None: not recorded yet, or recorded before the record kept it (`notice_moment`).
    published_at: str | None = field(default=None, compare=False)

    @property
    def date_text(self) -> str:
        return swedish.date_long(self.date)


def read_notices(
    root: Path, editions: dict, titles: dict, site_paths: set[str], recorded: dict | None = None, today: dt.date | None = None,
    addresses: tuple[str, ...] = (),
) -> tuple[list[RecordNotice], list[Problem]]:
    """The acts in rattelser.yaml, checked against the published `editions` ({url: Edition}), and
    every act the record already holds (`recorded`, {anchor: RecordNotice's fields}): a published act
    stays when its entry leaves the file. `addresses`: the site's (site_url, then earlier ones), which a
    full address must start with. Returns (notices newest first, problems at their lines)."""
    kept = [RecordNotice(**fields) for fields in (recorded or {}).values()]
    lines: dict[str, tuple[int, int]] = {}  # each act's anchor → its anledning and ersatt_av lines in the file
    notices, problems = _read_file(Path(root), editions, titles, site_paths, kept, today or swedish.today(), addresses, lines)
    published = {n.anchor: n for n in kept}
    for at, notice in enumerate(notices):
        was = published.get(notice.anchor)
        if was is not None and (was.reason, was.replaced_by) != (notice.reason, notice.replaced_by):
            notices[at] = was  # as it was published, whatever the file says now
            reason_line, replaced_line = lines.get(was.anchor, (0, 0))  # said at the line edited (adv17j)
            edited = was.reason != notice.reason
            problems.append(CORRECTION_CHANGED.problem(
                CORRECTIONS_FILE, reason_line if edited else replaced_line, 1, "notice", title=was.title, date=was.date_text,
                reason=was.reason, anchor=was.anchor, what="anledningen" if edited else "ersatt_av",
            ))
    said = {n.anchor for n in notices}
    for notice in kept:
        if notice.anchor not in said:  # published, then taken out of the file (a revert): it stays
            notices.append(notice)
            problems.append(CORRECTION_KEPT.problem(
                f"publicerat:{NOTICES}{notice.anchor}.json", 0, 0, "notice", title=notice.title, date=notice.date_text,
            ))
    return sorted(notices, key=lambda n: (n.date, n.anchor), reverse=True), problems


def _read_file(root: Path, editions: dict, titles: dict, site_paths: set[str], kept: list, today: dt.date, addresses=(), lines=None):
    path = root / CORRECTIONS_FILE
    if not path.is_file():
        return [], []
    return _read_acts(path.read_bytes(), editions, titles, site_paths, kept, today, addresses, lines)


def _read_acts(raw: bytes, editions: dict, titles: dict, site_paths: set[str], kept: list, today: dt.date, addresses=(), lines_of=None):
    """The acts of one version of rattelser.yaml (`raw`, its bytes), checked: (notices, problems). `lines_of`, if
    given, gets each act's anchor → (its anledning line, its ersatt_av line)."""
    where = CORRECTIONS_FILE
    text, refused = reading.decode(raw, where, csv=False)  # as a data file or schema is read: UTF-8 (BOM or not) or
    if text is None:  # Windows-1252, any line endings; UTF-16 and other code pages refused with the fix (adv17d)
        return [], refused
    try:
        value, lines = yamlfile.load(text)
    except yamlfile.YamlError as exc:
        return [], [exc.said.problem(where, exc.line, exc.column, context=exc.context)]
    if value is None:
        return [], []
    if not isinstance(value, list):
        return [], [CORRECTION_NOT_A_LIST.problem(where, 1, 1)]
    example = next(iter(sorted(editions)), "astorp/utgavor/2022-09/")
    notices, problems, pending = [], [], []
    refused = _hygiene(value, lines, problems)  # entries with unknown keys or invisible characters: said, then left out
    # Each edition's withdrawal so far: (where it was said, its date, its anchor); the record's first.
    withdrawals = {n.edition_url: ("i arkivet", n.date_text, n.anchor) for n in kept if n.kind == "indragning"}
    for number, entry in enumerate(value):
        line = lines.get((number,), 1)
        if number in refused:
            continue
        if not isinstance(entry, dict):
            problems.append(CORRECTION_NOT_A_LIST.problem(where, line, 1))
            continue
        at = lambda name: lines.get((number, name), line)  # noqa: E731
        missing = [name for name in ("utgava", "typ", "datum", "anledning") if not str(entry.get(name) or "").strip()]
        if missing and missing[0] in entry:  # the key is there, its value is not: said at its line
            problems.append(CORRECTION_FIELD_EMPTY.problem(where, at(missing[0]), 1, field=missing[0], what=FIELD_WHAT[missing[0]]))
            continue
        if missing:
            problems.append(CORRECTION_FIELD.problem(where, line, 1, field=missing[0]))
            continue
        url = _known(_site_path(str(entry["utgava"]), addresses) or "", editions)
        kind = str(entry["typ"]).strip().lower().replace("ä", "a")
        if kind not in KINDS:
            problems.append(CORRECTION_KIND.problem(where, at("typ"), 1, value=entry["typ"]))
            continue
        try:
            if isinstance(entry["datum"], dt.datetime):  # a time pasted from a system: the act has a day, not a time
                raise ValueError(entry["datum"])
            day = entry["datum"] if isinstance(entry["datum"], dt.date) else dt.date.fromisoformat(str(entry["datum"]).strip())
        except ValueError:
            problems.append(CORRECTION_DATE.problem(where, at("datum"), 1, value=entry["datum"]))
            continue
        if not isinstance(entry["anledning"], (str, int, float)) or isinstance(entry["anledning"], bool):
            problems.append(CORRECTION_REASON_TEXT.problem(where, at("anledning"), 1, value=entry["anledning"]))
            continue
        reason = " ".join(str(entry["anledning"]).split())
        shown = _visible_syntax(reason)
        if shown:  # said here, at its line: once recorded, it would stop every later build (adv17b F9–F11)
            problems.append(CORRECTION_REASON_SYNTAX.problem(where, at("anledning"), 1, what=shown[0], snippet=shown[1]))
            continue
        edition = editions.get(url)
        if edition is None:
            problems.append(CORRECTION_EDITION.problem(where, at("utgava"), 1, value=entry["utgava"], example=_meant(url, editions) or example))
            continue
        # A date out of bounds is said once the line is known not to be a published act edited (adv17j F9).
        refusal = None
        if day > today:
            refusal = CORRECTION_FUTURE.problem(where, at("datum"), 1, value=day.isoformat(), today=today.isoformat())
        elif day.isoformat() < edition.published[:10]:
            refusal = CORRECTION_BEFORE.problem(where, at("datum"), 1, value=day.isoformat(), published=edition.published[:10])
        replaced_by = _site_path(str(entry["ersatt_av"]), addresses) if entry.get("ersatt_av") else None
        if entry.get("ersatt_av") and replaced_by is None:  # not a page address of this site (javascript:…, another site, //host/…): said as such
            full = f" (eller {addresses[0].rstrip('/')}/{example})" if addresses and addresses[0] else ""
            problems.append(CORRECTION_ADDRESS.problem(where, at("ersatt_av"), 1, value=entry["ersatt_av"], example=example, full=full))
            continue
        replaced_by = _known(replaced_by, {**editions, **dict.fromkeys(site_paths)}) if replaced_by is not None else None
        if replaced_by is not None and replaced_by not in editions and replaced_by not in site_paths:
            problems.append(CORRECTION_REPLACEMENT.problem(where, at("ersatt_av"), 1, value=entry["ersatt_av"], example=example))
            continue
        if replaced_by == url:
            problems.append(CORRECTION_SELF.problem(where, at("ersatt_av"), 1, value=entry["ersatt_av"]))
            continue
        report_title = titles.get(edition.report_url, edition.report_url)
        pending.append((line, (at("utgava"), at("anledning"), at("ersatt_av"), entry.get("ersatt_av"), at("typ"), at("datum"), refusal), RecordNotice(
            kind, url, edition.report_url, day.isoformat(), reason,
            replaced_by if replaced_by is not None else (edition.report_url if kind == "indragning" else None),
            f"{report_title}: {edition.period.name} {KINDS[kind]}",
            f"{kind}-{slug(edition.report_url)}-{edition.period.id}-{day.isoformat()}",  # see _anchors
        )))
    anchors = _anchors([notice for _line, _at, notice in pending], kept)
    published = {n.anchor for n in kept}
    new_acts = []  # (ersatt_av line, as written, its site path, anchor) of withdrawals not yet in the record, checked once all are read
    first_lines: dict[tuple, int] = {}  # each act (kind, edition, date, reason, replacement) → the line it is first written at
    # The published acts no line says: a line with the same edition and reason but another type or date is one of
    # them, edited (adv17i PW9); the anchor holds type and date, so it would otherwise be published as a second act.
    unsaid = [n for n in kept if n.anchor not in set(anchors)]
    for (line, (utgava_line, reason_line, replaced_line, replaced_text, kind_line, date_line, refusal), notice), anchor in zip(pending, anchors):
        act = (notice.kind, notice.edition_url, notice.date, notice.reason, notice.replaced_by)
        if anchor is None:  # the same act written twice: one act, and the second entry is said (adv17f 14)
            first = first_lines.get(act)
            said = CORRECTION_DUPLICATE.problem(
                where, line, 1, "notice" if act in {(n.kind, n.edition_url, n.date, n.reason, n.replaced_by) for n in kept} else "error",
                value=notice.edition_url, kind=notice.kind.replace("rattelse", "rättelse"), date=notice.date, first=first or "?",
            )
            problems.append(said)
            continue
        first_lines.setdefault(act, line)
        was = _edited(notice, unsaid) if anchor not in published else None
        if was is not None and was.edition_url != notice.edition_url:  # moved to another edition: kept where published
            unsaid.remove(was)
            problems.append(CORRECTION_MOVED.problem(
                where, utgava_line, 1, "notice", value=notice.edition_url, edition=was.edition_url, reason=was.reason,
                published=was.kind.replace("rattelse", "rättelse"), date_text=was.date_text, title=was.title,
            ))
            notices.append(was)
            continue
        if was is not None:  # kept as published; the line is said
            unsaid.remove(was)
            problems.append(CORRECTION_EDITED.problem(
                where, kind_line if was.kind != notice.kind else date_line, 1, "notice", edition=was.edition_url,
                reason=was.reason, published=was.kind.replace("rattelse", "rättelse"), date_text=was.date_text, title=was.title,
                kind=notice.kind, date=notice.date, was_kind=was.kind, was_date=was.date,
            ))
            notices.append(was)
            continue
        if refusal is not None:
            problems.append(refusal)
            continue
        # Rules added after acts were published apply to new acts only: a published act is kept as it was.
        if anchor not in published and len(notice.reason) > REASON_LIMIT:
            problems.append(CORRECTION_REASON_LONG.problem(where, reason_line, 1, length=len(notice.reason), limit=REASON_LIMIT))
            continue
        if notice.kind == "indragning":
            earlier = withdrawals.get(notice.edition_url)
            if earlier is not None and earlier[2] != anchor:
                problems.append(CORRECTION_TWICE.problem(
                    where, utgava_line, 1, value=notice.edition_url, date=earlier[1], where=earlier[0],
                ))
                continue
            withdrawals[notice.edition_url] = (f"rad {line}", notice.date_text, anchor)
        if anchor not in published and notice.kind == "indragning" and replaced_text:
            new_acts.append((replaced_line, replaced_text, notice.replaced_by, anchor))
        notices.append(dataclasses.replace(notice, anchor=anchor))
        if lines_of is not None:
            lines_of[anchor] = (reason_line, replaced_line)
    dead_ends = set()
    for replaced_line, replaced_text, replaced_by, anchor in new_acts:  # never leads to another withdrawn edition
        earlier = withdrawals.get(replaced_by)
        if earlier is not None:
            problems.append(CORRECTION_WITHDRAWN_REPLACEMENT.problem(where, replaced_line, 1, value=replaced_text, date=earlier[1]))
            dead_ends.add(anchor)
    return [n for n in notices if n.anchor not in dead_ends], problems


def _edited(notice: RecordNotice, unsaid: list[RecordNotice]) -> RecordNotice | None:
    """The published act (of `unsaid`) that `notice` is, edited in its type or date: the same edition and reason;
    of several, the one of the same type, else of the same date. Failing that, moved to another edition of the
    same report with the same type, date and reason (adv17j F10): the address corrected, not a new act."""
    same = [n for n in unsaid if (n.edition_url, n.reason) == (notice.edition_url, notice.reason)]
    same.sort(key=lambda n: (n.kind != notice.kind, n.date != notice.date))
    moved = [n for n in unsaid if (n.report_url, n.kind, n.date, n.reason) == (notice.report_url, notice.kind, notice.date, notice.reason)]
    return same[0] if same else (moved[0] if moved else None)


SCHEMA = Path(__file__).with_name("rattelser.schema.json")  # the keys of an entry, as JSON Schema (editors complete them)


@lru_cache(maxsize=1)
def _validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def _hygiene(value: list, lines: dict, problems: list) -> set[int]:
    """The entries (by number) that hold a key the file's schema does not know or a text with an invisible
    character (zero-width, bidi controls, YAML escapes such as "\\u202e"): each said at its line with the key, the
    value and the fix, and appended to `problems`. Such a reason would be published, unseen, for good."""
    where, refused = CORRECTIONS_FILE, set()
    for error in _validator().iter_errors(value):
        if error.validator != "additionalProperties" or len(error.absolute_path) != 1:
            continue
        number = error.absolute_path[0]
        known = list(error.schema.get("properties", {}))
        for key in [k for k in error.instance if k not in known]:
            meant = KEYS_MEANT.get(str(key).strip().lower())
            guesses = [meant] if meant in known else difflib.get_close_matches(str(key), known, n=1)
            hint = f' Menar du "{guesses[0]}"?' if guesses else ""
            problems.append(CORRECTION_UNKNOWN_KEY.problem(
                where, lines.get((number, key), lines.get((number,), 1)), 1, key=key, value=printable(str(error.instance[key])), hint=hint,
            ))
            refused.add(number)
    place = lambda path: " i post ".join([str(path[1]), str(path[0] + 1)]) if len(path) > 1 else f"post {path[0] + 1}"  # noqa: E731
    for line, said in yamlfile.invisible_texts(value, lines, place=place):
        problems.append(said.problem(where, line, 1))
    for number, entry in enumerate(value):
        if yamlfile.invisible_texts(entry, {}, ()):
            refused.add(number)
    return refused


def _anchors(acts: list[RecordNotice], kept: list[RecordNotice]) -> list[str | None]:
    """Each act's anchor (`acts` carry their base anchor), its id on "Nytt och ändrat" and its file in the
    record (rattelser/<anchor>.json): kind, report, period and date; a second act of the same edition on the same day gets a short hash
    of its text too, so that two acts never share a file and one is never lost (adv17b F25). An act
    the record holds keeps its recorded anchor. None: the act is written twice in the file."""
    claimed: set[str] = set()
    found: list[str | None] = [None] * len(acts)
    recorded = {(n.kind, n.edition_url, n.date, n.reason, n.replaced_by): n.anchor for n in kept}
    for at, act in enumerate(acts):  # first the acts as published, whatever their order in the file
        anchor = recorded.get((act.kind, act.edition_url, act.date, act.reason, act.replaced_by))
        if anchor is not None and anchor not in claimed:
            found[at] = anchor
            claimed.add(anchor)
    said = set()  # each act once: the same act written twice in the file is one act
    for at, act in enumerate(acts):
        key = (act.kind, act.edition_url, act.date, act.reason, act.replaced_by)
        if found[at] is not None or key in said:
            said.add(key)
            continue
        said.add(key)
        base = act.anchor  # kind, report, period, date
        text = f"{act.reason}\0{act.replaced_by or ''}".encode("utf-8")
        anchor = base if base not in claimed else f"{base}-{hashlib.sha256(text).hexdigest()[:6]}"
        if anchor not in claimed:
            found[at] = anchor
            claimed.add(anchor)
    return found


def _visible_syntax(text: str) -> tuple[str, str] | None:
    """(what, snippet) of the first template or Markdown sign a reader would see in `text`, or None
    (the same signs render/leaks.py looks for in built pages)."""
    for pattern, what in leaks.PATTERNS:
        match = pattern.search(text)
        if match:
            return what, text[max(0, match.start() - 30):match.end() + 30]
    return None


def _site_path(text: str, addresses=()) -> str | None:
    """What staff paste as a site path ("astorp/utgavor/2022-09/"; "" is the start page): the path
    itself, with or without slashes, or a full address of this site (it starts with one of
    `addresses`, any letter case in scheme and host; any http(s) address when the site has none).
    None: no page address of this site: another site, a scheme such as javascript:, a
    protocol-relative //host/…, "..", blanks (adv17b F21)."""
    text = text.strip()
    parts = urlsplit(text)
    if parts.scheme or parts.netloc or text.startswith("//"):
        if parts.scheme.lower() not in ("http", "https"):
            return None
        own = [a for a in addresses if a]
        base = next((a for a in own if _starts_with_address(text, a)), None)
        if own and base is None:
            return None
        text = text[len(base.rstrip("/")):] if base else parts.path
    text = text.split("#")[0].split("?")[0].removesuffix("index.html").strip("/")
    if not _SITE_PATH.fullmatch(text) or ".." in text.split("/") or "//" in text:
        return None
    return f"{text}/" if text else ""


_SITE_PATH = re.compile(r"[A-Za-z0-9åäöÅÄÖ._~%/-]*")  # the characters of a page's address below the site's


def _starts_with_address(text: str, address: str) -> bool:
    """Whether `text` is below the site address `address` (scheme and host in any letter case)."""
    one, two = urlsplit(text), urlsplit(address)
    return (one.scheme.lower(), one.netloc.lower()) == (two.scheme.lower(), two.netloc.lower()) and (
        one.path.rstrip("/") + "/"
    ).startswith(two.path.rstrip("/") + "/")


def _meant(path: str, editions) -> str | None:
    """The edition an unknown `utgava` most likely means, for the example in its message: the same
    address in other letter case (ASTORP/…), else the one edition of the same period under another
    report address (a renamed page's old address); None when nothing fits one edition."""
    wanted = path.strip("/").lower()
    if not wanted:
        return None
    same = [url for url in editions if url.strip("/").lower() == wanted]
    period = wanted.rsplit("/", 1)[-1]
    same_period = [url for url in editions if url.strip("/").lower().rsplit("/", 1)[-1] == period]
    found = same or same_period
    return found[0] if len(found) == 1 else None


def _known(path: str, known) -> str:
    """`path`, or the end of it that is a known site path (a full address holds the site's own folder:
    socialrapporter/astorp/… → astorp/…)."""
    parts = path.split("/")
    # Never the empty tail: the start page's path ("") would swallow any unknown address.
    return next(("/".join(parts[i:]) for i in range(len(parts) - 1) if "/".join(parts[i:]) in known), path)


def record_notices(build) -> list[RecordNotice]:
    """Every withdrawal and correction, newest first (once per build); none outside git."""
    archive = build.archive()
    return archive.notices if archive is not None else []


def notice_moment(build, notice: RecordNotice) -> str:
    """When an act was published, as an ISO time with offset, for "Nytt och ändrat" and the feed (each entry has a
    moment; an edition has its commit's). An act the record holds keeps the moment it was first published with,
    whatever later happens to main's history (a rebase, an amend, a force-push that drops its commit, an orphan
    history: adv17f 54, 96, 107, 115, 123): the record's `published_at` (data/record.NOTICE_MOMENT), or, for an act
    recorded before the record kept it, the moment reckoned as below on the line of the commit its record commit
    built (which the record keeps reachable and which never changes). A new act in a publishing build: that build's
    moment (`Archive.publish_now`), as its editions'. A new act in a preview: the time of the commit on main that
    first held the act in rattelser.yaml, when that is on the act's date in Swedish time (staff write today's date);
    else, a backdated act, the end of its date, Swedish time. Never the date's midnight: an act written at 14:00 sorts
    after the day's editions of 08:00, before those of 16:00, and among the feed's newest entries when it is one
    (adv17c)."""
    archive = build.archive()
    return act_moment(archive, notice)


def act_moment(archive, notice: RecordNotice) -> str:
    """`notice_moment` with the build's archive (None outside git)."""
    record = getattr(archive, "record", None)
    recorded = record.notices.get(notice.anchor) if record is not None else None
    if recorded is not None and recorded.get(NOTICE_MOMENT):
        return recorded[NOTICE_MOMENT]
    moment = getattr(archive, "moment", None)
    if recorded is None and moment is not None:
        # A publishing build records it now: with its own moment, as the editions it adds, not with its commit's
        # time (a commit at 23:30 UTC came before the edition it corrects; a laptop two days behind gave the end of
        # its date, in the future: adv17j PW6, PW7). Never before the edition it acts on was published.
        edition = archive.edition(notice.edition_url)
        return max(moment, edition.published_at_time if edition else moment).isoformat(timespec="seconds")
    tip = "HEAD"
    if recorded is not None and archive.repository is not None:
        tip = _built_with(archive, notice.anchor) or tip
    times = _act_times(archive, tip) if archive is not None and archive.repository is not None else {}
    when = times.get((notice.kind, notice.date, notice.reason))
    if when and _swedish(when).date().isoformat() == notice.date:
        return when
    return dt.datetime.fromisoformat(f"{notice.date}T23:59:59").replace(tzinfo=swedish.time_zone()).isoformat()


def _built_with(archive, anchor: str) -> str | None:
    """The commit on main that the record commit adding rattelser/<anchor>.json built (its second parent)."""
    out = archive.record.repository._git(
        "log", "--first-parent", "--diff-merges=first-parent", "--diff-filter=A", "--format=%x01%P",
        archive.record.commit, "--", f"{NOTICES}{anchor}.json",
    )
    parents = [chunk.split() for chunk in out.split("\x01")[1:] if chunk.strip()]
    return parents[-1][1] if parents and len(parents[-1]) > 1 else None


def _swedish(iso: str) -> dt.datetime:
    return dt.datetime.fromisoformat(iso).astimezone(swedish.time_zone())


def _act_times(archive, tip: str = "HEAD") -> dict[tuple[str, str, str], str]:
    """(kind, date, reason) → the time of the first commit on `tip`'s first-parent line (main's) whose rattelser.yaml
    holds that act: one `git log` over the file's few versions, each read once per build and tip."""
    kept = archive.__dict__.setdefault("_act_times", {})
    if tip not in kept:
        found: dict[tuple[str, str, str], str] = {}
        try:
            out = archive.repository._git(
                "log", "--first-parent", "--reverse", "--raw", "--no-abbrev", "--format=%x01%H %cI", tip, "--", CORRECTIONS_FILE,
            )
        except HistoryError:
            out = ""
        for chunk in out.split("\x01")[1:]:
            head, *raw = chunk.strip().splitlines()
            when = head.split()[1]
            blob = next((line.split()[3] for line in raw if line.startswith(":") and line.endswith(CORRECTIONS_FILE)), None)
            if blob is None or set(blob) == {"0"}:
                continue
            try:
                text, _refused = reading.decode(archive.repository.read_blob(blob), CORRECTIONS_FILE, csv=False)
                value, _lines = yamlfile.load(text) if text is not None else (None, None)
            except (yamlfile.YamlError, HistoryError):
                continue
            for entry in value if isinstance(value, list) else []:
                if not isinstance(entry, dict):
                    continue
                kind = str(entry.get("typ") or "").strip().lower().replace("ä", "a")
                day = entry.get("datum")
                day = day.isoformat() if isinstance(day, dt.date) and not isinstance(day, dt.datetime) else str(day or "").strip()
                reason = " ".join(str(entry.get("anledning") or "").split())
                found.setdefault((kind, day, reason), when)
        kept[tip] = found
    return kept[tip]


def published_points(archive) -> list[int] | None:
    """The versions of main that were published, as numbers in `archive.history` (docs/ and data/), oldest
    first: each commit the publishing built and recorded (the record commits' second parents, placed at the
    last commit of docs/ and data/ at or before it on main's first-parent line), and main's newest, which this
    build publishes. A built commit that a rebase gave a new id (the same tree, `rewritten`) is placed at its
    new commit: history rewrites that keep the content keep the published points (adv17d W1). None without a
    record (a clone without it, a site not published yet): then every commit counts. A version between two of
    them was never published: the change list compares these (pages/changes.py), so a typo fixed before the
    publishing is no revision."""
    if "_published_points" not in archive.__dict__:
        built = archive.record.built() if archive.repository is not None else []
        points = None
        if built and archive.history.commits:
            line = main_line(archive)[::-1]  # oldest first
            moved = {old: new for new, (old, _date) in rewritten(archive).items()}
            index, indexes, last = archive.commit_index(), set(), None
            wanted = set(built) | {moved[b] for b in built if b in moved}
            for sha in line:
                last = index.get(sha, last)
                if sha in wanted and last is not None:
                    indexes.add(last)
            points = sorted(indexes | {len(archive.history.commits) - 1})
        archive.__dict__["_published_points"] = points
    return archive.__dict__["_published_points"]


def main_line(archive) -> list[str]:
    """Every commit of main's first-parent line (or of `archive.tip`'s), newest first: listed once per build."""
    if "_main_line" not in archive.__dict__:
        archive.__dict__["_main_line"] = archive.repository._git("rev-list", "--first-parent", getattr(archive, "tip", "HEAD")).split()
    return archive.__dict__["_main_line"]


def rewritten(archive) -> dict[str, tuple[str, str]]:
    """Commits of main that a history rewrite (a rebase, `--force-rebase`) made anew from published ones with the
    same content: {commit on main: (the published commit, its committer time)}. The published line is the
    first-parent line of the newest built commit that main no longer holds (the record keeps it reachable); its
    commits that main lacks are matched in order, by tree, to main's commits that it lacks. So a revision found
    on the rewritten line keeps the date and the anchor it was published with."""
    if "_rewritten" not in archive.__dict__:
        found: dict[str, tuple[str, str]] = {}
        built = archive.record.built() if archive.repository is not None else []
        tip = getattr(archive, "tip", "HEAD")
        on_main = set(main_line(archive)) if built else set()
        off = [b for b in built if b not in on_main]
        if off:
            try:
                old = [line.split() for line in archive.repository._git(
                    "log", "--first-parent", "--reverse", "--format=%H %T %cI", off[-1], "--not", tip).splitlines()]
                new = [line.split() for line in archive.repository._git(
                    "log", "--first-parent", "--reverse", "--format=%H %T", tip, "--not", off[-1]).splitlines()]
            except HistoryError:
                old = new = []
            at = 0
            for sha, tree in new:
                match = next((i for i in range(at, len(old)) if old[i][1] == tree), None)
                if match is not None:
                    found[sha] = (old[match][0], old[match][2])
                    at = match + 1
        archive.__dict__["_rewritten"] = found
    return archive.__dict__["_rewritten"]


# ---------------------------------------------------------------- the record's own editions

RECORD_FORGED = Message(
    "arkivet-okand-utgava",
    "Utgåvan {url} i arkivet (lagd i grenen publicerat av incheckningen {added}) motsvarar ingen version av "
    "rapporten: {why}. Bara publiceringsflödet lägger till utgåvor, och bara för en period som rapporten har haft "
    "i main. Ta bort incheckningen ur grenen på GitHub (git push --force origin {added}^:refs/heads/publicerat, "
    "med force-push tillfälligt tillåtet i reglerna för grenen){tags} och låt bara GitHub Actions skriva till grenen (README).",
    "En utgåva i arkivgrenen publicerat har inte gjorts av publiceringen: perioden den anger fanns aldrig i "
    "rapportens data. Någon har skrivit till grenen för hand. Ta bort incheckningen och skydda grenen.",
)


RECORD_FORGED_NOTICE = Message(
    "arkivet-okand-rattelse",
    "{title} ({date}) i arkivet (lagd i grenen publicerat av incheckningen {added}) står inte i rattelser.yaml i "
    "incheckningen {built} som byggdes då. Bara publiceringsflödet lägger till indragningar och rättelser, och bara "
    "sådana som står i rattelser.yaml i main. Ta bort incheckningen ur grenen på GitHub (git push --force origin "
    "{added}^:refs/heads/publicerat, med force-push tillfälligt tillåtet i reglerna för grenen){tags} och låt bara GitHub "
    "Actions skriva till grenen (README).",
    "En indragning eller rättelse i arkivgrenen publicerat har inte gjorts av publiceringen: den stod inte i "
    "rattelser.yaml i main:s incheckning som byggdes. Någon har skrivit till grenen för hand. Ta bort incheckningen "
    "och skydda grenen.",
)


RECORD_FORGED_REVISION = Message(
    "arkivet-okand-andring",
    "Den rättade uppgiften {anchor} i arkivet (lagd i grenen publicerat av incheckningen {added}) stämmer inte med "
    "data: {why}. Bara publiceringsflödet lägger till rättade uppgifter, och bara som data i main visar dem. Ta bort "
    "incheckningen ur grenen på GitHub (git push --force origin {added}^:refs/heads/publicerat, med force-push "
    "tillfälligt tillåtet i reglerna för grenen){tags} och låt bara GitHub Actions skriva till grenen (README).",
    "En rättad uppgift i arkivgrenen publicerat (andringar/<namn>.json) säger ett värde som data inte har: det nya "
    "värdet finns inte i incheckningen som namnet anger, eller det gamla fanns aldrig före den. Någon har skrivit "
    "till grenen för hand. Ta bort incheckningen och skydda grenen.",
)


def _tags_to_delete(record, added: str) -> str:
    """The words that tell to delete each tag publicerat-<n> on `added` or a later commit of its line (after the
    branch is set back to before `added`, such a tag would name what the record no longer holds, and its advice
    would restore the forgery: adv17f 59/60, 89/90), or ""."""
    try:
        out = record.repository._git("tag", "--list", "--contains", added, "publicerat-*")
    except HistoryError:
        return ""
    tags = [t for t in out.split() if t in record.tags]
    return "".join(
        f", ta bort taggen {t}, som pekar på en incheckning som inte är publiceringens (git push origin "
        f":refs/tags/{t} och git tag -d {t})," for t in sorted(tags, key=lambda t: int(t.rsplit("-", 1)[1]))
    )


def _added_by(record, path: str, tip: str | None = None) -> tuple[str, list[str]]:
    """(the record commit of `tip`'s line, by default the record's, that added `path`, its parents)."""
    out = record.repository._git(
        "log", "--first-parent", "--diff-merges=first-parent", "--diff-filter=A", "--format=%x01%H %P",
        tip or record.commit, "--", path,
    )
    commits = [chunk.split() for chunk in out.split("\x01")[1:] if chunk.strip()]
    return (commits[-1][0], commits[-1][1:]) if commits else ("?", [])


def _shown_at(archive, commit: str, dataset_id: str, key: str, name: str, title: str) -> str | None:
    """The value of row `key`, field `name` (or the field titled `title`: a column renamed since) of a dataset as the
    site shows it (models/versions.shown), in `commit`; None: no such dataset, row or field there."""
    from ..models import versions

    found = _value_at(archive, commit, dataset_id, key, name, title)
    if found is None:
        return None
    dataset, value = found
    return versions.shown(dataset, _field_named(dataset, name, title), value)


def _value_at(archive, commit: str, dataset_id: str, key: str, name: str, title: str):
    """(the dataset, the value of row `key`, field `name` or the field titled `title`, unrounded) in `commit`;
    None: no such dataset, row or field there."""
    from ..data.catalog import read_dataset
    from ..data.history import GitTree
    from ..models import versions

    files = [f"data/{dataset_id}.csv", f"data/{dataset_id}.schema.yaml"]
    blobs = blobs_at(archive, commit, files) or {}
    if None in (blobs.get(files[0]), blobs.get(files[1])):
        return None
    kept = archive.__dict__.setdefault("_datasets_at", {})
    pair = (dataset_id, blobs[files[0]], blobs[files[1]])
    if pair not in kept:
        tree = {f"{dataset_id}.csv": pair[1], f"{dataset_id}.schema.yaml": pair[2]}
        dataset = read_dataset(dataset_id, GitTree(archive.repository, tree), swedish.today(), set(tree))
        kept[pair] = None if dataset.has_errors or dataset.schema is None else dataset
    dataset = kept[pair]
    if dataset is None:
        return None
    at = versions.rows(dataset).get(key)
    name = _field_named(dataset, name, title)
    if at is None or name is None or name not in dataset.frame:
        return None
    return dataset, dataset.frame[name].tolist()[at]


def _field_named(dataset, name: str, title: str) -> str | None:
    fields = dataset.schema.fields
    return name if name in fields else next((n for n, f in fields.items() if getattr(f, "title", None) == title), None)


def _revision_forged(archive, anchor: str, fields: dict, published: tuple[str, ...] = ()) -> str:
    """Why a recorded revision (andringar/<anchor>.json) is not what the data says ("" if it is): each value's new
    text is the value in the commit its anchor names, and its old text a value the row had before that commit (in
    an earlier version on its line, or in a commit an edition was published from: an amended month's published
    figure) – as "Nytt och ändrat" compared them (adv17f 124: a made-up "202 → 2 000 000" was published)."""
    try:
        commit = archive.repository._git("rev-parse", "--verify", "--quiet", f"{anchor.split('-')[1]}^{{commit}}").strip()
    except (HistoryError, IndexError):
        commit = ""
    if not commit:
        return f"incheckningen {anchor.split('-')[1]} som namnet anger finns inte"
    for dataset_id, key, name, title, label, old, new in fields["values"]:
        now = _shown_at(archive, commit, dataset_id, key, name, title)
        if now is None:
            return f"i incheckningen {commit[:10]} som namnet anger finns inget värde för {title}, {label}, i {dataset_id}"
        if now != new:
            return f"i incheckningen {commit[:10]} som namnet anger är {title}, {label}, i {dataset_id} {now}, inte {new}"
        if not _shown_before(archive, commit, dataset_id, key, name, title, old, published):
            return f"{title}, {label}, i {dataset_id} var aldrig {old} före incheckningen {commit[:10]}"
    return ""


def _shown_before(archive, commit: str, dataset_id: str, key: str, name: str, title: str, old: str,
                  published: tuple[str, ...] = ()) -> bool:
    """Whether row `key`, field `name` showed `old` in a version of the dataset before `commit` on its line, or in
    a commit a recorded edition was published from (an amend or a rebase leaves the published figure off the line;
    `published`: more such commits, of editions in a line the record read lacks)."""
    ids = _ids_before(archive, commit, dataset_id)
    earlier = []
    for known in ids:
        files = [f"data/{known}.csv", f"data/{known}.schema.yaml"]
        try:
            earlier += [(c, known) for c in archive.repository._git("log", "--first-parent", "--format=%H", f"{commit}^", "--", *files).split()]
        except HistoryError:
            pass
    published = [(c, known) for c in [*published, *(r.commit for r in archive.record.editions.values())] for known in ids]
    return any(_shown_at(archive, c, known, key, name, title) == old for c, known in dict.fromkeys(earlier + published))


def _ids_before(archive, commit: str, dataset_id: str) -> list[str]:
    """`dataset_id` and the ids its data file had before `commit` on its line: a file renamed or moved in the same
    commit as a correction keeps its history (git's rename detection, as "Nytt och ändrat" follows it: adv17g 1)."""
    try:
        out = archive.repository._git("log", "--first-parent", "--follow", "--format=", "--name-only", commit, "--", f"data/{dataset_id}.csv")
    except HistoryError:
        out = ""
    paths = [line for line in out.splitlines() if line.startswith("data/") and line.endswith(".csv")]
    return list(dict.fromkeys([dataset_id, *(path[len("data/"):-len(".csv")] for path in paths)]))


REVISIONS_PROVEN = "andringar-provade-1.json"  # in .cache-utgavor/: the recorded revision files (blob ids) found to say the data


def _revisions_forged(archive) -> list[Problem]:
    """A refusal for each recorded revision that the data does not say (`_revision_forged`). A recorded file never
    changes (its blob id names its bytes, and the commit it names its data): each is judged once, and the ones found
    right are kept in `.cache-utgavor/` (a new record commit judges only the revisions it added)."""
    found = []
    record = archive.record
    blobs = ((getattr(record, "_listing", None) or {}).get(REVISIONS) or {})
    kept_file = Path(archive.cache_dir) / REVISIONS_PROVEN if getattr(archive, "cache_dir", None) else None
    try:
        proven = set(read_json(kept_file, [])) if kept_file else set()
    except TypeError:
        proven = set()
    size = len(proven)
    for anchor, fields in sorted(record.revisions.items()):
        blob = blobs.get(f"{anchor}.json")
        if blob is not None and blob in proven:
            continue
        why = _revision_forged(archive, anchor, fields)
        if not why and blob is not None:
            proven.add(blob)
        if why:
            path = f"{REVISIONS}{anchor}.json"
            added, _parents = _added_by(record, path)
            found.append(RECORD_FORGED_REVISION.problem(
                f"publicerat:{path}", 0, 0, anchor=anchor, added=added[:10], why=why, tags=_tags_to_delete(record, added),
            ))
    if kept_file is not None and len(proven) != size:
        write_json(kept_file, sorted(proven))
    return found


def forged_beyond(archive, commit: str) -> str | None:
    """Why the record commit `commit`, which the record read lacks (a tag's or the one an earlier build read), is
    not the publishing's, by what its line added that the record does not hold: an edition that is no period of its
    report, an act that rattelser.yaml did not hold, a revision the data does not say (None: nothing found). So a
    tag on a forgery removed from the branch is said to be deleted, never advised as a place to restore from, and a
    forgery an earlier build read is not asked for back (adv17f 60, 90, 125)."""
    from ..data.record import RecordedEdition

    record = archive.record
    try:
        out = record.repository._git("diff", "--name-only", "--no-renames", "--diff-filter=A", "-z",
                                     record.commit or "4b825dc642cb6eb9a060e54bf8d69288fbee4904", commit)
    except HistoryError:
        return None
    paths = list(filter(None, out.split("\0")))
    editions = []  # the commits the line's own editions were published from (a revision's old value may be there)
    for path in paths:
        if path.endswith("/utgava.json"):
            try:
                editions.append(str(json.loads(record.repository._git("show", f"{commit}:{path}"))["incheckning"]))
            except (HistoryError, ValueError, KeyError, TypeError):
                pass
    for path in paths:
        try:
            value = json.loads(record.repository._git("show", f"{commit}:{path}"))
        except (HistoryError, ValueError):
            continue  # not JSON: the record's own check of that line says so (arkivet-olasbar-fil)
        why = ""
        try:
            if path.endswith("/utgava.json"):
                folder = path.removesuffix("utgava.json")
                why = _mismatch(archive, RecordedEdition(
                    url=folder, report_url=value["rapport"], source=value["sida"], period_id=value["period"],
                    period_name=value["periodnamn"], title=value["titel"], published=value["publicerad"],
                    published_at=value["publicerad_tid"], commit=value["incheckning"],
                    article=_blob_in(record, commit, f"{folder}artikel.html")), commit)
            elif path.startswith(NOTICES):
                notice = RecordNotice(**value)
                _added, parents = _added_by(record, path, commit)
                built = parents[1] if len(parents) > 1 else None
                # Written in the file, not judged against today's editions: the edition may be in this line only.
                if built is None or (notice.kind, notice.date, notice.reason) not in _act_times(archive, built):
                    why = f"{notice.title} ({notice.date_text}) stod inte i rattelser.yaml i incheckningen {(built or '(ingen)')[:10]} som byggdes"
            elif path.startswith(REVISIONS):
                why = _revision_forged(archive, path.removeprefix(REVISIONS).removesuffix(".json"), value, tuple(editions))
        except (KeyError, TypeError, AttributeError):
            continue  # another shape: the record's own check of that line says so
        if why:
            added, _parents = _added_by(record, path, commit)
            return f"incheckningen {added[:10]} i dess linje lade till {path}: {why}"
    return None


def _blob_in(record, commit: str, path: str) -> str:
    """The blob id of `path` in the record commit `commit` ("" if none)."""
    try:
        return record.repository._git("rev-parse", "--verify", "--quiet", f"{commit}:{path}").strip()
    except HistoryError:
        return ""


REVISION_UNDONE = Message(
    "rattning-angrad",
    "{title}, {label}, är {current} i main, men rättelsen {old} → {new} publicerades {date} och står kvar i Nytt och "
    "ändrat och i flödet (arkivet: andringar/{anchor}.json). Incheckningen med {new} finns inte längre i main (till "
    "exempel efter en force-push), så den löpande sidan visar {current} utan märkning och motsäger rättelsen. Var {new} "
    "rätt: skriv {new} igen här och publicera. Var {current} rätt: låt raden stå och skriv en rättelse i rattelser.yaml "
    "för {edition} (typ: rattelse, datum: dagens, anledning: att {title}, {label}, är {current} och inte {new}), så "
    "står det på utgåvan, i Nytt och ändrat och i flödet.",
    "Ett publicerat rättat värde finns inte längre i main:s data (incheckningen som rättade det togs bort, till exempel "
    "med en force-push). Rättelsen står kvar i Nytt och ändrat och i flödet; skriv in värdet igen, eller säg i "
    "rattelser.yaml att det gamla värdet är det rätta.",
)

REVISION_UNDONE_COMPUTED = Message(
    "rattning-angrad-beraknad",
    "{title}, {label}, räknas i main fram till {current}, men rättelsen {old} → {new} publicerades {date} och står kvar "
    "i Nytt och ändrat och i flödet (arkivet: andringar/{anchor}.json). Värdet skrivs inte i CSV-filen: webbplatsen "
    "räknar fram det ur {parts} med formeln i schemat. Var {new} rätt: rätta {parts} för {label} i CSV-filen, eller "
    "formeln här, så att det blir {new} igen. Var {current} rätt: skriv en rättelse i rattelser.yaml för {edition} "
    "(typ: rattelse, datum: dagens, anledning: att {title}, {label}, är {current} och inte {new}), så står det på "
    "utgåvan, i Nytt och ändrat och i flödet.",
    "Ett publicerat rättat beräknat värde räknas inte längre fram till samma värde i main. Ett beräknat värde skrivs "
    "aldrig in i CSV-filen: det rättas genom värdena det räknas ur (eller formeln). Sägs de värdena redan som ångrade "
    "rättelser (rattning-angrad) sägs det beräknade inte för sig.",
)


def undone_revisions(archive, changes=()) -> list[Problem]:
    """A refusal for each published correction whose value main's data no longer has (adv17g 7): a force-push that
    dropped the correcting commit puts the old figure back on the living page, unmarked, while "Nytt och ändrat" and
    the feed keep saying old → new. Judged by each cell's newest recorded revision, against the data at the commit
    built; a row or field main no longer has is not judged (the month is gone: `utgava-aterstalld` says so), nor a
    cell whose value this build's own walk found revised to what main shows (it is recorded as a new correction), nor
    one whose edition has a correction in rattelser.yaml dated on or after the revision (the warning's other advice)."""
    record = archive.record
    if record is None or not record.revisions or archive.repository is None:
        return []
    # A cell's newest revision is the one the record added last, not the one with the latest date: a revision
    # recorded before its date was the build's kept its commit's clock, 2019 on a wrong laptop (adv17k VR1). Of
    # two added by one record commit, the one whose old value is the other's new.
    order = record.revision_order()
    newest: dict[tuple, tuple] = {}
    for anchor, fields in sorted(record.revisions.items(), key=lambda item: (order.get(item[0], 0), item[1]["date"])):
        for row in fields["values"]:
            cell = (row[0], row[1], row[2])
            before = newest.get(cell)
            if before is not None and order.get(before[0], 0) == order.get(anchor, 0) and before[2][5] == row[6]:
                continue  # added together, and this one came first
            newest[cell] = (anchor, fields, row)
    walked = {(r.dataset, r.key, r.field, r.new) for c in changes if getattr(c, "revisions", None)
              and c.anchor not in record.revisions for r in c.revisions}
    tip = getattr(archive, "tip", "HEAD")
    editions = archive.by_url()
    found, undone = [], []
    for (dataset_id, key, name), (anchor, fields, row) in sorted(newest.items()):
        _dataset, _key, _field, title, label, old, new = row
        current = _shown_at(archive, tip, dataset_id, key, name, title)
        if current is None or current == new or (dataset_id, key, name, current) in walked:
            continue
        undone.append((dataset_id, key, name, anchor, fields, row, current))
    said = {(d, k, n) for d, k, n, *_rest in undone}
    for dataset_id, key, name, anchor, fields, row, current in undone:
        _dataset, _key, _field, title, label, old, new = row
        parts = _parts(archive, tip, dataset_id, key, name, title)
        if parts is not None:  # a computed figure: nobody types it (adv17j F5); it follows from its parts' messages
            if any((dataset_id, key, part) in said for part in parts):
                continue
        edition = f"{fields.get('url', '')}utgavor/{key}/"
        if any(n.kind == "rattelse" and n.edition_url == edition and n.date >= swedish.day(fields["date"]).isoformat() for n in getattr(archive, "notices", ())):
            continue  # said on the edition, in "Nytt och ändrat" and the feed, as the warning advises
        edition = f"utgåvan {edition}" if edition in editions else "den utgåva som visade värdet"
        path, line, column = _cell_at(archive, dataset_id, key, name)
        if parts is not None:  # no part said undone (its formula changed back?): said without "type it again"
            found.append(REVISION_UNDONE_COMPUTED.problem(
                f"data/{dataset_id}.schema.yaml", _formula_line(archive, dataset_id, name), 1, "warning", title=title, label=label, current=current, old=old,
                new=new, date=swedish.date_long(swedish.day(fields["date"])), anchor=anchor, edition=edition,
                parts=" och ".join(parts),
            ))
            continue
        found.append(REVISION_UNDONE.problem(
            path, line, column, "warning", title=title, label=label, current=current, old=old, new=new,
            date=swedish.date_long(swedish.day(fields["date"])), anchor=anchor, edition=edition,
        ))
    return found


def _formula_line(archive, dataset_id: str, name: str) -> int:
    """The line of field `name`'s formula in the work tree's schema (1 if not found)."""
    try:
        lines = (Path(archive.root) / f"data/{dataset_id}.schema.yaml").read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError, AttributeError):
        return 1
    start = next((n for n, text in enumerate(lines) if text.strip().lstrip("- ").strip() == f"name: {name}"), None)
    if start is None:
        return 1
    return next((n + 1 for n in range(start, len(lines)) if lines[n].strip().startswith("formula:")), start + 1)


def _parts(archive, commit: str, dataset_id: str, key: str, name: str, title: str) -> tuple[str, ...] | None:
    """The columns a computed field is computed from, in `commit`; None: a column of the CSV (or not found)."""
    found = _value_at(archive, commit, dataset_id, key, name, title)
    if found is None:
        return None
    spec = found[0].schema.fields.get(_field_named(found[0], name, title) or "")
    return tuple(spec.formula.names) if spec is not None and spec.computed and spec.formula is not None else None


def _cell_at(archive, dataset_id: str, key: str, name: str) -> tuple[str, int, int]:
    """(data file, line, CSV column) of row `key`'s field `name` in the work tree's CSV (line 1, column 1 if not found)."""
    path = f"data/{dataset_id}.csv"
    try:
        text, _problems = reading.decode((Path(archive.root) / path).read_bytes(), path)
    except (OSError, ValueError, AttributeError):
        return path, 1, 1
    lines = (text or "").splitlines()
    if not lines:
        return path, 1, 1
    delimiter = ";" if ";" in lines[0] else ","
    header = [cell.strip().lstrip("\ufeff") for cell in lines[0].split(delimiter)]
    for number, text in enumerate(lines[1:], start=2):
        cells = text.split(delimiter)
        if cells and cells[0].strip() == key:
            if name in header and header.index(name) < len(cells):
                return path, number, header.index(name) + 1  # the CSV column, as a data file's problems say it
            return path, number, 1
    return path, 1, 1


def unproven(archive) -> list[Problem]:
    """Every recorded edition that is not the period its report had in the commit it names: an
    edition pushed to the branch by hand, not by the publish workflow. A real one always is (its
    commit stays reachable: each record commit's second parent is the commit that was built).
    Likewise every recorded revision whose values the data does not say (adv17f 124), and every recorded
    withdrawal or correction that rattelser.yaml did not hold in the commit its record commit built (adv17b F67).
    Each refusal names the tags to delete with the commit (adv17f 59, 89)."""
    found = []
    record = archive.record
    if not record.editions_proven(archive.docs):  # this very record proven by an earlier build (helper cost)
        for recorded in record.editions.values():
            why = _mismatch(archive, recorded)
            if why:
                added = record.added_by(recorded.url)
                found.append(RECORD_FORGED.problem(f"publicerat:{recorded.url}utgava.json", 0, 0, url=recorded.url, added=added[:10],
                                                   why=why, tags=_tags_to_delete(record, added)))
        found += _revisions_forged(archive)
        if not found:
            record.remember_editions_proven(archive.docs)
    return found + _unproven_notices(archive)


def _act_stood(archive, built: str, notice: RecordNotice, acts: dict) -> bool:
    """Whether rattelser.yaml held `notice` in the commit `built` (`acts`: the acts of each commit, read once)."""
    from .reports import page_url

    if built not in acts:
        try:
            raw = archive.repository._git("show", f"{built}:{CORRECTIONS_FILE}").encode("utf-8", errors="surrogateescape")
        except HistoryError:
            raw = b""
        kept = [RecordNotice(**fields) for fields in archive.record.notices.values()]
        site_paths = set(archive.report_urls()) | {page_url(s) for s in archive.pages} | {n.replaced_by for n in kept if n.replaced_by}
        said, _problems = _read_acts(raw, archive.by_url(), archive.titles, site_paths, [], dt.date.max, archive.addresses) if raw else ([], [])
        acts[built] = {(n.kind, n.edition_url, n.date, n.reason, n.replaced_by) for n in said}
    return (notice.kind, notice.edition_url, notice.date, notice.reason, notice.replaced_by) in acts[built]


def _unproven_notices(archive) -> list[Problem]:
    found, acts = [], {}  # acts: the acts rattelser.yaml held in each built commit, read once
    record = archive.record
    for notice in [RecordNotice(**fields) for fields in record.notices.values()]:
        path = f"{NOTICES}{notice.anchor}.json"
        added, parents = _added_by(record, path)
        built = parents[1] if len(parents) > 1 else None
        if built is None or not _act_stood(archive, built, notice, acts):
            found.append(RECORD_FORGED_NOTICE.problem(
                f"publicerat:{path}", 0, 0, title=notice.title, date=notice.date_text, added=added[:10],
                built=(built or "(ingen)")[:10], tags=_tags_to_delete(record, added) if added != "?" else "",
            ))
    return found


def _mismatch(archive, recorded, tip: str | None = None) -> str:
    """Why `recorded` is not its report's period in its commit, or its article shows figures the data there does not
    have ("" if it is; `tip`: the record commit whose line holds it, by default the record's)."""
    page = archive.page_path(recorded.source)
    index = archive.commit_index().get(recorded.commit)
    if index is not None:  # on main's first-parent line, read already
        rule = archive.period_rule(archive.history.blob_at(page, index))
        period = archive.period_at(rule, index)
    else:  # dropped from main later (force-push, rebase): the record keeps it reachable
        blobs = blobs_at(archive, recorded.commit, [page])
        if blobs is None:
            return f"incheckningen {recorded.commit[:10]}, som den säger att den publicerades från, finns inte i förrådet"
        rule = archive.period_rule(blobs.get(page))
        period = None
        if rule is not None and rule.fixed:
            period = archive.period_at(rule, 0)
        elif rule is not None:
            files = [f"data/{rule.series}.csv", f"data/{rule.series}.schema.yaml"]
            data = blobs_at(archive, recorded.commit, files) or {}
            if None not in (data.get(files[0]), data.get(files[1])):
                month = archive.latest_month(data[files[0]], data[files[1]])
                period = (month, swedish.month_long(month)) if month else None
    if period is not None and not isinstance(period, tuple):
        period = (period.id, period.name)
    if period is not None and period[0] == recorded.period_id:
        return _misdated(archive, recorded, index, tip) or _article_forged(archive, recorded, tip)
    state = f"perioden {period[1]}" if period is not None else "ingen period"
    return f"i incheckningen {recorded.commit[:10]}, som den säger att den publicerades från, har {page} {state}"


ARTICLES_PROVEN = "utgavor-artiklar-provade-2.json"  # in .cache-utgavor/: [article blob, commit, CSV blobs] found to say the data; -2: tables and chart CSVs too


def _article_forged(archive, recorded, tip: str | None = None) -> str:
    """Why a recorded edition shows a figure the data did not have ("" if not): each figure in running text and each
    table cell is marked with its dataset, row and field (page_macros.inline, templates/table.html), and each chart
    CSV follows its table alternative cell by cell (pages/shown_figures.py); each must be the value the data shows
    in the commit the edition names or a later commit of its line up to the commit its record commit built (the
    article is rendered at the period's last commit before the publishing). So a record commit for a real period,
    with the right commit, time and tag but made-up figures ("999") in its text, a table or a chart's CSV, is
    refused as the forgery it is (adv17g 6). A figure whose row or field the data never has (a sum row) is not
    judged. Each edition is judged once per commit it names and CSV files it holds: the ones found right are kept
    in `.cache-utgavor/` (ARTICLES_PROVEN)."""
    from ..models import versions

    if not recorded.article or archive.repository is None:
        return ""
    kept_file = Path(archive.cache_dir) / ARTICLES_PROVEN if getattr(archive, "cache_dir", None) else None
    proven = archive.__dict__.get("_articles_proven")
    if proven is None:
        try:
            proven = {tuple(entry) for entry in read_json(kept_file, [])} if kept_file else set()
        except TypeError:
            proven = set()
        archive.__dict__["_articles_proven"] = proven
    csv_blobs = {name: blob for name, blob in sorted(recorded.files.items()) if name.endswith(".csv")}
    entry = (recorded.article, recorded.commit, " ".join(csv_blobs.values()))
    if entry in proven:
        return ""
    try:
        text = archive.repository.read_blob(recorded.article).decode("utf-8", errors="replace")
        csvs = {name: archive.repository.read_blob(blob) for name, blob in csv_blobs.items()}
    except (HistoryError, OSError):
        return ""  # the record's own check of its files says so
    found, shape = shown_figures.claims(text, csvs)
    if shape:
        return shape
    if found:
        try:
            _added, parents = _added_by(archive.record, f"{recorded.url}utgava.json", tip)
        except HistoryError:
            parents = []
        built = parents[1] if len(parents) > 1 else None
        later: dict[str, list[str]] = {}  # dataset → the commits after the edition's, up to the one built, that changed it
        for claim in found:
            first = _value_at(archive, recorded.commit, claim.dataset, claim.key, claim.field, "")
            if first is not None and claim.holds(*first):
                continue  # the common case: no git call beyond the commit's listing, read once per commit
            if claim.dataset not in later:
                later[claim.dataset] = []
                if built:
                    files = [f"data/{known}{suffix}" for known in _ids_before(archive, built, claim.dataset) for suffix in (".csv", ".schema.yaml")]
                    try:
                        later[claim.dataset] = archive.repository._git("log", "--first-parent", "--format=%H", f"{recorded.commit}..{built}", "--", *files).split()
                    except HistoryError:
                        pass
            values = [v for v in (_value_at(archive, c, claim.dataset, claim.key, claim.field, "")
                                  for c in dict.fromkeys([recorded.commit, *later[claim.dataset]])) if v is not None]
            if not values or any(claim.holds(*v) for v in values):
                continue
            title = _field_title(archive, recorded.commit, claim.dataset, claim.field)
            dataset, value = values[0]
            return (f"{claim.where} visar {title} ({claim.key}) i {claim.dataset} som {claim.shown}, men i incheckningen "
                    f"{recorded.commit[:10]}, som den säger att den publicerades från, är värdet {versions.shown(dataset, claim.field, value)}")
    proven.add(entry)
    if kept_file is not None:
        try:
            write_json(kept_file, sorted(proven))
        except OSError:
            pass
    return ""


def _field_title(archive, commit: str, dataset_id: str, name: str) -> str:
    """A field's title in `commit` (as "Nytt och ändrat" names it), else its name."""
    for dataset in archive.__dict__.get("_datasets_at", {}).values():
        if dataset is not None and dataset.id == dataset_id and name in dataset.schema.fields:
            return getattr(dataset.schema.fields[name], "title", None) or name
    return name


def _misdated(archive, recorded, index: int | None, tip: str | None = None) -> str:
    """Why `recorded` is not dated as the publishing dates it ("" if it is). An edition added after the first
    record (`--first-record` dates its editions the day it records them) is dated with the moment the publishing
    build recorded it (`Archive.publish_now`), which is also the time of the record commit that build made
    (data/record.append), or, recorded again, the earlier moment the live site showed: utgava.json's date must be
    that commit's or strictly between it and the record commit before it, and not before the record commit it follows
    nor after the one that follows it (a date written by hand into utgava.json, or a record commit dated by hand
    into the past, is refused). A record made before (adv17i PW1) holds the time of the commit it names, as then.
    `tip`: the record commit whose line holds it (a tag's, when the branch is gone and no cache says its line was
    judged: its own line dates it, not the record read, adv17j F48)."""
    line, position = _line_of(archive, recorded.url, tip)
    if position <= 1:
        return ""
    if index is not None:
        when = archive.history.commits[index].date
    else:
        try:
            when = archive.repository._git("show", "-s", "--format=%cI", recorded.commit).strip()
        except HistoryError:
            when = ""
    # The Swedish day; an edition recorded before the record kept it has the commit's own day (its offset's).
    if when and recorded.published_at == when and recorded.published in (swedish.day(when).isoformat(), when[:10]):
        return ""
    times = _record_times(archive, [line.get(position - 1), line.get(position), line.get(position + 1)])
    before, added, after = times
    try:
        moment, day = _utc(recorded.published_at), swedish.day(recorded.published_at).isoformat()
    except (ValueError, TypeError):
        moment = day = None
    # Recorded again (a record job that failed, a restore from an older tag), an edition keeps the moment the live
    # site showed (pages/live_site.live_moments, adv17j PW2): strictly between the record commit it follows and its own.
    if (moment is not None and added is not None and recorded.published == day
            and (moment == added or before is not None and before < moment < added)
            and (before is None or before <= added) and (after is None or added <= after)):
        return ""
    said = (f"utgava.json säger att den publicerades {recorded.published_at}, men incheckningen {recorded.commit[:10]}, "
            f"som den säger att den publicerades från, är från {when or '(okänd tid)'}")
    if added is not None:  # the publishing's own date: its record commit's
        said += f", och arkivets incheckning som lade till den är från {added.astimezone(swedish.time_zone()).isoformat()}"
        if before is not None and added < before:
            said += f", före arkivets incheckning före den ({before.astimezone(swedish.time_zone()).isoformat()})"
        elif after is not None and after < added:
            said += f", efter arkivets incheckning efter den ({after.astimezone(swedish.time_zone()).isoformat()})"
    return said


def _line_of(archive, url: str, tip: str | None) -> tuple[dict[int, str], int]:
    """({number: record commit} of `tip`'s line, by default the record's; the number of the one that added `url`,
    1 if none did: a first record's)."""
    record = archive.record
    if tip is None or tip == record.commit:
        line = {number: sha for sha, number, _built in getattr(record, "_chain", [])}
        return line, record.__dict__.get("added_at", {}).get(url, 1)
    lines = archive.__dict__.setdefault("_record_lines", {})
    if tip not in lines:
        try:
            lines[tip] = record.repository._git("rev-list", "--first-parent", "--reverse", tip).split()
        except HistoryError:
            lines[tip] = []
    shas = lines[tip]
    try:
        added, _parents = _added_by(record, f"{url}utgava.json", tip)
    except HistoryError:
        added = "?"
    return dict(enumerate(shas)), (shas.index(added) if added in shas else 1)


def _record_times(archive, commits: list[str | None]) -> list[dt.datetime | None]:
    """The committer times of some record commits (None: no such commit)."""
    known = [c for c in commits if c]
    try:
        out = archive.repository._git("show", "-s", "--format=%cI", *known).split() if known else []
    except HistoryError:
        out = []
    times = dict(zip(known, out))
    return [_utc(times[c]) if c in times else None for c in commits]


def _utc(iso: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(iso)
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)).astimezone(dt.timezone.utc)


def blobs_at(archive, commit: str, paths: list[str]) -> dict[str, str] | None:
    """{path: blob id} of `paths` in `commit` (None: git does not have the commit). A commit's
    pages and data are listed once per build: many editions name the same commit."""
    trees = archive.__dict__.setdefault("_trees", {})
    if commit not in trees:
        try:
            out = archive.repository._git("ls-tree", "-r", "-z", commit, "--", archive.docs, "data")
        except HistoryError:
            out = None
        trees[commit] = None if out is None else {
            path: info.split()[2] for info, _, path in (entry.partition("\t") for entry in filter(None, out.split("\0")))
        }
    tree = trees[commit]
    return None if tree is None else {path: tree[path] for path in paths if path in tree}


# ---------------------------------------------------------------- reports that moved

def renamed(archive, index: int, folder: str) -> dict[str, str]:
    """What commit `index` renamed below `folder` (git's rename detection): {old path: new path}."""
    sha = archive.history.commits[index].sha
    try:
        out = archive.repository._git("diff", "--find-renames", "--name-status", "-z", "--relative", f"{sha}^1", sha, "--", folder)
    except HistoryError:  # the first commit: nothing before it
        return {}
    fields, found, at = out.split("\0"), {}, 0
    while at < len(fields) - 1:
        status = fields[at]
        if status[:1] in ("R", "C"):
            if status[:1] == "R":
                found[fields[at + 1]] = fields[at + 2]
            at += 3
        else:
            at += 2
    return found


def living_url(archive, report_url: str) -> str:
    """Where a report's readers go now (a site path): its living page; the page it was renamed to
    (followed through git's rename detection of docs/); or the start page ("") if it has ended."""
    known = archive.__dict__.setdefault("_living_urls", {})
    if report_url not in known:
        from .reports import page_url

        in_nav = {page_url(source) for source in archive.pages}
        url, seen = report_url, set()
        while url not in in_nav and url not in seen and len(seen) < 20:
            seen.add(url)
            sources = {r.source for r in archive.record.editions.values() if r.report_url == url} or {url.rstrip("/") + ".md"}
            url = next(filter(None, (_renamed_page(archive, source) for source in sorted(sources))), "")
        if not url or url not in in_nav:  # ended ("" is the start page's address), unless main went back to before a rename
            back = _renamed_from(archive, report_url, in_nav)
            if back:
                archive.__dict__.setdefault("_returned", set()).add(report_url)
            url = back or url
        known[report_url] = url if url in in_nav else ""
    return known[report_url]


def returned(archive, report_url: str) -> bool:
    """Whether `report_url` is a renamed page's address that main no longer has because main went back to before
    the rename (`living_url` found it by `_renamed_from`): no page was renamed by main, the rename was undone."""
    living_url(archive, report_url)
    return report_url in archive.__dict__.get("_returned", set())


def _renamed_from(archive, report_url: str, in_nav: set[str]) -> str | None:
    """The living page a report continues at when main went back to before its page was renamed (a force-push,
    adv17e fault 80): the line that published its newest recorded edition (its commit, kept reachable by the
    record) renamed a page that main's nav has now into this report's page. None: no such rename (a report that
    ended, or one only main's own history renamed: `_renamed_page`)."""
    from .reports import page_url

    recorded = [r for r in archive.record.editions.values() if r.report_url == report_url]
    if not recorded or archive.repository is None:
        return None
    newest = max(recorded, key=lambda r: (r.published_at, r.url))
    try:
        out = archive.repository._git(
            "log", "--first-parent", "-M", "--diff-filter=R", "--name-status", "-z", "--format=", newest.commit, "--", archive.docs,
        )
    except HistoryError:
        return None
    tokens, came_from = [t.strip("\n") for t in out.split("\0")], {}
    for at, token in enumerate(tokens):
        if token.startswith("R") and at + 2 < len(tokens):
            came_from.setdefault(tokens[at + 2], tokens[at + 1])  # newest rename first (git log's order)
    path, seen = archive.page_path(newest.source), set()
    while path in came_from and path not in seen:
        seen.add(path)
        path = came_from[path]
        url = page_url(path.removeprefix(archive.docs + "/"))
        if url in in_nav:
            return url
    return None


def _renamed_page(archive, source: str) -> str | None:
    """The report page `source` (below docs/) was renamed to, as a site path, or None."""
    from .reports import page_url

    path = archive.page_path(source)
    gone = [i for i in archive.history.changes_of(path) if archive.history.blob_at(path, i) is None]
    new = renamed(archive, gone[-1], archive.docs).get(path) if gone else None
    return page_url(new.removeprefix(archive.docs + "/")) if new else None
