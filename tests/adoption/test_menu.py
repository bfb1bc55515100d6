"""Staff adding a report edit the nav in mkdocs.yml by hand. MkDocs checks that file before any of
our code runs and stops in English ("Expected nav to be a list, got None"); scripts/build.py
checks it first and says, in Swedish at its line, what is wrong (met in the walkthrough)."""

from __future__ import annotations

import pytest

from macros.pages.authoring import config_problems
from scripts.build import main as build

START = "site_name: Ystad\nnav:\n  - Start: index.md\n"


@pytest.mark.parametrize(("nav", "said"), [
    ("  - Rapporter:\n  - Ystads kommun:\n      - Försörjningsstöd: forsorjningsstod.md\n",
     'mkdocs.yml:4:5: Menyraden "Rapporter" har ingen sida och inget under sig. Skriv sidans fil efter kolonet '
     '("- Rapporter: sida.md"), eller skriv raderna som hör till den under den, med fyra mellanslag till först på raden '
     "(se CONTRIBUTING.md, Lägg till en rapportsida). [menyrad-utan-innehall]"),
    ("  - Rapporter:\n      Ystads kommun:\n          - Försörjningsstöd: forsorjningsstod.md\n",
     'mkdocs.yml:5:7: En rad i menyn ska ha formen "- Titel: sida.md", eller "- Rubrik:" med raderna som hör till den '
     'indragna under sig. Raderna under "Rapporter" saknar bindestreck: skriv "- " först på varje rad. [menyrad-felaktig]'),
    ("  - Rapporter:\n\t- Ystads kommun:\n",
     "mkdocs.yml:5:1: mkdocs.yml går inte att läsa: ett tecken som inte får inleda ett värde, oftast ett tabbtecken "
     "(använd mellanslag för indrag) eller @ eller ` först i en text (sätt texten inom citattecken). [mkdocs-yml-gar-inte-att-lasa]"),
    ("  - Rapporter:\n      - Ystads kommun:\n        Försörjningsstöd: forsorjningsstod.md\n",
     'mkdocs.yml:5:9: En rad i menyn ska ha formen "- Titel: sida.md", eller "- Rubrik:" med raderna som hör till den '
     "indragna under sig. Raden har 2 titlar (Ystads kommun, Försörjningsstöd): raderna efter den första saknar "
     "bindestreck eller har för lite indrag. [menyrad-felaktig]"),
])
def test_a_menu_mistake_is_one_swedish_line_at_its_place(tmp_path, capsys, nav, said):
    config = tmp_path / "mkdocs.yml"
    config.write_text(START + nav, encoding="utf-8")
    assert [str(p) for p in config_problems(config)] == [said]
    assert build(["--config-file", str(config)]) == 1
    assert capsys.readouterr().err.splitlines() == [said, "Bygget stoppades: 1 fel. Rätta felet ovan och bygg igen."]


def test_a_menu_as_contributing_shows_it_has_no_problem(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(START + "  - Rapporter:\n      - Ystads kommun:\n          - Försörjningsstöd: forsorjningsstod.md\n"
                      "  - Om: [om.md, {Extern: 'https://www.ystad.se/'}]\nextra: !ENV [X, y]\n", encoding="utf-8")
    assert config_problems(config) == []
