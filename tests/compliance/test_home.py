"""Each role's first page shows its work, with a constant number of queries, and the menu shows
what the role can use."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from spbe.compliance import engine, services
from spbe.compliance.models import Attestation, AttestationStatus, Obligation
from spbe.core import audit

from ..conftest import PASSWORD
from ..factories import AgencyFactory, PersonFactory, user_with_role

ROLES = {
    "kominfo": ("ict_admin", None),
    "bupati": ("leader", None),
    "admin.d1": ("agency_admin", "D1"),
    "auditor": ("auditor", None),
    "helpdesk.d2": ("service_desk_tier1", "D2"),
}


def build(gov, size: int) -> dict:
    """A government with `size` agencies, each with a pending and an expiring attestation."""
    agencies = [
        AgencyFactory(government=gov, name=f"Dinas {i:02d}", short_name=f"D{i}") for i in range(1, size + 1)
    ]
    gov.ict_office = agencies[0]
    gov.save()
    users = {}
    for username, (role, short) in ROLES.items():
        agency = next((a for a in agencies if a.short_name == short), None)
        users[username] = user_with_role(role, agency, username)
        PersonFactory(
            agency=agency or agencies[0],
            user=users[username],
            name=f"Nama {username}",
            position="Jabatan uji",
        )
    engine.run_full(gov)
    sop = Obligation.objects.get(code="uji-4-2-sop")
    today = timezone.localdate()
    for agency in agencies:
        submitter = users["admin.d1"]
        if agency.short_name != "D1":
            submitter = user_with_role("agency_admin", agency)
            PersonFactory(agency=agency, user=submitter)
        services.attestation_submit(
            obligation=sop,
            government=gov,
            agency=agency,
            user=submitter,
            statement="SOP layanan TIK ditetapkan tahun ini.",
            evidence_links="https://jdih.ujikab.go.id/sop",
        )
        Attestation.objects.create(
            government=gov,
            obligation=sop,
            agency=agency,
            statement="SOP tahun lalu.",
            evidence_links="https://jdih.ujikab.go.id/sop-lama",
            valid_from=today - datetime.timedelta(days=300),
            valid_until=today + datetime.timedelta(days=20),
            status=AttestationStatus.ACCEPTED,
            submitted_by=submitter,
            created_by=submitter,
        )
    engine.run_full(gov)
    audit.record_event("core.approval.submitted", sop, message="uji")
    return {"agencies": agencies, "users": users}


def _home(client, username):
    client.logout()
    assert client.login(username=username, password=PASSWORD)
    client.get("/")  # warm what each process keeps between requests (core/versions.py)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.mark.parametrize("username", list(ROLES))
def test_home_page_makes_a_constant_number_of_queries(client, tiny_gov, username):
    build(tiny_gov, 3)
    _text, small = _home(client, username)
    for i in range(4, 13):
        AgencyFactory(government=tiny_gov, name=f"Dinas {i:02d}", short_name=f"D{i}")
    engine.run_full(tiny_gov)
    _text, large = _home(client, username)
    assert large == small, f"{username}: {small} queries at 3 agencies, {large} at 12"


def test_each_role_sees_its_work(client, tiny_gov):
    build(tiny_gov, 3)
    ict, _n = _home(client, "kominfo")
    assert "Menunggu keputusan Anda" in ict and "Pernyataan pemenuhan kewajiban · D2" in ict
    assert "0 hari" in ict  # the age of each request
    assert "Pernyataan yang segera atau sudah kedaluwarsa" in ict and "berlaku sampai" in ict
    assert "card-link" not in ict  # no counters any more ("Pegawai 494")

    leader, _n = _home(client, "bupati")
    assert 'href="/compliance/report.pdf"' in leader
    ranked = leader.split('id="home-ranked"', 1)[1]
    assert ranked.index("Dinas 01") < ranked.index("Dinas 02") or "Dinas 01" in ranked
    assert "Setiap PD memiliki SOP layanan TIK yang ditetapkan." in leader  # obligations in words

    agency, _n = _home(client, "admin.d1")
    duties = agency.split('id="home-duties"', 1)[1]
    assert "Setiap PD menugaskan petugas service desk tier 1." in duties
    assert "Langkah berikutnya" in duties
    assert "Pernyataan pemenuhan kewajiban" in agency.split('id="home-requests"', 1)[1]

    auditor, _n = _home(client, "auditor")
    assert "Modul audit TIK (rencana audit, temuan dan tindak lanjut) belum tersedia" in auditor
    desk, _n = _home(client, "helpdesk.d2")
    assert "Modul service desk" in desk


def test_navigation_shows_what_the_role_can_use(client, tiny_gov):
    build(tiny_gov, 2)
    desk, _n = _home(client, "helpdesk.d2")
    menu = desk.split('id="sidebar-menu"', 1)[1].split("</aside>", 1)[0]
    assert "Pegawai" in menu and "Katalog aplikasi" in menu
    assert "Penugasan peran" not in menu and "Matriks kepatuhan" not in menu
    admin, _n = _home(client, "kominfo")
    menu = admin.split('id="sidebar-menu"', 1)[1].split("</aside>", 1)[0]
    assert "Penugasan peran" in menu and "Matriks kepatuhan" in menu
