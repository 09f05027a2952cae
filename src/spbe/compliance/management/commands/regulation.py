from django.core.management.base import BaseCommand, CommandError

from spbe.compliance import profiles, vocabulary
from spbe.compliance.models import Regulation


class Command(BaseCommand):
    help = (
        "Profil regulasi: `validate FILE` (galat per baris), `load FILE` (tambah/perbarui tanpa mengubah kode), "
        "`sync` (profil bawaan), `list`, `coverage` (cara setiap kewajiban dinilai, per profil), "
        "`vocabulary` (jenis pemeriksaan, jenis bukti, peran yang dikenal)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["validate", "load", "sync", "list", "coverage", "vocabulary"])
        parser.add_argument("file", nargs="?")
        parser.add_argument(
            "--markdown",
            action="store_true",
            help="vocabulary: docs/regulations/check-types.md (bahasa Inggris)",
        )

    def handle(self, *args, action, file=None, markdown=False, **options):  # noqa: C901
        if action in ("validate", "load") and not file:
            raise CommandError(f"`spbe regulation {action}` memerlukan nama berkas.")
        if action == "validate":
            report = profiles.validate_file(file)
            for line in report.lines():
                self.stdout.write(line)
            if not report.ok:
                raise CommandError(f"{len(report.errors)} galat; profil tidak valid.")
            self.stdout.write(
                f"OK: {len(report.data['obligations'])} kewajiban, {len(report.warnings)} peringatan."
            )
        elif action == "load":
            report = profiles.validate_file(file)
            if not report.ok:
                for line in report.lines():
                    self.stdout.write(line)
                raise CommandError(f"{len(report.errors)} galat; tidak ada yang dimuat.")
            with open(file, encoding="utf-8") as handle:
                regulation, report = profiles.load_text(handle.read(), source=file)
            for line in report.lines():
                self.stdout.write(line)
            for line in report.diff.lines():
                self.stdout.write(line)
            count = regulation.obligations.filter(retired=False).count()
            self.stdout.write(f"Dimuat: {regulation} ({regulation.code}), {count} kewajiban.")
        elif action == "sync":
            for code in profiles.sync_shipped():
                self.stdout.write(f"tersinkron: {code}")
        elif action == "vocabulary":
            if markdown:
                self.stdout.write(vocabulary.check_types_markdown(), ending="")
            else:
                for line in vocabulary.vocabulary_lines():
                    self.stdout.write(line)
        elif action == "coverage":
            for line in vocabulary.coverage_table(Regulation.objects.order_by("code")):
                self.stdout.write(line)
        else:
            for regulation in Regulation.objects.all():
                counts = vocabulary.regulation_coverage(regulation)
                parts = ", ".join(
                    f"{vocabulary.CATEGORY_LABELS[c].lower()} {counts[c]}" for c in vocabulary.CATEGORIES
                )
                total = sum(counts.values())
                self.stdout.write(f"{regulation.code:<28} {regulation} ({total} kewajiban: {parts})")
