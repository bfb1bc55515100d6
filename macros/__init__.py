"""mkdocs-macros entry point: checks the data, then registers the page-facing macros.

The work happens in plain modules (`site`, `data`, `tables`, `charts`, …)
that never import MkDocs, so they are tested alone and outlive the generator.
"""

import functools
from pathlib import Path

from .data import DataError
from .site import Site

MACROS = [
    "kpi_cards", "value", "total", "change", "period_name",
    "month_table", "data_table", "budget_table", "goal_table",
    "year_chart", "series_chart", "bar_chart",
    "dataset_list", "has_dataset", "report_list",
]


def define_env(env):
    """Called once per build: check every dataset first, so bad data stops the build."""
    root = Path(env.conf["config_file_path"]).parent
    site = Site(root, nav=env.conf["nav"], docs_dir=Path(env.conf["docs_dir"]))
    problems = site.catalog.problems()
    errors = [p for p in problems if p.severity == "error"]
    for warning in (p for p in problems if p.severity == "warning"):
        print(f"WARNING -  {warning}")
    if errors:
        raise DataError(errors)
    env.variables["site_data"] = site
    for name in MACROS:
        env.macro(_named(getattr(site, name), name), name)


class MacroError(Exception):
    """A macro call that failed, named with its arguments so the author finds it."""


def _named(method, name):
    @functools.wraps(method)
    def call(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 — re-raised with the call that caused it
            shown = ", ".join([repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()])
            raise MacroError(f"{name}({shown}) misslyckades: {exc}") from exc

    return call


def on_pre_page_macros(env):
    env.variables["site_data"].start_page(env.page.url)


def on_post_build(env):
    env.variables["site_data"].write_outputs(Path(env.conf["site_dir"]))
