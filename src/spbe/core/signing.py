"""PAdES signatures on the platform's official documents, and their validation (pyHanko).

Where the key comes from, first match wins:
1. the deployment names a PKCS#12 file: SPBE_SIGNING_PKCS12 (path) with its passphrase in
   SPBE_SIGNING_PKCS12_PASSWORD or in the file SPBE_SIGNING_PKCS12_PASSWORD_FILE;
2. the government's administrator uploaded one (SigningKey, the page /signing/): kept only
   encrypted, with a key derived from SPBE_SIGNING_SECRET (else the secret key);
3. otherwise a self-issued **development** certificate, made on first use in
   `<SPBE_VAR_DIR>/signing/` (never in the database). Documents it signs say so, and the public
   verification page tells the reader the certificate is not from a certification authority.
Keys and passphrases are never stored in the database nor written to logs.

A timestamp authority is used when SPBE_SIGNING_TSA_URL is set (RFC 3161).
"""

import datetime
import hashlib
import io
import os
import secrets
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

FIELD_NAME = "TandaTanganElektronik"
DEV_COMMON_NAME = "Platform SPBE (sertifikat pengembangan)"
_PT_PER_PX = 0.75  # WeasyPrint lays out in CSS pixels (96 per inch); PDF user space is points (72).


@dataclass(frozen=True)
class Credential:
    signer: object  # pyhanko SimpleSigner
    subject: str  # the certificate's common name: who signs
    fingerprint: str  # SHA-256 of the certificate (hex)
    development: bool
    certificate: object  # asn1crypto certificate, the trust root for our own validation


def _dev_paths() -> tuple[Path, Path]:
    folder = Path(settings.VAR_DIR) / "signing"
    return folder / "development.p12", folder / "development.pass"


def _make_development_pkcs12() -> tuple[bytes, bytes]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, DEV_COMMON_NAME),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Platform SPBE"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=True,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .sign(key, hashes.SHA256())
    )
    passphrase = secrets.token_urlsafe(24).encode()
    data = pkcs12.serialize_key_and_certificates(
        b"spbe-development", key, cert, None, serialization.BestAvailableEncryption(passphrase)
    )
    return data, passphrase


def _development_pkcs12() -> tuple[bytes, bytes]:
    p12_path, pass_path = _dev_paths()
    if not p12_path.exists():
        p12_path.parent.mkdir(parents=True, exist_ok=True)
        data, passphrase = _make_development_pkcs12()
        # Written with owner-only permissions; a second process racing here makes its own pair and
        # the last writer wins, which only matters for documents signed in that instant.
        for path, content in ((pass_path, passphrase), (p12_path, data)):
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
    return p12_path.read_bytes(), pass_path.read_bytes().strip()


def _configured_pkcs12() -> tuple[bytes, bytes] | None:
    path = os.environ.get("SPBE_SIGNING_PKCS12")
    if not path:
        return None
    passphrase = os.environ.get("SPBE_SIGNING_PKCS12_PASSWORD", "")
    pass_file = os.environ.get("SPBE_SIGNING_PKCS12_PASSWORD_FILE")
    if pass_file:
        passphrase = Path(pass_file).read_text().strip()
    return Path(path).read_bytes(), passphrase.encode()


def _fernet():
    import base64

    from cryptography.fernet import Fernet
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    secret = (os.environ.get("SPBE_SIGNING_SECRET") or settings.SECRET_KEY).encode()
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"spbe-signing-key", info=b"pkcs12").derive(secret)
    return Fernet(base64.urlsafe_b64encode(key))


def seal(data: bytes) -> bytes:
    return _fernet().encrypt(data)


def unseal(data: bytes) -> bytes:
    return _fernet().decrypt(bytes(data))


def load_pkcs12(data: bytes, passphrase: bytes):
    """A pyHanko signer from PKCS#12 bytes; None when the file or passphrase is wrong."""
    from pyhanko.sign import signers

    try:
        return signers.SimpleSigner.load_pkcs12_data(data, other_certs=(), passphrase=passphrase or None)
    except Exception:  # a wrong passphrase or a damaged file: the caller says so in words
        return None


def _uploaded():
    from .models import SigningKey

    row = SigningKey.objects.filter(active=True).order_by("-uploaded_at", "-id").first()
    return row


def credential() -> Credential:
    """The key that signs now (cached per source; an upload takes effect at once)."""
    configured = _configured_pkcs12()
    if configured is not None:
        return _credential(("configured",), configured, development=False)
    row = _uploaded()
    if row is not None:
        return _credential(("uploaded", row.pk, row.fingerprint), None, development=False)
    return _credential(("development",), None, development=True)


@lru_cache(maxsize=4)
def _credential(source: tuple, data: tuple | None, *, development: bool) -> Credential:
    from .models import SigningKey

    if source[0] == "uploaded":
        row = SigningKey.objects.get(pk=source[1])
        data = (unseal(row.sealed_pkcs12), unseal(row.sealed_passphrase))
    elif data is None:
        data = _development_pkcs12()
    signer = load_pkcs12(*data)
    if signer is None:
        raise RuntimeError(
            "Sertifikat penandatangan (PKCS#12) tidak dapat dibuka: periksa berkas dan sandinya."
        )
    cert = signer.signing_cert
    return Credential(
        signer=signer,
        subject=cert.subject.native.get("common_name", "") or cert.subject.human_friendly,
        fingerprint=hashlib.sha256(cert.dump()).hexdigest(),
        development=development,
        certificate=cert,
    )


def stamp_box(anchor: tuple[float, float, float, float], page_height_px: float) -> tuple:
    """A WeasyPrint anchor box (CSS px from the top-left) as a PDF rectangle (points, bottom-left)."""
    x1, y1, x2, y2 = anchor
    height = page_height_px * _PT_PER_PX
    return (x1 * _PT_PER_PX, height - y2 * _PT_PER_PX, x2 * _PT_PER_PX, height - y1 * _PT_PER_PX)


def sign_pdf(
    pdf: bytes, *, page: int, box: tuple, code: str, location: str = ""
) -> tuple[bytes, datetime.datetime]:
    """The PDF signed (PAdES baseline) with a visible stamp in `box` on `page`; the code is in
    the signature's reason so a verifier can name the registered copy even of an altered file."""
    from pyhanko import stamp
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers, timestamps

    cred = credential()
    signed_at = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=f"Kode verifikasi {code}",
        location=location or None,
    )
    tsa_url = os.environ.get("SPBE_SIGNING_TSA_URL")
    text = "Ditandatangani secara elektronik oleh\n%(signer)s\n%(ts)s\nKode verifikasi: %(code)s"
    if cred.development:
        text += "\nSertifikat pengembangan, bukan dari PSrE"
    pdf_signer = signers.PdfSigner(
        meta,
        signer=cred.signer,
        timestamper=timestamps.HTTPTimeStamper(tsa_url) if tsa_url else None,
        stamp_style=stamp.TextStampStyle(stamp_text=text, border_width=0),
        new_field_spec=fields.SigFieldSpec(FIELD_NAME, on_page=page, box=box),
    )
    out = io.BytesIO()
    pdf_signer.sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False),
        output=out,
        appearance_text_params={"code": "-".join(code[i : i + 4] for i in range(0, len(code), 4))},
    )
    return out.getvalue(), signed_at


@dataclass(frozen=True)
class SignatureCheck:
    """What one embedded signature says about the file it is in."""

    intact: bool  # the signed bytes are unchanged
    whole_file: bool  # nothing was added after signing
    trusted: bool  # signed with the platform's own certificate
    signer: str
    signed_at: datetime.datetime | None
    reason: str


def read_signatures(data: bytes) -> list[SignatureCheck] | None:
    """Every signature in `data`, validated; None when the file is not a readable PDF."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception:  # any parse failure means "not a PDF we can read": the page says so
        return None
    own = credential().certificate
    context = ValidationContext(trust_roots=[own], allow_fetching=False)
    checks = []
    for sig in embedded:
        try:
            status = validate_pdf_signature(sig, signer_validation_context=context)
            intact = status.intact
            whole = status.coverage.name == "ENTIRE_FILE"
            trusted = status.signing_cert.dump() == own.dump()
            signer = status.signing_cert.subject.native.get("common_name", "")
            signed_at = status.signer_reported_dt
        except Exception:  # a signature whose bytes no longer parse is an altered one
            intact, whole, trusted, signer, signed_at = False, False, False, "", None
        reason = str(sig.sig_object.get("/Reason", "") or "")
        checks.append(SignatureCheck(intact, whole, trusted, signer, signed_at, reason))
    return checks


def sign_bytes(data: bytes) -> str:
    """A detached CMS signature over `data` with the platform's key, base64 (the audit anchors)."""
    import asyncio
    import base64

    content = asyncio.run(credential().signer.async_sign_general_data(data, "sha256", detached=True))
    return base64.b64encode(content.dump()).decode()


def bytes_signed(data: bytes, signature: str) -> bool:
    """Whether `signature` (from sign_bytes) was made by the platform's key over exactly `data`."""
    import asyncio
    import base64

    from asn1crypto import cms
    from pyhanko.sign.validation.generic_cms import async_validate_detached_cms
    from pyhanko_certvalidator import ValidationContext

    try:
        content = cms.ContentInfo.load(base64.b64decode(signature, validate=True))
        context = ValidationContext(trust_roots=[credential().certificate], allow_fetching=False)
        status = asyncio.run(
            async_validate_detached_cms(data, content["content"], signer_validation_context=context)
        )
    except Exception:  # a signature that does not even parse was tampered with
        return False
    return bool(status.intact and status.valid)


def install_key(*, user, data: bytes, passphrase: str):
    """The government's PKCS#12 becomes the signing key; the previous one stops signing.
    Refused in words when the file cannot be opened or its certificate is not valid now."""
    from django.db import transaction

    from . import audit
    from .errors import DomainError
    from .models import SigningKey

    signer = load_pkcs12(data, passphrase.encode())
    if signer is None or signer.signing_key is None:
        raise DomainError(
            _("Berkas PKCS#12 tidak dapat dibuka: periksa berkas dan kata sandinya."), code="invalid"
        )
    cert = signer.signing_cert
    now = datetime.datetime.now(datetime.UTC)
    valid_from, valid_until = cert["tbs_certificate"]["validity"]["not_before"].native, cert.not_valid_after
    if not (valid_from <= now <= valid_until):
        raise DomainError(
            _("Sertifikat tidak berlaku saat ini (berlaku %(start)s s.d. %(end)s).")
            % {"start": f"{valid_from:%d-%m-%Y}", "end": f"{valid_until:%d-%m-%Y}"},
            code="invalid",
        )
    with transaction.atomic():
        SigningKey.objects.filter(active=True).update(active=False)
        row = SigningKey.objects.create(
            uploaded_by=user,
            subject=cert.subject.human_friendly[:300],
            issuer=cert.issuer.human_friendly[:300],
            serial=str(cert.serial_number)[:100],
            valid_from=valid_from,
            valid_until=valid_until,
            fingerprint=hashlib.sha256(cert.dump()).hexdigest(),
            sealed_pkcs12=seal(data),
            sealed_passphrase=seal(passphrase.encode()),
        )
        audit.record_event("core.signing_key.installed", None, data={"fingerprint": row.fingerprint})
    return row


def configured_by_deployment() -> bool:
    """The deployment names the key (SPBE_SIGNING_PKCS12): uploads are kept but do not sign."""
    return bool(os.environ.get("SPBE_SIGNING_PKCS12"))
