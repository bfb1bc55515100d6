"""Once published, always published: each common git mistake on main, then the publish workflow
again. The published editions (article, chart CSVs, at their addresses) stay byte for byte what
they were, and the build says in Swedish what happened and what to do."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from .conftest import DATA, build, git, ok, published

pytestmark = pytest.mark.slow

SEPTEMBER = "astorp/utgavor/2022-09/"
REVERTED = (
    "docs/astorp.md:1:1: notering: Utgåvan september 2022 av astorp/ är publicerad men finns inte längre som senaste "
    "period i main (till exempel efter git revert, force-push eller en sammanslagning från en gammal gren). Den ligger "
    "kvar på astorp/utgavor/2022-09/, oförändrad: en återställning i git drar inte in en utgåva. Vill ni dra in den, "
    "skriv in den i rattelser.yaml med typ: indragning, datum och anledning (se CONTRIBUTING.md). [utgava-aterstalld]"
)


def banner(site, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_record_holds_each_published_edition(remote):
    names = git(remote.bare, "ls-tree", "-r", "--name-only", "publicerat").split()
    assert "astorp/utgavor/2022-08/utgava.json" in names and f"{SEPTEMBER}artikel.html" in names
    assert f"{SEPTEMBER}diagram-hushall-per-manad.csv" in names
    # An empty start, then one commit per publish that added editions; its second parent is the commit on
    # main that was built.
    assert git(remote.bare, "rev-list", "--first-parent", "--count", "publicerat").strip() == "3"
    assert git(remote.bare, "rev-parse", "publicerat^2").strip() == git(remote.bare, "rev-parse", "main").strip()


def test_revert_of_a_published_month_is_no_withdrawal(remote):
    before = published(remote.site)
    sha = git(remote.work, "log", "-1", "--format=%H", "--", DATA).strip()
    git(remote.work, "revert", "--no-edit", sha)
    remote.push()
    out = ok(remote.publish())
    assert published(remote.site) == before
    assert REVERTED in out
    page = banner(remote.site, SEPTEMBER)
    assert "nyare utgåva" not in page.select_one(".edition-banner").get_text()  # August is not "newer"
    august = banner(remote.site, "astorp/utgavor/2022-08/")
    assert august.select_one(".edition-facts .edition-newer").get_text(" ", strip=True) == (
        "Det finns en nyare utgåva: de senaste siffrorna finns på den löpande sidan ."
    )


def test_force_push_that_drops_a_published_month(remote):
    before = published(remote.site)
    git(remote.work, "reset", "--hard", "HEAD~1")
    remote.push("--force")
    out = ok(remote.publish())
    assert published(remote.site) == before
    assert REVERTED in out


def test_merge_from_a_stale_branch_and_a_rebase(remote):
    """Staff's clone from before September commits, pulls (a merge whose first parent is the stale
    commit) and pushes; then someone rebases main and force-pushes. September stays as published."""
    before = published(remote.site)
    stale = remote.folder / "gammal"
    git(remote.folder, "clone", "--quiet", str(remote.bare), str(stale))
    git(stale, "reset", "--quiet", "--hard", "HEAD~1")
    (stale / "docs/index.md").write_text((stale / "docs/index.md").read_text(encoding="utf-8") + "\nKontakt: socialförvaltningen.\n", encoding="utf-8")
    remote.commit("Startsidan: kontakt", stale)
    git(stale, "pull", "--quiet", "--no-rebase", "--no-edit", "origin", "main")
    remote.push(cwd=stale)
    ok(remote.publish())
    assert published(remote.site) == before
    git(remote.work, "pull", "--quiet", "--no-rebase", "origin", "main")
    git(remote.work, "rebase", "--quiet", "--force-rebase", "--root")
    remote.push("--force")
    ok(remote.publish())
    assert published(remote.site) == before


def test_renamed_page_and_data_file_keep_the_old_addresses(remote):
    before = published(remote.site)
    remote.rename_page("astorp-fsd.md")
    remote.commit("Åstorp: nytt sidnamn")
    data = remote.rename_data("astorp/fsd", page="docs/astorp-fsd.md")
    data.write_text(data.read_text(encoding="utf-8").replace("2022-07;242;167;", "2022-07;242;169;"), encoding="utf-8")
    remote.commit("Åstorp: datafilen byter namn, juli rättad")
    remote.push()
    out = ok(remote.publish())
    after = published(remote.site)
    assert {k: v for k, v in after.items() if k.startswith("astorp/")} == before
    assert (
        "mkdocs.yml:1:1: notering: Rapporten astorp/ finns inte längre i webbplatsens meny (nav i mkdocs.yml), men dess 2 "
        "publicerade utgåvor ligger kvar på sina adresser (astorp/utgavor/2022-08/ …). Har sidan bytt namn, är det "
        "rätt; de gamla adresserna fortsätter att fungera. [rapport-borta]"
    ) in out
    assert (remote.site / "astorp/utgavor/index.html").is_file()  # the old report's list of editions stays too


def test_deleted_dataset_and_report_keep_their_editions(remote):
    before = published(remote.site)
    remote.remove_report()
    remote.commit("Åstorp tas bort")
    remote.push()
    ok(remote.publish())
    assert published(remote.site) == before
    page = banner(remote.site, SEPTEMBER)
    assert page.select_one("header") is not None  # framed by the site's start page


def test_broken_commits_fixed_later_never_block_publishing(remote):
    """A month 13 reached main (its publish was refused) and was fixed in the next commit; then an
    October with "1.80" households reached main and was taken out again. Every later build
    publishes; the October taken out again was never published and main went back to September, so
    it is no edition of history and nothing is said of it (it was said as a skipped version,
    `utgava-hoppas-over`; tests/utgavor/test_trasig_sista_version.py has one that is said)."""
    before = published(remote.site)
    data = remote.work / DATA
    good = data.read_text(encoding="utf-8")

    def broken_then_fixed(row: str, broken: str, fixed: str) -> None:
        """A bad row reaches main and is refused (in Swedish, no traceback), then taken out again."""
        data.write_text(good + row + "\n", encoding="utf-8")
        remote.commit(broken)
        remote.push()
        refused = remote.publish()
        assert refused.returncode != 0 and "Traceback" not in refused.stdout + refused.stderr
        data.write_text(good, encoding="utf-8")
        remote.commit(fixed)

    broken_then_fixed("2022-13;248;178;1 598;;", "Åstorp: oktober (fel månad)", "Åstorp: fel månad borttagen")
    broken_then_fixed("2022-10;248;1.80;1 598;;", "Åstorp: oktober (fel värde)", "Åstorp: oktober borttagen tills siffrorna är klara")
    remote.push()
    out = ok(remote.publish())
    assert published(remote.site) == before
    assert "[utgava-hoppas-over]" not in out and "Internt fel" not in out
    living = BeautifulSoup((remote.site / "astorp/index.html").read_text(encoding="utf-8"), "html.parser")
    assert [a.get_text() for a in living.select(".editions-list li a")] == ["september 2022", "augusti 2022"]  # no link to what was skipped
    assert "[utgava-hoppas-over]" not in ok(remote.publish())  # nor the next build


def test_page_that_loses_its_period_and_one_that_rewrites_it(remote):
    before = published(remote.site)
    page = remote.work / "docs/astorp.md"
    page.write_text(page.read_text(encoding="utf-8").replace("manadsserie: astorp/forsorjningsstod\n", ""), encoding="utf-8")
    remote.commit("Åstorp: perioden borttagen av misstag")
    remote.push()
    ok(remote.publish())
    assert published(remote.site) == before
    page.write_text(page.read_text(encoding="utf-8").replace("title: ", 'rapportperiod: "september 2022"\ntitle: ', 1), encoding="utf-8")
    remote.commit("Åstorp: perioden som text")
    remote.push()
    out = ok(remote.publish())
    assert published(remote.site) == before  # september 2022 is not published a second time
    assert (
        "docs/astorp.md:1:1: notering: astorp/ har redan en publicerad utgåva för september 2022 (astorp/utgavor/2022-09/); "
        "perioden publiceras inte en gång till under astorp/utgavor/september-2022/. [utgava-samma-period]"
    ) in out
    assert "[utgava-samma-period]" not in ok(remote.publish())  # said by the build that decided it, not by every later one


def test_a_new_machine_recovers_the_record_by_fetching_its_branch(remote):
    before = published(remote.site)
    fresh = remote.folder / "ny-dator"
    git(remote.folder, "clone", "--quiet", str(remote.bare), str(fresh))
    git(fresh, "fetch", "--quiet", "origin", "publicerat")
    ok(build(fresh))
    assert published(fresh / "site") == before


def test_a_rewritten_record_is_refused_in_swedish(remote):
    other = remote.folder / "arkiv"
    git(remote.folder, "clone", "--quiet", "--branch", "publicerat", str(remote.bare), str(other))
    csv = other / SEPTEMBER / "diagram-hushall-per-manad.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("180", "181"), encoding="utf-8")
    remote.commit("Ändra en publicerad siffra", other)
    git(other, "push", "--quiet", "origin", "publicerat")
    result = remote.publish()
    assert result.returncode != 0
    changed = git(other, "rev-parse", "HEAD").strip()[:10]
    assert (  # said at the changed file in the branch (git show publicerat:<path> shows it)
        f"publicerat:{SEPTEMBER}diagram-hushall-per-manad.csv: Grenen publicerat (arkivet över publicerade utgåvor) har "
        f"ändrats eller fått filer borttagna i incheckningen {changed}: {SEPTEMBER}diagram-hushall-per-manad.csv. Arkivet "
        f"får bara växa. Återställ grenen {RESTORE}, och skydda grenen och taggarna publicerat-* mot force-push och "
        "borttagning (README). [arkivet-omskrivet]"
    ) in result.stderr
    assert "Traceback" not in result.stderr


RESTORE = (
    "från taggen publicerat-2, den senaste publiceringen: git push --force origin 'publicerat-2^{commit}:refs/heads/publicerat' "
    "(med force-push tillfälligt tillåtet i reglerna för grenen)"
)


def test_main_pushed_over_the_record_is_restored_as_the_message_says(remote):
    """adv17b F90: `git push -f origin main:publicerat`. GitHub's copy is the broken one, so the
    message says to restore from the newest tag, and doing so publishes what was published."""
    before = published(remote.site)
    git(remote.work, "push", "--quiet", "--force", "origin", "main:publicerat")
    result = remote.publish()
    assert result.returncode != 0 and "Traceback" not in result.stderr
    main = git(remote.work, "rev-parse", "main").strip()[:10]
    assert (
        "publicerat:data/astorp/forsorjningsstod.csv: Grenen publicerat (arkivet över publicerade utgåvor) har ändrats "
        f"eller fått filer borttagna i incheckningen {main}: data/astorp/forsorjningsstod.csv. Arkivet får bara växa. "
        f"Återställ grenen {RESTORE}, och skydda grenen och taggarna publicerat-* mot force-push och borttagning (README). "
        "[arkivet-omskrivet]"
    ) in result.stderr
    git(remote.ci, "push", "--quiet", "--force", "origin", "publicerat-2^{commit}:refs/heads/publicerat")
    ok(remote.publish())
    assert published(remote.site) == before
