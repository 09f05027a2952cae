"""Reads other pages and modules use: the service catalog, what a user may do with a ticket,
risks per matrix cell, competency gaps, the home panel."""

from collections import Counter

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils import timezone

from spbe.core import permissions
from spbe.org.choices import Role

from . import services
from .choices import (
    OPEN_PROBLEM_STATUSES,
    OPEN_STATUSES,
    ArticleAudience,
    ArticleStatus,
    ChangeKind,
    ChangeStage,
    TicketKind,
    TicketStatus,
    TicketTier,
)
from .models import Competency, CompetencyNeed, KnowledgeArticle, Problem, Risk, RiskContext, Ticket

# The repeated-incidents hint: this many incidents of one service within the window, none
# linked to a problem, suggest recording one (GLPI and iTop leave this to the desk's eye).
REPEATED_INCIDENTS = 3
REPEATED_WINDOW_DAYS = 30


def catalog_services(user):
    """The SPBE services a ticket may name: the planning module's service catalog as the user sees it."""
    service = apps.get_model("planning", "Service")
    return service.objects.restrict(user).select_related("agency").order_by("name", "id")


def tier1_requesters(user):
    """The accounts a tier-1 person may open tickets for (the staff of the agencies they serve),
    or None when the user is not tier 1 / tier 2."""
    from spbe.org.models import Person

    grants = permissions.roles_of(user)
    if Role.SERVICE_DESK_TIER2 in grants or Role.ICT_ADMIN in grants:
        people = Person._base_manager.filter(user__isnull=False)
    elif Role.SERVICE_DESK_TIER1 in grants:
        agencies = [
            a for a in apps.get_model("org", "Agency")._base_manager.all() if services.is_tier1(user, a)
        ]
        people = Person._base_manager.filter(user__isnull=False, agency__in=agencies)
    else:
        return None
    return (
        get_user_model()
        .objects.filter(pk__in=people.values("user_id"), is_active=True)
        .order_by("first_name", "id")
    )


def ticket_actions(user, ticket: Ticket) -> list[str]:
    """The actions the user may take on the ticket now, in the order the page offers them."""
    handler = services.may_handle(user, ticket)
    requester = services.is_requester(user, ticket)
    status = ticket.status
    actions = []
    if handler and status in (TicketStatus.NEW, TicketStatus.IN_PROGRESS):
        actions += ["respond", "wait", "resolve"]
        if ticket.tier == TicketTier.TIER1:
            actions.append("escalate")
        actions.append("priority")
    if status == TicketStatus.WAITING and (handler or requester):
        actions.append("resume")
    if requester and status == TicketStatus.RESOLVED:
        actions += ["close", "reopen"]
    if (handler or requester) and status in OPEN_STATUSES:
        actions.append("comment")
    return actions


def risk_cells(user) -> dict[tuple[int, int], int]:
    rows = Risk.objects.restrict(user).values("likelihood", "impact").annotate(n=Count("id")).order_by()
    return {(r["likelihood"], r["impact"]): r["n"] for r in rows}


def risk_contexts_of(agency_id):
    """An agency's risk registers (unit and year), newest year first: where another module's
    findings may be recorded (services.record_risk)."""
    return RiskContext._base_manager.filter(agency_id=agency_id).order_by("-year", "unit", "pk")


def competency_gaps(user) -> list[dict]:
    """Per agency need: staff holding the standard at the level or above, and the shortfall."""
    needs = list(
        CompetencyNeed.objects.restrict(user)
        .select_related("agency", "standard")
        .order_by("agency__name", "standard__code")
    )
    held = Counter()
    for agency_id, standard_id, level in Competency.objects.restrict(user).values_list(
        "person__agency_id", "standard_id", "level"
    ):
        for need_level in range(1, level + 1):
            held[(agency_id, standard_id, need_level)] += 1
    out = []
    for need in needs:
        have = held[(need.agency_id, need.standard_id, need.level)]
        out.append({"need": need, "have": have, "gap": max(0, need.required - have)})
    return out


def change_stages(change) -> list[dict]:
    order = list(ChangeStage)
    current = order.index(ChangeStage(change.stage))
    return [
        {"label": stage.label, "done": i < current, "current": i == current} for i, stage in enumerate(order)
    ] + [{"needs_approval": change.kind != ChangeKind.STANDARD}]


def desk_summary(user) -> dict:
    """The service desk's home panel: open tickets at the user's tier, past target, waiting."""
    visible = Ticket.objects.restrict(user).filter(status__in=OPEN_STATUSES)
    now = timezone.now()
    counts = visible.aggregate(
        open=Count("id"),
        late=Count("id", filter=Q(resolution_due__lt=now) | Q(resolution_breached=True)),
        tier2=Count("id", filter=Q(tier=TicketTier.TIER2)),
    )
    late = list(
        visible.filter(Q(resolution_due__lt=now) | Q(resolution_breached=True))
        .select_related("agency")
        .order_by("resolution_due", "id")[:5]
    )
    return {"counts": counts, "late": late}


def repeated_incidents(
    user, *, threshold: int = REPEATED_INCIDENTS, days: int = REPEATED_WINDOW_DAYS
) -> list[dict]:
    """Services with `threshold` or more incidents in the last `days` days that no problem
    explains yet, as the user sees the tickets: one grouped query on (kind, opened_at)."""
    import datetime

    from django.apps import apps

    since = timezone.now() - datetime.timedelta(days=days)
    rows = (
        Ticket.objects.restrict(user)
        .filter(kind=TicketKind.INCIDENT, opened_at__gte=since, problem__isnull=True, service__isnull=False)
        .values("service_id", "agency_id")
        .annotate(n=Count("id"))
        .filter(n__gte=threshold)
        .order_by("-n", "service_id")[:20]
    )
    rows = list(rows)
    service_model = apps.get_model("planning", "Service")
    agency_model = apps.get_model("org", "Agency")
    services_by_id = service_model.objects.restrict(user).in_bulk([r["service_id"] for r in rows])
    agencies = agency_model._base_manager.in_bulk([r["agency_id"] for r in rows])
    out = []
    for row in rows:
        service = services_by_id.get(row["service_id"])
        if service is None:
            continue  # a service the user may not see is not named
        out.append({"service": service, "agency": agencies.get(row["agency_id"]), "count": row["n"]})
    return out


def open_problems(user):
    return Problem.objects.restrict(user).filter(status__in=OPEN_PROBLEM_STATUSES).order_by("-created", "-id")


def public_articles():
    """Published articles for the public: the only knowledge anonymous readers get."""
    return KnowledgeArticle._base_manager.filter(
        status=ArticleStatus.PUBLISHED, audience=ArticleAudience.PUBLIC
    ).select_related("agency")
