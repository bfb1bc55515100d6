"""What the site folder shows of the record stays the record: a deploy step that writes into the
built site folder (in place through a hard link, or by replacing a file) is undone by the next
build, and never reaches the record's files or the renders in `.cache-utgavor/`; a PDF printed
by a later build is added to the record (an added file, never a changed one)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import require_tool

from macros.pages.local_browser import CHROMIUM

from .conftest import git, ok, published

pytestmark = pytest.mark.slow

AUGUST, SEPTEMBER = "astorp/utgavor/2022-08/", "astorp/utgavor/2022-09/"


def recorded_files(repository: Path, ref: str = "origin/publicerat") -> dict[str, bytes]:
    """Every file the record holds at its site address (utgava.json and artikel.html aside), by path."""
    found = {}
    for line in git(repository, "ls-tree", "-r", ref).splitlines():
        info, path = line.split("\t", 1)
        if path.endswith(("/utgava.json", "/artikel.html")):
            continue
        found[path] = subprocess.run(["git", "cat-file", "blob", info.split()[2]], cwd=repository, capture_output=True, check=True).stdout
    return found


def shown(site: Path, paths) -> dict[str, bytes]:
    return {path: (site / path).read_bytes() for path in paths}


def cache_is_the_record(ci: Path) -> None:
    """Every file of the record unpacked in the cache still has the content its name (git's id) says."""
    blobs = sorted((ci / ".cache-utgavor" / "arkiv").iterdir())
    assert blobs
    ids = subprocess.run(["git", "hash-object", "--", *map(str, blobs)], cwd=ci, capture_output=True, text=True, check=True).stdout.split()
    assert ids == [blob.name for blob in blobs]


def tamper(site: Path) -> None:
    """Four ways a deploy step edits files: shell append, a Python write in place (same size),
    sed -i and perl -pi (both replace the file)."""
    csv_august, csv_september = (sorted((site / url).glob("*.csv"))[0] for url in (AUGUST, SEPTEMBER))
    subprocess.run(f"echo MANIPULERAD >> '{csv_september}'", shell=True, check=True)
    with open(site / AUGUST / "index.html", "r+", encoding="utf-8") as page:
        text = page.read()
        page.seek(0)
        page.write(text.replace("augusti", "AUGUSTI"))
    subprocess.run(["sed", "-i", "s/;/|/", str(csv_august)], check=True)
    subprocess.run(["perl", "-pi", "-e", "s/september/SEPTEMBER/g", str(site / SEPTEMBER / "index.html")], check=True)
    (site / SEPTEMBER / "tillagd.html").write_text("inte publicerad", encoding="utf-8")


def test_writes_into_the_site_folder_are_undone_and_never_reach_the_cache(remote):
    require_tool(shutil.which("perl") is not None, "perl")
    site = remote.site
    record = recorded_files(remote.ci)
    assert any(p.startswith(AUGUST) for p in record) and any(p.startswith(SEPTEMBER) for p in record)
    pages = published(site)
    assert shown(site, record) == record

    tamper(site)
    assert shown(site, record) != record and published(site) != pages  # the tampering took
    ok(remote.publish())  # the site folder as the last build left it (its editions put back)
    assert shown(site, record) == record
    assert published(site) == pages
    assert not (site / SEPTEMBER / "tillagd.html").exists()
    cache_is_the_record(remote.ci)

    tamper(site)
    shutil.rmtree(site)  # the in-place writes went through the links into the cache's published folder
    ok(remote.publish())
    assert shown(site, record) == record
    assert published(site) == pages
    cache_is_the_record(remote.ci)


def test_pdfs_printed_later_are_added_to_the_record(september, remote_with_pdf):
    """August and September were published without PDFs; a build with --pdf prints them, and the
    record gets each as a new file in the edition's folder (its utgava.json unchanged). The next
    build, with no cache, takes them from the record and prints nothing."""
    require_tool(CHROMIUM.exists(), str(CHROMIUM))
    remote = remote_with_pdf  # `september` published with --pdf (conftest.september_with_pdf, made once per run)
    before = git(september.ci, "ls-tree", "-r", "origin/publicerat")  # the record before that publish
    assert ".pdf" not in before
    out = remote.said
    assert "2 PDF utskrivna, 0 nya i arkivet, 2 PDF tillagda i arkivet till utgåvor som publicerades utan PDF" in out
    after = git(remote.ci, "ls-tree", "-r", "origin/publicerat")
    assert set(before.splitlines()) < set(after.splitlines())  # only added: every earlier file as it was
    added = sorted(line.split("\t")[1] for line in set(after.splitlines()) - set(before.splitlines()))
    assert added == [f"{AUGUST}astorp-2022-08.pdf", f"{SEPTEMBER}astorp-2022-09.pdf"]
    record = recorded_files(remote.ci)
    assert shown(remote.site, added) == {path: record[path] for path in added}

    shutil.rmtree(remote.ci / ".cache-utgavor")
    out = ok(remote.publish("--pdf"))  # a new machine: the record's PDFs, none printed, nothing added
    assert "0 PDF utskrivna, 0 nya i arkivet (" in out
    assert git(remote.ci, "ls-tree", "-r", "origin/publicerat") == after
    assert shown(remote.site, added) == {path: record[path] for path in added}
