"""The official report reads back as a letter of the ICT office to the Bupati: kop surat with the
uploaded emblem, number, subject, addressee, ranked agencies, every group and the overall column
on landscape attachment pages, and the ICT office head's signature block."""

import io
import re

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from spbe.compliance import engine

from ..conftest import PASSWORD
from ..factories import PersonFactory, user_with_role


def emblem_png() -> bytes:
    """The government's uploaded emblem: a small PNG."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 48), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def _text(page) -> str:
    return re.sub(r"\s+", " ", page.extract_text())


@pytest.fixture
def report(client, tiny_gov, two_agencies):
    d1, d2 = two_agencies
    tiny_gov.ict_office = d2
    tiny_gov.logo.save("lambang.png", SimpleUploadedFile("lambang.png", emblem_png()), save=False)
    tiny_gov.address = "Jl. Uji No. 1, Kotauji, Sulawesi Tengah"
    tiny_gov.save()
    head = user_with_role("agency_head", d2, "kepala.d2")
    PersonFactory(
        agency=d2,
        user=head,
        front_title="Ir.",
        name="Kepala Dinas Dua",
        back_title="M.Si.",
        position="Kepala Dinas Dua",
        nip="196703011991011484",
    )
    user_with_role("service_desk_tier1", d2)  # D2 meets the help desk duty, D1 does not
    leader = user_with_role("leader", None, "bupati")
    PersonFactory(agency=d1, user=leader, position="Bupati Uji")
    engine.run_full(tiny_gov)
    assert client.login(username="bupati", password=PASSWORD)
    response = client.get("/compliance/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return pypdf.PdfReader(io.BytesIO(response.content))


def test_report_is_a_letter_to_the_bupati_with_a_signature_block(report):
    first = report.pages[0]
    assert float(first.mediabox.width) < float(first.mediabox.height)  # the letter: A4 portrait
    assert round(float(first.mediabox.width)) == 595 and round(float(first.mediabox.height)) == 842
    letter = " ".join(_text(p) for p in report.pages if float(p.mediabox.width) < float(p.mediabox.height))
    assert re.search(r"Nomor : 500\.12/\d{3}/D2/\d{4}", letter)
    assert "Hal : Laporan Kepatuhan Penyelenggaraan SPBE" in letter
    assert "Yth. Bupati Uji Kepatuhan" in letter and "di Kotauji" in letter
    assert "PEMERINTAH KABUPATEN UJI KEPATUHAN" in letter.upper()
    assert "KEPALA DINAS DUA," in letter  # the signer's position
    assert "Ir. Kepala Dinas Dua, M.Si." in letter and "NIP. 196703011991011484" in letter
    assert "oleh bupati" not in letter.lower()  # the addressee is not its author
    assert len(first.images) >= 1  # the uploaded emblem in the kop surat (and the verification QR code)
    # Obligations named in words as well as by article.
    assert "Pasal 4 ayat (1)" in letter and "Setiap PD menugaskan petugas service desk tier 1." in letter


def test_attachment_has_every_group_and_the_overall_column_on_landscape_pages_ranked(report):
    wide = [p for p in report.pages if float(p.mediabox.width) > float(p.mediabox.height)]
    assert wide, "the matrix is on landscape pages"
    matrix = " ".join(_text(p) for p in wide)
    for group in ("Tata Kelola", "Manajemen SPBE", "Keseluruhan"):
        assert group in matrix
    table = matrix.split("Keseluruhan", 1)[1]
    assert table.index("Dinas Satu") < table.index("Dinas Dua")  # worst first
    assert "Tingkat pemerintah daerah" in matrix
