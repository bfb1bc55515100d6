r"""Schemas: every fault a schema file can hold is one Swedish line at its key's line, with its
code; texts that would carry control characters into pages, the feed and the downloads (YAML
escapes such as "\x0b", "\e", "\u0085") are refused at their source."""

from __future__ import annotations

import shutil

import pytest
from hjalp_inlasning import HERE, SCHEMAS, TODAY
from jsonschema import Draft202012Validator

from macros.data import schema as schema_module
from macros.data.catalog import Catalog
from macros.data.schema import load_schema

FAULTS = {
    'citattecken-stangs-inte.schema.yaml': 'data/fel-schema/citattecken-stangs-inte.schema.yaml:57:14: YAML-filen går inte att läsa (rad 57, kolumn 14): citattecknet (") som börjar texten stängs aldrig på raden. Skriv ett " sist i texten. [yaml-citattecken-stangs-inte]',
    'dubbelt-falt.schema.yaml': 'data/fel-schema/dubbelt-falt.schema.yaml:41:1: Schemat: fältet "hushall" finns två gånger. Byt namn på det ena. [schema-dubbelt-falt]',
    'escape-ud800-i-titel.schema.yaml': 'data/fel-schema/escape-ud800-i-titel.schema.yaml:3:58: YAML-filen går inte att läsa (rad 3, kolumn 58): en escape-kod inom citattecken (till exempel \\ud800) står för ett tecken som inte finns. Skriv tecknet självt, eller texten utan \\. [yaml-escape-kod-finns-inte]',
    'escape-e-i-beskrivning.schema.yaml': 'data/fel-schema/escape-e-i-beskrivning.schema.yaml:3:1: Texten "Antal biståndstagare och hushåll\\x1b me… (55 tecken)" (nyckeln description) innehåller ett osynligt tecken (escape-tecken, U+001B). Skriv texten igen utan det; skriv inga escape-koder som \\x0b, \\e eller \\u0085 inom citattecken. [osynligt-tecken-i-text]',
    'faltnamn-med-versaler.schema.yaml': 'data/fel-schema/faltnamn-med-versaler.schema.yaml:19:1: Schemat: fältet "Hushall", nyckeln name är "Hushall". Ett kolumnnamn får bara ha små bokstäver a–z, siffror och _ (inga å, ä, ö eller mellanslag) och ska börja med en bokstav. [schema-fel-format]',
    'formel-med-okand-kolumn.schema.yaml': 'data/fel-schema/formel-med-okand-kolumn.schema.yaml:46:1: Beräknat fält tkr_per_hushall: formeln använder "hushal", som inte är en numerisk kolumn före fältet. [formel-okand-kolumn]',
    'formel-oavslutad-parentes.schema.yaml': "data/fel-schema/formel-oavslutad-parentes.schema.yaml:46:1: Beräknat fält: formeln 'utbetalt_tkr / (hushall' går inte att läsa [formel-olaslig]",
    'kalldatum-manad-13.schema.yaml': 'data/fel-schema/kalldatum-manad-13.schema.yaml:9:1: Schemat: source_date: datumet 2022-13-09 finns inte: kontrollera månaden (01–12) och dagen. [schema-datum-finns-inte]',
    'lista-i-stallet-for-karta.schema.yaml': 'data/fel-schema/lista-i-stallet-for-karta.schema.yaml:1:1: Schemat ska vara en karta med nycklarna title, description, source och fields. [schema-inte-karta]',
    'minimum-over-maximum.schema.yaml': 'data/fel-schema/minimum-over-maximum.schema.yaml:23:1: Schemat: fältet "hushall" har minimum större än maximum. [schema-minimum-over-maximum]',
    'nel-u0085-i-faltrubrik.schema.yaml': 'data/fel-schema/nel-u0085-i-faltrubrik.schema.yaml:20:1: Texten "Antal\\x85hushåll" (fältet "hushall", nyckeln title) innehåller ett osynligt tecken (NEL-radbrytning, U+0085). Skriv texten igen utan det; skriv inga escape-koder som \\x0b, \\e eller \\u0085 inom citattecken. [osynligt-tecken-i-text]',
    'okand-nyckel-i-falt.schema.yaml': 'data/fel-schema/okand-nyckel-i-falt.schema.yaml:19:1: Schemat: fältet "hushall" har en okänd nyckel "enhet". Tillåtna: name, title, description, type, unit, decimals, sign, role, constraints, plausibility. [schema-okand-nyckel]',
    'planerad-och-kolumn.schema.yaml': 'data/fel-schema/planerad-och-kolumn.schema.yaml:60:1: Schemat: "hushall" står både under fields och planned. Ta bort det från planned när kolumnen finns. [planerad-finns]',
    'primarykey-okand.schema.yaml': "data/fel-schema/primarykey-okand.schema.yaml:58:1: Schemat: primaryKey 'manader' är inte ett fält i schemat. [primarykey-okand]",
    'published-okand-kolumn.schema.yaml': "data/fel-schema/published-okand-kolumn.schema.yaml:47:1: Det beräknade fältet tkr_per_hushall: kolumnen 'publicerat_per_hushall' finns inte. [published-okand-kolumn]",
    'radseparator-u2028-i-kalla.schema.yaml': 'data/fel-schema/radseparator-u2028-i-kalla.schema.yaml:7:1: Texten "Åstorps kommun,\\u2028uppföljning av mål… (74 tecken)" (nyckeln source) innehåller ett osynligt tecken (radseparator, U+2028). Skriv texten igen utan det; skriv inga escape-koder som \\x0b, \\e eller \\u0085 inom citattecken. [osynligt-tecken-i-text]',
    'regel-utan-kolumn.schema.yaml': "data/fel-schema/regel-utan-kolumn.schema.yaml:56:1: Schemat, rules: formeln '1 > 0' använder ingen kolumn. Skriv en formel över kolumnerna, till exempel utfall - budget [formel-utan-kolumn]",
    'samma-kolumn-tva-ganger-i-primarykey.schema.yaml': 'data/fel-schema/samma-kolumn-tva-ganger-i-primarykey.schema.yaml:58:1: Schemat: nyckeln primaryKey nämner samma kolumn två gånger (["manad", "manad"]). Ta bort den ena. [schema-samma-kolumn]',
    'styrtecken-x0b-i-titel.schema.yaml': 'data/fel-schema/styrtecken-x0b-i-titel.schema.yaml:2:1: Texten "Försörjningsstöd i Åstorp\\x0b, nyckelta… (47 tecken)" (nyckeln title) innehåller ett osynligt tecken (vertikal tabb, U+000B). Skriv texten igen utan det; skriv inga escape-koder som \\x0b, \\e eller \\u0085 inom citattecken. [osynligt-tecken-i-text]',
    'titel-saknas.schema.yaml': 'data/fel-schema/titel-saknas.schema.yaml:19:1: Schemat: fältet "hushall" saknar nyckeln "title". [schema-nyckel-saknas]',
    'tom-titel.schema.yaml': 'data/fel-schema/tom-titel.schema.yaml:20:1: Schemat: fältet "hushall", nyckeln title får inte vara tom. [schema-tom]',
    'totals-okand.schema.yaml': "data/fel-schema/totals-okand.schema.yaml:59:1: Schemat: published_totals: 'hushal' är inte ett fält i schemat. [totals-okand]",
    'typ-pa-svenska.schema.yaml': 'data/fel-schema/typ-pa-svenska.schema.yaml:21:1: Schemat: fältet "hushall", nyckeln type får inte vara "heltal". Skriv något av: string, integer, number, yearmonth, year, date. [schema-otillatet-varde]',
}


@pytest.fixture(scope="module")
def said(tmp_path_factory) -> dict[str, str]:
    """Every fault schema beside a good data file, checked in one catalogue."""
    root = tmp_path_factory.mktemp("scheman")
    target = root / "data" / "fel-schema"
    target.mkdir(parents=True)
    for path in (HERE / "fel-schema").glob("*.schema.yaml"):
        shutil.copy(path, target / path.name)
        shutil.copy(HERE / "ratt" / "kolumner-i-annan-ordning.csv", target / path.name.replace(".schema.yaml", ".csv"))
    problems = Catalog(root, today=TODAY).problems()
    assert len(problems) == len(FAULTS)  # one message per fault, none said twice
    return {p.path.removeprefix("data/fel-schema/"): str(p) for p in problems}


def test_every_fault_schema_has_its_expected_message():
    assert sorted(FAULTS) == sorted(p.name for p in (HERE / "fel-schema").glob("*.schema.yaml"))


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_schema_fault(said, name):
    assert said[name] == FAULTS[name]


YAML = [
    ('title: Ekonomi: utfall\n',
     'data/x/y.schema.yaml:1:15: YAML-filen går inte att läsa (rad 1, kolumn 15): ett kolon står där det inte får stå. En text som innehåller kolon måste stå inom citattecken. [yaml-kolon]'),
    ('fields:\n  - 1\n  name\n',
     'data/x/y.schema.yaml:4:1: YAML-filen går inte att läsa (rad 4, kolumn 1): ett kolon saknas efter en nyckel, eller en rad har fel indrag. [yaml-kolon-saknas]'),
    ('fields:\n\t- name: a\n',
     'data/x/y.schema.yaml:2:1: YAML-filen går inte att läsa (rad 2, kolumn 1): ett tecken som inte får inleda ett värde, oftast ett tabbtecken (använd mellanslag för indrag) eller @ eller ` först i en text (sätt texten inom citattecken). [yaml-otillatet-forsta-tecken]'),
    (' title: a\nfields: []\n',
     'data/x/y.schema.yaml:2:1: YAML-filen går inte att läsa (rad 2, kolumn 1): indraget stämmer inte med raderna ovanför. Rader på samma nivå ska ha lika många mellanslag. [yaml-indrag]'),
    ('- a\ntitle: b\n',
     'data/x/y.schema.yaml:2:1: YAML-filen går inte att läsa (rad 2, kolumn 1): en rad i en lista saknar bindestreck eller har fel indrag. [yaml-lista]'),
    ('title: "Ekonomi\n',
     'data/x/y.schema.yaml:1:8: YAML-filen går inte att läsa (rad 1, kolumn 8): citattecknet (") som börjar texten stängs aldrig på raden. Skriv ett " sist i texten. [yaml-citattecken-stangs-inte]'),
    ('missingValues: ["x\n',
     'data/x/y.schema.yaml:2:1: YAML-filen går inte att läsa (rad 2, kolumn 1): filen tar slut mitt i en text: ett citattecken eller en parentes stängs aldrig. [yaml-oavslutad]'),
    ('missingValues: [x, ..\n',
     'data/x/y.schema.yaml:2:1: YAML-filen går inte att läsa (rad 2, kolumn 1): en lista inom [ ] stängs inte rätt: kontrollera kommatecken och ]. [yaml-hakparentes]'),
    ('constraints: {required: true minimum: 0}\n',
     'data/x/y.schema.yaml:1:37: YAML-filen går inte att läsa (rad 1, kolumn 37): en karta inom { } stängs inte rätt: kontrollera kommatecken och }. [yaml-klammer]'),
    ('title: a\n---\ntitle: b\n',
     'data/x/y.schema.yaml:2:1: YAML-filen går inte att läsa (rad 2, kolumn 1): filen innehåller flera dokument (---). Ta bort de extra ---. [yaml-flera-dokument]'),
    ('title: "C:\\data\\ekonomi"\n',
     'data/x/y.schema.yaml:1:11: YAML-filen går inte att läsa (rad 1, kolumn 11): ett omvänt snedstreck (\\) inom citattecken. Skriv texten utan \\ eller inom enkla citattecken. [yaml-omvant-snedstreck]'),
    ('%FOO\n---\ntitle: a\n',
     'data/x/y.schema.yaml:1:5: YAML-filen går inte att läsa (rad 1, kolumn 5): texten följer inte YAML-formatet. Kontrollera indrag, kolon och citattecken. [yaml-syntax]'),
    ('a: [[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]\n',
     'data/x/y.schema.yaml:1:23: Rad 1: texten har fler än 20 nivåer av listor och kartor i varandra. Ett schema eller sidhuvud har bara några få nivåer: kontrollera indrag och hakparenteser. [yaml-for-djup]'),
    ('title: a\ntitle: b\n',
     'data/x/y.schema.yaml:2:1: Rad 2: nyckeln "title" finns redan på rad 1. Ta bort den ena. [yaml-dubbel-nyckel]'),
    ("fields:\n  - name: a\n\ttitle: b\n",
     "data/x/y.schema.yaml:3:1: YAML-filen går inte att läsa (rad 3, kolumn 1): ett tabbtecken står i indraget. Använd "
     "mellanslag för indrag, aldrig tabb. [yaml-tabb]"),
    ("source_date: 2022-02-30\n",
     "data/x/y.schema.yaml:1:14: Rad 1: datumet 2022-02-30 finns inte i kalendern. Rätta månaden (01–12) eller dagen. "
     "[yaml-datum-finns-inte]"),
    ("title: Ekonomi\nfields:\n  - name: a\n unit: st\n",
     "data/x/y.schema.yaml:4:2: YAML-filen går inte att läsa (rad 4, kolumn 2): indraget stämmer inte, eller en rad "
     "saknar nyckel och kolon. [yaml-nyckel-saknas]"),
    ("title: 'Ekonomi'n\n",  # adv17i UM2: was said as an indentation mistake (yaml-nyckel-saknas)
     "data/x/y.schema.yaml:1:8: YAML-filen går inte att läsa (rad 1, kolumn 8): title: 'Ekonomi'n börjar med ett "
     "citattecken ('), men texten fortsätter efter att citattecknet stängs. En text som börjar med ett citattecken ska "
     "stå inom citattecken i sin helhet: skriv title: \"'Ekonomi'n\" (hela texten inom dubbla citattecken), eller låt "
     "texten börja utan citattecken. [yaml-text-efter-citat]"),
    ("fields:\n  - name: hushall\n    title: \"Antal\" hushåll # rubriken\n",
     "data/x/y.schema.yaml:3:12: YAML-filen går inte att läsa (rad 3, kolumn 12): title: \"Antal\" hushåll # rubriken "
     "börjar med ett citattecken (\"), men texten fortsätter efter att citattecknet stängs. En text som börjar med ett "
     "citattecken ska stå inom citattecken i sin helhet: skriv title: '\"Antal\" hushåll' # rubriken (hela texten inom "
     "enkla citattecken), eller låt texten börja utan citattecken. [yaml-text-efter-citat]"),
]


@pytest.mark.parametrize("text, line", YAML)
def test_yaml_mistake_is_said_in_swedish(text, line):
    assert [str(p) for p in load_schema(text, "data/x/y.schema.yaml")[1]] == [line]


def test_a_schema_in_another_encoding_gets_advice_for_a_text_editor(tmp_path):
    target = tmp_path / "data" / "a"
    target.mkdir(parents=True)
    (target / "b.schema.yaml").write_bytes((SCHEMAS / "manad.schema.yaml").read_text(encoding="utf-8").encode("utf-16"))
    shutil.copy(HERE / "ratt" / "kolumner-i-annan-ordning.csv", target / "b.csv")
    assert [str(p) for p in Catalog(tmp_path, today=TODAY).problems()] == [
        "data/a/b.schema.yaml:1:1: Filen är sparad som UTF-16 (Unicode-text). Spara filen som UTF-8: i Anteckningar med "
        "Arkiv → Spara som → Kodning: UTF-8, i TextEdit genom att välja Unicode (UTF-8) som "
        "textkodning när du sparar, eller i GitHubs webbredigerare. [unicode-text]"]


def test_planned_measures_are_a_notice_for_authors():
    text = (SCHEMAS / "manad.schema.yaml").read_text(encoding="utf-8") + (
        "planned:\n  - {name: hushall_med_barn, title: Hushåll med barn}\n  - {name: unga, title: Unga vuxna}\n")
    schema, problems = load_schema(text, "data/a/b.schema.yaml")
    assert problems == []
    assert str(schema.planned_notice("data/a/b.schema.yaml")) == (
        "data/a/b.schema.yaml:1:1: notering: 2 planerade mått har inga värden ännu och visas inte på webbplatsen (se "
        "planned i schemat): Hushåll med barn; Unga vuxna. [planerade-matt]")


def test_a_contract_rule_without_its_own_words_is_still_swedish():
    """A rule the contract may gain (a Kolada field, say) before it has its own words."""
    error = next(Draft202012Validator({"properties": {"version": {"const": 2}}}).iter_errors({"version": 3}))
    assert schema_module._message(error, {"version": 3}).coded() == "Schemat: nyckeln version är fel (3). [schema-fel]"
