"""The one place HTML is made: autoescaping Jinja templates in macros/templates/.

Every string that came from a CSV or schema passes through here and is
escaped; figure JSON is embedded with <, > and & escaped, so it can hold no tag.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape  # noqa: F401 — escape: for text that Markdown reads (pages/page_macros.py)

from ..formats import swedish

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["json_script"] = json_script
    env.filters["hyphenate"] = swedish.hyphenate  # headings, table heads, card labels
    return env


def json_script(value) -> Markup:
    """JSON safe as element text: <, > and & escaped as \\u00XX, so no tag or entity can form.

    It goes in a <template>, not a <script>: Material's instant navigation re-creates
    inline scripts without their `type` and would run the JSON as JavaScript."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def render(template: str, **context) -> str:
    """Render a template to one block of HTML with no blank lines, so Markdown
    leaves it whole when a macro's output lands in a page."""
    html = re.sub(r"\n\s*\n", "\n", _environment().get_template(template).render(**context)).strip()
    # Dates a reader reads become Swedish; a feed's (atom.xml) are machine-read and stay RFC 3339.
    return reader_dates(html) if template.endswith(".html") else html


# Text a reader reads, between tags; not attributes (ids, data-key, links), nor the chart's
# JSON in <template> (charts.plotly_text writes its dates), nor code.
_TAG_OR_TEXT = re.compile(r"(<(template|code|pre|script)\b.*?</\2>|<[^>]*>)", re.S)


def reader_dates(html: str) -> str:
    """ISO dates in the text of rendered HTML written as Swedish dates (`31 augusti 2022`)."""
    if not swedish.ISO_DATE.search(html):
        return html
    parts = _TAG_OR_TEXT.split(html)
    out, skip = [], 0
    for index, part in enumerate(parts):
        if skip:  # the group captures that re.split returns after each match
            skip -= 1
            continue
        if part.startswith("<"):
            out.append(part)
            skip = 1
        else:
            out.append(swedish.dates_in_text(part))
    return "".join(out)


def slug(text: str) -> str:
    """Stable, readable ids: `Antal hushåll` → `antal-hushall`."""
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})
    return re.sub(r"[^a-z0-9]+", "-", text.lower().translate(table)).strip("-") or "x"
