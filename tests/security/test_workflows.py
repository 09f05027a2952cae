"""Security services through the approval mechanism, certificate monitoring as evidence, the
coverage and statistics pages, and the bad input the services refuse with a message."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from spbe.core import approvals
from spbe.core.errors import DomainError
from spbe.security import services
from spbe.security.models import (
    CertificateDuty,
    CertificateMonitoring,
    ElectronicCertificate,
    IncidentEvent,
    SecurityServiceKind,
    SecurityServiceRequest,
)

from ..factories import PersonFactory, user_with_role
from .conftest import make_incident

TODAY = timezone.localdate()


@pytest.fixture
def kinds(db):
    services.service_kinds_load()
    return {k.code: k for k in SecurityServiceKind.objects.all()}


def test_sixteen_kinds_from_the_data_file(kinds):
    assert len(kinds) == 16
    assert [k.letter for k in SecurityServiceKind.objects.order_by("letter")][:3] == ["a", "b", "c"]
    assert services.service_kinds_load() == (0, 0)  # a second load changes nothing


def test_request_approved_planned_and_reported(client_a, agency_a, editor_a, ict_admin, kinds):
    row = SecurityServiceRequest.objects.create(
        agency=agency_a, kind=kinds["vulnerability-assessment"], title="Uji penetrasi", description="SIMPUS"
    )
    response = client_a.post(f"/security/services/{row.pk}/submit/", {"note": "Sebelum rilis publik."})
    assert response.status_code == 302
    (request,) = approvals.pending_for(ict_admin)
    with pytest.raises(DomainError):
        approvals.approval_decide(request=request, user=editor_a, approve=True, reason="sendiri")
    approvals.approval_decide(request=request, user=ict_admin, approve=True, reason="Dijadwalkan.")
    row.refresh_from_db()
    assert row.status == "planned" and row.planned_date is not None
    with pytest.raises(DomainError):
        services.service_request_report(
            request_row=row, user=editor_a, done_date=TODAY, report="Selesai dikerjakan."
        )
    with pytest.raises(DomainError, match="10 huruf"):
        services.service_request_report(request_row=row, user=ict_admin, done_date=TODAY, report="ok")
    services.service_request_report(
        request_row=row,
        user=ict_admin,
        done_date=TODAY,
        report="Uji penetrasi tiga hari.",
        findings="RDP terbuka.",
    )
    row.refresh_from_db()
    assert (row.status, row.findings) == ("done", "RDP terbuka.")


def test_declined_request(agency_a, editor_a, ict_admin, kinds):
    row = SecurityServiceRequest.objects.create(
        agency=agency_a, kind=kinds["awareness"], title="Literasi", description="Pelatihan phishing"
    )
    request = services.service_request_submit(request_row=row, user=editor_a)
    approvals.approval_decide(request=request, user=ict_admin, approve=False, reason="Anggaran habis.")
    row.refresh_from_db()
    assert row.status == "declined"
    with pytest.raises(DomainError):
        services.service_request_submit(request_row=row, user=editor_a)


def test_agency_cannot_set_status_through_the_form(client_a, agency_a, kinds):
    body = client_a.get("/security/services/add/").content.decode()
    assert 'name="status"' not in body and 'name="report"' not in body


def test_coverage_page_and_monitoring_evidence(client, gov, agency_a, ict_admin):
    gov.ict_office = agency_a
    gov.save()
    person = PersonFactory(agency=agency_a, name="Petugas Kedaluwarsa")
    CertificateDuty.objects.create(person=person, duty="Penandatangan naskah dinas")
    ElectronicCertificate.objects.create(
        holder=person,
        serial="X-1",
        valid_from=TODAY - datetime.timedelta(days=400),
        valid_until=TODAY - datetime.timedelta(days=3),
    )
    client.force_login(ict_admin)
    page = client.get("/security/certificates/coverage/").content.decode()
    assert "Petugas Kedaluwarsa" in page and 'id="coverage-percent">0%' in page
    response = client.post("/security/certificates/coverage/", {"notes": "Triwulan I"})
    assert response.status_code == 302
    record = CertificateMonitoring.objects.get()
    assert (record.duties, record.covered, record.agencies_below, record.agency_id) == (1, 0, 1, agency_a.pk)
    # an agency admin sees the page but cannot record
    client.force_login(user_with_role("agency_admin", agency_a))
    assert client.get("/security/certificates/coverage/").status_code == 200
    assert client.post("/security/certificates/coverage/", {"notes": "x"}).status_code == 403
    assert CertificateMonitoring.objects.count() == 1


def test_statistics_count_what_the_reader_may_see(client, agency_a, agency_b, ict_admin):
    make_incident(agency_a)
    make_incident(agency_b, kind="failure")
    client.force_login(ict_admin)
    assert 'id="stat-total">2<' in client.get("/security/incidents/statistics/").content.decode()
    client.force_login(user_with_role("agency_admin", agency_a))
    assert 'id="stat-total">1<' in client.get("/security/incidents/statistics/").content.decode()
    client.force_login(user_with_role("leader"))
    assert 'id="stat-total">0<' in client.get("/security/incidents/statistics/?year=abc").content.decode()


def test_report_validation_messages_name_the_field(client_a, agency_a):
    future = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client_a.post(
        "/security/incidents/add/",
        {
            "agency": agency_a.pk,
            "title": "Uji",
            "kind": "attack",
            "occurred_at": future,
            "detected_at": future,
            "description": "x",
            "data_secured": "on",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Waktu kejadian tidak boleh di masa depan." in body
    assert "Uraikan langkah pengamanan data yang sudah dilakukan." in body


def test_new_incident_notifies_the_ict_office(agency_a, ict_admin, django_capture_on_commit_callbacks):
    from spbe.core.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        incident = make_incident(agency_a)
    note = Notification.objects.get(user=ict_admin)
    assert agency_a.name in note.title and note.url == incident.get_absolute_url()


def test_evidence_is_hashed_and_downloaded_only_in_scope(client_a, agency_a, incident_a, outsider_b, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("log.txt", b"baris log serangan", content_type="text/plain")
    response = client_a.post(
        "/security/incident-events/add/",
        {
            "incident": incident_a.pk,
            "at": "2026-01-05T08:00",
            "kind": "evidence",
            "note": "Log",
            "evidence": upload,
        },
    )
    assert response.status_code == 302
    event = IncidentEvent.objects.get(note="Log")
    assert len(event.sha256) == 64
    assert client_a.get(f"/security/incident-events/{event.pk}/evidence/").status_code == 200
    client.force_login(outsider_b)
    assert client.get(f"/security/incident-events/{event.pk}/evidence/").status_code == 404


def test_evidence_file_content_file(agency_a, incident_a):
    event = incident_a.events.get()
    event.evidence.save("x.txt", ContentFile(b"x"), save=True)
    assert event.evidence.name.startswith(f"security/incidents/{incident_a.pk}/")
