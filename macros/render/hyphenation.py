"""Swedish hyphenation in the page's own headings and table heads (Markdown's h1–h6 and th),
as a Python-Markdown extension: the site's templates hyphenate theirs with the `hyphenate` filter.

It runs after the table of contents is made, so the contents, the headings' ids and the
search index keep the words whole; only the page's text gets the soft hyphens.
"""

from __future__ import annotations

from pathlib import Path

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

from ..formats import swedish

HYPHENATED = ("h1", "h2", "h3", "h4", "h5", "h6", "th", "dt")


class _Hyphenate(Treeprocessor):
    def run(self, root):
        for element in [e for e in root.iter() if e.tag in HYPHENATED]:
            for inner in element.iter():
                if inner.text and inner.tag != "code":  # code is copied as written
                    inner.text = swedish.hyphenate(inner.text)
                if inner.tail and inner is not element:
                    inner.tail = swedish.hyphenate(inner.tail)


class HyphenationExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 — Python-Markdown's name
        md.treeprocessors.register(_Hyphenate(md), "svensk-avstavning", 1)  # after toc (5): ids and contents stay whole


def makeExtension(**kwargs):  # noqa: N802 — Python-Markdown's name
    return HyphenationExtension(**kwargs)


def search_without_soft_hyphens(site_dir: Path) -> None:
    """The search index as readers type words: whole, without the headings' soft hyphens
    (the search plugin reads the pages' HTML, where they stand)."""
    index = Path(site_dir) / "search" / "search_index.json"
    if index.is_file():
        text = index.read_text(encoding="utf-8")
        if swedish.SOFT_HYPHEN in text or "\\u00ad" in text:
            index.write_text(text.replace(swedish.SOFT_HYPHEN, "").replace("\\u00ad", ""), encoding="utf-8")
