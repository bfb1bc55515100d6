"""The synthetic project the builds are timed on: real code, generated pages and data.

For N report pages it writes, in a temp folder (never in data/ or docs/):
organisations of 10 report pages each; per organisation three monthly datasets
(120 months, generated from the example fixture's tests/exempel/data/astorp/forsorjningsstod schema) and copies of
a budget table, goals, a breakdown and a comparison table. Every report page
calls every report macro and has six charts; the data page calls
`dataset_list`, the start page `report_list`. The project copies macros/,
overrides/, docs/assets/ and mkdocs.yml from one snapshot of the repo (others
may be editing it while the benchmark runs) and gets a nav shaped like
mkdocs.yml's: Start, Rapporter › organisation › reports, Om webbplatsen.

Each page is kept as parts (Markdown text and macro calls), so the same page can be
written as Jinja for the macro build and rendered in-process for the pre-rendered one.
"""

from __future__ import annotations

import csv
import io
import json
import math
import random
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
PAGES_PER_ORG = 10
MONTHLY_PER_ORG = 3
MONTHS = [f"{y}-{m:02d}" for y in range(2014, 2024) for m in range(1, 13)]  # 120 rows, all in the past
# The monthly datasets are generated from this one's schema; the others are copied per organisation.
MONTHLY_SOURCE = "tests/exempel/data/astorp/forsorjningsstod"
COPIED = {  # id in the synthetic site: file in the tests' example fixture (an adopted site keeps it)
    "driftsredovisning": "tests/exempel/data/katrineholm/driftsredovisning-t1-2019",  # budget_table, bar_chart, value(key=)
    "malupfyllelse": "tests/exempel/data/lund/malupfyllelse-2022",  # goal_table
    "anstallningar-typ": "tests/exempel/data/lund/anstallningar-med-stod-typ-2022",  # data_table(total), stacked bar_chart
    "nyckeltal": "tests/data/jamforelse/nyckeltal-nov-2023",  # kpi_cards on a comparison table
}
SNAPSHOT = ("macros", "overrides", "docs/assets", "mkdocs.yml")


# ---------------------------------------------------------------- pages as parts


@dataclass
class Call:
    """One macro call on a page: written as Jinja for the macro build, run in-process for the static one."""

    name: str
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)

    def jinja(self) -> str:
        parts = [repr(a) for a in self.args] + [f"{k}={v!r}" for k, v in self.kwargs.items()]
        return "{{ " + f"{self.name}({', '.join(parts)})" + " }}"

    def run(self, macros: dict):
        return macros[self.name](*self.args, **self.kwargs)


@dataclass
class Cond:
    """`{% if call %}body{% endif %}`: a section that appears when the call is true (has_dataset)."""

    call: Call
    body: list

    def jinja(self) -> str:
        return "{% if " + self.call.jinja()[3:-3] + " %}" + render_jinja(self.body) + "{% endif %}"

    def run(self, macros: dict) -> str:
        return render_static(self.body, macros) if self.call.run(macros) else ""


def render_jinja(parts: list) -> str:
    return "".join(p if isinstance(p, str) else p.jinja() for p in parts)


def render_static(parts: list, macros: dict) -> str:
    return "".join(p if isinstance(p, str) else str(p.run(macros)) for p in parts)


def calls_in(parts: list):
    for p in parts:
        if isinstance(p, Cond):
            yield p.call
            yield from calls_in(p.body)
        elif isinstance(p, Call):
            yield p


@dataclass
class Page:
    path: str  # relative to docs/, e.g. "kommun-000/rapport-01.md"
    title: str
    parts: list  # str (Markdown), Call or Cond

    @property
    def url(self) -> str:
        """`kommun-000/rapport-01/`, `` for index.md (as MkDocs makes it)."""
        return "" if self.path == "index.md" else self.path.removesuffix(".md") + "/"

    @property
    def has_charts(self) -> bool:
        return any(c.name.endswith("_chart") for c in calls_in(self.parts))


@dataclass
class Project:
    root: Path
    pages: list[Page]
    nav: list
    report_pages: int
    csv_files: int
    chart_calls: list[Call]  # every chart call of the site

    @property
    def report_urls(self) -> list[str]:
        return [p.url for p in self.pages if p.has_charts]


# ---------------------------------------------------------------- the repo's code, one copy per run


def snapshot(work: Path) -> Path:
    """Copy the code and the source data files once: the repo may change while the benchmark runs."""
    target = work / "snapshot"
    for name in SNAPSHOT:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(REPO / name, target / name)
    for source in [MONTHLY_SOURCE, *COPIED.values()]:
        (target / source).parent.mkdir(parents=True, exist_ok=True)
        for suffix in (".csv", ".schema.yaml"):
            shutil.copy(REPO / f"{source}{suffix}", target / f"{source}{suffix}")
    return target


def import_macros(snapshot_dir: Path):
    """The snapshot's macros package, imported in this process (the same code as every temp project).
    The benchmark's own tools (the local server and Chromium settings in macros/pages/local_browser.py)
    come from the repo; the code measured is the snapshot's, so the repo's package is set aside here."""
    if str(snapshot_dir) not in sys.path:
        sys.path.insert(0, str(snapshot_dir))
    for name in [n for n in sys.modules if n == "macros" or n.startswith("macros.")]:
        if not str(getattr(sys.modules[name], "__file__", "") or "").startswith(str(snapshot_dir)):
            del sys.modules[name]
    import macros  # noqa: PLC0415

    assert Path(macros.__file__).resolve().parent == (snapshot_dir / "macros").resolve(), macros.__file__
    return macros


# ---------------------------------------------------------------- data


def swedish_number(value: float, decimals: int = 0) -> str:
    """As staff write it in Swedish Excel: `1 661`, `8,1`, `−` written `-`."""
    text = f"{abs(value):,.{decimals}f}".replace(",", " ").replace(".", ",")
    return ("-" if value < 0 else "") + text


def typical_row(csv_text: str) -> dict[str, float]:
    """The source's first row, as numbers: the synthetic series keep its proportions (about 7 tkr
    per household), so their derived figures move as a real series' do and pass the plausibility checks."""
    header, first = list(csv.reader(io.StringIO(csv_text.lstrip("\ufeff")), delimiter=";"))[:2]
    return {
        name: float(text.replace(" ", "").replace(",", "."))
        for name, text in zip(header, first)
        if re.fullmatch(r"[0-9 ]+(,[0-9]+)?", text)
    }


def monthly_dataset(schema: dict, typical: dict[str, float], rng: random.Random, org_name: str, variant: int) -> tuple[dict, str]:
    """A 120-month dataset with the repo schema's fields, its levels in the proportions of `typical`
    (the source's first row) times a size; published derived columns computed from the rest."""
    from macros.data.formulas import Formula  # noqa: PLC0415 — the snapshot's, imported by make_project

    schema = json.loads(json.dumps(schema))  # a private copy
    schema["title"] = f"Försörjningsstöd i {org_name}, grupp {variant + 1}, nyckeltal per månad"
    schema["source"] = f"{org_name}, syntetiska uppgifter för prestandamätning"
    schema["owner"] = org_name
    fields = schema["fields"]
    published = {d["published"]: d for d in schema.get("derived", []) if d.get("published")}
    size = rng.uniform(0.7, 10)
    level = {f["name"]: typical[f["name"]] * size for f in fields if f.get("type") in ("integer", "number") and f["name"] not in published}
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow([f["name"] for f in fields])
    for index, month in enumerate(MONTHS):
        season = 1 + 0.08 * math.sin(2 * math.pi * (index % 12) / 12)
        values, row = {}, {}
        for f in fields:
            name, kind = f["name"], f.get("type", "string")
            if kind == "yearmonth":
                row[name] = month
            elif name in published:
                continue
            elif kind in ("integer", "number"):
                level[name] *= rng.uniform(0.985, 1.018)
                values[name] = round(level[name] * season * rng.uniform(0.96, 1.04))
                row[name] = swedish_number(values[name])
            else:
                row[name] = f"text {index}"
        for rule in schema.get("rules", []):  # the schema's row rules hold here too (recipients ≥ households)
            left, comparison, right = rule["check"].split()
            if comparison in (">=", ">") and values.get(left, 0) < values.get(right, 0) + (comparison == ">"):
                values[left] = values[right] + (comparison == ">")
                row[left] = swedish_number(values[left])
        for name, spec in published.items():
            places = spec.get("decimals", 1)
            try:
                figure = Formula(spec["formula"]).evaluate(values)
            except (KeyError, ZeroDivisionError):
                row[name] = "x"
                continue
            if rng.random() < 0.03:
                figure += 10**-places  # a misprint in the source: becomes a footnote
            row[name] = "x" if rng.random() < 0.02 else swedish_number(figure, places)
        writer.writerow([row[f["name"]] for f in fields])
    return schema, out.getvalue()


def measures_of(schema: dict) -> list[str]:
    published = {d.get("published") for d in schema.get("derived", [])}
    return [f["name"] for f in schema["fields"] if f.get("type") in ("integer", "number") and f["name"] not in published]


def with_role(schema: dict, role: str) -> str:
    """The budget column with this role (outcome, budget), as the schema declares it."""
    return next(f["name"] for f in schema["fields"] + schema.get("derived", []) if f.get("role") == role)


def first_key(csv_text: str) -> str:
    rows = list(csv.reader(io.StringIO(csv_text.lstrip("\ufeff")), delimiter=";"))
    return rows[1][0]


# ---------------------------------------------------------------- pages


def report_page(org: str, org_name: str, number: int, monthly: str, m: list[str], budget: dict, breakdown: list[str]) -> Page:
    """A report page that uses every report macro and has six charts."""
    B, G, A, C = (f"{org}/{name}" for name in ("driftsredovisning", "malupfyllelse", "anstallningar-typ", "nyckeltal"))
    charts = [
        Call("year_chart", (monthly, m[1])),
        Call("year_chart", (monthly, m[2]), {"years": [2021, 2022, 2023]}),
        Call("series_chart", (monthly, [m[0], m[1]])),
        Call("series_chart", (monthly, [m[2]])),
        Call("bar_chart", (B, budget["bars"])),
        Call("bar_chart", (A, breakdown), {"stacked": True}),
    ]
    title = f"Uppföljning {number + 1} för {org_name}"
    parts = [
        f"---\norganisation: {org_name}\nperiod: {MONTHS[0]}–{MONTHS[-1]}\ndatum: 2024-01-31\ntitle: {title}\n"
        f"description: Syntetisk rapport för prestandamätning.\n---\n# {title}\n\n",
        "Kommunen följer upp försörjningsstödet och arbetsmarknadsinsatserna varje månad.\n\n",
        Call("kpi_cards", (monthly, m[:3])), "\n\n## Kort sammanfattning\n\nI ",
        Call("period_name", (monthly,)), " (", Call("period_name", (monthly,), {"style": "short"}), ") fick ",
        Call("value", (monthly, m[1])), " hushåll försörjningsstöd, det är ", Call("change", (monthly, m[1])),
        ". Sammanlagt betalades ", Call("value", (monthly, m[2])), " ut. Utfallet för ",
        budget["key"].lower(), " var ", Call("value", (B, budget["bars"][0]), {"key": budget["key"]}),
        " och för hela nämnden ", Call("total", (B, budget["bars"][0])), ".\n\n",
        Cond(Call("has_dataset", (C,)), ["## Nyckeltal jämfört med året innan\n\n", Call("kpi_cards", (C,)), "\n\n"]),
        "## Per månad och år\n\n", charts[0], "\n\n", charts[1], "\n\n",
        "## Över tid\n\n", charts[2], "\n\n", charts[3], "\n\n",
        "## Ekonomi\n\n", Call("budget_table", (B,)), "\n\n", charts[4], "\n\n",
        "## Anställningar med stöd\n\n", Call("data_table", (A,), {"total": True}), "\n\n", charts[5], "\n\n",
        "## Mål\n\n", Call("goal_table", (G,)), "\n\n",
        "## Nyckeltal per månad\n\n", Call("month_table", (monthly,)), "\n",
    ]
    return Page(f"{org}/rapport-{number + 1:02d}.md", title, parts)


def about_pages() -> list[Page]:
    """The start page, the data page and the site's own pages, as in mkdocs.yml's nav."""
    def text(title: str, body: list) -> list:
        return [f"---\ntitle: {title}\n---\n# {title}\n\n", *body]

    return [
        Page("index.md", "Start", text("Syntetisk webbplats för prestandamätning", ["## Rapporter\n\n", Call("report_list"), "\n"])),
        Page("data.md", "Data att ladda ner", text("Data att ladda ner", [Call("dataset_list"), "\n"])),
        Page("om-statistiken.md", "Om statistiken", text("Om statistiken", ["Syntetiska uppgifter.\n"])),
        Page("tillganglighet.md", "Tillgänglighetsredogörelse", text("Tillgänglighetsredogörelse", ["Text.\n"])),
    ]


def make_project(root: Path, snapshot_dir: Path, report_pages: int, seed: int = 1) -> Project:
    """Write a synthetic project in `root`: data/, docs/ (own pages), mkdocs.yml with a generated nav."""
    rng = random.Random(seed)
    import_macros(snapshot_dir)  # the formulas below are evaluated by the snapshot's own formula module
    for name in ("macros", "overrides"):
        shutil.copytree(snapshot_dir / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(snapshot_dir / "docs" / "assets", root / "docs" / "assets")
    monthly_schema = yaml.safe_load((snapshot_dir / f"{MONTHLY_SOURCE}.schema.yaml").read_text(encoding="utf-8"))
    typical = typical_row((snapshot_dir / f"{MONTHLY_SOURCE}.csv").read_text(encoding="utf-8-sig"))
    copied = {
        name: (
            yaml.safe_load((snapshot_dir / f"{source}.schema.yaml").read_text(encoding="utf-8")),
            (snapshot_dir / f"{source}.csv").read_text(encoding="utf-8-sig"),
        )
        for name, source in COPIED.items()
    }
    budget_schema, budget_csv = copied["driftsredovisning"]
    budget = {"bars": [with_role(budget_schema, "outcome"), with_role(budget_schema, "budget")], "key": first_key(budget_csv)}
    breakdown = measures_of(copied["anstallningar-typ"][0])[:2]
    m = measures_of(monthly_schema)  # a count of people, of households, an amount (as in forsorjningsstöd)
    pages, nav_reports, chart_calls, csv_files = [], [], [], 0
    for o in range(math.ceil(report_pages / PAGES_PER_ORG)):
        org, org_name = f"kommun-{o:03d}", f"Kommun {o:03d}"
        data_dir = root / "data" / org
        data_dir.mkdir(parents=True)
        for k in range(MONTHLY_PER_ORG):
            schema, text = monthly_dataset(monthly_schema, typical, rng, org_name, k)
            (data_dir / f"forsorjningsstod-{k + 1}.csv").write_text(text, encoding="utf-8")
            (data_dir / f"forsorjningsstod-{k + 1}.schema.yaml").write_text(
                yaml.safe_dump(schema, allow_unicode=True, sort_keys=False), encoding="utf-8"
            )
            csv_files += 1
        for name, (schema, text) in copied.items():
            schema = dict(schema, title=f"{schema['title']} ({org_name})")
            (data_dir / f"{name}.csv").write_text(text, encoding="utf-8")
            (data_dir / f"{name}.schema.yaml").write_text(yaml.safe_dump(schema, allow_unicode=True, sort_keys=False), encoding="utf-8")
            csv_files += 1
        section = []
        for r in range(min(PAGES_PER_ORG, report_pages - o * PAGES_PER_ORG)):
            monthly = f"{org}/forsorjningsstod-{r % MONTHLY_PER_ORG + 1}"
            page = report_page(org, org_name, r, monthly, m, budget, breakdown)
            pages.append(page)
            chart_calls += [c for c in calls_in(page.parts) if c.name.endswith("_chart")]
            section.append({page.title: page.path})
        nav_reports.append({org_name: section})
    about = about_pages()
    pages += about
    titles = {p.path: p.title for p in about}
    nav = [
        {"Start": "index.md"},
        {"Rapporter": nav_reports},  # as mkdocs.yml: one subsection per organisation
        {"Om webbplatsen": [{titles[p]: p} for p in ("data.md", "om-statistiken.md", "tillganglighet.md")]},
    ]
    for page in pages:
        target = root / "docs" / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_jinja(page.parts), encoding="utf-8")
    write_config(root, snapshot_dir, nav, "mkdocs.yml", "docs", macros=True)
    # The data's last change date comes from git, as on the real site.
    git = ["git", "-c", "user.name=benchmark", "-c", "user.email=benchmark@example.invalid", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "data"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "data"], cwd=root, check=True)
    return Project(root, pages, nav, report_pages, csv_files, chart_calls)


def write_config(root: Path, snapshot_dir: Path, nav: list, name: str, docs_dir: str, macros: bool) -> Path:
    """The repo's mkdocs.yml with the synthetic nav; without the macros plugin for the pre-rendered build."""
    config = yaml.safe_load((snapshot_dir / "mkdocs.yml").read_text(encoding="utf-8"))
    config["nav"] = nav
    config["docs_dir"] = docs_dir
    config.pop("watch", None)
    if not macros:
        config["plugins"] = [p for p in config.get("plugins", []) if not (p == "macros" or (isinstance(p, dict) and "macros" in p))]
        # The macros plugin adds Swedish hyphenation to Markdown's headings; the pre-rendered build needs it too.
        config["markdown_extensions"] = [*config.get("markdown_extensions", []), "macros.render.hyphenation"]
    target = root / name
    target.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target
