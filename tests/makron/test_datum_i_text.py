"""Dates an author types as ISO in a page's prose are written as Swedish dates for the reader;
code, code blocks and links keep what was typed (adv19 #38). The Markdown extension is the one
living pages (MkDocs, Zensical) and editions are rendered with."""

from __future__ import annotations

import markdown

from macros.render.hyphenation import HyphenationExtension

PROSE = (
    "Nämnden beslutade 2024-03-15 om nya riktlinjer, som gäller t.o.m. 2025-12-31. "
    "Filen `2024-03-15.csv` och [2024-03-15](x/2024-03-15/). **Från 2024-01-01** gäller *2024-02-30*."
)


def render(text: str) -> str:
    return markdown.markdown(text, extensions=[HyphenationExtension(), "tables", "fenced_code", "admonition"])


def test_iso_dates_in_prose_are_swedish_dates():
    assert render(PROSE) == (
        "<p>Nämnden beslutade 15 mars 2024 om nya riktlinjer, som gäller t.o.m. 31 december 2025. "
        'Filen <code>2024-03-15.csv</code> och <a href="x/2024-03-15/">2024-03-15</a>. '
        "<strong>Från 1 januari 2024</strong> gäller <em>2024-02-30</em>.</p>"  # 30 februari is no date: as typed
    )


def test_tables_and_admonitions_too_but_not_code_blocks():
    html = render('!!! note "Beslut 2024-03-15"\n    Gäller från 2024-04-01.\n\n| Datum |\n|---|\n| 2024-03-15 |\n\n```\n2024-03-15\n```')
    assert "Beslut 15 mars 2024" in html and "Gäller från 1 april 2024." in html
    assert "<td>15 mars 2024</td>" in html
    assert "<pre><code>2024-03-15\n</code></pre>" in html
