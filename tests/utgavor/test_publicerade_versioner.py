""""Nytt och ändrat" compares the versions that were published (the record's: each record commit's
second parent, and main's newest), not every commit: a typo fixed before the publishing is no
revision; a figure published and then corrected is one."""

from __future__ import annotations

import re

import pytest

from .conftest import DATA, ROWS, ok

pytestmark = pytest.mark.slow

TYPO = ROWS["2022-10"].replace("1 598", "1 589")


def revisions(site) -> list[str]:
    listing = (site / "nytt-och-andrat/index.html").read_text(encoding="utf-8")
    return [" ".join(re.sub("<[^>]+>", " ", line).split()) for line in re.findall(r"<li>[^<]*→[^<]*</li>", listing)]


def write_october(remote, row: str, message: str) -> str:
    data = remote.work / DATA
    lines = [line for line in data.read_text(encoding="utf-8").splitlines() if not line.startswith("2022-10;")]
    data.write_text("\n".join(lines + [row]) + "\n", encoding="utf-8")
    return remote.commit(message)


def test_a_typo_fixed_before_the_publishing_is_no_revision(remote):
    write_october(remote, TYPO, "Åstorp: 2022-10")
    write_october(remote, ROWS["2022-10"], "Åstorp: rätta oktober")
    remote.push()  # both commits in one push: only the fixed one is built and published
    ok(remote.publish())
    assert revisions(remote.site) == []
    feed = (remote.site / "nytt-och-andrat.xml").read_text(encoding="utf-8")
    assert "1 589" not in feed


def test_a_published_typo_corrected_later_is_a_revision(remote):
    write_october(remote, TYPO, "Åstorp: 2022-10")
    remote.push()
    ok(remote.publish())  # October published with 1 589
    write_october(remote, ROWS["2022-10"], "Åstorp: rätta oktober")
    remote.push()
    ok(remote.publish())
    assert "Utbetalt försörjningsstöd, oktober 2022: 1 589 tkr → 1 598 tkr" in revisions(remote.site)


def test_a_published_figure_that_only_passed_through_history_is_no_revision(remote):
    """A rebase (or a slip fixed in the next commit) leaves a commit where September's published
    households read another month's figure; the push that publishes has September as published.
    Before, the list said '180 → 178' and '178 → 180', figures never published."""
    data = remote.work / DATA
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace(ROWS["2022-09"], ROWS["2022-09"].replace(";180;", ";178;")), encoding="utf-8")
    remote.commit("Åstorp: mellanläge i en rebase")
    data.write_text(text, encoding="utf-8")
    remote.add_month("2022-10")
    remote.push()
    ok(remote.publish())
    assert revisions(remote.site) == []
