"""What page authors write, checked in Swedish: front matter, the nav, the template
syntax, the names a page uses and the arguments of every macro call.

MkDocs silently treats front matter it cannot read as page text, builds a page left
out of `nav` where no reader finds it, and reports Jinja's and Python's errors in
English with a traceback. Here each mistake is one message naming the page, the line
and the fix, as a `Problem`, and the generator glue stops the build on it.
"""

from __future__ import annotations

import difflib
import functools
import inspect
import os
import re
import sys
import types
import typing
from pathlib import Path

import jinja2
import yaml
from jinja2 import nodes

from ..data import yamlfile
from ..data.messages import Message
from ..data.problems import Problem, log_line, shown
from .reports import nav_pages

FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)  # MkDocs' own rule
JINJA_NAMES = frozenset({"range", "dict", "lipsum", "cycler", "joiner", "namespace", "loop", "caller", "varargs", "kwargs", "true", "false", "none", "True", "False", "None"})
GUIDE = "Se Så skriver du en rapportsida (docs/forfattarguide.md)."

# Jinja's syntax errors, in the words an author needs (first match wins).
SYNTAX = [
    ("unexpected '}'", "en } för mycket, eller {{ saknas. Ett makro skrivs {{ namn(...) }}, med två klamrar på varje sida."),
    ("unexpected end of template", "ett {{ eller {% stängs aldrig. Varje {{ behöver ett }}."),
    ("unexpected char '\"'", 'ett citattecken (") stängs aldrig.'),
    ("unexpected char \"'\"", "ett citattecken (') stängs aldrig."),
    ("unexpected char", 'ett tecken som inte får stå i ett makroanrop, till exempel typografiska citattecken (” ”) i stället för raka (").'),
    ("expected token ',', got", "ett kommatecken saknas mellan argumenten."),
    ("expected token 'end of print statement'", "något står fel inne i {{ … }}: oftast saknas ett kommatecken mellan argumenten, eller citattecken runt en text."),
    ("unexpected ')'", "en ) för mycket."),
    ("unexpected ']'", "en ] för mycket."),
    ("unexpected 'end of print statement'", "{{ }} är tomt eller slutar för tidigt: skriv hela makroanropet."),
    ("Encountered unknown tag", "en okänd {% … %}-tagg. Rapportsidor behöver bara {{ makro(...) }}."),
    ("unclosed", "en parentes eller hakparentes stängs aldrig."),
]


# ---------------------------------------------------------------- front matter and body


def body_offset(text: str) -> int:
    """Lines before the Markdown body: the front matter and the blank lines after it, which
    MkDocs and Zensical both strip before the page is rendered."""
    match = FRONT_MATTER.match(text)
    if not match:
        return 0
    rest = text[match.end():]
    return text[: match.end()].count("\n") + (len(rest) - len(rest.lstrip("\n")))


def front_matter_problems(where: str, text: str) -> list[Problem]:
    """The page's front matter read as the site reads it; a problem where MkDocs would ignore it."""
    if not text.startswith("---"):
        return []
    match = FRONT_MATTER.match(text)
    if not match:
        return [Problem(where, 1, 1, (
            "Sidhuvudet (front matter) börjar med --- men avslutas aldrig med en rad med bara ---. "
            "Lägg till den raden efter sidhuvudets sista rad (title, description …)."
        ))]
    try:
        meta, _lines = yamlfile.load(match.group(1))
    except yamlfile.YamlError as exc:
        return [Problem(where, exc.line + 1, exc.column, f"Sidhuvudet (front matter) går inte att läsa: {exc.reason}")]
    if meta is not None and not isinstance(meta, dict):
        return [Problem(where, 2, 1, "Sidhuvudet (front matter) ska vara rader med nyckel och värde, till exempel title: Kort titel.")]
    # The theme writes these values into the page's head and header as they are: text only.
    found = []
    for key, value in (meta or {}).items():
        if isinstance(value, str) and ("<" in value or ">" in value):
            line = next((n for n, row in enumerate(match.group(1).splitlines(), 2) if row.lstrip().startswith(f"{key}:")), 2)
            found.append(Problem(where, line, 1, (
                f"Sidhuvudet (front matter): {key} innehåller < eller >. Värdena visas som text i sidans rubrik och "
                f"huvud och får inte innehålla HTML; skriv texten utan taggar."
            )))
    return found


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
            if name.endswith(".md") and source not in listed and not _excluded(source, not_in_nav):
                found.append(Problem(f"docs/{source}", 1, 1, (
                    f"Sidan finns inte i menyn (nav i mkdocs.yml), så ingen läsare hittar den. Lägg till den under nav, "
                    f'till exempel "- Sidans titel: {source}", eller ta bort filen.'
                )))
    config_text = config.read_text(encoding="utf-8") if config and config.is_file() else ""
    for source in sorted(listed):
        if not (docs_dir / source).is_file():
            line = next((n for n, text in enumerate(config_text.splitlines(), 1) if source in text), 1)
            found.append(Problem(config.name if config else "mkdocs.yml", line, 1, (
                f"Menyn (nav) pekar på {shown(source)}, som inte finns i docs/. Rätta filnamnet eller ta bort raden."
            )))
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


def config_problems(config: Path) -> list[Problem]:
    """mkdocs.yml's syntax and the shape of its nav, in Swedish at its line: MkDocs checks both
    before any plugin runs and stops in English ("Expected nav to be a list, got None")."""
    where = Path(config).name
    try:
        root = yaml.compose(Path(config).read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)  # nodes: any tag is fine
    except yaml.YAMLError as exc:
        error = yamlfile.explain(exc)
        return [CONFIG_UNREADABLE.problem(where, error.line, error.column, reason=error.reason)]
    nav = next((v for k, v in getattr(root, "value", []) if isinstance(root, yaml.MappingNode) and k.value == "nav"), None)
    return _nav_shape(where, nav) if nav is not None else []


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


def site_problems(docs_dir: Path, nav: list | None, not_in_nav=None, config: Path | None = None) -> list[Problem]:
    """Every page's front matter, and the nav against the pages."""
    problems = []
    for page in sorted(Path(docs_dir).rglob("*.md")):
        source = page.relative_to(docs_dir).as_posix()
        problems += front_matter_problems(f"docs/{source}", page.read_text(encoding="utf-8-sig"))
    return problems + nav_problems(Path(docs_dir), nav, not_in_nav, config)


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
        reason = _unbalanced(text) or next((swedish for english, swedish in SYNTAX if english in (exc.message or "")), None)
        reason = reason or "kontrollera klamrarna {{ }}, parenteser, kommatecken och raka citattecken."
        return [Problem(where, offset + exc.lineno, 1, f"Makrokoden på raden går inte att läsa: {reason} Raden: {shown(text.strip(), 100)}")]
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
        found.append(Problem(where, offset + node.lineno, 1, f'Okänt namn "{shown(name)}".{hint} {GUIDE}'))
    return found


def _unsafe(where: str, tree, offset: int) -> list[Problem]:
    """Macro code that reaches past the macros: another file (`{% include %}`, `import`, `extends`)
    or Python's insides (`x.__class__`, `x._private`), which in a page would run code at build time."""
    found = []
    for node in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
        found.append(Problem(where, offset + node.lineno, 1, (
            "En sida får inte hämta andra filer med {% include %}, {% import %} eller {% extends %}. "
            f"Skriv texten på sidan eller använd ett makro. {GUIDE}"
        )))
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        name = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
        if isinstance(name, str) and name.startswith("_") and all(p.line != offset + node.lineno for p in found):
            found.append(Problem(where, offset + node.lineno, 1, (
                f'Makrokoden använder "{shown(name)}": namn som börjar med _ är inte till för sidor. {GUIDE}'
            )))
    return found


def _unbalanced(line: str) -> str | None:
    """A bracket opened and not closed on the line: the commonest syntax error, said exactly."""
    for opening, closing, name in (("(", ")", "slutparentes"), ("[", "]", "hakparentes")):
        if line.count(opening) > line.count(closing):
            return f"en {name} {closing} saknas före }}}}."
    if line.count('"') % 2:
        return 'ett citattecken (") stängs aldrig.'
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


def _expected(hint) -> tuple[list, str, bool]:
    """(accepted kinds, the words for them, whether None is accepted) for a type hint;
    a kind is a type, or ("list", item type)."""
    options = typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, types.UnionType) else (hint,)
    optional = type(None) in options
    kinds, words = [], []
    for option in options:
        if typing.get_origin(option) is list:
            item = (typing.get_args(option) or (str,))[0]
            kinds.append(("list", item))
            words.append(LIST_WORDS.get(item, "en lista inom [ ]"))
        elif option in TYPE_WORDS:
            kinds.append(option)
            words.append(TYPE_WORDS[option])
    return kinds, " eller ".join(words), optional


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
def _signature(function) -> tuple[inspect.Signature, dict]:
    """A macro's parameters and their types, read once (each call is checked against them)."""
    return inspect.signature(function), typing.get_type_hints(function)


def call_problem(name: str, method, args: tuple, kwargs: dict) -> str | None:
    """What is wrong with the arguments of a macro call, in Swedish; None when they fit."""
    signature, hints = _signature(getattr(method, "__func__", method))
    if hasattr(method, "__func__"):  # a bound method: its first parameter is given
        signature = signature.replace(parameters=list(signature.parameters.values())[1:])
    params = list(signature.parameters)
    unknown = [k for k in kwargs if k not in signature.parameters]
    if unknown:
        guess = difflib.get_close_matches(unknown[0], params, n=1)
        hint = f' Menar du "{guess[0]}"?' if guess else ""
        return f'inget argument heter "{shown(unknown[0])}".{hint} Argumenten är: {", ".join(params)}.'
    try:
        bound = signature.bind(*args, **kwargs)
    except TypeError:
        if len(args) > len(params):
            return f"{name} tar högst {len(params)} argument, men fick {len(args)}. Argumenten är: {', '.join(params)}."
        missing = next((p for p, spec in list(signature.parameters.items())[len(args):]
                        if spec.default is inspect.Parameter.empty and p not in kwargs), params[0])
        taken = [p for p in params[: len(args)] if p in kwargs]
        if taken:
            return f'argumentet "{taken[0]}" står två gånger, både utan och med namn.'
        return f'argumentet "{missing}" saknas. Argumenten är: {", ".join(params)}. {GUIDE}'
    for param, value in bound.arguments.items():
        kinds, words, optional = _expected(hints.get(param))
        if not kinds or (value is None and optional) or any(_fits(value, kind) for kind in kinds):
            continue
        return f"argumentet {param} ska vara {words}, men är {_described(value)}."
    return None


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

    return f"{name}({', '.join([said(a) for a in args] + [f'{k}={said(v)}' for k, v in kwargs.items()])})"


def stop_lines(problems: list) -> list[str]:
    """What a stopped build prints: every error, one line each, and how many (warnings and notes
    wait for a build that gets through; the validator lists them all)."""
    errors = [p for p in problems if getattr(p, "severity", "error") == "error"]
    count = len(errors)
    return [log_line(str(p)) for p in errors] + [
        f"Bygget stoppades: {count} fel. Rätta {'felet' if count == 1 else 'felen'} ovan och bygg igen."
    ]

