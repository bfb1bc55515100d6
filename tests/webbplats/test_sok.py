"""Search, in Debian's chromium: the index is asked for only when the reader turns to search or the
loaded page is idle (overrides/main.html), and search finds pages as before, on a desktop and a
phone, and highlights the words on a page opened from a result.

Material's script would otherwise request the index while it starts, a quarter of its start-up
task on a phone. The word searched for is taken from the built site's own index, so the test
holds whatever reports the site has."""

from __future__ import annotations

import json
import re

from sidbesok import DESKTOP, PHONES, open_context

from .test_browser import browser_test

INDEX = "search/search_index.json"


def _word(built_site) -> tuple[str, str]:
    """A word of five letters or more from a page's title in the site's search index, and that page."""
    docs = json.loads((built_site / INDEX).read_text(encoding="utf-8"))["docs"]
    for doc in docs:
        if doc["location"] and "#" not in doc["location"]:
            words = [w for w in re.findall(r"\w+", doc["title"]) if len(w) >= 5 and not w.isdigit()]
            if words:
                return words[0], doc["location"]
    raise AssertionError(f"Ingen sidtitel i {INDEX} har ett ord att söka på.")


# When the index was asked for, and when the page's load event came (ms since navigation start).
INDEX_TIMING_JS = """() => {
  const index = performance.getEntriesByType('resource').find(e => e.name.split('?')[0].endsWith('/search/search_index.json'));
  return index ? [index.startTime, performance.getEntriesByType('navigation')[0].loadEventStart] : null;
}"""


def _requested(page) -> bool:
    return page.evaluate(INDEX_TIMING_JS) is not None


def _results(page, word: str) -> list[str]:
    page.keyboard.type(word, delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return [" ".join(t.split()) for t in page.locator(".md-search-result__item").all_inner_texts()]


@browser_test
def test_the_index_waits_for_the_reader_and_search_finds_the_page(browser, site_server, built_site):
    word, location = _word(built_site)
    for width in (DESKTOP, PHONES[0]):
        context, _record = open_context(browser, site_server, width)
        page = context.new_page()
        page.goto(site_server, wait_until="load")
        if width < 600:
            page.locator("label.md-header__button[for=__search]").click()  # the phone's search button
        else:
            page.locator("input.md-search__input").click()
        page.wait_for_function("() => document.activeElement.matches('input.md-search__input')")
        results = _results(page, word)
        asked, loaded = page.evaluate(INDEX_TIMING_JS)
        assert asked >= loaded, f"{width} px: sökindexet hämtades medan sidan laddades ({asked:.0f} ms, load {loaded:.0f} ms)"
        assert any(word.lower() in r.lower() for r in results), (width, word, results[:5])
        links = page.locator("a.md-search-result__link").evaluate_all("links => links.map(a => a.pathname)")
        assert any(link.endswith("/" + location) for link in links), (width, word, location, links[:5])
        context.close()


@browser_test
def test_the_index_is_fetched_once_the_loaded_page_is_idle(browser, site_server):
    context, _record = open_context(browser, site_server)
    page = context.new_page()
    page.goto(site_server, wait_until="load")
    page.wait_for_timeout(3500)  # requestIdleCallback's timeout is 3 s
    assert _requested(page), "sökindexet hämtades inte när sidan hade laddats"
    context.close()


@browser_test
def test_a_page_opened_from_a_result_highlights_the_word(browser, site_server, built_site):
    word, location = _word(built_site)
    context, _record = open_context(browser, site_server)
    page = context.new_page()
    page.goto(f"{site_server}{location}?h={word}", wait_until="load")
    page.wait_for_selector("article mark[data-md-highlight]", timeout=15000)
    marked = page.locator("article mark[data-md-highlight]").all_inner_texts()
    assert any(word.lower() in m.lower() for m in marked), (word, marked[:5])
    context.close()
