"""The yearly ICT asset report to the head of region (Sigi Pasal 14 ayat (9); Kutai Barat Pasal 16
ayat (8)) is an official letter issued and signed through core.documents: read back, it carries
the number, the addressee, the figures by agency, category, stage and condition with acquisition
and book values, and the year's disposals; its signature validates; only the ICT office issues it."""

import datetime
import io
from decimal import Decimal

import pypdf
import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from spbe.core import documents, signing
from spbe.core.errors import DomainError
from spbe.infrastructure import services
from spbe.infrastructure.models import Asset, AssetReport

YEAR = datetime.date.today().year - 1


def asset(agency, tag, name, category, *, cost, acquired, status="in_use", condition="good", disposed=None):
    record = Asset(
        agency=agency,
        tag=tag,
        name=name,
        category=category,
        status=status,
        condition=condition,
        cost=Decimal(cost),
        acquired_on=acquired,
        disposed_on=disposed,
        useful_life_years=4,
    )
    record.full_clean()
    record.save()
    return record


@pytest.fixture
def assets(satu, dua):
    asset(satu, "S-1", "Server utama", "server", cost=240_000_000, acquired=datetime.date(YEAR - 2, 12, 31))
    asset(
        dua,
        "K-1",
        "Komputer loket",
        "computer",
        cost=12_000_000,
        acquired=datetime.date(YEAR, 12, 31),
        condition="minor",
    )
    asset(
        dua,
        "P-1",
        "Printer lama",
        "printer",
        cost=4_000_000,
        acquired=datetime.date(YEAR - 6, 1, 1),
        status="disposed",
        disposed=datetime.date(YEAR, 6, 30),
    )
    asset(satu, "N-1", "Switch rencana", "network", cost=30_000_000, acquired=None, status="planned")


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_the_asset_report_is_a_signed_letter_with_the_years_figures(client, kominfo, infra_gov, assets):
    report = services.asset_report_make(year=YEAR, user=kominfo, summary="Dua server PD belum di pusat data.")
    client.force_login(kominfo)
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Terbitkan laporan resmi (PDF)" in page
    response = client.post(f"/infrastructure/asset-reports/{report.pk}/issue/")
    assert response.status_code == 302
    report = AssetReport.objects.get(pk=report.pk)
    doc = report.document
    assert doc is not None and doc.kind == "asset_report" and doc.number == report.number
    # held at the end of the year: the server, the computer and the planned switch (not the printer)
    assert report.asset_count == 3
    # server: bought 24 months before the year's end of a 48-month life: half its value left
    assert report.book_value == 120_000_000 + 12_000_000
    download = client.get(f"/infrastructure/asset-reports/{report.pk}/pdf/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    data = b"".join(download.streaming_content) if download.streaming else download.content
    assert data == documents.read_copy(doc)
    text = _text(data)
    for expected in (
        doc.number,
        "Laporan Aset Teknologi Informasi dan Komunikasi",
        infra_gov.leader_title,
        "Dinas Satu",
        "Dinas Dua",
        "Server",
        "Komputer/laptop",
        "Perencanaan",
        "Rusak ringan",
        "Baik",
        "Printer lama",  # disposed of during the year
        "282.000.000",  # acquisition value held: 240 + 12 + 30 million
        "132.000.000",  # book value
        "Dua server PD belum di pusat data.",
    ):
        assert expected in text, expected
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    (sig,) = reader.embedded_signatures
    context = ValidationContext(trust_roots=[signing.credential().certificate], allow_fetching=False)
    status = validate_pdf_signature(sig, signer_validation_context=context)
    assert status.intact and status.valid
    # the verification page knows it
    assert documents.verify_file(data).status == "original"


def test_only_the_ict_office_issues_the_report(client, admin_satu, kominfo, infra_gov, assets):
    report = services.asset_report_make(year=YEAR, user=kominfo)
    with pytest.raises(DomainError, match="diterbitkan oleh Dinas Kominfo"):
        services.asset_report_issue(report=report, user=admin_satu)
    client.force_login(admin_satu)
    assert client.post(f"/infrastructure/asset-reports/{report.pk}/issue/").status_code in (403, 404)
    assert client.get(f"/infrastructure/asset-reports/{report.pk}/pdf/").status_code in (403, 404)
    assert AssetReport.objects.get(pk=report.pk).document is None
