"""A published figure changed later is a correction wherever the change came from: a data file
renamed in the same commit as the correction, or the published commit itself amended and
force-pushed. "Nytt och ändrat", the feed and the living page's "r" mark all say it."""

from __future__ import annotations

import os
import subprocess

import pytest
from bs4 import BeautifulSoup

from .conftest import DATA, GIT_ENV, ROWS, ok

pytestmark = pytest.mark.slow


def text(path) -> str:
    return " ".join(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text(" ", strip=True).split())


def test_a_correction_made_with_a_renamed_data_file_is_listed(remote):
    """F10: data/astorp/forsorjningsstod.* → data/astorp/fsd.* and July 167 → 169 in one commit."""
    data = remote.rename_data("astorp/fsd")
    data.write_text(data.read_text(encoding="utf-8").replace("2022-07;234;167;", "2022-07;234;169;"), encoding="utf-8")
    remote.commit("Åstorp: datafilen byter namn, juli rättad")
    remote.push()
    ok(remote.publish())
    assert "Antal hushåll, juli 2022: 167 → 169" in text(remote.site / "nytt-och-andrat/index.html")
    assert "Antal hushåll, juli 2022: 167 → 169" in (remote.site / "nytt-och-andrat.xml").read_text(encoding="utf-8")
    assert "Antal hushåll, juli 2022: rättad 1 oktober 2022, tidigare 167." in text(remote.site / "astorp/index.html")
    # The next month's publishing reads that recorded revision back and finds it in the data, under the file's
    # old name before the commit (adv17g 1: it was refused as forged by every later build).
    data.write_text(data.read_text(encoding="utf-8") + ROWS["2022-10"] + "\n", encoding="utf-8")
    remote.commit("Åstorp: oktober")
    remote.push()
    assert "arkivet-okand-andring" not in ok(remote.publish())
    assert "Antal hushåll, juli 2022: 167 → 169" in (remote.site / "nytt-och-andrat.xml").read_text(encoding="utf-8")
    assert (remote.site / "astorp/utgavor/2022-10/index.html").is_file()


def test_a_published_figure_amended_and_force_pushed_is_a_correction(remote):
    """F06b: October published with 178 households; the commit amended to 176 and force-pushed. The
    edition keeps 178; the living page marks 176 as corrected, and the change is listed."""
    remote.add_month("2022-10")
    remote.push()
    ok(remote.publish())
    data = remote.work / DATA
    data.write_text(data.read_text(encoding="utf-8").replace("2022-10;248;178;", "2022-10;248;176;"), encoding="utf-8")
    when = "2022-10-20T10:00:00+02:00"
    subprocess.run(
        ["git", "commit", "--quiet", "-a", "--amend", "--no-edit"], cwd=remote.work, check=True, capture_output=True,
        env={**os.environ, **GIT_ENV, "GIT_COMMITTER_DATE": when},
    )
    remote.push("--force")
    ok(remote.publish())
    assert "I oktober 2022 fick 178 hushåll" in text(remote.site / "astorp/utgavor/2022-10/index.html")
    living = text(remote.site / "astorp/index.html")
    assert "I oktober 2022 fick 176 (rättad 20 oktober 2022, tidigare 178) hushåll" in living
    assert "Antal hushåll, oktober 2022: 178 → 176" in text(remote.site / "nytt-och-andrat/index.html")
    assert "Antal hushåll, oktober 2022: 178 → 176" in (remote.site / "nytt-och-andrat.xml").read_text(encoding="utf-8")
