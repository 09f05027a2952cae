"""The CKAN API keeps its answers in the process while the open catalog is unchanged
(selectors.kept_answer): a repeated call reads nothing of the catalog, and every kind of write
to it shows in the very next answer."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from spbe.core.choices import Classification
from spbe.datasets.choices import DatasetStage, ResourceFormat
from spbe.datasets.models import Dataset, Resource, Tag

from .conftest import make_dataset

pytestmark = pytest.mark.django_db

SHOW = "/api/3/action/package_show?id=data-jalan"
LIST = "/api/3/action/package_list?limit=50"


@pytest.fixture
def open_dataset(agency_a):
    dataset = make_dataset(
        agency_a, title="Data jalan", name="data-jalan", classification=Classification.OPEN
    )
    dataset.stage = DatasetStage.PUBLISHED
    dataset.save()
    Resource.objects.create(
        dataset=dataset, name="API 1", format=ResourceFormat.API, url="https://data.test/1"
    )
    return dataset


def _result(client, url):
    response = client.get(url)
    body = response.json()
    return response.status_code, body.get("result")


def test_a_repeated_call_reads_nothing_of_the_catalog(client, open_dataset):
    assert _result(client, SHOW)[0] == 200
    with CaptureQueriesContext(connection) as queries:
        status, result = _result(client, SHOW)
    assert status == 200 and result["title"] == "Data jalan"
    assert not [q for q in queries.captured_queries if "datasets_" in q["sql"]]


def test_every_kind_of_write_shows_in_the_next_answer(client, open_dataset, agency_a):
    assert _result(client, SHOW)[1]["title"] == "Data jalan"
    assert _result(client, LIST)[1] == ["data-jalan"]

    open_dataset.title = "Data jalan desa"  # a save
    open_dataset.save()
    assert _result(client, SHOW)[1]["title"] == "Data jalan desa"

    Resource.objects.create(  # a related record created
        dataset=open_dataset, name="API 2", format=ResourceFormat.API, url="https://data.test/2"
    )
    assert _result(client, SHOW)[1]["num_resources"] == 2

    open_dataset.tags.add(Tag.objects.create(name="jalan"))  # a many-to-many change
    assert [t["name"] for t in _result(client, SHOW)[1]["tags"]] == ["jalan"]

    Dataset.objects.filter(pk=open_dataset.pk).update(title="Data jalan kabupaten")  # a bulk update
    assert _result(client, SHOW)[1]["title"] == "Data jalan kabupaten"

    agency_a.short_name = "DPUPR"  # the organisation's name comes from its agency
    agency_a.save()
    assert _result(client, SHOW)[1]["organization"]["name"] == "dpupr"

    Dataset.objects.filter(pk=open_dataset.pk).update(classification=Classification.LIMITED)
    assert _result(client, SHOW)[0] == 404  # no longer open: gone from every answer at once
    assert _result(client, LIST)[1] == []


def test_an_unknown_dataset_is_not_kept_and_appears_once_published(client, agency_a):
    status, _result_body = _result(client, SHOW)
    assert status == 404
    dataset = make_dataset(
        agency_a, title="Data jalan", name="data-jalan", classification=Classification.OPEN
    )
    dataset.stage = DatasetStage.PUBLISHED
    dataset.save()
    assert _result(client, SHOW)[0] == 200
