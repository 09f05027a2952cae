"""Findings of a vulnerability assessment (Parigi Moutong Pasal 28 ayat (2) huruf a) become risks in
the requesting agency's SPBE risk register: once, linked both ways, only by the ICT office, never into
another agency's register or one already submitted; the finding's technical details stay with those
who may see an incident."""

import pytest
from django.urls import reverse

from spbe.core.errors import DomainError
from spbe.management.choices import RegisterStatus, RiskCategory
from spbe.management.models import Risk, RiskContext
from spbe.security import services
from spbe.security.models import SecurityServiceKind, SecurityServiceRequest, VulnerabilityFinding

pytestmark = pytest.mark.django_db


def _context(agency, year=2026, unit="Bidang Aplikasi", status=RegisterStatus.DRAFT):
    return RiskContext.objects.create(
        agency=agency,
        unit=unit,
        year=year,
        risk_owner="Kepala Bidang",
        goals="Layanan daring andal.",
        status=status,
    )


@pytest.fixture
def finding(agency_a):
    kind = SecurityServiceKind.objects.get(code="vulnerability-assessment")
    request = SecurityServiceRequest.objects.create(
        agency=agency_a,
        kind=kind,
        title="Penilaian kerentanan SIMPUS",
        description="Uji penetrasi aplikasi SIMPUS.",
        status="done",
        done_date="2026-10-01",
        report="Uji penetrasi selesai; tiga temuan.",
    )
    return VulnerabilityFinding.objects.create(
        service_request=request,
        title="Akun bawaan aplikasi dapat dipakai pihak luar",
        details="Login admin/admin di /simpus/admin masih aktif pada 10.70.3.4.",
        cause="Akun bawaan tidak dinonaktifkan saat pemasangan.",
        consequence="Data pasien dapat diubah pihak yang tidak berhak.",
        likelihood=4,
        impact=5,
    )


def test_ict_office_registers_a_finding_once_and_both_pages_link(client, finding, agency_a, ict_admin):
    context = _context(agency_a)
    risk = services.finding_register_risk(finding=finding, user=ict_admin)
    assert risk.context == context and risk.category == RiskCategory.SECURITY
    assert risk.event == "Akun bawaan aplikasi dapat dipakai pihak luar"
    assert "admin/admin" not in risk.event + risk.cause + risk.consequence + risk.controls
    assert risk.magnitude > 0 and risk.to_treat  # scored by the register's own rules
    again = services.finding_register_risk(finding=finding, user=ict_admin)
    assert again.pk == risk.pk and Risk.objects.filter(context=context).count() == 1

    client.force_login(ict_admin)
    page = client.get(finding.get_absolute_url()).content.decode()
    assert risk.code in page
    risk_page = client.get(risk.get_absolute_url()).content.decode()
    assert 'id="panel-security_findings"' in risk_page and finding.get_absolute_url() in risk_page


def test_the_tab_registers_into_the_chosen_register(client, finding, agency_a, ict_admin):
    _context(agency_a, unit="Bidang Aplikasi")
    chosen = _context(agency_a, unit="Bidang Persandian")
    client.force_login(ict_admin)
    url = reverse("security:vulnerabilityfinding_register", kwargs={"pk": finding.pk})
    assert "Bidang Persandian" in client.get(url).content.decode()
    assert client.post(url, {"context": ""}).status_code == 400
    response = client.post(url, {"context": chosen.pk})
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.risk.context == chosen
    # Without a choice, two registers of the year are ambiguous: the service asks to choose.
    other = VulnerabilityFinding.objects.create(
        service_request=finding.service_request,
        title="Versi PHP usang",
        cause="Tidak dimutakhirkan.",
        consequence="Celah diketahui umum.",
        likelihood=3,
        impact=3,
    )
    with pytest.raises(DomainError, match="beberapa register"):
        services.finding_register_risk(finding=other, user=ict_admin)


def test_refusals(finding, agency_a, agency_b, editor_a, ict_admin):
    with pytest.raises(DomainError, match="Dinas Kominfo"):
        services.finding_register_risk(finding=finding, user=editor_a)
    with pytest.raises(DomainError, match="belum punya register risiko tahun 2026"):
        services.finding_register_risk(finding=finding, user=ict_admin)
    with pytest.raises(DomainError, match="bukan milik PD pemohon"):
        services.finding_register_risk(finding=finding, user=ict_admin, context=_context(agency_b))
    approved = _context(agency_a, status=RegisterStatus.APPROVED)
    with pytest.raises(DomainError, match="sudah diajukan atau disetujui"):
        services.finding_register_risk(finding=finding, user=ict_admin, context=approved)
    finding.refresh_from_db()
    assert finding.risk_id is None and not Risk.objects.exists()


def test_findings_fail_closed(client, finding, outsider_b, viewer_a):
    client.force_login(outsider_b)
    assert client.get(finding.get_absolute_url()).status_code == 404
    assert not client.get("/api/v1/security/vulnerability-findings/").json()["results"]
    client.force_login(viewer_a)
    assert client.get(finding.get_absolute_url()).status_code == 200
