"""A reviewer returns a request for revision: a reason is required, the requester fixes and resubmits,
and only a decider may decide (403 otherwise)."""

from spbe.core.models import ApprovalRequest, AuditEvent, Notification

from .conftest import ApplicationFactory

NOTE = "Kebutuhan layanan kesehatan daerah; tidak ada padanan kode terbuka."


def submit(client, app):
    response = client.post(f"/applications/applications/{app.pk}/request/consultation/", {"note": NOTE})
    assert response.status_code == 302
    return ApprovalRequest.objects.get(kind="applications.consultation")


def test_return_needs_a_reason_then_the_requester_resubmits(
    client, agency_a, editor_a, ict_admin, django_capture_on_commit_callbacks
):
    app = ApplicationFactory(agency=agency_a, name="SIMPUS")
    client.force_login(editor_a)
    approval = submit(client, app)

    client.force_login(ict_admin)
    page = client.get(f"/approvals/{approval.pk}/").content.decode()
    assert 'value="return"' in page and "Kembalikan untuk diperbaiki" in page
    for decision in ("return", "reject"):
        response = client.post(f"/approvals/{approval.pk}/", {"decision": decision, "reason": "  "})
        assert response.status_code == 400
        assert "Alasan wajib diisi" in response.content.decode()
    approval.refresh_from_db()
    assert (approval.status, approval.decisions.count()) == ("pending", 0)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/approvals/{approval.pk}/", {"decision": "return", "reason": "Lampirkan analisis kebutuhan."}
        )
    assert response.status_code == 302
    approval.refresh_from_db()
    assert approval.status == "returned"
    assert AuditEvent.objects.filter(code="core.approval.returned", object_id=str(approval.pk)).exists()
    assert Notification.objects.filter(user=editor_a, title__contains="dikembalikan").exists()

    client.force_login(editor_a)
    page = client.get(f"/approvals/{approval.pk}/").content.decode()
    assert "Lampirkan analisis kebutuhan." in page and 'value="resubmit"' in page
    response = client.post(
        f"/approvals/{approval.pk}/", {"decision": "resubmit", "note": "Analisis kebutuhan dilampirkan."}
    )
    assert response.status_code == 302
    approval.refresh_from_db()
    assert (approval.status, approval.step, approval.note) == (
        "pending",
        0,
        "Analisis kebutuhan dilampirkan.",
    )
    assert ApprovalRequest.objects.filter(kind="applications.consultation").count() == 1  # same request

    client.force_login(ict_admin)
    response = client.post(f"/approvals/{approval.pk}/", {"decision": "approve", "reason": ""})
    assert response.status_code == 302  # a reason is optional to accept
    approval.refresh_from_db()
    assert approval.status == "approved"
    assert [d.returned for d in approval.decisions.order_by("decided_at")] == [True, False]


def test_someone_who_may_not_decide_gets_403_and_nothing_changes(
    client, agency_a, editor_a, outsider_b, ict_admin
):
    app = ApplicationFactory(agency=agency_a, name="SIMPEG")
    client.force_login(editor_a)
    approval = submit(client, app)
    response = client.post(f"/approvals/{approval.pk}/", {"decision": "return", "reason": "Saya sendiri."})
    assert response.status_code == 403  # the requester
    client.force_login(ict_admin)
    client.post(f"/approvals/{approval.pk}/", {"decision": "return", "reason": "Perbaiki catatan."})
    client.force_login(outsider_b)
    response = client.post(f"/approvals/{approval.pk}/", {"decision": "resubmit"})
    assert response.status_code in (403, 404)  # only the requester resubmits
    approval.refresh_from_db()
    assert approval.status == "returned"
