"""The corrected value's mark as a reader sees it on a phone (360 px wide) in Chromium: the "r" beside
the figure in the month table and the line on the key-figure card are there, inside the screen when
scrolled to, at a readable size and contrast, and a screen reader hears "rättad uppgift"."""

from __future__ import annotations

import pytest
from conftest import serve

pytestmark = [pytest.mark.slow, pytest.mark.browser]

MEASURE_JS = """
(el) => {
  el.scrollIntoView({block: 'center', inline: 'center'});
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  // The box it is clipped by: its scrolling table (if any), else the screen.
  const wrap = el.closest('.table-wrap');
  const clip = wrap ? wrap.getBoundingClientRect() : {left: 0, right: innerWidth};
  const rgb = (c) => c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
  const lum = (c) => { const v = rgb(c).map((x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  let bg = 'rgb(255, 255, 255)';
  for (let n = el; n; n = n.parentElement) {
    const c = getComputedStyle(n).backgroundColor;
    if (c && !c.startsWith('rgba(0, 0, 0, 0)') && c !== 'transparent') { bg = c; break; }
  }
  const [a, b] = [lum(style.color), lum(bg)].sort((x, y) => y - x);
  return {
    text: el.innerText.trim(), width: box.width, height: box.height, left: box.left, right: box.right,
    top: box.top, bottom: box.bottom, clipLeft: clip.left, clipRight: clip.right, screen: innerWidth,
    screenHeight: innerHeight, fontSize: parseFloat(style.fontSize), contrast: (a + 0.05) / (b + 0.05),
    visible: style.visibility !== 'hidden' && style.display !== 'none' && box.width > 0,
  };
}
"""


@pytest.fixture(scope="module")
def phone(site, browser):
    with serve(site) as server:
        context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
        page = context.new_page()
        page.goto(server.url + "astorp/", wait_until="load")
        yield page
        context.close()


def inside(m: dict) -> bool:
    return m["left"] >= max(0, m["clipLeft"]) - 0.5 and m["right"] <= min(m["screen"], m["clipRight"]) + 0.5 \
        and m["top"] >= 0 and m["bottom"] <= m["screenHeight"]


def test_the_mark_in_the_table_is_visible_and_readable(phone):
    marks = phone.locator('td[data-key="2022-07"][data-field="hushall"] sup.revised-ref a')
    assert marks.count() == 1  # the check below is about something that exists
    m = marks.first.locator('[aria-hidden="true"]').evaluate(MEASURE_JS)  # what the eye sees
    assert m["visible"] and m["text"] == "r", m
    assert inside(m), m
    assert m["fontSize"] >= 11, m
    assert m["contrast"] >= 4.5, m
    cell = phone.locator('td[data-key="2022-07"][data-field="hushall"]').first.evaluate(MEASURE_JS)
    assert inside(cell), cell  # the figure beside the mark is whole too
    assert marks.first.evaluate("(a) => a.querySelector('.visually-hidden').textContent") == "rättad uppgift"


def test_the_cards_line_is_visible_whole_and_readable(phone):
    lines = phone.locator(".kpi-cards .kpi-revised")
    assert lines.count() == 1
    m = lines.first.evaluate(MEASURE_JS)
    assert m["visible"] and m["text"] == "r Rättad 20 oktober 2022, tidigare 167.", m
    assert inside(m), m
    assert m["fontSize"] >= 14, m
    assert m["contrast"] >= 4.5, m
