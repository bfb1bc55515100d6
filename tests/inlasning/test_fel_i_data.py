"""Data files as staff really save them (adv18): each fault is a real file named after it, and
the exact Swedish line the validator says about it, or the proof that it is published right."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hjalp_inlasning import HERE, TODAY, planted

from macros.data.catalog import Catalog
from macros.outputs.site_files import site_files

PROJECT = HERE / "projekt"
REPO = HERE.parent.parent
LICENCE = {"name": "CC0-1.0", "path": "https://creativecommons.org/publicdomain/zero/1.0/", "title": "CC0 1.0"}


def project_with(tmp_path: Path, replaced: dict[str, Path]) -> Path:
    """The small project's data, with some of its files replaced by fault files."""
    root = tmp_path / "projekt"
    shutil.copytree(PROJECT / "data", root / "data")
    for name, source in replaced.items():
        target = root / "data" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    return root


def test_a_schema_saved_as_ansi_is_read_and_published_as_utf8_like_a_csv(tmp_path):
    """One rule for every file in data/: UTF-8 or Windows-1252, published as UTF-8."""
    root = project_with(tmp_path, {"astorp/forsorjningsstod.schema.yaml": HERE / "ratt-schema" / "schema-sparat-som-ansi.schema.yaml"})
    catalog = Catalog(root, today=TODAY)
    assert catalog.problems() == []
    files = site_files(catalog, {"title": "Test", "url": "https://example.invalid/", "licence": LICENCE})
    published = files["data/astorp/forsorjningsstod.schema.yaml"].decode("utf-8")
    assert published == (PROJECT / "data/astorp/forsorjningsstod.schema.yaml").read_text(encoding="utf-8")


def test_a_rule_against_a_constant_is_a_rule(tmp_path):
    """`check: hushall > 0` compares a column with a number: accepted, and checked on every row."""
    root = project_with(tmp_path, {"astorp/forsorjningsstod.schema.yaml": HERE / "ratt-schema" / "regel-mot-konstant.schema.yaml"})
    assert Catalog(root, today=TODAY).problems() == []
    csv = root / "data/astorp/forsorjningsstod.csv"
    rows = csv.read_text(encoding="utf-8").splitlines()
    header = rows[0].split(";")
    last = rows[-1].split(";")
    last[header.index("hushall")] = "0!"  # confirmed as unusual: only the rule is left to say
    csv.write_text("\n".join([*rows[:-1], ";".join(last)]) + "\n", encoding="utf-8")
    said = [str(p) for p in Catalog(root, today=TODAY).problems()]
    assert len(said) == 1 and said[0].startswith(f"data/astorp/forsorjningsstod.csv:{len(rows)}:") and "hushall > 0" in said[0] and "[villkor-brutet]" in said[0], said


def test_google_sheets_with_swedish_settings_quoted_decimal_commas_are_read(tmp_path):
    """A comma-separated file whose every decimal number has a comma inside quotes ("8,8")."""
    name = "google-kalkylark-svenska-decimalkomma-inom-citattecken.csv"
    dataset = planted(tmp_path, "ratt", [HERE / "ratt" / name]).read(f"ratt/{name.removesuffix('.csv')}")
    assert [str(p) for p in dataset.problems] == []
    assert dataset.frame["publicerat_tkr_per_hushall"].tolist() == [8.8, 9.7, 9.3]
    assert dataset.frame["utbetalt_tkr"].tolist() == [1690.0, 1925.0, 1821.0]


def test_validate_piped_into_head_ends_quietly(tmp_path):
    """`validate.py | head -1`: the reader stops reading; no "Internt fel", and never a pass."""
    root = project_with(tmp_path, {})
    for number in range(40):  # many lines to print
        shutil.copy(HERE / "fel" / "excel-rad-sep-semikolon-forst.csv", root / "data" / "astorp" / f"kopia-{number}.csv")
        shutil.copy(root / "data/astorp/forsorjningsstod.schema.yaml", root / "data" / "astorp" / f"kopia-{number}.schema.yaml")
    process = subprocess.Popen([sys.executable, str(REPO / "scripts" / "validate.py"), "--root", str(root)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # as head does after its line
    error = process.stderr.read().decode("utf-8")
    assert process.wait(timeout=120) == 1
    assert "Internt fel" not in error and "Traceback" not in error and "BrokenPipe" not in error, error


# ------------------------------------------------------------ every file in data/ accounted for, with the fix

FILES = {
    "astorp/anteckningar.txt": (
        "anteckning-som-txt.txt",
        "data/astorp/anteckningar.txt:1:1: Filen anteckningar.txt är ingen tabell (den har varken semikolon, komma eller "
        "tabb mellan kolumner) och läses inte av webbplatsen. Skriv anteckningen i data/astorp/README.md (som "
        "webbplatsen inte publicerar) och ta bort filen. [anteckning-i-data]"),
    "astorp/forsorjningsstod.csv.csv": (
        "dubbel-filandelse.csv.csv",
        "data/astorp/forsorjningsstod.csv.csv:1:1: Filnamnet forsorjningsstod.csv.csv slutar på .csv två gånger (Windows "
        "visar inte filändelsen, så den skrevs en gång till), och webbplatsen läser inte filen. Byt namn på filen till "
        "forsorjningsstod.csv. [dubbel-filandelse]"),
    "astorp/2022/forsorjningsstod.csv": (
        "ny-manad-i-undermapp.csv",
        "data/astorp/2022/forsorjningsstod.csv:1:1: Filen ligger i en undermapp (data/astorp/2022/), och där läser "
        "webbplatsen inga datafiler: en organisations datafiler ligger direkt i dess mapp. Lägg in raderna i "
        "data/astorp/forsorjningsstod.csv och ta bort data/astorp/2022/. [undermapp]"),
}


@pytest.mark.parametrize("name", FILES)
def test_a_file_that_is_not_read_is_named_with_the_fix(tmp_path, name):
    source, said = FILES[name]
    root = project_with(tmp_path, {name: HERE / "fel-filer" / source})
    if name.endswith(".csv.csv"):  # Windows hid .csv: the file was saved as forsorjningsstod.csv.csv in its place
        (root / "data/astorp/forsorjningsstod.csv").unlink()
    assert [str(p) for p in Catalog(root, today=TODAY).problems()] == [said]


def test_a_schema_copied_into_the_subfolder_does_not_make_a_second_dataset(tmp_path):
    """Following the advice never publishes the month as another dataset with the same title."""
    root = project_with(tmp_path, {"astorp/2022/forsorjningsstod.csv": HERE / "fel-filer" / "ny-manad-i-undermapp.csv",
                                   "astorp/2022/forsorjningsstod.schema.yaml": PROJECT / "data/astorp/forsorjningsstod.schema.yaml"})
    catalog = Catalog(root, today=TODAY)
    assert "astorp/2022/forsorjningsstod" not in catalog.ids()
    assert [str(p) for p in catalog.problems()] == [
        FILES["astorp/2022/forsorjningsstod.csv"][1],
        "data/astorp/2022/forsorjningsstod.schema.yaml:1:1: Filen ligger i en undermapp (data/astorp/2022/), och där läser "
        "webbplatsen inga datafiler: en organisations datafiler ligger direkt i dess mapp. Ta bort den; schemat "
        "data/astorp/forsorjningsstod.schema.yaml gäller för datafilen där. [undermapp]"]


def test_a_tab_in_a_schemas_allowed_value_is_said_at_the_schema(tmp_path):
    """Not on every CSV row, which staff cannot fix: at the schema, with the value to write."""
    root = project_with(tmp_path, {"katrineholm/volymer-t1-2019.schema.yaml": HERE / "fel-filer" / "enum-varde-med-tabb.schema.yaml"})
    assert [str(p) for p in Catalog(root, today=TODAY).problems()] == [
        'data/katrineholm/volymer-t1-2019.schema.yaml:23:1: Schemat: fältet "enhet", värdet "personer\\t" i enum har '
        "mellanslag eller tabb först eller sist. En cell läses utan dem, så ingen cell kan ha det värdet. Skriv "
        '"personer". [schema-enum-mellanslag]']
