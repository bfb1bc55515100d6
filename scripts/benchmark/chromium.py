"""Debian's chromium and how we start it, for the tests, the benchmark and Lighthouse.

Playwright's own browser download does not work here, so everything drives
/usr/bin/chromium (`./scripts/bootstrap --test-tools` installs it).
"""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # runs as root in containers and CI
    "--disable-gpu",
    "--disable-background-networking",  # no requests of its own while we count bytes
    "--disable-component-update",
    "--disable-sync",
]


def launch(playwright):
    """A headless Debian chromium through Playwright; close it when done."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
