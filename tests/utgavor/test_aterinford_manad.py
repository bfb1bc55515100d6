"""A published month reverted and entered again with another figure is a correction (adv17b F6/F98),
as an amended and force-pushed one is (test_rattade_varden.py): September published with 180
households, the commit reverted (`git revert`) and published, then September added again with 185
and published. The living page marks 185 as corrected from 180; "Nytt och ändrat" and the feed list
180 → 185. The same month added again with the same figure is no correction."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from .conftest import DATA, ROWS, git, ok

pytestmark = pytest.mark.slow


def text(path) -> str:
    return " ".join(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text(" ", strip=True).split())


def revert_september(remote) -> None:
    git(remote.work, "revert", "--no-commit", "HEAD")  # the commit that added 2022-09
    remote.commit("Återställ \"Åstorp: 2022-09\"")
    remote.push()
    ok(remote.publish())


def enter_september(remote, row: str) -> None:
    data = remote.work / DATA
    data.write_text(data.read_text(encoding="utf-8") + row + "\n", encoding="utf-8")
    remote.commit("Åstorp: 2022-09 igen")
    remote.push()
    ok(remote.publish())


def test_a_month_reverted_and_entered_again_with_another_figure_is_a_correction(remote):
    revert_september(remote)
    enter_september(remote, ROWS["2022-09"].replace(";180;", ";185;"))
    living = text(remote.site / "astorp/index.html")
    assert "I september 2022 fick 185 (rättad 1 oktober 2022, tidigare 180) hushåll" in living
    changes = text(remote.site / "nytt-och-andrat/index.html")
    assert "Antal hushåll, september 2022: 180 → 185" in changes
    assert "Antal hushåll, september 2022: 180 → 185" in (remote.site / "nytt-och-andrat.xml").read_text(encoding="utf-8")
    assert "I september 2022 fick 180 hushåll" in text(remote.site / "astorp/utgavor/2022-09/index.html")  # as published


def test_a_month_entered_again_with_the_same_figures_is_no_correction(remote):
    revert_september(remote)
    enter_september(remote, ROWS["2022-09"])
    assert "I september 2022 fick 180 hushåll" in text(remote.site / "astorp/index.html")
    changes = text(remote.site / "nytt-och-andrat/index.html")
    assert "Ny utgåva: Försörjningsstöd i Åstorp: september 2022" in changes
    assert "Rättade uppgifter" not in changes and "september 2022: 180 →" not in changes
