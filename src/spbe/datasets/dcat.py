"""The open-data catalog as DCAT (W3C Data Catalog Vocabulary) for DCAT harvesters, built with
rdflib and served as JSON-LD, Turtle or RDF/XML. OPEN, published datasets only."""

from django.http import HttpResponse
from django.urls import reverse
from rdflib import RDF, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF

from . import selectors
from .ckan import LICENCE_URLS

FORMATS = {
    "jsonld": ("json-ld", "application/ld+json"),
    "ttl": ("turtle", "text/turtle"),
    "rdf": ("xml", "application/rdf+xml"),
}
MEDIA = {
    "CSV": "text/csv",
    "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "JSON": "application/json",
    "PDF": "application/pdf",
    "GeoJSON": "application/geo+json",
}
FREQ = Namespace("http://purl.org/cld/freq/")
FREQUENCIES = {
    "daily": FREQ.daily,
    "monthly": FREQ.monthly,
    "quarterly": FREQ.quarterly,
    "semiannual": FREQ.semiannual,
    "yearly": FREQ.annual,
    "irregular": FREQ.irregular,
}
CATALOG_LIMIT = 5000


def catalog_graph(request, limit: int = CATALOG_LIMIT, offset: int = 0) -> Graph:
    graph = Graph()
    graph.bind("dcat", DCAT)
    graph.bind("dct", DCTERMS)
    graph.bind("foaf", FOAF)
    base = request.build_absolute_uri("/")
    catalog = URIRef(request.build_absolute_uri(reverse("opendata:dcat", kwargs={"fmt": "ttl"})))
    graph.add((catalog, RDF.type, DCAT.Catalog))
    graph.add((catalog, DCTERMS.title, Literal("Katalog Data Terbuka", lang="id")))
    graph.add((catalog, FOAF.homepage, URIRef(base)))
    names = selectors.agency_names()
    publishers: dict[int, URIRef] = {}
    datasets = selectors.with_details(selectors.open_datasets().order_by("name"))[offset : offset + limit]
    for dataset in datasets:
        node = URIRef(request.build_absolute_uri(reverse("opendata:dataset", kwargs={"uuid": dataset.uuid})))
        graph.add((catalog, DCAT.dataset, node))
        graph.add((node, RDF.type, DCAT.Dataset))
        graph.add((node, DCTERMS.identifier, Literal(str(dataset.uuid))))
        graph.add((node, DCTERMS.title, Literal(dataset.title, lang="id")))
        if dataset.description:
            graph.add((node, DCTERMS.description, Literal(dataset.description, lang="id")))
        graph.add((node, DCTERMS.modified, Literal(dataset.last_updated.isoformat(), datatype=XSD.dateTime)))
        graph.add((node, DCTERMS.issued, Literal(dataset.created.isoformat(), datatype=XSD.dateTime)))
        if dataset.frequency in FREQUENCIES:
            graph.add((node, DCTERMS.accrualPeriodicity, FREQUENCIES[dataset.frequency]))
        if dataset.database_group:
            graph.add((node, DCAT.theme, Literal(dataset.database_group, lang="id")))
        for tag in dataset.tags.all():
            graph.add((node, DCAT.keyword, Literal(tag.name)))
        publisher = publishers.get(dataset.agency_id)
        if publisher is None:
            publisher = URIRef(
                f"{base}open-data/organizations/{names.get(dataset.agency_id, dataset.agency_id)}"
            )
            publishers[dataset.agency_id] = publisher
            graph.add((publisher, RDF.type, FOAF.Organization))
            graph.add((publisher, FOAF.name, Literal(dataset.agency.name)))
        graph.add((node, DCTERMS.publisher, publisher))
        seen = set()
        for resource in dataset.resources.all():
            if resource.name in seen:
                continue
            seen.add(resource.name)
            dist = BNode()
            graph.add((node, DCAT.distribution, dist))
            graph.add((dist, RDF.type, DCAT.Distribution))
            graph.add((dist, DCTERMS.title, Literal(resource.name)))
            graph.add((dist, DCTERMS.format, Literal(resource.format)))
            if resource.format == "API":
                graph.add((dist, DCAT.accessURL, URIRef(resource.url)))
            else:
                url = URIRef(
                    request.build_absolute_uri(
                        reverse("opendata:resource_download", kwargs={"uuid": resource.uuid})
                    )
                )
                graph.add((dist, DCAT.accessURL, url))
                graph.add((dist, DCAT.downloadURL, url))
                graph.add((dist, DCAT.byteSize, Literal(resource.size, datatype=XSD.decimal)))
                if resource.format in MEDIA:
                    graph.add((dist, DCAT.mediaType, Literal(MEDIA[resource.format])))
            if dataset.licence in LICENCE_URLS:
                graph.add((dist, DCTERMS.license, URIRef(LICENCE_URLS[dataset.licence])))
    return graph


def catalog(request, fmt: str):
    if fmt not in FORMATS:
        return HttpResponse(status=404)
    try:
        limit = min(int(request.GET.get("limit", CATALOG_LIMIT)), CATALOG_LIMIT)
        offset = max(int(request.GET.get("offset", 0)), 0)
    except ValueError:
        return HttpResponse(
            "limit/offset: bilangan bulat", status=400, content_type="text/plain; charset=utf-8"
        )
    serializer, media = FORMATS[fmt]
    graph = catalog_graph(request, limit=limit, offset=offset)
    return HttpResponse(graph.serialize(format=serializer), content_type=f"{media}; charset=utf-8")
