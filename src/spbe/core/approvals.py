"""One multi-step approval mechanism for the whole platform.

A module registers a flow (its steps, by role and scope, and what happens on approval or
rejection) and calls `approval_submit` / `approval_decide`. Every decision keeps who, when,
which way and why, and is shown on the object's page and in the approvals inbox.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import audit, notifications, permissions
from .errors import DomainError
from .models import ApprovalDecision, ApprovalRequest, ApprovalStatus, Notification


@dataclass(frozen=True)
class ApprovalStep:
    role: str
    label: Any
    scope: str = "government"  # "government": a government-wide holder; "owner": a holder covering the agency


@dataclass(frozen=True)
class ApprovalFlow:
    kind: str
    label: Any
    steps: tuple[ApprovalStep, ...]
    on_approved: Callable[[ApprovalRequest], None] | None = None
    on_rejected: Callable[[ApprovalRequest], None] | None = None
    on_returned: Callable[[ApprovalRequest], None] | None = None  # sent back for the requester to fix
    on_resubmitted: Callable[[ApprovalRequest], None] | None = None  # fixed and sent back to review
    # Who may send a returned request back (user, request) -> bool; by default only its requester.
    may_resubmit: Callable[[Any, ApprovalRequest], bool] | None = None
    extra: dict = field(default_factory=dict)


_flows: dict[str, ApprovalFlow] = {}


def register_flow(flow_def: ApprovalFlow) -> None:
    _flows[flow_def.kind] = flow_def


def flow(kind: str) -> ApprovalFlow | None:
    return _flows.get(kind)


def _step_agency(step: ApprovalStep, request: ApprovalRequest):
    return request.agency if step.scope == "owner" else None


def may_decide(user, request: ApprovalRequest) -> bool:
    f = flow(request.kind)
    if f is None or request.status != ApprovalStatus.PENDING or user.pk == request.requested_by_id:
        return False
    step = f.steps[request.step]
    return permissions.holds_role(user, step.role, _step_agency(step, request))


permissions.register_action(
    permissions.Action(
        "approval.decide",
        gettext_lazy("Memutus langkah persetujuan (setujui, tolak, kembalikan)"),
        rule=may_decide,
        who=gettext_lazy(
            "Pemegang peran langkah itu dengan cakupan yang meliputi PD pemohon (atau seluruh pemda "
            "untuk langkah tingkat pemda); bukan pemohonnya sendiri."
        ),
    )
)


def pending_for(user):
    """Requests waiting on a step this user may decide (the approvals inbox)."""
    pending = ApprovalRequest.objects.filter(status=ApprovalStatus.PENDING).select_related(
        "agency", "requested_by", "content_type"
    )
    return [r for r in pending if may_decide(user, r)]


def _notify_deciders(request: ApprovalRequest) -> None:
    step = request.step
    request = ApprovalRequest.objects.filter(pk=request.pk, status=ApprovalStatus.PENDING, step=step).first()
    if request is None:
        return  # decided before this ran (same transaction): nothing to ask anyone
    f = flow(request.kind)
    step = f.steps[request.step]
    users = permissions.role_holders(step.role, _step_agency(step, request)).exclude(
        pk=request.requested_by_id
    )
    notifications.notify(
        users,
        _("Menunggu keputusan Anda: %(what)s") % {"what": str(request)},
        url=request.get_absolute_url(),
        key=f"approval:{request.pk}:{request.step}:{request.version}",
    )


def approval_submit(*, target, kind: str, user, agency=None, note: str = "") -> ApprovalRequest:
    f = flow(kind)
    if f is None:
        raise DomainError(_("Jenis persetujuan %(kind)s tidak dikenal.") % {"kind": kind})
    content_type = ContentType.objects.get_for_model(target)
    returned = ApprovalRequest.objects.filter(
        content_type=content_type, object_id=target.pk, kind=kind, status=ApprovalStatus.RETURNED
    ).first()
    if returned is not None:  # fixed after a return: the same request goes back to its deciders
        return approval_resubmit(request=returned, user=user, note=note)
    with transaction.atomic():
        open_request = ApprovalRequest.objects.filter(
            content_type=content_type, object_id=target.pk, kind=kind, status=ApprovalStatus.PENDING
        ).exists()
        if open_request:
            raise DomainError(_("Permohonan untuk data ini masih menunggu keputusan."))
        request = ApprovalRequest.objects.create(
            content_type=content_type,
            object_id=target.pk,
            kind=kind,
            agency=agency,
            requested_by=user,
            note=note,
            created_by=user,
        )
        audit.record_event("core.approval.submitted", request, message=note)
        transaction.on_commit(lambda: _notify_deciders(request))
    return request


APPROVE, REJECT, RETURN = "approve", "reject", "return"


def approval_decide(
    *, request: ApprovalRequest, user, approve: bool = False, reason: str, decision: str = ""
) -> ApprovalRequest:
    """Decide the current step: approve (on to the next step, or approved), reject (closed), or
    return it to the requester to fix and resubmit (`decision="return"`). A reason is required to
    reject or return, so the requester learns what to fix; an approval needs none."""
    decision = decision or (APPROVE if approve else REJECT)
    if decision not in (APPROVE, REJECT, RETURN):
        raise DomainError(_("Keputusan tidak dikenal."))
    reason = (reason or "").strip()
    if decision != APPROVE and not reason:
        raise DomainError(
            _("Alasan wajib diisi untuk menolak.")
            if decision == REJECT
            else _("Alasan wajib diisi untuk mengembalikan: tulis apa yang perlu diperbaiki."),
            code="reason_required",
        )
    with transaction.atomic():
        request = ApprovalRequest.objects.select_for_update().get(pk=request.pk)
        _check_decider(request, user)
        f = flow(request.kind)
        step = f.steps[request.step]
        ApprovalDecision.objects.create(
            request=request,
            step=request.step,
            role=step.role,
            decider=user,
            approved=decision == APPROVE,
            returned=decision == RETURN,
            reason=reason,
        )
        if decision == REJECT:
            request.status = ApprovalStatus.REJECTED
        elif decision == RETURN:
            request.status = ApprovalStatus.RETURNED
        elif request.step + 1 < len(f.steps):
            request.step += 1
        else:
            request.status = ApprovalStatus.APPROVED
        if request.status != ApprovalStatus.PENDING:
            now = timezone.now()
            request.closed_at = now if request.status != ApprovalStatus.RETURNED else None
            # The "waiting for your decision" notices of this request are no longer actionable.
            notifications.mark_read(Notification.objects.filter(key__startswith=f"approval:{request.pk}:"))
        request.version += 1
        request.save()
        code = {
            ApprovalStatus.APPROVED: "approved",
            ApprovalStatus.REJECTED: "rejected",
            ApprovalStatus.RETURNED: "returned",
        }.get(request.status, "advanced")
        audit.record_event(f"core.approval.{code}", request, message=reason)
        _after_decision(f, request, reason)
    return request


def _check_decider(request: ApprovalRequest, user) -> None:
    if request.status != ApprovalStatus.PENDING:
        raise DomainError(
            _("Permohonan ini sudah diputus (%(status)s).") % {"status": request.get_status_display()}
        )
    if user.pk == request.requested_by_id:
        raise DomainError(_("Pengaju tidak boleh memutus permohonannya sendiri."))
    if not may_decide(user, request):
        raise DomainError(_("Anda tidak berwenang memutus tahap ini."), code="forbidden")


def _after_decision(f: ApprovalFlow, request: ApprovalRequest, reason: str) -> None:
    callback = {
        ApprovalStatus.APPROVED: f.on_approved,
        ApprovalStatus.REJECTED: f.on_rejected,
        ApprovalStatus.RETURNED: f.on_returned,
    }.get(request.status)
    if callback:
        callback(request)
    if request.status == ApprovalStatus.PENDING:
        transaction.on_commit(lambda: _notify_deciders(request))
        return
    outcome = {
        ApprovalStatus.APPROVED: _("disetujui"),
        ApprovalStatus.REJECTED: _("ditolak"),
        ApprovalStatus.RETURNED: _("dikembalikan untuk diperbaiki"),
    }[request.status]
    transaction.on_commit(
        lambda: notifications.notify(
            [request.requested_by],
            _("%(what)s %(outcome)s") % {"what": str(request), "outcome": outcome},
            url=request.get_absolute_url(),
            body=reason,
            key=f"approval:{request.pk}:{request.status}:{request.version}",
        )
    )


def may_resubmit(user, request: ApprovalRequest) -> bool:
    """The requester, or whoever the flow lets fix the record (an attestation: any person who may
    attest for its agency), may send a returned request back."""
    if request.status != ApprovalStatus.RETURNED:
        return False
    f = flow(request.kind)
    if f is not None and f.may_resubmit is not None:
        return f.may_resubmit(user, request)
    return user.pk == request.requested_by_id


def approval_resubmit(*, request: ApprovalRequest, user, note: str = "") -> ApprovalRequest:
    """A returned request goes back after what the reason named was fixed: it starts again at the
    first step, with its decisions kept as history."""
    with transaction.atomic():
        request = ApprovalRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != ApprovalStatus.RETURNED:
            raise DomainError(_("Hanya permohonan yang dikembalikan yang dapat diajukan kembali."))
        if not may_resubmit(user, request):
            raise DomainError(_("Anda tidak berwenang mengajukan kembali permohonan ini."), code="forbidden")
        request.status = ApprovalStatus.PENDING
        request.step = 0
        request.note = (note or "").strip() or request.note
        request.version += 1
        request.save()
        f = flow(request.kind)
        if f is not None and f.on_resubmitted is not None:
            f.on_resubmitted(request)
        audit.record_event("core.approval.resubmitted", request, message=note)
        transaction.on_commit(lambda: _notify_deciders(request))
    return request


def return_reasons(model, ids) -> dict:
    """object id -> the reason of the latest return, for the records of `model` among `ids` whose
    request is returned now (one query, for lists)."""
    content_type = ContentType.objects.get_for_model(model)
    reasons: dict = {}
    decisions = ApprovalDecision.objects.filter(
        returned=True,
        request__content_type=content_type,
        request__object_id__in=list(ids),
        request__status=ApprovalStatus.RETURNED,
    ).order_by("request__object_id", "-pk")
    for object_id, reason in decisions.values_list("request__object_id", "reason"):
        reasons.setdefault(object_id, reason)
    return reasons


def requests_for(obj):
    from . import people

    content_type = ContentType.objects.get_for_model(obj)
    return (
        ApprovalRequest.objects.filter(content_type=content_type, object_id=obj.pk)
        .select_related("requested_by", *people.related("requested_by"))
        .prefetch_related(
            Prefetch(
                "decisions",
                queryset=ApprovalDecision.objects.select_related("decider", *people.related("decider")),
            )
        )
    )
