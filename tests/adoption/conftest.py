"""Fixtures of tests/adoption/: one `git clone` of the repository per session (`clone`), with the
working tree's uncommitted changes laid over it and committed, so a developer tests what they have
and not their last commit, and with the example reports and settings of the template as shipped
(tests/exempel/), so the tests hold in a municipality's copy too; each test works on its own
branch of it (`branch`)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from conftest import with_examples

from .kommun import REPO, commit, git


@pytest.fixture(scope="session")
def clone(tmp_path_factory) -> Path:
    """`git clone` of the repository, with the working tree as it is now committed on top."""
    root = tmp_path_factory.mktemp("kommun") / "socialrapporter"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(REPO), str(root)], check=True, capture_output=True)
    listed = git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    wanted = {name for name in listed if name and (REPO / name).is_file()}
    for name in git(root, "ls-files", "-z").split("\0"):
        if name and name not in wanted:
            (root / name).unlink()
    for name in wanted:
        target = root / name
        if not target.is_file() or target.read_bytes() != (REPO / name).read_bytes():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, target)
    commit(root, "Arbetskopian")
    # The template as shipped: in a municipality's copy the examples and example settings come back
    # (tests/exempel/), beside the municipality's own reports; in the repository as shipped nothing changes.
    with_examples(root)
    commit(root, "Mallen som den levereras")
    git(root, "branch", "-q", "levererad")  # the repository as shipped, for each test to start from
    return root


@pytest.fixture
def branch(clone, request) -> Path:
    """The clone on a new branch from the repository as shipped, for one test."""
    name = re.sub(r"[^a-z0-9-]+", "-", request.node.name.lower())[:60]
    git(clone, "checkout", "-q", "-f", "-B", name, "levererad")
    git(clone, "clean", "-q", "-fdx", "-e", ".cache-utgavor")
    return clone
