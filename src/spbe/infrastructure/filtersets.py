import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from spbe.core.filtersets import BaseFilterSet
from spbe.org.models import Agency

from . import ipnum
from .choices import (
    AddressStatus,
    AssetCategory,
    AssetStatus,
    DomainStatus,
    FacilityKind,
    Hosting,
    IPScope,
    PrefixStatus,
    RunResult,
    ServerStatus,
)
from .models import (
    VLAN,
    AccessPolicy,
    AddressRequest,
    Asset,
    AssetReport,
    BackupPlan,
    BackupRun,
    BandwidthAllocation,
    BandwidthRequest,
    Domain,
    Facility,
    InfrastructureReview,
    IPAddress,
    LocalNetwork,
    Mailbox,
    NetworkDiagram,
    Prefix,
    Rack,
    RestoreTest,
    Server,
    WanLink,
)

# Every multiple-choice filter here is on the model's own column or a forward foreign key: no row
# can repeat, so none needs DISTINCT.


def _agencies(name="agency", label=None):
    return django_filters.ModelMultipleChoiceFilter(
        field_name=name, queryset=Agency.objects.all(), label=label or _("Perangkat daerah"), distinct=False
    )


def _choices(choices, label=None):
    return django_filters.MultipleChoiceFilter(choices=choices, label=label or _("Status"), distinct=False)


class WithinFilter(django_filters.CharFilter):
    """Records inside a block written as text ("10.20.0.0/16", or "10.20." read as its /16):
    a range on the address key's index."""

    field_class = forms.CharField

    def filter(self, qs, value):
        value = (value or "").strip()
        if not value:
            return qs
        network = within_network(value)
        if network is None:
            return qs.none()
        first, last = ipnum.network_keys(network)
        if self.field_name == "key":
            return qs.filter(family=network.version, key__gte=first, key__lte=last)
        return qs.filter(family=network.version, first_key__gte=first, last_key__lte=last)


def within_network(text: str):
    import ipaddress

    try:
        return ipaddress.ip_network(text, strict=False)
    except ValueError:
        pass
    parts = [p for p in text.rstrip(".").split(".") if p]
    if 0 < len(parts) < 4 and all(p.isdigit() and int(p) < 256 for p in parts):
        return ipaddress.ip_network(".".join(parts + ["0"] * (4 - len(parts))) + f"/{8 * len(parts)}")
    return None


class FacilityFilterSet(BaseFilterSet):
    kind = _choices(FacilityKind.choices, _("Jenis"))
    agency = _agencies(label=_("PD pengelola"))

    class Meta:
        model = Facility
        fields = ["kind", "agency", "standard"]


class RackFilterSet(BaseFilterSet):
    class Meta:
        model = Rack
        fields = ["facility"]


class ServerFilterSet(BaseFilterSet):
    agency = _agencies(label=_("PD pemilik"))
    status = _choices(ServerStatus.choices)
    hosting = _choices(Hosting.choices, _("Penyediaan"))

    class Meta:
        model = Server
        fields = ["agency", "status", "hosting", "kind", "facility"]


class VLANFilterSet(BaseFilterSet):
    assigned_to = _agencies("assigned_to", _("Dipakai oleh PD"))

    class Meta:
        model = VLAN
        fields = ["assigned_to"]


class PrefixFilterSet(BaseFilterSet):
    status = _choices(PrefixStatus.choices)
    scope = _choices(IPScope.choices, _("Cakupan"))
    assigned_to = _agencies("assigned_to", _("Dialokasikan ke PD"))
    within = WithinFilter(field_name="first_key", label=_("Di dalam blok"))

    class Meta:
        model = Prefix
        fields = ["status", "scope", "assigned_to", "family", "vlan", "within"]


class IPAddressFilterSet(BaseFilterSet):
    status = _choices(AddressStatus.choices)
    scope = _choices(IPScope.choices, _("Cakupan"))
    assigned_to = _agencies("assigned_to", _("Dialokasikan ke PD"))
    within = WithinFilter(field_name="key", label=_("Di dalam blok"))

    class Meta:
        model = IPAddress
        fields = [
            "status",
            "scope",
            "assigned_to",
            "family",
            "within",
        ]  # a host is found by `q` (2,000 options would cost seconds)


class AddressRequestFilterSet(BaseFilterSet):
    agency = _agencies(label=_("PD pemohon"))

    class Meta:
        model = AddressRequest
        fields = ["agency"]


class WanLinkFilterSet(BaseFilterSet):
    class Meta:
        model = WanLink
        fields = ["a_agency", "medium", "status"]


class LocalNetworkFilterSet(BaseFilterSet):
    agency = _agencies()

    class Meta:
        model = LocalNetwork
        fields = ["agency"]


class NetworkDiagramFilterSet(BaseFilterSet):
    agency = _agencies()

    class Meta:
        model = NetworkDiagram
        fields = ["agency", "reason"]


class BackupPlanFilterSet(BaseFilterSet):
    agency = _agencies()

    class Meta:
        model = BackupPlan
        fields = ["agency", "frequency", "active"]


class BackupRunFilterSet(BaseFilterSet):
    result = _choices(RunResult.choices, _("Hasil"))

    class Meta:
        model = BackupRun
        fields = ["plan", "result"]


class RestoreTestFilterSet(BaseFilterSet):
    result = _choices(RunResult.choices, _("Hasil"))

    class Meta:
        model = RestoreTest
        fields = ["plan", "result"]


class InfrastructureReviewFilterSet(BaseFilterSet):
    class Meta:
        model = InfrastructureReview
        fields = ["document"]


class DomainFilterSet(BaseFilterSet):
    agency = _agencies(label=_("PD pemohon"))
    status = _choices(DomainStatus.choices)

    class Meta:
        model = Domain
        fields = ["agency", "status", "kind"]


class MailboxFilterSet(BaseFilterSet):
    agency = _agencies()

    class Meta:
        model = Mailbox
        fields = ["agency", "status"]


class AssetFilterSet(BaseFilterSet):
    agency = _agencies()
    status = _choices(AssetStatus.choices, _("Tahap"))
    category = _choices(AssetCategory.choices, _("Kategori"))

    class Meta:
        model = Asset
        fields = ["agency", "status", "category", "source", "condition"]


class AssetReportFilterSet(BaseFilterSet):
    class Meta:
        model = AssetReport
        fields = ["year"]


class _InForce(django_filters.BooleanFilter):
    """Decisions not (yet) replaced: the latest of their history."""

    def filter(self, qs, value):
        if value is None:
            return qs
        return qs.filter(replaced_by__isnull=value)


class BandwidthAllocationFilterSet(BaseFilterSet):
    agency = _agencies()
    latest = _InForce(label=_("Keputusan terakhir"))

    class Meta:
        model = BandwidthAllocation
        fields = ["agency", "wan_link", "latest"]


class BandwidthRequestFilterSet(BaseFilterSet):
    agency = _agencies(label=_("PD pemohon"))

    class Meta:
        model = BandwidthRequest
        fields = ["agency"]


class AccessPolicyFilterSet(BaseFilterSet):
    agency = _agencies()
    latest = _InForce(label=_("Keputusan terakhir"))

    class Meta:
        model = AccessPolicy
        fields = ["agency", "latest"]
