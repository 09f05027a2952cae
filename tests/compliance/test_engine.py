"""Runs, incremental re-evaluation, notifications, and the dashboard numbers on a small fixture."""

import datetime
import io

import openpyxl
import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from spbe.compliance import engine, scheduled, selectors
from spbe.compliance.models import Attestation, ComplianceStatus
from spbe.core import approvals
from spbe.core.checks import Status
from spbe.core.models import Notification
from spbe.org.models import RoleAssignment

from ..factories import user_with_role


def _row(gov, code, agency=None):
    return ComplianceStatus.objects.get(
        government=gov, obligation__code=code, subject_key=engine.subject_key(agency.pk if agency else None)
    )


def test_dashboard_numbers_match_a_hand_computation(tiny_gov, two_agencies, client):
    """Fixture: the government has an ICT office (met) and no team (unmet); D1 has a help desk (met) and
    an accepted attestation (met); D2 has neither (unmet, awaiting). Shares count partly met as half."""
    one, two = two_agencies
    tiny_gov.ict_office = one
    tiny_gov.save()
    user_with_role("service_desk_tier1", one)
    from spbe.compliance.models import Obligation

    Attestation.objects.create(
        government=tiny_gov,
        agency=one,
        obligation=Obligation.objects.get(code="uji-4-2-sop"),
        statement="SOP ditetapkan",
        status="accepted",
        submitted_by=user_with_role("agency_admin", one),
        valid_until=timezone.localdate() + datetime.timedelta(days=90),
    )
    engine.run_full(tiny_gov)
    m = selectors.matrix(tiny_gov)
    assert [g["id"] for g in m.groups] == ["governance", "management"]
    by_label = {r["label"]: r for r in m.rows}
    gov_row, d1, d2 = by_label[tiny_gov.name], by_label["Dinas Satu"], by_label["Dinas Dua"]
    assert [c.share for c in gov_row["cells"]] == [0.5, None]  # governance: 1 met of 2
    assert [c.share for c in d1["cells"]] == [None, 1.0]
    assert [c.share for c in d2["cells"]] == [None, 0.0]
    assert m.overall == pytest.approx(3 / 6)  # met: ict office, help desk D1, attestation D1
    worst = selectors.worst_articles(tiny_gov)
    # Pasal 5: team unmet (0); Pasal 4: help desk and SOP, met in D1 only (2 of 4); Pasal 3: met.
    assert [(w["article"], w["share"]) for w in worst] == [("5", 0.0), ("4", 0.5), ("3", 1.0)]
    client.force_login(user_with_role("leader"))
    page = client.get("/compliance/").content.decode()
    assert 'id="overall-share">50%' in page
    assert ">100%</a>" in page and ">0%</a>" in page


def test_trend_has_one_point_per_full_run(tiny_gov, two_agencies):
    engine.run_full(tiny_gov)
    tiny_gov.ict_office = two_agencies[0]
    tiny_gov.save()
    engine.run_full(tiny_gov)
    points = selectors.trend(tiny_gov)
    assert len(points) >= 2 and points[-1]["share"] > points[0]["share"]


def test_changing_a_record_re_evaluates_only_what_it_affects(
    tiny_gov, two_agencies, django_capture_on_commit_callbacks
):
    one, two = two_agencies
    engine.run_full(tiny_gov)
    before_two = _row(tiny_gov, "uji-4-1-helpdesk", two).evaluated_at
    before_sop = _row(tiny_gov, "uji-4-2-sop", one).evaluated_at
    assert _row(tiny_gov, "uji-4-1-helpdesk", one).status == Status.UNMET
    with django_capture_on_commit_callbacks(execute=True):
        user_with_role("service_desk_tier1", one)
    assert _row(tiny_gov, "uji-4-1-helpdesk", one).status == Status.MET  # no full run needed
    assert _row(tiny_gov, "uji-4-1-helpdesk", two).evaluated_at == before_two  # other agency untouched
    assert _row(tiny_gov, "uji-4-2-sop", one).evaluated_at == before_sop  # other obligations untouched


def test_falling_to_unmet_notifies_the_agency(tiny_gov, two_agencies, django_capture_on_commit_callbacks):
    one, _two = two_agencies
    admin = user_with_role("agency_admin", one, "admin.satu")
    helpdesk = user_with_role("service_desk_tier1", one)
    engine.run_full(tiny_gov)
    assert _row(tiny_gov, "uji-4-1-helpdesk", one).status == Status.MET
    with django_capture_on_commit_callbacks(execute=True):
        RoleAssignment.objects.filter(user=helpdesk).update(
            valid_until=timezone.localdate() - datetime.timedelta(days=1)
        )
    assert _row(tiny_gov, "uji-4-1-helpdesk", one).status == Status.UNMET
    note = Notification.objects.get(user=admin)
    assert "menjadi belum terpenuhi" in note.title and "Pasal 4 ayat (1)" in note.title


def test_attestation_expiry_turns_unmet_and_is_warned_before(tiny_gov, two_agencies):
    from spbe.compliance.models import Obligation

    one = two_agencies[0]
    submitter = user_with_role("agency_admin", one, "penyata")
    attestation = Attestation.objects.create(
        government=tiny_gov,
        agency=one,
        obligation=Obligation.objects.get(code="uji-4-2-sop"),
        statement="SOP ada",
        status="accepted",
        submitted_by=submitter,
        valid_until=timezone.localdate() + datetime.timedelta(days=10),
    )
    engine.run_full(tiny_gov)
    assert _row(tiny_gov, "uji-4-2-sop", one).status == Status.MET
    assert scheduled.warn_expiring_attestations() == "1 pemberitahuan"
    assert Notification.objects.filter(user=submitter, title__contains="berakhir").exists()
    Attestation.objects.filter(pk=attestation.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    engine.run_full(tiny_gov)
    row = _row(tiny_gov, "uji-4-2-sop", one)
    assert row.status == Status.UNMET and "kedaluwarsa" in row.reason


def test_attest_review_and_status_change_through_the_pages(
    client, tiny_gov, two_agencies, django_capture_on_commit_callbacks
):
    from spbe.compliance.models import Obligation

    one, two = two_agencies
    sop = Obligation.objects.get(code="uji-4-2-sop")
    agency_admin = user_with_role("agency_admin", one, "admin.satu")
    reviewer = user_with_role("ict_admin", None, "peninjau")
    outsider = user_with_role("agency_admin", two, "admin.dua")
    engine.run_full(tiny_gov)
    client.force_login(outsider)
    assert client.get(f"/compliance/obligations/{sop.pk}/attest/?agency={one.pk}").status_code == 403
    client.force_login(agency_admin)
    url = f"/compliance/obligations/{sop.pk}/attest/?agency={one.pk}"
    no_evidence = client.post(
        url, {"statement": "SOP layanan TIK sudah ditetapkan", "valid_until": "2030-01-01", "agency": one.pk}
    )
    assert no_evidence.status_code == 400 and "paling sedikit satu bukti" in no_evidence.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "statement": "SOP layanan TIK sudah ditetapkan",
                "valid_until": "2030-01-01",
                "agency": one.pk,
                "files": SimpleUploadedFile("sop.pdf", b"%PDF-1.4 sop"),
            },
        )
    assert response.status_code == 302
    attestation = Attestation.objects.get()
    assert _row(tiny_gov, "uji-4-2-sop", one).status == Status.AWAITING_ATTESTATION
    assert Notification.objects.filter(user=reviewer, url__startswith="/approvals/").exists()
    approval = approvals.requests_for(attestation).get()
    # The submitter may not decide on their own attestation.
    assert "Setujui" not in client.get(approval.get_absolute_url()).content.decode()
    client.force_login(reviewer)
    refused = client.post(approval.get_absolute_url(), {"decision": "reject", "reason": ""})
    assert refused.status_code == 400 and "Alasan wajib diisi untuk menolak." in refused.content.decode()
    assert Attestation.objects.get().status == "submitted"  # a refusal without a reason decides nothing
    with django_capture_on_commit_callbacks(execute=True):
        client.post(approval.get_absolute_url(), {"decision": "approve", "reason": "Bukti SOP lengkap"})
    attestation.refresh_from_db()
    assert attestation.status == "accepted"
    assert _row(tiny_gov, "uji-4-2-sop", one).status == Status.MET
    decision = approval.decisions.get()
    assert (decision.decider, decision.reason, decision.approved) == (reviewer, "Bukti SOP lengkap", True)
    page = client.get(attestation.get_absolute_url()).content.decode()
    assert "Bukti SOP lengkap" in page and "peninjau" in page


def test_exports_carry_the_matrix(tiny_gov, two_agencies, client):
    tiny_gov.ict_office = two_agencies[0]
    tiny_gov.letterhead_title = "PEMERINTAH KABUPATEN UJI"
    tiny_gov.save()
    engine.run_full(tiny_gov)
    client.force_login(user_with_role("ict_admin"))
    sheet = openpyxl.load_workbook(
        io.BytesIO(b"".join(client.get("/compliance/export.xlsx").streaming_content))
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[2] == ("Perangkat daerah", "Tata Kelola", "Manajemen SPBE", "Keseluruhan")
    assert rows[3][0] == tiny_gov.name and rows[3][1] == 0.5
    response = client.get("/compliance/report.pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = reader.pages[0].extract_text()
    assert "PEMERINTAH KABUPATEN UJI" in text and "Laporan Kepatuhan Penyelenggaraan SPBE" in text
    assert f"Halaman 1 dari {len(reader.pages)}" in text
    assert "Dinas Satu" in "".join(p.extract_text() for p in reader.pages)


def test_switching_the_regulation_changes_the_obligations_shown(
    client, shipped, tiny_gov, two_agencies, django_capture_on_commit_callbacks
):
    admin = user_with_role("platform_admin", None, "platform")
    client.force_login(admin)
    engine.run_full(tiny_gov)
    assert "Peraturan Bupati Uji Nomor 1 Tahun 2026" in client.get("/compliance/").content.decode()
    data = {
        "name": tiny_gov.name,
        "kind": "kabupaten",
        "region_code": "72.08",
        "domain": tiny_gov.domain,
        "regulation": "sigi-27-2019",
        "version": tiny_gov.version,
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/org/governments/{tiny_gov.pk}/edit/", data).status_code == 302
    page = client.get("/compliance/").content.decode()
    assert "Peraturan Bupati Sigi Nomor 27 Tahun 2019" in page
    codes = set(
        ComplianceStatus.objects.filter(
            government=tiny_gov, obligation__regulation__code="sigi-27-2019"
        ).values_list("obligation__code", flat=True)
    )
    assert codes and all(code.startswith("sigi-") for code in codes)


def test_profile_upload_page_reports_lines_and_is_for_government_admins(client, tiny_regulation):
    # Platform admin and ICT office admin load profiles (docs/permissions.md, "compliance.load_profile").
    broken = SimpleUploadedFile("rusak.yaml", b"schema_version: 1\nid: X\n")
    client.force_login(user_with_role("auditor"))
    assert client.post("/compliance/regulations/", {"file": broken}).status_code == 403
    client.force_login(user_with_role("platform_admin"))
    broken.seek(0)
    response = client.post("/compliance/regulations/", {"file": broken})
    assert response.status_code == 400
    assert "rusak.yaml:2: galat" in response.content.decode()
