"""A new edition's render edited in the cache (`.cache-utgavor/renders/<id>/`) before it is published never reaches
the site or the record: each rendered file is compared with the sha256 kept when it was rendered (renderingar.json,
itself a checked cache file) when it is framed or recorded, and a changed one is rendered again from git and said
(`cache-andrad`)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from .conftest import build, git, ok, published

pytestmark = pytest.mark.slow

OCTOBER = "astorp/utgavor/2022-10/"


@pytest.mark.parametrize("name", ["article.html", "files/diagram-hushall-per-manad.csv"])
def test_a_render_edited_in_the_cache_is_rendered_again(remote, name):
    remote.add_month("2022-10")
    remote.push()
    git(remote.ci, "fetch", "--quiet", "origin")
    git(remote.ci, "checkout", "--quiet", "--detach", "origin/main")
    ok(build(remote.ci))  # a preview in the workflow's clone: October rendered, not yet recorded
    before = published(remote.site)
    renders = [p.parent for p in (remote.ci / ".cache-utgavor/renders").glob("*/article.html")
               if "oktober 2022" in p.read_text(encoding="utf-8")]
    assert len(renders) == 1
    path = renders[0] / name
    text = path.read_bytes()
    path.write_bytes(text.replace(b"2022", b"2032"))
    shutil.rmtree(remote.ci / ".cache-utgavor/publicerade")  # framed anew from the render
    out = ok(remote.publish())
    assert published(remote.site) == before
    assert f"INFO    -  .cache-utgavor/renders/{renders[0].name}/{name}: notering: Filen i byggets cache har ändrats" in out, out[-3000:]
    record_name = "artikel.html" if name == "article.html" else name.removeprefix("files/")
    kept = subprocess.run(["git", "show", f"publicerat:{OCTOBER}{record_name}"], cwd=remote.bare, capture_output=True, check=True).stdout
    assert kept == text
    assert path.read_bytes() == text
