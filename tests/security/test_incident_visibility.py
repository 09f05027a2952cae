"""Incidents fail closed (issue 13; docs/permissions.md): the reporting agency (and a parent agency),
the ICT office admin, the platform admin and the auditor see them; other agencies, leaders, the
coordination team and service desk tier 2 do not, through any entry point: the policy, list and
detail pages, the API, the export, global search, the timeline, references, the application page,
the statistics page, history and evidence downloads."""

import io

import openpyxl
import pytest
from django.core.files.base import ContentFile
from rest_framework.test import APIClient

from spbe.applications.models import Application
from spbe.core import permissions
from spbe.org.choices import Role
from spbe.security.models import Incident, IncidentEvent

from ..factories import AgencyFactory, user_with_role

# role -> (scope: agency A / government, sees an incident of agency A)
MATRIX = {
    Role.PLATFORM_ADMIN: (None, True),
    Role.ICT_ADMIN: (None, True),
    Role.AUDITOR: (None, True),
    Role.SERVICE_DESK_TIER2: (None, False),
    Role.COORDINATION_TEAM: (None, False),
    Role.LEADER: (None, False),
    Role.AGENCY_ADMIN: ("a", True),
    Role.AGENCY_HEAD: ("a", True),
    Role.DATA_STEWARD: ("a", True),
    Role.SERVICE_DESK_TIER1: ("a", True),
}


def test_matrix_covers_every_role():
    assert set(MATRIX) == set(Role)


@pytest.mark.parametrize("role", list(MATRIX), ids=str)
def test_incident_visibility_by_role(role, agency_a, agency_b, incident_a):
    scope, sees = MATRIX[role]
    user = user_with_role(role, agency_a if scope == "a" else None)
    assert permissions.can(user, incident_a, "view") == sees
    event = incident_a.events.get()
    assert permissions.can(user, event, "view") == sees
    if scope == "a":  # the same role in another agency sees nothing of it
        other = user_with_role(role, agency_b)
        assert not permissions.can(other, incident_a, "view")
        assert not permissions.can(other, event, "view")


def test_parent_agency_sees_its_sub_units_incident(gov, agency_a):
    child = AgencyFactory(government=gov, parent=agency_a, name="UPT A", short_name="UPTA")
    from .conftest import make_incident

    incident = make_incident(child)
    assert permissions.can(user_with_role(Role.AGENCY_HEAD, agency_a), incident, "view")
    assert not permissions.can(user_with_role(Role.AGENCY_HEAD, child), make_incident(agency_a), "view")


def test_classification_open_does_not_open_an_incident(agency_a, incident_a):
    """Incidents have no classification to loosen: the rule is the model's, not the row's."""
    leader = user_with_role(Role.LEADER)
    assert not Incident.objects.restrict(leader).exists()
    assert not hasattr(incident_a, "classification")


SECRET = "Ransomware SIMPUS Rahasia"


def _pages(incident, event):
    return [
        "/security/incidents/",
        f"/security/incidents/?q={SECRET.split()[0]}",
        "/security/incidents/export/?format=csv",
        "/security/incidents/export/?format=xlsx",
        "/security/incident-events/",
        f"/security/incident-events/?incident={incident.pk}",
        "/security/incident-events/export/?format=csv",
        f"/search/?q={SECRET.split()[0]}",
        "/search/?q=rahasia",
        "/security/incidents/statistics/",
    ]


def _objects(incident, event):
    return [
        f"/security/incidents/{incident.pk}/",
        f"/security/incidents/{incident.pk}/history/",
        f"/security/incidents/{incident.pk}/edit/",
        f"/security/incidents/{incident.pk}/delete/",
        f"/security/incidents/{incident.pk}/handle/",
        f"/security/incidents/{incident.pk}/notice/",
        f"/security/incident-events/{event.pk}/",
        f"/security/incident-events/{event.pk}/history/",
        f"/security/incident-events/{event.pk}/evidence/",
    ]


def _text(response) -> str:
    """What a reader gets: a page, a streamed CSV, or every cell of an XLSX."""
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    if raw[:2] == b"PK":
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True)
        return "\n".join(
            str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row
        )
    return raw.decode("utf-8-sig", "replace")


OUTSIDERS = [
    ("agency_admin", "b"),
    ("agency_head", "b"),
    ("data_steward", "b"),
    ("leader", None),
    ("coordination_team", None),
    ("service_desk_tier2", None),
]


@pytest.mark.parametrize("role,where", OUTSIDERS)
def test_outsiders_see_nothing_through_any_entry_point(client, role, where, agency_a, agency_b, incident_a):
    event = incident_a.events.get()
    event.evidence.save("log.txt", ContentFile(b"rahasia"), save=True)
    app = Application.objects.create(
        agency=agency_a,
        name="SIMPUS",
        purpose="Layanan puskesmas.",
        kind="specific",
        source_model="open",
        developer_kind="in_house",
        classification="limited",
    )
    incident_a.applications.add(app)
    user = user_with_role(role, agency_b if where == "b" else None)
    client.force_login(user)
    for url in _pages(incident_a, event):
        response = client.get(url)
        assert response.status_code == 200, url
        body = _text(response)
        assert SECRET not in body and "Log serangan rahasia" not in body, url
    for url in _objects(incident_a, event):
        assert client.get(url).status_code == 404, url
    # the application page is visible (LIMITED), its incidents panel is not there
    body = client.get(f"/applications/applications/{app.pk}/").content.decode()
    assert SECRET not in body
    api = APIClient()
    api.force_authenticate(user)
    for url in ("/api/v1/security/incidents/", "/api/v1/security/incident-events/"):
        assert api.get(url).json()["results"] == [], url
    assert api.get(f"/api/v1/security/incidents/{incident_a.pk}/").status_code == 404
    assert api.get(f"/api/v1/security/incident-events/{event.pk}/").status_code == 404
    # the filter by incident id does not tell whether the incident exists
    assert api.get(f"/api/v1/security/incident-events/?incident={incident_a.pk}").status_code == 200
    # writes: nothing changes
    assert (
        api.patch(f"/api/v1/security/incidents/{incident_a.pk}/", {"title": "x"}, format="json").status_code
        == 404
    )
    response = api.post(
        "/api/v1/security/incident-events/", {"incident": incident_a.pk, "note": "menyusup"}, format="json"
    )
    assert response.status_code in (400, 403, 404)
    assert IncidentEvent.objects.filter(note="menyusup").count() == 0
    assert Incident.objects.get(pk=incident_a.pk).title == SECRET


@pytest.mark.parametrize("role", ["agency_admin", "ict_admin", "auditor"])
def test_insiders_find_it_everywhere(client, role, agency_a, incident_a):
    user = user_with_role(role, agency_a if role == "agency_admin" else None)
    client.force_login(user)
    assert SECRET in client.get("/security/incidents/").content.decode()
    assert SECRET in client.get("/search/?q=Ransomware").content.decode()
    assert SECRET in _text(client.get("/security/incidents/export/?format=csv"))
    assert SECRET in _text(client.get("/security/incidents/export/?format=xlsx"))
    assert client.get(f"/security/incidents/{incident_a.pk}/").status_code == 200
    api = APIClient()
    api.force_authenticate(user)
    assert [r["title"] for r in api.get("/api/v1/security/incidents/").json()["results"]] == [SECRET]


def test_reference_to_an_incident_is_hidden_from_outsiders(agency_a, agency_b, incident_a):
    from spbe.core import references

    outsider = user_with_role(Role.LEADER)
    assert references.may_be_hidden(Incident)
    assert references.for_user(outsider).is_hidden(incident_a)
    assert not references.for_user(user_with_role(Role.AUDITOR)).is_hidden(incident_a)


def test_only_the_ict_office_handles(client, agency_a, incident_a, editor_a, ict_admin):
    client.force_login(editor_a)
    assert client.get(f"/security/incidents/{incident_a.pk}/handle/").status_code == 403
    response = client.post(
        f"/security/incidents/{incident_a.pk}/handle/", {"severity": "serious", "status": "triaged"}
    )
    assert response.status_code == 403
    assert Incident.objects.get(pk=incident_a.pk).severity == "untriaged"
    client.force_login(ict_admin)
    response = client.post(
        f"/security/incidents/{incident_a.pk}/handle/",
        {"severity": "serious", "status": "contained", "containment": "Jaringan diisolasi."},
    )
    assert response.status_code == 302
    incident = Incident.objects.get(pk=incident_a.pk)
    assert (incident.severity, incident.status) == ("serious", "contained")
    assert incident.events.filter(kind="triage").exists()


def test_handling_fields_are_not_on_the_agency_form_nor_writable_by_api(
    client_a, agency_a, incident_a, editor_a
):
    body = client_a.get(f"/security/incidents/{incident_a.pk}/edit/").content.decode()
    assert 'name="severity"' not in body and 'name="lessons_learned"' not in body
    api = APIClient()
    api.force_authenticate(editor_a)
    response = api.patch(
        f"/api/v1/security/incidents/{incident_a.pk}/",
        {"severity": "low", "status": "closed", "version": incident_a.version},
        format="json",
    )
    assert response.status_code == 200
    assert Incident.objects.get(pk=incident_a.pk).status == "reported"
