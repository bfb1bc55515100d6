"""The living page's link "Alla N utgåvor" leads to a page that exists, also after the report page
was renamed and before the new address has an edition of its own (adv17c)."""

from __future__ import annotations

import re

import pytest

from .conftest import ok

pytestmark = pytest.mark.slow


def test_the_link_to_every_edition_exists_after_a_rename(remote):
    # The living page lists its newest edition only (in place of twelve), so two editions need the link.
    code = remote.work / "macros/pages/page_macros.py"
    code.write_text(code.read_text(encoding="utf-8").replace("EDITIONS_SHOWN = 12", "EDITIONS_SHOWN = 1"), encoding="utf-8")
    remote.rename_page("astorp-fsd.md")
    remote.commit("Åstorp: sidan byter namn")
    remote.push()
    ok(remote.publish())
    living = (remote.site / "astorp-fsd/index.html").read_text(encoding="utf-8")
    href = re.search(r'<a href="([^"]+)">Alla 2 utgåvor</a>', living).group(1)
    assert href == "../astorp/utgavor/"
    assert (remote.site / "astorp-fsd" / href / "index.html").resolve().is_file()
