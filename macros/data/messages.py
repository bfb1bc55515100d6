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
    raise NO_SUCH_KEY.error(key="Kvinnor", known="…")          # an author's mistake, with its code

A message about one cell or one argument may be said after the place it is about, its
`context` (`Fel värde "8.8" i kolumnen "hushall" (Antal hushåll): ` + the message): the
context is where, the message is what is wrong and the fix.

Declaring a Message registers it in CATALOGUE (a code may be declared once), so the list of
every message (what it means, how to fix it) is made from the code itself:
`scripts/meddelanden.py` writes MEDDELANDEN.md.
"""

from __future__ import annotations

import re
import string
import sys
from dataclasses import dataclass, field

CATALOGUE: dict[str, "Message"] = {}
RESERVED = frozenset({"severity", "context"})  # problem()'s and error()'s own keyword parameters
CODE = re.compile(r"[a-zåäö0-9]+(-[a-zåäö0-9]+)*")  # kebab-case Swedish: "dubbel-manad"


@dataclass(frozen=True)
class Message:
    code: str  # stable: tests, the list of messages and staff's searches use it
    template: str  # Swedish, with named fields: "Månaden {month} finns två gånger …"
    description: str  # for the list of messages: what it means and how to fix it
    module: str = field(default="", compare=False)  # where it is declared, for the list's sections
    context: str = field(default="", compare=False)  # what a line says before it (`Fel värde "…" i kolumnen …: `), for the list

    def __post_init__(self):
        if not CODE.fullmatch(self.code):
            raise ValueError(f"message code {self.code!r} is not kebab-case")
        taken = RESERVED.intersection(self.fields)  # a stray { or } raises here too: a bug found at import
        if taken:
            raise ValueError(f"message {self.code!r}: the field names {sorted(taken)} are taken by problem() and error()")
        if not self.module:
            object.__setattr__(self, "module", sys._getframe(2).f_globals.get("__name__", ""))
        if self.code in CATALOGUE and CATALOGUE[self.code] != self:
            raise ValueError(f"message code {self.code!r} is declared twice")
        CATALOGUE[self.code] = self

    @property
    def fields(self) -> list[str]:
        return [name for _text, name, _spec, _conv in string.Formatter().parse(self.template) if name]

    def text(self, context: str = "", /, **values) -> str:
        """The message with its fields filled in (after `context`, the place it is about)."""
        return context + self.template.format(**values)

    def coded(self, context: str = "", /, **values) -> str:
        """The message as a line shows it: with its code, so it can be looked up."""
        return f"{self.text(context, **values)} [{self.code}]"

    def said(self, **values) -> "Said":
        """The message with its fields filled in, before anyone knows where it is said."""
        return Said(self, values)

    def problem(self, path: str, line: int, column: int, /, severity: str = "error", context: str = "", **values):
        """A Problem at file:line:column carrying this message's code (a field may be called path, line or column)."""
        from .problems import Problem

        return Problem(path, line, column, self.text(context, **values), severity, code=self.code)

    def error(self, context: str = "", /, **values):
        """An author's mistake (raised by a macro), carrying this message's code and (`said`) the
        message itself, so whoever catches it can say it at another place."""
        from .problems import AuthorError

        error = AuthorError(self.text(context, **values), self.code)
        error.said = Said(self, values)
        return error


@dataclass(frozen=True)
class Said:
    """A message and its values: what a check found, said where the caller knows the place."""

    message: Message
    values: dict

    @property
    def code(self) -> str:
        return self.message.code

    def text(self, context: str = "", /, **more) -> str:
        return self.message.text(context, **{**self.values, **more})

    def coded(self, context: str = "", /, **more) -> str:
        return self.message.coded(context, **{**self.values, **more})

    def problem(self, path: str, line: int, column: int, /, severity: str = "error", context: str = "", **more):
        return self.message.problem(path, line, column, severity, context, **{**self.values, **more})

    def error(self, context: str = "", /, **more):
        return self.message.error(context, **{**self.values, **more})


INTERNAL_ERROR = Message(
    "internt-fel",
    "Internt fel i webbplatsens kod ({kind}: {detail}). Det är ett programfel, inte ditt fel: "
    "meddela den som sköter webbplatsen. Utvecklare ser hela felet med {switch}=1.",
    "Webbplatsens egen kod gick sönder när den läste en fil eller en sida. Det är inte något du har "
    "skrivit fel. Meddela den som sköter webbplatsen och skicka med meddelandet.",
)


def internal_error(exc: BaseException) -> Said:
    """A bug met while checking, said without a traceback: what it was and how to see more."""
    from .problems import TRACEBACK_SWITCH, shown

    return INTERNAL_ERROR.said(kind=type(exc).__name__, detail=shown(exc, 120), switch=TRACEBACK_SWITCH)
