"""What can be wrong with a data file, said in Swedish with where it is and how to fix it.

Every message is one printable line whatever a file holds: control and invisible
characters are shown as escapes (`\\n`, `\\u202e`), long values are cut, and nothing
can read as a GitHub Actions workflow command (`::add-mask::`, `##[error]`) when a
message is printed in a CI log.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass

from ..formats.swedish import number

MAX_SHOWN = 60  # characters of a value quoted in a message
TRACEBACK_SWITCH = "RAPPORT_TRACEBACK"  # =1: developers get Python's traceback instead of the short message
# Characters that are not visible text: C0/C1 controls, format characters (BOM, zero-width,
# bidi overrides), line and paragraph separators, surrogates and unassigned code points.
INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})
NAMES = {
    "\n": "radbrytning", "\r": "vagnretur", "\t": "tabbtecken", "\x00": "NUL-tecken",
    "\ufeff": "BOM-tecken", "\u200b": "nollbreddsmellanslag", "\u00ad": "mjukt bindestreck",
    "\u202e": "riktningstecken höger-till-vänster", "\u202d": "riktningstecken vänster-till-höger",
    "\x0b": "vertikal tabb", "\x0c": "sidmatning", "\x1b": "escape-tecken", "\x85": "NEL-radbrytning",
    "\u2028": "radseparator", "\u2029": "styckeseparator", "\u200d": "nollbreddsfogare", "\u2060": "ordfogare",
}


ZWJ = "\u200d"  # zero-width joiner: joins emoji into one (👩‍💻), invisible anywhere else
BLACK_FLAG = "\U0001f3f4"  # a subdivision flag (🏴 + tag letters + cancel tag) spells its region in tags
EMOJI_BEFORE_JOINER = frozenset({"So", "Sk"})  # a pictograph or a skin tone


def is_invisible(ch: str) -> bool:
    return unicodedata.category(ch) in INVISIBLE


def _in_emoji(text: str, at: int) -> bool:
    """An invisible character that is part of an emoji sequence: a joiner between two
    pictographs (👨‍👩‍👧, ❤️‍🔥) or the tag letters of a subdivision flag."""
    ch = text[at]
    if ch == ZWJ:
        before = text[at - 1] if at else ""
        after = text[at + 1] if at + 1 < len(text) else ""
        return bool(before and after) and unicodedata.category(after) == "So" and (
            unicodedata.category(before) in EMOJI_BEFORE_JOINER or before == "\ufe0f")
    if 0xE0020 <= ord(ch) <= 0xE007F:
        start = at
        while start and 0xE0020 <= ord(text[start - 1]) <= 0xE007F:
            start -= 1
        return start > 0 and text[start - 1] == BLACK_FLAG
    return False


def invisible_at(text: str) -> int | None:
    """The position of the first invisible character in `text` that is not part of an emoji, or None."""
    if text.isprintable():  # the fast path: isprintable() is False for every invisible character
        return None
    return next((i for i, ch in enumerate(text) if is_invisible(ch) and not _in_emoji(text, i)), None)


def first_invisible(text: str) -> str | None:
    """The first invisible character in `text` (emoji sequences are text), or None."""
    at = invisible_at(text)
    return None if at is None else text[at]


def escape_char(ch: str) -> str:
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}")


def char_name(ch: str) -> str:
    """`\\ufeff` → `BOM (byte order mark), U+FEFF`: an invisible character named for staff."""
    return f"{NAMES.get(ch, 'osynligt tecken')}, U+{ord(ch):04X}"


def printable(text: str) -> str:
    """Visible text on one line: invisible characters escaped, and `##[` (a workflow command
    anywhere in a line for GitHub's runner) broken."""
    text = str(text)
    if invisible_at(text) is not None:
        text = "".join(escape_char(ch) if is_invisible(ch) and not _in_emoji(text, i) else ch for i, ch in enumerate(text))
    return text.replace("##[", "##\\[")


def log_line(text: str) -> str:
    """A whole line as printed to a log: printable, and not starting with `::` (a workflow
    command at the start of a line)."""
    text = printable(text)
    return "\\" + text if text.lstrip().startswith("::") else text


def shown(value, limit: int = MAX_SHOWN, strip: bool = True) -> str:
    """A cell's text as a message quotes it: printable and at most `limit` characters (`strip`:
    without the spaces around it; keep them where an invisible one is what the message is about)."""
    text = printable(str(value).strip() if strip else str(value))
    if len(text) > limit:
        text = f"{text[:limit - 1]}… ({number(len(str(value)))} tecken)"
    return text


def tracebacks_wanted() -> bool:
    return os.environ.get(TRACEBACK_SWITCH, "") not in ("", "0")




@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data or schema file, where it is, and how to fix it."""

    path: str
    line: int
    column: int
    message: str
    severity: str = "error"  # "warning": reported, does not stop the build; "notice": a reminder for authors
    code: str = ""  # its message's code in the catalogue (macros/data/messages.py)

    @property
    def text(self) -> str:
        """The message as staff read it: with its code, so they can look it up."""
        return f"{self.message} [{self.code}]" if self.code else self.message

    def __str__(self) -> str:
        kind = {"warning": "varning: ", "notice": "notering: "}.get(self.severity, "")
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path  # line 0: not a file (a git branch)
        return log_line(f"{where}: {kind}{self.text}")

    def github(self) -> str:
        """A GitHub Actions workflow command, so the problem shows on the PR line."""
        message = printable(self.text).replace("%", "%25")
        path = printable(self.path).replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
        where = f"file={path},line={self.line},col={self.column}" if self.line else f"title={path}"  # a branch is no file
        return f"::{self.severity} {where}::{message}"


class DataError(Exception):
    """Raised when a dataset has errors; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(str(p) for p in problems)
        super().__init__(f"Fel i data ({len(problems)} st):\n{lines}")


class AuthorError(ValueError):
    """A macro asked for something the data cannot give (a chart of months from data without
    months); the message is Swedish and says what to use instead. `code`: its message's code."""

    def __init__(self, message: str, code: str = ""):
        super().__init__(message)
        self.code = code

    @property
    def text(self) -> str:
        return f"{self.args[0]} [{self.code}]" if self.code else str(self.args[0])


class UnknownName(KeyError):
    """A dataset or field name that does not exist; says which names do."""

    def __init__(self, message: str, code: str = ""):
        super().__init__(message)
        self.code = code

    def __str__(self) -> str:
        return str(self.args[0])

    @property
    def text(self) -> str:
        return f"{self.args[0]} [{self.code}]" if self.code else str(self.args[0])
