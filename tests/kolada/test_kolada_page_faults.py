"""kolada_comparison and comparison refusing what would publish the wrong thing (adv20 #99–#103,
#106, #143, #144): an empty or doubled list, an empty heading, another municipality's comparison,
the author guide's made-up data on a report, and a download without binary-float noise."""

from __future__ import annotations

import inspect
import re
import shutil

import pytest

from macros.pages.build import Build
from macros.pages.page_macros import PageMacros
from macros.pages.reports import split_page

from .kolada_standin import FIXTURE, REPO


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    """The Kolada tests' small site with the author guide's comparison example beside it."""
    root = tmp_path_factory.mktemp("sidfel") / "projekt"
    shutil.copytree(FIXTURE, root)
    (root / "data" / "forfattarguide").mkdir()
    for name in ("jamforelse.csv", "jamforelse.schema.yaml"):
        shutil.copy(REPO / "data" / "forfattarguide" / name, root / "data" / "forfattarguide" / name)
    return root


def page(root, source: str, code: str | None):
    macros = PageMacros(Build(root))
    macros.start_page(source.removesuffix(".md") + "/", meta={"kommunkod": code} if code else {}, source=source)
    return macros


def refusal(call) -> str:
    """The message as the build prints it: the text, then its code."""
    with pytest.raises(ValueError) as caught:
        call()
    return f"{caught.value} [{caught.value.code}]"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"measures": []},
         'kolada_comparison: listan measures är tom. Skriv minst ett id, till exempel measures=["N31807"], eller '
         "utelämna measures för att visa alla. [jamforelse-lista-fel]"),
        ({"measures": ["N31807", "N31807"]},
         "kolada_comparison: N31807 står två gånger i listan measures. Ta bort det ena. [jamforelse-lista-fel]"),
        ({"measures": ["N31807"], "heading": " "},
         'kolada_comparison: rubriken (heading) är tom. Skriv en rubrik, till exempel heading="Jämförelse med '
         'liknande kommuner", eller utelämna heading. [jamforelse-lista-fel]'),
        ({"datasets": []},
         'kolada_comparison: listan datasets är tom. Skriv minst ett id, till exempel datasets=["kolada/astorp-n31807"], '
         "eller utelämna datasets för att visa alla. [jamforelse-lista-fel]"),
        ({"measures": ["N31807"], "datasets": ["kolada/katrineholm-n31807"]},
         "kolada_comparison: ange antingen measures (Koladas id) eller datasets, inte båda. [jamforelse-lista-fel]"),
        ({"datasets": ["kolada/astorp-n31807"]},
         "kolada_comparison: datasetet kolada/astorp-n31807 gäller Åstorp (kommunkod 1277), men sidan anger kommunkod "
         "0483. Ta bort datasets= så visas sidans egen kommun, eller ändra kommunkoden. [jamforelse-annan-kommun]"),
    ],
    ids=["tom-lista", "samma-id-tva-ganger", "tom-rubrik", "tom-datasetlista", "bade-measures-och-datasets", "annan-kommun"],
)
def test_a_comparison_that_would_show_the_wrong_thing_is_refused(root, kwargs, message):
    macros = page(root, "katrineholm.md", "0483")
    assert refusal(lambda: macros.kolada_comparison(**kwargs)) == message


GUIDE_REFUSAL = (
    "datasetet forfattarguide/jamforelse är ett påhittat exempel för författarguiden (data/forfattarguide/ läses bara "
    "av guidens sidor i docs/forfattarguide/). En rapport får aldrig visa påhittade siffror: ange rapportens eget dataset, till "
    "exempel kolada/astorp-n31001. [forfattarguidens-data]")


def test_a_report_never_shows_the_author_guides_made_up_data(root):
    report = page(root, "lund.md", None)
    assert refusal(lambda: report.comparison("forfattarguide/jamforelse")) == GUIDE_REFUSAL
    assert refusal(lambda: report.kolada_comparison(datasets=["forfattarguide/jamforelse"])) == GUIDE_REFUSAL
    guide = page(root, "forfattarguide/jamforelse.md", None)
    assert "Exempelstad" in guide.comparison("forfattarguide/jamforelse")
    # a report page put in the guide's folder is still a report (it declares its period)
    for meta in ({"rapportperiod": "tertial 1 2019"}, {"manadsserie": "astorp/forsorjningsstod"}):
        report_in_guide = PageMacros(Build(root))
        report_in_guide.start_page("forfattarguide/min-rapport/", meta=meta, source="forfattarguide/min-rapport.md")
        assert refusal(lambda: report_in_guide.comparison("forfattarguide/jamforelse")) == GUIDE_REFUSAL


def test_a_mistyped_id_is_never_guessed_to_be_the_author_guides(root):
    said = Build(root).catalog.unknown("ystad/jamforelse").text()
    assert "Menar du" not in said and "forfattarguide/" not in said


def test_the_author_guide_names_the_parameters_as_the_macros_do():
    guide = (REPO / "docs" / "forfattarguide" / "jamforelse.md").read_text(encoding="utf-8")
    for name in ("comparison", "kolada_comparison"):
        documented = re.search(rf"^`{name}\(([^)]*)\)`", guide, re.M).group(1)
        params = [p.split("=")[0].strip() for p in documented.split(", ")]
        assert params == list(inspect.signature(getattr(PageMacros, name)).parameters)[1:]


def test_the_average_in_a_download_is_decimal_without_float_noise(root):
    macros = page(root, "astorp.md", "1277")
    macros.comparison("kolada/astorp-n31001")
    trend = macros.build.files["astorp/diagram-astorp-n31001-over-tid.csv"].decode("utf-8-sig").splitlines()
    averages = [line.split(";")[2] for line in trend[1:] if line.split(";")[2] != ".."]
    assert averages and all(re.fullmatch(r"\d+(,\d{1,2})?", a) for a in averages), averages


def test_a_wrong_kommunkod_is_said_with_its_front_matter_line_as_typed(root):
    # adv20 #77, #80: the line of kommunkod, and 0114 as typed, not the 76 YAML makes of it.
    text = '---\ntitle: Fel\nkommunkod: 0114  # Danderyd\n---\n# Fel\n'
    (root / "docs" / "fel.md").write_text(text, encoding="utf-8")
    macros = PageMacros(Build(root))
    macros.start_page("fel/", meta=split_page(text)[0], source="fel.md")
    assert refusal(lambda: macros.kolada_comparison()) == (
        'kommunkod på rad 3 i sidans inledning: kommunkod: 0114 utan citattecken läses som talet 76 (en nolla först '
        'gör det till ett oktalt tal). Skriv koden inom citattecken: kommunkod: "0114". [kommunkod-utan-citattecken]')


def test_riket_as_kommunkod_is_said_at_its_front_matter_line():
    # adv20 #79: "0000" is four quoted digits, but it is Riket, not a municipality.
    from macros.pages import authoring

    text = '---\ntitle: Fel\nkommunkod: "0000"\n---\n# Fel\n'
    assert [str(p) for p in authoring.front_matter_problems("docs/fel.md", text, None)] == [
        'docs/fel.md:3:1: kommunkod "0000" är Koladas kod för riket, inte för en kommun. Skriv kommunens egen kod, till '
        'exempel kommunkod: "1277" för Åstorp; riket kommer med i jämförelsen ändå. [kommunkod-riket]']


def test_a_report_whose_period_follows_the_author_guides_data_is_refused(root):
    # adv20 #144: manadsserie naming the guide's made-up data, said at its front-matter line.
    from macros.data.catalog import Catalog
    from macros.pages import authoring

    text = "---\ntitle: Ystad\nmanadsserie: forfattarguide/jamforelse\n---\n# Ystad\n"
    assert [str(p) for p in authoring.front_matter_problems("docs/ystad.md", text, Catalog(root))] == [
        "docs/ystad.md:3:1: " + GUIDE_REFUSAL]
