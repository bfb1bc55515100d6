"""assets/chart-theme.js: the chart colours for the light and dark scheme and the Swedish
Plotly locale, written by the build so they come from one place (this module)."""

from __future__ import annotations

import json

from ..formats import swedish

# Okabe–Ito, colour-blind safe; every colour ≥ 3:1 against its scheme's background
# (checked in tests/makron/test_macros.py). Lines also differ by dash and marker, never by colour alone.
THEMES = {
    "light": {
        "background": "#ffffff",
        "font": "#000000de",
        "grid": "#d0d0d0",
        "colorway": ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#882255"],
        "muted": "#767676",  # bars that make room for another to stand out (a municipality among its peers)
    },
    "dark": {
        "background": "#1e2029",
        "font": "#e2e4e9",
        "grid": "#3b3f4d",
        "colorway": ["#56B4E9", "#E69F00", "#009E73", "#CC79A7", "#F0E442"],
        "muted": "#8f95a3",
    },
}


def theme_script() -> str:
    payload = {"themes": THEMES, "locale": swedish.plotly_locale()}
    return "window.SITE_CHARTS = " + json.dumps(payload, ensure_ascii=False, sort_keys=True) + ";\n"
