"""What authors write, checked in Swedish without a build: macro arguments and their types,
template syntax at the page's own line numbers, front matter, the nav."""

from __future__ import annotations


import pytest

from macros import MACROS
from macros.pages import authoring
from macros.pages.page_macros import PageMacros


def problem(name: str, *args, **kwargs) -> str | None:
    said = authoring.call_problem(name, getattr(PageMacros, name).__get__(object()), args, kwargs)
    return said.coded() if said is not None else None


@pytest.mark.parametrize("name, args, kwargs, said", [
    ("value", ("a", "hushall"), {"perod": "2022-08"},
     'inget argument heter "perod". Menar du "period"? Argumenten är: dataset_id, measure, period, key, unit. [okant-argument]'),
    ("value", ("a",), {}, 'argumentet "measure" saknas. Argumenten är: dataset_id, measure, period, key, unit. '
     "Se Så skriver du en rapportsida (docs/forfattarguide/). [argument-saknas]"),
    ("value", ("a", "b", "c", "d", True, "f"), {}, "value tar högst 5 argument, men fick 6. Argumenten är: dataset_id, measure, period, key, unit. [for-manga-argument]"),
    ("value", ("a", "b"), {"dataset_id": "a"}, 'argumentet "dataset_id" står två gånger, både utan och med namn. [argument-tva-ganger]'),
    ("value", ("a", 5), {}, 'argumentet measure ska vara en text inom raka citattecken, till exempel "hushall", men är talet 5. [argument-fel-typ]'),
    ("month_table", ("a",), {"year": "2022"}, 'argumentet year ska vara ett heltal utan citattecken, till exempel 2022, men är texten "2022". [argument-fel-typ]'),
    ("month_table", ("a",), {"year": True}, "argumentet year ska vara ett heltal utan citattecken, till exempel 2022, men är true. [argument-fel-typ]"),
    ("year_chart", ("a", "b"), {"years": ["2021"]},
     'argumentet years ska vara en lista av heltal inom [ ], till exempel [2021, 2022], men är en lista med texten "2021". [argument-fel-typ]'),
    ("series_chart", ("a", "hushall"), {},
     'argumentet measures ska vara en lista av texter inom [ ], till exempel ["hushall", "bistandstagare"], men är texten "hushall". [argument-fel-typ]'),
    ("bar_chart", ("a", ["x"]), {"stacked": "ja"}, 'argumentet stacked ska vara true eller false (utan citattecken), men är texten "ja". [argument-fel-typ]'),
    ("year_chart", ("a", "b"), {"years": [2021, 2022]}, None),
    ("kpi_cards", ("a",), {"measures": None, "period": "2022-08"}, None),
])
def test_macro_arguments(name, args, kwargs, said):
    assert problem(name, *args, **kwargs) == said


def test_every_registered_macro_is_a_page_method():
    assert all(callable(getattr(PageMacros, name, None)) for name in MACROS)


PAGE = "---\ntitle: Sida\n---\n\n\nText {{ value(\"a\", \"b\" }}\n"


def test_template_line_counts_the_front_matter():
    assert authoring.body_offset(PAGE) == 5
    body = "".join(PAGE.splitlines(keepends=True)[5:])
    assert [str(p) for p in authoring.template_problems("docs/sida.md", body, 5, set(MACROS))] == [
        'docs/sida.md:6:1: Makrokoden på raden går inte att läsa: en slutparentes ) saknas före }}. Raden: Text {{ value("a", "b" }} [makro-slutparentes-saknas]'
    ]


def test_names_defined_in_the_page_are_known():
    body = "{% set x = 1 %}{{ x }}{% for m in ['a'] %}{{ m }}{{ loop.index }}{% endfor %}{{ page.title }}{{ okand }}"
    found = [str(p) for p in authoring.template_problems("docs/s.md", body, 0, {"page", *MACROS}, macros=MACROS)]
    assert len(found) == 1 and found[0].startswith('docs/s.md:1:1: Okänt namn "okand".')


@pytest.mark.parametrize("text, said", [
    ("---\ntitle: a\n", "docs/s.md:1:1: Sidhuvudet (front matter) börjar med --- men avslutas aldrig med en rad med bara ---. "
     "Lägg till den raden efter sidhuvudets sista rad (title, description …). [sidhuvud-oavslutat]"),
    ("---\ntitle: a: b\n---\n", "docs/s.md:2:9: Sidhuvudet (front matter) går inte att läsa: ett kolon står där det inte får stå. "
     "En text som innehåller kolon måste stå inom citattecken. [yaml-kolon]"),
    ("---\ntitle: !!python/name:os.system x\n---\n", "docs/s.md:2:8: Sidhuvudet (front matter) går inte att läsa: "
     "YAML-taggar (tag:yaml.org,2002:python/name:os.system) är inte tillåtna. Ta bort taggen och skriv värdet som vanlig text eller tal. [yaml-tagg]"),
    ("---\na: &x 1\nb: *x\n---\n", "docs/s.md:2:4: Sidhuvudet (front matter) går inte att läsa: "
     "YAML-ankare och alias (&namn, *namn) är inte tillåtna. Skriv ut värdet där det ska stå. [yaml-alias]"),
    ("---\n- a\n---\n", "docs/s.md:2:1: Sidhuvudet (front matter) ska vara rader med nyckel och värde, till exempel title: Kort titel. [sidhuvud-inte-karta]"),
])
def test_front_matter_mistakes(text, said):
    assert [str(p) for p in authoring.front_matter_problems("docs/s.md", text)] == [said]


def test_nav_against_the_pages(tmp_path):
    docs = tmp_path / "docs"
    (docs / "utkast").mkdir(parents=True)
    for name in ("index.md", "a.md", "b.md", "utkast/c.md"):
        (docs / name).write_text("# x\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("nav:\n  - Start: index.md\n  - A: a.md\n  - Saknas: saknas.md\n", encoding="utf-8")
    nav = [{"Start": "index.md"}, {"A": "a.md"}, {"Saknas": "saknas.md"}]
    found = [str(p) for p in authoring.nav_problems(docs, nav, "utkast/\n", config)]
    assert found == [
        'docs/b.md:1:1: Sidan finns inte i menyn (nav i mkdocs.yml), så ingen läsare hittar den. Lägg till den under nav, '
        'till exempel "- Sidans titel: b.md", eller ta bort filen. [inte-i-menyn]',
        "mkdocs.yml:4:1: Menyn (nav) pekar på saknas.md, som inte finns i docs/. Rätta filnamnet eller ta bort raden. [meny-utan-sida]",
    ]
    assert authoring.nav_problems(docs, [], None, config) == []  # no nav: the generator lists every page
