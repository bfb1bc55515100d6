"""scripts/kolada.py against answers Kolada should never give (adv20 #5–#9, #28, #33, #35, #36,
#49), the list of key figures written wrong (#63–#65, #68) and its command line (#58, #59, #70):
each refused in Swedish, naming Kolada's answer or the staff's line, having written nothing."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .kolada_standin import REPO, TODAY, snapshot
from forked_python import run_python


def fetch(script, project, api):
    waits: list[float] = []
    report = script.run(project, api.url, today=TODAY, pause=waits.append, backoff=0.5)
    return report, waits


def altered(kolada_api, change):
    """The stand-in with every data answer passed through `change(body, target)`."""
    answer = kolada_api.answer

    def changed(target):
        status, headers, body = answer(target)
        if target.startswith("/v3/data/") and status == 200 and isinstance(body, dict):
            body = change(body, target)
        return status, headers, body

    kolada_api.answer = changed


def refused(script, project, kolada_api) -> str:
    before = snapshot(project)
    with pytest.raises(script.KoladaError) as caught:
        fetch(script, project, kolada_api)
    assert snapshot(project) == before
    return str(caught.value)


def test_two_different_values_for_one_figure_are_refused(script, project, kolada_api):
    def duplicate(body, _target):
        row = body["values"][0]
        twin = {**row, "values": [{**v, "value": 77.7} for v in row["values"]]}
        return {**body, "values": [*body["values"], twin]}

    altered(kolada_api, duplicate)
    message = refused(script, project, kolada_api)
    assert message.startswith(f"Koladas svar på {kolada_api.url}/data/kpi/N31807,N31816,N31001/municipality/")
    assert message.endswith(
        " har två olika värden för N31807, 0000 år 2016: 2 och 77.7. Skriptet kan inte veta vilket som gäller. "
        "Kör skriptet igen senare; står felet kvar: kontakta Kolada (RKA). Inget har skrivits. [kolada-motsagelsefullt-svar]")


def test_a_negative_share_is_refused_as_koladas_answer(script, project, kolada_api):
    def negative(body, _target):
        return {**body, "values": [{**r, "values": [{**v, "value": -5} for v in r["values"]]} for r in body["values"]]}

    altered(kolada_api, negative)
    assert refused(script, project, kolada_api) == (
        "Koladas svar har värdet -5 för N31001, Riket år 2016, men ett värde i kr kan inte vara negativt här. Det är "
        "Koladas svar, inte ett fel på webbplatsen: kontrollera siffran på https://www.kolada.se och kör skriptet igen "
        "senare. Inget har skrivits. [kolada-omojligt-varde]")


def test_an_answer_cut_short_by_an_empty_next_url_is_caught(script, project, kolada_api):
    kolada_api.per_page = 40

    def cut(body, target):
        return {**body, "next_url": ""} if "page=2" in target else body

    altered(kolada_api, cut)
    message = refused(script, project, kolada_api)
    assert " är ofullständigt: N31807 för " in message
    assert message.endswith(
        "kom inte med, varken som siffra eller som tom uppgift (null), fast andra kommuner har det året. Svaret kan ha "
        "kortats av (next_url). Kör skriptet igen senare. Inget har skrivits. [kolada-ofullstandigt-svar]")


def test_a_relative_next_url_is_followed_on_the_same_server(script, project, kolada_api):
    kolada_api.per_page = 40

    def relative(body, _target):
        url = body["next_url"]
        return {**body, "next_url": url.removeprefix(kolada_api.url.removesuffix("/v3")) if url else url}

    altered(kolada_api, relative)
    report, _waits = fetch(script, project, kolada_api)
    assert len(report) == 9
    assert any("page=3" in t for t in kolada_api.asked)


def test_an_hour_of_retry_after_is_not_waited_for(script, project, kolada_api):
    kolada_api.fail("/v3/kpi/", 429, {"Retry-After": "3600"})
    message = refused(script, project, kolada_api)
    assert message == (
        f"Kolada svarade med HTTP 429 på {kolada_api.url}/kpi/N31807,N31816,N31001 och bad oss vänta 3600 sekunder "
        "(Retry-After) innan nästa försök. Skriptet väntar högst 60 sekunder. Försök igen senare. Inget har skrivits. "
        "[kolada-ber-oss-vanta]")


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda body, _t: {**body, "values": []}, ""),
        (lambda body, _t: {**body, "values": [{**r, "values": [v for v in r["values"] if v["gender"] != "T"] or
                                                [{"gender": "K", "value": 1.0}]} for r in body["values"]]},
         " (raderna hade bara värden för kvinnor och män, ingen total)"),
    ],
    ids=["inga-rader", "ingen-total"],
)
def test_an_answer_without_figures_is_said_to_be_koladas(script, project, kolada_api, change, why):
    altered(kolada_api, change)
    message = refused(script, project, kolada_api)
    assert message.startswith("Kolada svarade utan en enda siffra för N31807 (Invånare med ekonomiskt bistånd) för Katrineholm "
                              f"och liknande kommuner åren 2016–2025{why}. Det är Koladas svar, inte ett fel på webbplatsen")
    assert "scripts/kolada.py behöver rättas" not in message
    assert message.endswith("[kolada-inga-siffror]")


def test_a_group_without_members_is_said_to_be_koladas(script, project, kolada_api):
    kolada_api.groups = [{**g, "members": []} if g["id"] == "G176002" else g for g in kolada_api.groups]
    assert refused(script, project, kolada_api) == (
        'Koladas grupp "Liknande kommuner ekonomiskt bistånd, Katrineholm, 2023" har inga medlemmar, så det finns inga '
        "liknande kommuner att jämföra Katrineholm med. Det är Koladas svar; kör skriptet igen senare. Inget har "
        "skrivits. [kolada-grupp-utan-medlemmar]")


KPI_LIST = "data/kolada/nyckeltal.yaml"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t + "- id: N31807\n  title: Igen\n  description: Samma igen.\n  unit: \"%\"\n  decimals: 1\n",
         f"{KPI_LIST}:22:1: nyckeltalet N31807 står två gånger, här och på rad 7. Ta bort det ena. [kolada-nyckeltalslista-fel]"),
        (lambda t: t.replace("id: N31816", "id: n31816"),
         f'{KPI_LIST}:12:1: id för nyckeltalet n31816 ska vara Koladas id: en stor bokstav och fem siffror, till exempel '
         'N31807, men är "n31816". [kolada-nyckeltalslista-fel]'),
        (lambda t: t.replace("decimals: 0", "decimals: noll"),
         f'{KPI_LIST}:21:1: decimals för nyckeltalet N31001 ska vara antalet decimaler, ett heltal från 0 till 6, till '
         'exempel 1, men är "noll". [kolada-nyckeltalslista-fel]'),
        (lambda t: "# tom\n",
         f'{KPI_LIST}:1:1: listan är tom. Skriv ett nyckeltal per post, till exempel: - id: N31807, med title, '
         'description, unit ("%", kr, st …) och decimals på egna rader under. [kolada-nyckeltalslista-fel]'),
    ],
    ids=["samma-tva-ganger", "liten-bokstav", "decimaler-i-ord", "tom-fil"],
)
def test_the_list_of_key_figures_is_refused_at_its_line_in_plain_swedish(script, project, edit, message):
    path = project / KPI_LIST
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(script.KoladaError) as caught:
        script.read_indicators(project)
    assert str(caught.value) == message


def command(*args: str) -> subprocess.CompletedProcess:
    return run_python([sys.executable, str(REPO / "scripts" / "kolada.py"), *args], capture_output=True, text=True,
                          timeout=60, check=False, env={"KOLADA_API": "http://127.0.0.1:9/v3", "PATH": "/usr/bin:/bin"})


@pytest.mark.parametrize(
    ("args", "detail"),
    [(("--ar", "abc"), "--ar: ska vara ett heltal från 1 till 50, men är abc."),
     (("--ar", "0"), "--ar: ska vara ett heltal från 1 till 50, men är 0."),
     (("--ar",), "--ar behöver ett värde efter sig."),
     (("--artal", "3"), "okänt argument: --artal 3. Står det ett mellanslag i ett värde? Skriv då värdet inom "
                        'citattecken, till exempel --namn "Ystads kommun".')],
    ids=["ar-text", "ar-noll", "ar-utan-varde", "okant-argument"],
)
def test_a_wrong_argument_is_refused_in_swedish(args, detail):
    result = command(*args)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "Användning: kolada.py [-h] [--root MAPP] [--ar ANTAL]",
        f"kolada.py: {detail} Skriv kolada.py --help för att se vad kommandot tar emot. [kommandorad-fel]",
    ]


def test_the_help_is_in_swedish():
    result = command("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("Användning: kolada.py [-h] [--root MAPP] [--ar ANTAL]\n\nHämta jämförelsetal från Kolada")
    assert "Flaggor:" in result.stdout and "visa den här hjälpen och avsluta" in result.stdout
    assert "usage" not in result.stdout and "show this help" not in result.stdout


def test_a_root_that_does_not_exist_is_refused(tmp_path):
    result = command("--root", str(tmp_path / "finns-inte"))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == (
        f"Mappen {tmp_path}/finns-inte finns inte (eller har ingen undermapp docs). Ange projektets mapp med --root, "
        "eller utelämna --root för det här förrådet. [kolada-mapp-saknas]\n")
