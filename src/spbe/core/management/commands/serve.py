import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Menjalankan server web (pengembangan/demo) bersama satu pekerja tugas latar."

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000")

    def handle(self, *args, addr, **options):
        from spbe.core import throttle

        throttle.warn_if_misconfigured()
        worker = subprocess.Popen([sys.executable, "-m", "spbe.cli", "db_worker", "--interval", "0.5"])
        self.stdout.write(f"Pekerja tugas latar berjalan (pid {worker.pid}). Platform: http://{addr}/")
        try:
            call_command("runserver", addr, use_reloader=False)
        finally:
            worker.terminate()
            worker.wait(timeout=10)
