"""Whole-site builds in a temp dir: the real site must build; a broken macro,
an unknown name or bad data must stop the build with a message that names it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import site_project, small_project
from forked_python import run_python

REPO = Path(__file__).resolve().parents[2]
MKDOCS = [sys.executable, "-m", "mkdocs", "build", "--strict"]


def build(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return run_python(MKDOCS + ["-d", str(project / "site")], cwd=project, capture_output=True, text=True, env=env)


# The smallest project these mistakes need: Åstorp's and Lund's reports with their data.
PAGES = {"Försörjningsstöd och KAA": "astorp.md", "Utökad ram 2021": "lund-2021.md"}


@pytest.fixture
def project(tmp_path):
    return small_project(tmp_path / "projekt", PAGES, ("astorp", "lund"))


def test_real_site_builds(built_site):
    """The tests' whole site (conftest.built_site) built: a page's figure, a chart's and a dataset's download."""
    page = (built_site / "astorp/index.html").read_text(encoding="utf-8")
    assert 'data-key="2022-01" data-field="utbetalt_tkr">1\u00a0690</td>' in page
    assert (built_site / "astorp/diagram-hushall-per-manad.csv").exists()
    assert (built_site / "data/astorp/forsorjningsstod.csv").exists()


# ------------------------------------------------------------ mistakes stop the build in Swedish, one line each

STOPPED = "Bygget stoppades: 1 fel. Rätta felet ovan och bygg igen."
PAGE_ERROR = "ERROR   -  Error reading page 'astorp.md': se felen ovan"  # MkDocs' own one line


def said(result: subprocess.CompletedProcess) -> list[str]:
    """What a build said on stderr, without MkDocs' and the macros plugin's INFO lines."""
    return [line for line in result.stderr.splitlines() if not line.startswith("INFO")]


def zensical(project: Path) -> subprocess.CompletedProcess:
    command = REPO / ".venv/bin/zensical"
    return run_python([str(command), "build", "--clean"], cwd=project, capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1"}, timeout=600)


def zensical_said(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.splitlines() if line != "Build started"]


def append(project: Path, page: str, text: str) -> int:
    """Add a line to a page; returns its line number."""
    path = project / "docs" / page
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines + [text]) + "\n", encoding="utf-8")
    return len(lines) + 1


FRONT_MATTER_MISTAKES = {
    # MkDocs alone would publish the broken front matter as page text.
    "kolon": ("docs/astorp.md", "title: Försörjningsstöd och unga i KAA – Åstorp", "title: Försörjningsstöd: unga i KAA – Åstorp",
              "docs/astorp.md:4:24: Sidhuvudet (front matter) går inte att läsa: ett kolon står där det inte får stå. "
              "En text som innehåller kolon måste stå inom citattecken. [yaml-kolon]"),
    # The theme writes title and description into the page's head unescaped: text only.
    "html": ("docs/lund-2021.md", "title: Utökad ram 2021 – Lund", 'title: "Utökad ram <img src=x onerror=alert(1)>"',
             "docs/lund-2021.md:5:1: Sidhuvudet (front matter): title innehåller < eller >. Värdena visas som text i sidans "
             "rubrik och huvud och får inte innehålla HTML; skriv texten utan taggar. [sidhuvud-html]"),
}


@pytest.mark.parametrize("mistake", FRONT_MATTER_MISTAKES)
def test_front_matter_mistake_stops_the_build(project, mistake):
    source, old, new, message = FRONT_MATTER_MISTAKES[mistake]
    page = project / source
    page.write_text(page.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    result = build(project)
    assert result.returncode == 1
    assert said(result) == [message, STOPPED]


def test_page_missing_from_nav_stops_the_build(project):
    (project / "docs/utkast.md").write_text("# Utkast\n", encoding="utf-8")
    result = build(project)
    assert result.returncode == 1
    assert said(result) == [
        'docs/utkast.md:1:1: Sidan finns inte i menyn (nav i mkdocs.yml), så ingen läsare hittar den. Lägg till den under '
        'nav, till exempel "- Sidans titel: utkast.md", eller ta bort filen. [inte-i-menyn]',
        STOPPED,
    ]


def test_nav_entry_without_a_page_stops_the_build(project):
    (project / "docs/lund-2021.md").rename(project / "docs/lund2021.md")
    config = project / "mkdocs.yml"
    line = next(n for n, text in enumerate(config.read_text(encoding="utf-8").splitlines(), 1) if "lund-2021.md" in text)
    result = build(project)
    assert result.returncode == 1
    assert said(result) == [
        'docs/lund2021.md:1:1: Sidan finns inte i menyn (nav i mkdocs.yml), så ingen läsare hittar den. Lägg till den under '
        'nav, till exempel "- Sidans titel: lund2021.md", eller ta bort filen. [inte-i-menyn]',
        f"mkdocs.yml:{line}:1: Menyn (nav) pekar på lund-2021.md, som inte finns i docs/. Rätta filnamnet eller ta bort raden. [meny-utan-sida]",
        "Bygget stoppades: 2 fel. Rätta felen ovan och bygg igen.",
    ]


def test_bad_data_stops_build_with_the_validators_lines_and_no_traceback(project):
    data = project / "data/astorp/forsorjningsstod.csv"
    data.write_text(data.read_text(encoding="utf-8") + "2022-09;250;180;1.612;;\n", encoding="utf-8")
    validator = run_python([sys.executable, str(REPO / "scripts/validate.py"), "--root", str(project)],
                               capture_output=True, text=True)
    result = build(project)
    assert result.returncode == 1
    errors = [line for line in validator.stdout.splitlines() if ": varning: " not in line and ": notering: " not in line]
    assert said(result) == errors + [STOPPED]
    assert said(result)[0].startswith('data/astorp/forsorjningsstod.csv:22:4: Fel värde "1.612" i kolumnen "utbetalt_tkr"')


def test_the_switch_gives_developers_the_traceback(project):
    append(project, "astorp.md", '{{ year_chart("astorp/forsorjningsstod", "hushal") }}')
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "RAPPORT_TRACEBACK": "1"}
    result = run_python(MKDOCS + ["-d", str(project / "site")], cwd=project, capture_output=True, text=True, env=env)
    assert result.returncode != 0
    assert "Traceback (most recent call last)" in result.stderr
    assert "AuthorError" in result.stderr


@pytest.mark.slow
def test_zensical_stops_with_the_same_lines(project):
    """Zensical reports any Python exception with a traceback: the same short lines instead."""
    data = project / "data/astorp/forsorjningsstod.csv"
    original = data.read_text(encoding="utf-8")
    data.write_text(original + "2022-09;250;180;1,602;;\n", encoding="utf-8")
    bad_data = zensical(project)
    mkdocs_bad_data = build(project)
    data.write_text(original, encoding="utf-8")
    line = append(project, "astorp.md", '{{ value("astorp/forsorjningsstod", "hushall", perod="2022-08") }}')
    bad_call = zensical(project)
    assert bad_data.returncode == 1 and bad_call.returncode == 1
    assert zensical_said(bad_data) == said(mkdocs_bad_data)
    assert zensical_said(bad_data)[0].startswith('data/astorp/forsorjningsstod.csv:22:4: Ovanligt värde 1,602 i kolumnen "utbetalt_tkr"')
    assert zensical_said(bad_call) == [
        f'docs/astorp.md:{line}:1: value("astorp/forsorjningsstod", "hushall", perod="2022-08"): inget argument heter '
        '"perod". Menar du "period"? Argumenten är: dataset_id, measure, period, key, unit. [okant-argument]',
        STOPPED,
    ]
    assert "Traceback" not in bad_data.stderr + bad_call.stderr + bad_data.stdout + bad_call.stdout
    page = project / "docs/astorp.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "title: Försörjningsstöd och unga i KAA – Åstorp", "title: Försörjningsstöd: unga i KAA – Åstorp"), encoding="utf-8")
    assert zensical_said(zensical(project)) == [
        "docs/astorp.md:4:24: Sidhuvudet (front matter) går inte att läsa: ett kolon står där det inte får stå. "
        "En text som innehåller kolon måste stå inom citattecken. [yaml-kolon]",
        STOPPED,
    ]


def test_shallow_clone_stops_instead_of_printing_wrong_dates(project, tmp_path_factory):
    """Editions and "Senast ändrad" come from git history; a one-commit clone would have one edition
    and date every file alike, so the build stops before any page, with the fix."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "ett"], ["commit", "-q", "--allow-empty", "-m", "två"]):
        subprocess.run(["git", *args], cwd=project, check=True, capture_output=True, env=env)
    shallow = tmp_path_factory.mktemp("grund") / "klon"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{project}", str(shallow)], check=True, capture_output=True)
    result = build(shallow)
    assert result.returncode == 1
    assert said(result) == [
        '.git:1:1: Webbplatsens utgåvor och datum byggs ur git-historiken, men den här klonen har bara de senaste '
        'versionerna (en grund klon, "shallow clone"). Hämta hela historiken med `git fetch --unshallow` och bygg igen. '
        "I GitHub Actions: ange `fetch-depth: 0` under `with:` för actions/checkout. [grund-klon]",
        STOPPED,
    ]
    subprocess.run(["git", "fetch", "-q", "--unshallow"], cwd=shallow, check=True, capture_output=True)
    assert build(shallow).returncode == 0


def test_publishing_refuses_the_templates_example_settings():
    """The template's example address and publisher would end up in canonical links, the feed,
    citations and the accessibility statement: the publish build stops until they are set."""
    project = site_project()  # the example settings, whatever the repository's own are
    result = run_python([sys.executable, str(project / "scripts/build.py"), "--publish"], cwd=project,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "mkdocs.yml:6:11: site_url: Adressen https://example.invalid/socialrapporter/ kan inte vara en publik webbplats: "
        "example.invalid är ett namn som bara används i exempel och tester. Skriv webbplatsens riktiga adress, till exempel "
        "https://ystad.github.io/socialrapporter/. [adress-ar-exempel]"
    )


def test_a_copy_without_history_builds_without_editions_and_is_never_published(tmp_path):
    """A downloaded copy (no .git) builds for a preview and says why it has no editions; publishing
    it would take every edition off the live site, so `--publish` stops before building."""
    project = small_project(tmp_path / "projekt", PAGES, ("astorp", "lund"), scripts=True)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("https://example.invalid/socialrapporter/", "https://kommun.example.se/rapporter/")
    text = text.replace("Socialförvaltningen i Exempelkommun", "Socialförvaltningen i Provkommun")
    text = text.replace("socialforvaltningen@exempelkommun.invalid", "social@provkommun.example.se").replace("0000-00 00 00", "0150-00 00 00")
    config.write_text(text, encoding="utf-8")
    command = [sys.executable, str(project / "scripts/build.py")]
    published = run_python([*command, "--publish"], cwd=project, capture_output=True, text=True, timeout=300)
    assert published.returncode == 1
    assert published.stderr.splitlines() == [
        "Fel: Mappen är inte en git-klon, så utgåvorna kan inte byggas, och en publicering utan dem skulle ta bort "
        "alla utgåvor från webbplatsen. Bygg ur en klon med hela historiken (git clone). [inte-en-git-klon]"
    ]
    assert not (project / "site").exists()
    preview = run_python(command, cwd=project, capture_output=True, text=True, timeout=300)
    assert preview.returncode == 0, preview.stderr[-2000:]
    assert "Utgåvor: inga, eftersom mappen inte är en git-klon (utgåvorna byggs ur historiken)" in preview.stdout + preview.stderr
    assert (project / "site/astorp/index.html").exists() and not (project / "site/astorp/utgavor").exists()


# ------------------------------------------------------------ symbolic links in docs/ (adv17b faults 63–65)

def link_refusal(name: str, target: str) -> str:
    return (f"docs/{name}:1:1: docs/{name} är en symbolisk länk (till {target}). Webbplatsen publicerar bara vanliga "
            "filer och mappar i docs/, eftersom MkDocs och Zensical annars kopierar det länken pekar på, även filer från "
            "datorn som bygger, ut på webbplatsen. Ersätt länken med filen själv (en mapp: med en mapp som har kopior av "
            "filerna). [lank-i-docs]")


DOCS_LINKS = {  # a file to the build's environment, a folder to /etc, a page in the nav to /etc/passwd
    "miljo": ("assets/env.txt", "/proc/self/environ"),
    "mapp": ("assets/etc", "/etc"),
    "sida": ("losen.md", "/etc/passwd"),
}


@pytest.mark.parametrize("link", DOCS_LINKS)
def test_a_symbolic_link_in_docs_stops_the_build_before_anything_is_copied(project, link):
    name, target = DOCS_LINKS[link]
    (project / "docs" / name).symlink_to(target)
    if name == "losen.md":
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "  - Rapporter:\n", "  - Lösen: losen.md\n  - Rapporter:\n"), encoding="utf-8")
    result = build(project)
    assert result.returncode == 1
    assert said(result) == [link_refusal(name, target), STOPPED]
    assert not (project / "site" / name).exists() and not (project / "site" / "assets").exists()
    assert "Traceback" not in result.stderr
    # scripts/build.py refuses it before it starts a generator (Zensical too, which has no hook before copying)
    for generator in ("mkdocs", "zensical"):
        tool = run_python([sys.executable, str(REPO / "scripts/build.py"), "--generator", generator, "--config-file",
                               str(project / "mkdocs.yml")], cwd=project, capture_output=True, text=True, timeout=120)
        assert tool.returncode == 1
        assert tool.stderr.splitlines() == [link_refusal(name, target), STOPPED]
