"""The published site as the last witness of the record: before a first record (--first-record) the
build reads the site's own feed at its public address. A site that already shows editions had a
record; if the branch `publicerat`, its tags and the workflow's cache were all deleted, nothing in
git is left to say so, and a first record would publish every edition again with today's date.

The feed (`nytt-och-andrat.xml`) lists the editions with their addresses; a new site's address
answers 404 (Pages not yet deployed) and is fine. A site that cannot answer is not guessed about:
the first record waits until it can be asked."""

from __future__ import annotations

import os
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from urllib.parse import urljoin, urlsplit

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


def feed_address(site_url: str) -> str | None:
    """Where the published site's feed is read (None: the address can never be a published site, as the
    template's example.invalid, and nothing was ever published there)."""
    base = os.environ.get(WITNESS) or site_url
    host = urlsplit(base or "").hostname or ""
    if not base or not os.environ.get(WITNESS) and (not host or _reserved(host)):
        return None
    return urljoin(base.rstrip("/") + "/", FEED)


def first_record_refusals(site_url: str, timeout: float = 20) -> list[str]:
    """Why a first record must not be made: the published site already shows editions, or could not be asked."""
    feed = feed_address(site_url)
    if feed is None or os.environ.get(LOST, "").strip().lower() in ("1", "true", "ja"):
        return []
    try:
        with urllib.request.urlopen(urllib.request.Request(feed, headers={"Cache-Control": "no-cache"}), timeout=timeout) as response:
            body = response.read()
    except urllib.error.HTTPError as exc:
        if exc.code in (404, 410):
            return []  # nothing published there yet
        return [LIVE_UNREACHABLE.coded(feed=feed, reason=f"HTTP {exc.code}")]
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return [LIVE_UNREACHABLE.coded(feed=feed, reason=str(getattr(exc, "reason", exc)))]
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        return [LIVE_UNREACHABLE.coded(feed=feed, reason="svaret var inget flöde (Atom)")]
    editions = sorted({link.get("href", "") for entry in root.iter(f"{ATOM}entry") for link in entry.iter(f"{ATOM}link")
                       if "/utgavor/" in link.get("href", "")})
    if not editions:
        return []
    return [LIVE_EDITIONS.coded(feed=feed, count=len(editions), examples=", ".join(editions[:3]))]
