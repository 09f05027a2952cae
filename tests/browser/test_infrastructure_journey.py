"""An agency asks for an address block, the ICT office allocates it through the approval inbox,
then gives a server the block's next free address; the network map is drawn from what was
recorded. Every page on the way passes axe-core with no serious or critical violation."""

import pytest

from spbe.infrastructure.choices import FacilityKind, PrefixStatus
from spbe.infrastructure.models import Facility, Prefix, Server, WanLink

from ..factories import AgencyFactory, GovernmentFactory, PersonFactory, user_with_role
from ..infrastructure.conftest import load_tiny
from .axe import violations
from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _clean(page):
    found = violations(page)
    assert not found, found


@pytest.mark.django_db(transaction=True)
def test_an_agency_gets_an_address_block_and_a_server_its_address(page, tmp_path):
    regulation = load_tiny(code="uji-perjalanan-infra", hosting="autonomous_only")
    gov = GovernmentFactory(
        name="Pemerintah Kabupaten Uji", domain="ujiinfra.go.id", regulation=regulation.code
    )
    satu = AgencyFactory(government=gov, name="Dinas Satu", short_name="D1")
    gov.ict_office = AgencyFactory(government=gov, name="Dinas Kominfo Uji", short_name="Kominfo")
    gov.save()
    reviewer = user_with_role("ict_admin", None, "kominfo")
    PersonFactory(agency=gov.ict_office, user=reviewer)
    admin_satu = user_with_role("agency_admin", satu, "admin.satu")
    PersonFactory(agency=satu, user=admin_satu)
    container = Prefix(prefix="10.70.0.0/16", status=PrefixStatus.CONTAINER, description="Jaringan intra")
    container.full_clean()
    container.save()
    dc = Facility.objects.create(name="Pusat Data Uji", kind=FacilityKind.DATA_CENTER, agency=gov.ict_office)
    Server.objects.create(agency=satu, name="vps-satu", kind="virtual", hosting="vps", facility=dc)
    WanLink.objects.create(name="FO Satu", a_agency=satu, b_facility=dc, capacity_mbps=1000)

    login(page, "admin.satu")
    page.goto("/infrastructure/address-requests/add/")
    page.get_by_label("PD pemohon").select_option(label="Dinas Satu")
    page.get_by_label("Keperluan").fill("LAN kantor baru")
    page.get_by_label("Panjang prefiks yang diminta").fill("24")
    _clean(page)
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url("**/infrastructure/address-requests/*/")
    request_url = page.url
    page.get_by_role("link", name="Ajukan ke Dinas Kominfo").click()
    page.get_by_label("Penjelasan permohonan").fill("Kantor baru di lantai dua untuk 120 pegawai.")
    _clean(page)
    page.get_by_role("button", name="Kirim permohonan").click()
    page.wait_for_url(request_url)
    assert "Permohonan dikirim" in page.locator("main").inner_text()
    assert "Menunggu" in page.locator("#approvals").inner_text()

    page.context.clear_cookies()
    login(page, "kominfo")
    page.goto("/approvals/")
    page.get_by_role("link", name="Alokasi blok alamat IP: /24 LAN kantor baru").first.click()
    page.get_by_label("Alasan").fill("Sesuai rencana penomoran jaringan intra.")
    page.get_by_role("button", name="Setujui").click()
    assert "Keputusan disimpan" in page.locator("main").inner_text()

    page.goto(request_url)
    assert "10.70.0.0/24" in page.locator("main").inner_text()
    page.goto("/infrastructure/prefixes/?q=10.70.0.0/24")
    page.get_by_role("link", name="10.70.0.0/24").click()
    assert "Alamat bebas berikutnya: 10.70.0.1" in page.locator("#prefix-usage").inner_text()
    _clean(page)
    page.get_by_role("link", name="Alokasikan alamat berikutnya").click()
    page.get_by_label("Host").select_option(label="vps-satu")
    page.get_by_label("Nama DNS").fill("satu.ujiinfra.go.id")
    _clean(page)
    page.get_by_role("button", name="Alokasikan").click()
    page.wait_for_url("**/infrastructure/addresses/*/")
    assert "Alamat 10.70.0.1 dialokasikan." in page.locator("main").inner_text()

    page.goto("/infrastructure/network-map/")
    drawn = page.locator("#network-map").inner_text()
    assert "Pusat Data Uji" in drawn and "D1" in drawn and "10.70.0.0/24" in drawn
    _clean(page)

    page.context.clear_cookies()
    login(page, "admin.satu")
    page.goto("/infrastructure/servers/")
    _clean(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(request_url)
    page.screenshot(path=str(tmp_path / "address-request-390.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto("/infrastructure/network-map/")
    page.screenshot(path=str(tmp_path / "network-map-1366.png"), full_page=True)
