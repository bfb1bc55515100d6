"""A clone without the record (adv17b F43): `git clone --single-branch -b main` never fetches the
branch publicerat, so a build there renders every edition again from history, with new dates and
new PDFs. A plain build says so and how to fetch the record; a build to be published (--record,
--publish) refuses; fetched as the message says, the clone shows the published editions."""

from __future__ import annotations

import pytest

from .conftest import SEPTEMBER_WITHDRAWN, build, git, ok, published

pytestmark = pytest.mark.slow

NOT_FETCHED = (
    "Den här klonen hämtar inte grenen publicerat från GitHub (den klonades med --single-branch eller hämtar bara "
    "vissa grenar, se git config remote.origin.fetch), så bygget vet inte vad som är publicerat: utgåvorna den visar "
    "är gjorda ur historiken här, med andra datum och PDF:er, och är inte de publicerade. Hämta arkivet och bygg igen: "
    "git remote set-branches --add origin publicerat och git fetch --tags origin. Till dess prövas rattelser.yaml inte "
    "mot de publicerade utgåvorna (en riktig post kan nämna en utgåva som bara arkivet har). [arkivet-inte-hamtat]"
)


def test_a_clone_without_the_record_says_its_editions_are_not_the_published_ones(remote):
    clone = remote.main_only_clone("enkel")
    assert "origin/publicerat: notering: " + NOT_FETCHED in ok(build(clone))
    for flag in ("--record", "--publish"):
        result = build(clone, flag)
        out = result.stdout + result.stderr
        assert result.returncode == 1 and "Traceback" not in out, out[-2000:]
        assert "origin/publicerat: " + NOT_FETCHED in out, out[-2000:]
    assert not git(clone, "branch", "--list", "publicerat").strip()  # nothing recorded
    git(clone, "remote", "set-branches", "--add", "origin", "publicerat")
    git(clone, "fetch", "--quiet", "--tags", "origin")
    out = ok(build(clone))
    assert "arkivet-inte-hamtat" not in out
    assert published(clone / "site") == published(remote.site)


def test_a_clone_without_the_record_does_not_blame_right_entries_in_rattelser_yaml(remote):
    """adv17d W4 (fault 63): September withdrawn at its published address, and the page renamed in the same
    commit (history alone would make its editions at astorp-fsd/utgavor/…). CI publishes it; a plain build in a
    --single-branch clone says that the record is not fetched, not that the right entry names no edition."""
    (remote.work / "rattelser.yaml").write_text(SEPTEMBER_WITHDRAWN, encoding="utf-8")
    remote.rename_page("astorp-fsd.md")
    remote.commit("Åstorp: september indragen, sidan byter namn")
    remote.push()
    ok(remote.publish())
    clone = remote.main_only_clone("enkel")
    out = ok(build(clone))
    assert "origin/publicerat: notering: " + NOT_FETCHED in out
    assert "rattelse-okand-utgava" not in out
