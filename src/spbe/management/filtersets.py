import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spbe.core.bounds import field_accepts
from spbe.core.filtersets import BaseFilterSet
from spbe.org.models import Agency

from .choices import (
    OPEN_PROBLEM_STATUSES,
    OPEN_STATUSES,
    ArticleAudience,
    ArticleStatus,
    CalendarDayKind,
    ChangeKind,
    ChangeStage,
    DevelopmentKind,
    InboundMailOutcome,
    KnowledgeTransferMethod,
    ProblemStatus,
    RiskCategory,
    RiskLevel,
    RiskType,
    TicketKind,
    TicketPriority,
    TicketStatus,
    TicketTier,
)
from .models import (
    CalendarDay,
    ChangeRequest,
    Competency,
    CompetencyNeed,
    CompetencyStandard,
    DevelopmentRecord,
    IctStaff,
    InboundMail,
    KnowledgeArticle,
    KnowledgeTransfer,
    Problem,
    Risk,
    RiskAppetite,
    RiskContext,
    RiskCriterion,
    RiskMonitoring,
    RiskTreatment,
    ServiceLevel,
    Ticket,
)

# The open problems the ticket list offers are kept per process under this version
# (core/versions.py), retired by any write to a problem; wiring.py registers it. A reader whose
# view of problems goes through their tickets is read afresh (a query over other tables).
PROBLEM_CHOICES_VERSION = "management.problem_choices"


def _problem_choices(request):
    """The problems the ticket list offers: those the reader may see (they fail closed) that are
    still open, and the one chosen, so the list stays short however many are closed."""
    offered = Q(status__in=OPEN_PROBLEM_STATUSES)
    chosen = request.GET.get("problem", "") if request is not None else ""
    if chosen.isdigit() and field_accepts(Problem._meta.pk, chosen):
        offered |= Q(pk=int(chosen))
    return (
        Problem.objects.restrict(getattr(request, "user", None))
        .filter(offered)
        .only("id", "title")
        .order_by("-created", "-id")
    )


def _problem_label(problem) -> str:
    return f"#{problem.pk} {problem.title}"


def _agency_filter():
    return django_filters.ModelMultipleChoiceFilter(
        queryset=Agency.objects.all(), label=_("Perangkat daerah"), distinct=False
    )


class CalendarDayFilterSet(BaseFilterSet):
    kind = django_filters.MultipleChoiceFilter(
        choices=CalendarDayKind.choices, label=_("Jenis"), distinct=False
    )
    year = django_filters.NumberFilter(
        field_name="date", lookup_expr="year", label=_("Tahun"), min_value=1900, max_value=2200
    )

    class Meta:
        model = CalendarDay
        fields = ["kind", "year"]


class ServiceLevelFilterSet(BaseFilterSet):
    priority = django_filters.MultipleChoiceFilter(
        choices=TicketPriority.choices, label=_("Prioritas"), distinct=False
    )

    class Meta:
        model = ServiceLevel
        fields = ["priority"]


class TicketFilterSet(BaseFilterSet):
    status = django_filters.MultipleChoiceFilter(
        choices=TicketStatus.choices, label=_("Status"), distinct=False
    )
    priority = django_filters.MultipleChoiceFilter(
        choices=TicketPriority.choices, label=_("Prioritas"), distinct=False
    )
    kind = django_filters.MultipleChoiceFilter(choices=TicketKind.choices, label=_("Jenis"), distinct=False)
    tier = django_filters.MultipleChoiceFilter(choices=TicketTier.choices, label=_("Tingkat"), distinct=False)
    agency = _agency_filter()
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Melewati target penyelesaian"))
    mine = django_filters.BooleanFilter(method="filter_mine", label=_("Tiket saya"))
    # By id in the API (?problem=12), as a choice of visible problems on the page.
    problem = django_filters.ModelChoiceFilter(
        queryset=_problem_choices, label=_("Masalah"), empty_label=_("Semua"), distinct=False
    )

    class Meta:
        model = Ticket
        fields = ["status", "priority", "kind", "tier", "agency", "overdue", "mine", "problem"]

    @property
    def form(self):
        form = super().form
        if "problem" in form.fields:
            form.fields["problem"].label_from_instance = _problem_label
        return form

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(status__in=OPEN_STATUSES) & (
            Q(resolution_due__lt=timezone.now()) | Q(resolution_breached=True)
        )
        return queryset.filter(late) if value else queryset.exclude(late)

    def filter_mine(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        if not value or user is None or not user.is_authenticated:
            return queryset
        return queryset.filter(requester=user)


class RiskContextFilterSet(BaseFilterSet):
    agency = _agency_filter()
    year = django_filters.NumberFilter(label=_("Tahun"))

    class Meta:
        model = RiskContext
        fields = ["agency", "year", "status"]


class RiskCriterionFilterSet(BaseFilterSet):
    class Meta:
        model = RiskCriterion
        fields = ["context", "kind", "area"]


class RiskAppetiteFilterSet(BaseFilterSet):
    class Meta:
        model = RiskAppetite
        fields = ["context", "category", "risk_type"]


class RiskFilterSet(BaseFilterSet):
    category = django_filters.MultipleChoiceFilter(
        choices=RiskCategory.choices, label=_("Kategori risiko"), distinct=False
    )
    level = django_filters.MultipleChoiceFilter(
        choices=RiskLevel.choices, label=_("Level risiko"), distinct=False
    )
    risk_type = django_filters.MultipleChoiceFilter(
        choices=RiskType.choices, label=_("Jenis risiko"), distinct=False
    )
    agency = django_filters.ModelMultipleChoiceFilter(
        field_name="context__agency",
        queryset=Agency.objects.all(),
        label=_("Perangkat daerah"),
        distinct=False,
    )

    class Meta:
        model = Risk
        fields = ["context", "category", "level", "risk_type", "to_treat", "agency"]


class RiskTreatmentFilterSet(BaseFilterSet):
    class Meta:
        model = RiskTreatment
        fields = ["risk", "option", "status"]


class RiskMonitoringFilterSet(BaseFilterSet):
    class Meta:
        model = RiskMonitoring
        fields = ["risk", "level"]


class CompetencyStandardFilterSet(BaseFilterSet):
    class Meta:
        model = CompetencyStandard
        fields = ["area"]


class IctStaffFilterSet(BaseFilterSet):
    agency = _agency_filter()

    class Meta:
        model = IctStaff
        fields = ["agency"]


class CompetencyFilterSet(BaseFilterSet):
    class Meta:
        model = Competency
        fields = ["person", "standard", "level"]


class CompetencyNeedFilterSet(BaseFilterSet):
    agency = _agency_filter()

    class Meta:
        model = CompetencyNeed
        fields = ["agency", "standard"]


class DevelopmentRecordFilterSet(BaseFilterSet):
    kind = django_filters.MultipleChoiceFilter(
        choices=DevelopmentKind.choices, label=_("Jenis"), distinct=False
    )
    expired = django_filters.BooleanFilter(method="filter_expired", label=_("Sertifikat kedaluwarsa"))

    class Meta:
        model = DevelopmentRecord
        fields = ["person", "kind", "expired"]

    def filter_expired(self, queryset, name, value):
        if value is None:
            return queryset
        q = Q(expires_on__lt=timezone.localdate())
        return queryset.filter(q) if value else queryset.exclude(q)


class ChangeRequestFilterSet(BaseFilterSet):
    kind = django_filters.MultipleChoiceFilter(
        choices=ChangeKind.choices, label=_("Jenis perubahan"), distinct=False
    )
    stage = django_filters.MultipleChoiceFilter(choices=ChangeStage.choices, label=_("Tahap"), distinct=False)
    agency = _agency_filter()

    class Meta:
        model = ChangeRequest
        fields = ["kind", "stage", "agency", "approval"]


class KnowledgeArticleFilterSet(BaseFilterSet):
    status = django_filters.MultipleChoiceFilter(
        choices=ArticleStatus.choices, label=_("Status"), distinct=False
    )
    audience = django_filters.MultipleChoiceFilter(
        choices=ArticleAudience.choices, label=_("Pembaca"), distinct=False
    )

    class Meta:
        model = KnowledgeArticle
        fields = ["status", "audience", "agency"]


class ProblemFilterSet(BaseFilterSet):
    status = django_filters.MultipleChoiceFilter(
        choices=ProblemStatus.choices, label=_("Status"), distinct=False
    )
    agency = _agency_filter()

    class Meta:
        model = Problem
        fields = ["status", "agency", "service"]


class InboundMailFilterSet(BaseFilterSet):
    outcome = django_filters.MultipleChoiceFilter(
        choices=InboundMailOutcome.choices, label=_("Hasil"), distinct=False
    )
    agency = _agency_filter()

    class Meta:
        model = InboundMail
        fields = ["outcome", "agency"]


class KnowledgeTransferFilterSet(BaseFilterSet):
    method = django_filters.MultipleChoiceFilter(
        choices=KnowledgeTransferMethod.choices, label=_("Cara"), distinct=False
    )
    agency = _agency_filter()
    year = django_filters.NumberFilter(
        field_name="date", lookup_expr="year", label=_("Tahun"), min_value=1900, max_value=2200
    )

    class Meta:
        model = KnowledgeTransfer
        fields = ["method", "agency", "year"]
