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


# Pages of this module other modules add cards to through core.ui.register_panel: the government's
# compliance dashboard (the context function receives the Government) and an agency's compliance
# page (it receives the Agency). A panel's context must cost a constant number of queries; None
# hides it. Its `check(user, obj)`, when given, further limits who sees it.
DASHBOARD_SLOT = "compliance.dashboard"
AGENCY_SLOT = "compliance.agency"


def page_panels(request, slot: str, obj) -> list[dict]:
    """The cards registered for one of this module's pages, each with its own context."""
    from spbe.core.ui import panels_for

    shown = []
    for panel in panels_for(slot):
        if panel.check is not None and not panel.check(request.user, obj):
            continue
        context = panel.context(request, obj)
        if context is not None:
            shown.append({"name": panel.name, "label": panel.label, "template": panel.template, **context})
    return shown


def register() -> None:
    register_panel(
        "applications.application",
        "compliance",
        _("Kepatuhan"),
        "compliance/_record_panel.html",
        application_panel,
        order=50,
    )
