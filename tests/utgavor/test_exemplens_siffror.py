"""Every figure every example edition shows holds against its data when a record is read anew (a new machine, a
lost cache): the check of recorded editions (pages/record._article_forged, pages/shown_figures.py) reads each figure
of the running text, each table cell and each chart CSV value back and compares it with the data of the commit the
edition names. Over the example reports as shipped, with their totals, signs, units and text columns, it must find
none made up (a wrong judgement would stop every publishing for good), and it must read them all."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import copy_tree, site_project

from macros.data import cache

from .conftest import build, git, ok

pytestmark = pytest.mark.slow


def test_every_example_editions_figures_hold_when_the_record_is_read_anew(tmp_path):
    project = copy_tree(site_project(), tmp_path / "projekt")
    ok(build(project, "--record", "--first-record", env={"SOURCE_DATE_EPOCH": "1700000000"}))
    editions = [line.split("\t")[1].removesuffix("utgava.json")
                for line in git(project, "ls-tree", "-r", "publicerat").splitlines() if line.endswith("/utgava.json")]
    assert editions
    shutil.rmtree(project / ".cache-utgavor")  # a new machine: the whole record judged again
    ok(build(project, "--record"))
    judged = json.loads(cache.read_text(project / ".cache-utgavor/utgavor-artiklar-provade-2.json"))
    assert len(judged) == len(editions), (judged, editions)
