"""`version` on API updates (issue 7 §4): a stale one is refused with 409, an invalid one with
400 (it used to be silently ignored), a missing one applies to the current version (the
documented choice: docs/architecture.md, "Updates and `version`")."""

import pytest
from rest_framework.test import APIClient

from spbe.org.models import Person

from ..factories import PersonFactory


@pytest.fixture
def api(editor_a):
    client = APIClient()
    client.force_authenticate(editor_a)
    return client


@pytest.mark.parametrize("version", ["abc", "", 0, -1, 1.5, True, None, [1], {"v": 1}])
def test_an_invalid_version_is_refused_and_nothing_changes(api, agency_a, version):
    person = PersonFactory(agency=agency_a, position="Analis")
    response = api.patch(
        f"/api/v1/org/people/{person.pk}/", {"position": "Diubah", "version": version}, format="json"
    )
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid" and list(body["errors"]) == ["version"]
    person.refresh_from_db()
    assert person.position == "Analis" and person.version == 1


def test_a_stale_version_is_refused_with_409(api, agency_a):
    person = PersonFactory(agency=agency_a, position="Analis")
    url = f"/api/v1/org/people/{person.pk}/"
    assert api.patch(url, {"position": "Satu", "version": 1}, format="json").status_code == 200
    response = api.patch(url, {"position": "Dua", "version": 1}, format="json")
    assert response.status_code == 409 and response.json()["code"] == "conflict"
    person.refresh_from_db()
    assert person.position == "Satu" and person.version == 2


def test_the_current_version_and_no_version_are_accepted(api, agency_a):
    person = PersonFactory(agency=agency_a, position="Analis")
    url = f"/api/v1/org/people/{person.pk}/"
    response = api.patch(url, {"position": "Satu", "version": "1"}, format="json")
    assert response.status_code == 200 and response.json()["version"] == 2
    response = api.patch(url, {"position": "Dua"}, format="json")
    assert response.status_code == 200 and response.json()["version"] == 3
    assert Person.objects.get(pk=person.pk).position == "Dua"


def test_a_version_sent_on_create_is_ignored(api, agency_a):
    response = api.post(
        "/api/v1/org/people/",
        {"agency": agency_a.pk, "name": "Baru", "employment": "non_asn", "position": "Staf", "version": 7},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["version"] == 1


def test_a_related_id_beyond_the_database_range_is_an_invalid_field(api, agency_a):
    person = PersonFactory(agency=agency_a)
    response = api.patch(f"/api/v1/org/people/{person.pk}/", {"agency": 99999999999999999999}, format="json")
    assert response.status_code == 400 and list(response.json()["errors"]) == ["agency"]
