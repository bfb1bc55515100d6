"""A withdrawal as staff make it (rattelser.yaml, one small commit; the record's format, issue 17.2),
on the whole site built from the tiny real repository: "Nytt och ändrat" and the feed list it with
its reason and date."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from .conftest import build, git, new_project, staff_steps

ATOM = "{http://www.w3.org/2005/Atom}"
WITHDRAWAL = """\
- utgava: astorp/utgavor/2022-09/
  typ: indragning
  datum: 2022-10-21
  anledning: Hushållen i september var dubbelräknade.
"""

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def withdrawn(tmp_path_factory):
    root = new_project(tmp_path_factory.mktemp("indragning") / "projekt")
    staff_steps(root)
    (root / "rattelser.yaml").write_text(WITHDRAWAL, encoding="utf-8")
    git(root, "add", "rattelser.yaml")
    git(root, "commit", "--quiet", "-m", "Åstorp: september 2022 dras in", when="2022-10-21T14:00:00+02:00")
    return build(root)


def test_the_list_of_changes_says_the_withdrawal_with_reason_and_date(withdrawn):
    page = BeautifulSoup((withdrawn / "nytt-och-andrat/index.html").read_text(encoding="utf-8"), "html.parser")
    item = page.select(".changes-list > li")[0]
    assert item["class"] == ["change-indragning"]
    assert item.select_one("time")["datetime"] == "2022-10-21"
    assert re.sub(r"\s+", " ", item.get_text(" ", strip=True)) == (
        "21 oktober 2022 : Försörjningsstöd i Åstorp: september 2022 indragen Anledning: Hushållen i september var "
        "dubbelräknade. Ersätts av: rapportens aktuella sida"
    )


def test_the_feed_says_the_withdrawal_with_reason_and_date(withdrawn):
    feed = ET.parse(withdrawn / "nytt-och-andrat.xml").getroot()
    first = feed.find(f"{ATOM}entry")
    assert first.findtext(f"{ATOM}title") == "Försörjningsstöd i Åstorp: september 2022 indragen"
    assert first.findtext(f"{ATOM}summary") == (
        "Utgåvan är indragen 21 oktober 2022. Anledning: Hushållen i september var dubbelräknade. "
        "Den ersätts av rapportens aktuella sida."
    )
    assert first.findtext(f"{ATOM}updated").startswith("2022-10-21T")
