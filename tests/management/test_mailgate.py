"""Tickets by e-mail: real RFC 822 messages through `spbe tickets receive-mail` (stdin and Maildir)
become tickets, replies, or recorded refusals; never a ticket for no one."""

import io
import mailbox
import sys
from email.message import EmailMessage

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from spbe.core.models import Attachment, AuditEvent
from spbe.management import mailgate, services
from spbe.management.models import InboundMail, Ticket


def eml(sender, subject, body="", *, html=None, attachments=(), message_id=None, headers=None) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "servicedesk@parigimoutongkab.go.id"
    msg["Subject"] = subject
    if message_id:
        msg["Message-ID"] = message_id
    for key, value in (headers or {}).items():
        msg[key] = value
    if html is not None and not body:
        msg.set_content(html, subtype="html")
    else:
        msg.set_content(body)
    for name, payload, mime in attachments:
        maintype, subtype = mime.split("/")
        msg.add_attachment(payload, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes()


@pytest.fixture
def mail_requester(requester):
    requester.email = "rina.pelapor@dinkes.parigimoutongkab.go.id"
    requester.save()
    return requester


def pipe(raw: bytes) -> str:
    """What the mail server does: the message on the command's stdin."""
    out = io.StringIO()
    stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(raw))
    try:
        call_command("tickets", "receive-mail", stdout=out)
    finally:
        sys.stdin = stdin
    return out.getvalue()


def test_a_known_sender_opens_an_email_ticket_with_its_attachments(mail_requester, agency):
    raw = eml(
        "Rina Pelapor <Rina.Pelapor@dinkes.parigimoutongkab.go.id>",
        "SIMPUS galat 502 di Puskesmas Parigi",
        "Sejak pukul 08.00 halaman login menampilkan galat 502.\n",
        attachments=[
            ("tangkapan-layar.png", b"\x89PNG\r\n\x1a\nbukan-gambar-sungguhan", "image/png"),
            ("perbaiki.exe", b"MZ\x90\x00", "application/octet-stream"),
        ],
        message_id="<satu@dinkes.parigimoutongkab.go.id>",
    )
    output = pipe(raw)
    ticket = Ticket.objects.get()
    assert "Tiket baru" in output and ticket.number in output
    assert ticket.channel == "email" and ticket.requester == mail_requester and ticket.agency == agency
    assert ticket.title == "SIMPUS galat 502 di Puskesmas Parigi"
    assert ticket.description.startswith("Sejak pukul 08.00 halaman login")
    assert "perbaiki.exe (tidak disimpan)" in ticket.description
    files = Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(Ticket), object_id=ticket.pk
    )
    assert [a.name for a in files] == ["tangkapan-layar.png"]  # the executable is named, not kept
    assert files[0].file.read() == b"\x89PNG\r\n\x1a\nbukan-gambar-sungguhan"
    record = InboundMail.objects.get()
    assert (record.outcome, record.ticket, record.agency) == ("ticket", ticket, agency)
    # The same message delivered twice is one ticket.
    pipe(raw)
    assert Ticket.objects.count() == 1 and InboundMail.objects.count() == 1
    assert AuditEvent.objects.filter(code="management.ticket.opened", object_id=str(ticket.pk)).exists()


def test_an_unknown_sender_is_refused_and_the_refusal_kept(mail_requester):
    output = pipe(eml("orang.asing@contoh.id", "Tolong bantu", "Akun saya terkunci."))
    assert Ticket.objects.count() == 0
    record = InboundMail.objects.get()
    assert record.outcome == "refused" and record.ticket is None and record.agency is None
    assert "orang.asing@contoh.id tidak terdaftar pada akun aktif" in record.reason
    assert "Ditolak" in output


def test_a_sender_known_by_the_staff_record_only(requester, agency):
    requester.person.email = "rina@pribadi.example"
    requester.person.save()
    pipe(eml("rina@pribadi.example", "Printer macet", "Antrean cetak berhenti."))
    assert Ticket.objects.get().requester == requester


def test_an_account_without_a_role_gets_no_ticket(db, agency):
    from ..factories import PersonFactory, UserFactory

    user = UserFactory(email="tanpa.peran@contoh.go.id")
    PersonFactory(agency=agency, user=user)
    pipe(eml("tanpa.peran@contoh.go.id", "Minta akun", "Mohon dibuatkan akun."))
    assert Ticket.objects.count() == 0
    assert "belum memegang peran" in InboundMail.objects.get().reason


def test_an_html_only_message_becomes_text(mail_requester):
    pipe(
        eml(
            "rina.pelapor@dinkes.parigimoutongkab.go.id",
            "Dasbor kosong",
            html="<html><head><style>p{color:red}</style></head><body><p>Grafik <b>tidak</b> tampil.</p>"
            "<ul><li>Chrome</li><li>Firefox</li></ul><p>Terima kasih &amp; salam</p></body></html>",
        )
    )
    description = Ticket.objects.get().description
    assert "<" not in description and "color" not in description
    assert (
        "Grafik tidak tampil." in description
        and "- Chrome" in description
        and "Terima kasih & salam" in description
    )


def test_a_reply_naming_the_ticket_is_a_note_and_answers_the_question(mail_requester, tier1):
    ticket = services.ticket_open(
        user=mail_requester, title="Printer", description="Printer bidang tidak mencetak.", kind="incident"
    )
    services.ticket_wait(ticket=ticket, user=tier1, note="Mohon kirim foto pesan galatnya.")
    raw = eml(
        "rina.pelapor@dinkes.parigimoutongkab.go.id",
        f"Re: [{ticket.number}] Printer",
        "Pesannya: paper jam di baki 2.\n\nPada Senin, Budi menulis:\n> Mohon kirim foto pesan galatnya.\n",
        attachments=[("foto.jpg", b"\xff\xd8\xffjpeg", "image/jpeg")],
    )
    pipe(raw)
    ticket.refresh_from_db()
    assert Ticket.objects.count() == 1
    assert ticket.status == "in_progress"  # the requester answered: the clock runs again
    last = ticket.events.order_by("-at", "-id").first()
    assert last.kind == "resumed" and last.note == "Pesannya: paper jam di baki 2."
    assert Attachment.objects.filter(object_id=ticket.pk, name="foto.jpg").exists()
    # a handler's mail on the open ticket is a note
    tier1.email = "budi@dinkes.parigimoutongkab.go.id"
    tier1.save()
    pipe(
        eml(
            "budi@dinkes.parigimoutongkab.go.id", f"[{ticket.number}]", "Teknisi datang pukul 13.00 hari ini."
        )
    )
    assert ticket.events.order_by("-at", "-id").first().kind == "comment"
    assert InboundMail.objects.filter(outcome="comment").count() == 2


def test_a_reply_from_a_stranger_to_the_ticket_is_refused(mail_requester, other_tier1):
    ticket = services.ticket_open(
        user=mail_requester, title="Printer", description="Printer bidang tidak mencetak.", kind="incident"
    )
    other_tier1.email = "lain@disdik.go.id"
    other_tier1.save()
    pipe(eml("lain@disdik.go.id", f"Re: [{ticket.number}] Printer", "Sudah kami perbaiki dari jauh."))
    record = InboundMail.objects.get()
    assert record.outcome == "refused" and "Hanya pelapor atau penangan" in record.reason
    assert ticket.events.count() == 1


def test_a_reply_to_a_closed_ticket_or_a_missing_one(mail_requester, tier1):
    ticket = services.ticket_open(
        user=mail_requester, title="Printer", description="Printer bidang tidak mencetak.", kind="incident"
    )
    services.ticket_resolve(ticket=ticket, user=tier1, resolution="Kertas yang tersangkut dilepas.")
    pipe(
        eml(
            "rina.pelapor@dinkes.parigimoutongkab.go.id",
            f"Re: [{ticket.number}]",
            "Masih macet lagi pagi ini.",
        )
    )
    pipe(eml("rina.pelapor@dinkes.parigimoutongkab.go.id", "Re: [TK-2020-999999]", "Ini tiket lama saya."))
    reasons = list(InboundMail.objects.order_by("id").values_list("reason", flat=True))
    assert "sudah selesai ditangani" in reasons[0] and "buka kembali lewat portal" in reasons[0]
    assert "TK-2020-999999 yang tidak ada" in reasons[1]
    assert Ticket.objects.count() == 1


def test_auto_replies_never_open_tickets(mail_requester):
    pipe(
        eml(
            "rina.pelapor@dinkes.parigimoutongkab.go.id",
            "Di luar kantor",
            "Saya cuti sampai Senin.",
            headers={"Auto-Submitted": "auto-replied"},
        )
    )
    assert Ticket.objects.count() == 0
    assert "otomatis" in InboundMail.objects.get().reason


def test_a_maildir_is_read_once(tmp_path, mail_requester, settings):
    box = mailbox.Maildir(str(tmp_path / "desk"), create=True)
    box.add(eml("rina.pelapor@dinkes.parigimoutongkab.go.id", "Wi-Fi putus", "Wi-Fi lantai 2 putus."))
    box.add(eml("orang.asing@contoh.id", "Halo", "Promosi."))
    out = io.StringIO()
    call_command("tickets", "receive-mail", "--maildir", str(tmp_path / "desk"), stdout=out)
    assert Ticket.objects.count() == 1 and InboundMail.objects.count() == 2
    assert not list((tmp_path / "desk" / "new").iterdir())
    # the scheduled job reads the same directory: nothing new, nothing twice
    settings.SPBE_TICKET_MAILDIR = str(tmp_path / "desk")
    assert mailgate.poll() == "0 surel diproses"
    assert Ticket.objects.count() == 1


def test_the_inbound_mail_list_stays_in_scope(client, mail_requester, tier1, other_tier1, tier2):
    pipe(eml("rina.pelapor@dinkes.parigimoutongkab.go.id", "Wi-Fi putus", "Wi-Fi lantai 2 putus."))
    pipe(eml("orang.asing@contoh.id", "Halo", "Promosi."))
    assert InboundMail.objects.restrict(tier2).count() == 2  # the ICT office's desk sees every message
    assert list(InboundMail.objects.restrict(tier1).values_list("outcome", flat=True)) == ["ticket"]
    assert InboundMail.objects.restrict(other_tier1).count() == 0
    client.force_login(other_tier1)
    assert "orang.asing" not in client.get("/management/inbound-mail/").content.decode()
