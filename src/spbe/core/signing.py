"""PAdES signatures on the platform's official documents, and their validation (pyHanko).

Where the key comes from, first match wins:
0. the deployment names a hardware security module (PKCS#11): SPBE_SIGNING_PKCS11_MODULE (the
   library), _TOKEN (token label), _KEY (key label; the certificate is read from the token, label
   _CERT or the key's) and the user PIN in SPBE_SIGNING_PKCS11_PIN_FILE (or _PIN). The key never
   leaves the token; a partial or unusable configuration refuses to sign (and `spbe check` says why)
   rather than fall back to another key;
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
import threading
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
    source: str = ""  # "hsm", "configured" (PKCS#12 file), "uploaded" or "development"


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


class SigningUnavailable(RuntimeError):
    """The configured key cannot sign now; the message says why, in words, and never holds a PIN."""


@dataclass(frozen=True)
class HsmConfig:
    module: str
    token: str
    key: str
    cert: str


def hsm_config() -> HsmConfig | None:
    """The HSM the deployment names; None when no SPBE_SIGNING_PKCS11_* setting is given."""
    module = settings.SPBE_SIGNING_PKCS11_MODULE
    token, key = settings.SPBE_SIGNING_PKCS11_TOKEN, settings.SPBE_SIGNING_PKCS11_KEY
    named = (module, token, key, settings.SPBE_SIGNING_PKCS11_CERT)
    if not any(named) and not (settings.SPBE_SIGNING_PKCS11_PIN or settings.SPBE_SIGNING_PKCS11_PIN_FILE):
        return None
    return HsmConfig(module, token, key, settings.SPBE_SIGNING_PKCS11_CERT or key)


def hsm_config_problems() -> list[str]:
    """What is missing from a partial PKCS#11 configuration (no device is opened)."""
    config = hsm_config()
    if config is None:
        return []
    problems = [
        _("%(name)s belum diisi.") % {"name": name}
        for name, value in (
            ("SPBE_SIGNING_PKCS11_MODULE", config.module),
            ("SPBE_SIGNING_PKCS11_TOKEN", config.token),
            ("SPBE_SIGNING_PKCS11_KEY", config.key),
        )
        if not value
    ]
    if not (settings.SPBE_SIGNING_PKCS11_PIN or settings.SPBE_SIGNING_PKCS11_PIN_FILE):
        problems.append(_("PIN token belum diberikan: isi SPBE_SIGNING_PKCS11_PIN_FILE (dianjurkan)."))
    if config.module and not Path(config.module).is_file():
        problems.append(_("Pustaka PKCS#11 %(path)s tidak ada.") % {"path": config.module})
    return problems


def _hsm_pin() -> str:
    pin_file = settings.SPBE_SIGNING_PKCS11_PIN_FILE
    if pin_file:
        try:
            return Path(pin_file).read_text().strip()
        except OSError as error:
            raise SigningUnavailable(
                _("Berkas PIN %(path)s tidak dapat dibaca (%(reason)s).")
                % {"path": pin_file, "reason": error.strerror or type(error).__name__}
            ) from None
    return settings.SPBE_SIGNING_PKCS11_PIN


def _hsm_failure(config: HsmConfig, error: Exception) -> str:
    """A PKCS#11 failure in words. Built from the exception's type only: nothing the caller typed
    (the PIN) can reach a message, a log line or the audit trail."""
    from pkcs11 import exceptions as p11

    kinds = {
        p11.PinIncorrect: _("PIN token salah."),
        p11.PinLocked: _("PIN token terkunci karena terlalu banyak percobaan salah."),
        p11.PinExpired: _("PIN token kedaluwarsa."),
        p11.TokenNotPresent: _("Token tidak terpasang."),
        p11.DeviceRemoved: _("Perangkat HSM terlepas."),
        p11.DeviceError: _("Perangkat HSM galat."),
    }
    for kind, words in kinds.items():
        if isinstance(error, kind):
            return words
    text = str(error)
    if "No token matching" in text or "No token found" in text:
        return _("Token berlabel %(token)s tidak ditemukan.") % {"token": config.token}
    if "private key" in text:
        return _("Kunci privat berlabel %(key)s tidak ada di token.") % {"key": config.key}
    if "certificate" in text:
        return _("Sertifikat berlabel %(cert)s tidak ada di token.") % {"cert": config.cert}
    if isinstance(error, OSError):
        return _("Pustaka PKCS#11 %(path)s tidak dapat dimuat.") % {"path": config.module}
    return _("Galat PKCS#11 (%(kind)s).") % {"kind": type(error).__name__}


def open_hsm(config: HsmConfig):
    """A logged-in session on the token and pyHanko's signer for the key, its certificate read from
    the token; SigningUnavailable says in words what failed."""
    from pkcs11 import exceptions as p11
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

    problems = hsm_config_problems()
    if problems:
        raise SigningUnavailable(" ".join(problems))
    refused = _REFUSED_PIN.get(config)
    if refused:
        raise SigningUnavailable(refused)
    pin = _hsm_pin()
    session = None
    try:
        criteria = TokenCriteria(label=config.token)
        try:
            session = open_pkcs11_session(config.module, token_criteria=criteria, user_pin=pin)
        except p11.UserAlreadyLoggedIn:  # PKCS#11 logs in per process: another session already did
            session = open_pkcs11_session(config.module, token_criteria=criteria)
        signer = PKCS11Signer(session, cert_label=config.cert, key_label=config.key)
        signer.signing_cert  # noqa: B018  (loads the certificate and the key handle now: errors surface here)
    except Exception as error:  # python-pkcs11 and pyHanko raise many kinds; all are "cannot sign"
        if session is not None:
            session.close()
        message = _("HSM penanda tangan tidak dapat dipakai: %(reason)s") % {
            "reason": _hsm_failure(config, error)
        }
        if isinstance(error, p11.PinIncorrect | p11.PinLocked | p11.PinExpired):
            # Tried again on every request, a wrong PIN would soon lock the token: this process
            # stops trying until it is restarted with the PIN corrected.
            _REFUSED_PIN[config] = message
        raise SigningUnavailable(message) from None  # no cause: the PIN must not ride on a traceback
    return session, signer


_REFUSED_PIN: dict = {}


@lru_cache(maxsize=2)
def _hsm_credential(config: HsmConfig, pid: int) -> Credential:
    # One session per process (the pid: a forked worker must not use its parent's session).
    session, signer = open_hsm(config)
    _HSM_SESSIONS.append(session)
    cert = signer.signing_cert
    return Credential(
        signer=signer,
        subject=cert.subject.native.get("common_name", "") or cert.subject.human_friendly,
        fingerprint=hashlib.sha256(cert.dump()).hexdigest(),
        development=False,
        certificate=cert,
        source="hsm",
    )


# A PKCS#11 session must not be used by two threads at once.
_HSM_LOCK = threading.RLock()
_HSM_SESSIONS: list = []


def reset_hsm() -> None:
    """Close this process's token sessions (closing the last logs out) and forget a refused PIN:
    the next signature opens the token afresh with the settings as they are then."""
    with _HSM_LOCK:
        while _HSM_SESSIONS:
            try:
                _HSM_SESSIONS.pop().close()
            except Exception:  # a session of a device that went away is already closed
                pass
        _hsm_credential.cache_clear()
        _REFUSED_PIN.clear()


def _with_credential(operation):
    """operation(credential) with the signing key; an HSM session that died (the device restarted)
    is opened again once."""
    cred = credential()
    if cred.source != "hsm":
        return operation(cred)
    with _HSM_LOCK:
        try:
            return operation(cred)
        except SigningUnavailable:
            raise
        except Exception:  # a dead session shows as any of several errors: retry once on a new one
            reset_hsm()
            return operation(credential())


def credential() -> Credential:
    """The key that signs now (cached per source; an upload takes effect at once)."""
    hsm = hsm_config()
    if hsm is not None:
        return _hsm_credential(hsm, os.getpid())
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
        source="development" if development else source[0],
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
    return _with_credential(
        lambda cred: _sign_pdf(cred, pdf, page=page, box=box, code=code, location=location)
    )


def _sign_pdf(cred: Credential, pdf: bytes, *, page: int, box: tuple, code: str, location: str):
    from pyhanko import stamp
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers, timestamps

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
    try:
        own = credential().certificate
    except SigningUnavailable:  # the HSM is down: signatures are still checked, just not as ours
        own = None
    context = ValidationContext(trust_roots=[own] if own else [], allow_fetching=False)
    checks = []
    for sig in embedded:
        try:
            status = validate_pdf_signature(sig, signer_validation_context=context)
            intact = status.intact
            whole = status.coverage.name == "ENTIRE_FILE"
            trusted = own is not None and status.signing_cert.dump() == own.dump()
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

    content = _with_credential(
        lambda cred: asyncio.run(cred.signer.async_sign_general_data(data, "sha256", detached=True))
    )
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
    """The deployment names the key (an HSM or SPBE_SIGNING_PKCS12): uploads are kept but do not sign."""
    return hsm_config() is not None or bool(os.environ.get("SPBE_SIGNING_PKCS12"))
