"""Every file the build writes beside the pages, and the one function that writes them."""

from __future__ import annotations

from pathlib import Path

from ..data.catalog import Catalog
from .datapackage import datapackage
from .downloads import dataset_csv
from .theme import theme_script


def site_files(catalog: Catalog, publication: dict) -> dict[str, bytes]:
    """Site path → bytes: each dataset as a download with its schema, the data package that
    describes them, and the chart theme script. `publication`: title, url and licence of the site."""
    files = {"assets/chart-theme.js": theme_script().encode("utf-8")}
    if catalog.published_ids():  # a package needs at least one resource: a site without data has none
        files["data/datapackage.json"] = datapackage(catalog, publication["title"], publication["url"], publication["licence"])
    for dataset_id in catalog.published_ids():  # the author guide's examples are not open data
        dataset = catalog.load(dataset_id)
        files[f"data/{dataset_id}.csv"] = dataset_csv(dataset)
        files[f"data/{dataset_id}.schema.yaml"] = catalog.files.read_bytes(f"{dataset_id}.schema.yaml")
    return files


def write_files(site_dir: Path, files: dict[str, bytes]) -> None:
    for relative, content in sorted(files.items()):
        target = Path(site_dir) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
