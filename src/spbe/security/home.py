"""The ICT office's home panel (certificate coverage, incidents waiting) and the incidents panel on
an application's page. Each costs a fixed number of queries."""

from django.utils import timezone

from spbe.core import permissions
from spbe.org.selectors import government_of

from . import selectors
from .choices import IncidentStatus
from .models import Incident


def ict_panel(request) -> dict:
    government = government_of(request.user)
    coverage = (
        selectors.certificate_coverage(
            government, education_letter=selectors.education_letter_allowed(government)
        )
        if government
        else None
    )
    open_incidents = list(
        Incident.objects.restrict(request.user)
        .exclude(status=IncidentStatus.CLOSED)
        .select_related("agency")
        .order_by("-reported_at", "-id")[:5]
    )
    return {
        "coverage": coverage,
        "below": [r for r in coverage.rows if not r.complete][:5] if coverage else [],
        "incidents": open_incidents,
        "year": timezone.localdate().year,
    }


def application_incidents(request, application):
    """Incidents linked to the application that the reader may see (none: the panel is hidden)."""
    rows = list(
        Incident.objects.restrict(request.user, permissions.VIEW)
        .filter(applications=application)
        .order_by("-reported_at", "-id")[:10]
    )
    return {"incidents": rows} if rows else None
