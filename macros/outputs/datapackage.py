"""data/datapackage.json: the downloads described as a Frictionless Data Package, so the data
can be reused as it is (title, source, licence, and each resource's fields with type and unit).

The description matches what outputs/downloads.py writes: `;` between columns, decimal comma,
UTF-8 with BOM, CRLF, `..` for a missing value, a header row with the field names.
"""

from __future__ import annotations

import json

from ..data.catalog import Catalog
from ..data.dataset import Dataset
from ..data.schema import Field
from .downloads import MISSING

# Our field types are Table Schema's, except that a computed field is always a number.
DIALECT = {"delimiter": ";", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True, "header": True}


def field_descriptor(spec: Field) -> dict:
    descriptor = {"name": spec.name, "title": spec.title, "type": "number" if spec.computed else spec.type}
    if spec.type in ("number",) or spec.computed:
        descriptor["decimalChar"] = ","
    description = spec.description
    if spec.computed:
        description = (description + " " if description else "") + f"Beräknat av webbplatsen: {spec.formula.text}."
    if description:
        descriptor["description"] = description
    if spec.unit:
        descriptor["unit"] = spec.unit  # not in Table Schema's vocabulary; kept as an extra property
    constraints = {}
    if spec.required:
        constraints["required"] = True
    if spec.minimum is not None:
        constraints["minimum"] = spec.minimum
    if spec.maximum is not None:
        constraints["maximum"] = spec.maximum
    if spec.enum is not None:
        constraints["enum"] = list(spec.enum)
    if constraints:
        descriptor["constraints"] = constraints
    return descriptor


def resource(dataset: Dataset) -> dict:
    schema = dataset.schema
    table_schema = {"fields": [field_descriptor(f) for f in dataset.fields.values()], "missingValues": [MISSING]}
    if schema.primary_key:
        table_schema["primaryKey"] = list(schema.primary_key)
    described = {
        "name": dataset.id.replace("/", "-"),
        "path": f"{dataset.id}.csv",
        "title": schema.title,
        "description": schema.description,
        "sources": [{"title": schema.source}],
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig",
        "dialect": DIALECT,
        "schema": table_schema,
    }
    if schema.period:
        described["period"] = schema.period
    return described


def datapackage(catalog: Catalog, title: str, site_url: str, licence: dict) -> bytes:
    """The package for every dataset in the catalogue, as JSON bytes (stable key order)."""
    package = {
        "name": "socialrapporter",
        "title": title,
        "description": "Uppgifterna bakom webbplatsens tabeller och diagram, en CSV-fil per dataset.",
        "homepage": site_url,
        "licenses": [licence],
        "resources": [resource(catalog.load(dataset_id)) for dataset_id in catalog.published_ids()],
    }
    return (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
