#!/usr/bin/env python3
"""Check every dataset under data/ and list every problem at once.

    python scripts/validate.py [--root KATALOG] [--summary FIL] [--base GREN]

One line per problem, `data/…/x.csv:RAD:KOLUMN: meddelande`, in Swedish with
the bad value and the fix. Exit code 1 if any error (warnings alone pass).
Under GitHub Actions (GITHUB_ACTIONS=true) each problem is also printed as a
workflow command, so it shows on the pull request's changed line, and
`--summary` appends a Swedish summary for the job page. With `--base origin/main`
the summary (and the output) also lists every new or changed value compared with
that branch, as the sentence the site will say, so a reviewer approves figures.

No input makes this print a Python traceback: a bug says so in one line
(RAPPORT_TRACEBACK=1 shows the traceback, for developers). Every line printed is
one printable line that GitHub cannot read as a workflow command.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.data.catalog import Catalog  # noqa: E402
from macros.data.history import GitTree, HistoryError, Repository  # noqa: E402
from macros.data.messages import internal_error  # noqa: E402
from macros.data.problems import Problem, log_line, printable, tracebacks_wanted  # noqa: E402
from macros.models.review import Change, cautions, changes  # noqa: E402

MAX_CHANGES = 300  # lines of review in the summary; more is a new dataset, listed in its file


def markdown_text(text: str) -> str:
    """Text from data as plain text in GitHub Markdown: no tag, link, emphasis, table cell
    break or mention can form, and it stays on one line."""
    text = printable(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"([\\`*_{}\[\]()#+\-.!|~@$:])", r"\\\1", text)
    # GitHub links bare addresses too; a zero-width space keeps them text.
    return re.sub(r"(?i)(www|https?|ftp|mailto)(\\:|\\\.)", "\\1\u200b\\2", text)


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
        lines.append(f"| {markdown_text(p.path)} | {p.line} | {p.column} | {kind} | {markdown_text(p.text)} |\n")
    return "".join(lines)


def review(found: list[Change], titles: dict[str, str], base: str) -> str:
    """The review section: every new or changed value, grouped by dataset."""
    if not found:
        return f"\n### Inga ändrade värden jämfört med {markdown_text(base)}\n"
    lines = [
        f"\n### Nya och ändrade värden jämfört med {markdown_text(base)}\n\n",
        "Granska siffrorna, inte bara raderna: så här säger webbplatsen efter ändringen. "
        "Värden markerade **bekräftat** har skrivits med ! eftersom de skiljer sig mycket från tidigare månader.\n",
    ]
    current = None
    for change in found[:MAX_CHANGES]:
        if change.dataset != current:
            current = change.dataset
            lines.append(f"\n#### {markdown_text(titles.get(current, current))} ({markdown_text(f'data/{current}.csv')})\n\n")
        mark = " **bekräftat ovanligt värde**" if change.confirmed else ""
        kind = "*ändrad:* " if change.kind == "ändrad" else ""
        lines.append(f"- {kind}{markdown_text(change.sentence)}{mark}\n")
    if len(found) > MAX_CHANGES:
        lines.append(f"\n… och {len(found) - MAX_CHANGES} värden till.\n")
    return "".join(lines)


def compare(catalog: Catalog, root: Path, base: str, today: date | None) -> tuple[list[Change], dict[str, str], list[str]]:
    """Every new or changed value of the error-free datasets against the base revision, their
    titles, and what the reviewer should stop at (removed months, several new months at once)."""
    repository = Repository(root)
    before = Catalog(root, today=today, files=GitTree(repository, repository.files_at_revision(base)))
    base_ids = set(before.ids())
    found, titles, said = [], {}, []
    for dataset_id in catalog.ids():
        head = catalog.read(dataset_id)
        if head.has_errors or head.schema is None:
            continue
        old = before.read(dataset_id) if dataset_id in base_ids else None
        old = old if old is not None and not old.has_errors and old.schema is not None else None
        titles[dataset_id] = head.title
        found += changes(old, head)
        said += cautions(old, head)
    return found, titles, said


def run(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(description="Kontrollera alla datafiler under data/.")
    parser.add_argument("--root", type=Path, default=ROOT, help="projektets rotkatalog (standard: detta repo)")
    parser.add_argument("--summary", type=Path, help="lägg till en sammanfattning i Markdown i denna fil")
    parser.add_argument("--base", help="jämför värdena med denna git-version, till exempel origin/main")
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
    warnings = len(problems) - errors - notices
    counts = f"{errors} fel, {warnings} {'varning' if warnings == 1 else 'varningar'}"
    counts += f", {notices} {'notering' if notices == 1 else 'noteringar'}" if notices else ""
    print(f"{checked} datafiler kontrollerade: {counts}.", file=sys.stderr)
    if not errors and args.discrepancies:
        for dataset_id in catalog.ids():
            for d in catalog.read(dataset_id).discrepancies:
                print(log_line(f"data/{dataset_id}.csv: {d.key} {d.measure}: beräknat {d.computed:g}, källan anger {d.published:g}"))
    text = summary(problems, checked)
    if args.base:
        try:
            found, titles, said = compare(catalog, args.root, args.base, args.today)
        except HistoryError as exc:
            print(log_line(f"Jämförelsen med {args.base} gick inte: {exc}"), file=sys.stderr)
            text += f"\n### Jämförelsen med {markdown_text(args.base)} gick inte\n\n{markdown_text(str(exc))}\n"
            errors += 1
        else:
            print(f"Nya och ändrade värden jämfört med {log_line(args.base)}: {len(found)}")
            for change in found:
                mark = " (bekräftat ovanligt värde)" if change.confirmed else ""
                print(log_line(f"  {change.sentence}{mark}"))
            for caution in said:
                print(log_line(f"Observera: {caution}"))
            text += review(found, titles, args.base)
            if said:
                text += "\n#### Att stanna vid\n\n" + "".join(f"- {markdown_text(c)}\n" for c in said)
    if args.summary:
        with args.summary.open("a", encoding="utf-8") as out:
            out.write(text)
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> int:
    try:
        status = run(argv)
        sys.stdout.flush()  # here, not at exit, so a closed pipe is caught below
        return status
    except BrokenPipeError:  # `validate.py | head`: the reader stopped reading, nothing went wrong here
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to flush at exit
        return 1  # not every line was read: never a pass
    except Exception as exc:  # noqa: BLE001 — a bug is said in one line; the switch shows the traceback
        if tracebacks_wanted():
            raise
        print(log_line(internal_error(exc).coded()), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
