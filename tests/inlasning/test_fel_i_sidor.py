"""Pages and mkdocs.yml as authors really save them (adv18): each fault is a real file in
fel-sidor/ named after it, and the exact Swedish line the site says about it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hjalp_inlasning import HERE, TODAY

from macros import MACROS
from macros.data.catalog import Catalog
from macros.pages import authoring
from macros.pages.build import Build
from macros.pages.page_macros import PageMacros
from macros.pages.reports import split_page
from forked_python import run_python

PROJECT = HERE / "projekt"
FAULTS = HERE / "fel-sidor"
REPO = HERE.parent.parent

# ------------------------------------------------------------ impossible periods in words

FRONT_MATTER_FAULTS = {
    "rapportperiod-tertial-4.md":
        'docs/rapport.md:3:1: Perioden "tertial 4 2019" finns inte: ett år har bara tertial 1–3. Rätta perioden. [period-finns-inte]',
    "rapportperiod-tertial-0.md":
        'docs/rapport.md:3:1: Perioden "tertial 0 2019" finns inte: ett år har bara tertial 1–3. Rätta perioden. [period-finns-inte]',
    "rapportperiod-kvartal-5.md":
        'docs/rapport.md:3:1: Perioden "kvartal 5 2022" finns inte: ett år har bara kvartal 1–4. Rätta perioden. [period-finns-inte]',
    "rapportperiod-2023-02-30.md":
        'docs/rapport.md:3:1: Perioden "2023-02-30" finns inte: datumet 2023-02-30 finns inte i kalendern. Rätta perioden. '
        "[period-finns-inte]",
    "rapportperiod-aug-jan-baklanges.md":
        'docs/rapport.md:3:1: Perioden "aug–jan 2022" finns inte: spannet slutar (jan) före det börjar (aug); skriv den '
        "tidigaste månaden först, till exempel jan–aug. Rätta perioden. [period-finns-inte]",
    "nyckeltal-samma-matt-tva-ganger.md":
        'docs/rapport.md:4:1: nyckeltal nämner "hushall" två gånger. Ta bort det ena. [nyckeltal-dubbelt]',
    "kommunkod-utan-citattecken.md":
        'docs/rapport.md:4:1: kommunkod ska vara kommunens kod med fyra siffror inom citattecken, till exempel kommunkod: '
        '"0483" för Katrineholm, men är 0117. [kommunkod-fel]',
}


@pytest.mark.parametrize("name", FRONT_MATTER_FAULTS)
def test_an_impossible_period_in_words_is_refused_where_it_is_declared(name):
    text = (FAULTS / name).read_text(encoding="utf-8")
    found = authoring.front_matter_problems("docs/rapport.md", text, Catalog(PROJECT, today=TODAY))
    assert [str(p) for p in found] == [FRONT_MATTER_FAULTS[name]]


# ------------------------------------------------------------ pages and mkdocs.yml not saved as UTF-8

SAVE_AS_UTF8 = ("så å, ä och ö skulle bli fel. Spara den som UTF-8: i Anteckningar med Arkiv → Spara som → Kodning: UTF-8, i "
                "VS Code med Spara med kodning → UTF-8, eller skriv den i GitHubs webbredigerare. [textfil-inte-utf8]")


@pytest.fixture
def project(tmp_path) -> Path:
    target = tmp_path / "projekt"
    shutil.copytree(PROJECT, target)
    return target


@pytest.mark.parametrize("name, said", [
    ("sida-sparad-som-ansi.md", f"docs/rapport.md:2:1: Filen är inte sparad som UTF-8 utan troligen som ANSI (Windows-1252), {SAVE_AS_UTF8}"),
    ("sida-sparad-som-unicode.md", f"docs/rapport.md:1:1: Filen är inte sparad som UTF-8 utan som Unicode (UTF-16), {SAVE_AS_UTF8}"),
])
def test_a_page_not_saved_as_utf8_is_refused_before_any_generator_reads_it(project, name, said):
    """scripts/build.py says this before MkDocs or Zensical runs (both stopped with a traceback)."""
    shutil.copy(FAULTS / name, project / "docs" / "rapport.md")
    assert [str(p) for p in authoring.config_problems(project / "mkdocs.yml")] == [said]
    found = authoring.site_problems(project / "docs", [], None, project / "mkdocs.yml", Catalog(project, today=TODAY))
    assert [str(p) for p in found] == [said]


def test_mkdocs_yml_saved_as_ansi_is_refused(project):
    shutil.copy(FAULTS / "mkdocs-sparad-som-ansi.yml", project / "mkdocs.yml")
    assert [str(p) for p in authoring.config_problems(project / "mkdocs.yml")] == [
        f"mkdocs.yml:2:1: Filen är inte sparad som UTF-8 utan troligen som ANSI (Windows-1252), {SAVE_AS_UTF8}"]


def test_an_unclosed_quote_in_mkdocs_yml_is_said_at_its_line(project):
    shutil.copy(FAULTS / "mkdocs-citattecken-stangs-inte.yml", project / "mkdocs.yml")
    assert [str(p) for p in authoring.config_problems(project / "mkdocs.yml")] == [
        'mkdocs.yml:4:12: mkdocs.yml går inte att läsa: citattecknet (") som börjar texten stängs aldrig på raden. Skriv '
        'ett " sist i texten. [mkdocs-yml-gar-inte-att-lasa]']


# ------------------------------------------------------------ texts typed on a Mac (NFD)

def test_site_name_nav_and_front_matter_titles_typed_on_a_mac_are_published_in_nfc(project):
    """site_name, a nav title and a page's title in NFD are put in NFC on the way in, once."""
    shutil.copytree(REPO / "macros", project / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(FAULTS / "mkdocs-nfd-fran-mac.yml", project / "mkdocs.yml")
    shutil.copy(FAULTS / "sida-titel-nfd-fran-mac.md", project / "docs" / "rapport.md")
    result = run_python(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / "site")], cwd=project,
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    pages = [(project / "site" / name).read_text(encoding="utf-8") for name in ("index.html", "rapport/index.html")]
    assert all("<title>" in page and "Inläsningstest" in page and "Försörjningsstöd" in page for page in pages)
    assert not any("\u0308" in page or "\u030a" in page for page in pages)
    meta, _body = split_page((project / "docs" / "rapport.md").read_text(encoding="utf-8"))
    assert meta["title"] == "Försörjningsstöd i Åstorp"  # as editions and the feed read it


def test_a_page_name_with_a_space_is_refused_with_the_name_to_use(project):
    """`Ystad Rapport.md` would be published at "Ystad Rapport/" with its downloads at "Ystad%20Rapport/"."""
    shutil.copy(FAULTS / "Ystad Rapport.md", project / "docs" / "Ystad Rapport.md")
    assert [str(p) for p in authoring.config_problems(project / "mkdocs.yml")] == [
        "docs/Ystad Rapport.md:1:1: Filnamnet Ystad Rapport.md går inte att använda: sidans namn blir dess webbadress, "
        "och får bara ha små bokstäver a–z, siffror, - och _ (inga mellanslag, versaler, å, ä, ö eller andra tecken). "
        "Byt namn på filen till ystad-rapport.md och skriv det nya namnet i nav i mkdocs.yml. [sidnamn]"]


def test_a_control_character_in_a_pages_text_is_refused_at_its_line(project):
    """A form feed pasted into a heading would make the page and the feed invalid XML."""
    shutil.copy(FAULTS / "styrtecken-sidmatning-i-rubrik.md", project / "docs" / "rapport.md")
    assert [str(p) for p in authoring.config_problems(project / "mkdocs.yml")] == [
        "docs/rapport.md:5:20: Raden innehåller ett styrtecken (sidmatning, U+000C) som inte syns men som inte får stå på "
        "en webbsida eller i nyhetsflödet. Skriv raden igen utan det (det följer oftast med text som klistrats in från "
        "Word eller en PDF): # Försörjningsstöd \\x0c– per månad [styrtecken-i-sida]"]


def test_a_missing_closing_brace_is_said_as_missing():
    text = (FAULTS / "makro-en-slutklammer-saknas.md").read_text(encoding="utf-8")
    offset = authoring.body_offset(text)
    body = "".join(text.splitlines(keepends=True)[offset:])
    assert [str(p) for p in authoring.template_problems("docs/rapport.md", body, offset, set(MACROS), None, MACROS)] == [
        "docs/rapport.md:7:1: Makrokoden på raden går inte att läsa: en } saknas: ett makro slutar med två klamrar, }}. "
        'Raden: Juli: {{ total("lund/arbetssokande-juli", "minskning") } på ett år. [makro-klammer-saknas]']


def test_a_kolada_id_that_is_never_fetched_is_the_authors_mistake(project):
    (project / "data" / "kolada").mkdir()
    shutil.copy(FAULTS / "kolada-nyckeltal.yaml", project / "data" / "kolada" / "nyckeltal.yaml")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    build = Build(project, config["nav"], project / "docs", None, catalog=Catalog(project, today=TODAY))
    macros = PageMacros(build, "rapport/")
    macros.start_page("rapport/", None, {"kommunkod": "1281"})
    assert authoring.run_macro("kolada_comparison", macros.kolada_comparison, (["N31816", "N31806"],), {}, build) == ("", (
        'nyckeltalet "N31806" finns inte i data/kolada/nyckeltal.yaml, så det hämtas aldrig från Kolada. Menar du '
        '"N31816"? Nyckeltalen där är: N31807, N31816, N31001. Rätta id:t, eller lägg till nyckeltalet i '
        "data/kolada/nyckeltal.yaml (se CONTRIBUTING.md). [kolada-id-okant]"))


def test_month_13_in_period_text_on_a_report_with_a_period_in_words_is_said_as_such(project):
    """Not "not the page's period": month 13 does not exist."""
    page = (FAULTS / "period-text-manad-13-pa-rapport-med-period-i-ord.md").read_text(encoding="utf-8")
    meta, _body = split_page(page)
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    build = Build(project, config["nav"], project / "docs", None, catalog=Catalog(project, today=TODAY))
    macros = PageMacros(build, "rapport/")
    macros.start_page("rapport/", None, meta)
    assert authoring.run_macro("period_text", macros.period_text, ("2019-13",), {"caller": lambda: "Text."}, build) == (
        "", "Månaden 2019-13 finns inte: ett år har bara månaderna 01–12. Rätta månaden. [manad-finns-inte]")


@pytest.mark.parametrize("period", ["tertial 1 2019", "jan–aug 2022", "2021", "Q2 2022", "aug 2021–jan 2022", "Rapport5 2022"])
def test_a_period_in_words_that_can_exist_is_accepted(period):
    text = f'---\ntitle: Ekonomi\nrapportperiod: "{period}"\n---\n'
    assert authoring.front_matter_problems("docs/rapport.md", text, Catalog(PROJECT, today=TODAY)) == []


def test_a_page_among_a_reports_editions_is_refused(project):
    """adv17k 5: a contributor's page at docs/rapport/utgavor/2022-11/index.md was silently hidden behind the published
    edition at the same address (or would hide it)."""
    target = project / "docs" / "rapport" / "utgavor" / "2022-11" / "index.md"
    target.parent.mkdir(parents=True)
    shutil.copy(FAULTS / "sida-bland-utgavor.md", target)
    found = authoring.site_problems(project / "docs", [], None, project / "mkdocs.yml", Catalog(project, today=TODAY))
    assert [str(p) for p in found] == [
        "docs/rapport/utgavor/2022-11/index.md:1:1: Sidan får adressen rapport/utgavor/2022-11/, men under rapport/utgavor/ "
        "lägger webbplatsen rapportens utgåvor: en publicerad utgåva på samma adress skulle dölja sidan, eller sidan "
        "utgåvan. Flytta sidan till en annan mapp, till exempel docs/rapport/sidor/2022-11/index.md. [sida-bland-utgavor]"]
