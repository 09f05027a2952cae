"""The CKAN read API costs a constant number of queries whatever the catalog's size: a harvester
paging through thousands of datasets must not trigger one query per dataset, resource or tag."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from spbe.core import versions
from spbe.core.choices import Classification
from spbe.datasets.choices import DatasetStage, ResourceFormat
from spbe.datasets.models import Resource, Tag
from spbe.datasets.selectors import CATALOG_VERSION

from ..factories import AgencyFactory
from .conftest import make_dataset

pytestmark = pytest.mark.django_db


def _grow(government, start: int, count: int) -> str:
    """`count` more OPEN, published datasets, each in another agency with two resources and two tags."""
    name = ""
    for i in range(start, start + count):
        agency = AgencyFactory(government=government)
        dataset = make_dataset(
            agency,
            title=f"Data jalan desa {i}",
            name=f"data-jalan-desa-{i}",
            classification=Classification.OPEN,
            database_group=f"basis data {i % 3}",
        )
        dataset.stage = DatasetStage.PUBLISHED
        dataset.save()
        dataset.tags.add(
            Tag.objects.get_or_create(name="jalan")[0], Tag.objects.get_or_create(name=f"tag-{i}")[0]
        )
        for n in range(2):
            Resource.objects.create(
                dataset=dataset, name=f"API {n}", format=ResourceFormat.API, url=f"https://data.test/{i}/{n}"
            )
        name = dataset.name
    return name


def _count(client, url: str) -> int:
    """Queries of the call computed afresh: what was kept of the catalog is retired first (a
    write does that), so both sizes pay the whole computation."""
    versions.bump(CATALOG_VERSION)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    body = response.json()
    assert body["success"] is True, url
    return len(ctx)


CALLS = [
    "/api/3/action/package_list?limit=50",
    "/api/3/action/package_search?q=jalan&rows=20&facet.field=%5B%22groups%22%2C%22tags%22%2C%22res_format%22%5D",
    "/api/action/package_search?fq=tags:jalan&rows=20&sort=name%20asc",
]


@pytest.mark.parametrize("url", CALLS)
def test_list_and_search_cost_the_same_at_two_sizes(client, agency_a, url):
    government = agency_a.government
    _grow(government, 0, 3)
    small = _count(client, url)
    _grow(government, 3, 12)
    large = _count(client, url)
    assert large == small, f"{url}: {small} queries for 3 datasets, {large} for 15"


def test_package_show_costs_the_same_whatever_the_dataset_holds(client, agency_a):
    government = agency_a.government
    first = _grow(government, 0, 1)
    small = _count(client, f"/api/3/action/package_show?id={first}")
    last = _grow(government, 1, 10)
    dataset = Resource.objects.filter(dataset__name=last).first().dataset
    for n in range(2, 12):
        Resource.objects.create(
            dataset=dataset, name=f"API {n}", format=ResourceFormat.API, url=f"https://data.test/x/{n}"
        )
        dataset.tags.add(Tag.objects.get_or_create(name=f"lain-{n}")[0])
    large = _count(client, f"/api/3/action/package_show?id={last}")
    assert large == small, f"package_show: {small} queries with 2 resources, {large} with 12"
