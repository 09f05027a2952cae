"""The Satu Data catalog: datasets an agency produces (Produsen Data), checked and published by the
data steward (Walidata), their resources (files and API links, versioned), the tags that group
them, and the requests to share them with another agency or party (Sigi Pasal 11 ayat (1), Kutai
Barat Pasal 13 ayat (1)-(2), Parigi Moutong Pasal 12 ayat (4))."""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from spbe.core import permissions
from spbe.core.choices import Classification
from spbe.core.models import AgencyOwnedModel, BaseModel, ClassifiedModel
from spbe.core.querysets import RestrictedQuerySet

from .choices import (
    FREQUENCY_DAYS,
    DataPriority,
    DatasetStage,
    KeyType,
    Licence,
    ResourceFormat,
    ShareAccess,
    SharePartyKind,
    ShareStatus,
    UpdateFrequency,
)


class Tag(BaseModel):
    """A keyword that groups datasets across agencies (CKAN's tags)."""

    name = models.CharField(_("nama"), max_length=60, unique=True)
    description = models.CharField(_("keterangan"), max_length=200, blank=True)

    owner_field = None
    search_fields = ("name",)
    import_key_fields = ("name",)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = pgettext_lazy("plural", "tag")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["name", "id"])]

    def __str__(self):
        return self.name

    def clean(self):
        self.name = (self.name or "").strip().lower()
        if not self.name:
            raise ValidationError({"name": _("Nama tag wajib diisi.")})


def live_share_q(prefix: str, agencies, today: datetime.date | None = None) -> Q:
    """Datasets (through `prefix`, the path to the dataset's share requests) that an approved,
    still valid agreement shares with any of `agencies`."""
    today = today or timezone.localdate()
    return Q(
        **{
            f"{prefix}__agency__in": agencies,
            f"{prefix}__status": ShareStatus.APPROVED,
            f"{prefix}__valid_from__lte": today,
            f"{prefix}__valid_until__gte": today,
        }
    )


def _covered(user):
    """Agencies the user's roles cover; None: the whole government."""
    from spbe.org.policy import grants_for

    grants = grants_for(user)
    return grants.agencies_for(grants.roles)


class DatasetQuerySet(RestrictedQuerySet):
    """CLOSED datasets stay in their owner's scope (the core policy); everything else in the
    catalog is seen by the government's staff, so an agency can find data and ask to share it."""

    def open_data(self):
        """What the public sees: OPEN and published (the open-data pages, CKAN API, DCAT)."""
        return self.filter(classification=Classification.OPEN, stage=DatasetStage.PUBLISHED)


class Dataset(AgencyOwnedModel, ClassifiedModel):
    """A dataset in the Satu Data catalog."""

    agency_label = _("produsen data (perangkat daerah)")
    agency_related_name = "datasets"
    uuid = models.UUIDField(_("pengenal publik"), default=uuid.uuid4, unique=True, editable=False)
    name = models.SlugField(
        _("nama singkat (URL)"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("Huruf kecil, angka dan tanda hubung; dibuat dari judul bila dikosongkan."),
    )
    title = models.CharField(_("judul"), max_length=250)
    description = models.TextField(_("uraian"), blank=True)
    database_group = models.CharField(
        _("kelompok basis data"),
        max_length=120,
        blank=True,
        help_text=_("Kelompok basis data menurut peraturan kepala daerah pemerintah ini."),
    )
    steward = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("walidata"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    steward_decree = models.ForeignKey(
        "org.Decree",
        verbose_name=_("keputusan penetapan walidata"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    frequency = models.CharField(
        _("frekuensi pemutakhiran"),
        max_length=12,
        choices=UpdateFrequency.choices,
        default=UpdateFrequency.YEARLY,
    )
    last_update = models.DateField(_("pemutakhiran terakhir"), null=True, blank=True)
    key_type = models.CharField(_("kunci data"), max_length=8, choices=KeyType.choices, default=KeyType.NONE)
    key_column = models.CharField(
        _("kolom kunci"),
        max_length=80,
        blank=True,
        help_text=_("Nama kolom berkas tabel yang memuat kunci (NIP, NIK ...), untuk pemeriksaan mutu."),
    )
    applications = models.ManyToManyField(
        "applications.Application",
        verbose_name=_("aplikasi penghasil/pengguna"),
        blank=True,
        related_name="datasets",
    )
    business_processes = models.ManyToManyField(
        "planning.BusinessProcess", verbose_name=_("proses bisnis"), blank=True, related_name="datasets"
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tag"), blank=True, related_name="datasets")
    licence = models.CharField(_("lisensi"), max_length=16, choices=Licence.choices, default=Licence.CC_BY)
    plan_year = models.PositiveSmallIntegerField(
        _("tahun daftar data"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    priority = models.CharField(
        _("prioritas"), max_length=8, choices=DataPriority.choices, default=DataPriority.NORMAL
    )
    stage = models.CharField(
        _("tahap"), max_length=12, choices=DatasetStage.choices, default=DatasetStage.PLANNED, db_index=True
    )
    metadata = models.JSONField(_("metadata Satu Data"), default=dict, blank=True)
    returned_field = models.CharField(_("isian yang dikembalikan"), max_length=80, blank=True, editable=False)
    published_at = models.DateTimeField(_("disebarluaskan"), null=True, blank=True, editable=False)
    classified_at = models.DateTimeField(
        _("klasifikasi ditetapkan walidata"), null=True, blank=True, editable=False
    )
    search_document = models.TextField(editable=False, blank=True, default="")

    objects = DatasetQuerySet.as_manager()

    editor_roles = ("data_steward",)
    search_fields = ("title", "description", "name")
    import_key_fields = ("name",)

    class Meta:
        verbose_name = _("dataset")
        verbose_name_plural = pgettext_lazy("plural", "dataset")
        ordering = ["title", "id"]
        indexes = [
            models.Index(fields=["title", "id"]),
            models.Index(fields=["name", "id"]),
            models.Index(fields=["agency", "title", "id"]),
            models.Index(fields=["database_group", "id"]),
            models.Index(fields=["database_group", "title", "id"]),
            models.Index(fields=["classification", "id"]),
            models.Index(fields=["classification", "title", "id"]),
            models.Index(fields=["stage", "id"]),
            models.Index(fields=["stage", "title", "id"]),
            models.Index(fields=["frequency", "id"]),
            models.Index(fields=["frequency", "title", "id"]),
            models.Index(fields=["last_update", "id"]),
            models.Index(fields=["key_type", "id"]),
            models.Index(fields=["key_type", "title", "id"]),
            models.Index(fields=["licence", "id"]),
            models.Index(fields=["licence", "title", "id"]),
            models.Index(fields=["plan_year", "id"]),
            models.Index(fields=["priority", "id"]),
            models.Index(fields=["priority", "title", "id"]),
            models.Index(fields=["published_at", "id"]),
            models.Index(fields=["last_updated", "id"]),
            models.Index(fields=["key_column", "id"]),
            # the open-data catalog: OPEN and published, by name (package_list) and by title
            models.Index(fields=["classification", "stage", "name"], name="datasets_open_name_idx"),
            models.Index(fields=["classification", "stage", "title", "id"], name="datasets_open_title_idx"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        self.title = (self.title or "").strip()
        if not self.name and self.title:
            self.name = unique_name(self.title, exclude=self.pk)
        if self.name and Dataset._base_manager.filter(name=self.name).exclude(pk=self.pk).exists():
            errors["name"] = _("Nama singkat %(name)s sudah dipakai dataset lain.") % {"name": self.name}
        if self.key_type in (KeyType.NIP, KeyType.NIK) and not self.key_column:
            errors["key_column"] = _("Sebutkan kolom yang memuat %(key)s.") % {
                "key": self.get_key_type_display()
            }
        if self.database_group and self.agency_id:
            groups = database_groups(self.agency.government)
            if groups and self.database_group not in groups:
                errors["database_group"] = _("Kelompok basis data tidak dikenal peraturan pemerintah ini.")
        if self.steward_decree_id and not self.steward_id:
            errors["steward"] = _("Keputusan penetapan walidata memerlukan walidata yang ditetapkan.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.name and self.title:
            self.name = unique_name(self.title, exclude=self.pk)
        self.search_document = " ".join(
            part for part in (self.title, self.description, self.name, self.database_group) if part
        )
        super().save(*args, **kwargs)

    @property
    def due_date(self) -> datetime.date | None:
        days = FREQUENCY_DAYS.get(self.frequency)
        if days is None or self.last_update is None:
            return None
        return self.last_update + datetime.timedelta(days=days)

    @property
    def is_stale(self) -> bool:
        """Out of date against its frequency (Pangkep Pasal 16 ayat (1), Bengkulu Tengah Pasal 11
        ayat (1)); a dataset never updated is stale once it has left planning."""
        if self.frequency == UpdateFrequency.IRREGULAR:
            return False
        if self.last_update is None:
            return self.stage != DatasetStage.PLANNED
        return self.due_date < timezone.localdate()

    @property
    def is_open_data(self) -> bool:
        return self.classification == Classification.OPEN and self.stage == DatasetStage.PUBLISHED


def unique_name(title: str, exclude=None) -> str:
    base = slugify(title)[:90] or "dataset"
    name, n = base, 1
    while Dataset._base_manager.filter(name=name).exclude(pk=exclude).exists():
        n += 1
        name = f"{base}-{n}"
    return name


def database_groups(government) -> list[str]:
    """The database groups the government's regulation names (Pangkep Pasal 15 ayat (3): 18;
    Bengkulu Tengah Pasal 10 ayat (3): 20); empty when its regulation lists none."""
    from spbe.compliance.selectors import profile_parameters

    return list(profile_parameters(government).get("database_groups") or [])


class OfDatasetQuerySet(RestrictedQuerySet):
    """Records of a dataset are seen only by those who see the dataset: a CLOSED dataset's
    resources and requests never leave its scope, whatever the entry point."""

    def restrict(self, user, action: str = permissions.VIEW):
        queryset = super().restrict(user, action)
        if action != permissions.VIEW:
            return queryset
        return queryset.filter(dataset__in=Dataset.objects.restrict(user, permissions.VIEW).values("pk"))


class ResourceQuerySet(OfDatasetQuerySet):
    """Besides the dataset's visibility: a LIMITED dataset's files reach only its own agency's
    scope, government-wide roles and agencies with a live sharing agreement (Sigi Pasal 11 ayat (1))."""

    def restrict(self, user, action: str = permissions.VIEW):
        queryset = super().restrict(user, action)
        if action != permissions.VIEW:
            return queryset
        covered = _covered(user)
        if covered is None:
            return queryset
        return queryset.filter(
            Q(dataset__classification=Classification.OPEN)
            | Q(dataset__agency__in=covered)
            | Q(
                dataset__in=Dataset._base_manager.filter(live_share_q("share_requests", covered)).values("pk")
            )
        )


def resource_path(instance, filename):
    return f"datasets/{instance.dataset.uuid}/{instance.resource_version}/{filename}"


class Resource(BaseModel):
    """One file or API link of a dataset; a new upload under the same name is a new version."""

    dataset = models.ForeignKey(
        Dataset, verbose_name=_("kumpulan data"), on_delete=models.CASCADE, related_name="resources"
    )
    uuid = models.UUIDField(_("pengenal publik"), default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("nama"), max_length=200)
    format = models.CharField(_("format berkas"), max_length=8, choices=ResourceFormat.choices)
    file = models.FileField(
        _("berkas"),
        upload_to=resource_path,
        blank=True,
        validators=[FileExtensionValidator(["csv", "xlsx", "json", "pdf", "geojson"])],
    )
    url = models.URLField(_("tautan API"), blank=True)
    resource_version = models.PositiveIntegerField(_("versi berkas"), default=1, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    size = models.PositiveBigIntegerField(_("ukuran (byte)"), default=0, editable=False)
    row_count = models.PositiveIntegerField(_("jumlah baris"), null=True, blank=True, editable=False)
    schema = models.JSONField(_("skema kolom"), default=list, blank=True, editable=False)
    preview = models.JSONField(_("pratinjau"), default=list, blank=True, editable=False)
    problems = models.JSONField(_("temuan mutu"), default=list, blank=True, editable=False)

    objects = ResourceQuerySet.as_manager()

    owner_field = "dataset__agency"
    editor_roles = ("data_steward",)
    search_fields = ("name",)

    class Meta:
        verbose_name = _("sumber data")
        verbose_name_plural = pgettext_lazy("plural", "sumber data")
        ordering = ["dataset", "name", "-resource_version"]
        indexes = [
            models.Index(fields=["dataset", "name", "-resource_version", "-id"]),
            models.Index(fields=["name", "id"]),
            models.Index(fields=["format", "id"]),
            models.Index(fields=["format", "dataset", "name", "-resource_version", "-id"]),
            models.Index(fields=["resource_version", "id"]),
            models.Index(fields=["size", "id"]),
            models.Index(fields=["row_count", "id"]),
            models.Index(fields=["created", "id"]),
            models.Index(fields=["sha256", "id"]),
            models.Index(fields=["url", "id"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "name", "resource_version"], name="datasets_resource_version"
            )
        ]

    def __str__(self):
        return f"{self.name} (v{self.resource_version})"

    def clean(self):
        errors = {}
        if self.format == ResourceFormat.API:
            if not self.url:
                errors["url"] = _("Tautan API wajib diisi untuk sumber data berjenis API.")
            if self.file:
                errors["file"] = _("Sumber data berjenis API tidak memuat berkas.")
        elif self.format:
            if not self.file and not self.pk:
                errors["file"] = _("Unggah berkas %(format)s.") % {"format": self.format}
            elif self.file:
                extension = self.file.name.rsplit(".", 1)[-1].lower()
                from .choices import EXTENSION_FORMATS

                if EXTENSION_FORMATS.get(extension) != self.format:
                    errors["file"] = _("Berkas .%(ext)s tidak sesuai format %(format)s.") % {
                        "ext": extension,
                        "format": self.format,
                    }
        if errors:
            raise ValidationError(errors)


class OfShareQuerySet(OfDatasetQuerySet):
    """A sharing request is seen by the requesting agency's and the producing agency's scopes (and
    government-wide roles), never about a dataset the viewer may not see."""

    def restrict(self, user, action: str = permissions.VIEW):
        queryset = super().restrict(user, action)
        if action != permissions.VIEW:
            return queryset
        covered = _covered(user)
        if covered is None:
            return queryset
        return queryset.filter(Q(agency__in=covered) | Q(dataset__agency__in=covered))


class DataShareRequest(AgencyOwnedModel):
    """A request to share a dataset; once the producing agency's steward approves it, it is the
    agreement (purpose, scope, access, validity) under which the data is shared."""

    agency_label = _("perangkat daerah peminta")
    dataset = models.ForeignKey(
        Dataset, verbose_name=_("kumpulan data"), on_delete=models.PROTECT, related_name="share_requests"
    )
    party_kind = models.CharField(
        _("penerima"), max_length=12, choices=SharePartyKind.choices, default=SharePartyKind.AGENCY
    )
    party_name = models.CharField(
        _("nama instansi/pihak"),
        max_length=200,
        blank=True,
        help_text=_("Untuk instansi vertikal atau pihak ketiga: nama lembaganya."),
    )
    purpose = models.TextField(_("tujuan"))
    scope = models.TextField(_("cakupan data yang diminta"))
    access = models.CharField(_("akses"), max_length=8, choices=ShareAccess.choices, default=ShareAccess.READ)
    valid_from = models.DateField(_("berlaku sejak"), default=timezone.localdate)
    valid_until = models.DateField(_("berlaku sampai"))
    status = models.CharField(
        _("status"), max_length=10, choices=ShareStatus.choices, default=ShareStatus.REQUESTED, editable=False
    )
    approval = models.ForeignKey(
        "core.ApprovalRequest",
        verbose_name=_("persetujuan walidata"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    objects = OfShareQuerySet.as_manager()

    search_fields = ("purpose", "party_name")

    class Meta:
        verbose_name = _("permintaan berbagi data")
        verbose_name_plural = pgettext_lazy("plural", "permintaan berbagi data")
        ordering = ["-valid_from", "-id"]
        indexes = [
            models.Index(fields=["-valid_from", "-id"]),
            models.Index(fields=["dataset", "-valid_from", "-id"]),  # the dataset filter, default order
            models.Index(fields=["valid_from", "id"]),
            models.Index(fields=["valid_until", "id"]),
            models.Index(fields=["status", "id"]),
            models.Index(fields=["status", "-valid_from", "-id"]),
            models.Index(fields=["party_kind", "id"]),
            models.Index(fields=["party_kind", "-valid_from", "-id"]),
            models.Index(fields=["access", "id"]),
            models.Index(fields=["party_name", "id"]),
            models.Index(fields=["agency", "-valid_from", "-id"]),
            models.Index(fields=["dataset", "status", "valid_from", "valid_until"]),
            models.Index(fields=["agency", "status", "valid_from", "valid_until"]),
        ]

    def __str__(self):
        return f"{self.dataset} → {self.party_name or self.agency}"

    def clean(self):
        errors = {}
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("Tanggal berakhir tidak boleh sebelum tanggal mulai berlaku.")
        if self.party_kind != SharePartyKind.AGENCY and not (self.party_name or "").strip():
            errors["party_name"] = _("Sebutkan nama instansi vertikal atau pihak ketiga.")
        if self.dataset_id and self.agency_id and self.party_kind == SharePartyKind.AGENCY:
            if self.dataset.agency_id == self.agency_id:
                errors["dataset"] = _("Dataset ini milik perangkat daerah peminta sendiri.")
        stored = (
            Dataset._base_manager.filter(pk=self.dataset_id).values_list("classification", flat=True).first()
        )
        if self.dataset_id and stored == Classification.CLOSED:  # as stored, not as a stale copy says
            errors["dataset"] = _("Dataset tertutup tidak dapat dibagipakaikan.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_live(self) -> bool:
        today = timezone.localdate()
        return self.status == ShareStatus.APPROVED and self.valid_from <= today <= self.valid_until
