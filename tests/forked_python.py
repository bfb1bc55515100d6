"""Python commands the tests run (`python scripts/build.py …`, `mkdocs build …`, `python -m …`) started
by forking a process that has already imported MkDocs, Material, mkdocs-macros, pandas, babel and the
rest, instead of a new interpreter that imports them again (about 1 CPU-s each, dozens of builds).

`run_python(args, …)` takes what `subprocess.run` takes and gives what it gives (a `CompletedProcess`
with the exit code and the captured output, `TimeoutExpired`, `CalledProcessError`). The command runs
in a child forked from a *fork server*: a process of its own (one per pytest worker, started on first
use) that imported the libraries and nothing of the project, with one thread, and that never runs a
command itself. Each command gets a fresh fork of that state, so nothing one build does (a module
cache, a plugin's class attributes, a changed `sys.path`) reaches the next one: every build starts as
a new interpreter would, only without reading the libraries from disk again. The project's own code
(`macros/`, `scripts/`) is never imported by the server, so each build imports the project it builds.
The child gets the command's cwd, environment (`os.environ` replaced, `TZ` re-read), `sys.argv`,
`sys.path[0]` and standard streams (the file descriptors are passed over a Unix socket), runs the
script, module or console script as `__main__`, and exits as an interpreter exits (atexit, threads
joined, streams flushed), so its exit code, its output and what its own subprocesses print are those of
the command. A command that starts the venv's Python or one of its console scripts (`scripts/build.py`
runs `.venv/bin/mkdocs`) is forked from the server the same way.

What the children share besides the imports (`_warm`): work that depends only on files' contents,
kept by the server or in its folder, so a build does not redo what the previous one did from the
same bytes: Jinja's compiled templates (keyed by source checksum and environment), the project's
compiled modules (keyed by source bytes), the listing of the installed theme folders and which of
their files MkDocs copies, Pyphen's Swedish dictionary and Babel's Swedish locale data. None of it changes what a command writes or prints (tests/harness/).

What is not the same as a new process: the hash seed is the server's, shared by its children (a
command whose environment sets PYTHONHASHSEED or another PYTHON… setting gets a new interpreter;
only PYTHONDONTWRITEBYTECODE and PYTHONUNBUFFERED, which a started interpreter can still take, are
taken by the fork: `_take_settings`). A
test of reproducibility (two builds give the same bytes) makes its second build a new process
(`fresh=True`), as `webbplats/test_site_output.py` does. At exit the child does what anyone can see
(threads joined, atexit, streams flushed), not the freeing of every module. tests/harness/ checks
that two projects forked one after the other from one server give the sites new processes give.
"""

from __future__ import annotations

import array
import atexit
import contextlib
import json
import locale
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BIN = Path(sys.executable).parent  # the venv's bin/: its python and console scripts (mkdocs, zensical)
SERVER_ENV = "TESTS_FORK_SERVER"  # the server's socket, for commands run from a forked command

# What a build imports that is not the project's: read once by the server. A module not listed is
# imported by the child that needs it, as in a new process.
PRELOAD = (
    "mkdocs.__main__", "mkdocs.commands.build", "mkdocs.commands.gh_deploy", "mkdocs.config.defaults",
    "mkdocs.structure.files", "mkdocs.structure.nav", "mkdocs.structure.pages", "mkdocs.livereload",
    "mkdocs.contrib.search", "mkdocs.theme", "mkdocs.utils.templates",
    "material", "material.plugins.search.plugin", "material.plugins.tags.plugin", "material.plugins.privacy.plugin",
    "material.plugins.offline.plugin", "material.plugins.social.plugin", "material.plugins.blog.plugin",
    "material.plugins.group.plugin", "material.plugins.info.plugin", "material.plugins.meta.plugin",
    "material.extensions.emoji",
    "mkdocs_macros.plugin", "mkdocs_macros.context", "mkdocs_macros.util",
    "pandas", "numpy", "rdflib", "rdflib.plugins.serializers.turtle", "rdflib.plugins.serializers.rdfxml",
    "rdflib.plugins.serializers.jsonld", "jsonschema", "requests", "urllib3", "yaml", "jinja2", "markupsafe",
    "markdown", "markdown.extensions.toc", "markdown.extensions.tables", "markdown.extensions.attr_list",
    "markdown.extensions.md_in_html", "markdown.extensions.footnotes", "markdown.extensions.abbr",
    "markdown.extensions.admonition", "markdown.extensions.def_list", "markdown.extensions.codehilite",
    "markdown.extensions.fenced_code", "rdflib.plugins.stores.memory", "material.templates",
    "pymdownx", "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.details", "pymdownx.highlight",
    "pymdownx.inlinehilite", "pymdownx.snippets", "pymdownx.emoji", "pymdownx.arithmatex", "pymdownx.caret",
    "pymdownx.mark", "pymdownx.tilde", "pymdownx.keys", "pymdownx.smartsymbols", "pymdownx.tasklist",
    "pygments", "pygments.formatters.html", "pygments.lexers.python",
    "babel", "babel.core", "babel.numbers", "babel.dates", "babel.lists", "babel.units", "dateutil.parser",
    "pyphen", "pathspec", "click", "hjson", "backrefs", "pytz", "zoneinfo", "charset_normalizer", "idna", "certifi",
    "email.utils", "http.client", "http.server", "urllib.request", "xml.etree.ElementTree", "xml.dom.minidom",
    "json", "csv", "decimal", "fractions", "statistics", "difflib", "hashlib", "zipfile", "gzip", "shutil",
    "tempfile", "uuid", "concurrent.futures", "multiprocessing", "asyncio", "unicodedata", "textwrap",
    "argparse", "logging", "subprocess", "playwright.sync_api", "dataclasses", "typing", "importlib.metadata",
    "importlib.resources",
)


# ---------------------------------------------------------------- the server (run as a script)

def _python_settings(environ) -> dict[str, str]:
    return {name: value for name, value in environ.items() if name.startswith("PYTHON")}


STARTED_WITH = _python_settings(os.environ)  # in the server: the settings its interpreter started with


# Settings a started interpreter can still take as a new one would have taken them at its start:
# whether it writes __pycache__, and whether its standard streams are buffered.
ADJUSTABLE = {"PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED"}


def _take_settings(wanted: dict[str, str]) -> bool:
    """In the child: take the command's PYTHONDONTWRITEBYTECODE and PYTHONUNBUFFERED where they differ
    from the server's (a test that gives a command an environment of its own, without the machine's
    PYTHON… settings), as the interpreter does when it starts (pylifecycle.c, create_stdio); False,
    changing nothing, when any other PYTHON… setting differs: then the command gets a new interpreter."""
    differing = {name for name in set(wanted) | set(STARTED_WITH) if wanted.get(name) != STARTED_WITH.get(name)}
    if not differing <= ADJUSTABLE:
        return False
    sys.dont_write_bytecode = bool(wanted.get("PYTHONDONTWRITEBYTECODE"))
    if bool(wanted.get("PYTHONUNBUFFERED")) != bool(STARTED_WITH.get("PYTHONUNBUFFERED")):
        import io

        buffered = not wanted.get("PYTHONUNBUFFERED")
        for name, fd in (("stdout", 1), ("stderr", 2)):
            old = getattr(sys, name)
            with contextlib.suppress(OSError, ValueError):
                old.flush()
            stream = io.TextIOWrapper(
                io.open(fd, "wb", buffering=-1 if buffered else 0, closefd=False), encoding=old.encoding, errors=old.errors,
                newline="\n", line_buffering=buffered and (os.isatty(fd) or fd == 2), write_through=not buffered,
            )
            setattr(sys, name, stream)
            setattr(sys, f"__{name}__", stream)
    return True


def _warm(folder: str) -> None:
    """What every build would otherwise redo from the same files, done once for the server's children:

    - the project's own modules compiled once per source text (`_compiled_once`);
    - Pyphen's Swedish dictionary (the hyphenation of headings, macros/formats/swedish.py) parsed
      into Pyphen's own module cache (`pyphen.hdcache`, keyed by the dictionary's path);
    - Babel's global data and its Swedish locale data (`macros/formats/swedish.py` parses sv_SE as
      it is imported, in `scripts/build.py` and in the build it starts) unpickled and merged into
      Babel's own module caches (`babel.core._global_data`, `babel.localedata._cache`): about 17
      ms of each command that formats a Swedish figure;
    - Jinja's compiled templates: every Environment a command makes gets a bytecode cache (Jinja's
      `FileSystemBytecodeCache`, in the server's folder) unless it asked for its own, so Material's
      templates (about 60, a third of a small build's CPU) are parsed and compiled once per server
      instead of once per build. Jinja checks each template's source against the cached code's
      checksum, and the key (`_TemplateCode`) also holds what of the Environment the compiled code
      depends on (syntax, extensions, autoescape, filters and tests with how they are called), so a
      changed template or a different Environment compiles afresh, as a new process would.

    Neither changes what a build writes or prints: tests/harness/ compares forked builds with builds
    in new processes, file by file."""
    _compiled_once(os.path.join(folder, "python"))
    _listed_once()
    try:
        import pyphen

        pyphen.Pyphen(lang="sv")
    except Exception:  # noqa: BLE001 - a child reads the dictionary itself, as in a new process
        pass
    try:
        import babel

        babel.Locale.parse("sv_SE")._data  # noqa: B018 - read: babel's global data, and sv_SE's merged with sv and root
    except Exception:  # noqa: BLE001 - a child reads them itself, as in a new process
        pass
    try:
        import jinja2
        import jinja2.bccache
        from jinja2.utils import _PassArg
    except ImportError:
        return
    jinja_folder = os.path.join(folder, "jinja")
    os.makedirs(jinja_folder, exist_ok=True)

    class _TemplateCode(jinja2.FileSystemBytecodeCache):
        def get_bucket(self, environment, name, filename, source):
            bucket = jinja2.bccache.Bucket(environment, self._key(environment, name, filename), self.get_source_checksum(source))
            self.load_bytecode(bucket)
            return bucket

        @staticmethod
        def _key(env, name, filename) -> str:
            import hashlib

            def calls(functions) -> list:
                return sorted((key, str(_PassArg.from_obj(function)), getattr(function, "jinja_async_variant", False))
                              for key, function in functions.items())
            autoescape = env.autoescape(name) if callable(env.autoescape) else env.autoescape
            parts = (
                jinja2.__version__, sys.version, type(env).__module__, type(env).__qualname__, name, filename,
                env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
                env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
                env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline, env.optimized,
                env.is_async, bool(autoescape), sorted(env.extensions), env.code_generator_class.__qualname__,
                getattr(env.finalize, "__qualname__", repr(env.finalize)),
                str(_PassArg.from_obj(env.finalize)) if env.finalize else None,
                calls(env.filters), calls(env.tests),
            )
            return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()

    cache = _TemplateCode(jinja_folder)
    created = jinja2.Environment.__init__

    def __init__(self, *args, **kwargs):
        created(self, *args, **kwargs)
        if self.bytecode_cache is None:
            self.bytecode_cache = cache

    jinja2.Environment.__init__ = __init__


def _listed_once() -> None:
    """Jinja's FileSystemLoader.list_templates walks every file below each theme folder in every build
    (MkDocs lists the theme's files to copy them): Material's holds 14 500, its icons. The installed
    theme folders (Material's and MkDocs' own, below the venv, which nothing changes during a run) are
    walked once, here; the project's own (`overrides/`) and any other folder are walked as before.
    The listing is the same: every searchpath's names, once each, sorted."""
    try:
        import jinja2
        from mkdocs.theme import Theme

        dirs = Theme(name="material").dirs
    except Exception:  # noqa: BLE001 - no Material: every build walks, as before
        return
    venv = os.path.realpath(sys.prefix) + os.sep

    def names(searchpath: str, followlinks: bool) -> list[str]:
        found = []
        for dirpath, _, filenames in os.walk(searchpath, followlinks=followlinks):
            for filename in filenames:  # as jinja2.FileSystemLoader.list_templates names them
                template = os.path.join(dirpath, filename)[len(searchpath):].strip(os.path.sep).replace(os.path.sep, "/")
                if template[:2] == "./":
                    template = template[2:]
                found.append(template)
        return found

    walked = {(d, False): names(d, False) for d in map(os.fspath, dirs) if os.path.realpath(d).startswith(venv)}

    def list_templates(self) -> list[str]:
        found = set()
        for searchpath in self.searchpath:
            listed = walked.get((searchpath, self.followlinks))
            found.update(names(searchpath, self.followlinks) if listed is None else listed)
        return sorted(found)

    jinja2.FileSystemLoader.list_templates = list_templates
    _filtered_once(walked)


def _filtered_once(walked: dict) -> None:
    """MkDocs keeps the theme's files to copy with a filter (`Files.add_files_from_theme`'s own
    function: fnmatch against its patterns, made anew for each of the 14 500 names, about 25 ms a
    build). Its answers for the installed themes' names are taken here once, from MkDocs' own filter
    made for Material's static templates; a build whose filter is that function with the same
    patterns (the same static templates and Markdown extensions) reads them, and asks the filter
    itself for any other name (the project's `overrides/`). Any other filter or list is as before."""
    try:
        import types

        import jinja2
        from mkdocs import utils
        from mkdocs.structure.files import Files
        from mkdocs.theme import Theme

        static = frozenset(Theme(name="material").static_templates)
        made = []

        class _Listing:  # what add_files_from_theme asks of the environment: its filter is kept
            def list_templates(self, extensions=None, filter_func=None):
                made.append(filter_func)
                return []

        Files([]).add_files_from_theme(_Listing(), types.SimpleNamespace(theme=types.SimpleNamespace(static_templates=static)))
        (mkdocs_filter,) = made
        code = mkdocs_filter.__code__
        if "config" not in code.co_freevars:
            return
        key = (tuple(utils.markdown_extensions), static)
        kept = {name: bool(mkdocs_filter(name)) for listed in walked.values() for name in listed}
    except Exception:  # noqa: BLE001 - another MkDocs: every build filters, as before
        return
    listing = jinja2.Environment.list_templates

    def list_templates(self, extensions=None, filter_func=None):
        if extensions is None and getattr(filter_func, "__code__", None) is code:
            config = filter_func.__closure__[code.co_freevars.index("config")].cell_contents
            if (tuple(utils.markdown_extensions), frozenset(config.theme.static_templates)) == key:
                return [name for name in self.loader.list_templates() if (kept[name] if name in kept else filter_func(name))]
        return listing(self, extensions, filter_func)

    jinja2.Environment.list_templates = list_templates


def _compiled_once(folder: str) -> None:
    """The project's modules (`macros/`, 56 of them, imported by every `scripts/build.py` and again by
    the `mkdocs build` it starts) compiled once per source text for the server's children, not once
    per process: with PYTHONDONTWRITEBYTECODE set (as on this machine) Python writes no
    `__pycache__`, and each test's project is a new copy at a new path anyway, so every build
    compiled them all again (about 0.25 CPU-s a process). A module's code is kept here, keyed by its
    source's bytes and the interpreter, and given the importing file's path as Python does for a
    `.pyc` of a moved file (`_imp._fix_co_filename`); nothing is written into the project."""
    import _imp
    import hashlib
    import importlib.machinery
    import marshal

    os.makedirs(folder, exist_ok=True)
    loader = importlib.machinery.SourceFileLoader
    compiled = loader.source_to_code

    def source_to_code(self, data, path, *, _optimize=-1):
        if not isinstance(data, bytes) or not isinstance(path, str):
            return compiled(self, data, path, _optimize=_optimize)
        key = hashlib.sha256(repr((sys.version, sys.flags.optimize, _optimize)).encode() + b"\0" + data).hexdigest()
        kept = os.path.join(folder, key)
        try:
            with open(kept, "rb") as file:
                code = marshal.loads(file.read())
        except (OSError, EOFError, ValueError, TypeError):
            code = compiled(self, data, path, _optimize=_optimize)
            with tempfile.NamedTemporaryFile("wb", dir=folder, delete=False) as file:
                file.write(marshal.dumps(code))
            os.replace(file.name, kept)
            return code
        _imp._fix_co_filename(code, path)
        return code

    loader.source_to_code = source_to_code


def serve(socket_path: str) -> None:
    """Import PRELOAD, then fork one child per request until the test process ends."""
    sys.path.pop(0)  # tests/: not importable by a command, as in a new process
    for name in PRELOAD:
        try:
            __import__(name)
        except Exception:  # noqa: BLE001 - an optional library: the child imports (or fails to) on its own
            pass
    _warm(os.path.dirname(os.path.abspath(socket_path)))
    project = [Path(__file__).resolve().parent.parent / name for name in ("macros", "scripts", "tests")]
    own = [name for name, module in list(sys.modules.items()) if name not in ("__main__", "__mp_main__") and any(
        Path(getattr(module, "__file__", None) or "/").resolve().is_relative_to(folder) for folder in project)]
    assert not own, f"the fork server imported the project's own code: {own}"
    assert threading.active_count() == 1, "the fork server must have one thread to fork"
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(socket_path + ".ny")
    listener.listen(16)
    os.rename(socket_path + ".ny", socket_path)  # the path appears when it takes connections
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    parent = os.getppid()
    waiting: dict[int, socket.socket] = {}  # child pid → the connection that asked for it
    while True:
        readable, _, _ = select.select([listener, wake_read], [], [], 1.0)
        if wake_read in readable:
            os.read(wake_read, 4096)
        while waiting:
            try:
                pid, status, usage = os.wait4(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            connection = waiting.pop(pid, None)
            if connection is not None:
                code = os.waitstatus_to_exitcode(status)
                try:
                    connection.sendall(f"exit {code} {usage.ru_utime + usage.ru_stime:.3f}\n".encode())
                except OSError:
                    pass
                connection.close()
        if os.getppid() != parent:  # the test process is gone
            return
        if listener not in readable:
            continue
        connection, _ = listener.accept()
        request, fds = _receive(connection)
        pid = os.fork()
        if pid == 0:
            listener.close()
            for other in waiting.values():
                other.close()
            connection.close()
            os.close(wake_read)
            os.close(wake_write)
            _become(request, fds)  # never returns: the child ends with the command's exit code
        for fd in fds:
            os.close(fd)
        connection.sendall(f"pid {pid}\n".encode())
        waiting[pid] = connection


def _receive(connection: socket.socket) -> tuple[dict, list[int]]:
    data, fds = b"", []
    while not data.endswith(b"\n"):
        chunk, ancillary, _flags, _address = connection.recvmsg(1 << 20, socket.CMSG_LEN(3 * array.array("i").itemsize))
        for level, kind, payload in ancillary:
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                fds += list(array.array("i", payload[: len(payload) - len(payload) % array.array("i").itemsize]))
        if not chunk:
            break
        data += chunk
    return json.loads(data), fds


def _become(request: dict, fds: list[int]) -> None:
    """In the forked child: be the command, as a new interpreter started with it would be."""
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    for fd in fds:
        if fd > 2:
            os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    import time

    time.tzset()
    if _python_settings(os.environ) != STARTED_WITH and not _take_settings(_python_settings(os.environ)):
        # PYTHONHASHSEED, PYTHONIOENCODING, PYTHONPATH … other than the server's: they take effect as an
        # interpreter starts, so this command gets a new interpreter (a test of the hash seed, say)
        kind, target, argv = request["kind"], request["target"], request["argv"]
        flag = {"module": ["-m"], "code": ["-c"], "script": []}[kind]
        os.execv(sys.executable, [sys.executable, *flag, target, *argv])
    os.environ[SERVER_ENV] = request["server"]  # for the commands it runs in turn (see _route_subprocess)
    _route_subprocess(request["server"])
    try:
        _run(request["kind"], request["target"], request["argv"])
        code = 0
    except SystemExit as exit:  # as the interpreter reads it: None 0, a number, or a text said on stderr and 1
        code = exit.code
        if code is None:
            code = 0
        elif not isinstance(code, int):
            print(code, file=sys.stderr)
            code = 1
    except BaseException:  # noqa: BLE001 - the traceback on stderr and 1, as the interpreter does
        sys.excepthook(*sys.exc_info())
        code = 1
    # What the interpreter does at exit that anyone sees: wait for threads, atexit (temp folders,
    # logging), flush the streams. Not the tearing down of every module (half a CPU-second of
    # freeing what the server imported, nothing a command prints).
    threading._shutdown()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code & 0xFF)


def _run(kind: str, target: str, argv: list[str]) -> None:
    import runpy

    if kind == "module":
        sys.argv = [target, *argv]
        sys.path[0:0] = [os.getcwd()]
        # the server may hold it imported (mkdocs.__main__): run it afresh, as `python -m` does
        import importlib.util

        spec = importlib.util.find_spec(target)
        sys.modules.pop(f"{target}.__main__" if spec and spec.submodule_search_locations else target, None)
        runpy.run_module(target, run_name="__main__", alter_sys=True)
    elif kind == "code":
        sys.argv = ["-c", *argv]
        sys.path[0:0] = [""]
        exec(compile(target, "<string>", "exec"), {"__name__": "__main__", "__builtins__": __builtins__})
    else:  # a script: scripts/build.py, or a console script of the venv (bin/mkdocs)
        sys.argv = [target, *argv]
        sys.path[0:0] = [os.path.dirname(os.path.realpath(target))]
        runpy.run_path(target, run_name="__main__")


def _route_subprocess(server: str) -> None:
    """A command the forked command runs in turn through `subprocess.run` with the venv's Python or
    one of its console scripts (scripts/build.py → bin/mkdocs) is forked from the server too, with the
    same streams, cwd and environment it would have had; anything else is left to subprocess."""
    original = subprocess.run

    def run(args, *popenargs, **kwargs):
        simple = not popenargs and set(kwargs) <= {"cwd", "env", "check", "timeout"}
        command = _command(args) if simple else None
        if command is None:
            return original(args, *popenargs, **kwargs)
        return _run_forked(server, args, command, cwd=kwargs.get("cwd"), env=kwargs.get("env"), fds=(0, 1, 2),
                           timeout=kwargs.get("timeout"), check=kwargs.get("check", False))

    subprocess.run = run


# ---------------------------------------------------------------- the client (in the test process)

def _command(args) -> tuple[str, str, list[str]] | None:
    """(kind, target, arguments) of a command the server can run, or None."""
    if isinstance(args, (str, bytes, os.PathLike)) or not args:
        return None
    args = [os.fspath(a) for a in args]
    program = args[0]
    if program in (sys.executable, str(BIN / "python"), str(BIN / "python3")) or (
            os.path.isabs(program) and os.path.realpath(program) == os.path.realpath(sys.executable)):
        rest = args[1:]
        if rest[:1] == ["-m"] and len(rest) > 1:
            return "module", rest[1], rest[2:]
        if rest[:1] == ["-c"] and len(rest) > 1:
            return "code", rest[1], rest[2:]
        if rest and not rest[0].startswith("-"):
            return "script", rest[0], rest[1:]
        return None
    if os.path.dirname(program) == str(BIN) or os.path.dirname(os.path.realpath(program)) == os.path.realpath(BIN):
        try:
            with open(program, "rb") as script:
                first = script.readline()
        except OSError:
            return None
        if first.startswith(b"#!") and os.path.realpath(first[2:].strip().decode()) == os.path.realpath(sys.executable):
            return "script", program, args[1:]
    return None


_server: tuple[subprocess.Popen, str] | None = None


def _server_path() -> str:
    """The socket of this process's fork server, started on first use."""
    global _server
    if os.environ.get(SERVER_ENV) and _server is None:  # inside a forked command: its server
        return os.environ[SERVER_ENV]
    if _server is None or _server[0].poll() is not None:
        folder = tempfile.mkdtemp(prefix="gaffel-")
        path = os.path.join(folder, "s")
        process = subprocess.Popen([sys.executable, __file__, path], stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=None, cwd=folder)
        atexit.register(_stop, process, folder)
        import time

        until = time.monotonic() + 120
        while not os.path.exists(path):
            if process.poll() is not None or time.monotonic() > until:
                raise RuntimeError("the tests' fork server did not start (tests/forked_python.py)")
            time.sleep(0.02)
        _server = (process, path)
    return _server[1]


def _stop(process: subprocess.Popen, folder: str) -> None:
    if process.poll() is None:
        process.kill()
        process.wait()
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


def stop() -> None:
    """End this process's fork server (pytest_unconfigure), waiting for it: what its children used
    is then counted in this process's (and `time`'s) CPU."""
    global _server
    if _server is not None:
        _stop(_server[0], os.path.dirname(_server[1]))
        _server = None


LOG_ENV = "TESTS_FORK_LOG"  # a file: each forked command appended as a JSON line (test, command, cwd, CPU-s, s)


def _log(args, cwd, cpu: float, wall: float) -> None:
    """With TESTS_FORK_LOG set, one JSON line per forked command: which test ran it, the command, its
    folder, its CPU-seconds (user + system) and wall seconds, to find what is built more than once."""
    path = os.environ.get(LOG_ENV)
    if not path:
        return
    line = {"test": os.environ.get("PYTEST_CURRENT_TEST", ""), "worker": os.environ.get("PYTEST_XDIST_WORKER", ""),
            "args": [os.fspath(a) for a in args], "cwd": os.fspath(cwd or os.getcwd()), "cpu": round(cpu, 3),
            "s": round(wall, 3)}
    with open(path, "a", encoding="utf-8") as log:  # one short write per line: lines of two workers do not mix
        log.write(json.dumps(line, ensure_ascii=False) + "\n")


def _run_forked(server: str, args, command, cwd, env, fds, timeout, check) -> subprocess.CompletedProcess:
    kind, target, argv = command
    started = time.monotonic()
    request = {"kind": kind, "target": target, "argv": argv, "cwd": os.fspath(cwd or os.getcwd()),
               "env": dict(os.environ if env is None else env), "server": server}
    request["env"].pop(SERVER_ENV, None)
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.connect(server)
    with connection, connection.makefile("rb") as answers:
        socket.send_fds(connection, [json.dumps(request).encode() + b"\n"], list(fds))
        pid = int(answers.readline().split()[1])
        connection.settimeout(timeout)
        try:
            line = answers.readline()
        except (TimeoutError, socket.timeout):
            os.kill(pid, signal.SIGKILL)
            connection.settimeout(None)
            answers.readline()
            raise subprocess.TimeoutExpired(args, timeout) from None
    _exit, code, cpu = line.split()
    _log(args, cwd, float(cpu), time.monotonic() - started)
    if check and int(code):
        raise subprocess.CalledProcessError(int(code), args)
    result = subprocess.CompletedProcess(args, int(code))
    result.cpu_seconds = float(cpu)  # user + system of the forked command (not of what it started and reaped)
    return result


def run_python(args, *, cwd=None, env=None, capture_output=False, text=False, timeout=None, check=False,
               input=None, stdout=None, stderr=None, fresh=False, encoding=None, errors=None):
    """`subprocess.run` for a command of the venv's Python (a script, `-m` module, `-c` code) or one of
    its console scripts (`.venv/bin/mkdocs`), forked from the fork server (see the module's docstring).
    `fresh=True`, or any other command, runs as a new process with `subprocess.run`."""
    command = None if fresh else _command(args)
    if command is None:
        if not os.environ.get(LOG_ENV):
            return subprocess.run(args, cwd=cwd, env=env, capture_output=capture_output, text=text, timeout=timeout,
                                  check=check, input=input, stdout=stdout, stderr=stderr, encoding=encoding, errors=errors)
        import resource

        before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.monotonic()
        try:
            return subprocess.run(args, cwd=cwd, env=env, capture_output=capture_output, text=text, timeout=timeout,
                                  check=check, input=input, stdout=stdout, stderr=stderr, encoding=encoding, errors=errors)
        finally:
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            _log(args, cwd, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, time.monotonic() - started)
    if capture_output:
        stdout = stderr = subprocess.PIPE
    text = text or encoding is not None or errors is not None
    encoding = encoding or locale.getpreferredencoding(False)
    with tempfile.TemporaryFile() as inp, tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            open(os.devnull, "r+b") as devnull:
        def fd(stream, pipe: int, inherited: int) -> int:
            if stream == subprocess.PIPE:
                return pipe
            if stream is None:
                return inherited
            if stream == subprocess.DEVNULL:
                return devnull.fileno()
            return stream if isinstance(stream, int) else stream.fileno()

        if input is not None:
            inp.write(input.encode(encoding, errors or "strict") if isinstance(input, str) else input)
            inp.flush()
            inp.seek(0)
        stdin_fd = inp.fileno() if input is not None else 0
        out_fd = fd(stdout, out.fileno(), 1)
        err_fd = out_fd if stderr == subprocess.STDOUT else fd(stderr, err.fileno(), 2)
        result = _run_forked(_server_path(), args, command, cwd, env, (stdin_fd, out_fd, err_fd), timeout, False)

        def read(file, wanted: bool):
            if not wanted:
                return None
            file.seek(0)
            data = file.read()
            if not text:
                return data
            # as subprocess.run(text=True) reads a pipe: universal newlines
            return data.decode(encoding, errors or "strict").replace("\r\n", "\n").replace("\r", "\n")

        result.stdout = read(out, stdout == subprocess.PIPE)
        result.stderr = read(err, stderr == subprocess.PIPE)
    if check and result.returncode:
        raise subprocess.CalledProcessError(result.returncode, args, result.stdout, result.stderr)
    return result


if __name__ == "__main__":
    serve(sys.argv[1])
