"""Advice that tells what GitHub has from what only this clone has (adv17g 3, 4): it never says to overwrite GitHub's
whole record with a local or an older one.

- A laptop and GitHub Actions record the same month: the laptop's tag publicerat-3 (never pushed) is not called
  published, and the advice is to delete it here, not to force-push it over GitHub's record.
- A clone that fetched GitHub's record while it was broken (`git push -f origin main:publicerat`), after GitHub was
  restored: the advice is to fetch GitHub's branch again, not to force-push the clone's newest tag over it."""

from __future__ import annotations

import pytest

from .conftest import build, git, ok
from .test_arkivgrenen import stopped

pytestmark = pytest.mark.slow

LOCAL_TAG = (
    "publicerat: Taggen publicerat-3 här pekar på incheckningen {local}, som bara den här klonen har: på GitHub pekar "
    "publicerat-3 på incheckningen {github}, som finns i grenen publicerat där (origin/publicerat, den som bygget läser). "
    "Taggen gjordes av ett bygge med --record på den här datorn som aldrig kom till GitHub (till exempel när GitHub "
    "Actions publicerade samma månad först). GitHubs arkiv är helt: skriv inget dit härifrån. Ta bort taggen och den "
    "lokala grenen här och hämta GitHubs: git tag -d publicerat-3, git branch -D publicerat och git fetch --tags origin. "
    "[arkivet-lokal-tagg]"
)


BEHIND = (
    "origin/publicerat: Arkivet som bygget läser här (origin/publicerat, incheckningen {used} från {day}) är "
    "äldre än grenen publicerat på GitHub (incheckningen {github}): det som har publicerats sedan dess saknas i "
    "förhandsvisningen, så den kan visa utgåvor på andra adresser och med andra datum än webbplatsen, och godta poster i "
    "rattelser.yaml som publiceringen vägrar. Hämta arkivet och bygg igen: git fetch origin publicerat. [arkivet-efter-github]"
)


def test_a_laptop_behind_github_does_not_record(remote):
    """GitHub Actions published October; a laptop that has not fetched the record since builds with --record: refused
    (it would record October itself, with a tag publicerat-3 of its own), with how to fetch."""
    git(remote.work, "fetch", "--quiet", "origin")
    used = git(remote.work, "rev-parse", "origin/publicerat").strip()
    remote.add_month("2022-10")
    remote.push()
    ok(remote.publish())
    github = git(remote.bare, "rev-parse", "publicerat").strip()
    out = stopped(build(remote.work, "--record"))
    from macros.formats import swedish

    day = swedish.date_long(swedish.day(git(remote.work, "show", "-s", "--format=%cI", used).strip()))  # the record commit's Swedish day
    assert BEHIND.format(used=used[:10], day=day, github=github[:10]) in out, out[-3000:]
    assert git(remote.work, "tag", "--list", "publicerat-3").strip() == ""


def test_a_laptop_and_the_workflow_record_the_same_month(remote):
    git(remote.work, "fetch", "--quiet", "origin")  # the laptop has GitHub's record as it was
    remote.add_month("2022-10")
    remote.push()
    # The laptop records October, with its own publicerat-3, and does not push; at another moment than the workflow
    # (two record commits of the same second are the same commit: nothing would differ)
    ok(build(remote.work, "--record", env={"GIT_COMMITTER_DATE": "2022-10-05T12:00:00+02:00"}))
    ok(remote.publish())  # GitHub Actions at the same time: its publicerat-3 on GitHub
    github = git(remote.bare, "rev-parse", "publicerat-3^{commit}").strip()
    local = git(remote.work, "rev-parse", "publicerat-3^{commit}").strip()
    assert local != github
    git(remote.work, "fetch", "--quiet", "origin", check=False)  # git keeps the laptop's tag (it would clobber it)
    out = stopped(build(remote.work, "--record"))
    assert LOCAL_TAG.format(local=local[:10], github=github[:10]) in out, out[-3000:]
    assert "git push --force origin 'publicerat-3" not in out and "[arkivet-tillbakasatt]" not in out
    git(remote.work, "tag", "-d", "publicerat-3")  # as the message says
    git(remote.work, "branch", "-D", "publicerat")
    git(remote.work, "fetch", "--quiet", "--tags", "origin")
    ok(build(remote.work, "--record"))
    assert git(remote.bare, "rev-parse", "publicerat").strip() == git(remote.work, "rev-parse", "origin/publicerat").strip()


def test_a_clone_that_fetched_a_broken_record_is_told_to_fetch_again_not_to_restore_github(remote):
    staff = remote.folder / "personal"
    git(remote.folder, "clone", "--quiet", str(remote.bare), str(staff))
    whole = git(remote.bare, "rev-parse", "publicerat").strip()
    git(remote.work, "push", "--quiet", "--force", "origin", "HEAD:refs/heads/publicerat")  # by mistake
    git(staff, "fetch", "--quiet", "origin")  # staff's git pull in that window
    broken = git(staff, "rev-parse", "origin/publicerat").strip()
    git(remote.bare, "update-ref", "refs/heads/publicerat", whole)  # restored on GitHub (from its tag, by the maintainer)
    for extra in ((), ("--record",)):
        out = stopped(build(staff, *extra))
        assert (
            f"Återställ grenen här, inte på GitHub: grenen publicerat på GitHub är nu incheckningen {whole[:10]}, inte den "
            f"som den här klonen hämtade (origin/publicerat, {broken[:10]}), så GitHubs gren har ändrats sedan dess. Skriv "
            "inget till GitHub härifrån; hämta GitHubs gren och taggar och bygg igen: git fetch --tags origin. Säger bygget "
            "samma sak efter det, är det GitHubs gren som ska återställas, och"
        ) in out, out[-3000:]
        assert "git push --force origin 'publicerat-" not in out
    git(staff, "fetch", "--quiet", "--tags", "origin")  # as the message says
    ok(build(staff))
