"""The build stops on a page whose text shows Markdown or template syntax (issue 19 point 2):
definition lists switched off, a macro's braces mistyped. One page per fault, each with the
exact Swedish line; code blocks, where such signs are meant, pass."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import copy_project, mkdocs_command

from macros.render import leaks
from forked_python import run_python

PAGE = '<html><body><article class="md-content__inner">{}</article></body></html>'


def problems_of(tmp_path: Path, body: str) -> list[str]:
    site = tmp_path / "site"
    (site / "sidan").mkdir(parents=True)
    (site / "sidan" / "index.html").write_text(PAGE.format(body), encoding="utf-8")
    return [str(p) for p in leaks.site_problems(site, [site / "sidan" / "index.html"])]


@pytest.mark.parametrize(("body", "what", "snippet"), [
    ("<p>Hushåll\n:   En person eller flera</p>", "en definitionslista (rad som börjar med kolon)", "Hushåll : En person eller flera"),
    ("<p>Antal {{ value(\"a/b\", \"c\") }} hushåll</p>", "mallsyntax (klammerparenteser)", 'Antal {{ value("a/b", "c") }} hushåll'),
    ("<p>Det var **fler** än i fjol</p>", "fetstil med **", "Det var **fler** än i fjol"),
    ("<p>Se [sidan](data.md) för filerna</p>", "en länk eller fotnot i Markdown", "Se [sidan](data.md) för filerna"),
    ("<p>!!! note \"Obs\"</p>", "en ruta (!!! eller ???)", '!!! note "Obs"'),
])
def test_visible_markup_is_refused_with_the_page_and_the_text(tmp_path, body, what, snippet):
    site = tmp_path / "site"
    assert problems_of(tmp_path, body) == [
        f"{site}/sidan/index.html:1:1: Sidan sidan/ visar {what} som text: «{snippet}». Rätta sidans Markdown "
        "så att det blir formaterat (se docs/forfattarguide/). [markdown-syns-pa-sidan]"
    ]


def test_code_may_show_markup(tmp_path):
    assert problems_of(tmp_path, "<p><code>{{ value(\"a/b\", \"c\") }}</code>: värdet</p><pre>**x**\n:   y</pre>") == []


def test_a_site_without_definition_lists_does_not_build(tmp_path):
    project = copy_project(tmp_path / "projekt")
    config = project / "mkdocs.yml"
    config.write_text("\n".join(line for line in config.read_text(encoding="utf-8").splitlines() if "def_list" not in line), encoding="utf-8")
    result = run_python(
        [*mkdocs_command(), "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=project, capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode == 1
    assert (
        f"{tmp_path / 'site'}/om-statistiken/index.html:1:1: Sidan om-statistiken/ visar en definitionslista "
        "(rad som börjar med kolon) som text: «t bistånd¶ Ekonomiskt bistånd : Stöd enligt socialtjänstlagen t». "
        "Rätta sidans Markdown så att det blir formaterat (se docs/forfattarguide/). [markdown-syns-pa-sidan]"
    ) in result.stderr
