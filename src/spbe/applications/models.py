"""The application catalog, its required documents, the repository of releases, integrations, and
the national list of common applications an agency may not rebuild."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from spbe.core import permissions
from spbe.core.models import AgencyOwnedModel, BaseModel, ClassifiedModel
from spbe.core.querysets import RestrictedQuerySet

from .choices import (
    ApplicationKind,
    ApplicationStatus,
    CommonField,
    DeveloperKind,
    DocumentType,
    IntegrationMethod,
    LifecycleStage,
    SourceModel,
)


class CommonApplication(BaseModel):
    """A national common application (Aplikasi Umum), shipped as data (applications/data/)."""

    name = models.CharField(_("nama"), max_length=100, unique=True)
    field = models.CharField(_("bidang"), max_length=16, choices=CommonField.choices, db_index=True)
    provider = models.CharField(_("penyedia"), max_length=200)
    legal_basis = models.CharField(_("dasar hukum"), max_length=300, blank=True)
    confirmed = models.BooleanField(_("penetapan terkonfirmasi"), default=True)
    keywords = models.CharField(
        _("kata kunci"),
        max_length=300,
        blank=True,
        help_text=_("Dipakai untuk mengenali aplikasi daerah yang menduplikasi."),
    )
    description = models.TextField(_("uraian"), blank=True)

    owner_field = None
    search_fields = ("name", "provider", "keywords")
    import_key_fields = ("name",)

    class Meta:
        verbose_name = _("aplikasi umum nasional")
        verbose_name_plural = pgettext_lazy("plural", "aplikasi umum nasional")
        ordering = ["field", "name"]
        indexes = [
            models.Index(fields=["field", "name", "id"]),
            models.Index(fields=["name", "id"]),
            models.Index(fields=["field", "id"]),
            models.Index(fields=["provider", "id"]),
            models.Index(fields=["confirmed", "id"]),
            models.Index(fields=["legal_basis", "id"]),
            models.Index(fields=["keywords", "id"]),
        ]

    def __str__(self):
        return self.name


class Application(AgencyOwnedModel, ClassifiedModel):
    """An SPBE application registered by its owner agency."""

    agency_label = _("perangkat daerah pemilik")
    operator = models.ForeignKey(
        "org.Agency",
        verbose_name=_("pengelola operasional"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("nama"), max_length=200)
    purpose = models.TextField(_("tujuan dan fungsi"))
    kind = models.CharField(_("jenis"), max_length=10, choices=ApplicationKind.choices, db_index=True)
    common_field = models.CharField(
        _("bidang"), max_length=16, choices=CommonField.choices, default=CommonField.OTHER, db_index=True
    )
    common_application = models.ForeignKey(
        CommonApplication,
        verbose_name=_("aplikasi umum nasional yang dipakai"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="uses",
    )
    address = models.URLField(
        _("alamat"), blank=True, help_text=_("Subdomain dari domain resmi pemerintah daerah.")
    )
    source_model = models.CharField(
        _("model kode sumber"), max_length=8, choices=SourceModel.choices, db_index=True
    )
    licence = models.CharField(_("lisensi"), max_length=100, blank=True)
    legality_evidence = models.TextField(
        _("bukti legalitas"), blank=True, help_text=_("Nomor kontrak, lisensi, atau keterangan hak pakai.")
    )
    developer_kind = models.CharField(_("pengembang"), max_length=12, choices=DeveloperKind.choices)
    developer_name = models.CharField(_("nama pengembang"), max_length=200, blank=True)
    contract_number = models.CharField(_("nomor kontrak"), max_length=100, blank=True)
    source_handover_clause = models.BooleanField(
        _("kontrak menyerahkan kode sumber dan hak cipta"),
        default=False,
        help_text=_("Pasal kontrak yang menyerahkan kode sumber dan hak cipta kepada pemerintah daerah."),
    )
    lifecycle_stage = models.CharField(
        _("tahap siklus hidup"),
        max_length=16,
        choices=LifecycleStage.choices,
        default=LifecycleStage.PLANNING,
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.PLANNED,
        db_index=True,
    )
    uses_sso = models.BooleanField(_("memakai SSO pemda"), default=False)
    services = models.ManyToManyField(
        "planning.Service",
        verbose_name=_("layanan SPBE yang dihasilkan"),
        blank=True,
        related_name="applications",
    )
    business_processes = models.ManyToManyField(
        "planning.BusinessProcess", verbose_name=_("proses bisnis"), blank=True, related_name="applications"
    )
    last_audit_date = models.DateField(_("audit terakhir"), null=True, blank=True)
    # The decisions that allowed it (core.ApprovalRequest), set when each is approved.
    consultation = models.ForeignKey(
        "core.ApprovalRequest",
        verbose_name=_("konsultasi pengembangan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    technical_consideration = models.ForeignKey(
        "core.ApprovalRequest",
        verbose_name=_("pertimbangan teknis"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    duplicate_decision = models.ForeignKey(
        "core.ApprovalRequest",
        verbose_name=_("keputusan duplikasi aplikasi umum"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    search_fields = ("name", "purpose", "developer_name", "address")
    import_key_fields = ("name",)

    class Meta:
        verbose_name = _("aplikasi")
        verbose_name_plural = pgettext_lazy("plural", "aplikasi")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="applications_name_per_agency")
        ]
        indexes = [
            models.Index(fields=["name", "id"]),
            models.Index(fields=["kind", "id"]),
            models.Index(fields=["source_model", "id"]),
            models.Index(fields=["status", "id"]),
            models.Index(fields=["developer_kind", "id"]),
            models.Index(fields=["lifecycle_stage", "id"]),
            models.Index(fields=["common_field", "id"]),
            models.Index(fields=["address", "id"]),
            models.Index(fields=["developer_name", "id"]),
            models.Index(fields=["licence", "id"]),
            models.Index(fields=["uses_sso", "id"]),
            models.Index(fields=["last_audit_date", "id"]),
            models.Index(fields=["classification", "id"]),
            models.Index(fields=["agency", "name", "id"]),
            models.Index(fields=["kind", "name", "id"]),
            models.Index(fields=["status", "name", "id"]),
            models.Index(fields=["source_model", "name", "id"]),
            models.Index(fields=["developer_kind", "name", "id"]),
            models.Index(fields=["common_field", "name", "id"]),
            models.Index(fields=["lifecycle_stage", "name", "id"]),
            models.Index(fields=["classification", "name", "id"]),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.kind == ApplicationKind.COMMON and self.developer_kind not in (
            DeveloperKind.NATIONAL,
            DeveloperKind.ICT_OFFICE,
        ):
            errors["developer_kind"] = _("Aplikasi Umum disediakan pemerintah pusat atau Dinas Kominfo.")
        if self.developer_kind == DeveloperKind.THIRD_PARTY and not self.contract_number:
            errors["contract_number"] = _(
                "Aplikasi yang dikembangkan pihak ketiga wajib mencatat nomor kontrak."
            )
        if self.source_model == SourceModel.CLOSED and not (self.licence or self.legality_evidence):
            errors["legality_evidence"] = _(
                "Aplikasi kode sumber tertutup wajib mencatat lisensi atau bukti legalitas."
            )
        if errors:
            raise ValidationError(errors)


class OfApplicationQuerySet(RestrictedQuerySet):
    """Records that belong to an application are seen only by those who may see the
    application: a CLOSED application's documents, releases and integrations (and so its name)
    never leave its scope, whatever the entry point (pages, exports, API, search)."""

    application_paths: tuple[str, ...] = ("application",)

    def restrict(self, user, action: str = permissions.VIEW):
        queryset = super().restrict(user, action)
        if action != permissions.VIEW:
            return queryset  # changing already needs the owning agency's scope
        visible = Application.objects.restrict(user, permissions.VIEW).values("pk")
        for path in self.application_paths:
            queryset = queryset.filter(**{f"{path}__in": visible})
        return queryset


class OfIntegratedApplicationsQuerySet(OfApplicationQuerySet):
    application_paths = ("source", "target")


class ApplicationDocument(BaseModel):
    """One delivered document of an application (the checklist comes from the regulation profile)."""

    application = models.ForeignKey(
        Application, verbose_name=_("aplikasi"), on_delete=models.CASCADE, related_name="documents"
    )
    doc_type = models.CharField(
        _("jenis dokumen"), max_length=28, choices=DocumentType.choices, db_index=True
    )
    title = models.CharField(_("judul"), max_length=300)
    file = models.FileField(_("berkas"), upload_to="applications/documents/")
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    document_version = models.CharField(_("versi dokumen"), max_length=40, blank=True)

    objects = OfApplicationQuerySet.as_manager()

    owner_field = "application__agency"
    search_fields = ("title",)

    class Meta:
        verbose_name = _("dokumen aplikasi")
        verbose_name_plural = pgettext_lazy("plural", "dokumen aplikasi")
        ordering = ["application", "doc_type", "-created"]
        indexes = [
            models.Index(fields=["application", "doc_type", "-created", "-id"]),
            models.Index(fields=["title", "id"]),
            models.Index(fields=["doc_type", "id"]),
            models.Index(fields=["document_version", "id"]),
            models.Index(fields=["created", "id"]),
            models.Index(fields=["sha256", "id"]),
            models.Index(fields=["doc_type", "application", "-created", "-id"]),
        ]

    def __str__(self):
        return f"{self.get_doc_type_display()}: {self.title}"

    def get_absolute_url(self):
        return reverse("applications:applicationdocument_detail", kwargs={"pk": self.pk})


def release_path(instance, filename):
    return f"repository/{instance.application_id}/{instance.release_version}/{filename}"


class ApplicationRelease(BaseModel):
    """A release kept in the government's repository: source archive, version, who delivered and
    who received it. Downloads: the owner agency, the ICT office and auditors only."""

    application = models.ForeignKey(
        Application, verbose_name=_("aplikasi"), on_delete=models.PROTECT, related_name="releases"
    )
    # Not `version`: that name is every record's optimistic-locking counter (BaseModel).
    release_version = models.CharField(_("versi rilis"), max_length=40)
    release_date = models.DateField(_("tanggal rilis"))
    source_archive = models.FileField(
        _("arsip kode sumber"),
        upload_to=release_path,
        validators=[FileExtensionValidator(["zip", "gz", "tgz", "bz2", "xz", "7z"])],
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    size = models.PositiveBigIntegerField(_("ukuran (byte)"), default=0, editable=False)
    delivered_by = models.CharField(_("diserahkan oleh"), max_length=200)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diterima oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    copyright_holder = models.CharField(
        _("pemegang hak cipta"), max_length=200, blank=True, help_text=_("Bawaan: pemerintah daerah.")
    )
    notes = models.TextField(_("catatan"), blank=True)

    objects = OfApplicationQuerySet.as_manager()

    owner_field = "application__agency"
    search_fields = ("release_version", "notes")

    class Meta:
        verbose_name = _("rilis (repositori)")
        verbose_name_plural = pgettext_lazy("plural", "repositori rilis")
        ordering = ["application", "-release_date"]
        indexes = [
            models.Index(fields=["application", "-release_date", "-id"]),
            models.Index(fields=["release_version", "id"]),
            models.Index(fields=["release_date", "id"]),
            models.Index(fields=["delivered_by", "id"]),
            models.Index(fields=["copyright_holder", "id"]),
            models.Index(fields=["size", "id"]),
            models.Index(fields=["sha256", "id"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "release_version"], name="applications_release_version"
            )
        ]

    def __str__(self):
        return f"{self.application} {self.release_version}"


class ApplicationIntegration(BaseModel):
    """One application using another (the landscape's edges)."""

    source = models.ForeignKey(
        Application, verbose_name=_("aplikasi"), on_delete=models.CASCADE, related_name="integrations_out"
    )
    target = models.ForeignKey(
        Application, verbose_name=_("terhubung ke"), on_delete=models.PROTECT, related_name="integrations_in"
    )
    method = models.CharField(_("cara"), max_length=10, choices=IntegrationMethod.choices)
    description = models.CharField(_("uraian"), max_length=300, blank=True)

    objects = OfIntegratedApplicationsQuerySet.as_manager()

    owner_field = "source__agency"
    search_fields = ("description",)

    class Meta:
        verbose_name = _("integrasi aplikasi")
        verbose_name_plural = pgettext_lazy("plural", "integrasi aplikasi")
        ordering = ["source", "target"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "method"], name="applications_edge")
        ]
        indexes = [
            models.Index(fields=["source", "target", "id"]),
            models.Index(fields=["method", "id"]),
            models.Index(fields=["description", "id"]),
            models.Index(fields=["target", "source", "id"]),
            models.Index(fields=["method", "source", "target", "id"]),
        ]

    def __str__(self):
        return f"{self.source} → {self.target} ({self.get_method_display()})"

    def clean(self):
        if self.source_id and self.source_id == self.target_id:
            raise ValidationError(
                {"target": _("Aplikasi tidak dapat diintegrasikan dengan dirinya sendiri.")}
            )
