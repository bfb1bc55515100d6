"""The page's own text as a Swedish reader reads it, as a Python-Markdown extension (living pages
through MkDocs or Zensical, editions through edition_render.py):

- Swedish hyphenation in headings and table heads (Markdown's h1–h6, th, dt): the site's
  templates hyphenate theirs with the `hyphenate` filter. It runs after the table of contents
  is made, so the contents, the headings' ids and the search index keep the words whole.
- Dates an author typed as ISO in the prose ("beslutade 2024-03-15", "t.o.m. 2025-12-31")
  written as Swedish dates ("15 mars 2024"), as the templates write theirs (`dates_in_text`).
  Code, code blocks and links keep what was typed: an ISO date there is meant (a file name, an
  address, an example of the format).
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


KEPT_AS_TYPED = {"code", "pre", "a", "kbd", "samp", "script", "style"}


class _SwedishDates(Treeprocessor):
    def run(self, root):
        self._rewrite(root)

    def _rewrite(self, element):
        if element.tag in KEPT_AS_TYPED:
            return
        if element.text:
            element.text = swedish.dates_in_text(element.text)
        for child in element:
            self._rewrite(child)
            if child.tail:
                child.tail = swedish.dates_in_text(child.tail)


class HyphenationExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 — Python-Markdown's name
        md.treeprocessors.register(_Hyphenate(md), "svensk-avstavning", 1)  # after toc (5): ids and contents stay whole
        md.treeprocessors.register(_SwedishDates(md), "svenska-datum", 2)


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
