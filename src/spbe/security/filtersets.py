import datetime

import django_filters
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spbe.core.choices import Classification
from spbe.core.filtersets import BaseFilterSet
from spbe.org.models import Agency

from .choices import CredentialKind, IncidentKind, IncidentSeverity, IncidentStatus, ServiceRequestStatus
from .models import (
    CertificateDuty,
    CertificateMonitoring,
    ClassificationDecision,
    ClassificationPolicy,
    ClassificationReason,
    ElectronicCertificate,
    Incident,
    IncidentEvent,
    SecurityServiceKind,
    SecurityServiceRequest,
    VulnerabilityFinding,
)

# Every multiple-choice filter is on the model's own column or a forward foreign key: no DISTINCT.


def _agencies(field_name="agency", label=None):
    return django_filters.ModelMultipleChoiceFilter(
        field_name=field_name,
        queryset=Agency.objects.all(),
        label=label or _("Perangkat daerah"),
        distinct=False,
    )


class CertificateDutyFilterSet(BaseFilterSet):
    agency = _agencies("person__agency")
    active = django_filters.BooleanFilter(label=_("Masih bertugas"))

    class Meta:
        model = CertificateDuty
        fields = ["agency", "active", "public_service"]


class ElectronicCertificateFilterSet(BaseFilterSet):
    agency = _agencies("holder__agency")
    kind = django_filters.MultipleChoiceFilter(
        choices=CredentialKind.choices, label=_("Jenis"), distinct=False
    )
    valid_until_before = django_filters.DateFilter(
        field_name="valid_until", lookup_expr="lte", label=_("Berlaku sampai paling lambat")
    )

    class Meta:
        model = ElectronicCertificate
        fields = ["agency", "kind", "revoked", "valid_until_before"]


class CertificateMonitoringFilterSet(BaseFilterSet):
    class Meta:
        model = CertificateMonitoring
        fields = []


class IncidentFilterSet(BaseFilterSet):
    agency = _agencies(label=_("PD pelapor"))
    kind = django_filters.MultipleChoiceFilter(choices=IncidentKind.choices, label=_("Jenis"), distinct=False)
    severity = django_filters.MultipleChoiceFilter(
        choices=IncidentSeverity.choices, label=_("Tingkat keparahan"), distinct=False
    )
    status = django_filters.MultipleChoiceFilter(
        choices=IncidentStatus.choices, label=_("Status"), distinct=False
    )

    class Meta:
        model = Incident
        fields = ["agency", "kind", "severity", "status"]


class IncidentEventFilterSet(BaseFilterSet):
    # a number, not a choice of incidents: a choice would answer "not a valid choice" for an
    # incident the reader may not see, and so tell that it exists
    incident = django_filters.NumberFilter(
        field_name="incident__id",
        label=_("Insiden (ID)"),
        validators=[MinValueValidator(1), MaxValueValidator(2**63 - 1)],
    )

    class Meta:
        model = IncidentEvent
        fields = ["incident", "kind"]


class SecurityServiceKindFilterSet(BaseFilterSet):
    class Meta:
        model = SecurityServiceKind
        fields = []


class SecurityServiceRequestFilterSet(BaseFilterSet):
    agency = _agencies(label=_("PD pemohon"))
    status = django_filters.MultipleChoiceFilter(
        choices=ServiceRequestStatus.choices, label=_("Status"), distinct=False
    )

    class Meta:
        model = SecurityServiceRequest
        fields = ["agency", "kind", "status"]


class VulnerabilityFindingFilterSet(BaseFilterSet):
    service_request = django_filters.NumberFilter(
        field_name="service_request__id",
        label=_("Layanan (ID)"),
        validators=[MinValueValidator(1), MaxValueValidator(2**63 - 1)],
    )
    registered = django_filters.BooleanFilter(
        field_name="risk", lookup_expr="isnull", exclude=True, label=_("Sudah di register risiko")
    )

    class Meta:
        model = VulnerabilityFinding
        fields = ["service_request", "impact_area", "registered"]


class ClassificationPolicyFilterSet(BaseFilterSet):
    class Meta:
        model = ClassificationPolicy
        fields = []


class ClassificationReasonFilterSet(BaseFilterSet):
    level = django_filters.MultipleChoiceFilter(
        choices=Classification.choices, label=_("Klasifikasi"), distinct=False
    )

    class Meta:
        model = ClassificationReason
        fields = ["policy", "level", "active"]


class ClassificationDecisionFilterSet(BaseFilterSet):
    """The review queue: `current=true` with `due=overdue` (past its review date) or `due=soon`
    (overdue or within 30 days)."""

    agency = _agencies(label=_("PD pemilik data"))
    level = django_filters.MultipleChoiceFilter(
        choices=Classification.choices, label=_("Klasifikasi"), distinct=False
    )
    due = django_filters.ChoiceFilter(
        label=_("Tinjauan"),
        choices=(("overdue", _("Lewat tanggal tinjauan")), ("soon", _("Jatuh tempo dalam 30 hari"))),
        method="filter_due",
    )

    class Meta:
        model = ClassificationDecision
        fields = ["agency", "level", "current", "due"]

    def filter_due(self, queryset, name, value):
        today = timezone.localdate()
        if value == "overdue":
            return queryset.filter(review_due__lt=today)
        if value == "soon":
            return queryset.filter(review_due__lte=today + datetime.timedelta(days=30))
        return queryset
