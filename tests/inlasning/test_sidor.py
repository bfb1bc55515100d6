"""Pages as authors write them: a missing value is something the data says, a name that does not
exist is the author's mistake. Every macro argument is checked against the data and against the
other arguments (with "Menar du …?"), front matter and mkdocs.yml refuse invisible characters,
a report's period declaration is checked on its own page, and every syntax mistake is one line.

Most checks run on the macros directly over a small project (projekt/); three small builds show
the place a mistake is reported at."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from hjalp_inlasning import HERE, TODAY

from macros import MACROS
from macros.data.catalog import Catalog
from macros.pages import authoring
from macros.pages.build import Build
from macros.pages.page_macros import PageMacros
from forked_python import run_python

PROJECT = HERE / "projekt"
REPO = HERE.parent.parent
PAGE = "docs/rapport.md"


@pytest.fixture(scope="module")
def page() -> PageMacros:
    """The report page of the small project, as a build renders it."""
    config = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))
    build = Build(PROJECT, config["nav"], PROJECT / "docs", None, catalog=Catalog(PROJECT, today=TODAY))
    macros = PageMacros(build, "rapport/")
    macros.start_page("rapport/", None, {"manadsserie": "astorp/forsorjningsstod"})
    return macros


def call(page: PageMacros, name: str, *args, **kwargs) -> tuple[object, str | None]:
    return authoring.run_macro(name, getattr(page, name), args, kwargs, page.build)


ROWS = ('"Antal hushåll som beviljats ekonomiskt … (68 tecken)", "Antal ensamkommande barn och unga", "Antal utnyttjade '
        'vårddygn i familjehem,… (67 tecken)", "Antal utnyttjade vårddygn i stödboende/… (71 tecken)", "Antal utnyttjade '
        'vårddygn i familjehem,… (73 tecken)", "Antal utnyttjade vårddygn på institutio… (75 tecken)", "Antal utnyttjade '
        'vårddygn på institutio… (47 tecken)", "Antal utnyttjade vårddygn på Vårnäs, öp… (48 tecken)", "Antal pågående '
        'insatser, kontaktfamilje… (56 tecken)", "Antal ärenden spelmissbruk", "Antal kvinnofridsärenden", "Antal sociala '
        'kontrakt" och 5 till.')
FIELDS = ("manad, bistandstagare, hushall, utbetalt_tkr, publicerat_tkr_per_hushall, publicerat_tkr_per_bistandstagare, "
          "tkr_per_hushall, tkr_per_bistandstagare")
NO_MONTH_13 = "Månaden 2023-13 finns inte: ett år har bara månaderna 01–12. Rätta månaden. [manad-finns-inte]"
MISTAKES = [
    # Months: one that does not exist, one the data does not have, one written another way.
    (("value", "astorp/forsorjningsstod", "hushall"), {"period": "2023-13"}, NO_MONTH_13),
    (("value", "astorp/forsorjningsstod", "hushall"), {"period": "2022-00"},
     "Månaden 2022-00 finns inte: ett år har bara månaderna 01–12. Rätta månaden. [manad-finns-inte]"),
    (("change", "astorp/forsorjningsstod", "hushall"), {"period": "2023-13"}, NO_MONTH_13),
    (("value", "astorp/forsorjningsstod", "hushall"), {"period": "2030-01"},
     "datasetet astorp/forsorjningsstod har ingen månad 2030-01: månaderna går från 2021-01 till 2022-08. [manad-saknas]"),
    (("value", "astorp/forsorjningsstod", "hushall"), {"period": "2022-8"},
     'månaden ska skrivas ÅÅÅÅ-MM, till exempel "2022-08", men är "2022-8". Menar du "2022-08"? [manad-skrivs]'),
    (("value", "astorp/forsorjningsstod", "hushall"), {"period": "augusti 2022"},
     'månaden ska skrivas ÅÅÅÅ-MM, till exempel "2022-08", men är "augusti 2022". Menar du "2022-08"? [manad-skrivs]'),
    (("year_chart", "astorp/forsorjningsstod", "hushall"), {"years": [2021, 2030]},
     "datasetet astorp/forsorjningsstod har inga månader år 2030. Det har åren 2021, 2022. [ar-saknas]"),
    (("month_table", "astorp/forsorjningsstod"), {"year": 2019},
     "datasetet astorp/forsorjningsstod har inga månader år 2019. Det har åren 2021, 2022. [ar-saknas]"),
    # Names: datasets, fields and rows that do not exist.
    (("value", "astorp/forsorjningsstod", "hushåll"), {},
     f'datasetet astorp/forsorjningsstod har inget fält "hushåll". Menar du "hushall"? Det har: {FIELDS}. [falt-saknas]'),
    (("kpi_cards", "astorp/forsorjningsstod", ["hushall", "utbetalt"]), {},
     f'datasetet astorp/forsorjningsstod har inget fält "utbetalt". Menar du "utbetalt_tkr"? Det har: {FIELDS}. [falt-saknas]'),
    (("bar_chart", "katrineholm/volymer-t1-2019", ["utfall_2018"]), {"category": "mat"},
     'datasetet katrineholm/volymer-t1-2019 har inget fält "mat". Menar du "matt"? Det har: matt, enhet, '
     "utfall_jan_apr_2019, prognos_2019, utfall_2018, anmarkning. [falt-saknas]"),
    (("value", "astorp/forsörjningsstöd", "hushall"), {},
     "datasetet 'astorp/forsörjningsstöd' finns inte. Menar du \"astorp/forsorjningsstod\"? Ange ett dataset-id, till "
     'exempel "astorp/forsorjningsstod" för data/astorp/forsorjningsstod.csv; det finns: astorp/forsorjningsstod, '
     "astorp/utgangslage-2020, katrineholm/volymer-t1-2019, lund/arbetssokande-juli [dataset-finns-inte]"),
    (("value", "astorp/utgangslage-2020", "snitt_hushall"), {"key": "2021"},
     'datasetet astorp/utgangslage-2020 har ingen rad "2021" i kolumnen "ar". Menar du "2020"? Raderna är: "2020". [rad-saknas]'),
    (("value", "katrineholm/volymer-t1-2019", "utfall_jan_apr_2019"), {"key": "Antal ärenden spelmisbruk"},
     'datasetet katrineholm/volymer-t1-2019 har ingen rad "Antal ärenden spelmisbruk" i kolumnen "matt". Menar du '
     f'"Antal ärenden spelmissbruk"? Raderna är: {ROWS} [rad-saknas]'),
    (("kpi_cards", "katrineholm/volymer-t1-2019", ["Antal kvinnofridsärende"]), {},
     'datasetet katrineholm/volymer-t1-2019 har ingen rad "Antal kvinnofridsärende" i kolumnen "matt". Menar du '
     f'"Antal kvinnofridsärenden"? Raderna är: {ROWS} [rad-saknas]'),
    (("value", "astorp/utgangslage-2020", "snitt_hushall"), {},
     'datasetet astorp/utgangslage-2020 har ingen månadskolumn. Ange raden med key=, till exempel key="2020". [inga-manader]'),
    (("total", "astorp/forsorjningsstod", "manad"), {},
     'fältet "manad" (Månad) i datasetet astorp/forsorjningsstod har inga tal, och här behövs ett mått med tal. Måtten '
     "med tal är: bistandstagare, hushall, utbetalt_tkr, publicerat_tkr_per_hushall, publicerat_tkr_per_bistandstagare, "
     "tkr_per_hushall, tkr_per_bistandstagare. [falt-inte-tal]"),
    # Arguments against each other, lists and choices.
    (("data_table", "astorp/forsorjningsstod"), {"columns": []},
     "argumentet columns är en tom lista. Ange minst ett värde, eller ta bort argumentet så visas standardvalet. "
     "[argument-tom-lista]"),
    (("series_chart", "astorp/forsorjningsstod", []), {}, "argumentet measures är en tom lista. Ange minst ett värde. [argument-tom-lista]"),
    (("series_chart", "astorp/forsorjningsstod", ["hushall", "hushall"]), {},
     'argumentet measures nämner "hushall" två gånger. Ta bort det ena. [argument-dubbelt]'),
    (("changes_list",), {"limit": -5}, "argumentet limit ska vara minst 1, men är -5. [argument-for-litet]"),
    (("value", "astorp/forsorjningsstod", "hushall"), {"period": 2014},
     'argumentet period ska vara en text inom raka citattecken, till exempel "2022-08", men är talet 2014. [argument-fel-typ]'),
    (("value", "astorp/forsorjningsstod", "hushall"), {"period": "2022-08", "key": "2022-08"},
     "argumenten period och key kan inte användas tillsammans. Ange månaden med period= eller raden med key=, inte "
     "båda. [argument-uteslutande]"),
    (("period_name", "astorp/forsorjningsstod"), {"style": "kort"},
     'argumentet style får vara "long" eller "short", men är "kort". Menar du "short"? [argument-val]'),
    (("report_list", "Rapport"), {},
     'menyn (nav i mkdocs.yml) har inget avsnitt "Rapport". Menar du "Rapporter"? Avsnitten är: Rapporter. [avsnitt-saknas]'),
    (("editions_list", "rapport"), {},
     'sidan "rapport" finns inte i menyn (nav i mkdocs.yml). Menar du "rapport.md"? Sidorna är: index.md, rapport.md. [sida-saknas]'),
    (("data_table", "katrineholm/volymer-t1-2019"), {"caption": "Volymer\u2028tertial 1"},
     'argumentet caption ("Volymer\\u2028tertial 1") innehåller ett osynligt tecken (radseparator, U+2028). Skriv texten '
     "igen för hand. [osynligt-tecken-i-argument]"),
    # What the data cannot give.
    (("kpi_cards", "astorp/utgangslage-2020"), {},
     'kpi_cards läser kolumnerna "utfall" och "foregaende_ar", som datasetet astorp/utgangslage-2020 inte har. Ange vilka '
     "kolumner som ska användas med current= och previous= (datasetet har: ar, snitt_hushall, snitt_utbetalt_tkr_per_manad, "
     "anmarkning). "
     "[makro-kolumn-saknas]"),
    (("series_chart", "lund/arbetssokande-juli", ["juli_2022"]), {},
     "series_chart visar månader, men datasetet lund/arbetssokande-juli har ingen månadskolumn. Använd data_table eller "
     "bar_chart. [makro-behover-manader]"),
    (("budget_table", "katrineholm/volymer-t1-2019"), {},
     "katrineholm/volymer-t1-2019: en budgettabell behöver fält med role: outcome, budget och deviation i schemat "
     "(saknas: outcome, budget, deviation) [budget-roller-saknas]"),
]


@pytest.mark.parametrize("args, kwargs, said", MISTAKES, ids=[f"{m[0][0]}-{i}" for i, m in enumerate(MISTAKES)])
def test_macro_argument_against_the_data(page, args, kwargs, said):
    name, *rest = args
    assert call(page, name, *rest, **kwargs) == ("", said)


def test_a_missing_value_is_the_datas_and_a_key_typed_on_a_mac_is_the_same_key(page):
    """A month the data has with x is "uppgift saknas" on the page; a key written in NFD finds its row."""
    assert call(page, "value", "astorp/forsorjningsstod", "hushall", period="2021-12")[1] is None
    assert call(page, "value", "astorp/forsorjningsstod ", "hushall", period=" 2022-08 ")[1] is None  # as the data is read
    key = unicodedata.normalize("NFD", "Antal ärenden spelmissbruk")
    shown, reason = call(page, "value", "katrineholm/volymer-t1-2019", "utfall_jan_apr_2019", key=key)
    assert reason is None and '>4</span>' in shown


PERIOD_TEXT = [
    ({"caller": None}, "2022-08",
     'period_text används som block: {% call period_text("2022-08") %}text{% endcall %} [period-text-block]'),
    ({}, "2023-13", NO_MONTH_13),
    ({}, "2012-08",
     "texten för 2012-08 visas aldrig: datasetet astorp/forsorjningsstod har inte den månaden (månaderna går från "
     '2021-01 till 2022-08), och den kan inte bli sidans period senare. Menar du "2022-08"? [period-text-visas-aldrig]'),
]


@pytest.mark.parametrize("extra, period, said", PERIOD_TEXT)
def test_period_text(page, extra, period, said):
    assert call(page, "period_text", period, **{"caller": lambda: "Text.", **extra}) == ("", said)


def test_period_text_written_ahead_of_its_month_is_kept_for_it(page):
    """A text for the next month, written before its row is added, is shown when the row comes."""
    assert call(page, "period_text", "2022-09", caller=lambda: "Text.") == ("", None)


def test_period_text_needs_the_pages_period(page):
    page.start_page("om/", None, {})
    try:
        assert call(page, "period_text", "2022-08", caller=lambda: "x") == ("", (
            "period_text behöver veta vilken period sidan visar: ange manadsserie eller rapportperiod i sidans inledning, "
            'eller ett dataset: period_text("2022-08", dataset="astorp/forsorjningsstod"). [period-text-utan-period]'))
        page.start_page("t1/", None, {"rapportperiod": "tertial 1 2019"})
        assert call(page, "period_text", "tertial 2 2019", caller=lambda: "x") == (
            "", "perioden 'tertial 2 2019' är inte sidans period (tertial 1 2019). Sidan har rapportperiod: tertial 1 2019 "
            "och visar bara text för den perioden. Gäller texten tertial 1 2019, skriv period_text(\"tertial 1 2019\"). "
            "Gäller den en annan period, ta bort blocket, från {% call period_text(\"tertial 2 2019\") %} till "
            "{% endcall %}: de utgåvor som redan är publicerade behåller sin text. [period-text-fel-period]")
    finally:
        page.start_page("rapport/", None, {"manadsserie": "astorp/forsorjningsstod"})


# ------------------------------------------------------------ front matter

FRONT_MATTER = [
    ('---\ntitle: "Ekonomi\\x0b i Åstorp"\n---\n',
     'docs/rapport.md:2:1: Texten "Ekonomi\\x0b i Åstorp" (title) innehåller ett osynligt tecken (vertikal tabb, U+000B). '
     "Skriv texten igen utan det; skriv inga escape-koder som \\x0b, \\e eller \\u0085 inom citattecken. [osynligt-tecken-i-text]"),
    ('---\ntitle: Ekonomi\ndescription: "Utfall\\e per månad"\n---\n',
     'docs/rapport.md:3:1: Texten "Utfall\\x1b per månad" (description) innehåller ett osynligt tecken (escape-tecken, '
     "U+001B). Skriv texten igen utan det; skriv inga escape-koder som \\x0b, \\e eller \\u0085 inom citattecken. "
     "[osynligt-tecken-i-text]"),
    ('---\ntitle: Ekonomi\norganisation: "Åstorps kommun\\u0085"\n---\n',
     'docs/rapport.md:3:1: Texten "Åstorps kommun\\x85" (organisation) innehåller ett osynligt tecken (NEL-radbrytning, '
     "U+0085). Skriv texten igen utan det; skriv inga escape-koder som \\x0b, \\e eller \\u0085 inom citattecken. "
     "[osynligt-tecken-i-text]"),
    ('---\ntitle: Ekonomi\ndatum: "2022-13-09"\n---\n',
     "docs/rapport.md:3:1: Sidhuvudet (front matter): datum ska vara ett datum som finns, skrivet ÅÅÅÅ-MM-DD inom "
     'citattecken, till exempel "2022-09-09", men är "2022-13-09". [sidhuvud-datum]'),
    ("---\ntitle: Ekonomi\nmanadsserie: astorp/forsorjningsstod\nrapportperiod: tertial 1 2019\n---\n",
     "docs/rapport.md:4:1: sidan anger både manadsserie och rapportperiod; ange bara det ena. [period-bade-och]"),
    ("---\ntitle: Ekonomi\nmanadsserie: [astorp/forsorjningsstod]\n---\n",
     "docs/rapport.md:3:1: manadsserie ska vara en text, till exempel manadsserie: astorp/forsorjningsstod eller "
     "manadsserie: tertial 1 2019. [period-inte-text]"),
    ("---\ntitle: Ekonomi\nmanadsserie: astorp/forsorjningstod\n---\n",
     "docs/rapport.md:3:1: datasetet 'astorp/forsorjningstod' finns inte. Menar du \"astorp/forsorjningsstod\"? Ange ett "
     'dataset-id, till exempel "astorp/forsorjningsstod" för data/astorp/forsorjningsstod.csv; det finns: '
     "astorp/forsorjningsstod, astorp/utgangslage-2020, katrineholm/volymer-t1-2019, lund/arbetssokande-juli "
     "[dataset-finns-inte]"),
    ("---\ntitle: Ekonomi\nmanadsserie: astorp/utgangslage-2020\n---\n",
     "docs/rapport.md:3:1: manadsserie: datasetet astorp/utgangslage-2020 har ingen månadskolumn, så sidans period kan "
     "inte räknas fram ur det. Ange ett dataset med månader, eller rapportperiod: med perioden i ord. "
     "[manadsserie-utan-manader]"),
    ('---\ntitle: Ekonomi\nrapportperiod: "2023-13"\n---\n', f"docs/rapport.md:3:1: {NO_MONTH_13}"),
    # The start page's key figures, said at the report that names them.
    ("---\ntitle: Ekonomi\nmanadsserie: astorp/forsorjningsstod\nnyckeltal: {dataset: astorp/forsorjningsstod, mått: [hushall]}\n---\n",
     "docs/rapport.md:4:1: nyckeltal ska vara en lista med mått ur manadsserie, till exempel nyckeltal: [hushall, "
     "utbetalt_tkr], eller dataset och mått, till exempel nyckeltal: {dataset: ystad/volymer, matt: [hushall]}. Okänd "
     "nyckel: mått. [nyckeltal-felaktiga]"),
    ("---\ntitle: Ekonomi\nmanadsserie: astorp/forsorjningsstod\nnyckeltal: [hushal]\n---\n",
     f'docs/rapport.md:4:1: datasetet astorp/forsorjningsstod har inget fält "hushal". Menar du "hushall"? Det har: {FIELDS}. '
     "[falt-saknas]"),
]


@pytest.mark.parametrize("text, said", FRONT_MATTER)
def test_front_matter(text, said):
    catalog = Catalog(PROJECT, today=TODAY)
    assert [str(p) for p in authoring.front_matter_problems(PAGE, text, catalog)] == [said]


def test_front_matter_that_is_right():
    text = ("---\ntitle: Ekonomi 👩\u200d💻\ndatum: 2022-09-09\nmanadsserie: astorp/forsorjningsstod\n"
            "nyckeltal: [hushall, utbetalt_tkr]\n---\n")
    assert authoring.front_matter_problems(PAGE, text, Catalog(PROJECT, today=TODAY)) == []


def test_mkdocs_yml_texts_refuse_invisible_characters(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        'site_name: "Uppföljning\\x0b"\nsite_url: https://example.invalid/\ncopyright: "Kommunen\\e"\n'
        'markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n'
        'extra:\n  utgivare:\n    namn: "Socialförvaltningen\\u0085"\nnav:\n  - "Start\\u2028": index.md\n',
        encoding="utf-8",
    )
    fix = "Skriv texten igen utan det; skriv inga escape-koder som \\x0b, \\e eller \\u0085 inom citattecken. [osynligt-tecken-i-text]"
    assert [str(p) for p in authoring.config_problems(config)] == [
        f'mkdocs.yml:1:12: Texten "Uppföljning\\x0b" (site_name) innehåller ett osynligt tecken (vertikal tabb, U+000B). {fix}',
        f'mkdocs.yml:3:12: Texten "Kommunen\\x1b" (copyright) innehåller ett osynligt tecken (escape-tecken, U+001B). {fix}',
        'mkdocs.yml:9:11: Texten "Socialförvaltningen\\x85" (extra.utgivare.namn) innehåller ett osynligt tecken '
        f"(NEL-radbrytning, U+0085). {fix}",
        f'mkdocs.yml:11:5: Texten "Start\\u2028" (nav.0) innehåller ett osynligt tecken (radseparator, U+2028). {fix}',
    ]


# ------------------------------------------------------------ macro code

SYNTAX = [
    ('{{ value("a", "b") } }}', "en } för mycket, eller {{ saknas. Ett makro skrivs {{ namn(...) }}, med två klamrar på varje sida. "
     'Raden: {{ value("a", "b") } }} [makro-klammer]'),
    ('Text {{ value("a", "b")', 'ett {{ eller {% stängs aldrig. Varje {{ behöver ett }}. Raden: Text {{ value("a", "b") [makro-oavslutat]'),
    ('{{ "a" }} " {{ "b }}', 'ett citattecken (") stängs aldrig. Raden: {{ "a" }} " {{ "b }} [makro-citattecken]'),
    ("{{ value('a') 'x }}", "ett citattecken (') stängs aldrig. Raden: {{ value('a') 'x }} [makro-apostrof]"),
    ('{{ value("a") "}}', 'ett citattecken (") stängs aldrig. Raden: {{ value("a") "}} [makro-citattecken-oppet]'),
    ('{{ value("a", "b",) "c" }}', "något står fel inne i {{ … }}: oftast saknas ett kommatecken mellan argumenten, eller "
     'citattecken runt en text. Raden: {{ value("a", "b",) "c" }} [makro-fel-inuti]'),
    ('{{ value("a", "b")) }}', 'en ) för mycket. Raden: {{ value("a", "b")) }} [makro-slutparentes-extra]'),
    ('{{ month_table("a", measures=["b"]]) }}', 'en ] för mycket. Raden: {{ month_table("a", measures=["b"]]) }} [makro-hakparentes-extra]'),
    ("{{ x[1 }}", "en hakparentes ] saknas före }}. Raden: {{ x[1 }} [makro-hakparentes-saknas]"),
    ("{{ 1 + }}", "{{ }} är tomt eller slutar för tidigt: skriv hela makroanropet. Raden: {{ 1 + }} [makro-tomt]"),
    ("{% vaule %}", "en okänd {% … %}-tagg. Rapportsidor behöver bara {{ makro(...) }}. Raden: {% vaule %} [makro-okand-tagg]"),
    ("{{ }}", "kontrollera klamrarna {{ }}, parenteser, kommatecken och raka citattecken. Raden: {{ }} [makro-syntax]"),
    ("{# anteckning", "en kommentar {# stängs aldrig med #}. Raden: {# anteckning [makro-kommentar-oppen]"),
    ('{% call period_text("2022-08") %}Text', "ett {% call … %} eller {% if … %} stängs aldrig: skriv {% endcall %} eller "
     '{% endif %} efter texten. Raden: {% call period_text("2022-08") %}Text [makro-block-oppet]'),
]


@pytest.mark.parametrize("body, said", SYNTAX)
def test_macro_code_syntax(body, said):
    found = authoring.template_problems(PAGE, body, 4, set(MACROS), None, MACROS)
    assert [str(p) for p in found] == [f"{PAGE}:5:1: Makrokoden på raden går inte att läsa: {said}"]


# ------------------------------------------------------------ the place, in a build

@pytest.fixture
def project(tmp_path) -> Path:
    target = tmp_path / "projekt"
    shutil.copytree(PROJECT, target)
    shutil.copytree(REPO / "macros", target / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    return target


def build(project: Path) -> list[str]:
    """What a strict build says, without MkDocs' INFO lines."""
    result = run_python(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / "site")], cwd=project,
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=300,
    )
    assert result.returncode == 1, result.stderr[-2000:]
    return [line for line in result.stderr.splitlines() if not line.startswith("INFO")]


STOPPED = "Bygget stoppades: 1 fel. Rätta felet ovan och bygg igen."


def test_a_reports_period_mistake_is_said_at_the_report_not_the_start_page(project):
    page = project / "docs/rapport.md"
    page.write_text(page.read_text(encoding="utf-8").replace("astorp/forsorjningsstod\n---", "astorp/forsorjningstod\n---"), encoding="utf-8")
    assert build(project) == [
        "docs/rapport.md:3:1: datasetet 'astorp/forsorjningstod' finns inte. Menar du \"astorp/forsorjningsstod\"? Ange ett "
        'dataset-id, till exempel "astorp/forsorjningsstod" för data/astorp/forsorjningsstod.csv; det finns: '
        "astorp/forsorjningsstod, astorp/utgangslage-2020, katrineholm/volymer-t1-2019, lund/arbetssokande-juli "
        "[dataset-finns-inte]",
        STOPPED,
    ]


def test_month_13_on_a_page_is_said_at_its_line(project):
    page = project / "docs/rapport.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n{% call period_text("2023-13") %}Text.{% endcall %}\n', encoding="utf-8")
    assert build(project) == [
        f'docs/rapport.md:9:1: period_text("2023-13"): {NO_MONTH_13}', STOPPED,
        "ERROR   -  Error reading page 'rapport.md': se felen ovan",
    ]


def test_a_control_character_in_mkdocs_yml_stops_the_build(project):
    """The site's name is in every page, the feed (XML) and the data package: refused at its source."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_name: Inläsningstest", 'site_name: "Inläsning\\x0btest"'),
                      encoding="utf-8")
    assert build(project) == [
        'mkdocs.yml:2:12: Texten "Inläsning\\x0btest" (site_name) innehåller ett osynligt tecken (vertikal tabb, U+000B). '
        "Skriv texten igen utan det; skriv inga escape-koder som \\x0b, \\e eller \\u0085 inom citattecken. "
        "[osynligt-tecken-i-text]",
        STOPPED,
    ]
    assert not (project / "site" / "nytt-och-andrat.xml").exists()


assert dt  # the project's data is read as of TODAY, like the validator's tests
