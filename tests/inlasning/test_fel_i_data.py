"""Data files as staff really save them (adv18): each fault is a real file named after it, and
the exact Swedish line the validator says about it, or the proof that it is published right."""

from __future__ import annotations

import shutil
from pathlib import Path

from hjalp_inlasning import HERE, TODAY

from macros.data.catalog import Catalog
from macros.outputs.site_files import site_files

PROJECT = HERE / "projekt"
LICENCE = {"name": "CC0-1.0", "path": "https://creativecommons.org/publicdomain/zero/1.0/", "title": "CC0 1.0"}


def project_with(tmp_path: Path, replaced: dict[str, Path]) -> Path:
    """The small project's data, with some of its files replaced by fault files."""
    root = tmp_path / "projekt"
    shutil.copytree(PROJECT / "data", root / "data")
    for name, source in replaced.items():
        target = root / "data" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    return root


def test_a_schema_saved_as_ansi_is_read_and_published_as_utf8_like_a_csv(tmp_path):
    """One rule for every file in data/: UTF-8 or Windows-1252, published as UTF-8."""
    root = project_with(tmp_path, {"astorp/forsorjningsstod.schema.yaml": HERE / "ratt-schema" / "schema-sparat-som-ansi.schema.yaml"})
    catalog = Catalog(root, today=TODAY)
    assert catalog.problems() == []
    files = site_files(catalog, {"title": "Test", "url": "https://example.invalid/", "licence": LICENCE})
    published = files["data/astorp/forsorjningsstod.schema.yaml"].decode("utf-8")
    assert published == (PROJECT / "data/astorp/forsorjningsstod.schema.yaml").read_text(encoding="utf-8")
