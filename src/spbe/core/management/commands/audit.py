from django.core.management.base import BaseCommand, CommandError

from spbe.core import audit


class Command(BaseCommand):
    help = (
        "Jejak audit: `spbe audit verify` memeriksa rantai hash seluruh peristiwa dan mencocokkannya "
        "dengan jangkar terakhir; `spbe audit anchor` menyalin kepala rantai ke berkas jangkar (dan syslog)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "anchor"])
        parser.add_argument("--anchor-file", help="berkas jangkar (bawaan: SPBE_AUDIT_ANCHOR_FILE)")

    def handle(self, *args, action, anchor_file=None, **options):
        if action == "anchor":
            anchor = audit.write_anchor(anchor_file)
            self.stdout.write(f"Jangkar ditulis: #{anchor['seq']} {anchor['hash']}")
            return
        anchor = audit.last_anchor(anchor_file)
        result = audit.verify(anchor=anchor)
        if not result.ok:
            raise CommandError(str(result))
        suffix = f" (jangkar #{anchor['seq']} cocok)" if anchor else " (belum ada jangkar)"
        self.stdout.write(str(result) + suffix)
