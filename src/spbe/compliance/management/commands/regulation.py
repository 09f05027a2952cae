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

    def handle(self, *args, action, file=None, markdown=False, **options):
        if action in ("validate", "load") and not file:
            raise CommandError(f"`spbe regulation {action}` memerlukan nama berkas.")
        getattr(self, f"run_{action}")(file=file, markdown=markdown)

    def write_lines(self, lines):
        for line in lines:
            self.stdout.write(line)

    def run_validate(self, file, **options):
        report = profiles.validate_file(file)
        self.write_lines(report.lines())
        if not report.ok:
            raise CommandError(f"{len(report.errors)} galat; profil tidak valid.")
        self.stdout.write(
            f"OK: {len(report.data['obligations'])} kewajiban, {len(report.warnings)} peringatan."
        )

    def run_load(self, file, **options):
        report = profiles.validate_file(file)
        if not report.ok:
            self.write_lines(report.lines())
            raise CommandError(f"{len(report.errors)} galat; tidak ada yang dimuat.")
        with open(file, encoding="utf-8") as handle:
            regulation, report = profiles.load_text(handle.read(), source=file)
        self.write_lines(report.lines())
        self.write_lines(report.diff.lines())
        count = regulation.obligations.filter(retired=False).count()
        self.stdout.write(f"Dimuat: {regulation} ({regulation.code}), {count} kewajiban.")

    def run_sync(self, **options):
        self.write_lines(f"tersinkron: {code}" for code in profiles.sync_shipped())

    def run_vocabulary(self, markdown=False, **options):
        if markdown:
            self.stdout.write(vocabulary.check_types_markdown(), ending="")
        else:
            self.write_lines(vocabulary.vocabulary_lines())

    def run_coverage(self, **options):
        self.write_lines(vocabulary.coverage_table(Regulation.objects.order_by("code")))

    def run_list(self, **options):
        for regulation in Regulation.objects.all():
            counts = vocabulary.regulation_coverage(regulation)
            parts = ", ".join(
                f"{vocabulary.CATEGORY_LABELS[c].lower()} {counts[c]}" for c in vocabulary.CATEGORIES
            )
            total = sum(counts.values())
            self.stdout.write(f"{regulation.code:<28} {regulation} ({total} kewajiban: {parts})")
