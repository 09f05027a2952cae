"""An agency admin's first journey: add staff, be told when a NIP is wrong, read the history,
and find nothing of another agency's CLOSED decree anywhere."""

import pytest

from ..factories import AgencyFactory, DecreeFactory, GovernmentFactory, PersonFactory, user_with_role
from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.mark.django_db(transaction=True)
def test_agency_admin_journey(page, tmp_path):
    gov = GovernmentFactory()
    dinkes = AgencyFactory(government=gov, name="Dinas Kesehatan", short_name="Dinkes")
    dukcapil = AgencyFactory(government=gov, name="Dinas Kependudukan", short_name="Disdukcapil")
    admin = user_with_role("agency_admin", dinkes, "admin.dinkes")
    PersonFactory(agency=dinkes, user=admin, name="Rahmawati Said", position="Kepala Subbagian Umum")
    secret = DecreeFactory(
        agency=dukcapil,
        classification="closed",
        number="440/017/RAHASIA",
        title="Hak Akses Basis Data Kependudukan",
    )

    login(page, "admin.dinkes")
    page.goto("/org/people/add/")
    page.get_by_label("Perangkat daerah").select_option(label="Dinas Kesehatan")
    page.get_by_label("Nama", exact=True).fill("Nurhayati Lamadjido")
    page.get_by_label("NIP").fill("198502302010012001")  # 30 February: impossible
    page.get_by_role("button", name="Simpan").click()
    error = page.locator(".invalid-feedback")
    assert "bukan tanggal yang ada" in error.inner_text()

    page.get_by_label("NIP").fill("198503142010012001")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url("**/org/people/*/")
    assert "Nurhayati Lamadjido" in page.locator("h1").inner_text()
    assert page.get_by_text("Perempuan").is_visible()  # derived from the NIP's gender digit

    page.goto("/org/people/?q=nurhayati")
    assert page.get_by_role("link", name="Nurhayati Lamadjido").is_visible()
    page.get_by_role("link", name="Nurhayati Lamadjido").click()
    page.get_by_role("link", name="Riwayat").click()
    history = page.locator("main").inner_text()
    assert "Dibuat" in history and "198503142010012001" in history
    assert "Rahmawati Said · Kepala Subbagian Umum, Dinkes" in history  # people by name and position
    assert "admin.dinkes" not in history
    page.screenshot(path=str(tmp_path / "history.png"), full_page=True)

    # Another agency's CLOSED decree: not openable, not listed, not found, not exported.
    response = page.goto(f"/org/decrees/{secret.pk}/")
    assert response.status in (403, 404)
    assert "Hak Akses" not in page.content()
    page.goto("/org/decrees/")
    assert "RAHASIA" not in page.content()
    page.goto("/search/?q=kependudukan")
    assert "Hak Akses" not in page.content()
    with page.expect_download() as download_info:
        page.evaluate("window.location.href = '/org/decrees/export/?format=csv'")
    exported = open(download_info.value.path(), encoding="utf-8-sig").read()
    assert exported.startswith("ID,Versi,Nomor") and "RAHASIA" not in exported
