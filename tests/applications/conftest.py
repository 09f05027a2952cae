import io
import zipfile

import factory
import pytest

from spbe.applications import services
from spbe.applications.choices import ApplicationKind, ApplicationStatus, DeveloperKind, SourceModel
from spbe.applications.models import Application, ApplicationDocument, ApplicationRelease
from spbe.compliance import engine, profiles
from spbe.compliance.models import ComplianceStatus
from spbe.core import approvals
from spbe.org.choices import Role

from ..factories import AgencyFactory, GovernmentFactory, PersonFactory, user_with_role

# A small profile using every applications check type, so each outcome can be worked out by hand.
APPS_TINY = """\
schema_version: 1
id: {code}
regency: Kabupaten Uji Aplikasi
province: Sulawesi Tengah
number: "3"
year: 2026
title: Aplikasi SPBE (uji)
set_on: 2026-01-05
parameters:
  application_documents: [requirements, user_manual]
  lifecycle_stages_required: {lifecycle}
  open_source_policy: {policy}
groups:
  - {{id: applications, name: Aplikasi SPBE}}
obligations:
  - {{id: uji-docs, citation: Pasal 10 ayat (1), group: applications, statement: Aplikasi disertai dokumen wajib., subject: each_agency, period: on_change, severity: high, check: {{type: application_documents_present}}}}
  - {{id: uji-repo, citation: Pasal 10 ayat (2), group: applications, statement: Kode sumber disimpan di repositori., subject: each_agency, period: on_change, severity: high, check: {{type: application_source_in_repository}}}}
  - {{id: uji-open, citation: Pasal 11 ayat (1), group: applications, statement: Kebijakan kode sumber terbuka., subject: each_agency, period: on_change, severity: high, check: {{type: open_source_rule}}}}
  - {{id: uji-closed, citation: Pasal 11 ayat (2), group: applications, statement: Kode tertutup dengan pertimbangan teknis., subject: each_agency, period: on_change, severity: high, check: {{type: closed_source_consideration}}}}
  - {{id: uji-consult, citation: Pasal 12 ayat (1), group: applications, statement: Aplikasi Khusus dikonsultasikan., subject: each_agency, period: on_change, severity: medium, check: {{type: specific_app_consultation}}}}
  - {{id: uji-dup, citation: Pasal 12 ayat (2), group: applications, statement: Tidak membangun ulang Aplikasi Umum., subject: each_agency, period: on_change, severity: high, check: {{type: no_duplicate_common_application}}}}
  - {{id: uji-domain, citation: Pasal 13 ayat (1), group: applications, statement: Alamat di bawah domain pemda., subject: each_agency, period: continuous, severity: medium, check: {{type: subdomain_under_domain}}}}
"""


def load_tiny(*, code="uji-aplikasi-2026", policy="preferred_with_consideration", lifecycle=False):
    text = APPS_TINY.format(code=code, policy=policy, lifecycle=str(lifecycle).lower())
    regulation, _report = profiles.load_text(text, source=f"{code}.yaml")
    return regulation


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Aplikasi Uji {n}")
    purpose = "Mengelola layanan uji perangkat daerah."
    kind = ApplicationKind.SPECIFIC
    source_model = SourceModel.OPEN
    developer_kind = DeveloperKind.IN_HOUSE
    status = ApplicationStatus.PRODUCTION
    classification = "limited"


def pdf_upload(name="dokumen.pdf", content=b"%PDF-1.4 dokumen uji"):
    upload = io.BytesIO(content)
    upload.name = name
    return upload


def zip_bytes(text="print('halo')") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("src/app.py", date_time=(2026, 1, 5, 8, 0, 0)), text)
    return buffer.getvalue()


def add_document(app, doc_type, *, title=None):
    from django.core.files.base import ContentFile

    doc = ApplicationDocument(
        application=app, doc_type=doc_type, title=title or f"{doc_type} {app.name}", sha256="0" * 64
    )
    doc.file.save(f"{doc_type}.pdf", ContentFile(b"%PDF-1.4"), save=False)
    doc.save()
    return doc


def add_release(app, version="1.0.0"):
    from django.core.files.base import ContentFile

    release = ApplicationRelease(
        application=app,
        release_version=version,
        release_date="2026-01-10",
        delivered_by="Tim pengembang",
        sha256="0" * 64,
    )
    release.source_archive.save(f"{app.pk}-{version}.zip", ContentFile(zip_bytes()), save=False)
    release.save()
    return release


def grant(app, flow_kind, requester, decider, approve=True, reason="Sesuai standar Dinas."):
    """Run a workflow end to end through the services and the approval mechanism."""
    submit = {
        "consultation": services.consultation_submit,
        "technical_consideration": services.technical_consideration_submit,
        "duplicate": services.duplicate_decision_submit,
    }[flow_kind]
    request = submit(application=app, user=requester, note="Permohonan uji dengan uraian yang cukup.")
    return approvals.approval_decide(request=request, user=decider, approve=approve, reason=reason)


@pytest.fixture
def ict_office(gov):
    office = AgencyFactory(government=gov, name="Dinas Kominfo Uji", short_name="Kominfo")
    gov.ict_office = office
    gov.save()
    return office


@pytest.fixture
def ict_staff(ict_office):
    """A person of the ICT office with an agency-scoped role there (not ict_admin)."""
    user = user_with_role(Role.SERVICE_DESK_TIER1, ict_office, "staf.kominfo")
    PersonFactory(agency=ict_office, user=user)
    return user


@pytest.fixture
def auditor(gov):
    return user_with_role(Role.AUDITOR, None, "auditor.uji")


@pytest.fixture
def tiny_apps_gov(db):
    regulation = load_tiny()
    gov = GovernmentFactory(name="Pemerintah Kabupaten Uji Aplikasi", domain="ujiaplikasi.go.id")
    gov.regulation = regulation.code
    gov.ict_office = AgencyFactory(government=gov, name="Dinas Kominfo Uji Aplikasi", short_name="KOM")
    gov.save()
    return gov


@pytest.fixture
def satu(tiny_apps_gov):
    return AgencyFactory(government=tiny_apps_gov, name="Dinas Satu", short_name="D1")


@pytest.fixture
def dua(tiny_apps_gov):
    return AgencyFactory(government=tiny_apps_gov, name="Dinas Dua", short_name="D2")


@pytest.fixture
def tiny_editor(satu):
    return user_with_role(Role.AGENCY_ADMIN, satu, "admin.satu")


@pytest.fixture
def tiny_reviewer(tiny_apps_gov):
    return user_with_role(Role.ICT_ADMIN, None, "kominfo.uji")


def status_of(gov, code, agency):
    engine.run_full(gov)
    row = ComplianceStatus.objects.get(
        government=gov, obligation__code=code, subject_key=engine.subject_key(agency.pk if agency else None)
    )
    return row
