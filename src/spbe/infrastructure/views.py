from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spbe.core import approvals, permissions
from spbe.core.errors import DomainError
from spbe.core.models import ApprovalStatus
from spbe.core.ui import ModelUI, Nav, Related, register_action, register_panel, register_tab
from spbe.org.models import Agency

from . import diagram, filtersets, forms, serializers, services, tables
from .choices import DomainStatus, PrefixStatus
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

N = "infrastructure"


def _in_block(prefix):
    return Q(family=prefix.family, key__gte=prefix.first_key, key__lte=prefix.last_key)


class FacilityUI(ModelUI):
    model = Facility
    natural_key = ("name",)
    path = "facilities"
    nav = Nav(N, gettext_lazy("Pusat data dan DRC"), 0)
    table = tables.FacilityTable
    filterset = filtersets.FacilityFilterSet
    fields = (
        "agency",
        "name",
        "kind",
        "location",
        "standard",
        "standard_reference",
        "tier",
        "primary",
        "distance_km",
        "risk_separation",
        "power_notes",
        "cooling_notes",
        "uptime_target",
        "description",
    )
    related = (
        Related(
            gettext_lazy("Rak"),
            lambda f: Rack.objects.filter(facility=f),
            tables.RackTable,
            add_url=lambda f: reverse("infrastructure:rack_add") + f"?facility={f.pk}",
        ),
        Related(gettext_lazy("Server"), lambda f: Server.objects.filter(facility=f), tables.ServerTable),
    )


class RackUI(ModelUI):
    model = Rack
    path = "racks"
    nav = Nav(N, gettext_lazy("Rak"), 1)
    searchable = False
    table = tables.RackTable
    filterset = filtersets.RackFilterSet
    fields = ("facility", "name", "units", "power_kw", "notes")
    importable = False
    related = (
        Related(gettext_lazy("Server di rak"), lambda r: Server.objects.filter(rack=r), tables.ServerTable),
    )


class ServerUI(ModelUI):
    model = Server
    natural_key = ("agency", "name")
    path = "servers"
    nav = Nav(N, gettext_lazy("Server"), 2)
    table = tables.ServerTable
    filterset = filtersets.ServerFilterSet
    fields = (
        "agency",
        "name",
        "kind",
        "hosting",
        "status",
        "facility",
        "rack",
        "rack_unit",
        "host",
        "operating_system",
        "role",
        "cpu_cores",
        "memory_gb",
        "storage_gb",
        "uptime_target",
        "coordinated",
        "applications",
        "notes",
    )
    related = (
        Related(
            gettext_lazy("Alamat IP"), lambda s: IPAddress.objects.filter(server=s), tables.IPAddressTable
        ),
        Related(
            gettext_lazy("Server virtual di atasnya"),
            lambda s: Server.objects.filter(host=s),
            tables.ServerTable,
        ),
    )


class VLANUI(ModelUI):
    model = VLAN
    natural_key = ("vid",)
    path = "vlans"
    nav = Nav(N, gettext_lazy("VLAN"), 12)
    table = tables.VLANTable
    filterset = filtersets.VLANFilterSet
    fields = ("vid", "name", "assigned_to", "description")


class PrefixUI(ModelUI):
    model = Prefix
    natural_key = ("prefix",)
    path = "prefixes"
    nav = Nav(N, gettext_lazy("Prefiks IP"), 10)
    table = tables.PrefixTable
    filterset = filtersets.PrefixFilterSet
    fields = ("prefix", "family", "length", "scope", "status", "assigned_to", "vlan", "description")
    read_only_fields = ("family", "length", "scope")
    serializer = serializers.PrefixSerializer
    related = (
        Related(
            gettext_lazy("Blok di dalamnya"),
            lambda p: Prefix.objects.filter(
                family=p.family, first_key__gte=p.first_key, last_key__lte=p.last_key, length__gt=p.length
            ),
            tables.PrefixTable,
        ),
        Related(
            gettext_lazy("Alamat IP di blok ini"),
            lambda p: IPAddress.objects.filter(_in_block(p)),
            tables.IPAddressTable,
        ),
    )


class IPAddressUI(ModelUI):
    model = IPAddress
    natural_key = ("address",)
    path = "addresses"
    nav = Nav(N, gettext_lazy("Alamat IP"), 11)
    table = tables.IPAddressTable
    filterset = filtersets.IPAddressFilterSet
    fields = ("address", "family", "scope", "status", "assigned_to", "server", "dns_name", "description")
    read_only_fields = ("family", "scope")
    serializer = serializers.IPAddressSerializer


class AddressRequestUI(ModelUI):
    model = AddressRequest
    path = "address-requests"
    nav = Nav(N, gettext_lazy("Permohonan blok IP"), 13)
    table = tables.AddressRequestTable
    filterset = filtersets.AddressRequestFilterSet
    fields = ("agency", "purpose", "length", "container", "allocated", "decision")
    read_only_fields = ("allocated", "decision")
    serializer = serializers.AddressRequestSerializer
    importable = False


class WanLinkUI(ModelUI):
    model = WanLink
    natural_key = ("name",)
    path = "wan-links"
    nav = Nav(N, gettext_lazy("Tautan WAN"), 20)
    table = tables.WanLinkTable
    filterset = filtersets.WanLinkFilterSet
    fields = (
        "name",
        "a_agency",
        "b_agency",
        "b_facility",
        "medium",
        "provider",
        "capacity_mbps",
        "status",
        "description",
    )


class LocalNetworkUI(ModelUI):
    model = LocalNetwork
    natural_key = ("agency", "name")
    path = "local-networks"
    nav = Nav(N, gettext_lazy("Jaringan lokal PD"), 21)
    table = tables.LocalNetworkTable
    filterset = filtersets.LocalNetworkFilterSet
    fields = (
        "agency",
        "name",
        "location",
        "prefix",
        "vlan",
        "switches",
        "access_points",
        "end_devices",
        "last_changed_on",
        "description",
    )
    related = (
        Related(
            gettext_lazy("Diagram yang diserahkan"),
            lambda n: NetworkDiagram.objects.filter(local_network=n),
            tables.NetworkDiagramTable,
            add_url=lambda n: (
                reverse("infrastructure:networkdiagram_add") + f"?local_network={n.pk}&agency={n.agency_id}"
            ),
        ),
    )


class NetworkDiagramUI(ModelUI):
    model = NetworkDiagram
    path = "diagrams"
    nav = Nav(N, gettext_lazy("Diagram jaringan"), 22)
    table = tables.NetworkDiagramTable
    filterset = filtersets.NetworkDiagramFilterSet
    fields = ("agency", "local_network", "submitted_on", "reason", "file", "notes")
    form = forms.NetworkDiagramForm
    serializer = serializers.NetworkDiagramSerializer
    importable = False


class BackupPlanUI(ModelUI):
    model = BackupPlan
    natural_key = ("agency", "name")
    path = "backup-plans"
    nav = Nav(N, gettext_lazy("Rencana pencadangan"), 30)
    table = tables.BackupPlanTable
    filterset = filtersets.BackupPlanFilterSet
    fields = (
        "agency",
        "name",
        "application",
        "server",
        "contents",
        "target",
        "frequency",
        "retention_days",
        "offsite_copy",
        "offsite_location",
        "restore_every_months",
        "active",
    )
    related = (
        Related(
            gettext_lazy("Pelaksanaan pencadangan"),
            lambda p: BackupRun.objects.filter(plan=p),
            tables.BackupRunTable,
            add_url=lambda p: reverse("infrastructure:backuprun_add") + f"?plan={p.pk}",
        ),
        Related(
            gettext_lazy("Uji pemulihan"),
            lambda p: RestoreTest.objects.filter(plan=p),
            tables.RestoreTestTable,
            add_url=lambda p: reverse("infrastructure:restoretest_add") + f"?plan={p.pk}",
        ),
    )


class BackupRunUI(ModelUI):
    model = BackupRun
    path = "backup-runs"
    nav = Nav(N, gettext_lazy("Pelaksanaan pencadangan"), 31)
    table = tables.BackupRunTable
    filterset = filtersets.BackupRunFilterSet
    fields = ("plan", "run_on", "result", "size_mb", "checksum", "location", "notes")
    importable = False  # recorded by the backup job (API) or by hand, not from inventory sheets


class RestoreTestUI(ModelUI):
    model = RestoreTest
    path = "restore-tests"
    nav = Nav(N, gettext_lazy("Uji pemulihan"), 32)
    table = tables.RestoreTestTable
    filterset = filtersets.RestoreTestFilterSet
    fields = ("plan", "backup_run", "tested_on", "result", "duration_minutes", "checksums_match", "notes")
    importable = False  # a drill is recorded when it is run


class InfrastructureReviewUI(ModelUI):
    model = InfrastructureReview
    path = "reviews"
    nav = Nav(N, gettext_lazy("Reviu pusat data dan jaringan"), 33)
    table = tables.InfrastructureReviewTable
    filterset = filtersets.InfrastructureReviewFilterSet
    fields = ("document", "date", "findings", "follow_up")


class DomainUI(ModelUI):
    model = Domain
    natural_key = ("name",)
    path = "domains"
    nav = Nav(N, gettext_lazy("Domain dan subdomain"), 40)
    table = tables.DomainTable
    filterset = filtersets.DomainFilterSet
    fields = ("agency", "name", "kind", "purpose", "server", "tls_expires_on", "status", "decision")
    read_only_fields = ("status", "decision")
    serializer = serializers.WorkflowSerializer


class MailboxUI(ModelUI):
    model = Mailbox
    natural_key = ("address",)
    path = "mailboxes"
    nav = Nav(N, gettext_lazy("Email resmi"), 41)
    table = tables.MailboxTable
    filterset = filtersets.MailboxFilterSet
    fields = ("agency", "address", "holder", "position", "status")


class AssetUI(ModelUI):
    model = Asset
    natural_key = ("agency", "tag")
    path = "assets"
    nav = Nav(N, gettext_lazy("Aset TIK"), 50)
    table = tables.AssetTable
    filterset = filtersets.AssetFilterSet
    fields = (
        "agency",
        "tag",
        "name",
        "category",
        "status",
        "source",
        "serial_number",
        "location",
        "holder",
        "accepted_on",
        "acquired_on",
        "cost",
        "useful_life_years",
        "condition",
        "last_maintained_on",
        "disposed_on",
        "server",
        "recommendation",
        "notes",
    )
    read_only_fields = ("recommendation",)
    serializer = serializers.AssetSerializer


class AssetReportUI(ModelUI):
    model = AssetReport
    natural_key = ("year",)
    path = "asset-reports"
    nav = Nav(N, gettext_lazy("Laporan aset TIK"), 51)
    table = tables.AssetReportTable
    filterset = filtersets.AssetReportFilterSet
    fields = ("year", "reported_on", "number", "asset_count", "book_value", "summary", "document")
    read_only_fields = ("asset_count", "book_value", "document")
    importable = False


DECISION_FIELDS = ("effective_from", "decision_number", "decision_date", "decided_by", "replaces", "notes")


class BandwidthAllocationUI(ModelUI):
    model = BandwidthAllocation
    path = "bandwidth"
    nav = Nav(N, gettext_lazy("Alokasi bandwidth"), 25)
    table = tables.BandwidthAllocationTable
    filterset = filtersets.BandwidthAllocationFilterSet
    fields = ("agency", "wan_link", "download_mbps", "upload_mbps", *DECISION_FIELDS)
    read_only_fields = ("replaces",)
    serializer = serializers.DecidedSerializer
    related = (
        Related(
            gettext_lazy("Riwayat keputusan"),
            lambda a: BandwidthAllocation.objects.filter(**a.chain()),
            tables.BandwidthAllocationTable,
        ),
    )


class BandwidthRequestUI(ModelUI):
    model = BandwidthRequest
    path = "bandwidth-requests"
    nav = Nav(N, gettext_lazy("Permohonan bandwidth"), 24)
    table = tables.BandwidthRequestTable
    filterset = filtersets.BandwidthRequestFilterSet
    fields = (
        "agency",
        "wan_link",
        "download_mbps",
        "upload_mbps",
        "reason",
        "starts_on",
        "ends_on",
        "allocation",
        "decision",
    )
    read_only_fields = ("allocation", "decision")
    serializer = serializers.BandwidthRequestSerializer
    importable = False  # each request goes through its own decision


class AccessPolicyUI(ModelUI):
    model = AccessPolicy
    path = "access-policies"
    nav = Nav(N, gettext_lazy("Kebijakan akses internet"), 26)
    table = tables.AccessPolicyTable
    filterset = filtersets.AccessPolicyFilterSet
    fields = (
        "agency",
        "blocked_categories",
        "blocked_sites",
        "limited_sites",
        "access_from",
        "access_until",
        *DECISION_FIELDS,
    )
    read_only_fields = ("replaces",)
    form = forms.AccessPolicyForm
    serializer = serializers.AccessPolicySerializer
    importable = False  # decisions are recorded one by one, each with its letter
    related = (
        Related(
            gettext_lazy("Riwayat keputusan"),
            lambda p: AccessPolicy.objects.filter(**p.chain()),
            tables.AccessPolicyTable,
        ),
    )


def _decision_context(request, record):
    """Whether the decision is in force, not yet, or replaced (and by which): one query."""
    from django.utils import timezone

    newer = type(record).objects.filter(replaces=record).first()
    if newer is not None and newer.effective_from > timezone.localdate():
        newer = None  # replaced only from a later day: still in force today
    return {"newer": newer, "upcoming": record.effective_from > timezone.localdate()}


for _decided in (BandwidthAllocation, AccessPolicy):
    register_panel(
        _decided,
        "decision",
        gettext_lazy("Status keputusan"),
        "infrastructure/_decision_status.html",
        _decision_context,
        order=0,
    )


def _hosted_context(request, server):
    """The applications a server hosts that the reader may see, and how many others are hidden
    (CLOSED applications of another agency): two queries."""
    hosted = server.applications.all()
    visible = list(hosted.restrict(request.user).select_related("agency").order_by("name", "pk"))
    return {"applications": visible, "hidden": hosted.count() - len(visible)}


register_panel(
    Server,
    "applications",
    gettext_lazy("Aplikasi yang dilayani"),
    "infrastructure/_hosted.html",
    _hosted_context,
    order=0,
)


# --- Prefix page: utilisation, next free, allocation by the ICT office -------------------------


def _usage_context(request, prefix):
    usage = services.utilisation(prefix)
    next_address = next_block = None
    if prefix.status == PrefixStatus.CONTAINER:
        next_block = services.next_free_prefix(prefix, min(prefix.length + 8, prefix.network.max_prefixlen))
    else:
        next_address = services.next_free_address(prefix)
    return {"usage": usage, "next_address": next_address, "next_block": next_block, "prefix": prefix}


register_panel(
    Prefix, "usage", gettext_lazy("Pemakaian"), "infrastructure/_prefix_usage.html", _usage_context, order=0
)


def _is_block(user, prefix):
    return prefix.status != PrefixStatus.CONTAINER and services.may_allocate(user)


def _is_container(user, prefix):
    return prefix.status == PrefixStatus.CONTAINER and services.may_allocate(user)


register_action(
    Prefix,
    "allocate_address",
    gettext_lazy("Alokasikan alamat berikutnya"),
    lambda p: reverse("infrastructure:prefix_allocate_address", args=[p.pk]),
    permission=permissions.CHANGE,
    check=_is_block,
)
register_action(
    Prefix,
    "allocate_prefix",
    gettext_lazy("Alokasikan blok berikutnya"),
    lambda p: reverse("infrastructure:prefix_allocate_prefix", args=[p.pk]),
    permission=permissions.CHANGE,
    check=_is_container,
)


@register_tab(
    Prefix,
    "allocate_address",
    gettext_lazy("Alokasi alamat"),
    path="allocate-address/",
    permission=permissions.CHANGE,
    check=_is_block,
    in_tabs=False,
)
def allocate_address(request, prefix, shell):
    servers = Server.objects.restrict(request.user).select_related("agency").order_by("name", "pk")
    if prefix.assigned_to_id:
        servers = servers.filter(agency=prefix.assigned_to)
    form = forms.AllocateAddressForm(request.POST or None, servers=servers)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                address = services.address_allocate_next(
                    prefix=prefix, user=request.user, **form.cleaned_data
                )
            except DomainError as error:
                form.add_error(None, error.message)
                status = 400
            else:
                messages.success(
                    request, _("Alamat %(address)s dialokasikan.") % {"address": address.address}
                )
                return redirect(address.get_absolute_url())
        else:
            status = 400
    return shell.render(
        "infrastructure/allocate.html",
        {
            "form": form,
            "title": _("Alokasikan alamat berikutnya"),
            "next": services.next_free_address(prefix),
        },
        status=status,
    )


@register_tab(
    Prefix,
    "allocate_prefix",
    gettext_lazy("Alokasi blok"),
    path="allocate-prefix/",
    permission=permissions.CHANGE,
    check=_is_container,
    in_tabs=False,
)
def allocate_prefix(request, prefix, shell):
    form = forms.AllocatePrefixForm(request.POST or None, agencies=Agency.objects.order_by("name"))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                block = services.prefix_allocate_next(
                    container=prefix, user=request.user, **form.cleaned_data
                )
            except DomainError as error:
                form.add_error(None, error.message)
                status = 400
            else:
                messages.success(request, _("Blok %(prefix)s dialokasikan.") % {"prefix": block.prefix})
                return redirect(block.get_absolute_url())
        else:
            status = 400
    return shell.render(
        "infrastructure/allocate.html",
        {"form": form, "title": _("Alokasikan blok berikutnya")},
        status=status,
    )


# --- Requests through the approval mechanism -----------------------------------------------------

REQUEST_LABELS = {
    AddressRequest: gettext_lazy("Ajukan ke Dinas Kominfo"),
    Domain: gettext_lazy("Ajukan penetapan"),
    Asset: gettext_lazy("Minta rekomendasi Dinas Kominfo"),
    BandwidthRequest: gettext_lazy("Ajukan ke Dinas Kominfo"),
}


def _open(obj) -> bool:
    if isinstance(obj, AddressRequest):
        return not obj.allocated_id
    if isinstance(obj, Domain):
        return obj.status != DomainStatus.GRANTED
    if isinstance(obj, BandwidthRequest):
        return not obj.allocation_id
    return not obj.recommendation_id


def _may_request(user, obj) -> bool:
    if not _open(obj):
        return False
    return not any(r.status == ApprovalStatus.PENDING for r in approvals.requests_for(obj))


def _approvals_context(request, obj):
    requests = list(approvals.requests_for(obj).order_by("-created", "-pk"))
    return {"requests": requests} if requests else None


def _request_view(submit_key):
    def view(request, obj, shell):
        form = forms.NoteForm(request.POST or None)
        status = 200
        if request.method == "POST":
            if form.is_valid():
                submit = services.REQUESTS[submit_key]
                try:
                    kwargs = {
                        "address_request": "request",
                        "domain": "domain",
                        "asset": "asset",
                        "bandwidth_request": "request",
                    }
                    submit(
                        **{kwargs[submit_key]: obj, "user": request.user, "note": form.cleaned_data["note"]}
                    )
                except DomainError as error:
                    form.add_error(None, error.message)
                    status = 400
                else:
                    messages.success(
                        request, _("Permohonan dikirim; keputusan dapat dilihat di halaman ini.")
                    )
                    return redirect(obj.get_absolute_url())
            else:
                status = 400
        return shell.render("infrastructure/request.html", {"form": form}, status=status)

    return view


for _model, _key in (
    (AddressRequest, "address_request"),
    (Domain, "domain"),
    (Asset, "asset"),
    (BandwidthRequest, "bandwidth_request"),
):
    register_tab(
        _model,
        "request",
        REQUEST_LABELS[_model],
        path="request/",
        permission=permissions.CHANGE,
        check=_may_request,
        in_tabs=False,
    )(_request_view(_key))
    register_action(
        _model,
        "request",
        REQUEST_LABELS[_model],
        lambda obj: reverse(f"infrastructure:{obj._meta.model_name}_request", args=[obj.pk]),
        permission=permissions.CHANGE,
        check=_may_request,
    )
    register_panel(
        _model,
        "approvals",
        gettext_lazy("Riwayat persetujuan"),
        "infrastructure/_approvals.html",
        _approvals_context,
    )


# --- The yearly asset report as an official letter ------------------------------------------------


def _may_issue(user, report) -> bool:
    return services.may_allocate(user)


def _issued(user, report) -> bool:
    return report.document_id is not None


@register_tab(
    AssetReport,
    "issue",
    gettext_lazy("Terbitkan laporan resmi"),
    path="issue/",
    permission=permissions.VIEW,
    check=_may_issue,
    in_tabs=False,
)
def asset_report_issue(request, report, shell):
    if request.method == "POST":
        try:
            services.asset_report_issue(report=report, user=request.user)
        except DomainError as error:
            return shell.render(
                "infrastructure/asset_report_issue.html", {"error": error.message}, status=400
            )
        messages.success(request, _("Laporan aset TIK diterbitkan dan ditandatangani."))
        return redirect(report.get_absolute_url())
    return shell.render("infrastructure/asset_report_issue.html")


@register_tab(
    AssetReport,
    "pdf",
    gettext_lazy("Unduh laporan resmi (PDF)"),
    path="pdf/",
    permission=permissions.VIEW,
    check=_issued,
    in_tabs=False,
)
def asset_report_pdf(request, report, shell):
    from spbe.core import documents

    response = HttpResponse(documents.read_copy(report.document), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="laporan-aset-tik-{report.year}.pdf"'
    return response


register_action(
    AssetReport,
    "issue",
    gettext_lazy("Terbitkan laporan resmi (PDF)"),
    lambda r: reverse("infrastructure:assetreport_issue", args=[r.pk]),
    permission=permissions.VIEW,
    check=_may_issue,
)
register_action(
    AssetReport,
    "pdf",
    gettext_lazy("Unduh laporan resmi (PDF)"),
    lambda r: reverse("infrastructure:assetreport_pdf", args=[r.pk]),
    permission=permissions.VIEW,
    check=_issued,
)


# --- The network drawn from the inventory ---------------------------------------------------------


@login_required
def network_map(request):
    """The regency's network as recorded (WAN links, facilities, agencies' local networks and
    prefixes), drawn server-side as SVG: compare it with the diagrams agencies submit."""
    agency = request.GET.get("agency") or ""
    data = diagram.inventory(request.user, agency_id=int(agency) if agency.isdigit() else None)
    if request.GET.get("format") == "svg":
        response = HttpResponse(diagram.svg(data), content_type="image/svg+xml; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="jaringan.svg"'
        return response
    agencies = Agency.objects.order_by("name").only("id", "name", "short_name")
    return render(
        request,
        "infrastructure/network_map.html",
        {"data": data, "svg": diagram.svg(data), "agencies": agencies, "agency": agency},
    )


@login_required
def index(request):
    return redirect("infrastructure:server_list")
