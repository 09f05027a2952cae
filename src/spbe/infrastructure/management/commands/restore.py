from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from spbe.core.errors import DomainError
from spbe.infrastructure import platform_backup


class Command(BaseCommand):
    help = (
        "Memulihkan set cadangan `spbe backup`: memeriksa semua checksum dulu, menolak basis data target yang "
        "tidak kosong kecuali --force, memulihkan basis data dan berkas, mencocokkan jumlah baris dan checksum, "
        "lalu mencatat uji pemulihan pada rencana pencadangan platform."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup_set", metavar="SET", help="folder set cadangan (spbe-backup-<waktu>)")
        parser.add_argument(
            "--database-url", default=None, help="basis data target (bawaan: DATABASE_URL platform)"
        )
        parser.add_argument(
            "--media-dir", default=None, help="folder berkas target (bawaan: SPBE_MEDIA_ROOT)"
        )
        parser.add_argument(
            "--force", action="store_true", help="timpa basis data dan folder target yang tidak kosong"
        )

    def handle(self, *args, backup_set, database_url=None, media_dir=None, force=False, **options):
        try:
            report = platform_backup.restore(
                backup_set,
                database_url=database_url,
                media_dir=media_dir,
                force=force,
                progress=self.stdout.write,
            )
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            _("Basis data %(name)s: %(tables)s tabel, %(rows)s baris; %(bad)s tabel berbeda dari manifest.")
            % {
                "name": report.database,
                "tables": report.tables,
                "rows": report.rows,
                "bad": len(report.table_mismatches),
            }
        )
        for line in report.table_mismatches[:20]:
            self.stdout.write(f"  {line}")
        self.stdout.write(
            _("Berkas %(path)s: %(files)s berkas; %(bad)s checksum berbeda.")
            % {"path": report.media_dir, "files": report.files, "bad": len(report.file_mismatches)}
        )
        for line in report.file_mismatches[:20]:
            self.stdout.write(f"  {line}")
        if report.needs_migrate:
            self.stdout.write(
                _(
                    "Set ini dibuat oleh versi yang lebih lama: jalankan `spbe migrate`. Uji pemulihan belum "
                    "dicatat; catat di rencana pencadangan platform setelah migrasi."
                )
            )
        elif report.drill is None:
            self.stdout.write(_("Peringatan: Dinas Kominfo belum ditetapkan, uji pemulihan tidak dicatat."))
        else:
            self.stdout.write(
                _("Dicatat sebagai uji pemulihan: %(result)s.")
                % {"result": report.drill.get_result_display()}
            )
        if not report.ok:
            raise CommandError(
                _("Pemulihan selesai tetapi tidak sama dengan manifest; periksa selisih di atas.")
            )
        self.stdout.write(
            _("Pemulihan selesai dalam %(seconds).1f detik; hasil sama dengan manifest.")
            % {"seconds": report.seconds}
        )
