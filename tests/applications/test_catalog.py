"""The catalogue's pages and API: what an agency editor, a viewer and another agency see and do."""

import hashlib
import json

from django.utils import translation

from spbe.applications.models import (
    Application,
    ApplicationDocument,
    ApplicationIntegration,
    CommonApplication,
)

from .conftest import ApplicationFactory, add_document, add_release, pdf_upload

FORM = {
    "agency": None,
    "name": "SIMPUS Terpadu",
    "purpose": "Pendaftaran, rekam medis dan laporan puskesmas.",
    "kind": "specific",
    "common_field": "other",
    "address": "simpus.ujikab.go.id",
    "source_model": "open",
    "developer_kind": "in_house",
    "lifecycle_stage": "implementation",
    "status": "in_development",
    "classification": "limited",
}


def test_editor_registers_an_application_and_sees_every_field(client_a, agency_a):
    response = client_a.post("/applications/applications/add/", {**FORM, "agency": agency_a.pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    app = Application.objects.get(name="SIMPUS Terpadu")
    assert app.address == "https://simpus.ujikab.go.id" and app.created_by.username == "editor.a"
    page = client_a.get(app.get_absolute_url()).content.decode()
    for text in (
        "Pendaftaran, rekam medis",
        "Dalam pengembangan",
        "Implementasi",
        "Kode sumber terbuka",
        "Dinas A",
    ):
        assert text in page
    listing = client_a.get("/applications/applications/?kind=specific&status=in_development").content.decode()
    assert "SIMPUS Terpadu" in listing
    assert (
        "SIMPUS Terpadu" not in client_a.get("/applications/applications/?status=production").content.decode()
    )


def test_closed_source_needs_a_licence_or_legality_evidence(client_a, agency_a):
    data = {**FORM, "agency": agency_a.pk, "source_model": "closed"}
    response = client_a.post("/applications/applications/add/", data)
    assert response.status_code == 400
    assert "wajib mencatat lisensi atau bukti legalitas" in response.content.decode()
    data["licence"] = "Lisensi perpetual"
    assert client_a.post("/applications/applications/add/", data).status_code == 302


def test_editor_cannot_register_for_another_agency(client_a, agency_b):
    response = client_a.post("/applications/applications/add/", {**FORM, "agency": agency_b.pk})
    assert response.status_code == 400
    assert not Application.objects.exists()


def test_the_form_warns_of_a_national_common_application(client_a, agency_a):
    data = {**FORM, "agency": agency_a.pk, "name": "SIMPEG Daerah", "common_field": "personnel"}
    response = client_a.post("/applications/applications/add/", data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "menyerupai Aplikasi Umum nasional: SI-ASN (bidang Kepegawaian, kata kunci “simpeg”)" in body
    assert not Application.objects.exists()
    # By keyword only, in a field that is not reserved.
    data = {
        **FORM,
        "agency": agency_a.pk,
        "name": "e-Office Dinas",
        "purpose": "Persuratan dan naskah dinas.",
    }
    body = client_a.post("/applications/applications/add/", data).content.decode()
    assert "SRIKANDI (kata kunci" in body
    data["acknowledge_duplicate"] = "on"
    assert client_a.post("/applications/applications/add/", data).status_code == 302
    app = Application.objects.get(name="e-Office Dinas")
    assert 'id="duplicate-warning"' in client_a.get(app.get_absolute_url()).content.decode()
    # Editing another field later does not ask again.
    edit = {**data, "version": app.version, "status": "production"}
    edit.pop("acknowledge_duplicate")
    assert client_a.post(f"/applications/applications/{app.pk}/edit/", edit).status_code == 302


def test_a_national_application_in_use_is_no_duplicate(client_a, agency_a):
    srikandi = CommonApplication.objects.get(name="SRIKANDI")
    data = {
        **FORM,
        "agency": agency_a.pk,
        "name": "SRIKANDI",
        "kind": "common",
        "common_field": "records",
        "common_application": srikandi.pk,
        "developer_kind": "national",
        "source_model": "closed",
        "licence": "Hak pakai dari ANRI",
        "address": "https://srikandi.arsip.go.id",
    }
    assert client_a.post("/applications/applications/add/", data).status_code == 302
    app = Application.objects.get(name="SRIKANDI")
    page = client_a.get(app.get_absolute_url()).content.decode()
    assert 'id="duplicate-warning"' not in page
    assert "Aplikasi nasional: dokumennya ada pada instansi pusat" in page
    assert "SRIKANDI" in client_a.get(srikandi.get_absolute_url()).content.decode()


def test_common_applications_are_national_data_read_by_all_changed_by_none_of_the_agencies(client_a, client):
    page = client_a.get("/applications/common-applications/").content.decode()
    for name in ("SRIKANDI", "SP4N-LAPOR!", "SPSE", "SI-ASN", "SIPD", "e-SAKIP"):
        assert name in page
    srikandi = CommonApplication.objects.get(name="SRIKANDI")
    assert client_a.get(f"/applications/common-applications/{srikandi.pk}/edit/").status_code == 403
    assert client_a.get("/applications/common-applications/add/").status_code == 403


def test_a_closed_application_stays_in_its_agency(client, agency_a, agency_b, outsider_b, editor_a):
    secret = ApplicationFactory(agency=agency_a, name="Aplikasi Rahasia Intel", classification="closed")
    add_document(secret, "source_code", title="Kode Rahasia Intel")
    add_release(secret, "9.9.9")
    ApplicationIntegration.objects.create(
        source=ApplicationFactory(agency=agency_b, name="Milik B"), target=secret, method="api"
    )
    client.force_login(outsider_b)
    assert client.get(secret.get_absolute_url()).status_code == 404
    for url in (
        "/applications/applications/",
        "/applications/documents/",
        "/applications/releases/",
        "/applications/integrations/",
        "/applications/documents/export/?format=csv",
        "/api/v1/applications/applications/",
        "/api/v1/applications/documents/",
        "/api/v1/applications/releases/",
        "/api/v1/applications/integrations/",
        "/search/?q=Intel",
    ):
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert response.status_code == 200 and b"Rahasia" not in body, url
    client.force_login(editor_a)
    assert "Aplikasi Rahasia Intel" in client.get("/search/?q=Intel").content.decode()
    assert "Kode Rahasia Intel" in client.get("/applications/documents/").content.decode()
    assert len(client.get("/api/v1/applications/integrations/").json()["results"]) == 1


def test_document_upload_records_sha256_and_refuses_bad_files(client_a, agency_a, agency_b):
    app = ApplicationFactory(agency=agency_a, name="SIMPUS")
    content = b"%PDF-1.4 manual pengguna SIMPUS"
    form = client_a.get(
        f"/applications/documents/add/?application={app.pk}&doc_type=user_manual"
    ).content.decode()
    assert f'<option value="{app.pk}" selected>SIMPUS (DA)</option>' in form
    response = client_a.post(
        "/applications/documents/add/",
        {
            "application": app.pk,
            "doc_type": "user_manual",
            "title": "Manual SIMPUS",
            "file": pdf_upload("manual.pdf", content),
        },
    )
    assert response.status_code == 302
    doc = ApplicationDocument.objects.get()
    assert doc.sha256 == hashlib.sha256(content).hexdigest()
    page = client_a.get(app.get_absolute_url()).content.decode()
    assert "Manual SIMPUS" in page
    response = client_a.post(
        "/applications/documents/add/",
        {
            "application": app.pk,
            "doc_type": "technical",
            "title": "Program",
            "file": pdf_upload("setup.exe", b"MZ"),
        },
    )
    assert response.status_code == 400 and "Jenis berkas tidak diizinkan" in response.content.decode()
    other = ApplicationFactory(agency=agency_b, name="Milik B")
    response = client_a.post(
        "/applications/documents/add/",
        {"application": other.pk, "doc_type": "technical", "title": "Sisipan", "file": pdf_upload()},
    )
    assert response.status_code == 400
    assert ApplicationDocument.objects.count() == 1


def test_api_reads_and_writes_with_the_same_rules(client_a, agency_a, agency_b):
    created = client_a.post(
        "/api/v1/applications/applications/",
        data=json.dumps(
            {
                "agency": agency_a.pk,
                "name": "e-Retribusi",
                "purpose": "Pembayaran retribusi daerah.",
                "kind": "specific",
                "source_model": "closed",
                "developer_kind": "third_party",
                "contract_number": "027/SPK/2025",
            }
        ),
        content_type="application/json",
    )
    assert created.status_code == 400
    assert "legality_evidence" in created.json()["errors"]
    app = ApplicationFactory(agency=agency_a, name="e-Retribusi")
    other = ApplicationFactory(agency=agency_b, name="Milik B")
    content = b"%PDF-1.4 kebutuhan"
    response = client_a.post(
        "/api/v1/applications/documents/",
        {
            "application": app.pk,
            "doc_type": "requirements",
            "title": "SKPL",
            "file": pdf_upload("skpl.pdf", content),
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["sha256"] == hashlib.sha256(content).hexdigest()
    assert body["download_url"] == f"/applications/documents/{body['id']}/download/" and "file" not in body
    response = client_a.post(
        "/api/v1/applications/documents/",
        {"application": other.pk, "doc_type": "requirements", "title": "SKPL", "file": pdf_upload()},
    )
    assert response.status_code == 403
    listing = client_a.get("/api/v1/applications/applications/?source_model=open").json()
    assert {row["name"] for row in listing["results"]} == {"e-Retribusi", "Milik B"}
    assert listing["results"][0]["technical_consideration"] is None


def test_pages_follow_the_chosen_language(client_a, agency_a):
    app = ApplicationFactory(agency=agency_a, name="SIMRS", source_model="closed", licence="Lisensi")
    page = client_a.get(app.get_absolute_url()).content.decode()
    assert "Dokumen wajib" in page and "Pertimbangan teknis kode sumber tertutup" in page
    client_a.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client_a.get(app.get_absolute_url()).content.decode()
    assert "Required documents" in page and "Closed-source technical consideration" in page
    assert "Closed source" in page and "Dokumen wajib" not in page
    assert "Application landscape" in client_a.get("/applications/landscape/").content.decode()
    translation.deactivate()  # the middleware activated English on this thread: do not leak it
