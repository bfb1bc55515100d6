"""The record branch itself (`publicerat`) and what can go wrong with it on GitHub: an edition
pushed to it by hand, a local copy that went its own way, the branch deleted or set back. Each
is refused in Swedish at the branch, with what to do; none is rebuilt silently from history."""

from __future__ import annotations

import shutil

import pytest

from .conftest import build, git, ok

pytestmark = pytest.mark.slow

SEPTEMBER = "astorp/utgavor/2022-09/"


def record_clone(remote):
    """A clone of GitHub's record, as someone with push rights would make it."""
    other = remote.folder / "arkiv"
    git(remote.folder, "clone", "--quiet", "--branch", "publicerat", str(remote.bare), str(other))
    return other


def stopped(result) -> str:
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert "Traceback" not in out and "Internt fel" not in out
    return out


def test_an_edition_pushed_to_the_record_by_hand_is_refused(remote):
    """F41b: a fast-forward push that adds a made-up January 2030 (a copy of September), in a commit
    shaped as the publishing's (second parent: main; its files as its utgava.json lists them)."""
    other = record_clone(remote)
    forged = other / "astorp/utgavor/2030-01"
    forged.mkdir()
    for name in ("artikel.html", "diagram-hushall-per-manad.csv"):
        (forged / name).write_bytes((other / SEPTEMBER / name).read_bytes())
    meta = (other / SEPTEMBER / "utgava.json").read_text(encoding="utf-8")
    (forged / "utgava.json").write_text(meta.replace("2022-09", "2030-01").replace("september 2022", "januari 2030"), encoding="utf-8")
    git(other, "add", "-A")
    main = git(remote.bare, "rev-parse", "main").strip()
    added = git(other, "commit-tree", git(other, "write-tree").strip(), "-p", "HEAD", "-p", main, "-m", "En utgåva till").strip()
    git(other, "push", "--quiet", "origin", f"{added}:refs/heads/publicerat")
    september = git(other, "show", f"HEAD:{SEPTEMBER}utgava.json")
    commit = september.split('"incheckning": "')[1][:10]
    out = stopped(remote.publish())
    assert (
        f"publicerat:astorp/utgavor/2030-01/utgava.json: Utgåvan astorp/utgavor/2030-01/ i arkivet (lagd i grenen "
        f"publicerat av incheckningen {added[:10]}) motsvarar ingen version av rapporten: i incheckningen {commit}, som "
        "den säger att den publicerades från, har docs/astorp.md perioden september 2022. Bara publiceringsflödet lägger "
        "till utgåvor, och bara för en period som rapporten har haft i main. Ta bort incheckningen ur grenen på GitHub "
        f"(git push --force origin {added[:10]}^:refs/heads/publicerat, med force-push tillfälligt tillåtet i reglerna "
        "för grenen) och låt bara GitHub Actions skriva till grenen (README). [arkivet-okand-utgava]"
    ) in out
    assert not (remote.site / "astorp/utgavor/2030-01").exists()


def test_a_local_record_that_went_its_own_way_is_said_and_not_added_to(remote):
    """F42b: GitHub's record got October from the workflow; the local branch in this clone got a
    commit of its own. A build says so at the branch; a build with --record refuses to add."""
    remote.add_month("2022-10")
    remote.push()
    ok(remote.publish())
    tip = git(remote.ci, "rev-parse", "publicerat").strip()
    own = git(remote.ci, "commit-tree", f"{tip}~1^{{tree}}", "-p", f"{tip}~1", "-m", "lokalt").strip()
    git(remote.ci, "update-ref", "refs/heads/publicerat", own)
    diverged = (
        "Den lokala grenen publicerat och origin/publicerat har gått isär; bygget läser origin/publicerat, som är det "
        "som är publicerat. Ta bort den lokala grenen med git branch -D publicerat om du inte behöver den (bygget med "
        "--record lägger inte till något förrän du har gjort det). [arkivet-isargatt]"
    )
    assert f"publicerat: notering: {diverged}" in ok(build(remote.ci))
    assert f"publicerat: {diverged}" in stopped(build(remote.ci, "--record"))
    assert git(remote.ci, "rev-parse", "publicerat").strip() == own  # the local branch is left as it was


def test_a_deleted_record_branch_is_not_rebuilt_silently(remote):
    """F37: the branch deleted on GitHub, and its tags with it (with its tags left, the tags say what
    to restore: test_tillbakasatt.py). Publishing stops and says how to restore it; only an
    explicit first publication starts a new record. The workflow's cache evicted too: with it, its
    arkiv-sett.txt says a record existed, and no first publication is offered (test_arkivet_borttaget.py)."""
    git(remote.work, "push", "--quiet", "origin", "--delete", "publicerat", "publicerat-1", "publicerat-2")
    shutil.rmtree(remote.ci / ".cache-utgavor")
    out = stopped(remote.publish())
    assert (
        "origin/publicerat: Grenen publicerat (arkivet över publicerade utgåvor) finns inte, varken här eller på "
        "GitHub (origin/publicerat), så bygget vet inte vad som redan är publicerat. Har webbplatsen publicerats förut "
        "har grenen tagits bort: återställ den från en klon eller säkerhetskopia som har den (git push origin "
        "origin/publicerat:refs/heads/publicerat) och publicera igen. Är det webbplatsens första publicering: kör "
        "Actions ▸ Publicera ▸ Run workflow med Första publiceringen ikryssad (på en dator: scripts/build.py "
        "--record --first-record). [arkivet-saknas]"
    ) in out
    assert git(remote.bare, "branch", "--list", "publicerat").strip() == ""


def test_a_record_set_back_on_github_is_refused(remote):
    """F38: publicerat force-pushed to its previous commit (September's edition gone from it): its
    tag publicerat-2 says so (with the cache gone too: test_tillbakasatt.py)."""
    from .test_tillbakasatt import rewound

    other = record_clone(remote)
    tip = git(other, "rev-parse", "HEAD").strip()
    git(other, "push", "--quiet", "--force", "origin", "HEAD~1:refs/heads/publicerat")
    out = stopped(remote.publish())
    assert rewound(tip, "publicerat-2", "git push origin 'publicerat-2^{commit}:refs/heads/publicerat'") in out
    git(other, "push", "--quiet", "origin", f"{tip}:refs/heads/publicerat")  # restored as the message says
    ok(remote.publish())
