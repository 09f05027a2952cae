"""Role grants, the agency filter's choices and the bell's count are kept across requests
(core/versions.py) and retired by any change they depend on: the very next request sees it."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from spbe.core.notifications import notify
from spbe.org.choices import Role
from spbe.org.models import Agency, RoleAssignment

from ..factories import AgencyFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db


REFUSED = 403  # a user who sees the agency but may not edit it
HIDDEN = 404  # a user without any valid role sees nothing


def edit_status(client, agency) -> int:
    return client.get(f"/org/agencies/{agency.pk}/edit/").status_code


def test_a_revoked_role_stops_working_on_the_next_request(client, agency_a):
    user = user_with_role(Role.AGENCY_ADMIN, agency_a)
    client.force_login(user)
    assert edit_status(client, agency_a) == 200
    assert edit_status(client, agency_a) == 200  # kept
    RoleAssignment.objects.get(user=user).delete()
    assert edit_status(client, agency_a) == HIDDEN


def test_an_ended_role_stops_working_on_the_next_request(client, agency_a):
    user = user_with_role(Role.AGENCY_ADMIN, agency_a)
    client.force_login(user)
    assert edit_status(client, agency_a) == 200
    assignment = RoleAssignment.objects.get(user=user)
    assignment.valid_until = datetime.date.today() - datetime.timedelta(days=1)
    assignment.valid_from = assignment.valid_until - datetime.timedelta(days=10)
    assignment.save()
    assert edit_status(client, agency_a) == HIDDEN


def test_a_granted_role_works_at_once(client, agency_a):
    user = UserFactory()
    client.force_login(user)
    assert edit_status(client, agency_a) == HIDDEN
    RoleAssignment.objects.create(user=user, role=Role.AGENCY_ADMIN, agency=agency_a)
    assert edit_status(client, agency_a) == 200


def test_moving_a_sub_unit_under_the_agency_extends_the_role_at_once(client, gov, agency_a):
    unit = AgencyFactory(government=gov, name="UPT Lepas", short_name="UPTL")
    client.force_login(user_with_role(Role.AGENCY_ADMIN, agency_a))
    assert edit_status(client, unit) == REFUSED
    unit.parent = agency_a
    unit.save()
    assert edit_status(client, unit) == 200
    unit.parent = None
    unit.save()
    assert edit_status(client, unit) == REFUSED


def test_grants_are_never_shared_between_users(client, agency_a):
    holder = user_with_role(Role.AGENCY_ADMIN, agency_a)
    other = UserFactory()
    client.force_login(holder)
    assert edit_status(client, agency_a) == 200
    client.force_login(other)
    assert edit_status(client, agency_a) == HIDDEN


def test_a_deactivated_superuser_flag_counts_at_once(client, agency_a):
    user = UserFactory(is_superuser=True)
    client.force_login(user)
    assert edit_status(client, agency_a) == 200
    user.is_superuser = False
    user.save()
    assert edit_status(client, agency_a) == HIDDEN


def test_a_kept_list_page_reads_neither_roles_nor_agencies(client, agency_a):
    client.force_login(user_with_role(Role.SERVICE_DESK_TIER2))
    client.get("/management/tickets/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/management/tickets/").status_code == 200
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "org_roleassignment" not in sql
    assert 'FROM "org_agency"' not in sql


def test_the_agency_filter_offers_new_renamed_and_deleted_agencies_at_once(client, gov, agency_a):
    client.force_login(user_with_role(Role.SERVICE_DESK_TIER2))
    assert "Dinas A" in client.get("/management/tickets/").content.decode()
    added = AgencyFactory(government=gov, name="Dinas Baru Sekali", short_name="DBS")
    assert (
        f'<option value="{added.pk}">Dinas Baru Sekali</option>'
        in client.get("/management/tickets/").content.decode()
    )
    added.name = "Dinas Berganti Nama"
    added.save()
    page = client.get("/management/tickets/").content.decode()
    assert "Dinas Berganti Nama" in page and "Dinas Baru Sekali" not in page
    Agency.objects.filter(pk=added.pk).get().delete()
    assert "Dinas Berganti Nama" not in client.get("/management/tickets/").content.decode()


def bell(client) -> str:
    page = client.get("/management/tickets/").content.decode()
    start = page.find(reverse("core:notifications"))
    return page[start : page.find("</a>", start)]


def test_the_bell_counts_new_and_read_notifications_at_once(client):
    user = user_with_role(Role.SERVICE_DESK_TIER2)
    client.force_login(user)
    assert "badge" not in bell(client)
    notify([user], "Tiket baru")
    assert ">1<" in bell(client)
    notify([user], "Tiket lain")
    assert ">2<" in bell(client)
    client.post(reverse("core:notifications"))
    assert "badge" not in bell(client)


def test_the_bell_stops_counting_at_99(client):
    user = user_with_role(Role.SERVICE_DESK_TIER2)
    client.force_login(user)
    for n in range(100):
        notify([user], f"Pemberitahuan {n}")
    assert ">99+<" in bell(client)


def test_a_narrowed_choice_query_is_never_answered_with_the_whole_table(gov, agency_a):
    from spbe.core import versions

    other = AgencyFactory(government=gov, name="Dinas Lain")
    assert {a.pk for a in versions.choice_objects(Agency.objects.all())} >= {agency_a.pk, other.pk}
    for narrowed in (
        Agency.objects.filter(pk=agency_a.pk),
        Agency.objects.all()[:1],
        Agency.objects.exclude(pk=agency_a.pk).order_by("-name"),
    ):
        assert versions.choice_objects(narrowed) == list(narrowed)
    named = versions.choice_objects(Agency.objects.only("name"))
    assert all("short_name" in a.get_deferred_fields() for a in named)
