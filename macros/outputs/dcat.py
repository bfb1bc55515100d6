"""data/katalog.rdf (and katalog.ttl): every dataset of the site described in DCAT-AP-SE, the
Swedish profile of DCAT-AP that Sveriges dataportal harvests (RDF/XML from one address, daily).

Made with rdflib rather than a template: the graph is built once as triples and serialised as
RDF/XML for the harvester and as Turtle for people, with every IRI and literal escaped by the
library; the tests parse the published files with the same library.

- The catalogue: title and description (mkdocs.yml `site_name`, `site_description`), publisher
  (`extra.utgivare`, the same as the accessibility statement: foaf:name, dcterms:type from ADMS),
  licence (`extra.datalicens`), language, homepage, the EU data-theme taxonomy, the areas the
  reports cover, and its datasets.
- A dataset per data file: title, description, publisher, contact point (vCard), keywords, theme
  (EU data themes SOCI and GOVE), issued and modified (the file's first and last commit), spatial
  coverage (the reports' municipalities by their code, Riket as Sweden), temporal coverage (from
  the data), access rights, landing page (its section of the data page) and the schema it
  conforms to; Kolada's figures also name their source and provenance.
- Distributions: the CSV download (accessURL and downloadURL, EU file-type CSV, size, licence),
  and the data package (datapackage.json, JSON) that describes every file.

Every node has an IRI of its own under the catalogue file (`…/data/katalog.rdf#…`), never a blank
node, so two builds of the same data give the same bytes. The author guide's invented examples
(data/forfattarguide/) are not given to it: `site_files` passes the published datasets only.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import quote

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from ..data.dataset import Dataset
from ..formats import swedish
from ..render import html

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
ADMS_TYPE = "http://purl.org/adms/publishertype/"
EU = "http://publications.europa.eu/resource/authority/"
THEMES = (f"{EU}data-theme/SOCI", f"{EU}data-theme/GOVE")  # population and society; government and public sector
SWEDEN = "http://sws.geonames.org/2661886"  # Riket: Geonames, as DIGG's DCAT-AP-SE examples name Sweden
MUNICIPALITY = "https://api.kolada.se/v3/municipality/{code}"  # a municipality by its official (SCB) code
PACKAGE_SPEC = "https://specs.frictionlessdata.io/data-package/"
FILE = "data/katalog.rdf"
TURTLE = "data/katalog.ttl"
COUNTRY = "0000"


@dataclass
class Facts:
    """What the catalogue says beyond the datasets themselves, gathered by the build."""

    site_url: str  # absolute, ending in "/"
    title: str
    description: str
    publisher: dict  # extra.utgivare: namn, epost, telefon; optional organisationsnummer, typ
    licence: dict  # extra.datalicens: name, title, path
    dates: dict[str, tuple[str, str]] = field(default_factory=dict)  # data/<id>.csv → (first, last commit day)
    places: dict[str, list[str]] = field(default_factory=dict)  # dataset id → municipality codes of its reports
    names: dict[str, str] = field(default_factory=dict)  # municipality code → name, where known
    sizes: dict[str, int] = field(default_factory=dict)  # dataset id → bytes of its published CSV


def iri(text: str) -> URIRef:
    """An absolute IRI as RFC 3987 wants it: spaces and other unsafe characters percent-encoded."""
    return URIRef(quote(text, safe=":/?#[]@!$&'()*+,;=%~"))


def licence_iri(path: str) -> URIRef:
    """Creative Commons licences by the http:// IRIs DCAT-AP-SE lists (the harvester matches on them)."""
    return iri(re.sub(r"^https://creativecommons\.org/", "http://creativecommons.org/", path))


def phone_iri(number: str) -> URIRef | None:
    """`042-12 34 56` → `tel:+4642123456`; None for something that is not a Swedish number."""
    digits = re.sub(r"[\s\-–()]", "", str(number))
    if digits.startswith("+"):
        return URIRef(f"tel:{digits}") if digits[1:].isdigit() else None
    return URIRef(f"tel:+46{digits[1:]}") if digits.startswith("0") and digits.isdigit() and len(digits) >= 7 else None


# ---------------------------------------------------------------- temporal coverage

MONTHS = {name: number for number, name in enumerate(swedish.month_names("wide"), start=1)}
MONTHS.update({name: number for number, name in enumerate(swedish.month_names(), start=1)})
MONTH_SPAN = re.compile(r"\b([a-zåäö]+)(?:\s*[–-]\s*([a-zåäö]+))?\s+(\d{4})\b")
TERTIAL = re.compile(r"\btertial\s+([123])\b(?:\s*\([^)]*\))?\s+(\d{4})")
ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
YEAR = re.compile(r"\b(19\d{2}|20\d{2})\b")
QUARTERS = {"första": 1, "andra": 2, "tredje": 3, "fjärde": 4}
QUARTER = re.compile(r"\b(första|andra|tredje|fjärde) kvartalet ((?:\d{4}(?:,\s*| och )?)+)")


def _month_end(year: int, month: int) -> dt.date:
    return (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)


def coverage(dataset: Dataset) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day the data covers: from its months or years, else read from the
    schema's period in words (`jan–apr 2019`, `tertial 1 2019`, `t.o.m. 2022-08-31`, `helår 2020`)."""
    schema = dataset.schema
    if schema.period_field and dataset.periods:
        first, last = dataset.periods[0], dataset.periods[-1]
        return dt.date(int(first[:4]), int(first[5:7]), 1), _month_end(int(last[:4]), int(last[5:7]))
    key = schema.fields.get(schema.key_field)
    if key is not None and key.type == "year" and len(dataset.frame):
        years = [int(y) for y in dataset.frame[key.name]]
        return dt.date(min(years), 1, 1), dt.date(max(years), 12, 31)
    return period_words(schema.period)


def period_words(text: str) -> tuple[dt.date | None, dt.date | None]:
    """The span a period in words covers: each date, tertial, quarter, month range or year it names."""
    spans: list[tuple[dt.date | None, dt.date]] = []

    def months(year: int, first: int, last: int) -> None:
        spans.append((dt.date(year, first, 1), _month_end(year, last)))

    def taken(pattern: re.Pattern, text: str, found) -> str:
        """`text` with each match `found` understood taken out (kept where it was not understood)."""
        return pattern.sub(lambda m: " " if found(m) is not False else m[0], text)

    text = str(text or "").lower()
    text = taken(ISO_DAY, text, lambda m: spans.append((None, dt.date(*map(int, m.groups())))))
    text = taken(TERTIAL, text, lambda m: months(int(m[2]), (int(m[1]) - 1) * 4 + 1, int(m[1]) * 4))
    text = taken(QUARTER, text, lambda m: [
        months(int(year), (QUARTERS[m[1]] - 1) * 3 + 1, QUARTERS[m[1]] * 3) for year in YEAR.findall(m[0])
    ])

    def month_span(m) -> bool:
        if m[1] not in MONTHS or (m[2] and m[2] not in MONTHS):
            return False
        months(int(m[3]), MONTHS[m[1]], MONTHS[m[2] or m[1]])
        return True

    text = taken(MONTH_SPAN, text, month_span)
    for year in YEAR.findall(text):
        months(int(year), 1, 12)
    starts = [start for start, _end in spans if start is not None]
    ends = [end for _start, end in spans]
    return (min(starts) if starts else None), (max(ends) if ends else None)


# ---------------------------------------------------------------- the graph


def catalogue(datasets: list[Dataset], facts: Facts) -> Graph:
    base = facts.site_url
    here = f"{base}{FILE}#"
    graph = Graph()
    for prefix, space in (("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF), ("vcard", VCARD), ("dcatap", DCATAP), ("skos", SKOS)):
        graph.bind(prefix, space)

    def add(subject, predicate, obj) -> None:
        graph.add((subject, predicate, obj))

    def text(value: str) -> Literal:
        return Literal(value, lang="sv")

    def day(value: str | dt.date) -> Literal:
        return Literal(value if isinstance(value, str) else value.isoformat(), datatype=XSD.date)

    publisher = _publisher(graph, facts, here)
    contact = iri(f"{here}kontakt")
    add(contact, RDF.type, VCARD.Organization)
    add(contact, VCARD.fn, Literal(facts.publisher.get("namn", "")))
    if facts.publisher.get("epost"):
        add(contact, VCARD.hasEmail, iri(f"mailto:{facts.publisher['epost']}"))
    phone = phone_iri(facts.publisher.get("telefon", ""))
    if phone is not None:
        add(contact, VCARD.hasTelephone, iri(f"{here}telefon"))
        add(iri(f"{here}telefon"), VCARD.hasValue, phone)
    add(contact, VCARD.hasURL, iri(base))
    licence = licence_iri(facts.licence.get("path", ""))
    add(licence, RDF.type, DCTERMS.LicenseDocument)

    places = {}

    def place(code: str) -> URIRef:
        if code not in places:
            node = URIRef(SWEDEN) if code == COUNTRY else iri(MUNICIPALITY.format(code=code))
            add(node, RDF.type, DCTERMS.Location)
            if code != COUNTRY:
                add(node, DCTERMS.identifier, Literal(code))
            name = "Sverige" if code == COUNTRY else facts.names.get(code)
            if name:
                add(node, SKOS.prefLabel, text(name))
            places[code] = node
        return places[code]

    catalog = iri(f"{here}katalog")
    add(catalog, RDF.type, DCAT.Catalog)
    add(catalog, DCTERMS.title, text(facts.title))
    add(catalog, DCTERMS.description, text(facts.description or facts.title))
    add(catalog, DCTERMS.publisher, publisher)
    add(catalog, DCTERMS.license, licence)
    add(catalog, DCTERMS.language, URIRef(f"{EU}language/SWE"))
    add(catalog, FOAF.homepage, iri(base))
    add(catalog, DCAT.themeTaxonomy, URIRef(f"{EU}data-theme"))
    issued, modified = [], []
    for dataset in datasets:
        node = _dataset(graph, dataset, facts, here, publisher, contact, licence, place, text, day)
        add(catalog, DCAT.dataset, node)
        first, last = facts.dates.get(f"data/{dataset.id}.csv", ("", ""))
        issued += [first] if first else []
        modified += [last] if last else []
    for code in sorted({c for codes in facts.places.values() for c in codes}):
        add(catalog, DCTERMS.spatial, place(code))
    if issued:
        add(catalog, DCTERMS.issued, day(min(issued)))
    if modified:
        add(catalog, DCTERMS.modified, day(max(modified)))
    return graph


def _publisher(graph: Graph, facts: Facts, here: str) -> URIRef:
    """The publishing organisation: by dataportal's convention (`…/organisation/SE<orgnr>`) when
    mkdocs.yml gives its organisationsnummer, else an IRI of its own in the catalogue."""
    number = re.sub(r"\D", "", str(facts.publisher.get("organisationsnummer", "")))
    node = URIRef(f"http://dataportal.se/organisation/SE{number}") if len(number) == 10 else iri(f"{here}utgivare")
    graph.add((node, RDF.type, FOAF.Agent))
    graph.add((node, RDF.type, FOAF.Organization))
    graph.add((node, FOAF.name, Literal(facts.publisher.get("namn", ""), lang="sv")))
    graph.add((node, DCTERMS.type, URIRef(ADMS_TYPE + str(facts.publisher.get("typ") or "LocalAuthority"))))
    return node


def _dataset(graph, dataset: Dataset, facts: Facts, here: str, publisher, contact, licence, place, text, day) -> URIRef:
    schema = dataset.schema
    anchor = html.slug(dataset.id)  # the id of its section on the data page
    base = facts.site_url
    node = iri(f"{here}{anchor}")
    add = graph.add
    add((node, RDF.type, DCAT.Dataset))
    add((node, DCTERMS.title, text(schema.title)))
    add((node, DCTERMS.description, text(schema.description)))
    add((node, DCTERMS.identifier, Literal(dataset.id)))
    add((node, DCTERMS.publisher, publisher))
    add((node, DCAT.contactPoint, contact))
    add((node, DCAT.landingPage, iri(f"{base}data/#{anchor}")))
    add((node, DCTERMS.accessRights, URIRef(f"{EU}access-right/PUBLIC")))
    add((node, DCTERMS.language, URIRef(f"{EU}language/SWE")))
    for theme in THEMES:
        add((node, DCAT.theme, URIRef(theme)))
    kolada = schema.kolada or {}
    codes = sorted(set(kolada.get("municipalities", {}).values())) if kolada else sorted(set(facts.places.get(dataset.id, [])))
    if not codes:  # read by no page with a kommunkod (a glossary): the site's own municipalities
        codes = sorted({c for found in facts.places.values() for c in found})
    for keyword in _keywords(dataset, [facts.names.get(c, "") for c in codes if c != COUNTRY]):
        add((node, DCAT.keyword, text(keyword)))
    for code in codes:
        add((node, DCTERMS.spatial, place(code)))
    first, last = facts.dates.get(f"data/{dataset.id}.csv", ("", ""))
    if first:
        add((node, DCTERMS.issued, day(first)))
    if last:
        add((node, DCTERMS.modified, day(last)))
    start, end = coverage(dataset)
    if start or end:
        period = iri(f"{here}{anchor}-period")
        add((node, DCTERMS.temporal, period))
        add((period, RDF.type, DCTERMS.PeriodOfTime))
        if start:
            add((period, DCAT.startDate, day(start)))
        if end:
            add((period, DCAT.endDate, day(end)))
    table_schema = iri(f"{base}data/{dataset.id}.schema.yaml")
    add((node, DCTERMS.conformsTo, table_schema))
    add((table_schema, RDF.type, DCTERMS.Standard))
    add((table_schema, DCTERMS.title, text(f"Kolumnerna i {schema.title} (tabellschema, YAML)")))
    rights = None
    if kolada:
        add((node, DCTERMS.source, iri(kolada["url"])))
        provenance = iri(f"{here}{anchor}-ursprung")
        add((node, DCTERMS.provenance, provenance))
        add((provenance, RDF.type, DCTERMS.ProvenanceStatement))
        published = (kolada.get("kpi") or {}).get("publication_date")
        add((provenance, RDFS.label, text(
            f"Hämtat ur Kolada ({kolada['api']}), nyckeltal {kolada['kpi']['id']} ({kolada['kpi']['title']})"
            + (f", publicerat {published}" if published else "") + f", den {kolada['fetched']} med scripts/kolada.py. "
            "Genomsnittet för liknande kommuner på webbplatsen är egen bearbetning av data från Kolada."
        )))
        rights = iri(f"{here}{anchor}-rattigheter")
        add((rights, RDF.type, DCTERMS.RightsStatement))
        add((rights, RDFS.label, text("Källa: Kolada. Uppgifterna får användas fritt, utan avgift och avtal, om källan anges.")))
    csv = _distribution(
        graph, node, iri(f"{here}{anchor}-csv"), text, f"{base}data/{dataset.id}.csv", "CSV", table_schema,
        title=f"{schema.title} (CSV)",
        description="CSV med semikolon mellan kolumnerna och decimalkomma, UTF-8 med BOM: öppnas direkt i Excel. "
        "Två punkter (..) betyder att uppgiften saknas.",
    )
    if dataset.id in facts.sizes:
        add((csv, DCAT.byteSize, Literal(facts.sizes[dataset.id], datatype=XSD.nonNegativeInteger)))
    if last:
        add((csv, DCTERMS.modified, day(last)))
    add((csv, DCTERMS.rights, rights) if rights is not None else (csv, DCTERMS.license, licence))
    package = _distribution(
        graph, node, iri(f"{here}{anchor}-datapaket"), text, f"{base}data/datapackage.json", "JSON",
        URIRef(PACKAGE_SPEC),
        title="Data Package (JSON) med alla dataset",
        description="Frictionless Data Package som beskriver alla webbplatsens dataset, med varje kolumns typ "
        "och enhet och länk till CSV-filen.",
    )
    add((package, DCTERMS.license, licence))
    return node


def _distribution(graph, dataset, node, text, url: str, file_type: str, standard, *, title: str, description: str):
    """One way to download a dataset: a stable file at `url` of an EU file type, conforming to `standard`."""
    for triple in (
        (dataset, DCAT.distribution, node),
        (node, RDF.type, DCAT.Distribution),
        (node, DCTERMS.title, text(title)),
        (node, DCTERMS.description, text(description)),
        (node, DCAT.accessURL, iri(url)),
        (node, DCAT.downloadURL, iri(url)),
        (node, DCTERMS.format, URIRef(f"{EU}file-type/{file_type}")),
        (node, DCTERMS.conformsTo, standard),
        (node, DCATAP.availability, URIRef(f"{DCATAP}availability/stable")),
    ):
        graph.add(triple)
    return node


def _keywords(dataset: Dataset, places: list[str]) -> list[str]:
    """What the data is about, in its own words: what it measures, and where."""
    schema = dataset.schema
    words = [schema.measure] if schema.measure else [f.title for f in dataset.fields.values() if f.numeric and not f.computed][:5]
    if not words:  # no figures (a glossary): its title and its columns say what it is about
        words = [schema.title, *(f.title for f in dataset.fields.values())][:5]
    words += ["Kolada", "liknande kommuner"] if schema.kolada else []
    words += [p for p in places if p]
    return list(dict.fromkeys(w for w in words if w))


def serialised(datasets: list[Dataset], facts: Facts) -> dict[str, bytes]:
    """The catalogue as the site publishes it: RDF/XML for the harvester, Turtle for people.
    The same data gives the same bytes: the triples go, sorted, into rdflib's SimpleMemory store,
    which keeps them in that order (its default store's order changes with Python's hash seed)."""
    graph = catalogue(datasets, facts)
    ordered = Graph(store="SimpleMemory")
    for prefix, space in graph.namespaces():
        ordered.bind(prefix, space, replace=True)
    for triple in sorted(graph):
        ordered.add(triple)
    return {
        FILE: ordered.serialize(format="xml", encoding="utf-8"),
        TURTLE: ordered.serialize(format="turtle", encoding="utf-8"),
    }
