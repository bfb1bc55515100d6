"""A record set back after it was published, and deploys of a record that is not GitHub's (adv17i PW3–PW6, UM4).

- A stale clone's `git push --mirror` sets main and publicerat back and deletes the tag publicerat-3. The CI cache
  names publicerat-3 as added by the last build, and the build took it for a push that failed: green, October gone.
  Now the cache also keeps the record commit it was added on and the editions it added; one this build does not
  publish again is refused (`arkivet-inte-pa-github-saknas`).
- The same without the cache: the published site is the witness of every publishing build, not only a first
  record. Its feed lists October, this build would not publish it: refused (`arkivet-saknar-publicerad-utgava`).
  A site that does not answer is said and not waited for.
- `mkdocs gh-deploy` publishes: from a clone whose record is behind GitHub's (`arkivet-efter-github`) or that does
  not fetch the record (`arkivet-inte-hamtat`, a --single-branch clone) it is refused, not a notice."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from macros.data import cache
from macros.pages.live_site import WITNESS, site_path
from macros.pages.local_browser import SiteServer

from .conftest import git, mkdocs_env, ok, published
from .test_arkivgrenen import stopped
from forked_python import run_python

pytestmark = pytest.mark.slow

OCTOBER = "astorp/utgavor/2022-10/"


def _october_published(remote) -> tuple[str, str]:
    """October added and published (record commit publicerat-3); returns (that commit, the one before it)."""
    remote.add_month("2022-10")
    remote.push()
    ok(remote.publish())
    third = git(remote.bare, "rev-parse", "publicerat").strip()
    return third, git(remote.bare, "rev-parse", "publicerat~1").strip()


def _set_back_by_a_stale_mirror(remote, tmp_path: Path) -> None:
    """A clone from before October was published pushed with --mirror: main and publicerat set back, publicerat-3 gone."""
    stale = tmp_path / "gammal.git"
    git(tmp_path, "clone", "--quiet", "--mirror", str(remote.bare), str(stale))
    git(stale, "update-ref", "refs/heads/main", "main~1")
    git(stale, "update-ref", "refs/heads/publicerat", "publicerat~1")
    git(stale, "tag", "-d", "publicerat-3")
    git(stale, "push", "--quiet", "--mirror", str(remote.bare))


def test_a_record_set_back_by_a_stale_mirror_is_not_taken_for_a_failed_push(remote, tmp_path):
    third, second = _october_published(remote)
    before = published(remote.site)
    assert OCTOBER + "index.html" in before
    backup = tmp_path / "sakerhetskopia.git"
    git(tmp_path, "clone", "--quiet", "--mirror", str(remote.bare), str(backup))
    _set_back_by_a_stale_mirror(remote, tmp_path)
    assert git(remote.bare, "rev-parse", "publicerat").strip() == second
    out = stopped(remote.publish())
    assert (
        f"origin/publicerat: Förra publiceringen lade till incheckningen {third[:10]} (publicerat-3) i grenen publicerat "
        f"med {OCTOBER}, och varken incheckningen eller taggen publicerat-3 finns på GitHub nu, men det här bygget "
        "publicerar inte den igen: main har inte längre det som publicerades. Grenen och taggen kan ha satts tillbaka "
        "efter att de publicerades (till exempel git push --mirror eller --force från en gammal klon), och bygget lägger "
        "inte till något som skulle ta bort publicerade utgåvor från webbplatsen. Återställ grenen och taggen från en "
        f"klon eller säkerhetskopia som har incheckningen {third[:10]} (där svarar git cat-file -t {third[:10]} commit): "
        f"git push origin {third[:10]}:refs/heads/publicerat och git push origin publicerat-3, och main om den också "
        "sattes tillbaka; publicera sedan igen och skydda grenen, taggarna publicerat-* och main mot force-push (README). "
        "[arkivet-inte-pa-github-saknas]"
    ) in out, out[-3000:]
    assert "[arkivet-inte-pa-github]" not in out
    assert git(remote.bare, "rev-parse", "publicerat").strip() == second  # nothing added
    # As it says: the branch, the tag and main back from a clone that has them; then October is published as it was.
    git(backup, "push", "--quiet", str(remote.bare), f"{third}:refs/heads/publicerat", "publicerat-3", "main")
    ok(remote.publish())
    assert published(remote.site) == before


def test_a_record_set_back_without_the_cache_is_refused_by_the_published_site(remote, monkeypatch, tmp_path):
    _october_published(remote)
    live = tmp_path / "publicerad"
    shutil.copytree(remote.site, live)  # what GitHub Pages serves, October included
    _set_back_by_a_stale_mirror(remote, tmp_path)
    shutil.rmtree(remote.ci / ".cache-utgavor")  # a new runner, or the cache evicted
    with SiteServer(live, "/socialrapporter/") as server:
        monkeypatch.setenv(WITNESS, server.url)
        out = stopped(remote.publish())
        assert (
            f"mkdocs.yml:6:11: Den publicerade webbplatsen {server.url}nytt-och-andrat.xml visar utgåvor som det här "
            f"bygget inte publicerar: {OCTOBER}. Arkivet (grenen publicerat) har förlorat dem, till exempel satt "
            "tillbaka med git push --mirror eller --force från en gammal klon, eller så är arkivet i den här klonen "
            "äldre än GitHubs. Bygget publicerar inte en webbplats utan dem. Återställ grenen publicerat och taggarna "
            "från en klon eller säkerhetskopia som har dem: från taggen publicerat-3 eller en senare om den finns kvar "
            "där (git push origin 'publicerat-3^{commit}:refs/heads/publicerat' och git push origin "
            "'refs/tags/publicerat-*:refs/tags/publicerat-*'), annars git push origin publicerat från en klon som har "
            "grenen. Återställ main också om den sattes tillbaka, hämta (git fetch --tags origin) och publicera igen. "
            "Skydda sedan grenen, taggarna publicerat-* och main mot force-push och borttagning (README). "
            "[arkivet-saknar-publicerad-utgava]"
        ) in out, out[-3000:]
    assert "publicerat-3" not in git(remote.bare, "tag").split()  # nothing added


def test_a_published_site_that_does_not_answer_is_said_and_publishing_goes_on(remote, monkeypatch, tmp_path):
    with SiteServer(tmp_path, "/socialrapporter/") as server:
        closed = server.url  # nothing answers there once the server is gone
    monkeypatch.setenv(WITNESS, closed)
    remote.add_month("2022-10")
    remote.push()
    out = ok(remote.publish())
    assert (
        f"Bygget läser webbplatsens flöde {closed}nytt-och-andrat.xml för att se att varje utgåva som är publicerad där "
        "finns kvar i arkivet, men adressen svarade inte: "
    ) in out, out[-3000:]
    assert ("Bygget publicerar ändå (ett avbrott på webbplatsen ska inte stoppa publiceringen), men utan den "
            "kontrollen. Svarar adressen inte heller nästa gång, kontrollera site_url i mkdocs.yml. "
            "[arkivet-webbplatsen-svarade-inte]") in out
    assert "publicerat-3" in git(remote.bare, "tag").split()


def gh_deploy(clone: Path, pages: Path, tmp_path: Path):
    return run_python(
        [str(Path(sys.executable).parent / "mkdocs"), "gh-deploy", "--force", "--remote-name", str(pages),
         "--site-dir", str(tmp_path / f"gh-site-{clone.name}")],
        cwd=clone, capture_output=True, text=True, timeout=900, env=mkdocs_env(),
    )


def deployed_editions(pages: Path, tmp_path: Path) -> list[str]:
    out = tmp_path / "utcheckad"
    shutil.rmtree(out, ignore_errors=True)
    git(tmp_path, "clone", "--quiet", "--branch", "gh-pages", str(pages), str(out))
    return sorted(p.name for p in (out / "astorp/utgavor").iterdir() if p.is_dir())


def test_gh_deploy_from_a_clone_behind_github_is_refused(remote, tmp_path):
    staff = tmp_path / "bärbar"
    git(tmp_path, "clone", "--quiet", str(remote.bare), str(staff))
    old = git(staff, "rev-parse", "origin/publicerat").strip()
    new, _ = _october_published(remote)  # meanwhile CI publishes October
    git(staff, "pull", "--quiet", "origin", "main")  # main only: origin/publicerat stays where it was
    pages = tmp_path / "pages.git"
    git(tmp_path, "init", "--quiet", "--bare", str(pages))
    out = stopped(gh_deploy(staff, pages, tmp_path))
    assert f"Arkivet som bygget läser här (origin/publicerat, incheckningen {old[:10]} från " in out, out[-3000:]
    assert (
        f") är äldre än grenen publicerat på GitHub (incheckningen {new[:10]}): det som har publicerats sedan dess "
        "saknas i versionen av webbplatsen som mkdocs gh-deploy lägger ut, så den kan visa utgåvor på andra adresser "
        "och med andra datum än webbplatsen, och godta poster i rattelser.yaml som publiceringen vägrar. Hämta arkivet "
        "och bygg igen: git fetch origin publicerat. [arkivet-efter-github]"
    ) in out
    assert "förhandsvisningen" not in out  # a deploy is no preview (adv17j)
    assert git(pages, "branch", "--list", "gh-pages").strip() == ""  # nothing deployed
    git(staff, "fetch", "--quiet", "origin", "publicerat")  # as it says
    ok(gh_deploy(staff, pages, tmp_path))
    assert deployed_editions(pages, tmp_path) == ["2022-08", "2022-09", "2022-10"]


def test_gh_deploy_from_a_clone_whose_main_is_behind_github_is_refused(remote, tmp_path):
    """adv17j PW4: the record and tags fetched as arkivet-efter-github says, main not pulled: the living page would
    be deployed as it was before October (and October said to be reverted). Refused; after git pull it deploys."""
    staff = tmp_path / "bärbar"
    git(tmp_path, "clone", "--quiet", str(remote.bare), str(staff))
    old = git(staff, "rev-parse", "HEAD").strip()
    _october_published(remote)
    git(staff, "fetch", "--quiet", "origin", "publicerat")
    git(staff, "fetch", "--quiet", "--tags", "origin")
    pages = tmp_path / "pages.git"
    git(tmp_path, "init", "--quiet", "--bare", str(pages))
    out = stopped(gh_deploy(staff, pages, tmp_path))
    github = git(remote.bare, "rev-parse", "main").strip()
    assert (
        f"main: main i den här klonen (incheckningen {old[:10]}) är äldre än main på GitHub (incheckningen "
        f"{github[:10]}): mkdocs gh-deploy skulle lägga ut rapporternas löpande sidor som de var före det som har kommit "
        "till main sedan dess, och utgåvor som har publicerats sedan dess skulle se ut att vara återställda i main. "
        "Bygget lägger inte ut något. Hämta main och kör igen: git pull (och git fetch origin publicerat). "
        "[main-efter-github]"
    ) in out, out[-3000:]
    assert git(pages, "branch", "--list", "gh-pages").strip() == ""
    git(staff, "pull", "--quiet", "origin", "main")  # as it says
    ok(gh_deploy(staff, pages, tmp_path))
    assert deployed_editions(pages, tmp_path) == ["2022-08", "2022-09", "2022-10"]


def test_gh_deploy_from_a_single_branch_clone_is_refused(remote, tmp_path):
    staff = remote.main_only_clone("en-gren")
    pages = tmp_path / "pages.git"
    git(tmp_path, "init", "--quiet", "--bare", str(pages))
    out = stopped(gh_deploy(staff, pages, tmp_path))
    assert (
        "origin/publicerat: Den här klonen hämtar inte grenen publicerat från GitHub (den klonades med --single-branch "
        "eller hämtar bara vissa grenar, se git config remote.origin.fetch), så bygget vet inte vad som är publicerat: "
        "utgåvorna den visar är gjorda ur historiken här, med andra datum och PDF:er, och är inte de publicerade. Hämta "
        "arkivet och bygg igen: git remote set-branches --add origin publicerat och git fetch --tags origin. Till dess "
        "prövas rattelser.yaml inte mot de publicerade utgåvorna (en riktig post kan nämna en utgåva som bara arkivet "
        "har). [arkivet-inte-hamtat]"
    ) in out, out[-3000:]
    assert git(pages, "branch", "--list", "gh-pages").strip() == ""
    git(staff, "remote", "set-branches", "--add", "origin", "publicerat")  # as it says
    git(staff, "fetch", "--quiet", "--tags", "origin")
    ok(gh_deploy(staff, pages, tmp_path))
    assert deployed_editions(pages, tmp_path) == ["2022-08", "2022-09"]


def test_gh_deploy_of_a_record_set_back_is_refused_by_the_published_site(remote, monkeypatch, tmp_path):
    _october_published(remote)
    live = tmp_path / "publicerad"
    shutil.copytree(remote.site, live)
    _set_back_by_a_stale_mirror(remote, tmp_path)
    staff = tmp_path / "ny-klon"  # a clone of what GitHub has now: its record is GitHub's, and set back
    git(tmp_path, "clone", "--quiet", str(remote.bare), str(staff))
    pages = tmp_path / "pages.git"
    git(tmp_path, "init", "--quiet", "--bare", str(pages))
    with SiteServer(live, "/socialrapporter/") as server:
        monkeypatch.setenv(WITNESS, server.url)
        out = stopped(gh_deploy(staff, pages, tmp_path))
    assert (f"mkdocs.yml:6:11: Den publicerade webbplatsen {server.url}nytt-och-andrat.xml visar utgåvor som det här "
            f"bygget inte publicerar: {OCTOBER}. ") in out, out[-3000:]
    assert "[arkivet-saknar-publicerad-utgava]" in out
    assert git(pages, "branch", "--list", "gh-pages").strip() == ""


def test_a_failed_push_seen_from_a_fresh_runner_is_still_made_again(remote):
    """The record job's push fails; the next run is a fresh clone of GitHub with the cache restored, as in the
    workflow: the commit the cache names is not in it at all, but it was added on GitHub's present record and this
    build publishes its editions again, so it is the harmless case (`arkivet-inte-pa-github`), not a wrong cache."""
    remote.add_month("2022-10")
    remote.push()
    hook = remote.bare / "hooks/pre-receive"
    hook.write_text("#!/bin/sh\nwhile read old new ref; do case $ref in *publicerat*) exit 1;; esac; done\n", encoding="utf-8")
    hook.chmod(0o755)
    with pytest.raises(AssertionError):
        remote.publish()
    hook.unlink()
    lost = cache.read_text(remote.ci / ".cache-utgavor/arkiv-sett.txt").split()
    assert lost[1] == "publicerat-3" and lost[3:] == [OCTOBER]
    fresh = remote.folder / "ci2"
    git(remote.folder, "clone", "--quiet", str(remote.bare), str(fresh))
    shutil.copytree(remote.ci / ".cache-utgavor", fresh / ".cache-utgavor")
    remote.ci = fresh
    assert git(fresh, "cat-file", "-t", lost[0], check=False).strip() == ""
    out = ok(remote.publish())
    assert f"Förra publiceringen lade till incheckningen {lost[0][:10]} (publicerat-3) i grenen publicerat" in out, out[-3000:]
    assert "[arkivet-inte-pa-github]" in out
    assert git(remote.bare, "show", f"publicerat:{OCTOBER}utgava.json")


def test_the_feed_is_compared_by_path_below_any_of_the_sites_addresses():
    """A domain move (extra.tidigare_adresser): the feed's old addresses are the same editions."""
    bases = ["https://ny.example.se/", "https://example.invalid/socialrapporter/"]
    assert site_path("https://example.invalid/socialrapporter/astorp/utgavor/2022-10/", bases) == OCTOBER
    assert site_path("https://ny.example.se/kommun/astorp/utgavor/2022-10/#rattelse", bases) == "kommun/astorp/utgavor/2022-10/"
    assert site_path("https://ny.example.se/astorp/", bases) is None  # a report page, not an edition
