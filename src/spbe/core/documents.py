"""Official documents: issued once, signed, registered, verifiable by anyone.

Every letter the platform sends (the compliance report, attestation decisions, incident notices and
every later one) goes through `issue_letter`: it renders the template (which extends
"core/letter.html"), gives the letter a short verification code and a QR code pointing at the
public verification page, prints it as PDF/A, signs it with PAdES (core/signing.py) with a visible
stamp where the letter's signature block is, and keeps the signed file in the register
(IssuedDocument). The same letter asked for again is served from the register.

`verify_code` and `verify_file` answer the public verification page (core/views/verification.py).
"""

import base64
import hashlib
import io
import re
import secrets
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from . import audit, signing
from .models import IssuedDocument

# Crockford's base32 without the letters people confuse (0/O, 1/I/L): 10 characters, 50 bits.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10
STAMP_ANCHOR = "signature-stamp"
_PLACEHOLDER = "0" * CODE_LENGTH  # never a real code: 0 is not in the alphabet
_CODE_IN_REASON = re.compile(r"Kode verifikasi ([" + CODE_ALPHABET + r"]{" + str(CODE_LENGTH) + r"})")


class LetterError(Exception):
    """A letter template the mechanism cannot sign (a programming error, not a user's)."""


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """What a person typed or a QR scanner read, as stored: case, spaces and dashes ignored."""
    return re.sub(r"[\s\-]", "", (text or "").upper())[:32]


def _qr_data_uri(url: str) -> str:
    import qrcode

    image = qrcode.make(url, box_size=6, border=1)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def _render(template_name: str, context: dict, code: str, title: str) -> str:
    from django.conf import settings
    from django.urls import reverse

    url = settings.SPBE_BASE_URL + reverse("core:verify_code", kwargs={"code": code})
    verification = {
        "code": "-".join(code[i : i + 4] for i in range(0, len(code), 4)),
        "url": url,
        "qr": _qr_data_uri(url) if code != _PLACEHOLDER else "",
        "development": signing.credential().development,
    }
    # An official letter is in Bahasa Indonesia whatever the reader's language.
    with translation.override("id"):
        return render_to_string(
            template_name, {**context, "verification": verification, "document_title": title}
        )


def _print(html: str) -> tuple[bytes, int, tuple]:
    """The letter as PDF/A, with the page and box of its signature stamp."""
    import weasyprint

    document = weasyprint.HTML(string=html).render()
    for number, page in enumerate(document.pages):
        if STAMP_ANCHOR in page.anchors:
            box = signing.stamp_box(page.anchors[STAMP_ANCHOR], page.height)
            return document.write_pdf(pdf_variant="pdf/a-3b"), number, box
    raise LetterError(f"the letter has no element with id '{STAMP_ANCHOR}' (extend core/letter.html)")


def issue_letter(
    template_name: str,
    context: dict,
    *,
    kind: str,
    title: str,
    agency=None,
    classification: str,
    user=None,
    subject=None,
    location: str = "",
) -> IssuedDocument:
    """Render, sign and register a letter; the same letter issued before is returned as it was."""
    source_digest = hashlib.sha256(_render(template_name, context, _PLACEHOLDER, title).encode()).hexdigest()
    existing = IssuedDocument._base_manager.filter(kind=kind, source_digest=source_digest).first()
    if existing is not None:
        return existing
    code = new_code()
    html = _render(template_name, context, code, title)
    pdf, page, box = _print(html)
    signed, signed_at = signing.sign_pdf(pdf, page=page, box=box, code=code, location=location)
    credential = signing.credential()
    digest = hashlib.sha256(signed).hexdigest()
    document = IssuedDocument(
        code=code,
        kind=kind,
        title=title[:300],
        number=str(context.get("number", ""))[:120],
        agency=agency,
        classification=classification,
        sha256=digest,
        size=len(signed),
        source_digest=source_digest,
        signer_name=credential.subject,
        certificate_fingerprint=credential.fingerprint,
        development=credential.development,
        signed_at=signed_at,
        subject=subject,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    document.file.save(f"{code}.pdf", ContentFile(signed), save=False)
    try:
        with transaction.atomic():
            document.save()
            audit.record_event("core.document.issue", document)
    except IntegrityError:
        # The same letter issued at the same instant by another request: serve that one.
        document.file.delete(save=False)
        return IssuedDocument._base_manager.get(kind=kind, source_digest=source_digest)
    return document


def read_copy(document: IssuedDocument) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


@dataclass(frozen=True)
class Verdict:
    """The answer to a verifier.

    status: "original" (the registered file, unchanged), "altered" (claims a registered code but
    differs from it), "unknown" (no code or file of this platform), "unsigned" (a PDF without a
    signature), "unreadable" (not a PDF).
    """

    status: str
    document: IssuedDocument | None = None
    signatures: tuple = ()


def verify_code(text: str) -> Verdict:
    code = normalise_code(text)
    document = IssuedDocument._base_manager.filter(code=code).first() if code else None
    return Verdict("original", document) if document else Verdict("unknown")


def verify_file(data: bytes) -> Verdict:
    digest = hashlib.sha256(data).hexdigest()
    document = IssuedDocument._base_manager.filter(sha256=digest).first()
    if document is not None:
        return Verdict("original", document)
    checks = signing.read_signatures(data)
    if checks is None:
        return Verdict("unreadable")
    if not checks:
        return Verdict("unsigned")
    for check in checks:
        match = _CODE_IN_REASON.search(check.reason)
        claimed = match and IssuedDocument._base_manager.filter(code=match.group(1)).first()
        if claimed:
            return Verdict("altered", claimed, tuple(checks))
    return Verdict("unknown", None, tuple(checks))
