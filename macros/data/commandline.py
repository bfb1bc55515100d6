"""The command-line tools' arguments in Swedish: argparse with its help and its errors said
in the staff's language (argparse itself speaks English), each error a Message with its code."""

from __future__ import annotations

import argparse
import re
import sys

from .messages import Message

ARGUMENT_WRONG = Message(
    "kommandorad-fel",
    "{prog}: {detail} Skriv {prog} --help för att se vad kommandot tar emot.",
    "Ett argument till ett kommando (scripts/kolada.py, scripts/ny-webbplats.py) är okänt, saknar sitt värde eller "
    "har ett värde av fel slag. Ett värde med mellanslag skrivs inom citattecken.",
)

# argparse's English errors and what they say in Swedish.
_TRANSLATIONS = [
    (re.compile(r"argument (?P<option>\S+): invalid int value: '(?P<value>.*)'"),
     "{option} ska vara ett heltal, till exempel 10, men är {value}."),
    (re.compile(r"argument (?P<option>\S+): expected one argument"),
     "{option} behöver ett värde efter sig."),
    (re.compile(r"unrecognized arguments: (?P<value>.*)"),
     "okänt argument: {value}. Står det ett mellanslag i ett värde? Skriv då värdet inom citattecken, "
     'till exempel --namn "Ystads kommun".'),
    (re.compile(r"argument (?P<option>\S+): ignored explicit argument '(?P<value>.*)'"),
     "{option} tar inget värde, men fick {value}."),
    (re.compile(r"the following arguments are required: (?P<value>.*)"),
     "de här argumenten saknas: {value}."),
    (re.compile(r"argument (?P<option>\S+): (?P<value>.*)"), "{option}: {value}"),
]


def swedish_error(text: str) -> str:
    for pattern, swedish in _TRANSLATIONS:
        match = pattern.fullmatch(text)
        if match:
            return swedish.format(**match.groupdict())
    return text


class SwedishHelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "Användning: " if prefix is None else prefix)

    def start_section(self, heading):
        super().start_section({"options": "Flaggor", "optional arguments": "Flaggor",
                               "positional arguments": "Argument"}.get(heading, heading))


class SwedishParser(argparse.ArgumentParser):
    """argparse.ArgumentParser whose --help and errors are in Swedish."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", SwedishHelp)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="visa den här hjälpen och avsluta")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        detail = swedish_error(message)
        self.exit(2, f"{ARGUMENT_WRONG.text(prog=self.prog, detail=detail)} [{ARGUMENT_WRONG.code}]\n")


def whole_number(low: int, high: int):
    """An argparse type: an integer from `low` to `high`, refused in Swedish otherwise."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"ska vara ett heltal från {low} till {high}, men är {text}.") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"ska vara ett heltal från {low} till {high}, men är {value}.")
        return value

    return parse
