"""The three requests to the ICT office, through the pages and the one approval mechanism."""

import pytest

from spbe.applications import services
from spbe.applications.choices import ApplicationKind, CommonField, DeveloperKind
from spbe.core.errors import DomainError
from spbe.core.models import ApprovalRequest, AuditEvent

from .conftest import ApplicationFactory

NOTE = "Kebutuhan layanan kesehatan daerah; tidak ada padanan kode terbuka."


def request_url(app, kind):
    return f"/applications/applications/{app.pk}/request/{kind}/"


def decide(client, approval, decision, reason):
    return client.post(f"/approvals/{approval.pk}/", {"decision": decision, "reason": reason}, follow=True)


def test_technical_consideration_requested_granted_and_shown(client, agency_a, editor_a, ict_admin):
    app = ApplicationFactory(
        agency=agency_a, name="SIMRS", source_model="closed", licence="Lisensi perpetual"
    )
    client.force_login(editor_a)
    page = client.get(app.get_absolute_url()).content.decode()
    assert 'data-decision="technical-consideration" data-state="missing"' in page
    response = client.post(request_url(app, "technical-consideration"), {"note": NOTE})
    assert response.status_code == 302
    approval = ApprovalRequest.objects.get(kind="applications.technical_consideration")
    assert approval.agency == agency_a and approval.requested_by == editor_a
    page = client.get(app.get_absolute_url()).content.decode()
    assert 'data-state="pending"' in page and NOTE in page

    client.force_login(ict_admin)
    assert "Pertimbangan teknis kode sumber tertutup: SIMRS" in client.get("/approvals/").content.decode()
    decide(client, approval, "approve", "Lisensi sah; data dapat diekspor.")
    app.refresh_from_db()
    assert app.technical_consideration == approval
    client.force_login(editor_a)
    page = client.get(app.get_absolute_url()).content.decode()
    assert 'data-decision="technical-consideration" data-state="granted"' in page
    assert "Lisensi sah; data dapat diekspor." in page
    codes = list(
        AuditEvent.objects.filter(object_id=str(app.pk), code__startswith="applications.").values_list(
            "code", flat=True
        )
    )
    assert "applications.consideration.requested" in codes and "applications.consideration.granted" in codes


def test_refusal_keeps_the_reason_and_allows_a_new_request(client, agency_a, editor_a, ict_admin):
    app = ApplicationFactory(agency=agency_a, name="Bursa Kerja")
    client.force_login(editor_a)
    client.post(request_url(app, "consultation"), {"note": NOTE})
    approval = ApprovalRequest.objects.get(kind="applications.consultation")
    client.force_login(ict_admin)
    decide(client, approval, "reject", "Gunakan aplikasi nasional SIAPkerja.")
    app.refresh_from_db()
    assert app.consultation is None
    client.force_login(editor_a)
    page = client.get(app.get_absolute_url()).content.decode()
    assert 'data-decision="consultation" data-state="rejected"' in page
    assert '<span class="rejection-reason">Gunakan aplikasi nasional SIAPkerja.</span>' in page
    assert "Ajukan lagi" in page
    assert AuditEvent.objects.filter(code="applications.consultation.refused", object_id=str(app.pk)).exists()
    response = client.post(request_url(app, "consultation"), {"note": NOTE + " Kebutuhan khusus daerah."})
    assert response.status_code == 302
    assert ApprovalRequest.objects.filter(kind="applications.consultation", status="pending").count() == 1


def test_the_requester_cannot_decide_their_own_request(client, agency_a, ict_admin):
    from ..factories import user_with_role

    other_admin = user_with_role("ict_admin", None, "kominfo.dua")
    app = ApplicationFactory(agency=agency_a, source_model="closed", licence="Lisensi")
    approval = services.technical_consideration_submit(application=app, user=ict_admin, note=NOTE)
    client.force_login(ict_admin)
    page = client.get(f"/approvals/{approval.pk}/").content.decode()
    assert "Keputusan Anda" not in page
    response = decide(client, approval, "approve", "Saya setujui sendiri.")
    assert response.status_code == 403
    assert "Pengaju tidak boleh memutus permohonannya sendiri." in response.content.decode()
    approval.refresh_from_db()
    app.refresh_from_db()
    assert approval.status == "pending" and app.technical_consideration is None
    client.force_login(other_admin)
    decide(client, approval, "approve", "Diperiksa orang lain.")
    app.refresh_from_db()
    assert app.technical_consideration_id == approval.pk


def test_only_the_owner_agency_editor_may_request(client, agency_a, viewer_a, outsider_b):
    app = ApplicationFactory(agency=agency_a, source_model="closed", licence="Lisensi")
    client.force_login(viewer_a)
    assert client.get(request_url(app, "technical-consideration")).status_code == 403
    assert client.post(request_url(app, "technical-consideration"), {"note": NOTE}).status_code == 403
    page = client.get(app.get_absolute_url()).content.decode()
    assert request_url(app, "technical-consideration") not in page  # no button either
    client.force_login(outsider_b)
    assert client.post(request_url(app, "technical-consideration"), {"note": NOTE}).status_code == 403
    secret = ApplicationFactory(agency=agency_a, classification="closed")
    assert client.get(request_url(secret, "consultation")).status_code == 404
    assert not ApprovalRequest.objects.exists()
    with pytest.raises(DomainError):
        services.technical_consideration_submit(application=app, user=viewer_a, note=NOTE)


def test_a_request_that_does_not_apply_is_refused_with_a_reason(client, agency_a, editor_a):
    open_app = ApplicationFactory(agency=agency_a, name="Terbuka")
    common = ApplicationFactory(
        agency=agency_a, kind=ApplicationKind.COMMON, developer_kind=DeveloperKind.NATIONAL
    )
    client.force_login(editor_a)
    response = client.post(request_url(open_app, "technical-consideration"), {"note": NOTE})
    assert response.status_code == 400
    assert "hanya diperlukan untuk aplikasi kode sumber tertutup" in response.content.decode()
    response = client.post(request_url(common, "consultation"), {"note": NOTE})
    assert "hanya untuk Aplikasi Khusus" in response.content.decode()
    response = client.post(request_url(open_app, "duplicate-decision"), {"note": NOTE})
    assert "tidak tampak menduplikasi" in response.content.decode()
    response = client.post(request_url(open_app, "consultation"), {"note": "singkat"})
    assert response.status_code == 400
    assert not ApprovalRequest.objects.exists()


def test_a_second_request_while_one_waits_is_refused(agency_a, editor_a):
    app = ApplicationFactory(agency=agency_a)
    services.consultation_submit(application=app, user=editor_a, note=NOTE)
    with pytest.raises(DomainError, match="masih menunggu keputusan"):
        services.consultation_submit(application=app, user=editor_a, note=NOTE)


def test_duplicate_decision_granted_lifts_the_warning(client, agency_a, editor_a, ict_admin):
    app = ApplicationFactory(agency=agency_a, name="SIMPEG Daerah", common_field=CommonField.PERSONNEL)
    client.force_login(editor_a)
    page = client.get(app.get_absolute_url()).content.decode()
    assert 'id="duplicate-warning"' in page and "SI-ASN (bidang Kepegawaian" in page
    client.post(
        request_url(app, "duplicate-decision"), {"note": "Melengkapi SI-ASN dan tersinkron setiap hari."}
    )
    approval = ApprovalRequest.objects.get(kind="applications.common_duplicate")
    client.force_login(ict_admin)
    decide(client, approval, "approve", "Boleh sebagai pelengkap SI-ASN.")
    app.refresh_from_db()
    assert app.duplicate_decision == approval
    client.force_login(editor_a)
    page = client.get(app.get_absolute_url()).content.decode()
    assert 'id="duplicate-warning"' not in page
    assert 'data-decision="duplicate-decision" data-state="granted"' in page
