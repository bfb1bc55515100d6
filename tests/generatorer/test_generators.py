"""The same docs/, data/ and macros/ build on MkDocs + Material (the default) and on Zensical,
its successor: same pages, same figures, same charts, same tables, same downloads.

Figures are compared by meaning (every element with data-dataset/data-key/data-field and its
text), charts by their figure JSON, tables cell by cell, downloads byte for byte, links by the
file they resolve to (Zensical rewrites relative links its own way).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import page_url_path, site_pages, site_project

from macros.pages.publish import site_files
from forked_python import run_python

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    """The real project built by Zensical in a copy (Zensical writes site/ inside the project),
    through scripts/build.py, which adds the editions and the feed (Zensical has no post-build hook)."""
    project = tmp_path_factory.mktemp("zensical") / "projekt"
    shutil.copytree(site_project(), project, symlinks=True, ignore=shutil.ignore_patterns("site", ".cache-utgavor"))  # with its history
    result = run_python(
        [sys.executable, "scripts/build.py", "--generator", "zensical"], cwd=project, capture_output=True, text=True,
        timeout=900, env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 0, f"zensical build failed:\n{result.stdout}\n{result.stderr}"
    return project / "site"


@cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _article(path: Path):
    return _soup(path).select_one("article.md-content__inner")


def figures(path: Path) -> list[tuple[str, str, str, str]]:
    """Every figure shown, by meaning: (dataset, key, field, text)."""
    article = _article(path)
    found = []
    for table in article.select("table[data-dataset]"):
        for cell in table.select("td[data-key][data-field]"):
            found.append((table["data-dataset"], cell["data-key"], cell["data-field"], cell.get_text(" ", strip=True)))
    for element in article.select("[data-dataset][data-key][data-field]"):
        found.append((element["data-dataset"], element["data-key"], element["data-field"], element.get_text(" ", strip=True)))
    return sorted(found)


def charts(path: Path) -> dict[str, dict]:
    return {t["id"]: json.loads(t.decode_contents()) for t in _article(path).select("template.chart-data")}


def tables(path: Path) -> list[list[list[str]]]:
    return [
        [[c.get_text(" ", strip=True) for c in row.select("th, td")] for row in table.select("tr")]
        for table in _article(path).select("table")
    ]


def download_targets(site: Path, path: Path) -> list[str]:
    """The site files the page's download links resolve to."""
    here = "http://x/" + page_url_path(site, path)
    return sorted(urlsplit(urljoin(here, a["href"])).path for a in _article(path).select("a[download]"))


def pages_by_url(site: Path) -> dict[str, Path]:
    return {page_url_path(site, p): p for p in site_pages(site)}


def test_same_pages(built_site, zensical_site):
    assert sorted(pages_by_url(zensical_site)) == sorted(pages_by_url(built_site))


def test_same_figures_charts_and_tables_on_every_page(built_site, zensical_site):
    mkdocs_pages, zensical_pages = pages_by_url(built_site), pages_by_url(zensical_site)
    differ = []
    for url, page in mkdocs_pages.items():
        other = zensical_pages[url]
        for what, get in (("figures", figures), ("charts", charts), ("tables", tables)):
            if get(page) != get(other):
                differ.append(f"/{url}: {what} differ")
        if download_targets(built_site, page) != download_targets(zensical_site, other):
            differ.append(f"/{url}: download links differ: {download_targets(built_site, page)} vs {download_targets(zensical_site, other)}")
    assert not differ, "\n".join(differ)
    assert sum(len(figures(p)) for p in mkdocs_pages.values()) > 500, "the comparison found almost no figures"


def test_same_downloads_byte_for_byte(built_site, zensical_site):
    def downloads(site: Path) -> dict[str, bytes]:
        return {
            p.relative_to(site).as_posix(): p.read_bytes()
            for p in site_files(site)
            if p.suffix in (".csv", ".yaml", ".json") and not p.name.startswith("search")
        }

    ours, theirs = downloads(built_site), downloads(zensical_site)
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []
    assert (zensical_site / "assets/chart-theme.js").read_bytes() == (built_site / "assets/chart-theme.js").read_bytes()
