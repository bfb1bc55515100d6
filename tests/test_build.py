"""Whole-site builds in a temp dir: the real site must build; a broken macro,
an unknown name or bad data must stop the build with a message that names it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs", "build", "--strict"]


def copy_project(target: Path) -> Path:
    for name in ("mkdocs.yml", "macros", "overrides", "docs", "data"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target / name)
    return target


def build(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(MKDOCS + ["-d", str(project / "site")], cwd=project, capture_output=True, text=True, env=env)


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path)


def test_real_site_builds(project):
    result = build(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site/astorp/index.html").read_text(encoding="utf-8")
    assert 'data-key="2022-01" data-field="utbetalt_tkr">1\u00a0690</td>' in page
    assert (project / "site/astorp/diagram-hushall-per-manad.csv").exists()
    assert (project / "site/data/astorp/forsorjningsstod.csv").exists()


def test_broken_macro_stops_build_naming_page_macro_and_cause(project):
    page = project / "docs/astorp.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n{{ year_chart("astorp/forsorjningsstod", "hushal") }}\n', encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert "_File_: `astorp.md`" in result.stderr
    assert (
        "year_chart('astorp/forsorjningsstod', 'hushal') misslyckades: datasetet astorp/forsorjningsstod "
        "har inget fält 'hushal'" in result.stderr
    )


def test_unknown_name_stops_build(project):
    page = project / "docs/astorp.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ hushall_diagram() }}\n", encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert "'hushall_diagram' is undefined" in result.stderr


def test_bad_data_stops_build_with_validator_message(project):
    data = project / "data/astorp/forsorjningsstod.csv"
    data.write_text(data.read_text(encoding="utf-8") + "2022-09;250;180;1.612;;\n", encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert 'data/astorp/forsorjningsstod.csv:22:4: Fel värde "1.612" i kolumnen "utbetalt_tkr"' in result.stderr
