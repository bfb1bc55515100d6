"""The tests' fork server (tests/forked_python.py) runs a build as a new Python process would: two
different projects built one after the other by forks of one server give, file for file, the sites
that new processes give, and a build that stops says the same lines with the same exit code. So no
state of one forked build reaches the next, and a test sees what a new process would show. The
builds after the first read what the server keeps for its children (Material's compiled templates,
the project's compiled modules: forked_python._warm), so they show those give the same site too."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from conftest import small_project
import forked_python
from forked_python import run_python

MKDOCS = [sys.executable, "-m", "mkdocs", "build", "--strict"]


def build(project: Path, keep_as: str, fresh: bool):
    """`mkdocs build --strict` into site/ (the same path for both ways, as their output names it),
    then kept as `keep_as`. The PYTHON… settings of the test's own environment are passed on: a
    command whose settings differ from the server's gets a new interpreter instead of a fork (where
    PYTHONDONTWRITEBYTECODE is set, as on the team's machine, the forked builds were new processes)."""
    python = {name: value for name, value in os.environ.items() if name.startswith("PYTHON")}
    result = run_python([*MKDOCS, "-d", str(project / "site")], cwd=project, capture_output=True, text=True,
                        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", **python}, timeout=600,
                        fresh=fresh)
    if (project / "site").exists():
        (project / "site").rename(project / keep_as)
    return result


def files(site: Path) -> dict[str, bytes]:
    """Every file of a built site; the sitemaps' build date (and gzip's time stamp) left out."""
    found = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name = path.relative_to(site).as_posix()
        if name == "sitemap.xml.gz":
            continue
        data = path.read_bytes()
        found[name] = re.sub(rb"<lastmod>[^<]*</lastmod>", b"", data) if name == "sitemap.xml" else data
    return found


def without_times(text: str) -> list[str]:
    """A build's output, its timings (`built in 2.12 seconds`, `historik 0.01 s`) left out."""
    return re.sub(r"\d+[.,]\d+ s(econds)?\b", "… s", text).splitlines()


def said(result) -> list[str]:
    return without_times(result.stderr)


def test_two_projects_built_by_one_fork_server_are_the_sites_new_processes_build(tmp_path):
    first = small_project(tmp_path / "forsta", {"Försörjningsstöd och KAA": "astorp.md"}, ("astorp",))
    second = small_project(tmp_path / "andra", {"Utökad ram 2021": "lund-2021.md"}, ("lund",))
    broken = small_project(tmp_path / "trasig", {"Försörjningsstöd och KAA": "astorp.md"}, ("astorp",))
    page = broken / "docs" / "astorp.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n{{ valeu("astorp/forsorjningsstod", "hushall") }}\n', encoding="utf-8")

    forked = [build(project, name, fresh=False) for project, name in
              ((first, "forkad"), (second, "forkad"), (broken, "forkad"), (first, "forkad-igen"))]
    new = [build(project, "ny", fresh=True) for project in (first, second, broken)]
    kept = Path(forked_python._server_path()).parent
    # the later forked builds read the server's compiled templates and modules (what is compared below)
    assert len(list((kept / "jinja").iterdir())) > 20 and len(list((kept / "python").iterdir())) > 20

    for project, fork, fresh in zip((first, second), forked, new):
        assert fork.returncode == fresh.returncode == 0, fork.stderr[-3000:] + fresh.stderr[-3000:]
        assert said(fork) == said(fresh)
        built, expected = files(project / "forkad"), files(project / "ny")
        assert len(expected) > 20 and "index.html" in expected  # a whole site, not an empty folder
        assert sorted(built) == sorted(expected)
        assert [name for name in expected if built[name] != expected[name]] == []
    assert [without_times(f.stdout) for f in forked[:3]] == [without_times(n.stdout) for n in new]
    assert files(first / "forkad") != files(second / "forkad")  # two different sites were compared
    # the first project built again after the second: the same site (nothing of the second stayed)
    assert forked[3].returncode == 0 and said(forked[3]) == said(forked[0])
    assert files(first / "forkad-igen") == files(first / "forkad")
    # a build that stops: the same exit code and the same lines
    assert forked[2].returncode == new[2].returncode == 1
    assert said(forked[2]) == said(new[2]) and any("[okant-namn]" in line for line in said(new[2]))


# What a command's streams and bytecode writing are; and whether it was forked (the server imported pandas).
PROBE = (
    "import sys; print(sys.dont_write_bytecode, sys.stdout.line_buffering, sys.stdout.write_through, "
    "sys.stderr.line_buffering, sys.stderr.write_through, type(sys.stdout.buffer).__name__, "
    "type(sys.stderr.buffer).__name__, sys.stdout.encoding, sys.stdout is sys.__stdout__, 'pandas' in sys.modules)"
)


def test_a_command_without_the_servers_stream_and_bytecode_settings_is_forked_and_set_as_a_new_interpreter():
    """A test that gives a command an environment of its own may leave out (or add) PYTHONUNBUFFERED and
    PYTHONDONTWRITEBYTECODE: the fork takes them as a new interpreter would (forked_python._take_settings)."""
    own = {name: value for name, value in os.environ.items() if name not in forked_python.ADJUSTABLE}
    for settings in ({}, {"PYTHONUNBUFFERED": "1"}, {"PYTHONDONTWRITEBYTECODE": "1"}, {"PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1"}):
        forked, fresh = (run_python([sys.executable, "-c", PROBE], env={**own, **settings}, capture_output=True, text=True,
                                    timeout=120, fresh=new) for new in (False, True))
        assert forked.returncode == fresh.returncode == 0, forked.stderr + fresh.stderr
        assert forked.stdout.split()[:-1] == fresh.stdout.split()[:-1], settings
        assert (forked.stdout.split()[-1], fresh.stdout.split()[-1]) == ("True", "False"), settings
