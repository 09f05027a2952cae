"""The four Satu Data stages in a browser: the producer uploads, the steward returns a field with
a reason, the producer fixes it, the steward accepts and publishes, and the dataset appears in the
open-data portal and the CKAN API. Every page passes axe-core with no serious or critical issue."""

import pytest

from spbe.datasets.models import Dataset

from ..datasets.conftest import classification_policy
from ..factories import AgencyFactory, GovernmentFactory, PersonFactory, user_with_role
from .axe import violations
from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _no_axe_issues(page):
    # reloaded: the one-time success message's close link is base.html's, checked elsewhere
    page.reload()
    assert violations(page) == [], page.url


@pytest.mark.django_db(transaction=True)
def test_four_stages_from_upload_to_open_data(page, tmp_path):
    gov = GovernmentFactory(name="Pemerintah Kabupaten Uji", domain="ujikab.go.id")
    dinas = AgencyFactory(government=gov, name="Dinas Pertanian Uji", short_name="Distan")
    producer = user_with_role("agency_admin", dinas, "admin.distan")
    PersonFactory(agency=dinas, user=producer)
    steward = user_with_role("data_steward", dinas, "walidata.distan")
    PersonFactory(agency=dinas, user=steward)
    open_reason = classification_policy(gov).reasons.get(level="open")

    login(page, "admin.distan")
    page.goto("/data/datasets/add/")
    page.get_by_label("Produsen data (perangkat daerah)").select_option(label="Dinas Pertanian Uji")
    page.get_by_label("Judul").fill("Produksi padi per kecamatan 2025")
    page.get_by_label("Uraian").fill("Produksi")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url("**/data/datasets/*/")
    dataset = Dataset.objects.get(title="Produksi padi per kecamatan 2025")
    _no_axe_issues(page)

    page.goto(f"/data/datasets/{dataset.pk}/stages/")
    csv = tmp_path / "padi.csv"
    csv.write_text("kecamatan,ton\nParigi,1200\nSausu,950\n", encoding="utf-8")
    upload = page.locator("#upload")
    upload.get_by_label("Nama sumber data").fill("Tabel produksi")
    upload.get_by_label("Format").select_option("CSV")
    upload.get_by_label("Berkas").set_input_files(str(csv))
    upload.get_by_role("button", name="Unggah").click()
    assert "Sumber data Tabel produksi diunggah." in page.locator("main").inner_text()
    _no_axe_issues(page)
    page.locator("#submit-review").get_by_role("button", name="Ajukan pemeriksaan").click()
    assert "diajukan ke walidata" in page.locator("main").inner_text()

    page.context.clear_cookies()
    login(page, "walidata.distan")
    page.goto(f"/data/datasets/{dataset.pk}/stages/")
    _no_axe_issues(page)
    returning = page.locator("#return")
    returning.get_by_label("Isian yang perlu diperbaiki").select_option("description")
    returning.get_by_label("Alasan").fill("Uraikan satuan (ton gabah kering giling) dan sumber datanya.")
    returning.get_by_role("button", name="Kembalikan untuk diperbaiki").click()
    assert "dikembalikan ke produsen data" in page.locator("main").inner_text()

    page.context.clear_cookies()
    login(page, "admin.distan")
    page.goto(f"/data/datasets/{dataset.pk}/stages/")
    returned = page.locator("#returned").inner_text()
    assert "Uraian" in returned and "ton gabah kering giling" in returned
    _no_axe_issues(page)
    page.goto(f"/data/datasets/{dataset.pk}/edit/")
    page.get_by_label("Uraian").fill("Produksi padi dalam ton gabah kering giling, sumber: laporan penyuluh.")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url(f"**/data/datasets/{dataset.pk}/")
    page.goto(f"/data/datasets/{dataset.pk}/stages/")
    page.locator("#submit-review").get_by_role("button", name="Ajukan pemeriksaan").click()
    assert "diajukan ke walidata" in page.locator("main").inner_text()

    page.context.clear_cookies()
    login(page, "walidata.distan")
    page.goto(f"/data/datasets/{dataset.pk}/stages/")
    classify = page.locator("#classify")
    classify.get_by_label("Klasifikasi", exact=True).select_option("open")
    classify.get_by_label("Alasan menurut kebijakan klasifikasi").select_option(str(open_reason.pk))
    classify.get_by_label("Penjelasan").fill("Statistik agregat per kecamatan, tanpa data pribadi.")
    classify.get_by_role("button", name="Catat keputusan").click()
    assert "Produksi padi per kecamatan 2025" in page.locator("main").inner_text()
    page.locator("#accept").get_by_role("button", name="Terima").click()
    assert "Dataset diterima." in page.locator("main").inner_text()
    page.locator("#publish").get_by_role("button", name="Sebarluaskan").click()
    assert "Dataset disebarluaskan." in page.locator("main").inner_text()
    history = page.locator("#review-history").inner_text()
    assert "Dikembalikan" in history and "Diterima" in history

    page.context.clear_cookies()
    page.goto("/open-data/?q=padi")
    page.get_by_role("link", name="Produksi padi per kecamatan 2025").click()
    assert "ton gabah kering giling" in page.locator("main").inner_text()
    _no_axe_issues(page)
    found = page.request.get("/api/action/package_search?q=padi").json()
    assert found["result"]["count"] == 1
    assert found["result"]["results"][0]["resources"][0]["format"] == "CSV"
