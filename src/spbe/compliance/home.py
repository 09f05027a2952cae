"""Home page panels of the compliance module (core/home.py): the ICT office's queue, the leader's
overview and an agency's own duties. Each builds its context with a constant number of queries."""

import datetime
from collections import defaultdict

from django.db.models import Count, Q, Sum
from django.utils import timezone

from spbe.core import approvals, people
from spbe.core.checks import Status
from spbe.core.models import ApprovalRequest, ApprovalStatus, AuditEvent
from spbe.org.models import Agency, Government, RoleAssignment

from . import selectors
from .models import (
    Attestation,
    AttestationStatus,
    ComplianceRun,
    ComplianceStatus,
    RunSummary,
    StatusChange,
)

EXPIRY_WINDOW_DAYS = 60
RECENT_DAYS = 30
OPEN = (Status.UNMET, Status.AWAITING_ATTESTATION, Status.PARTLY_MET)


def _government(user) -> Government | None:
    government = Government.objects.filter(agency__person__user=user).first()
    return government or Government.objects.first()


def _age_days(moment) -> int:
    return (timezone.now() - moment).days


def _waiting_for(user, limit: int = 10) -> tuple[list[dict], int]:
    """Requests this user may decide, oldest first, with their age in days."""
    pending = (
        ApprovalRequest.objects.filter(status=ApprovalStatus.PENDING)
        .select_related("agency", "requested_by", *people.related("requested_by"))
        .order_by("created")
    )
    mine = [r for r in pending if approvals.may_decide(user, r)]
    rows = []
    for request in mine[:limit]:
        flow = approvals.flow(request.kind)
        rows.append(
            {
                "request": request,
                "label": flow.label if flow else request.kind,
                "age": _age_days(request.created),
            }
        )
    return rows, len(mine)


def _expiring(government, agency_ids=None, limit: int = 10) -> list[Attestation]:
    today = timezone.localdate()
    qs = Attestation.objects.filter(
        government=government,
        status=AttestationStatus.ACCEPTED,
        valid_until__lte=today + datetime.timedelta(days=EXPIRY_WINDOW_DAYS),
        valid_until__gte=today - datetime.timedelta(days=RECENT_DAYS),
    ).select_related("obligation", "agency")
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    return list(qs.order_by("valid_until")[:limit])


def ict_office_panel(request) -> dict:
    government = _government(request.user)
    waiting, waiting_total = _waiting_for(request.user)
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    turning_unmet = list(
        StatusChange.objects.filter(
            status_row__government=government,
            current=Status.UNMET,
            at__gte=since,
            status_row__obligation__retired=False,
        )
        .exclude(previous="")
        .select_related("status_row__obligation", "status_row__agency")
        .order_by("-at")[:10]
    )
    recent = list(AuditEvent.objects.select_related("actor", *people.related("actor")).order_by("-seq")[:10])
    return {
        "government": government,
        "waiting": waiting,
        "waiting_total": waiting_total,
        "turning_unmet": turning_unmet,
        "expiring": _expiring(government) if government else [],
        "today": timezone.localdate(),
        "recent": recent,
    }


def _previous_totals(government) -> dict:
    """Share met per agency at the end of the run before the latest (None: the government level)."""
    runs = list(
        ComplianceRun.objects.filter(government=government, finished__isnull=False)
        .order_by("-finished")
        .values_list("id", flat=True)[:2]
    )
    if len(runs) < 2:
        return {}
    rows = (
        RunSummary.objects.filter(run_id=runs[1])
        .values("agency_id")
        .annotate(
            met=Sum("met"),
            partly=Sum("partly_met"),
            unmet=Sum("unmet"),
            awaiting=Sum("awaiting"),
            na=Sum("not_applicable"),
        )
        .order_by()
    )
    return {
        row["agency_id"]: selectors.share(
            {
                Status.MET: row["met"],
                Status.PARTLY_MET: row["partly"],
                Status.UNMET: row["unmet"],
                Status.AWAITING_ATTESTATION: row["awaiting"],
                Status.NOT_APPLICABLE: row["na"],
            }
        )
        for row in rows
    }


def weakest_obligations(government, limit: int = 5) -> list[dict]:
    """Obligations met by the fewest subjects, named in words (one aggregate query)."""
    regulation = selectors.active_regulation(government)
    if regulation is None:
        return []
    counts: dict = defaultdict(lambda: defaultdict(int))
    info: dict = {}
    rows = (
        ComplianceStatus.objects.filter(
            government=government, obligation__regulation=regulation, obligation__retired=False
        )
        .values("obligation_id", "obligation__citation", "obligation__statement", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        counts[row["obligation_id"]][row["status"]] += row["n"]
        info[row["obligation_id"]] = (row["obligation__citation"], row["obligation__statement"])
    ranked = []
    for pk, by_status in counts.items():
        value = selectors.share(by_status)
        if value is None:
            continue
        unmet = by_status.get(Status.UNMET, 0) + by_status.get(Status.AWAITING_ATTESTATION, 0)
        citation, statement = info[pk]
        ranked.append(
            {"pk": pk, "citation": citation, "statement": statement, "share": value, "unmet": unmet}
        )
    ranked.sort(key=lambda r: (r["share"], -r["unmet"], r["citation"]))
    return ranked[:limit]


def leader_panel(request) -> dict:
    government = _government(request.user)
    if government is None:
        return {"government": None}
    data = selectors.matrix(government)
    previous = _previous_totals(government)
    ranked = []
    for row in data.rows:
        if row["agency"] is None:
            continue
        now = row["total"].share
        before = previous.get(row["agency"].pk)
        ranked.append(
            {
                "agency": row["agency"],
                "share": now,
                "delta": None if now is None or before is None else round(100 * (now - before)),
            }
        )
    ranked.sort(key=lambda r: (2 if r["share"] is None else r["share"], r["agency"].name))
    return {
        "government": government,
        "m": data,
        "ranked": ranked,
        "weakest": weakest_obligations(government),
    }


def _agencies_of(user) -> list[Agency]:
    """The agencies this user administers or heads (their role scope)."""
    grants = RoleAssignment.objects.filter(
        user=user, role__in=("agency_admin", "agency_head"), agency__isnull=False
    ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=timezone.localdate()))
    return [g.agency for g in grants.select_related("agency").order_by("agency__name")]


def agency_panel(request) -> dict:
    agencies = _agencies_of(request.user)
    if not agencies:
        return {"agency": None}
    agency = agencies[0]
    government = agency.government
    open_duties = list(
        selectors.agency_statuses(government, agency)
        .filter(status__in=OPEN)
        .order_by("status", "obligation__position")[:15]
    )
    pending = set(
        Attestation.objects.filter(
            government=government, agency=agency, status=AttestationStatus.SUBMITTED
        ).values_list("obligation_id", flat=True)
    )
    for row in open_duties:
        row.attestation_pending = row.obligation_id in pending
    requests = list(
        ApprovalRequest.objects.filter(agency=agency)
        .filter(
            Q(status=ApprovalStatus.PENDING)
            | Q(closed_at__gte=timezone.now() - datetime.timedelta(days=RECENT_DAYS))
        )
        .select_related("requested_by", *people.related("requested_by"))
        .order_by("-created")[:10]
    )
    for r in requests:
        flow = approvals.flow(r.kind)
        r.flow_label = flow.label if flow else r.kind
        r.age = _age_days(r.created)
    return {
        "agency": agency,
        "government": government,
        "open_duties": open_duties,
        "open_total": selectors.agency_statuses(government, agency).filter(status__in=OPEN).count(),
        "requests": requests,
        "expiring": _expiring(government, [agency.pk]),
        "today": timezone.localdate(),
    }
