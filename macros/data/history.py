"""File versions from the repository's git history: what was published, and when.

The site's record of what it published is the history of `main`: every merge
is a publication. Editions (macros/pages/editions.py) and the list of new and
revised figures (macros/pages/changes.py) read earlier versions of pages and
data through this module only, with three git commands: `git log` for the
commits that touched a folder and the file versions each one made, and
`git cat-file --batch` for file contents.

Only the first-parent line is read (`--first-parent`): commits of a merged
branch were never published on their own.
"""

from __future__ import annotations

import bisect
import hashlib
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..formats import swedish
from .messages import Message

SHALLOW = Message(
    "grund-klon",
    "Webbplatsens utgåvor och datum byggs ur git-historiken, men den här klonen har bara de senaste "
    "versionerna (en grund klon, \"shallow clone\"). Hämta hela historiken med `git fetch --unshallow` "
    "och bygg igen. I GitHub Actions: ange `fetch-depth: 0` under `with:` för actions/checkout.",
    "Bygget behöver hela git-historiken för utgåvorna och datumen. Kör git fetch --unshallow, eller ange "
    "fetch-depth: 0 för actions/checkout i arbetsflödet.",
)
SHALLOW_MESSAGE = SHALLOW.text()
NO_REVISION = Message(
    "version-finns-inte",
    "Versionen {revision} finns inte i den här klonen av förrådet. Hämta hela historiken (git fetch --unshallow, eller "
    "fetch-depth: 0 i arbetsflödet) och ange en gren som finns, till exempel origin/main.",
    "Granskningen jämför med en gren (--base) som inte finns i klonen. Hämta hela historiken och ange en gren som finns.",
)
REGULAR_FILE_MODES = ("100644", "100755")  # a symlink in the tree is not a data file


class HistoryError(RuntimeError):
    """The history cannot be read (a shallow clone, a broken repository): said in Swedish."""


@dataclass(frozen=True)
class Commit:
    sha: str
    date: str  # committer date, ISO 8601 with offset: 2022-09-12T10:31:02+02:00
    changed: tuple[tuple[str, str | None], ...]  # (path below the project root, new blob or None if deleted)


class Repository:
    """The git repository holding a project folder (which may be a subfolder of it)."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.prefix = self._git("rev-parse", "--show-prefix").strip()  # "" or "sub/folder/"
        self._batch: subprocess.Popen | None = None

    @staticmethod
    def is_repository(root: Path) -> bool:
        """True if `root` is inside a git work tree with at least one commit."""
        try:
            result = subprocess.run(
                ["git", "rev-parse", "--verify", "--quiet", "HEAD"],
                cwd=root, capture_output=True, text=True, timeout=30, check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return False
        return result.returncode == 0

    def _git(self, *args: str) -> str:
        result = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=self.root, capture_output=True, timeout=600, check=False,
        )
        if result.returncode != 0:
            raise HistoryError(f"git {' '.join(args[:2])} misslyckades: {result.stderr.decode(errors='replace').strip()}")
        return result.stdout.decode("utf-8", errors="surrogateescape")

    def is_shallow(self) -> bool:
        return self._git("rev-parse", "--is-shallow-repository").strip() == "true"

    def require_full_history(self) -> None:
        """Stop with the fix if this is a shallow clone: editions and dates need every published version."""
        if self.is_shallow():
            raise HistoryError(SHALLOW.coded())

    def files_at_revision(self, revision: str, folder: str = "data") -> dict[str, str]:
        """The regular files below `folder` as `revision` (a branch, tag or commit) has them:
        {name below the folder: blob id}. What a pull request's data is compared with."""
        try:
            listing = self._git("ls-tree", "-r", "-z", "--end-of-options", revision, "--", f"{folder}/")
        except HistoryError:
            raise HistoryError(NO_REVISION.coded(revision=repr(revision))) from None
        found = {}
        for entry in listing.split("\0"):
            info, _, name = entry.partition("\t")
            parts = info.split()
            if len(parts) == 3 and parts[1] == "blob" and parts[0] in REGULAR_FILE_MODES:
                found[name.removeprefix(f"{folder}/")] = parts[2]
        return found

    def last_commit_dates(self, folder: str) -> dict[str, str]:
        """YYYY-MM-DD of the last commit that touched each file below `folder` (paths below the
        project root): what `git log -1 -- <file>` gives for each, in one pass over the log."""
        out = self._git("log", "--format=%x01%cI", "--name-only", "--", folder)  # the Swedish day below, not the offset's
        dates: dict[str, str] = {}
        for chunk in out.split("\x01")[1:]:
            date, *paths = chunk.split("\n")
            date = swedish.day(date.strip()).isoformat()
            for path in paths:
                if path:
                    dates.setdefault(path.removeprefix(self.prefix), date)
        return dates

    def commit_date_spans(self, folder: str) -> dict[str, tuple[str, str]]:
        """(first, last) YYYY-MM-DD of the commits that touched each file below `folder`: when it was
        published and when it last changed (the data catalogue's issued and modified), in one pass."""
        out = self._git("log", "--format=%x01%cI", "--name-only", "--", folder)  # the Swedish day below, not the offset's
        spans: dict[str, tuple[str, str]] = {}
        for chunk in out.split("\x01")[1:]:  # newest first
            date, *paths = chunk.split("\n")
            date = swedish.day(date.strip()).isoformat()
            for path in filter(None, paths):
                path = path.removeprefix(self.prefix)
                spans[path] = (date.strip(), spans[path][1] if path in spans else date.strip())
        return spans

    def head(self) -> str:
        return self._git("rev-parse", "HEAD").strip()

    def first_parent_log(self, folders: list[str], tip: str = "HEAD") -> list[Commit]:
        """Every commit on the first-parent line (of HEAD, or of `tip`) that touched one of `folders` (below the
        project root), oldest first, with the files it changed and their new versions."""
        out = self._git(
            "log", "--first-parent", "--diff-merges=first-parent", "--reverse", "--raw", "--no-renames",
            "--no-abbrev", "--format=%x01%H %cI", tip, "--", *folders,
        )
        commits = []
        for chunk in out.split("\x01")[1:]:
            lines = chunk.splitlines()
            sha, date = lines[0].split(" ", 1)
            changed = []
            for line in lines[1:]:
                if not line.startswith(":"):
                    continue
                info, path = line.split("\t", 1)
                new_blob, status = info.split()[3], info.split()[4]
                path = path[len(self.prefix):] if path.startswith(self.prefix) else path
                changed.append((path, None if status.startswith("D") else new_blob))
            commits.append(Commit(sha, date, tuple(changed)))
        return commits

    # ------------------------------------------------------------ file contents

    def read_blob(self, blob: str) -> bytes:
        """One file version's bytes, through one long-running `git cat-file --batch`."""
        if self._batch is None:
            self._batch = self._start("--batch")
        self._batch.stdin.write(blob.encode() + b"\n")
        self._batch.stdin.flush()
        header = self._batch.stdout.readline().split()
        if len(header) != 3:
            raise HistoryError(f"git hittar inte filversionen {blob}.")
        content = self._batch.stdout.read(int(header[2]))
        self._batch.stdout.read(1)  # the newline after the content
        return content

    def _start(self, mode: str) -> subprocess.Popen:
        return subprocess.Popen(
            ["git", "cat-file", mode], cwd=self.root, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        )

    def close(self) -> None:
        if self._batch is not None:
            self._batch.stdin.close()
            self._batch.wait(timeout=30)
        self._batch = None


class History:
    """The first-parent commits that touched some folders, with every file version in them,
    indexed so that "which version of this file was at commit i" is a lookup, not a git call."""

    def __init__(self, commits: list[Commit]):
        self.commits = commits
        self._versions: dict[str, tuple[list[int], list[str | None]]] = {}
        self._name_sets: dict[str, tuple[list[int], list[str]]] = {}  # folder → (indexes, fingerprints)
        present: dict[str, set[str]] = {}
        for index, commit in enumerate(commits):
            touched_folders = set()
            for path, blob in commit.changed:
                indexes, blobs = self._versions.setdefault(path, ([], []))
                indexes.append(index)
                blobs.append(blob)
                folder = path.split("/", 1)[0]
                names = present.setdefault(folder, set())
                if (blob is None) == (path in names):  # a file added or deleted
                    (names.discard if blob is None else names.add)(path)
                    touched_folders.add(folder)
            for folder in touched_folders:
                fingerprint = hashlib.sha256("\n".join(sorted(present[folder])).encode()).hexdigest()[:16]
                indexes, prints = self._name_sets.setdefault(folder, ([], []))
                indexes.append(index)
                prints.append(fingerprint)

    def blob_at(self, path: str, index: int) -> str | None:
        """The version of `path` at commit number `index` (None: not there)."""
        indexes, blobs = self._versions.get(path, ((), ()))
        at = bisect.bisect_right(indexes, index) - 1
        return blobs[at] if at >= 0 else None

    def changes_of(self, path: str) -> list[int]:
        """The numbers of the commits that changed `path`."""
        return list(self._versions.get(path, ((), ()))[0])

    def names_at(self, folder: str, index: int) -> str:
        """A fingerprint of which files were below `folder` at commit `index`."""
        indexes, prints = self._name_sets.get(folder, ((), ()))
        at = bisect.bisect_right(indexes, index) - 1
        return prints[at] if at >= 0 else ""

    def files_at(self, folder: str, index: int) -> dict[str, str]:
        """Every file below `folder` at commit `index`: {path relative to the folder: blob id}."""
        prefix = folder.rstrip("/") + "/"
        found = {}
        for path in self._versions:
            if path.startswith(prefix):
                blob = self.blob_at(path, index)
                if blob is not None:
                    found[path[len(prefix):]] = blob
        return found

    def last_change(self, paths: list[str], first: int, last: int) -> int | None:
        """The last commit number in [first, last] that changed one of `paths`."""
        best = None
        for path in paths:
            indexes, _blobs = self._versions.get(path, ((), ()))
            at = bisect.bisect_right(indexes, last) - 1
            if at >= 0 and indexes[at] >= first and (best is None or indexes[at] > best):
                best = indexes[at]
        return best


class GitTree:
    """Data files as they were at one commit, with the interface of catalog.Folder, so a
    Catalog reads an old version exactly as it reads data/ today. Records which files
    were read, so a rendered edition knows what it depends on."""

    def __init__(self, repository: Repository, files: dict[str, str], folder: str = "data"):
        self.repository = repository
        self.files = files  # name below data/ → blob id
        self.folder = folder
        self.used: dict[str, str | None] = {}  # name → blob id it had (None: asked for, absent)
        self._content: dict[str, bytes] = {}

    def names(self) -> list[str]:
        return sorted(self.files)

    def size(self, name: str) -> int:
        return len(self.read_bytes(name))

    def read_bytes(self, name: str) -> bytes:
        self.used[name] = self.files.get(name)
        if name not in self.files:
            raise FileNotFoundError(f"{self.folder}/{name}")
        if name not in self._content:
            self._content[name] = self.repository.read_blob(self.files[name])
        return self._content[name]

    def path(self, name: str) -> PurePosixPath:
        return PurePosixPath(self.folder) / name
