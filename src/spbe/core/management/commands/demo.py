from django.core.management import call_command
from django.core.management.base import BaseCommand

from spbe.core import audit
from spbe.core.registry import registry


class Command(BaseCommand):
    help = "Membangun kabupaten demo (idempoten: menjalankan ulang memakai data yang sudah ada)."

    def handle(self, *args, **options):
        call_command("createcachetable", verbosity=0)
        # The demo's thousands of audit events are chained in one step at its end (as an import's
        # are) instead of one locked read and insert each.
        with audit.deferred():
            for _order, builder in sorted(registry.demo_builders, key=lambda item: item[0]):
                builder(stdout=self.stdout)
        for summary in registry.demo_summaries:
            for line in summary():
                self.stdout.write(line)
