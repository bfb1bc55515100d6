#!/usr/bin/env python3
"""Check every dataset under data/ and list every problem at once.

    python scripts/validate.py [--root KATALOG] [--summary FIL]

One line per problem, `data/…/x.csv:RAD:KOLUMN: meddelande`, in Swedish with
the bad value and the fix. Exit code 1 if any error (warnings alone pass).
Under GitHub Actions (GITHUB_ACTIONS=true) each problem is also printed as a
workflow command, so it shows on the pull request's changed line, and
`--summary` appends a Swedish summary for the job page.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.data.catalog import Catalog  # noqa: E402
from macros.data.problems import Problem  # noqa: E402


def summary(problems: list[Problem], checked: int) -> str:
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    if not problems:
        return f"## Datakontroll: allt ser bra ut\n\n{checked} datafiler kontrollerades utan anmärkning.\n"
    head = "## Datakontroll: fel som måste rättas\n\n" if errors else "## Datakontroll: varningar\n\n"
    lines = [
        head,
        f"{checked} datafiler kontrollerades: {len(errors)} fel och {len(warnings)} varningar. "
        "Webbplatsen publiceras inte förrän alla fel är rättade.\n\n",
        "| Fil | Rad | Kolumn | Typ | Vad är fel och hur det rättas |\n|---|---|---|---|---|\n",
    ]
    for p in problems:
        kind = {"error": "fel", "notice": "notering"}.get(p.severity, "varning")
        message = p.message.replace("|", "\\|")
        lines.append(f"| `{p.path}` | {p.line} | {p.column} | {kind} | {message} |\n")
    return "".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kontrollera alla datafiler under data/.")
    parser.add_argument("--root", type=Path, default=ROOT, help="projektets rotkatalog (standard: detta repo)")
    parser.add_argument("--summary", type=Path, help="lägg till en sammanfattning i Markdown i denna fil")
    parser.add_argument(
        "--discrepancies", action="store_true",
        help="lista också var källans tryckta siffror skiljer sig från det beräknade (visas som fotnoter)",
    )
    parser.add_argument("--today", type=date.fromisoformat, help="dagens datum (ÅÅÅÅ-MM-DD), för tester")
    args = parser.parse_args(argv)

    catalog = Catalog(args.root, today=args.today)
    problems = catalog.problems()
    on_github = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem)
        if on_github:
            print(problem.github())
    errors = sum(p.severity == "error" for p in problems)
    checked = len(catalog.ids())
    notices = sum(p.severity == "notice" for p in problems)
    counts = f"{errors} fel, {len(problems) - errors - notices} varningar" + (f", {notices} noteringar" if notices else "")
    print(f"{checked} datafiler kontrollerade: {counts}.", file=sys.stderr)
    if not errors and args.discrepancies:
        for dataset_id in catalog.ids():
            for d in catalog.read(dataset_id).discrepancies:
                print(f"data/{dataset_id}.csv: {d.key} {d.measure}: beräknat {d.computed:g}, källan anger {d.published:g}")
    if args.summary:
        with args.summary.open("a", encoding="utf-8") as out:
            out.write(summary(problems, checked))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
