"""The data layer: every accepted dialect reads to the same values, every fault
gives its exact Swedish message at the right line and column."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import PINNED, site_project

from macros.data.catalog import Catalog
from macros.data.problems import DataError, Problem, UnknownName
from forked_python import run_python

HERE = Path(__file__).resolve().parents[1] / "data"
REPO = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 22)
VOLYMER = {"dubbelkodad", "okand-teckenkodning", "otillatet-varde", "volymer-utf8", "volymer-cp1252"}


def planted(root: Path, folder: str, files: list[Path]) -> Catalog:
    """A project root whose data/<folder>/ holds these files, each with its schema beside it."""
    target = root / "data" / folder
    target.mkdir(parents=True)
    for f in files:
        shutil.copy(f, target / f.name)
        schema = "volymer" if f.stem in VOLYMER else "manad"
        shutil.copy(HERE / f"{schema}.schema.yaml", target / f"{f.stem}.schema.yaml")
    return Catalog(root, today=TODAY)


# ------------------------------------------------------------ dialects

MONTHLY = ["semikolon", "semikolon-bom", "semikolon-crlf-nbsp", "komma-decimalpunkt", "tabb", "excel-tomma-rader", "blandade-radslut"]


@pytest.mark.parametrize("name", MONTHLY)
def test_dialect_reads_same_values(tmp_path, name):
    catalog = planted(tmp_path, "d", [HERE / "dialekter" / f"{name}.csv"])
    dataset = catalog.load(f"d/{name}")
    assert dataset.problems == []
    assert dataset.frame["manad"].tolist() == ["2022-01", "2022-02", "2022-03"]
    assert dataset.frame["hushall"].tolist() == [191, 199, 198]
    assert dataset.frame["utbetalt_tkr"].tolist() == [1690.0, 1925.0, 1821.0]
    assert dataset.frame["publicerat_tkr_per_hushall"].tolist() == [8.8, 9.7, 9.3]
    assert str(dataset.frame["hushall"].dtype) == "Int64"


@pytest.mark.parametrize("name", ["volymer-utf8", "volymer-cp1252"])
def test_encodings_read_same_text(tmp_path, name):
    dataset = planted(tmp_path, "v", [HERE / "dialekter" / f"{name}.csv"]).load(f"v/{name}")
    assert dataset.frame["matt"].tolist() == [
        "Antal hushåll som beviljats ekonomiskt bistånd, genomsnitt per månad",
        "Antal ärenden spelmissbruk",
    ]


def test_missing_is_missing_not_zero(tmp_path):
    dataset = planted(tmp_path, "v", [HERE / "dialekter" / "volymer-utf8.csv"]).load("v/volymer-utf8")
    spel = dataset.frame.iloc[1]
    assert spel["utfall_jan_apr_2019"] == 4
    assert pd.isna(spel["prognos_2019"]) and pd.isna(spel["utfall_2018"])


def test_percent_sign_and_spaces_accepted(tmp_path):
    schema = (PINNED / "astorp/kaa-unga.schema.yaml").read_text(encoding="utf-8")
    folder = tmp_path / "data" / "p"
    folder.mkdir(parents=True)
    (folder / "kaa.schema.yaml").write_text(schema, encoding="utf-8")
    header = (PINNED / "astorp/kaa-unga.csv").read_text(encoding="utf-8").splitlines()[0]
    (folder / "kaa.csv").write_text(
        header + "\n2022-01;73;6,4%;20;15;1\n2022-02;73;6,4 %;22;19;3\n2022-03;74;6,5\u00a0%;20;21;6\n",
        encoding="utf-8",
    )
    dataset = Catalog(tmp_path, today=TODAY).load("p/kaa")
    assert dataset.frame["andel_16_20"].tolist() == [6.4, 6.4, 6.5]


# ------------------------------------------------------------ faults

EXPECTED = [
    'data/fel/apostrof-fore-manad.csv:2:1: Fel värde "\'2022-01" i kolumnen "manad" (Månad): ta bort apostrofen (\') först i cellen. Skriv 2022-01. [apostrof-forst]',
    'data/fel/arbetsflodeskommando.csv:2:2: Fel värde "##\\[error]hej" i kolumnen "bistandstagare" (Antal biståndstagare): det är inte ett tal. Skriv bara siffror, till exempel 1 690 eller 8,8. [inte-ett-tal]',
    'data/fel/arbetsflodeskommando.csv:2:3: Fel värde "::add-mask::hemligt" i kolumnen "hushall" (Antal hushåll): det är inte ett tal. Skriv bara siffror, till exempel 1 690 eller 8,8. [inte-ett-tal]',
    'data/fel/arbetsflodeskommando.csv:3:1: Ett citattecken (") på raden öppnar en text som fortsätter till rad 5, så raderna emellan läses som en enda cell. Ta bort citattecknet, eller stäng det på samma rad. [citattecken-oppet]',
    'data/fel/bara-rubrik.csv:2:1: Filen har bara en rubrikrad. Lägg till minst en rad med värden. [bara-rubrik]',
    'data/fel/bara-semikolon.csv:1:1: Rubrikraden saknar kolumnnamn. Den ska vara: manad;bistandstagare;hushall;utbetalt_tkr;publicerat_tkr_per_hushall;publicerat_tkr_per_bistandstagare [rubrik-saknas]',
    'data/fel/bom-mitt-i-filen.csv:3:1: Cellen "\\ufeff2022-02" i kolumnen "manad" innehåller ett osynligt tecken (BOM-tecken, U+FEFF), ofta från kopiering ur ett annat program. Skriv om cellen för hand. [osynligt-tecken]',
    'data/fel/bytta-kolumner.csv:2:2: Raden uppfyller inte villkoret "bistandstagare >= hushall" (bistandstagare 202, hushall 272). Varje hushåll med försörjningsstöd har minst en biståndstagare, så biståndstagarna kan inte vara färre än hushållen. Kontrollera att värdena står i rätt kolumner. [villkor-brutet]',
    'data/fel/citattecken-i-tal.csv:2:2: Fel värde "27"2" i kolumnen "bistandstagare" (Antal biståndstagare): ett citattecken (") står i talet. Ta bort citattecknet och skriv bara siffror, till exempel 1 690 eller 8,8. [citattecken-i-tal]',
    'data/fel/citattecken-oavslutat.csv:2:1: Ett citattecken (") på raden öppnar en text som fortsätter till rad 4, så raderna emellan läses som en enda cell. Ta bort citattecknet, eller stäng det på samma rad. [citattecken-oppet]',
    'data/fel/citattecken-sista-raden.csv:3:4: Ett citattecken (") gör att "180;1 612;;" läses som en enda cell, så raden får 3 värden i stället för 6. Ta bort citattecknet. [citattecken-slar-ihop]',
    'data/fel/decimalkomma.csv:2:5: Fel värde "8,8" i kolumnen "publicerat_tkr_per_hushall" (Försörjningsstöd per hushåll enligt källan): decimalkomma i talet, men filen använder decimalpunkt (komma mellan kolumnerna). Skriv 8.8. [fel-decimaltecken]',
    'data/fel/decimalpunkt.csv:2:5: Fel värde "8.8" i kolumnen "publicerat_tkr_per_hushall" (Försörjningsstöd per hushåll enligt källan): decimalpunkt i talet, men filen använder decimalkomma (semikolon mellan kolumnerna). Skriv 8,8. [fel-decimaltecken]',
    'data/fel/dubbel-kolumn.csv:1:5: Kolumnen "hushall" finns två gånger. Ta bort den ena. [dubbel-kolumn]',
    'data/fel/dubbel-kolumn.csv:1:7: Kolumnen "publicerat_tkr_per_hushall" (Försörjningsstöd per hushåll enligt källan) saknas i rubrikraden. Lägg till den och dess värden (på rader utan uppgift skrivs x). [kolumn-saknas]',
    'data/fel/dubbel-manad.csv:4:1: "2022-02" finns redan på rad 3, men kolumnen "manad" får bara ha varje värde en gång. Ta bort den ena raden eller rätta värdet. [finns-redan]',
    'data/fel/dubbelkodad.csv:2:1: Trasiga tecken i "hushÃ¥ll": å, ä och ö har sparats om med fel teckenkodning och ska troligen vara "hushåll". Rätta texten och spara filen som UTF-8. [trasiga-tecken]',
    'data/fel/dubbelt-utropstecken.csv:2:3: Fel värde "202!!" i kolumnen "hushall" (Antal hushåll): bekräfta ett ovanligt värde med ett enda utropstecken sist, till exempel 202!. [dubbelt-utropstecken]',
    'data/fel/excel-datum-amerikanskt.csv:2:1: Excel har gjort om månaderna i kolumnen "manad" (Månad) till datum på 2 rader (rad 2 och 3; "1/1/2022" ska vara 2022-01). Skriv månaden som text, 2022-01: enklast i GitHubs webbredigerare, eller i Excel med en apostrof först (\'2022-01) innan filen sparas. [excel-datum-flera]',
    'data/fel/excel-datum.csv:2:1: Excel har gjort om månaderna i kolumnen "manad" (Månad) till datum på 3 rader (rad 2–4; "2022-01-01" ska vara 2022-01). Skriv månaden som text, 2022-01: enklast i GitHubs webbredigerare, eller i Excel med en apostrof först (\'2022-01) innan filen sparas. [excel-datum-flera]',
    'data/fel/excel-formel.csv:2:3: Fel värde "=A1*2" i kolumnen "hushall" (Antal hushåll): cellen innehåller en Excel-formel. Skriv resultatet, bara siffror. [excel-formel]',
    'data/fel/excel-serienummer.csv:2:1: Fel värde "44562" i kolumnen "manad" (Månad): Excel har gjort om månaden (2022-01) till ett datum. Skriv månaden som text, 2022-01: enklast i GitHubs webbredigerare, eller i Excel med en apostrof först (\'2022-01) innan filen sparas. [excel-datum]',
    'data/fel/exponent.csv:2:4: Fel värde "1e28" i kolumnen "utbetalt_tkr" (Utbetalt försörjningsstöd): talet är skrivet med exponent (som Excel gör med mycket stora eller små tal). Skriv ut hela talet med siffror. [exponent]',
    'data/fel/fel-antal-kolumner.csv:2:7: Raden har 7 värden men rubrikraden har 6 (kolumnerna skiljs med komma). Ett tal med decimalkomma måste stå inom citattecken ("8,8") när kolumnerna skiljs med komma. [fel-antal-varden]',
    'data/fel/fel-manadsformat.csv:2:1: Fel värde "aug-22" i kolumnen "manad" (Månad): Excel har gjort om månaden (2022-08) till ett datum. Skriv månaden som text, 2022-08: enklast i GitHubs webbredigerare, eller i Excel med en apostrof först (\'2022-08) innan filen sparas. [excel-datum]',
    'data/fel/fel-ordning.csv:3:1: varning: Det saknas månader mellan 2022-01 och 2022-03: 2022-02. Lägg till dem om glappet inte är avsiktligt. En uppgift som saknas skrivs x (i kolumner som får sakna värde). [glapp]',
    'data/fel/fel-ordning.csv:4:1: Månaden 2022-02 står efter 2022-03 (rad 3). Raderna ska stå i tidsordning, äldst först. [fel-ordning]',
    'data/fel/fel-typ.csv:2:3: Fel värde "etthundra" i kolumnen "hushall" (Antal hushåll): det är inte ett tal. Skriv bara siffror, till exempel 1 690 eller 8,8. [inte-ett-tal]',
    'data/fel/framtida-manad.csv:3:1: Månaden 2027-02 ligger i framtiden (i dag är det 2026-11-22). Rätta året eller månaden. [framtida-manad]',
    'data/fel/glapp.csv:3:1: varning: Det saknas månader mellan 2022-01 och 2022-04: 2022-02, 2022-03. Lägg till dem om glappet inte är avsiktligt. En uppgift som saknas skrivs x (i kolumner som får sakna värde). [glapp]',
    'data/fel/helbreddssiffror.csv:2:3: Fel värde "１９１" i kolumnen "hushall" (Antal hushåll): talet har andra siffror än 0–9 (till exempel helbreddssiffror). Skriv siffrorna 0–9. [andra-siffror]',
    'data/fel/heltal-20-siffror.csv:2:2: Fel värde "12345678901234567890" i kolumnen "bistandstagare" (Antal biståndstagare): talet har 20 siffror, men webbplatsen räknar exakt med högst 15. Kontrollera värdet: en så stor siffra är nästan alltid ett skrivfel eller en inklistrad kolumn. [for-manga-siffror]',
    'data/fel/heltal-med-decimaler.csv:2:3: Fel värde "191,5" i kolumnen "hushall" (Antal hushåll): kolumnen ska innehålla heltal. Avrunda till närmaste heltal. [inte-heltal]',
    'data/fel/heltal-med-tusental-och-decimaler.csv:2:3: Fel värde "1 602,5" i kolumnen "hushall" (Antal hushåll): kolumnen ska innehålla heltal. Avrunda till närmaste heltal. [inte-heltal]',
    'data/fel/lang-cell.csv:2:3: Cellen i kolumnen "hushall" är 1\xa0001 tecken lång; en cell får vara högst 1\xa0000 tecken. Kontrollera att rätt fil har laddats upp. [for-lang-cell]',
    'data/fel/manad-i-ord.csv:2:1: Fel värde "januari 2022" i kolumnen "manad" (Månad): månaden ska skrivas ÅÅÅÅ-MM. Skriv 2022-01. [manadsformat]',
    'data/fel/manad-med-snedstreck.csv:2:1: Fel värde "2022/01" i kolumnen "manad" (Månad): månaden ska skrivas ÅÅÅÅ-MM. Skriv 2022-01. [manadsformat]',
    'data/fel/manad-utan-nolla.csv:2:1: Fel värde "2022-1" i kolumnen "manad" (Månad): månaden ska skrivas ÅÅÅÅ-MM. Skriv 2022-01. [manadsformat]',
    'data/fel/mellanslag-fel.csv:2:4: Fel värde "16 90" i kolumnen "utbetalt_tkr" (Utbetalt försörjningsstöd): mellanslag på fel ställe i talet. Mellanslag får bara skilja tusental (1 690). [mellanslag-fel]',
    'data/fel/negativt-efter-historik.csv:15:3: Värdet -180 i kolumnen "hushall" (Antal hushåll) är mindre än det minsta tillåtna (0). Kontrollera tecknet och siffrorna i källan. [under-minimum]',
    'data/fel/nul-tecken.csv:4:1: Filen innehåller NUL-tecken (byte 0), som en textfil aldrig har: den är troligen en annan sorts fil (till exempel en Excel-arbetsbok) eller skadad. Spara om filen i Excel som "CSV UTF-8 (kommaavgränsad)", eller i webbredigeraren. [nul-tecken]',
    'data/fel/okand-kolumn.csv:1:3: Okänd kolumn "hushåll". Menar du "hushall"? Tillåtna kolumner: manad, bistandstagare, hushall, utbetalt_tkr, publicerat_tkr_per_hushall, publicerat_tkr_per_bistandstagare. [okand-kolumn]',
    'data/fel/okand-kolumn.csv:1:5: Okänd kolumn "publicerat_tkr_per_hushåll". Menar du "publicerat_tkr_per_hushall"? Tillåtna kolumner: manad, bistandstagare, hushall, utbetalt_tkr, publicerat_tkr_per_hushall, publicerat_tkr_per_bistandstagare. [okand-kolumn]',
    'data/fel/okand-kolumn.csv:1:7: Kolumnen "hushall" (Antal hushåll) saknas i rubrikraden. Lägg till den och dess värden. [kolumn-saknas]',
    'data/fel/okand-kolumn.csv:1:7: Kolumnen "publicerat_tkr_per_hushall" (Försörjningsstöd per hushåll enligt källan) saknas i rubrikraden. Lägg till den och dess värden (på rader utan uppgift skrivs x). [kolumn-saknas]',
    'data/fel/okand-teckenkodning.csv:2:1: Okänd teckenkodning (byte 0x81): filen är varken UTF-8 eller Windows-1252. Spara om filen i Excel som "CSV UTF-8 (kommaavgränsad)", eller i webbredigeraren. [okand-teckenkodning]',
    'data/fel/osynligt-tecken-i-rubrik.csv:1:3: Kolumnnamnet "hus\\u200bhall" innehåller ett osynligt tecken (nollbreddsmellanslag, U+200B). Skriv om det: hushall. [osynligt-tecken-i-rubrik]',
    'data/fel/otillatet-varde.csv:2:2: "stycken" är inte tillåtet i kolumnen "enhet". Skriv något av: hushåll, personer, dygn, st. [otillatet-varde]',
    'data/fel/over-2-upphojt-53.csv:2:2: Fel värde "9007199254740993" i kolumnen "bistandstagare" (Antal biståndstagare): talet har 16 siffror, men webbplatsen räknar exakt med högst 15. Kontrollera värdet: en så stor siffra är nästan alltid ett skrivfel eller en inklistrad kolumn. [for-manga-siffror]',
    'data/fel/pagaende-manad.csv:3:1: Månaden 2026-11 har inte tagit slut än (i dag är det 2026-11-22). Lägg in månaden när den är slut och siffrorna finns, eller rätta året eller månaden. [pagaende-manad]',
    'data/fel/procent-i-fel-kolumn.csv:2:3: Fel värde "191%" i kolumnen "hushall" (Antal hushåll): procenttecken i en kolumn med enheten st. Ta bort %. [procent-i-fel-kolumn]',
    'data/fel/riktningstecken.csv:2:6: Cellen "6,2\\u202e" i kolumnen "publicerat_tkr_per_bistandstagare" innehåller ett osynligt tecken (riktningstecken höger-till-vänster, U+202E), ofta från kopiering ur ett annat program. Skriv om cellen för hand. [osynligt-tecken]',
    'data/fel/saknad-kolumn.csv:1:4: Kolumnen "utbetalt_tkr" (Utbetalt försörjningsstöd) saknas i rubrikraden. Lägg till den och dess värden. [kolumn-saknas]',
    'data/fel/saknad-kolumn.csv:1:4: Kolumnen "publicerat_tkr_per_hushall" (Försörjningsstöd per hushåll enligt källan) saknas i rubrikraden. Lägg till den och dess värden (på rader utan uppgift skrivs x). [kolumn-saknas]',
    'data/fel/saknad-kolumn.csv:1:4: Kolumnen "publicerat_tkr_per_bistandstagare" (Försörjningsstöd per biståndstagare enligt källan) saknas i rubrikraden. Lägg till den och dess värden (på rader utan uppgift skrivs x). [kolumn-saknas]',
    'data/fel/saknad-valfri-kolumn.csv:1:6: Kolumnen "publicerat_tkr_per_bistandstagare" (Försörjningsstöd per biståndstagare enligt källan) saknas i rubrikraden. Lägg till den och dess värden (på rader utan uppgift skrivs x). [kolumn-saknas]',
    'data/fel/saknat-varde.csv:2:3: Värde saknas i kolumnen "hushall" (Antal hushåll): cellen är tom. Kolumnen måste ha ett värde på varje rad. Kommer siffran senare: vänta med hela raden tills den finns; sidan visar under tiden den senaste hela månaden. [varde-saknas]',
    'data/fel/streck-for-saknat.csv:2:5: Fel värde "-" i kolumnen "publicerat_tkr_per_hushall" (Försörjningsstöd per hushåll enligt källan): "-" betyder inte "uppgift saknas" i den här filen. Saknas uppgiften, skriv x (aldrig 0). [inte-saknat-markering]',
    'data/fel/streck-i-obligatorisk.csv:2:3: Fel värde "-" i kolumnen "hushall" (Antal hushåll): "-" betyder inte "uppgift saknas" i den här filen. Kolumnen måste ha ett värde på varje rad. Kommer siffran senare: vänta med hela raden tills den finns; sidan visar under tiden den senaste hela månaden. [inte-saknat-markering]',
    'data/fel/styrtecken.csv:2:4: Cellen "1 690\\x07" i kolumnen "utbetalt_tkr" innehåller ett osynligt tecken (osynligt tecken, U+0007), ofta från kopiering ur ett annat program. Skriv om cellen för hand. [osynligt-tecken]',
    'data/fel/tom-rubrik.csv:1:1: Rubrikraden saknar kolumnnamn. Den ska vara: manad;bistandstagare;hushall;utbetalt_tkr;publicerat_tkr_per_hushall;publicerat_tkr_per_bistandstagare [rubrik-saknas]',
    'data/fel/tom.csv:1:1: Filen är tom. Den ska börja med rubrikraden: manad;bistandstagare;hushall;utbetalt_tkr;publicerat_tkr_per_hushall;publicerat_tkr_per_bistandstagare [tom-fil]',
    'data/fel/tvetydig-tusental.csv:2:4: Fel värde "1.690" i kolumnen "utbetalt_tkr" (Utbetalt försörjningsstöd): punkten är tvetydig: den kan vara tusentalsavgränsare eller decimaltecken. Filen använder decimalkomma. Skriv 1690 om du menar tusental, eller 1,690 om du menar decimaler. [tvetydig-punkt]',
    'data/fel/under-minimum.csv:2:3: Värdet -5 i kolumnen "hushall" (Antal hushåll) är mindre än det minsta tillåtna (0). Kontrollera tecknet och siffrorna i källan. [under-minimum]',
    'data/fel/unicode-minus.csv:2:3: Värdet −5 i kolumnen "hushall" (Antal hushåll) är mindre än det minsta tillåtna (0). Kontrollera tecknet och siffrorna i källan. [under-minimum]',
    'data/fel/utf16.csv:1:1: Filen är sparad som UTF-16 (Unicode-text). Spara om filen i Excel som "CSV UTF-8 (kommaavgränsad)", eller i webbredigeraren. [unicode-text]',
    'data/fel/x-i-obligatorisk.csv:2:3: Värde saknas i kolumnen "hushall" (Antal hushåll): cellen är "x". Kolumnen måste ha ett värde på varje rad. Kommer siffran senare: vänta med hela raden tills den finns; sidan visar under tiden den senaste hela månaden. [varde-saknas]',
]


def test_every_planted_fault_found_in_one_run(tmp_path):
    """The validator command lists every fault at once, with file, line and column."""
    planted(tmp_path, "fel", sorted((HERE / "fel").glob("*.csv")))
    result = run_python(
        [sys.executable, str(REPO / "scripts/validate.py"), "--root", str(tmp_path), "--today", TODAY.isoformat()],
        capture_output=True, text=True, env={"PATH": "", "GITHUB_ACTIONS": "false"},
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == EXPECTED
    assert result.stderr == "58 datafiler kontrollerade: 65 fel, 2 varningar.\n"


def test_each_fault_file_gives_its_own_message(tmp_path):
    catalog = planted(tmp_path, "fel", sorted((HERE / "fel").glob("*.csv")))
    for path in sorted((HERE / "fel").glob("*.csv")):
        found = [str(p) for p in catalog.read(f"fel/{path.stem}").problems]
        assert found, f"{path.name} gav inget fel"
        assert found == [line for line in EXPECTED if line.startswith(f"data/fel/{path.name}:")]


def test_github_annotations(tmp_path):
    planted(tmp_path, "fel", [HERE / "fel" / "decimalpunkt.csv"])
    result = run_python(
        [sys.executable, str(REPO / "scripts/validate.py"), "--root", str(tmp_path), "--summary", str(tmp_path / "summary.md")],
        capture_output=True, text=True, env={"PATH": "", "GITHUB_ACTIONS": "true"},
    )
    assert result.stdout.splitlines()[1] == (
        '::error file=data/fel/decimalpunkt.csv,line=2,col=5::Fel värde "8.8" i kolumnen '
        '"publicerat_tkr_per_hushall" (Försörjningsstöd per hushåll enligt källan): decimalpunkt i talet, '
        "men filen använder decimalkomma (semikolon mellan kolumnerna). Skriv 8,8. [fel-decimaltecken]"
    )
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("## Datakontroll: fel som måste rättas")
    assert "| data/fel/decimalpunkt\\.csv | 2 | 5 | fel |" in summary


def test_warning_line_format():
    problem = Problem("data/a.csv", 3, 1, "Det saknas månader.", "warning")
    assert str(problem) == "data/a.csv:3:1: varning: Det saknas månader."
    assert problem.github() == "::warning file=data/a.csv,line=3,col=1::Det saknas månader."


def test_load_refuses_a_dataset_with_errors(tmp_path):
    catalog = planted(tmp_path, "fel", [HERE / "fel" / "dubbel-manad.csv"])
    with pytest.raises(DataError) as caught:
        catalog.load("fel/dubbel-manad")
    assert "data/fel/dubbel-manad.csv:4:1:" in str(caught.value)


def test_real_data_is_valid():
    result = run_python([sys.executable, str(REPO / "scripts/validate.py")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert [line for line in result.stdout.splitlines() if ": varning:" not in line and ": notering:" not in line] == []


def test_each_csv_read_once_per_catalog(monkeypatch):
    catalog = Catalog(site_project())
    reads = []
    original = Path.read_bytes

    def counting(self):
        reads.append(self.name)
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", counting)
    for _ in range(3):
        catalog.load("astorp/forsorjningsstod")
    assert reads == ["forsorjningsstod.schema.yaml", "forsorjningsstod.csv"]


def test_derived_values_and_discrepancies_found():
    dataset = Catalog(site_project()).load("astorp/forsorjningsstod")
    row = dataset.frame[dataset.frame["manad"] == "2022-08"].iloc[0]
    assert round(row["tkr_per_hushall"], 4) == round(1551 / 176, 4)
    found = {(d.key, d.measure, d.published) for d in dataset.discrepancies}
    assert ("2022-03", "tkr_per_hushall", 9.3) in found


def test_printed_totals_checked_in_the_data_layer():
    dataset = Catalog(site_project()).load("katrineholm/driftsredovisning-t1-2019")
    totals = {(d.measure, d.computed, d.published) for d in dataset.discrepancies if d.key == "__total__"}
    assert totals == {("utfall", -75093.0, -75094.0), ("avvikelse", -14890.0, -14891.0)}
    iris = Catalog(site_project()).load("lund/iris-delprojekt")
    assert iris.discrepancies == []  # 136 + 66 + 47 = 249 and 71 + 12 + 19 = 102, as printed


def test_validator_lists_discrepancies_on_request():
    result = run_python(
        [sys.executable, str(REPO / "scripts/validate.py"), "--root", str(site_project()), "--discrepancies"],
        capture_output=True, text=True,
    )
    assert result.returncode == 0
    assert "data/katrineholm/driftsredovisning-t1-2019.csv: Personalkostnader inkl. ersättning till familjehem avvikelse: beräknat 2068, källan anger 2086" in result.stdout


def test_formula_may_hold_only_arithmetic(tmp_path):
    catalog = planted(tmp_path, "d", [HERE / "dialekter" / "semikolon.csv"])
    schema = tmp_path / "data/d/semikolon.schema.yaml"
    schema.write_text(
        schema.read_text(encoding="utf-8").replace("formula: utbetalt_tkr / hushall", "formula: __import__('os').getcwd()"),
        encoding="utf-8",
    )
    problems = [str(p) for p in catalog.read("d/semikolon").problems]
    assert problems == [
        "data/d/semikolon.schema.yaml:46:1: Beräknat fält: formeln \"__import__('os').getcwd()\" går inte att räkna: "
        "bara + - * /, mean(…), tal och numeriska kolumner är tillåtna [formel-otillaten]"
    ]


# ------------------------------------------------------------ the schema is a contract

SCHEMA_EXPECTED = [
    'data/fel-schema/decimals-negativ.schema.yaml:45:1: Schemat: det beräknade fältet "tkr_per_hushall", nyckeln decimals ska vara minst 0, men är -3. [schema-utanfor-granser]',
    'data/fel-schema/decimals-som-text.schema.yaml:45:1: Schemat: det beräknade fältet "tkr_per_hushall", nyckeln decimals ska vara ett heltal, men är "en". [schema-fel-typ]',
    "data/fel-schema/djup-nastling.schema.yaml:8:27: Rad 8: texten har fler än 20 nivåer av listor och kartor i varandra. Ett schema eller sidhuvud har bara några få nivåer: kontrollera indrag och hakparenteser. [yaml-for-djup]",
    'data/fel-schema/dubbel-nyckel.schema.yaml:56:1: Rad 56: nyckeln "primaryKey" finns redan på rad 55. Ta bort den ena. [yaml-dubbel-nyckel]',
    'data/fel-schema/fields-som-karta.schema.yaml:9:1: Schemat: nyckeln fields ska vara en lista (rader som börjar med -, eller [a, b]), men är {"manad": {"title": "Månad", "type": "yearmonth"}, "husha…. [schema-fel-typ]',
    "data/fel-schema/formel-delar-med-noll.schema.yaml:46:1: Beräknat fält: formeln 'utbetalt_tkr / 0' delar med 0, och det ger inget tal [formel-delar-med-noll]",
    "data/fel-schema/formel-utan-kolumn.schema.yaml:46:1: Beräknat fält: formeln '1000 * 1000' använder ingen kolumn. Skriv en formel över kolumnerna, till exempel utfall - budget [formel-utan-kolumn]",
    'data/fel-schema/minimum-som-text.schema.yaml:23:1: Schemat: fältet "hushall", nyckeln constraints.minimum ska vara ett tal, men är "noll". [schema-fel-typ]',
    'data/fel-schema/missingvalues-som-text.schema.yaml:54:1: Schemat: nyckeln missingValues ska vara en lista (rader som börjar med -, eller [a, b]), men är "x". [schema-fel-typ]',
    "data/fel-schema/primarykey-som-tal.schema.yaml:55:1: Schemat: nyckeln primaryKey ska vara ett kolumnnamn eller en lista av kolumnnamn, men är 5. [schema-kolumnnamn]",
    'data/fel-schema/rimlighet-felstavad.schema.yaml:19:1: Schemat: fältet "hushall" har en okänd nyckel "plausability". Menar du "plausibility"? Tillåtna: name, title, description, type, unit, decimals, sign, role, constraints, plausibility. [schema-okand-nyckel]',
    'data/fel-schema/rimlighet-noll-procent.schema.yaml:24:1: Schemat: fältet "hushall", nyckeln plausibility.max_change ska vara minst 1, men är 0. [schema-utanfor-granser]',
    'data/fel-schema/villkor-okand-kolumn.schema.yaml:55:1: Schemat, rules: villkoret "bistandstagare >= hushal" använder "hushal", som inte är en numerisk kolumn i filen. Menar du "hushall"? [villkor-okand-kolumn]',
    'data/fel-schema/villkor-utan-jamforelse.schema.yaml:55:1: Schemat, rules: villkoret "bistandstagare hushall" saknar en jämförelse (>=, <=, >, < eller =) mellan två räknesätt. [villkor-utan-jamforelse]',
    "data/fel-schema/yaml-alias.schema.yaml:1:4: Rad 1: YAML-ankare och alias (&namn, *namn) är inte tillåtna. Skriv ut värdet där det ska stå. [yaml-alias]",
    "data/fel-schema/yaml-syntaxfel.schema.yaml:2:24: YAML-filen går inte att läsa (rad 2, kolumn 24): ett kolon står där det inte får stå. En text som innehåller kolon måste stå inom citattecken. [yaml-kolon]",
    "data/fel-schema/yaml-tagg.schema.yaml:2:8: Rad 2: YAML-taggar (tag:yaml.org,2002:python/object/apply:os.system) är inte tillåtna. Ta bort taggen och skriv värdet som vanlig text eller tal. [yaml-tagg]",
]


def schema_faults(root: Path) -> Path:
    """data/fel-schema/: each bad schema beside a good CSV."""
    target = root / "data" / "fel-schema"
    target.mkdir(parents=True)
    for schema in sorted((HERE / "fel-schema").glob("*.schema.yaml")):
        shutil.copy(schema, target / schema.name)
        shutil.copy(HERE / "dialekter" / "semikolon.csv", target / schema.name.replace(".schema.yaml", ".csv"))
    return root


def test_every_schema_fault_is_a_message_not_a_traceback(tmp_path):
    result = run_python(
        [sys.executable, str(REPO / "scripts/validate.py"), "--root", str(schema_faults(tmp_path)), "--today", TODAY.isoformat()],
        capture_output=True, text=True, env={"PATH": "", "GITHUB_ACTIONS": "false"}, timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == SCHEMA_EXPECTED
    assert result.stderr == f"{len(SCHEMA_EXPECTED)} datafiler kontrollerade: {len(SCHEMA_EXPECTED)} fel, 0 varningar.\n"


def test_schema_with_too_many_fields(tmp_path):
    """10 000 fields: refused by size before any work; 300: refused by the contract, in one message."""
    target = tmp_path / "data" / "s"
    target.mkdir(parents=True)
    header = (HERE / "manad.schema.yaml").read_text(encoding="utf-8").split("fields:")[0]
    for name, count in (("tiotusen", 10_000), ("trehundra", 300)):
        fields = "".join(f"  - {{name: f{i}, title: F, type: string}}\n" for i in range(count))
        (target / f"{name}.schema.yaml").write_text(f"{header}fields:\n{fields}", encoding="utf-8")
        (target / f"{name}.csv").write_text("f0\nx\n", encoding="utf-8")
    catalog = Catalog(tmp_path, today=TODAY)
    assert [str(p) for p in catalog.read("s/tiotusen").problems] == [
        "data/s/tiotusen.schema.yaml:1:1: Filen är större än 200 kB. Ett schema eller sidhuvud ska vara kort. [yaml-for-stor]"
    ]
    assert [str(p) for p in catalog.read("s/trehundra").problems] == [
        "data/s/trehundra.schema.yaml:9:1: Schemat: nyckeln fields är för lång (högst 200). [schema-for-lang]"
    ]


# ------------------------------------------------------------ bounded work for any file


def one_file(root: Path, name: str, content: bytes) -> Catalog:
    target = root / "data" / "g"
    target.mkdir(parents=True, exist_ok=True)
    (target / f"{name}.csv").write_bytes(content)
    shutil.copy(HERE / "manad.schema.yaml", target / f"{name}.schema.yaml")
    return Catalog(root, today=TODAY)


HEADER = (HERE / "dialekter" / "semikolon.csv").read_text(encoding="utf-8").splitlines()[0]


def test_cell_beyond_csv_field_limit(tmp_path):
    content = f"{HEADER}\n2022-01;{'1' * 200_000};191;1 690;8,8;6,2\n".encode()
    assert [str(p) for p in one_file(tmp_path, "jattecell", content).read("g/jattecell").problems] == [
        'data/g/jattecell.csv:2:1: Raden går inte att läsa: en cell är längre än 131\u00a0072 tecken. Oftast beror det på ett '
        'citattecken (") som öppnar en text som aldrig stängs, på raden eller ovanför. Ta bort citattecknet, '
        "eller kontrollera att rätt fil har laddats upp. [rad-olaslig]"
    ]


def test_header_of_100000_columns_is_one_message(tmp_path):
    content = (";".join(f"k{i}" for i in range(100_000)) + "\n2022-01;1\n").encode()
    assert [str(p) for p in one_file(tmp_path, "bred", content).read("g/bred").problems] == [
        "data/g/bred.csv:1:1: Rubrikraden har 100\u00a0000 kolumner, men schemat har 6. Kontrollera att rätt fil har laddats upp. "
        "Rubrikraden ska vara: manad;bistandstagare;hushall;utbetalt_tkr;publicerat_tkr_per_hushall;publicerat_tkr_per_bistandstagare [for-bred-rubrik]"
    ]


def test_file_over_5_mb_is_refused_unread(tmp_path):
    content = f"{HEADER}\n".encode() + b"2022-01;272;191;1 690;8,8;6,2\n" * 180_000
    assert [str(p) for p in one_file(tmp_path, "stor", content).read("g/stor").problems] == [
        "data/g/stor.csv:1:1: Filen är större än 5 MB. Den ska bara innehålla datasetets rader; dela upp den eller "
        "kontrollera att rätt fil har laddats upp. [for-stor-fil]"
    ]


def test_problems_per_file_are_capped(tmp_path):
    rows = "".join(f"2022-01;x{i};191;1 690;8,8;6,2\n" for i in range(70))
    problems = [str(p) for p in one_file(tmp_path, "manga", f"{HEADER}\n{rows}".encode()).read("g/manga").problems]
    assert len(problems) == 51
    assert problems[-1] == (
        "data/g/manga.csv:51:1: … och 89 problem till i filen, som inte visas. Rätta dem ovan och kör kontrollen igen. [fler-problem]"
    )


def test_only_regular_files_inside_data_and_ids_never_paths(tmp_path):
    outside = tmp_path / "hemligt"
    outside.mkdir()
    shutil.copy(HERE / "dialekter" / "semikolon.csv", outside / "lankad.csv")
    shutil.copy(HERE / "manad.schema.yaml", outside / "lankad.schema.yaml")
    catalog = planted(tmp_path, "d", [HERE / "dialekter" / "semikolon.csv"])
    (tmp_path / "data" / "d" / "lankad.csv").symlink_to(outside / "lankad.csv")
    (tmp_path / "data" / "d" / "lankad.schema.yaml").symlink_to(outside / "lankad.schema.yaml")
    (tmp_path / "data" / "ut").symlink_to(outside, target_is_directory=True)
    assert catalog.ids() == ["d/semikolon"]
    for wrong in ("d/lankad", "../hemligt/lankad", "ut/lankad", "/etc/passwd", "d/semikolon.csv"):
        with pytest.raises(UnknownName) as caught:
            catalog.read(wrong)
        assert str(caught.value).startswith(f"datasetet {wrong!r} finns inte.")
        assert caught.value.text.endswith("; det finns: d/semikolon [dataset-finns-inte]")


# ------------------------------------------------------------ no traceback, no workflow command


def test_validator_output_under_github_holds_only_its_own_workflow_commands(tmp_path):
    """Every fault file at once, under GITHUB_ACTIONS=true: every line that GitHub's runner would
    read as a command (`::` first on a line, `##[` anywhere) is one of the validator's own
    annotations, and nothing prints a traceback."""
    planted(tmp_path, "fel", sorted((HERE / "fel").glob("*.csv")))
    schema_faults(tmp_path)
    result = run_python(
        [sys.executable, str(REPO / "scripts/validate.py"), "--root", str(tmp_path), "--today", TODAY.isoformat(),
         "--summary", str(tmp_path / "summary.md")],
        capture_output=True, text=True, env={"PATH": "", "GITHUB_ACTIONS": "true"}, timeout=120,
    )
    assert result.returncode == 1
    lines = (result.stdout + result.stderr).splitlines()
    own = re.compile(r"::(error|warning) file=data/[^,:%\r\n]+,line=\d+,col=\d+::[^\r\n]+")
    commands = [line for line in lines if line.lstrip().startswith("::")]
    assert commands and all(own.fullmatch(line) for line in commands), [c for c in commands if not own.fullmatch(c)]
    assert len(commands) == len(EXPECTED) + len(SCHEMA_EXPECTED)
    assert not [line for line in lines if "##[" in line]
    assert "Traceback" not in result.stdout + result.stderr
    assert 'Fel värde "::add-mask::hemligt" i kolumnen "hushall"' in result.stdout
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "::add-mask::" not in summary and "##[" not in summary and "\x07" not in summary


def test_a_bug_is_one_line_and_the_switch_shows_the_traceback(tmp_path, monkeypatch):
    from macros.data import catalog as catalog_module

    def broken(*_args):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(catalog_module, "read_dataset", broken)
    catalog = planted(tmp_path, "d", [HERE / "dialekter" / "semikolon.csv"])
    monkeypatch.delenv("RAPPORT_TRACEBACK", raising=False)
    assert [str(p) for p in catalog.read("d/semikolon").problems] == [
        "data/d/semikolon.csv:1:1: Internt fel i webbplatsens kod (ZeroDivisionError: division by zero). Det är ett "
        "programfel, inte ditt fel: meddela den som sköter webbplatsen. Utvecklare ser hela felet med RAPPORT_TRACEBACK=1. [internt-fel]"
    ]
    monkeypatch.setenv("RAPPORT_TRACEBACK", "1")
    with pytest.raises(ZeroDivisionError):
        Catalog(tmp_path, today=TODAY).read("d/semikolon")


def test_problem_lines_are_printable_and_never_a_command():
    problem = Problem("data/a.csv", 2, 3, 'Fel värde "a\nb\x1b[31m\u202e" ##[error] ::x')
    assert str(problem) == 'data/a.csv:2:3: Fel värde "a\\nb\\x1b[31m\\u202e" ##\\[error] ::x'
    assert problem.github() == '::error file=data/a.csv,line=2,col=3::Fel värde "a\\nb\\x1b[31m\\u202e" ##\\[error] ::x'


def test_file_names_must_be_plain_ids(tmp_path):
    """A data file's name becomes an id, a URL and a file in the site: plain names only."""
    target = tmp_path / "data" / "x"
    target.mkdir(parents=True)
    for name in ("Försörjning\n::add-mask::x", "bra-namn"):
        shutil.copy(HERE / "dialekter" / "semikolon.csv", target / f"{name}.csv")
        shutil.copy(HERE / "manad.schema.yaml", target / f"{name}.schema.yaml")
    catalog = Catalog(tmp_path, today=TODAY)
    assert catalog.ids() == ["x/bra-namn"]
    rule = ("Filnamnet går inte att använda: mappar och filer under data/ får bara heta med små bokstäver a–z, siffror, - och _ "
            "(inga å, ä, ö, mellanslag eller andra tecken), till exempel data/astorp/forsorjningsstod.csv. Byt namn på filen")
    assert [str(p) for p in catalog.problems()] == [
        f"data/x/Försörjning\\n::add-mask::x.csv:1:1: {rule} till data/x/forsorjning-add-mask-x.csv. [filnamn]",
        f"data/x/Försörjning\\n::add-mask::x.schema.yaml:1:1: {rule} till data/x/forsorjning-add-mask-x.schema.yaml. [filnamn]",
    ]
