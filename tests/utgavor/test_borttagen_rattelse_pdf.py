"""A correction notice tried in a local preview and taken out again never reaches what is published: staff preview
October with a `typ: rattelse` entry in rattelser.yaml (the site's PDF gets the notice page after the print), remove
the entry, and publish from the same clone. The deployed PDF and the one recorded are the print, byte for byte, with
no notice after it: the PDF is placed anew from the print whenever the edition is framed anew, never kept from the
frame before (the print in the cache is keyed by the article, not by the notices)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from .conftest import build, git, ok

pytestmark = pytest.mark.slow

OCTOBER = "astorp/utgavor/2022-10/astorp-2022-10.pdf"
CORRECTION = """- utgava: astorp/utgavor/2022-10/
  typ: rattelse
  datum: 2022-10-02
  anledning: Antal hushåll i oktober var fel.
"""


def test_a_correction_previewed_and_removed_is_not_in_the_published_pdf(remote_with_pdf):
    remote = remote_with_pdf
    remote.add_month("2022-10")
    remote.push()
    git(remote.ci, "fetch", "--quiet", "origin")
    git(remote.ci, "checkout", "--quiet", "--detach", "origin/main")
    (remote.ci / "rattelser.yaml").write_text(CORRECTION, encoding="utf-8")  # staff's preview, not committed
    ok(build(remote.ci, "--pdf"))
    prints = list((remote.ci / ".cache-utgavor/pdf").glob("*.pdf"))
    printed = {p.read_bytes() for p in prints}
    previewed = (remote.site / OCTOBER).read_bytes()
    assert previewed not in printed and any(previewed.startswith(p) for p in printed)  # the print, then the notice
    (remote.ci / "rattelser.yaml").unlink()  # the entry taken out again
    ok(remote.publish("--pdf"))  # the publish workflow: --record (--publish refuses the example settings here)
    served = (remote.site / OCTOBER).read_bytes()
    assert served in printed and len(served) < len(previewed)
    assert previewed.startswith(served)
    kept = subprocess.run(["git", "show", f"publicerat:{OCTOBER}"], cwd=remote.bare, capture_output=True, check=True).stdout
    assert kept == served


def test_a_print_edited_in_the_cache_is_printed_again(remote_with_pdf):
    """A new edition's print kept in the cache (`.cache-utgavor/pdf/`) and edited there is neither deployed nor
    recorded: its sha256 is kept when it is printed (pdf/utskrifter.json) and compared before it is placed."""
    remote = remote_with_pdf
    remote.add_month("2022-10")
    remote.push()
    git(remote.ci, "fetch", "--quiet", "origin")
    git(remote.ci, "checkout", "--quiet", "--detach", "origin/main")
    ok(build(remote.ci, "--pdf"))  # a preview: October printed, not yet recorded
    prints = [p for p in (remote.ci / ".cache-utgavor/pdf").glob("*.pdf") if p.read_bytes() == (remote.site / OCTOBER).read_bytes()]
    assert len(prints) == 1
    edited = prints[0].read_bytes() + b"\n% tillagt i cachen\n"
    prints[0].write_bytes(edited)
    shutil.rmtree(remote.ci / ".cache-utgavor/publicerade")  # October framed anew
    out = ok(remote.publish("--pdf"))
    served = (remote.site / OCTOBER).read_bytes()
    assert served != edited and served.startswith(b"%PDF") and served == prints[0].read_bytes()
    assert f"INFO    -  .cache-utgavor/pdf/{prints[0].name}: notering: Filen i byggets cache har ändrats" in out, out[-3000:]
    kept = subprocess.run(["git", "show", f"publicerat:{OCTOBER}"], cwd=remote.bare, capture_output=True, check=True).stdout
    assert kept == served
