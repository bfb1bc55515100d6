"""A self-contained site folder: every edition page and PDF is a regular file inside it, so
MkDocs' own `mkdocs gh-deploy` (to a bare repository playing GitHub), `cp -r` and `rsync -a`
carry all of them, and each copy serves every edition and its PDF."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import require_tool

from macros.pages.local_browser import CHROMIUM, SiteServer

from .conftest import Remote, build, git, mkdocs_env, ok
from forked_python import run_python

pytestmark = pytest.mark.slow


@pytest.fixture
def remote(remote_with_pdf) -> Remote:
    """September published again with --pdf (conftest.september_with_pdf: made once per run, shared
    with test_indragen_pdf and test_platsmappen), in a copy of the test's own."""
    return remote_with_pdf


def edition_files(site: Path) -> dict[str, bytes]:
    """Every edition page and PDF a reader can reach from the editions' own lists."""
    found = {}
    for listing in sorted(site.glob("*/utgavor/index.html")):
        report = listing.parent.parent.relative_to(site).as_posix()
        page = BeautifulSoup(listing.read_text(encoding="utf-8"), "html.parser")
        for link in page.select(".editions-archive a"):
            href = link["href"]
            target = f"{report}/utgavor/{href}" + ("index.html" if href.endswith("/") else "")
            found[target] = (site / target).read_bytes()
    return found


def no_links_out(site: Path) -> None:
    for folder, dirs, files in os.walk(site):
        for name in dirs + files:
            assert not os.path.islink(os.path.join(folder, name)), os.path.join(folder, name)


def served(site: Path, paths: dict[str, bytes]) -> None:
    with SiteServer(site) as server:
        for path, content in paths.items():
            with urllib.request.urlopen(server.url + path) as response:  # noqa: S310 — our own local server
                assert response.status == 200 and response.read() == content, path


def test_gh_deploy_cp_and_rsync_carry_every_edition_and_pdf(remote, tmp_path):
    require_tool(CHROMIUM.exists(), str(CHROMIUM))
    require_tool(shutil.which("rsync") is not None, "rsync")
    site = remote.site  # published with --pdf (september_with_pdf)
    expected = edition_files(site)
    assert any(p.endswith(".pdf") for p in expected) and any(p.endswith("index.html") for p in expected)
    assert {p.rsplit("/", 1)[0] for p in expected} >= {"astorp/utgavor/2022-08", "astorp/utgavor/2022-09"}
    no_links_out(site)
    served(site, expected)

    copied = tmp_path / "cp"
    subprocess.run(["cp", "-r", str(site), str(copied)], check=True)
    synced = tmp_path / "rsync"
    subprocess.run(["rsync", "-a", f"{site}/", f"{synced}/"], check=True)

    pages = tmp_path / "pages.git"
    git(tmp_path, "init", "--quiet", "--bare", str(pages))
    result = run_python(
        [str(Path(sys.executable).parent / "mkdocs"), "gh-deploy", "--force", "--remote-name", str(pages), "--site-dir", str(tmp_path / "gh-site")],
        cwd=remote.ci, capture_output=True, text=True, timeout=900, env=mkdocs_env(RAPPORT_PDF="1"),
    )
    ok(result)
    deployed = tmp_path / "deployed"
    git(tmp_path, "clone", "--quiet", "--branch", "gh-pages", str(pages), str(deployed))

    for copy in (copied, synced):
        no_links_out(copy)
        assert edition_files(copy) == expected, copy
        served(copy, expected)
    # gh-deploy builds the site again itself, into its own folder: the same editions, the same PDFs.
    no_links_out(deployed)
    deployed_files = edition_files(deployed)
    assert deployed_files.keys() == expected.keys()
    assert {p: c for p, c in deployed_files.items() if p.endswith(".pdf")} == {p: c for p, c in expected.items() if p.endswith(".pdf")}
    served(deployed, deployed_files)


def test_a_build_without_pdf_and_gh_deploy_place_every_recorded_pdf(remote, tmp_path):
    """PDFs the record holds are recorded files like any other: a build without --pdf (`scripts/build.py`,
    `mkdocs build`, `mkdocs gh-deploy` without RAPPORT_PDF) places each, byte for byte, with the
    edition page's "Ladda ner som PDF"; only printing new PDFs needs --pdf (adv17b faults 3, 97)."""
    require_tool(CHROMIUM.exists(), str(CHROMIUM))
    # the two editions were recorded without a PDF; the publish with --pdf (september_with_pdf) recorded theirs
    recorded = {line.split("\t")[1]: line.split()[2] for line in git(remote.ci, "ls-tree", "-r", "origin/publicerat").splitlines()
                if line.endswith(".pdf")}
    assert {p.rsplit("/", 1)[0] for p in recorded} == {"astorp/utgavor/2022-08", "astorp/utgavor/2022-09"}
    pdf_bytes = {p: subprocess.run(["git", "cat-file", "blob", sha], cwd=remote.ci, capture_output=True, check=True).stdout
                 for p, sha in recorded.items()}

    shutil.rmtree(remote.site)
    said = ok(build(remote.ci))  # no --pdf, no --record
    assert "0 PDF utskrivna" in said
    deployed = tmp_path / "deployed"
    pages = tmp_path / "pages.git"
    git(tmp_path, "init", "--quiet", "--bare", str(pages))
    ok(run_python(
        [str(Path(sys.executable).parent / "mkdocs"), "gh-deploy", "--force", "--remote-name", str(pages), "--site-dir", str(tmp_path / "gh-site")],
        cwd=remote.ci, capture_output=True, text=True, timeout=900, env=mkdocs_env(),
    ))
    git(tmp_path, "clone", "--quiet", "--branch", "gh-pages", str(pages), str(deployed))
    for site in (remote.site, deployed):
        assert {p: (site / p).read_bytes() for p in recorded} == pdf_bytes, site
        for path in recorded:
            page = BeautifulSoup((site / path).parent.joinpath("index.html").read_text(encoding="utf-8"), "html.parser")
            link = page.select_one(".edition-pdf a")
            assert link is not None and link.get_text() == "Ladda ner som PDF" and link["href"] == path.rsplit("/", 1)[1], (site, path)
        listing = BeautifulSoup((site / "astorp/utgavor/index.html").read_text(encoding="utf-8"), "html.parser")
        assert {f"astorp/utgavor/{a['href']}" for a in listing.select(".editions-archive a") if a["href"].endswith(".pdf")} == set(recorded)
