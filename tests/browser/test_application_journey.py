"""An agency registers a closed-source application, sees what it lacks, asks the ICT office for a
technical consideration, the ICT office grants it, and the agency's compliance changes."""

import pytest

from spbe.compliance import engine

from ..applications.conftest import load_tiny
from ..factories import AgencyFactory, GovernmentFactory, PersonFactory, user_with_role
from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.mark.django_db(transaction=True)
def test_closed_source_application_to_granted_consideration(page, tmp_path):
    regulation = load_tiny(code="uji-perjalanan-aplikasi")
    gov = GovernmentFactory(
        name="Pemerintah Kabupaten Uji", domain="ujikab.go.id", regulation=regulation.code
    )
    satu = AgencyFactory(government=gov, name="Dinas Satu", short_name="D1")
    gov.ict_office = AgencyFactory(government=gov, name="Dinas Kominfo Uji", short_name="Kominfo")
    gov.save()
    reviewer = user_with_role("ict_admin", None, "kominfo")
    PersonFactory(agency=gov.ict_office, user=reviewer)
    admin_satu = user_with_role("agency_admin", satu, "admin.satu")
    PersonFactory(agency=satu, user=admin_satu)
    engine.run_full(gov)

    login(page, "admin.satu")
    page.goto("/applications/applications/add/")
    page.get_by_label("Perangkat daerah pemilik").select_option(label="Dinas Satu")
    page.get_by_label("Nama", exact=True).fill("SIM Retribusi Pasar")
    page.get_by_label("Tujuan dan fungsi").fill("Penagihan dan pembayaran retribusi pasar daerah.")
    page.get_by_label("Jenis", exact=True).select_option(label="Aplikasi Khusus")
    page.get_by_label("Alamat", exact=True).fill("https://retribusi.ujikab.go.id")
    page.get_by_label("Model kode sumber").select_option(label="Kode sumber tertutup")
    page.get_by_label("Lisensi").fill("Lisensi tahunan vendor")
    page.get_by_label("Pengembang", exact=True).select_option(label="Dikembangkan PD sendiri")
    page.get_by_label("Status", exact=True).select_option(label="Beroperasi")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url("**/applications/applications/*/")
    main = page.locator("main")
    assert "SIM Retribusi Pasar dibuat." in main.inner_text()
    checklist = page.locator("#document-checklist")
    assert (
        checklist.locator("tr", has_text="Dokumen kebutuhan perangkat lunak").locator(".badge").inner_text()
        == "Belum ada"
    )
    assert checklist.locator("tr", has_text="Manual pengguna").locator(".badge").inner_text() == "Belum ada"
    consideration = page.locator('#decision-table tr[data-decision="technical-consideration"]')
    assert "Belum ada" in consideration.inner_text()
    app_url = page.url
    # The Kepatuhan panel at a laptop's width: its long reasons wrap inside the card, nothing is
    # cut at the card's edge (the table does not scroll sideways).
    page.set_viewport_size({"width": 1366, "height": 900})
    panel = page.locator("#panel-compliance .table-responsive")
    assert "Pasal 11 ayat (2)" in panel.inner_text()
    assert panel.evaluate("e => e.scrollWidth <= e.clientWidth")

    page.goto(f"/compliance/agencies/{satu.pk}/")
    row = page.locator("tr", has_text="Pasal 11 ayat (2)")
    assert "Belum terpenuhi" in row.inner_text()
    assert "SIM Retribusi Pasar (belum ada pertimbangan teknis)" in row.inner_text()
    docs_row = page.locator("tr", has_text="Pasal 10 ayat (1)")
    assert "Belum terpenuhi" in docs_row.inner_text()

    page.goto(app_url)
    consideration.get_by_role("link", name="Ajukan").click()
    page.get_by_label("Uraian permohonan").fill(
        "Tidak ada aplikasi retribusi berkode terbuka yang terhubung ke bank daerah; data dapat diekspor."
    )
    page.get_by_role("button", name="Kirim permohonan").click()
    page.wait_for_url("**/applications/applications/*/**")
    assert (
        "Menunggu keputusan"
        in page.locator('#decision-table tr[data-decision="technical-consideration"]').inner_text()
    )

    page.context.clear_cookies()
    login(page, "kominfo")
    page.goto("/approvals/")
    page.get_by_role(
        "link", name="Pertimbangan teknis kode sumber tertutup: SIM Retribusi Pasar"
    ).first.click()
    page.get_by_label("Alasan").fill(
        "Lisensi sah dan data dapat diambil kembali; ditinjau saat kontrak berakhir."
    )
    page.get_by_role("button", name="Setujui").click()
    assert "Keputusan disimpan" in page.locator("main").inner_text()

    page.context.clear_cookies()
    login(page, "admin.satu")
    page.goto(app_url)
    granted = page.locator('#decision-table tr[data-decision="technical-consideration"]').inner_text()
    assert "Disetujui" in granted and "Lisensi sah" in granted
    page.goto(f"/compliance/agencies/{satu.pk}/")
    row = page.locator("tr", has_text="Pasal 11 ayat (2)")
    assert "Terpenuhi" in row.inner_text() and "Belum terpenuhi" not in row.inner_text()
    assert (
        "Belum terpenuhi" in page.locator("tr", has_text="Pasal 10 ayat (1)").inner_text()
    )  # documents still lack
    page.screenshot(path=str(tmp_path / "compliance-after.png"), full_page=True)
