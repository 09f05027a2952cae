"""Documents signed by a key in an HSM (PKCS#11, here a SoftHSM2 token made by the test): the
compliance report goes through the same signing service, its certificate is read from the token, and
the signature verifies with pyHanko's validator and with poppler's `pdfsig`; the stamp, the register
and the public verification page treat it as any other; the PIN appears in no log line, audit event,
database row, page or error report."""

import hashlib
import io
import logging
import os
import shutil
import subprocess

import pypdf
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from spbe.compliance import engine
from spbe.core import signing
from spbe.core.errors import ErrorReportFilter
from spbe.core.models import IssuedDocument

from ..conftest import PASSWORD
from ..factories import PersonFactory, user_with_role

PDFSIG = shutil.which("pdfsig")
HSM_SIGNER = "Pemerintah Kabupaten Uji HSM"


def _report(client, tiny_gov, two_agencies) -> bytes:
    _d1, d2 = two_agencies
    tiny_gov.ict_office = d2
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


@pytest.fixture
def signed(hsm, client, tiny_gov, two_agencies):
    return _report(client, tiny_gov, two_agencies)


def _signature(data: bytes):
    (sig,) = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    return sig


def _pdfsig(data: bytes, tmp_path) -> str | None:
    if PDFSIG is None:
        if os.environ.get("CI") == "true":
            pytest.fail("poppler-utils (pdfsig) is missing: `make test` installs it (browser-deps)")
        return None
    path = tmp_path / "laporan.pdf"
    path.write_bytes(data)
    return subprocess.run([PDFSIG, str(path)], capture_output=True, text=True, check=False).stdout


def _altered(data: bytes) -> bytes:
    at = data.index(b"WeasyPrint")
    return data[:at] + b"X" + data[at + 1 :]


# One report for every check: printing it is the slow part.
def test_the_report_signed_in_the_token_verifies_like_any_other(signed, hsm, tmp_path):
    from asn1crypto import x509

    token_cert = x509.Certificate.load(hsm.certificate)
    context = ValidationContext(trust_roots=[token_cert], allow_fetching=False)
    sig = _signature(signed)
    status = validate_pdf_signature(sig, signer_validation_context=context)
    assert status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"
    assert status.signing_cert.dump() == hsm.certificate  # the certificate read from the token
    document = IssuedDocument.objects.get()
    assert document.signer_name == HSM_SIGNER and not document.development
    assert document.certificate_fingerprint == hashlib.sha256(hsm.certificate).hexdigest()
    credential = signing.credential()
    assert credential.source == "hsm" and credential.certificate.dump() == hsm.certificate

    appearance = sig.sig_field["/AP"]["/N"].data  # the visible stamp's content stream
    assert b"Ditandatangani secara elektronik" in appearance and HSM_SIGNER.encode() in appearance
    assert b"pengembangan" not in appearance

    report = _pdfsig(signed, tmp_path)
    if report is not None:
        assert "Signature is Valid." in report and HSM_SIGNER in report
        altered = _pdfsig(_altered(signed), tmp_path)
        assert "Signature is Valid." not in altered and "Digest Mismatch" in altered

    upload = io.BytesIO(signed)
    upload.name = "laporan.pdf"
    body = Client().post("/verifikasi/", {"file": upload}).content.decode()
    assert 'data-status="original"' in body and HSM_SIGNER in body
    by_code = Client().get(f"/verifikasi/{document.code}/").content.decode()
    assert 'data-status="original"' in by_code and "sertifikat pengembangan" not in by_code
    altered = io.BytesIO(_altered(signed))
    altered.name = "laporan.pdf"
    assert 'data-status="altered"' in Client().post("/verifikasi/", {"file": altered}).content.decode()
    # A file signed by the token but not in the register is still recognised as the platform's key.
    blank = io.BytesIO()
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.write(blank)
    unregistered, _at = signing.sign_pdf(blank.getvalue(), page=0, box=(10, 10, 190, 90), code="ABCDEFGHJK")
    (check,) = signing.read_signatures(unregistered)
    assert check.intact and check.whole_file and check.trusted and check.signer == HSM_SIGNER


def test_the_audit_anchors_are_signed_by_the_token_too(hsm, db):
    signature = signing.sign_bytes(b"kepala rantai audit")
    assert signing.bytes_signed(b"kepala rantai audit", signature)
    assert not signing.bytes_signed(b"kepala rantai lain", signature)


def test_a_dead_session_is_opened_again(hsm, db):
    signing.credential()
    for session in signing._HSM_SESSIONS:
        session.close()  # as when the device restarts under a running process
    signature = signing.sign_bytes(b"data")
    assert signing.bytes_signed(b"data", signature)


def test_the_pin_appears_nowhere(hsm, client, tiny_gov, two_agencies, settings, caplog, tmp_path):
    caplog.set_level(logging.DEBUG)
    signed = _report(client, tiny_gov, two_agencies)
    pin = hsm.pin.encode()
    assert pin not in signed
    user_with_role("ict_admin", None, "kominfo")
    assert client.login(username="kominfo", password=PASSWORD)
    page = client.get("/signing/").content.decode()
    assert "Kunci di HSM (PKCS#11)" in page and hsm.token in page and hsm.pin not in page

    # A wrong PIN is refused in words that do not repeat it, once per process (no token lock-out).
    signing.reset_hsm()
    wrong = tmp_path / "pin-salah"
    wrong.write_text("salah-738291")
    settings.SPBE_SIGNING_PKCS11_PIN_FILE = str(wrong)
    for _attempt in range(2):
        with pytest.raises(signing.SigningUnavailable) as refused:
            signing.credential()
        assert "PIN token salah" in str(refused.value) and "salah-738291" not in str(refused.value)
    page = client.get("/signing/").content.decode()
    assert "PIN token salah" in page and "salah-738291" not in page

    # In the environment instead of a file, the error reports of Django hide it.
    settings.SPBE_SIGNING_PKCS11_PIN_FILE = ""
    settings.SPBE_SIGNING_PKCS11_PIN = hsm.pin
    safe = ErrorReportFilter().get_safe_settings()
    assert hsm.pin not in str(safe) and safe["SPBE_SIGNING_PKCS11_PIN"] != hsm.pin

    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)  # every row of every table, audit trail included
    assert hsm.pin not in dump.getvalue() and "salah-738291" not in dump.getvalue()
    logged = caplog.text + "".join(str(record.__dict__) for record in caplog.records)
    assert hsm.pin not in logged and "salah-738291" not in logged
