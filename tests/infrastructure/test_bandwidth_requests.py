"""Bandwidth requested by an agency and decided by the ICT office through the one approval
mechanism: an approval records the allocation (citing the approval) as the decision replacing the
previous one, whose history stays; a return asks for a fix with a reason; a rejection closes it;
another agency neither sees nor acts on the request; a pending request is locked on the page,
the API and deletion."""

import datetime

import pytest

from spbe.core import approvals, permissions
from spbe.core.errors import DomainError, ProtectedError
from spbe.core.models import ApprovalStatus
from spbe.infrastructure import services
from spbe.infrastructure.models import BandwidthAllocation, BandwidthRequest
from spbe.org.choices import Role

from ..factories import user_with_role

TODAY = datetime.date.today()
NOTE = "Layanan perizinan daring membutuhkan tambahan kapasitas."


def ask(agency, down=100, up=50, **extra):
    record = BandwidthRequest(
        agency=agency, download_mbps=down, upload_mbps=up, reason="Layanan daring bertambah.", **extra
    )
    record.full_clean()
    record.save()
    return record


@pytest.fixture
def previous(satu):
    record = BandwidthAllocation(
        agency=satu,
        download_mbps=20,
        upload_mbps=10,
        effective_from=TODAY - datetime.timedelta(days=30),
        decision_number="500/3/Diskominfo/2026",
        decision_date=TODAY - datetime.timedelta(days=31),
        decided_by="Kepala Dinas Kominfo",
    )
    record.full_clean()
    record.save()
    return record


def test_an_approved_request_becomes_the_allocation_replacing_the_previous_one(
    satu, admin_satu, kominfo, previous
):
    wanted = ask(satu, ends_on=TODAY + datetime.timedelta(days=90))
    request = services.bandwidth_request_submit(request=wanted, user=admin_satu, note=NOTE)
    assert request in approvals.pending_for(kominfo)
    with pytest.raises(DomainError):  # agency staff do not decide
        approvals.approval_decide(request=request, user=admin_satu, approve=True, reason="")
    approvals.approval_decide(request=request, user=kominfo, approve=True, reason="")
    wanted.refresh_from_db()
    allocation = wanted.allocation
    assert wanted.decision == request
    assert (allocation.download_mbps, allocation.upload_mbps) == (100, 50)
    assert allocation.decision_number == f"Persetujuan SPBE No. {request.pk}"
    assert allocation.replaces == previous and allocation.effective_from == TODAY
    assert "Layanan daring bertambah." in allocation.notes
    previous.refresh_from_db()  # the previous decision stays, replaced
    assert previous.replaced_by == allocation and not previous.in_force
    assert [a.pk for a in services.bandwidth_in_force(satu)] == [allocation.pk]
    with pytest.raises(ProtectedError, match="dikunci"):
        wanted.delete()


def test_a_returned_request_is_fixed_and_resubmitted(satu, admin_satu, kominfo):
    wanted = ask(satu)
    request = services.bandwidth_request_submit(request=wanted, user=admin_satu, note=NOTE)
    with pytest.raises(DomainError, match="Alasan wajib"):
        approvals.approval_decide(request=request, user=kominfo, decision="return", reason="")
    approvals.approval_decide(
        request=request, user=kominfo, decision="return", reason="Sebutkan jumlah pengguna layanan."
    )
    wanted.download_mbps = 80
    wanted.full_clean()  # editable again
    wanted.save()
    again = services.bandwidth_request_submit(request=wanted, user=admin_satu, note=NOTE + " 400 pengguna.")
    assert again.pk == request.pk and again.status == ApprovalStatus.PENDING
    assert [d.reason for d in again.decisions.all()] == ["Sebutkan jumlah pengguna layanan."]
    approvals.approval_decide(request=again, user=kominfo, approve=True, reason="")
    wanted.refresh_from_db()
    assert wanted.allocation.download_mbps == 80


def test_a_rejected_request_records_no_allocation(satu, admin_satu, kominfo):
    wanted = ask(satu)
    request = services.bandwidth_request_submit(request=wanted, user=admin_satu, note=NOTE)
    approvals.approval_decide(request=request, user=kominfo, approve=False, reason="Kapasitas tautan penuh.")
    wanted.refresh_from_db()
    request.refresh_from_db()
    assert request.status == ApprovalStatus.REJECTED and wanted.allocation is None
    assert not BandwidthAllocation.objects.filter(agency=satu).exists()


def test_another_agency_neither_sees_nor_acts(client, satu, dua, admin_satu, kominfo):
    wanted = ask(satu)
    request = services.bandwidth_request_submit(request=wanted, user=admin_satu, note=NOTE)
    admin_dua = user_with_role(Role.AGENCY_ADMIN, dua, "admin.dua")
    assert not permissions.can(admin_dua, wanted, permissions.VIEW)
    assert not permissions.can(admin_dua, wanted, permissions.CHANGE)
    assert permissions.can(kominfo, wanted, permissions.VIEW)
    with pytest.raises(DomainError):
        approvals.approval_decide(request=request, user=admin_dua, approve=True, reason="")
    with pytest.raises(DomainError, match="Hanya admin"):  # not for another agency
        services.bandwidth_request_submit(request=ask(satu), user=admin_dua, note=NOTE)
    client.force_login(admin_dua)
    assert client.get(f"/infrastructure/bandwidth-requests/{wanted.pk}/").status_code == 404
    listing = client.get("/api/v1/infrastructure/bandwidth-requests/")
    assert listing.status_code == 200 and listing.json()["results"] == []
    assert client.get("/infrastructure/bandwidth-requests/").status_code == 200
    creating = client.post(
        "/api/v1/infrastructure/bandwidth-requests/",
        {"agency": satu.pk, "download_mbps": 10, "upload_mbps": 5, "reason": "Untuk PD lain."},
        content_type="application/json",
    )
    assert creating.status_code == 403
    client.force_login(admin_satu)
    assert client.get(f"/infrastructure/bandwidth-requests/{wanted.pk}/").status_code == 200


def test_a_pending_request_is_locked_on_the_page_the_api_and_deletion(client, satu, admin_satu, kominfo):
    wanted = ask(satu)
    services.bandwidth_request_submit(request=wanted, user=admin_satu, note=NOTE)
    client.force_login(admin_satu)
    page = client.post(
        f"/infrastructure/bandwidth-requests/{wanted.pk}/edit/",
        {
            "agency": satu.pk,
            "download_mbps": 500,
            "upload_mbps": 50,
            "reason": "Diubah.",
            "starts_on": TODAY.isoformat(),
            "version": wanted.version,
        },
    )
    assert page.status_code in (200, 400) and "menunggu keputusan Dinas Kominfo" in page.content.decode()
    api = client.patch(
        f"/api/v1/infrastructure/bandwidth-requests/{wanted.pk}/",
        {"download_mbps": 500},
        content_type="application/json",
    )
    assert api.status_code == 400 and "dikunci" in api.content.decode()
    deleted = client.post(f"/infrastructure/bandwidth-requests/{wanted.pk}/delete/")
    assert deleted.status_code == 409 and "dikunci" in deleted.content.decode()
    wanted.refresh_from_db()
    assert wanted.download_mbps == 100
    with pytest.raises(ProtectedError):
        wanted.delete()


def test_the_request_page_sends_it_to_the_ict_office(client, satu, admin_satu, kominfo):
    wanted = ask(satu)
    client.force_login(admin_satu)
    response = client.post(f"/infrastructure/bandwidth-requests/{wanted.pk}/request/", {"note": NOTE})
    assert response.status_code == 302
    assert approvals.requests_for(wanted).get().status == ApprovalStatus.PENDING
