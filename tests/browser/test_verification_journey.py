"""A signed decision letter travels (issue 13 §2, §4): the agency downloads the ICT office's decision
on its attestation, a citizen with the file checks it on the public verification page without an
account and sees who signed it and when; a copy with one changed byte is reported as altered; an
unknown code is not this platform's. Pages pass axe-core."""

import pytest

from spbe.compliance import engine, profiles, services
from spbe.compliance.models import Obligation
from spbe.core import approvals

from ..compliance.conftest import TINY
from ..factories import AgencyFactory, GovernmentFactory, PersonFactory, user_with_role
from .axe import violations
from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.mark.django_db(transaction=True)
def test_a_downloaded_decision_letter_verifies_and_a_changed_copy_does_not(page, tmp_path):
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
    attestation = services.attestation_submit(
        obligation=Obligation.objects.get(code="uji-4-2-sop"),
        government=gov,
        agency=satu,
        user=admin_satu,
        statement="SOP layanan TIK ditetapkan dengan keputusan kepala dinas.",
        evidence_links="https://jdih.ujikab.go.id/sop",
    )
    approvals.approval_decide(
        request=approvals.requests_for(attestation).first(),
        user=reviewer,
        approve=True,
        reason="Bukti sesuai.",
    )

    login(page, "admin.satu")
    page.goto(attestation.get_absolute_url())
    with page.expect_download() as download:
        page.get_by_role("link", name="Surat keputusan (PDF bertanda tangan)").click()
    letter = tmp_path / "keputusan.pdf"
    download.value.save_as(letter)

    page.context.clear_cookies()  # a citizen, no account
    page.goto("/login/")
    page.get_by_role("link", name="Verifikasi dokumen yang diterbitkan platform").click()
    page.get_by_label("Atau unggah berkas PDF").set_input_files(str(letter))
    page.get_by_role("button", name="Periksa").click()
    verdict = page.locator("#verdict")
    assert "Dokumen sah" in verdict.inner_text()
    assert (
        "Keputusan atas Pernyataan Pemenuhan Kewajiban SPBE" in verdict.inner_text()
    )  # LIMITED: title, no copy
    assert page.get_by_role("link", name="Unduh salinan terdaftar").count() == 0
    assert violations(page) == []

    data = letter.read_bytes()
    at = data.index(b"WeasyPrint")
    changed = tmp_path / "keputusan-diubah.pdf"
    changed.write_bytes(data[:at] + b"X" + data[at + 1 :])
    page.get_by_label("Atau unggah berkas PDF").set_input_files(str(changed))
    page.get_by_role("button", name="Periksa").click()
    assert "Dokumen telah diubah" in page.locator("#verdict").inner_text()

    page.get_by_label("Kode verifikasi").fill("ABCD-EFGH-JK")
    page.get_by_role("button", name="Periksa").click()
    assert "Tidak diterbitkan oleh platform ini" in page.locator("#verdict").inner_text()
    assert violations(page) == []
