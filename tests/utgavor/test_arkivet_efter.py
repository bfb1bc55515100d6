"""A staff clone whose record is older than GitHub's (adv17d W5, fault 45): `git push` never fetches the branch
publicerat, so staff's `origin/publicerat` stays where it was while the workflow adds to GitHub's. A plain build
(a preview) asks GitHub (`git ls-remote`) and says that the record it reads is behind, which record that is and
how to fetch it; fetched, it says nothing. Without GitHub (no network) it says which record it reads."""

from __future__ import annotations

import pytest

from macros.formats import swedish

from .conftest import build, git, ok

pytestmark = pytest.mark.slow


def used(clone, ref: str = "origin/publicerat") -> str:
    sha = git(clone, "rev-parse", ref).strip()
    return f"{ref}, incheckningen {sha[:10]} från {swedish.date_long(swedish.day(git(clone, 'show', '-s', '--format=%cI', sha).strip()))}"


def test_a_preview_says_its_record_is_behind_githubs_and_how_to_fetch_it(remote):
    git(remote.work, "fetch", "--quiet", "origin")  # staff's clone has the record as it was after September
    remote.add_month("2022-10")
    remote.push()  # pushes main only: origin/publicerat here stays behind
    ok(remote.publish())  # the workflow adds October to GitHub's record
    github = git(remote.bare, "rev-parse", "publicerat").strip()
    out = ok(build(remote.work))
    assert (
        f"origin/publicerat: notering: Arkivet som bygget läser här ({used(remote.work)}) är äldre än grenen publicerat "
        f"på GitHub (incheckningen {github[:10]}): det som har publicerats sedan dess saknas i förhandsvisningen, så den "
        "kan visa utgåvor på andra adresser och med andra datum än webbplatsen, och godta poster i rattelser.yaml som "
        "publiceringen vägrar. Hämta arkivet och bygg igen: git fetch origin publicerat. [arkivet-efter-github]"
    ) in out
    git(remote.work, "fetch", "--quiet", "origin", "publicerat")
    out = ok(build(remote.work))
    assert "arkivet-efter-github" not in out and "arkivet-inte-jamfort" not in out


def test_a_preview_without_github_says_which_record_it_reads(remote):
    git(remote.work, "fetch", "--quiet", "origin")
    git(remote.work, "remote", "set-url", "origin", str(remote.folder / "finns-inte.git"))  # GitHub out of reach
    out = ok(build(remote.work))
    assert (
        f"origin/publicerat: notering: GitHub gick inte att nå, så bygget vet inte om arkivet här ({used(remote.work)}) "
        "är det senaste. Förhandsvisningen visar utgåvorna som de var publicerade då; har något publicerats sedan dess, "
        "hämta arkivet när du är uppkopplad: git fetch origin publicerat. [arkivet-inte-jamfort]"
    ) in out
