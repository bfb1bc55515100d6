"""What can be wrong with a data file, said in Swedish with where it is and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data or schema file, where it is, and how to fix it."""

    path: str
    line: int
    column: int
    message: str
    severity: str = "error"  # "warning": reported, does not stop the build; "notice": a reminder for authors

    def __str__(self) -> str:
        kind = {"warning": "varning: ", "notice": "notering: "}.get(self.severity, "")
        return f"{self.path}:{self.line}:{self.column}: {kind}{self.message}"

    def github(self) -> str:
        """A GitHub Actions workflow command, so the problem shows on the PR line."""
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
        return f"::{self.severity} file={path},line={self.line},col={self.column}::{message}"


class DataError(Exception):
    """Raised when a dataset has errors; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(str(p) for p in problems)
        super().__init__(f"Fel i data ({len(problems)} st):\n{lines}")


class UnknownName(KeyError):
    """A dataset or field name that does not exist; says which names do."""

    def __str__(self) -> str:
        return str(self.args[0])
