from django.core.management.base import BaseCommand

from spbe.planning import references


class Command(BaseCommand):
    help = "`spbe planning sync-references`: muat kode referensi arsitektur nasional (level 1-2)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["sync-references"])

    def handle(self, *args, action, **options):
        result = references.sync_national()
        self.stdout.write(
            f"Kode referensi nasional: {result['created']} ditambahkan, {result['updated']} diperbarui."
        )
