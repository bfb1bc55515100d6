"""The published site as the witness of the record: before a first record (--first-record) the
build reads the site's own feed at its public address, and so does every publishing build (--record) and
`mkdocs gh-deploy`: an edition the feed lists that the build does not publish was lost from the record
(set back by a stale clone's `git push --mirror`, adv17i PW3, PW4) and is refused (`lost_editions`).
A site that already shows editions had a record; if the branch `publicerat`, its tags and the
workflow's cache were all deleted, nothing in git is left to say so, and a first record would
publish every edition again with today's date.

The feed (`nytt-och-andrat.xml`) lists the editions with their addresses; a new site's address
answers 404 (Pages not yet deployed) and is fine. A site that cannot answer is not guessed about:
the first record waits until it can be asked."""

from __future__ import annotations

import datetime as dt
import os
import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from urllib.parse import unquote, urljoin, urlsplit

from ..data.messages import Message
from .changes import FEED
from .settings import _reserved

WITNESS = "RAPPORT_PUBLICERAD_WEBBPLATS"  # the published site's address when it is read elsewhere than site_url (a mirror; the tests' local server)
LOST = "RAPPORT_ARKIVET_FORLORAT"  # =ja: no copy of the record is left anywhere; start anew knowingly (README)
ATOM = "{http://www.w3.org/2005/Atom}"

LIVE_EDITIONS = Message(
    "arkivet-finns-pa-webbplatsen",
    "Grenen publicerat (arkivet över publicerade utgåvor) saknas, men den publicerade webbplatsen {feed} visar redan "
    "{count} utgåvor, till exempel {examples}: ett arkiv har funnits och har tagits bort, med sina taggar och byggets "
    "cache. Bygget gör inte en första publicering av en webbplats som redan har publicerat: alla utgåvor skulle "
    "publiceras igen med dagens datum. Återställ grenen publicerat och taggarna publicerat-* från en klon eller "
    "säkerhetskopia som har dem (git push origin publicerat och git push origin "
    "'refs/tags/publicerat-*:refs/tags/publicerat-*' därifrån), och publicera igen utan Första publiceringen. Skydda "
    "sedan grenen och taggarna mot borttagning (README). Finns arkivet inte kvar någonstans: README säger hur ett nytt "
    "börjas med vetskap om det (RAPPORT_ARKIVET_FORLORAT).",
    "En första publicering (Första publiceringen, --first-record) läser först webbplatsens flöde på dess publika "
    "adress. Visar webbplatsen redan utgåvor har arkivet funnits och tagits bort: återställ det i stället för att "
    "börja om, annars får alla utgåvor nya datum.",
)
LIVE_UNREACHABLE = Message(
    "arkivet-webbplatsen-svarar-inte",
    "En första publicering läser först webbplatsens flöde {feed} för att se att webbplatsen inte redan har publicerat "
    "utgåvor, men adressen svarade inte: {reason}. Kontrollera site_url i mkdocs.yml och försök igen när webbplatsen "
    "svarar (en ny webbplats som inte är publicerad än svarar 404, och det går bra).",
    "Första publiceringen börjar arkivet bara när webbplatsens publika adress har svarat att den inte visar några "
    "utgåvor (eller att den inte finns än, 404).",
)

LIVE_LOST = Message(
    "arkivet-saknar-publicerad-utgava",
    "Den publicerade webbplatsen {feed} visar utgåvor som det här bygget inte publicerar: {editions}. Arkivet "
    "(grenen publicerat) har förlorat dem, till exempel satt tillbaka med git push --mirror eller --force från en gammal "
    "klon, eller så är arkivet i den här klonen äldre än GitHubs. Bygget publicerar inte en webbplats utan dem. "
    "Återställ grenen publicerat och taggarna från en klon eller säkerhetskopia som har dem: från taggen {tag} eller en "
    "senare om den finns kvar där ({restore}), annars git push origin publicerat från en klon som har grenen. Återställ "
    "main också om den sattes tillbaka, hämta (git fetch --tags origin) och publicera igen. Skydda sedan grenen, "
    "taggarna publicerat-* och main mot force-push och borttagning (README).",
    "Varje publicering och mkdocs gh-deploy läser webbplatsens flöde på dess publika adress. En utgåva som "
    "webbplatsen visar men som bygget inte skulle publicera har försvunnit ur arkivet: bygget vägrar i stället för att "
    "ta bort den från webbplatsen, och säger hur arkivet återställs.",
)
LIVE_NOT_ASKED = Message(
    "arkivet-webbplatsen-svarade-inte",
    "Bygget läser webbplatsens flöde {feed} för att se att varje utgåva som är publicerad där finns kvar i arkivet, "
    "men adressen svarade inte: {reason}. Bygget publicerar ändå (ett avbrott på webbplatsen ska inte stoppa "
    "publiceringen), men utan den kontrollen. Svarar adressen inte heller nästa gång, kontrollera site_url i mkdocs.yml.",
    "En publicering jämför utgåvorna med dem som webbplatsen visar. Svarar webbplatsen inte, publiceras det ändå och "
    "bygget säger att jämförelsen inte gjordes.",
)
LIVE_CHANGED = Message(
    "arkivet-andrar-publicerat-flode",
    "Den publicerade webbplatsens flöde {feed} säger något annat än flödet det här bygget skriver: {entries}. Det som "
    "har publicerats ändras inte: en utgåvas eller en rättelses publiceringstid flyttas inte, och en publicerad "
    "rättelse, indragning eller reviderad uppgift försvinner inte. Arkivet (grenen publicerat) har förlorat det, till "
    "exempel återställt från en äldre tagg, satt tillbaka med git push --mirror eller --force från en gammal klon, "
    "eller så är arkivet i den här klonen äldre än GitHubs. Bygget publicerar inte. Återställ grenen publicerat och "
    "taggarna från en klon eller säkerhetskopia som har dem: från taggen {tag} eller en senare om den finns kvar där "
    "({restore}), annars git push origin publicerat från en klon som har grenen. Återställ main också om den sattes "
    "tillbaka, hämta (git fetch --tags origin) och publicera igen.",
    "Varje publicering och mkdocs gh-deploy jämför flödet den skriver med webbplatsens: en post som webbplatsen har "
    "ska finnas kvar med samma publiceringstid (utom de äldsta, som flödet släpper när det har 50 poster). Annars "
    "har arkivet förlorat något som har publicerats, och bygget vägrar och säger hur arkivet återställs.",
)
EDITION_PATH = re.compile(r"(?:[^/]+/)*utgavor/[^/]+/")


def feed_address(site_url: str) -> str | None:
    """Where the published site's feed is read (None: the address can never be a published site, as the
    template's example.invalid, and nothing was ever published there)."""
    base = os.environ.get(WITNESS) or site_url
    host = urlsplit(base or "").hostname or ""
    if not base or not os.environ.get(WITNESS) and (not host or _reserved(host)):
        return None
    return urljoin(base.rstrip("/") + "/", FEED)


_READ: dict[str, tuple[ET.Element | None, str | None]] = {}  # feed → (its root, why not read): asked once per build


def _live_feed(feed: str, timeout: float) -> tuple[ET.Element | None, str | None]:
    """(the feed's root, None: 404, nothing published yet; why it could not be read or None)."""
    if feed not in _READ:
        try:
            with urllib.request.urlopen(urllib.request.Request(feed, headers={"Cache-Control": "no-cache"}), timeout=timeout) as response:
                body = response.read()
        except urllib.error.HTTPError as exc:
            _READ[feed] = (None, None) if exc.code in (404, 410) else (None, f"HTTP {exc.code}")
        except (urllib.error.URLError, OSError, ValueError) as exc:
            _READ[feed] = (None, str(getattr(exc, "reason", exc)))
        else:
            try:
                _READ[feed] = (ET.fromstring(body), None)
            except ET.ParseError:
                _READ[feed] = (None, "svaret var inget flöde (Atom)")
    return _READ[feed]


def _live_editions(feed: str, timeout: float) -> tuple[list[str], str | None]:
    """(the edition addresses the feed lists, why it could not be read or None); 404: nothing published yet."""
    root, failed = _live_feed(feed, timeout)
    if root is None:
        return [], failed
    return sorted({link.get("href", "") for entry in root.iter(f"{ATOM}entry") for link in entry.iter(f"{ATOM}link")
                   if "/utgavor/" in link.get("href", "")}), None


def feed_entries(root: ET.Element) -> dict[str, tuple[str, str, str]]:
    """Each entry of an Atom feed by its <id>: (its <published>, its title, its link)."""
    found = {}
    for entry in root.iter(f"{ATOM}entry"):
        link = entry.find(f"{ATOM}link")
        found[(entry.findtext(f"{ATOM}id") or "").strip()] = (
            (entry.findtext(f"{ATOM}published") or "").strip(), (entry.findtext(f"{ATOM}title") or "").strip(),
            link.get("href", "") if link is not None else "",
        )
    return found


def live_moments(site_url: str, earlier: list[str], timeout: float = 20) -> dict[str, str]:
    """Each edition the live feed lists, as a site path → its <published>: an edition recorded again (a record job
    that failed, a record restored from an older tag) keeps the moment readers saw (adv17j PW2). {}: not read."""
    feed = feed_address(site_url)
    if feed is None or os.environ.get(LOST, "").strip().lower() in ("1", "true", "ja"):
        return {}
    root, _failed = _live_feed(feed, timeout)
    if root is None:
        return {}
    bases = [site_url, *earlier, os.environ.get(WITNESS) or ""]
    found = {}
    for entry_id, (published, _title, href) in feed_entries(root).items():
        path = site_path(entry_id, bases) or site_path(href, bases)
        if path is not None and published:
            found[path] = published
    return found


def _instant(iso: str) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)).astimezone(dt.timezone.utc)


def changed_entries(live: dict[str, tuple[str, str, str]], new: dict[str, tuple[str, str, str]], keeps: int) -> list[str]:
    """What the new feed would change of the live one (each entry said in Swedish; [] if nothing): an entry the
    live feed has must be in the new one with the same <published>, unless it is older than the oldest entry the
    new feed keeps (a full feed, `keeps` entries, drops its oldest)."""
    times = [t for t in (_instant(p) for p, _t, _h in new.values()) if t is not None]
    oldest = min(times) if len(new) >= keeps and times else None
    said = []
    for entry_id, (published, title, _href) in sorted(live.items(), key=lambda item: (item[1][0], item[0])):
        moment = _instant(published)
        if entry_id not in new:
            if moment is not None and oldest is not None and moment < oldest:
                continue
            said.append(f"»{title}« ({entry_id}, publicerad {published}) skulle försvinna")
        elif moment is not None and _instant(new[entry_id][0]) != moment:
            said.append(f"»{title}« ({entry_id}) publicerades {published} men skulle få tiden {new[entry_id][0]}")
    return said


def feed_refusals(site_url: str, written: bytes, next_tag: str, where: str = "mkdocs.yml", timeout: float = 20) -> list[str]:
    """The witness on what was published, not only where: the feed this build writes (`written`) compared with
    the live one (`changed_entries`): a publication moment moved or a published entry lost means the record lost
    what the site showed (restored from an older tag, a branch set back, adv17j PW1). Not read: said already."""
    from .changes import FEED_ENTRIES

    feed = feed_address(site_url)
    if feed is None or os.environ.get(LOST, "").strip().lower() in ("1", "true", "ja"):
        return []
    root, _failed = _live_feed(feed, timeout)
    if root is None:
        return []
    try:
        new = feed_entries(ET.fromstring(written))
    except ET.ParseError:
        return []
    said = changed_entries(feed_entries(root), new, FEED_ENTRIES)
    if not said:
        return []
    restore = (f"git push origin '{next_tag}^{{commit}}:refs/heads/publicerat' och git push origin "
               "'refs/tags/publicerat-*:refs/tags/publicerat-*'")
    return [f"{where}: " + LIVE_CHANGED.coded(feed=feed, entries="; ".join(said), tag=next_tag, restore=restore)]


def first_record_refusals(site_url: str, timeout: float = 20) -> list[str]:
    """Why a first record must not be made: the published site already shows editions, or could not be asked."""
    feed = feed_address(site_url)
    if feed is None or os.environ.get(LOST, "").strip().lower() in ("1", "true", "ja"):
        return []
    editions, failed = _live_editions(feed, timeout)
    if failed:
        return [LIVE_UNREACHABLE.coded(feed=feed, reason=failed)]
    if not editions:
        return []
    return [LIVE_EDITIONS.coded(feed=feed, count=len(editions), examples=", ".join(editions[:3]))]


def site_path(address: str, bases: list[str]) -> str | None:
    """An edition's address as a path below the site (`astorp/utgavor/2022-10/`), whichever of the site's addresses
    (site_url, extra.tidigare_adresser, the witness's) it is under; None: under none of them."""
    path = unquote(urlsplit(address).path)
    for base in sorted({(urlsplit(b).path.rstrip("/") + "/") for b in bases if b}, key=len, reverse=True):
        if path.startswith(base) and EDITION_PATH.fullmatch(path[len(base):]):
            return path[len(base):]
    return None


def lost_editions(
    site_url: str, earlier: list[str], published: set[str], next_tag: str, where: str = "mkdocs.yml", timeout: float = 20,
) -> tuple[list[str], list]:
    """(refusals, notices) of a publishing build or a deploy: every edition the live feed lists must be one that
    this build publishes (`published`, site paths), else the record lost it. A site that does not answer is a notice
    (a Pages outage must not stop publishing); 404 is a site with nothing published yet."""
    feed = feed_address(site_url)
    if feed is None or os.environ.get(LOST, "").strip().lower() in ("1", "true", "ja"):  # starting anew knowingly
        return [], []
    editions, failed = _live_editions(feed, timeout)
    if failed:
        return [], [LIVE_NOT_ASKED.problem(where, 0, 0, "notice", feed=feed, reason=failed)]
    bases = [site_url, *earlier, os.environ.get(WITNESS) or ""]
    lost = sorted({path for path in (site_path(e, bases) for e in editions) if path is not None and path not in published})
    if not lost:
        return [], []
    restore = (f"git push origin '{next_tag}^{{commit}}:refs/heads/publicerat' och git push origin "
               "'refs/tags/publicerat-*:refs/tags/publicerat-*'")
    return [f"{where}: " + LIVE_LOST.coded(feed=feed, editions=", ".join(lost), tag=next_tag, restore=restore)], []
