"""Every role x own agency / other agency x view / change / delete on an agency record.

Agency roles are held in agency A; government-wide roles with government scope.
The expected matrix is data: a change to the policy must change this table.
"""

import pytest

from spbe.core import permissions
from spbe.org.choices import Role

from ..factories import DecreeFactory, PersonFactory, user_with_role

V, C, D = "view", "change", "delete"
# role: (scope, actions on a record of agency A, actions on a record of agency B, sees CLOSED of B)
MATRIX = {
    Role.PLATFORM_ADMIN: ("government", {V, C, D}, {V, C, D}, True),
    Role.ICT_ADMIN: ("government", {V, C, D}, {V, C, D}, True),
    Role.SERVICE_DESK_TIER2: ("government", {V}, {V}, True),
    Role.COORDINATION_TEAM: ("government", {V}, {V}, True),
    Role.LEADER: ("government", {V}, {V}, True),
    Role.AUDITOR: ("government", {V}, {V}, True),
    Role.AGENCY_ADMIN: ("agency", {V, C, D}, {V}, False),
    Role.AGENCY_HEAD: ("agency", {V, C}, {V}, False),
    Role.DATA_STEWARD: ("agency", {V}, {V}, False),
    Role.SERVICE_DESK_TIER1: ("agency", {V}, {V}, False),
}


def test_matrix_covers_every_role():
    assert set(MATRIX) == set(Role)


@pytest.mark.parametrize("role", list(MATRIX), ids=str)
def test_role_matrix(role, agency_a, agency_b):
    scope, on_own, on_other, sees_closed_other = MATRIX[role]
    user = user_with_role(role, agency_a if scope == "agency" else None)
    own, other = PersonFactory(agency=agency_a), PersonFactory(agency=agency_b)
    for action in (V, C, D):
        assert permissions.can(user, own, action) == (action in on_own), (role, "own", action)
        assert permissions.can(user, other, action) == (action in on_other), (role, "other", action)
    closed_other = DecreeFactory(agency=agency_b, classification="closed")
    closed_own = DecreeFactory(agency=agency_a, classification="closed")
    assert permissions.can(user, closed_other, V) == sees_closed_other
    assert permissions.can(user, closed_own, V)


def test_role_without_validity_today_grants_nothing(agency_a):
    from datetime import date, timedelta

    from spbe.org.models import RoleAssignment

    user = user_with_role(Role.AGENCY_ADMIN, agency_a)
    RoleAssignment.objects.filter(user=user).update(valid_until=date.today() - timedelta(days=1))
    user = type(user).objects.get(pk=user.pk)  # fresh object: grants are cached per request
    assert not permissions.can(user, PersonFactory(agency=agency_a), V)


def test_agency_role_covers_sub_units(agency_a, gov):
    from ..factories import AgencyFactory

    sub = AgencyFactory(government=gov, parent=agency_a, short_name="SUB")
    user = user_with_role(Role.AGENCY_ADMIN, agency_a)
    assert permissions.can(user, PersonFactory(agency=sub), C)


def test_user_without_role_sees_nothing(agency_a):
    from ..factories import UserFactory

    assert not permissions.can(UserFactory(), PersonFactory(agency=agency_a), V)


@pytest.mark.parametrize(
    ("persona", "status_own_edit", "status_other_edit", "status_other_delete"),
    [("editor_a", 200, 403, 403), ("viewer_a", 403, 403, 403), ("outsider_b", 403, 200, 200)],
)
def test_pages_apply_the_same_policy(
    request, client, persona, status_own_edit, status_other_edit, status_other_delete, agency_a, agency_b
):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    own, other = PersonFactory(agency=agency_a), PersonFactory(agency=agency_b)
    assert client.get(f"/org/people/{own.pk}/edit/").status_code == status_own_edit
    assert client.get(f"/org/people/{other.pk}/edit/").status_code == status_other_edit
    assert client.get(f"/org/people/{other.pk}/delete/").status_code == status_other_delete
