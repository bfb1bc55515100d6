"""A published month reverted, withdrawn and then entered again with another figure (adv17e fault 5):
September published with 180 households, `git revert` and published, withdrawn in rattelser.yaml and
published, then September added again with 185 and published. The figure that comes back is compared with
what was published, as without the withdrawal (test_aterinford_manad.py): the living page marks 185 as
corrected from 180, and "Nytt och ändrat" and the feed list 180 → 185."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from .conftest import DATA, ROWS, SEPTEMBER_WITHDRAWN, git, ok

pytestmark = pytest.mark.slow


def text(path) -> str:
    return " ".join(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text(" ", strip=True).replace("\xad", "").split())


def test_a_month_withdrawn_and_entered_again_with_another_figure_is_a_correction(remote):
    git(remote.work, "revert", "--no-commit", "HEAD")  # the commit that added 2022-09
    remote.commit("Återställ \"Åstorp: 2022-09\"")
    remote.push()
    ok(remote.publish())
    (remote.work / "rattelser.yaml").write_text(SEPTEMBER_WITHDRAWN, encoding="utf-8")
    remote.commit("Dra in september 2022")
    remote.push()
    ok(remote.publish())
    data = remote.work / DATA
    data.write_text(data.read_text(encoding="utf-8") + ROWS["2022-09"].replace(";180;", ";185;") + "\n", encoding="utf-8")
    remote.commit("Åstorp: 2022-09 igen")
    remote.push()
    ok(remote.publish())
    assert "I september 2022 fick 185 (rättad 1 oktober 2022, tidigare 180) hushåll" in text(remote.site / "astorp/index.html")
    assert "Antal hushåll, september 2022: 180 → 185" in text(remote.site / "nytt-och-andrat/index.html")
    assert "Antal hushåll, september 2022: 180 → 185" in (remote.site / "nytt-och-andrat.xml").read_text(encoding="utf-8")
