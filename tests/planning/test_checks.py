"""The planning check types and the planning review documents, met and unmet, through the engine
with a small profile whose outcomes can be worked out by hand."""

import datetime

from django.utils import timezone

from spbe.compliance import engine, profiles
from spbe.compliance.models import ComplianceStatus
from spbe.core import checks
from spbe.core.checks import Status
from spbe.planning.choices import DocumentStatus, MasterPlanKind
from spbe.planning.models import MasterPlan

from ..factories import AgencyFactory, DecreeFactory
from .conftest import PLANNING_TINY
from .factories import (
    AgencyNeedFactory,
    ArchitectureFactory,
    BudgetLineFactory,
    BusinessProcessFactory,
    ReviewFactory,
    RoadmapFactory,
    RoadmapItemFactory,
)


def status(gov, code, agency=None):
    row = ComplianceStatus.objects.get(
        government=gov, obligation__code=code, subject_key=engine.subject_key(agency.pk if agency else None)
    )
    return row.status, row.reason


def _ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def test_profile_params_are_accepted_and_every_planning_check_is_automatic(planning_regulation):
    report = profiles.validate_text(PLANNING_TINY, "uji.yaml")
    assert report.ok and not report.warnings, report.lines()
    bad = profiles.validate_text(
        PLANNING_TINY.replace("params: {document: architecture}}", "params: {document: renstra}}", 1),
        "x.yaml",
    )
    assert not bad.ok and any("renstra" in line for line in bad.lines())
    for name in ("planning_document_current", "budget_lines_reference_roadmap", "agency_needs_submitted"):
        assert checks.check_type(name) is not None
    for document in (
        "architecture",
        "roadmap",
        "master_plan",
        "budget_plan",
        "business_process",
        "ict_roadmap",
    ):
        assert checks.review_document(document) is not None


def test_planning_document_current_missing_draft_expired_then_set(plan_gov, plan_agencies):
    year = timezone.localdate().year
    engine.run_full(plan_gov)
    state, reason = status(plan_gov, "uji-4-architecture")
    assert state == Status.UNMET and "Belum ada Arsitektur SPBE" in reason
    old = ArchitectureFactory(
        government=plan_gov,
        title="Arsitektur lama",
        start_year=year - 6,
        end_year=year - 2,
        status=DocumentStatus.SET,
        decree=DecreeFactory(agency=plan_agencies[0]),
    )
    engine.run_full(plan_gov)
    state, reason = status(plan_gov, "uji-4-architecture")
    assert state == Status.UNMET and f"belum ada untuk tahun {year}" in reason
    current = ArchitectureFactory(
        government=plan_gov, title="Arsitektur baru", start_year=year - 1, end_year=year + 3
    )
    engine.run_full(plan_gov)
    state, reason = status(plan_gov, "uji-4-architecture")
    assert state == Status.PARTLY_MET and "masih rancangan" in reason
    current.status, current.decree = (
        DocumentStatus.SET,
        DecreeFactory(agency=plan_agencies[0], number="188/9/2026"),
    )
    current.save()
    engine.run_full(plan_gov)
    state, reason = status(plan_gov, "uji-4-architecture")
    assert state == Status.MET and "Arsitektur baru" in reason and "188/9/2026" in reason
    assert old.pk  # the expired one stays on record


def test_planning_document_current_for_master_plan_and_ict_roadmap(plan_gov, plan_agencies):
    year = timezone.localdate().year
    MasterPlan.objects.create(
        government=plan_gov,
        kind=MasterPlanKind.EGOV_MASTERPLAN,
        title="Masterplan e-Government",
        start_year=year - 1,
        end_year=year + 3,
        status=DocumentStatus.SET,
        decree=DecreeFactory(agency=plan_agencies[0]),
    )
    engine.run_full(plan_gov)
    assert status(plan_gov, "uji-10-master-plan")[0] == Status.MET
    state, reason = status(plan_gov, "uji-10-ict-roadmap")
    assert state == Status.UNMET and "Roadmap TIK" in reason


def test_budget_plan_is_current_per_agency_for_this_fiscal_year(
    plan_gov, plan_agencies, django_capture_on_commit_callbacks
):
    one, two = plan_agencies
    year = timezone.localdate().year
    sub_unit = AgencyFactory(government=plan_gov, parent=two, short_name="D2-UPT")
    BudgetLineFactory(agency=one, fiscal_year=year, planned=150_000_000)
    BudgetLineFactory(agency=two, fiscal_year=year - 1)
    engine.run_full(plan_gov)
    state, reason = status(plan_gov, "uji-9-1-budget-plan", one)
    assert state == Status.MET and "Rp 150.000.000" in reason
    state, reason = status(plan_gov, "uji-9-1-budget-plan", two)
    assert state == Status.UNMET and f"tahun anggaran {year}" in reason
    with django_capture_on_commit_callbacks(execute=True):
        BudgetLineFactory(agency=sub_unit, fiscal_year=year)  # a sub-unit's line counts for its agency
    assert status(plan_gov, "uji-9-1-budget-plan", two)[0] == Status.MET  # re-evaluated on save


def test_budget_lines_reference_roadmap(plan_gov, plan_agencies, django_capture_on_commit_callbacks):
    one, two = plan_agencies
    year = timezone.localdate().year
    roadmap = RoadmapFactory(government=plan_gov, start_year=year - 1, end_year=year + 3)
    item = RoadmapItemFactory(roadmap=roadmap, agency=one, year=year)
    engine.run_full(plan_gov)
    state, reason = status(plan_gov, "uji-9-2-budget-roadmap", one)
    assert state == Status.NOT_APPLICABLE and "Tidak ada pos anggaran" in reason
    BudgetLineFactory(agency=one, fiscal_year=year, roadmap_item=item)
    BudgetLineFactory(agency=one, fiscal_year=year, roadmap_item=item)
    lone = BudgetLineFactory(agency=one, fiscal_year=year)
    BudgetLineFactory(agency=two, fiscal_year=year)
    BudgetLineFactory(agency=two, fiscal_year=year - 1, roadmap_item=item)  # last year's lines do not count
    engine.run_full(plan_gov)
    state, reason = status(plan_gov, "uji-9-2-budget-roadmap", one)
    assert state == Status.PARTLY_MET and reason.startswith("1 dari 3 pos")
    state, reason = status(plan_gov, "uji-9-2-budget-roadmap", two)
    assert state == Status.UNMET and reason.startswith("1 dari 1 pos")
    lone.roadmap_item = item
    with django_capture_on_commit_callbacks(execute=True):
        lone.save()  # the change re-evaluates the agency's obligation once it is committed
    state, reason = status(plan_gov, "uji-9-2-budget-roadmap", one)
    assert state == Status.MET and "Semua 3 pos" in reason


def test_agency_needs_submitted_within_months(plan_gov, plan_agencies):
    one, two = plan_agencies
    AgencyNeedFactory(agency=one, submitted_on=_ago(30))
    AgencyNeedFactory(agency=two, submitted_on=_ago(500), target_year=_ago(500).year + 1)
    engine.run_full(plan_gov)
    state, reason = status(plan_gov, "uji-11-needs", one)
    assert state == Status.MET and "1 kebutuhan TIK tercatat" in reason
    state, reason = status(plan_gov, "uji-11-needs", two)
    assert state == Status.UNMET and "lebih dari 12 bulan" in reason
    other = AgencyFactory(government=plan_gov, short_name="D3")
    engine.run_full(plan_gov)
    assert status(plan_gov, "uji-11-needs", other) == (Status.UNMET, "Belum ada kebutuhan TIK yang diajukan.")


def test_review_within_for_architecture_and_roadmap(plan_gov, plan_agencies):
    architecture = ArchitectureFactory(government=plan_gov)
    roadmap = RoadmapFactory(government=plan_gov)
    ReviewFactory(
        government=plan_gov,
        document="architecture",
        architecture=architecture,
        date=_ago(400),
        reasons=["monitoring"],
    )
    engine.run_full(plan_gov)
    ict_office = plan_agencies[0]
    state, reason = status(plan_gov, "uji-5-architecture-review", ict_office)
    assert state == Status.UNMET and "lebih dari 12 bulan" in reason
    state, reason = status(plan_gov, "uji-8-roadmap-review")
    assert state == Status.UNMET and "Belum ada Reviu Peta Rencana SPBE" in reason
    ReviewFactory(
        government=plan_gov,
        document="architecture",
        architecture=architecture,
        date=_ago(20),
        reasons=["monitoring"],
    )
    ReviewFactory(
        government=plan_gov, document="roadmap", roadmap=roadmap, date=_ago(40), reasons=["circumstances"]
    )
    engine.run_full(plan_gov)
    state, reason = status(plan_gov, "uji-5-architecture-review", ict_office)
    assert state == Status.MET and "Reviu Arsitektur SPBE terakhir" in reason
    assert status(plan_gov, "uji-8-roadmap-review")[0] == Status.MET
    assert status(plan_gov, "uji-13-budget-review")[0] == Status.UNMET


def test_review_within_for_business_processes_is_per_agency(plan_gov, plan_agencies):
    one, two = plan_agencies
    reviewed = BusinessProcessFactory(agency=one)
    stale = BusinessProcessFactory(agency=two)
    ReviewFactory(
        government=plan_gov,
        document="business_process",
        business_process=reviewed,
        agency=one,
        date=_ago(100),
        reasons=["feedback"],
    )
    ReviewFactory(
        government=plan_gov,
        document="business_process",
        business_process=stale,
        agency=two,
        date=_ago(420),
        reasons=["feedback"],
    )
    ReviewFactory(government=plan_gov, document="budget_plan", agency=two, date=_ago(10))  # another document
    engine.run_full(plan_gov)
    assert status(plan_gov, "uji-12-process-review", one)[0] == Status.MET
    state, reason = status(plan_gov, "uji-12-process-review", two)
    assert state == Status.UNMET and "Reviu proses bisnis terakhir" in reason
    assert status(plan_gov, "uji-13-budget-review")[0] == Status.MET


def test_each_planning_check_reads_a_constant_number_of_queries_for_any_number_of_agencies(
    plan_gov, plan_agencies
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from spbe.compliance.models import Obligation

    year = timezone.localdate().year

    def queries():
        ctx: dict = {}
        counts = {}
        for obligation in Obligation.objects.filter(regulation__code=plan_gov.regulation).order_by(
            "position"
        ):
            subjects = engine.subjects_for(obligation, plan_gov, ctx)
            with CaptureQueriesContext(connection) as captured:
                engine.evaluate(obligation, subjects, ctx)
            counts[obligation.code] = len(captured)
        return counts

    def add_agencies(n):
        for _ in range(n):
            agency = AgencyFactory(government=plan_gov)
            BudgetLineFactory(agency=agency, fiscal_year=year)
            AgencyNeedFactory(agency=agency)

    add_agencies(2)
    queries()  # warm the per-process caches
    small = queries()
    add_agencies(8)
    assert queries() == small
