"""The corrections tests' project: a tiny real git repository, committed as staff work.

tests/andringar/projekt is one monthly report (Åstorp's real series, as its source report printed
it, through August 2022), "Nytt och ändrat" and the data page. With the site's code beside it, it is
committed three times, each commit with its own time:

1. 1 september 2022 08:00: the series through August (the first edition, August 2022);
2. 12 oktober 2022 10:31: September added, one row (the edition September 2022);
3. 20 oktober 2022 09:15: July's households corrected, 167 → 169 (a revision).

`site` is that repository built once with `mkdocs build --strict` (MkDocs' own command: its
post-build step writes the editions and the feed).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from forked_python import run_python

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SERIES = Path("data/astorp/forsorjningsstod.csv")
SEPTEMBER = "2022-09;250;180;1 612;;"
COMMITS = {
    "forsta": "2022-09-01T08:00:00+02:00",
    "september": "2022-10-12T10:31:00+02:00",
    "rattelse": "2022-10-20T09:15:00+02:00",
}


def git(root: Path, *args: str, when: str = "2022-09-01T08:00:00+02:00") -> str:
    env = {
        **os.environ, "GIT_AUTHOR_NAME": "Testperson", "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Testperson", "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
    }
    return subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True).stdout


def set_value(root: Path, month: str, column: int, value: str) -> None:
    """One cell of the series changed as staff do in the web editor: the rest of the file as it was."""
    path = root / SERIES
    lines = path.read_text(encoding="utf-8").splitlines()
    (at,) = [i for i, line in enumerate(lines) if line.startswith(f"{month};")]
    fields = lines[at].split(";")
    fields[column] = value
    lines[at] = ";".join(fields)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def new_project(target: Path) -> Path:
    """The test project and the site's code, committed once (the first edition)."""
    shutil.copytree(HERE / "projekt", target)
    for name in ("macros", "overrides"):
        shutil.copytree(REPO / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "docs" / "assets", target / "docs" / "assets")
    git(target, "init", "--quiet", "-b", "main")
    git(target, "add", "-A")
    git(target, "commit", "--quiet", "-m", "Åstorp: t.o.m. augusti 2022", when=COMMITS["forsta"])
    return target


def staff_steps(root: Path) -> None:
    """September as one new row, then July's households corrected, each its own commit."""
    path = root / SERIES
    path.write_text(path.read_text(encoding="utf-8") + SEPTEMBER + "\n", encoding="utf-8")
    git(root, "commit", "--quiet", "-am", "Åstorp: september 2022", when=COMMITS["september"])
    set_value(root, "2022-07", 2, "169")
    git(root, "commit", "--quiet", "-am", "Åstorp: efterregistrering juli 2022", when=COMMITS["rattelse"])


def build(root: Path, site: str = "site") -> Path:
    mkdocs = REPO / ".venv" / "bin" / "mkdocs"
    command = [str(mkdocs)] if mkdocs.exists() else [sys.executable, "-m", "mkdocs"]
    result = run_python(
        [*command, "build", "--strict", "-d", site], cwd=root, capture_output=True, text=True, timeout=600, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return root / site


@pytest.fixture(scope="session")
def project(tmp_path_factory) -> Path:
    """The repository after the three commits."""
    root = new_project(tmp_path_factory.mktemp("andringar") / "projekt")
    staff_steps(root)
    return root


@pytest.fixture(scope="session")
def site(project) -> Path:
    return build(project)
