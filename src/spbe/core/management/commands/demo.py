from django.core.management import call_command
from django.core.management.base import BaseCommand

from spbe.core.registry import registry


class Command(BaseCommand):
    help = "Membangun kabupaten demo (idempoten: menjalankan ulang memakai data yang sudah ada)."

    def handle(self, *args, **options):
        call_command("createcachetable", verbosity=0)
        for _order, builder in sorted(registry.demo_builders, key=lambda item: item[0]):
            builder(stdout=self.stdout)
        for summary in registry.demo_summaries:
            for line in summary():
                self.stdout.write(line)
