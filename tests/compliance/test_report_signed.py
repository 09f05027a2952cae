"""The compliance report is issued through the one signing service (issue 13 §2, §4): its PAdES
signature verifies with pyHanko's validator and with poppler's `pdfsig`; one changed byte makes
both of them, and the public verification page, say the file was altered; an unknown code is "not
issued by this platform"; what an anonymous verifier sees follows the classification."""

import io
import re
import shutil
import subprocess

import pypdf
import pytest
from django.core.cache import cache
from django.test import Client
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from spbe.compliance import engine
from spbe.core import documents, signing
from spbe.core.choices import Classification
from spbe.core.models import IssuedDocument

from ..conftest import PASSWORD
from ..factories import PersonFactory, user_with_role

PDFSIG = shutil.which("pdfsig")


@pytest.fixture
def signed(client, tiny_gov, two_agencies):
    d1, d2 = two_agencies
    tiny_gov.ict_office = d2
    tiny_gov.address = "Jl. Uji No. 1, Kotauji, Sulawesi Tengah"
    tiny_gov.save()
    head = user_with_role("agency_head", d2, "kepala.d2")
    PersonFactory(agency=d2, user=head, name="Kepala Dinas Dua", position="Kepala Dinas Dua")
    user_with_role("leader", None, "bupati")
    engine.run_full(tiny_gov)
    cache.clear()
    assert client.login(username="bupati", password=PASSWORD)
    response = client.get("/compliance/report.pdf")
    assert response.status_code == 200
    return response.content


def _pyhanko_status(data: bytes):
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    (sig,) = reader.embedded_signatures
    context = ValidationContext(trust_roots=[signing.credential().certificate], allow_fetching=False)
    return validate_pdf_signature(sig, signer_validation_context=context)


def _pdfsig(data: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    return subprocess.run([PDFSIG, str(path)], capture_output=True, text=True, check=False).stdout


def _altered(data: bytes) -> bytes:
    """One byte changed inside the signed range: the producer's name in the document info."""
    at = data.index(b"WeasyPrint")
    return data[:at] + b"X" + data[at + 1 :]


def test_report_carries_a_valid_pades_signature_with_its_code(signed):
    status = _pyhanko_status(signed)
    assert status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"
    document = IssuedDocument.objects.get()
    assert document.sha256 and document.kind == "compliance_report" and document.development
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(signed)).pages)
    text = re.sub(r"\s+", " ", text)
    assert document.code_display in text  # printed beside the QR code and in the footer
    assert "/verifikasi/" + document.code in text.replace(" ", "")


@pytest.mark.skipif(
    PDFSIG is None, reason="poppler-utils (pdfsig) is installed by `make test` (browser-deps)"
)
def test_pdfsig_accepts_the_report_and_refuses_a_changed_byte(signed, tmp_path):
    assert "Signature is Valid." in _pdfsig(signed, tmp_path)
    report = _pdfsig(_altered(signed), tmp_path)
    assert "Signature is Valid." not in report and "Digest Mismatch" in report


def test_a_changed_byte_fails_pyhanko_and_the_verification_page(signed):
    altered = _altered(signed)
    assert not _pyhanko_status(altered).intact
    page = Client().post("/verifikasi/", {"file": io.BytesIO(altered)}, format="multipart")
    assert page.status_code == 200
    assert (
        'data-status="altered"' in page.content.decode() and "Dokumen telah diubah" in page.content.decode()
    )


def test_the_untouched_file_and_its_code_verify_without_login(signed):
    document = IssuedDocument.objects.get()
    upload = io.BytesIO(signed)
    upload.name = "laporan.pdf"
    page = Client().post("/verifikasi/", {"file": upload})
    body = page.content.decode()
    assert 'data-status="original"' in body and document.signer_name in body
    by_code = Client().get(f"/verifikasi/{document.code_display.lower()}/")  # case and dashes ignored
    assert by_code.status_code == 200 and 'data-status="original"' in by_code.content.decode()
    assert "sertifikat pengembangan" in by_code.content.decode()  # the demo says how it signs


def test_an_unknown_code_is_not_issued_by_this_platform(db):
    cache.clear()
    page = Client().get("/verifikasi/ABCD-EFGH-JK/")
    assert page.status_code == 404
    assert "Tidak diterbitkan oleh platform ini" in page.content.decode()


def test_files_that_are_not_signed_documents_are_named_for_what_they_are(db):
    cache.clear()
    plain = io.BytesIO()
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.write(plain)
    plain.seek(0)
    plain.name = "polos.pdf"
    unsigned = Client().post("/verifikasi/", {"file": plain}).content.decode()
    assert 'data-status="unsigned"' in unsigned
    junk = io.BytesIO(b"bukan pdf sama sekali")
    junk.name = "surat.pdf"
    assert 'data-status="unreadable"' in Client().post("/verifikasi/", {"file": junk}).content.decode()
    empty = Client().post("/verifikasi/", {})
    assert (
        empty.status_code == 400 and "Isi kode verifikasi atau unggah berkas PDF." in empty.content.decode()
    )


def test_the_same_report_asked_again_is_the_registered_copy(signed, client):
    again = client.get("/compliance/report.pdf").content
    assert again == signed and IssuedDocument.objects.count() == 1


@pytest.mark.parametrize(
    ("classification", "shows_title", "has_copy"),
    [
        (Classification.OPEN, True, True),
        (Classification.LIMITED, True, False),
        (Classification.CLOSED, False, False),
    ],
)
def test_an_anonymous_verifier_sees_what_the_classification_allows(
    signed, classification, shows_title, has_copy
):
    IssuedDocument.objects.update(classification=classification)
    document = IssuedDocument.objects.get()
    anonymous = Client()
    body = anonymous.get(f"/verifikasi/{document.code}/").content.decode()
    assert document.signer_name in body and 'data-status="original"' in body
    assert (document.title in body) is shows_title
    assert (document.number in body) is shows_title
    copy = anonymous.get(f"/verifikasi/{document.code}/salinan.pdf")
    assert copy.status_code == (200 if has_copy else 404)


def test_a_signed_in_reader_with_scope_gets_the_copy_of_a_limited_document(signed, client):
    document = IssuedDocument.objects.get()
    assert document.classification == Classification.LIMITED
    copy = client.get(f"/verifikasi/{document.code}/salinan.pdf")  # the Bupati, government-wide
    assert copy.status_code == 200 and b"".join(copy.streaming_content) == signed


def test_lookups_are_rate_limited_per_address(db):
    cache.clear()
    anonymous = Client()
    answers = [anonymous.get(f"/verifikasi/{documents.new_code()}/").status_code for _ in range(31)]
    assert answers[:30] == [404] * 30
    assert answers[30] == 429
