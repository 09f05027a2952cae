"""The service desk's mail gateway (issue 14 section 4: tickets "by e-mail").

The regency's mail server hands each message for the desk's address to
`spbe tickets receive-mail` (a pipe, like GLPI's and RT's mailgates), or the scheduled job
`management.mail` reads a Maildir (SPBE_TICKET_MAILDIR). Each message is parsed with Python's
`email` package and goes through the same service functions as the pages:

- the sender's address must belong to an active account (the account's e-mail or its staff
  record's); an unknown sender gets no ticket, the refusal is kept with its reason;
- a subject naming a ticket ("[TK-2026-000123]") adds the text to that ticket as a note from the
  requester or a handler (an answer to the desk's question resumes the clock); otherwise a new
  incident ticket opens with the subject as its title, channel "email";
- the plain-text part is the description (an HTML-only message is turned into text); quoted
  earlier messages are cut from replies; attachments within the platform's upload rules are kept
  as the ticket's attachments, the others named in the record;
- every message is recorded once (InboundMail, by Message-ID), whatever became of it.
"""

import email
import email.policy
import hashlib
import html
import mailbox
import os
import re
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spbe.core import audit, context
from spbe.core.errors import DomainError
from spbe.core.models import Attachment

from . import services
from .choices import InboundMailOutcome, TicketKind, TicketStatus
from .models import InboundMail, Ticket

REFERENCE = re.compile(r"\[\s*(TK-\d{4}-\d{6})\s*\]", re.IGNORECASE)
QUOTE_HEADER = re.compile(r"^(On|Pada)\b.+(wrote|menulis)\s*:\s*$", re.IGNORECASE)
MAX_BODY = 20000


class _TextFromHtml(HTMLParser):
    """Plain text from an HTML-only message: block elements become line breaks, scripts and
    styles are dropped, entities decoded."""

    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head"):
            self.skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("- ")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)

    def text(self) -> str:
        lines = [" ".join(line.split()) for line in "".join(self.parts).splitlines()]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def html_to_text(markup: str) -> str:
    parser = _TextFromHtml()
    parser.feed(markup)
    parser.close()
    return html.unescape(parser.text())


def body_text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    if part is not None:
        return (part.get_content() or "").strip()
    part = message.get_body(preferencelist=("html",))
    if part is not None:
        return html_to_text(part.get_content() or "")
    return ""


def without_quotes(text: str) -> str:
    """A reply's own words: from the first quoted line ("> ...", "On ... wrote:") on, cut."""
    kept = []
    for line in text.splitlines():
        if (
            line.startswith(">")
            or QUOTE_HEADER.match(line.strip())
            or line.strip() == "-----Original Message-----"
        ):
            break
        kept.append(line)
    return "\n".join(kept).strip()


def attachments_of(message: EmailMessage) -> list[tuple[str, bytes, str]]:
    out = []
    for part in message.iter_attachments():
        name = os.path.basename(part.get_filename() or "") or "lampiran"
        payload = part.get_payload(decode=True) or b""
        out.append((name[:255], payload, part.get_content_type()))
    return out


def sender_account(address: str):
    """The active account the address belongs to: its own e-mail, else its staff record's."""
    from spbe.org.models import Person

    address = (address or "").strip()
    if not address or "@" not in address:
        return None
    users = get_user_model()._default_manager.filter(is_active=True)
    found = list(users.filter(email__iexact=address)[:2])
    if not found:
        ids = Person._base_manager.filter(email__iexact=address, user__isnull=False).values("user_id")
        found = list(users.filter(pk__in=ids)[:2])
    return found[0] if len(found) == 1 else None  # an address shared by two accounts names no one


def _allowed(name: str, size: int) -> bool:
    lowered = name.lower()
    return size <= settings.SPBE_UPLOAD_MAX_BYTES and any(
        lowered.endswith("." + ext) for ext in settings.SPBE_UPLOAD_EXTENSIONS
    )


def _keep_attachments(ticket: Ticket, files, user) -> list[str]:
    """Store what the upload rules allow on the ticket; return a line per file for the record."""
    lines = []
    content_type = ContentType.objects.get_for_model(Ticket)
    for name, payload, mime in files:
        if not _allowed(name, len(payload)):
            lines.append(
                _("%(name)s (tidak disimpan: jenis atau ukuran berkas tidak diizinkan)") % {"name": name}
            )
            continue
        attachment = Attachment(
            content_type=content_type,
            object_id=ticket.pk,
            name=name,
            size=len(payload),
            sha256=hashlib.sha256(payload).hexdigest(),
            content_type_name=mime[:100],
            created_by=user,
        )
        attachment.file.save(name, ContentFile(payload), save=False)
        attachment.save()
        lines.append(name)
    return lines


def _record(**values) -> InboundMail:
    return InboundMail.objects.create(received_at=timezone.now(), **values)


def receive(raw: bytes) -> InboundMail:
    """One RFC 822 message in; the record of what became of it out (never raises for bad mail)."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    message_id = str(message.get("Message-ID") or "").strip()[:300]
    if message_id:
        seen = InboundMail._base_manager.filter(message_id=message_id).first()
        if seen is not None:
            return seen  # delivered twice: already handled
    _name, address = parseaddr(str(message.get("From") or ""))
    subject = " ".join(str(message.get("Subject") or "").split())[:300]
    base = {"message_id": message_id, "sender": address[:300] or _("(tanpa alamat)"), "subject": subject}
    refusal = _refusal(message, address)
    user = None if refusal else sender_account(address)
    if refusal is None and user is None:
        refusal = _(
            "Alamat pengirim %(address)s tidak terdaftar pada akun aktif mana pun; tiket hanya dibuka untuk "
            "pegawai yang dikenal. Minta pelapor membuka tiket lewat portal atau service desk tier 1."
        ) % {"address": address or "-"}
    files = attachments_of(message)
    if refusal:
        return _record(outcome=InboundMailOutcome.REFUSED, reason=refusal, attachments=_names(files), **base)
    with context.acting(entry_point=context.current().entry_point, user=user):
        try:
            with transaction.atomic():
                return _apply(message, user, subject, files, base)
        except DomainError as error:
            return _record(
                outcome=InboundMailOutcome.REFUSED, reason=error.message, attachments=_names(files), **base
            )


def _names(files) -> str:
    return "\n".join(name for name, _payload, _mime in files)


def _refusal(message: EmailMessage, address: str) -> str | None:
    auto = str(message.get("Auto-Submitted") or "no").strip().lower()
    if auto != "no" or str(message.get("Precedence") or "").lower() in ("bulk", "junk", "list"):
        return _("Balasan otomatis atau surel massal tidak dijadikan tiket.")
    own = {a.lower() for _n, a in getaddresses([getattr(settings, "SPBE_TICKET_MAIL_ADDRESS", "") or ""])}
    if address.lower() in own:
        return _("Surel dari alamat service desk sendiri tidak dijadikan tiket.")
    return None


def _apply(message: EmailMessage, user, subject: str, files, base) -> InboundMail:
    text = body_text(message)
    reference = REFERENCE.search(subject)
    if reference:
        ticket = Ticket._base_manager.filter(number=reference.group(1).upper()).first()
        if ticket is None:
            raise DomainError(
                _("Subjek menyebut tiket %(number)s yang tidak ada.") % {"number": reference.group(1)}
            )
        reply = without_quotes(text)[:MAX_BODY]
        if not reply:
            raise DomainError(_("Balasan itu tidak berisi teks."))
        _reply(ticket, user, reply)
        kept = _keep_attachments(ticket, files, user)
        mail = _record(
            outcome=InboundMailOutcome.COMMENT,
            ticket=ticket,
            agency=ticket.agency,
            attachments="\n".join(kept),
            **base,
        )
        audit.record_event("management.ticket.mail_reply", ticket, message=subject)
        return mail
    title = REFERENCE.sub("", subject).strip() or _("(tanpa subjek)")
    description = text[:MAX_BODY] or title
    if files:
        description += "\n\n" + _("Lampiran surel: %(names)s") % {"names": ", ".join(_described(files))}
    ticket = services.ticket_open(
        user=user, title=title[:200], description=description, kind=TicketKind.INCIDENT, channel="email"
    )
    kept = _keep_attachments(ticket, files, user)
    return _record(
        outcome=InboundMailOutcome.TICKET,
        ticket=ticket,
        agency=ticket.agency,
        attachments="\n".join(kept),
        **base,
    )


def _described(files) -> list[str]:
    return [
        name if _allowed(name, len(payload)) else _("%(name)s (tidak disimpan)") % {"name": name}
        for name, payload, _mime in files
    ]


def _reply(ticket: Ticket, user, text: str) -> None:
    """A requester answering the desk's question resumes the clock; otherwise a note."""
    if ticket.status == TicketStatus.WAITING and services.is_requester(user, ticket):
        services.ticket_resume(ticket=ticket, user=user, note=text)
        return
    if ticket.status not in (TicketStatus.NEW, TicketStatus.IN_PROGRESS, TicketStatus.WAITING):
        raise DomainError(
            _("Tiket %(number)s sudah %(status)s; buka tiket baru atau buka kembali lewat portal.")
            % {"number": ticket.number, "status": ticket.get_status_display().lower()}
        )
    services.ticket_comment(ticket=ticket, user=user, note=text)


def receive_maildir(path: str | Path) -> list[InboundMail]:
    """Every new message of a Maildir, each moved to cur/ and marked seen once recorded."""
    box = mailbox.Maildir(str(path), factory=None, create=False)
    out = []
    for key in list(box.iterkeys()):
        msg = box.get_message(key)
        if msg.get_subdir() != "new":
            continue
        out.append(receive(box.get_bytes(key)))
        msg.set_subdir("cur")
        msg.add_flag("S")
        box[key] = msg
    return out


def poll() -> str:
    """Scheduled (`management.mail`): read SPBE_TICKET_MAILDIR when it is configured."""
    path = getattr(settings, "SPBE_TICKET_MAILDIR", "")
    if not path:
        return "SPBE_TICKET_MAILDIR tidak diatur"
    records = receive_maildir(path)
    return f"{len(records)} surel diproses"
