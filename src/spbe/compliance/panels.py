"""What compliance contributes to other modules' pages through core's extension points."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from spbe.core.ui import register_panel


def affected_statuses(record, government, agency):
    """The current statuses of the obligations whose checks read records like `record`, for the
    record's agency (as the subject it answers through) and the government itself: at most two
    queries, whatever the number of obligations."""
    from spbe.org.selectors import top_level_agency

    from .checks import watched_models
    from .models import ComplianceStatus

    names = watched_models().get(record._meta.label, set())
    if not names or government is None or not government.regulation:
        return None
    # A sub-unit answers through its top-level agency (one query when it has a parent).
    chain = {agency.pk, top_level_agency(agency).pk} if agency is not None else set()
    return (
        ComplianceStatus.objects.filter(
            government=government,
            obligation__regulation__code=government.regulation,
            obligation__retired=False,
            obligation__check_type__in=sorted(names),
        )
        .filter(Q(agency_id__in=chain) | Q(agency__isnull=True))
        .select_related("obligation", "agency")
        .order_by("obligation__position", "agency__name")
    )


def application_panel(request, application):
    agency = application.agency
    rows = affected_statuses(application, agency.government, agency)
    if rows is None:
        return None
    rows = list(rows)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    return {"rows": rows, "counts": counts}


def register() -> None:
    register_panel(
        "applications.application",
        "compliance",
        _("Kepatuhan"),
        "compliance/_record_panel.html",
        application_panel,
        order=50,
    )
