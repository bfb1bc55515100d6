"""The DCAT-AP-SE catalogue (data/katalog.rdf) as Sveriges dataportal harvests it: parsed back
with rdflib from the bytes the site publishes, and held to DCAT-AP-SE's mandatory and
recommended properties (DIGG's DCAT-AP-SE 3.0.1 templates: ../shared/kolada/dcat-ap-se__*).

The small project (tests/katalog/projekt) has a monthly series, a table whose period is in words,
a Kolada dataset (the Kolada tests' stand-in data), the author's guide's invented example, and
report pages that name their municipality; it is a git repository with two commits, so that the
files' first and last commit days are known."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

from macros.outputs.site_files import site_files
from macros.pages.build import Build
from forked_python import run_python

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
# Open namespaces: rdflib's closed ones warn when pytest looks at this module's names.
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
SITE = "https://exempel.test/rapporter/"
CATALOGUE = URIRef(f"{SITE}data/katalog.rdf#katalog")
PUBLICATION = {
    "title": "Uppföljning av ekonomiskt bistånd (test)",
    "url": SITE,
    "description": "Testkatalogens beskrivning.",
    "publisher": {"namn": "Socialförvaltningen i Testkommun", "epost": "social@testkommun.test", "telefon": "042-12 34 56"},
    "licence": {"name": "CC0-1.0", "title": "Creative Commons Zero v1.0 Universal", "path": "https://creativecommons.org/publicdomain/zero/1.0/"},
}
GIT = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid", "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid"}

# DCAT-AP-SE 3.0.1: per class, property → (minimum, maximum) for the mandatory ones, and the recommended ones.
MANDATORY = {
    DCAT.Catalog: {DCTERMS.title: (1, None), DCTERMS.description: (1, None), DCTERMS.publisher: (1, 1), DCTERMS.license: (1, 1), DCAT.dataset: (1, None)},
    DCAT.Dataset: {DCTERMS.title: (1, None), DCTERMS.description: (1, None), DCTERMS.publisher: (1, 1)},
    DCAT.Distribution: {DCAT.accessURL: (1, 1), DCTERMS["format"]: (1, 1)},
}
RECOMMENDED = {
    DCAT.Catalog: [DCTERMS.issued, DCTERMS.modified, DCTERMS.language, FOAF.homepage, DCTERMS.spatial, DCAT.themeTaxonomy],
    DCAT.Dataset: [DCAT.contactPoint, DCAT.keyword, DCAT.theme, DCTERMS.issued, DCTERMS.spatial, DCTERMS.temporal, DCTERMS.accessRights, DCTERMS.conformsTo],
    DCAT.Distribution: [DCTERMS.description, DCATAP.availability],
}


def git(root: Path, *args: str, date: str) -> None:
    env = {**os.environ, **GIT, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=root, check=True, env=env, capture_output=True)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("katalog") / "projekt"
    shutil.copytree(HERE / "projekt", root)
    kolada = REPO / "tests" / "kolada" / "projekt" / "data" / "kolada"
    (root / "data" / "kolada").mkdir()
    for name in ("astorp-n31807.csv", "astorp-n31807.schema.yaml"):
        shutil.copy(kolada / name, root / "data" / "kolada" / name)
    (root / "data" / "forfattarguide").mkdir()
    for name in ("jamforelse.csv", "jamforelse.schema.yaml"):
        shutil.copy(REPO / "data" / "forfattarguide" / name, root / "data" / "forfattarguide" / name)
    git(root, "init", "--quiet", "-b", "main", date="2024-01-15T10:00:00+01:00")
    git(root, "add", "-A", date="2024-01-15T10:00:00+01:00")
    git(root, "commit", "--quiet", "-m", "Första", date="2024-01-15T10:00:00+01:00")
    with (root / "data" / "astorp" / "forsorjningsstod.csv").open("a", encoding="utf-8") as out:
        out.write("2022-09;250;180;1 612;;\n")
    git(root, "commit", "--quiet", "-am", "September", date="2024-03-01T10:00:00+01:00")
    return root


@pytest.fixture(scope="module")
def published(project) -> dict[str, bytes]:
    build = Build(project, publication=PUBLICATION, today=__import__("datetime").date(2024, 3, 2))
    return site_files(build.catalog, build.publication, build.catalogue_facts())


@pytest.fixture(scope="module")
def graph(published) -> Graph:
    graph = Graph()
    graph.parse(data=published["data/katalog.rdf"], format="xml")  # what the harvester reads
    return graph


def of_class(graph: Graph, kind) -> list:
    return sorted(graph.subjects(RDF.type, kind))


def test_lists_every_data_file_and_only_real_data(graph, project, published):
    datasets = of_class(graph, DCAT.Dataset)
    assert set(graph.objects(CATALOGUE, DCAT.dataset)) == set(datasets)
    ids = {str(graph.value(d, DCTERMS.identifier)) for d in datasets}
    assert ids == {"astorp/forsorjningsstod", "lund/hushall-kvartal-2", "lund/begrepp", "kolada/astorp-n31807"}  # not the invented example
    for dataset in datasets:
        identifier = str(graph.value(dataset, DCTERMS.identifier))
        csv = [d for d in graph.objects(dataset, DCAT.distribution) if graph.value(d, DCTERMS["format"]) == URIRef("http://publications.europa.eu/resource/authority/file-type/CSV")]
        assert len(csv) == 1
        url = f"{SITE}data/{identifier}.csv"
        assert graph.value(csv[0], DCAT.downloadURL) == URIRef(url) == graph.value(csv[0], DCAT.accessURL)
        assert int(graph.value(csv[0], DCAT.byteSize)) == len(published[f"data/{identifier}.csv"])  # the file the site serves
        package = [d for d in graph.objects(dataset, DCAT.distribution) if d != csv[0]]
        assert [graph.value(p, DCAT.accessURL) for p in package] == [URIRef(f"{SITE}data/datapackage.json")]
        assert graph.value(dataset, DCTERMS.conformsTo) == URIRef(f"{SITE}data/{identifier}.schema.yaml")
        assert graph.value(dataset, DCAT.landingPage) == URIRef(f"{SITE}data/#{identifier.replace('/', '-')}")


@pytest.mark.parametrize("kind", list(MANDATORY), ids=lambda k: k.split("#")[-1])
def test_every_mandatory_and_recommended_property_is_there(graph, kind):
    subjects = of_class(graph, kind)
    assert subjects, f"no {kind}"
    missing = []
    for subject in subjects:
        for prop, (low, high) in MANDATORY[kind].items():
            count = len(list(graph.objects(subject, prop)))
            if count < low or (high is not None and count > high):
                missing.append(f"{subject} {prop}: {count}")
        for prop in RECOMMENDED[kind]:
            if graph.value(subject, prop) is None:
                missing.append(f"{subject} {prop} (rekommenderad)")
        if kind == DCAT.Distribution and graph.value(subject, DCTERMS.license) is None:
            assert graph.value(subject, DCTERMS.rights) is not None, subject  # Kolada's terms instead of a licence
    assert not missing, "\n".join(missing)


def test_publisher_and_contact_come_from_the_sites_settings(graph):
    publisher = graph.value(CATALOGUE, DCTERMS.publisher)
    assert (publisher, RDF.type, FOAF.Agent) in graph
    assert graph.value(publisher, FOAF.name) == Literal("Socialförvaltningen i Testkommun", lang="sv")
    assert graph.value(publisher, DCTERMS.type) == URIRef("http://purl.org/adms/publishertype/LocalAuthority")
    contact = graph.value(URIRef(f"{SITE}data/katalog.rdf#astorp-forsorjningsstod"), DCAT.contactPoint)
    assert (contact, RDF.type, VCARD.Organization) in graph
    assert graph.value(contact, VCARD.hasEmail) == URIRef("mailto:social@testkommun.test")
    assert graph.value(graph.value(contact, VCARD.hasTelephone), VCARD.hasValue) == URIRef("tel:+4642123456")
    assert graph.value(CATALOGUE, DCTERMS.license) == URIRef("http://creativecommons.org/publicdomain/zero/1.0/")


def test_dates_places_and_periods_come_from_the_data_its_history_and_its_pages(graph):
    def dataset(name):
        return URIRef(f"{SITE}data/katalog.rdf#{name}")

    def period(name):
        node = graph.value(dataset(name), DCTERMS.temporal)
        return graph.value(node, DCAT.startDate), graph.value(node, DCAT.endDate)

    monthly = dataset("astorp-forsorjningsstod")
    assert graph.value(monthly, DCTERMS.issued) == Literal("2024-01-15", datatype=XSD.date)
    assert graph.value(monthly, DCTERMS.modified) == Literal("2024-03-01", datatype=XSD.date)
    assert period("astorp-forsorjningsstod") == (Literal("2021-01-01", datatype=XSD.date), Literal("2022-09-30", datatype=XSD.date))
    assert period("lund-hushall-kvartal-2") == (Literal("2021-04-01", datatype=XSD.date), Literal("2022-06-30", datatype=XSD.date))
    assert period("kolada-astorp-n31807") == (Literal("2016-01-01", datatype=XSD.date), Literal("2025-12-31", datatype=XSD.date))
    astorp = URIRef("https://api.kolada.se/v3/municipality/1277")
    assert list(graph.objects(monthly, DCTERMS.spatial)) == [astorp]  # the page that uses it names its municipality
    assert list(graph.objects(dataset("lund-hushall-kvartal-2"), DCTERMS.spatial)) == [URIRef("https://api.kolada.se/v3/municipality/1281")]
    kolada = set(graph.objects(dataset("kolada-astorp-n31807"), DCTERMS.spatial))
    assert len(kolada) == 9 and URIRef("http://sws.geonames.org/2661886") in kolada  # Åstorp, its seven peers, Sweden
    assert graph.value(astorp, SKOS.prefLabel) == Literal("Åstorp", lang="sv")
    assert (astorp, RDF.type, DCTERMS.Location) in graph
    assert set(graph.objects(CATALOGUE, DCTERMS.spatial)) == {astorp, URIRef("https://api.kolada.se/v3/municipality/1281")}
    themes = set(graph.objects(monthly, DCAT.theme))
    assert themes == {URIRef("http://publications.europa.eu/resource/authority/data-theme/SOCI"), URIRef("http://publications.europa.eu/resource/authority/data-theme/GOVE")}


def test_kolada_data_is_credited_to_kolada_with_its_terms(graph):
    node = URIRef(f"{SITE}data/katalog.rdf#kolada-astorp-n31807")
    assert str(graph.value(node, DCTERMS.source)).startswith("https://kolada.test.invalid/v3/data/kpi/N31807/municipality/1277,")
    provenance = str(graph.value(graph.value(node, DCTERMS.provenance), RDFS.label))
    assert provenance.startswith("Hämtat ur Kolada (https://kolada.test.invalid/v3), nyckeltal N31807 (")
    assert "egen bearbetning av data från Kolada" in provenance
    csv = URIRef(f"{SITE}data/katalog.rdf#kolada-astorp-n31807-csv")
    assert graph.value(csv, DCTERMS.license) is None  # not ours to license
    assert str(graph.value(graph.value(csv, DCTERMS.rights), RDFS.label)).startswith("Källa: Kolada.")
    assert Literal("Kolada", lang="sv") in set(graph.objects(node, DCAT.keyword))


def test_every_address_is_absolute_and_the_turtle_says_the_same(graph, published):
    for triple in graph:
        for node in triple:
            if isinstance(node, URIRef):
                assert str(node).startswith(("https://", "http://", "mailto:", "tel:")), node
    turtle = Graph().parse(data=published["data/katalog.ttl"], format="turtle")
    assert set(turtle) == set(graph)


def test_the_same_data_gives_the_same_bytes_whatever_the_hash_seed(project, published):
    script = (
        "import datetime, sys; sys.path.insert(0, sys.argv[1]);"
        "from macros.pages.build import Build; from macros.outputs.site_files import site_files;"
        f"b = Build(sys.argv[2], publication={PUBLICATION!r}, today=datetime.date(2024, 3, 2));"
        "sys.stdout.buffer.write(site_files(b.catalog, b.publication, b.catalogue_facts())['data/katalog.rdf'])"
    )
    result = run_python(
        [sys.executable, "-c", script, str(REPO), str(project)], capture_output=True, check=True, timeout=120,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
    )
    assert result.stdout == published["data/katalog.rdf"]


def test_a_site_without_its_address_publishes_no_catalogue(project):
    build = Build(project, publication={**PUBLICATION, "url": ""})
    assert build.catalogue_facts() is None
    assert "data/katalog.rdf" not in site_files(build.catalog, build.publication, build.catalogue_facts())


def test_the_organisation_number_names_the_publisher_as_dataportal_does(project):
    build = Build(project, publication={**PUBLICATION, "publisher": {**PUBLICATION["publisher"], "organisationsnummer": "212000-1124"}})
    graph = Graph().parse(data=site_files(build.catalog, build.publication, build.catalogue_facts())["data/katalog.rdf"], format="xml")
    assert graph.value(CATALOGUE, DCTERMS.publisher) == URIRef("http://dataportal.se/organisation/SE2120001124")


def test_a_dataset_without_figures_or_a_page_still_has_keywords_and_places(graph):
    # adv20 #115: a glossary (lund/begrepp, no measures, read by no page with kommunkod).
    glossary = URIRef(f"{SITE}data/katalog.rdf#lund-begrepp")
    assert {str(k) for k in graph.objects(glossary, DCAT.keyword)} >= {"Begrepp i arbetsmarknadsnämndens månadsrapport", "Mått"}
    assert set(graph.objects(glossary, DCTERMS.spatial)) == {URIRef("https://api.kolada.se/v3/municipality/1277"),
                                                              URIRef("https://api.kolada.se/v3/municipality/1281")}


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: re.sub(r"description: >-\n(  .*\n)+", 'description: "   "\n', t), None),
        (lambda t: t.replace("period: november 2023", "period: 2024"),
         'data/lund/begrepp.schema.yaml:12:1: Schemat: nyckeln period ska vara en text, men är 2024. Skriv den inom '
         'citattecken: period: "2024". [schema-fel-typ]'),
    ],
    ids=["beskrivning-bara-mellanslag", "period-som-tal"],
)
def test_a_blank_description_and_a_number_for_a_text_are_refused(project, tmp_path, edit, message):
    # adv20 #113 (a description of spaces would be published blank) and #114 (the fix said).
    from macros.data.catalog import Catalog

    root = tmp_path / "projekt"
    shutil.copytree(project / "data" / "lund", root / "data" / "lund")
    schema = root / "data" / "lund" / "begrepp.schema.yaml"
    schema.write_text(edit(schema.read_text(encoding="utf-8")), encoding="utf-8")
    said = [str(p) for p in Catalog(root).read("lund/begrepp").problems]
    if message is None:
        assert said == ["data/lund/begrepp.schema.yaml:5:1: Schemat: nyckeln description får inte vara tom. [schema-tom]"]
    else:
        assert said == [message]
