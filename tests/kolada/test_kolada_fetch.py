"""scripts/kolada.py against a stand-in for Kolada's API: what it asks, what it writes, and
that it refuses, in Swedish and having written nothing, whatever goes wrong."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest
import yaml
from .kolada_standin import REPO, TODAY, constructed_value, ids_in, page, snapshot

from macros.data.catalog import Catalog
from macros.outputs.downloads import cell
from forked_python import run_python

KPIS = ("n31807", "n31816", "n31001")


def fetch(script, project, api, **kwargs):
    """One run, with waits recorded instead of taken."""
    waits: list[float] = []
    report = script.run(project, api.url if hasattr(api, "url") else api, today=TODAY, pause=waits.append, backoff=0.5, **kwargs)
    return report, waits


def test_writes_one_dataset_per_municipality_and_key_figure(script, project, kolada_api):
    report, _waits = fetch(script, project, kolada_api)
    ids = {dataset_id for dataset_id, _kind in report}
    assert ids == {f"kolada/{home}-{kpi}" for home in ("astorp", "katrineholm", "lund") for kpi in KPIS}
    assert {kind for _id, kind in report} == {"ny"}
    csv = (project / "data/kolada/astorp-n31807.csv").read_text(encoding="utf-8").splitlines()
    # Åstorp first, its seven similar municipalities in Swedish alphabetical order, Riket last; a row per year.
    assert csv[0] == "ar;astorp;burlov;fagersta;katrineholm;landskrona;lessebo;sigtuna;ostra_goinge;riket"
    assert [line.split(";")[0] for line in csv[1:]] == [str(y) for y in range(2016, 2026)]
    expected_2016 = [constructed_value("N31807", c, 2016) for c in ("1277", "1231", "1982", "0483", "1282", "0761", "0191", "1256", "0000")]
    assert csv[1] == "2016;" + ";".join(cell(v) for v in expected_2016)
    assert csv[1].startswith("2016;3,2;3,2;2,4;2;")  # full precision, decimal comma, as staff files are written
    # 2025: only Riket has a figure; the others are missing, never 0.
    assert csv[-1] == "2025;" + ";".join([".."] * 8) + ";" + cell(constructed_value("N31807", "0000", 2025))


def test_the_schema_records_where_the_figures_come_from(script, project, kolada_api):
    fetch(script, project, kolada_api)
    schema = yaml.safe_load((project / "data/kolada/astorp-n31816.schema.yaml").read_text(encoding="utf-8"))
    kolada = schema["kolada"]
    assert kolada["api"] == kolada_api.url
    assert kolada["fetched"] == "2026-03-02"
    assert kolada["kpi"] == {
        "id": "N31816",
        "title": "Vuxna biståndsmottagare (18+ år) med långvarigt ekonomiskt bistånd, andel (%) av befolkningen",
        "publication_date": "2026-06-17",
    }
    assert kolada["group"] == {"id": "G176177", "title": "Liknande kommuner ekonomiskt bistånd, Åstorp, 2023"}
    assert kolada["municipalities"]["astorp"] == "1277" and kolada["municipalities"]["riket"] == "0000"
    assert kolada["url"].startswith(f"{kolada_api.url}/data/kpi/N31816/municipality/1277,")
    assert schema["source"] == "Kolada"
    roles = {f["name"]: f.get("role") for f in schema["fields"]}
    assert roles["astorp"] == "home" and roles["riket"] == "country" and roles["sigtuna"] == "peer"
    assert list(roles.values()).count("peer") == 7


def test_the_written_datasets_pass_the_sites_own_checks(script, project, kolada_api):
    fetch(script, project, kolada_api)
    catalog = Catalog(project)
    for dataset_id in catalog.ids():
        assert catalog.read(dataset_id).problems == [], dataset_id
    dataset = catalog.load("kolada/astorp-n31816")
    lessebo = dataset.frame["lessebo"]
    assert lessebo.isna().all()  # Kolada's null stays missing, it is not read as 0
    # The total (T) is the figure, not the first gender listed.
    assert dataset.value("astorp", "2016") == constructed_value("N31816", "1277", 2016)


def test_follows_next_url_to_the_last_page(script, project, kolada_api):
    kolada_api.per_page = 7
    fetch(script, project, kolada_api)
    data_pages = [t for t in kolada_api.asked if t.startswith("/v3/data/")]
    assert any("page=2" in t for t in data_pages) and any("page=5" in t for t in data_pages)
    csv = (project / "data/kolada/lund-n31001.csv").read_text(encoding="utf-8").splitlines()
    assert len(csv) == 1 + 10  # every year, though the answer came seven rows at a time
    assert ".." not in csv[1]


def test_asks_for_at_most_25_ids_in_a_path_segment(script, project, kolada_api):
    # Four municipalities with their groups and Riket are 30 ids: Kolada answers 422 to that.
    (project / "docs" / "ale.md").write_text(page("1440", "Ale"), encoding="utf-8")
    report, _ = fetch(script, project, kolada_api)
    assert "kolada/ale-n31807" in {i for i, _k in report}
    data = [t for t in kolada_api.asked if t.startswith("/v3/data/")]
    sizes = [len(ids_in(t, "municipality")) for t in data]
    assert max(sizes) <= 25 and sum(sizes) == 30 and len(data) == 2


def test_chooses_the_newest_group_of_the_ekonomiskt_bistand_family(script, project, kolada_api):
    # The stand-in also has Åstorp in a newer group of another family and an older group of this one.
    kolada_api.members_in_listing = True
    fetch(script, project, kolada_api)
    schema = yaml.safe_load((project / "data/kolada/astorp-n31807.schema.yaml").read_text(encoding="utf-8"))
    assert schema["kolada"]["group"]["id"] == "G176177"
    assert "bjuv" not in schema["kolada"]["municipalities"]
    lund = yaml.safe_load((project / "data/kolada/lund-n31807.schema.yaml").read_text(encoding="utf-8"))
    assert lund["kolada"]["group"]["title"] == "Liknande kommuner ekonomiskt bistånd, Lund, 2023"


def test_retries_429_and_500_honouring_retry_after(script, project, kolada_api):
    kolada_api.fail("/v3/data/", 429, {"Retry-After": "7"})
    kolada_api.fail("/v3/data/", 500)
    kolada_api.fail("/v3/kpi/", 503)
    report, waits = fetch(script, project, kolada_api)
    assert len(report) == 9
    assert 7 in waits  # the server's Retry-After, honoured
    assert sum(t.startswith("/v3/data/") for t in kolada_api.asked) == 3  # two refusals, then the answer


def test_gives_up_on_a_lasting_server_error_with_a_swedish_message(script, project, kolada_api):
    before = snapshot(project)
    for _ in range(10):
        kolada_api.fail("/v3/kpi/", 500)
    with pytest.raises(script.KoladaError) as caught:
        fetch(script, project, kolada_api)
    message = str(caught.value)
    assert message.startswith(f"Kolada svarade med HTTP 500 på {kolada_api.url}/kpi/N31807,N31816,N31001 efter 6 försök.")
    assert message.endswith("Inget har skrivits. [kolada-svarar-med-fel]")
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("broken", "detail"),
    [
        ({"values": "inga"}, "values är \"inga\", men ska vara av typen array"),
        ({"results": []}, "svaret är {\"results\": []}, men nyckeln 'values' saknas"),
        ({"values": [{"kpi": "N31807", "municipality": "1277", "period": 2016, "values": [{"gender": "T", "value": "3,4"}]}], "next_url": None},
         'values[0].values[0].value är "3,4", men ska vara av typen [\'number\', \'null\']'),
        (b"<html>Kolada</html>", "svaret är inte JSON i UTF-8"),
    ],
    ids=["values-ar-text", "values-saknas", "varde-som-text", "html"],
)
def test_refuses_an_unexpected_shape_and_writes_nothing(script, project, kolada_api, broken, detail):
    fetch(script, project, kolada_api)
    before = snapshot(project)
    kolada_api.broken["/v3/data/"] = broken
    with pytest.raises(script.KoladaError) as caught:
        fetch(script, project, kolada_api, years=10)
    message = str(caught.value)
    assert f"med ett oväntat format: {detail}." in message
    assert message.endswith("[kolada-ovantat-svar]")
    assert snapshot(project) == before


def test_says_so_in_swedish_when_kolada_cannot_be_reached(script, project):
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    before = snapshot(project)
    with pytest.raises(script.KoladaError) as caught:
        fetch(script, project, f"http://127.0.0.1:{port}/v3")
    assert str(caught.value) == (
        f"Kolada går inte att nå (http://127.0.0.1:{port}/v3/municipality/0483,1277,1281,0000): ingen anslutning "
        "(ConnectionRefusedError). Kontrollera nätverksanslutningen (eller KOLADA_API) och kör skriptet igen. "
        "Inget har skrivits. [kolada-nas-inte]"
    )
    assert snapshot(project) == before


def test_a_failure_while_writing_leaves_every_file_as_it_was(script, project, kolada_api, monkeypatch):
    fetch(script, project, kolada_api)
    before = snapshot(project)
    kolada_api.kpis[0] = {**kolada_api.kpis[0], "publication_date": "2026-12-01"}  # every N31807 schema changes
    written = []
    real = script.tempfile.mkstemp

    def disk_full(*args, **kwargs):
        if len(written) == 2:
            raise OSError(28, "No space left on device")
        written.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(script.tempfile, "mkstemp", disk_full)
    with pytest.raises(OSError):
        fetch(script, project, kolada_api)
    assert snapshot(project) == before  # nothing renamed into place, no temporary file left


def test_an_unchanged_fetch_leaves_the_files_and_their_date(script, project, kolada_api):
    fetch(script, project, kolada_api)
    before = snapshot(project)
    waits: list[float] = []
    report = script.run(project, kolada_api.url, today=TODAY.replace(month=4), pause=waits.append, backoff=0)
    assert {kind for _id, kind in report} == {"oförändrad"}
    assert snapshot(project) == before


def test_a_revised_figure_and_a_new_group_are_changes(script, project, kolada_api):
    fetch(script, project, kolada_api)
    kolada_api.groups = [g for g in kolada_api.groups if g["id"] != "G176002"] + [
        {"id": "G180000", "title": "Liknande kommuner ekonomiskt bistånd, Katrineholm, 2025",
         "members": [{"member_id": "0191", "member_title": "Sigtuna"}, {"member_id": "1231", "member_title": "Burlöv"}]},
    ]
    report = dict(fetch(script, project, kolada_api)[0])
    assert report["kolada/katrineholm-n31807"] == "ändrad" and report["kolada/astorp-n31807"] == "oförändrad"
    header = (project / "data/kolada/katrineholm-n31807.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "ar;katrineholm;burlov;sigtuna;riket"


def test_removes_the_datasets_of_a_municipality_no_page_names(script, project, kolada_api):
    fetch(script, project, kolada_api)
    (project / "docs" / "lund.md").write_text("# Lund\n", encoding="utf-8")
    report = dict(fetch(script, project, kolada_api)[0])
    assert report["kolada/lund-n31807"] == "borttagen"
    assert not list((project / "data/kolada").glob("lund-*"))


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("kommunkod: 0123", 'docs/fel.md:2:1: kommunkod: 0123 utan citattecken läses som talet 83 (en nolla först gör det till ett oktalt tal). Skriv koden inom citattecken: kommunkod: "0123". [kommunkod-utan-citattecken]'),
        ('kommunkod: "127"', 'docs/fel.md:2:1: kommunkod ska vara kommunens kod med fyra siffror inom citattecken, till exempel kommunkod: "0483" för Katrineholm, men är "127". [kommunkod-fel]'),
        ('kommunkod: "0000"', 'docs/fel.md:2:1: kommunkod "0000" är Koladas kod för riket, inte för en kommun. Skriv kommunens egen kod, till exempel kommunkod: "1277" för Åstorp; riket kommer med i jämförelsen ändå. [kommunkod-riket]'),
        ('kommunkod: "9999"', 'docs/fel.md: kommunkod "9999" finns inte i Kolada. Skriv kommunens fyrsiffriga kod från SCB inom citattecken, till exempel kommunkod: "1277" för Åstorp. [kolada-okand-kommunkod]'),
    ],
    ids=["otecknad-nolla", "tre-siffror", "riket", "okand-kod"],
)
def test_a_wrong_municipality_code_is_named_with_its_page(script, project, kolada_api, front, message):
    (project / "docs" / "fel.md").write_text(f"---\n{front}\n---\n# Fel\n", encoding="utf-8")
    with pytest.raises(script.KoladaError) as caught:
        fetch(script, project, kolada_api)
    assert str(caught.value) == message


def test_the_command_prints_the_message_with_its_code_and_fails(project, kolada_api):
    kolada_api.broken["/v3/municipality/"] = {"values": [{"id": "1277"}]}
    result = run_python(
        [sys.executable, str(REPO / "scripts" / "kolada.py"), "--root", str(project)],
        capture_output=True, text=True, timeout=120, check=False,
        env={"KOLADA_API": kolada_api.url, "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert result.stderr == (
        f"Kolada svarade på {kolada_api.url}/municipality/0483,1277,1281,0000 med ett oväntat format: "
        "values[0] är {\"id\": \"1277\"}, men nyckeln 'title' saknas. Kolada kan ha ändrat sitt API (se https://api.kolada.se/v3/docs), "
        "och då behöver scripts/kolada.py rättas. Inget har skrivits. [kolada-ovantat-svar]\n"
    )
