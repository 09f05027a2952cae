"""Planning demo for the demo regency (Parigi Moutong): an architecture and a roadmap for 2025-2029
set by decree, budgets for 2025 and 2026 (some lines without a roadmap activity), business processes
(some reviewed within the year, some not), reviews of the architecture and the roadmap, agency ICT
needs (some consolidated) and the catalog of SPBE services.

Idempotent: a second run finds the architecture and leaves everything as it is. Dates of reviews and
needs are relative to today, so the yearly review obligations are met whenever the demo is built.
"""

import datetime
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from spbe.core.datafiles import read_yaml
from spbe.org.choices import DecreeKind
from spbe.org.models import Agency, Decree, Government

from . import references, services
from .choices import (
    DOMAIN_REFERENCE,
    ArchitectureDomain,
    DocumentStatus,
    NeedStatus,
    ReviewedDocument,
    ReviewReason,
)
from .models import (
    AgencyNeed,
    Architecture,
    ArchitectureItem,
    BudgetLine,
    BusinessProcess,
    ReferenceModel,
    Review,
    Roadmap,
    RoadmapItem,
    Service,
)

START, END = 2025, 2029

DATA = Path(__file__).resolve().parent / "data" / "demo.yaml"


def load_data() -> dict:
    """The demo's records (architecture items, roadmap, budget, processes, services, needs)."""
    return read_yaml(DATA)


def _ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


@transaction.atomic
def build(stdout=None):
    gov = Government.objects.filter(domain="parigimoutongkab.go.id").first()
    if gov is None:
        return
    if Architecture.objects.filter(government=gov).exists():
        if stdout:
            stdout.write("  perencanaan demo sudah ada: dipakai ulang")
        return
    references.sync_national()
    data = load_data()
    User = get_user_model()
    kominfo = User.objects.filter(username="kominfo").first()
    agencies = {a.short_name: a for a in Agency.objects.filter(government=gov)}
    hukum = agencies["Bag. Hukum"]
    national = {(r.kind, r.code): r for r in ReferenceModel.objects.filter(government__isnull=True)}

    def decree(number, date, title):
        return Decree.objects.create(
            agency=hukum, kind=DecreeKind.REGENT, number=number, date=date, title=title, classification="open"
        )

    arch_decree = decree(
        "188.45/0411/2025", datetime.date(2025, 7, 21), "Arsitektur SPBE Kabupaten Parigi Moutong 2025-2029"
    )
    roadmap_decree = decree(
        "188.45/0412/2025", datetime.date(2025, 7, 21), "Peta Rencana SPBE Kabupaten Parigi Moutong 2025-2029"
    )
    process_decree = decree("188.45/0530/2025", datetime.date(2025, 9, 8), "Proses Bisnis Pemerintah Daerah")

    architecture = Architecture.objects.create(
        government=gov,
        title="Arsitektur SPBE Kabupaten Parigi Moutong",
        start_year=START,
        end_year=END,
        status=DocumentStatus.SET,
        decree=arch_decree,
        description="Disusun berpedoman pada Arsitektur SPBE Nasional dan RPJMD 2025-2029.",
        created_by=kominfo,
    )
    items = {}
    for row in data["architecture_items"]:
        items[row["code"]] = ArchitectureItem.objects.create(
            architecture=architecture,
            domain=row["domain"],
            code=row["code"],
            name=row["name"],
            reference=national[(DOMAIN_REFERENCE[row["domain"]], row["reference"])],
            level=3,
            agency=agencies[row["agency"]],
            sia_fields=row["sia_fields"],
            created_by=kominfo,
        )
    ArchitectureItem.objects.create(
        architecture=architecture,
        domain=ArchitectureDomain.BUSINESS_PROCESS,
        code="PB.09.02.01.01",
        name="Penatausahaan belanja",
        reference=national[("RAB", "09.02")],
        level=4,
        parent=items["PB.09.02.01"],
        agency=agencies["BPKAD"],
        created_by=kominfo,
    )

    roadmap = Roadmap.objects.create(
        government=gov,
        architecture=architecture,
        title="Peta Rencana SPBE Kabupaten Parigi Moutong",
        start_year=START,
        end_year=END,
        status=DocumentStatus.SET,
        decree=roadmap_decree,
        created_by=kominfo,
    )
    activities = {}
    for row in data["roadmap_items"]:
        activities[row["activity"]] = RoadmapItem.objects.create(
            roadmap=roadmap, **{**row, "agency": agencies[row["agency"]]}, created_by=kominfo
        )

    for row in data["budget_lines"]:
        BudgetLine.objects.create(
            agency=agencies[row["agency"]],
            fiscal_year=row["year"],
            title=row["title"],
            purpose=row["purpose"],
            funding_source=row["funding_source"],
            planned=Decimal(row["planned"]),
            realised=Decimal(row["realised"]),
            roadmap_item=activities.get(row["activity"]) if row["activity"] else None,
            created_by=kominfo,
        )

    services_by_name = {}
    for row in data["services"]:
        reference = national.get(("RAL", row["reference"])) if row["reference"] else None
        services_by_name[row["name"]] = Service.objects.create(
            **{**row, "agency": agencies[row["agency"]], "reference": reference}, created_by=kominfo
        )

    for row in data["business_processes"]:
        name, reviewed_months_ago = row["name"], row["reviewed_months_ago"]
        process = BusinessProcess.objects.create(
            agency=agencies[row["agency"]],
            code=row["code"],
            name=name,
            steps=row["steps"],
            reference=national[("RAB", row["reference"])],
            decree=process_decree,
            created_by=kominfo,
        )
        process.services.set([services_by_name[n] for n in data["process_services"].get(row["code"], [])])
        if reviewed_months_ago is not None:
            Review.objects.create(
                government=gov,
                document=ReviewedDocument.BUSINESS_PROCESS,
                business_process=process,
                agency=process.agency,
                date=_ago(reviewed_months_ago * 30),
                reasons=[ReviewReason.PROCESS_MONITORING, ReviewReason.SERVICE_IMPROVEMENT],
                outcome=f"Proses {name} masih sesuai; dua langkah dapat digabung.",
                follow_up="Bagian Organisasi memperbarui peta proses bisnis.",
                created_by=kominfo,
            )

    Review.objects.create(
        government=gov,
        document=ReviewedDocument.ARCHITECTURE,
        architecture=architecture,
        date=_ago(95),
        reasons=[ReviewReason.MONITORING, ReviewReason.SPBE_ELEMENTS],
        outcome="Domain layanan perlu menambah layanan adminduk daring; domain lain masih sesuai.",
        follow_up="Diteruskan kepada Tim Koordinasi SPBE untuk ditindaklanjuti.",
        created_by=kominfo,
    )
    Review.objects.create(
        government=gov,
        document=ReviewedDocument.ROADMAP,
        roadmap=roadmap,
        date=_ago(60),
        reasons=[ReviewReason.CIRCUMSTANCES, ReviewReason.MONITORING],
        outcome="Layanan adminduk daring terlambat; kegiatan 2026 dijadwalkan ulang.",
        follow_up="Disdukcapil menyusun rencana percepatan.",
        created_by=kominfo,
    )

    for row in data["needs"]:
        days, decision = row["days_ago"], row["decision"]
        need = AgencyNeed.objects.create(
            agency=agencies[row["agency"]],
            title=row["title"],
            reason=row["reason"],
            quantity=row["quantity"],
            unit=row["unit"],
            target_year=max(row["target_year"], _ago(days).year),
            estimated_cost=Decimal(row["cost"]),
            submitted_on=_ago(days),
            created_by=kominfo,
        )
        if decision == "defer" and kominfo:
            services.agency_need_defer(
                need=need, user=kominfo, note="Dijadwalkan pada siklus anggaran berikutnya."
            )
        elif decision and kominfo:
            services.agency_need_consolidate(
                need=need,
                roadmap_item=activities[decision],
                user=kominfo,
                note="Sejalan dengan peta rencana.",
            )

    if stdout:
        stdout.write(
            f"  arsitektur dan peta rencana {START}-{END}, {len(data['roadmap_items'])} kegiatan, "
            f"{len(data['budget_lines'])} pos anggaran, {len(data['business_processes'])} proses bisnis, "
            f"{len(data['services'])} layanan SPBE, {len(data['needs'])} kebutuhan TIK PD "
            f"({AgencyNeed.objects.filter(status=NeedStatus.CONSOLIDATED).count()} dikonsolidasikan)"
        )
