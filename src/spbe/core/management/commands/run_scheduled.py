import time

from django.core.management.base import BaseCommand

from spbe.core.registry import registry


class Command(BaseCommand):
    help = "Menjalankan pekerjaan terjadwal yang didaftarkan modul (dipanggil cron/systemd timer)."

    def add_arguments(self, parser):
        parser.add_argument("--only", nargs="*", help="nama pekerjaan tertentu")

    def handle(self, *args, only=None, **options):
        for name, job in sorted(registry.scheduled.items()):
            if only and name not in only:
                continue
            started = time.monotonic()
            result = job()
            self.stdout.write(
                f"{name}: {result if result is not None else 'ok'} ({time.monotonic() - started:.2f} s)"
            )
