"""The light/dark toggle in the header, as a reader uses it in Chromium.

The site draws the toggle with its own small script instead of Material's palette component
(overrides/partials/palette.html: the component restyled the whole page three times at load).
What a reader must still get: the system's scheme until they choose, one visible toggle that
names what it does, the choice kept on the next page and visit, Enter to switch, the browser's
theme colour. The smallest project: a start page only.
"""

from __future__ import annotations

import pytest
from conftest import build_site, serve, small_project

pytestmark = [pytest.mark.browser]

STATE_JS = """
() => ({
  scheme: document.body.getAttribute('data-md-color-scheme'),
  visible: Array.from(document.querySelectorAll('form[data-palette-toggle] label'))
    .filter((label) => !label.hidden && label.getBoundingClientRect().width > 0).map((label) => label.title),
  saved: Object.keys(localStorage).filter((key) => key.endsWith('.__palette'))
    .map((key) => JSON.parse(localStorage.getItem(key))),
  themeColor: (document.querySelector('meta[name=theme-color]') || {}).content,
  colorScheme: (document.querySelector('meta[name=color-scheme]') || {}).content || null,
  header: getComputedStyle(document.querySelector('.md-header')).backgroundColor,
})
"""


def hex_of(rgb: str) -> str:
    return "#" + "".join(f"{int(v):02x}" for v in rgb[rgb.index("(") + 1: rgb.index(")")].split(",")[:3])


@pytest.fixture(scope="module")
def start_page(tmp_path_factory) -> str:
    project = small_project(tmp_path_factory.mktemp("fargval") / "projekt", {})
    config = project / "mkdocs.yml"  # no reports: the start page alone
    config.write_text(config.read_text(encoding="utf-8").replace("  - Rapporter:\n", ""), encoding="utf-8")
    return build_site(project / "site", project=project)


@pytest.fixture
def open_page(browser, start_page):
    contexts = []
    with serve(start_page) as server:
        def opened(scheme: str):
            context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme=scheme)
            contexts.append(context)
            page = context.new_page()
            page.goto(server.url, wait_until="load")
            page.wait_for_function("document.querySelector('meta[name=theme-color]') !== null", timeout=5_000)
            return page
        yield opened
        for context in contexts:
            context.close()


@pytest.mark.parametrize(("system", "scheme", "toggle", "color_scheme"), [
    ("light", "default", "Byt till mörkt läge", None),  # no tag: light, and no restyling
    ("dark", "slate", "Byt till ljust läge", "dark"),
])
def test_the_system_scheme_until_the_reader_chooses(open_page, system, scheme, toggle, color_scheme):
    state = open_page(system).evaluate(STATE_JS)
    assert state["scheme"] == scheme
    assert state["visible"] == [toggle]
    assert state["saved"] == [], "a choice was saved that the reader never made"
    assert state["colorScheme"] == color_scheme
    assert state["themeColor"] == hex_of(state["header"])


def test_a_system_change_is_followed_while_nothing_is_chosen(open_page):
    page = open_page("light")
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'", timeout=5_000)
    assert page.evaluate(STATE_JS)["visible"] == ["Byt till ljust läge"]


def test_a_choice_is_kept_on_the_next_visit_whatever_the_system_says(open_page):
    page = open_page("light")
    page.locator("form[data-palette-toggle] label:not([hidden])").click()
    chosen = page.evaluate(STATE_JS)
    assert chosen["scheme"] == "slate" and chosen["visible"] == ["Byt till ljust läge"]
    assert [s["index"] for s in chosen["saved"]] == [1]
    assert chosen["saved"][0]["color"]["scheme"] == "slate"
    assert chosen["colorScheme"] == "dark" and chosen["themeColor"] == hex_of(chosen["header"])
    page.reload(wait_until="load")
    page.emulate_media(color_scheme="light")
    page.wait_for_timeout(100)
    again = page.evaluate(STATE_JS)
    assert again["scheme"] == "slate" and again["visible"] == ["Byt till ljust läge"]
    page.locator("form[data-palette-toggle] label:not([hidden])").click()
    back = page.evaluate(STATE_JS)
    assert back["scheme"] == "default" and back["colorScheme"] == "light"
    assert back["themeColor"] == hex_of(back["header"])
    assert page.evaluate("document.body.hasAttribute('data-md-color-switching')") is False


def test_enter_switches_the_scheme(open_page):
    page = open_page("light")
    page.focus("form[data-palette-toggle] input:checked")
    page.keyboard.press("Enter")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'", timeout=5_000)
    page.keyboard.press("Enter")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'", timeout=5_000)
    assert page.evaluate(STATE_JS)["visible"] == ["Byt till mörkt läge"]
