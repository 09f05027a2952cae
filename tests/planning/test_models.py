"""Each planning model's validation rules, with the message a user reads."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from spbe.planning.choices import (
    ArchitectureDomain,
    DocumentStatus,
    MasterPlanKind,
    NeedStatus,
    RoadmapStatus,
    ServiceArea,
    ServiceKind,
)
from spbe.planning.models import MasterPlan, ReferenceModel

from ..factories import AgencyFactory, DecreeFactory, GovernmentFactory
from .factories import (
    AgencyNeedFactory,
    ArchitectureFactory,
    ArchitectureItemFactory,
    BudgetLineFactory,
    BusinessProcessFactory,
    ReviewFactory,
    RoadmapFactory,
    RoadmapItemFactory,
    ServiceFactory,
    national,
)


def errors_of(obj) -> dict:
    with pytest.raises(ValidationError) as caught:
        obj.full_clean()
    return {field: " ".join(messages) for field, messages in caught.value.message_dict.items()}


def test_national_reference_codes_cannot_be_made_or_changed_here(gov):
    rab = national("RAB", "09.04")
    rab.name = "Komunikasi (diubah)"
    assert "kode nasional" in errors_of(rab)["level"]
    new_national = ReferenceModel(kind="RAB", code="99", name="Sektor baru", level=1)
    assert "kode nasional" in errors_of(new_national)["level"]


def test_local_reference_code_rules(gov):
    other = GovernmentFactory(name="Pemerintah Kabupaten Lain", domain="lain.go.id")
    parent = national("RAB", "09.04")
    ok = ReferenceModel(
        government=gov, kind="RAB", code="09.04.01", name="Layanan TIK", level=3, parent=parent
    )
    ok.full_clean()
    ok.save()
    no_government = ReferenceModel(kind="RAB", code="09.04.02", name="X", level=3, parent=parent)
    assert "pilih pemerintah daerahnya" in errors_of(no_government)["government"]
    wrong_kind = ReferenceModel(government=gov, kind="RAD", code="09.04.03", name="X", level=3, parent=parent)
    assert "referensi yang sama" in errors_of(wrong_kind)["parent"]
    skipped_level = ReferenceModel(
        government=gov, kind="RAB", code="09.04.01.01.01", name="X", level=5, parent=ok
    )
    assert "tepat satu level" in errors_of(skipped_level)["parent"]
    foreign = ReferenceModel(government=other, kind="RAB", code="09.04.01.01", name="X", level=4, parent=ok)
    assert "pemerintah daerah ini" in errors_of(foreign)["parent"]
    orphan = ReferenceModel(government=gov, kind="RAB", code="77", name="X", level=3)
    assert "di bawah kode level sebelumnya" in errors_of(orphan)["parent"]


def test_architecture_period_decree_and_one_set_document_per_period(gov, agency_a):
    too_long = ArchitectureFactory.build(government=gov, start_year=2025, end_year=2030)
    assert "5 tahun" in errors_of(too_long)["end_year"]
    backwards = ArchitectureFactory.build(government=gov, start_year=2029, end_year=2025)
    assert "sebelum tahun mulai" in errors_of(backwards)["end_year"]
    undecreed = ArchitectureFactory.build(government=gov, status=DocumentStatus.SET)
    assert "keputusan penetapannya" in errors_of(undecreed)["decree"]
    ArchitectureFactory(
        government=gov,
        title="Arsitektur lama",
        status=DocumentStatus.SET,
        decree=DecreeFactory(agency=agency_a),
    )
    overlapping = ArchitectureFactory.build(
        government=gov,
        start_year=2027,
        end_year=2031,
        status=DocumentStatus.SET,
        decree=DecreeFactory(agency=agency_a),
    )
    assert "Arsitektur lama" in errors_of(overlapping)["status"]
    overlapping.status = DocumentStatus.DRAFT
    overlapping.full_clean()  # a draft of the next one may be prepared meanwhile


def test_master_plan_and_ict_roadmap_are_separate_documents(gov, agency_a):
    decree = DecreeFactory(agency=agency_a)
    MasterPlan.objects.create(
        government=gov,
        kind=MasterPlanKind.MASTER_PLAN,
        title="Rencana Induk",
        start_year=2025,
        end_year=2029,
        status=DocumentStatus.SET,
        decree=decree,
    )
    roadmap = MasterPlan(
        government=gov,
        kind=MasterPlanKind.ICT_ROADMAP,
        title="Roadmap TIK",
        start_year=2025,
        end_year=2029,
        status=DocumentStatus.SET,
        decree=decree,
    )
    roadmap.full_clean()
    masterplan = MasterPlan(
        government=gov,
        kind=MasterPlanKind.EGOV_MASTERPLAN,
        title="Masterplan e-Gov",
        start_year=2026,
        end_year=2030,
        status=DocumentStatus.SET,
        decree=decree,
    )
    assert "Rencana Induk" in errors_of(masterplan)["status"]


def test_architecture_item_follows_its_domain_reference_and_tree(gov, agency_a):
    architecture = ArchitectureFactory(government=gov)
    wrong_kind = ArchitectureItemFactory.build(
        architecture=architecture, domain=ArchitectureDomain.DATA, reference=national("RAB", "04.01")
    )
    assert "Referensi Arsitektur Data dan Informasi" in errors_of(wrong_kind)["reference"]
    level_two = ArchitectureItemFactory.build(architecture=architecture, level=2)
    assert "level" in errors_of(level_two)
    parent = ArchitectureItemFactory(architecture=architecture, agency=agency_a)
    other_domain = ArchitectureItemFactory.build(
        architecture=architecture,
        domain=ArchitectureDomain.DATA,
        reference=national("RAD", "09.04"),
        parent=parent,
        level=4,
    )
    assert "domain yang sama" in errors_of(other_domain)["parent"]
    skipped = ArchitectureItemFactory.build(architecture=architecture, parent=parent, level=5)
    assert "level 4" in errors_of(skipped)["parent"]
    foreign_agency = ArchitectureItemFactory.build(
        architecture=architecture,
        agency=AgencyFactory(government=GovernmentFactory(name="Lain", domain="l.go.id")),
    )
    assert "pemerintah daerah yang sama" in errors_of(foreign_agency)["agency"]


def test_architecture_item_sia_metadata_uses_the_portal_fields(gov):
    architecture = ArchitectureFactory(government=gov)
    unknown = ArchitectureItemFactory.build(
        architecture=architecture,
        domain=ArchitectureDomain.DATA,
        reference=national("RAD", "04.01"),
        sia_fields={"Sifat Data": "Terbatas", "Warna": "merah"},
    )
    assert "tidak dikenal untuk domain ini: Warna" in errors_of(unknown)["sia_fields"]
    infra = ArchitectureItemFactory.build(
        architecture=architecture,
        domain=ArchitectureDomain.INFRASTRUCTURE,
        reference=national("RAI", "01.02"),
        sia_fields={"Objek": "Perangkat Keras Periferal", "Klasifikasi Tier": "Tier 3"},
    )
    assert "bukan atribut objek Perangkat Keras Periferal" in errors_of(infra)["sia_fields"]
    infra.sia_fields = {"Objek": "Fasilitas Komputasi", "Klasifikasi Tier": "Tier 3"}
    infra.full_clean()


def test_roadmap_item_rules(gov, agency_a):
    roadmap = RoadmapFactory(government=gov, start_year=2025, end_year=2029)
    outside = RoadmapItemFactory.build(roadmap=roadmap, agency=agency_a, year=2031)
    assert "2025-2029" in errors_of(outside)["year"]
    done = RoadmapItemFactory.build(roadmap=roadmap, agency=agency_a, status=RoadmapStatus.DONE, progress=80)
    assert "100%" in errors_of(done)["progress"]
    foreign = RoadmapItemFactory.build(
        roadmap=roadmap, agency=AgencyFactory(government=GovernmentFactory(name="Lain", domain="l.go.id"))
    )
    assert "pemilik peta rencana" in errors_of(foreign)["agency"]
    other_architecture = ArchitectureFactory(government=GovernmentFactory(name="Lain", domain="l.go.id"))
    roadmap.architecture = other_architecture
    assert "pemerintah daerah yang sama" in errors_of(roadmap)["architecture"]


def test_budget_line_rules(gov, agency_a):
    line = BudgetLineFactory.build(agency=agency_a, planned=100, realised=150)
    assert errors_of(line)["realised"] == "Realisasi melebihi pagu."
    roadmap = RoadmapFactory(government=gov, start_year=2025, end_year=2029)
    item = RoadmapItemFactory(roadmap=roadmap, agency=agency_a)
    outside = BudgetLineFactory.build(agency=agency_a, fiscal_year=2031, roadmap_item=item)
    assert "tidak mencakup tahun anggaran 2031" in errors_of(outside)["roadmap_item"]
    foreign = BudgetLineFactory.build(
        agency=AgencyFactory(government=GovernmentFactory(name="Lain", domain="l.go.id")),
        roadmap_item=item,
        fiscal_year=2026,
    )
    assert "pemerintah daerah yang sama" in errors_of(foreign)["roadmap_item"]


def test_service_and_process_references(agency_a):
    mismatch = ServiceFactory.build(agency=agency_a, kind=ServiceKind.ADMINISTRATIVE, area=ServiceArea.HEALTH)
    assert "jenis layanan" in errors_of(mismatch)["area"]
    service = ServiceFactory.build(agency=agency_a, reference=national("RAB", "04.01"))
    assert "(RAL)" in errors_of(service)["reference"]
    process = BusinessProcessFactory.build(agency=agency_a, reference=national("RAL", "02.02"))
    assert "(RAB)" in errors_of(process)["reference"]


def test_review_links_the_document_it_names(gov, agency_a):
    architecture = ArchitectureFactory(government=gov)
    roadmap = RoadmapFactory(government=gov)
    missing = ReviewFactory.build(government=gov, document="architecture", reasons=["monitoring"])
    assert "Pilih arsitektur yang direviu" in errors_of(missing)["architecture"]
    extra = ReviewFactory.build(
        government=gov,
        document="architecture",
        architecture=architecture,
        roadmap=roadmap,
        reasons=["monitoring"],
    )
    assert "kosongkan isian ini" in errors_of(extra)["roadmap"]
    plan = MasterPlan.objects.create(
        government=gov, kind=MasterPlanKind.MASTER_PLAN, title="Rencana Induk", start_year=2025, end_year=2029
    )
    wrong_kind = ReviewFactory.build(government=gov, document="ict_roadmap", master_plan=plan)
    assert "bukan Roadmap TIK" in errors_of(wrong_kind)["master_plan"]
    future = ReviewFactory.build(
        government=gov,
        document="roadmap",
        roadmap=roadmap,
        reasons=["monitoring"],
        date=timezone.localdate() + datetime.timedelta(days=3),
    )
    assert "masa depan" in errors_of(future)["date"]


def test_review_reasons_are_the_regulation_codes_for_the_document(gov):
    architecture = ArchitectureFactory(government=gov)
    review = ReviewFactory.build(
        government=gov, document="architecture", architecture=architecture, reasons=[]
    )
    assert "paling sedikit satu alasan" in errors_of(review)["reasons"]
    review.reasons = ["bosan"]
    assert "tidak dikenal: bosan" in errors_of(review)["reasons"]
    review.reasons = ["duties"]  # a business-process reason (Pasal 11 ayat (3))
    assert "Perubahan tugas dan fungsi PD" in errors_of(review)["reasons"]
    review.reasons = ["national_change", "rpjmd"]
    review.full_clean()
    budget = ReviewFactory.build(government=gov, document="budget_plan", reasons=[])
    budget.full_clean()  # the regulations list no reasons for budget reviews


def test_business_process_review_belongs_to_the_process_agency(gov, agency_a, agency_b):
    process = BusinessProcessFactory(agency=agency_a)
    review = ReviewFactory.build(
        government=gov, document="business_process", business_process=process, reasons=["feedback"]
    )
    review.full_clean()
    assert review.agency == agency_a
    review.agency = agency_b
    assert "Dinas A" in errors_of(review)["agency"]


def test_agency_need_rules(agency_a, gov):
    need = AgencyNeedFactory.build(agency=agency_a, submitted_on=datetime.date(2026, 3, 1), target_year=2025)
    assert "2026" in errors_of(need)["target_year"]
    need = AgencyNeedFactory.build(
        agency=agency_a, submitted_on=timezone.localdate() + datetime.timedelta(days=2)
    )
    assert "masa depan" in errors_of(need)["submitted_on"]
    need = AgencyNeedFactory.build(agency=agency_a, quantity=0)
    assert "quantity" in errors_of(need)
    need = AgencyNeedFactory.build(agency=agency_a, status=NeedStatus.CONSOLIDATED)
    assert "menunjuk kegiatan peta rencana" in errors_of(need)["roadmap_item"]
