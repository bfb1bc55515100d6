"""A column renamed after a published correction and a rebase (adv17e fault 56): September's households were
corrected 180 → 181 and published, main was rebased (`git rebase --force-rebase`, new commit ids and committer
dates) and force-pushed and published, then staff renamed the column hushall → antal_hushall in the CSV, the
schema and the page (the same title). The living page keeps marking 181 as corrected, with the date it was
published, as "Nytt och ändrat" keeps listing 180 → 181."""

from __future__ import annotations

import os
import subprocess

import pytest
from bs4 import BeautifulSoup

from .conftest import DATA, GIT_ENV, ok

pytestmark = pytest.mark.slow

MARKED = "I september 2022 fick 181 (rättad 1 oktober 2022, tidigare 180) hushåll"


def text(path) -> str:
    return " ".join(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text(" ", strip=True).replace("\xad", "").split())


def test_a_column_renamed_after_a_rebase_keeps_the_published_corrections_mark(remote):
    data = remote.work / DATA
    data.write_text(data.read_text(encoding="utf-8").replace("2022-09;250;180;", "2022-09;250;181;"), encoding="utf-8")
    remote.commit("Åstorp: september rättad")
    remote.push()
    ok(remote.publish())
    assert MARKED in text(remote.site / "astorp/index.html")
    subprocess.run(
        ["git", "rebase", "--quiet", "--force-rebase", "HEAD~2"], cwd=remote.work, check=True, capture_output=True,
        env={**os.environ, **GIT_ENV, "GIT_COMMITTER_DATE": "2022-11-20T10:00:00+01:00"},
    )
    remote.push("--force")
    ok(remote.publish())
    assert MARKED in text(remote.site / "astorp/index.html")
    data.write_text(data.read_text(encoding="utf-8").replace(";hushall;", ";antal_hushall;", 1), encoding="utf-8")
    schema = data.with_name("forsorjningsstod.schema.yaml")
    said = schema.read_text(encoding="utf-8").replace("- name: hushall\n", "- name: antal_hushall\n")
    schema.write_text(said.replace("/ hushall", "/ antal_hushall").replace(">= hushall", ">= antal_hushall"), encoding="utf-8")
    page = remote.work / "docs/astorp.md"
    page.write_text(page.read_text(encoding="utf-8").replace('"hushall"', '"antal_hushall"'), encoding="utf-8")
    remote.commit("Åstorp: kolumnen hushall heter antal_hushall")
    remote.push()
    ok(remote.publish())
    assert MARKED in text(remote.site / "astorp/index.html")
    assert "Antal hushåll, september 2022: 180 → 181" in text(remote.site / "nytt-och-andrat/index.html")
