"""Staff write a colon into a published report's title (`title: Försörjningsstöd: Åstorp`): the
build refuses with the page, line and column and the fix, in Swedish, as it does on a site without
editions; the record's titles of reports never end it in a traceback first."""

from __future__ import annotations

import pytest

from .conftest import build

pytestmark = pytest.mark.slow


def test_a_colon_in_a_published_reports_title_is_refused_with_its_line(remote):
    page = remote.work / "docs/astorp.md"
    text = page.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    page.write_text(text.replace(title, "title: Försörjningsstöd: Åstorp"), encoding="utf-8")
    line = text.splitlines().index(title) + 1
    result = build(remote.work)
    said = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in said and "Internt fel" not in said
    assert (
        f"docs/astorp.md:{line}:24: Sidhuvudet (front matter) går inte att läsa: ett kolon står där det inte får stå. "
        "En text som innehåller kolon måste stå inom citattecken. [yaml-kolon]"
    ) in said
