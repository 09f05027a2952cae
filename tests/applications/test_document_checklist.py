"""The documents an application must have, as each regency's regulation lists them."""

import pytest

from spbe.applications import selectors
from spbe.applications.choices import DocumentType

from ..factories import AgencyFactory, GovernmentFactory
from .conftest import ApplicationFactory, add_document

SIGI = ["requirements", "architecture_design", "technical", "user_manual", "source_code"]
# Pangkep Pasal 17 ayat (3): nine documents; "Manual Instalasi" and "Manual Admin" are one code.
PANGKEP = [
    "source_code",
    "requirements",
    "architecture_design",
    "testing",
    "installation_admin_manual",
    "user_manual",
    "metadata",
    "troubleshooting",
]
PARIGI_MOUTONG = ["requirements", "user_manual", "source_code", "lifecycle_record"]


@pytest.mark.parametrize(
    "regulation, expected",
    [
        ("sigi-27-2019", SIGI),
        ("kutai-barat-7-2019", SIGI),
        ("pangkep-5-2018", PANGKEP),
        ("bengkulu-tengah-41-2020", PANGKEP),
        ("parigi-moutong-52-2024", PARIGI_MOUTONG),
    ],
)
def test_each_regulation_gives_its_checklist(client, db, regulation, expected):
    from ..factories import user_with_role

    gov = GovernmentFactory(
        name=f"Pemerintah {regulation}", domain=f"{regulation}.go.id", regulation=regulation
    )
    agency = AgencyFactory(government=gov, short_name="PD1")
    app = ApplicationFactory(agency=agency, name="SIMPUS")
    assert [t.value for t in selectors.required_documents(app)] == expected
    add_document(app, expected[0])
    client.force_login(user_with_role("agency_admin", agency, f"admin.{regulation}"))
    page = client.get(app.get_absolute_url()).content.decode()
    assert f">1/{len(expected)}</span>" in page
    for code in expected:
        present = "1" if code == expected[0] else "0"
        assert f'data-doc-type="{code}" data-present="{present}"' in page
    assert f"/applications/documents/add/?application={app.pk}&amp;doc_type={expected[1]}" in page
    lifecycle_shown = 'id="lifecycle-stages"' in page
    assert lifecycle_shown == (regulation == "parigi-moutong-52-2024")


def test_no_regulation_chosen_says_so(client_a, agency_a):
    app = ApplicationFactory(agency=agency_a)
    assert selectors.required_documents(app) == []
    page = client_a.get(app.get_absolute_url()).content.decode()
    assert "belum memilih regulasi SPBE" in page


def test_an_extra_document_is_listed_but_not_required(db):
    gov = GovernmentFactory(
        name="Pemerintah Sigi Uji", domain="sigiuji.go.id", regulation="parigi-moutong-52-2024"
    )
    app = ApplicationFactory(agency=AgencyFactory(government=gov))
    add_document(app, DocumentType.TESTING)
    checklist = selectors.document_checklist(app)
    assert [i.doc_type.value for i in checklist.missing] == PARIGI_MOUTONG
    assert [(i.doc_type.value, i.required) for i in checklist.items][-1] == ("testing", False)
