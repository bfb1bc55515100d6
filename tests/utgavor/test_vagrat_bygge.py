"""A refused build adds nothing to the record, and what staff write in rattelser.yaml is refused there,
at its line, when it could not be published as written (adv17b: faults 9–11, 82, 85)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from macros.pages.record import read_notices

from .conftest import build, git

SEEN = ".cache-utgavor/arkiv-sett.txt"


def record_state(remote) -> tuple[str, str, str]:
    """GitHub's record, the workflow clone's local branch and what its cache says it last saw."""
    seen = remote.ci / SEEN
    return (
        git(remote.bare, "rev-parse", "refs/heads/publicerat").strip(),
        git(remote.ci, "rev-parse", "--verify", "--quiet", "refs/heads/publicerat", check=False).strip(),
        seen.read_text(encoding="utf-8") if seen.exists() else "",
    )


@pytest.mark.slow
def test_a_build_refused_after_the_pages_were_built_adds_nothing_to_the_record(remote):
    """F10/F11: the check that no page shows Markdown ran after the record was written; a refused
    build left a commit in publicerat (pushed, it blocked every later build) and in arkiv-sett.txt."""
    before = record_state(remote)
    remote.add_month("2022-10")
    start = remote.work / "docs/index.md"
    start.write_text(start.read_text(encoding="utf-8") + "\nSe **här för mer.\n", encoding="utf-8")
    remote.commit("Startsidan: skrivfel")
    remote.push()
    result = remote.publish()
    assert result.returncode == 1, result.stdout[-2000:] + result.stderr[-2000:]
    assert "[markdown-syns-pa-sidan]" in result.stderr and "Traceback" not in result.stderr
    after = record_state(remote)
    assert after[0] == before[0]  # GitHub's record: as it was
    assert after[1] == ""  # the workflow's clone got no record commit to push
    assert after[2] == before[2]  # the cache still names the record as GitHub has it


@pytest.mark.slow
def test_template_syntax_in_a_reason_is_refused_in_rattelser_yaml_and_nothing_is_recorded(remote):
    """F9: the refusal named site/…/index.html and "Rätta sidans Markdown", never rattelser.yaml."""
    before = record_state(remote)
    (remote.work / "rattelser.yaml").write_text(
        "- utgava: astorp/utgavor/2022-08/\n  typ: indragning\n  datum: 2022-10-05\n  anledning: Fel {{ config.site_url }}\n",
        encoding="utf-8",
    )
    remote.commit("Åstorp: augusti dras in")
    remote.push()
    result = remote.publish()
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (
        "rattelser.yaml:4:1: anledning: «Fel {{ config.site_url }}» innehåller mallsyntax (klammerparenteser). "
        "Anledningen visas som den står, tecken för tecken, på utgåvan, på Nytt och ändrat och i flödet, och kan inte "
        "ändras när den är publicerad: skriv den som vanlig text utan {{ }}, {% %}, *, `, [ ](…) och liknande tecken. "
        "[rattelse-anledning-syntax]"
    ) in result.stderr
    assert "site/" not in result.stderr
    after = record_state(remote)
    assert after[0] == before[0] and after[1] == "" and after[2] == before[2]


EDITIONS = {
    "astorp/utgavor/2022-08/": SimpleNamespace(
        report_url="astorp/", period=SimpleNamespace(name="augusti 2022", id="2022-08"), published="2022-10-01",
    ),
}


def said(tmp_path: Path, content: str):
    (tmp_path / "rattelser.yaml").write_text(content, encoding="utf-8")
    return read_notices(tmp_path, EDITIONS, {"astorp/": "Åstorp"}, {"astorp/"})


def act(datum: str = "2022-10-06", anledning: str = "Fel summa.") -> str:
    return f"- utgava: astorp/utgavor/2022-08/\n  typ: rattelse\n  datum: {datum}\n  anledning: {anledning}\n"


@pytest.mark.parametrize(("content", "line"), [
    # F82: a time pasted from a system (YAML reads a timestamp) was a TypeError traceback.
    (act(datum="2022-10-06T10:00:00"),
     "rattelser.yaml:3:1: datum: 2022-10-06 10:00:00 är inget datum. Skriv datumet som ÅÅÅÅ-MM-DD, till exempel "
     "datum: 2022-10-05. [rattelse-datum]"),
    # F85: a list was published as Python's "['a', 'b']".
    (act(anledning="[a, b]"),
     "rattelser.yaml:4:1: anledning: ['a', 'b'] är ingen text. Skriv anledningen som en mening efter kolonet, utan "
     "hakparenteser eller egna rader med bindestreck, till exempel anledning: Hushållen i september var dubbelräknade. "
     "[rattelse-anledning-text]"),
    (act(anledning="\n    - a\n    - b"),
     "rattelser.yaml:4:1: anledning: ['a', 'b'] är ingen text. Skriv anledningen som en mening efter kolonet, utan "
     "hakparenteser eller egna rader med bindestreck, till exempel anledning: Hushållen i september var dubbelräknade. "
     "[rattelse-anledning-text]"),
    (act(anledning="Se {% include 'x' %}"),
     "rattelser.yaml:4:1: anledning: «Se {% include 'x' %}» innehåller mallsyntax (klammerparenteser). Anledningen "
     "visas som den står, tecken för tecken, på utgåvan, på Nytt och ändrat och i flödet, och kan inte ändras när den "
     "är publicerad: skriv den som vanlig text utan {{ }}, {% %}, *, `, [ ](…) och liknande tecken. "
     "[rattelse-anledning-syntax]"),
    (act(anledning="Summan var **fel**."),
     "rattelser.yaml:4:1: anledning: «Summan var **fel**.» innehåller fetstil med **. Anledningen visas som den står, "
     "tecken för tecken, på utgåvan, på Nytt och ändrat och i flödet, och kan inte ändras när den är publicerad: skriv "
     "den som vanlig text utan {{ }}, {% %}, *, `, [ ](…) och liknande tecken. [rattelse-anledning-syntax]"),
])
def test_a_reason_or_date_that_could_not_be_shown_as_written_is_refused_at_its_line(tmp_path, content, line):
    found, problems = said(tmp_path, content)
    assert found == [] and [str(p) for p in problems] == [line]


def test_a_plain_reason_with_html_signs_is_published_as_text(tmp_path):
    """<, > and & are escaped where the reason is shown (adv17b F12): they are not refused."""
    found, problems = said(tmp_path, act(anledning="'Hushåll < 200 & fel i <b>juli</b>.'"))
    assert problems == [] and [n.reason for n in found] == ["Hushåll < 200 & fel i <b>juli</b>."]
