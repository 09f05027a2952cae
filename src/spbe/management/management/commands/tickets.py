import sys

from django.core.management.base import BaseCommand, CommandError

from spbe.management import mailgate


class Command(BaseCommand):
    help = (
        "`spbe tickets receive-mail`: terima satu surel (RFC 822) dari stdin, atau semua surel baru di "
        "--maildir, sebagai tiket service desk atau tanggapan pada tiket yang disebut subjeknya."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["receive-mail"])
        parser.add_argument("--maildir", help="Direktori Maildir yang dibaca (new/ dipindah ke cur/).")

    def handle(self, *args, action, maildir=None, **options):
        if maildir:
            try:
                records = mailgate.receive_maildir(maildir)
            except (FileNotFoundError, mailbox_error()) as error:
                raise CommandError(f"Maildir tidak dapat dibaca: {error}") from error
        else:
            raw = sys.stdin.buffer.read()
            if not raw.strip():
                raise CommandError("Tidak ada surel di stdin.")
            records = [mailgate.receive(raw)]
        for record in records:
            target = record.ticket.number if record.ticket_id else "-"
            line = f"{record.get_outcome_display()}: {target} <{record.sender}> {record.subject}"
            if record.reason:
                line += f" ({record.reason})"
            self.stdout.write(line)


def mailbox_error():
    import mailbox

    return mailbox.NoSuchMailboxError
