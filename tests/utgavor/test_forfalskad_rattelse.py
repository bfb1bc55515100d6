"""A withdrawal or correction pushed to the record by hand, without its entry in rattelser.yaml in
main, is refused like a forged edition; a file there that the publish step never writes is refused
in Swedish, never with a traceback (adv17b F67, F66)."""

from __future__ import annotations

import json

import pytest

from .conftest import git
from .test_arkivgrenen import record_clone, stopped

pytestmark = pytest.mark.slow

ANCHOR = "indragning-astorp-2022-09-2022-10-05"
FORGED = {
    "anchor": ANCHOR, "date": "2022-10-05", "edition_url": "astorp/utgavor/2022-09/", "kind": "indragning",
    "reason": "Förfalskad indragning.", "replaced_by": "astorp/", "report_url": "astorp/",
    "title": "Försörjningsstöd i Åstorp: september 2022 indragen",
}


def push_to_record(remote, name: str, content: bytes) -> str:
    """One file added to GitHub's record in a commit shaped as the workflow's (second parent: main)."""
    other = record_clone(remote)
    (other / "rattelser").mkdir(exist_ok=True)
    (other / "rattelser" / name).write_bytes(content)
    git(other, "add", "-A")
    tree = git(other, "write-tree").strip()
    main = git(remote.bare, "rev-parse", "main").strip()
    commit = git(other, "commit-tree", tree, "-p", "HEAD", "-p", main, "-m", "Publicerade utgåvor").strip()
    git(other, "push", "--quiet", "origin", f"{commit}:refs/heads/publicerat")
    return commit


def test_a_withdrawal_pushed_to_the_record_by_hand_is_refused(remote):
    added = push_to_record(remote, f"{ANCHOR}.json", (json.dumps(FORGED, ensure_ascii=False, indent=1) + "\n").encode())
    main = git(remote.bare, "rev-parse", "main").strip()
    out = stopped(remote.publish())
    assert (
        f"publicerat:rattelser/{ANCHOR}.json: Försörjningsstöd i Åstorp: september 2022 indragen (5 oktober 2022) i "
        f"arkivet (lagd i grenen publicerat av incheckningen {added[:10]}) står inte i rattelser.yaml i incheckningen "
        f"{main[:10]} som byggdes då. Bara publiceringsflödet lägger till indragningar och rättelser, och bara sådana "
        "som står i rattelser.yaml i main. Ta bort incheckningen ur grenen på GitHub (git push --force origin "
        f"{added[:10]}^:refs/heads/publicerat, med force-push tillfälligt tillåtet i reglerna för grenen) och låt bara "
        "GitHub Actions skriva till grenen (README). [arkivet-okand-rattelse]"
    ) in out


def test_a_file_in_the_record_that_is_not_json_is_refused_in_swedish(remote):
    added = push_to_record(remote, "x.json", b"inte json\n")
    out = stopped(remote.publish())
    assert (
        f"publicerat:rattelser/x.json: Filen rattelser/x.json i grenen publicerat (lagd av incheckningen {added[:10]}) "
        "är inte en fil som publiceringen skriver: den är ingen JSON med en publicerad utgåvas eller en indragnings eller "
        "rättelses uppgifter (eller är en länk). Bara publiceringsflödet skriver till grenen. Ta bort incheckningen ur "
        f"grenen på GitHub (git push --force origin {added[:10]}^:refs/heads/publicerat, med force-push tillfälligt "
        "tillåtet i reglerna för grenen) och låt bara GitHub Actions skriva till grenen (README). [arkivet-olasbar-fil]"
    ) in out
