"""The data layer: every accepted dialect reads to the same values, every fault
gives its exact Swedish message at the right line and column."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from macros.data.catalog import Catalog
from macros.data.problems import DataError, Problem

HERE = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent
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

MONTHLY = ["semikolon", "semikolon-bom", "semikolon-crlf-nbsp", "komma-decimalpunkt", "tabb", "excel-tomma-rader"]


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
    schema = (REPO / "data/astorp/kaa-unga.schema.yaml").read_text(encoding="utf-8")
    folder = tmp_path / "data" / "p"
    folder.mkdir(parents=True)
    (folder / "kaa.schema.yaml").write_text(schema, encoding="utf-8")
    header = (REPO / "data/astorp/kaa-unga.csv").read_text(encoding="utf-8").splitlines()[0]
    (folder / "kaa.csv").write_text(
        header + "\n2022-01;73;6,4%;20;15;1\n2022-02;73;6,4 %;22;19;3\n2022-03;74;6,5\u00a0%;20;21;6\n",
        encoding="utf-8",
    )
    dataset = Catalog(tmp_path, today=TODAY).load("p/kaa")
    assert dataset.frame["andel_16_20"].tolist() == [6.4, 6.4, 6.5]


# ------------------------------------------------------------ faults

EXPECTED = [
    'data/fel/bara-rubrik.csv:2:1: Filen har bara en rubrikrad. Lägg till minst en rad med värden.',
    'data/fel/decimalkomma.csv:2:5: Fel värde "8,8" i kolumnen "publicerat_tkr_per_hushall" (Försörjningsstöd per hushåll enligt källan): decimalkomma i talet, men filen använder decimalpunkt (komma mellan kolumnerna). Skriv 8.8.',
    'data/fel/decimalpunkt.csv:2:5: Fel värde "8.8" i kolumnen "publicerat_tkr_per_hushall" (Försörjningsstöd per hushåll enligt källan): decimalpunkt i talet, men filen använder decimalkomma (semikolon mellan kolumnerna). Skriv 8,8.',
    'data/fel/dubbel-manad.csv:4:1: "2022-02" finns redan på rad 3, men kolumnen "manad" får bara ha varje värde en gång. Ta bort den ena raden eller rätta värdet.',
    'data/fel/dubbelkodad.csv:2:11: Trasiga tecken "Ã¥" (å, ä eller ö som har sparats om med fel teckenkodning). Rätta texten till å, ä och ö och spara som UTF-8.',
    'data/fel/fel-antal-kolumner.csv:2:7: Raden har 7 värden men rubrikraden har 6 (kolumnerna skiljs med komma). Ett tal med decimalkomma måste stå inom citattecken ("8,8") när kolumnerna skiljs med komma.',
    'data/fel/fel-manadsformat.csv:2:1: Fel värde "aug-22" i kolumnen "manad" (Månad): månaden ska skrivas ÅÅÅÅ-MM, till exempel 2022-08.',
    'data/fel/fel-ordning.csv:3:1: varning: Det saknas månader mellan 2022-01 och 2022-03: 2022-02. Lägg till dem (skriv x där värdet saknas) om glappet inte är avsiktligt.',
    'data/fel/fel-ordning.csv:4:1: Månaden 2022-02 står efter 2022-03 (rad 3). Raderna ska stå i tidsordning, äldst först.',
    'data/fel/fel-typ.csv:2:3: Fel värde "etthundra" i kolumnen "hushall" (Antal hushåll): det är inte ett tal. Skriv bara siffror, till exempel 1 690 eller 8,8.',
    'data/fel/framtida-manad.csv:3:1: Månaden 2027-02 ligger i framtiden (i dag är det 2026-11-22). Rätta året eller månaden.',
    'data/fel/glapp.csv:3:1: varning: Det saknas månader mellan 2022-01 och 2022-04: 2022-02, 2022-03. Lägg till dem (skriv x där värdet saknas) om glappet inte är avsiktligt.',
    'data/fel/heltal-med-decimaler.csv:2:3: Fel värde "191,5" i kolumnen "hushall" (Antal hushåll): kolumnen ska innehålla heltal. Avrunda till närmaste heltal.',
    'data/fel/mellanslag-fel.csv:2:4: Fel värde "16 90" i kolumnen "utbetalt_tkr" (Utbetalt försörjningsstöd): mellanslag på fel ställe i talet. Mellanslag får bara skilja tusental (1 690).',
    'data/fel/okand-kolumn.csv:1:3: Okänd kolumn "hushåll". Menar du "hushall"? Tillåtna kolumner: manad, bistandstagare, hushall, utbetalt_tkr, publicerat_tkr_per_hushall, publicerat_tkr_per_bistandstagare.',
    'data/fel/okand-kolumn.csv:1:5: Okänd kolumn "publicerat_tkr_per_hushåll". Menar du "publicerat_tkr_per_hushall"? Tillåtna kolumner: manad, bistandstagare, hushall, utbetalt_tkr, publicerat_tkr_per_hushall, publicerat_tkr_per_bistandstagare.',
    'data/fel/okand-kolumn.csv:1:7: Kolumnen "hushall" (Antal hushåll) saknas i rubrikraden. Lägg till den.',
    'data/fel/okand-teckenkodning.csv:2:1: Okänd teckenkodning (byte 0x81): filen är varken UTF-8 eller Windows-1252. Spara om filen i Excel som "CSV UTF-8 (kommaavgränsad)", eller i webbredigeraren.',
    'data/fel/otillatet-varde.csv:2:2: "stycken" är inte tillåtet i kolumnen "enhet". Skriv något av: hushåll, personer, dygn, st.',
    'data/fel/procent-i-fel-kolumn.csv:2:3: Fel värde "191%" i kolumnen "hushall" (Antal hushåll): procenttecken i en kolumn med enheten st. Ta bort %.',
    'data/fel/saknad-kolumn.csv:1:4: Kolumnen "utbetalt_tkr" (Utbetalt försörjningsstöd) saknas i rubrikraden. Lägg till den.',
    'data/fel/saknat-varde.csv:2:3: Värde saknas i kolumnen "hushall" (Antal hushåll): cellen är tom, men värdet krävs.',
    'data/fel/tom.csv:1:1: Filen är tom. Den ska börja med rubrikraden: manad;bistandstagare;hushall;utbetalt_tkr;publicerat_tkr_per_hushall;publicerat_tkr_per_bistandstagare',
    'data/fel/tvetydig-tusental.csv:2:4: Fel värde "1.690" i kolumnen "utbetalt_tkr" (Utbetalt försörjningsstöd): punkten är tvetydig: den kan vara tusentalsavgränsare eller decimaltecken. Filen använder decimalkomma. Skriv 1690 om du menar tusental, eller 1,690 om du menar decimaler.',
    'data/fel/under-minimum.csv:2:3: Värdet -5 i kolumnen "hushall" är mindre än det minsta tillåtna (0).',
    'data/fel/utf16.csv:1:1: Filen är sparad som UTF-16 (Unicode-text). Spara om filen i Excel som "CSV UTF-8 (kommaavgränsad)", eller i webbredigeraren.',
]


def test_every_planted_fault_found_in_one_run(tmp_path):
    """The validator command lists every fault at once, with file, line and column."""
    planted(tmp_path, "fel", sorted((HERE / "fel").glob("*.csv")))
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts/validate.py"), "--root", str(tmp_path), "--today", TODAY.isoformat()],
        capture_output=True, text=True, env={"PATH": "", "GITHUB_ACTIONS": "false"},
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == EXPECTED
    assert result.stderr == "23 datafiler kontrollerade: 24 fel, 2 varningar.\n"


def test_each_fault_file_gives_its_own_message(tmp_path):
    catalog = planted(tmp_path, "fel", sorted((HERE / "fel").glob("*.csv")))
    for path in sorted((HERE / "fel").glob("*.csv")):
        found = [str(p) for p in catalog.read(f"fel/{path.stem}").problems]
        assert found, f"{path.name} gav inget fel"
        assert found == [line for line in EXPECTED if line.startswith(f"data/fel/{path.name}:")]


def test_github_annotations(tmp_path):
    planted(tmp_path, "fel", [HERE / "fel" / "decimalpunkt.csv"])
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts/validate.py"), "--root", str(tmp_path), "--summary", str(tmp_path / "summary.md")],
        capture_output=True, text=True, env={"PATH": "", "GITHUB_ACTIONS": "true"},
    )
    assert result.stdout.splitlines()[1] == (
        '::error file=data/fel/decimalpunkt.csv,line=2,col=5::Fel värde "8.8" i kolumnen '
        '"publicerat_tkr_per_hushall" (Försörjningsstöd per hushåll enligt källan): decimalpunkt i talet, '
        "men filen använder decimalkomma (semikolon mellan kolumnerna). Skriv 8,8."
    )
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("## Datakontroll: fel som måste rättas")
    assert "| `data/fel/decimalpunkt.csv` | 2 | 5 | fel |" in summary


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
    result = subprocess.run([sys.executable, str(REPO / "scripts/validate.py")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert [line for line in result.stdout.splitlines() if ": varning:" not in line and ": notering:" not in line] == []


def test_each_csv_read_once_per_catalog(monkeypatch):
    catalog = Catalog(REPO)
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
    dataset = Catalog(REPO).load("astorp/forsorjningsstod")
    row = dataset.frame[dataset.frame["manad"] == "2022-08"].iloc[0]
    assert round(row["tkr_per_hushall"], 4) == round(1551 / 176, 4)
    found = {(d.key, d.measure, d.published) for d in dataset.discrepancies}
    assert ("2022-03", "tkr_per_hushall", 9.3) in found


def test_printed_totals_checked_in_the_data_layer():
    dataset = Catalog(REPO).load("katrineholm/driftsredovisning-t1-2019")
    totals = {(d.measure, d.computed, d.published) for d in dataset.discrepancies if d.key == "__total__"}
    assert totals == {("utfall", -75093.0, -75094.0), ("avvikelse", -14890.0, -14891.0)}
    iris = Catalog(REPO).load("lund/iris-delprojekt")
    assert iris.discrepancies == []  # 136 + 66 + 47 = 249 and 71 + 12 + 19 = 102, as printed


def test_validator_lists_discrepancies_on_request():
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts/validate.py"), "--discrepancies"], capture_output=True, text=True
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
        "bara + - * /, tal och numeriska kolumner är tillåtna"
    ]
