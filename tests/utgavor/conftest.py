"""A tiny site in real git repositories: a bare remote plays GitHub, `arbete` is staff's clone,
`ci` is the publish workflow's clone (full history; it builds with --record and pushes the
branch publicerat, as .github/workflows/publish.yml does).

The site: the project's code and theme, Åstorp's monthly series as the source report printed
it (tests/data/kallor/), one small report page that uses it, the start page, the data page and
"Nytt och ändrat". Each month staff add is one row in one commit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import once
from forked_python import run_python

REPO = Path(__file__).resolve().parents[2]
PINNED = REPO / "tests" / "data" / "kallor"
DATA = "data/astorp/forsorjningsstod.csv"
PAGE = """---
title: Försörjningsstöd i Åstorp
manadsserie: astorp/forsorjningsstod
---
# Försörjningsstöd i Åstorp

I {{ period_name("astorp/forsorjningsstod") }} fick {{ value("astorp/forsorjningsstod", "hushall") }} hushåll försörjningsstöd.

{{ editions_list() }}

## Hushåll per månad

{{ year_chart("astorp/forsorjningsstod", "hushall") }}
"""
NAV = """nav:
  - Start: index.md
  - Rapporter:
      - Försörjningsstöd i Åstorp: astorp.md
  - Om webbplatsen:
      - Nytt och ändrat: nytt-och-andrat.md
      - Data att ladda ner: data.md
"""
# September withdrawn the day both months were published: rattelser.yaml as staff write it.
SEPTEMBER_WITHDRAWN = """- utgava: astorp/utgavor/2022-09/
  typ: indragning
  datum: 2022-10-01
  anledning: Hushållen i september var dubbelräknade.
"""
ROWS = {  # months staff add, one commit each
    "2022-09": "2022-09;250;180;1 612;;",
    "2022-10": "2022-10;248;178;1 598;;",
    "2022-11": "2022-11;251;181;1 620;;",
}
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Testperson", "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Testperson", "GIT_COMMITTER_EMAIL": "test@example.invalid",
}


def git(cwd: Path, *args: str, check: bool = True) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, **GIT_ENV}, check=False)
    if check and result.returncode != 0:
        raise AssertionError(f"git {' '.join(args)}: {result.stderr}")
    return result.stdout


class Remote:
    """GitHub's role (a bare repository), staff's clone and the workflow's clone."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.bare = folder / "github.git"
        self.work = folder / "arbete"
        self.ci = folder / "ci"
        self._tick = 0

    def commit(self, message: str, cwd: Path | None = None) -> str:
        """Commit everything in staff's clone, a minute after the previous commit (dates order editions)."""
        cwd = cwd or self.work
        self._tick += 1
        when = f"2022-10-{1 + self._tick // 60:02d}T{8 + self._tick % 60 // 10:02d}:{self._tick % 10:02d}:00+02:00"
        git(cwd, "add", "-A")
        subprocess.run(
            ["git", "commit", "--quiet", "-m", message], cwd=cwd, check=True, capture_output=True,
            env={**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when},
        )
        return git(cwd, "rev-parse", "HEAD").strip()

    def add_month(self, month: str, cwd: Path | None = None) -> str:
        data = (cwd or self.work) / DATA
        data.write_text(data.read_text(encoding="utf-8") + ROWS[month] + "\n", encoding="utf-8")
        return self.commit(f"Åstorp: {month}", cwd)

    def rename_page(self, new: str) -> None:
        """Staff rename the Åstorp page (docs/astorp.md → docs/<new>) and its nav line, as git mv does."""
        git(self.work, "mv", "docs/astorp.md", f"docs/{new}")
        config = self.work / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("astorp.md", new), encoding="utf-8")

    def published_rename(self) -> str:
        """Staff rename the Åstorp page to astorp-fsd.md and add October; CI publishes it. Returns main's
        commit before the rename (for a force-push back to it)."""
        before = git(self.work, "rev-parse", "HEAD").strip()
        self.rename_page("astorp-fsd.md")
        self.commit("Åstorp: nytt sidnamn")
        self.add_month("2022-10")
        self.push()
        ok(self.publish())
        return before

    def main_only_clone(self, name: str) -> Path:
        """A clone of main alone (`--single-branch`): no record branch, as a staff member's quick clone."""
        clone = self.folder / name
        git(self.folder, "clone", "--quiet", "--single-branch", "--branch", "main", str(self.bare), str(clone))
        return clone

    def remove_report(self) -> None:
        """Staff remove the Åstorp report: its page, its data folder and its nav block."""
        git(self.work, "rm", "--quiet", "-r", "data/astorp", "docs/astorp.md")
        config = self.work / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "  - Rapporter:\n      - Försörjningsstöd i Åstorp: astorp.md\n", ""), encoding="utf-8")

    def rename_data(self, new_id: str, page: str = "docs/astorp.md") -> Path:
        """Staff rename the Åstorp data file and its schema to data/<new_id>.* and the page's calls; the new CSV."""
        old_id = DATA.removeprefix("data/").removesuffix(".csv")
        for suffix in (".csv", ".schema.yaml"):
            git(self.work, "mv", f"data/{old_id}{suffix}", f"data/{new_id}{suffix}")
        text = self.work / page
        text.write_text(text.read_text(encoding="utf-8").replace(old_id, new_id), encoding="utf-8")
        return self.work / f"data/{new_id}.csv"

    def push(self, *args: str, cwd: Path | None = None) -> None:
        git(cwd or self.work, "push", "--quiet", *args, "origin", "HEAD:main")

    def publish(self, *extra: str, when: int | None = None) -> subprocess.CompletedProcess:
        """The publish workflow: fetch main and the record, build with --record, push the record. It
        runs at `when` (SOURCE_DATE_EPOCH, the moment a first record is made), by default at the time
        of the commit it builds (the tests' clock is their commits' dates)."""
        # As actions/checkout with fetch-depth: 0: every branch and every tag (the record's tags too), pruned.
        git(self.ci, "fetch", "--quiet", "--prune", "origin", "+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*")
        git(self.ci, "checkout", "--quiet", "--detach", "origin/main")
        git(self.ci, "update-ref", "-d", "refs/heads/publicerat", check=False)  # a fresh runner has none
        when = when or int(git(self.ci, "log", "-1", "--format=%ct").strip())
        result = build(self.ci, "--record", *extra, env={"SOURCE_DATE_EPOCH": str(when)})
        if result.returncode == 0 and git(self.ci, "rev-parse", "--verify", "--quiet", "refs/heads/publicerat", check=False).strip():
            # Fast-forward only, never forced; the branch and its new tag publicerat-<n> in one atomic push.
            git(self.ci, "push", "--quiet", "--atomic", "--follow-tags", "origin", "publicerat")
        return result

    @property
    def site(self) -> Path:
        return self.ci / "site"


def mkdocs_env(**more: str) -> dict[str, str]:
    return {**os.environ, **GIT_ENV, "NO_MKDOCS_2_WARNING": "1", **more}


def build(project: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return run_python(
        [sys.executable, "scripts/build.py", "--site-dir", "site", *extra],
        cwd=project, capture_output=True, text=True, timeout=900, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


def make_project(root: Path) -> None:
    root.mkdir(parents=True)
    for name in ("macros", "overrides"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    (root / "scripts").mkdir()
    shutil.copy(REPO / "scripts/build.py", root / "scripts/build.py")
    shutil.copytree(REPO / "docs/assets", root / "docs/assets")
    for name in ("index.md", "data.md", "nytt-och-andrat.md"):
        shutil.copy(REPO / "docs" / name, root / "docs" / name)
    (root / "docs/astorp.md").write_text(PAGE, encoding="utf-8")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    start = config.index("\nnav:\n") + 1
    (root / "mkdocs.yml").write_text(config[:start] + NAV, encoding="utf-8")
    (root / "data/astorp").mkdir(parents=True)
    (root / "data/README.md").write_text("# Data\n", encoding="utf-8")  # data/ stays when a dataset goes (mkdocs.yml watches it)
    for suffix in (".csv", ".schema.yaml"):
        shutil.copy(PINNED / f"astorp/forsorjningsstod{suffix}", root / f"data/astorp/forsorjningsstod{suffix}")
    (root / ".gitignore").write_text("site/\n.cache-utgavor/\n", encoding="utf-8")


def copy_remote(source: Remote, folder: Path) -> Remote:
    """A copy of the three repositories (and the workflow's cache), each clone pointed at the copy's remote."""
    shutil.copytree(source.folder, folder, symlinks=True, dirs_exist_ok=True)
    remote = Remote(folder)
    remote._tick = source._tick
    for clone in (remote.work, remote.ci):
        git(clone, "remote", "set-url", "origin", str(remote.bare))
    return remote


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Traceback" not in result.stdout + result.stderr and "Internt fel" not in result.stdout + result.stderr
    return result.stdout + result.stderr


def _make_september(folder: Path) -> None:
    remote = Remote(folder)
    make_project(remote.work)
    git(remote.folder, "init", "--quiet", "--bare", "-b", "main", str(remote.bare))
    git(remote.folder, "init", "--quiet", "-b", "main", str(remote.work))
    git(remote.work, "remote", "add", "origin", str(remote.bare))
    remote.commit("Åstorp t.o.m. augusti 2022")
    remote.push()
    git(remote.folder, "clone", "--quiet", str(remote.bare), str(remote.ci))
    ok(remote.publish("--first-record"))  # the site's first publication starts the record, explicitly
    remote.add_month("2022-09")
    remote.push()
    ok(remote.publish())
    (folder / "tick").write_text(str(remote._tick), encoding="utf-8")


@pytest.fixture(scope="session")
def september() -> Remote:
    """August 2022 published, then September 2022 added in one commit and published: made once per
    test run for every module here (conftest.once()); read only, each test works on a copy (`remote`)."""
    folder = once("september", _make_september)
    remote = Remote(folder)
    remote._tick = int((folder / "tick").read_text(encoding="utf-8"))
    return remote


@pytest.fixture
def remote(september, tmp_path) -> Remote:
    """A copy of `september` of the test's own."""
    return copy_remote(september, tmp_path / "kopia")


SAID = "publicering.txt"  # in september_with_pdf's folder: what its publish printed


def _make_september_with_pdf(folder: Path) -> None:
    source = once("september", _make_september)
    remote = copy_remote(Remote(source), folder)
    remote._tick = int((source / "tick").read_text(encoding="utf-8"))
    said = ok(remote.publish("--pdf"))
    (folder / SAID).write_text(said, encoding="utf-8")


@pytest.fixture(scope="session")
def september_with_pdf(september) -> Remote:
    """`september`, then published again with --pdf: its two editions, recorded without a PDF, get
    theirs printed and added to the record. Several tests start there (utgavor/test_driftsattning,
    test_indragen_pdf, test_platsmappen): made once per test run (conftest.once()); read only, work on
    a copy (`remote_with_pdf`). `said`: what that publish printed (stdout and stderr)."""
    from conftest import require_tool
    from macros.pages.local_browser import CHROMIUM

    require_tool(CHROMIUM.exists(), str(CHROMIUM))
    folder = once("september-pdf", _make_september_with_pdf)
    remote = Remote(folder)
    remote._tick = september._tick
    remote.said = (folder / SAID).read_text(encoding="utf-8")
    return remote


@pytest.fixture
def remote_with_pdf(september_with_pdf, tmp_path) -> Remote:
    """A copy of `september_with_pdf` of the test's own (with its `said`)."""
    remote = copy_remote(september_with_pdf, tmp_path / "kopia")
    remote.said = september_with_pdf.said
    return remote


def published(site: Path) -> dict[str, bytes]:
    """Every edition file of a built site (what the record promises), by its path; for pages, the
    article without the frame's banner (notices and "there is a newer edition" may be added)."""
    found = {}
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if "/utgavor/" not in relative or not path.is_file() or relative.endswith("utgavor/index.html"):
            continue
        found[relative] = article(path) if path.name == "index.html" else path.read_bytes()
    return found


def article(page: Path) -> bytes:
    """An edition page's article, without its banner and notices (they say what happened since)."""
    import re

    text = page.read_text(encoding="utf-8")
    start, end = text.index('<article class="md-content__inner md-typeset">'), text.rindex("</article>")
    body = text[start:end]
    body = re.sub(r'<div class="admonition (?:info edition-banner|danger edition-withdrawn|warning edition-correction)".*?\n</div>\n', "", body, flags=re.S)
    return body.encode("utf-8")
