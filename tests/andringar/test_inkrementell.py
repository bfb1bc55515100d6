"""The change list is incremental: what the history's versions say is kept in the build cache
(`.cache-utgavor/andringar-versioner-4.json`, by the versions' file ids), so a one-row update reads
only the new version and the one before it, and each version of the first build is read once.
Whatever the cache holds, "Nytt och ändrat", its feed and the revised-value marks are what a
full recomputation gives, also after the history is rewritten (an amended correction, force-pushed).

Counts are of dataset versions read from git (`Build._memo["versions_read"]`), never of seconds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.data import cache as kept
from macros.pages import changes
from macros.pages.build import Build
from macros.pages.editions import CACHE
from macros.render import html

from .conftest import COMMITS, SERIES, git, set_value

NAV = [{"Rapporter": [{"Åstorp": "astorp.md"}]}]
OCTOBER = "2022-10;248;178;1 598;;"

pytestmark = pytest.mark.slow


def what_readers_get(root: Path) -> tuple[str, bytes, list, int]:
    """One build's "Nytt och ändrat" list (as the changes_list macro renders it), its feed, the revised
    values the pages mark, and how many dataset versions the change list read from git."""
    build = Build(root, NAV, root / "docs")
    found = changes.site_changes(build)
    page = html.render("changes.html", entries=[c.shown(lambda target: target) for c in found[:changes.HEADLINES]],
                       feed=changes.FEED, feed_name=changes.FEED)
    feed = changes.atom_feed(found, "https://exempel.test/rapporter/", "Test", "Socialförvaltningen i Testkommun")
    marks = changes.site_revisions(build).found
    return page, feed, marks, build._memo["versions_read"]


def recomputed(root: Path, folder: Path) -> tuple[str, bytes, list]:
    """The same, from a copy of the repository without the cache: everything computed anew."""
    copy = folder / "utan-cache"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(CACHE.name, "site"))
    return what_readers_get(copy)[:3]


@pytest.fixture
def repository(project, tmp_path) -> Path:
    """A copy of the corrections project (three commits), without a cache or a site."""
    root = tmp_path / "projekt"
    shutil.copytree(project, root, ignore=shutil.ignore_patterns(CACHE.name, "site"))
    return root


def test_the_first_build_reads_each_version_once_and_the_cache_changes_nothing(repository, tmp_path):
    page, feed, marks, read = what_readers_get(repository)
    assert "Antal hushåll, juli 2022: 167 → 169" in page
    assert read == 3  # August, September, the correction: each once (a pair at a time read four)
    again = what_readers_get(repository)
    assert again == (page, feed, marks, 0)  # nothing read: every comparison was kept


def test_a_one_row_update_reads_the_new_version_and_the_last_one(repository, tmp_path):
    what_readers_get(repository)  # the cache, as CI restores it
    path = repository / SERIES
    path.write_text(path.read_text(encoding="utf-8") + OCTOBER + "\n", encoding="utf-8")
    git(repository, "commit", "--quiet", "-am", "Åstorp: oktober 2022", when="2022-11-10T10:00:00+01:00")
    page, feed, marks, read = what_readers_get(repository)
    assert read == 2
    assert (page, feed, marks) == recomputed(repository, tmp_path)
    assert "Försörjningsstöd i Åstorp: oktober 2022" in page


def test_a_rewritten_history_is_noticed_and_recomputed(repository, tmp_path):
    """The correction commit amended (July 167 → 170, not 169) and October added on it: the kept
    comparison of the old correction is not used for the new one, and nothing of the old is listed."""
    before = what_readers_get(repository)[0]
    assert "Antal hushåll, juli 2022: 167 → 169" in before
    git(repository, "reset", "--quiet", "--hard", "HEAD~1")
    set_value(repository, "2022-07", 2, "170")
    git(repository, "commit", "--quiet", "-am", "Åstorp: efterregistrering juli 2022", when=COMMITS["rattelse"])
    path = repository / SERIES
    path.write_text(path.read_text(encoding="utf-8") + OCTOBER + "\n", encoding="utf-8")
    git(repository, "commit", "--quiet", "-am", "Åstorp: oktober 2022", when="2022-11-10T10:00:00+01:00")
    page, feed, marks, read = what_readers_get(repository)
    assert read == 3  # the September version, the new correction, October: what the old history did not have
    assert (page, feed, marks) == recomputed(repository, tmp_path)
    assert "Antal hushåll, juli 2022: 167 → 170" in page and "169" not in page
    assert "Antal hushåll, juli 2022: 167 → 170" in feed.decode("utf-8")


@pytest.mark.parametrize("damage", [
    '{"%s": {"values": 5, "added": "2023-01", "title": null}}',  # well-formed JSON, another shape (adv17c 209)
    '["en lista", "inte en tabell"]',
    '{"%s": "text"}',
])
def test_a_cache_of_another_shape_is_compared_again_not_trusted(repository, tmp_path, damage):
    first = what_readers_get(repository)[:3]
    cache = repository / CACHE.name / changes.COMPARISONS
    key = next(iter(kept.read_json(cache, {})))
    kept.write(cache, damage.replace("%s", key).encode("utf-8"))  # as a build writes it: the shape is what is wrong
    (repository / CACHE.name / changes.WALKS).unlink()  # so the versions are walked again, with the comparisons
    page, feed, marks, read = what_readers_get(repository)
    assert (page, feed, marks) == first
    assert read >= 2  # what the damaged entries held was read from git again


@pytest.mark.parametrize("damage", [
    lambda walk: {**walk, "found": [[walk["at"], "Antal hushåll", [["2022-07", "hushall"]]]]},  # well-formed JSON, another shape
    lambda walk: {**walk, "at": "2"},
    lambda walk: {**walk, "sha": "0" * 40},  # a walk of another history
    lambda walk: {**walk, "gone": ["2022-07"]},
    lambda walk: "text",
])
def test_a_kept_walk_of_another_shape_is_walked_again_not_trusted(repository, damage):
    """What the last build's walk over a dataset's versions found is kept (`changes.WALKS`) so a
    one-row update compares the new version only; a kept walk that is damaged, tampered with or of
    another history is walked again from the kept comparisons, never trusted into the page."""
    first = what_readers_get(repository)[:3]
    cache = repository / CACHE.name / changes.WALKS
    walks = kept.read_json(cache, None)
    assert list(walks) == ["astorp/forsorjningsstod"]
    kept.write_json(cache, {name: damage(walk) for name, walk in walks.items()})  # as a build writes it
    page, feed, marks, read = what_readers_get(repository)
    assert (page, feed, marks) == first
    assert read == 0  # walked again from the kept comparisons: nothing read from git
    assert kept.read_json(cache, None) == walks  # and kept as it should be


def test_a_living_page_lists_the_newest_editions_and_links_to_all(project, monkeypatch):
    """A report eight years on has 100 editions: its living page lists the newest (page_macros.EDITIONS_SHOWN)
    and links to the editions folder's page, which lists every one, so the page does not grow with the years."""
    from bs4 import BeautifulSoup

    from macros.pages import page_macros

    macros = page_macros.PageMacros(Build(project, NAV, project / "docs"), "astorp/")
    every = BeautifulSoup(macros.editions_list(), "html.parser")
    assert [a.get_text() for a in every.select("li a")] == ["september 2022", "augusti 2022"]
    assert "Alla" not in every.get_text()
    monkeypatch.setattr(page_macros, "EDITIONS_SHOWN", 1)
    newest = BeautifulSoup(macros.editions_list(), "html.parser")
    assert [a.get_text() for a in newest.select("li a")] == ["september 2022"]
    assert [(a.get_text(), a["href"]) for a in newest.select("p a")] == [("Alla 2 utgåvor", "utgavor/")]
