import django_filters
from django.utils.translation import gettext_lazy as _

from spbe.core.choices import Classification
from spbe.core.filtersets import BaseFilterSet
from spbe.org.models import Agency

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
from .models import (
    Application,
    ApplicationDocument,
    ApplicationIntegration,
    ApplicationRelease,
    CommonApplication,
)


def visible_applications(request):
    """Choices for an application filter: only what the user may see (a CLOSED application's
    name never shows outside its scope)."""
    return (
        Application.objects.restrict(getattr(request, "user", None)).only("id", "name").order_by("name", "id")
    )


# Every multiple filter below is on the model's own columns or a forward foreign key: no row can
# repeat, so no DISTINCT (which would make the paginator count whole rows).


class ApplicationFilterSet(BaseFilterSet):
    agency = django_filters.ModelMultipleChoiceFilter(
        queryset=Agency.objects.all(), label=_("Perangkat daerah"), distinct=False
    )
    kind = django_filters.MultipleChoiceFilter(
        choices=ApplicationKind.choices, label=_("Jenis"), distinct=False
    )
    status = django_filters.MultipleChoiceFilter(
        choices=ApplicationStatus.choices, label=_("Status"), distinct=False
    )
    source_model = django_filters.MultipleChoiceFilter(
        choices=SourceModel.choices, label=_("Model kode sumber"), distinct=False
    )
    developer_kind = django_filters.MultipleChoiceFilter(
        choices=DeveloperKind.choices, label=_("Pengembang"), distinct=False
    )
    common_field = django_filters.MultipleChoiceFilter(
        choices=CommonField.choices, label=_("Bidang"), distinct=False
    )
    lifecycle_stage = django_filters.MultipleChoiceFilter(
        choices=LifecycleStage.choices, label=_("Tahap siklus hidup"), distinct=False
    )
    classification = django_filters.MultipleChoiceFilter(
        choices=Classification.choices, label=_("Klasifikasi"), distinct=False
    )
    awaiting = django_filters.ChoiceFilter(
        label=_("Belum memperoleh"),
        method="filter_awaiting",
        choices=[
            ("consultation", _("Konsultasi pengembangan (Aplikasi Khusus)")),
            ("technical_consideration", _("Pertimbangan teknis (kode tertutup)")),
        ],
    )

    class Meta:
        model = Application
        fields = ["agency", "kind", "status", "source_model", "developer_kind", "common_field", "uses_sso"]

    def filter_awaiting(self, queryset, name, value):
        if value == "consultation":
            return queryset.filter(kind=ApplicationKind.SPECIFIC, consultation__isnull=True)
        if value == "technical_consideration":
            return queryset.filter(source_model=SourceModel.CLOSED, technical_consideration__isnull=True)
        return queryset


class LandscapeFilterSet(BaseFilterSet):
    """The landscape's filters: agency, kind, status and source model."""

    agency = ApplicationFilterSet.declared_filters["agency"]
    kind = ApplicationFilterSet.declared_filters["kind"]
    status = ApplicationFilterSet.declared_filters["status"]
    source_model = ApplicationFilterSet.declared_filters["source_model"]

    class Meta:
        model = Application
        fields = ["agency", "kind", "status", "source_model"]


class ApplicationDocumentFilterSet(BaseFilterSet):
    application = django_filters.ModelChoiceFilter(queryset=visible_applications, label=_("Aplikasi"))
    doc_type = django_filters.MultipleChoiceFilter(
        choices=DocumentType.choices, label=_("Jenis dokumen"), distinct=False
    )
    agency = django_filters.ModelMultipleChoiceFilter(
        field_name="application__agency",
        queryset=Agency.objects.all(),
        label=_("Perangkat daerah"),
        distinct=False,
    )

    class Meta:
        model = ApplicationDocument
        fields = ["application", "agency", "doc_type"]


class ApplicationReleaseFilterSet(BaseFilterSet):
    application = django_filters.ModelChoiceFilter(queryset=visible_applications, label=_("Aplikasi"))
    agency = django_filters.ModelMultipleChoiceFilter(
        field_name="application__agency",
        queryset=Agency.objects.all(),
        label=_("Perangkat daerah"),
        distinct=False,
    )
    released_after = django_filters.DateFilter(
        field_name="release_date", lookup_expr="gte", label=_("Rilis sejak")
    )
    released_before = django_filters.DateFilter(
        field_name="release_date", lookup_expr="lte", label=_("Rilis sampai")
    )

    class Meta:
        model = ApplicationRelease
        fields = ["application", "agency"]


class ApplicationIntegrationFilterSet(BaseFilterSet):
    source = django_filters.ModelChoiceFilter(queryset=visible_applications, label=_("Aplikasi"))
    target = django_filters.ModelChoiceFilter(queryset=visible_applications, label=_("Terhubung ke"))
    method = django_filters.MultipleChoiceFilter(
        choices=IntegrationMethod.choices, label=_("Cara"), distinct=False
    )
    agency = django_filters.ModelMultipleChoiceFilter(
        field_name="source__agency",
        queryset=Agency.objects.all(),
        label=_("Perangkat daerah"),
        distinct=False,
    )

    class Meta:
        model = ApplicationIntegration
        fields = ["source", "target", "agency", "method"]


class CommonApplicationFilterSet(BaseFilterSet):
    field = django_filters.MultipleChoiceFilter(
        choices=CommonField.choices, label=_("Bidang"), distinct=False
    )

    class Meta:
        model = CommonApplication
        fields = ["field", "confirmed"]
