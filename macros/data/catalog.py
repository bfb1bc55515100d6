"""Every dataset under `data/`, each read and checked once per build.

A dataset is `data/<org>/<name>.csv` plus `data/<org>/<name>.schema.yaml`; its
id is `<org>/<name>`. Pages name datasets by id, never by path: only regular
files inside `data/` are in the catalogue (no symlinks, nothing outside it).
Nothing here imports MkDocs, so the validator command and the tests use it alone.

Every other file in `data/` is named too (`accounted`), never ignored: one that could
hold the rows staff meant to add (`.CSV`, `.txt`, an Excel workbook, a browser's
`forsorjningsstod (1).csv`) stops the build with the fix; what a program leaves behind
(`.DS_Store`, a backup `~`) is a warning.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import unicodedata
from pathlib import Path, PurePosixPath

import pandas as pd

from ..formats import swedish
from .checks import MAX_PROBLEMS, MORE_PROBLEMS, RowChecker
from .dataset import Dataset
from .derived import check_totals, compute_derived
from .messages import Message, internal_error
from .problems import DataError, Problem, UnknownName, shown, tracebacks_wanted
from .reading import decode
from .schema import load_schema

# data/<org>/<name>.csv: ids are URL paths and file names in the site, so plain ones only.
DATASET_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*/[a-z0-9][a-z0-9_-]*\.(?:csv|schema\.yaml)")  # data/<org>/<name>.csv
# data/forfattarguide/: the author guide's made-up examples (the pages in docs/forfattarguide/). Checked like any
# dataset so the guide's live examples always build, but never published as open data: not on the data
# page, in datapackage.json, the DCAT catalogue or the list of changes (see Catalog.published_ids).
GUIDE_DATA = "forfattarguide"
MAX_BYTES = 5_000_000  # a monthly series is a few kB; a file this big is a mistake, and bounds the work
SPREADSHEETS = {".xlsx": "Excel", ".xlsm": "Excel", ".xls": "Excel", ".xlsb": "Excel", ".ods": "LibreOffice", ".numbers": "Numbers"}
TEXT_DATA = (".txt", ".tsv", ".tab", ".prn", ".dat", ".csv.txt")  # what Excel, Notepad and others call a saved table
SCHEMA_LIKE = (".schema.yml", ".schema.json", ".yaml", ".yml")
SYSTEM_FILES = {".ds_store": "macOS Finder", "thumbs.db": "Windows Utforskaren", "desktop.ini": "Windows Utforskaren"}
GIT_FILES = frozenset({".gitkeep", ".gitignore", ".gitattributes", ".keep"})
SETTINGS_FILES = frozenset({"kolada/nyckeltal.yaml"})  # read by a command, not a dataset: scripts/kolada.py's list of key figures
COPY = [  # how browsers, Explorer and Finder name a second copy of a file
    re.compile(r"(?P<stem>.+?) ?\(\d+\)(?P<ext>\.[^.]+(?:\.[^.]+)?)"),  # forsorjningsstod (1).csv
    re.compile(r"(?P<stem>.+?) - (?:[Kk]opia|[Cc]opy)(?: \(\d+\))?(?P<ext>\.[^.]+(?:\.[^.]+)?)"),  # … - Kopia.csv
    re.compile(r"(?P<stem>.+?) (?:[Kk]opia|[Cc]opy)(?: \d+)?(?P<ext>\.[^.]+(?:\.[^.]+)?)"),  # … kopia.csv (Finder)
    re.compile(r"(?:[Kk]opia av|[Cc]opy of) (?P<stem>.+?)(?P<ext>\.[^.]+(?:\.[^.]+)?)"),  # Kopia av ….csv
]
BACKUP = re.compile(r"(?:(?P<a>.+)(?:~|\.bak|\.orig|\.old|\.tmp|\.swp|\.swo))|(?:#(?P<b>.+)#)|(?:\.(?P<c>.+)\.sw[po])|(?:~\$(?P<d>.+))|(?:\.~lock\.(?P<e>.+)#)")

BAD_NAME = Message(
    "filnamn",
    "Filnamnet går inte att använda: mappar och filer under data/ får bara heta med små bokstäver a–z, siffror, - och _ "
    "(inga å, ä, ö, mellanslag eller andra tecken), till exempel data/astorp/forsorjningsstod.csv. Byt namn på filen{to}.",
    "Ett dataset får bara heta med små bokstäver a–z, siffror, - och _, eftersom namnet blir en adress på webbplatsen. "
    "Byt namn på filen (och schemat bredvid) som meddelandet föreslår.",
)
SUBFOLDER = Message(
    "undermapp",
    "Filen ligger i en undermapp ({folder}/), och där läser webbplatsen inga datafiler: en organisations datafiler "
    "ligger direkt i dess mapp. {advice}",
    "En data- eller schemafil ligger i en mapp under organisationens mapp (data/astorp/2022/…). Webbplatsen läser "
    "bara data/<organisation>/<namn>.csv. Lägg in raderna i den fil som redan finns, eller flytta filen upp en nivå.",
)
NOTE_FILE = Message(
    "anteckning-i-data",
    "Filen {name} är ingen tabell (den har varken semikolon, komma eller tabb mellan kolumner) och läses inte av "
    "webbplatsen. Skriv anteckningen i {readme} (som webbplatsen inte publicerar) och ta bort filen.",
    "En textfil i data/ som inte är en tabell, till exempel en anteckning. Den publiceras aldrig: skriv den i mappens "
    "README.md eller ta bort den.",
)
DOUBLE_EXTENSION = Message(
    "dubbel-filandelse",
    "Filnamnet {name} slutar på .csv två gånger (Windows visar inte filändelsen, så den skrevs en gång till), och "
    "webbplatsen läser inte filen. {advice}",
    "Filen heter x.csv.csv, oftast för att Windows döljer filändelser och .csv skrevs till namnet. Byt namn på filen "
    "så att .csv står en gång.",
)
NO_FOLDER = Message(
    "mapp-saknas", "Datafiler ska ligga i en mapp för organisationen, till exempel data/astorp/{name}. Flytta filen dit.",
    "Filen ligger direkt i data/. Varje organisation har en egen mapp: data/<organisation>/<namn>.csv.",
)
UPPER_CASE_EXTENSION = Message(
    "filandelse-versaler",
    "Filändelsen ska skrivas med små bokstäver; som filen heter nu läser webbplatsen den inte. {advice}",
    "Filen slutar på .CSV (eller liknande med stora bokstäver), så webbplatsen läser den inte och raderna i den "
    "publiceras inte. Byt namn så att den slutar på .csv (.schema.yaml för ett schema).",
)
TEXT_FILE = Message(
    "fel-filandelse", "Filen {name} läses inte: datafiler ska sluta på .csv. {advice}",
    "Filen är sparad som .txt, .tsv eller liknande, så webbplatsen läser den inte och raderna i den publiceras inte. "
    "Byt namn på den till .csv, eller lägg in raderna i den .csv-fil som redan finns.",
)
SPREADSHEET = Message(
    "kalkylbok",
    "Filen {name} är en kalkylbok från {program}, som webbplatsen inte läser. Spara den från {program} som "
    "CSV UTF-8 ({target}) och ladda upp den i stället.",
    "En Excel-, LibreOffice- eller Numbers-fil har laddats upp. Webbplatsen läser bara CSV: spara med Arkiv → "
    "Spara som → CSV UTF-8 (kommaavgränsad) och ladda upp den filen, med samma namn som den gamla.",
)
SCHEMA_NAME = Message(
    "schemanamn", "Filen {name} läses inte: ett schema ska heta <datasetets namn>.schema.yaml. Byt namn på filen till {fixed}.",
    "Ett schema ligger bredvid sin datafil och heter som den men slutar på .schema.yaml.",
)
COPY_FILE = Message(
    "kopia",
    "Filen {name} är en kopia av {original} (så namnger webbläsaren eller Utforskaren en fil som redan finns), och "
    "webbplatsen läser den inte. {advice}",
    "När en fil laddas ner eller kopieras till en mapp där den redan finns får den namn som "
    "forsorjningsstod (1).csv eller forsorjningsstod - Kopia.csv. Lägg in de nya raderna i originalfilen och ta bort kopian.",
)
SYSTEM_FILE = Message(
    "systemfil", "Filen {name} skapas av {program} och används inte av webbplatsen. Ta bort den.",
    "En fil som datorn skapar av sig själv (.DS_Store, Thumbs.db, desktop.ini) har kommit med. Den stör inte, "
    "men ta bort den (en varning).",
)
BACKUP_FILE = Message(
    "sakerhetskopia",
    "Filen {name} ser ut som en säkerhetskopia eller låsfil och läses inte av webbplatsen. Ta bort den; har den "
    "ändringar som ska med, lägg in dem i {original}.",
    "En säkerhetskopia eller låsfil från en redigerare (namn~, .bak, .orig, .swp, ~$namn) har kommit med "
    "(en varning). Ta bort den.",
)
UNKNOWN_FILE = Message(
    "okand-fil",
    "Filen {name} är varken ett dataset (.csv), ett schema (.schema.yaml) eller en README, och webbplatsen använder "
    "den inte. Ta bort den, eller flytta den ut ur data/.",
    "Under data/ ligger bara dataset, deras scheman och README-filer. Andra filer används inte (en varning).",
)
LINK = Message(
    "lank", "Filen är en symbolisk länk, och webbplatsen läser bara vanliga filer i data/. Ersätt länken med filen själv.",
    "En symbolisk länk i data/ följs aldrig, så det den pekar på publiceras inte.",
)
SCHEMA_WITHOUT_DATA = Message(
    "schema-utan-data", "Schemat har ingen datafil bredvid sig (samma namn, .csv).",
    "Ett schema utan datafil: lägg till datafilen med samma namn, eller ta bort schemat.",
)
SCHEMA_MISSING = Message(
    "schema-saknas", "Schemat {name} saknas bredvid datafilen. Kopiera ett befintligt schema och ändra det.",
    "Varje datafil behöver ett schema bredvid sig, med samma namn och .schema.yaml. Kopiera ett schema som liknar "
    "och ändra det (se CONTRIBUTING.md, Lägg till ett nytt dataset).",
)
TOO_LARGE = Message(
    "for-stor-fil",
    "Filen är större än {mb} MB. Den ska bara innehålla datasetets rader; dela upp den eller kontrollera att rätt fil "
    "har laddats upp.",
    "Filen är orimligt stor för ett dataset. Kontrollera att rätt fil har laddats upp.",
)
NO_SUCH_DATASET = Message(
    "dataset-finns-inte",
    'datasetet {name} finns inte.{hint} Ange ett dataset-id, till exempel "{example}" för '
    "data/{example}.csv; det finns: {known}",
    "En sida nämner ett dataset som inte finns under data/. Ett dataset-id är filens sökväg under data/ utan .csv. "
    "Kontrollera stavningen; meddelandet föreslår det närmaste.",
)


def example_id(ids, near: str = "") -> str:
    """A dataset id of this site for a message's example: one in the same folder as `near` (an id, or a page's address
    such as astorp/), else the first; "kommun/dataset" on a site without datasets."""
    ids = list(ids)
    folder = near.strip("/").split("/")[0]
    return next((i for i in ids if folder and i.split("/")[0] == folder), ids[0] if ids else "kommun/dataset")


def plain_name(name: str) -> str:
    """`Försörjning stöd (1)` → `forsorjning-stod-1`: a name a file under data/ may have."""
    text = unicodedata.normalize("NFKD", name.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9_]+", "-", text).strip("-") or "namn"


def _split(base: str) -> tuple[str, str]:
    """`x.schema.yaml` → (`x`, `.schema.yaml`), `x (1).csv` → (`x (1)`, `.csv`)."""
    lower = base.lower()
    for ending in (".schema.yaml", ".schema.yml", ".schema.json", ".csv.txt"):
        if lower.endswith(ending):
            return base[: -len(ending)], base[-len(ending):]
    stem, dot, ext = base.rpartition(".")
    return (stem, "." + ext) if dot and stem else (base, "")


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

    def links(self) -> list[str]:
        """Symbolic links below data/ (never followed): named, so nothing there is silently left out."""
        found = []
        for folder, dirs, files in os.walk(self.data_dir, followlinks=False):
            for name in sorted(dirs + files):
                if os.path.islink(os.path.join(folder, name)):
                    found.append(Path(folder, name).relative_to(self.data_dir).as_posix())
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
        self.today = today or swedish.today()  # Swedish: at 23:30 UTC on 30 November, November is over
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
                raise UnknownName(self.unknown(dataset_id).text(), NO_SUCH_DATASET.code)
            try:
                dataset = read_dataset(dataset_id, self.files, self.today, set(self._all_names()))
            except Exception as exc:  # noqa: BLE001 — a bug must stop the build as a message, not a traceback
                if tracebacks_wanted():
                    raise
                dataset = Dataset(dataset_id, self.files.path(f"{dataset_id}.csv"), None, pd.DataFrame(),
                                  [internal_error(exc).problem(f"data/{dataset_id}.csv", 1, 1)])
            self._cache[dataset_id] = dataset
        return self._cache[dataset_id]

    def schema_file(self, dataset_id: str) -> bytes:
        """The dataset's schema as the site publishes it: UTF-8, whatever it was saved as (a schema
        in Windows-1252 is read like a CSV file in it, and published converted, like the CSV)."""
        raw = self.files.read_bytes(f"{dataset_id}.schema.yaml")
        text, _problems = decode(raw, f"data/{dataset_id}.schema.yaml", csv=False)
        return raw if text is None else text.encode("utf-8")

    def unknown(self, dataset_id):
        """What to say about a dataset id that does not exist: the closest one, and every one."""
        ids = self.published_ids()  # never suggest the author guide's made-up data to a report
        guess = difflib.get_close_matches(str(dataset_id).removesuffix(".csv"), ids, n=1, cutoff=0.75)
        hint = f' Menar du "{guess[0]}"?' if guess else ""
        # The example is one of this site's ids (a fixed one named a dataset that moved away: adv17f 93).
        example = guess[0] if guess else example_id(ids, str(dataset_id))
        return NO_SUCH_DATASET.said(name=repr(dataset_id), hint=hint, known=", ".join(ids), example=example)

    def load(self, dataset_id: str) -> Dataset:
        """The dataset for rendering: raises DataError if it has any error."""
        dataset = self.read(dataset_id)
        errors = [p for p in dataset.problems if p.severity == "error"]
        if errors:
            raise DataError(errors)
        return dataset

    def problems(self) -> list[Problem]:
        """Every problem in every dataset, plus every file in data/ that is not a dataset, its schema or a README."""
        found = [p for i in self.ids() for p in self.read(i).problems]
        names = set(self._all_names())
        for name in self._all_names():
            if name.endswith(".schema.yaml") and DATASET_NAME.fullmatch(name):
                data = name.removesuffix(".schema.yaml") + ".csv"
                if data not in names and data + ".csv" not in names:  # x.csv.csv is said on its own
                    found.append(SCHEMA_WITHOUT_DATA.problem(f"data/{name}", 1, 1))
            elif not DATASET_NAME.fullmatch(name):
                problem = accounted(name, names, self.files.read_bytes)
                found += [problem] if problem else []
        links = getattr(self.files, "links", lambda: [])()
        found += [LINK.problem(f"data/{name}", 1, 1) for name in links]
        return found


def _rename(target: str, names: set[str]) -> str:
    """Rename to `target` – or, where that file already is, move the rows into it."""
    if target in names:
        return f"data/{target} finns redan: lägg in raderna där och ta bort den här filen."
    return f"Byt namn på filen till {PurePosixPath(target).name}."


def _is_table(content: bytes | None) -> bool:
    """Whether a text file's first lines look like a table (a delimiter on its first line), or
    cannot be told (no content given)."""
    if content is None:
        return True
    first = content[:4000].replace(b"\r", b"\n").split(b"\n", 1)[0]
    return any(mark in first for mark in (b";", b",", b"\t"))


def accounted(name: str, names: set[str], read=None) -> Problem | None:
    """A file in data/ that is not a dataset or its schema: None for a README or git's own
    files, else what it is and the fix (an error where the rows staff meant to add would
    otherwise never be published, a warning for what programs leave behind)."""
    where = f"data/{name}"
    path = PurePosixPath(name)
    folder, base = path.parent.as_posix(), path.name
    lower = base.lower()
    beside = (lambda other: other if folder == "." else f"{folder}/{other}")
    if lower.startswith("readme") or lower in GIT_FILES or name in SETTINGS_FILES:
        return None
    parts = path.parts
    if len(parts) > 2 and _split(base)[1].lower() in (".csv", ".schema.yaml"):  # data/astorp/2022/x.csv
        stem, ext = _split(base)
        target = f"{parts[0]}/{plain_name(stem)}{ext.lower()}"
        advice = (f"Lägg in raderna i data/{target} och ta bort data/{folder}/." if target in names and ext.lower() == ".csv"
                  else f"Ta bort den; schemat data/{target} gäller för datafilen där." if target in names
                  else f"Flytta filen till data/{target}.")
        return SUBFOLDER.problem(where, 1, 1, folder=f"data/{shown(folder)}", advice=advice)
    if lower in SYSTEM_FILES or base.startswith("._"):
        return SYSTEM_FILE.problem(where, 1, 1, "warning", name=shown(base), program=SYSTEM_FILES.get(lower, "macOS"))
    backup = BACKUP.fullmatch(base)
    if backup:
        original = next(g for g in backup.groups() if g).lstrip(".")  # `.x.csv.swp` is vim's copy of x.csv
        original_stem, original_ext = _split(original)
        if original_ext.lower() in SPREADSHEETS:  # Excel's lock file `~$x.xlsx`: the rows belong in x.csv
            original = f"{plain_name(original_stem)}.csv"
        return BACKUP_FILE.problem(where, 1, 1, "warning", name=shown(base), original=shown(beside(original)))
    stem, ext = _split(base)
    for pattern in COPY:
        copy = pattern.fullmatch(base)
        if copy and copy["ext"].lower() in (".csv", ".schema.yaml", ".txt") and copy["stem"].strip():
            original = beside(f"{plain_name(copy['stem'])}{copy['ext'].lower().replace('.txt', '.csv')}")
            advice = (
                f"Lägg in de nya raderna i data/{original} (eller ersätt den med den här filen) och ta bort kopian."
                if original in names else f"Byt namn på filen till {PurePosixPath(original).name}."
            )
            return COPY_FILE.problem(where, 1, 1, name=shown(base), original=f"data/{shown(original)}", advice=advice)
    if ext.lower() in SPREADSHEETS:
        target = beside(f"{plain_name(stem)}.csv")
        return SPREADSHEET.problem(where, 1, 1, name=shown(base), program=SPREADSHEETS[ext.lower()], target=f"data/{shown(target)}")
    if ext.lower() in (".csv", ".schema.yaml") and ext != ext.lower():
        return UPPER_CASE_EXTENSION.problem(where, 1, 1, advice=_rename(beside(f"{plain_name(stem)}{ext.lower()}"), names))
    if ext.lower() in TEXT_DATA and not _is_table(read(name) if read else None):
        return NOTE_FILE.problem(where, 1, 1, name=shown(base), readme=f"data/{beside('README.md')}")
    if ext.lower() in TEXT_DATA:
        return TEXT_FILE.problem(where, 1, 1, name=shown(base), advice=_rename(beside(f"{plain_name(stem)}.csv"), names))
    if ext.lower() in SCHEMA_LIKE:
        return SCHEMA_NAME.problem(where, 1, 1, name=shown(base), fixed=f"{plain_name(stem.removesuffix('.schema'))}.schema.yaml")
    if ext in (".csv", ".schema.yaml"):
        if stem.lower().endswith(".csv"):  # `x.csv.csv`: Windows hid the extension, and it was typed again
            target = beside(f"{plain_name(stem[:-4])}{ext}")
            return DOUBLE_EXTENSION.problem(where, 1, 1, name=shown(base), advice=_rename(target, names))
        if folder == ".":
            return NO_FOLDER.problem(where, 1, 1, name=shown(base))
        plain = "/".join(plain_name(part) for part in PurePosixPath(folder).parts) + f"/{plain_name(stem)}{ext}"
        return BAD_NAME.problem(where, 1, 1, to=f" till data/{plain}" if plain != name else "")
    return UNKNOWN_FILE.problem(where, 1, 1, "warning", name=shown(base))


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
        kept.append(MORE_PROBLEMS.problem(path, 1, 1, count=count))
    return kept


def read_dataset(dataset_id: str, files: Folder, today: dt.date, names: set[str]) -> Dataset:
    """Read and check one dataset (`names`: every file in `files`). Problems are collected, never raised here."""
    csv_name, schema_name = f"{dataset_id}.csv", f"{dataset_id}.schema.yaml"
    where, schema_where = f"data/{csv_name}", f"data/{schema_name}"
    path = files.path(csv_name)
    empty = pd.DataFrame()
    if schema_name not in names:
        problem = SCHEMA_MISSING.problem(where, 1, 1, name=schema_name.rsplit("/", 1)[-1])
        return Dataset(dataset_id, path, None, empty, [problem])
    for name, place in ((csv_name, where), (schema_name, schema_where)):
        if files.size(name) > MAX_BYTES:
            return Dataset(dataset_id, path, None, empty, [TOO_LARGE.problem(place, 1, 1, mb=MAX_BYTES // 1_000_000)])
    schema_text, problems = decode(files.read_bytes(schema_name), schema_where, csv=False)
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
