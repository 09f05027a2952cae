"""From the matrix to an accepted attestation: the ICT office finds an agency's unmet duty, the agency
attests it with evidence, the reviewer accepts, and the matrix shows the change."""

import pytest

from spbe.compliance import engine, profiles

from ..compliance.conftest import TINY
from ..factories import AgencyFactory, GovernmentFactory, PersonFactory, user_with_role
from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.mark.django_db(transaction=True)
def test_matrix_to_accepted_attestation(page, tmp_path):
    regulation, _ = profiles.load_text(TINY, source="uji.yaml")
    gov = GovernmentFactory(name="Pemerintah Kabupaten Uji", regulation=regulation.code)
    satu = AgencyFactory(government=gov, name="Dinas Satu", short_name="D1")
    gov.ict_office = AgencyFactory(government=gov, name="Dinas Kominfo Uji", short_name="Kominfo")
    gov.save()
    reviewer = user_with_role("ict_admin", None, "kominfo")
    PersonFactory(agency=gov.ict_office, user=reviewer)
    admin_satu = user_with_role("agency_admin", satu, "admin.satu")
    PersonFactory(agency=satu, user=admin_satu)
    engine.run_full(gov)

    login(page, "kominfo")
    page.goto("/compliance/")
    matrix = page.locator("#compliance-matrix")
    d1_row = matrix.locator("tr", has=page.get_by_role("link", name="D1", exact=True))
    assert d1_row.locator("td").nth(1).inner_text().strip() == "0%"  # Manajemen SPBE: nothing met yet
    d1_row.locator("td").nth(1).get_by_role("link").click()
    page.wait_for_url("**/compliance/agencies/*/?group=management")
    sop_row = page.locator("tr", has_text="Pasal 4 ayat (2)")
    assert "Menunggu pernyataan" in sop_row.inner_text()
    page.get_by_role("link", name="Pasal 4 ayat (2)").click()
    assert "Setiap PD memiliki SOP layanan TIK" in page.locator("main").inner_text()

    page.context.clear_cookies()
    login(page, "admin.satu")
    page.goto("/compliance/mine/")
    page.locator("tr", has_text="Pasal 4 ayat (2)").get_by_role("link", name="Nyatakan terpenuhi").click()
    page.get_by_label("Pernyataan").fill(
        "SOP layanan TIK ditetapkan dengan keputusan kepala dinas tahun 2026."
    )
    evidence = tmp_path / "sop-layanan-tik.pdf"
    evidence.write_bytes(b"%PDF-1.4 SOP layanan TIK Dinas Satu")
    page.get_by_label("Berkas bukti").set_input_files(str(evidence))
    page.get_by_role("button", name="Ajukan pernyataan").click()
    page.wait_for_url("**/compliance/attestations/*/")
    assert "Menunggu tinjauan" in page.locator("#attestation-status").inner_text()
    assert "sop-layanan-tik.pdf" in page.locator("main").inner_text()

    page.context.clear_cookies()
    login(page, "kominfo")
    page.goto("/approvals/")
    page.get_by_role("link", name="Pernyataan pemenuhan kewajiban").first.click()
    page.get_by_label("Alasan").fill("SOP sudah ditandatangani; bukti sesuai.")
    page.get_by_role("button", name="Setujui").click()
    assert "Keputusan disimpan" in page.locator("main").inner_text()

    page.goto("/compliance/")
    d1_row = page.locator("#compliance-matrix tr", has=page.get_by_role("link", name="D1", exact=True))
    assert d1_row.locator("td").nth(1).inner_text().strip() == "50%"  # the SOP now met; the help desk not yet
    page.screenshot(path=str(tmp_path / "matrix-after.png"), full_page=True)
