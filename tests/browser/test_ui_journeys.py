"""Issue 10 in a real browser: a leader ranks agencies and downloads the official report; a reviewer
decides an attestation from the approval page alone; axe-core finds no serious or critical violation
on the main pages in Indonesian and English, at desktop and phone widths."""

import io
import re

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from spbe.compliance import engine, profiles, services
from spbe.compliance.models import Obligation
from spbe.core.models import ApprovalRequest

from ..compliance.conftest import TINY
from ..factories import AgencyFactory, GovernmentFactory, PersonFactory, user_with_role
from .axe import violations
from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF"


def regency():
    regulation, _ = profiles.load_text(TINY, source="uji.yaml")
    gov = GovernmentFactory(name="Pemerintah Kabupaten Uji", regulation=regulation.code)
    satu = AgencyFactory(government=gov, name="Dinas Satu", short_name="D1")
    dua = AgencyFactory(government=gov, name="Dinas Dua", short_name="D2")
    office = AgencyFactory(government=gov, name="Dinas Kominfo Uji", short_name="Kominfo")
    gov.ict_office = office
    gov.address = "Jl. Uji No. 1, Kotauji, Sulawesi Tengah"
    gov.save()
    reviewer = user_with_role("ict_admin", None, "kominfo")
    PersonFactory(agency=office, user=reviewer, name="Andi Peninjau", position="Kepala Bidang Aplikasi")
    head = user_with_role("agency_head", office, "kepala.kominfo")
    PersonFactory(agency=office, user=head, name="Kepala Kominfo Uji", position="Kepala Dinas Kominfo Uji")
    leader = user_with_role("leader", None, "bupati")
    PersonFactory(agency=satu, user=leader, name="Bupati Uji", position="Bupati Uji")
    admin = user_with_role("agency_admin", satu, "admin.satu")
    PersonFactory(agency=satu, user=admin, name="Dewi Pengaju", position="Pranata Komputer Ahli Pertama")
    user_with_role("service_desk_tier1", dua)  # D2 meets the help desk duty: D1 ranks below it
    user_with_role("service_desk_tier1", office)
    engine.run_full(gov)
    attestation = services.attestation_submit(
        obligation=Obligation.objects.get(code="uji-4-2-sop"),
        government=gov,
        agency=satu,
        user=admin,
        statement="SOP layanan TIK ditetapkan dengan keputusan kepala dinas tahun 2026.",
        evidence_links="https://jdih.ujikab.go.id/sop-tik",
        files=[SimpleUploadedFile("sop-layanan-tik.pdf", PDF, content_type="application/pdf")],
    )
    return {"gov": gov, "satu": satu, "attestation": attestation}


@pytest.mark.django_db(transaction=True)
def test_leader_ranks_agencies_and_downloads_the_official_report(page):
    regency()
    login(page, "bupati")
    ranked = page.locator("#home-ranked tbody tr")
    assert "Dinas Satu" in ranked.first.inner_text()  # worst first on the leader's first page
    page.get_by_role("link", name="Buka matriks kepatuhan").click()
    matrix = page.locator("#compliance-matrix")
    first_row = matrix.locator("tbody tr").first
    assert first_row.locator("th").inner_text().strip() == "D1"  # worst first for leaders
    page.get_by_role("button", name="Keseluruhan").click()  # sorting any column: now best first
    assert matrix.locator("thead th").last.get_attribute("aria-sort") == "descending"
    assert matrix.locator("tbody tr").first.locator("th").inner_text().strip() != "D1"
    page.get_by_role("button", name="Subjek").click()
    names = [t.strip() for t in matrix.locator("tbody tr th").all_inner_texts()]
    assert names[:3] == ["D1", "D2", "Kominfo"]

    page.goto("/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Unduh laporan resmi (PDF)").click()
    report = pypdf.PdfReader(io.BytesIO(open(download_info.value.path(), "rb").read()))
    text = [re.sub(r"\s+", " ", p.extract_text()) for p in report.pages]
    assert float(report.pages[0].mediabox.width) < float(report.pages[0].mediabox.height)
    assert "Yth. Bupati Uji" in text[0] and "Hal : Laporan Kepatuhan Penyelenggaraan SPBE" in text[0]
    assert "Kepala Kominfo Uji" in " ".join(text) and "NIP. " in " ".join(text)
    wide = [
        t
        for p, t in zip(report.pages, text, strict=True)
        if float(p.mediabox.width) > float(p.mediabox.height)
    ]
    assert wide and all(g in " ".join(wide) for g in ("Tata Kelola", "Manajemen SPBE", "Keseluruhan"))


@pytest.mark.django_db(transaction=True)
def test_reviewer_decides_an_attestation_from_the_approval_page_alone(page):
    data = regency()
    login(page, "kominfo")
    page.locator("#home-queue").get_by_role("link", name=re.compile("Pernyataan pemenuhan kewajiban")).click()
    evidence = page.locator("#evidence")
    assert "SOP layanan TIK ditetapkan dengan keputusan kepala dinas tahun 2026." in evidence.inner_text()
    assert evidence.get_by_role("link", name="https://jdih.ujikab.go.id/sop-tik").is_visible()
    assert evidence.locator("iframe.evidence-preview").get_attribute("src").endswith("?inline=1")
    assert "Dewi Pengaju · Pranata Komputer Ahli Pertama, D1" in page.locator("main").inner_text()

    page.get_by_role("button", name="Tolak").click()  # refusing without a reason is not accepted
    assert "Alasan wajib diisi untuk menolak." in page.locator("main").inner_text()
    page.get_by_role("button", name="Setujui").click()  # approving needs no reason
    assert "Keputusan disimpan" in page.locator("main").inner_text()
    request = ApprovalRequest.objects.get(object_id=data["attestation"].pk, kind="compliance.attestation")
    assert request.status == "approved"
    assert "Andi Peninjau · Kepala Bidang Aplikasi, Kominfo" in page.locator("main").inner_text()


def check_filter_panel(page, path, width):
    """A list shows its filters beside it on a wide screen; on a phone they fold away above it, so the
    list starts on the first screen, and the toggle opens them."""
    panel = page.locator("details[data-filter-panel]")
    filters = page.locator("form[data-filters]")
    if width > 992:
        assert panel.evaluate("d => d.open") and filters.is_visible(), path
        table = page.locator("#object-table .table-responsive")
        if table.count():  # the default columns fit the card: no sideways scrolling inside it
            assert table.evaluate("t => t.scrollWidth <= t.clientWidth + 1"), (
                f"{path}: the list is wider than its card"
            )
        return
    assert not filters.is_visible(), f"{path}: the filters fill a phone's first screen"
    assert page.locator("#object-table").bounding_box()["y"] < 900, (
        f"{path}: the list starts below the first screen"
    )
    if path == "/org/people/":
        panel.locator("> summary").click()
        assert filters.is_visible(), "the toggle does not open the filters"


@pytest.mark.django_db(transaction=True)
def test_main_pages_have_no_serious_or_critical_accessibility_violations(page):
    data = regency()
    request = ApprovalRequest.objects.get(object_id=data["attestation"].pk, kind="compliance.attestation")
    pages = [
        "/",
        "/compliance/",
        f"/compliance/agencies/{data['satu'].pk}/",
        f"/compliance/obligations/{data['attestation'].obligation_id}/",
        "/compliance/attestations/",
        request.get_absolute_url(),
        "/approvals/",
        "/org/people/",
        "/org/agencies/",
        "/applications/applications/",
    ]
    found = {}
    for username in ("kominfo", "bupati", "admin.satu"):
        page.context.clear_cookies()
        login(page, username)
        for language in ("id", "en"):
            if page.locator("html").get_attribute("lang") != language:
                with page.expect_navigation():
                    page.select_option("#lang", language)
            assert page.locator("html").get_attribute("lang") == language
            for path in pages if username == "kominfo" else ["/", "/compliance/"]:
                for width in (1366, 390):
                    page.set_viewport_size({"width": width, "height": 900})
                    page.goto(path)  # waits for "load": no page here fetches anything after it
                    assert page.evaluate("document.documentElement.scrollWidth") <= width, (
                        f"{path} scrolls sideways"
                    )
                    if page.locator("#object-table").count():
                        check_filter_panel(page, path, width)
                    if language == "en" and width != 1366:
                        continue  # the English page differs in words only: axe once, at the desktop width
                    problems = violations(page)
                    if problems:
                        found[f"{username} {language} {width} {path}"] = problems
    assert found == {}
