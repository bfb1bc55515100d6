"""The settings in mkdocs.yml that say whose site it is, checked before anything is published.

The public address (`site_url`) goes into every canonical link, the feed, citations and the
record of published editions; the publisher (`extra.utgivare`) signs the accessibility
statement, which the law requires to name a working contact. A template's example value
there, or a value no reader can use, must never reach the public site. The same check stops
`scripts/build.py --publish` and `scripts/ny-webbplats.py` (which writes these settings), so
what one accepts the other publishes.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from ..data.messages import Message
from ..data.problems import shown

# Host names that can never be a public site (RFC 2606 and 6761): documentation and test names.
RESERVED_DOMAINS = ("invalid", "test", "example", "localhost", "example.com", "example.net", "example.org")
TEMPLATE_WORDS = ("Exempelkommun",)  # the template's made-up publisher
EMAIL = re.compile(r"[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\".]{2,}")
PHONE = re.compile(r"\+?[0-9][0-9 \u00a0\-–()/]{4,}[0-9]")
# The publisher's keys, all shown in the accessibility statement (docs/tillganglighet.md).
PUBLISHER = ("namn", "webbplats", "epost", "telefon")

EMPTY = Message(
    "installning-saknas",
    "Värdet saknas. {fix}",
    "En inställning som webbplatsen visar (namn, adress, utgivare, e-post, telefon) saknar värde. "
    "Skriv in den i mkdocs.yml eller ange den till scripts/ny-webbplats.py.",
)
TEMPLATE_VALUE = Message(
    "installning-ar-exempel",
    "{value} är mallens exempel. {fix}",
    "Inställningen har kvar mallens påhittade värde (Exempelkommun, en adress som slutar på .invalid, "
    "telefon 0000-…). Skriv in webbplatsens riktiga uppgift innan den publiceras.",
)
ADDRESS_NOT_HTTPS = Message(
    "adress-inte-https",
    "Adressen {value} börjar inte med https://. Webbplatsen ska nås krypterat, och GitHub Pages "
    "använder alltid https. Skriv till exempel https://ystad.github.io/socialrapporter/.",
    "Webbplatsens adress (site_url) ska börja med https://.",
)
ADDRESS_MALFORMED = Message(
    "adress-felaktig",
    "Adressen {value} går inte att använda: {reason}. Skriv hela adressen som den ser ut i webbläsaren, "
    "till exempel https://ystad.github.io/socialrapporter/.",
    "Webbplatsens adress (site_url) är inte en hel webbadress (saknar värdnamn, har mellanslag, "
    "frågetecken, # eller användarnamn).",
)
ADDRESS_EXAMPLE = Message(
    "adress-ar-exempel",
    "Adressen {value} kan inte vara en publik webbplats: {host} är ett namn som bara används i exempel och "
    "tester. Skriv webbplatsens riktiga adress, till exempel https://ystad.github.io/socialrapporter/.",
    "Webbplatsens adress (site_url) slutar på .invalid, .test, .example, example.com eller liknande, "
    "eller är localhost: namn som aldrig kan vara en publik webbplats.",
)
EMAIL_MALFORMED = Message(
    "epost-felaktig",
    "{value} ser inte ut som en e-postadress. Skriv en adress som läsare kan skriva till, till exempel "
    "socialtjansten@ystad.se.",
    "Utgivarens e-postadress (extra.utgivare.epost) ska ha formen namn@kommun.se.",
)
PHONE_MALFORMED = Message(
    "telefon-felaktig",
    "{value} ser inte ut som ett telefonnummer. Skriv numret med siffror, till exempel 0411-57 70 00.",
    "Utgivarens telefonnummer (extra.utgivare.telefon) ska bestå av siffror, mellanslag och bindestreck.",
)
MARKUP_IN_SETTING = Message(
    "installning-har-kod",
    "{value} innehåller tecknet {char}, som i webbsidornas kod kan bli en tagg i stället för text. Skriv värdet "
    "utan < och >, till exempel Socialförvaltningen i Ystads kommun.",
    "Namn, utgivare, e-post och telefon visas på varje sida och i tillgänglighetsredogörelsen; tecknen < och > "
    "kan där tolkas som HTML (till exempel <script>) och vägras därför.",
)
NOT_A_CLONE = Message(
    "inte-en-git-klon",
    "Mappen är inte en git-klon, så utgåvorna kan inte byggas, och en publicering utan dem skulle ta bort "
    "alla utgåvor från webbplatsen. Bygg ur en klon med hela historiken (git clone).",
    "Utgåvorna byggs ur git-historiken: en nedladdad kopia utan .git kan förhandsgranskas men inte publiceras.",
)

# What scripts/ny-webbplats.py, which writes these settings, can refuse besides them.
UNCOMMITTED = Message(
    "oincheckade-andringar",
    "Det finns ändringar som inte är incheckade: {files}. Checka in dem först (git add -A och git commit) eller "
    "lägg undan dem (git stash), så att git diff visar just det som kommandot ändrar och git checkout . ångrar det. "
    "Vill du köra ändå: lägg till --trots-andringar.",
    "scripts/ny-webbplats.py ändrar många filer; med oincheckade ändringar går dess ändringar inte att skilja "
    "från dina eller att ångra.",
)
EXAMPLE_IN_USE = Message(
    "exempel-anvands",
    "{where}: {found} hör till mallens exempelrapporter, som --utan-exempel tar bort. Ta bort eller ändra raden "
    "först, annars går webbplatsen inte att bygga.",
    "En sida eller mkdocs.yml läser exempeldata eller länkar till en exempelrapport som --utan-exempel skulle ta bort.",
)
INVISIBLE_IN_OPTION = Message(
    "osynligt-tecken-i-installning",
    "Värdet innehåller ett osynligt tecken ({char}). Skriv det igen utan tecknet.",
    "Ett värde till scripts/ny-webbplats.py innehåller en radbrytning eller ett annat osynligt tecken.",
)
CONFIG_UNEDITABLE = Message(
    "mkdocs-yml-gar-inte-att-andra",
    "{where}: {reason} Ändra {setting} för hand i mkdocs.yml och kör kommandot igen.",
    "mkdocs.yml är skriven på ett sätt som kommandot inte kan ändra utan att riskera resten av filen.",
)


@dataclass(frozen=True)
class SiteSettings:
    """Whose site it is: mkdocs.yml's site_name, site_url and extra.utgivare."""

    name: str = ""
    address: str = ""
    publisher: dict = field(default_factory=dict)

    @classmethod
    def of(cls, config: dict) -> "SiteSettings":
        """From mkdocs.yml read as a mapping (or site_config.project_config's summary)."""
        publisher = config.get("publisher")
        if publisher is None:
            publisher = (config.get("extra") or {}).get("utgivare") or {}
        return cls(str(config.get("site_name") or ""), str(config.get("site_url") or ""), dict(publisher))


@dataclass(frozen=True)
class SettingProblem:
    setting: str  # where in mkdocs.yml: "site_url", "extra.utgivare.epost"
    message: Message
    values: dict

    @property
    def text(self) -> str:
        return f"{self.message.text(**self.values)} [{self.message.code}]"


# What to write for each setting, said once for both commands.
FIXES = {
    "site_name": "Skriv webbplatsens namn, till exempel Socialtjänstens uppföljningar – Ystads kommun.",
    "site_url": "Skriv webbplatsens adress, till exempel https://ystad.github.io/socialrapporter/.",
    "extra.utgivare.namn": "Skriv vem som ger ut webbplatsen, till exempel Socialförvaltningen i Ystads kommun.",
    "extra.utgivare.webbplats": "Skriv webbplatsens namn (samma som site_name).",
    "extra.utgivare.epost": "Skriv en e-postadress som läsare kan skriva till, till exempel socialtjansten@ystad.se.",
    "extra.utgivare.telefon": "Skriv ett telefonnummer som läsare kan ringa, till exempel 0411-57 70 00.",
}


def settings_problems(settings: SiteSettings) -> list[SettingProblem]:
    """Everything in the settings that must not be published, each with its fix."""
    found = []
    values = {"site_name": settings.name, "site_url": settings.address}
    values |= {f"extra.utgivare.{key}": str(settings.publisher.get(key) or "") for key in PUBLISHER}
    for setting, value in values.items():
        value = value.strip()
        if not value:
            found.append(SettingProblem(setting, EMPTY, {"fix": FIXES[setting]}))
        elif "<" in value or ">" in value:
            char = "<" if "<" in value else ">"
            found.append(SettingProblem(setting, MARKUP_IN_SETTING, {"value": shown(value), "char": char}))
        elif any(word.lower() in value.lower() for word in TEMPLATE_WORDS) or _template_phone(setting, value):
            found.append(SettingProblem(setting, TEMPLATE_VALUE, {"value": shown(value), "fix": FIXES[setting]}))
        elif setting == "site_url":
            found += _address_problems(value)
        elif setting == "extra.utgivare.epost":
            domain = value.rpartition("@")[2]
            if _reserved(domain):
                found.append(SettingProblem(setting, TEMPLATE_VALUE, {"value": shown(value), "fix": FIXES[setting]}))
            elif not EMAIL.fullmatch(value):
                found.append(SettingProblem(setting, EMAIL_MALFORMED, {"value": shown(value)}))
        elif setting == "extra.utgivare.telefon" and not PHONE.fullmatch(value):
            found.append(SettingProblem(setting, PHONE_MALFORMED, {"value": shown(value)}))
    return found


def _template_phone(setting: str, value: str) -> bool:
    """The template's 0000-00 00 00: a number of zeros only."""
    digits = re.sub(r"\D", "", value)
    return setting == "extra.utgivare.telefon" and bool(digits) and set(digits) == {"0"}


def _reserved(host: str) -> bool:
    host = host.lower().rstrip(".")
    return any(host == name or host.endswith("." + name) for name in RESERVED_DOMAINS)


def _address_problems(value: str) -> list[SettingProblem]:
    def malformed(reason: str) -> list[SettingProblem]:
        return [SettingProblem("site_url", ADDRESS_MALFORMED, {"value": shown(value), "reason": reason})]

    if any(ch.isspace() for ch in value):
        return malformed("den innehåller mellanslag")
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
    except ValueError:
        return malformed("den går inte att tolka som en webbadress")
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return malformed("den ska börja med https:// och ett värdnamn")
    if parts.query or parts.fragment or "?" in value or "#" in value:
        return malformed("en webbplats adress har inget ? eller #")
    if parts.username or parts.password:
        return malformed("den innehåller ett användarnamn eller lösenord")
    if not host or "." not in host and host != "localhost":
        return malformed("värdnamnet saknas eller är ofullständigt")
    if _reserved(host) or _loopback(host):
        return [SettingProblem("site_url", ADDRESS_EXAMPLE, {"value": shown(value), "host": host})]
    if parts.scheme.lower() != "https":
        return [SettingProblem("site_url", ADDRESS_NOT_HTTPS, {"value": shown(value)})]
    return []


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback or ipaddress.ip_address(host).is_private
    except ValueError:
        return False


def normal_address(value: str) -> str:
    """`https://ystad.github.io/socialrapporter` (or `…/socialrapporter/index.html`) → the site's
    address with the trailing slash MkDocs' links assume."""
    value = value.strip()
    # A page's address copied from the browser (…/index.html) names the start page, not the site.
    for page in ("index.html", "index.htm"):
        if value.endswith("/" + page):
            value = value.removesuffix(page)
    return value if value.endswith("/") or not value else value + "/"


def same_address(one: str, other: str) -> bool:
    """Whether two written site addresses are one site: with or without the trailing slash (or
    `index.html`), the scheme and host in any letter case (`HTTPS://Example.se/x` is
    `https://example.se/x/`). The path keeps its case: a web server may tell `/X/` from `/x/`."""

    def key(value: str) -> str:
        value = normal_address(str(value or ""))
        parts = urlsplit(value)
        if not parts.scheme or not parts.netloc:
            return value
        return parts._replace(scheme=parts.scheme.lower(), netloc=parts.netloc.lower()).geturl()

    return key(one) == key(other)


# ---------------------------------------------------------------- where a setting is in mkdocs.yml


def setting_lines(config_text: str) -> dict[str, tuple[int, int]]:
    """Each scalar setting's place in mkdocs.yml as (line, column), 1-based: `site_url` → (6, 11),
    `extra.utgivare.epost` → (41, 12), so a message names the line to change."""
    try:
        root = yaml.compose(config_text, Loader=yaml.SafeLoader)  # nodes only: any tag (!ENV, !!python/name) is fine
    except yaml.YAMLError:
        return {}
    found: dict[str, tuple[int, int]] = {}

    def walk(node, prefix: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    path = f"{prefix}{key.value}"
                    found[path] = (value.start_mark.line + 1, value.start_mark.column + 1)
                    walk(value, path + ".")

    walk(root, "")
    return found


def place(config_file: Path, setting: str) -> str:
    """`mkdocs.yml:6:11`: where a setting is written (its key's parent, or line 1, when it is missing)."""
    config_file = Path(config_file)
    lines = setting_lines(config_file.read_text(encoding="utf-8"))
    while setting and setting not in lines:
        setting = setting.rpartition(".")[0]
    line, column = lines.get(setting, (1, 1))
    return f"{config_file.name}:{line}:{column}"
