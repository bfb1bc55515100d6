"""Helpers for the tests of reading inputs: a data folder with chosen files beside their schemas,
read and checked by the catalogue as the validator and the build read them. (Not a conftest.py:
the tests import tests/conftest.py by that name.)"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from macros.data.catalog import Catalog

HERE = Path(__file__).parent
SCHEMAS = HERE / "scheman"
TODAY = dt.date(2026, 11, 22)
# Which schema a file is checked against, by the table it holds (its header's first column).
SCHEMA_OF_HEADER = {"manad": "manad", "hushall": "manad", "matt;enhet": "volymer", "matt;matperiod": "text"}


def schema_for(content: bytes) -> str:
    """The schema a test file is written for, told by its header (in any encoding it was saved in)."""
    for encoding in ("utf-8-sig", "utf-16", "utf-32", "cp1252"):
        try:
            header = content.decode(encoding).lstrip("\ufeff").splitlines()[0].replace("\t", ";").replace(",", ";")
        except (UnicodeDecodeError, IndexError):
            continue
        for start, schema in SCHEMA_OF_HEADER.items():
            if header.startswith(start):
                return schema
    return "volymer"


def planted(root: Path, folder: str, files: list[Path]) -> Catalog:
    """A project root whose data/<folder>/ holds these files, each with its schema beside it."""
    target = root / "data" / folder
    target.mkdir(parents=True, exist_ok=True)
    for path in files:
        shutil.copy(path, target / path.name)
        schema = schema_for(path.read_bytes())
        shutil.copy(SCHEMAS / f"{schema}.schema.yaml", target / f"{path.stem}.schema.yaml")
    return Catalog(root, today=TODAY)


def problems(root: Path, path: Path, folder: str = "fel") -> list[str]:
    """What the validator says about one file, line by line."""
    catalog = planted(root, folder, [path])
    return [str(p) for p in catalog.read(f"{folder}/{path.stem}").problems]
