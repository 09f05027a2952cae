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


def _coverage(government):
    return selectors.certificate_coverage(
        government, education_letter=selectors.education_letter_allowed(government)
    )


def dashboard_coverage(request, government) -> dict:
    """The compliance dashboard's card: certificate coverage per agency (valid certificates / people
    on electronic-transaction duties, Sigi Pasal 19 ayat (2)-(3)), weakest first. Counts and agency
    names only: who lacks a certificate is on the coverage page, for those who may see it."""
    coverage = _coverage(government)
    return {"coverage": coverage, "rows": coverage.rows, "whole": True}


def agency_coverage(request, agency) -> dict | None:
    """The same card on an agency's compliance page: the agency and its sub-units."""
    from spbe.org.selectors import subtree_map

    coverage = _coverage(agency.government)
    ids = set(subtree_map(agency.government).get(agency.pk, [agency.pk]))
    rows = [r for r in coverage.rows if r.agency_id in ids]
    mine = selectors.Coverage(
        rows,
        duties=sum(r.duties for r in rows),
        covered=sum(r.covered for r in rows),
        expiring=sum(r.expiring for r in rows),
        expired=sum(r.expired for r in rows),
    )
    return {"coverage": mine, "rows": rows, "whole": False}
