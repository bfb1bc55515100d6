"""The site's plotly.js bundle ships the licences of everything it bundles (plotly-site.LICENSES.txt,
written by scripts/plotly-bundle/build.mjs beside the bundle): each package at the version the
lock file installs, with its licence text. A bundle rebuilt from a new lock without the list
written again fails here."""

from __future__ import annotations

import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VENDOR = REPO / "docs/assets/vendor"
LOCK = REPO / "scripts/plotly-bundle/package-lock.json"


def test_the_bundle_ships_the_licences_of_what_it_bundles():
    text = (VENDOR / "plotly-site.LICENSES.txt").read_text(encoding="utf-8")
    listed = re.findall(r"^  (\S+) (\S+) \((.+)\)$", text, re.M)
    assert listed, "no package listed"
    packages = json.loads(LOCK.read_text(encoding="utf-8"))["packages"]
    versions = {(path.rsplit("node_modules/", 1)[-1], entry.get("version")) for path, entry in packages.items() if path}
    assert ("plotly.js", packages["node_modules/plotly.js"]["version"]) in {(n, v) for n, v, _ in listed}
    assert not [(n, v) for n, v, _ in listed if (n, v) not in versions], "listed at a version the lock does not install"
    for name, version, licence in listed:
        assert licence != "not stated", name
        assert f"{name} {version}, licence: {licence}" in text, f"{name}: no licence text"
    assert "MIT" in text and "Copyright" in text
