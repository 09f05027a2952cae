"""Bandwidth per agency and the internet access policy (Sigi Pasal 14 ayat (4); Kutai Barat Pasal 16
ayat (4)): each set by a decision the record cites; a change is a new decision that replaces the
previous one, which stays in the history; a recorded decision is never edited in place; blocked
sites are validated domain names; only the ICT office decides; the compliance check reads them."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from spbe.infrastructure import services
from spbe.infrastructure.models import AccessPolicy, BandwidthAllocation, WanLink

from .conftest import status_of

TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


def allocate(agency, down, up, *, days_ago=10, number="500/1/Diskominfo/2026", link=None):
    record = BandwidthAllocation(
        agency=agency,
        wan_link=link,
        download_mbps=down,
        upload_mbps=up,
        effective_from=TODAY - days_ago * DAY,
        decision_number=number,
        decision_date=TODAY - (days_ago + 2) * DAY,
        decided_by="Kepala Dinas Kominfo",
    )
    record.full_clean()
    record.save()
    return record


def policy(agency=None, **values):
    record = AccessPolicy(
        agency=agency,
        decision_number=values.pop("decision_number", "Keputusan Bupati 12/2026"),
        decision_date=values.pop("decision_date", TODAY - 5 * DAY),
        effective_from=values.pop("effective_from", TODAY - 3 * DAY),
        decided_by="Bupati",
        **values,
    )
    record.full_clean()
    record.save()
    return record


def test_a_new_decision_replaces_the_previous_one_which_stays_in_the_history(satu):
    first = allocate(satu, 50, 20, days_ago=100, number="500/1/2026")
    second = allocate(satu, 100, 50, days_ago=5, number="500/9/2026")
    assert second.replaces == first
    first.refresh_from_db()
    assert first.replaced_by == second and not first.in_force and second.in_force
    assert [a.download_mbps for a in services.bandwidth_in_force(satu)] == [100]
    # the history cannot be cut: the replaced decision is protected by its successor
    with pytest.raises(Exception):  # noqa: B017 - Django's ProtectedError through the model
        first.delete()


def test_a_recorded_decision_is_never_edited_in_place(client, satu, kominfo):
    record = allocate(satu, 50, 20)
    record.download_mbps = 80
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    assert "Keputusan yang sudah tercatat tidak diubah (unduh (Mbps))" in str(error.value)
    client.force_login(kominfo)
    api = client.patch(
        f"/api/v1/infrastructure/bandwidth/{record.pk}/", {"upload_mbps": 40}, content_type="application/json"
    )
    assert api.status_code == 400 and "Catat keputusan baru" in api.content.decode()
    notes = client.patch(
        f"/api/v1/infrastructure/bandwidth/{record.pk}/",
        {"notes": "Dievaluasi triwulan III."},
        content_type="application/json",
    )
    assert notes.status_code == 200
    record.refresh_from_db()
    assert (record.download_mbps, record.upload_mbps, record.notes) == (50, 20, "Dievaluasi triwulan III.")


def test_a_replacing_decision_may_not_start_before_the_one_it_replaces(satu):
    allocate(satu, 50, 20, days_ago=5)
    with pytest.raises(ValidationError) as error:
        allocate(satu, 100, 50, days_ago=30, number="500/2/2026")
    assert "tidak boleh berlaku lebih awal" in str(error.value)


def test_allocation_on_a_link_must_fit_the_link(satu, dua, data_center):
    link = WanLink.objects.create(name="FO Satu", a_agency=satu, b_facility=data_center, capacity_mbps=100)
    with pytest.raises(ValidationError) as error:
        allocate(satu, 200, 50, link=link)
    assert "melebihi kapasitas tautan FO Satu (100 Mbps)" in error.value.message_dict["download_mbps"][0]
    with pytest.raises(ValidationError) as error:
        allocate(dua, 10, 10, link=link)
    assert "tidak menghubungkan PD" in error.value.message_dict["wan_link"][0]
    allocate(satu, 100, 50, link=link)


def test_blocked_sites_are_validated_and_normalised(satu):
    with pytest.raises(ValidationError) as error:
        policy(satu, blocked_sites="judi.example\nbukan domain!\nhttp://")
    assert "Bukan nama domain yang sah: bukan, domain!" in error.value.message_dict["blocked_sites"][0]
    record = policy(
        satu,
        blocked_categories=["pornography", "gambling"],
        blocked_sites="https://www.Judi.Example/slot?x=1, judi.example\n*.togel.example",
        limited_sites="youtube.com",
        access_from=datetime.time(12),
        access_until=datetime.time(13),
    )
    assert record.blocked_sites == "judi.example\n*.togel.example"
    assert record.blocked_categories == ["gambling", "pornography"]
    assert record.category_labels() == ["Perjudian", "Pornografi"]


@pytest.mark.parametrize(
    ("values", "field", "text"),
    [
        ({"limited_sites": "youtube.com"}, "access_from", "memerlukan jam mulai dan jam selesai"),
        (
            {
                "limited_sites": "youtube.com",
                "access_from": datetime.time(13),
                "access_until": datetime.time(12),
            },
            "access_until",
            "harus sesudah jam akses mulai",
        ),
        (
            {
                "blocked_sites": "youtube.com",
                "limited_sites": "youtube.com",
                "access_from": datetime.time(8),
                "access_until": datetime.time(9),
            },
            "limited_sites",
            "sudah diblokir",
        ),
        ({"blocked_categories": ["kuliner"]}, "blocked_categories", "Kategori situs tidak dikenal"),
        ({}, "blocked_sites", "paling sedikit satu kategori"),
        ({"blocked_sites": "a.example", "decision_date": TODAY + DAY}, "decision_date", "masa depan"),
        (
            {"blocked_sites": "a.example", "effective_from": TODAY - 9 * DAY},
            "effective_from",
            "sebelum tanggal keputusan",
        ),
    ],
)
def test_an_access_policy_refuses_bad_input_with_a_clear_message(satu, values, field, text):
    with pytest.raises(ValidationError) as error:
        policy(satu, **values)
    assert text in " ".join(error.value.message_dict[field])
    assert not AccessPolicy.objects.exists()


def test_the_policy_in_force_is_the_agencys_own_else_the_one_for_every_agency(satu, dua):
    general = policy(None, blocked_categories=["gambling"])
    own = policy(satu, blocked_sites="judi.example", decision_number="500/3/2026")
    assert services.access_policy_in_force(satu) == own
    assert services.access_policy_in_force(dua) == general
    later = policy(
        None, blocked_categories=["gambling", "malware"], decision_number="Kep 2", effective_from=TODAY
    )
    assert later.replaces == general and services.access_policy_in_force(dua) == later


def test_only_the_ict_office_decides_bandwidth_and_access(client, admin_satu, satu, kominfo):
    client.force_login(admin_satu)
    body = {
        "agency": satu.pk,
        "download_mbps": 1000,
        "upload_mbps": 1000,
        "effective_from": str(TODAY),
        "decision_number": "x",
        "decision_date": str(TODAY),
        "decided_by": "Saya sendiri",
    }
    assert (
        client.post("/api/v1/infrastructure/bandwidth/", body, content_type="application/json").status_code
        == 403
    )
    page = client.post("/infrastructure/bandwidth/add/", body)
    assert page.status_code in (403, 200)
    assert not BandwidthAllocation.objects.exists()
    # the agency reads its allocation and the policy
    record = allocate(satu, 50, 20)
    assert client.get(f"/infrastructure/bandwidth/{record.pk}/").status_code == 200
    client.force_login(kominfo)
    created = client.post(
        "/api/v1/infrastructure/bandwidth/",
        {**body, "download_mbps": 80, "upload_mbps": 40},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["replaces"] == record.pk


def test_the_form_records_a_policy_with_categories(client, kominfo, satu):
    client.force_login(kominfo)
    response = client.post(
        "/infrastructure/access-policies/add/",
        {
            "agency": satu.pk,
            "blocked_categories": ["gambling", "malware"],
            "blocked_sites": "judi.example",
            "limited_sites": "",
            "effective_from": str(TODAY),
            "decision_number": "500/7/Diskominfo/2026",
            "decision_date": str(TODAY),
            "decided_by": "Kepala Dinas Kominfo",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    record = AccessPolicy.objects.get()
    assert record.blocked_categories == ["gambling", "malware"]
    page = client.get(record.get_absolute_url()).content.decode()
    assert "500/7/Diskominfo/2026" in page


def test_the_check_names_agencies_without_an_allocation_or_a_policy(infra_gov, satu, dua):
    from spbe.compliance import profiles

    regulation, _report = profiles.load_text(BANDWIDTH_PROFILE, source="uji-bandwidth.yaml")
    infra_gov.regulation = regulation.code
    infra_gov.save()
    status = status_of(infra_gov, "uji-bandwidth", infra_gov.ict_office)
    assert status.status == "unmet"
    allocate(satu, 50, 20)
    allocate(dua, 50, 20)
    allocate(infra_gov.ict_office, 100, 50)
    status = status_of(infra_gov, "uji-bandwidth", infra_gov.ict_office)
    assert status.status == "unmet"  # no access policy applies to anyone yet
    policy(satu, blocked_sites="judi.example")
    status = status_of(infra_gov, "uji-bandwidth", infra_gov.ict_office)
    assert status.status == "partly_met"
    policy(None, blocked_categories=["gambling"], decision_number="Kep 9")
    assert status_of(infra_gov, "uji-bandwidth", infra_gov.ict_office).status == "met"


BANDWIDTH_PROFILE = """\
schema_version: 1
id: uji-bandwidth-2026
regency: Kabupaten Uji Infrastruktur
province: Sulawesi Tengah
number: "13"
year: 2026
title: Bandwidth (uji)
set_on: 2026-01-05
parameters: {}
groups:
  - {id: infrastructure, name: Infrastruktur}
obligations:
  - {id: uji-bandwidth, citation: Pasal 14 ayat (4), group: infrastructure, statement: Dinas menetapkan bandwidth dan situs., subject: ict_office, period: on_change, severity: low, check: {type: bandwidth_access_decided}}
"""


def test_the_page_of_a_replaced_decision_names_its_successor(client, kominfo, satu):
    first = allocate(satu, 50, 20, days_ago=100, number="500/1/2026")
    allocate(satu, 100, 50, days_ago=5, number="500/9/2026")
    client.force_login(kominfo)
    page = client.get(first.get_absolute_url()).content.decode()
    assert "Digantikan oleh keputusan 500/9/2026" in page
    assert "Riwayat keputusan" in page and "500/1/2026" in page
    policy_record = policy(satu, blocked_categories=["gambling", "malware"])
    page = client.get(policy_record.get_absolute_url()).content.decode()
    assert "Perjudian, Malware dan phishing" in page and "Berlaku." in page
