"""A published withdrawal or correction keeps the moment it was first published with, in the feed and on "Nytt och
ändrat", whatever later happens to main's history (adv17f 54, 96, 107, 115, 123): the build that first publishes
it writes its moment in the record (`publicerat:rattelser/<anchor>.json`, `published_at`), as a revision's is kept
in `andringar/<anchor>.json`. It got the amended commit's time, or the end of its date (in the future on the day it
was published) after a force-push dropped its commit.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from .conftest import GIT_ENV, SEPTEMBER_WITHDRAWN, git, ok
from .test_flodet_efter_omskrivning import entries, listed
from .test_forfalskat_arkiv import forge

pytestmark = pytest.mark.slow

WITHDRAWN = "Försörjningsstöd i Åstorp: september 2022 indragen"
ANCHOR = "indragning-astorp-2022-09-2022-10-01"


def withdraw(remote) -> tuple[str, str]:
    """September withdrawn in one commit, pushed and published: (that commit's time, the feed's entry)."""
    (remote.work / "rattelser.yaml").write_text(SEPTEMBER_WITHDRAWN, encoding="utf-8")
    commit = remote.commit("Åstorp: september dras in")
    remote.push()
    ok(remote.publish())
    return git(remote.work, "show", "-s", "--format=%cI", commit).strip(), entries(remote.site)[WITHDRAWN]


def recorded(remote) -> dict:
    return json.loads(git(remote.ci, "show", f"origin/publicerat:rattelser/{ANCHOR}.json"))


def test_an_amended_withdrawal_commit_keeps_the_published_moment(remote):
    when, entry = withdraw(remote)
    assert f"<published>{when}</published>" in entry and f"<updated>{when}</updated>" in entry
    on_page = listed(remote.site, ANCHOR)
    subprocess.run(["git", "commit", "--quiet", "--amend", "-m", "September dras in"], cwd=remote.work, check=True,
                   capture_output=True, env={**os.environ, **GIT_ENV, "GIT_COMMITTER_DATE": "2022-10-01T12:00:00+02:00"})
    remote.push("--force")
    ok(remote.publish())
    assert entries(remote.site)[WITHDRAWN] == entry
    assert listed(remote.site, ANCHOR) == on_page
    assert recorded(remote)["published_at"] == when


def test_a_withdrawal_whose_commit_a_force_push_dropped_keeps_the_published_moment(remote):
    """Not the end of its date (23:59:59, hours in the future on the day it was published)."""
    _when, entry = withdraw(remote)
    git(remote.work, "reset", "--quiet", "--hard", "HEAD~1")
    remote.push("--force")
    out = ok(remote.publish())
    assert "[rattelse-finns-kvar]" in out
    assert entries(remote.site)[WITHDRAWN] == entry
    assert "23:59:59" not in (remote.site / "nytt-och-andrat.xml").read_text(encoding="utf-8")


def test_a_withdrawal_recorded_before_the_record_kept_its_moment_keeps_it_too(remote):
    """A record written before `published_at` (its notice holds the other fields only): the moment is reckoned on
    the line of the commit its record commit built, which no force-push changes."""
    (remote.work / "rattelser.yaml").write_text(SEPTEMBER_WITHDRAWN, encoding="utf-8")
    commit = remote.commit("Åstorp: september dras in")
    remote.push()
    when = git(remote.work, "show", "-s", "--format=%cI", commit).strip()
    old = {
        "anchor": ANCHOR, "date": "2022-10-01", "edition_url": "astorp/utgavor/2022-09/", "kind": "indragning",
        "reason": "Hushållen i september var dubbelräknade.", "replaced_by": "astorp/", "report_url": "astorp/",
        "title": WITHDRAWN,
    }
    forge(remote, {f"rattelser/{ANCHOR}.json": (json.dumps(old, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()},
          tag="publicerat-3")  # as an older publishing wrote it, on the commit that holds the act
    ok(remote.publish())
    assert "published_at" not in recorded(remote)
    entry = entries(remote.site)[WITHDRAWN]
    assert f"<published>{when}</published>" in entry
    subprocess.run(["git", "commit", "--quiet", "--amend", "-m", "September dras in"], cwd=remote.work, check=True,
                   capture_output=True, env={**os.environ, **GIT_ENV, "GIT_COMMITTER_DATE": "2022-10-01T12:00:00+02:00"})
    remote.push("--force")
    ok(remote.publish())
    assert entries(remote.site)[WITHDRAWN] == entry
