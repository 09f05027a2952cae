from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from spbe.core.checks import Status, evidence_items, render_message
from spbe.core.models import AgencyOwnedModel, BaseModel
from spbe.core.querysets import RestrictedQuerySet


class Subject(models.TextChoices):
    EACH_AGENCY = "each_agency", _("Setiap perangkat daerah")
    ICT_OFFICE = "ict_office", _("Dinas Kominfo")
    GOVERNMENT = "government", _("Pemerintah daerah")
    LEADERS = "leaders", _("Pimpinan daerah (kepala daerah/Sekda)")
    COORDINATION_TEAM = "coordination_team", _("Tim Koordinasi SPBE")
    AUTONOMOUS_AGENCIES = "autonomous_agencies", _("PD Mandiri TIK")


class Period(models.TextChoices):
    ONCE = "once", _("Sekali")
    CONTINUOUS = "continuous", _("Terus-menerus")
    ON_CHANGE = "on_change", _("Setiap ada perubahan")
    MONTHLY = "monthly", _("Bulanan")
    QUARTERLY = "quarterly", _("Triwulanan")
    SEMESTER = "semester", _("Semesteran")
    YEARLY = "yearly", _("Tahunan")
    EVERY_2_YEARS = "every_2_years", _("Dua tahunan")
    EVERY_5_YEARS = "every_5_years", _("Lima tahunan")
    PERIODIC = "periodic", _("Berkala (ditetapkan keputusan)")
    INTERVAL = "interval", _("Berkala (jangka waktu tertentu)")


# Prefixes of subjects beyond the fixed six (schema version 3): each agency of an AgencyKind
# ("agency_kind:inspektorat") or the agency holding a named AgencyDesignation
# ("agency_role:regional_secretariat").
AGENCY_KIND_PREFIX = "agency_kind:"
AGENCY_ROLE_PREFIX = "agency_role:"


def subject_label(subject: str, government_kind: str | None = None) -> str:
    """The subject as a reader sees it; the leader's title follows the kind of government."""
    from spbe.org.choices import AgencyDesignation, AgencyKind, kind_display

    if subject == Subject.LEADERS:
        return _("Pimpinan (%(leader)s/Sekda)") % {"leader": kind_display(government_kind, "leader")}
    if subject.startswith(AGENCY_KIND_PREFIX):
        value = subject.removeprefix(AGENCY_KIND_PREFIX)
        label = AgencyKind(value).label if value in AgencyKind.values else value
        return _("Setiap PD jenis %(k)s") % {"k": label}
    if subject.startswith(AGENCY_ROLE_PREFIX):
        value = subject.removeprefix(AGENCY_ROLE_PREFIX)
        return str(AgencyDesignation(value).label) if value in AgencyDesignation.values else value
    return str(Subject(subject).label) if subject in Subject.values else subject


class Severity(models.TextChoices):
    HIGH = "high", _("Tinggi")
    MEDIUM = "medium", _("Sedang")
    LOW = "low", _("Rendah")


GOVERNMENT_SUBJECTS = (Subject.GOVERNMENT, Subject.LEADERS, Subject.COORDINATION_TEAM)


class Regulation(BaseModel):
    """A regulation profile: a Perbup as data (loaded from YAML; see compliance/regulations/)."""

    code = models.CharField(_("kode profil"), max_length=64, unique=True)
    regency = models.CharField(_("daerah"), max_length=150)
    province = models.CharField(_("provinsi"), max_length=100)
    number = models.CharField(_("nomor"), max_length=20)
    year = models.PositiveSmallIntegerField(_("tahun"))
    title = models.CharField(_("judul"), max_length=300)
    set_on = models.DateField(_("ditetapkan"))
    based_on = models.CharField(_("turunan dari"), max_length=64, blank=True)
    parameters = models.JSONField(_("parameter"), default=dict, blank=True)
    groups = models.JSONField(_("kelompok kewajiban"), default=list, blank=True)
    source_text = models.TextField(_("teks YAML"), editable=False)
    checksum = models.CharField(_("SHA-256 teks"), max_length=64, editable=False)
    shipped = models.BooleanField(_("bawaan platform"), default=False)
    # The kind of government that issues it (org GovernmentKind): a Peraturan Bupati (regency), Peraturan
    # Wali Kota (city) or Peraturan Gubernur (province). Profiles before schema version 3 are regencies'.
    government_kind = models.CharField(_("jenis pemerintah daerah"), max_length=12, default="kabupaten")

    owner_field = None
    search_fields = ("regency", "title", "code")

    class Meta:
        verbose_name = _("regulasi")
        verbose_name_plural = pgettext_lazy("plural", "regulasi")
        ordering = ["regency", "year"]
        # Every list order (default, each sortable column, keyset tiebreaker id) read from an
        # index (tests/core/test_ordering_indexes.py); a handful of rows, written on a load.
        indexes = [
            models.Index(fields=["regency", "year", "id"]),
            models.Index(fields=["code", "id"]),
            models.Index(fields=["regency", "id"]),
            models.Index(fields=["province", "id"]),
            models.Index(fields=["number", "id"]),
            models.Index(fields=["year", "id"]),
            models.Index(fields=["title", "id"]),
            models.Index(fields=["set_on", "id"]),
            models.Index(fields=["shipped", "id"]),
        ]

    def __str__(self):
        from spbe.org.choices import kind_label

        region = self.regency
        for prefix in ("Kabupaten ", "Kota ", "Provinsi "):
            region = region.removeprefix(prefix)
        return f"{kind_label(self.government_kind, 'regulation_short')} {region} No. {self.number} Tahun {self.year}"

    @property
    def full_name(self) -> str:
        """ "Peraturan Wali Kota Palu Nomor 3 Tahun 2023"."""
        region = self.regency
        for prefix in ("Kabupaten ", "Kota ", "Provinsi "):
            region = region.removeprefix(prefix)
        return f"{self.kind_name} {region} Nomor {self.number} Tahun {self.year}"

    @property
    def kind_name(self) -> str:
        """ "Peraturan Bupati" / "Peraturan Wali Kota" / "Peraturan Gubernur"."""
        from spbe.org.choices import kind_label

        return kind_label(self.government_kind, "regulation")

    @property
    def leader_title(self) -> str:
        from spbe.org.choices import kind_label

        return kind_label(self.government_kind, "leader")

    def get_absolute_url(self):
        return reverse("compliance:regulation_detail", kwargs={"pk": self.pk})

    def group_name(self, group_id: str) -> str:
        return next((g["name"] for g in self.groups if g["id"] == group_id), group_id)


class Obligation(BaseModel):
    """One checkable or attestable duty of a regulation, at its exact citation."""

    regulation = models.ForeignKey(
        Regulation, verbose_name=_("regulasi"), on_delete=models.PROTECT, related_name="obligations"
    )
    code = models.CharField(_("kode"), max_length=90)
    citation = models.CharField(_("pasal"), max_length=60)
    article = models.PositiveSmallIntegerField(_("nomor pasal"), db_index=True)
    # The article as cited: "5", an inserted "5A", a range "12-14", or "Lampiran" (the annex; article 0).
    article_label = models.CharField(_("pasal (seperti dikutip)"), max_length=20, blank=True, db_index=True)
    paragraph = models.CharField(_("ayat"), max_length=10, blank=True)
    group = models.CharField(_("kelompok"), max_length=40, db_index=True)
    statement = models.TextField(_("kewajiban"))
    # One of Subject, or (schema version 3) "agency_kind:<AgencyKind>" / "agency_role:<AgencyDesignation>".
    subject = models.CharField(_("subjek"), max_length=64)
    period = models.CharField(_("periode"), max_length=16, choices=Period.choices)
    # `every` (schema version 3): the interval in months, of any length ("18 months", "2 years").
    interval_months = models.PositiveIntegerField(_("jangka waktu (bulan)"), null=True, blank=True)
    severity = models.CharField(_("tingkat"), max_length=8, choices=Severity.choices)
    check_type = models.CharField(_("jenis pemeriksaan"), max_length=60)
    params = models.JSONField(_("parameter pemeriksaan"), default=dict, blank=True)
    position = models.PositiveIntegerField(_("urutan"), default=0)
    retired = models.BooleanField(_("tidak berlaku lagi"), default=False, help_text=_("dihapus dari profil"))
    # The last retirement or return: when, and in which version of the profile (Regulation.version).
    retired_at = models.DateTimeField(_("tidak berlaku sejak"), null=True, blank=True)
    retired_in_version = models.PositiveIntegerField(_("dihapus pada versi profil"), null=True, blank=True)
    restored_at = models.DateTimeField(_("berlaku lagi sejak"), null=True, blank=True)
    restored_in_version = models.PositiveIntegerField(
        _("berlaku lagi pada versi profil"), null=True, blank=True
    )

    owner_field = None
    search_fields = ("citation", "statement", "code")

    class Meta:
        verbose_name = _("kewajiban")
        verbose_name_plural = pgettext_lazy("plural", "kewajiban")
        ordering = ["regulation", "position"]
        indexes = [
            models.Index(fields=["regulation", "position", "id"]),
            models.Index(fields=["citation", "id"]),
            models.Index(fields=["subject", "id"]),
            models.Index(fields=["period", "id"]),
            models.Index(fields=["severity", "id"]),
            models.Index(fields=["check_type", "id"]),
            models.Index(fields=["group", "id"]),
            models.Index(fields=["retired", "id"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["regulation", "code"], name="compliance_obligation_code")
        ]

    def __str__(self):
        return f"{self.citation}: {self.statement[:80]}"

    def get_absolute_url(self):
        return reverse("compliance:obligation_detail", kwargs={"pk": self.pk})

    @property
    def is_government_level(self) -> bool:
        return self.subject in GOVERNMENT_SUBJECTS

    @property
    def subject_label(self) -> str:
        return subject_label(self.subject, self.regulation.government_kind)

    def get_subject_display(self) -> str:
        return self.subject_label

    @property
    def period_label(self) -> str:
        if self.interval_months:
            if self.interval_months % 12 == 0:
                return _("Setiap %(n)d tahun") % {"n": self.interval_months // 12}
            return _("Setiap %(n)d bulan") % {"n": self.interval_months}
        return str(Period(self.period).label) if self.period in Period.values else self.period

    def get_period_display(self) -> str:
        return self.period_label

    @property
    def judged_by(self):
        """How this obligation is judged today (vocabulary.classify): automatic, planned, ..."""
        from .vocabulary import CATEGORY_LABELS, classify

        result = classify(self.check_type, self.params)
        return {
            "category": result.category,
            "label": CATEGORY_LABELS[result.category],
            "module": result.provider,
        }


class ComplianceRun(models.Model):
    """One evaluation of every obligation for every subject."""

    government = models.ForeignKey(
        "org.Government", verbose_name=_("pemerintah daerah"), on_delete=models.CASCADE, related_name="+"
    )
    regulation = models.ForeignKey(
        Regulation, verbose_name=_("regulasi"), on_delete=models.PROTECT, related_name="+"
    )
    trigger = models.CharField(_("pemicu"), max_length=20, default="manual")
    started = models.DateTimeField(_("mulai"), default=timezone.now)
    finished = models.DateTimeField(_("selesai"), null=True, blank=True, db_index=True)
    evaluations = models.PositiveIntegerField(_("jumlah evaluasi"), default=0)
    changes = models.PositiveIntegerField(_("status berubah"), default=0)
    duration_ms = models.PositiveIntegerField(_("durasi (ms)"), default=0)

    class Meta:
        verbose_name = _("putaran evaluasi")
        verbose_name_plural = pgettext_lazy("plural", "putaran evaluasi")
        ordering = ["-started"]

    def __str__(self):
        return f"{self.regulation} @ {self.started:%Y-%m-%d %H:%M}"


class ComplianceStatus(models.Model):
    """The current result of one obligation for one subject (an agency, or the government).

    Derived data, kept up to date by runs and by incremental re-evaluation; its history is in
    StatusChange and RunSummary rather than the audit trail.
    """

    government = models.ForeignKey(
        "org.Government", verbose_name=_("pemerintah daerah"), on_delete=models.CASCADE, related_name="+"
    )
    obligation = models.ForeignKey(
        Obligation, verbose_name=_("kewajiban"), on_delete=models.CASCADE, related_name="statuses"
    )
    # Not an AgencyOwnedModel: derived rows without BaseModel's bookkeeping, gone with their agency.
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("perangkat daerah"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    subject_key = models.CharField(max_length=24)  # "agency:<id>" or "government": unique with NULL agencies
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, db_index=True)
    reason = models.TextField(_("alasan"))
    evidence = models.JSONField(_("bukti"), default=list, blank=True)
    next_step = models.TextField(_("langkah berikutnya"), blank=True)
    # The same texts as message codes with parameters (core.checks.Message), rendered in the reader's
    # language; `reason` / `next_step` keep the Indonesian text (official letter, history).
    reason_message = models.JSONField(default=dict, blank=True)
    next_step_message = models.JSONField(default=dict, blank=True)
    evaluated_at = models.DateTimeField(_("dievaluasi"))
    since = models.DateTimeField(_("status sejak"))
    stale = models.BooleanField(_("perlu evaluasi ulang"), default=False)

    objects = RestrictedQuerySet.as_manager()  # read through the policy like every record
    owner_field = "agency"
    search_fields = ("obligation__citation", "reason")

    class Meta:
        verbose_name = _("status kepatuhan")
        verbose_name_plural = pgettext_lazy("plural", "status kepatuhan")
        constraints = [
            models.UniqueConstraint(
                fields=["obligation", "government", "subject_key"], name="compliance_status_subject"
            )
        ]
        indexes = [
            models.Index(fields=["government", "agency"]),
            models.Index(fields=["government", "status"]),
            # the records list: default order id, sortable columns, default filters
            models.Index(fields=["status", "id"]),
            models.Index(fields=["evaluated_at", "id"]),
            models.Index(fields=["stale", "id"]),
            models.Index(fields=["agency", "id"]),
        ]

    def __str__(self):
        return f"{self.obligation.code} / {self.subject_key}: {self.status}"

    def get_absolute_url(self):
        return reverse("compliance:record_compliancestatus_detail", kwargs={"pk": self.pk})

    @property
    def reason_text(self) -> str:
        return render_message(self.reason_message) if self.reason_message else self.reason

    @property
    def next_step_text(self) -> str:
        return render_message(self.next_step_message) if self.next_step_message else self.next_step

    @property
    def evidence_items(self) -> list[dict]:
        return evidence_items(self.evidence)


class StatusChange(models.Model):
    status_row = models.ForeignKey(ComplianceStatus, on_delete=models.CASCADE, related_name="changes")
    run = models.ForeignKey(ComplianceRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    previous = models.CharField(max_length=16, choices=Status.choices, blank=True)
    current = models.CharField(max_length=16, choices=Status.choices)
    reason = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"{self.previous or '-'} -> {self.current}"


class RunSummary(models.Model):
    """Counts per subject and group at the end of a run: the trend and past matrices."""

    run = models.ForeignKey(ComplianceRun, on_delete=models.CASCADE, related_name="summaries")
    agency = models.ForeignKey(
        "org.Agency", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    group = models.CharField(max_length=40)
    met = models.PositiveIntegerField(default=0)
    partly_met = models.PositiveIntegerField(default=0)
    unmet = models.PositiveIntegerField(default=0)
    awaiting = models.PositiveIntegerField(default=0)
    not_applicable = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"run {self.run_id} / {self.agency_id or 'pemda'} / {self.group}"


class AttestationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Menunggu tinjauan")
    ACCEPTED = "accepted", _("Diterima")
    REJECTED = "rejected", _("Ditolak")
    RETURNED = "returned", _("Dikembalikan untuk diperbaiki")


class Attestation(AgencyOwnedModel):
    """A responsible person's confirmation that an obligation is met, with evidence and a validity
    period; the ICT office accepts or rejects it through the approval mechanism."""

    government = models.ForeignKey(
        "org.Government", verbose_name=_("pemerintah daerah"), on_delete=models.PROTECT, related_name="+"
    )
    obligation = models.ForeignKey(
        Obligation, verbose_name=_("kewajiban"), on_delete=models.PROTECT, related_name="attestations"
    )
    agency_optional = True
    agency_help_text = _("Kosong untuk kewajiban tingkat pemerintah daerah.")
    statement = models.TextField(_("pernyataan"), help_text=_("Bagaimana kewajiban ini dipenuhi."))
    evidence_links = models.TextField(
        _("tautan bukti"),
        blank=True,
        help_text=_("Satu tautan per baris (dokumen, halaman data di platform)."),
    )
    valid_from = models.DateField(_("berlaku sejak"), default=timezone.localdate)
    valid_until = models.DateField(_("berlaku sampai"))
    status = models.CharField(
        _("status"), max_length=10, choices=AttestationStatus.choices, default=AttestationStatus.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dinyatakan oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    search_fields = ("statement", "obligation__citation")

    class Meta:
        verbose_name = _("pernyataan pemenuhan")
        verbose_name_plural = pgettext_lazy("plural", "pernyataan pemenuhan")
        ordering = ["-created"]
        indexes = [
            models.Index(fields=["government", "obligation", "agency"]),
            # the records list: default order -created, sortable columns, default filters
            models.Index(fields=["created", "id"]),
            models.Index(fields=["status", "id"]),
            models.Index(fields=["valid_from", "id"]),
            models.Index(fields=["valid_until", "id"]),
            models.Index(fields=["agency", "created", "id"]),
            models.Index(fields=["status", "created", "id"]),
        ]

    def __str__(self):
        who = self.agency.short_name if self.agency_id else _("Pemda")
        return f"{self.obligation.citation} ({who})"

    def get_absolute_url(self):
        return reverse("compliance:attestation_detail", kwargs={"pk": self.pk})

    def is_expired(self, today=None) -> bool:
        return self.valid_until < (today or timezone.localdate())

    @property
    def links(self) -> list[str]:
        return [line.strip() for line in self.evidence_links.splitlines() if line.strip()]


class ActivityKind(BaseModel):
    """A kind of recurring duty a person records (a coordination meeting, a leader's guidance, an
    ICT review): declared as data (data/activity_kinds.yaml, or a profile's `activity_kinds`), so a
    profile can check it with `record_every` / `deadline` without code."""

    code = models.CharField(_("kode"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=150)
    description = models.TextField(_("keterangan"), blank=True)
    recorded_by = models.CharField(
        _("dicatat oleh"),
        max_length=24,
        choices=Subject.choices,
        default=Subject.EACH_AGENCY,
        help_text=_("Subjek yang mencatat kegiatan ini."),
    )
    approval_required = models.BooleanField(
        _("perlu persetujuan"),
        default=False,
        help_text=_("Kegiatan baru dihitung sebagai bukti setelah disetujui Dinas Kominfo."),
    )

    owner_field = None
    search_fields = ("code", "name")

    class Meta:
        verbose_name = _("jenis kegiatan")
        verbose_name_plural = _("jenis kegiatan")
        ordering = ["name"]
        indexes = [models.Index(fields=["name", "id"])]  # activities sorted by their kind

    def __str__(self):
        return self.name


class ActivityStatus(models.TextChoices):
    RECORDED = "recorded", _("Tercatat")
    SUBMITTED = "submitted", _("Menunggu persetujuan")
    APPROVED = "approved", _("Disetujui")
    REJECTED = "rejected", _("Ditolak")
    RETURNED = "returned", _("Dikembalikan untuk diperbaiki")


class RecordedActivity(AgencyOwnedModel):
    """One occurrence of a duty (a meeting held, guidance given, a review done): the evidence a
    `record_every` obligation over an activity kind looks for. Attachments (minutes, photos,
    attendance lists) hang on it like on any record."""

    government = models.ForeignKey(
        "org.Government", verbose_name=_("pemerintah daerah"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.ForeignKey(
        ActivityKind, verbose_name=_("jenis kegiatan"), on_delete=models.PROTECT, related_name="activities"
    )
    date = models.DateField(_("tanggal"), db_index=True)
    agency_optional = True
    agency_help_text = _("Kosong untuk kegiatan tingkat pemerintah daerah (tim koordinasi, pimpinan).")
    agency_related_name = "+"
    team = models.ForeignKey(
        "org.CoordinationTeam",
        verbose_name=_("tim koordinasi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("judul"), max_length=200)
    participants = models.TextField(_("peserta"), blank=True, help_text=_("Satu nama atau unit per baris."))
    minutes = models.TextField(_("notulen / ringkasan"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ActivityStatus.choices,
        default=ActivityStatus.RECORDED,
        db_index=True,
    )

    search_fields = ("title", "minutes", "kind__name")

    class Meta:
        verbose_name = _("kegiatan tercatat")
        verbose_name_plural = _("kegiatan tercatat")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["government", "kind", "date"]),
            models.Index(fields=["date", "id"]),
            models.Index(fields=["title", "id"]),
            models.Index(fields=["status", "id"]),
            models.Index(fields=["kind", "date", "id"]),
            models.Index(fields=["agency", "date", "id"]),
            models.Index(fields=["status", "date", "id"]),
        ]

    def __str__(self):
        return f"{self.kind.name}: {self.title} ({self.date:%d-%m-%Y})"

    def get_absolute_url(self):
        return reverse("compliance:recordedactivity_detail", kwargs={"pk": self.pk})

    @property
    def counts_as_evidence(self) -> bool:
        return self.status in (ActivityStatus.RECORDED, ActivityStatus.APPROVED)

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.agency_id and self.government_id and self.agency.government_id != self.government_id:
            errors["agency"] = _("Perangkat daerah bukan milik pemerintah daerah ini.")
        if self.team_id and self.government_id and self.team.government_id != self.government_id:
            errors["team"] = _("Tim koordinasi bukan milik pemerintah daerah ini.")
        if self.date and self.date > timezone.localdate():
            errors["date"] = _("Tanggal kegiatan tidak boleh di masa depan.")
        if self.kind_id and self.kind.recorded_by == Subject.EACH_AGENCY and not self.agency_id:
            errors["agency"] = _(
                "Kegiatan jenis ini dicatat oleh perangkat daerah: pilih perangkat daerahnya."
            )
        if errors:
            raise ValidationError(errors)
