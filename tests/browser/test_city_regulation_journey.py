"""Issue 9: a regulation nobody on the project has seen, written only from docs/regulations/ (a city's
Peraturan Wali Kota with a principles article, a range citation and a relative deadline), is uploaded by
the platform admin, chosen on the government's edit page, survives an unrelated edit of the phone number,
and is evaluated on the dashboard, which names the Wali Kota."""

import pytest
from django.utils import timezone

from spbe.compliance.events import add_months
from spbe.org.models import Government

from ..factories import AgencyFactory, GovernmentFactory, user_with_role
from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ENACTED = add_months(timezone.localdate(), -3)

# Written from docs/regulations/check-types.md and docs/compliance.md, not copied from a shipped profile.
PERWALI = f"""\
schema_version: 3
government_kind: kota
id: kota-tanjung-rawa-4-2026
regency: Kota Tanjung Rawa
province: Kalimantan Utara
number: "4"
year: 2026
title: Sistem Pemerintahan Berbasis Elektronik di Lingkungan Pemerintah Kota
set_on: "{ENACTED.isoformat()}"
parameters: {{}}
activity_kinds:
  - code: rawa_spbe_forum
    name: Forum SPBE Kota
    recorded_by: coordination_team
groups:
  - {{id: tata_kelola, name: Tata Kelola SPBE}}
  - {{id: layanan, name: Layanan SPBE}}
obligations:
  - id: rawa-2-asas
    citation: Pasal 2
    group: tata_kelola
    statement: SPBE kota berasaskan efektivitas, keterpaduan, kesinambungan dan keamanan.
    subject: government
    period: continuous
    severity: low
    check: {{type: note}}
  - id: rawa-5-7-dinas
    citation: Pasal 5-7
    group: tata_kelola
    statement: Wali Kota menunjuk dinas yang membidangi komunikasi dan informatika sebagai pengelola SPBE.
    subject: government
    period: once
    severity: high
    check: {{type: ict_office_designated}}
  - id: rawa-9-1-forum-pertama
    citation: Pasal 9 ayat (1) dan (3)
    group: tata_kelola
    statement: Forum SPBE Kota bersidang pertama kali paling lambat 4 bulan setelah Peraturan Wali Kota ini ditetapkan.
    subject: coordination_team
    period: once
    severity: high
    check: {{type: deadline, params: {{activity: rawa_spbe_forum, within: 4 months, after: regulation_enacted}}}}
  - id: rawa-10-layanan
    citation: Pasal 10 ayat (2)
    group: layanan
    statement: Setiap perangkat daerah meninjau standar layanan elektroniknya paling sedikit sekali dalam 18 bulan.
    subject: each_agency
    every: 18 months
    severity: medium
    check: {{type: attestation}}
"""


@pytest.mark.django_db(transaction=True)
def test_a_city_uploads_its_own_regulation_switches_to_it_and_sees_it_evaluated(page, tmp_path):
    gov = GovernmentFactory(name="Pemerintah Kota Tanjung Rawa", kind="kota", domain="tanjungrawakota.go.id")
    gov.ict_office = AgencyFactory(
        government=gov, name="Dinas Komunikasi dan Informatika", short_name="Diskominfo"
    )
    gov.save()
    AgencyFactory(government=gov, name="Dinas Kesehatan", short_name="Dinkes")
    user_with_role("platform_admin", None, "admin.kota")
    profile = tmp_path / "perwali-tanjung-rawa-4-2026.yaml"
    profile.write_text(PERWALI, encoding="utf-8")

    login(page, "admin.kota")
    page.goto("/compliance/regulations/")
    page.get_by_label("Berkas profil (YAML)").set_input_files(str(profile))
    page.get_by_role("button", name="Periksa dan muat").click()
    page.wait_for_url("**/compliance/regulations/*/")
    main = page.locator("main").inner_text()
    assert "Peraturan Wali Kota Tanjung Rawa Nomor 4 Tahun 2026" in main
    assert "Pasal 5-7" in main and "Catatan" in main and "Setiap 18 bulan" in main

    page.goto(f"/org/governments/{gov.pk}/edit/")
    page.get_by_label("Regulasi SPBE yang diikuti").select_option("kota-tanjung-rawa-4-2026")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url(f"**/org/governments/{gov.pk}/")
    gov.refresh_from_db()
    assert gov.regulation == "kota-tanjung-rawa-4-2026"

    # An unrelated change keeps the regulation.
    page.goto(f"/org/governments/{gov.pk}/edit/")
    page.get_by_label("Telepon").fill("0552-21234")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url(f"**/org/governments/{gov.pk}/")
    gov = Government.objects.get(pk=gov.pk)
    assert (gov.phone, gov.regulation) == ("0552-21234", "kota-tanjung-rawa-4-2026")

    page.goto("/compliance/")
    page.get_by_role("button", name="Evaluasi sekarang").click()
    page.wait_for_url("**/compliance/")
    body = page.locator("main").inner_text()
    assert "Kepatuhan terhadap Peraturan Wali Kota Tanjung Rawa Nomor 4 Tahun 2026" in body
    assert "Wali Kota Tanjung Rawa" in body and "Bupati" not in body
    assert "Evaluasi penuh terakhir" in body
    page.goto("/compliance/subjects/government/")
    rows = page.locator("main").inner_text()
    assert "Pasal 5-7" in rows and "Terpenuhi" in rows  # the ICT office is designated
    assert "Pasal 9 ayat (1) dan (3)" in rows and "Belum ada Forum SPBE Kota" in rows  # the deadline runs
    assert "Pasal 2" not in rows.replace("Pasal 2-", "")  # the principles article is never scored
