"""SPBE management (Parigi Moutong Pasal 34-42): the service desk with its SLA clock and the
service levels of the service catalog, the risk register (PermenPANRB 5/2020), ICT staff and
their competencies and development, change requests and the knowledge base."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from spbe.core.models import AgencyOwnedModel, BaseModel

from . import guideline
from .choices import (
    NEGATIVE_OPTIONS,
    POSITIVE_OPTIONS,
    ApprovalState,
    ArticleAudience,
    ArticleStatus,
    CalendarDayKind,
    CertificationScope,
    ChangeKind,
    ChangeStage,
    CompetencyLevel,
    CriterionKind,
    DevelopmentKind,
    Impact,
    ImpactArea,
    InboundMailOutcome,
    KnowledgeTransferMethod,
    Likelihood,
    ProblemStatus,
    RegisterStatus,
    RiskCategory,
    RiskLevel,
    RiskType,
    TicketChannel,
    TicketEventKind,
    TicketKind,
    TicketPriority,
    TicketStatus,
    TicketTier,
    TreatmentOption,
    TreatmentStatus,
)
from .querysets import (
    InboundMailQuerySet,
    KnowledgeArticleQuerySet,
    OfArticleQuerySet,
    OfTicketQuerySet,
    ProblemQuerySet,
    TicketQuerySet,
)

USER = settings.AUTH_USER_MODEL

# Tickets and problems fail closed (docs/permissions.md): besides the roles scoped to the owning
# agency (and a ticket's requester, querysets.TicketQuerySet), only these government-wide roles
# read them: the platform admin, the ICT office's admin and tier 2 (Pasal 42 ayat (11): they
# supervise both tiers), the auditor. Leader and coordination team work from counts.
DESK_VIEW_ROLES = ("platform_admin", "ict_admin", "service_desk_tier2", "auditor")

# --- the service desk -------------------------------------------------------------------------


class CalendarDay(BaseModel):
    """A day the service desk is closed: national holiday, collective leave (cuti bersama) or a
    regional day. National holidays and collective leave are loaded per year from data."""

    date = models.DateField(_("tanggal"), unique=True)
    kind = models.CharField(_("jenis"), max_length=12, choices=CalendarDayKind.choices)
    name = models.CharField(_("nama"), max_length=200)
    source = models.CharField(_("sumber"), max_length=300, blank=True)

    owner_field = None
    search_fields = ("name",)

    class Meta:
        verbose_name = _("hari libur")
        verbose_name_plural = pgettext_lazy("plural", "hari libur")
        ordering = ["-date", "id"]
        indexes = [
            # the list's default filters under its default order (test_ordering_indexes)
            models.Index(fields=["kind", "-date", "-id"]),
            models.Index(fields=["-date", "id"]),
            models.Index(fields=["date", "id"]),
            models.Index(fields=["kind", "id"]),
            models.Index(fields=["name", "id"]),
            models.Index(fields=["kind", "-date", "id"]),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}"


class ServiceLevel(BaseModel):
    """The response and resolution targets of one service (or of every service: no service) at
    one priority, in business minutes (iTop's SLT: priority x metric -> target)."""

    service = models.ForeignKey(
        "planning.Service",
        verbose_name=_("layanan SPBE"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Kosongkan untuk tingkat layanan bawaan semua layanan."),
    )
    priority = models.CharField(_("prioritas"), max_length=2, choices=TicketPriority.choices)
    response_minutes = models.PositiveIntegerField(
        _("target tanggapan (menit kerja)"), validators=[MinValueValidator(1), MaxValueValidator(100000)]
    )
    resolution_minutes = models.PositiveIntegerField(
        _("target penyelesaian (menit kerja)"), validators=[MinValueValidator(1), MaxValueValidator(200000)]
    )
    note = models.CharField(_("keterangan"), max_length=300, blank=True)

    owner_field = "service__agency"

    class Meta:
        verbose_name = _("tingkat layanan")
        verbose_name_plural = pgettext_lazy("plural", "tingkat layanan")
        ordering = ["priority", "id"]
        constraints = [
            models.UniqueConstraint(fields=["service", "priority"], name="management_level_per_service"),
            models.UniqueConstraint(
                fields=["priority"], condition=models.Q(service__isnull=True), name="management_default_level"
            ),
        ]
        indexes = [
            models.Index(fields=["priority", "id"]),
            models.Index(fields=["response_minutes", "id"]),
            models.Index(fields=["resolution_minutes", "id"]),
        ]

    def __str__(self):
        service = self.service.name if self.service_id else _("semua layanan")
        return f"{service} · {self.get_priority_display()}"

    def clean(self):
        if (
            self.response_minutes
            and self.resolution_minutes
            and self.response_minutes > self.resolution_minutes
        ):
            raise ValidationError(
                {"response_minutes": _("Target tanggapan tidak boleh lebih lama dari target penyelesaian.")}
            )


class Ticket(AgencyOwnedModel):
    """An incident or a service request of a user of SPBE services (Parigi Moutong Pasal 42
    ayat (3)); handled by the agency's tier 1, escalated with a reason to tier 2 in the ICT office
    (ayat (8)-(10)). Its status and SLA columns change only through the workflow services."""

    agency_label = _("perangkat daerah pelapor")
    number = models.CharField(_("nomor"), max_length=20, unique=True, editable=False)
    kind = models.CharField(_("jenis"), max_length=10, choices=TicketKind.choices)
    title = models.CharField(_("judul"), max_length=200)
    description = models.TextField(_("uraian"))
    service = models.ForeignKey(
        "planning.Service",
        verbose_name=_("layanan SPBE"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    priority = models.CharField(_("prioritas"), max_length=2, choices=TicketPriority.choices, editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=TicketStatus.choices, default=TicketStatus.NEW, editable=False
    )
    tier = models.PositiveSmallIntegerField(
        _("tingkat"), choices=TicketTier.choices, default=TicketTier.TIER1, editable=False
    )
    channel = models.CharField(_("saluran"), max_length=6, choices=TicketChannel.choices, editable=False)
    requester = models.ForeignKey(
        USER, verbose_name=_("pelapor"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    opened_at = models.DateTimeField(_("dibuka"), editable=False)
    escalated_at = models.DateTimeField(_("dieskalasi"), null=True, editable=False)
    escalation_reason = models.TextField(_("alasan eskalasi"), blank=True, editable=False)
    resolved_at = models.DateTimeField(_("diselesaikan"), null=True, editable=False)
    resolution = models.TextField(_("penyelesaian"), blank=True, editable=False)
    closed_at = models.DateTimeField(_("ditutup"), null=True, editable=False)
    rating = models.PositiveSmallIntegerField(
        _("kepuasan (1-5)"),
        null=True,
        editable=False,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    rating_comment = models.TextField(_("komentar kepuasan"), blank=True, editable=False)
    # The SLA clock as last computed from the events (services.ticket_recompute).
    responded_at = models.DateTimeField(_("ditanggapi"), null=True, editable=False)
    response_due = models.DateTimeField(_("batas tanggapan"), null=True, editable=False)
    resolution_due = models.DateTimeField(_("batas penyelesaian"), null=True, editable=False)
    response_breached = models.BooleanField(_("tanggapan terlambat"), default=False, editable=False)
    resolution_breached = models.BooleanField(_("penyelesaian terlambat"), default=False, editable=False)
    paused_minutes = models.PositiveIntegerField(
        _("menunggu pelapor (menit kerja)"), default=0, editable=False
    )
    problem = models.ForeignKey(
        "Problem",
        verbose_name=_("masalah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incidents",
        editable=False,
    )

    restricted_view_roles = DESK_VIEW_ROLES
    objects = TicketQuerySet.as_manager()
    search_fields = ("number", "title")

    class Meta:
        verbose_name = _("tiket")
        verbose_name_plural = pgettext_lazy("plural", "tiket")
        ordering = ["-opened_at", "-id"]
        indexes = [
            models.Index(fields=["-opened_at", "-id"]),
            models.Index(fields=["opened_at", "id"]),
            models.Index(fields=["number", "id"]),
            models.Index(fields=["title", "id"]),
            models.Index(fields=["kind", "id"]),
            models.Index(fields=["priority", "id"]),
            models.Index(fields=["status", "id"]),
            models.Index(fields=["tier", "id"]),
            models.Index(fields=["resolution_due", "id"]),
            models.Index(fields=["rating", "id"]),
            models.Index(fields=["status", "-opened_at", "-id"]),
            models.Index(fields=["priority", "-opened_at", "-id"]),
            models.Index(fields=["agency", "-opened_at", "-id"]),
            models.Index(fields=["tier", "-opened_at", "-id"]),
            models.Index(fields=["kind", "-opened_at", "-id"]),
            models.Index(fields=["requester", "-opened_at", "-id"]),
            models.Index(fields=["status", "resolution_due", "id"]),
            # a problem's incidents, newest first; the repeated-incidents hint (selectors)
            models.Index(fields=["problem", "-opened_at", "-id"]),
            models.Index(fields=["kind", "opened_at"], name="management_ticket_recent_kind"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"


class Problem(AgencyOwnedModel):
    """The unknown cause of one or more incidents (issue 14 section 4, Parigi Moutong Pasal 42
    ayat (3): "masalah"): analysed, recorded as a known error once its cause and workaround are
    known, resolved when the cause is removed. Incidents link to it from their own page."""

    agency_label = _("perangkat daerah penanggung jawab")
    title = models.CharField(_("judul"), max_length=200)
    service = models.ForeignKey(
        "planning.Service",
        verbose_name=_("layanan SPBE"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.TextField(_("gejala"), help_text=_("Gejala yang terlihat pada insiden-insidennya."))
    status = models.CharField(
        _("status"), max_length=12, choices=ProblemStatus.choices, default=ProblemStatus.NEW
    )
    cause = models.TextField(_("analisis penyebab"), blank=True)
    workaround = models.TextField(
        _("solusi sementara"),
        blank=True,
        help_text=_("Cara memulihkan layanan selama penyebabnya belum dihilangkan."),
    )
    resolution = models.TextField(_("penyelesaian"), blank=True)
    resolved_on = models.DateField(_("tanggal diselesaikan"), null=True, blank=True)

    editor_roles = ("service_desk_tier1", "service_desk_tier2")
    restricted_view_roles = DESK_VIEW_ROLES
    objects = ProblemQuerySet.as_manager()
    search_fields = ("title",)

    class Meta:
        verbose_name = _("masalah")
        verbose_name_plural = pgettext_lazy("plural", "masalah")
        ordering = ["-created", "-id"]
        indexes = [
            models.Index(fields=["-created", "-id"]),
            models.Index(fields=["created", "id"]),
            models.Index(fields=["title", "id"]),
            models.Index(fields=["status", "id"]),
            models.Index(fields=["resolved_on", "id"]),
            models.Index(fields=["status", "-created", "-id"]),
            models.Index(fields=["agency", "-created", "-id"]),
            models.Index(fields=["service", "-created", "-id"]),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.status == ProblemStatus.KNOWN_ERROR:
            if not self.cause.strip():
                errors["cause"] = _("Kesalahan diketahui wajib menyebut penyebabnya.")
            if not self.workaround.strip():
                errors["workaround"] = _("Kesalahan diketahui wajib menyebut solusi sementaranya.")
        if self.status in (ProblemStatus.RESOLVED, ProblemStatus.CLOSED):
            if not self.resolution.strip():
                errors["resolution"] = _(
                    "Masalah yang diselesaikan atau ditutup wajib menyebut penyelesaiannya."
                )
            if self.status == ProblemStatus.RESOLVED and not self.resolved_on:
                errors["resolved_on"] = _("Isi tanggal masalah ini diselesaikan.")
        elif self.resolved_on:
            errors["resolved_on"] = _("Tanggal diselesaikan hanya untuk masalah yang sudah diselesaikan.")
        if errors:
            raise ValidationError(errors)


class InboundMail(AgencyOwnedModel):
    """One message the mail gateway received (`spbe tickets receive-mail`): what became of it (a
    new ticket, a reply on a ticket) or why it was refused. The Message-ID keeps a message the
    mail server delivers twice from becoming two tickets (GLPI's "refused e-mails" list)."""

    agency_label = _("perangkat daerah pengirim")
    agency_optional = True
    # Senders' addresses and subjects: the ICT office's desk sees all, an agency only its own.
    restricted_view_roles = ("platform_admin", "ict_admin", "service_desk_tier2")
    message_id = models.CharField(_("Message-ID"), max_length=300, blank=True, editable=False)
    received_at = models.DateTimeField(_("diterima"), editable=False)
    sender = models.CharField(_("pengirim"), max_length=300, editable=False)
    subject = models.CharField(_("subjek"), max_length=300, blank=True, editable=False)
    outcome = models.CharField(_("hasil"), max_length=8, choices=InboundMailOutcome.choices, editable=False)
    reason = models.TextField(_("alasan penolakan"), blank=True, editable=False)
    ticket = models.ForeignKey(
        Ticket, verbose_name=_("tiket"), null=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    attachments = models.TextField(_("lampiran"), blank=True, editable=False)

    objects = InboundMailQuerySet.as_manager()
    search_fields = ("sender", "subject")

    class Meta:
        verbose_name = _("surel masuk")
        verbose_name_plural = pgettext_lazy("plural", "surel masuk")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["message_id"], condition=~models.Q(message_id=""), name="management_mail_once"
            )
        ]
        indexes = [
            models.Index(fields=["-received_at", "-id"]),
            models.Index(fields=["received_at", "id"]),
            models.Index(fields=["sender", "id"]),
            models.Index(fields=["outcome", "id"]),
            models.Index(fields=["outcome", "-received_at", "-id"]),
            models.Index(fields=["agency", "-received_at", "-id"]),
        ]

    def __str__(self):
        return f"{self.sender}: {self.subject}"


class TicketEvent(BaseModel):
    """One step in a ticket's history; the SLA clock is computed from these."""

    ticket = models.ForeignKey(
        Ticket, verbose_name=_("tiket"), on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField(_("waktu"))
    kind = models.CharField(_("peristiwa"), max_length=10, choices=TicketEventKind.choices)
    priority = models.CharField(_("prioritas"), max_length=2, choices=TicketPriority.choices, blank=True)
    actor = models.ForeignKey(
        USER, verbose_name=_("oleh"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("catatan"), blank=True)

    owner_field = "ticket__agency"
    restricted_view_roles = DESK_VIEW_ROLES
    objects = OfTicketQuerySet.as_manager()

    class Meta:
        verbose_name = _("riwayat tiket")
        verbose_name_plural = pgettext_lazy("plural", "riwayat tiket")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["ticket", "at", "id"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"


# --- risk (PermenPANRB 5/2020) ----------------------------------------------------------------


class RiskContext(AgencyOwnedModel):
    """The context of one risk-owning unit (Unit Pemilik Risiko) for one year: its SPBE goals,
    stakeholders and rules. Its register is approved by the agency head (core approvals)."""

    unit = models.CharField(_("unit pemilik risiko"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("tahun"), validators=[MinValueValidator(2018), MaxValueValidator(2100)]
    )
    risk_owner = models.CharField(
        _("pemilik risiko"), max_length=200, help_text=_("Kepala unit pemilik risiko.")
    )
    goals = models.TextField(_("sasaran SPBE dan indikatornya"))
    stakeholders = models.TextField(_("pemangku kepentingan"), blank=True)
    regulations = models.TextField(_("peraturan perundang-undangan terkait"), blank=True)
    status = models.CharField(
        _("status persetujuan"),
        max_length=10,
        choices=RegisterStatus.choices,
        default=RegisterStatus.DRAFT,
        editable=False,
    )

    search_fields = ("unit",)

    class Meta:
        verbose_name = _("konteks risiko")
        verbose_name_plural = pgettext_lazy("plural", "konteks risiko")
        ordering = ["-year", "unit", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "unit", "year"], name="management_context_unit_year")
        ]
        indexes = [
            # the list's default filters under its default order (test_ordering_indexes)
            models.Index(fields=["agency", "-year", "unit", "id"]),
            models.Index(fields=["status", "-year", "unit", "id"]),
            models.Index(fields=["-year", "unit", "id"]),
            models.Index(fields=["unit", "id"]),
            models.Index(fields=["year", "id"]),
            models.Index(fields=["status", "id"]),
            models.Index(fields=["risk_owner", "id"]),
        ]

    def __str__(self):
        return f"{self.unit} {self.year}"


class RiskCriterion(BaseModel):
    """The agency's criterion for one likelihood or impact level (per impact area)."""

    context = models.ForeignKey(
        RiskContext, verbose_name=_("konteks risiko"), on_delete=models.CASCADE, related_name="criteria"
    )
    kind = models.CharField(_("jenis kriteria"), max_length=10, choices=CriterionKind.choices)
    area = models.CharField(_("area dampak"), max_length=12, choices=ImpactArea.choices, blank=True)
    level = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    description = models.TextField(_("kriteria"))

    owner_field = "context__agency"

    class Meta:
        verbose_name = _("kriteria risiko")
        verbose_name_plural = pgettext_lazy("plural", "kriteria risiko")
        ordering = ["kind", "area", "level", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["context", "kind", "area", "level"], name="management_criterion_once"
            )
        ]
        indexes = [
            # the list's default filters under its default order (test_ordering_indexes)
            models.Index(fields=["kind", "id"]),
            models.Index(fields=["context", "kind", "area", "level", "id"]),
            models.Index(fields=["kind", "area", "level", "id"]),
            models.Index(fields=["level", "id"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.level}"

    def clean(self):
        if self.kind == CriterionKind.IMPACT and not self.area:
            raise ValidationError({"area": _("Kriteria dampak wajib menyebut area dampaknya.")})
        if self.kind == CriterionKind.LIKELIHOOD and self.area:
            raise ValidationError({"area": _("Kriteria kemungkinan tidak berarea dampak; kosongkan.")})


class RiskAppetite(BaseModel):
    """Selera risiko per category and risk type: risks at or above this magnitude are treated."""

    context = models.ForeignKey(
        RiskContext, verbose_name=_("konteks risiko"), on_delete=models.CASCADE, related_name="appetites"
    )
    category = models.CharField(_("kategori risiko"), max_length=2, choices=RiskCategory.choices)
    risk_type = models.CharField(_("jenis risiko"), max_length=8, choices=RiskType.choices)
    minimum = models.PositiveSmallIntegerField(
        _("besaran risiko minimal yang ditangani"), validators=[MinValueValidator(1), MaxValueValidator(25)]
    )
    rationale = models.CharField(_("alasan"), max_length=300, blank=True)

    owner_field = "context__agency"

    class Meta:
        verbose_name = _("selera risiko")
        verbose_name_plural = pgettext_lazy("plural", "selera risiko")
        ordering = ["category", "risk_type", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["context", "category", "risk_type"], name="management_appetite_once"
            )
        ]
        indexes = [
            # the list's default filters under its default order (test_ordering_indexes)
            models.Index(fields=["category", "id"]),
            models.Index(fields=["context", "category", "risk_type", "id"]),
            models.Index(fields=["category", "risk_type", "id"]),
            models.Index(fields=["risk_type", "id"]),
            models.Index(fields=["minimum", "id"]),
        ]

    def __str__(self):
        return f"{self.get_category_display()} · {self.get_risk_type_display()} ≥ {self.minimum}"


class Risk(BaseModel):
    """One identified and analysed risk of a unit's register (penilaian risiko)."""

    context = models.ForeignKey(
        RiskContext, verbose_name=_("konteks risiko"), on_delete=models.PROTECT, related_name="risks"
    )
    code = models.CharField(_("kode risiko"), max_length=20)
    risk_type = models.CharField(
        _("jenis risiko"), max_length=8, choices=RiskType.choices, default=RiskType.NEGATIVE
    )
    category = models.CharField(_("kategori risiko"), max_length=2, choices=RiskCategory.choices)
    event = models.TextField(_("kejadian"))
    cause = models.TextField(_("penyebab"))
    consequence = models.TextField(_("dampak"))
    impact_area = models.CharField(_("area dampak"), max_length=12, choices=ImpactArea.choices)
    controls = models.TextField(_("sistem pengendalian yang ada"), blank=True)
    likelihood = models.PositiveSmallIntegerField(_("level kemungkinan"), choices=Likelihood.choices)
    impact = models.PositiveSmallIntegerField(_("level dampak"), choices=Impact.choices)
    magnitude = models.PositiveSmallIntegerField(_("besaran risiko"), editable=False, default=1)
    level = models.CharField(
        _("level risiko"),
        max_length=10,
        choices=RiskLevel.choices,
        editable=False,
        default=RiskLevel.VERY_LOW,
    )
    to_treat = models.BooleanField(_("perlu ditangani"), editable=False, default=False)
    option = models.CharField(
        _("opsi penanganan"), max_length=10, choices=TreatmentOption.choices, blank=True
    )
    residual_likelihood = models.PositiveSmallIntegerField(
        _("kemungkinan risiko residual"), choices=Likelihood.choices, null=True, blank=True
    )
    residual_impact = models.PositiveSmallIntegerField(
        _("dampak risiko residual"), choices=Impact.choices, null=True, blank=True
    )
    residual_magnitude = models.PositiveSmallIntegerField(
        _("besaran risiko residual"), null=True, editable=False
    )

    owner_field = "context__agency"
    search_fields = ("code", "event")

    class Meta:
        verbose_name = _("risiko SPBE")
        verbose_name_plural = pgettext_lazy("plural", "risiko SPBE")
        ordering = ["-magnitude", "code", "id"]
        constraints = [models.UniqueConstraint(fields=["context", "code"], name="management_risk_code")]
        indexes = [
            # the list's default filters under its default order (test_ordering_indexes)
            models.Index(fields=["context", "-magnitude", "code", "id"]),
            models.Index(fields=["-magnitude", "code", "id"]),
            models.Index(fields=["code", "id"]),
            models.Index(fields=["magnitude", "id"]),
            models.Index(fields=["category", "id"]),
            models.Index(fields=["risk_type", "id"]),
            models.Index(fields=["level", "id"]),
            models.Index(fields=["to_treat", "id"]),
            models.Index(fields=["impact_area", "id"]),
            models.Index(fields=["option", "id"]),
            models.Index(fields=["likelihood", "id"]),
            models.Index(fields=["impact", "id"]),
            models.Index(fields=["level", "-magnitude", "code", "id"]),
            models.Index(fields=["category", "-magnitude", "code", "id"]),
            models.Index(fields=["to_treat", "-magnitude", "code", "id"]),
            models.Index(fields=["risk_type", "-magnitude", "code", "id"]),
        ]

    def __str__(self):
        return f"{self.code} {self.event[:60]}"

    def clean(self):
        errors = {}
        if self.option:
            allowed = POSITIVE_OPTIONS if self.risk_type == RiskType.POSITIVE else NEGATIVE_OPTIONS
            if self.option not in allowed:
                errors["option"] = _("Opsi penanganan %(option)s tidak berlaku untuk %(type)s.") % {
                    "option": self.get_option_display(),
                    "type": self.get_risk_type_display(),
                }
        if (self.residual_likelihood is None) != (self.residual_impact is None):
            errors["residual_impact"] = _("Isi kemungkinan dan dampak risiko residual bersama-sama.")
        if errors:
            raise ValidationError(errors)
        self.score()

    def score(self) -> None:
        """Magnitude and level from the guideline's matrix; whether the appetite asks to treat it."""
        if self.likelihood not in Likelihood.values or self.impact not in Impact.values:
            return  # clean_fields reports the value; the matrix has no cell for it
        self.magnitude = guideline.magnitude(self.likelihood, self.impact)
        self.level = guideline.level(self.magnitude)
        minimum = guideline.default_appetite()
        if self.context_id:
            found = (
                RiskAppetite._base_manager.filter(
                    context_id=self.context_id, category=self.category, risk_type=self.risk_type
                )
                .values_list("minimum", flat=True)
                .first()
            )
            minimum = found or minimum
        self.to_treat = self.magnitude >= minimum
        self.residual_magnitude = (
            guideline.magnitude(self.residual_likelihood, self.residual_impact)
            if self.residual_likelihood in Likelihood.values and self.residual_impact in Impact.values
            else None
        )


class RiskTreatment(BaseModel):
    """A treatment plan of one risk (rencana penanganan): action, output, who, when."""

    risk = models.ForeignKey(
        Risk, verbose_name=_("risiko"), on_delete=models.CASCADE, related_name="treatments"
    )
    option = models.CharField(_("opsi penanganan"), max_length=10, choices=TreatmentOption.choices)
    action = models.TextField(_("rencana aksi"))
    output = models.CharField(_("keluaran"), max_length=300)
    responsible = models.CharField(_("penanggung jawab"), max_length=200)
    start = models.DateField(_("mulai"))
    end = models.DateField(_("selesai"))
    status = models.CharField(
        _("status"), max_length=12, choices=TreatmentStatus.choices, default=TreatmentStatus.PLANNED
    )

    owner_field = "risk__context__agency"
    search_fields = ("action", "responsible")

    class Meta:
        verbose_name = _("rencana penanganan risiko")
        verbose_name_plural = pgettext_lazy("plural", "rencana penanganan risiko")
        ordering = ["end", "id"]
        indexes = [
            # the list's default filters under its default order (test_ordering_indexes)
            models.Index(fields=["risk", "end", "id"]),
            models.Index(fields=["option", "end", "id"]),
            models.Index(fields=["end", "id"]),
            models.Index(fields=["start", "id"]),
            models.Index(fields=["option", "id"]),
            models.Index(fields=["status", "id"]),
            models.Index(fields=["responsible", "id"]),
            models.Index(fields=["status", "end", "id"]),
        ]

    def __str__(self):
        return f"{self.get_option_display()}: {self.output}"

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})


class RiskMonitoring(BaseModel):
    """A monitoring re-score of one risk (pemantauan): likelihood and impact as seen on a date."""

    risk = models.ForeignKey(
        Risk, verbose_name=_("risiko"), on_delete=models.CASCADE, related_name="monitorings"
    )
    date = models.DateField(_("tanggal pemantauan"))
    likelihood = models.PositiveSmallIntegerField(_("level kemungkinan"), choices=Likelihood.choices)
    impact = models.PositiveSmallIntegerField(_("level dampak"), choices=Impact.choices)
    magnitude = models.PositiveSmallIntegerField(_("besaran risiko"), editable=False, default=1)
    level = models.CharField(
        _("level risiko"),
        max_length=10,
        choices=RiskLevel.choices,
        editable=False,
        default=RiskLevel.VERY_LOW,
    )
    note = models.TextField(_("keadaan terkini"), blank=True)
    recommendation = models.TextField(_("rekomendasi"), blank=True)

    owner_field = "risk__context__agency"

    class Meta:
        verbose_name = _("pemantauan risiko")
        verbose_name_plural = pgettext_lazy("plural", "pemantauan risiko")
        ordering = ["-date", "id"]
        indexes = [
            # the list's default filters under its default order (test_ordering_indexes)
            models.Index(fields=["risk", "-date", "-id"]),
            models.Index(fields=["level", "-date", "-id"]),
            models.Index(fields=["-date", "id"]),
            models.Index(fields=["date", "id"]),
            models.Index(fields=["level", "id"]),
            models.Index(fields=["magnitude", "id"]),
        ]

    def __str__(self):
        return f"{self.risk.code} {self.date:%Y-%m-%d}"

    def clean(self):
        if self.likelihood and self.impact:
            self.magnitude = guideline.magnitude(self.likelihood, self.impact)
            self.level = guideline.level(self.magnitude)


# --- people and competencies (Sigi Pasal 9, Kutai Barat Pasal 11, Pangkep Pasal 19) -----------


class CompetencyStandard(BaseModel):
    """A competency standard ICT staff are measured against (e.g. an SKKNI unit)."""

    code = models.CharField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama kompetensi"), max_length=200)
    area = models.CharField(_("bidang"), max_length=100)
    source = models.CharField(_("acuan"), max_length=200, blank=True, help_text=_("Mis. nomor SKKNI."))
    description = models.TextField(_("uraian"), blank=True)

    owner_field = None
    search_fields = ("code", "name")

    class Meta:
        verbose_name = _("standar kompetensi")
        verbose_name_plural = pgettext_lazy("plural", "standar kompetensi")
        ordering = ["code", "id"]
        indexes = [
            models.Index(fields=["code", "id"]),
            models.Index(fields=["name", "id"]),
            models.Index(fields=["area", "id"]),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"


class IctStaff(AgencyOwnedModel):
    """A member of the agency's ICT staff (SDM TIK)."""

    person = models.ForeignKey(
        "org.Person", verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="+"
    )
    function = models.CharField(_("tugas TIK"), max_length=200)
    since = models.DateField(_("sejak"), null=True, blank=True)

    search_fields = ("function",)

    class Meta:
        verbose_name = _("SDM TIK")
        verbose_name_plural = pgettext_lazy("plural", "SDM TIK")
        ordering = ["function", "id"]
        constraints = [models.UniqueConstraint(fields=["person"], name="management_ict_staff_once")]
        indexes = [
            models.Index(fields=["function", "id"]),
            models.Index(fields=["since", "id"]),
            models.Index(fields=["agency", "function", "id"]),
        ]

    def __str__(self):
        return f"{self.person} · {self.function}"

    def clean(self):
        if self.person_id and self.agency_id and self.person.agency_id != self.agency_id:
            raise ValidationError({"person": _("Pegawai ini bukan pegawai perangkat daerah yang dipilih.")})


class Competency(BaseModel):
    """A competency one person holds, at a level, as assessed on a date."""

    person = models.ForeignKey(
        "org.Person", verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="+"
    )
    standard = models.ForeignKey(
        CompetencyStandard, verbose_name=_("standar kompetensi"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=CompetencyLevel.choices)
    assessed_on = models.DateField(_("tanggal asesmen"))
    assessor = models.CharField(_("asesor"), max_length=200, blank=True)

    owner_field = "person__agency"

    class Meta:
        verbose_name = _("kompetensi")
        verbose_name_plural = pgettext_lazy("plural", "kompetensi")
        ordering = ["-assessed_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "standard"], name="management_competency_once")
        ]
        indexes = [
            # the list's default filters under its default order (test_ordering_indexes)
            models.Index(fields=["person", "-assessed_on", "-id"]),
            models.Index(fields=["standard", "-assessed_on", "-id"]),
            models.Index(fields=["level", "-assessed_on", "-id"]),
            models.Index(fields=["-assessed_on", "id"]),
            models.Index(fields=["assessed_on", "id"]),
            models.Index(fields=["level", "id"]),
        ]

    def __str__(self):
        return f"{self.standard} ({self.level})"


class CompetencyNeed(AgencyOwnedModel):
    """How many staff at what level the agency needs for one standard: the gap is measured against it."""

    standard = models.ForeignKey(
        CompetencyStandard, verbose_name=_("standar kompetensi"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("level minimal"), choices=CompetencyLevel.choices)
    required = models.PositiveSmallIntegerField(
        _("jumlah dibutuhkan"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    note = models.CharField(_("keterangan"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("kebutuhan kompetensi")
        verbose_name_plural = pgettext_lazy("plural", "kebutuhan kompetensi")
        ordering = ["standard", "id"]
        constraints = [models.UniqueConstraint(fields=["agency", "standard"], name="management_need_once")]
        indexes = [
            models.Index(fields=["standard", "id"]),
            models.Index(fields=["level", "id"]),
            models.Index(fields=["required", "id"]),
        ]

    def __str__(self):
        return f"{self.standard} ≥ {self.level} × {self.required}"


class DevelopmentRecord(BaseModel):
    """Education, technical guidance, training, internship, certification or incentive of one
    person (Pangkep Pasal 19 ayat (3)-(5); Bengkulu Tengah Pasal 13)."""

    person = models.ForeignKey(
        "org.Person", verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("jenis"), max_length=14, choices=DevelopmentKind.choices)
    title = models.CharField(_("nama kegiatan"), max_length=200)
    provider = models.CharField(_("penyelenggara"), max_length=200, blank=True)
    by_ict_office = models.BooleanField(
        _("diselenggarakan Dinas Kominfo"),
        default=False,
        help_text=_("Pembinaan oleh Dinas Kominfo (bimtek, diklat, magang) bagi aparatur PD."),
    )
    start = models.DateField(_("mulai"))
    end = models.DateField(_("selesai"), null=True, blank=True)
    scope = models.CharField(
        _("lingkup sertifikasi"), max_length=14, choices=CertificationScope.choices, blank=True
    )
    certificate_number = models.CharField(_("nomor sertifikat"), max_length=100, blank=True)
    expires_on = models.DateField(_("berlaku sampai"), null=True, blank=True)

    owner_field = "person__agency"
    search_fields = ("title", "provider")

    class Meta:
        verbose_name = _("catatan pengembangan SDM")
        verbose_name_plural = pgettext_lazy("plural", "catatan pengembangan SDM")
        ordering = ["-start", "id"]
        indexes = [
            # the list's default filters under its default order (test_ordering_indexes)
            models.Index(fields=["person", "-start", "-id"]),
            models.Index(fields=["kind", "-start", "-id"]),
            models.Index(fields=["-start", "id"]),
            models.Index(fields=["start", "id"]),
            models.Index(fields=["kind", "id"]),
            models.Index(fields=["title", "id"]),
            models.Index(fields=["expires_on", "id"]),
            models.Index(fields=["kind", "-start", "id"]),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.end and self.start and self.end < self.start:
            errors["end"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
        if self.kind == DevelopmentKind.CERTIFICATION and not self.scope:
            errors["scope"] = _("Sertifikasi wajib menyebut lingkupnya: nasional atau internasional.")
        if self.kind != DevelopmentKind.CERTIFICATION and (self.scope or self.expires_on):
            errors["scope"] = _("Lingkup dan masa berlaku hanya untuk sertifikasi.")
        if errors:
            raise ValidationError(errors)


# --- change and knowledge (Parigi Moutong Pasal 40-41) ----------------------------------------


class ChangeRequest(AgencyOwnedModel):
    """A change to SPBE through the stages of Pasal 41 ayat (2); normal and emergency changes need
    the ICT office's approval (an emergency one may be carried out first and approved after)."""

    title = models.CharField(_("judul"), max_length=200)
    kind = models.CharField(_("jenis perubahan"), max_length=10, choices=ChangeKind.choices)
    description = models.TextField(_("uraian dan alasan"))
    stage = models.CharField(
        _("tahap"), max_length=14, choices=ChangeStage.choices, default=ChangeStage.PLANNING, editable=False
    )
    risk_level = models.CharField(_("level risiko"), max_length=10, choices=RiskLevel.choices)
    risk_note = models.TextField(_("analisis risiko"), blank=True)
    planned_start = models.DateField(_("rencana mulai"))
    planned_end = models.DateField(_("rencana selesai"))
    applications = models.ManyToManyField(
        "applications.Application", verbose_name=_("aplikasi terdampak"), blank=True, related_name="+"
    )
    approval = models.CharField(
        _("persetujuan"),
        max_length=10,
        choices=ApprovalState.choices,
        default=ApprovalState.NONE,
        editable=False,
    )
    review = models.TextField(_("kajian pascaimplementasi"), blank=True)

    search_fields = ("title",)

    class Meta:
        verbose_name = _("permintaan perubahan")
        verbose_name_plural = pgettext_lazy("plural", "permintaan perubahan")
        ordering = ["-planned_start", "id"]
        indexes = [
            # the list's default filters under its default order (test_ordering_indexes)
            models.Index(fields=["kind", "-planned_start", "-id"]),
            models.Index(fields=["stage", "-planned_start", "-id"]),
            models.Index(fields=["agency", "-planned_start", "-id"]),
            models.Index(fields=["approval", "-planned_start", "-id"]),
            models.Index(fields=["-planned_start", "id"]),
            models.Index(fields=["planned_start", "id"]),
            models.Index(fields=["title", "id"]),
            models.Index(fields=["kind", "id"]),
            models.Index(fields=["stage", "id"]),
            models.Index(fields=["risk_level", "id"]),
            models.Index(fields=["approval", "id"]),
            models.Index(fields=["planned_end", "id"]),
            models.Index(fields=["stage", "-planned_start", "id"]),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            raise ValidationError({"planned_end": _("Rencana selesai tidak boleh sebelum rencana mulai.")})


class KnowledgeArticle(AgencyOwnedModel):
    """A knowledge-base article (Parigi Moutong Pasal 40): drafted, reviewed, published; each
    publication keeps a version to compare with the others."""

    agency_label = _("perangkat daerah penyusun")
    agency_optional = True
    title = models.CharField(_("judul"), max_length=200)
    body = models.TextField(_("isi"))
    keywords = models.CharField(_("kata kunci"), max_length=300, blank=True)
    audience = models.CharField(
        _("pembaca"), max_length=8, choices=ArticleAudience.choices, default=ArticleAudience.STAFF
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT, editable=False
    )
    revision = models.PositiveIntegerField(_("versi terbit"), default=0, editable=False)
    published_at = models.DateTimeField(_("terbit"), null=True, editable=False)
    # the public page's address (an opaque identifier, never the row id)
    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)

    objects = KnowledgeArticleQuerySet.as_manager()
    search_fields = ("title", "keywords", "body")

    class Meta:
        verbose_name = _("artikel pengetahuan")
        verbose_name_plural = pgettext_lazy("plural", "artikel pengetahuan")
        ordering = ["title", "id"]
        indexes = [
            # the list's default filters under its default order (test_ordering_indexes)
            models.Index(fields=["audience", "title", "id"]),
            models.Index(fields=["agency", "title", "id"]),
            models.Index(fields=["title", "id"]),
            models.Index(fields=["status", "id"]),
            models.Index(fields=["audience", "id"]),
            models.Index(fields=["published_at", "id"]),
            models.Index(fields=["keywords", "id"]),
            models.Index(fields=["status", "title", "id"]),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.audience == ArticleAudience.AGENCY and not self.agency_id:
            raise ValidationError(
                {
                    "audience": _(
                        "Artikel untuk perangkat daerah pemilik wajib menyebut perangkat daerah penyusunnya."
                    )
                }
            )


class KnowledgeArticleVersion(BaseModel):
    """The text of an article as published (version n)."""

    article = models.ForeignKey(
        KnowledgeArticle, verbose_name=_("artikel"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("versi"))
    title = models.CharField(_("judul"), max_length=200)
    body = models.TextField(_("isi"))
    published_by = models.ForeignKey(
        USER, verbose_name=_("diterbitkan oleh"), null=True, on_delete=models.PROTECT, related_name="+"
    )

    owner_field = "article__agency"
    objects = OfArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("versi artikel")
        verbose_name_plural = pgettext_lazy("plural", "versi artikel")
        ordering = ["-number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="management_article_version")
        ]
        indexes = [models.Index(fields=["-number", "id"]), models.Index(fields=["article", "-number", "id"])]

    def __str__(self):
        return f"{self.article.title} v{self.number}"


class KnowledgeTransfer(AgencyOwnedModel):
    """Knowledge and technology handed on (alih pengetahuan dan teknologi, Parigi Moutong Pasal 40
    ayat (2)): who passed what to whom, when and how, with the articles it drew on or produced."""

    agency_label = _("perangkat daerah penerima")
    topic = models.CharField(_("pengetahuan yang dialihkan"), max_length=200)
    date = models.DateField(_("tanggal"))
    giver = models.CharField(
        _("pemberi"),
        max_length=200,
        help_text=_("Nama orang, unit atau penyedia yang mengalihkan pengetahuan."),
    )
    recipients = models.TextField(_("penerima"), help_text=_("Nama dan jabatan penerima, satu per baris."))
    method = models.CharField(_("cara"), max_length=10, choices=KnowledgeTransferMethod.choices)
    summary = models.TextField(_("ringkasan"), blank=True)
    articles = models.ManyToManyField(
        KnowledgeArticle, verbose_name=_("artikel terkait"), blank=True, related_name="transfers"
    )

    search_fields = ("topic", "giver")

    class Meta:
        verbose_name = _("alih pengetahuan")
        verbose_name_plural = pgettext_lazy("plural", "alih pengetahuan")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["-date", "-id"]),
            models.Index(fields=["date", "id"]),
            models.Index(fields=["topic", "id"]),
            models.Index(fields=["giver", "id"]),
            models.Index(fields=["method", "id"]),
            models.Index(fields=["method", "-date", "-id"]),
            models.Index(fields=["agency", "-date", "-id"]),
        ]

    def __str__(self):
        return f"{self.topic} ({self.date:%Y-%m-%d})"

    def clean(self):
        from django.utils import timezone

        errors = {}
        if self.date and self.date > timezone.localdate():
            errors["date"] = _("Tanggal alih pengetahuan tidak boleh di masa depan.")
        if self.recipients is not None and not self.recipients.strip():
            errors["recipients"] = _("Sebutkan paling sedikit satu penerima.")
        if errors:
            raise ValidationError(errors)
