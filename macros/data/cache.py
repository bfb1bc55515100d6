"""The one way the build writes and reads its derived state in `.cache-utgavor/` (CI keeps it with actions/cache).

A cache file is never trusted as it is: a hand-edited one must not change what is published. Every file is
written with a first line that holds the sha256 of the rest and of its name (`write`); `read` checks it, and a file whose line
does not match (edited after the build wrote it) reads as absent, so the build derives it again from git and says
so once, naming the file (`cache-andrad`). A file without the line (an older build's format, or one written by
hand) reads as absent without a notice. Checking costs one hash of the file read, never a git call.

The record's files unpacked from git (`.cache-utgavor/arkiv/<blob id>`) keep their bytes as published (they are
copied into the site): each is proven to be its git blob before it is used (`is_blob`).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .messages import Message
from .problems import Problem

MARK = b"sha256:"  # the first line: "sha256:<hex of the rest>\n"

CACHE_CHANGED = Message(
    "cache-andrad",
    "Filen i byggets cache har ändrats efter att bygget skrev den (den stämmer inte med kontrollsumman som bygget "
    "sparade för den). Bygget bortser från den, tar fram innehållet på nytt ur git och skriver filen igen, så det som "
    "publiceras blir detsamma. Ändra inte filer i .cache-utgavor/ för hand; vill du börja om, ta bort hela mappen "
    ".cache-utgavor/ (i GitHub: cachen utgavor-… under Actions ▸ Caches).",
    "En fil i byggets cache (.cache-utgavor/) har ändrats av något annat än bygget, till exempel för hand. Bygget "
    "litar aldrig på en sådan fil: det läser om det den höll ur git, så det som publiceras är detsamma som förut. "
    "Inget behöver rättas; vill du börja om, ta bort mappen .cache-utgavor/.",
)
BLOB_CHANGED = Message(
    "cache-arkivfil-andrad",
    "Filen är inte filversionen {blob} ur grenen {branch} (dess innehåll har ändrats efter att bygget packade upp "
    "den ur git). Bygget packar upp den på nytt ur git, så utgåvan publiceras byte för byte som den arkiverades. "
    "Ändra inte filer i .cache-utgavor/ för hand; vill du börja om, ta bort hela mappen .cache-utgavor/.",
    "En av arkivets filer som bygget har packat upp i .cache-utgavor/arkiv/ (namngiven efter filversionen i git) "
    "har ändrats. Bygget jämför varje sådan fil med filversionen innan den hamnar på webbplatsen och packar upp en "
    "ändrad fil på nytt, så den publicerade utgåvan är oförändrad. Inget behöver rättas.",
)

# What was found changed in this process, for the build's log (pages/publish.py says them): a data-layer
# module cannot print through the build, and the same file is said once however often it is read.
NOTICES: list[Problem] = []


def take_notices() -> list[Problem]:
    """The notices found since the last call (each said once)."""
    found = list(NOTICES)
    NOTICES.clear()
    return found


def shown(path: Path) -> str:
    """The file as staff find it: from `.cache-utgavor/` on (the cache folder's own name when it is another)."""
    parts = Path(path).parts
    for index in range(len(parts) - 1, -1, -1):
        if parts[index].startswith(".cache"):
            return "/".join(parts[index:])
    return Path(path).as_posix()


def _notice(problem: Problem) -> None:
    if problem not in NOTICES:
        NOTICES.append(problem)


def changed(path: Path, line: int = 0) -> None:
    """Say that a cache file was changed since the build wrote it (it is derived again); `line` 1: its checksum line."""
    _notice(CACHE_CHANGED.problem(shown(path), line, 1 if line else 0, "notice"))


def write_raw(path: Path, content: bytes) -> None:
    """Written whole under a temporary name, then renamed: a build beside this one never reads half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_bytes(content)
    os.replace(temporary, path)


def _sum(path: Path, content: bytes) -> bytes:
    """The checksum of a cache file's content and its name: a file copied to another name is not that file."""
    return hashlib.sha256(Path(path).name.encode("utf-8") + b"\0" + content).hexdigest().encode("ascii")


def write(path: Path, content: bytes) -> None:
    """A cache file: its checksum line, then `content`."""
    write_raw(path, MARK + _sum(path, content) + b"\n" + content)


def read(path: Path) -> bytes | None:
    """What `write` wrote, or None: no file, a file of an older format, or one changed since (said, `cache-andrad`)."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    first, newline, rest = data.partition(b"\n")
    if not newline or not first.startswith(MARK):
        return None  # written before the checksums (or by hand without one): derived again, nothing to say
    if first[len(MARK):] != _sum(path, rest):
        changed(path, 1)
        return None
    return rest


def write_text(path: Path, text: str) -> None:
    write(path, text.encode("utf-8"))


def read_text(path: Path) -> str | None:
    content = read(path)
    try:
        return content.decode("utf-8") if content is not None else None
    except UnicodeDecodeError:
        return None


def write_json(path: Path, value, sort_keys: bool = True) -> None:
    write(path, json.dumps(value, ensure_ascii=False, sort_keys=sort_keys, separators=(",", ":")).encode("utf-8"))


def read_json(path: Path, default):
    """The value `write_json` wrote, else `default` (absent, older, changed or not JSON)."""
    content = read(path)
    if content is None:
        return default
    try:
        return json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return default


def is_blob(blob: str, content: bytes) -> bool:
    """Whether `content` is git's blob `blob`: the id is the hash of b"blob <size>\\0" and the content, sha1 (40
    hex digits) or sha256 (64, a repository in sha256 format)."""
    kind = {40: "sha1", 64: "sha256"}.get(len(blob))
    if kind is None:
        return False
    digest = hashlib.new(kind, b"blob %d\0" % len(content))
    digest.update(content)
    return digest.hexdigest() == blob.lower()


def blob_changed(path: Path, blob: str, branch: str) -> None:
    """Say that a recorded file in the cache was not its blob (it is unpacked again)."""
    _notice(BLOB_CHANGED.problem(shown(path), 0, 0, "notice", blob=blob, branch=branch))
