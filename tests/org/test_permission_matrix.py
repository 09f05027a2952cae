"""Every role x own agency / other agency x view / change / delete on an agency record.

Agency roles are held in agency A; government-wide roles with government scope.
The expected matrix is data: a change to the policy must change this table.
"""

import io

import openpyxl
import pytest

from spbe.core import permissions
from spbe.org.choices import Role

from ..factories import DecreeFactory, PersonFactory, user_with_role, valid_nip

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


# Staff personal data (NIP, e-mail, phone, gender; the birth date is part of the NIP), issue 7 §2.
# role: (sees the personal data of agency A staff, of agency B staff). Agency roles are held in A.
PERSONAL_DATA = {
    Role.PLATFORM_ADMIN: (True, True),
    Role.ICT_ADMIN: (True, True),
    Role.AUDITOR: (True, True),
    Role.SERVICE_DESK_TIER2: (False, False),
    Role.COORDINATION_TEAM: (False, False),
    Role.LEADER: (False, False),
    Role.AGENCY_ADMIN: (True, False),
    Role.AGENCY_HEAD: (True, False),
    Role.DATA_STEWARD: (True, False),
    Role.SERVICE_DESK_TIER1: (True, False),
}


def test_personal_data_matrix_covers_every_role():
    assert set(PERSONAL_DATA) == set(Role)


def _person(agency, name, nip, email):
    person = PersonFactory(agency=agency, name=name, nip=nip, email=email, phone="0811-4500-7788", gender="P")
    person.position = "Analis Kepegawaian"
    person.phone = "0811-4500-9911"  # a change the history tab shows
    person.save()
    return person


def _entry_points(client, person):
    """Every place a person's record is read, as {name: text}."""
    columns = (
        "columns=name&columns=nip&columns=position&columns=agency&columns=email&columns=phone&columns=gender"
    )
    agency = f"agency={person.agency_id}"
    texts = {
        "API detail": client.get(f"/api/v1/org/people/{person.pk}/").content.decode(),
        "API list": client.get(f"/api/v1/org/people/?{agency}").content.decode(),
        "detail page": client.get(f"/org/people/{person.pk}/").content.decode(),
        "history tab": client.get(f"/org/people/{person.pk}/history/").content.decode(),
        "list page": client.get(f"/org/people/?{agency}&{columns}").content.decode(),
        "CSV export": client.get(f"/org/people/export/?{agency}&{columns}").getvalue().decode(),
    }
    xlsx = client.get(f"/org/people/export/?format=xlsx&{agency}&{columns}").getvalue()
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    texts["XLSX export"] = "\n".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row)
    return texts


@pytest.mark.parametrize("role", list(PERSONAL_DATA), ids=str)
def test_staff_personal_data_least_access(client, role, agency_a, agency_b):
    sees_own, sees_other = PERSONAL_DATA[role]
    own = _person(agency_a, "Nurhayati Lamasitudju", valid_nip("2"), "nurhayati@a.go.id")
    other = _person(agency_b, "Sitti Mangge", valid_nip("2"), "sitti.mangge@b.go.id")
    user = user_with_role(role, agency_a if MATRIX[role][0] == "agency" else None)
    client.force_login(user)
    for person, sees in ((own, sees_own), (other, sees_other)):
        for name, text in _entry_points(client, person).items():
            # Name, position and agency: always.
            assert person.name in text and "Analis Kepegawaian" in text, (role, name)
            secrets = [person.nip, person.email, "0811-4500-9911"]
            if name == "history tab":
                secrets.append("0811-4500-7788")  # the phone before the change
            for secret in secrets:
                assert (secret in text) == sees, (role, person.name, name, secret)
        api = client.get(f"/api/v1/org/people/{person.pk}/").json()
        assert (api["nip"], api["email"], api["phone"], api["gender"]) == (
            (person.nip, person.email, "0811-4500-9911", "P") if sees else (None, None, None, None)
        )
        # Search and filters cannot confirm a NIP, an e-mail or a gender either.
        found = client.get(f"/search/?q={person.nip}").content.decode()
        assert (person.name in found) == sees, (role, "search by NIP")
        by_email = client.get(f"/api/v1/org/people/?q={person.email}").json()["results"]
        assert bool(by_email) == sees, (role, "API q by e-mail")
        by_gender = client.get(f"/api/v1/org/people/?agency={person.agency_id}&gender=P").json()["results"]
        assert bool(by_gender) == sees, (role, "gender filter")
        by_name = client.get(f"/search/?q={person.name}").content.decode()
        assert person.name in by_name  # found by name always


def test_staff_of_a_sub_unit_are_own_agency_staff(client, agency_a, gov):
    from ..factories import AgencyFactory

    sub = AgencyFactory(government=gov, parent=agency_a, short_name="SUB")
    person = _person(sub, "Andi Pettalolo", valid_nip("1"), "andi@sub.go.id")
    client.force_login(user_with_role(Role.SERVICE_DESK_TIER1, agency_a))
    assert client.get(f"/api/v1/org/people/{person.pk}/").json()["nip"] == person.nip


# Bandwidth requests: (actions on agency A's request, on agency B's, may decide A's request)
BANDWIDTH_REQUEST_MATRIX = {
    Role.PLATFORM_ADMIN: ({V, C, D}, {V, C, D}, False),
    Role.ICT_ADMIN: ({V, C, D}, {V, C, D}, True),
    Role.SERVICE_DESK_TIER2: (set(), set(), False),
    Role.COORDINATION_TEAM: (set(), set(), False),
    Role.LEADER: (set(), set(), False),
    Role.AUDITOR: ({V}, {V}, False),
    Role.AGENCY_ADMIN: ({V, C, D}, set(), False),
    Role.AGENCY_HEAD: ({V, C}, set(), False),
    Role.DATA_STEWARD: ({V}, set(), False),
    Role.SERVICE_DESK_TIER1: ({V}, set(), False),
}


def test_bandwidth_request_matrix_covers_every_role():
    assert set(BANDWIDTH_REQUEST_MATRIX) == set(Role)


@pytest.mark.parametrize("role", list(BANDWIDTH_REQUEST_MATRIX), ids=str)
def test_bandwidth_request_matrix(role, agency_a, agency_b):
    """Other agencies do not see a request; only its agency asks; only the ICT office decides."""
    from spbe.core import approvals
    from spbe.infrastructure import services
    from spbe.infrastructure.models import BandwidthRequest

    on_own, on_other, decides = BANDWIDTH_REQUEST_MATRIX[role]
    user = user_with_role(role, agency_a if MATRIX[role][0] == "agency" else None)
    requester = user_with_role(Role.AGENCY_ADMIN, agency_a, "peminta.bandwidth")
    own = BandwidthRequest.objects.create(agency=agency_a, download_mbps=20, upload_mbps=10, reason="Uji")
    other = BandwidthRequest.objects.create(agency=agency_b, download_mbps=20, upload_mbps=10, reason="Uji")
    for action in (V, C, D):
        assert permissions.can(user, own, action) == (action in on_own), (role, "own", action)
        assert permissions.can(user, other, action) == (action in on_other), (role, "other", action)
    pending = services.bandwidth_request_submit(request=own, user=requester, note="Kebutuhan layanan daring.")
    assert approvals.may_decide(user, pending) == decides
