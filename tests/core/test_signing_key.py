"""The government replaces the development certificate with its own PKCS#12 (issue 13 §2): only
its administrators may; a wrong passphrase or an expired certificate is refused in words and
changes nothing; the key is stored only sealed; the next document is signed with it."""

import datetime

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.core.files.uploadedfile import SimpleUploadedFile

from spbe.core import signing
from spbe.core.models import SigningKey

from ..conftest import PASSWORD
from ..factories import user_with_role


def government_pkcs12(passphrase: bytes, *, days: int = 365, name: str = "Pemerintah Kabupaten Uji") -> bytes:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=400))
        .not_valid_after(now + datetime.timedelta(days=days))
        .sign(key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        b"uji", key, cert, None, serialization.BestAvailableEncryption(passphrase)
    )


def _upload(client, data: bytes, passphrase: str):
    return client.post("/signing/", {"file": SimpleUploadedFile("pemda.p12", data), "passphrase": passphrase})


@pytest.mark.parametrize(("role", "status"), [("ict_admin", 200), ("agency_admin", 403), ("leader", 403)])
def test_only_the_government_administrators_may_open_the_page(client, agency_a, role, status):
    user_with_role(role, agency_a if role == "agency_admin" else None, "orang")
    assert client.login(username="orang", password=PASSWORD)
    assert client.get("/signing/").status_code == status


def test_a_wrong_passphrase_or_an_expired_certificate_changes_nothing(client, agency_a):
    user_with_role("ict_admin", None, "kominfo")
    assert client.login(username="kominfo", password=PASSWORD)
    wrong = _upload(client, government_pkcs12(b"benar"), "salah")
    assert wrong.status_code == 400 and "tidak dapat dibuka" in wrong.content.decode()
    expired = _upload(client, government_pkcs12(b"benar", days=-1), "benar")
    assert expired.status_code == 400 and "tidak berlaku saat ini" in expired.content.decode()
    assert not SigningKey.objects.exists() and signing.credential().development


def test_the_uploaded_key_signs_the_next_document_and_is_stored_sealed(client, agency_a):
    user_with_role("ict_admin", None, "kominfo")
    assert client.login(username="kominfo", password=PASSWORD)
    data = government_pkcs12(b"rahasia-pemda")
    response = _upload(client, data, "rahasia-pemda")
    assert response.status_code == 302
    row = SigningKey.objects.get()
    assert data not in bytes(row.sealed_pkcs12) and b"rahasia-pemda" not in bytes(row.sealed_passphrase)
    credential = signing.credential()
    assert credential.subject == "Pemerintah Kabupaten Uji" and not credential.development
    page = client.get("/signing/").content.decode()
    assert "Pemerintah Kabupaten Uji" in page and "rahasia-pemda" not in page
