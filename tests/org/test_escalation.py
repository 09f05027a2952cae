"""Nobody grants more than they hold (issue 7 §1): every role x every role it might grant x own
agency / other agency / no agency, through the API, the generic page and the agency roles page.

The expected answers are data (GRANTS below): a change to who may grant what must change them.
"""

import datetime

import pytest
from django.db import IntegrityError, transaction
from rest_framework.test import APIClient

from spbe.core import permissions
from spbe.org.choices import AGENCY_ASSIGNABLE_ROLES, GOVERNMENT_ONLY_ROLES, Role
from spbe.org.models import RoleAssignment

from ..factories import DecreeFactory, PersonFactory, UserFactory, user_with_role

TODAY = datetime.date.today().isoformat()
OWN, OTHER, NONE = "own agency", "other agency", "no agency"
AGENCY_ROLES = set(AGENCY_ASSIGNABLE_ROLES)

# granter -> the (role, scope) pairs it may grant. Government-only roles never carry an agency
# scope, whoever asks (the model refuses them).
GRANTS = {
    Role.PLATFORM_ADMIN: {(r, s) for r in Role for s in (OWN, OTHER, NONE)}
    - {(r, s) for r in GOVERNMENT_ONLY_ROLES for s in (OWN, OTHER)},
    Role.ICT_ADMIN: {(r, s) for r in AGENCY_ROLES for s in (OWN, OTHER)} | {(Role.SERVICE_DESK_TIER2, NONE)},
    Role.AGENCY_ADMIN: {(r, OWN) for r in AGENCY_ROLES},
    Role.AGENCY_HEAD: {(r, OWN) for r in AGENCY_ROLES},
    Role.SERVICE_DESK_TIER2: set(),
    Role.COORDINATION_TEAM: set(),
    Role.LEADER: set(),
    Role.AUDITOR: set(),
    Role.DATA_STEWARD: set(),
    Role.SERVICE_DESK_TIER1: set(),
}


def test_grant_table_covers_every_role():
    assert set(GRANTS) == set(Role)


def _granter(role, agency_a):
    return user_with_role(role, None if role in GOVERNMENT_ONLY_ROLES else agency_a, f"pemberi.{role}")


def _count(user, role, agency):
    return RoleAssignment.objects.filter(user=user, role=role, agency=agency).count()


@pytest.mark.parametrize("granter_role", list(GRANTS), ids=str)
def test_escalation_matrix_api_and_generic_page(granter_role, client, agency_a, agency_b):
    granter = _granter(granter_role, agency_a)
    grantee = UserFactory(username="penerima")
    api = APIClient()
    api.force_authenticate(granter)
    client.force_login(granter)
    scopes = {OWN: agency_a, OTHER: agency_b, NONE: None}
    wrong = []
    for role in Role:
        for scope, agency in scopes.items():
            allowed = (role, scope) in GRANTS[granter_role]
            before = _count(grantee, role, agency)
            response = api.post(
                "/api/v1/org/role-assignments/",
                {"user": grantee.pk, "role": role.value, "agency": agency.pk if agency else None},
                format="json",
            )
            granted = _count(grantee, role, agency) - before
            if (response.status_code == 201, granted) != (allowed, int(allowed)):
                wrong.append(("api", role.value, scope, response.status_code))
            before += granted
            response = client.post(
                "/org/role-assignments/add/",
                {
                    "user": grantee.pk,
                    "role": role.value,
                    "agency": agency.pk if agency else "",
                    "valid_from": TODAY,
                },
            )
            granted = _count(grantee, role, agency) - before
            if (response.status_code == 302, granted) != (allowed, int(allowed)):
                wrong.append(("page", role.value, scope, response.status_code))
    assert wrong == []


@pytest.mark.parametrize("granter_role", list(GRANTS), ids=str)
def test_escalation_matrix_agency_roles_page(granter_role, client, agency_a, agency_b):
    """The agency's own roles page offers only agency roles in that agency."""
    granter = _granter(granter_role, agency_a)
    client.force_login(granter)
    wrong = []
    for scope, agency in {OWN: agency_a, OTHER: agency_b}.items():
        person = PersonFactory(agency=agency)
        for role in Role:
            allowed = (role, scope) in GRANTS[granter_role] and role in AGENCY_ROLES
            response = client.post(
                f"/org/agencies/{agency.pk}/roles/", {"person": person.pk, "role": role.value}
            )
            person.refresh_from_db()
            granted = person.user is not None and _count(person.user, role, agency) == 1
            if (response.status_code in (200, 302), granted) != (allowed, allowed):
                wrong.append((role.value, scope, response.status_code))
    assert wrong == []


def test_reproduction_agency_admin_patches_own_assignment_to_platform_admin(agency_a, agency_b):
    """PATCH {"role": "platform_admin", "agency": null} on an assignment in the own agency is refused
    (it answered 200, and the user became platform admin of the whole government)."""
    for role in (Role.AGENCY_ADMIN, Role.AGENCY_HEAD):
        user = user_with_role(role, agency_a)
        mine = RoleAssignment.objects.get(user=user)
        api = APIClient()
        api.force_authenticate(user)
        for body in (
            {"role": "platform_admin", "agency": None},
            {"agency": None},
            {"role": "platform_admin"},
        ):
            response = api.patch(f"/api/v1/org/role-assignments/{mine.pk}/", body, format="json")
            assert response.status_code in (400, 403), (role, body, response.content)
        mine.refresh_from_db()
        assert (mine.role, mine.agency) == (role, agency_a)
        fresh = type(user).objects.get(pk=user.pk)
        closed = DecreeFactory(agency=agency_b, classification="closed")
        assert not permissions.can(fresh, closed, "view")
        assert not permissions.may(fresh, "compliance.run")


@pytest.mark.parametrize(
    "granter_role",
    [Role.AGENCY_ADMIN, Role.AGENCY_HEAD, Role.ICT_ADMIN, Role.AUDITOR, Role.LEADER, Role.COORDINATION_TEAM],
    ids=str,
)
def test_reproduction_post_platform_admin_scoped_to_an_agency(granter_role, client, agency_a):
    """POST {"role": "platform_admin", "agency": <Dinkes>} answered 201 for these roles, and so did
    the generic page /org/role-assignments/add/."""
    granter = _granter(granter_role, agency_a)
    grantee = UserFactory()
    api = APIClient()
    api.force_authenticate(granter)
    for agency in (agency_a, None):
        body = {"user": grantee.pk, "role": "platform_admin", "agency": agency.pk if agency else None}
        response = api.post("/api/v1/org/role-assignments/", body, format="json")
        assert response.status_code in (400, 403), response.content
        if response.status_code == 403:
            assert "tidak berwenang" in response.json()["detail"]
    client.force_login(granter)
    response = client.post(
        "/org/role-assignments/add/",
        {"user": grantee.pk, "role": "platform_admin", "agency": agency_a.pk, "valid_from": TODAY},
    )
    assert response.status_code in (400, 403)
    assert not RoleAssignment.objects.filter(user=grantee).exists()


def test_government_only_role_cannot_carry_an_agency_scope(agency_a):
    """The model and the database refuse e.g. "platform admin of Dinkes"."""
    from django.core.exceptions import ValidationError

    user = UserFactory()
    for role in GOVERNMENT_ONLY_ROLES:
        assignment = RoleAssignment(user=user, role=role, agency=agency_a)
        with pytest.raises(ValidationError) as error:
            assignment.full_clean()
        assert "seluruh pemerintah daerah" in str(error.value)
        with pytest.raises(IntegrityError), transaction.atomic():
            RoleAssignment.objects.bulk_create([assignment])  # no save(): only the database refuses
    assert not RoleAssignment.objects.filter(user=user).exists()


def test_a_data_steward_cannot_run_or_load_with_a_scoped_platform_admin(client, agency_a):
    """Role checks such as "is platform admin" need the government-wide scope: named actions
    are decided by the policy, scope included."""
    steward = user_with_role(Role.DATA_STEWARD, agency_a)
    client.force_login(steward)
    assert client.post(
        "/org/role-assignments/add/", {"user": steward.pk, "role": "platform_admin"}
    ).status_code in (
        400,
        403,
    )
    assert not permissions.may(steward, "compliance.run")
    assert not permissions.may(steward, "compliance.load_profile")
    assert client.post("/compliance/run/").status_code == 403
    admin = user_with_role(Role.PLATFORM_ADMIN)
    ict = user_with_role(Role.ICT_ADMIN)
    assert permissions.may(admin, "compliance.run") and permissions.may(ict, "compliance.load_profile")


def test_ending_roles_follows_the_same_rule(agency_a, agency_b):
    admin_a = user_with_role(Role.AGENCY_ADMIN, agency_a)
    own = RoleAssignment.objects.create(user=UserFactory(), role=Role.DATA_STEWARD, agency=agency_a)
    other = RoleAssignment.objects.create(user=UserFactory(), role=Role.DATA_STEWARD, agency=agency_b)
    government = RoleAssignment.objects.create(user=UserFactory(), role=Role.AUDITOR, agency=None)
    api = APIClient()
    api.force_authenticate(admin_a)
    for assignment in (other, government):
        url = f"/api/v1/org/role-assignments/{assignment.pk}/"
        assert api.patch(url, {"valid_until": "2020-01-01"}, format="json").status_code == 403
        assert api.delete(url).status_code == 403
        assignment.refresh_from_db()
        assert assignment.valid_until is None
    response = api.patch(
        f"/api/v1/org/role-assignments/{own.pk}/", {"valid_until": "2099-01-01"}, format="json"
    )
    assert response.status_code == 200
    assert api.delete(f"/api/v1/org/role-assignments/{own.pk}/").status_code == 204
    # The ICT office admin may end a tier 2 grant, but not turn it into platform admin.
    ict = user_with_role(Role.ICT_ADMIN)
    tier2 = RoleAssignment.objects.create(user=UserFactory(), role=Role.SERVICE_DESK_TIER2, agency=None)
    api.force_authenticate(ict)
    url = f"/api/v1/org/role-assignments/{tier2.pk}/"
    assert api.patch(url, {"role": "platform_admin"}, format="json").status_code == 403
    assert api.patch(url, {"valid_until": "2099-01-01"}, format="json").status_code == 200
    tier2.refresh_from_db()
    assert tier2.role == Role.SERVICE_DESK_TIER2


def test_agency_roles_page_cannot_end_another_agencys_role(client_a, agency_b):
    other = RoleAssignment.objects.create(user=UserFactory(), role=Role.DATA_STEWARD, agency=agency_b)
    client_a.post(f"/org/agencies/{agency_b.pk}/roles/", {"action": "end", "assignment": other.pk})
    other.refresh_from_db()
    assert other.valid_until is None


def test_admin_site_grants_through_the_same_rules(client, agency_a):
    """The Django admin (superusers only) still cannot store a scoped government-only role."""
    superuser = UserFactory(username="operator")
    superuser.is_superuser = superuser.is_staff = True
    superuser.save()
    client.force_login(superuser)
    grantee = UserFactory()
    response = client.post(
        "/admin/org/roleassignment/add/",
        {"user": grantee.pk, "role": "platform_admin", "agency": agency_a.pk, "valid_from": "2026-01-01"},
    )
    assert response.status_code == 200  # the form again, with the model's message
    assert not RoleAssignment.objects.filter(user=grantee).exists()
    response = client.post(
        "/admin/org/roleassignment/add/",
        {"user": grantee.pk, "role": "data_steward", "agency": agency_a.pk, "valid_from": "2026-01-01"},
    )
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(user=grantee, role="data_steward").exists()


def test_every_named_action_is_documented():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "permissions.md").read_text(encoding="utf-8")
    names = [action.name for action in permissions.registered_actions()]
    assert {"org.role.grant", "compliance.run", "compliance.load_profile", "planning.consolidate"} <= set(
        names
    )
    assert [name for name in names if f"`{name}`" not in doc] == []
