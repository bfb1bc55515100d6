"""A report's key message as plain text: the "I korthet" summary of a rendered article.

A report for a fixed period (a tertial, January–August, a year) has no monthly series whose
latest figures could head its entry in the feed; its summary is where its author put the
headline figures ("Under årets fyra första månader var socialnämndens kostnader −86 983 tkr …"),
so the feed's entry says that (pages/publish.py).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

SOFT_HYPHEN = "\u00ad"


class _Summary(HTMLParser):
    """The text of the first `div.admonition.abstract`, without its title."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside the summary: how many open divs deep
        self.done = False
        self.in_title = False
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self.done:
            return
        if self.depth:
            if tag == "div":
                self.depth += 1
            if tag == "p" and "admonition-title" in classes:
                self.in_title = True
            if tag in ("p", "br", "li"):
                self.parts.append(" ")
        elif tag == "div" and {"admonition", "abstract"} <= set(classes):
            self.depth = 1

    def handle_endtag(self, tag):
        if not self.depth or self.done:
            return
        if tag == "p":
            self.in_title = False
        if tag == "div":
            self.depth -= 1
            self.done = self.depth == 0

    def handle_data(self, data):
        if self.depth and not self.in_title and not self.done:
            self.parts.append(data)


def key_message(article_html: str) -> str:
    """The summary's text in one line, or "" when the article has none."""
    parser = _Summary()
    parser.feed(article_html)
    return re.sub(r"[ \t\r\n]+", " ", "".join(parser.parts).replace(SOFT_HYPHEN, "")).strip()  # keeps no-break spaces: "86 983"
