"""One comparison of two versions of a dataset (macros/models/versions.py), used by the pull
request's review and by "Nytt och ändrat": the same pair of versions gives the review's
"(var 167)" and the list's "167 → 169", on Åstorp's real series."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from macros.data.catalog import Catalog
from macros.models import review, versions

from .conftest import HERE, SEPTEMBER, SERIES, set_value

TODAY = dt.date(2022, 12, 1)
ID = "astorp/forsorjningsstod"


def version(tmp_path: Path, name: str, *steps) -> object:
    """Åstorp's series through August 2022 (tests/andringar/projekt), changed by `steps`."""
    root = tmp_path / name
    shutil.copytree(HERE / "projekt" / "data", root / "data")
    for step in steps:
        step(root)
    return Catalog(root, today=TODAY).load(ID)


def add_september(root: Path) -> None:
    path = root / SERIES
    path.write_text(path.read_text(encoding="utf-8") + SEPTEMBER + "\n", encoding="utf-8")


def test_a_correction_is_one_change_the_review_and_the_list_say_alike(tmp_path):
    before = version(tmp_path, "fore")
    after = version(tmp_path, "efter", lambda root: set_value(root, "2022-07", 2, "169"))
    found = versions.compare(before, after)
    assert [(c.key, c.field, c.kind, c.old, c.new) for c in found] == [
        ("2022-07", "hushall", "ändrad", "167", "169"),
        ("2022-07", "tkr_per_hushall", "ändrad", "8,9\u00a0tkr", "8,8\u00a0tkr"),
    ]
    assert [r.line() for r in versions.revisions_between(before, after, "2022-10-20T09:15:00+02:00")] == [
        "Antal hushåll, juli 2022: 167 → 169",
        "Försörjningsstöd per hushåll, juli 2022: 8,9\u00a0tkr → 8,8\u00a0tkr",
    ]
    sentences = [c.sentence for c in review.changes(before, after)]
    assert sentences == [
        "Antal hushåll juli 2022: 169 (var 167), 31 färre än i juli 2021",
        "Försörjningsstöd per hushåll juli 2022: 8,8\u00a0tkr (var 8,9\u00a0tkr), 0,3\u00a0tkr högre än i juli 2021",
    ]


def test_a_new_month_is_new_not_a_revision(tmp_path):
    before = version(tmp_path, "fore")
    after = version(tmp_path, "efter", add_september)
    found = versions.compare(before, after)
    assert {c.key for c in found} == {"2022-09"} and {c.kind for c in found} == {"ny"}
    assert versions.revised(before, after) == []
    assert versions.revised(None, after) == []  # a first version revises nothing


def test_a_removed_month_is_said_by_both(tmp_path):
    before = version(tmp_path, "fore", add_september)
    after = version(tmp_path, "efter")
    assert [(c.key, c.kind) for c in versions.compare(before, after)] == [("2022-09", "borttagen")]
    assert [c.sentence for c in review.changes(before, after)] == ["sep 2022: raden är borttagen"]


def test_a_computed_figure_that_moves_in_an_unshown_decimal_is_no_change(tmp_path):
    """1 483 → 1 484 tkr for 167 households: 8,88 → 8,89 tkr per household, shown 8,9 both times."""
    before = version(tmp_path, "fore")
    after = version(tmp_path, "efter", lambda root: set_value(root, "2022-07", 3, "1 484"))
    assert [(c.field, c.old, c.new) for c in versions.compare(before, after)] == [
        ("utbetalt_tkr", "1\u00a0483\u00a0tkr", "1\u00a0484\u00a0tkr"),
    ]


def test_a_value_corrected_twice_says_both_corrections_oldest_first():
    from macros.models import revised

    first = versions.Revision(ID, "2022-07", "hushall", "Antal hushåll", "juli 2022", "165", "167", "2022-08-03T10:00:00+02:00", 1)
    second = versions.Revision(ID, "2022-07", "hushall", "Antal hushåll", "juli 2022", "167", "169", "2022-10-20T09:15:00+02:00", 2)
    found = versions.Revisions([second, first])
    assert found.of(ID, "2022-07", "hushall") == [first, second]
    assert revised.said(found.of(ID, "2022-07", "hushall")) == (
        "rättad 3 augusti 2022 (tidigare 165) och 20 oktober 2022 (tidigare 167)"
    )
    assert found.until(1).of(ID, "2022-07", "hushall") == [first]
    assert found.of(ID, "2022-06", "hushall") == [] and not versions.Revisions([])


def test_a_mark_only_where_the_value_shown_is_the_corrected_one(tmp_path):
    """A revision the data no longer shows (changed again since) marks nothing rather than a wrong note."""
    from macros.models import revised

    now = version(tmp_path, "nu")  # July's households are 167 here
    stale = versions.Revision(ID, "2022-07", "hushall", "Antal hushåll", "juli 2022", "160", "165", "2022-10-20T09:15:00+02:00", 2)
    assert revised.of_value(now, "2022-07", "hushall", versions.Revisions([stale])) == []
    holds = versions.Revision(ID, "2022-07", "hushall", "Antal hushåll", "juli 2022", "160", "167", "2022-10-20T09:15:00+02:00", 2)
    assert revised.inline_note(now, "2022-07", "hushall", versions.Revisions([holds])) == " (rättad 20 oktober 2022, tidigare 160)"
