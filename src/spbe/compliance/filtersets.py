import django_filters
from django.utils.translation import gettext_lazy as _

from spbe.core.checks import Status
from spbe.core.filtersets import BaseFilterSet
from spbe.org.models import Agency

from .models import (
    Attestation,
    AttestationStatus,
    ComplianceStatus,
    Obligation,
    Period,
    Regulation,
    Severity,
    Subject,
)

# Every multiple filter is on the model's own columns or a forward foreign key: no row repeats.


class RegulationFilterSet(BaseFilterSet):
    year = django_filters.NumberFilter()
    shipped = django_filters.BooleanFilter()

    class Meta:
        model = Regulation
        fields = ["year", "shipped"]


class ObligationFilterSet(BaseFilterSet):
    regulation = django_filters.ModelMultipleChoiceFilter(queryset=Regulation.objects.all())
    subject = django_filters.MultipleChoiceFilter(choices=Subject.choices)
    period = django_filters.MultipleChoiceFilter(choices=Period.choices)
    severity = django_filters.MultipleChoiceFilter(choices=Severity.choices)
    article = django_filters.NumberFilter()
    retired = django_filters.BooleanFilter()

    class Meta:
        model = Obligation
        fields = ["regulation", "subject", "period", "severity", "article", "retired"]


def _agencies(request):
    return Agency.objects.restrict(getattr(request, "user", None)).only("id", "name").order_by("name", "id")


class ComplianceStatusFilterSet(BaseFilterSet):
    status = django_filters.MultipleChoiceFilter(choices=Status.choices)
    agency = django_filters.ModelMultipleChoiceFilter(queryset=_agencies)
    article = django_filters.NumberFilter(field_name="obligation__article", label=_("Nomor pasal"))
    government_level = django_filters.BooleanFilter(
        field_name="agency", lookup_expr="isnull", label=_("Tingkat pemerintah daerah")
    )
    stale = django_filters.BooleanFilter()

    class Meta:
        model = ComplianceStatus
        fields = ["status", "agency", "stale"]


class AttestationFilterSet(BaseFilterSet):
    status = django_filters.MultipleChoiceFilter(choices=AttestationStatus.choices)
    agency = django_filters.ModelMultipleChoiceFilter(queryset=_agencies)
    article = django_filters.NumberFilter(field_name="obligation__article", label=_("Nomor pasal"))
    valid_until_before = django_filters.DateFilter(field_name="valid_until", lookup_expr="lt")

    class Meta:
        model = Attestation
        fields = ["status", "agency"]
