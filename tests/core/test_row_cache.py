"""The API's row cache (core/api/rowcache.py): unchanged rows are not converted again, and no
change, however it is written, is ever answered from the cache."""

import pytest
from rest_framework.test import APIClient

from spbe.core.api import rowcache
from spbe.org.choices import Role
from spbe.org.models import Person

from ..factories import AgencyFactory, PersonFactory, user_with_role

PEOPLE = "/api/v1/org/people/"


@pytest.fixture
def setting(db):
    rowcache.clear()
    agency = AgencyFactory(short_name="D1")
    other = AgencyFactory(government=agency.government, short_name="D2")
    person = PersonFactory(agency=agency, name="Budi Santoso", position="Analis", email="budi@uji.go.id")
    return agency, other, person


def client_for(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def row(api, person):
    results = api.get(f"{PEOPLE}?page_size=200").json()["results"]
    return next(r for r in results if r["id"] == person.pk)


def test_a_listed_row_is_kept_and_served_again_unchanged(setting):
    agency, _other, person = setting
    api = client_for(user_with_role(Role.AGENCY_ADMIN, agency))
    first = row(api, person)
    assert any(key[1] == person.pk for key in rowcache._rows)
    assert row(api, person) == first


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda p: (setattr(p, "position", "Kepala Seksi"), p.save()), id="save"),
        pytest.param(
            lambda p: (setattr(p, "position", "Kepala Seksi"), p.save(update_fields=["position"])),
            id="save-update-fields",
        ),
        pytest.param(
            lambda p: Person.objects.filter(pk=p.pk).update(position="Kepala Seksi"), id="bulk-update"
        ),
        pytest.param(
            lambda p: (setattr(p, "position", "Kepala Seksi"), Person.objects.bulk_update([p], ["position"])),
            id="bulk-update-many",
        ),
    ],
)
def test_a_changed_record_is_never_answered_from_the_cache(setting, change):
    agency, _other, person = setting
    api = client_for(user_with_role(Role.AGENCY_ADMIN, agency))
    assert row(api, person)["position"] == "Analis"
    change(Person.objects.get(pk=person.pk))
    assert row(api, person)["position"] == "Kepala Seksi"
    assert api.get(f"{PEOPLE}{person.pk}/").json()["position"] == "Kepala Seksi"


def test_personal_fields_stay_masked_per_reader_on_a_cached_row(setting):
    agency, other, person = setting
    own = client_for(user_with_role(Role.AGENCY_ADMIN, agency, "admin.d1"))
    outsider = client_for(user_with_role(Role.AGENCY_ADMIN, other, "admin.d2"))
    seen = row(own, person)
    assert seen["email"] == person.email and seen["email"]
    assert row(outsider, person)["email"] is None  # served from the cache, still masked
    assert row(own, person)["email"] == person.email
