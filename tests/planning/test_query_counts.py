"""Planning's own pages and detail pages make a constant number of queries, whatever the data's size."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from spbe.planning.choices import ArchitectureDomain

from ..factories import AgencyFactory
from .factories import (
    AgencyNeedFactory,
    ArchitectureFactory,
    ArchitectureItemFactory,
    BudgetLineFactory,
    BusinessProcessFactory,
    ReviewFactory,
    RoadmapFactory,
    RoadmapItemFactory,
    ServiceFactory,
    national,
)

# The model lists and their API are covered for every registered model by tests/core/test_model_ui.py;
# these are planning's own pages.
LISTS = [
    "/planning/budget-lines/summary/",
    "/planning/",
    "/planning/references/overview/",
]


def _count(client, url):
    client.get(url)  # warm what each process keeps between requests (core/versions.py): a change of
    # agencies or roles rightly makes the next request read them again
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200, url
    return len(ctx)


def _grow(gov, roadmap, architecture, n):
    for _ in range(n):
        agency = AgencyFactory(government=gov)
        item = RoadmapItemFactory(roadmap=roadmap, agency=agency)
        BudgetLineFactory(agency=agency, roadmap_item=item)
        BudgetLineFactory(agency=agency)
        service = ServiceFactory(agency=agency)
        process = BusinessProcessFactory(agency=agency, reference=national("RAB", "04.01"))
        process.services.add(service)
        ReviewFactory(
            government=gov,
            document="business_process",
            business_process=process,
            agency=agency,
            reasons=["feedback", "duties"],
        )
        AgencyNeedFactory(agency=agency, roadmap_item=item)
        ArchitectureItemFactory(architecture=architecture, agency=agency)
        ArchitectureItemFactory(
            architecture=architecture, domain=ArchitectureDomain.SERVICE, reference=national("RAL", "02.02")
        )


def test_query_count_does_not_grow_with_rows(client_a, gov):
    roadmap = RoadmapFactory(government=gov)
    architecture = ArchitectureFactory(government=gov)
    _grow(gov, roadmap, architecture, 2)
    small = {url: _count(client_a, url) for url in LISTS}
    _grow(gov, roadmap, architecture, 12)
    RoadmapFactory(government=gov, start_year=2030, end_year=2034)
    large = {url: _count(client_a, url) for url in LISTS}
    assert small == large


def test_detail_pages_with_related_tables_are_constant_too(client_a, gov):
    roadmap = RoadmapFactory(government=gov)
    architecture = ArchitectureFactory(government=gov)
    _grow(gov, roadmap, architecture, 2)
    pages = [
        f"/planning/roadmaps/{roadmap.pk}/",
        f"/planning/roadmaps/{roadmap.pk}/matrix/",
        f"/planning/architectures/{architecture.pk}/",
    ]
    for url in pages:
        client_a.get(url)  # warm the per-process caches (content types)
    small = {url: _count(client_a, url) for url in pages}
    _grow(gov, roadmap, architecture, 10)
    assert small == {url: _count(client_a, url) for url in pages}
