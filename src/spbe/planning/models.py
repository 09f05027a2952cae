"""SPBE planning: architecture with its reference-model codes, roadmap, master plan, budget lines,
business processes, yearly reviews, agency ICT needs, and the catalog of SPBE services."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from spbe.core.models import AgencyOwnedModel, BaseModel

from .choices import (
    DOMAIN_REFERENCE,
    REVIEW_REASONS_BY_DOCUMENT,
    ArchitectureDomain,
    BudgetPurpose,
    DocumentStatus,
    FundingSource,
    IntegrationStatus,
    MasterPlanKind,
    NeedStatus,
    ReferenceKind,
    ReviewedDocument,
    ReviewReason,
    RoadmapArea,
    RoadmapStatus,
    ServiceArea,
    ServiceKind,
)

YEAR = [MinValueValidator(2000), MaxValueValidator(2100)]


class PeriodMixin(models.Model):
    """A multi-year planning document (5 years for architecture, roadmap and master plan)."""

    start_year = models.PositiveSmallIntegerField(_("tahun mulai"), validators=YEAR)
    end_year = models.PositiveSmallIntegerField(_("tahun akhir"), validators=YEAR)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("Tahun akhir tidak boleh sebelum tahun mulai.")})

    def covers(self, year: int) -> bool:
        return self.start_year <= year <= self.end_year


class PlanningDocument(PeriodMixin, BaseModel):
    """What the multi-year planning documents share: the government, a title, whether it is set,
    and the decree that set it."""

    government = models.ForeignKey(
        "org.Government", verbose_name=_("pemerintah daerah"), on_delete=models.PROTECT
    )
    title = models.CharField(_("judul"), max_length=300)
    status = models.CharField(
        _("status"), max_length=12, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    decree = models.ForeignKey(
        "org.Decree",
        verbose_name=_("dasar hukum (keputusan)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    owner_field = None
    search_fields = ("title",)

    class Meta:
        abstract = True


def check_set_document(doc, siblings, *, max_years: int | None = 5) -> None:
    """Rules every 5-year planning document shares: its length, the decree that sets it, and at
    most one set document of a kind for any year (a new one supersedes the old first)."""
    errors = {}
    if max_years and doc.start_year and doc.end_year and doc.end_year - doc.start_year + 1 > max_years:
        errors["end_year"] = _(
            "Dokumen ini disusun untuk jangka waktu %(n)d tahun; periodenya terlalu panjang."
        ) % {"n": max_years}
    if doc.status == DocumentStatus.SET:
        if not doc.decree_id:
            errors["decree"] = _("Dokumen yang ditetapkan wajib mencantumkan keputusan penetapannya.")
        if doc.government_id and doc.start_year and doc.end_year:
            overlap = (
                siblings.filter(
                    government_id=doc.government_id,
                    status=DocumentStatus.SET,
                    start_year__lte=doc.end_year,
                    end_year__gte=doc.start_year,
                )
                .exclude(pk=doc.pk)
                .first()
            )
            if overlap is not None:
                errors["status"] = _(
                    "Sudah ada dokumen yang ditetapkan untuk periode yang bertumpuk: %(doc)s. "
                    "Ubah statusnya menjadi Digantikan lebih dulu."
                ) % {"doc": overlap}
    if errors:
        raise ValidationError(errors)


class ReferenceModel(BaseModel):
    """A code of the national SPBE reference architecture (RAB, RAD, RAL, RAA, RAI, RAK).

    Levels 1-2 are national and shipped as data (government empty); levels 3-7 are defined locally
    by a government, each under a code of the level above.
    """

    government = models.ForeignKey(
        "org.Government",
        verbose_name=_("pemerintah daerah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Kosong untuk kode nasional (level 1-2)."),
    )
    kind = models.CharField(_("referensi"), max_length=3, choices=ReferenceKind.choices, db_index=True)
    code = models.CharField(_("kode"), max_length=40)
    name = models.CharField(_("nama"), max_length=300)
    level = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    owner_field = None
    search_fields = ("code", "name")
    import_key_fields = ("code",)

    class Meta:
        verbose_name = _("kode referensi arsitektur")
        verbose_name_plural = pgettext_lazy("plural", "kode referensi arsitektur")
        ordering = ["kind", "code"]
        constraints = [
            models.UniqueConstraint(fields=["government", "kind", "code"], name="planning_reference_code")
        ]
        indexes = [
            models.Index(fields=["kind", "code", "id"]),
            models.Index(fields=["kind", "id"]),
            models.Index(fields=["code", "id"]),
            models.Index(fields=["name", "id"]),
            models.Index(fields=["level", "id"]),
            models.Index(fields=["parent", "kind", "code", "id"]),
        ]

    def __str__(self):
        return f"{self.kind}.{self.code} {self.name}"

    @property
    def national(self) -> bool:
        return self.government_id is None

    def clean(self):
        if self.level is not None and self.level <= 2:
            raise ValidationError(
                {
                    "level": _(
                        "Level 1-2 adalah kode nasional: dimuat dari data platform, tidak dibuat atau "
                        "diubah di sini."
                    )
                }
            )
        if self.government_id is None:
            raise ValidationError(
                {
                    "government": _(
                        "Kode level 3-7 didefinisikan pemerintah daerah: pilih pemerintah daerahnya."
                    )
                }
            )
        if self.level and self.level > 1 and self.parent_id is None:
            raise ValidationError(
                {"parent": _("Kode level 2 ke atas harus berada di bawah kode level sebelumnya.")}
            )
        if self.parent_id and (self.parent.kind != self.kind or self.parent.level != self.level - 1):
            raise ValidationError(
                {"parent": _("Induk harus referensi yang sama dan tepat satu level di atasnya.")}
            )
        if self.parent_id and self.parent.government_id not in (None, self.government_id):
            raise ValidationError({"parent": _("Induk harus kode nasional atau kode pemerintah daerah ini.")})


class Architecture(PlanningDocument):
    """Arsitektur SPBE: a 5-year document per government with six domains."""

    description = models.TextField(_("uraian"), blank=True)

    owner_field = None
    search_fields = ("title",)
    import_key_fields = ("title",)

    class Meta:
        verbose_name = _("arsitektur SPBE")
        verbose_name_plural = pgettext_lazy("plural", "arsitektur SPBE")
        ordering = ["-start_year"]
        indexes = [
            models.Index(fields=["start_year", "id"]),
            models.Index(fields=["title", "id"]),
            models.Index(fields=["end_year", "id"]),
            models.Index(fields=["status", "id"]),
            models.Index(fields=["government", "start_year", "id"]),
            models.Index(fields=["status", "start_year", "id"]),
        ]

    def __str__(self):
        return f"{self.title} ({self.start_year}-{self.end_year})"

    def clean(self):
        super().clean()
        check_set_document(self, Architecture.objects.all())


class ArchitectureItem(AgencyOwnedModel):
    """One element of a domain of the architecture, following a national reference code."""

    architecture = models.ForeignKey(
        Architecture, verbose_name=_("arsitektur"), on_delete=models.CASCADE, related_name="items"
    )
    domain = models.CharField(_("domain"), max_length=20, choices=ArchitectureDomain.choices, db_index=True)
    code = models.CharField(_("kode lokal"), max_length=40)
    name = models.CharField(_("nama"), max_length=300)
    description = models.TextField(_("uraian"), blank=True)
    reference = models.ForeignKey(
        ReferenceModel, verbose_name=_("kode referensi"), on_delete=models.PROTECT, related_name="items"
    )
    level = models.PositiveSmallIntegerField(
        _("level"), default=3, validators=[MinValueValidator(3), MaxValueValidator(7)]
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    agency_optional = True  # an item of the whole government
    sia_fields = models.JSONField(
        _("metadata SIA SPBE"),
        default=dict,
        blank=True,
        help_text=_("Isian metadata domain sesuai portal SIA SPBE."),
    )

    search_fields = ("code", "name")

    class Meta:
        verbose_name = _("elemen arsitektur")
        verbose_name_plural = pgettext_lazy("plural", "elemen arsitektur")
        ordering = ["architecture", "domain", "code"]
        constraints = [
            models.UniqueConstraint(fields=["architecture", "domain", "code"], name="planning_item_code")
        ]
        indexes = [
            models.Index(fields=["architecture", "domain", "code", "id"]),
            models.Index(fields=["code", "id"]),
            models.Index(fields=["name", "id"]),
            models.Index(fields=["domain", "id"]),
            models.Index(fields=["level", "id"]),
            models.Index(fields=["domain", "architecture", "code", "id"]),
            models.Index(fields=["agency", "architecture", "domain", "code", "id"]),
            models.Index(fields=["reference", "architecture", "domain", "code", "id"]),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def clean(self):
        from . import sia

        errors: dict[str, list] = {}
        expected = DOMAIN_REFERENCE.get(self.domain)
        if self.reference_id and expected:
            ref = self.reference
            if ref.kind != expected:
                errors.setdefault("reference", []).append(
                    _("Domain %(domain)s mengikuti %(kind)s; kode %(code)s milik referensi lain.")
                    % {"domain": self.get_domain_display(), "kind": expected.label, "code": ref}
                )
            if self.architecture_id and ref.government_id not in (None, self.architecture.government_id):
                errors.setdefault("reference", []).append(
                    _("Kode referensi harus kode nasional atau kode pemerintah daerah ini.")
                )
            if self.level and ref.level >= self.level:
                errors.setdefault("level", []).append(
                    _("Elemen level %(level)d harus berada di bawah kode referensi level %(ref)d.")
                    % {"level": self.level, "ref": ref.level}
                )
        if self.parent_id:
            parent = self.parent
            if (
                parent.pk == self.pk
                or parent.architecture_id != self.architecture_id
                or parent.domain != self.domain
            ):
                errors.setdefault("parent", []).append(
                    _("Induk harus elemen lain dari arsitektur dan domain yang sama.")
                )
            elif self.level and parent.level != self.level - 1:
                errors.setdefault("parent", []).append(
                    _("Induk harus tepat satu level di atas elemen ini (level %(level)d).")
                    % {"level": self.level - 1}
                )
        if (
            self.agency_id
            and self.architecture_id
            and self.agency.government_id != self.architecture.government_id
        ):
            errors.setdefault("agency", []).append(
                _("Perangkat daerah harus dari pemerintah daerah yang sama.")
            )
        if self.domain:
            problems = sia.validate(self.domain, self.sia_fields)
            if problems:
                errors["sia_fields"] = problems
        if errors:
            raise ValidationError(errors)


class Roadmap(PlanningDocument):
    """Peta Rencana SPBE: programmes and activities per year over the period."""

    architecture = models.ForeignKey(
        Architecture, verbose_name=_("arsitektur"), null=True, blank=True, on_delete=models.PROTECT
    )

    owner_field = None
    search_fields = ("title",)
    import_key_fields = ("title",)

    class Meta:
        verbose_name = _("peta rencana SPBE")
        verbose_name_plural = pgettext_lazy("plural", "peta rencana SPBE")
        ordering = ["-start_year"]
        indexes = [
            models.Index(fields=["start_year", "id"]),
            models.Index(fields=["title", "id"]),
            models.Index(fields=["end_year", "id"]),
            models.Index(fields=["status", "id"]),
            models.Index(fields=["government", "start_year", "id"]),
            models.Index(fields=["status", "start_year", "id"]),
        ]

    def __str__(self):
        return f"{self.title} ({self.start_year}-{self.end_year})"

    def clean(self):
        super().clean()
        if (
            self.architecture_id
            and self.government_id
            and self.architecture.government_id != self.government_id
        ):
            raise ValidationError({"architecture": _("Arsitektur harus milik pemerintah daerah yang sama.")})
        check_set_document(self, Roadmap.objects.all())


class RoadmapItem(AgencyOwnedModel):
    roadmap = models.ForeignKey(
        Roadmap, verbose_name=_("peta rencana"), on_delete=models.CASCADE, related_name="items"
    )
    area = models.CharField(_("area"), max_length=14, choices=RoadmapArea.choices, db_index=True)
    year = models.PositiveSmallIntegerField(_("tahun"), validators=YEAR, db_index=True)
    programme = models.CharField(_("program"), max_length=300)
    activity = models.CharField(_("kegiatan"), max_length=300)
    agency_label = _("perangkat daerah penanggung jawab")
    target = models.CharField(_("target"), max_length=300, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RoadmapStatus.choices,
        default=RoadmapStatus.PLANNED,
        db_index=True,
    )
    progress = models.PositiveSmallIntegerField(
        _("kemajuan (%)"), default=0, validators=[MaxValueValidator(100)]
    )

    search_fields = ("programme", "activity", "target")
    import_key_fields = ("activity",)

    class Meta:
        verbose_name = _("program/kegiatan peta rencana")
        verbose_name_plural = pgettext_lazy("plural", "program/kegiatan peta rencana")
        ordering = ["roadmap", "year", "area", "programme"]
        indexes = [
            models.Index(fields=["roadmap", "year", "area", "programme", "id"]),
            models.Index(fields=["year", "id"]),
            models.Index(fields=["area", "id"]),
            models.Index(fields=["programme", "id"]),
            models.Index(fields=["activity", "id"]),
            models.Index(fields=["target", "id"]),
            models.Index(fields=["status", "id"]),
            models.Index(fields=["progress", "id"]),
            models.Index(fields=["area", "roadmap", "year", "programme", "id"]),
            models.Index(fields=["agency", "roadmap", "year", "area", "programme", "id"]),
            models.Index(fields=["status", "roadmap", "year", "area", "programme", "id"]),
        ]

    def __str__(self):
        return f"{self.year} · {self.activity}"

    def clean(self):
        errors = {}
        if self.roadmap_id and self.year and not self.roadmap.covers(self.year):
            errors["year"] = _("Tahun di luar periode peta rencana (%(a)d-%(b)d).") % {
                "a": self.roadmap.start_year,
                "b": self.roadmap.end_year,
            }
        if self.roadmap_id and self.agency_id and self.agency.government_id != self.roadmap.government_id:
            errors["agency"] = _("Perangkat daerah harus dari pemerintah daerah pemilik peta rencana.")
        if self.status == RoadmapStatus.DONE and self.progress != 100:
            errors["progress"] = _(
                "Kegiatan yang selesai berkemajuan 100%; isi kemajuan atau ubah statusnya."
            )
        if errors:
            raise ValidationError(errors)


class MasterPlan(PlanningDocument):
    """Rencana Induk SPBE / Masterplan e-Government / roadmap TIK (regulations that use these terms)."""

    kind = models.CharField(_("jenis"), max_length=16, choices=MasterPlanKind.choices)
    summary = models.TextField(_("ringkasan"), blank=True)

    owner_field = None
    search_fields = ("title",)

    class Meta:
        verbose_name = _("rencana induk SPBE")
        verbose_name_plural = pgettext_lazy("plural", "rencana induk SPBE")
        ordering = ["-start_year"]
        indexes = [
            models.Index(fields=["start_year", "id"]),
            models.Index(fields=["title", "id"]),
            models.Index(fields=["kind", "id"]),
            models.Index(fields=["end_year", "id"]),
            models.Index(fields=["status", "id"]),
            models.Index(fields=["government", "start_year", "id"]),
            models.Index(fields=["kind", "start_year", "id"]),
            models.Index(fields=["status", "start_year", "id"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title} ({self.start_year}-{self.end_year})"

    @property
    def document(self) -> str:
        """The planning document it is, as reviews and checks name it (master_plan or ict_roadmap)."""
        return MasterPlanKind.document_of(self.kind)

    def clean(self):
        super().clean()
        kinds = MasterPlanKind.kinds_of(self.document) if self.kind else []
        check_set_document(self, MasterPlan.objects.filter(kind__in=kinds), max_years=None)


class BudgetLine(AgencyOwnedModel):
    """Rencana dan Anggaran SPBE: one agency's ICT budget line for a fiscal year."""

    fiscal_year = models.PositiveSmallIntegerField(_("tahun anggaran"), validators=YEAR, db_index=True)
    title = models.CharField(_("uraian"), max_length=300)
    purpose = models.CharField(_("peruntukan"), max_length=20, choices=BudgetPurpose.choices)
    funding_source = models.CharField(_("sumber dana"), max_length=16, choices=FundingSource.choices)
    planned = models.DecimalField(
        _("pagu (Rp)"), max_digits=16, decimal_places=0, validators=[MinValueValidator(0)]
    )
    realised = models.DecimalField(
        _("realisasi (Rp)"), max_digits=16, decimal_places=0, default=0, validators=[MinValueValidator(0)]
    )
    roadmap_item = models.ForeignKey(
        RoadmapItem,
        verbose_name=_("kegiatan peta rencana"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_lines",
    )
    notes = models.TextField(_("catatan"), blank=True)

    search_fields = ("title",)

    class Meta:
        verbose_name = _("anggaran SPBE")
        verbose_name_plural = pgettext_lazy("plural", "anggaran SPBE")
        ordering = ["-fiscal_year", "agency__name", "title"]
        indexes = [
            models.Index(fields=["agency", "fiscal_year"]),
            models.Index(fields=["fiscal_year", "id"]),
            models.Index(fields=["title", "id"]),
            models.Index(fields=["purpose", "id"]),
            models.Index(fields=["funding_source", "id"]),
            models.Index(fields=["planned", "id"]),
            models.Index(fields=["realised", "id"]),
            models.Index(fields=["funding_source", "fiscal_year"]),
            models.Index(fields=["purpose", "fiscal_year"]),
            models.Index(fields=["roadmap_item", "fiscal_year"]),
        ]

    def __str__(self):
        return f"{self.fiscal_year} · {self.title}"

    def clean(self):
        errors = {}
        if self.realised is not None and self.planned is not None and self.realised > self.planned:
            errors["realised"] = _("Realisasi melebihi pagu.")
        if self.roadmap_item_id:
            roadmap = self.roadmap_item.roadmap
            if self.agency_id and roadmap.government_id != self.agency.government_id:
                errors["roadmap_item"] = _("Kegiatan peta rencana harus milik pemerintah daerah yang sama.")
            elif self.fiscal_year and not roadmap.covers(self.fiscal_year):
                errors["roadmap_item"] = _(
                    "Kegiatan ini berasal dari peta rencana %(a)d-%(b)d, yang tidak mencakup tahun anggaran %(y)d."
                ) % {"a": roadmap.start_year, "b": roadmap.end_year, "y": self.fiscal_year}
        if errors:
            raise ValidationError(errors)


class Service(AgencyOwnedModel):
    """Layanan SPBE: an administrative or public service delivered by one or more applications."""

    agency_label = _("perangkat daerah pemilik")
    name = models.CharField(_("nama"), max_length=300)
    kind = models.CharField(_("jenis"), max_length=14, choices=ServiceKind.choices, db_index=True)
    area = models.CharField(_("bidang"), max_length=24, choices=ServiceArea.choices, db_index=True)
    description = models.TextField(_("uraian"), blank=True)
    users = models.CharField(
        _("pengguna"), max_length=300, blank=True, help_text=_("Siapa yang memakai layanan.")
    )
    integration_status = models.CharField(
        _("status keterpaduan"),
        max_length=12,
        choices=IntegrationStatus.choices,
        default=IntegrationStatus.STANDALONE,
    )
    reference = models.ForeignKey(
        ReferenceModel,
        verbose_name=_("kode referensi layanan (RAL)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    search_fields = ("name", "description")
    import_key_fields = ("name",)

    class Meta:
        verbose_name = _("layanan SPBE")
        verbose_name_plural = pgettext_lazy("plural", "layanan SPBE")
        ordering = ["kind", "area", "name"]
        indexes = [
            models.Index(fields=["kind", "area", "name", "id"]),
            models.Index(fields=["name", "id"]),
            models.Index(fields=["kind", "id"]),
            models.Index(fields=["area", "id"]),
            models.Index(fields=["users", "id"]),
            models.Index(fields=["integration_status", "id"]),
            models.Index(fields=["area", "kind", "name", "id"]),
            models.Index(fields=["agency", "kind", "area", "name", "id"]),
            models.Index(fields=["integration_status", "kind", "area", "name", "id"]),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.kind and self.area and ServiceArea.kind_of(self.area) != self.kind:
            errors["area"] = _("Bidang ini tidak termasuk jenis layanan yang dipilih.")
        if self.reference_id and self.reference.kind != ReferenceKind.SERVICE:
            errors["reference"] = _("Layanan mengikuti kode Referensi Arsitektur Layanan (RAL).")
        if errors:
            raise ValidationError(errors)


class BusinessProcess(AgencyOwnedModel):
    """Proses bisnis of an agency: steps, the services it produces (applications link to it)."""

    agency_label = _("perangkat daerah pemilik")
    code = models.CharField(_("kode"), max_length=40)
    name = models.CharField(_("nama"), max_length=300)
    description = models.TextField(_("uraian"), blank=True)
    steps = models.TextField(_("langkah"), blank=True, help_text=_("Satu langkah per baris."))
    services = models.ManyToManyField(
        Service, verbose_name=_("layanan yang dihasilkan"), blank=True, related_name="business_processes"
    )
    reference = models.ForeignKey(
        ReferenceModel,
        verbose_name=_("kode referensi proses bisnis (RAB)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decree = models.ForeignKey(
        "org.Decree",
        verbose_name=_("keputusan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    search_fields = ("code", "name")
    import_key_fields = ("code",)

    class Meta:
        verbose_name = _("proses bisnis")
        verbose_name_plural = pgettext_lazy("plural", "proses bisnis")
        ordering = ["agency__name", "code"]
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="planning_process_code")]
        indexes = [
            models.Index(fields=["code", "id"]),
            models.Index(fields=["name", "id"]),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def clean(self):
        if self.reference_id and self.reference.kind != ReferenceKind.BUSINESS:
            raise ValidationError(
                {"reference": _("Proses bisnis mengikuti kode Referensi Arsitektur Proses Bisnis (RAB).")}
            )

    @property
    def step_list(self) -> list[str]:
        return [line.strip() for line in self.steps.splitlines() if line.strip()]


class Review(AgencyOwnedModel):
    """A (yearly) review of a planning document, with the reasons the regulation lists, the outcome,
    the follow-up and the decree that sets the change."""

    government = models.ForeignKey(
        "org.Government", verbose_name=_("pemerintah daerah"), on_delete=models.PROTECT
    )
    document = models.CharField(
        _("dokumen yang direviu"), max_length=16, choices=ReviewedDocument.choices, db_index=True
    )
    architecture = models.ForeignKey(
        Architecture,
        verbose_name=_("arsitektur"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    roadmap = models.ForeignKey(
        Roadmap,
        verbose_name=_("peta rencana"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    master_plan = models.ForeignKey(
        MasterPlan,
        verbose_name=_("rencana induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    business_process = models.ForeignKey(
        BusinessProcess,
        verbose_name=_("proses bisnis"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    agency_optional = True
    agency_help_text = _("Untuk reviu proses bisnis: PD pemiliknya.")
    date = models.DateField(_("tanggal reviu"), db_index=True)
    reasons = models.JSONField(_("alasan reviu"), default=list, blank=True)
    outcome = models.TextField(_("hasil"))
    follow_up = models.TextField(_("tindak lanjut"), blank=True)
    decree = models.ForeignKey(
        "org.Decree",
        verbose_name=_("keputusan perubahan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    search_fields = ("outcome", "follow_up")

    class Meta:
        verbose_name = _("reviu")
        verbose_name_plural = pgettext_lazy("plural", "reviu")
        ordering = ["-date"]
        indexes = [
            models.Index(fields=["date", "id"]),
            models.Index(fields=["document", "id"]),
            models.Index(fields=["document", "date", "id"]),
            models.Index(fields=["agency", "date", "id"]),
            models.Index(fields=["business_process", "date", "id"]),
        ]

    def __str__(self):
        return f"{self.get_document_display()} · {self.date:%d-%m-%Y}"

    # The field each reviewed document links through (budget plans link to none).
    LINKS = {
        ReviewedDocument.ARCHITECTURE: "architecture",
        ReviewedDocument.ROADMAP: "roadmap",
        ReviewedDocument.MASTER_PLAN: "master_plan",
        ReviewedDocument.ICT_ROADMAP: "master_plan",
        ReviewedDocument.BUSINESS_PROCESS: "business_process",
        ReviewedDocument.BUDGET_PLAN: None,
    }

    @property
    def reviewed(self):
        link = self.LINKS.get(self.document)
        return getattr(self, link) if link else None

    def reason_labels(self) -> list[str]:
        labels = dict(ReviewReason.choices)
        return [str(labels.get(code, code)) for code in self.reasons or []]

    def clean(self):
        errors: dict[str, list] = {}
        link = self.LINKS.get(self.document)
        for field in ("architecture", "roadmap", "master_plan", "business_process"):
            linked = getattr(self, f"{field}_id") is not None
            if field == link and not linked:
                errors.setdefault(field, []).append(
                    _("Pilih %(doc)s yang direviu.") % {"doc": self._meta.get_field(field).verbose_name}
                )
            elif field != link and linked:
                errors.setdefault(field, []).append(
                    _("Reviu %(doc)s tidak ditautkan ke %(other)s; kosongkan isian ini.")
                    % {"doc": self.get_document_display(), "other": self._meta.get_field(field).verbose_name}
                )
        if self.master_plan_id and link == "master_plan" and self.master_plan.document != self.document:
            errors.setdefault("master_plan", []).append(
                _("Dokumen ini %(kind)s, bukan %(doc)s.")
                % {"kind": self.master_plan.get_kind_display(), "doc": self.get_document_display()}
            )
        reviewed = self.reviewed if link and getattr(self, f"{link}_id") else None
        if self.document == ReviewedDocument.BUSINESS_PROCESS and reviewed is not None:
            if self.agency_id is None:
                self.agency = reviewed.agency
            elif self.agency_id != reviewed.agency_id:
                errors.setdefault("agency", []).append(
                    _("Reviu proses bisnis dicatat untuk PD pemiliknya (%(a)s).") % {"a": reviewed.agency}
                )
            reviewed_government = reviewed.agency.government_id
        else:
            reviewed_government = getattr(reviewed, "government_id", None)
        if self.government_id and reviewed_government and reviewed_government != self.government_id:
            errors.setdefault(link, []).append(_("Dokumen yang direviu milik pemerintah daerah lain."))
        if self.agency_id and self.government_id and self.agency.government_id != self.government_id:
            errors.setdefault("agency", []).append(
                _("Perangkat daerah harus dari pemerintah daerah yang sama.")
            )
        errors.update(self._reason_errors())
        if self.date and self.date > timezone.localdate():
            errors.setdefault("date", []).append(_("Tanggal reviu tidak boleh di masa depan."))
        if errors:
            raise ValidationError(errors)

    def _reason_errors(self) -> dict:
        reasons = self.reasons
        if not isinstance(reasons, list) or not all(isinstance(r, str) for r in reasons):
            return {"reasons": [_("Alasan reviu berupa daftar kode alasan.")]}
        unknown = [r for r in reasons if r not in ReviewReason.values]
        if unknown:
            return {"reasons": [_("Kode alasan tidak dikenal: %(c)s.") % {"c": ", ".join(unknown)}]}
        allowed = REVIEW_REASONS_BY_DOCUMENT.get(self.document)
        if allowed is None:
            return {}
        if not reasons:
            return {
                "reasons": [
                    _("Pilih paling sedikit satu alasan reviu %(doc)s yang disebut regulasi.")
                    % {"doc": self.get_document_display()}
                ]
            }
        foreign = [ReviewReason(r).label for r in reasons if r not in allowed]
        if foreign:
            return {
                "reasons": [
                    _("Alasan ini tidak berlaku untuk reviu %(doc)s: %(r)s.")
                    % {"doc": self.get_document_display(), "r": ", ".join(str(f) for f in foreign)}
                ]
            }
        return {}


class AgencyNeed(AgencyOwnedModel):
    """An agency's ICT need for the master plan: what, why, how many, when, at what cost."""

    title = models.CharField(_("kebutuhan"), max_length=300)
    reason = models.TextField(_("alasan"))
    quantity = models.PositiveIntegerField(_("jumlah"), validators=[MinValueValidator(1)])
    unit = models.CharField(_("satuan"), max_length=40)
    target_year = models.PositiveSmallIntegerField(_("tahun target"), validators=YEAR)
    estimated_cost = models.DecimalField(
        _("perkiraan biaya (Rp)"), max_digits=16, decimal_places=0, validators=[MinValueValidator(0)]
    )
    submitted_on = models.DateField(
        _("tanggal diajukan"),
        default=timezone.localdate,
        db_index=True,
        help_text=_("Tanggal PD menyampaikan kebutuhan ini (juga untuk usulan yang dicatat belakangan)."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=NeedStatus.choices, default=NeedStatus.SUBMITTED, db_index=True
    )
    roadmap_item = models.ForeignKey(
        RoadmapItem,
        verbose_name=_("dikonsolidasikan ke"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="needs",
    )
    ict_office_note = models.TextField(_("catatan Dinas Kominfo"), blank=True)

    search_fields = ("title", "reason")

    class Meta:
        verbose_name = _("kebutuhan TIK PD")
        verbose_name_plural = pgettext_lazy("plural", "kebutuhan TIK PD")
        ordering = ["-created"]
        indexes = [
            models.Index(fields=["created", "id"]),
            models.Index(fields=["title", "id"]),
            models.Index(fields=["quantity", "id"]),
            models.Index(fields=["unit", "id"]),
            models.Index(fields=["target_year", "id"]),
            models.Index(fields=["estimated_cost", "id"]),
            models.Index(fields=["submitted_on", "id"]),
            models.Index(fields=["status", "id"]),
            models.Index(fields=["agency", "created", "id"]),
            models.Index(fields=["status", "created", "id"]),
            models.Index(fields=["roadmap_item", "created", "id"]),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.submitted_on and self.submitted_on > timezone.localdate():
            errors["submitted_on"] = _("Tanggal pengajuan tidak boleh di masa depan.")
        if self.submitted_on and self.target_year and self.target_year < self.submitted_on.year:
            errors["target_year"] = _("Tahun target tidak boleh sebelum tahun pengajuan (%(y)d).") % {
                "y": self.submitted_on.year
            }
        if self.status == NeedStatus.CONSOLIDATED and not self.roadmap_item_id:
            errors["roadmap_item"] = _(
                "Kebutuhan yang dikonsolidasikan harus menunjuk kegiatan peta rencana."
            )
        if errors:
            raise ValidationError(errors)
