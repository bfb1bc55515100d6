"""A cache file edited after the build wrote it never changes what is published (data/cache.py): each file in
`.cache-utgavor/` starts with the sha256 of the rest; one that does not match reads as absent, is derived again from
git and said once, naming the file (`cache-andrad`). A file of the format before the checksums (or written by hand
without one) reads as absent too, without a notice and without a traceback."""

from __future__ import annotations

import shutil

import pytest

from macros.data import cache

from .conftest import build, ok

pytestmark = pytest.mark.slow

NOTICE = (
    "INFO    -  .cache-utgavor/{name}:1:1: notering: Filen i byggets cache har ändrats efter att bygget skrev den "
    "(den stämmer inte med kontrollsumman som bygget sparade för den). Bygget bortser från den, tar fram innehållet på nytt "
    "ur git och skriver filen igen, så det som publiceras blir detsamma. Ändra inte filer i .cache-utgavor/ för hand; "
    "vill du börja om, ta bort hela mappen .cache-utgavor/ (i GitHub: cachen utgavor-… under Actions ▸ Caches). "
    "[cache-andrad]"
)
FEED = "nytt-och-andrat.xml"


def site(remote) -> dict:
    """What readers get: every file of the editions (pages with their banners), the feed and "Nytt och ändrat"."""
    files = {p.relative_to(remote.site).as_posix(): p.read_bytes() for p in sorted(remote.site.rglob("*"))
             if p.is_file() and "/utgavor/" in p.relative_to(remote.site).as_posix()}
    assert "astorp/utgavor/2022-08/index.html" in files
    return {**files, FEED: (remote.site / FEED).read_bytes(),
            "nytt-och-andrat/index.html": (remote.site / "nytt-och-andrat/index.html").read_bytes()}


def edit(path, old: bytes, new: bytes) -> None:
    text = path.read_bytes()
    assert old in text, (path, text[:400])
    path.write_bytes(text.replace(old, new))


def test_a_periods_address_edited_in_the_opened_record_is_not_published(remote):
    ok(build(remote.ci))  # the record as published opened once (the publishing opened the one before its addition)
    before = site(remote)
    opened = remote.ci / ".cache-utgavor/arkiv-oppnat.json"
    edit(opened, b'"astorp/utgavor/2022-08/"', b'"astorp/utgavor/2022-07/"')  # the edition's folder and address
    edit(opened, b'"period":"2022-08"', b'"period":"2022-07"')
    shutil.rmtree(remote.ci / ".cache-utgavor/publicerade")  # every edition framed anew, from what the record holds
    out = ok(build(remote.ci))  # a build in the same clone (a preview; the publish workflow's reads the record anew)
    assert site(remote) == before
    assert not (remote.site / "astorp/utgavor/2022-07").exists()
    assert NOTICE.format(name="arkiv-oppnat.json") in out, out[-3000:]
    assert "[cache-andrad]" not in ok(build(remote.ci))  # written again by the build: trusted again
    ok(remote.publish())
    assert site(remote) == before


def test_an_editions_summary_edited_in_the_cache_is_not_published(remote):
    before = site(remote)
    assert "Antal hushåll: 180" in before[FEED].decode("utf-8")
    edit(remote.ci / ".cache-utgavor/andringar-rubriker-2.json", "Antal hushåll: 180".encode(), "Antal hushåll: 980".encode())
    out = ok(remote.publish())
    assert site(remote) == before
    assert NOTICE.format(name="andringar-rubriker-2.json") in out, out[-3000:]


def test_any_cache_file_edited_is_said_and_derived_again(remote):
    """Every JSON or text file the build keeps (arkiv-sett.txt too, adv17i UM4), a byte changed after the checksum line."""
    before = site(remote)
    folder = remote.ci / ".cache-utgavor"
    names = sorted(p.name for p in folder.iterdir() if p.is_file())
    assert {"arkiv-sett.txt", "arkiv-oppnat.json", "arkiv.json", "andringar-rubriker-2.json", "perioder.json", "arkiv-provat.txt"} <= set(names)
    for name in names:
        path = folder / name
        first, _, rest = path.read_bytes().partition(b"\n")
        assert first.startswith(b"sha256:"), name
        path.write_bytes(first + b"\n" + rest + b" ")
    out = ok(remote.publish())
    assert site(remote) == before
    for name in names:
        assert NOTICE.format(name=name) in out, (name, out[-3000:])


def test_cache_files_of_the_older_format_are_derived_again_silently(remote):
    before = site(remote)
    folder = remote.ci / ".cache-utgavor"
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.read_bytes().startswith(b"sha256:"):
            path.write_bytes(path.read_bytes().partition(b"\n")[2])  # as a build before the checksums wrote it
    out = ok(remote.publish())
    assert site(remote) == before
    assert "cache-andrad" not in out


def test_read_and_write(tmp_path):
    path = tmp_path / "x.json"
    cache.write_json(path, {"a": "å"})
    assert path.read_bytes().split(b"\n")[1] == '{"a":"å"}'.encode("utf-8")
    assert cache.read_json(path, None) == {"a": "å"}
    assert cache.take_notices() == []
    (tmp_path / "y.json").write_bytes(path.read_bytes())  # a file copied to another name is not that file
    assert cache.read_json(tmp_path / "y.json", "absent") == "absent"
    assert [str(p) for p in cache.take_notices()] == [f"{(tmp_path / 'y.json').as_posix()}:1:1: notering: " + NOTICE.split(
        ":1:1: notering: ")[1]]
    path.write_bytes(b'{"a": 1}')  # the older format
    assert cache.read_json(path, "absent") == "absent" and cache.take_notices() == []
    assert cache.read_json(tmp_path / "saknas.json", "absent") == "absent"


def test_a_blob_id_is_git_s():
    import hashlib
    import subprocess

    content = b"hushall;180\n"
    sha1 = subprocess.run(["git", "hash-object", "--stdin"], input=content, capture_output=True, check=True).stdout.decode().strip()
    assert cache.is_blob(sha1, content) and not cache.is_blob(sha1, content + b" ")
    sha256 = hashlib.sha256(b"blob %d\0" % len(content) + content).hexdigest()
    assert cache.is_blob(sha256, content) and not cache.is_blob(sha256[:50], content)
