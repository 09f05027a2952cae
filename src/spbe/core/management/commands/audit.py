from django.core.management.base import BaseCommand, CommandError

from spbe.core import audit


class Command(BaseCommand):
    help = "Jejak audit: `spbe audit verify` memeriksa rantai hash seluruh peristiwa."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, **options):
        result = audit.verify()
        if not result.ok:
            raise CommandError(str(result))
        self.stdout.write(str(result))
