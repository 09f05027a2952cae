"""The SPBE risk register as PermenPANRB 5/2020 has it: the analysis matrix is a lookup table
(checked cell by cell against the guideline, not computed as likelihood x impact), the levels by
range, the appetite deciding what to treat, options by risk type, approval by the risk owner, and
an Excel round trip of the register that loses nothing."""

import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from spbe.core import approvals
from spbe.core.choices import ImportStatus
from spbe.core.models import ImportJob
from spbe.management import guideline, services
from spbe.management.models import Risk, RiskAppetite, RiskContext, RiskTreatment

# The guideline's table, rows likelihood 5..1, columns impact 1..5 (national-rules.md section 2).
GUIDELINE = {
    5: [9, 15, 18, 23, 25],
    4: [6, 12, 16, 19, 24],
    3: [4, 10, 14, 17, 22],
    2: [2, 7, 11, 13, 21],
    1: [1, 3, 5, 8, 20],
}
CELLS = [(k, d, GUIDELINE[k][d - 1]) for k in range(1, 6) for d in range(1, 6)]


@pytest.mark.parametrize("likelihood,impact,expected", CELLS, ids=[f"K{k}D{d}" for k, d, _ in CELLS])
def test_matrix_cell(likelihood, impact, expected):
    assert guideline.magnitude(likelihood, impact) == expected


@pytest.mark.parametrize(
    "value,level",
    [
        (1, "very_low"),
        (5, "very_low"),
        (6, "low"),
        (10, "low"),
        (11, "medium"),
        (15, "medium"),
        (16, "high"),
        (20, "high"),
        (21, "very_high"),
        (25, "very_high"),
    ],
)
def test_level_ranges(value, level):
    assert guideline.level(value) == level


def test_the_matrix_is_not_a_product():
    assert guideline.magnitude(1, 5) == 20 and 1 * 5 != 20  # a severe impact is high even when rare


@pytest.fixture
def context(agency):
    return RiskContext.objects.create(
        agency=agency,
        unit="Bidang Aplikasi Informatika",
        year=2026,
        risk_owner="Kepala Bidang",
        goals="Layanan daring 24 jam",
    )


def _risk(context, **kw):
    values = dict(
        context=context,
        code="R-01",
        category="12",
        event="Aplikasi SIMPUS berhenti",
        cause="Server tunggal",
        consequence="Layanan puskesmas terhenti",
        impact_area="service",
        likelihood=3,
        impact=4,
    )
    values.update(kw)
    risk = Risk(**values)
    risk.full_clean()
    risk.save()
    return risk


def test_appetite_decides_what_to_treat(context):
    risk = _risk(context)  # K3 D4 = 17, high; default appetite 11
    assert (risk.magnitude, risk.level, risk.to_treat) == (17, "high", True)
    RiskAppetite.objects.create(context=context, category="12", risk_type="negative", minimum=18)
    risk.full_clean()
    assert risk.to_treat is False  # below this unit's appetite for application risks
    low = _risk(context, code="R-02", likelihood=1, impact=1)
    assert (low.magnitude, low.level, low.to_treat) == (1, "very_low", False)


def test_options_follow_the_risk_type(context):
    with pytest.raises(ValidationError) as error:
        _risk(context, risk_type="positive", option="mitigate")
    assert "option" in error.value.message_dict
    assert _risk(context, risk_type="positive", option="exploit").option == "exploit"


def test_residual_risk_from_the_matrix(context):
    risk = _risk(context, residual_likelihood=2, residual_impact=2)
    assert risk.residual_magnitude == 7


def test_the_register_is_approved_by_the_risk_owner(context, agency_admin, agency_head):
    _risk(context)
    request = services.risk_register_submit(context=context, user=agency_admin, note="Register 2026")
    context.refresh_from_db()
    assert context.status == "submitted"
    approvals.approval_decide(request=request, user=agency_head, approve=True, reason="")
    context.refresh_from_db()
    assert context.status == "approved"


def test_excel_round_trip_of_the_register_loses_nothing(client, context, agency_admin):
    risk = _risk(
        context, option="mitigate", controls="Cadangan harian", residual_likelihood=2, residual_impact=3
    )
    _risk(
        context,
        code="R-02",
        category="13",
        risk_type="positive",
        option="exploit",
        event="Integrasi SSO",
        impact_area="reputation",
    )
    RiskTreatment.objects.create(
        risk=risk,
        option="mitigate",
        action="Server cadangan",
        output="Server siaga",
        responsible="Kabid",
        start="2026-02-01",
        end="2026-06-30",
    )
    before = list(Risk.objects.order_by("code").values())
    client.force_login(agency_admin)
    columns = "&".join(
        f"columns={c}"
        for c in (
            "code",
            "event",
            "context",
            "category",
            "risk_type",
            "likelihood",
            "impact",
            "magnitude",
            "level",
            "to_treat",
            "option",
            "impact_area",
        )
    )
    response = client.get(f"{reverse('management:risk_export')}?format=xlsx&{columns}")
    data = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["ID", "Versi"] and "Kejadian" in header and "Besaran risiko" in header
    response = client.post(
        reverse("management:risk_import"), {"file": SimpleUploadedFile("register.xlsx", data)}
    )
    job = ImportJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))
    assert job.status == ImportStatus.VALIDATED, (job.results, job.message)
    assert {r[4] for r in job.results} == {"unchanged"}
    client.post(reverse("management:risk_import_job", kwargs={"job": job.pk}))
    assert list(Risk.objects.order_by("code").values()) == before
    # and a changed cell comes back as a change, re-scored by the matrix
    col = header.index("Level kemungkinan") + 1
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == str(risk.pk))
    sheet.cell(row, col).value = "5 Hampir Pasti Terjadi"
    out = io.BytesIO()
    sheet.parent.save(out)
    response = client.post(
        reverse("management:risk_import"), {"file": SimpleUploadedFile("register.xlsx", out.getvalue())}
    )
    job = ImportJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))
    client.post(reverse("management:risk_import_job", kwargs={"job": job.pk}))
    risk.refresh_from_db()
    assert (risk.likelihood, risk.magnitude, risk.level) == (5, 23, "very_high")


def _recorded(context, user, **kw):
    values = dict(
        context=context,
        user=user,
        code="KRN-1",
        category="12",
        event="Akun bawaan aktif",
        cause="Tidak dinonaktifkan",
        consequence="Data diubah pihak luar",
        impact_area="service",
        likelihood=4,
        impact=5,
        source="uji",
    )
    values.update(kw)
    return services.record_risk(**values)


def test_record_risk_is_the_one_way_other_modules_add_a_risk(context, agency_admin, other_tier1):
    from spbe.core.errors import DomainError
    from spbe.core.models import AuditEvent

    risk = _recorded(context, agency_admin)
    assert (risk.magnitude, risk.to_treat, risk.created_by) == (24, True, agency_admin)
    assert AuditEvent.objects.filter(code="management.risk.recorded", object_id=str(risk.pk)).exists()
    with pytest.raises(DomainError, match="tidak berwenang") as refused:
        _recorded(context, other_tier1, code="KRN-2")
    assert refused.value.code == "forbidden"
    with pytest.raises(DomainError):  # the code is unique within the register
        _recorded(context, agency_admin)
    with pytest.raises(DomainError):  # the model's own rules hold
        _recorded(context, agency_admin, code="KRN-3", likelihood=9)
    RiskContext.objects.filter(pk=context.pk).update(status="submitted")
    with pytest.raises(DomainError, match="sudah diajukan atau disetujui"):
        _recorded(context, agency_admin, code="KRN-4")
    assert list(Risk.objects.filter(context=context).values_list("code", flat=True)) == ["KRN-1"]
