"""Every file in data/ is accounted for: a dataset, its schema or a README is read; anything
else is named with the fix, as an error where it would hide the rows staff meant to add (the
month would silently never appear) and as a warning where a program left it behind."""

from __future__ import annotations

import shutil

import pytest
from hjalp_inlasning import HERE, SCHEMAS, TODAY

from macros.data.catalog import Catalog

GOOD = HERE / "ratt" / "kolumner-i-annan-ordning.csv"
# file below data/ → what the validator says about it (None: accounted for, nothing to say)
FILES = {
    "astorp/README.md": None,
    "astorp/.gitkeep": None,
    "kolada/nyckeltal.yaml": None,  # scripts/kolada.py's list of key figures to fetch
    "astorp/Forsorjningsstod.CSV": (
        "data/astorp/Forsorjningsstod.CSV:1:1: Filändelsen ska skrivas med små bokstäver; som filen heter nu läser "
        "webbplatsen den inte. data/astorp/forsorjningsstod.csv finns redan: lägg in raderna där och ta bort den här "
        "filen. [filandelse-versaler]"),
    "astorp/KAA-unga.CSV": (
        "data/astorp/KAA-unga.CSV:1:1: Filändelsen ska skrivas med små bokstäver; som filen heter nu läser webbplatsen "
        "den inte. Byt namn på filen till kaa-unga.csv. [filandelse-versaler]"),
    "astorp/kaa.txt": (
        "data/astorp/kaa.txt:1:1: Filen kaa.txt läses inte: datafiler ska sluta på .csv. Byt namn på filen till kaa.csv. "
        "[fel-filandelse]"),
    "astorp/forsorjningsstod.txt": (
        "data/astorp/forsorjningsstod.txt:1:1: Filen forsorjningsstod.txt läses inte: datafiler ska sluta på .csv. "
        "data/astorp/forsorjningsstod.csv finns redan: lägg in raderna där och ta bort den här filen. [fel-filandelse]"),
    "astorp/forsorjningsstod (1).csv": (
        "data/astorp/forsorjningsstod (1).csv:1:1: Filen forsorjningsstod (1).csv är en kopia av "
        "data/astorp/forsorjningsstod.csv (så namnger webbläsaren eller Utforskaren en fil som redan finns), och "
        "webbplatsen läser den inte. Lägg in de nya raderna i data/astorp/forsorjningsstod.csv (eller ersätt den med den "
        "här filen) och ta bort kopian. [kopia]"),
    "astorp/kaa-unga - Kopia.csv": (
        "data/astorp/kaa-unga - Kopia.csv:1:1: Filen kaa-unga - Kopia.csv är en kopia av data/astorp/kaa-unga.csv (så "
        "namnger webbläsaren eller Utforskaren en fil som redan finns), och webbplatsen läser den inte. Byt namn på "
        "filen till kaa-unga.csv. [kopia]"),
    "astorp/forsorjningsstod.xlsx": (
        "data/astorp/forsorjningsstod.xlsx:1:1: Filen forsorjningsstod.xlsx är en kalkylbok från Excel, som "
        "webbplatsen inte läser. Spara den från Excel som CSV UTF-8 (data/astorp/forsorjningsstod.csv) och ladda upp den "
        "i stället. [kalkylbok]"),
    "astorp/Nyckeltal 2023.ods": (
        "data/astorp/Nyckeltal 2023.ods:1:1: Filen Nyckeltal 2023.ods är en kalkylbok från LibreOffice, som webbplatsen "
        "inte läser. Spara den från LibreOffice som CSV UTF-8 (data/astorp/nyckeltal-2023.csv) och ladda upp den i "
        "stället. [kalkylbok]"),
    "astorp/Försörjningsstöd 2023.csv": (
        "data/astorp/Försörjningsstöd 2023.csv:1:1: Filnamnet går inte att använda: mappar och filer under data/ får "
        "bara heta med små bokstäver a–z, siffror, - och _ (inga å, ä, ö, mellanslag eller andra tecken), till exempel "
        "data/astorp/forsorjningsstod.csv. Byt namn på filen till data/astorp/forsorjningsstod-2023.csv. [filnamn]"),
    "astorp/kaa.schema.yml": (
        "data/astorp/kaa.schema.yml:1:1: Filen kaa.schema.yml läses inte: ett schema ska heta <datasetets "
        "namn>.schema.yaml. Byt namn på filen till kaa.schema.yaml. [schemanamn]"),
    "astorp/forsorjningsstod.csv~": (
        "data/astorp/forsorjningsstod.csv~:1:1: varning: Filen forsorjningsstod.csv~ ser ut som en säkerhetskopia eller "
        "låsfil och läses inte av webbplatsen. Ta bort den; har den ändringar som ska med, lägg in dem i "
        "astorp/forsorjningsstod.csv. [sakerhetskopia]"),
    "astorp/~$forsorjningsstod.xlsx": (
        "data/astorp/~$forsorjningsstod.xlsx:1:1: varning: Filen ~$forsorjningsstod.xlsx ser ut som en säkerhetskopia "
        "eller låsfil och läses inte av webbplatsen. Ta bort den; har den ändringar som ska med, lägg in dem i "
        "astorp/forsorjningsstod.csv. [sakerhetskopia]"),
    "astorp/.forsorjningsstod.csv.swp": (
        "data/astorp/.forsorjningsstod.csv.swp:1:1: varning: Filen .forsorjningsstod.csv.swp ser ut som en säkerhetskopia "
        "eller låsfil och läses inte av webbplatsen. Ta bort den; har den ändringar som ska med, lägg in dem i "
        "astorp/forsorjningsstod.csv. [sakerhetskopia]"),
    "astorp/.DS_Store": (
        "data/astorp/.DS_Store:1:1: varning: Filen .DS_Store skapas av macOS Finder och används inte av webbplatsen. "
        "Ta bort den. [systemfil]"),
    "astorp/Thumbs.db": (
        "data/astorp/Thumbs.db:1:1: varning: Filen Thumbs.db skapas av Windows Utforskaren och används inte av "
        "webbplatsen. Ta bort den. [systemfil]"),
    "astorp/diagram.png": (
        "data/astorp/diagram.png:1:1: varning: Filen diagram.png är varken ett dataset (.csv), ett schema (.schema.yaml) "
        "eller en README, och webbplatsen använder den inte. Ta bort den, eller flytta den ut ur data/. [okand-fil]"),
    "forsorjningsstod.csv": (
        "data/forsorjningsstod.csv:1:1: Datafiler ska ligga i en mapp för organisationen, till exempel "
        "data/astorp/forsorjningsstod.csv. Flytta filen dit. [mapp-saknas]"),
    "lund/iris.schema.yaml": "data/lund/iris.schema.yaml:1:1: Schemat har ingen datafil bredvid sig (samma namn, .csv). [schema-utan-data]",
    "lund/iris-delprojekt.csv": (
        "data/lund/iris-delprojekt.csv:1:1: Schemat iris-delprojekt.schema.yaml saknas bredvid datafilen. Kopiera ett "
        "befintligt schema och ändra det. [schema-saknas]"),
}
LINK = "data/astorp/lankad.csv:1:1: Filen är en symbolisk länk, och webbplatsen läser bara vanliga filer i data/. Ersätt länken med filen själv. [lank]"


@pytest.fixture(scope="module")
def found(tmp_path_factory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("filer")
    data = root / "data"
    (data / "astorp").mkdir(parents=True)
    shutil.copy(GOOD, data / "astorp/forsorjningsstod.csv")
    shutil.copy(SCHEMAS / "manad.schema.yaml", data / "astorp/forsorjningsstod.schema.yaml")
    for name in FILES:
        path = data / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith(".schema.yaml"):
            shutil.copy(SCHEMAS / "manad.schema.yaml", path)
        else:
            shutil.copy(GOOD, path)
    (data / "astorp/lankad.csv").symlink_to(data / "astorp/forsorjningsstod.csv")
    problems = Catalog(root, today=TODAY).problems()
    return {p.path: str(p) for p in problems}


@pytest.mark.parametrize("name", FILES)
def test_every_file_in_data_is_accounted_for(found, name):
    assert found.get(f"data/{name}") == FILES[name]


def test_a_link_is_named_and_never_followed(found):
    assert found["data/astorp/lankad.csv"] == LINK

