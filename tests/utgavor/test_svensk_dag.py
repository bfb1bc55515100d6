"""Dates a reader reads, or a rule compares, are the Swedish calendar day of the moment: staff and
readers live in Sweden, GitHub's runners in UTC. A commit at 23:30 UTC on 7 December (22:30 in
July) was made on the 8th in Sweden, and its edition, its entry on "Nytt och ändrat" and in the feed
say so (they said the 7th: the commit time's own day); a correction dated the Swedish today is
accepted at 23:30 UTC (it was "in the future")."""

from __future__ import annotations

import os
import re
import subprocess

import pytest
from bs4 import BeautifulSoup

from macros.pages.record import read_notices

from .conftest import DATA, GIT_ENV, ROWS, git, ok
from .test_flodet_efter_omskrivning import entries, listed
from .test_samma_dag import EDITIONS


def commit_at(remote, message: str, when: str) -> None:
    git(remote.work, "add", "-A")
    subprocess.run(["git", "commit", "--quiet", "-m", message], cwd=remote.work, check=True, capture_output=True,
                   env={**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when})


def words(html) -> str:
    return " ".join(html.get_text(" ", strip=True).replace("\u00a0", " ").replace("\u00ad", "").split())


@pytest.mark.slow
@pytest.mark.parametrize(("october", "july", "day", "iso"), [
    ("2026-12-07T23:30:00+00:00", "2026-12-07T23:40:00+00:00", "8 december 2026", "2026-12-08"),  # winter: UTC+1
    ("2026-07-07T22:30:00+00:00", "2026-07-07T22:40:00+00:00", "8 juli 2026", "2026-07-08"),  # summer: UTC+2
], ids=["vinter", "sommar"])
def test_a_commit_late_in_the_utc_evening_is_published_on_the_swedish_day(remote, october, july, day, iso):
    data = remote.work / DATA
    data.write_text(data.read_text(encoding="utf-8") + ROWS["2022-10"] + "\n", encoding="utf-8")
    commit_at(remote, "Åstorp: oktober 2022", october)
    data.write_text(data.read_text(encoding="utf-8").replace("2022-07;234;167;", "2022-07;234;169;"), encoding="utf-8")
    commit_at(remote, "Åstorp: efterregistrering juli 2022", july)
    remote.push()
    ok(remote.publish())
    site = remote.site
    edition = BeautifulSoup((site / "astorp/utgavor/2022-10/index.html").read_text(encoding="utf-8"), "html.parser")
    assert f"Utgåva oktober 2022 Publicerad {day}." in words(edition)
    recorded = git(remote.ci, "show", "origin/publicerat:astorp/utgavor/2022-10/utgava.json")
    assert f'"publicerad": "{iso}"' in recorded
    assert f"rättad {day}, tidigare 167" in words(BeautifulSoup((site / "astorp/index.html").read_text(encoding="utf-8"), "html.parser"))
    assert listed(site, "utgava-astorp-2022-10").startswith(f"{day} : Ny utgåva: Försörjningsstöd i Åstorp: oktober 2022 ")
    changes = (site / "nytt-och-andrat/index.html").read_text(encoding="utf-8")
    assert changes.count(f'<time datetime="{iso}">{day}</time>') == 2, changes
    feed = entries(site)
    assert f"<summary type=\"text\">Ny utgåva publicerad {day}." in feed["Försörjningsstöd i Åstorp: oktober 2022"]
    assert re.search(f"<summary type=\"text\">Rättat {day}: Antal hushåll, juli 2022: 167 → 169;", "".join(feed.values()))


def act(date: str) -> str:
    return f"- utgava: astorp/utgavor/2022-09/\n  typ: rattelse\n  datum: {date}\n  anledning: Hushållen var 181.\n"


@pytest.mark.parametrize(("clock", "today"), [
    ("2099-12-07T23:30:00+00:00", "2099-12-08"),  # winter: 00:30 on the 8th in Sweden
    ("2099-07-07T22:30:00+00:00", "2099-07-08"),  # summer: 00:30 on the 8th
], ids=["vinter", "sommar"])
def test_a_correction_dated_the_swedish_today_is_accepted_late_in_the_utc_evening(tmp_path, monkeypatch, clock, today):
    """The build's clock (RAPPORT_KLOCKA, an ISO moment) is 23:30 UTC; staff write Sweden's date."""
    monkeypatch.setenv("RAPPORT_KLOCKA", clock)
    (tmp_path / "rattelser.yaml").write_text(act(today), encoding="utf-8")
    found, problems = read_notices(tmp_path, EDITIONS, {"astorp/": "Åstorp"}, {"astorp/"})
    assert [str(p) for p in problems] == []
    assert [n.date for n in found] == [today]


def test_the_next_swedish_day_is_still_the_future_a_minute_before_swedish_midnight(tmp_path, monkeypatch):
    monkeypatch.setenv("RAPPORT_KLOCKA", "2099-12-07T22:59:00+00:00")  # 23:59 on the 7th in Sweden
    (tmp_path / "rattelser.yaml").write_text(act("2099-12-08"), encoding="utf-8")
    _found, problems = read_notices(tmp_path, EDITIONS, {"astorp/": "Åstorp"}, {"astorp/"})
    assert [str(p) for p in problems] == [
        "rattelser.yaml:3:1: datum: 2099-12-08 ligger efter i dag (2099-12-07). En indragning eller rättelse gäller "
        "från den dag den skrivs in: skriv dagens datum (eller dagen då beslutet fattades). [rattelse-datum-framtid]"
    ]


def test_the_data_checks_today_is_the_swedish_day(tmp_path, monkeypatch):
    """At 23:30 UTC on 30 November it is 1 December in Sweden: November is over and may be added."""
    from macros.data.catalog import Catalog

    monkeypatch.setenv("RAPPORT_KLOCKA", "2099-11-30T23:30:00+00:00")
    assert Catalog(tmp_path).today.isoformat() == "2099-12-01"
