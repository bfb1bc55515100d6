"""A symbolic link in data/ that leads nowhere (a file moved away, a link committed from another
machine) is refused in Swedish at the link, never a Python traceback (adv17c)."""

from __future__ import annotations

import os

import pytest

from .conftest import build

pytestmark = pytest.mark.slow


def test_a_dangling_link_in_data_is_said_in_swedish(remote):
    os.symlink("../finns-inte.csv", remote.work / "data/astorp/trasig.csv")
    remote.commit("En länk som inte leder någonstans")
    result = build(remote.work)
    out = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in out and "Internt fel" not in out
    assert (
        "data/astorp/trasig.csv:1:1: Filen är en symbolisk länk, och webbplatsen läser bara vanliga filer i data/. "
        "Ersätt länken med filen själv. [lank]"
    ) in out
