from django.utils.translation import gettext_lazy as _

from spbe.core.tables import Column, Table

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

OPTIONAL = "infrastructure records: a regency holds hundreds"


class FacilityTable(Table):
    model = Facility
    unindexed_sorts = {"agency": OPTIONAL}
    name = Column(link=True)
    kind = Column()
    agency = Column(accessor="agency.short_name", label=_("PD pengelola"))
    standard = Column()
    tier = Column()
    location = Column(default=False)


class RackTable(Table):
    model = Rack
    name = Column(link=True)
    facility = Column(accessor="facility.name", label=_("Fasilitas"))
    units = Column()


class ServerTable(Table):
    model = Server
    unindexed_sorts = {"facility": OPTIONAL}
    name = Column(link=True)
    agency = Column(accessor="agency.short_name", label=_("PD pemilik"))
    kind = Column()
    hosting = Column()
    facility = Column(accessor="facility.name", label=_("Fasilitas"))
    status = Column()
    operating_system = Column(default=False)
    role = Column(default=False)
    uptime_target = Column(default=False)
    coordinated = Column(default=False)


class VLANTable(Table):
    model = VLAN
    unindexed_sorts = {"assigned_to": OPTIONAL}
    vid = Column(link=True)
    name = Column()
    assigned_to = Column(accessor="assigned_to.short_name", label=_("Dipakai oleh PD"))


class PrefixTable(Table):
    model = Prefix
    unindexed_sorts = {"assigned_to": "prefixes: a few thousand per province"}
    prefix = Column(link=True, order_by="first_key")
    status = Column()
    scope = Column()
    assigned_to = Column(accessor="assigned_to.short_name", label=_("Dialokasikan ke PD"))
    length = Column(default=False)
    description = Column()


class IPAddressTable(Table):
    model = IPAddress
    unindexed_sorts = {
        "assigned_to": "sorted within a filter on one agency in practice",
        "server": "sorted within a filter on one agency in practice",
    }
    address = Column(link=True, order_by="key")
    status = Column()
    scope = Column()
    assigned_to = Column(accessor="assigned_to.short_name", label=_("Dialokasikan ke PD"))
    server = Column(accessor="server.name", label=_("Host"))
    dns_name = Column()
    description = Column(default=False)


class AddressRequestTable(Table):
    model = AddressRequest
    purpose = Column(link=True)
    agency = Column(accessor="agency.short_name", label=_("PD pemohon"))
    length = Column()
    allocated = Column(accessor="allocated.prefix", label=_("Prefiks yang dialokasikan"), order_by=None)
    created = Column(label=_("Diajukan"))


class WanLinkTable(Table):
    model = WanLink
    unindexed_sorts = {"b_agency": OPTIONAL}
    name = Column(link=True)
    a_agency = Column(accessor="a_agency.short_name", label=_("Ujung A"))
    b_agency = Column(accessor="b_agency.short_name", label=_("Ujung B"))
    medium = Column()
    capacity_mbps = Column()
    status = Column()
    provider = Column(default=False)


class LocalNetworkTable(Table):
    model = LocalNetwork
    name = Column(link=True)
    agency = Column(accessor="agency.short_name", label=_("Perangkat daerah"))
    location = Column()
    switches = Column(default=False)
    access_points = Column(default=False)
    end_devices = Column()
    last_changed_on = Column()


class NetworkDiagramTable(Table):
    model = NetworkDiagram
    submitted_on = Column(link=True)
    agency = Column(accessor="agency.short_name", label=_("Perangkat daerah"))
    reason = Column()
    notes = Column(default=False, order_by=None)


class BackupPlanTable(Table):
    model = BackupPlan
    name = Column(link=True)
    agency = Column(accessor="agency.short_name", label=_("Perangkat daerah"))
    frequency = Column()
    retention_days = Column()
    offsite_copy = Column()
    offsite_location = Column()
    restore_every_months = Column()
    active = Column(default=False)


class BackupRunTable(Table):
    model = BackupRun
    run_on = Column(link=True)
    plan = Column(accessor="plan.name", label=_("Rencana pencadangan"))
    agency = Column(accessor="plan.agency.short_name", label=_("Perangkat daerah"))
    result = Column()
    size_mb = Column(default=False)


class RestoreTestTable(Table):
    model = RestoreTest
    tested_on = Column(link=True)
    plan = Column(accessor="plan.name", label=_("Rencana pencadangan"))
    agency = Column(accessor="plan.agency.short_name", label=_("Perangkat daerah"))
    result = Column()
    checksums_match = Column()
    duration_minutes = Column(default=False)


class InfrastructureReviewTable(Table):
    model = InfrastructureReview
    date = Column(link=True)
    document = Column()


class DomainTable(Table):
    model = Domain
    name = Column(link=True)
    agency = Column(accessor="agency.short_name", label=_("PD pemohon"))
    kind = Column()
    status = Column()
    tls_expires_on = Column()


class MailboxTable(Table):
    model = Mailbox
    address = Column(link=True)
    agency = Column(accessor="agency.short_name", label=_("Perangkat daerah"))
    holder = Column()
    position = Column(default=False)
    status = Column()


class AssetTable(Table):
    model = Asset
    tag = Column(link=True)
    name = Column()
    agency = Column(accessor="agency.short_name", label=_("Perangkat daerah"))
    category = Column()
    status = Column()
    condition = Column(default=False)
    source = Column(default=False)
    holder = Column(default=False)
    location = Column(default=False)
    acquired_on = Column()
    cost = Column(default=False)
    book_value = Column(
        label=_("Nilai buku (Rp)"),
        render=lambda asset: asset.book_value(),
        needs=("cost", "acquired_on", "disposed_on", "useful_life_years"),
        default=False,
    )


class AssetReportTable(Table):
    model = AssetReport
    year = Column(link=True)
    reported_on = Column()
    number = Column()
    asset_count = Column()
    book_value = Column()


class BandwidthAllocationTable(Table):
    model = BandwidthAllocation
    unindexed_sorts = {"wan_link": "allocations: one or two per agency and link"}
    effective_from = Column(link=True)
    agency = Column(accessor="agency.short_name", label=_("PD"))
    wan_link = Column(accessor="wan_link.name", label=_("Tautan"))
    download_mbps = Column()
    upload_mbps = Column()
    decision_number = Column()
    decision_date = Column(default=False)
    replaces = Column(
        accessor="replaces.decision_number", label=_("Menggantikan"), order_by=None, default=False
    )
    notes = Column(default=False, order_by=None)  # the one field a recorded decision may still change


class BandwidthRequestTable(Table):
    model = BandwidthRequest
    created = Column(link=True, label=_("Diajukan"))
    agency = Column(accessor="agency.short_name", label=_("PD pemohon"))
    download_mbps = Column()
    upload_mbps = Column()
    starts_on = Column()
    ends_on = Column(order_by=None)
    allocation = Column(
        accessor="allocation.decision_number", label=_("Alokasi yang ditetapkan"), order_by=None
    )


class AccessPolicyTable(Table):
    model = AccessPolicy
    unindexed_sorts = {"agency": "policies: a few per agency"}
    effective_from = Column(link=True)
    agency = Column(accessor="agency.short_name", label=_("PD"))
    access_from = Column()
    access_until = Column()
    decision_number = Column()
    decision_date = Column(default=False)
    replaces = Column(accessor="replaces.decision_number", label=_("Menggantikan"), order_by=None)
    notes = Column(default=False, order_by=None)  # the one field a recorded decision may still change
