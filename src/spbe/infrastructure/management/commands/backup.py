from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from spbe.core.errors import DomainError
from spbe.infrastructure import platform_backup, services


class Command(BaseCommand):
    help = (
        "Mencadangkan platform: basis data (pg_dump -Fc atau salinan SQLite konsisten), berkas unggahan, dan "
        "manifest.json (versi, migrasi, jumlah baris per tabel, SHA-256 tiap berkas) dalam satu folder "
        "spbe-backup-<waktu>; dicatat sebagai pelaksanaan rencana pencadangan platform."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=None,
            help="folder tempat set cadangan dibuat (bawaan: SPBE_BACKUP_DIR, atau $SPBE_VAR_DIR/backups)",
        )

    def handle(self, *args, output=None, **options):
        output_dir = Path(output or settings.SPBE_BACKUP_DIR)
        # The plan first, so that the set itself holds the plan its runs are recorded under.
        services.platform_backup_plan()
        try:
            backup_set = platform_backup.backup(output_dir, progress=self.stdout.write)
        except DomainError as error:
            raise CommandError(error.message) from error
        run = platform_backup.record_backup(backup_set)
        manifest = backup_set.manifest
        self.stdout.write(
            _(
                "Set cadangan selesai: %(path)s (%(size).1f MB, %(tables)s tabel, %(rows)s baris, "
                "%(files)s berkas unggahan)."
            )
            % {
                "path": backup_set.path,
                "size": backup_set.size / 1024 / 1024,
                "tables": len(manifest["tables"]),
                "rows": sum(manifest["tables"].values()),
                "files": manifest["media"]["count"],
            }
        )
        self.stdout.write(_("SHA-256 manifest: %(digest)s") % {"digest": backup_set.digest})
        if run is None:
            self.stdout.write(
                _("Peringatan: Dinas Kominfo belum ditetapkan, pelaksanaan pencadangan tidak dicatat.")
            )
        else:
            self.stdout.write(
                _("Dicatat sebagai pelaksanaan rencana pencadangan “%(plan)s”.") % {"plan": run.plan}
            )
