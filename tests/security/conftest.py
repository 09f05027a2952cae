import datetime

import pytest
from django.utils import timezone

from spbe.security.choices import IncidentKind
from spbe.security.models import Incident, IncidentEvent

from ..factories import PersonFactory


def make_incident(agency, **kw):
    now = timezone.now()
    values = {
        "title": "Serangan ransomware pada server kesehatan",
        "kind": IncidentKind.ATTACK,
        "occurred_at": now - datetime.timedelta(hours=3),
        "detected_at": now - datetime.timedelta(hours=2),
        "description": "Basis data terenkripsi.",
        **kw,
    }
    return Incident.objects.create(agency=agency, **values)


@pytest.fixture
def incident_a(agency_a):
    incident = make_incident(agency_a, title="Ransomware SIMPUS Rahasia")
    IncidentEvent.objects.create(incident=incident, note="Log serangan rahasia dikumpulkan.")
    return incident


@pytest.fixture
def person_a(agency_a):
    return PersonFactory(agency=agency_a)
