"""Publishing a month leaves every older edition as it was (issue 17.5).

An older edition's banner says THAT a newer edition exists and links to the living page (which
shows the newest), never WHICH edition is the newest. So when a month is published only the
edition that was the newest until then is framed anew; every earlier one is the same file, byte
for byte, not written again (the cost of a month does not grow with the report's past editions).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import ok

pytestmark = pytest.mark.slow

AUGUST = "astorp/utgavor/2022-08/index.html"
SEPTEMBER = "astorp/utgavor/2022-09/index.html"
OCTOBER = "astorp/utgavor/2022-10/index.html"
NEWER = "Det finns en nyare utgåva: de senaste siffrorna finns på den löpande sidan ."


def kept(path: Path) -> tuple[bytes, int, int]:
    """A page's bytes, and which file it is (inode, modification time): written again, it is another."""
    info = os.stat(path)
    return path.read_bytes(), info.st_ino, info.st_mtime_ns


def newer(path: Path) -> str | None:
    said = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one(".edition-facts .edition-newer")
    return said.get_text(" ", strip=True) if said else None


def test_a_new_month_changes_only_the_edition_that_was_the_newest(remote):
    site = remote.site
    assert newer(site / AUGUST) == NEWER and newer(site / SEPTEMBER) is None
    # The copy's first build places its editions in a site folder of its own; from then on:
    remote.add_month("2022-10")
    remote.push()
    ok(remote.publish())
    assert newer(site / SEPTEMBER) == NEWER  # until October the newest: it now says a newer edition exists
    link = BeautifulSoup(kept(site / SEPTEMBER)[0], "html.parser").select_one(".edition-facts .edition-newer a")["href"]
    assert link == "../../"  # the living page, which shows the newest
    assert newer(site / OCTOBER) is None
    august, september, october = kept(site / AUGUST), kept(site / SEPTEMBER), kept(site / OCTOBER)

    remote.add_month("2022-11")
    remote.push()
    ok(remote.publish())
    assert kept(site / AUGUST) == august  # byte for byte, and not written again
    assert kept(site / SEPTEMBER) == september
    assert kept(site / OCTOBER) != october and newer(site / OCTOBER) == NEWER
