"""Mechanism models: the base model every record inherits, the audit trail, attachments
and import jobs. No domain models live here."""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import AuditAction, Classification, EntryPoint, ImportStatus
from .querysets import RestrictedQuerySet


def _held(instance, field) -> bool:
    """Whether `field` (a foreign key) refers to a platform record held on `instance` as read from
    (or saved to) the database (BaseModel.from_db keeps the row read), with no choice limit to
    check."""
    if field.get_limit_choices_to() or not field.is_cached(instance):
        return False
    target = field.get_cached_value(instance)
    if target is None or not isinstance(target, BaseModel):
        return False
    stored = target._loaded_values is not None
    return stored and getattr(target, field.target_field.attname) == getattr(instance, field.attname)


class BaseModel(models.Model):
    """Timestamps, creator, optimistic-locking version, the restricted queryset and a URL.

    Declarative hooks read by the mechanisms:
      owner_field    path to the owning Agency ("agency"), or None for government-wide records
      editor_roles   extra roles (besides the agency admins) that may change the model
      search_fields  fields the `q` search and global search look in (core/search.py)
      identifier_fields  digit identifiers (NIP, NIK) a digits-only query matches by prefix first
      audit_masked   fields whose values the audit trail never stores
    """

    created = models.DateTimeField(_("dibuat"), auto_now_add=True, db_index=True)
    last_updated = models.DateTimeField(_("terakhir diubah"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    version = models.PositiveIntegerField(_("versi"), default=1, editable=False)

    objects = RestrictedQuerySet.as_manager()

    owner_field: str | None = None
    editor_roles: tuple[str, ...] = ()
    search_fields: tuple[str, ...] = ()
    identifier_fields: tuple[str, ...] = ()
    audit_masked: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # A partial save is still a change: its time is recorded (auto_now alone would skip it).
        update_fields = kwargs.get("update_fields")
        if update_fields and "last_updated" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "last_updated"]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        try:
            return reverse(self.url_name("detail"), kwargs={"pk": self.pk})
        except NoReverseMatch:
            return ""

    def clean_fields(self, exclude=None):
        # A reference given as a record read from the database in this request (the agency, the
        # server) is not looked up again to prove it exists: one query per
        # reference and save. The database's foreign key still refuses one deleted meanwhile.
        # The creator is the platform's own bookkeeping (the acting account, never input): it is
        # not looked up either.
        exclude = set(exclude or ())
        exclude.add("created_by")
        for field in self._meta.concrete_fields:
            if field.many_to_one and field.name not in exclude and _held(self, field):
                exclude.add(field.name)
        super().clean_fields(exclude=exclude)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # What was loaded, so the audit trail can diff without another query. Kept as the
        # row itself: most loaded records are only read, so the dict is built on first use.
        instance.__dict__["_loaded_row"] = (field_names, values)
        return instance

    @property
    def _loaded_values(self) -> dict | None:
        """{attname: value as loaded (or as last saved)}, None for a record built by hand."""
        state = self.__dict__
        if "_loaded_dict" not in state:
            row = state.get("_loaded_row")
            state["_loaded_dict"] = None if row is None else dict(zip(*row, strict=True))
        return state["_loaded_dict"]

    @_loaded_values.setter
    def _loaded_values(self, values: dict | None) -> None:
        self.__dict__["_loaded_dict"] = values

    def url_name(self, action: str) -> str:
        return f"{self._meta.app_label}:{self._meta.model_name}_{action}"

    @property
    def owner_agency_id(self):
        path = self.owner_field
        if path is None:
            return None
        if path == "id":
            return self.pk
        obj = self
        parts = path.split("__")
        for part in parts[:-1]:
            obj = getattr(obj, part, None)
            if obj is None:
                return None
        return getattr(obj, parts[-1] + "_id", None)


class ClassifiedModel(models.Model):
    """A record that can be secret: CLOSED never leaves the owning agency's scope."""

    classification = models.CharField(
        _("klasifikasi"),
        max_length=10,
        choices=Classification.choices,
        default=Classification.LIMITED,
        db_index=True,
        help_text=_("Terbuka: boleh dipublikasikan. Terbatas: internal Pemda. Tertutup: hanya PD pemilik."),
    )

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """One append-only, hash-chained entry of the audit trail.

    `seq` is gap-free and `prev_hash` links each event to the one before, so
    `spbe audit verify` can name the first altered, inserted or missing event.
    Rows outlive users and objects: no foreign key constraints.
    """

    seq = models.PositiveBigIntegerField(_("nomor urut"), unique=True)
    timestamp = models.DateTimeField(_("waktu"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pelaku"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_name = models.CharField(_("nama pelaku"), max_length=150, blank=True)
    entry_point = models.CharField(_("jalur"), max_length=10, choices=EntryPoint.choices)
    request_id = models.CharField(_("ID permintaan"), max_length=32, blank=True)
    action = models.CharField(_("aksi"), max_length=10, choices=AuditAction.choices)
    code = models.CharField(_("kode peristiwa"), max_length=100, blank=True, db_index=True)
    object_type = models.CharField(_("jenis objek"), max_length=100, blank=True)
    object_id = models.CharField(_("ID objek"), max_length=64, blank=True)
    object_repr = models.CharField(_("objek"), max_length=300, blank=True)
    agency_id = models.BigIntegerField(_("PD pemilik"), null=True, blank=True, db_index=True)
    changes = models.TextField(_("perubahan"), blank=True, help_text=_("JSON kanonik {kolom: [lama, baru]}"))
    message = models.TextField(_("keterangan"), blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("peristiwa audit")
        verbose_name_plural = pgettext_lazy("plural", "jejak audit")
        ordering = ["-seq"]
        indexes = [models.Index(fields=["object_type", "object_id", "seq"])]

    def __str__(self):
        return f"#{self.seq} {self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("Jejak audit hanya dapat ditambah, tidak dapat diubah.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Jejak audit tidak dapat dihapus.")

    def hash_payload(self) -> str:
        from .audit import canonical_json

        return canonical_json(
            [
                self.seq,
                self.timestamp.isoformat(),
                self.actor_id,
                self.actor_name,
                self.entry_point,
                self.request_id,
                self.action,
                self.code,
                self.object_type,
                self.object_id,
                self.object_repr,
                self.agency_id,
                self.changes,
                self.message,
                self.prev_hash,
            ]
        )

    def compute_hash(self) -> str:
        return hashlib.sha256(self.hash_payload().encode()).hexdigest()


def attachment_path(instance, filename):
    return f"attachments/{instance.content_type.app_label}/{instance.content_type.model}/{filename}"


class Attachment(BaseModel):
    """A file attached to any record; it inherits the record's scope for downloads."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    parent = GenericForeignKey("content_type", "object_id")
    file = models.FileField(_("berkas"), upload_to=attachment_path)
    name = models.CharField(_("nama"), max_length=255)
    size = models.PositiveBigIntegerField(_("ukuran (byte)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    content_type_name = models.CharField(_("jenis berkas"), max_length=100, blank=True)

    owner_field = None  # downloads follow the parent record's scope, checked in the view

    class Meta:
        verbose_name = _("lampiran")
        verbose_name_plural = pgettext_lazy("plural", "lampiran")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("core:attachment_download", kwargs={"pk": self.pk})


class ImportJob(models.Model):
    """A bulk import: validated whole (dry run), then applied whole or not at all."""

    model_label = models.CharField(_("model"), max_length=100)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(_("berkas"), upload_to="imports/")
    file_name = models.CharField(_("nama berkas"), max_length=255)
    status = models.CharField(
        _("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    total_rows = models.PositiveIntegerField(_("jumlah baris"), default=0)
    error_count = models.PositiveIntegerField(_("baris bermasalah"), default=0)
    results = models.JSONField(_("hasil per baris"), default=list, blank=True)
    delete_missing = models.BooleanField(_("hapus data yang tidak ada di berkas"), default=False)
    message = models.TextField(_("pesan"), blank=True)
    # The language of the person who started the run: a background run reads the file's headers
    # and writes its row messages in it, as the web request would have.
    language = models.CharField(_("bahasa"), max_length=10, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("impor")
        verbose_name_plural = pgettext_lazy("plural", "impor")
        ordering = ["-created"]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu keputusan")
    APPROVED = "approved", _("Disetujui")
    REJECTED = "rejected", _("Ditolak")
    RETURNED = "returned", _("Dikembalikan untuk diperbaiki")
    WITHDRAWN = "withdrawn", _("Ditarik")


class OwnerAgencyField(models.ForeignKey):
    """The owning agency's foreign key of an `AgencyOwnedModel`. What differs between owned models
    (its label, help text, whether it may be empty, its reverse name) is read from the model's
    class attributes, so no model redeclares the field:

      agency_label         verbose name (default "perangkat daerah")
      agency_help_text     help text
      agency_optional      True: may be empty (a government-wide record)
      agency_related_name  reverse accessor name ("+" for none)

    Migrations see a plain ForeignKey with those options, as if it had been written out."""

    def contribute_to_class(self, cls, name, *args, **kwargs):
        if getattr(cls, "agency_label", None):
            self.verbose_name = cls.agency_label
        if getattr(cls, "agency_help_text", None):
            self.help_text = cls.agency_help_text
        if getattr(cls, "agency_optional", False):
            self.null = self.blank = True
        if getattr(cls, "agency_related_name", None):
            self.remote_field.related_name = cls.agency_related_name
        super().contribute_to_class(cls, name, *args, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        # Field.deconstruct reports the options given to the constructor; these were set after it.
        kwargs["verbose_name"] = self.verbose_name
        if self.remote_field.related_name:
            kwargs["related_name"] = self.remote_field.related_name
        return name, "django.db.models.ForeignKey", args, kwargs


class AgencyOwnedModel(BaseModel):
    """A record one agency owns: the foreign key and `owner_field` declared once. A model sets
    `agency_label`, `agency_help_text`, `agency_optional` or `agency_related_name` to adapt the
    field (OwnerAgencyField); it never redeclares it."""

    agency = OwnerAgencyField("org.Agency", verbose_name=_("perangkat daerah"), on_delete=models.PROTECT)

    owner_field = "agency"
    agency_label = None
    agency_help_text = None
    agency_optional = False
    agency_related_name = None

    class Meta:
        abstract = True


class ApprovalRequest(AgencyOwnedModel):
    """One run of a registered approval flow on any record (core/approvals.py).

    Every workflow that needs a decision (attestations, technical considerations, data sharing,
    subdomains, risk acceptance, change review, asset requests) uses this, so decisions look and
    are kept the same everywhere.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("jenis persetujuan"), max_length=80, db_index=True)
    agency_optional = True  # a flow may run on a government-wide record
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ApprovalStatus.choices,
        default=ApprovalStatus.PENDING,
        db_index=True,
    )
    step = models.PositiveSmallIntegerField(_("tahap"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diajukan oleh"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("catatan pengaju"), blank=True)
    closed_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    search_fields = ("kind", "note")

    class Meta:
        verbose_name = _("permohonan persetujuan")
        verbose_name_plural = pgettext_lazy("plural", "permohonan persetujuan")
        ordering = ["-created"]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["status", "kind"]),
        ]

    def __str__(self):
        from .approvals import flow

        f = flow(self.kind)
        return f"{f.label if f else self.kind}: {self.target}"

    def get_absolute_url(self):
        return reverse("core:approval_detail", kwargs={"pk": self.pk})


class ApprovalDecision(models.Model):
    """A decision on one step: who, when, which way, and why. Kept as evidence; never edited."""

    request = models.ForeignKey(ApprovalRequest, on_delete=models.CASCADE, related_name="decisions")
    step = models.PositiveSmallIntegerField(_("tahap"))
    role = models.CharField(_("sebagai"), max_length=24)
    decider = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("pemutus"), on_delete=models.PROTECT, related_name="+"
    )
    approved = models.BooleanField(_("disetujui"))
    returned = models.BooleanField(_("dikembalikan untuk diperbaiki"), default=False)
    reason = models.TextField(_("alasan"))
    decided_at = models.DateTimeField(_("waktu keputusan"), auto_now_add=True)

    class Meta:
        verbose_name = _("keputusan persetujuan")
        verbose_name_plural = pgettext_lazy("plural", "keputusan persetujuan")
        ordering = ["request", "step", "decided_at"]

    def __str__(self):
        return f"{self.request_id}/{self.step}: {'ya' if self.approved else 'tidak'}"


class Notification(models.Model):
    """Something a user should look at; mailed too when the user has an address."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    title = models.CharField(_("judul"), max_length=200)
    body = models.TextField(_("isi"), blank=True)
    url = models.CharField(_("tautan"), max_length=300, blank=True)
    key = models.CharField(
        _("kunci"), max_length=200, blank=True, help_text=_("mencegah pemberitahuan ganda")
    )
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("pemberitahuan")
        verbose_name_plural = pgettext_lazy("plural", "pemberitahuan")
        ordering = ["-created"]
        indexes = [models.Index(fields=["user", "read_at"]), models.Index(fields=["user", "key"])]

    def __str__(self):
        return self.title


class IssuedDocument(ClassifiedModel, AgencyOwnedModel):
    """An official document the platform issued and signed (core/documents.py): the register a
    verifier's code or uploaded file is checked against. Rows are written once and never edited;
    the signed file is kept as issued."""

    code = models.CharField(_("kode verifikasi"), max_length=16, unique=True)
    kind = models.CharField(_("jenis dokumen"), max_length=60, db_index=True)
    title = models.CharField(_("perihal"), max_length=300)
    number = models.CharField(_("nomor"), max_length=120, blank=True)
    file = models.FileField(_("berkas bertanda tangan"), upload_to="issued/%Y/")
    sha256 = models.CharField(_("sidik SHA-256"), max_length=64, db_index=True)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    # The letter as rendered before its code was filled in: the same letter asked for twice
    # (a leader downloading today's report again) is served from the register, not re-issued.
    source_digest = models.CharField(max_length=64, db_index=True, editable=False)
    signer_name = models.CharField(_("penanda tangan"), max_length=200)
    certificate_fingerprint = models.CharField(_("sidik sertifikat"), max_length=64)
    development = models.BooleanField(_("sertifikat pengembangan"), default=False)
    signed_at = models.DateTimeField(_("waktu tanda tangan"))
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("content_type", "object_id")

    agency_optional = True
    agency_label = _("perangkat daerah penerbit")
    search_fields = ("code", "title", "number")

    class Meta:
        verbose_name = _("dokumen terbit")
        verbose_name_plural = _("dokumen terbit")
        ordering = ("-signed_at", "-id")
        indexes = [
            models.Index(fields=["-signed_at", "-id"], name="core_issued_signed_idx"),
            models.Index(fields=["kind", "source_digest"], name="core_issued_source_idx"),
        ]

    def __str__(self):
        return f"{self.title} ({self.code})"

    def get_absolute_url(self):
        return reverse("core:verify_code", kwargs={"code": self.code})

    @property
    def verify_url(self) -> str:
        return settings.SPBE_BASE_URL + self.get_absolute_url()

    @property
    def code_display(self) -> str:
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))


class SigningKey(models.Model):
    """The government's own signing certificate (PKCS#12), uploaded by its administrator.

    The uploaded file and its passphrase are stored only encrypted (core/signing.py: Fernet with a
    key derived from SPBE_SIGNING_SECRET, or the secret key); the row also keeps what a reader may
    see: subject, issuer, validity and fingerprint. The newest active row signs."""

    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject = models.CharField(_("pemilik sertifikat"), max_length=300)
    issuer = models.CharField(_("penerbit sertifikat"), max_length=300)
    serial = models.CharField(_("nomor seri"), max_length=100)
    valid_from = models.DateTimeField(_("berlaku sejak"))
    valid_until = models.DateTimeField(_("berlaku sampai"))
    fingerprint = models.CharField(_("sidik SHA-256"), max_length=64)
    sealed_pkcs12 = models.BinaryField(editable=False)
    sealed_passphrase = models.BinaryField(editable=False)
    active = models.BooleanField(_("dipakai"), default=True)

    class Meta:
        verbose_name = _("sertifikat penanda tangan")
        verbose_name_plural = _("sertifikat penanda tangan")
        ordering = ("-uploaded_at", "-id")

    def __str__(self):
        return self.subject
