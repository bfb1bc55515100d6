"""YAML as people write it by hand, read safely and explained in Swedish.

Schemas and page front matter are plain data: no anchors, aliases or tags
(an alias "billion laughs" would otherwise make one small file expand without
bound), no duplicate keys, and a size limit. Parse errors come back as a
Swedish sentence with line and column, never as PyYAML's English.
"""

from __future__ import annotations

import re

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10× faster
MAX_BYTES = 200_000  # a schema is a page of text; a bigger file is a mistake
MAX_DEPTH = 20  # a schema nests three or four levels; deeper is a mistake, and bounds the recursion below


class YamlError(ValueError):
    """A YAML file that cannot be read; `line` and `column` count from 1."""

    def __init__(self, message: str, line: int = 1, column: int = 1, reason: str | None = None):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column
        # What is wrong without where: front matter sits inside a page, so its lines are the page's.
        self.reason = reason or re.sub(r"^Rad \d+: ", "", message)


# PyYAML's problem texts, in the words an author needs to fix them.
EXPLAINED = [
    ("mapping values are not allowed", "ett kolon står där det inte får stå. En text som innehåller kolon måste stå inom citattecken."),
    ("could not find expected ':'", "ett kolon saknas efter en nyckel, eller en rad har fel indrag."),
    ("that cannot start any token", "ett tecken som inte får inleda ett värde, oftast ett tabbtecken (använd mellanslag för indrag) eller @ eller ` först i en text (sätt texten inom citattecken)."),
    ("expected <block end>", "indraget stämmer inte med raderna ovanför. Rader på samma nivå ska ha lika många mellanslag."),
    ("did not find expected '-' indicator", "en rad i en lista saknar bindestreck eller har fel indrag."),
    ("did not find expected key", "indraget stämmer inte, eller en rad saknar nyckel och kolon."),
    ("found unexpected end of stream", "filen tar slut mitt i en text: ett citattecken eller en parentes stängs aldrig."),
    ("found unexpected ':'", "ett kolon står där det inte får stå. Sätt texten inom citattecken."),
    ("expected ',' or ']'", "en lista inom [ ] stängs inte rätt: kontrollera kommatecken och ]."),
    ("expected ',' or '}'", "en karta inom { } stängs inte rätt: kontrollera kommatecken och }."),
    ("found undefined alias", "filen använder ett alias (*namn). Skriv ut värdet i stället."),
    ("but found another document", "filen innehåller flera dokument (---). Ta bort de extra ---."),
    ("found unknown escape character", "ett omvänt snedstreck (\\) inom citattecken. Skriv texten utan \\ eller inom enkla citattecken."),
]


def _explain(exc: yaml.YAMLError) -> YamlError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = f"{getattr(exc, 'problem', '') or ''} {getattr(exc, 'context', '') or ''}"
    reason = next((swedish for english, swedish in EXPLAINED if english in problem), None)
    reason = reason or "texten följer inte YAML-formatet. Kontrollera indrag, kolon och citattecken."
    return YamlError(f"YAML-filen går inte att läsa (rad {line}, kolumn {column}): {reason}", line, column, reason)


def explain(exc: yaml.YAMLError) -> YamlError:
    """PyYAML's error as a Swedish YamlError, for YAML this module does not load itself (mkdocs.yml)."""
    return _explain(exc)


def _refuse_anchors_and_tags(text: str) -> None:
    depth = 0
    try:
        for event in yaml.parse(text, Loader=LOADER):
            mark = event.start_mark
            where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlError(
                        f"Rad {where[0]}: texten har fler än {MAX_DEPTH} nivåer av listor och kartor i varandra. "
                        "Ett schema eller sidhuvud har bara några få nivåer: kontrollera indrag och hakparenteser.",
                        *where,
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise YamlError(
                    f"Rad {where[0]}: YAML-ankare och alias (&namn, *namn) är inte tillåtna. Skriv ut värdet där det ska stå.",
                    *where,
                )
            if getattr(event, "tag", None):
                raise YamlError(
                    f"Rad {where[0]}: YAML-taggar ({event.tag}) är inte tillåtna. Ta bort taggen och skriv värdet som vanlig text eller tal.",
                    *where,
                )
    except yaml.YAMLError as exc:
        raise _explain(exc) from None


def load(text: str) -> tuple[object, dict[tuple, int]]:
    """The YAML value, and the line of every key path (`("fields", 2, "unit")` → 14)
    so a message about a value can say where it stands."""
    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        raise YamlError(f"Filen är större än {MAX_BYTES // 1000} kB. Ett schema eller sidhuvud ska vara kort.")
    _refuse_anchors_and_tags(text)
    try:
        node = yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError as exc:
        raise _explain(exc) from None
    if node is None:
        return None, {}
    lines: dict[tuple, int] = {}
    _index(node, (), lines)
    return yaml.SafeLoader("").construct_document(node), lines


def _index(node, path: tuple, lines: dict[tuple, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key.value)
            if name in seen:
                line = key.start_mark.line + 1
                raise YamlError(
                    f'Rad {line}: nyckeln "{name}" finns redan på rad {seen[name]}. Ta bort den ena.', line, key.start_mark.column + 1
                )
            seen[name] = key.start_mark.line + 1
            _index(value, (*path, name), lines)
            lines[(*path, name)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for position, item in enumerate(node.value):
            _index(item, (*path, position), lines)
