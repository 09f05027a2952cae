import django_filters
from django.utils.translation import gettext_lazy as _

from spbe.core.choices import Classification
from spbe.core.filtersets import BaseFilterSet
from spbe.org.models import Agency

from .choices import (
    DatasetStage,
    KeyType,
    Licence,
    ResourceFormat,
    SharePartyKind,
    ShareStatus,
    UpdateFrequency,
)
from .models import Dataset, DataShareRequest, Resource, Tag


def visible_datasets(request):
    return (
        Dataset.objects.restrict(getattr(request, "user", None)).only("id", "title").order_by("title", "id")
    )


class DatasetFilterSet(BaseFilterSet):
    agency = django_filters.ModelMultipleChoiceFilter(
        queryset=Agency.objects.all(), label=_("Produsen data"), distinct=False
    )
    stage = django_filters.MultipleChoiceFilter(
        choices=DatasetStage.choices, label=_("Tahap"), distinct=False
    )
    classification = django_filters.MultipleChoiceFilter(
        choices=Classification.choices, label=_("Klasifikasi"), distinct=False
    )
    frequency = django_filters.MultipleChoiceFilter(
        choices=UpdateFrequency.choices, label=_("Frekuensi pemutakhiran"), distinct=False
    )
    key_type = django_filters.MultipleChoiceFilter(
        choices=KeyType.choices, label=_("Kunci data"), distinct=False
    )
    licence = django_filters.MultipleChoiceFilter(choices=Licence.choices, label=_("Lisensi"), distinct=False)
    database_group = django_filters.CharFilter(label=_("Kelompok basis data"), lookup_expr="exact")
    plan_year = django_filters.NumberFilter(label=_("Tahun daftar data"))

    class Meta:
        model = Dataset
        fields = [
            "agency",
            "stage",
            "classification",
            "frequency",
            "key_type",
            "licence",
            "database_group",
            "plan_year",
        ]


class ResourceFilterSet(BaseFilterSet):
    dataset = django_filters.ModelChoiceFilter(queryset=visible_datasets, label=_("Dataset"))
    # not "format": that parameter names the export's file type
    file_format = django_filters.MultipleChoiceFilter(
        field_name="format", choices=ResourceFormat.choices, label=_("Format"), distinct=False
    )

    class Meta:
        model = Resource
        fields = ["dataset", "file_format"]


class DataShareRequestFilterSet(BaseFilterSet):
    dataset = django_filters.ModelChoiceFilter(queryset=visible_datasets, label=_("Dataset"))
    agency = django_filters.ModelMultipleChoiceFilter(
        queryset=Agency.objects.all(), label=_("PD peminta"), distinct=False
    )
    status = django_filters.MultipleChoiceFilter(
        choices=ShareStatus.choices, label=_("Status"), distinct=False
    )
    party_kind = django_filters.MultipleChoiceFilter(
        choices=SharePartyKind.choices, label=_("Penerima"), distinct=False
    )

    class Meta:
        model = DataShareRequest
        fields = ["dataset", "agency", "status", "party_kind"]


class TagFilterSet(BaseFilterSet):
    class Meta:
        model = Tag
        fields = []
