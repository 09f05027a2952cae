"""A reviewer decides an attestation from the approval page alone: the evidence is on it, a refusal
needs a reason, people appear by name and position, and only the decider may post."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from spbe.compliance import engine, services
from spbe.compliance.models import Attestation, AttestationStatus, Obligation
from spbe.core.models import ApprovalRequest, ApprovalStatus

from ..conftest import PASSWORD
from ..factories import PersonFactory, user_with_role

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


@pytest.fixture
def review(tiny_gov, two_agencies, client):
    d1, _d2 = two_agencies
    tiny_gov.ict_office = d1
    tiny_gov.save()
    reviewer = user_with_role("ict_admin", None, "peninjau")
    PersonFactory(agency=d1, user=reviewer, name="Andi Peninjau", position="Kepala Bidang Aplikasi")
    submitter = user_with_role("agency_admin", d1, "admin.d1")
    PersonFactory(agency=d1, user=submitter, name="Dewi Pengaju", position="Pranata Komputer Ahli Pertama")
    engine.run_full(tiny_gov)
    obligation = Obligation.objects.get(code="uji-4-2-sop")
    attestation = services.attestation_submit(
        obligation=obligation,
        government=tiny_gov,
        agency=d1,
        user=submitter,
        statement="SOP layanan TIK ditetapkan dengan keputusan kepala dinas.",
        evidence_links="https://jdih.ujikab.go.id/sop-tik-2026",
        files=[SimpleUploadedFile("sop-layanan.pdf", PDF, content_type="application/pdf")],
    )
    request = ApprovalRequest.objects.get(object_id=attestation.pk, kind="compliance.attestation")
    return {"attestation": attestation, "request": request, "reviewer": reviewer, "submitter": submitter}


def _login(client, username):
    assert client.login(username=username, password=PASSWORD)


def test_approval_page_shows_the_evidence_and_people_by_name(client, review):
    _login(client, "peninjau")
    page = client.get(review["request"].get_absolute_url())
    text = page.content.decode()
    assert page.status_code == 200
    assert "SOP layanan TIK ditetapkan dengan keputusan kepala dinas." in text  # the record's fields
    assert 'href="https://jdih.ujikab.go.id/sop-tik-2026"' in text  # its links
    assert "sop-layanan.pdf" in text and "?inline=1" in text and "<iframe" in text  # the file, previewed
    assert "Dewi Pengaju · Pranata Komputer Ahli Pertama, D1" in text
    assert "admin.d1" not in text  # never the login name
    preview = client.get(page.context["evidence"].files[0]["preview"])
    assert preview["Content-Type"] == "application/pdf"
    assert preview["Content-Disposition"].startswith("inline")
    assert b"".join(preview.streaming_content) == PDF


def test_refusing_needs_a_reason_accepting_does_not(client, review):
    _login(client, "peninjau")
    url = review["request"].get_absolute_url()
    refused = client.post(url, {"decision": "reject", "reason": "  "})
    assert refused.status_code == 400
    assert "Alasan wajib diisi untuk menolak." in refused.content.decode()
    review["request"].refresh_from_db()
    assert review["request"].status == ApprovalStatus.PENDING

    accepted = client.post(url, {"decision": "approve", "reason": ""})
    assert accepted.status_code == 302
    review["attestation"].refresh_from_db()
    assert review["attestation"].status == AttestationStatus.ACCEPTED
    history = client.get(url).content.decode()
    assert "Andi Peninjau · Kepala Bidang Aplikasi, D1" in history
    assert "peninjau ·" not in history


@pytest.mark.parametrize("who", ["admin.d1", "outsider"])
def test_a_post_by_someone_who_may_not_decide_is_refused_with_403(client, review, two_agencies, who):
    if who == "outsider":
        user_with_role("agency_admin", two_agencies[1], "outsider")  # another agency: not the reviewer
    _login(client, who)
    response = client.post(review["request"].get_absolute_url(), {"decision": "approve", "reason": "ok"})
    assert response.status_code == 403
    review["request"].refresh_from_db()
    assert review["request"].status == ApprovalStatus.PENDING


def test_attestation_list_marks_expired_and_agency_page_offers_no_second_attestation(client, review):
    attestation = review["attestation"]
    _login(client, "admin.d1")
    agency_page = client.get(f"/compliance/agencies/{attestation.agency_id}/").content.decode()
    sop_row = agency_page.split("Pasal 4 ayat (2)", 1)[1].split("</tr>", 1)[0]
    assert "Nyatakan terpenuhi" not in sop_row
    obligation_page = client.get(f"/compliance/obligations/{attestation.obligation_id}/").content.decode()
    assert "Nyatakan terpenuhi" not in obligation_page

    Attestation.objects.filter(pk=attestation.pk).update(
        status=AttestationStatus.ACCEPTED, valid_until=timezone.localdate() - datetime.timedelta(days=3)
    )
    listing = client.get("/compliance/attestations/").content.decode()
    assert "Kedaluwarsa" in listing
    assert "Dewi Pengaju" in listing and "admin.d1" not in listing


def test_obligation_page_shows_the_check_in_words_not_codes(client, review):
    _login(client, "peninjau")
    page = client.get(f"/compliance/obligations/{review['attestation'].obligation_id}/").content.decode()
    assert "Setiap PD memiliki SOP layanan TIK yang ditetapkan." in page
    assert "Pernyataan pemenuhan dengan bukti dari penanggung jawab, ditinjau Dinas Kominfo" in page
    assert "uji-4-2-sop" not in page and "<code>attestation</code>" not in page


def _return(client, review, reason="Lampirkan SK penetapan SOP, bukan draf."):
    _login(client, "peninjau")
    response = client.post(review["request"].get_absolute_url(), {"decision": "return", "reason": reason})
    assert response.status_code == 302
    client.logout()


def test_a_returned_attestation_is_fixed_by_another_agency_admin_and_accepted(
    client, review, two_agencies, django_capture_on_commit_callbacks
):
    attestation = review["attestation"]
    with django_capture_on_commit_callbacks(execute=True):
        _return(client, review)
    attestation.refresh_from_db()
    assert attestation.status == AttestationStatus.RETURNED
    status = attestation.obligation.statuses.get(agency=attestation.agency)
    assert status.status == "unmet"
    assert "Perbaiki pernyataan sesuai alasan pengembalian" in status.next_step_text
    with translation.override("en"):
        assert status.next_step_text == "Fix the attestation as the return reason says, then resubmit it."

    # Another admin of the same agency (the submitter may have moved on) sees why and fixes it.
    colleague = user_with_role("agency_admin", two_agencies[0], "admin2.d1")
    _login(client, colleague.username)
    page = client.get(attestation.get_absolute_url()).content.decode()
    assert "Dikembalikan untuk diperbaiki" in page
    assert "Lampirkan SK penetapan SOP, bukan draf." in page
    obligation_page = client.get(f"/compliance/obligations/{attestation.obligation_id}/").content.decode()
    assert "Lampirkan SK penetapan SOP, bukan draf." in obligation_page
    edit_url = f"/compliance/attestations/{attestation.pk}/edit/"
    assert edit_url in obligation_page
    # "Nyatakan terpenuhi" leads to the returned one, not to a second attestation.
    attest = client.get(
        f"/compliance/obligations/{attestation.obligation_id}/attest/?agency={attestation.agency_id}"
    )
    assert attest.status_code == 302 and attest["Location"] == edit_url
    form = client.get(edit_url)
    assert form.status_code == 200
    assert "SOP layanan TIK ditetapkan dengan keputusan kepala dinas." in form.content.decode()
    new_until = timezone.localdate() + datetime.timedelta(days=200)
    sent = client.post(
        edit_url,
        {
            "statement": "SOP layanan TIK ditetapkan dengan SK Kepala Dinas Nomor 12 Tahun 2026.",
            "evidence_links": "https://jdih.ujikab.go.id/sk-12-2026",
            "valid_until": new_until.isoformat(),
            "files": SimpleUploadedFile("sk-sop.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert sent.status_code == 302
    attestation.refresh_from_db()
    assert attestation.status == AttestationStatus.SUBMITTED
    assert attestation.valid_until == new_until
    assert "Nomor 12" in attestation.statement
    request = ApprovalRequest.objects.get(object_id=attestation.pk, kind="compliance.attestation")
    assert request.pk == review["request"].pk and request.status == ApprovalStatus.PENDING
    assert request.decisions.filter(returned=True).count() == 1  # the return stays in the history
    client.logout()

    _login(client, "peninjau")
    page = client.get(request.get_absolute_url()).content.decode()
    assert "sk-sop.pdf" in page and "sop-layanan.pdf" in page  # the new file, the earlier one kept
    with django_capture_on_commit_callbacks(execute=True):
        approved = client.post(request.get_absolute_url(), {"decision": "approve", "reason": ""})
    assert approved.status_code == 302
    attestation.refresh_from_db()
    assert attestation.status == AttestationStatus.ACCEPTED
    assert attestation.obligation.statuses.get(agency=attestation.agency).status == "met"


@pytest.mark.parametrize(
    ("role", "agency_index", "expected"),
    [("data_steward", 0, 403), ("agency_admin", 1, 403)],  # same agency, not an editor; another agency
)
def test_someone_who_may_not_attest_for_the_agency_may_not_resubmit(
    client, review, two_agencies, role, agency_index, expected
):
    attestation = review["attestation"]
    _return(client, review)
    user_with_role(role, two_agencies[agency_index], "someone")
    _login(client, "someone")
    data = {
        "statement": "Diubah oleh orang yang tidak berwenang.",
        "evidence_links": "https://contoh.test/x",
        "valid_until": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
    }
    edit = client.post(f"/compliance/attestations/{attestation.pk}/edit/", data)
    assert edit.status_code == expected
    resubmit = client.post(review["request"].get_absolute_url(), {"decision": "resubmit", "note": "x"})
    assert resubmit.status_code == expected
    attestation.refresh_from_db()
    review["request"].refresh_from_db()
    assert attestation.status == AttestationStatus.RETURNED
    assert "Diubah" not in attestation.statement
    assert review["request"].status == ApprovalStatus.RETURNED


def test_generic_attestation_pages_name_the_submitter(client, review):
    _login(client, "peninjau")
    pk = review["attestation"].pk
    listing = client.get(
        "/compliance/records/attestations/?columns=obligation&columns=submitted_by"
    ).content.decode()
    detail = client.get(f"/compliance/records/attestations/{pk}/").content.decode()
    for page in (listing, detail):
        assert "Dewi Pengaju · Pranata Komputer Ahli Pertama, D1" in page
        assert "admin.d1" not in page


def test_a_decided_attestation_has_a_signed_decision_letter_for_the_agency(client, review):
    import io
    import re

    import pypdf

    from spbe.core.models import IssuedDocument

    attestation = review["attestation"]
    letter_url = f"/compliance/attestations/{attestation.pk}/decision.pdf"
    _login(client, "admin.d1")
    assert client.get(letter_url).status_code == 404  # nothing decided yet, no letter
    assert "decision-letter" not in client.get(attestation.get_absolute_url()).content.decode()
    _login(client, "peninjau")
    client.post(
        review["request"].get_absolute_url(), {"decision": "reject", "reason": "SOP belum ditandatangani."}
    )

    _login(client, "admin.d1")
    assert 'id="decision-letter"' in client.get(attestation.get_absolute_url()).content.decode()
    response = client.get(letter_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = re.sub(
        r"\s+", " ", " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    )
    assert "Keputusan atas Pernyataan Pemenuhan Kewajiban SPBE" in text
    assert "Yth. Kepala Dinas Satu" in text and "DITOLAK" in text and "SOP belum ditandatangani." in text
    document = IssuedDocument.objects.get(kind="attestation_decision")
    assert document.code_display in text and document.agency == attestation.agency
    assert client.get(letter_url).content == response.content  # served from the register, not re-issued
