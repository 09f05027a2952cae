"""The repository: releases with their source archive, and who may take files out of it."""

import hashlib
import io

import pytest

from spbe.applications.models import ApplicationRelease
from spbe.core.models import AuditEvent

from .conftest import ApplicationFactory, add_document, add_release, zip_bytes


@pytest.fixture
def release(agency_a):
    return add_release(ApplicationFactory(agency=agency_a, name="SIMPUS"), "2.3.1")


def test_a_release_is_delivered_with_its_hash_size_and_the_government_as_copyright_holder(
    client_a, agency_a, editor_a, gov
):
    app = ApplicationFactory(agency=agency_a, name="JDIH")
    content = zip_bytes("def main(): pass")
    form = client_a.get(f"/applications/releases/add/?application={app.pk}").content.decode()
    assert f'value="{gov.name}"' in form  # the copyright holder is offered as the government
    archive = io.BytesIO(content)
    archive.name = "jdih-1.8.2.zip"
    response = client_a.post(
        "/applications/releases/add/",
        {
            "application": app.pk,
            "release_version": "1.8.2",
            "release_date": "2026-02-01",
            "source_archive": archive,
            "delivered_by": "CV Sinar Teknologi",
            "received_by": editor_a.pk,
            "copyright_holder": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    release = ApplicationRelease.objects.get()
    assert release.sha256 == hashlib.sha256(content).hexdigest() and release.size == len(content)
    assert release.copyright_holder == gov.name and release.received_by == editor_a
    assert release.source_archive.name.startswith(f"repository/{app.pk}/1.8.2/")
    page = client_a.get(release.get_absolute_url()).content.decode()
    assert release.sha256 in page and "Unduh dari repositori" in page
    # Editing keeps optimistic locking: the release version is not the record's version.
    edit = client_a.post(
        f"/applications/releases/{release.pk}/edit/",
        {
            "application": app.pk,
            "release_version": "1.8.2",
            "release_date": "2026-02-02",
            "delivered_by": "CV Sinar Teknologi",
            "received_by": editor_a.pk,
            "copyright_holder": gov.name,
            "notes": "Tanggal diperbaiki",
            "version": release.version,
        },
    )
    assert edit.status_code == 302
    release.refresh_from_db()
    assert release.version == 2 and release.release_version == "1.8.2"


def test_a_wrong_archive_is_refused(client_a, agency_a, editor_a):
    app = ApplicationFactory(agency=agency_a)
    archive = io.BytesIO(b"MZ")
    archive.name = "setup.exe"
    response = client_a.post(
        "/applications/releases/add/",
        {
            "application": app.pk,
            "release_version": "1",
            "release_date": "2026-02-01",
            "source_archive": archive,
            "delivered_by": "X",
        },
    )
    assert response.status_code == 400 and not ApplicationRelease.objects.exists()


def _download(client, user, url):
    client.force_login(user)
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.status_code == 200 else b""
    return response.status_code, body


def test_another_agency_gets_404_and_learns_nothing(client, release, outsider_b):
    status, _ = _download(client, outsider_b, f"/applications/releases/{release.pk}/download/")
    assert status == 404
    page = client.get(release.get_absolute_url()).content.decode()
    assert "Unduh dari repositori" not in page
    assert not AuditEvent.objects.filter(code="applications.release.downloaded").exists()


@pytest.mark.parametrize("who", ["editor_a", "viewer_a", "ict_admin", "ict_staff", "auditor"])
def test_owner_agency_ict_office_and_auditors_download_and_it_is_recorded(client, release, who, request):
    user = request.getfixturevalue(who)
    status, body = _download(client, user, f"/applications/releases/{release.pk}/download/")
    assert status == 200 and body == zip_bytes()
    event = AuditEvent.objects.get(code="applications.release.downloaded")
    assert event.actor_id == user.pk and event.object_id == str(release.pk)


def test_leaders_without_an_ict_office_role_do_not_download(client, release):
    from ..factories import user_with_role

    leader = user_with_role("leader", None, "bupati.uji")
    assert _download(client, leader, f"/applications/releases/{release.pk}/download/")[0] == 404


def test_documents_follow_the_same_rule(client, agency_a, outsider_b, auditor):
    doc = add_document(ApplicationFactory(agency=agency_a), "source_code")
    assert _download(client, outsider_b, f"/applications/documents/{doc.pk}/download/")[0] == 404
    assert _download(client, auditor, f"/applications/documents/{doc.pk}/download/")[0] == 200
    assert AuditEvent.objects.filter(code="applications.document.downloaded", actor_id=auditor.pk).exists()
