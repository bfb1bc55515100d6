"""Generator glue, and nothing else: MkDocs (mkdocs-macros) and Zensical both call
`define_env(env)`; it finds this build's checked data and registers the page macros.

MkDocs calls `define_env` once per build, before any page; Zensical loads this
file by path (so the package registers itself for the relative imports below),
calls `define_env` for every page with `env.page` set, and has no post-build
hook. The work happens in plain modules below (data → models → render →
outputs → pages) that never import a generator.

Every mistake in data or pages stops the build with the same short Swedish lines the
validator prints, never a traceback (RAPPORT_TRACEBACK=1 gives developers one):
`BuildStopped` is a SystemExit, which both Python and `mkdocs serve` print as its
message; Zensical turns any Python exception into a traceback, so under `zensical
build` the lines are printed and the process ends.
"""

import logging
import os
import sys
import types
import unicodedata
from pathlib import Path

if __name__ not in sys.modules:  # Zensical executes this file by path without importing the package
    sys.modules[__name__] = types.ModuleType(__name__)
    sys.modules[__name__].__path__ = __path__

from .data.history import HistoryError  # noqa: E402
from .data.problems import DataError, log_line, tracebacks_wanted  # noqa: E402
from .pages import authoring  # noqa: E402
from .pages import build as builds  # noqa: E402
from .pages.page_macros import MACRO_NAMES as MACROS  # noqa: E402
from .pages.page_macros import PageMacros  # noqa: E402
from .pages.edition_pages import park_editions, render_new  # noqa: E402
from .pages.publish import publish  # noqa: E402
from .formats import swedish  # noqa: E402
from .render import hyphenation  # noqa: E402


class MacroError(Exception):
    """A macro call that failed, named with its page and arguments so the author finds it
    (raised as such only with RAPPORT_TRACEBACK=1; otherwise it is one line of `BuildStopped`)."""


class BuildStopped(SystemExit, Exception):
    """Stops the build after its lines are printed: exit status 1 and no traceback. MkDocs logs
    it in one line ("Error reading page 'x.md': se felen ovan"); `mkdocs serve` keeps serving."""

    def __init__(self):
        super().__init__(1)

    def __str__(self) -> str:
        return "se felen ovan"


def stop(problems: list, zensical: bool) -> None:
    """Print the errors, one line each, then stop the build."""
    sys.stdout.flush()
    print("\n".join(authoring.stop_lines(problems)), file=sys.stderr, flush=True)
    if zensical and sys.argv[1:2] == ["build"]:
        os._exit(1)  # Zensical would turn any exception, even SystemExit, into a traceback
    raise BuildStopped()


def _folders(env) -> tuple[Path, Path, Path]:
    """(project root, docs folder, site folder): MkDocs gives absolute paths and the config
    file; Zensical gives `root_dir` and folders relative to it."""
    conf = env.conf
    root = Path(conf["config_file_path"]).parent if conf.get("config_file_path") else Path(conf.get("root_dir") or env.project_dir)
    return root, root / conf.get("docs_dir", "docs"), root / conf.get("site_dir", "site")


def _build(env) -> tuple:
    """This build (made once, then the same for every page and the post-build step), and
    whether it was made just now."""
    root, docs_dir, site_dir = _folders(env)
    extra = env.conf.get("extra") or {}
    publication = {
        "title": env.conf.get("site_name"), "url": env.conf.get("site_url") or "",
        "description": env.conf.get("site_description") or "", "publisher": dict(extra.get("utgivare") or {}),
    }
    licence = extra.get("datalicens")
    if licence:
        publication["licence"] = dict(licence)
    return builds.current(root, env.conf.get("nav"), docs_dir, site_dir, publication)


def _page_source(page) -> str:
    """The page's Markdown file below docs/: MkDocs `page.file.src_uri`, Zensical `page.path`."""
    file = getattr(page, "file", None)
    return getattr(file, "src_uri", None) or getattr(page, "path", "") or ""


def _site_problems(env, build, root: Path, docs_dir: Path) -> list:
    """Everything wrong before any page renders: the data, every page's front matter, the nav."""
    try:
        problems = build.check()
    except DataError as exc:
        if tracebacks_wanted():
            raise
        problems = exc.problems
    config = Path(env.conf["config_file_path"]) if env.conf.get("config_file_path") else root / "mkdocs.yml"
    return problems + build.history_problems() + authoring.site_problems(
        docs_dir, env.conf.get("nav"), env.conf.get("not_in_nav"), config, build.catalog)


def _names(env) -> set:
    """Every name a page may use: the macros, the plugin's variables and the page's front matter."""
    names = set(getattr(env, "variables", {}) or {}) | set(getattr(env, "macros", {}) or {})
    page = getattr(env, "page", None)
    names |= set(getattr(page, "meta", None) or {})
    jinja = getattr(env, "env", None)
    names |= set(getattr(jinja, "globals", {}) or {})
    return names


def _page_problems(env, docs_dir: Path, body: str | None = None) -> list:
    """The page about to render: its macro code's syntax and the names it uses."""
    page = getattr(env, "page", None)
    if page is None:
        return []
    source = _page_source(page)
    path = docs_dir / source
    text = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
    offset = authoring.body_offset(text)
    if body is None:  # Zensical gives no page text: the file's, after its front matter
        body = "".join(text.splitlines(keepends=True)[offset:])
    return authoring.template_problems(f"docs/{source}", body, offset, _names(env) | set(MACROS), getattr(env, "env", None), MACROS)


def _deploying() -> bool:
    """Whether this is `mkdocs gh-deploy`, which publishes the site it builds. mkdocs-macros does not forward
    MkDocs' `on_startup(command=...)` to this module, and an event hook in mkdocs.yml (`hooks:`) is a line a
    site can drop; the command MkDocs' own command line (click) is running is asked instead, which also holds
    under `python -m mkdocs`."""
    try:
        import click
    except ImportError:  # Zensical without click: no gh-deploy there
        return False
    context = click.get_current_context(silent=True)
    while context is not None:
        if context.info_name == "gh-deploy":
            return True
        context = context.parent
    return False


def define_env(env):
    root, docs_dir, site_dir = _folders(env)
    zensical = type(env).__module__.startswith("zensical")
    authoring.nfc_config(env.conf)  # site_name, nav titles …: NFC before any page, the feed or the data package
    build, made_now = _build(env)
    if made_now:  # once per build: Zensical calls define_env for every page
        if env.conf.get("config_file_path"):
            build.config_file = Path(env.conf["config_file_path"])
        build.deploy = not zensical and _deploying()  # refused like a publishing build when its record is not GitHub's
        if not zensical:  # Zensical's build runs the editions step after it (scripts/build.py), as before
            build.after_archive = lambda archive: render_new(archive, build.config_file)
        build.site_problems = _site_problems(env, build, root, docs_dir)
        archive = build.archive() if not zensical and not any(p.severity == "error" for p in build.site_problems) else None
        if archive is not None:  # MkDocs empties the site folder after this (its hidden entries stay)
            park_editions(site_dir, {e.report_url for e in archive.all_editions()})
        if not any(p.severity == "error" for p in build.site_problems):
            for problem in build.site_problems:
                level = "INFO    " if problem.severity == "notice" else "WARNING "
                print(f"{level}-  {log_line(str(problem))}")
    if any(p.severity == "error" for p in build.site_problems):
        stop(build.site_problems, zensical)
    page_macros = PageMacros(build)
    seen = {"page": None}
    failed: list[str] = []  # this page's failed macro calls (MkDocs), reported after it renders
    offsets: dict[str, int] = {}  # page → lines of front matter before its macro code
    env.rapport_failed = failed

    def follow_page() -> str:
        """Start the page the generator is rendering now; returns its source for messages."""
        page = getattr(env, "page", None)
        if page is not None and page is not seen["page"]:
            seen["page"] = page
            source = _page_source(page)
            meta = getattr(page, "meta", None)
            page_macros.start_page(page.url, source.rpartition("/")[0] if zensical else None, meta, source)
            build.write_data_outputs()
            try:
                period = page_macros.page_period()
            except Exception:  # noqa: BLE001 — a bad period rule is reported by the page's own macros
                period = None
            if period is not None and isinstance(meta, dict):
                meta["uppgifterna_avser"] = period.name  # printed on paper (overrides/main.html)
        return _page_source(page) if page is not None else "?"

    def register(name):
        method = getattr(page_macros, name)

        def call(*args, **kwargs):
            source = follow_page()
            try:
                result, reason = authoring.run_macro(name, method, args, kwargs, build)
            except Exception as exc:  # only with RAPPORT_TRACEBACK=1: developers get the traceback
                raise MacroError(f"{where(source, args, kwargs)} misslyckades: {exc}") from exc
            if reason is None:
                return result
            message = f"{where(source, args, kwargs)}: {reason}"
            if zensical:
                stop([message], zensical)
            failed.append(message)
            return ""

        def where(source: str, args: tuple, kwargs: dict) -> str:
            """`docs/astorp.md:80:1: value("astorp/forsorjningsstod", "hushal")`, found only when a call fails."""
            if source not in offsets:
                path = docs_dir / source
                offsets[source] = authoring.body_offset(path.read_text(encoding="utf-8-sig")) if path.is_file() else 0
            return f"docs/{source}:{authoring.template_line() + offsets[source]}:1: {authoring.call_text(name, args, kwargs)}"

        call.__name__, call.__doc__ = name, method.__doc__
        env.macro(call, name)

    for name in MACROS:
        register(name)
    # Soft hyphens in the pages' own headings and table heads (MkDocs reads the list for each page).
    extensions = env.conf.get("markdown_extensions")
    if isinstance(extensions, list) and not any(isinstance(e, hyphenation.HyphenationExtension) for e in extensions):
        extensions.append(hyphenation.HyphenationExtension())
    # `{{ config.extra.granskad | datum }}`: a date from the settings as a reader reads it (31 augusti 2022).
    env.filter(swedish.dates_in_text, "datum")
    if zensical:
        problems = _page_problems(env, docs_dir)
        if problems:
            stop(problems, zensical)


def on_pre_page_macros(env):
    """MkDocs, before a page renders: its text and front matter in Unicode's NFC (as every text
    from the data is), then its macro code's syntax and names, with the page's lines."""
    env.markdown = unicodedata.normalize("NFC", env.markdown or "")
    meta = getattr(getattr(env, "page", None), "meta", None)
    if isinstance(meta, dict):
        meta.update({key: unicodedata.normalize("NFC", value) for key, value in meta.items() if isinstance(value, str)})
    _root, docs_dir, _site = _folders(env)
    problems = _page_problems(env, docs_dir, getattr(env, "markdown", None))
    if problems:
        stop(problems, False)


def on_post_page_macros(env):
    """MkDocs, after a page rendered: every failed macro call on it, at once."""
    failed = getattr(env, "rapport_failed", [])
    if failed:
        lines = list(failed)
        failed.clear()
        stop(lines, False)


def on_post_build(env):
    """MkDocs, after every build and `mkdocs serve` rebuild: editions, the feed and (RAPPORT_PDF=1)
    PDFs. Zensical has no such hook: scripts/build.py runs the same step after it."""
    root, _docs_dir, site_dir = _folders(env)
    build, _made_now = _build(env)
    try:
        published = publish(build, site_dir, Path(env.conf.get('config_file_path') or root / 'mkdocs.yml'), refusals=_strict_warnings(env))
        print(f"INFO    -  {published}")
    except HistoryError as exc:  # the record or the history cannot be read or written: said in Swedish
        if tracebacks_wanted():
            raise
        stop([str(exc)], False)
    hyphenation.search_without_soft_hyphens(site_dir)
    build.release_archive()
    if published.shown:  # new editions included; checked before the record was appended to (it was not)
        stop(published.shown, False)


def _strict_warnings(env):
    """MkDocs --strict stops a build with warnings only after on_post_build: asked before the record
    is appended to, so a build MkDocs then refuses leaves nothing in it."""
    def counted() -> list:
        if not env.conf.get("strict"):
            return []
        handlers = [h for h in logging.getLogger("mkdocs").handlers if hasattr(h, "get_counts")]
        return [count for h in handlers for count in h.get_counts()]
    return counted
