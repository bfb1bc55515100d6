"""The site configuration promises: Swedish, no third-party requests, strict builds,
macro errors that stop the build, and `mkdocs serve` that reloads on data changes."""

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # MkDocs' !ENV style tags


def config() -> dict:
    return yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)


def plugin(name: str) -> dict:
    for entry in config()["plugins"]:
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
    raise AssertionError(f"plugin {name} saknas")


def test_swedish_and_self_contained():
    conf = config()
    assert conf["theme"]["language"] == "sv"
    assert conf["theme"]["font"] is False  # no Google Fonts
    assert plugin("search")["lang"] == "sv"
    assert all(not str(src).startswith(("http:", "https:", "//")) for src in conf["extra_javascript"] + conf["extra_css"])


def test_strict_and_failing_macros():
    conf = config()
    assert conf["strict"] is True
    macros = plugin("macros")
    assert macros["on_error_fail"] is True
    assert macros["on_undefined"] == "strict"


def test_serve_reloads_on_data_changes():
    assert "data" in config()["watch"]


def test_navigation_scales():
    assert "navigation.prune" in config()["theme"]["features"]
