#!/usr/bin/env python3
"""Write MEDDELANDEN.md: every message staff and authors can meet, with its code, what it
says, what it means and how to fix it, made from the message catalogue in the code.

    python scripts/meddelanden.py           # write MEDDELANDEN.md
    python scripts/meddelanden.py --check   # exit 1 if MEDDELANDEN.md is not current

Every module below macros/ is imported (and the command-line tools in scripts/), so every
message declared beside the code that says it is in the catalogue.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import pkgutil
import re
import string
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import macros  # noqa: E402
from macros.data.messages import CATALOGUE, Message  # noqa: E402

TARGET = ROOT / "MEDDELANDEN.md"
TOOLS = ("validate.py", "build.py")  # command-line tools that declare messages of their own
SECTIONS = [  # (module prefix, heading), in the order staff meet them
    ("macros.data.reading", "Datafiler: teckenkodning, tal och månader"),
    ("macros.data.periods", "Datafiler: teckenkodning, tal och månader"),
    ("macros.data.checks", "Datafiler: rader, kolumner och värden"),
    ("macros.data.plausibility", "Datafiler: ovanliga värden"),
    ("macros.data.catalog", "Filer i data/"),
    ("macros.data.schema", "Scheman (.schema.yaml)"),
    ("macros.data.formulas", "Scheman (.schema.yaml)"),
    ("macros.data.yamlfile", "YAML i scheman, sidhuvuden och mkdocs.yml"),
    ("macros.models.review", "Granskning av en ändring"),
    ("macros.data.dataset", "Rapportsidor: makron och deras argument"),
    ("macros.models", "Rapportsidor: makron och deras argument"),
    ("macros.pages.arguments", "Rapportsidor: makron och deras argument"),
    ("macros.pages.page_macros", "Rapportsidor: makron och deras argument"),
    ("macros.pages.authoring", "Rapportsidor: makrokod, sidhuvud och meny"),
    ("macros.pages.reports", "Rapportsidor: makrokod, sidhuvud och meny"),
    ("macros.data.history", "Bygge och publicering"),
    ("macros.data.cache", "Bygge och publicering"),
    ("macros.pages", "Bygge och publicering"),
    ("tool.build", "Bygge och publicering"),
    ("macros.data.problems", "Webbplatsens egna fel"),
]
OTHER = "Övrigt"


def load_everything() -> dict[str, Message]:
    """Import every module that may declare a message; the catalogue then holds them all."""
    for info in pkgutil.walk_packages(macros.__path__, "macros."):
        importlib.import_module(info.name)
    for name in TOOLS:
        spec = importlib.util.spec_from_file_location(f"tool.{name.removesuffix('.py')}", ROOT / "scripts" / name)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    return dict(CATALOGUE)


def section(message: Message) -> str:
    return next((heading for prefix, heading in SECTIONS if message.module.startswith(prefix)), OTHER)


def markdown(text: str) -> str:
    return re.sub(r"([\\`*_<>\[\]|])", r"\\\1", text)


def shape(template: str) -> str:
    """The template as staff read it: each field (a value, a name, a hint) shown as …"""
    parts = []
    for literal, field, _spec, _conversion in string.Formatter().parse(template):
        parts.append(markdown(literal))
        if field is not None:
            parts.append("…")
    return "".join(parts)


def catalogue_text(messages: dict[str, Message]) -> str:
    headings = list(dict.fromkeys(heading for _prefix, heading in SECTIONS)) + [OTHER]
    by_heading: dict[str, list[Message]] = {heading: [] for heading in headings}
    for message in messages.values():
        by_heading[section(message)].append(message)
    lines = [
        "# Meddelanden från kontrollen och bygget\n\n",
        "Varje fel, varning och notering som kontrollen (`scripts/validate.py`) och bygget kan ge slutar med en kod "
        "inom hakparenteser, till exempel `[fel-decimaltecken]`. Sök efter koden här: den säger vad meddelandet "
        "betyder och hur du rättar. Där det står … i meddelandet står det värde, den fil eller det namn det gäller.\n\n",
        "Listan görs av `scripts/meddelanden.py` ur webbplatsens kod, där varje meddelande står bredvid koden som "
        "säger det (`macros/data/messages.py`). Ändra den inte för hand: kör "
        "`.venv/bin/python scripts/meddelanden.py`. Hur du läser ett meddelande står i "
        "[CONTRIBUTING.md](CONTRIBUTING.md#las-och-ratta-ett-fel).\n",
    ]
    for heading in headings:
        found = sorted(by_heading[heading], key=lambda m: m.code)
        if not found:
            continue
        lines.append(f"\n## {heading}\n")
        for message in found:
            said = shape(message.context + message.template)
            lines.append(f"\n### `{message.code}`\n\n> {said}\n\n{markdown(message.description)}\n")
    return "".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Skriv MEDDELANDEN.md ur meddelandekatalogen.")
    parser.add_argument("--check", action="store_true", help="skriv inget; avsluta med 1 om filen inte är aktuell")
    args = parser.parse_args(argv)
    text = catalogue_text(load_everything())
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print("MEDDELANDEN.md är inte aktuell. Kör .venv/bin/python scripts/meddelanden.py och checka in filen.", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"{TARGET.name}: {len(CATALOGUE)} meddelanden.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
