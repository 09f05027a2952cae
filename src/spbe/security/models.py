"""Information security (Keamanan SPBE): electronic certificates and who must hold one, incidents
and their handling, and the security services the ICT office provides.

Sigi Pasal 17-19, Kutai Barat Pasal 19-21, Parigi Moutong Pasal 27-29, Pangkep Pasal 22-23,
Bengkulu Tengah Pasal 17. Incidents fail closed: see `INCIDENT_VIEW_ROLES` and org/policy.py.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from spbe.core.choices import Classification
from spbe.core.models import AgencyOwnedModel, BaseModel, ClassifiedModel
from spbe.management.choices import Impact, ImpactArea, Likelihood
from spbe.org.choices import Role

from .choices import (
    CredentialKind,
    IncidentEventKind,
    IncidentKind,
    IncidentSeverity,
    IncidentStatus,
    ServiceRequestStatus,
)

EXPIRY_WARNING_DAYS = 30
VULNERABILITY_ASSESSMENT = "vulnerability-assessment"  # the service kind whose findings become risks

# Incidents fail closed (Sigi Pasal 18 ayat (4); issue 13): besides the roles whose scope covers the
# reporting agency (its own staff, and a parent agency's), only these government-wide roles see them:
# the platform admin, the ICT office admin (who receives and handles the report) and the auditor.
# Leaders, the coordination team and service desk tier 2 do not: an incident names weaknesses an
# attacker could use, and their work needs the yearly statistics only. The policy reads this as
# each incident model's `restricted_view_roles` (org/policy.py), so every page, API, export, search
# and reference follows it.
INCIDENT_VIEW_ROLES = (Role.PLATFORM_ADMIN, Role.ICT_ADMIN, Role.AUDITOR)


class CertificateDuty(BaseModel):
    """A person who carries out electronic transactions for an agency, and so must hold a valid
    electronic certificate (Sigi Pasal 19 ayat (2) dan (4); Kutai Barat Pasal 21 ayat (2))."""

    person = models.ForeignKey(
        "org.Person", verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="certificate_duties"
    )
    duty = models.CharField(
        _("tugas transaksi elektronik"),
        max_length=200,
        help_text=_("Misalnya: penandatangan naskah dinas elektronik, bendahara pengeluaran."),
    )
    system = models.CharField(_("sistem yang dipakai"), max_length=200, blank=True)
    public_service = models.BooleanField(
        _("untuk layanan publik"),
        default=False,
        help_text=_("Transaksi elektronik layanan publik wajib memakai sertifikat elektronik."),
    )
    active = models.BooleanField(_("masih bertugas"), default=True, db_index=True)

    owner_field = "person__agency"
    search_fields = ("duty", "system")

    class Meta:
        verbose_name = _("petugas transaksi elektronik")
        verbose_name_plural = pgettext_lazy("plural", "petugas transaksi elektronik")
        ordering = ["duty", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "duty"], name="security_duty_once_per_person")
        ]
        indexes = [
            models.Index(fields=["duty", "id"]),
            models.Index(fields=["system", "id"]),
            models.Index(fields=["public_service", "id"]),
            models.Index(fields=["active", "id"]),
            models.Index(fields=["active", "duty", "id"]),
        ]

    def __str__(self):
        return f"{self.person} - {self.duty}"


class ElectronicCertificate(BaseModel):
    """An electronic certificate (usually from BSrE), or the education institution's letter that
    stands in for one while it is issued where the regulation allows it (Sigi Pasal 19 ayat (5))."""

    holder = models.ForeignKey(
        "org.Person", verbose_name=_("pemegang"), on_delete=models.PROTECT, related_name="certificates"
    )
    kind = models.CharField(
        _("jenis"), max_length=20, choices=CredentialKind.choices, default=CredentialKind.CERTIFICATE
    )
    issuer = models.CharField(_("penerbit"), max_length=200, default="BSrE")
    serial = models.CharField(_("nomor seri"), max_length=100)
    valid_from = models.DateField(_("berlaku sejak"))
    valid_until = models.DateField(_("berlaku sampai"), db_index=True)
    revoked = models.BooleanField(_("dicabut"), default=False)
    revoked_on = models.DateField(_("tanggal pencabutan"), null=True, blank=True)

    owner_field = "holder__agency"
    search_fields = ("serial", "issuer")

    class Meta:
        verbose_name = _("sertifikat elektronik")
        verbose_name_plural = pgettext_lazy("plural", "sertifikat elektronik")
        ordering = ["valid_until", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "serial"], name="security_certificate_serial_per_issuer"
            )
        ]
        indexes = [
            models.Index(fields=["serial", "id"]),
            models.Index(fields=["issuer", "id"]),
            models.Index(fields=["kind", "id"]),
            models.Index(fields=["valid_from", "id"]),
            models.Index(fields=["valid_until", "id"]),
            models.Index(fields=["revoked", "id"]),
            models.Index(fields=["kind", "valid_until", "id"]),
            models.Index(fields=["revoked", "valid_until", "id"]),
        ]

    def __str__(self):
        return f"{self.issuer} {self.serial}"

    def clean(self):
        errors = {}
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("Tanggal berlaku sampai tidak boleh sebelum tanggal berlaku sejak.")
        if self.revoked and not self.revoked_on:
            errors["revoked_on"] = _("Isi tanggal pencabutan untuk sertifikat yang dicabut.")
        if self.revoked_on and not self.revoked:
            errors["revoked"] = _("Tandai dicabut bila tanggal pencabutan diisi.")
        if errors:
            raise ValidationError(errors)

    def is_valid_on(self, day: datetime.date) -> bool:
        if self.revoked and (self.revoked_on is None or self.revoked_on <= day):
            return False
        return self.valid_from <= day <= self.valid_until

    @property
    def state(self) -> str:
        """valid / expiring (within EXPIRY_WARNING_DAYS) / expired / revoked / not yet valid."""
        today = timezone.localdate()
        if self.revoked and (self.revoked_on is None or self.revoked_on <= today):
            return "revoked"
        if self.valid_until < today:
            return "expired"
        if self.valid_from > today:
            return "pending"
        if self.valid_until <= today + datetime.timedelta(days=EXPIRY_WARNING_DAYS):
            return "expiring"
        return "valid"


class CertificateMonitoring(AgencyOwnedModel):
    """The ICT office's record of a monitoring of the certificates every agency uses (Sigi Pasal 19
    ayat (3), Kutai Barat Pasal 21 ayat (3)): coverage as it stood that day."""

    agency_label = _("PD pemantau")
    date = models.DateField(_("tanggal pemantauan"), default=timezone.localdate)
    duties = models.PositiveIntegerField(_("petugas wajib sertifikat"), default=0)
    covered = models.PositiveIntegerField(_("memegang sertifikat berlaku"), default=0)
    expiring = models.PositiveIntegerField(_("berakhir dalam 30 hari"), default=0)
    agencies_below = models.PositiveIntegerField(_("PD belum tercakup penuh"), default=0)
    notes = models.TextField(_("catatan"), blank=True)

    search_fields = ("notes",)

    class Meta:
        verbose_name = _("pemantauan sertifikat elektronik")
        verbose_name_plural = pgettext_lazy("plural", "pemantauan sertifikat elektronik")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["-date", "-id"]),
            models.Index(fields=["date", "id"]),
            models.Index(fields=["duties", "id"]),
            models.Index(fields=["covered", "id"]),
            models.Index(fields=["expiring", "id"]),
            models.Index(fields=["agencies_below", "id"]),
            models.Index(fields=["agency", "date", "id"]),
        ]

    def __str__(self):
        return str(_("Pemantauan sertifikat %(date)s") % {"date": self.date})


class Incident(AgencyOwnedModel):
    """A failure or disruption of an electronic system, reported by the agency that suffered it to
    the ICT office at once, with a written notice to the data steward (Sigi Pasal 18 ayat (4),
    Kutai Barat Pasal 20 ayat (4)). Fails closed: INCIDENT_VIEW_ROLES."""

    agency_label = _("PD pelapor")
    title = models.CharField(_("judul"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=10, choices=IncidentKind.choices)
    occurred_at = models.DateTimeField(_("waktu kejadian"))
    detected_at = models.DateTimeField(_("waktu diketahui"))
    reported_at = models.DateTimeField(
        _("dilaporkan ke Dinas Kominfo"),
        default=timezone.now,
        editable=False,
        db_index=True,
        help_text=_("Saat laporan dicatat di platform: Dinas Kominfo menerimanya seketika."),
    )
    description = models.TextField(_("uraian kejadian"))
    systems_affected = models.TextField(_("sistem terdampak"), blank=True)
    data_affected = models.TextField(_("data terdampak"), blank=True)
    data_secured = models.BooleanField(_("data sudah diamankan"), default=False)
    securing_measures = models.TextField(_("langkah pengamanan data"), blank=True)
    applications = models.ManyToManyField(
        "applications.Application",
        verbose_name=_("aplikasi terdampak"),
        blank=True,
        related_name="+",
    )
    severity = models.CharField(
        _("tingkat keparahan"),
        max_length=10,
        choices=IncidentSeverity.choices,
        default=IncidentSeverity.UNTRIAGED,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=IncidentStatus.choices, default=IncidentStatus.REPORTED
    )
    containment = models.TextField(_("penahanan"), blank=True)
    recovery = models.TextField(_("pemulihan"), blank=True)
    lessons_learned = models.TextField(_("pelajaran"), blank=True)
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    steward_notified_at = models.DateTimeField(
        _("pemberitahuan tertulis ke walidata"), null=True, blank=True, editable=False
    )
    steward_notice = models.ForeignKey(
        "core.IssuedDocument",
        verbose_name=_("surat pemberitahuan ke walidata"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )

    restricted_view_roles = INCIDENT_VIEW_ROLES
    search_fields = ("title", "description")

    class Meta:
        verbose_name = _("insiden keamanan")
        verbose_name_plural = pgettext_lazy("plural", "insiden keamanan")
        ordering = ["-reported_at", "-id"]
        indexes = [
            models.Index(fields=["-reported_at", "-id"]),
            models.Index(fields=["reported_at", "id"]),
            models.Index(fields=["title", "id"]),
            models.Index(fields=["kind", "id"]),
            models.Index(fields=["severity", "id"]),
            models.Index(fields=["status", "id"]),
            models.Index(fields=["occurred_at", "id"]),
            models.Index(fields=["detected_at", "id"]),
            models.Index(fields=["steward_notified_at", "id"]),
            models.Index(fields=["agency", "-reported_at", "-id"]),
            models.Index(fields=["kind", "-reported_at", "-id"]),
            models.Index(fields=["severity", "-reported_at", "-id"]),
            models.Index(fields=["status", "-reported_at", "-id"]),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        now = timezone.now()
        if self.occurred_at and self.occurred_at > now + datetime.timedelta(minutes=5):
            errors["occurred_at"] = _("Waktu kejadian tidak boleh di masa depan.")
        if self.occurred_at and self.detected_at and self.detected_at < self.occurred_at:
            errors["detected_at"] = _("Waktu diketahui tidak boleh sebelum waktu kejadian.")
        if self.detected_at and self.detected_at > now + datetime.timedelta(minutes=5):
            errors.setdefault("detected_at", _("Waktu diketahui tidak boleh di masa depan."))
        if self.data_secured and not (self.securing_measures or "").strip():
            errors["securing_measures"] = _("Uraikan langkah pengamanan data yang sudah dilakukan.")
        if errors:
            raise ValidationError(errors)

    @property
    def report_delay(self) -> datetime.timedelta | None:
        if self.detected_at is None or self.reported_at is None:
            return None
        return self.reported_at - self.detected_at


def evidence_path(instance, filename):
    return f"security/incidents/{instance.incident_id}/{filename}"


class IncidentEvent(BaseModel):
    """One line of an incident's timeline, with optional evidence (a log extract, a screenshot)."""

    incident = models.ForeignKey(
        Incident, verbose_name=_("insiden"), on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField(_("waktu"), default=timezone.now)
    kind = models.CharField(
        _("jenis"), max_length=12, choices=IncidentEventKind.choices, default=IncidentEventKind.NOTE
    )
    note = models.TextField(_("uraian"))
    evidence = models.FileField(
        _("bukti"),
        upload_to=evidence_path,
        blank=True,
        validators=[FileExtensionValidator(["pdf", "png", "jpg", "jpeg", "txt", "log", "csv", "zip"])],
    )
    sha256 = models.CharField(_("SHA-256 bukti"), max_length=64, blank=True, editable=False)

    owner_field = "incident__agency"
    restricted_view_roles = INCIDENT_VIEW_ROLES
    search_fields = ("note",)

    class Meta:
        verbose_name = _("kronologi insiden")
        verbose_name_plural = pgettext_lazy("plural", "kronologi insiden")
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["at", "id"]),
            models.Index(fields=["kind", "id"]),
            models.Index(fields=["kind", "at", "id"]),
            models.Index(fields=["incident", "at", "id"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {timezone.localtime(self.at):%Y-%m-%d %H:%M}"


class SecurityServiceKind(BaseModel):
    """A kind of information security service the ICT office provides (Parigi Moutong Pasal 28 ayat
    (2) huruf a-p), shipped as data (security/data/service_kinds.yaml)."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    letter = models.CharField(_("huruf"), max_length=2)
    name = models.CharField(_("nama"), max_length=300)
    name_en = models.CharField(_("nama (Inggris)"), max_length=300, blank=True)

    owner_field = None
    search_fields = ("name", "code")

    class Meta:
        verbose_name = _("jenis layanan keamanan informasi")
        verbose_name_plural = pgettext_lazy("plural", "jenis layanan keamanan informasi")
        ordering = ["letter", "id"]
        indexes = [
            models.Index(fields=["letter", "id"]),
            models.Index(fields=["name", "id"]),
            models.Index(fields=["code", "id"]),
        ]

    def __str__(self):
        if translation.get_language() == "en" and self.name_en:
            return f"{self.letter}. {self.name_en}"
        return f"{self.letter}. {self.name}"


class SecurityServiceRequest(AgencyOwnedModel):
    """An agency's request for a security service; the ICT office plans it and reports it done
    (Parigi Moutong Pasal 28 ayat (1), Pasal 29 ayat (2))."""

    agency_label = _("PD pemohon")
    kind = models.ForeignKey(
        SecurityServiceKind,
        verbose_name=_("jenis layanan"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    title = models.CharField(_("judul"), max_length=200)
    description = models.TextField(_("kebutuhan"))
    requested_on = models.DateField(_("tanggal permohonan"), default=timezone.localdate, editable=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ServiceRequestStatus.choices,
        default=ServiceRequestStatus.REQUESTED,
    )
    planned_date = models.DateField(_("rencana pelaksanaan"), null=True, blank=True)
    done_date = models.DateField(_("tanggal selesai"), null=True, blank=True)
    report = models.TextField(_("laporan pelaksanaan"), blank=True)
    findings = models.TextField(_("temuan"), blank=True)

    search_fields = ("title", "description")

    class Meta:
        verbose_name = _("permohonan layanan keamanan")
        verbose_name_plural = pgettext_lazy("plural", "permohonan layanan keamanan")
        ordering = ["-requested_on", "-id"]
        indexes = [
            models.Index(fields=["-requested_on", "-id"]),
            models.Index(fields=["requested_on", "id"]),
            models.Index(fields=["title", "id"]),
            models.Index(fields=["status", "id"]),
            models.Index(fields=["planned_date", "id"]),
            models.Index(fields=["done_date", "id"]),
            models.Index(fields=["status", "-requested_on", "-id"]),
            models.Index(fields=["kind", "-requested_on", "-id"]),
            models.Index(fields=["agency", "-requested_on", "-id"]),
        ]

    def __str__(self):
        return self.title


class VulnerabilityFinding(BaseModel):
    """One finding of a vulnerability identification and risk assessment the ICT office carried
    out for an agency (Parigi Moutong Pasal 28 ayat (2) huruf a). Registered as a risk of the
    agency's SPBE risk register (management module), linked both ways: the finding names its risk,
    the risk's page shows the finding. The title, cause and consequence become the risk's text,
    which the agency's staff read; the technical details stay here, where the finding fails closed
    like an incident (INCIDENT_VIEW_ROLES)."""

    service_request = models.ForeignKey(
        SecurityServiceRequest,
        verbose_name=_("layanan penilaian kerentanan"),
        on_delete=models.CASCADE,
        related_name="vulnerability_findings",
    )
    title = models.CharField(
        _("kejadian risiko"),
        max_length=300,
        help_text=_("Ditulis untuk register risiko, tanpa rincian teknis yang dapat disalahgunakan."),
    )
    details = models.TextField(
        _("rincian teknis"),
        blank=True,
        help_text=_("Tetap di catatan ini (terlihat hanya oleh PD pemohon, Dinas Kominfo dan auditor)."),
    )
    cause = models.TextField(_("penyebab"))
    consequence = models.TextField(_("dampak"))
    impact_area = models.CharField(
        _("area dampak"), max_length=12, choices=ImpactArea.choices, default=ImpactArea.OPERATIONS
    )
    likelihood = models.PositiveSmallIntegerField(_("level kemungkinan"), choices=Likelihood.choices)
    impact = models.PositiveSmallIntegerField(_("level dampak"), choices=Impact.choices)
    risk = models.ForeignKey(
        "management.Risk",
        verbose_name=_("risiko di register"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    registered_at = models.DateTimeField(
        _("dicatat ke register risiko"), null=True, blank=True, editable=False
    )

    owner_field = "service_request__agency"
    restricted_view_roles = INCIDENT_VIEW_ROLES
    search_fields = ("title",)

    class Meta:
        verbose_name = _("temuan kerentanan")
        verbose_name_plural = pgettext_lazy("plural", "temuan kerentanan")
        ordering = ["-created", "-id"]
        indexes = [
            models.Index(fields=["-created", "-id"]),
            models.Index(fields=["created", "id"]),
            models.Index(fields=["title", "id"]),
            models.Index(fields=["impact_area", "id"]),
            models.Index(fields=["impact_area", "-created", "-id"]),
            models.Index(fields=["likelihood", "id"]),
            models.Index(fields=["impact", "id"]),
            models.Index(fields=["registered_at", "id"]),
            models.Index(fields=["service_request", "-created", "-id"]),
            models.Index(fields=["risk", "-created", "-id"]),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.service_request_id:
            request = self.service_request
            if request.kind.code != VULNERABILITY_ASSESSMENT:
                raise ValidationError(
                    {
                        "service_request": _(
                            "Temuan kerentanan dicatat pada layanan identifikasi kerentanan dan penilaian risiko."
                        )
                    }
                )


# --- Data classification: the policy, its reasons, each decision and its review -----------------


class ClassificationPolicy(BaseModel):
    """The government's data classification policy (Sigi Pasal 18 ayat (3); Parigi Moutong Pasal 27
    ayat (2)): what OPEN, LIMITED and CLOSED mean here, who decides, on which reasons (the
    ClassificationReason rows) and how often each decision is reviewed."""

    government = models.OneToOneField(
        "org.Government",
        verbose_name=_("pemerintah daerah"),
        on_delete=models.PROTECT,
        related_name="classification_policy",
    )
    name = models.CharField(_("nama"), max_length=200, default="Kebijakan Klasifikasi Data")
    decree = models.ForeignKey(
        "org.Decree",
        verbose_name=_("ditetapkan dengan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    open_meaning = models.TextField(_("arti TERBUKA"))
    limited_meaning = models.TextField(_("arti TERBATAS"))
    closed_meaning = models.TextField(_("arti TERTUTUP"))
    deciders = models.TextField(
        _("yang memutuskan"),
        help_text=_("Misalnya: walidata PD produsen data menetapkan; Dinas Kominfo memberi pertimbangan."),
    )
    review_months = models.PositiveSmallIntegerField(
        _("tinjauan setiap (bulan)"), default=12, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )

    owner_field = None
    search_fields = ("name", "deciders")

    class Meta:
        verbose_name = _("kebijakan klasifikasi data")
        verbose_name_plural = pgettext_lazy("plural", "kebijakan klasifikasi data")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["name", "id"]), models.Index(fields=["review_months", "id"])]

    def __str__(self):
        return self.name


class ClassificationReason(BaseModel):
    """A reason the policy allows for one classification level, with its legal basis."""

    policy = models.ForeignKey(
        ClassificationPolicy, verbose_name=_("kebijakan"), on_delete=models.CASCADE, related_name="reasons"
    )
    level = models.CharField(_("klasifikasi"), max_length=10, choices=Classification.choices)
    label = models.CharField(_("alasan"), max_length=200)
    legal_basis = models.CharField(
        _("dasar hukum"), max_length=300, blank=True, help_text=_("Misalnya: UU 14/2008 Pasal 17 huruf h.")
    )
    active = models.BooleanField(_("berlaku"), default=True)

    owner_field = None
    search_fields = ("label", "legal_basis")

    class Meta:
        verbose_name = _("alasan klasifikasi")
        verbose_name_plural = pgettext_lazy("plural", "alasan klasifikasi")
        ordering = ["level", "label", "id"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "level", "label"], name="security_reason_once")
        ]
        indexes = [
            models.Index(fields=["level", "label", "id"]),
            models.Index(fields=["level", "id"]),
            models.Index(fields=["label", "id"]),
            models.Index(fields=["legal_basis", "id"]),
            models.Index(fields=["active", "id"]),
            models.Index(fields=["policy", "level", "label", "id"]),
        ]

    def __str__(self):
        return f"{self.get_level_display()}: {self.label}"


class ClassificationDecision(AgencyOwnedModel, ClassifiedModel):
    """One decision on a dataset's or an application's classification: the level, the policy's
    reason, who decided and when, and when it is reviewed. A later decision supersedes it (the
    earlier one stays, so no classification is ever lost). The record is seen as its subject is:
    `classification` follows the subject's current level, `level` is what this decision said."""

    agency_label = _("PD pemilik data")
    dataset = models.ForeignKey(
        "datasets.Dataset",
        verbose_name=_("kumpulan data"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("aplikasi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    level = models.CharField(_("klasifikasi yang ditetapkan"), max_length=10, choices=Classification.choices)
    previous_level = models.CharField(
        _("klasifikasi sebelumnya"), max_length=10, choices=Classification.choices, blank=True
    )
    reason = models.ForeignKey(
        ClassificationReason, verbose_name=_("alasan"), on_delete=models.PROTECT, related_name="decisions"
    )
    explanation = models.TextField(_("penjelasan"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diputuskan oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_on = models.DateField(_("tanggal keputusan"), default=timezone.localdate)
    review_due = models.DateField(_("ditinjau paling lambat"))
    current = models.BooleanField(_("berlaku"), default=True)

    search_fields = ("explanation",)

    class Meta:
        verbose_name = _("keputusan klasifikasi")
        verbose_name_plural = pgettext_lazy("plural", "keputusan klasifikasi")
        ordering = ["review_due", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(dataset__isnull=False, application__isnull=True)
                | models.Q(dataset__isnull=True, application__isnull=False),
                name="security_decision_one_subject",
            )
        ]
        indexes = [
            models.Index(fields=["review_due", "id"]),
            models.Index(fields=["current", "review_due", "id"]),
            models.Index(fields=["current", "id"]),
            models.Index(fields=["level", "id"]),
            models.Index(fields=["level", "review_due", "id"]),
            models.Index(fields=["decided_on", "id"]),
            models.Index(fields=["agency", "review_due", "id"]),
            models.Index(fields=["dataset", "review_due", "id"]),
            models.Index(fields=["application", "review_due", "id"]),
        ]

    def __str__(self):
        # Not the subject's name: a reference to the decision must not name a CLOSED dataset.
        return str(_("Keputusan klasifikasi %(level)s, %(date)s")) % {
            "level": self.get_level_display(),
            "date": self.decided_on.isoformat() if self.decided_on else "",
        }

    @property
    def subject(self):
        return self.dataset or self.application

    @property
    def overdue(self) -> bool:
        return self.current and self.review_due < timezone.localdate()
