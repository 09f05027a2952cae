"""Each applications check type, met and unmet, on a profile small enough to work out by hand."""

import pytest

from spbe.applications.choices import (
    ApplicationKind,
    ApplicationStatus,
    CommonField,
    DeveloperKind,
    DocumentType,
)
from spbe.compliance import engine
from spbe.core.checks import Status

from ..factories import AgencyFactory
from .conftest import ApplicationFactory, add_document, add_release, grant, load_tiny, status_of


def test_an_agency_without_applications_is_not_concerned(tiny_apps_gov, satu):
    ApplicationFactory(agency=satu, status=ApplicationStatus.RETIRED)  # retired ones do not count
    for code in ("uji-docs", "uji-repo", "uji-open", "uji-closed", "uji-consult", "uji-dup", "uji-domain"):
        row = status_of(tiny_apps_gov, code, satu)
        assert row.status == Status.NOT_APPLICABLE, code
        assert "Belum ada aplikasi" in row.reason


def test_documents_present_met_partly_and_unmet(tiny_apps_gov, satu, dua):
    complete = ApplicationFactory(agency=satu, name="SIMPUS")
    add_document(complete, DocumentType.REQUIREMENTS)
    add_document(complete, DocumentType.USER_MANUAL)
    lacking = ApplicationFactory(agency=satu, name="e-Retribusi")
    add_document(lacking, DocumentType.REQUIREMENTS)
    ApplicationFactory(agency=satu, name="Dapodik", developer_kind=DeveloperKind.NATIONAL)  # not handed over
    ApplicationFactory(agency=dua, name="Rencana", status=ApplicationStatus.PLANNED)  # not delivered yet

    row = status_of(tiny_apps_gov, "uji-docs", satu)
    assert row.status == Status.PARTLY_MET
    assert "1 dari 2 aplikasi beroperasi lengkap dokumennya" in row.reason
    assert "e-Retribusi (kurang Manual pengguna)" in row.reason
    assert {
        "label": "e-Retribusi: kurang Manual pengguna",
        "url": lacking.get_absolute_url(),
    } in row.evidence_items

    only_lacking = AgencyFactory(government=tiny_apps_gov, name="Dinas Tiga", short_name="D3")
    ApplicationFactory(agency=only_lacking, name="Kosong")
    row = status_of(tiny_apps_gov, "uji-docs", only_lacking)
    assert row.status == Status.UNMET and "0 dari 1" in row.reason and "Dokumen kebutuhan" in row.reason

    add_document(lacking, DocumentType.USER_MANUAL)
    assert status_of(tiny_apps_gov, "uji-docs", satu).status == Status.MET
    row = status_of(tiny_apps_gov, "uji-docs", dua)
    assert row.status == Status.MET and "Tidak ada aplikasi beroperasi" in row.reason


def test_documents_include_the_lifecycle_record_when_the_profile_requires_it(tiny_apps_gov, satu):
    regulation = load_tiny(code="uji-siklus-2026", lifecycle=True)
    tiny_apps_gov.regulation = regulation.code
    tiny_apps_gov.save()
    app = ApplicationFactory(agency=satu)
    add_document(app, DocumentType.REQUIREMENTS)
    add_document(app, DocumentType.USER_MANUAL)
    row = status_of(tiny_apps_gov, "uji-docs", satu)
    assert row.status == Status.UNMET and "Catatan tahapan siklus hidup" in row.reason
    add_document(app, DocumentType.LIFECYCLE_RECORD)
    assert status_of(tiny_apps_gov, "uji-docs", satu).status == Status.MET


def test_source_in_repository(tiny_apps_gov, satu):
    app = ApplicationFactory(agency=satu, name="JDIH")
    contracted = ApplicationFactory(
        agency=satu, name="PPDB", developer_kind=DeveloperKind.THIRD_PARTY, contract_number="1/SPK/2025"
    )
    ApplicationFactory(
        agency=satu, source_model="closed", licence="Lisensi", developer_kind=DeveloperKind.THIRD_PARTY
    )
    row = status_of(tiny_apps_gov, "uji-repo", satu)
    assert row.status == Status.UNMET
    assert "JDIH (belum ada rilis)" in row.reason
    assert "PPDB (belum ada rilis; kontrak tidak mencatat penyerahan kode sumber)" in row.reason
    add_release(app)
    row = status_of(tiny_apps_gov, "uji-repo", satu)
    assert row.status == Status.PARTLY_MET and row.reason.startswith("1 dari 2")
    add_release(contracted)
    assert status_of(tiny_apps_gov, "uji-repo", satu).status == Status.MET


@pytest.mark.parametrize(
    "policy, closed_plain, closed_with_consideration, closed_licensed_only",
    [
        ("mandatory", Status.UNMET, Status.UNMET, Status.UNMET),
        ("preferred_with_consideration", Status.UNMET, Status.MET, Status.UNMET),
        ("legal_or_open", Status.UNMET, Status.MET, Status.MET),
    ],
)
def test_open_source_rule_follows_the_profile_policy(
    tiny_apps_gov,
    satu,
    tiny_editor,
    tiny_reviewer,
    policy,
    closed_plain,
    closed_with_consideration,
    closed_licensed_only,
):
    regulation = load_tiny(code=f"uji-{policy.replace('_', '-')}", policy=policy)
    tiny_apps_gov.regulation = regulation.code
    tiny_apps_gov.save()
    ApplicationFactory(agency=satu, name="Terbuka")
    assert status_of(tiny_apps_gov, "uji-open", satu).status == Status.MET
    # A closed application with neither licence nor evidence (a shell can bypass the form's rule).
    bare = ApplicationFactory(agency=satu, name="Tertutup Polos", source_model="closed")
    assert status_of(tiny_apps_gov, "uji-open", satu).status == closed_plain
    bare.delete()
    considered = ApplicationFactory(
        agency=satu, name="Tertutup Dipertimbangkan", source_model="closed", licence="Lisensi"
    )
    grant(considered, "technical_consideration", tiny_editor, tiny_reviewer)
    assert status_of(tiny_apps_gov, "uji-open", satu).status == closed_with_consideration
    considered.delete()
    ApplicationFactory(agency=satu, name="Tertutup Berlisensi", source_model="closed", licence="Lisensi OEM")
    row = status_of(tiny_apps_gov, "uji-open", satu)
    assert row.status == closed_licensed_only
    if closed_licensed_only == Status.UNMET:
        assert "Tertutup Berlisensi" in row.reason
        assert row.evidence_items[0]["label"].startswith("Tertutup Berlisensi")


def test_open_source_rule_is_not_applicable_when_the_regulation_is_silent(tiny_apps_gov, satu):
    regulation = load_tiny(code="uji-diam-2026", policy="unspecified")
    tiny_apps_gov.regulation = regulation.code
    tiny_apps_gov.save()
    ApplicationFactory(agency=satu, source_model="closed", licence="Lisensi")
    row = status_of(tiny_apps_gov, "uji-open", satu)
    assert row.status == Status.NOT_APPLICABLE and "tidak mengatur" in row.reason


def test_closed_source_consideration(tiny_apps_gov, satu, tiny_editor, tiny_reviewer):
    ApplicationFactory(agency=satu, name="Terbuka")
    assert status_of(tiny_apps_gov, "uji-closed", satu).status == Status.MET
    app = ApplicationFactory(agency=satu, name="SIMRS", source_model="closed", licence="Lisensi")
    row = status_of(tiny_apps_gov, "uji-closed", satu)
    assert row.status == Status.UNMET and "SIMRS (belum ada pertimbangan teknis)" in row.reason
    assert "Ajukan pertimbangan teknis" in row.next_step
    grant(
        app, "technical_consideration", tiny_editor, tiny_reviewer, approve=False, reason="Belum ada lisensi."
    )
    assert status_of(tiny_apps_gov, "uji-closed", satu).status == Status.UNMET  # a refusal allows nothing
    grant(app, "technical_consideration", tiny_editor, tiny_reviewer)
    row = status_of(tiny_apps_gov, "uji-closed", satu)
    assert row.status == Status.MET and "Semua 1 aplikasi kode sumber tertutup" in row.reason


def test_specific_app_consultation(tiny_apps_gov, satu, tiny_editor, tiny_reviewer):
    ApplicationFactory(agency=satu, kind=ApplicationKind.COMMON, developer_kind=DeveloperKind.NATIONAL)
    ApplicationFactory(
        agency=tiny_apps_gov.ict_office, name="Milik Dinas"
    )  # the ICT office needs no consultation
    assert status_of(tiny_apps_gov, "uji-consult", satu).status == Status.MET
    app = ApplicationFactory(agency=satu, name="e-Perizinan")
    row = status_of(tiny_apps_gov, "uji-consult", satu)
    assert row.status == Status.UNMET and "e-Perizinan (belum dikonsultasikan)" in row.reason
    assert status_of(tiny_apps_gov, "uji-consult", tiny_apps_gov.ict_office).status == Status.MET
    grant(app, "consultation", tiny_editor, tiny_reviewer)
    assert status_of(tiny_apps_gov, "uji-consult", satu).status == Status.MET


def test_sub_units_answer_through_their_parent(tiny_apps_gov, satu):
    upt = AgencyFactory(government=tiny_apps_gov, name="UPT Satu", short_name="UPT1", parent=satu)
    ApplicationFactory(agency=upt, name="Aplikasi UPT")
    row = status_of(tiny_apps_gov, "uji-consult", satu)
    assert row.status == Status.UNMET and "Aplikasi UPT" in row.reason


def test_no_duplicate_common_application(tiny_apps_gov, satu, tiny_editor, tiny_reviewer):
    ApplicationFactory(
        agency=satu,
        name="SIASN BKN",
        kind=ApplicationKind.COMMON,
        developer_kind=DeveloperKind.NATIONAL,
        common_field=CommonField.PERSONNEL,
    )
    ApplicationFactory(agency=satu, name="Bank Sampah")
    assert status_of(tiny_apps_gov, "uji-dup", satu).status == Status.MET
    app = ApplicationFactory(agency=satu, name="SIMPEG Daerah", common_field=CommonField.PERSONNEL)
    row = status_of(tiny_apps_gov, "uji-dup", satu)
    assert row.status == Status.UNMET
    assert "SIMPEG Daerah (menyerupai SI-ASN (bidang Kepegawaian, kata kunci “simpeg”))" in row.reason
    grant(app, "duplicate", tiny_editor, tiny_reviewer)
    assert status_of(tiny_apps_gov, "uji-dup", satu).status == Status.MET


def test_subdomain_under_domain(tiny_apps_gov, satu):
    ApplicationFactory(agency=satu, name="Portal", address="https://portal.ujiaplikasi.go.id/")
    ApplicationFactory(
        agency=satu,
        name="Nasional",
        developer_kind=DeveloperKind.NATIONAL,
        address="https://srikandi.arsip.go.id",
    )
    ApplicationFactory(agency=satu, name="Tanpa alamat")
    row = status_of(tiny_apps_gov, "uji-domain", satu)
    assert row.status == Status.MET and "ujiaplikasi.go.id" in row.reason
    ApplicationFactory(agency=satu, name="Sehat", address="https://sehat-ujiaplikasi.go.id")
    row = status_of(tiny_apps_gov, "uji-domain", satu)
    assert row.status == Status.PARTLY_MET
    assert "1 dari 2 aplikasi beralamat" in row.reason and "Sehat (sehat-ujiaplikasi.go.id)" in row.reason


def test_an_approval_re_evaluates_the_agency_at_once(
    tiny_apps_gov, satu, tiny_editor, tiny_reviewer, django_capture_on_commit_callbacks
):
    app = ApplicationFactory(agency=satu, name="SIMRS", source_model="closed", licence="Lisensi")
    assert status_of(tiny_apps_gov, "uji-closed", satu).status == Status.UNMET
    with django_capture_on_commit_callbacks(execute=True):
        grant(app, "technical_consideration", tiny_editor, tiny_reviewer)
    from spbe.compliance.models import ComplianceStatus

    row = ComplianceStatus.objects.get(obligation__code="uji-closed", subject_key=engine.subject_key(satu.pk))
    assert row.status == Status.MET  # without a full run


def test_subdomain_check_applies_the_domain_the_regulation_names_and_says_so(tiny_apps_gov, satu):
    from spbe.compliance import profiles
    from spbe.compliance.models import Regulation

    from .conftest import APPS_TINY

    text = APPS_TINY.format(code="uji-domain-2026", policy="legal_or_open", lifecycle="false").replace(
        "parameters:\n", "parameters:\n  official_domain: ujikab.go.id\n", 1
    )
    profiles.load_text(text, source="uji-domain.yaml")
    tiny_apps_gov.regulation = "uji-domain-2026"
    tiny_apps_gov.save()
    assert Regulation.objects.get(code="uji-domain-2026").parameters["official_domain"] == "ujikab.go.id"
    ApplicationFactory(agency=satu, name="Portal", address="https://portal.ujiaplikasi.go.id/")
    ApplicationFactory(agency=satu, name="Layanan", address="https://layanan.ujikab.go.id/")
    row = status_of(tiny_apps_gov, "uji-domain", satu)
    assert row.status == Status.PARTLY_MET
    assert (
        "Domain resmi menurut regulasi: ujikab.go.id (domain pemda tercatat: ujiaplikasi.go.id)" in row.reason
    )
    assert "Portal (portal.ujiaplikasi.go.id)" in row.reason
