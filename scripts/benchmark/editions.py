"""Editions: what publishing a one-row update costs when every report has many past editions.

For each size a synthetic project is made in the work folder (never in data/ or docs/):
`pages` monthly report pages, each following its own dataset, and a git history in
which every report gets `editions` past months (one commit per month adding a row to
every dataset, written with `git fast-import`). Beside it, the record of published editions
(branch `publicerat`, macros/data/record.py) as the publish workflow leaves it after those
months: every period of every report, one record commit per month, also written with
`git fast-import`. Its files are copies of ONE edition rendered for real (a one-page project
built with the record switch on), with the report, dataset, title, period and publication
fields changed for each; so the record of 1 000 pages × 100 months is written in seconds
instead of rendering 100 000 editions. The site is built once (reads the record, fills
`.cache-utgavor/`, as CI restores it) and once unchanged; then one row is added to one
dataset in one commit, as staff do, and that build is timed: the figure a publication costs
(median of five such updates, each in another report, by CPU time: the machine is shared).
The budget compares it with 100 and with 10 past editions, side by side: both histories are
made and warmed first, then their updates alternate, so each gets the same machine load.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from macros.data.record import ARTICLE, BRANCH, META
from macros.formats import swedish

REPO = Path(__file__).resolve().parents[2]
PAGES_PER_ORG = 10
BASE_MONTHS = 24  # rows every dataset has before its first edition (with the most past editions measured)
UPDATES = 5  # one-row updates timed per history, alternating between the histories of a size (median by CPU time)
FIRST_MONTH = (2010, 1)
SCHEMA = REPO / "tests/exempel/data/astorp/forsorjningsstod.schema.yaml"  # the example fixture, kept by an adopted site
PUBLISHED = re.compile(r"Utgåvor: (\d+) publicerade, (\d+) nyrenderade, \d+ PDF utskrivna, \d+ nya i arkivet(?:, [^(]*)? \((.*)\)\.")

PAGE = """---
organisation: Kommun {org}
manadsserie: {dataset}
title: Försörjningsstöd i kommun {org}, grupp {number}
description: Syntetisk rapport för mätningen.
---
# Försörjningsstöd i kommun {org}, grupp {number}

*Uppföljning t.o.m. {{{{ period_name("{dataset}") }}}}*

{{{{ kpi_cards("{dataset}", ["hushall", "utbetalt_tkr"]) }}}}

## Hushåll per månad

{{{{ year_chart("{dataset}", "hushall") }}}}

## Nyckeltal

{{{{ month_table("{dataset}") }}}}

## Utgåvor

{{{{ editions_list() }}}}
"""


def month(index: int) -> str:
    year, first = FIRST_MONTH
    total = first - 1 + index
    return f"{year + total // 12}-{total % 12 + 1:02d}"


def row(report: int, index: int) -> str:
    """The same figures for every report and month: each synthetic edition is a copy of one rendered edition
    (`write_record`), and the build checks every figure a recorded edition shows against its data (a copy that
    showed another report's or month's figures would be refused as made up, pages/record._article_forged)."""
    households, recipients, paid = 176, 228, 1551
    return f"{month(index)};{recipients};{households};{paid};;"


def csv_text(report: int, rows: int) -> str:
    header = "manad;bistandstagare;hushall;utbetalt_tkr;publicerat_tkr_per_hushall;publicerat_tkr_per_bistandstagare"
    return "\n".join([header] + [row(report, i) for i in range(rows)]) + "\n"


def dataset_id(report: int) -> str:
    return f"org{report // PAGES_PER_ORG:03d}/serie{report % PAGES_PER_ORG}"


def project_files(pages: int) -> dict[str, bytes]:
    """Every file of the synthetic project but the data: code, config, pages."""
    files: dict[str, bytes] = {}
    for folder in ("macros", "overrides", "docs/assets"):
        for path in sorted((REPO / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                files[path.relative_to(REPO).as_posix()] = path.read_bytes()
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    organisations = []
    for org in range(0, pages, PAGES_PER_ORG):
        reports = [{f"Grupp {i % PAGES_PER_ORG + 1}": f"org{org // PAGES_PER_ORG:03d}/rapport{i % PAGES_PER_ORG}.md"}
                   for i in range(org, min(org + PAGES_PER_ORG, pages))]
        organisations.append({f"Kommun {org // PAGES_PER_ORG + 1}": reports})
    config["nav"] = [{"Start": "index.md"}, {"Rapporter": organisations}, {"Nytt och ändrat": "nytt-och-andrat.md"}]
    config["watch"] = []
    files["mkdocs.yml"] = yaml.safe_dump(config, allow_unicode=True, sort_keys=False).encode()
    files["docs/index.md"] = b"# Start\n\n{{ report_list() }}\n"
    files["docs/nytt-och-andrat.md"] = (REPO / "docs/nytt-och-andrat.md").read_bytes()
    files[".gitignore"] = b".cache/\n.cache-utgavor/\nsite/\n"
    for report in range(pages):
        org, number = report // PAGES_PER_ORG, report % PAGES_PER_ORG
        files[f"docs/org{org:03d}/rapport{number}.md"] = PAGE.format(org=org + 1, number=number + 1, dataset=dataset_id(report)).encode()
        files[f"data/{dataset_id(report)}.schema.yaml"] = SCHEMA.read_bytes()
    return files


def synthetic_repository(root: Path, pages: int, editions: int, base: int = BASE_MONTHS) -> Path:
    """A git repository: the project, then `editions` monthly commits that each add a row to every
    dataset. Each report then has `editions` past editions and one current."""
    root.mkdir(parents=True)
    subprocess.run(["git", "init", "--quiet", "-b", "main", str(root)], check=True)
    stream = bytearray()
    timestamp = 1_600_000_000

    def commit(message: str, files: dict[str, bytes]) -> None:
        nonlocal timestamp
        timestamp += 86_400
        stream.extend(f"commit refs/heads/main\ncommitter Mätning <matning@example.invalid> {timestamp} +0100\n".encode())
        body = message.encode()
        stream.extend(b"data %d\n%s\n" % (len(body), body))
        for path, content in files.items():
            stream.extend(f"M 100644 inline {path}\n".encode())
            stream.extend(b"data %d\n%s\n" % (len(content), content))

    first = project_files(pages)
    first.update({f"data/{dataset_id(r)}.csv": csv_text(r, base).encode() for r in range(pages)})
    commit("Första utgåvan", first)
    for k in range(1, editions + 1):
        commit(f"Månad {month(base + k - 1)}", {f"data/{dataset_id(r)}.csv": csv_text(r, base + k).encode() for r in range(pages)})
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=bytes(stream), check=True)
    subprocess.run(["git", "checkout", "--quiet", "-f", "main"], cwd=root, check=True)
    return root


def main_commits(root: Path) -> list[tuple[str, str, str]]:
    """(sha, ISO time, date) of every commit on main, oldest first: commit k publishes month k."""
    out = subprocess.run(["git", "log", "--first-parent", "--reverse", "--format=%H %cI %cs", "main"],
                         cwd=root, capture_output=True, text=True, check=True).stdout
    return [tuple(line.split()) for line in out.splitlines()]


def template_edition(work: Path) -> dict:
    """One edition rendered and recorded for real: a one-page project with one past month, built
    with the record switch on (RAPPORT_ARKIV=1, as the publish workflow). Its oldest edition's
    files (utgava.json, artikel.html, chart CSVs) are the pattern of every synthetic one."""
    root = synthetic_repository(work / "mall", 1, 1)
    build(root, {"RAPPORT_ARKIV": "1", "RAPPORT_NYTT_ARKIV": "1"})  # a first publication starts the record
    git = lambda *args: subprocess.run(["git", *args], cwd=root, capture_output=True, check=True).stdout  # noqa: E731
    folders: dict[str, dict[str, bytes]] = {}
    for entry in filter(None, git("ls-tree", "-r", "-z", BRANCH).split(b"\0")):
        info, _, path = entry.decode().partition("\t")
        folder, _, name = path.rpartition("/")
        folders.setdefault(folder + "/", {})[name] = git("cat-file", "blob", info.split()[2])
    folder = min(folders)  # the oldest period
    meta = json.loads(folders[folder][META])
    template = {"folder": folder, "meta": meta, "files": folders[folder]}
    shutil.rmtree(root, ignore_errors=True)
    return template


def write_record(root: Path, pages: int, editions: int, template: dict, base: int = BASE_MONTHS) -> None:
    """The branch `publicerat` after `editions` + 1 published months, as the publishing writes it
    (macros/data/record.py): an empty first commit without parents, then one record commit per
    month adding that month's edition of every report, its second parent the commit on main that
    was built; each edition a copy of the template with its own report, dataset, title, period and
    publication (commit, date, time). The first `editions` + 1 commits of main are the months."""
    meta = template["meta"]
    dataset = dataset_id(0)
    commits = main_commits(root)[: editions + 1]
    first = int(dt.datetime.fromisoformat(commits[0][1]).timestamp()) - 60
    stream = bytearray(f"commit refs/heads/{BRANCH}\ncommitter Publiceringen <publicering@invalid> {first} +0100\n".encode())
    stream.extend(b"data 16\nArkivet startas\n\n")
    for k, (sha, iso_time, date) in enumerate(commits):
        period = month(base - 1 + k)
        timestamp = int(dt.datetime.fromisoformat(iso_time).timestamp())
        stream.extend(f"commit refs/heads/{BRANCH}\ncommitter Publiceringen <publicering@invalid> {timestamp} +0100\n".encode())
        body = f"Utgåvor publicerade: {period}".encode()
        stream.extend(b"data %d\n%s\n" % (len(body), body))
        stream.extend(f"merge {sha}\n".encode())  # the commit on main that was built
        for report in range(pages):
            org, number = report // PAGES_PER_ORG, report % PAGES_PER_ORG
            report_url = f"org{org:03d}/rapport{number}/"
            changes = [  # longest first: the template's title contains its report's names
                (meta["titel"], f"Försörjningsstöd i kommun {org + 1}, grupp {number + 1}"),
                (meta["periodnamn"], swedish.month_long(period)), (meta["period"], period),
                (meta["rapport"], report_url), (meta["sida"], f"org{org:03d}/rapport{number}.md"),
                (dataset, dataset_id(report)),
            ]

            def adapt(text: str) -> str:
                for old, new in changes:
                    text = text.replace(old, new)
                return text

            folder = adapt(template["folder"])
            files = {}
            for name, content in template["files"].items():
                try:
                    files[adapt(name)] = adapt(content.decode("utf-8")).encode("utf-8")
                except UnicodeDecodeError:  # a PDF: the same bytes
                    files[adapt(name)] = content
            facts = json.loads(files[META])
            facts.update(publicerad=date, publicerad_tid=iso_time, incheckning=sha)
            files[META] = (json.dumps(facts, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()
            for name, content in sorted(files.items()):
                stream.extend(f"M 100644 inline {folder}{name}\n".encode())
                stream.extend(b"data %d\n%s\n" % (len(content), content))
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=bytes(stream), check=True)


def build(root: Path, env: dict | None = None) -> dict:
    """`mkdocs build` (which writes the editions after the pages), timed: wall and CPU seconds."""
    log = root / "build.log"
    with open(log, "wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"], cwd=root, stdout=out, stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    text = log.read_text(encoding="utf-8", errors="replace")
    if os.waitstatus_to_exitcode(status):
        raise RuntimeError(text[-3000:])
    found = PUBLISHED.search(text)
    steps = dict((k, float(v.removesuffix(" s"))) for k, v in (part.split(" ", 1) for part in found.group(3).split(", ")))
    return {
        "seconds": round(seconds, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "editions": int(found.group(1)), "rendered": int(found.group(2)), "steps": steps,
    }


def one_row_update(root: Path, report: int = 0) -> dict:
    """Staff add the next month to one dataset in one commit; the site is built again."""
    path = root / "data" / f"{dataset_id(report)}.csv"
    rows = len(path.read_text(encoding="utf-8").splitlines()) - 1
    with path.open("a", encoding="utf-8") as out:
        out.write(row(report, rows) + "\n")
    subprocess.run(["git", "-c", "user.name=Mätning", "-c", "user.email=m@example.invalid", "commit", "--quiet", "-am", "En ny rad"], cwd=root, check=True)
    return build(root)


def prepare(pages: int, editions: int, work: Path, template: dict, most: int | None = None) -> dict:
    """Synthetic history and record with `editions` past editions per report, cache warmed (a first
    build and an unchanged one). Every dataset has the same number of rows at the update whatever the
    number of past editions (`most`: the most measured; fewer past editions start from more rows), so
    what is compared is the editions, not longer data."""
    started = time.perf_counter()
    base = BASE_MONTHS + max(0, (most or editions) - editions)
    root = synthetic_repository(work / f"p{pages}-e{editions}", pages, editions, base)
    write_record(root, pages, editions, template, base)
    written = round(time.perf_counter() - started, 1)
    print(f"editions: {pages} pages, {editions} past editions each: history and record written in {written} s", flush=True)
    started = time.perf_counter()
    cold = build(root)
    warm = build(root)  # nothing changed: everything from the cache
    return {
        "pages": pages, "past_editions": editions, "written_s": written, "setup_s": round(time.perf_counter() - started, 1),
        "cold": cold, "unchanged": warm, "updates": [], "root": root,
    }


def update_side_by_side(prepared: list[dict], updates: int = UPDATES) -> None:
    """One-row updates in each prepared history, alternating (10, 100, 100, 10, 10, 100, …: each
    history's builds get the same machine load on average), each in another report; the median by CPU time."""
    for k in range(updates):
        for figures in (prepared if k % 2 == 0 else prepared[::-1]):
            figures["updates"].append(one_row_update(figures["root"], k))
    for figures in prepared:
        figures["one_row_update"] = sorted(figures["updates"], key=lambda u: u["cpu_s"])[len(figures["updates"]) // 2]


def measure(pages: int, editions: int, work: Path, template: dict, most: int | None = None) -> dict:
    """One history prepared and its one-row updates timed (`measure_sizes` compares histories side by side)."""
    figures = prepare(pages, editions, work, template, most)
    update_side_by_side([figures])
    figures.pop("root")
    return figures


def measure_sizes(work: Path, sizes: list[int], past: tuple[int, ...] = (10, 100), many_up_to: int | None = None,
                  large_past: int | None = None, updates: int = UPDATES) -> dict:
    """{"runs": [every size × past editions], "update_s": {"10": s, "100": s} at the largest size with
    both}. Sizes above `many_up_to` pages are measured with `large_past` past editions only (default:
    the fewest; None for `many_up_to`: every size with every number of past editions). At each size
    every history is prepared first, then their one-row updates alternate (side by side, the same
    load for each), `updates` in each."""
    large_past = min(past) if large_past is None else large_past
    runs = []
    template = template_edition(work)
    for pages in sizes:
        measured = [e for e in past if many_up_to is None or pages <= many_up_to or e == large_past]
        prepared = [prepare(pages, editions, work, template, max(past)) for editions in measured]
        update_side_by_side(prepared, updates)
        for figures in prepared:
            update = figures["one_row_update"]
            print(
                f"editions: {pages} pages, {figures['past_editions']} past editions each: cold {figures['cold']['seconds']} s, "
                f"unchanged {figures['unchanged']['seconds']} s, one-row update {update['seconds']} s wall, {update['cpu_s']} s CPU "
                f"(every update: {', '.join(str(u['cpu_s']) for u in figures['updates'])} s CPU; "
                f"{update['rendered']} rendered, {update['editions']} placed; {update['steps']})",
                flush=True,
            )
            shutil.rmtree(figures.pop("root"), ignore_errors=True)
            runs.append(figures)
    complete = [n for n in sizes if sum(r["pages"] == n for r in runs) == len(set(past))]
    if not complete:  # only sizes measured with the fewest past editions (the largest that fit)
        return {"runs": runs, "update_s": {}, "compared_at": None}
    both = max(complete)
    compared = {r["past_editions"]: r["one_row_update"] for r in runs if r["pages"] == both}
    few, many = min(compared), max(compared)
    print(
        f"editions: one-row update at {both} pages: {compared[few]['cpu_s']} s CPU ({compared[few]['seconds']} s wall) with {few} "
        f"past editions, {compared[many]['cpu_s']} s CPU ({compared[many]['seconds']} s wall) with {many}: "
        f"{compared[many]['cpu_s'] / compared[few]['cpu_s']:.2f}× CPU, {compared[many]['seconds'] / compared[few]['seconds']:.2f}× wall",
        flush=True,
    )
    return {
        "runs": runs,
        "update_s": {str(r["past_editions"]): r["one_row_update"]["cpu_s"] for r in runs if r["pages"] == both},
        "compared_at": both,
    }
