"""The summary ("I korthet") starts on the first screen of every report and edition on the
smallest phone (320 × 568) and on a desktop at 200 % zoom (1280 × 800 at 200 % is 640 × 400 CSS
pixels): its first line of text, not only its title (adv19 #8, #9). Reports are those the start
page lists, with their editions, whatever reports the site has.
"""

from __future__ import annotations

import re

import pytest
from conftest import page_url_path, site_pages

pytestmark = pytest.mark.browser

SCREENS = [(320, 568, 1), (640, 400, 2)]  # width, height, device pixels per CSS pixel

FIRST_LINE_JS = """
() => {
  const summary = document.querySelector('article .admonition.abstract');
  if (!summary) return null;
  const text = summary.querySelector('p:not(.admonition-title)');
  const range = document.createRange();
  range.selectNodeContents(text);
  const first = range.getClientRects()[0];
  return { bottom: first.bottom + window.scrollY, edition: !!document.querySelector('.edition-banner') };
}
"""


def test_the_summary_starts_on_the_first_screen(browser, site_server, built_site):
    findings, editions, checked = [], 0, 0
    for width, height, scale in SCREENS:
        context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=scale,
                                      is_mobile=scale == 1, reduced_motion="reduce")
        try:
            page = context.new_page()
            page.goto(site_server, wait_until="load")
            base = re.sub(r"^https?://[^/]+", "", site_server)
            reports = {link.removeprefix(base) for link in page.eval_on_selector_all(
                "#rapportlista a", "links => links.map(a => new URL(a.href).pathname)")}
            assert reports, "the start page lists no report"
            for path in site_pages(built_site):
                url = page_url_path(built_site, path)
                living = re.sub(r"utgavor/[^/]+/$", "", url)
                if living not in reports or url == living + "utgavor/":
                    continue
                page.goto(site_server + url, wait_until="load")
                found = page.evaluate(FIRST_LINE_JS)
                checked += 1
                if found is None:
                    findings.append(f"{url} at {width}×{height}: no summary (I korthet)")
                    continue
                editions += found["edition"]
                if found["bottom"] > height:
                    findings.append(f"{url} at {width}×{height}: the summary's first line ends at {found['bottom']:.0f} px")
        finally:
            context.close()
    assert checked and editions, "no report or edition was checked"
    assert not findings, "\n".join(findings)
