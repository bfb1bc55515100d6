"""YAML as people write it by hand, read safely and explained in Swedish.

Schemas and page front matter are plain data: no anchors, aliases or tags
(an alias "billion laughs" would otherwise make one small file expand without
bound), no duplicate keys, and a size limit. Parse errors come back as a
Swedish sentence with line and column, never as PyYAML's English.
"""

from __future__ import annotations

import re
import unicodedata

import yaml

from .messages import Message, Said
from .problems import char_name, invisible_at, shown

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10× faster
MAX_BYTES = 200_000  # a schema is a page of text; a bigger file is a mistake
MAX_DEPTH = 20  # a schema nests three or four levels; deeper is a mistake, and bounds the recursion below


class YamlError(ValueError):
    """A YAML file that cannot be read; `line` and `column` count from 1. `said` is what is
    wrong without where (front matter sits inside a page, so its lines are the page's);
    `context` says where in a file of its own."""

    def __init__(self, said: Said, line: int = 1, column: int = 1, context: str = ""):
        super().__init__(said.text(context))
        self.said, self.line, self.column, self.context = said, line, column, context
        self.message, self.reason = said.text(context), said.text()


TOO_BIG = Message(
    "yaml-for-stor", "Filen är större än {kb} kB. Ett schema eller sidhuvud ska vara kort.",
    "Ett schema eller en sidas sidhuvud är orimligt stort. Kontrollera att rätt fil har laddats upp.",
)
TOO_DEEP = Message(
    "yaml-for-djup",
    "texten har fler än {most} nivåer av listor och kartor i varandra. Ett schema eller sidhuvud har bara några få "
    "nivåer: kontrollera indrag och hakparenteser.",
    "Listor och kartor ligger i för många nivåer i varandra, oftast av fel indrag eller hakparenteser som inte stängs.",
    context="Rad {line}: ",
)
NO_ANCHORS = Message(
    "yaml-alias", "YAML-ankare och alias (&namn, *namn) är inte tillåtna. Skriv ut värdet där det ska stå.",
    "YAML:s ankare och alias (&namn, *namn) används inte här. Skriv ut värdet på varje ställe.",
    context="Rad {line}: ",
)
NO_TAGS = Message(
    "yaml-tagg", "YAML-taggar ({tag}) är inte tillåtna. Ta bort taggen och skriv värdet som vanlig text eller tal.",
    "YAML-taggar (!!python/…, !!str) används inte här. Skriv värdet som vanlig text eller tal.",
    context="Rad {line}: ",
)
DUPLICATE_KEY = Message(
    "yaml-dubbel-nyckel", 'nyckeln "{key}" finns redan på rad {first}. Ta bort den ena.',
    "Samma nyckel står två gånger på samma nivå. Ta bort den ena.",
    context="Rad {line}: ",
)
NO_SUCH_DATE = Message(
    "yaml-datum-finns-inte", "datumet {value} finns inte i kalendern. Rätta månaden (01–12) eller dagen.",
    "Ett datum i ett schema eller sidhuvud (till exempel datum: 2022-02-30) finns inte. Rätta det.",
    context="Rad {line}: ",
)
INVISIBLE_IN_TEXT = Message(
    "osynligt-tecken-i-text",
    'Texten "{value}" ({key}) innehåller ett osynligt tecken ({char}). Skriv texten igen utan det; skriv inga '
    "escape-koder som \\x0b, \\e eller \\u0085 inom citattecken.",
    "En text i ett schema, ett sidhuvud eller mkdocs.yml innehåller ett styrtecken eller ett annat tecken som inte "
    "syns. Det skulle hamna på sidorna, i nyhetsflödet och i nedladdningarna. Skriv texten igen för hand.",
)
UNREADABLE = "YAML-filen går inte att läsa (rad {line}, kolumn {column}): "  # the context of a parse error in a file of its own
INDENT = Message(
    "yaml-indrag", "indraget stämmer inte med raderna ovanför. Rader på samma nivå ska ha lika många mellanslag.",
    "Rader på samma nivå ska ha lika många mellanslag först.", context=UNREADABLE,
)
# PyYAML's problem texts, in the words an author needs to fix them (first match wins).
EXPLAINED = [
    ("mapping values are not allowed", Message(
        "yaml-kolon", "ett kolon står där det inte får stå. En text som innehåller kolon måste stå inom citattecken.",
        "En text med kolon (title: Ekonomi: utfall) måste stå inom citattecken: title: \"Ekonomi: utfall\".", context=UNREADABLE)),
    ("could not find expected ':'", Message(
        "yaml-kolon-saknas", "ett kolon saknas efter en nyckel, eller en rad har fel indrag.",
        "Varje rad i en karta är nyckel, kolon och värde. Kontrollera kolon och indrag.", context=UNREADABLE)),
    ("tab character that violates indentation", Message(
        "yaml-tabb", "ett tabbtecken står i indraget. Använd mellanslag för indrag, aldrig tabb.",
        "YAML tillåter bara mellanslag som indrag. Byt tabbtecknet mot mellanslag.", context=UNREADABLE)),
    ("that cannot start any token", Message(
        "yaml-otillatet-forsta-tecken",
        "ett tecken som inte får inleda ett värde, oftast ett tabbtecken (använd mellanslag för indrag) eller @ eller ` "
        "först i en text (sätt texten inom citattecken).",
        "YAML tillåter inte tabbtecken som indrag, eller @ och ` först i en text. Använd mellanslag, och citattecken runt texten.", context=UNREADABLE)),
    ("expected <block end>", INDENT),
    ("expected <document start>", INDENT),  # the first line indented
    ("did not find expected '-' indicator", Message(
        "yaml-lista", "en rad i en lista saknar bindestreck eller har fel indrag.",
        "Varje post i en lista börjar med ett bindestreck, med samma indrag.", context=UNREADABLE)),
    ("did not find expected key", Message(
        "yaml-nyckel-saknas", "indraget stämmer inte, eller en rad saknar nyckel och kolon.",
        "En rad står med fel indrag, eller saknar nyckel och kolon.", context=UNREADABLE)),
    ("found unexpected end of stream", Message(
        "yaml-oavslutad", "filen tar slut mitt i en text: ett citattecken eller en parentes stängs aldrig.",
        "Ett citattecken eller en parentes öppnas men stängs aldrig.", context=UNREADABLE)),
    ("expected ',' or ']'", Message(
        "yaml-hakparentes", "en lista inom [ ] stängs inte rätt: kontrollera kommatecken och ].",
        "En lista inom hakparenteser saknar kommatecken eller slutparentes.", context=UNREADABLE)),
    ("expected ',' or '}'", Message(
        "yaml-klammer", "en karta inom {{ }} stängs inte rätt: kontrollera kommatecken och }}.",
        "En karta inom klamrar saknar kommatecken eller slutklammer.", context=UNREADABLE)),
    ("but found another document", Message(
        "yaml-flera-dokument", "filen innehåller flera dokument (---). Ta bort de extra ---.",
        "En rad med bara --- delar filen i flera dokument. Ta bort de extra raderna.", context=UNREADABLE)),
    ("invalid Unicode character escape code", Message(
        "yaml-escape-kod-finns-inte",
        "en escape-kod inom citattecken (till exempel \\ud800) står för ett tecken som inte finns. Skriv tecknet "
        "självt, eller texten utan \\.",
        "Inom dubbla citattecken skriver \\u och \\U ett tecken med dess nummer; numret här är inget tecken (till "
        "exempel en halv surrogatkod, \\ud800). Skriv tecknet självt i stället för koden.", context=UNREADABLE)),
    ("found unknown escape character", Message(
        "yaml-omvant-snedstreck",
        "ett omvänt snedstreck (\\) inom citattecken. Skriv texten utan \\ eller inom enkla citattecken.",
        "Inom dubbla citattecken inleder \\ en escape-kod. Skriv texten utan \\, eller inom enkla citattecken.", context=UNREADABLE)),
]
NOT_YAML = Message(
    "yaml-syntax", "texten följer inte YAML-formatet. Kontrollera indrag, kolon och citattecken.",
    "Filen går inte att läsa som YAML. Kontrollera indrag, kolon och citattecken.",
    context=UNREADABLE,
)


UNCLOSED_QUOTE = Message(
    "yaml-citattecken-stangs-inte",
    "citattecknet ({quote}) som börjar texten stängs aldrig på raden. Skriv ett {quote} sist i texten.",
    "En text inom citattecken saknar sitt avslutande citattecken. YAML läser då vidare på raderna under, och felet "
    "märks först där; meddelandet pekar på raden där citattecknet öppnas.",
    context=UNREADABLE,
)
# A value that starts with a quote: `key: "…`, `- "…` or `- key: "…`.
QUOTED_START = re.compile(r"""^\s*(?:-\s+)?(?:[^\s"'#][^:#]*:\s+)?(["'])""")


TEXT_AFTER_QUOTE = Message(
    "yaml-text-efter-citat",
    "{written} börjar med ett citattecken ({quote}), men texten fortsätter efter att citattecknet stängs. En text som "
    "börjar med ett citattecken ska stå inom citattecken i sin helhet: skriv {fixed} (hela texten inom {other}), "
    "eller låt texten börja utan citattecken.",
    "En text som börjar med ett citattecken (anledning: \"Antal hushåll\" var fel) läses bara fram till det "
    "citattecken som stänger, och resten står där YAML väntar sig en ny rad. Sätt hela texten inom den andra sortens "
    "citattecken (anledning: '\"Antal hushåll\" var fel'), eller låt texten börja med ett ord.",
    context=UNREADABLE,
)


def _closing(row: str, start: int, quote: str) -> int | None:
    """The index in `row` of the quote that closes the one at `start` (None: not on this row)."""
    at = start + 1
    while at < len(row):
        if quote == '"' and row[at] == "\\":
            at += 2
            continue
        if row[at] == quote:
            if quote == "'" and row[at + 1:at + 2] == "'":  # '' is one ' inside single quotes
                at += 2
                continue
            return at
        at += 1
    return None


def _text_after_quote(text: str, line: int) -> YamlError | None:
    """Row `line` (where PyYAML stopped) holds a value that starts with a quote, closes it and goes on
    (`anledning: "Antal hushåll" var fel`): PyYAML says only that a key is missing; said with the
    whole text quoted the other way, as the fix (adv17i UM2)."""
    rows = text.splitlines()
    if not 0 < line <= len(rows):
        return None
    row = rows[line - 1]
    found = QUOTED_START.match(row)
    if not found:
        return None
    start, quote = found.start(1), found.group(1)
    end = _closing(row, start, quote)
    rest = row[end + 1:] if end is not None else ""
    if end is None or not rest.strip() or rest.lstrip().startswith("#"):
        return None
    comment = re.search(r"\s#", rest)  # a comment after the text stays a comment after it
    value, comment = row[start:end + 1 + (comment.start() if comment else len(rest))].rstrip(), rest[comment.start():] if comment else ""
    if "'" not in value:
        fixed, other = f"'{value}'", "enkla citattecken"
    elif '"' not in value and "\\" not in value:
        fixed, other = f'"{value}"', "dubbla citattecken"
    else:
        fixed, other = "'" + value.replace("'", "''") + "'", "enkla citattecken, med varje ' i texten skrivet två gånger"
    head = row[:start].strip()
    said = TEXT_AFTER_QUOTE.said(written=row.strip(), quote=quote, fixed=f"{head} {fixed}{comment}".strip(), other=other)
    return YamlError(said, line, start + 1, UNREADABLE.format(line=line, column=start + 1))


def _unclosed_quote(text: str, last: int) -> tuple[int, int, str] | None:
    """(line, column, quote) of the first value on lines 1..`last` that opens a quote and does
    not close it on its line: PyYAML reads on and fails lines later, at another mistake."""
    for number, row in enumerate(text.splitlines()[:last], start=1):
        found = QUOTED_START.match(row)
        if not found:
            continue
        quote, rest = found.group(1), row[found.end():]
        closed = re.search(r'(?<!\\)"', rest) if quote == '"' else re.search(r"'(?!')", rest.replace("''", ""))
        if not closed:
            return number, found.end(), quote
    return None


def _explain(exc: yaml.YAMLError, text: str | None = None) -> YamlError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    unclosed = _unclosed_quote(text, line) if text is not None else None
    if unclosed is not None:
        at, where, quote = unclosed
        return YamlError(UNCLOSED_QUOTE.said(quote=quote), at, where, UNREADABLE.format(line=at, column=where))
    after = _text_after_quote(text, line) if text is not None and mark is not None else None
    if after is not None:
        return after
    problem = f"{getattr(exc, 'problem', '') or ''} {getattr(exc, 'context', '') or ''}"
    reason = next((swedish for english, swedish in EXPLAINED if english in problem), NOT_YAML)
    return YamlError(reason.said(), line, column, UNREADABLE.format(line=line, column=column))


def explain(exc: yaml.YAMLError, text: str | None = None) -> YamlError:
    """PyYAML's error as a Swedish YamlError, for YAML this module does not load itself (mkdocs.yml)."""
    return _explain(exc, text)


def _refuse_anchors_and_tags(text: str) -> None:
    depth = 0
    try:
        for event in yaml.parse(text, Loader=LOADER):
            mark = event.start_mark
            where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlError(TOO_DEEP.said(most=MAX_DEPTH), *where, f"Rad {where[0]}: ")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise YamlError(NO_ANCHORS.said(), *where, f"Rad {where[0]}: ")
            if getattr(event, "tag", None):
                raise YamlError(NO_TAGS.said(tag=event.tag), *where, f"Rad {where[0]}: ")
    except yaml.YAMLError as exc:
        raise _explain(exc, text) from None


def load(text: str) -> tuple[object, dict[tuple, int]]:
    """The YAML value, and the line of every key path (`("fields", 2, "unit")` → 14)
    so a message about a value can say where it stands."""
    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        raise YamlError(TOO_BIG.said(kb=MAX_BYTES // 1000))
    text = unicodedata.normalize("NFC", text)  # every text in NFC, once, on the way in (as every cell is)
    _refuse_anchors_and_tags(text)
    try:
        node = yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError as exc:
        raise _explain(exc, text) from None
    if node is None:
        return None, {}
    lines: dict[tuple, int] = {}
    _index(node, (), lines)
    try:
        return yaml.SafeLoader("").construct_document(node), lines
    except yaml.YAMLError as exc:  # a list or map as a key ({a: 1}: 2)
        raise _explain(exc) from None
    except ValueError:  # a date YAML reads by itself (datum: 2022-02-30) that the calendar does not have
        bad = _impossible_date(node)
        if bad is None:
            raise
        line, column = bad.start_mark.line + 1, bad.start_mark.column + 1
        raise YamlError(NO_SUCH_DATE.said(value=bad.value), line, column, f"Rad {line}: ") from None


def _impossible_date(node):
    """The first date-like scalar (YAML's timestamp) that is not a day in the calendar, or None."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:timestamp":
            try:
                yaml.SafeLoader("").construct_yaml_timestamp(node)
            except ValueError:
                return node
        return None
    children = [item for pair in node.value for item in pair] if isinstance(node, yaml.MappingNode) else node.value
    return next((found for child in children if (found := _impossible_date(child)) is not None), None)


def _index(node, path: tuple, lines: dict[tuple, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key.value)
            if name in seen:
                line = key.start_mark.line + 1
                raise YamlError(DUPLICATE_KEY.said(key=name, first=seen[name]), line, key.start_mark.column + 1, f"Rad {line}: ")
            seen[name] = key.start_mark.line + 1
            _index(value, (*path, name), lines)
            lines[(*path, name)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for position, item in enumerate(node.value):
            _index(item, (*path, position), lines)


def invisible_texts(value, lines: dict[tuple, int], path: tuple = (), place=None) -> list[tuple[int, Said]]:
    """Every text (key or value) holding an invisible character, as (line, what is wrong;
    `place(path)` says where in words):
    YAML's escapes ("\\x0b", "\\e", "\\u0085") make control characters that would reach
    pages, the feed's XML and the downloads. Line breaks and tabs of a multi-line text are text."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            found += invisible_texts(key, lines, (*path, key), place) if isinstance(key, str) else []
            found += invisible_texts(item, lines, (*path, key), place)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += invisible_texts(item, lines, (*path, index), place)
    elif isinstance(value, str):
        at = invisible_at(value.replace("\n", " ").replace("\t", " "))
        if at is not None:
            line = next((lines[path[:n]] for n in range(len(path), -1, -1) if path[:n] in lines), 1)
            key = place(path) if place else ".".join(str(p) for p in path) or "texten"
            found.append((line, INVISIBLE_IN_TEXT.said(value=shown(value, 40, strip=False), key=key, char=char_name(value[at]))))
    return found
