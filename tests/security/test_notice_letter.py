"""The written notice to the data steward (Sigi Pasal 18 ayat (4)) is an official letter issued and
signed through core.documents: read back, it names the steward, the incident and the agency; its
signature validates with pyHanko; the verification page shows outsiders nothing of a CLOSED letter."""

import io

import pypdf
import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from spbe.core import documents, signing
from spbe.core.errors import DomainError
from spbe.org.choices import Role
from spbe.security import services
from spbe.security.models import Incident

from ..factories import PersonFactory, user_with_role


@pytest.fixture
def steward(agency_a):
    user = user_with_role(Role.DATA_STEWARD, agency_a, "walidata.a")
    return PersonFactory(agency=agency_a, user=user, name="Rina Walidata")


def test_notice_is_a_signed_letter_to_the_steward(client_a, agency_a, incident_a, steward, editor_a):
    response = client_a.post(f"/security/incidents/{incident_a.pk}/notice/")
    assert response.status_code == 302
    incident = Incident.objects.get(pk=incident_a.pk)
    doc = incident.steward_notice
    assert doc is not None and incident.steward_notified_at is not None
    assert doc.classification == "closed" and "Ransomware" not in doc.title
    data = documents.read_copy(doc)
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert "Rina Walidata" in text and "Walidata" in text
    assert "Ransomware SIMPUS Rahasia" in text
    assert doc.number in text and "Rahasia" in text
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    (sig,) = reader.embedded_signatures
    context = ValidationContext(trust_roots=[signing.credential().certificate], allow_fetching=False)
    status = validate_pdf_signature(sig, signer_validation_context=context)
    assert status.intact and status.valid
    assert incident.events.filter(kind="notice").exists()
    # the incident page links the letter
    body = client_a.get(f"/security/incidents/{incident_a.pk}/").content.decode()
    assert doc.code in body or doc.number in body


def test_outsider_verifying_the_code_learns_only_that_it_is_valid(
    client, agency_a, incident_a, steward, editor_a
):
    doc = services.incident_notify_steward(incident=incident_a, user=editor_a)
    client.force_login(user_with_role(Role.AGENCY_ADMIN, _other(agency_a)))
    body = client.get(f"/verifikasi/{doc.code}/").content.decode()
    assert "Ransomware" not in body
    assert client.get(f"/verifikasi/{doc.code}/salinan.pdf").status_code == 404


@pytest.mark.parametrize("role", [Role.LEADER, Role.COORDINATION_TEAM])
def test_a_government_wide_reader_outside_the_incident_rule_gets_no_copy_of_its_notice(
    client, agency_a, incident_a, steward, editor_a, role
):
    """The notice is CLOSED, which a leader could read; the incident is fail-closed, which a leader
    may not: the verification page follows the incident."""
    doc = services.incident_notify_steward(incident=incident_a, user=editor_a)
    client.force_login(user_with_role(role, None))
    assert client.get(f"/verifikasi/{doc.code}/salinan.pdf").status_code == 404
    assert "Ransomware" not in client.get(f"/verifikasi/{doc.code}/").content.decode()


def _other(agency):
    from ..factories import AgencyFactory

    return AgencyFactory(government=agency.government, name="Dinas Lain", short_name="DL")


def test_other_agency_cannot_issue_a_notice(agency_b, incident_a, outsider_b):
    with pytest.raises(DomainError):
        services.incident_notify_steward(incident=incident_a, user=outsider_b)
    assert Incident.objects.get(pk=incident_a.pk).steward_notice is None


def test_notice_without_a_steward_is_addressed_to_the_agency_steward(agency_a, incident_a, editor_a):
    doc = services.incident_notify_steward(incident=incident_a, user=editor_a)
    text = pypdf.PdfReader(io.BytesIO(documents.read_copy(doc))).pages[0].extract_text()
    assert f"Walidata {agency_a.name}" in text
