"""A recorded file unpacked into the cache (`.cache-utgavor/arkiv/<blob id>`) and edited there (by hand, a tool)
never reaches the site: before it is used each is proven to be its git blob (data/cache.is_blob), and a changed one
is unpacked again from git and said, naming the file (`cache-arkivfil-andrad`). The editions are framed anew (the
published folder in the cache removed) and are byte for byte what they were."""

from __future__ import annotations

import shutil

import pytest

from .conftest import git, ok, published

pytestmark = pytest.mark.slow

AUGUST = "astorp/utgavor/2022-08/"
NOTICE = (
    "INFO    -  .cache-utgavor/arkiv/{blob}: notering: Filen är inte filversionen {blob} ur grenen publicerat (dess "
    "innehåll har ändrats efter att bygget packade upp den ur git). Bygget packar upp den på nytt ur git, så utgåvan "
    "publiceras byte för byte som den arkiverades. Ändra inte filer i .cache-utgavor/ för hand; vill du börja om, ta "
    "bort hela mappen .cache-utgavor/. [cache-arkivfil-andrad]"
)


@pytest.mark.parametrize("name", ["artikel.html", "diagram-hushall-per-manad.csv"])
def test_a_recorded_file_edited_in_the_cache_is_unpacked_again(remote, name):
    before = published(remote.site)
    listing = git(remote.ci, "ls-tree", f"origin/publicerat:{AUGUST}")
    names = {line.split("\t")[1]: line.split()[2] for line in listing.splitlines()}
    blob = names[name]
    unpacked = remote.ci / ".cache-utgavor/arkiv" / blob
    assert unpacked.is_file()
    text = unpacked.read_bytes()
    edited = text.replace(b"176", b"976") if b"176" in text else text + b"<p>tillagt</p>\n"
    unpacked.write_bytes(edited)
    shutil.rmtree(remote.ci / ".cache-utgavor/publicerade")  # every edition framed anew, from the record's files
    out = ok(remote.publish())
    assert published(remote.site) == before
    assert NOTICE.format(blob=blob) in out, out[-3000:]
    assert unpacked.read_bytes() == text
    again = ok(remote.publish())
    assert "cache-arkivfil-andrad" not in again
