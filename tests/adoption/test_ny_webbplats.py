"""scripts/ny-webbplats.py: what it refuses (in Swedish, changing nothing), that it edits
mkdocs.yml without losing a comment, that a second run changes nothing, and that it never
reaches outside the repository. The command runs in the session's clone (tests/adoption/conftest.py)."""

from __future__ import annotations

import importlib.util
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml

from macros.pages.site_config import project_config
from scripts.build import publish_refusals

from .kommun import REPO, YSTAD, commit, git

SCRIPT = "scripts/ny-webbplats.py"


def load_script(root: Path):
    """The clone's own command as a module: its ROOT is the clone (so nothing here touches REPO)."""
    saved = list(sys.path)
    spec = importlib.util.spec_from_file_location(f"ny_webbplats_{abs(hash(root))}", root / SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path[:] = saved
    return module


@pytest.fixture
def command(branch, capsys):
    """Run the command in the clone: (exit status, stdout lines, stderr lines)."""
    script = load_script(branch)

    def run(*args: str):
        status = script.main(list(args))
        said = capsys.readouterr()
        return status, said.out.splitlines(), said.err.splitlines()

    return run


def options(**changed: str) -> list[str]:
    values = {**YSTAD, **{f"--{k}": v for k, v in changed.items()}}
    return [item for pair in values.items() for item in pair]


def test_refuses_what_publishing_refuses_all_at_once_and_changes_nothing(branch, command):
    status, out, err = command(*options(namn=" ", adress="http://ystad.github.io/socialrapporter/", epost="socialtjansten.ystad.se",
                                        telefon="ring oss"))
    assert status == 1 and out == []
    assert err == [
        "--namn: Värdet saknas. Skriv webbplatsens namn, till exempel Socialtjänstens uppföljningar – Ystads kommun. [installning-saknas]",
        "--adress: Adressen http://ystad.github.io/socialrapporter/ börjar inte med https://. Webbplatsen ska nås krypterat, och "
        "GitHub Pages använder alltid https. Skriv till exempel https://ystad.github.io/socialrapporter/. [adress-inte-https]",
        "--epost: socialtjansten.ystad.se ser inte ut som en e-postadress. Skriv en adress som läsare kan skriva till, till exempel "
        "socialtjansten@ystad.se. [epost-felaktig]",
        "--telefon: ring oss ser inte ut som ett telefonnummer. Skriv numret med siffror, till exempel 0411-57 70 00. [telefon-felaktig]",
        "Inget ändrades.",
    ]
    assert git(branch, "status", "--porcelain") == ""


@pytest.mark.parametrize("address", ["https://example.invalid/socialrapporter/", "https://rapporter.example.com/", "https://localhost:8000/"])
def test_refuses_an_example_address_with_the_same_words_as_the_publish_build(branch, command, address):
    status, _out, err = command(*options(adress=address))
    assert status == 1 and len(err) == 2
    assert err[0].startswith(f"--adress: Adressen {address} kan inte vara en publik webbplats: ")
    assert err[0].endswith(" [adress-ar-exempel]")
    config = branch / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("https://example.invalid/socialrapporter/", address), encoding="utf-8")
    assert publish_refusals(config)[0].endswith(err[0].removeprefix("--adress"))  # the publish build: the same words


def test_names_each_setting_still_holding_the_templates_example(branch, command):
    status, _out, err = command("--adress", YSTAD["--adress"])
    assert status == 1
    assert [line.split(" saknas, och ")[0] for line in err[:-1]] == ["--utgivare", "--epost", "--telefon"]
    assert err[0] == (
        "--utgivare saknas, och extra.utgivare.namn i mkdocs.yml duger inte: Socialförvaltningen i Exempelkommun är mallens "
        "exempel. Skriv vem som ger ut webbplatsen, till exempel Socialförvaltningen i Ystads kommun. [installning-ar-exempel]"
    )


def test_refuses_uncommitted_changes_unless_told(branch, command):
    (branch / "docs" / "utkast.md").write_text("# Utkast\n", encoding="utf-8")
    status, _out, err = command(*options())
    assert status == 1
    assert err[0] == (
        "Fel: Det finns ändringar som inte är incheckade: docs/utkast.md. Checka in dem först (git add -A och git commit) "
        "eller lägg undan dem (git stash), så att git diff visar just det som kommandot ändrar och git checkout . ångrar det. "
        "Vill du köra ändå: lägg till --trots-andringar. [oincheckade-andringar]"
    )
    status, _out, _err = command(*options(), "--trots-andringar")
    assert status == 0


def test_edits_only_the_values_keeps_every_comment_and_a_second_run_changes_nothing(branch, command):
    before = (branch / "mkdocs.yml").read_text(encoding="utf-8")
    status, out, _err = command(*options(), "--utan-exempel")
    assert status == 0 and out[0] == "Ändrat:"
    after = (branch / "mkdocs.yml").read_text(encoding="utf-8")
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert comments and [line for line in after.splitlines() if line.lstrip().startswith("#")] == comments
    assert "site_url: https://ystad.github.io/socialrapporter/  # set to the Pages address of your fork" in after.splitlines()
    kept = [line for line in before.splitlines() if not any(key in line for key in (
        "site_name:", "site_url:", "copyright:", "namn:", "webbplats:", "epost:", "telefon:", ".md", "kommun:", "Rapporter:",
        "Arbetsmarknadsnämnden:"))]
    assert [line for line in after.splitlines() if line in kept] == kept  # every other line, byte for byte, in order
    config = project_config(branch / "mkdocs.yml")
    assert (config["site_name"], config["site_url"]) == (YSTAD["--namn"], YSTAD["--adress"])
    assert config["publisher"] == {"namn": YSTAD["--utgivare"], "webbplats": YSTAD["--namn"], "epost": YSTAD["--epost"],
                                   "telefon": YSTAD["--telefon"]}
    assert yaml.safe_load(after)["copyright"] == "Utgivare: Socialförvaltningen i Ystads kommun."
    assert not (branch / "docs" / "astorp.md").exists() and not (branch / "data" / "lund").exists()
    assert (branch / "data" / "forfattarguide" / "forsorjningsstod.csv").exists()
    commit(branch, "Ystads webbplats")

    status, out, _err = command(*options(), "--utan-exempel")
    assert status == 0 and out[0] == "Inget behövde ändras: webbplatsen har redan de här uppgifterna."
    assert git(branch, "status", "--porcelain") == ""


def test_refuses_to_remove_examples_a_remaining_page_still_reads(branch, command):
    page = branch / "docs" / "om-statistiken.md"
    page.write_text(page.read_text(encoding="utf-8") + '\nSenast: {{ value("astorp/forsorjningsstod", "hushall") }}\n', encoding="utf-8")
    commit(branch, "En sida läser exempeldata")
    lines = page.read_text(encoding="utf-8").count("\n")
    status, _out, err = command(*options(), "--utan-exempel")
    assert status == 1
    assert err[0] == (
        f"docs/om-statistiken.md:{lines}:19: astorp/forsorjningsstod hör till mallens exempelrapporter, som --utan-exempel tar "
        "bort. Ta bort eller ändra raden först, annars går webbplatsen inte att bygga. [exempel-anvands]"
    )
    assert (branch / "docs" / "astorp.md").exists() and git(branch, "status", "--porcelain") == ""


def test_never_reaches_outside_the_repository(branch, command, tmp_path):
    outside = tmp_path / "annan-mapp"
    outside.mkdir()
    (outside / "viktig.csv").write_text("rör inte\n", encoding="utf-8")
    git(branch, "rm", "-q", "-r", "data/katrineholm")
    (branch / "data" / "katrineholm").symlink_to(outside, target_is_directory=True)
    commit(branch, "En länk ut ur repositoriet")
    status, out, _err = command(*options(), "--utan-exempel")
    assert status == 0, out
    assert not (branch / "data" / "katrineholm").exists() and (outside / "viktig.csv").read_text(encoding="utf-8") == "rör inte\n"


def test_says_to_delete_a_record_of_the_templates_published_editions(branch, command):
    git(branch, "branch", "-q", "publicerat")
    status, out, _err = command(*options())
    assert status == 0
    step = next(line for line in out if "publicerat" in line)
    assert "git branch -D publicerat" in step and "git push origin --delete publicerat" in step
    git(branch, "branch", "-q", "-D", "publicerat")


# ---------------------------------------------------------------- the edit itself, on odd files


@pytest.fixture(scope="module")
def script():
    return load_script(REPO)


def test_values_that_yaml_would_misread_are_quoted_and_read_back_exactly(script):
    text = "site_name: Gammal  # namnet\nextra:\n  utgivare:\n    namn: x\n"
    for value in ("Ystad: socialtjänsten", "#1 i Skåne", "2024", "@ystad", "ja", "Namn med 'citat' och \"citat\""):
        edited = script.set_value(text, "site_name", value)
        assert yaml.safe_load(edited)["site_name"] == value
        assert edited.endswith("  # namnet\nextra:\n  utgivare:\n    namn: x\n")


def test_a_missing_publisher_key_is_added_under_its_siblings(script):
    text = "extra:\n  utgivare:  # vem\n    namn: Ystad\n    epost: a@ystad.se\n  granskad: '2024-01-01'\n"
    edited = script.set_value(text, "extra.utgivare.telefon", "0411-57 70 00")
    assert edited == "extra:\n  utgivare:  # vem\n    namn: Ystad\n    epost: a@ystad.se\n    telefon: 0411-57 70 00\n  granskad: '2024-01-01'\n"


def test_a_nav_written_on_one_line_is_left_for_a_person(script):
    with pytest.raises(script.Refused) as refused:
        script.remove_nav_pages("nav: [{Start: index.md}, {Åstorp: astorp.md}]\n", {"astorp.md"})
    assert refused.value.lines[0].startswith("mkdocs.yml:1: nav är skriven på en rad. Ändra nav för hand")


def test_nav_sections_left_empty_go_and_comments_between_entries_stay(script):
    text = (
        "nav:\n"
        "  - Start: index.md\n"
        "  # rapporterna\n"
        "  - Rapporter:\n"
        "      - Åstorp:\n"
        "          - A: astorp.md  # exempel\n"
        "      # Ystad har egna\n"
        "      - Ystad:\n"
        "          - Y: ystad.md\n"
        "  - Om: om.md\n"
    )
    edited, removed = script.remove_nav_pages(text, {"astorp.md"})
    assert removed == ["Åstorp"]
    assert edited == (
        "nav:\n  - Start: index.md\n  # rapporterna\n  - Rapporter:\n      # Ystad har egna\n      - Ystad:\n"
        "          - Y: ystad.md\n  - Om: om.md\n"
    )


def test_refuses_a_value_with_an_invisible_character(branch, command):
    status, _out, err = command(*options(namn="Socialtjänsten\nYstad"))
    assert status == 1
    assert err == [
        "--namn: Värdet innehåller ett osynligt tecken (radbrytning, U+000A). Skriv det igen utan tecknet. [osynligt-tecken-i-installning]",
        "Inget ändrades.",
    ]


def test_refuses_an_unreadable_mkdocs_yml_with_the_builds_words(branch, command):
    config = branch / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - Start: index.md\n", "\t- Start: index.md\n"), encoding="utf-8")
    commit(branch, "Ett tabbtecken")
    status, _out, err = command(*options())
    assert status == 1 and err[0].startswith("mkdocs.yml:") and err[0].endswith("[mkdocs-yml-gar-inte-att-lasa]")


def test_refuses_markup_in_a_setting_with_the_same_words_as_the_publish_build(branch, command):
    # adv20 #129: a name or publisher with < or > would reach every page's header, footer and statement.
    status, out, err = command(*options(namn="Ystad <script>alert(1)</script>", utgivare="Ystad <img src=x onerror=alert(2)>"))
    assert status == 1 and out == []
    assert err == [
        "--namn: Ystad <script>alert(1)</script> innehåller tecknet <, som i webbsidornas kod kan bli en tagg i stället "
        "för text. Skriv värdet utan < och >, till exempel Socialförvaltningen i Ystads kommun. [installning-har-kod]",
        "--utgivare: Ystad <img src=x onerror=alert(2)> innehåller tecknet <, som i webbsidornas kod kan bli en tagg i "
        "stället för text. Skriv värdet utan < och >, till exempel Socialförvaltningen i Ystads kommun. [installning-har-kod]",
        "Inget ändrades.",
    ]
    assert git(branch, "status", "--porcelain") == ""
    config = branch / "mkdocs.yml"
    command(*options())
    config.write_text(config.read_text(encoding="utf-8").replace("namn: Socialförvaltningen i Ystads kommun",
                                                                 "namn: Ystad <b>fet</b>"), encoding="utf-8")
    assert any(line.endswith(": extra.utgivare.namn: " + err[1].removeprefix("--utgivare: ").replace(
        "Ystad <img src=x onerror=alert(2)>", "Ystad <b>fet</b>")) for line in publish_refusals(config))


def test_the_settings_reach_the_pages_escaped():
    # adv20 #129, the other half: the pages and the footer escape whatever the settings hold.
    assert "{{ config.copyright | e }}" in (REPO / "overrides/partials/copyright.html").read_text(encoding="utf-8")
    for page, settings in (("index.md", ("site_name", "extra.utgivare.namn")),
                           ("tillganglighet.md", ("extra.utgivare.namn", "extra.utgivare.webbplats", "extra.utgivare.telefon"))):
        text = (REPO / "docs" / page).read_text(encoding="utf-8")
        for setting in settings:
            assert f"{{{{ config.{setting} }}}}" not in text and f"{{{{ config.{setting} | e }}}}" in text


def test_a_name_typed_on_a_mac_is_stored_in_nfc_and_an_index_html_address_trimmed(branch, command):
    # adv20 #116 and #121.
    nfd = unicodedata.normalize("NFD", "Östra Göinge – socialtjänstens uppföljningar")
    status, _out, _err = command(*options(namn=nfd, adress="https://ystad.github.io/socialrapporter/index.html"))
    assert status == 0
    config = project_config(branch / "mkdocs.yml")
    assert config["site_name"] == unicodedata.normalize("NFC", nfd) != nfd
    assert config["site_url"] == "https://ystad.github.io/socialrapporter/"


def test_an_unquoted_value_with_a_space_is_explained_in_swedish(branch, command, capsys):
    # adv20 #122: argparse's English replaced by the catalogue's Swedish.
    with pytest.raises(SystemExit) as stopped:
        command(*options(adress="https://ystad.github.io/social"), "rapporter/")
    assert stopped.value.code == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("Användning: ny-webbplats.py [-h] [--namn NAMN]")
    assert err[-1] == (
        "ny-webbplats.py: okänt argument: rapporter/. Står det ett mellanslag i ett värde? Skriv då värdet inom "
        'citattecken, till exempel --namn "Ystads kommun". Skriv ny-webbplats.py --help för att se vad kommandot tar '
        "emot. [kommandorad-fel]")


def test_without_examples_removes_the_example_municipalities_kolada_datasets(branch, command):
    # adv20 #135: a Kolada fetch merged into the template goes with the example reports.
    kolada = branch / "data" / "kolada"
    for path in (REPO / "tests/kolada/projekt/data/kolada").glob("*-n31807.*"):
        (kolada / path.name).write_bytes(path.read_bytes())
    (kolada / "ystad-n31807.csv").write_bytes((kolada / "lund-n31807.csv").read_bytes())
    schema = (kolada / "lund-n31807.schema.yaml").read_text(encoding="utf-8")
    (kolada / "ystad-n31807.schema.yaml").write_text(schema.replace("'1281'", "'1286'"), encoding="utf-8")
    (branch / "docs" / "ystad.md").write_text('---\ntitle: Ystad\nkommunkod: "1286"\n---\n# Ystad\n', encoding="utf-8")
    commit(branch, "Kolada hämtat")
    status, out, _err = command(*options(), "--utan-exempel")
    assert status == 0
    assert sorted(p.name for p in kolada.iterdir()) == ["README.md", "nyckeltal.yaml", "ystad-n31807.csv", "ystad-n31807.schema.yaml"]
    assert "  borttagen: data/kolada/astorp-n31807.csv" in out
