from django.core.management.base import BaseCommand, CommandError

from spbe.compliance import engine
from spbe.org.models import Government


class Command(BaseCommand):
    help = "`spbe compliance run`: evaluasi penuh setiap kewajiban untuk setiap subjek."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["run"])
        parser.add_argument("--government", help="nama pemerintah daerah (bawaan: semua)")

    def handle(self, *args, action, government=None, **options):
        governments = Government.objects.exclude(regulation="").select_related("ict_office")
        if government:
            governments = governments.filter(name=government)
            if not governments:
                raise CommandError(
                    f"Pemerintah daerah '{government}' tidak ditemukan atau belum memilih regulasi."
                )
        for gov in governments:
            try:
                run = engine.run_full(gov, trigger="command")
            except ValueError as error:
                self.stderr.write(f"{gov}: {error}")
                continue
            self.stdout.write(
                f"{gov}: {run.evaluations} evaluasi, {run.changes} status berubah, {run.duration_ms} ms"
            )
