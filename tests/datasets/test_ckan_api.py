"""The open-data API driven by the real `ckanapi` client (RemoteCKAN against a live server), and
every entry point that could leak a LIMITED or CLOSED dataset."""

import pytest
from ckanapi import NotFound, RemoteCKAN

from spbe.datasets.models import Tag

from .conftest import classify, published

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def catalog(agency_a, editor_a, steward_a):
    roads = published(
        agency_a, editor_a, steward_a, title="Panjang jalan desa", database_group="basis data prasarana"
    )
    roads.tags.add(Tag.objects.create(name="jalan"))
    published(
        agency_a, editor_a, steward_a, title="Jumlah sekolah dasar", description="Sekolah per kecamatan."
    )
    limited = published(
        agency_a, editor_a, steward_a, classification="limited", title="Gaji pegawai Rahasia-Terbatas"
    )
    closed = published(
        agency_a, editor_a, steward_a, classification="open", title="Data korban Rahasia-Tertutup"
    )
    classify(closed, steward_a, "closed")
    return {"roads": roads, "limited": limited, "closed": closed}


def test_ckanapi_lists_shows_and_searches(live_server, catalog, agency_a):
    ckan = RemoteCKAN(live_server.url, user_agent="spbe-test")
    names = ckan.action.package_list()
    assert names == sorted([catalog["roads"].name, "jumlah-sekolah-dasar"])
    package = ckan.action.package_show(id=catalog["roads"].name)
    assert package["title"] == "Panjang jalan desa" and package["organization"]["title"] == agency_a.name
    assert package["resources"][0]["format"] == "CSV" and package["resources"][0]["hash"].startswith(
        "sha256:"
    )
    assert [t["name"] for t in package["tags"]] == ["jalan"]
    assert package["groups"][0]["title"] == "basis data prasarana"
    assert ckan.action.package_show(id=str(catalog["roads"].uuid))["name"] == catalog["roads"].name
    found = ckan.action.package_search(
        q="jalan", rows=20, **{"facet.field": '["groups","res_format","tags"]'}
    )
    assert found["count"] == 1 and found["results"][0]["name"] == catalog["roads"].name
    assert found["facets"]["res_format"] == {"CSV": 1}
    assert found["search_facets"]["tags"]["items"][0]["name"] == "jalan"
    by_group = ckan.action.package_search(fq='groups:"basis-data-prasarana"')
    assert by_group["count"] == 1
    paged = ckan.action.package_search(rows=1, start=1, sort="name asc")
    assert paged["count"] == 2 and paged["results"][0]["name"] == catalog["roads"].name
    assert ckan.action.organization_list() == ["da"]
    assert ckan.action.organization_show(id="da")["package_count"] == 2
    assert ckan.action.group_list() == ["basis-data-prasarana"]
    assert ckan.action.tag_list() == ["jalan"]
    assert ckan.action.status_show()["ckan_version"]
    with pytest.raises(NotFound):
        ckan.action.package_show(id=catalog["limited"].name)


def test_versioned_path_answers_the_same(client, catalog):
    one = client.get("/api/3/action/package_list").json()
    two = client.get("/api/action/package_list").json()
    assert one["success"] and one["result"] == two["result"]
    bad = client.get("/api/3/action/package_search?rows=abc")
    assert bad.status_code == 409 and bad.json()["success"] is False


def test_limited_and_closed_appear_in_no_public_entry_point(client, catalog):
    """Every public entry point: portal pages, downloads, CKAN actions, DCAT in three syntaxes."""
    urls = [
        "/open-data/",
        "/open-data/?q=Rahasia",
        f"/open-data/datasets/{catalog['limited'].uuid}/",
        f"/open-data/datasets/{catalog['closed'].uuid}/",
        "/api/3/action/package_list",
        "/api/3/action/package_search?q=Rahasia",
        '/api/3/action/package_search?rows=1000&facet.field=["organization","tags","groups","res_format","license_id"]',
        f"/api/3/action/package_show?id={catalog['closed'].name}",
        f"/api/3/action/package_show?id={catalog['limited'].uuid}",
        "/api/3/action/organization_show?id=da&include_datasets=true",
        "/api/3/action/tag_list",
        "/open-data/catalog.ttl",
        "/open-data/catalog.jsonld",
        "/open-data/catalog.rdf",
    ]
    for dataset in (catalog["limited"], catalog["closed"]):
        for resource in dataset.resources.all():
            urls.append(f"/open-data/resources/{resource.uuid}/download/")
    for url in urls:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"Rahasia-Te" not in body, url
        assert response.status_code in (200, 404, 409), (url, response.status_code)
    assert b"Panjang jalan desa" in client.get("/open-data/catalog.ttl").content
    org = client.get("/api/3/action/organization_show?id=da").json()["result"]
    assert org["package_count"] == 2  # the LIMITED and CLOSED ones are not even counted


def test_closed_dataset_invisible_inside_the_platform_to_other_agencies(
    client, catalog, outsider_b, editor_a
):
    """Inside the platform a CLOSED dataset stays in its agency; a LIMITED one is listed (so it can be
    requested) but its files reach only agencies with a live agreement."""
    closed, limited = catalog["closed"], catalog["limited"]
    client.force_login(outsider_b)
    for url in (
        "/data/datasets/?q=Rahasia",
        "/data/datasets/export/?format=csv",
        "/data/resources/",
        "/api/v1/datasets/datasets/?page_size=200",
        "/search/?q=Tertutup",
    ):
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"Rahasia-Tertutup" not in body, url
    assert client.get(f"/data/datasets/{closed.pk}/").status_code == 404
    assert client.get(f"/api/v1/datasets/datasets/{closed.pk}/").status_code == 404
    assert b"Rahasia-Terbatas" in client.get("/data/datasets/?q=Rahasia").content
    resource = limited.resources.first()
    assert client.get(f"/data/resources/{resource.pk}/").status_code == 404
    assert client.get(f"/data/resources/{resource.pk}/download/").status_code == 404
    client.force_login(editor_a)
    assert client.get(f"/data/resources/{resource.pk}/download/").status_code == 200
