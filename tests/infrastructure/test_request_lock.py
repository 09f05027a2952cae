"""An address-block request is locked once it waits for, or has, the ICT office's decision: the
page, the API and deletion refuse the change with the same message; a returned request may be
fixed again."""

import pytest
from django.core.exceptions import ValidationError

from spbe.core import approvals
from spbe.core.errors import ProtectedError
from spbe.infrastructure import services
from spbe.infrastructure.choices import PrefixStatus
from spbe.infrastructure.models import AddressRequest

from .conftest import prefix

NOTE = "Jaringan kantor baru di lantai dua untuk 120 pegawai."


@pytest.fixture
def allocated(satu, admin_satu, kominfo):
    prefix("10.30.0.0/16", PrefixStatus.CONTAINER)
    wanted = AddressRequest.objects.create(agency=satu, purpose="LAN kantor", length=24)
    request = services.address_request_submit(request=wanted, user=admin_satu, note=NOTE)
    approvals.approval_decide(request=request, user=kominfo, approve=True, reason="Sesuai rencana.")
    wanted.refresh_from_db()
    assert wanted.allocated.prefix == "10.30.0.0/24"
    return wanted


def test_an_allocated_request_cannot_be_changed_on_the_page_or_the_api(
    client, allocated, admin_satu, kominfo
):
    for user in (admin_satu, kominfo):
        client.force_login(user)
        page = client.post(
            f"/infrastructure/address-requests/{allocated.pk}/edit/",
            {"agency": allocated.agency_id, "purpose": "Diubah", "length": 22, "version": allocated.version},
        )
        assert page.status_code in (200, 400)
        assert "sudah dialokasikan (blok 10.30.0.0/24) dan dikunci" in page.content.decode()
        api = client.patch(
            f"/api/v1/infrastructure/address-requests/{allocated.pk}/",
            {"length": 22},
            content_type="application/json",
        )
        assert api.status_code == 400
        assert "dikunci" in api.content.decode()
    allocated.refresh_from_db()
    assert allocated.length == 24 and allocated.purpose == "LAN kantor"


def test_an_allocated_request_cannot_be_deleted(client, allocated, kominfo):
    with pytest.raises(ProtectedError, match="dikunci"):
        allocated.delete()
    client.force_login(kominfo)
    response = client.post(f"/infrastructure/address-requests/{allocated.pk}/delete/")
    assert response.status_code == 409 and "dikunci" in response.content.decode()
    assert AddressRequest.objects.filter(pk=allocated.pk).exists()


def test_a_pending_request_is_locked_until_decided_and_a_returned_one_may_be_fixed(satu, admin_satu, kominfo):
    prefix("10.31.0.0/16", PrefixStatus.CONTAINER)
    wanted = AddressRequest.objects.create(agency=satu, purpose="LAN aula", length=24)
    request = services.address_request_submit(request=wanted, user=admin_satu, note=NOTE)
    wanted.length = 23
    with pytest.raises(ValidationError) as error:
        wanted.full_clean()
    assert "menunggu keputusan Dinas Kominfo" in str(error.value)
    approvals.approval_decide(
        request=request, user=kominfo, decision="return", reason="Sebutkan jumlah perangkat."
    )
    wanted.full_clean()  # returned for correction: editable again
