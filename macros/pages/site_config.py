"""The site's settings from mkdocs.yml, read once per file version, without the generator.

Editions (rendering with mkdocs.yml's Markdown extensions, framing with its site_url),
scripts/build.py and scripts/ny-webbplats.py all read these few settings; the file is parsed
once per build (cached by its path, size and time), not once per caller.
"""

from __future__ import annotations

import copy
import os
from functools import lru_cache
from pathlib import Path

import yaml

MKDOCS_DEFAULT_EXTENSIONS = ["toc", "tables", "fenced_code"]  # what MkDocs always adds


class _ConfigLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when present: 0.7 against 8.6 ms
    """mkdocs.yml may hold tags (!ENV, !!python/name:…) that only the generator understands."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def project_config(config_file: Path) -> dict:
    """The parts of mkdocs.yml that editions and the build scripts need (a fresh copy each call)."""
    stat = os.stat(config_file)
    return copy.deepcopy(_project_config(str(Path(config_file).resolve()), stat.st_size, stat.st_mtime_ns))


@lru_cache(maxsize=8)
def _project_config(config_file: str, _size: int, _mtime: int) -> dict:
    doc = yaml.load(Path(config_file).read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}  # noqa: S506 — safe loader subclass
    extensions, configs = list(MKDOCS_DEFAULT_EXTENSIONS), {}
    for item in doc.get("markdown_extensions") or []:
        name, options = (next(iter(item.items())) if isinstance(item, dict) else (item, None))
        if name not in extensions:
            extensions.append(name)
        if options:
            configs[name] = options
    extra = doc.get("extra") or {}
    return {
        "site_url": doc.get("site_url") or "",
        "site_name": doc.get("site_name") or "",
        "author": (extra.get("utgivare") or {}).get("namn") or doc.get("site_name") or "",
        "publisher": extra.get("utgivare") or {},
        "extensions": extensions,
        "extension_configs": configs,
        "nav": doc.get("nav") or [],
        "docs_dir": doc.get("docs_dir") or "docs",
        "site_dir": doc.get("site_dir") or "site",
        # extra.tidigare_adresser: addresses the site had before it moved (its record was published there)
        "earlier_addresses": _addresses(extra.get("tidigare_adresser")),
    }


def _addresses(value) -> list[str]:
    """A list of addresses as written (one address alone is a list of one)."""
    values = value if isinstance(value, list) else [value] if value else []
    return [str(v).strip() for v in values if str(v or "").strip()]
