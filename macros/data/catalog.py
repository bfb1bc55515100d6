"""Every dataset under `data/`, each read and checked once per build.

A dataset is `data/<org>/<name>.csv` plus `data/<org>/<name>.schema.yaml`; its
id is `<org>/<name>`. Pages name datasets by id, never by path: only regular
files inside `data/` are in the catalogue (no symlinks, nothing outside it).
Nothing here imports MkDocs, so the validator command and the tests use it alone.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pandas as pd

from .checks import MAX_PROBLEMS, RowChecker
from .dataset import Dataset
from .derived import check_totals, compute_derived
from .problems import DataError, Problem, UnknownName, internal_error, tracebacks_wanted
from .reading import decode
from .schema import load_schema

# data/<org>/<name>.csv: ids are URL paths and file names in the site, so plain ones only.
DATASET_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*(?:/[a-z0-9][a-z0-9_-]*)+\.(?:csv|schema\.yaml)")
# data/forfattarguide/: the author guide's made-up examples (docs/forfattarguide.md). Checked like any
# dataset so the guide's live examples always build, but never published as open data: not on the data
# page, in datapackage.json, the DCAT catalogue or the list of changes (see Catalog.published_ids).
GUIDE_DATA = "forfattarguide"
MAX_BYTES = 5_000_000  # a monthly series is a few kB; a file this big is a mistake, and bounds the work


class Folder:
    """The data files on disk: regular files below `data/`, never through a symlink."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)

    def names(self) -> list[str]:
        found = []
        for folder, dirs, files in os.walk(self.data_dir, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not os.path.islink(os.path.join(folder, d)))
            for name in files:
                path = os.path.join(folder, name)
                if not os.path.islink(path) and os.path.isfile(path):
                    found.append(Path(path).relative_to(self.data_dir).as_posix())
        return sorted(found)

    def size(self, name: str) -> int:
        return (self.data_dir / name).stat().st_size

    def read_bytes(self, name: str) -> bytes:
        return (self.data_dir / name).read_bytes()

    def path(self, name: str) -> Path:
        return self.data_dir / name


class Catalog:
    """Every dataset in a set of data files, each read and checked once (a catalogue lives for one build)."""

    def __init__(self, root: Path, today: dt.date | None = None, files: Folder | None = None):
        self.root = Path(root)
        self.files = files or Folder(self.root / "data")
        self.today = today or dt.date.today()
        self._cache: dict[str, Dataset] = {}
        self._names: list[str] | None = None

    def _all_names(self) -> list[str]:
        if self._names is None:
            self._names = self.files.names()
        return self._names

    def ids(self) -> list[str]:
        """Every dataset id: each CSV file below data/ with a name that can be an id (and a URL)."""
        return [n.removesuffix(".csv") for n in self._all_names() if n.endswith(".csv") and DATASET_NAME.fullmatch(n)]

    def published_ids(self) -> list[str]:
        """The datasets the site publishes as open data: every id but the author guide's examples."""
        return [i for i in self.ids() if not is_guide_data(i)]

    def read(self, dataset_id: str) -> Dataset:
        """The dataset as read, problems included (for the validator)."""
        if dataset_id not in self._cache:
            if not isinstance(dataset_id, str) or dataset_id not in set(self.ids()):
                raise UnknownName(
                    f"datasetet {dataset_id!r} finns inte. Ange ett dataset-id, till exempel "
                    f"\"astorp/forsorjningsstod\" för data/astorp/forsorjningsstod.csv; det finns: {', '.join(self.ids())}"
                )
            try:
                dataset = read_dataset(dataset_id, self.files, self.today, set(self._all_names()))
            except Exception as exc:  # noqa: BLE001 — a bug must stop the build as a message, not a traceback
                if tracebacks_wanted():
                    raise
                dataset = Dataset(dataset_id, self.files.path(f"{dataset_id}.csv"), None, pd.DataFrame(),
                                  [Problem(f"data/{dataset_id}.csv", 1, 1, internal_error(exc))])
            self._cache[dataset_id] = dataset
        return self._cache[dataset_id]

    def load(self, dataset_id: str) -> Dataset:
        """The dataset for rendering: raises DataError if it has any error."""
        dataset = self.read(dataset_id)
        errors = [p for p in dataset.problems if p.severity == "error"]
        if errors:
            raise DataError(errors)
        return dataset

    def problems(self) -> list[Problem]:
        """Every problem in every dataset, plus schemas without data."""
        found = [p for i in self.ids() for p in self.read(i).problems]
        names = set(self._all_names())
        for name in self._all_names():
            if name.endswith((".csv", ".schema.yaml")) and not DATASET_NAME.fullmatch(name):
                found.append(Problem(f"data/{name}", 1, 1, (
                    "Filnamnet går inte att använda: mappar och filer under data/ får bara heta med små bokstäver a–z, "
                    "siffror, - och _ (inga å, ä, ö, mellanslag eller andra tecken), till exempel "
                    "data/astorp/forsorjningsstod.csv. Byt namn på filen."
                )))
            elif name.endswith(".schema.yaml") and name.removesuffix(".schema.yaml") + ".csv" not in names:
                found.append(Problem(f"data/{name}", 1, 1, "Schemat har ingen datafil bredvid sig (samma namn, .csv)."))
        return found


def is_guide_data(dataset_id: str) -> bool:
    """`forfattarguide/budget`: one of the author guide's made-up examples (GUIDE_DATA)."""
    return dataset_id.split("/", 1)[0] == GUIDE_DATA


def capped(problems: list[Problem]) -> list[Problem]:
    """At most MAX_PROBLEMS per file, then one line that says how many more there are
    (the rows of a CSV are capped as they are checked, see RowChecker)."""
    by_file: dict[str, int] = {}
    kept, more = [], {}
    for p in problems:
        by_file[p.path] = by_file.get(p.path, 0) + 1
        if by_file[p.path] <= MAX_PROBLEMS:
            kept.append(p)
        else:
            more[p.path] = more.get(p.path, 0) + 1
    for path, count in more.items():
        kept.append(Problem(path, 1, 1, f"… och {count} problem till i filen, som inte visas. Rätta dem ovan och kör kontrollen igen."))
    return kept


def read_dataset(dataset_id: str, files: Folder, today: dt.date, names: set[str]) -> Dataset:
    """Read and check one dataset (`names`: every file in `files`). Problems are collected, never raised here."""
    csv_name, schema_name = f"{dataset_id}.csv", f"{dataset_id}.schema.yaml"
    where, schema_where = f"data/{csv_name}", f"data/{schema_name}"
    path = files.path(csv_name)
    empty = pd.DataFrame()
    if schema_name not in names:
        msg = f"Schemat {schema_name.rsplit('/', 1)[-1]} saknas bredvid datafilen. Kopiera ett befintligt schema och ändra det."
        return Dataset(dataset_id, path, None, empty, [Problem(where, 1, 1, msg)])
    for name, shown in ((csv_name, where), (schema_name, schema_where)):
        if files.size(name) > MAX_BYTES:
            msg = f"Filen är större än {MAX_BYTES // 1_000_000} MB. Den ska bara innehålla datasetets rader; dela upp den eller kontrollera att rätt fil har laddats upp."
            return Dataset(dataset_id, path, None, empty, [Problem(shown, 1, 1, msg)])
    schema_text, problems = decode(files.read_bytes(schema_name), schema_where)
    schema, more = load_schema(schema_text, schema_where) if schema_text is not None else (None, [])
    if schema is None:
        return Dataset(dataset_id, path, None, empty, capped(problems + more))
    text, problems = decode(files.read_bytes(csv_name), where)
    if text is None:
        return Dataset(dataset_id, path, schema, empty, problems)
    checker = RowChecker(where, schema, today)
    frame = checker.run(text)
    dataset = Dataset(dataset_id, path, schema, frame, checker.problems, confirmed=checker.confirmed)
    notice = schema.planned_notice(schema_where)
    dataset.problems += [notice] if notice else []
    if not dataset.has_errors:
        compute_derived(dataset)
        check_totals(dataset)
    return dataset
