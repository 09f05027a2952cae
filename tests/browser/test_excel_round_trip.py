"""An agency admin exports people as XLSX, changes a cell in the file, imports it again, sees the row
as "diubah" in the dry run, applies it and finds the change on the person's page."""

import openpyxl
import pytest

from ..factories import AgencyFactory, GovernmentFactory, PersonFactory, user_with_role
from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.mark.django_db(transaction=True)
def test_agency_admin_edits_people_in_excel_and_imports_them_back(page, tmp_path):
    gov = GovernmentFactory()
    dinkes = AgencyFactory(government=gov, name="Dinas Kesehatan", short_name="Dinkes")
    user_with_role("agency_admin", dinkes, "admin.dinkes")
    nur = PersonFactory(agency=dinkes, name="Nurhayati Lamadjido", position="Analis Kesehatan")
    PersonFactory(agency=dinkes, name="Rahmat Pakaya", position="Pranata Komputer")

    login(page, "admin.dinkes")
    page.goto("/org/people/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ekspor XLSX").click()
    assert download_info.value.suggested_filename.endswith(".xlsx")
    with open(download_info.value.path(), "rb") as handle:
        workbook = openpyxl.load_workbook(handle)
    sheet = workbook.worksheets[0]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == str(nur.pk))
    row[header.index("Jabatan")].value = "Kepala Seksi Surveilans"
    edited = tmp_path / "pegawai.xlsx"
    workbook.save(edited)

    page.goto("/org/people/import/")
    page.get_by_label("Berkas CSV atau XLSX").set_input_files(str(edited))
    page.get_by_role("button", name="Periksa berkas").click()
    page.wait_for_url("**/org/people/import/*/")
    results = page.locator("main").inner_text()
    assert "diubah" in results and "tidak berubah" in results
    assert "Analis Kesehatan → Kepala Seksi Surveilans" in results
    page.screenshot(path=str(tmp_path / "dry-run.png"), full_page=True)
    page.get_by_role("button", name="Terapkan 2 baris").click()
    page.wait_for_selector("text=baris disimpan")
    page.get_by_role("link", name="Ke daftar pegawai").click()
    page.get_by_role("link", name="Nurhayati Lamadjido").click()
    assert "Kepala Seksi Surveilans" in page.locator("main").inner_text()
