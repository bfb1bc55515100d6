"""The catalogue of messages that staff and authors can see: each has a stable code, one
Swedish template and a description of what it means and how to fix it (frictionless-py's
error classes are the model).

A module declares its messages beside the code that says them:

    ODD_ENCODING = Message(
        "okand-teckenkodning",
        "Filen är sparad i teckenkodningen {encoding}. Spara den som CSV UTF-8 …",
        "Filen är inte sparad som UTF-8 eller Windows-1252 …",
    )
    problems.append(ODD_ENCODING.problem(where, line, column, encoding="cp850"))

Declaring a Message registers it in CATALOGUE (a code may be declared once), so the list of
every message (what it means, how to fix it) is made from the code itself.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from .problems import Problem

CATALOGUE: dict[str, "Message"] = {}
CODE = re.compile(r"[a-zåäö0-9]+(-[a-zåäö0-9]+)*")  # kebab-case Swedish: "dubbel-manad"


@dataclass(frozen=True)
class Message:
    code: str  # stable: tests, the list of messages and staff's searches use it
    template: str  # Swedish, with named fields: "Månaden {month} finns två gånger …"
    description: str  # for the list of messages: what it means and how to fix it

    def __post_init__(self):
        if not CODE.fullmatch(self.code):
            raise ValueError(f"message code {self.code!r} is not kebab-case")
        if self.code in CATALOGUE and CATALOGUE[self.code] != self:
            raise ValueError(f"message code {self.code!r} is declared twice")
        CATALOGUE[self.code] = self

    @property
    def fields(self) -> list[str]:
        return [name for _text, name, _spec, _conv in string.Formatter().parse(self.template) if name]

    def text(self, **values) -> str:
        """The message with its fields filled in."""
        return self.template.format(**values)

    def problem(self, path: str, line: int, column: int, severity: str = "error", **values) -> Problem:
        return Problem(path, line, column, self.text(**values), severity, code=self.code)
