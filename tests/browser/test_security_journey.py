"""An agency reports an incident; the ICT office handles it; the agency issues the signed written
notice to its data steward; staff of another agency see nothing of it through the page, the API,
the export or the search. Pages pass axe-core with no serious or critical violation."""

import datetime
import io

import pypdf
import pytest
from django.utils import timezone

from spbe.security.models import Incident

from ..factories import AgencyFactory, GovernmentFactory, PersonFactory, user_with_role
from .axe import violations
from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TITLE = "Ransomware pada server SIMPUS"


def _people():
    gov = GovernmentFactory(
        name="Pemerintah Kabupaten Uji",
        domain="ujikab.go.id",
        address="Jl. Uji No. 1, Kotauji, Sulawesi Tengah",
    )
    dinkes = AgencyFactory(government=gov, name="Dinas Kesehatan Uji", short_name="Dinkes")
    other = AgencyFactory(government=gov, name="Dinas Pendidikan Uji", short_name="Disdik")
    gov.ict_office = AgencyFactory(government=gov, name="Dinas Kominfo Uji", short_name="Kominfo")
    gov.save()
    for username, role, agency, name in (
        ("kominfo", "ict_admin", gov.ict_office, "Andi Kominfo"),
        ("admin.dinkes", "agency_admin", dinkes, "Dewi Dinkes"),
        ("walidata.dinkes", "data_steward", dinkes, "Rina Walidata"),
        ("admin.disdik", "agency_admin", other, "Budi Disdik"),
        ("bupati", "leader", None, "Bupati Uji"),
    ):
        user = user_with_role(role, agency if role != "ict_admin" and role != "leader" else None, username)
        PersonFactory(agency=agency or dinkes, user=user, name=name)
    return gov


def _no_axe(page, where):
    found = violations(page)
    assert found == [], (where, found)


@pytest.mark.django_db(transaction=True)
def test_incident_reported_handled_notified_and_hidden(page):
    _people()
    login(page, "admin.dinkes")
    page.goto("/security/incidents/add/")
    _no_axe(page, "incident form")
    page.get_by_label("PD pelapor").select_option(label="Dinas Kesehatan Uji")
    page.get_by_label("Judul").fill(TITLE)
    page.get_by_label("Jenis", exact=True).select_option(label="Serangan / gangguan oleh pihak lain")
    now = timezone.localtime()
    page.get_by_label("Waktu kejadian").fill((now - datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Waktu diketahui").fill((now - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Uraian kejadian").fill("Basis data SIMPUS terenkripsi; catatan tebusan di desktop.")
    page.get_by_label("Data terdampak").fill("Rekam kunjungan pasien Januari-Maret.")
    page.get_by_label("Data sudah diamankan").check()
    page.get_by_label("Langkah pengamanan data").fill("Server diputus dari jaringan; cadangan diverifikasi.")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url("**/security/incidents/*/")
    incident_url = page.url
    assert TITLE in page.locator("main").inner_text()
    _no_axe(page, "incident page")
    incident = Incident.objects.get(title=TITLE)
    assert incident.status == "reported"

    page.context.clear_cookies()
    login(page, "kominfo")
    assert TITLE in page.locator("#home-security").inner_text()
    page.goto(incident_url + "handle/")
    _no_axe(page, "handling tab")
    page.get_by_label("Tingkat keparahan").select_option(label="Serius")
    page.get_by_label("Status").select_option(label="Terkendali")
    page.get_by_label("Penahanan").fill("Segmen jaringan puskesmas diisolasi.")
    page.get_by_role("button", name="Simpan penanganan").click()
    page.wait_for_url(incident_url)
    assert "Terkendali" in page.locator("main").inner_text()
    page.goto("/security/certificates/coverage/")
    _no_axe(page, "coverage page")

    page.context.clear_cookies()
    login(page, "admin.dinkes")
    page.goto(incident_url)
    page.get_by_role("link", name="Pemberitahuan tertulis ke walidata").click()
    assert "Rina Walidata" in page.locator("main").inner_text()
    page.get_by_role("button", name="Terbitkan pemberitahuan").click()
    page.wait_for_url(incident_url)
    incident.refresh_from_db()
    doc = incident.steward_notice
    assert doc is not None and doc.signer_name
    with page.expect_download() as download:
        page.goto(f"/verifikasi/{doc.code}/")
        page.get_by_role("link", name="salinan", exact=False).first.click()
    text = pypdf.PdfReader(io.BytesIO(open(download.value.path(), "rb").read())).pages[0].extract_text()
    assert "Rina Walidata" in text and TITLE in text

    for outsider in ("admin.disdik", "bupati"):
        page.context.clear_cookies()
        login(page, outsider)
        page.goto("/security/incidents/")
        assert TITLE not in page.locator("main").inner_text()
        _no_axe(page, "incident list (empty)")
        assert page.goto(incident_url).status == 404
        page.goto("/search/?q=Ransomware")
        assert TITLE not in page.locator("main").inner_text()
        api = page.request.get("/api/v1/security/incidents/")
        assert api.ok and api.json()["results"] == []
        export = page.request.get("/security/incidents/export/?format=csv")
        assert export.ok and TITLE not in export.text()
        page.goto(f"/verifikasi/{doc.code}/")
        assert TITLE not in page.locator("main").inner_text()
