import django_filters
from django.utils.translation import gettext_lazy as _

from spbe.core.filtersets import BaseFilterSet
from spbe.org.models import Agency

from .choices import (
    ArchitectureDomain,
    BudgetPurpose,
    DocumentStatus,
    FundingSource,
    IntegrationStatus,
    MasterPlanKind,
    NeedStatus,
    ReferenceKind,
    ReviewedDocument,
    RoadmapArea,
    RoadmapStatus,
    ServiceArea,
    ServiceKind,
)
from .models import (
    AgencyNeed,
    Architecture,
    ArchitectureItem,
    BudgetLine,
    BusinessProcess,
    MasterPlan,
    ReferenceModel,
    Review,
    Roadmap,
    RoadmapItem,
    Service,
)

# Every multiple-choice filter here is on the model's own column or a forward foreign key: no row
# can repeat, so none needs DISTINCT.


def _agencies(label=None):
    return django_filters.ModelMultipleChoiceFilter(
        queryset=Agency.objects.all(), label=label or _("Perangkat daerah"), distinct=False
    )


def _status():
    return django_filters.MultipleChoiceFilter(
        choices=DocumentStatus.choices, label=_("Status"), distinct=False
    )


class ReferenceModelFilterSet(BaseFilterSet):
    kind = django_filters.MultipleChoiceFilter(
        choices=ReferenceKind.choices, label=_("Referensi"), distinct=False
    )
    national = django_filters.BooleanFilter(
        field_name="government", lookup_expr="isnull", label=_("Kode nasional (level 1-2)")
    )

    class Meta:
        model = ReferenceModel
        fields = ["kind", "level", "parent", "national"]


class ArchitectureFilterSet(BaseFilterSet):
    status = _status()

    class Meta:
        model = Architecture
        fields = ["government", "status"]


class ArchitectureItemFilterSet(BaseFilterSet):
    domain = django_filters.MultipleChoiceFilter(
        choices=ArchitectureDomain.choices, label=_("Domain"), distinct=False
    )
    agency = _agencies()

    class Meta:
        model = ArchitectureItem
        fields = ["architecture", "domain", "level", "agency", "reference"]


class RoadmapFilterSet(BaseFilterSet):
    status = _status()

    class Meta:
        model = Roadmap
        fields = ["government", "status"]


class RoadmapItemFilterSet(BaseFilterSet):
    area = django_filters.MultipleChoiceFilter(choices=RoadmapArea.choices, label=_("Area"), distinct=False)
    status = django_filters.MultipleChoiceFilter(
        choices=RoadmapStatus.choices, label=_("Status"), distinct=False
    )
    agency = _agencies(_("Penanggung jawab"))

    class Meta:
        model = RoadmapItem
        fields = ["roadmap", "year", "area", "agency", "status"]


class MasterPlanFilterSet(BaseFilterSet):
    kind = django_filters.MultipleChoiceFilter(
        choices=MasterPlanKind.choices, label=_("Jenis"), distinct=False
    )
    status = _status()

    class Meta:
        model = MasterPlan
        fields = ["government", "kind", "status"]


class BudgetLineFilterSet(BaseFilterSet):
    agency = _agencies()
    funding_source = django_filters.MultipleChoiceFilter(
        choices=FundingSource.choices, label=_("Sumber dana"), distinct=False
    )
    purpose = django_filters.MultipleChoiceFilter(
        choices=BudgetPurpose.choices, label=_("Peruntukan"), distinct=False
    )
    without_roadmap = django_filters.BooleanFilter(
        field_name="roadmap_item", lookup_expr="isnull", label=_("Tanpa kegiatan peta rencana")
    )

    class Meta:
        model = BudgetLine
        fields = ["fiscal_year", "agency", "funding_source", "purpose", "roadmap_item", "without_roadmap"]


class ServiceFilterSet(BaseFilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=ServiceKind.choices, label=_("Jenis"), distinct=False)
    area = django_filters.MultipleChoiceFilter(choices=ServiceArea.choices, label=_("Bidang"), distinct=False)
    integration_status = django_filters.MultipleChoiceFilter(
        choices=IntegrationStatus.choices, label=_("Status keterpaduan"), distinct=False
    )
    agency = _agencies(_("Pemilik"))

    class Meta:
        model = Service
        fields = ["kind", "area", "agency", "integration_status"]


class BusinessProcessFilterSet(BaseFilterSet):
    agency = _agencies(_("Pemilik"))

    class Meta:
        model = BusinessProcess
        fields = ["agency", "reference"]


class ReviewFilterSet(BaseFilterSet):
    document = django_filters.MultipleChoiceFilter(
        choices=ReviewedDocument.choices, label=_("Dokumen"), distinct=False
    )
    agency = _agencies()
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("Tanggal sejak"))
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("Tanggal sampai"))

    class Meta:
        model = Review
        fields = ["document", "agency", "business_process"]


class AgencyNeedFilterSet(BaseFilterSet):
    agency = _agencies()
    status = django_filters.MultipleChoiceFilter(
        choices=NeedStatus.choices, label=_("Status"), distinct=False
    )

    class Meta:
        model = AgencyNeed
        fields = ["agency", "status", "target_year", "roadmap_item"]
