"""A typo that parses must not become a headline: each new figure against the series' own
history, confirmed only in the data itself; and the review lists figures, not CSV lines.

The examples are Åstorp's September 2022 typed as a staff member would, appended to a copy
of the real data/astorp/forsorjningsstod.csv (`2022-09;250;180;1 602;;` is right).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PINNED, site_project

from macros.data.catalog import Catalog
from forked_python import run_python

REPO = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 22)
NB = "\u00a0"
CONFIRM = "Stämmer värdet ändå: skriv {}! (med utropstecken sist) för att bekräfta det; bekräftelsen syns i granskningen. [ovanligt-varde]"
AUGUST = f"Aug 2022 var det 1{NB}551 och sep 2021 1{NB}466; de senaste 12 månaderna låg mellan 1{NB}441 och 1{NB}925."


def astorp(root: Path, *rows: str, schema_change: tuple[str, str] | None = None) -> Catalog:
    """The real Åstorp series with `rows` added last (and the schema changed, if asked)."""
    target = root / "data" / "astorp"
    target.mkdir(parents=True)
    data = (PINNED / "astorp/forsorjningsstod.csv").read_text(encoding="utf-8")
    (target / "forsorjningsstod.csv").write_text(data + "".join(f"{r}\n" for r in rows), encoding="utf-8")
    schema = (PINNED / "astorp/forsorjningsstod.schema.yaml").read_text(encoding="utf-8")
    if schema_change:
        assert schema_change[0] in schema
        schema = schema.replace(*schema_change)
    (target / "forsorjningsstod.schema.yaml").write_text(schema, encoding="utf-8")
    return Catalog(root, today=TODAY)


def problems(catalog: Catalog) -> list[str]:
    return [str(p) for p in catalog.read("astorp/forsorjningsstod").problems]


def test_the_real_series_is_plausible(tmp_path):
    assert problems(astorp(tmp_path)) == []


def test_right_september_passes(tmp_path):
    assert problems(astorp(tmp_path, "2022-09;250;180;1 602;;")) == []


def test_thousands_written_with_a_comma(tmp_path):
    """`1,602` for 1 602 tkr reads as 1,602 tkr: it would publish "1,6 tkr ▼ (−99,9 %)"."""
    assert problems(astorp(tmp_path, "2022-09;250;180;1,602;;")) == [
        'data/astorp/forsorjningsstod.csv:22:4: Ovanligt värde 1,602 i kolumnen "utbetalt_tkr" (Utbetalt försörjningsstöd): '
        "99,9 % lägre än aug 2022, en tusendel av det vanliga och med decimaler, fast alla tidigare värden i kolumnen är heltal. "
        f"{AUGUST} Menade du 1{NB}602? Skriv i så fall 1{NB}602 utan komma eller punkt. {CONFIRM.format('1,602')}"
    ]


def test_two_columns_swapped(tmp_path):
    """Biståndstagare and utbetalt swapped would publish "Antal biståndstagare 1 602 ▲ (+482,5 %)"."""
    assert problems(astorp(tmp_path, "2022-09;1602;180;250;;")) == [
        'data/astorp/forsorjningsstod.csv:22:2: Ovanligt värde 1602 i kolumnen "bistandstagare" (Antal biståndstagare): '
        "570 % högre än aug 2022. Aug 2022 var det 239 och sep 2021 275; de senaste 12 månaderna låg mellan 234 och 295. "
        f'Värdena i kolumnerna "bistandstagare" och "utbetalt_tkr" verkar ha bytt plats: 1{NB}602 passar i "utbetalt_tkr" '
        f'och 250 i "bistandstagare". Kontrollera ordningen mot rubrikraden. {CONFIRM.format("1602")}',
        'data/astorp/forsorjningsstod.csv:22:4: Ovanligt värde 250 i kolumnen "utbetalt_tkr" (Utbetalt försörjningsstöd): '
        f'84 % lägre än aug 2022. {AUGUST} Värdena i kolumnerna "utbetalt_tkr" och "bistandstagare" verkar ha bytt plats: '
        f'250 passar i "bistandstagare" och 1{NB}602 i "utbetalt_tkr". Kontrollera ordningen mot rubrikraden. {CONFIRM.format("250")}',
    ]


@pytest.mark.parametrize("row, column, fix", [
    ("2022-09;2500;180;1 602;;", 2, "Menade du 250 (en nolla för mycket)?"),
    ("2022-09;25;180;1 602;;", 2, "Menade du 250 (en siffra för lite)?"),
    ("2022-09;250;0;1 602;;", 3, "Saknas uppgiften? Skriv x i stället för 0."),
])
def test_a_digit_too_many_or_too_few_or_a_zero(tmp_path, row, column, fix):
    found = problems(astorp(tmp_path, row))
    assert len(found) == 1 and found[0].startswith(f"data/astorp/forsorjningsstod.csv:22:{column}: Ovanligt värde")
    assert fix in found[0]


def test_a_confirmed_value_passes_and_is_recorded(tmp_path):
    catalog = astorp(tmp_path, "2022-09;1602!;180;250!;;")
    dataset = catalog.read("astorp/forsorjningsstod")
    assert problems(catalog) == []
    assert dataset.confirmed == {(20, "bistandstagare"), (20, "utbetalt_tkr")}
    assert dataset.frame["bistandstagare"].iloc[-1] == 1602  # the mark is not part of the value


def test_a_wider_limit_set_for_the_field_in_the_schema(tmp_path):
    """A series that really moves a lot gets a wider limit in its schema; the check stays on."""
    row = "2022-09;350;340;1 602;;"  # hushåll +93 % on August, +68 % on September 2021
    assert problems(astorp(tmp_path / "a", row))[0].startswith('data/astorp/forsorjningsstod.csv:22:3: Ovanligt värde 340 i kolumnen "hushall"')
    wider = ("    constraints: {required: true, minimum: 0}\n  - name: utbetalt_tkr",
             "    constraints: {required: true, minimum: 0}\n    plausibility: {max_change: 100}\n  - name: utbetalt_tkr")
    assert problems(astorp(tmp_path / "b", row, schema_change=wider)) == []
    ten_times = "2022-09;250;2500;1 602;;"
    assert "ungefär 10 gånger så stort som vanligt" in problems(astorp(tmp_path / "c", ten_times, schema_change=wider))[0]


# ------------------------------------------------------------ the review: figures against the base branch


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=env).stdout


@pytest.fixture
def repository(tmp_path) -> Path:
    """A git repository with the real data committed on main, then a pull request's changes."""
    shutil.copytree(site_project() / "data", tmp_path / "data")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "bas")
    data = tmp_path / "data/astorp/forsorjningsstod.csv"
    text = data.read_text(encoding="utf-8").replace("2022-08;239;176;", "2022-08;239;177;")
    data.write_text(text + "2022-09;1602!;180;250!;;\n", encoding="utf-8")
    goals = tmp_path / "data/lund/malupfyllelse-2022.csv"
    goals.write_text(goals.read_text(encoding="utf-8").replace("\nPraktik;", '\n<a href="https://x.example/">Praktik</a> **fet** |;'), encoding="utf-8")
    return tmp_path


def test_summary_lists_every_changed_figure_as_the_site_says_it(repository):
    result = run_python(
        [sys.executable, str(REPO / "scripts/validate.py"), "--root", str(repository), "--base", "main",
         "--summary", str(repository / "summary.md"), "--today", TODAY.isoformat()],
        capture_output=True, text=True, env={**os.environ, "GITHUB_ACTIONS": "true"}, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    notes = ("notering: ", "::notice ")  # the nämndrapport's planned measures, listed on every run
    assert [line for line in result.stdout.splitlines() if not any(n in line for n in notes)] == [
        "Nya och ändrade värden jämfört med main: 11",
        "  Antal hushåll aug 2022: 177 (var 176), 31 färre än i aug 2021",
        f"  Antal biståndstagare sep 2022: 1{NB}602, 1{NB}327 fler än i sep 2021 (bekräftat ovanligt värde)",
        "  Antal hushåll sep 2022: 180, 22 färre än i sep 2021",
        f"  Utbetalt försörjningsstöd sep 2022: 250{NB}tkr, 1{NB}216{NB}tkr lägre än i sep 2021 (bekräftat ovanligt värde)",
        f"  Försörjningsstöd per hushåll sep 2022: 1,4{NB}tkr, 5,9{NB}tkr lägre än i sep 2021",
        f"  Försörjningsstöd per biståndstagare sep 2022: 0,2{NB}tkr, 5,2{NB}tkr lägre än i sep 2021",
        '  Mål enligt källan, <a href="https://x.example/">Praktik</a> **fet** |: 100',
        '  Målvärde 2022, <a href="https://x.example/">Praktik</a> **fet** |: 100',
        '  Utfall t.o.m. 2022-08-31, <a href="https://x.example/">Praktik</a> **fet** |: 16',
        '  Kommer att klara målet, <a href="https://x.example/">Praktik</a> **fet** |: Osäkert',
        "  Delmål Praktik: raden är borttagen",
    ]
    summary = (repository / "summary.md").read_text(encoding="utf-8")
    assert "### Nya och ändrade värden jämfört med main" in summary
    assert "- Antal hushåll sep 2022\\: 180, 22 färre än i sep 2021\n" in summary
    assert f"- Antal biståndstagare sep 2022\\: 1{NB}602, 1{NB}327 fler än i sep 2021 **bekräftat ovanligt värde**\n" in summary
    assert "- *ändrad:* Antal hushåll aug 2022\\: 177 \\(var 176\\), 31 färre än i aug 2021\n" in summary
    # Markdown and HTML from data stay text: no tag, link, emphasis or table cell can form.
    assert "- Mål enligt källan, &lt;a href=\"https\u200b\\://x\\.example/\"&gt;Praktik&lt;/a&gt; \\*\\*fet\\*\\* \\|\\: 100\n" in summary
    assert "<a" not in summary and "**fet**" not in summary


def test_unknown_base_is_said_not_a_traceback(repository):
    result = run_python(
        [sys.executable, str(REPO / "scripts/validate.py"), "--root", str(repository), "--base", "origin/finnsinte"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "Jämförelsen med origin/finnsinte gick inte: Versionen 'origin/finnsinte' finns inte i den här klonen av förrådet. "
        "Hämta hela historiken (git fetch --unshallow, eller fetch-depth: 0 i arbetsflödet) och ange en gren som finns, "
        "till exempel origin/main. [version-finns-inte]"
    )


def test_review_stops_at_removed_months_and_several_new_months(tmp_path):
    """A published month taken away, or two months in one change (only the later becomes an edition):
    both are said to the reviewer, beside the figures."""
    shutil.copytree(site_project() / "data", tmp_path / "data")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "bas")
    data = tmp_path / "data/astorp/forsorjningsstod.csv"
    lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith("2021-01;")]
    data.write_text("".join(kept) + "2022-09;250;180;1 612;;\n2022-10;245;178;1 590;;\n", encoding="utf-8")
    result = run_python(
        [sys.executable, str(REPO / "scripts/validate.py"), "--root", str(tmp_path), "--base", "main",
         "--summary", str(tmp_path / "summary.md"), "--today", TODAY.isoformat()],
        capture_output=True, text=True, timeout=120,
    )
    said = [line for line in result.stdout.splitlines() if line.startswith("Observera: ")]
    assert said == [
        "Observera: Försörjningsstöd i Åstorp, nyckeltal per månad: publicerade månader tas bort (jan 2021). En publicerad "
        "månad ska stå kvar; är ett värde fel, rätta värdet i stället (rättelsen visas under Nytt och ändrat). [manader-borttagna]",
        "Observera: Försörjningsstöd i Åstorp, nyckeltal per månad: 2 nya månader i samma ändring (sep 2022, okt 2022). "
        "Bara den senaste blir en egen utgåva; lägg till en månad per ändring om varje månad ska få sin utgåva. [flera-nya-manader]",
    ]
    assert "#### Att stanna vid" in (tmp_path / "summary.md").read_text(encoding="utf-8")
