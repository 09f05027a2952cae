"""Who may do what with planning records: an agency edits its own lines, not another's; the
government-wide documents belong to the ICT office."""

from spbe.planning.models import Architecture, BudgetLine

from .factories import ArchitectureFactory, BudgetLineFactory, ReviewFactory


def test_agency_editor_cannot_change_another_agencys_budget_line(client_a, agency_a, agency_b):
    own = BudgetLineFactory(agency=agency_a, title="Pos milik A")
    other = BudgetLineFactory(agency=agency_b, title="Pos milik B", planned=500)
    assert client_a.get(f"/planning/budget-lines/{own.pk}/edit/").status_code == 200
    assert client_a.get(f"/planning/budget-lines/{other.pk}/").status_code == 200  # shared inside the Pemda
    assert client_a.get(f"/planning/budget-lines/{other.pk}/edit/").status_code == 403
    response = client_a.post(
        f"/planning/budget-lines/{other.pk}/edit/",
        {
            "agency": agency_b.pk,
            "fiscal_year": 2026,
            "title": "Diubah A",
            "purpose": "devices",
            "funding_source": "apbd",
            "planned": 1,
            "realised": 0,
            "version": other.version,
        },
    )
    assert response.status_code == 403
    assert client_a.post(f"/planning/budget-lines/{other.pk}/delete/").status_code == 403
    api = client_a.patch(
        f"/api/v1/planning/budget-lines/{other.pk}/",
        {"title": "Diubah lewat API"},
        content_type="application/json",
    )
    assert api.status_code in (403, 404)
    other.refresh_from_db()
    assert (other.title, other.planned) == ("Pos milik B", 500)
    assert BudgetLine.objects.filter(title__startswith="Diubah").count() == 0


def test_agency_editor_cannot_file_a_line_for_another_agency(client_a, agency_a, agency_b):
    data = {
        "agency": agency_b.pk,
        "fiscal_year": 2026,
        "title": "Titipan",
        "purpose": "devices",
        "funding_source": "apbd",
        "planned": 10,
        "realised": 0,
    }
    response = client_a.post("/planning/budget-lines/add/", data)
    assert response.status_code == 400
    assert not BudgetLine.objects.filter(title="Titipan").exists()
    api = client_a.post("/api/v1/planning/budget-lines/", data, content_type="application/json")
    assert api.status_code in (400, 403)
    assert not BudgetLine.objects.filter(title="Titipan").exists()


def test_government_wide_documents_are_the_ict_offices(client, client_a, gov, ict_admin):
    architecture = ArchitectureFactory(government=gov, title="Arsitektur uji")
    assert client_a.get("/planning/architectures/add/").status_code == 403
    assert client_a.get(f"/planning/architectures/{architecture.pk}/edit/").status_code == 403
    client.force_login(ict_admin)
    response = client.post(
        f"/planning/architectures/{architecture.pk}/edit/",
        {
            "government": gov.pk,
            "title": "Arsitektur uji (reviu)",
            "start_year": 2025,
            "end_year": 2029,
            "status": "draft",
            "version": architecture.version,
        },
    )
    assert response.status_code == 302
    assert Architecture.objects.get(pk=architecture.pk).title == "Arsitektur uji (reviu)"


def test_agency_editor_cannot_record_an_unowned_review(client_a, gov, agency_a):
    data = {"government": gov.pk, "document": "budget_plan", "date": "2026-01-10", "outcome": "Sesuai."}
    response = client_a.post("/planning/reviews/add/", data)
    assert response.status_code == 400
    assert "hanya dicatat oleh admin tingkat pemerintah daerah" in response.content.decode()
    response = client_a.post("/planning/reviews/add/", {**data, "agency": agency_a.pk})
    assert response.status_code == 302
    review = ReviewFactory._meta.model.objects.get(outcome="Sesuai.")
    assert review.agency == agency_a


def test_anonymous_sees_nothing_of_planning(client, agency_a):
    BudgetLineFactory(agency=agency_a, title="Rahasia anggaran")
    for url in ("/planning/", "/planning/budget-lines/", "/planning/budget-lines/summary/"):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.get("/api/v1/planning/budget-lines/").status_code in (401, 403)
