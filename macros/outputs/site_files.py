"""Every file the build writes beside the pages, and the one function that writes them."""

from __future__ import annotations

from pathlib import Path

from ..data.catalog import Catalog
from . import dcat
from .datapackage import datapackage
from .downloads import dataset_csv
from .theme import theme_script


def site_files(catalog: Catalog, publication: dict, facts: dcat.Facts | None = None) -> dict[str, bytes]:
    """Site path → bytes: each dataset as a download with its schema, the data package that
    describes them, the chart theme script, and (with `facts`, which need the site's address) the
    DCAT-AP-SE catalogue for Sveriges dataportal. `publication`: title, url and licence of the site.
    The author guide's made-up examples are not open data: only `catalog.published_ids()`."""
    files = {"assets/chart-theme.js": theme_script().encode("utf-8")}
    published = catalog.published_ids()
    if published:  # a package needs at least one resource: a site without data has none
        files["data/datapackage.json"] = datapackage(catalog, publication["title"], publication["url"], publication["licence"])
    for dataset_id in published:
        dataset = catalog.load(dataset_id)
        files[f"data/{dataset_id}.csv"] = dataset_csv(dataset)
        files[f"data/{dataset_id}.schema.yaml"] = catalog.schema_file(dataset_id)
    if facts is not None and published:
        facts.sizes = {i: len(files[f"data/{i}.csv"]) for i in published}
        files.update(dcat.serialised([catalog.load(i) for i in published], facts))
    return files


def write_files(site_dir: Path, files: dict[str, bytes]) -> None:
    for relative, content in sorted(files.items()):
        target = Path(site_dir) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
