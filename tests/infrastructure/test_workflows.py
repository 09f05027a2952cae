"""Requests through the approval mechanism: an address block allocated on approval, a subdomain
granted by whoever the profile names, the ICT office's recommendation before purchase; names
under the official domain."""

import pytest
from django.core.exceptions import ValidationError

from spbe.core import approvals
from spbe.core.errors import DomainError
from spbe.infrastructure import services
from spbe.infrastructure.choices import DomainKind, DomainStatus, PrefixStatus
from spbe.infrastructure.models import AddressRequest, Asset, Domain, Mailbox
from spbe.org.choices import Role

from ..factories import user_with_role
from .conftest import prefix, use_profile

NOTE = "Jaringan kantor baru di lantai dua untuk 120 pegawai."


def test_an_address_block_request_is_allocated_when_the_ict_office_approves(satu, admin_satu, kominfo):
    container = prefix("10.10.0.0/16", PrefixStatus.CONTAINER)
    prefix("10.10.0.0/24")  # already used by the ICT office
    wanted = AddressRequest.objects.create(agency=satu, purpose="LAN kantor", length=24)
    request = services.address_request_submit(request=wanted, user=admin_satu, note=NOTE)
    with pytest.raises(DomainError):
        approvals.approval_decide(request=request, user=admin_satu, approve=True, reason="")
    approvals.approval_decide(request=request, user=kominfo, approve=True, reason="Sesuai rencana jaringan.")
    wanted.refresh_from_db()
    assert wanted.allocated.prefix == "10.10.1.0/24"
    assert wanted.allocated.assigned_to == satu
    assert container.pk != wanted.allocated.pk


def test_a_subdomain_is_granted_by_whoever_the_profile_names(infra_gov, satu, admin_satu, kominfo):
    use_profile(infra_gov, grantor="leader_decree")
    leader = user_with_role(Role.LEADER, None, "bupati.uji")
    domain = Domain(agency=satu, name="simpeg.ujiinfra.go.id", purpose="Sistem kepegawaian")
    domain.full_clean()
    domain.save()
    request = services.domain_request_submit(domain=domain, user=admin_satu, note=NOTE)
    assert request.kind == "infrastructure.domain.leader_decree"
    with pytest.raises(DomainError):
        approvals.approval_decide(request=request, user=kominfo, approve=True, reason="")
    approvals.approval_decide(request=request, user=leader, approve=True, reason="Keputusan Bupati 12/2026")
    domain.refresh_from_db()
    assert domain.status == DomainStatus.GRANTED and domain.decision_id == request.pk


def test_names_must_sit_under_the_official_domain(satu):
    with pytest.raises(ValidationError) as error:
        Domain(agency=satu, name="simpeg.example.com", purpose="x").full_clean()
    assert "ujiinfra.go.id" in error.value.message_dict["name"][0]
    special = Domain(agency=satu, name="festival-uji.id", kind=DomainKind.SPECIAL, purpose="Festival")
    special.full_clean()
    with pytest.raises(ValidationError) as error:
        Mailbox(agency=satu, address="kepala.dinas@gmail.com", holder="Kepala").full_clean()
    assert "@ujiinfra.go.id" in error.value.message_dict["address"][0]
    Mailbox(agency=satu, address="Kepala@UjiInfra.go.id", holder="Kepala").full_clean()


def test_a_special_domain_needs_the_sekda_after_the_ict_office(satu, admin_satu, kominfo):
    leader = user_with_role(Role.LEADER, None, "sekda.uji")
    special = Domain.objects.create(
        agency=satu, name="festival-uji.id", kind=DomainKind.SPECIAL, purpose="Festival"
    )
    request = services.domain_request_submit(domain=special, user=admin_satu, note=NOTE)
    approvals.approval_decide(request=request, user=kominfo, approve=True, reason="")
    special.refresh_from_db()
    assert special.status == DomainStatus.REQUESTED  # the Sekda has not decided yet
    approvals.approval_decide(request=request, user=leader, approve=True, reason="Diizinkan")
    special.refresh_from_db()
    assert special.status == DomainStatus.GRANTED


def test_the_ict_office_recommends_before_purchase(satu, admin_satu, kominfo):
    asset = Asset.objects.create(agency=satu, tag="PC-2026-01", name="Komputer layanan", category="computer")
    request = services.asset_recommendation_submit(asset=asset, user=admin_satu, note=NOTE)
    approvals.approval_decide(
        request=request, user=kominfo, approve=True, reason="Spesifikasi sesuai jaringan."
    )
    asset.refresh_from_db()
    assert asset.recommendation_id == request.pk
    with pytest.raises(DomainError, match="sudah memperoleh"):
        services.asset_recommendation_submit(asset=asset, user=admin_satu, note=NOTE)


def test_an_asset_in_use_with_a_holder_needs_signed_acceptance(satu):
    import datetime

    asset = Asset(
        agency=satu,
        tag="LP-1",
        name="Laptop",
        category="computer",
        status="in_use",
        holder="Budi",
        acquired_on=datetime.date(2024, 1, 10),
        cost=12_000_000,
        useful_life_years=4,
    )
    with pytest.raises(ValidationError) as error:
        asset.full_clean()
    assert "serah terima" in error.value.message_dict["accepted_on"][0]
    assert asset.book_value(datetime.date(2026, 1, 10)) == 6_000_000


def test_the_network_map_is_drawn_from_the_inventory(client, kominfo, satu, dua, data_center):
    from spbe.infrastructure.models import LocalNetwork, WanLink

    WanLink.objects.create(name="FO Satu", a_agency=satu, b_facility=data_center, capacity_mbps=100)
    WanLink.objects.create(name="Radio Dua", a_agency=dua, b_agency=satu, medium="radio", status="down")
    lan = prefix("10.11.1.0/24", agency=satu)
    LocalNetwork.objects.create(agency=satu, name="Kantor", prefix=lan, end_devices=40)
    client.force_login(kominfo)
    svg = client.get("/infrastructure/network-map/?format=svg")
    assert svg["Content-Type"].startswith("image/svg+xml")
    text = svg.content.decode()
    for expected in ("Pusat Data Uji", "D1", "D2", "100 Mbps", "10.11.1.0/24", "LAN Kantor"):
        assert expected in text
    assert text.count('class="wan"') == 2 and "stroke-dasharray" in text  # the down link is dashed
    page = client.get("/infrastructure/network-map/")
    assert page.status_code == 200 and b"<svg" in page.content
