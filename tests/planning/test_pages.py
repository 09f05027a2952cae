"""What people see on the planning pages: which documents their regulation requires, the roadmap by
year and area, budget totals, review reasons, and the applications behind services and processes."""

import re

import pytest
from django.utils import timezone

from spbe.planning.choices import DocumentStatus, RoadmapArea
from spbe.planning.models import BusinessProcess, Service

from ..factories import DecreeFactory, user_with_role
from .factories import (
    ArchitectureFactory,
    BudgetLineFactory,
    BusinessProcessFactory,
    ReviewFactory,
    RoadmapFactory,
    RoadmapItemFactory,
    ServiceFactory,
)


def _text(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def plan_client(client, plan_gov, plan_agencies):
    from spbe.org.choices import Role

    from ..factories import PersonFactory

    user = user_with_role(Role.AGENCY_ADMIN, plan_agencies[1], "admin.d2")
    PersonFactory(agency=plan_agencies[1], user=user)  # the user's government is their agency's
    client.force_login(user)
    return client


def test_overview_marks_what_the_regulation_requires(plan_client, plan_gov, plan_agencies):
    year = timezone.localdate().year
    ArchitectureFactory(
        government=plan_gov,
        title="Arsitektur Uji",
        start_year=year - 1,
        end_year=year + 3,
        status=DocumentStatus.SET,
        decree=DecreeFactory(agency=plan_agencies[0]),
    )
    BudgetLineFactory(agency=plan_agencies[0], fiscal_year=year, planned=2_500_000)
    html = plan_client.get("/planning/").content.decode()
    rows = dict(re.findall(r'data-document="(\w+)">(.*?)</tr>', html, re.S))
    assert set(rows) == {"architecture", "roadmap", "budget_plan"}  # the profile's planning_documents
    assert "wajib" in rows["architecture"] and "berlaku" in rows["architecture"]
    assert "belum ada" in rows["roadmap"]
    assert "Rp 2.500.000" in rows["budget_plan"]
    assert "Rencana Induk SPBE" in html.split('id="planning-documents"')[1]  # listed as not required


def test_roadmap_matrix_places_each_activity_by_year_and_area(client_a, gov, agency_a):
    roadmap = RoadmapFactory(government=gov, start_year=2025, end_year=2029)
    RoadmapItemFactory(
        roadmap=roadmap, agency=agency_a, year=2027, area=RoadmapArea.ICT_AUDIT, activity="Audit aplikasi"
    )
    RoadmapItemFactory(
        roadmap=roadmap,
        agency=agency_a,
        year=2025,
        area=RoadmapArea.SECURITY,
        activity="Sertifikat elektronik",
    )
    html = client_a.get(f"/planning/roadmaps/{roadmap.pk}/matrix/").content.decode()
    years = re.findall(r'<th scope="col" class="text-center">(\d{4})</th>', html)
    assert years == ["2025", "2026", "2027", "2028", "2029"]
    rows = dict(re.findall(r'data-area="(\w+)">(.*?)</tr>', html, re.S))
    assert len(rows) == 7
    audit_cells = re.findall(r"<td>(.*?)</td>", rows["ict_audit"], re.S)
    assert "Audit aplikasi" in audit_cells[2] and "Audit aplikasi" not in audit_cells[0]
    assert "Sertifikat elektronik" in re.findall(r"<td>(.*?)</td>", rows["security"], re.S)[0]


def test_budget_summary_totals_per_year_agency_and_source(client_a, agency_a, agency_b):
    BudgetLineFactory(agency=agency_a, fiscal_year=2026, planned=100_000_000, realised=50_000_000)
    BudgetLineFactory(
        agency=agency_a, fiscal_year=2026, planned=20_000_000, realised=0, funding_source="apbn"
    )
    BudgetLineFactory(agency=agency_b, fiscal_year=2025, planned=7_000_000, realised=7_000_000)
    page = _text(client_a.get("/planning/budget-lines/summary/"))
    assert "127.000.000" in page and "57.000.000" in page
    page_2026 = _text(client_a.get("/planning/budget-lines/summary/?fiscal_year=2026"))
    assert "120.000.000" in page_2026 and "Tahun anggaran 2025" not in page_2026
    assert "Sumber dana: APBN 20.000.000" in page_2026
    filtered = _text(client_a.get(f"/planning/budget-lines/summary/?agency={agency_b.pk}"))
    assert "7.000.000" in filtered and "120.000.000" not in filtered


def test_review_page_lists_its_reasons(client_a, gov):
    roadmap = RoadmapFactory(government=gov)
    review = ReviewFactory(
        government=gov, document="roadmap", roadmap=roadmap, reasons=["architecture_change", "rpjmd"]
    )
    page = _text(client_a.get(f"/planning/reviews/{review.pk}/"))
    assert "Perubahan Arsitektur SPBE" in page and "Perubahan RPJMD / rencana strategis daerah" in page


def test_review_form_takes_reasons_as_ticks(client, gov, ict_admin):
    roadmap = RoadmapFactory(government=gov)
    client.force_login(ict_admin)
    data = {
        "government": gov.pk,
        "document": "roadmap",
        "roadmap": roadmap.pk,
        "date": "2026-02-01",
        "outcome": "Kegiatan digeser.",
        "reasons": ["circumstances", "monitoring"],
    }
    assert client.post("/planning/reviews/add/", data).status_code == 302
    assert roadmap.reviews.get().reasons == ["circumstances", "monitoring"]
    refused = client.post("/planning/reviews/add/", {**data, "reasons": ["duties"]})
    assert (
        refused.status_code == 400
        and "tidak berlaku untuk reviu Peta Rencana SPBE" in refused.content.decode()
    )


def _application(agency, name, classification="limited"):
    application = Service._meta.get_field("applications").related_model
    return application.objects.create(agency=agency, name=name, purpose="-", classification=classification)


def test_service_and_process_pages_show_the_applications_behind_them(client_a, agency_a, agency_b):
    service = ServiceFactory(agency=agency_a, name="Pendaftaran puskesmas")
    process = BusinessProcessFactory(agency=agency_a, steps="Pasien datang\nPetugas mencatat NIK\n")
    process.services.add(service)
    shared = _application(agency_a, "SIMPUS")
    secret = _application(agency_b, "Aplikasi Rahasia B", classification="closed")
    service.applications.add(shared, secret)
    process.applications.add(shared)
    page = _text(client_a.get(f"/planning/services/{service.pk}/"))
    assert "Aplikasi yang menyelenggarakannya 1" in page and "SIMPUS" in page
    assert "Aplikasi Rahasia B" not in page  # CLOSED outside the user's scope stays hidden
    assert f"{process.code}" in page
    html = client_a.get(f"/planning/business-processes/{process.pk}/").content.decode()
    assert "SIMPUS" in html and "Pendaftaran puskesmas" in html
    assert '<ol class="mb-0"><li>Pasien datang</li><li>Petugas mencatat NIK</li></ol>' in html
    assert BusinessProcess.objects.get(pk=process.pk).step_list == ["Pasien datang", "Petugas mencatat NIK"]


def test_architecture_item_page_shows_its_sia_metadata(client_a, gov):
    from .factories import ArchitectureItemFactory

    item = ArchitectureItemFactory(
        architecture=ArchitectureFactory(government=gov),
        sia_fields={"Uraian": "Penatausahaan belanja daerah"},
    )
    html = client_a.get(f"/planning/architecture-items/{item.pk}/").content.decode()
    assert '<dt class="col-sm-4">Uraian</dt><dd class="col-sm-8">Penatausahaan belanja daerah</dd>' in html
    assert "{&#x27;Uraian" not in html  # not the raw mapping
