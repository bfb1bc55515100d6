"""Forged commits and tags in the record (branch `publicerat`), pushed by someone with write access or
by a script: a file added to a published edition, a whole edition for a real period, a tag that the
publishing did not make. Each is refused in Swedish, naming what is wrong and how to get out: restore
the branch from the newest genuine tag and delete the forged tags. Following the advice leads to a
green build, never back to the same refusal, and never to the forged commit."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest

from macros.data import cache
from macros.formats import swedish

from .conftest import git, ok, published
from .test_arkivgrenen import record_clone, stopped

pytestmark = pytest.mark.slow

SEPTEMBER = "astorp/utgavor/2022-09/"
FORCE = "med force-push tillfälligt tillåtet i reglerna för grenen"


def forge(remote, files: dict[str, bytes], tag: str | None = None) -> str:
    """A commit on GitHub's record shaped as the publishing's (second parent: main) that adds `files`."""
    shutil.rmtree(remote.folder / "arkiv", ignore_errors=True)
    other = record_clone(remote)
    for name, content in files.items():
        (other / name).parent.mkdir(parents=True, exist_ok=True)
        (other / name).write_bytes(content)
    git(other, "add", "-A")
    tree = git(other, "write-tree").strip()
    main = git(remote.bare, "rev-parse", "main").strip()
    commit = git(other, "commit-tree", tree, "-p", "HEAD", "-p", main, "-m", "Publicerade utgåvor").strip()
    git(other, "push", "--quiet", "origin", f"{commit}:refs/heads/publicerat")
    if tag:
        git(other, "tag", "-a", "-m", "Publicerade utgåvor", tag, commit)
        git(other, "push", "--quiet", "origin", tag)
    return commit


def foreign(commit: str, path: str, why: str, restore: str) -> str:
    return (
        f"publicerat:{path}: Incheckningen {commit[:10]} i grenen publicerat lade till {path}, men den är inte gjord "
        f"av publiceringen: {why}. Publiceringen lägger bara till en ny mapp per utgåva (utgava.json, artikel.html och "
        "filerna som utgava.json räknar upp), en PDF till en utgåva som publicerades utan PDF, indragningar och "
        "rättelser (rattelser/<namn>.json) och rättade uppgifter (andringar/<namn>.json), i incheckningar med den byggda incheckningen i main som andra förälder. "
        f"Återställ grenen {restore}, och låt bara GitHub Actions skriva till grenen och taggarna publicerat-* (README). "
        "[arkivet-okand-fil]"
    )


FROM_TAG_2 = f"från taggen publicerat-2, den senaste publiceringen: git push --force origin 'publicerat-2^{{commit}}:refs/heads/publicerat' ({FORCE})"
EXTRA = "astorp/utgavor/2022-09/tillagd.csv"
ADDED_TO_EDITION = ("utgåvan är redan publicerad, och till en publicerad utgåva lägger publiceringen bara till en PDF om "
                    "den publicerades utan")


def test_a_file_added_to_a_published_edition_is_refused_and_the_advice_leads_out(remote):
    before = published(remote.site)
    forged = forge(remote, {EXTRA: b"manad;hushall\n2022-09;999\n"})
    out = stopped(remote.publish())
    assert foreign(forged, EXTRA, ADDED_TO_EDITION, FROM_TAG_2) in out
    assert not (remote.site / EXTRA).exists()
    # Judged only after the commits the last publishing judged (.cache-utgavor/arkiv-provat.txt), and the
    # same without that note (a new machine reads the whole line).
    assert (remote.ci / ".cache-utgavor/arkiv-provat.txt").is_file()
    shutil.rmtree(remote.ci / ".cache-utgavor")
    assert foreign(forged, EXTRA, ADDED_TO_EDITION, FROM_TAG_2) in stopped(remote.publish())
    git(remote.ci, "push", "--quiet", "--force", "origin", "publicerat-2^{commit}:refs/heads/publicerat")  # as it says
    ok(remote.publish())
    assert published(remote.site) == before


def test_a_forged_commit_with_its_own_tag_says_to_delete_the_tag(remote):
    """The forger tagged its commit publicerat-3 as the publishing would: the advice restores from
    publicerat-2 (never from the forged tag) and says to delete publicerat-3; after that, green."""
    forged = forge(remote, {EXTRA: b"manad;hushall\n2022-09;999\n"}, tag="publicerat-3")
    out = stopped(remote.publish())
    restore = (FROM_TAG_2 + ", och ta bort taggen publicerat-3, som pekar på en incheckning som inte är publiceringens "
               "(git push origin :refs/tags/publicerat-3 och git tag -d publicerat-3)")
    assert foreign(forged, EXTRA, ADDED_TO_EDITION, restore) in out
    git(remote.ci, "push", "--quiet", "--force", "origin", "publicerat-2^{commit}:refs/heads/publicerat", ":refs/tags/publicerat-3")
    git(remote.ci, "tag", "-d", "publicerat-3")
    out = ok(remote.publish())
    assert "publicerat-3" not in out


def test_a_whole_edition_for_a_real_period_is_refused(remote):
    """October is on main, not yet published; a forged October edition (September's files, its
    utgava.json saying October and naming October's commit) is pushed to the record first. Its
    utgava.json says it was published at September's time, which the publishing never writes."""
    october = remote.add_month("2022-10")
    remote.push()
    other = record_clone(remote)
    meta = json.loads((other / SEPTEMBER / "utgava.json").read_text(encoding="utf-8"))
    meta.update(period="2022-10", periodnamn="oktober 2022", incheckning=october)
    folder = "astorp/utgavor/2022-10/"
    files = {f"{folder}{name}": (other / SEPTEMBER / name).read_bytes() for name in ("artikel.html", *meta["filer"])}
    files[f"{folder}utgava.json"] = (json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()
    forged = forge(remote, files)
    when = git(remote.work, "show", "-s", "--format=%cI", october).strip()
    added = git(remote.bare, "show", "-s", "--format=%cI", forged).strip()  # the forged record commit's (a publishing's is its date)
    added = dt.datetime.fromisoformat(added).astimezone(swedish.time_zone()).isoformat()
    out = stopped(remote.publish())
    assert (
        f"publicerat:{folder}utgava.json: Utgåvan {folder} i arkivet (lagd i grenen publicerat av incheckningen "
        f"{forged[:10]}) motsvarar ingen version av rapporten: utgava.json säger att den publicerades "
        f"{meta['publicerad_tid']}, men incheckningen {october[:10]}, som den säger att den publicerades från, är från "
        f"{when}, och arkivets incheckning som lade till den är från {added}. Bara publiceringsflödet lägger till utgåvor"
    ) in out
    git(remote.ci, "push", "--quiet", "--force", "origin", f"{forged}^:refs/heads/publicerat")  # as it says
    ok(remote.publish())
    genuine = json.loads(git(remote.bare, "show", f"publicerat:{folder}utgava.json"))
    assert genuine["publicerad_tid"] == when
    assert git(remote.bare, "show", f"publicerat:{folder}artikel.html") != files[f"{folder}artikel.html"].decode()


def test_a_forged_commit_seen_by_an_earlier_build_is_not_advised_back(remote):
    """A build before these checks read a forged commit on GitHub and noted it (arkiv-sett.txt); the
    forgery was then removed. That is not a record set back: the build does not say to push the
    forged commit back."""
    forged = forge(remote, {EXTRA: b"manad;hushall\n"})
    git(remote.ci, "fetch", "--quiet", "origin", "+refs/heads/*:refs/remotes/origin/*")
    git(remote.ci, "push", "--quiet", "--force", "origin", "publicerat-2^{commit}:refs/heads/publicerat")
    cache.write_text(remote.ci / ".cache-utgavor/arkiv-sett.txt", f"{forged}\n")
    out = ok(remote.publish())
    assert forged[:10] not in out


def forged_tag(tag: str, commit: str, why: str) -> str:
    return (
        f"origin/publicerat: Taggen {tag} pekar på incheckningen {commit[:10]}, som inte är publiceringens: {why}. "
        "Taggen är inget vittne om arkivet, och bygget följer den inte. Ta bort den på GitHub och här: git push origin "
        f":refs/tags/{tag} (med borttagning tillfälligt tillåten i reglerna för taggarna publicerat-*) och git tag -d "
        f"{tag}, och publicera igen. Låt bara GitHub Actions skriva taggarna (README). [arkivet-okand-tagg]"
    )


def test_a_forged_tag_on_a_commit_of_main_is_refused_with_advice_that_leads_out(remote):
    """publicerat-7 pushed at main's commit: before, the build said to restore the record from it,
    which put main's history on the record and was refused in turn, naming publicerat-7 again."""
    main = git(remote.bare, "rev-parse", "main").strip()
    git(remote.work, "tag", "-a", "-m", "x", "publicerat-7", main)
    git(remote.work, "push", "--quiet", "origin", "publicerat-7")
    out = stopped(remote.publish())
    first = git(remote.work, "rev-list", "--max-parents=0", main).strip()
    path = git(remote.work, "show", "--format=", "--name-only", first).split()[0]
    assert forged_tag("publicerat-7", main, f"incheckningen {first[:10]} i dess linje lade till {path}: arkivets "
                      "första incheckning ska vara tom och sakna föräldrar") in out
    assert "arkivet-tillbakasatt" not in out
    git(remote.work, "push", "--quiet", "origin", ":refs/tags/publicerat-7")  # as it says
    git(remote.ci, "tag", "-d", "publicerat-7")
    ok(remote.publish())


def test_a_tag_with_the_next_number_on_a_genuine_commit_is_refused(remote):
    """A lightweight publicerat-3 on September's record commit: the next publication's own
    publicerat-3 could never be pushed (the atomic push fails on the taken name, every time)."""
    tip = git(remote.bare, "rev-parse", "publicerat").strip()
    git(remote.work, "fetch", "--quiet", "origin", "publicerat")
    git(remote.work, "tag", "publicerat-3", tip)
    git(remote.work, "push", "--quiet", "origin", "publicerat-3")
    remote.add_month("2022-10")
    remote.push()
    out = stopped(remote.publish())
    assert forged_tag("publicerat-3", tip, "incheckningen är arkivets incheckning nummer 2, och dess tagg heter "
                      "publicerat-2") in out
    git(remote.work, "push", "--quiet", "origin", ":refs/tags/publicerat-3")  # as it says
    git(remote.ci, "tag", "-d", "publicerat-3")
    ok(remote.publish())
    assert git(remote.bare, "show", "publicerat:astorp/utgavor/2022-10/utgava.json")
