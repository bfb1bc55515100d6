"""A page with nothing to list in its table of contents shows none: no "Innehållsförteckning"
over an empty list (issue 19: the data page had one), and no empty navigation landmark.
Read from the built HTML (which pages have an empty list), checked in Debian's chromium."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import page_url_path, site_pages

pytestmark = pytest.mark.browser

SHOWN_JS = """() => [...document.querySelectorAll('.md-nav--secondary')]
  .filter(nav => nav.getClientRects().length).map(nav => nav.textContent.trim().replace(/\\s+/g, ' '))"""


def test_no_empty_table_of_contents_is_shown(browser, site_server, built_site):
    empty = []
    for path in site_pages(built_site):
        toc = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one(".md-nav--secondary > .md-nav__list")
        if toc is not None and not toc.find("li"):
            empty.append(page_url_path(built_site, path))
    assert empty, "ingen sida utan rubriker, så testet kontrollerade ingenting"
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    shown = {}
    for url in empty:
        page.goto(site_server + url, wait_until="load")
        shown[url] = page.evaluate(SHOWN_JS)
    page.close()
    assert not {url: text for url, text in shown.items() if text}
