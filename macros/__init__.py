"""Generator glue, and nothing else: MkDocs (mkdocs-macros) and Zensical both call
`define_env(env)`; it finds this build's checked data and registers the page macros.

MkDocs calls `define_env` once per build, before any page; Zensical loads this
file by path (so the package registers itself for the relative imports below),
calls `define_env` for every page with `env.page` set, and has no post-build
hook. The work happens in plain modules below (data → models → render →
outputs → pages) that never import a generator.
"""

import sys
import types
from pathlib import Path

if __name__ not in sys.modules:  # Zensical executes this file by path without importing the package
    sys.modules[__name__] = types.ModuleType(__name__)
    sys.modules[__name__].__path__ = __path__

from .pages import build as builds  # noqa: E402
from .pages.page_macros import MACRO_NAMES as MACROS  # noqa: E402
from .pages.page_macros import PageMacros  # noqa: E402
from .pages.publish import publish  # noqa: E402


class MacroError(Exception):
    """A macro call that failed, named with its page and arguments so the author finds it."""


def _folders(env) -> tuple[Path, Path, Path]:
    """(project root, docs folder, site folder): MkDocs gives absolute paths and the config
    file; Zensical gives `root_dir` and folders relative to it."""
    conf = env.conf
    root = Path(conf["config_file_path"]).parent if conf.get("config_file_path") else Path(conf.get("root_dir") or env.project_dir)
    return root, root / conf.get("docs_dir", "docs"), root / conf.get("site_dir", "site")


def _page_source(page) -> str:
    """The page's Markdown file below docs/: MkDocs `page.file.src_uri`, Zensical `page.path`."""
    file = getattr(page, "file", None)
    return getattr(file, "src_uri", None) or getattr(page, "path", "") or ""


def define_env(env):
    root, docs_dir, site_dir = _folders(env)
    zensical = type(env).__module__.startswith("zensical")
    build, made_now = builds.current(root, env.conf.get("nav"), docs_dir, site_dir)
    if made_now:
        for warning in build.check():
            print(f"{'INFO    ' if warning.severity == 'notice' else 'WARNING '}-  {warning}")
    page_macros = PageMacros(build)
    seen = {"page": None}

    def follow_page() -> str:
        """Start the page the generator is rendering now; returns its source for messages."""
        page = getattr(env, "page", None)
        if page is not None and page is not seen["page"]:
            seen["page"] = page
            source = _page_source(page)
            page_macros.start_page(page.url, source.rpartition("/")[0] if zensical else None, getattr(page, "meta", None))
            build.write_data_outputs()
        return _page_source(page) if page is not None else "?"

    def register(name):
        method = getattr(page_macros, name)

        def call(*args, **kwargs):
            source = follow_page()
            try:
                return method(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 — re-raised with the page and call that caused it
                shown = ", ".join([repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()])
                raise MacroError(f"{source}: {name}({shown}) misslyckades: {exc}") from exc

        call.__name__, call.__doc__ = name, method.__doc__
        env.macro(call, name)

    for name in MACROS:
        register(name)


def on_post_build(env):
    """MkDocs, after every build and `mkdocs serve` rebuild: editions, the feed and (RAPPORT_PDF=1)
    PDFs. Zensical has no such hook: scripts/build runs the same step after it."""
    root, docs_dir, site_dir = _folders(env)
    build, _made_now = builds.current(root, env.conf.get("nav"), docs_dir, site_dir)
    print(f"INFO    -  {publish(build, site_dir, Path(env.conf['config_file_path']))}")
