"""What page authors write, checked in Swedish: front matter, the nav, the template
syntax, the names a page uses and the arguments of every macro call.

MkDocs silently treats front matter it cannot read as page text, builds a page left
out of `nav` where no reader finds it, and reports Jinja's and Python's errors in
English with a traceback. Here each mistake is one message naming the page, the line
and the fix, as a `Problem`, and the generator glue stops the build on it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import inspect
import os
import re
import sys
import types
import typing
import unicodedata
from pathlib import Path

import jinja2
import yaml
from jinja2 import nodes

from ..data import yamlfile
from ..data.catalog import is_guide_data, plain_name
from ..data.history import HistoryError
from ..data.messages import Message, Said, internal_error
from ..data.periods import impossible_period
from ..data.problems import AuthorError, Problem, UnknownName, char_name, log_line, shown, tracebacks_wanted
from . import arguments
from .reports import (BAD_MUNICIPALITY_CODE, GUIDE_DATA_ON_REPORT, FIXED_PERIOD, KEY_FIGURES, MUNICIPALITY, PERIOD_BOTH, PERIOD_NOT_TEXT, SERIES, KeyFigures,
                      municipality_code, nav_pages, page_url, split_page)

FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)  # MkDocs' own rule
JINJA_NAMES = frozenset({"range", "dict", "lipsum", "cycler", "joiner", "namespace", "loop", "caller", "varargs", "kwargs", "true", "false", "none", "True", "False", "None"})
GUIDE = "Se Så skriver du en rapportsida (docs/forfattarguide/)."
UNREADABLE_CODE = "Makrokoden på raden går inte att läsa: "  # the context of every syntax error


def _syntax(code: str, reason: str, description: str) -> Message:
    """A syntax error's message: the reason, then the line as the author wrote it."""
    return Message(code, reason.replace("{", "{{").replace("}", "}}") + " Raden: {row}", description, context=UNREADABLE_CODE)


UNBALANCED = {
    ")": _syntax("makro-slutparentes-saknas", "en slutparentes ) saknas före }}.", "Ett makroanrop öppnar en parentes som aldrig stängs."),
    "]": _syntax("makro-hakparentes-saknas", "en hakparentes ] saknas före }}.", "En lista i ett makroanrop stängs aldrig med ]."),
    '"': _syntax("makro-citattecken-oppet", 'ett citattecken (") stängs aldrig.', "En text i ett makroanrop stängs aldrig med citattecken."),
}
CLOSING_BRACE_MISSING = _syntax(
    "makro-klammer-saknas", "en } saknas: ett makro slutar med två klamrar, }}.",
    "Ett makro skrivs med två klamrar på varje sida: {{ value(...) }}. Här står bara en } sist.")
# Jinja's syntax errors, in the words an author needs (first match wins).
SYNTAX = [
    ("looking for the following tags", _syntax(
        "makro-block-oppet", "ett {% call … %} eller {% if … %} stängs aldrig: skriv {% endcall %} eller {% endif %} efter texten.",
        "En text inom {% call period_text(...) %} (eller {% if %}) saknar sitt {% endcall %} ({% endif %}).")),
    ("Missing end of comment", _syntax("makro-kommentar-oppen", "en kommentar {# stängs aldrig med #}.",
                                       "En kommentar på sidan börjar med {# men slutar aldrig med #}.")),
    ("unexpected ')'", _syntax("makro-slutparentes-extra", "en ) för mycket.", "En slutparentes för mycket i ett makroanrop.")),
    ("unexpected ']'", _syntax("makro-hakparentes-extra", "en ] för mycket.", "En ] för mycket i ett makroanrop.")),
    (", expected ')'", UNBALANCED[")"]),  # Jinja: "unexpected '}', expected ')'"
    (", expected ']'", UNBALANCED["]"]),
    ("unexpected '}'", _syntax("makro-klammer", "en } för mycket, eller {{ saknas. Ett makro skrivs {{ namn(...) }}, med två klamrar på varje sida.",
                               "Ett makro skrivs med två klamrar på varje sida: {{ value(...) }}.")),
    ("unexpected end of template", _syntax("makro-oavslutat", "ett {{ eller {% stängs aldrig. Varje {{ behöver ett }}.",
                                           "Ett {{ eller {% öppnas men stängs aldrig på sidan.")),
    ("unexpected char '\"'", _syntax("makro-citattecken", 'ett citattecken (") stängs aldrig.',
                                    "En text i ett makroanrop börjar med ett citattecken som aldrig stängs.")),
    ("unexpected char \"'\"", _syntax("makro-apostrof", "ett citattecken (') stängs aldrig.",
                                      "En text i ett makroanrop börjar med en apostrof som aldrig stängs.")),
    ("unexpected char", _syntax(
        "makro-tecken", 'ett tecken som inte får stå i ett makroanrop, till exempel typografiska citattecken (” ”) i stället för raka (").',
        'Ett makroanrop innehåller ett tecken som inte hör dit, oftast typografiska citattecken från Word. Skriv raka citattecken (").')),
    ("expected token ',', got", _syntax("makro-kommatecken", "ett kommatecken saknas mellan argumenten.",
                                        "Argumenten i ett makroanrop skiljs med kommatecken.")),
    ("expected token 'end of print statement'", _syntax(
        "makro-fel-inuti", "något står fel inne i {{ … }}: oftast saknas ett kommatecken mellan argumenten, eller citattecken runt en text.",
        "Makroanropet går inte att läsa: kontrollera kommatecken mellan argumenten och citattecken runt texter.")),
    ("unexpected 'end of print statement'", _syntax("makro-tomt", "{{ }} är tomt eller slutar för tidigt: skriv hela makroanropet.",
                                                    "Ett {{ }} utan makroanrop, eller ett anrop som slutar för tidigt.")),
    ("Encountered unknown tag", _syntax("makro-okand-tagg", "en okänd {% … %}-tagg. Rapportsidor behöver bara {{ makro(...) }}.",
                                        "En {% … %}-tagg som inte finns. Rapportsidor använder makron ({{ … }}) och {% call period_text %}.")),
]
SYNTAX_OTHER = _syntax("makro-syntax", "kontrollera klamrarna {{ }}, parenteser, kommatecken och raka citattecken.",
                       "Makrokoden på raden går inte att läsa. Kontrollera klamrar, parenteser, kommatecken och citattecken.")
UNKNOWN_NAME = Message(
    "okant-namn", 'Okänt namn "{name}".{hint} {guide}',
    "Sidan använder ett namn som inte är ett makro, oftast ett felstavat makro eller en text utan citattecken. "
    "Meddelandet föreslår det närmaste makrot.",
)
OTHER_FILES = Message(
    "makro-andra-filer",
    "En sida får inte hämta andra filer med {{% include %}}, {{% import %}} eller {{% extends %}}. Skriv texten på "
    "sidan eller använd ett makro. {guide}",
    "En rapportsida får inte läsa in andra filer. Skriv texten på sidan.",
)
PRIVATE = Message(
    "makro-privat-namn", 'Makrokoden använder "{name}": namn som börjar med _ är inte till för sidor. {guide}',
    "Namn som börjar med _ hör till webbplatsens insidor och får inte användas på sidor.",
)
FRONT_MATTER_OPEN = Message(
    "sidhuvud-oavslutat",
    "Sidhuvudet (front matter) börjar med --- men avslutas aldrig med en rad med bara ---. Lägg till den raden efter "
    "sidhuvudets sista rad (title, description …).",
    "Sidhuvudet börjar med en rad med bara --- och ska sluta med en likadan rad.",
)
FRONT_MATTER_UNREADABLE = "Sidhuvudet (front matter) går inte att läsa: "  # the context of a YAML error in front matter
FRONT_MATTER_NOT_A_MAP = Message(
    "sidhuvud-inte-karta", "Sidhuvudet (front matter) ska vara rader med nyckel och värde, till exempel title: Kort titel.",
    "Sidhuvudet ska vara rader som title: Kort titel.",
)
FRONT_MATTER_HTML = Message(
    "sidhuvud-html",
    "Sidhuvudet (front matter): {key} innehåller < eller >. Värdena visas som text i sidans rubrik och huvud och får "
    "inte innehålla HTML; skriv texten utan taggar.",
    "Sidhuvudets texter visas som de är i sidans rubrik och får inte innehålla HTML.",
)
FRONT_MATTER_DATE = Message(
    "sidhuvud-datum", 'Sidhuvudet (front matter): datum ska vara ett datum som finns, skrivet ÅÅÅÅ-MM-DD inom citattecken, till exempel "2022-09-09", men är "{value}".',
    "Rapportens datum skrivs datum: \"2022-09-09\" (år, månad, dag) och måste vara ett datum som finns.",
)
SERIES_WITHOUT_MONTHS = Message(
    "manadsserie-utan-manader",
    "manadsserie: datasetet {dataset} har ingen månadskolumn, så sidans period kan inte räknas fram ur det. Ange ett "
    "dataset med månader, eller rapportperiod: med perioden i ord.",
    "manadsserie ska vara ett dataset med en månadskolumn: rapportens period är dess senaste månad.",
)
NOT_IN_NAV = Message(
    "inte-i-menyn",
    'Sidan finns inte i menyn (nav i mkdocs.yml), så ingen läsare hittar den. Lägg till den under nav, till exempel '
    '"- Sidans titel: {source}", eller ta bort filen.',
    "En sida i docs/ som inte står i menyn. Lägg till den under nav i mkdocs.yml, eller under not_in_nav om den "
    "med avsikt inte ska synas i menyn.",
)
NAV_WITHOUT_PAGE = Message(
    "meny-utan-sida", "Menyn (nav) pekar på {source}, som inte finns i docs/. Rätta filnamnet eller ta bort raden.",
    "En rad i nav i mkdocs.yml nämner en sida som inte finns. Rätta filnamnet eller ta bort raden.",
)
UNKNOWN_ARGUMENT = Message(
    "okant-argument", 'inget argument heter "{name}".{hint} Argumenten är: {params}.',
    "Makrot har inget argument med det namnet, oftast ett stavfel. Meddelandet föreslår det närmaste.",
)
TOO_MANY_ARGUMENTS = Message(
    "for-manga-argument", "{macro} tar högst {most} argument, men fick {got}. Argumenten är: {params}.",
    "Makrot fick fler argument än det har.",
)
ARGUMENT_TWICE = Message(
    "argument-tva-ganger", 'argumentet "{name}" står två gånger, både utan och med namn.',
    "Samma argument ges både på sin plats och med namn.",
)
ARGUMENT_MISSING = Message(
    "argument-saknas", 'argumentet "{name}" saknas. Argumenten är: {params}. {guide}',
    "Ett argument som makrot måste ha saknas, oftast måttet efter datasetet.",
)
WRONG_TYPE = Message(
    "argument-fel-typ", "argumentet {name} ska vara {words}, men är {described}.",
    'Ett argument har fel sort: en text ska stå inom raka citattecken ("hushall"), ett år utan (2022), en lista '
    "inom [ ], true och false utan citattecken.",
)


# ---------------------------------------------------------------- front matter and body


def body_offset(text: str) -> int:
    """Lines before the Markdown body: the front matter and the blank lines after it, which
    MkDocs and Zensical both strip before the page is rendered."""
    match = FRONT_MATTER.match(text)
    if not match:
        return 0
    rest = text[match.end():]
    return text[: match.end()].count("\n") + (len(rest) - len(rest.lstrip("\n")))


def front_matter_problems(where: str, text: str, catalog=None) -> list[Problem]:
    """The page's front matter read as the site reads it; a problem where MkDocs would ignore it.
    With the `catalog`, the report's period declaration is checked against the data too, so a
    mistake in it is said at this page, not on the start page that lists the reports."""
    if not text.startswith("---"):
        return []
    match = FRONT_MATTER.match(text)
    if not match:
        return [FRONT_MATTER_OPEN.problem(where, 1, 1)]
    try:
        meta, lines = yamlfile.load(match.group(1))
    except yamlfile.YamlError as exc:
        return [exc.said.problem(where, exc.line + 1, exc.column, context=FRONT_MATTER_UNREADABLE)]
    if meta is not None and not isinstance(meta, dict):
        return [FRONT_MATTER_NOT_A_MAP.problem(where, 2, 1)]
    meta = meta or {}
    found = [said.problem(where, line + 1, 1) for line, said in yamlfile.invisible_texts(meta, lines)]

    def line_of(key: str) -> int:
        return lines.get((key,), 1) + 1

    # The theme writes these values into the page's head and header as they are: text only.
    for key, value in meta.items():
        if isinstance(value, str) and ("<" in value or ">" in value):
            found.append(FRONT_MATTER_HTML.problem(where, line_of(key), 1, key=key))
    if "datum" in meta and not _is_date(meta["datum"]):
        found.append(FRONT_MATTER_DATE.problem(where, line_of("datum"), 1, value=shown(meta["datum"])))
    if MUNICIPALITY in meta:  # said here, at its line, as written: YAML reads 0117 as the number 79
        try:
            municipality_code(meta)
        except AuthorError as exc:
            written = match.group(1).splitlines()[lines.get((MUNICIPALITY,), 1) - 1].split(":", 1)[-1].split(" #")[0].strip()
            if exc.code == BAD_MUNICIPALITY_CODE.code:
                found.append(BAD_MUNICIPALITY_CODE.problem(where, line_of(MUNICIPALITY), 1, value=shown(written)))
            else:  # "0000": riket, said as such
                found.append(Problem(where, line_of(MUNICIPALITY), 1, str(exc), "error", exc.code))
    said, key = period_declaration(meta, catalog)
    if said is not None:
        found.append(said.problem(where, line_of(key), 1))
    said = key_figures_declaration(meta, catalog)
    if said is not None:
        found.append(said.problem(where, line_of(KEY_FIGURES), 1))
    return found


KEY_FIGURE_TWICE = Message(
    "nyckeltal-dubbelt", '{key} nämner "{value}" två gånger. Ta bort det ena.',
    "Samma mått står två gånger i rapportens nyckeltal (sidhuvudet). Ta bort det ena.",
)


def key_figures_declaration(meta: dict, catalog=None) -> Said | None:
    """What is wrong with a report's key figures for the start page (`nyckeltal`): its form, and
    (with the catalogue) its dataset and measures, checked as kpi_cards' arguments are, so the
    mistake is said at this page and not on the start page that shows them."""
    try:
        declared = KeyFigures.of(meta)
    except AuthorError as exc:
        return exc.said
    if declared is None or catalog is None:
        return None
    build = types.SimpleNamespace(catalog=catalog, nav=[])
    arguments_given = {"dataset_id": declared.dataset, "measures": list(declared.measures)}
    kinds = {"dataset_id": arguments.DatasetKind(), "measures": arguments.CardItem()}
    said = arguments.data_problem(_key_figures_call, arguments_given, kinds, build)
    if said is not None and said.code == arguments.TWICE_IN_LIST.code:  # the author wrote nyckeltal, not an argument
        return KEY_FIGURE_TWICE.said(key=KEY_FIGURES, value=said.values["value"])
    return said


def _key_figures_call(dataset_id, measures):
    """The call a report's `nyckeltal` stands for: kpi_cards(dataset_id, measures)."""


def _is_date(value) -> bool:
    if isinstance(value, dt.date):
        return True
    try:
        return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value))) and dt.date.fromisoformat(str(value)) is not None
    except ValueError:
        return False


def period_declaration(meta: dict, catalog=None) -> tuple[Said | None, str]:
    """What is wrong with a report's period (`manadsserie` or `rapportperiod`), and the key it is at."""
    series, fixed = meta.get(SERIES), meta.get(FIXED_PERIOD)
    if series is not None and fixed is not None:
        return PERIOD_BOTH.said(series=SERIES, fixed=FIXED_PERIOD), FIXED_PERIOD
    for key, value in ((SERIES, series), (FIXED_PERIOD, fixed)):
        if value is None:
            continue
        if not isinstance(value, (str, int)) or not str(value).strip():
            return PERIOD_NOT_TEXT.said(key=key), key
        said = impossible_period(value)
        if said is not None:  # tertial 4, kvartal 5, 2023-02-30, aug–jan, 2023-13: wherever a period is declared
            return said, key
    if series is not None and catalog is not None:
        if str(series) not in set(catalog.ids()):
            return catalog.unknown(str(series)), SERIES
        if is_guide_data(str(series)):  # the author guide's made-up data is never a report's period
            return GUIDE_DATA_ON_REPORT.said(dataset=series, example=next(iter(catalog.published_ids()), "astorp/forsorjningsstod")), SERIES
        dataset = catalog.read(str(series))
        if dataset.schema is not None and not dataset.schema.period_field:
            return SERIES_WITHOUT_MONTHS.said(dataset=series), SERIES
    return None, ""


# ---------------------------------------------------------------- the nav


def _excluded(source: str, not_in_nav) -> bool:
    """MkDocs' `not_in_nav` (gitignore patterns): a PathSpec under MkDocs, text under Zensical."""
    if not not_in_nav:
        return False
    if hasattr(not_in_nav, "match_file"):
        return bool(not_in_nav.match_file(source))
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(str(not_in_nav).splitlines()).match_file(source)


def nav_problems(docs_dir: Path, nav: list | None, not_in_nav=None, config: Path | None = None) -> list[Problem]:
    """Pages no reader can reach (in docs/ but not in the nav) and nav entries without a page."""
    if not nav:
        return []  # no nav: the generator lists every page itself
    listed = {source for _title, source in nav_pages(nav)}
    found = []
    for folder, dirs, files in os.walk(docs_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            source = Path(folder, name).relative_to(docs_dir).as_posix()
            if name.endswith(".md") and source not in listed and not _excluded(source, not_in_nav) \
                    and not os.path.islink(os.path.join(folder, name)):  # a link is refused as such (lank-i-docs)
                found.append(NOT_IN_NAV.problem(f"docs/{source}", 1, 1, source=source))
    config_text = config.read_text(encoding="utf-8", errors="replace") if config and config.is_file() else ""
    for source in sorted(listed):
        if not (docs_dir / source).is_file():
            line = next((n for n, text in enumerate(config_text.splitlines(), 1) if source in text), 1)
            found.append(NAV_WITHOUT_PAGE.problem(config.name if config else "mkdocs.yml", line, 1, source=shown(source)))
    return found


CONFIG_UNREADABLE = Message(
    "mkdocs-yml-gar-inte-att-lasa",
    "mkdocs.yml går inte att läsa: {reason}",
    "Inställningsfilen mkdocs.yml följer inte YAML-formatet, oftast ett fel indrag eller ett tabbtecken.",
)
NAV_ENTRY_EMPTY = Message(
    "menyrad-utan-innehall",
    'Menyraden "{title}" har ingen sida och inget under sig. Skriv sidans fil efter kolonet ("- {title}: sida.md"), '
    "eller skriv raderna som hör till den under den, med fyra mellanslag till först på raden (se CONTRIBUTING.md, "
    "Lägg till en rapportsida).",
    "En rad i menyn (nav i mkdocs.yml) slutar med kolon men har inget under sig: oftast har raderna under den för "
    "lite indrag.",
)
NAV_ENTRY_MALFORMED = Message(
    "menyrad-felaktig",
    'En rad i menyn ska ha formen "- Titel: sida.md", eller "- Rubrik:" med raderna som hör till den indragna under '
    "sig. {detail}",
    "En rad i menyn (nav i mkdocs.yml) har fel form: oftast saknas bindestrecket eller indraget stämmer inte.",
)


TEXT_NOT_UTF8 = Message(
    "textfil-inte-utf8",
    "Filen är inte sparad som UTF-8 utan {kind}, så å, ä och ö skulle bli fel. Spara den som UTF-8: i Anteckningar "
    "med Arkiv → Spara som → Kodning: UTF-8, i VS Code med Spara med kodning → UTF-8, eller skriv den i GitHubs "
    "webbredigerare.",
    "En sida (docs/*.md) eller mkdocs.yml är sparad i en annan teckenkodning än UTF-8, oftast ANSI (Windows-1252) "
    "eller Unicode (UTF-16) i Anteckningar. Sidor och inställningar läses bara som UTF-8: spara filen som UTF-8.",
)


def read_text_file(path: Path, where: str) -> tuple[str | None, Problem | None]:
    """A page or mkdocs.yml as text (UTF-8, with or without BOM), or why it is not: said at the
    first line that is not UTF-8, the way a CSV file is (data/ also takes Windows-1252, because
    Excel saves it; a page or mkdocs.yml is written in an editor that can save UTF-8)."""
    raw = Path(path).read_bytes()
    head = raw[:200]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (b"\x00" in head and head.count(b"\x00") * 3 >= len(head)):
        return None, TEXT_NOT_UTF8.problem(where, 1, 1, kind="som Unicode (UTF-16)")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        try:
            raw.decode("cp1252")
            kind = "troligen som ANSI (Windows-1252)"
        except UnicodeDecodeError:
            kind = "i en annan teckenkodning"
        return None, TEXT_NOT_UTF8.problem(where, raw[: exc.start].count(b"\n") + 1, 1, kind=kind)


PAGE_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*(?:/[a-z0-9][a-z0-9_-]*)*\.md")  # the page's address is its name
PAGE_FILE_NAME = Message(
    "sidnamn",
    "Filnamnet {name} går inte att använda: sidans namn blir dess webbadress, och får bara ha små bokstäver a–z, "
    "siffror, - och _ (inga mellanslag, versaler, å, ä, ö eller andra tecken). Byt namn på filen till {fixed} och "
    "skriv det nya namnet i nav i mkdocs.yml.",
    "En sida i docs/ har ett namn med mellanslag, versaler, å, ä, ö eller andra tecken. Namnet blir sidans adress, "
    "och sådana tecken gör att länkar till sidan och till dess nedladdningar inte fungerar. Byt namn på filen och "
    "ändra raden i nav.",
)


CONTROL_IN_PAGE = Message(
    "styrtecken-i-sida",
    "Raden innehåller ett styrtecken ({char}) som inte syns men som inte får stå på en webbsida eller i "
    "nyhetsflödet. Skriv raden igen utan det (det följer oftast med text som klistrats in från Word eller en PDF): "
    "{row}",
    "En sida innehåller ett styrtecken (till exempel sidmatning, U+000C), som gör sidan och nyhetsflödet till "
    "ogiltig XML. Skriv raden igen för hand.",
)


def _control_at(text: str) -> int | None:
    """The first character a page may not hold anywhere (a control character other than tab and
    line breaks, a Unicode line or paragraph separator): XML, and so the feed, cannot carry it."""
    if text.isprintable():
        return None
    return next((i for i, ch in enumerate(text) if ch not in "\t\n\r" and unicodedata.category(ch) in ("Cc", "Zl", "Zp", "Cs")), None)


DOCS_LINK = Message(
    "lank-i-docs",
    "{name} är en symbolisk länk (till {target}). Webbplatsen publicerar bara vanliga filer och mappar i docs/, "
    "eftersom MkDocs och Zensical annars kopierar det länken pekar på, även filer från datorn som bygger, ut på "
    "webbplatsen. Ersätt länken med filen själv (en mapp: med en mapp som har kopior av filerna).",
    "En symbolisk länk i docs/ (en fil eller en mapp) stoppar bygget innan något kopieras: det länken pekar på, "
    "till exempel /etc eller byggdatorns miljövariabler, skulle annars publiceras. Lägg in filen själv i stället "
    "för länken.",
)


def docs_links(docs_dir: Path) -> dict[str, Problem]:
    """Every symbolic link below docs/ (and docs/ itself if it is one), never followed: MkDocs and
    Zensical follow them and copy what they point at into the site (a link to /proc/self/environ
    publishes the build's secrets), so each is refused by its path before a generator runs."""
    docs_dir = Path(docs_dir)
    found = {}

    def refuse(path: Path) -> None:
        source = path.relative_to(docs_dir).as_posix() if path != docs_dir else ""
        name = f"docs/{source}" if source else "docs"
        found[source] = DOCS_LINK.problem(name, 1, 1, name=name, target=shown(os.readlink(path), 100))

    if docs_dir.is_symlink():
        refuse(docs_dir)
        return found
    for folder, dirs, files in os.walk(docs_dir, followlinks=False):
        for name in sorted(dirs + files):
            if os.path.islink(os.path.join(folder, name)):
                refuse(Path(folder, name))
        dirs[:] = sorted(d for d in dirs if not os.path.islink(os.path.join(folder, d)))
    return found


def page_file_problems(docs_dir: Path) -> dict[str, Problem]:
    """Every page in docs/ (by its source) that is not UTF-8 or whose name cannot be an address:
    checked before a generator is handed the pages (MkDocs and Zensical both stop on a page that
    is not UTF-8 with a traceback, and publish `Ystad Rapport.md` with broken download links).
    Every symbolic link below docs/ too, page or not: it is never read."""
    found = docs_links(docs_dir)
    if "" in found:  # docs/ itself: nothing in it is read
        return found
    for page in sorted(Path(docs_dir).rglob("*.md")):
        source = page.relative_to(docs_dir).as_posix()
        if source in found or page.is_symlink():
            continue
        text, problem = read_text_file(page, f"docs/{source}")
        at = _control_at(text) if text is not None else None
        if at is not None:
            line = text.count("\n", 0, at) + 1
            start = text.rfind("\n", 0, at) + 1
            row = text[start:].split("\n", 1)[0]
            problem = CONTROL_IN_PAGE.problem(f"docs/{source}", line, at - start + 1, char=char_name(text[at]), row=shown(row.strip(), 100))
        if problem is None and not PAGE_NAME.fullmatch(source):
            fixed = "/".join(plain_name(part) for part in source.removesuffix(".md").split("/")) + ".md"
            problem = PAGE_FILE_NAME.problem(f"docs/{source}", 1, 1, name=shown(source), fixed=fixed)
        if problem is not None:
            found[source] = problem
    return found


def _docs_dir(config: Path, root) -> Path:
    """docs_dir as mkdocs.yml sets it (default docs/), beside mkdocs.yml."""
    value = next((v.value for k, v in getattr(root, "value", []) if isinstance(root, yaml.MappingNode)
                  and getattr(k, "value", None) == "docs_dir" and isinstance(v, yaml.ScalarNode)), None)
    return Path(config).parent / (value or "docs")


def config_problems(config: Path | None, pages: bool = True) -> list[Problem]:
    """mkdocs.yml's syntax and the shape of its nav, in Swedish at its line: MkDocs checks both
    before any plugin runs and stops in English ("Expected nav to be a list, got None"); and its
    texts (site_name, site_description, copyright, extra.*, nav titles) without invisible
    characters, which would reach every page, the feed's XML and the downloads. Read as YAML
    nodes, so MkDocs' tags (`!ENV`, `!!python/name:`) need no loader here."""
    if config is None or not Path(config).is_file():
        return []
    where = Path(config).name
    text, problem = read_text_file(Path(config), where)
    if problem is not None:
        return [problem]
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)  # nodes: any tag is fine
    except yaml.YAMLError as exc:
        error = yamlfile.explain(exc, text)
        return [CONFIG_UNREADABLE.problem(where, error.line, error.column, reason=error.reason)]
    nav = next((v for k, v in getattr(root, "value", []) if isinstance(root, yaml.MappingNode) and k.value == "nav"), None)
    found = (_nav_shape(where, nav) if nav is not None else []) + _invisible_texts(where, root)
    if pages:  # scripts/build.py checks this before a generator reads the pages
        docs_dir = _docs_dir(Path(config), root)
        found += list(page_file_problems(docs_dir).values()) if docs_dir.is_dir() else []
    return found


def nfc_config(conf) -> None:
    """mkdocs.yml's texts in Unicode's NFC, in place, once, before the generator uses them: the
    site's name and description, copyright, extra's texts and the nav's titles reach every page,
    the feed and the data package, and `Nämnd` typed on a Mac (NFD) must be the same text as on
    Windows (every cell and front matter is put in NFC the same way)."""
    def nfc(value):
        if isinstance(value, str):
            return unicodedata.normalize("NFC", value)
        if isinstance(value, list):
            return [nfc(item) for item in value]
        if isinstance(value, dict):
            return {nfc(key): nfc(item) for key, item in value.items()}
        return value

    for key in ("site_name", "site_description", "copyright", "nav"):
        if conf.get(key) is not None:
            conf[key] = nfc(conf[key])
    extra = conf.get("extra")
    if hasattr(extra, "items"):  # MkDocs' extra is a config mapping, not a dict
        for key, value in list(extra.items()):
            extra[key] = nfc(value)


def _invisible_texts(where: str, root) -> list[Problem]:
    """Every text in mkdocs.yml holding an invisible character, at its line and column."""
    found = []

    def walk(node, path: tuple) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(key, path)
                walk(value, (*path, key.value if isinstance(key, yaml.ScalarNode) else "?"))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*path, index))
        elif isinstance(node, yaml.ScalarNode) and isinstance(node.value, str):
            for _line, said in yamlfile.invisible_texts(node.value, {(): node.start_mark.line + 1}):
                key = ".".join(str(p) for p in path) or "texten"
                found.append(said.problem(where, node.start_mark.line + 1, node.start_mark.column + 1, key=key))

    if root is not None:
        walk(root, ())
    return found


def _nav_shape(where: str, node: yaml.Node) -> list[Problem]:
    def at(n: yaml.Node) -> tuple[int, int]:
        return n.start_mark.line + 1, n.start_mark.column + 1

    if not isinstance(node, yaml.SequenceNode):
        return [NAV_ENTRY_MALFORMED.problem(where, *at(node), detail="nav ska vara en lista: varje rad börjar med - .")]
    found = []
    for item in node.value:
        if isinstance(item, yaml.ScalarNode) and item.value:
            continue
        if not isinstance(item, yaml.MappingNode) or len(item.value) != 1:
            keys = [k.value for k, _v in getattr(item, "value", [])] if isinstance(item, yaml.MappingNode) else []
            detail = (f"Raden har {len(keys)} titlar ({', '.join(keys[:3])}): raderna efter den första saknar bindestreck "
                      "eller har för lite indrag." if len(keys) > 1 else "Raden är tom.")
            found.append(NAV_ENTRY_MALFORMED.problem(where, *at(item), detail=detail))
            continue
        key, value = item.value[0]
        if isinstance(value, yaml.ScalarNode) and value.tag.endswith(":null"):
            found.append(NAV_ENTRY_EMPTY.problem(where, *at(key), title=shown(key.value)))
        elif isinstance(value, yaml.SequenceNode):
            found += _nav_shape(where, value)
        elif isinstance(value, yaml.MappingNode):
            found.append(NAV_ENTRY_MALFORMED.problem(where, *at(value), detail=(
                f'Raderna under "{shown(key.value)}" saknar bindestreck: skriv "- " först på varje rad.')))
    return found


def site_problems(docs_dir: Path, nav: list | None, not_in_nav=None, config: Path | None = None, catalog=None) -> list[Problem]:
    """Every page's front matter (with `catalog`: each report's period against the data),
    mkdocs.yml's texts, and the nav against the pages."""
    unusable = page_file_problems(Path(docs_dir))
    problems = list(unusable.values())
    reports: list[str] = []
    sources: list[str] = []
    for page in sorted(Path(docs_dir).rglob("*.md")) if "" not in unusable else []:
        source = page.relative_to(docs_dir).as_posix()
        text, _problem = read_text_file(page, f"docs/{source}")
        problems += front_matter_problems(f"docs/{source}", text, catalog) if source not in unusable else []
        sources.append(source)
        try:
            meta = split_page(text or "")[0] if source not in unusable else {}
        except Exception:  # noqa: BLE001 — its own front matter check says what is wrong
            meta = {}
        if isinstance(meta, dict) and (meta.get(SERIES) or meta.get(FIXED_PERIOD)):
            reports.append(page_url(source))
    problems += _pages_among_editions(sources, reports)
    return problems + config_problems(config, pages=False) + nav_problems(Path(docs_dir), nav, not_in_nav, config)


PAGE_AMONG_EDITIONS = Message(
    "sida-bland-utgavor",
    "Sidan får adressen {url}, men under {editions} lägger webbplatsen rapportens utgåvor: en publicerad utgåva på "
    "samma adress skulle dölja sidan, eller sidan utgåvan. Flytta sidan till en annan mapp, till exempel docs/{suggested}.",
    "En sida i docs/ ligger i mappen utgavor/ under en rapport, där webbplatsen publicerar rapportens utgåvor. "
    "Utgåvorna är ett arkiv som aldrig ändras, så sidan måste ligga någon annanstans.",
)


def _pages_among_editions(sources: list[str], reports: list[str]) -> list[Problem]:
    """A page whose address falls below a report's editions (`<report>/utgavor/`): a published edition there would
    silently hide it, or it the edition (adv17k 5)."""
    found = []
    for source in sources:
        url = page_url(source)
        report = next((r for r in reports if r and url.startswith(f"{r}utgavor/")), None)
        if report is not None:
            found.append(PAGE_AMONG_EDITIONS.problem(
                f"docs/{source}", 1, 1, url=url, editions=f"{report}utgavor/",
                suggested=source.replace(f"{report}utgavor/", f"{report}sidor/", 1)))
    return found


# ---------------------------------------------------------------- the template


def template_problems(where: str, body: str, offset: int, known: set[str], environment: jinja2.Environment | None = None,
                      macros: list[str] | None = None) -> list[Problem]:
    """Syntax errors and unknown names in a page's macro code, at the page's own line numbers
    (`macros`: the site's own macros, offered when a name is unknown)."""
    environment = environment or jinja2.Environment()
    try:
        tree = environment.parse(body)
    except jinja2.TemplateSyntaxError as exc:
        lines = body.splitlines()
        text = lines[exc.lineno - 1] if 0 < exc.lineno <= len(lines) else ""
        reason = _unbalanced(text) or next((swedish for english, swedish in SYNTAX if english in (exc.message or "")), SYNTAX_OTHER)
        return [reason.problem(where, offset + exc.lineno, 1, context=UNREADABLE_CODE, row=shown(text.strip(), 100))]
    found = _unsafe(where, tree, offset)
    if found:
        return found
    assigned = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    assigned |= {m.name for m in tree.find_all(nodes.Macro)}
    seen = set()
    for node in tree.find_all(nodes.Name):
        name = node.name
        if node.ctx != "load" or name in known or name in assigned or name in JINJA_NAMES or name in seen:
            continue
        seen.add(name)
        guess = difflib.get_close_matches(name, sorted(macros or known), n=1)
        hint = f' Menar du "{guess[0]}"?' if guess else f" Makrona heter {', '.join(macros)}." if macros else ""
        found.append(UNKNOWN_NAME.problem(where, offset + node.lineno, 1, name=shown(name), hint=hint, guide=GUIDE))
    return found


def _unsafe(where: str, tree, offset: int) -> list[Problem]:
    """Macro code that reaches past the macros: another file (`{% include %}`, `import`, `extends`)
    or Python's insides (`x.__class__`, `x._private`), which in a page would run code at build time."""
    found = []
    for node in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
        found.append(OTHER_FILES.problem(where, offset + node.lineno, 1, guide=GUIDE))
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        name = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
        if isinstance(name, str) and name.startswith("_") and all(p.line != offset + node.lineno for p in found):
            found.append(PRIVATE.problem(where, offset + node.lineno, 1, name=shown(name), guide=GUIDE))
    return found


def _unbalanced(line: str) -> Message | None:
    """A bracket opened and not closed on the line: the commonest syntax error, said exactly."""
    for opening, closing in (("(", ")"), ("[", "]")):
        if line.count(opening) > line.count(closing):
            return UNBALANCED[closing]
    if line.count('"') % 2:
        return UNBALANCED['"']
    last = line.rfind("{{")
    if last >= 0 and "}}" not in line[last:] and "}" in line[last:]:  # {{ total(…) }
        return CLOSING_BRACE_MISSING
    return None


# ---------------------------------------------------------------- macro calls

TYPE_WORDS = {
    str: 'en text inom raka citattecken, till exempel "hushall"',
    int: "ett heltal utan citattecken, till exempel 2022",
    bool: "true eller false (utan citattecken)",
}


LIST_WORDS = {
    str: 'en lista av texter inom [ ], till exempel ["hushall", "bistandstagare"]',
    int: "en lista av heltal inom [ ], till exempel [2021, 2022]",
}


def _unannotated(hint):
    """`Annotated[str, Kind]` → (str, the Kind or None)."""
    if typing.get_origin(hint) is typing.Annotated:
        base, *extras = typing.get_args(hint)
        return base, next((e for e in extras if isinstance(e, arguments.Kind)), None)
    return hint, None


def _kind_of(hint):
    """The Kind a parameter's annotation declares (arguments.DatasetId …), or None."""
    options = typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, types.UnionType) else (hint,)
    return next((kind for kind in (_unannotated(o)[1] for o in options) if kind is not None), None)


def _expected(hint) -> tuple[list, str, bool]:
    """(accepted kinds, the words for them, whether None is accepted) for a type hint;
    a kind is a type, or ("list", item type)."""
    options = typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, types.UnionType) else (hint,)
    options = tuple(_unannotated(option)[0] for option in options)
    optional = type(None) in options
    kinds, words = [], []
    for option in options:
        if typing.get_origin(option) is list:
            item = _unannotated((typing.get_args(option) or (str,))[0])[0]
            kinds.append(("list", item))
            words.append(LIST_WORDS.get(item, "en lista inom [ ]"))
        elif option in TYPE_WORDS:
            kinds.append(option)
            words.append(TYPE_WORDS[option])
    kind = _kind_of(hint)
    text = " eller ".join(words)
    if kind is not None and kind.example:  # the example the parameter's own kind gives: "2022-08" for a month
        text = text.replace('"hushall"', f'"{kind.example}"')
    return kinds, text, optional


def _fits(value, kind) -> bool:
    if isinstance(kind, tuple):
        return isinstance(value, (list, tuple)) and all(_fits(item, kind[1]) for item in value)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def _described(value) -> str:
    if isinstance(value, jinja2.Undefined):
        return "ett okänt namn (en text ska stå inom citattecken)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'texten "{shown(value)}"'
    if isinstance(value, (int, float)):
        return f"talet {shown(value)}"
    if isinstance(value, (list, tuple)):
        return f"en lista med {', '.join(_described(item) for item in value[:3])}" if value else "en tom lista"
    if value is None:
        return "none"
    return f"något annat ({type(value).__name__})"


@functools.lru_cache(maxsize=64)
def _signature(function) -> tuple[inspect.Signature, dict, dict]:
    """A macro's parameters, their types and their kinds (arguments.Kind), read once (each call
    is checked against them)."""
    hints = typing.get_type_hints(function, include_extras=True)
    return inspect.signature(function), hints, {p: k for p, k in ((p, _kind_of(h)) for p, h in hints.items()) if k}


def call_problem(name: str, method, args: tuple, kwargs: dict, build=None) -> Said | None:
    """What is wrong with the arguments of a macro call, in Swedish; None when they fit.
    With the `build`, each argument is also checked against the data (arguments.py)."""
    function = getattr(method, "__func__", method)
    signature, hints, kinds = _signature(function)
    if hasattr(method, "__func__"):  # a bound method: its first parameter is given
        signature = signature.replace(parameters=list(signature.parameters.values())[1:])
    params = list(signature.parameters)
    unknown = [k for k in kwargs if k not in signature.parameters]
    if unknown:
        return UNKNOWN_ARGUMENT.said(name=shown(unknown[0]), hint=arguments.close(unknown[0], params), params=", ".join(params))
    try:
        bound = signature.bind(*args, **kwargs)
    except TypeError:
        if len(args) > len(params):
            return TOO_MANY_ARGUMENTS.said(macro=name, most=len(params), got=len(args), params=", ".join(params))
        missing = next((p for p, spec in list(signature.parameters.items())[len(args):]
                        if spec.default is inspect.Parameter.empty and p not in kwargs), params[0])
        taken = [p for p in params[: len(args)] if p in kwargs]
        if taken:
            return ARGUMENT_TWICE.said(name=taken[0])
        return ARGUMENT_MISSING.said(name=missing, params=", ".join(params), guide=GUIDE)
    for param, value in bound.arguments.items():
        kinds_accepted, words, optional = _expected(hints.get(param))
        if not kinds_accepted or (value is None and optional) or any(_fits(value, kind) for kind in kinds_accepted):
            continue
        return WRONG_TYPE.said(name=param, words=words, described=_described(value))
    return arguments.data_problem(function, dict(bound.arguments), kinds, build)


def run_macro(name: str, method, args: tuple, kwargs: dict, build=None) -> tuple[object, str | None]:
    """One macro call as a page makes it: (what it returns, None), or ("", the one line that says
    what is wrong, with its code). Texts are put in NFC first, as every text from the data is.
    An author's mistake is said as such; only a bug is an internal error. With RAPPORT_TRACEBACK=1
    a failure is raised instead, for developers."""
    args = arguments.nfc(args)
    kwargs = {key: arguments.nfc(value) for key, value in kwargs.items()}
    said = call_problem(name, method, args, kwargs, build)
    if said is not None:
        if tracebacks_wanted():
            raise said.error()
        return "", said.coded()
    try:
        return method(*args, **kwargs), None
    except HistoryError as exc:
        return "", str(exc)
    except (UnknownName, AuthorError) as exc:
        if tracebacks_wanted():
            raise
        return "", exc.text
    except Exception as exc:  # noqa: BLE001 — one line for the author; the switch shows the traceback
        if tracebacks_wanted():
            raise
        return "", internal_error(exc).coded()


def template_line() -> int:
    """The line of the page's macro code being run now: Jinja keeps the map from its compiled code."""
    frame = sys._getframe(1)
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            return template.get_corresponding_lineno(frame.f_lineno)
        frame = frame.f_back
    return 1


def call_text(name: str, args: tuple, kwargs: dict) -> str:
    """`value("astorp/forsorjningsstod", "hushal")`: the call as the author wrote it."""
    def said(value):
        return f'"{value}"' if isinstance(value, str) else "true" if value is True else "false" if value is False else repr(value)

    written = [f"{k}={said(v)}" for k, v in kwargs.items() if k != "caller"]  # a call block's text is not an argument
    return f"{name}({', '.join([said(a) for a in args] + written)})"


def stop_lines(problems: list) -> list[str]:
    """What a stopped build prints: every error, one line each, and how many (warnings and notes
    wait for a build that gets through; the validator lists them all)."""
    errors = [p for p in problems if getattr(p, "severity", "error") == "error"]
    count = len(errors)
    return [log_line(str(p)) for p in errors] + [
        f"Bygget stoppades: {count} fel. Rätta {'felet' if count == 1 else 'felen'} ovan och bygg igen."
    ]

