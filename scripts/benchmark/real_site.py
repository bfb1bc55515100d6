"""The real site (this repo's docs/ and data/), built once as CI builds it, for the reader figures:
page weight and chart code per page, and Lighthouse."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from macros.pages.publish import site_files

from .builds import ENV
from .project import REPO

REPORTS_SECTION = "Rapporter"  # mkdocs.yml's nav section that holds the report pages


def build(dest: Path) -> Path:
    """`mkdocs build --strict` of the repo into `dest`."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-q", "-d", str(dest)],
        cwd=REPO, capture_output=True, text=True, env=ENV, check=False,
    )
    if result.returncode:
        raise RuntimeError(f"mkdocs build of the site failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    return dest


def pages(site: Path) -> list[str]:
    """Every reader page as its path below the base (`` for the start page, `astorp/`)."""
    found = sorted(p.relative_to(site).as_posix().removesuffix("index.html") for p in site_files(site, "index.html"))
    return [p for p in found if not p.startswith(("assets/", "search/"))]


def base_path(site: Path) -> str:
    """site_url's path (`/socialrapporter/`), read from the start page's canonical link."""
    found = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text(encoding="utf-8"))
    return urlsplit(found[1]).path if found else "/"


def report_pages() -> list[str]:
    """The pages in mkdocs.yml's report section, as paths below the base (`astorp/`)."""
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # mkdocs.yml may hold !!python tags
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)

    def files(entry):
        if isinstance(entry, str):
            yield entry
        elif isinstance(entry, dict):
            for value in entry.values():
                yield from files(value)
        elif isinstance(entry, list):
            for value in entry:
                yield from files(value)

    section = next(e[REPORTS_SECTION] for e in config["nav"] if isinstance(e, dict) and REPORTS_SECTION in e)
    paths = [f.removesuffix(".md") for f in files(section)]
    return [p.removesuffix("index") if p.endswith("index") else p + "/" for p in paths]
