"""Markup a reader must never see: Markdown or template syntax left as text in a built page.

A Markdown extension that is not switched on (definition lists), a macro call with a typo
in its braces or an indented block that Markdown read as text all end as visible `**`,
`:   `, `{{ … }}` or `!!! note`. The build reads every page's text (code blocks and
scripts left out: there such signs are meant) and stops on the first page that shows any.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from ..data.messages import Message

VISIBLE_SYNTAX = Message(
    "markdown-syns-pa-sidan",
    "Sidan {page} visar {what} som text: «{snippet}». Rätta sidans Markdown så att det blir formaterat "
    "(se docs/forfattarguide/).",
    "En byggd sida innehåller Markdown- eller mallsyntax som läsaren ser som tecken, till exempel ** runt ett ord, "
    "{{ }} runt ett makro eller en rad som börjar med ett kolon. Oftast ett skrivfel i sidans Markdown, eller ett "
    "tillägg som inte är påslaget i mkdocs.yml.",
)

# What each sign is, in the message's words.
PATTERNS = [
    (re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}"), "mallsyntax (klammerparenteser)"),
    (re.compile(r"(?:^|\n)[ \t]*:[ \t]{1,}\S"), "en definitionslista (rad som börjar med kolon)"),
    (re.compile(r"\*\*\S|\S\*\*"), "fetstil med **"),
    (re.compile(r"(?<![\w*])\*[^\s*][^*\n]{0,80}\*(?![\w*])"), "kursiv med *"),
    (re.compile(r"(?<!\w)__\w"), "fetstil med __"),
    (re.compile(r"\]\(|\[\^"), "en länk eller fotnot i Markdown"),
    (re.compile(r"(?:^|\n)[ \t]*(?:!!!|\?\?\?\+?)[ \t]"), "en ruta (!!! eller ???)"),
    (re.compile(r"(?:^|\n)[ \t]*#{1,6}[ \t]+\S"), "en rubrik med #"),
    (re.compile(r"`"), "kod med `"),
    (re.compile(r"\|[ \t]*:?-{3,}|-{3,}:?[ \t]*\|"), "en tabell i Markdown"),
]
SKIPPED = {"code", "pre", "kbd", "samp", "script", "style", "template", "textarea", "svg", "math"}


class _Text(HTMLParser):
    """The text of a page's article, without what is meant as code."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.inside = 0  # within <article>

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.inside += 1
        if tag in SKIPPED:
            if self.inside and not self.skipping:
                self.parts.append("\u2026")  # code stands there: what follows is not a line's start
            self.skipping += 1
        if tag in ("p", "li", "dt", "dd", "div", "br", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in SKIPPED and self.skipping:
            self.skipping -= 1
        if tag == "article" and self.inside:
            self.inside -= 1

    def handle_data(self, data):
        if self.inside and not self.skipping:
            self.parts.append(data)


def page_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)


def visible_syntax(html: str) -> list[tuple[str, str]]:
    """Each (what, snippet) of markup a reader would see in the page's text."""
    text = page_text(html)
    found = []
    for pattern, what in PATTERNS:
        for match in pattern.finditer(text):
            start, end = max(0, match.start() - 30), min(len(text), match.end() + 30)
            found.append((what, " ".join(text[start:end].split())))
    return found


def site_problems(site_dir: Path, pages: list[Path]) -> list:
    """One problem per built page whose text shows markup (the first sign found on it), at the
    built file; the message names the page's address."""
    problems = []
    for path in pages:
        found = visible_syntax(path.read_text(encoding="utf-8"))
        if found:
            what, snippet = found[0]
            address = path.relative_to(site_dir).as_posix().removesuffix("index.html") or "/"
            problems.append(VISIBLE_SYNTAX.problem(str(path), 1, 1, page=address, what=what, snippet=snippet))
    return problems
