"""Infrastructure demo for the demo regency (Parigi Moutong): the data centre with its racks, the
recovery centre 38 km away, the national data centre; servers placed there (colocation, VPS) and
the unhappy cases the compliance dashboard should show: a Dinas Kesehatan server in its own room
(not ICT-autonomous, Pasal 15 ayat (9)), an address-block request refused because it overlapped
another agency's block, a local-network diagram more than a year old, a backup plan never proven
by a restore, a device bought without the ICT office's recommendation, an expired TLS certificate.

Idempotent: a second run finds the data centre and leaves everything as it is. Dates are relative
to today."""

import datetime
import hashlib
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from spbe.core import approvals
from spbe.org.models import Agency, Government

from . import services
from .choices import (
    AssetCondition,
    AssetStatus,
    DiagramReason,
    DomainKind,
    FacilityKind,
    FacilityStandard,
    Hosting,
    LinkStatus,
    PrefixStatus,
    RunResult,
    ServerKind,
    ServerStatus,
    WanMedium,
)
from .models import (
    VLAN,
    AccessPolicy,
    AddressRequest,
    Asset,
    BackupPlan,
    BackupRun,
    BandwidthAllocation,
    BandwidthRequest,
    Domain,
    Facility,
    InfrastructureReview,
    LocalNetwork,
    Mailbox,
    NetworkDiagram,
    Prefix,
    Rack,
    RestoreTest,
    Server,
    WanLink,
)

DOMAIN = "parigimoutongkab.go.id"


def _ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def _save(record):
    record.full_clean()
    record.save()
    return record


def _pdf(text: str) -> bytes:
    return f"%PDF-1.4\n% {text}\n%%EOF\n".encode()


@transaction.atomic
def build(stdout=None):
    gov = Government.objects.filter(domain=DOMAIN).first()
    if gov is None:
        return
    if Facility.objects.filter(kind=FacilityKind.DATA_CENTER, agency__government=gov).exists():
        if stdout:
            stdout.write("  infrastruktur demo sudah ada: dipakai ulang")
        return
    users = {u.username: u for u in get_user_model().objects.all()}
    kominfo, admin = users.get("kominfo"), users.get("admin")
    ag = {a.short_name: a for a in Agency.objects.filter(government=gov)}
    office = ag["Diskominfo"]
    facilities = _facilities(office, ag)
    servers = _servers(ag, facilities)
    _numbering(ag, servers, kominfo)
    _networks(ag, facilities)
    _bandwidth(ag)
    _requests(ag, users, kominfo)
    _bandwidth_requests(ag, users, kominfo)
    _backups(ag, servers, facilities)
    _names(ag, servers, users, kominfo)
    _assets(ag, users, kominfo)
    InfrastructureReview.objects.create(
        document="data_center",
        date=_ago(40),
        findings="Beban listrik rak R02 mendekati 80%; dua server PD belum berpindah ke pusat data.",
        follow_up="Penambahan PDU pada triwulan berikut; surat kepada Dinas Kesehatan.",
        created_by=admin,
    )
    if stdout:
        stdout.write(
            f"  infrastruktur: {Server.objects.count()} server, {Prefix.objects.count()} prefiks, "
            f"{WanLink.objects.count()} tautan WAN, {BackupPlan.objects.count()} rencana pencadangan"
        )


def _facilities(office, ag) -> dict:
    dc = _save(
        Facility(
            agency=office,
            name="Pusat Data Pemkab Parigi Moutong",
            kind=FacilityKind.DATA_CENTER,
            location="Kantor Diskominfo, Jl. Trans Sulawesi, Parigi",
            standard=FacilityStandard.SNI,
            standard_reference="SNI 8799-1:2019 (penilaian mandiri 2025)",
            tier="2",
            power_notes="PLN 66 kVA, UPS 2 x 20 kVA, genset 100 kVA",
            cooling_notes="2 AC presisi N+1",
            uptime_target=Decimal("99.741"),
        )
    )
    drc = _save(
        Facility(
            agency=office,
            name="Pusat Pemulihan Data Ampibabo",
            kind=FacilityKind.RECOVERY_CENTER,
            location="Kantor Kecamatan Ampibabo",
            primary=dc,
            distance_km=Decimal("38.0"),
            risk_separation="Di luar zona banjir Sungai Parigi dan di gardu listrik yang berbeda.",
        )
    )
    national = _save(
        Facility(name="Pusat Data Nasional (PDN)", kind=FacilityKind.NATIONAL, location="Jakarta")
    )
    room = _save(
        Facility(
            agency=ag["Dinkes"],
            name="Ruang server Dinas Kesehatan",
            kind=FacilityKind.AGENCY_ROOM,
            location="Lantai 2",
        )
    )
    rsud_room = _save(
        Facility(
            agency=ag["RSUD"],
            name="Ruang server RSUD Anuntaloko",
            kind=FacilityKind.AGENCY_ROOM,
            location="Gedung SIMRS",
        )
    )
    racks = [_save(Rack(facility=dc, name=f"R0{i}", units=42, power_kw=Decimal("5.0"))) for i in (1, 2)]
    return {"dc": dc, "drc": drc, "national": national, "room": room, "rsud_room": rsud_room, "racks": racks}


def _servers(ag, f) -> dict:
    dc, r1, r2 = f["dc"], f["racks"][0], f["racks"][1]
    hv = [
        _save(
            Server(
                agency=ag["Diskominfo"],
                name=f"hv0{i}",
                kind=ServerKind.PHYSICAL,
                hosting=Hosting.ICT_OFFICE,
                facility=dc,
                rack=r1,
                rack_unit=10 + 2 * i,
                operating_system="Proxmox VE 8",
                role="hypervisor",
                cpu_cores=32,
                memory_gb=256,
                storage_gb=8000,
                uptime_target=Decimal("99.9"),
            )
        )
        for i in (1, 2)
    ]
    out = {"hv1": hv[0], "hv2": hv[1]}
    vps = [
        ("Diskominfo", "spbe-app", "Debian 12", "platform SPBE"),
        ("Diskominfo", "web-portal", "Debian 12", "web"),
        ("Disdukcapil", "vps-sidukcapil", "Ubuntu 22.04", "aplikasi"),
        ("BKPSDM", "vps-simpeg", "Debian 12", "aplikasi"),
        ("Bapenda", "vps-pajak", "Ubuntu 22.04", "aplikasi dan basis data"),
        ("Bappeda", "vps-perencanaan", "Debian 12", "aplikasi"),
    ]
    for i, (short, name, os_name, role) in enumerate(vps):
        out[name] = _save(
            Server(
                agency=ag[short],
                name=name,
                kind=ServerKind.VIRTUAL,
                hosting=Hosting.ICT_OFFICE if short == "Diskominfo" else Hosting.VPS,
                facility=dc,
                host=hv[i % 2],
                operating_system=os_name,
                role=role,
                cpu_cores=4,
                memory_gb=8,
                storage_gb=200,
                uptime_target=Decimal("99.5"),
            )
        )
    out["colo-bpkad"] = _save(
        Server(
            agency=ag["BPKAD"],
            name="colo-sipd",
            kind=ServerKind.PHYSICAL,
            hosting=Hosting.COLOCATION,
            facility=dc,
            rack=r2,
            rack_unit=20,
            operating_system="Windows Server 2019",
            role="keuangan",
            uptime_target=Decimal("99.5"),
        )
    )
    # Unhappy: Dinas Kesehatan is not ICT-autonomous and keeps a server in its own room.
    out["dinkes"] = _save(
        Server(
            agency=ag["Dinkes"],
            name="srv-sikda",
            kind=ServerKind.PHYSICAL,
            hosting=Hosting.OWN,
            facility=f["room"],
            operating_system="CentOS 7",
            role="aplikasi kesehatan",
            notes="Belum dipindahkan ke pusat data.",
        )
    )
    # Allowed: RSUD is ICT-autonomous (Pasal 15 ayat (10)).
    out["rsud"] = _save(
        Server(
            agency=ag["RSUD"],
            name="srv-simrs",
            kind=ServerKind.PHYSICAL,
            hosting=Hosting.OWN,
            facility=f["rsud_room"],
            operating_system="Ubuntu 22.04",
            role="SIMRS",
            uptime_target=Decimal("99.9"),
            coordinated=True,
        )
    )
    _save(
        Server(
            agency=ag["Dishub"],
            name="vps-parkir",
            kind=ServerKind.VIRTUAL,
            hosting=Hosting.VPS,
            facility=dc,
            host=hv[1],
            status=ServerStatus.PLANNED,
            operating_system="Debian 12",
            role="aplikasi",
        )
    )
    _link_applications(out)
    return out


def _link_applications(servers: dict) -> None:
    """Each agency's VPS hosts that agency's applications in production (the applications demo may
    or may not have made any)."""
    application_model = Server._meta.get_field("applications").related_model
    for server in servers.values():
        if (
            server.kind == ServerKind.VIRTUAL
            and server.agency.short_name != "Diskominfo"
            or server.name == "srv-sikda"
        ):
            apps = application_model.objects.filter(agency=server.agency).order_by("name")[:3]
            server.applications.set(apps)


def _numbering(ag, servers, kominfo) -> None:
    private = _save(
        Prefix(prefix="10.70.0.0/16", status=PrefixStatus.CONTAINER, description="Jaringan intra Pemkab")
    )
    public = _save(
        Prefix(prefix="103.147.8.0/24", status=PrefixStatus.CONTAINER, description="IP publik dari APJII")
    )
    dmz = services.prefix_allocate_next(
        container=public, length=27, agency=ag["Diskominfo"], user=kominfo, description="DMZ pusat data"
    )
    server_block = services.prefix_allocate_next(
        container=private,
        length=24,
        agency=ag["Diskominfo"],
        user=kominfo,
        description="Segmen server pusat data",
    )
    vlans = {10: _save(VLAN(vid=10, name="SERVER", assigned_to=ag["Diskominfo"]))}
    server_block.vlan = vlans[10]
    server_block.save()
    for i, short in enumerate(
        ("Disdukcapil", "BKPSDM", "Bapenda", "Dinkes", "RSUD", "BPKAD", "Bappeda", "Dishub")
    ):
        vlans[20 + i] = _save(VLAN(vid=20 + i, name=f"LAN-{short.upper()}", assigned_to=ag[short]))
        block = services.prefix_allocate_next(
            container=private, length=24, agency=ag[short], user=kominfo, description=f"LAN {short}"
        )
        block.vlan = vlans[20 + i]
        block.save()
        for _n in range(12 + 3 * i):
            services.address_allocate_next(prefix=block, user=kominfo, description="perangkat pengguna")
    for server in servers.values():
        if server.status == ServerStatus.ACTIVE and server.facility and server.facility.is_data_center:
            services.address_allocate_next(
                prefix=server_block, user=kominfo, server=server, dns_name=f"{server.name}.{DOMAIN}"
            )
    for name in ("web-portal", "spbe-app"):
        services.address_allocate_next(
            prefix=dmz, user=kominfo, server=servers[name], dns_name=f"{name}.{DOMAIN}"
        )


def _networks(ag, f) -> None:
    dc = f["dc"]
    links = [
        ("FO Diskominfo - Disdukcapil", "Disdukcapil", WanMedium.FIBRE, 1000, LinkStatus.ACTIVE),
        ("FO Diskominfo - BKPSDM", "BKPSDM", WanMedium.FIBRE, 1000, LinkStatus.ACTIVE),
        ("FO Diskominfo - Bapenda", "Bapenda", WanMedium.FIBRE, 1000, LinkStatus.ACTIVE),
        ("FO Diskominfo - BPKAD", "BPKAD", WanMedium.FIBRE, 1000, LinkStatus.ACTIVE),
        ("Radio Dinkes", "Dinkes", WanMedium.RADIO, 100, LinkStatus.ACTIVE),
        ("FO RSUD Anuntaloko", "RSUD", WanMedium.FIBRE, 1000, LinkStatus.ACTIVE),
        ("Radio Dishub", "Dishub", WanMedium.RADIO, 50, LinkStatus.DOWN),
        ("Sewa MPLS Bappeda", "Bappeda", WanMedium.LEASED, 200, LinkStatus.ACTIVE),
    ]
    for name, short, medium, capacity, status in links:
        _save(
            WanLink(
                name=name,
                a_agency=ag[short],
                b_facility=dc,
                medium=medium,
                capacity_mbps=capacity,
                status=status,
                provider="Telkom" if medium == WanMedium.LEASED else "Diskominfo",
            )
        )
    _save(
        WanLink(
            name="Interkoneksi PDN",
            a_agency=ag["Diskominfo"],
            b_facility=f["national"],
            medium=WanMedium.LEASED,
            capacity_mbps=500,
            provider="Kementerian Komdigi",
        )
    )
    lans = {}
    for short, devices in (("Disdukcapil", 85), ("Dinkes", 60), ("BKPSDM", 40), ("Bapenda", 55)):
        prefix = Prefix.objects.filter(assigned_to=ag[short]).first()
        lans[short] = _save(
            LocalNetwork(
                agency=ag[short],
                name=f"LAN Kantor {short}",
                location="Gedung kantor",
                prefix=prefix,
                vlan=prefix.vlan if prefix else None,
                switches=4,
                access_points=6,
                end_devices=devices,
                last_changed_on=_ago(200),
            )
        )
    for short, days in (
        ("Disdukcapil", 30),
        ("BKPSDM", 150),
        ("Dinkes", 430),
    ):  # Dinkes: more than a year old
        diagram = NetworkDiagram(
            agency=ag[short], local_network=lans[short], submitted_on=_ago(days), reason=DiagramReason.YEARLY
        )
        diagram.file.save(
            f"diagram-lan-{short.lower()}.pdf", ContentFile(_pdf(f"Diagram LAN {short}")), save=False
        )
        _save(diagram)


def _bandwidth(ag) -> None:
    """Bandwidth per agency and the access policy, each set by a decision of the head of the ICT
    office (Sigi Pasal 14 ayat (4)); Disdukcapil's allocation was raised by a later decision, which
    replaces the first one in its history. Dishub has none yet (the check names it)."""
    first = "500/014/Diskominfo/" + str(_ago(400).year)
    for link_name, short, down, up in (
        ("FO Diskominfo - Disdukcapil", "Disdukcapil", 100, 50),
        ("FO Diskominfo - BKPSDM", "BKPSDM", 50, 20),
        ("FO Diskominfo - Bapenda", "Bapenda", 100, 50),
        ("FO Diskominfo - BPKAD", "BPKAD", 100, 50),
        ("Radio Dinkes", "Dinkes", 30, 10),
        ("FO RSUD Anuntaloko", "RSUD", 200, 100),
        ("Sewa MPLS Bappeda", "Bappeda", 50, 20),
    ):
        _save(
            BandwidthAllocation(
                agency=ag[short],
                wan_link=WanLink.objects.get(name=link_name),
                download_mbps=down,
                upload_mbps=up,
                effective_from=_ago(380),
                decision_number=first,
                decision_date=_ago(400),
                decided_by="Kepala Dinas Kominfo",
            )
        )
    _save(
        BandwidthAllocation(
            agency=ag["Disdukcapil"],
            wan_link=WanLink.objects.get(name="FO Diskominfo - Disdukcapil"),
            download_mbps=200,
            upload_mbps=100,
            effective_from=_ago(60),
            decision_number="500/052/Diskominfo/" + str(_ago(70).year),
            decision_date=_ago(70),
            decided_by="Kepala Dinas Kominfo",
            notes="Layanan KTP-el daring di kecamatan.",
        )
    )
    _save(
        AccessPolicy(
            agency=None,
            blocked_categories=["gambling", "pornography", "radicalism", "malware", "proxy", "file_sharing"],
            blocked_sites="slot-gacor.example\nbandar-togel.example\nunduh-film-gratis.example",
            limited_sites="youtube.com\nfacebook.com\ntiktok.com",
            access_from=datetime.time(12, 0),
            access_until=datetime.time(13, 0),
            effective_from=_ago(300),
            decision_number="Keputusan Bupati 100.3.3.2/118/" + str(_ago(320).year),
            decision_date=_ago(320),
            decided_by="Bupati",
            notes="Media sosial hanya pada jam istirahat.",
        )
    )
    _save(
        AccessPolicy(
            agency=ag["Diskominfo"],
            blocked_categories=["gambling", "pornography", "radicalism", "malware"],
            blocked_sites="slot-gacor.example\nbandar-togel.example",
            effective_from=_ago(300),
            decision_number="500/031/Diskominfo/" + str(_ago(310).year),
            decision_date=_ago(310),
            decided_by="Kepala Dinas Kominfo",
            notes="Humas dan tim keamanan memerlukan media sosial dan alat pengujian sepanjang jam kerja.",
        )
    )


def _requests(ag, users, kominfo) -> None:
    requester = users.get("admin.dinkes") or users.get("admin")
    private = Prefix.objects.get(prefix="10.70.0.0/16")
    overlap = AddressRequest.objects.create(
        agency=ag["Dinkes"],
        purpose="Jaringan puskesmas memakai 10.70.3.0/24 yang sudah dipasang vendor",
        length=24,
        container=private,
        created_by=requester,
    )
    request = services.address_request_submit(
        request=overlap, user=requester, note="Vendor sudah memasang 10.70.3.0/24 di puskesmas."
    )
    approvals.approval_decide(
        request=request,
        user=kominfo,
        approve=False,
        reason="Ditolak: 10.70.3.0/24 tumpang tindih dengan blok yang dialokasikan ke BKPSDM. Ajukan tanpa menyebut blok; Dinas mengalokasikan blok bebas.",
    )
    clerk = users.get("admin.disdukcapil") or users.get("admin")
    pending = AddressRequest.objects.create(
        agency=ag["Disdukcapil"],
        purpose="Layanan adminduk di 5 kantor kecamatan",
        length=26,
        created_by=clerk,
    )
    services.address_request_submit(
        request=pending, user=clerk, note="Lima kantor kecamatan masing-masing 10 perangkat."
    )


def _bandwidth_requests(ag, users, kominfo) -> None:
    """Bapenda's request was approved (the approval is its new allocation, replacing the first
    decision); Dinkes's waits in the ICT office's approvals inbox."""
    for short, link, down, up, reason, decided in (
        (
            "Bapenda",
            "FO Diskominfo - Bapenda",
            300,
            100,
            "Pembayaran pajak daerah daring dan e-SPTPD dipakai seluruh wajib pajak sejak awal tahun.",
            True,
        ),
        (
            "Dinkes",
            "Radio Dinkes",
            80,
            30,
            "Telekonsultasi puskesmas dengan RSUD memerlukan video dua arah pada jam layanan.",
            False,
        ),
    ):
        requester = users.get(f"admin.{short.lower()}") or users.get("admin")
        wanted = _save(
            BandwidthRequest(
                agency=ag[short],
                wan_link=WanLink.objects.get(name=link),
                download_mbps=down,
                upload_mbps=up,
                reason=reason,
                starts_on=_ago(5) if decided else _ago(-7),
                created_by=requester,
            )
        )
        request = services.bandwidth_request_submit(request=wanted, user=requester, note=reason)
        if decided:
            approvals.approval_decide(
                request=request, user=kominfo, approve=True, reason="Kapasitas tautan mencukupi."
            )


def _backups(ag, servers, f) -> None:
    platform = _save(
        BackupPlan(
            agency=ag["Diskominfo"],
            name=services.PLATFORM_PLAN_NAME,  # the plan `spbe backup` records its runs under
            server=servers["spbe-app"],
            contents="Basis data PostgreSQL dan berkas unggahan platform",
            target=f["drc"],
            offsite_copy=True,
            offsite_location="Pusat Pemulihan Data Ampibabo",
            retention_days=90,
            restore_every_months=6,
        )
    )
    simpeg = _save(
        BackupPlan(
            agency=ag["BKPSDM"],
            name="Basis data SIMPEG",
            server=servers["vps-simpeg"],
            contents="Basis data kepegawaian",
            target=f["dc"],
            offsite_copy=True,
            offsite_location="Pusat Pemulihan Data Ampibabo",
            restore_every_months=12,
        )
    )
    # Unhappy: backed up every day, never restored.
    never = _save(
        BackupPlan(
            agency=ag["Disdukcapil"],
            name="Data kependudukan daerah",
            server=servers["vps-sidukcapil"],
            contents="Basis data layanan adminduk daerah",
            target=f["dc"],
            restore_every_months=12,
        )
    )
    for plan in (platform, simpeg, never):
        for days in (1, 2, 3, 8, 30):
            digest = hashlib.sha256(f"{plan.name}-{days}".encode()).hexdigest()
            BackupRun.objects.create(
                plan=plan,
                run_on=_ago(days),
                result=RunResult.SUCCESS,
                size_mb=1200 + days,
                checksum=digest,
                location=str(plan.target),
            )
    BackupRun.objects.create(
        plan=never, run_on=_ago(4), result=RunResult.FAILED, notes="Disk cadangan penuh."
    )
    for plan, days in ((platform, 20), (simpeg, 90)):
        run = plan.runs.order_by("-run_on").last()
        RestoreTest.objects.create(
            plan=plan,
            backup_run=run,
            tested_on=_ago(days),
            result=RunResult.SUCCESS,
            duration_minutes=35,
            checksums_match=True,
            notes="Dipulihkan ke mesin uji; jumlah baris dan checksum sama.",
        )


def _names(ag, servers, users, kominfo) -> None:
    official = services.official_domain(ag["Diskominfo"])  # the regulation's domain (Pasal 26)
    granted = [
        ("Disdukcapil", "dukcapil", "Layanan administrasi kependudukan", "vps-sidukcapil", 200),
        ("BKPSDM", "simpeg", "Sistem informasi kepegawaian", "vps-simpeg", 90),
        ("Bapenda", "pajak", "Pajak daerah online", "vps-pajak", -12),  # Unhappy: TLS expired
    ]
    for short, sub, purpose, host, tls_days in granted:
        domain = _save(
            Domain(
                agency=ag[short],
                name=f"{sub}.{official}",
                purpose=purpose,
                server=servers[host],
                tls_expires_on=timezone.localdate() + datetime.timedelta(days=tls_days),
            )
        )
        requester = users.get(f"admin.{short.lower()}") or users.get("admin")
        request = services.domain_request_submit(
            domain=domain, user=requester, note=f"Subdomain untuk {purpose.lower()}."
        )
        decider = kominfo if requester != kominfo else users.get("admin")
        while request.status == "pending":
            request = approvals.approval_decide(
                request=request, user=decider, approve=True, reason="Sesuai ketentuan."
            )
    _save(
        Domain(
            agency=ag["Dispar"],
            name="festivalteluktomini.id",
            kind=DomainKind.SPECIAL,
            purpose="Situs festival pariwisata tahunan",
        )
    )
    for short, local, holder in (
        ("Diskominfo", "diskominfo", "Sekretariat Diskominfo"),
        ("Disdukcapil", "disdukcapil", "Sekretariat Disdukcapil"),
        ("Dinkes", "dinkes", "Sekretariat Dinas Kesehatan"),
        ("BKPSDM", "bkpsdm", "Sekretariat BKPSDM"),
    ):
        _save(
            Mailbox(
                agency=ag[short],
                address=f"{local}@{official}",
                holder=holder,
                position="Surat-menyurat dinas",
            )
        )


def _assets(ag, users, kominfo) -> None:
    rows = [
        (
            "Diskominfo",
            "TIK-2023-001",
            "Server hypervisor hv01",
            "server",
            AssetStatus.IN_USE,
            900,
            285_000_000,
            "Pusat data",
        ),
        (
            "Diskominfo",
            "TIK-2023-002",
            "Server hypervisor hv02",
            "server",
            AssetStatus.IN_USE,
            900,
            285_000_000,
            "Pusat data",
        ),
        (
            "Diskominfo",
            "TIK-2019-014",
            "Switch inti lama",
            "network",
            AssetStatus.DISPOSED,
            2400,
            95_000_000,
            "Gudang",
        ),
        (
            "Disdukcapil",
            "DKC-2024-010",
            "Komputer layanan loket",
            "computer",
            AssetStatus.IN_USE,
            500,
            14_500_000,
            "Loket 1",
        ),
        (
            "Dinkes",
            "DKS-2025-003",
            "Server SIKDA",
            "server",
            AssetStatus.IN_USE,
            300,
            120_000_000,
            "Ruang server Dinkes",
        ),
        (
            "BKPSDM",
            "BKP-2026-001",
            "Pemindai dokumen arsip",
            "other",
            AssetStatus.PLANNED,
            0,
            35_000_000,
            "Ruang arsip",
        ),
        (
            "Bapenda",
            "BPD-2025-005",
            "Lisensi basis data",
            "software",
            AssetStatus.IN_USE,
            200,
            60_000_000,
            "VPS pajak",
        ),
    ]
    for short, tag, name, category, status, days, cost, location in rows:
        acquired = _ago(days) if days else None
        asset = Asset(
            agency=ag[short],
            tag=tag,
            name=name,
            category=category,
            status=status,
            cost=Decimal(cost),
            acquired_on=acquired,
            location=location,
            useful_life_years=4,
            disposed_on=_ago(30) if status == AssetStatus.DISPOSED else None,
            holder="Operator loket" if tag == "DKC-2024-010" else "",
            accepted_on=acquired if tag == "DKC-2024-010" else None,
            condition=AssetCondition.MINOR_DAMAGE if tag == "TIK-2019-014" else AssetCondition.GOOD,
        )
        _save(asset)
        if tag in ("DKC-2024-010", "BKP-2026-001"):  # recommended before purchase; DKS-2025-003 was not
            requester = users.get(f"admin.{short.lower()}") or users.get("admin")
            original = asset.status
            asset.status = AssetStatus.PLANNED
            request = services.asset_recommendation_submit(
                asset=asset, user=requester, note="Penggantian perangkat yang rusak."
            )
            asset.status = original
            if tag == "DKC-2024-010":
                approvals.approval_decide(
                    request=request, user=kominfo, approve=True, reason="Spesifikasi sesuai."
                )
    report = services.asset_report_make(
        year=timezone.localdate().year - 1,
        user=kominfo,
        number="027/112/Diskominfo",
        summary="Aset TIK tercatat; dua server PD belum di pusat data.",
    )
    if kominfo is not None:
        services.asset_report_issue(report=report, user=kominfo)
