"""A report's key message ("I korthet") as plain text, for the feed entry of an edition that has
no monthly series to take headline figures from (adv19 #16)."""

from __future__ import annotations

from macros.render.summary import key_message

ARTICLE = """<h1>Tertial\u00adrapport 1 2019</h1>
<div class="admonition info edition-banner"><p class="admonition-title">Utgåva tertial 1 2019</p></div>
<div class="admonition abstract">
<p class="admonition-title">I korthet</p>
<p>Under årets fyra första månader var kostnaderna
<span class="value" data-key="Verksamhetens kostnader">\u221286\u00a0983\u00a0tkr</span>, mot en budget på
<span class="value">\u221269\u00a0761\u00a0tkr</span>.</p><p>Prognosen är ett under\u00adskott &amp; mer.</p>
<div class="admonition note"><p>Inuti.</p></div>
</div>
<p>Efter sammanfattningen.</p>
<div class="admonition abstract"><p>En andra.</p></div>
"""


def test_the_summary_without_its_title_in_one_line():
    assert key_message(ARTICLE) == (
        "Under årets fyra första månader var kostnaderna \u221286\u00a0983\u00a0tkr, mot en budget på "
        "\u221269\u00a0761\u00a0tkr. Prognosen är ett underskott & mer. Inuti.")


def test_an_article_without_a_summary_has_no_key_message():
    assert key_message("<h1>Rapport</h1><p>Text.</p>") == ""
