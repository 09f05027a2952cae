"""A city's pages name its Wali Kota, not a Bupati (issue 9 §4): the leader's role on the home page and
on the role pages, the decree kinds offered and shown. Static labels stay neutral."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from spbe.org.choices import DecreeKind, GovernmentKind, Role
from spbe.org.models import RoleAssignment

from ..factories import (
    AgencyFactory,
    DecreeFactory,
    GovernmentFactory,
    PersonFactory,
    UserFactory,
    user_with_role,
)


@pytest.fixture
def city(db):
    gov = GovernmentFactory(
        name="Pemerintah Kota Tepian", kind=GovernmentKind.CITY, domain="tepiankota.go.id"
    )
    office = AgencyFactory(government=gov, name="Dinas Kominfo Kota Tepian", short_name="Diskominfo")
    gov.ict_office = office
    gov.save()
    return gov, office


def test_the_static_labels_name_no_regency():
    assert "Bupati" not in str(Role.LEADER.label) and "Bupati" not in str(DecreeKind.REGENT.label)
    assert str(DecreeKind.REGENT.label) == "Keputusan Kepala Daerah"


def test_a_city_leader_s_home_page_names_the_wali_kota(city, client):
    gov, office = city
    leader = UserFactory(username="walikota")
    RoleAssignment.objects.create(user=leader, role=Role.LEADER)
    PersonFactory(agency=office, user=leader, position="Wali Kota Tepian")
    client.force_login(leader)
    page = client.get("/").content.decode()
    assert "Pimpinan (Wali Kota/Sekda)" in page
    assert "Bupati" not in page


def test_a_city_s_role_pages_and_decree_kinds_say_wali_kota(city, client):
    gov, office = city
    RoleAssignment.objects.create(user=UserFactory(username="pimpinan.kota"), role=Role.LEADER)
    DecreeFactory(agency=office, kind=DecreeKind.REGENT, title="Pembentukan Tim Koordinasi SPBE")
    admin = user_with_role("platform_admin", None, "admin.kota")
    PersonFactory(agency=office, user=admin)
    client.force_login(admin)
    roles = client.get("/org/role-assignments/").content.decode()
    assert "Pimpinan (Wali Kota/Sekda)" in roles and "Bupati" not in roles
    form = client.get("/org/role-assignments/add/").content.decode()
    assert "Pimpinan (Wali Kota/Sekda)" in form and "Bupati" not in form
    decrees = client.get("/org/decrees/").content.decode()
    assert "Keputusan Wali Kota" in decrees and "Bupati" not in decrees
    add = client.get("/org/decrees/add/").content.decode()
    assert "Keputusan Wali Kota" in add and "Peraturan Wali Kota" in add and "Bupati" not in add


def test_a_regency_s_pages_still_say_bupati(db, client):
    gov = GovernmentFactory(name="Pemerintah Kabupaten Hulu", domain="hulukab.go.id")
    office = AgencyFactory(government=gov, short_name="Diskominfo")
    DecreeFactory(agency=office, kind=DecreeKind.REGENT)
    admin = user_with_role("platform_admin", None, "admin.kab")
    PersonFactory(agency=office, user=admin)
    client.force_login(admin)
    assert "Keputusan Bupati" in client.get("/org/decrees/").content.decode()
    assert "Keputusan Bupati" in client.get("/org/decrees/add/").content.decode()


def test_leader_rows_cost_no_query_each(city, client):
    """The leader's label reads the government's kind once per process, not once per row."""
    admin = user_with_role("platform_admin", None, "admin.kota")
    client.force_login(admin)
    RoleAssignment.objects.create(user=UserFactory(username="pimpinan.1"), role=Role.LEADER)
    client.get("/org/role-assignments/")
    with CaptureQueriesContext(connection) as one:
        client.get("/org/role-assignments/")
    for n in range(2, 7):
        RoleAssignment.objects.create(user=UserFactory(username=f"pimpinan.{n}"), role=Role.LEADER)
    client.get("/org/role-assignments/")  # new role assignments retire the grants kept (core/versions.py)
    with CaptureQueriesContext(connection) as six:
        page = client.get("/org/role-assignments/").content.decode()
    assert page.count("Pimpinan (Wali Kota/Sekda)") >= 6
    assert len(six.captured_queries) == len(one.captured_queries)
