"""The application page's panels: required documents, duplicate warning, the ICT office's
decisions (with the request buttons) and the approvals history."""

from django import template
from django.urls import reverse

from spbe.core import approvals, permissions
from spbe.core.models import ApprovalStatus

from .. import selectors, services
from ..choices import ApplicationKind, LifecycleStage, SourceModel

register = template.Library()


def _decision(application, key, flow, applies, granted_id, requests, may_request):
    mine = [r for r in requests if r.kind == flow.kind]  # newest first
    granted = next((r for r in mine if r.pk == granted_id), None) if granted_id else None
    pending = next((r for r in mine if r.status == ApprovalStatus.PENDING), None)
    rejected = next((r for r in mine if r.status == ApprovalStatus.REJECTED), None)
    last_reason = ""
    if rejected is not None:
        decisions = list(rejected.decisions.all())
        last_reason = decisions[-1].reason if decisions else ""
    if granted_id:
        state = "granted"
    elif pending is not None:
        state = "pending"
    elif not applies:
        state = "not_needed"
    elif mine and mine[0].status == ApprovalStatus.REJECTED:
        state = "rejected"
    else:
        state = "missing"
    granted_decision = None
    if granted is not None:
        decisions = list(granted.decisions.all())
        granted_decision = decisions[-1] if decisions else None
    return {
        "key": key,
        "label": flow.label,
        "state": state,
        "granted": granted,
        "granted_decision": granted_decision,
        "pending": pending,
        "rejected": rejected,
        "rejected_reason": last_reason,
        "request_url": reverse("applications:approval_request", kwargs={"pk": application.pk, "kind": key})
        if may_request and applies and state in ("missing", "rejected")
        else "",
    }


@register.simple_tag(takes_context=True)
def application_panel(context, application):
    user = context["request"].user
    may_request = permissions.can(user, application, permissions.CHANGE)
    requests = list(approvals.requests_for(application).order_by("-created", "-pk"))
    duplicates = selectors.duplicate_matches(application)
    decisions = [
        _decision(
            application,
            "consultation",
            services.CONSULTATION_FLOW,
            application.kind == ApplicationKind.SPECIFIC,
            application.consultation_id,
            requests,
            may_request,
        ),
        _decision(
            application,
            "technical-consideration",
            services.CONSIDERATION_FLOW,
            application.source_model == SourceModel.CLOSED,
            application.technical_consideration_id,
            requests,
            may_request,
        ),
        _decision(
            application,
            "duplicate-decision",
            services.DUPLICATE_FLOW,
            bool(duplicates),
            application.duplicate_decision_id,
            requests,
            may_request,
        ),
    ]
    stages = list(LifecycleStage)
    current = stages.index(application.lifecycle_stage) if application.lifecycle_stage in stages else -1
    return {
        "checklist": selectors.document_checklist(application),
        "duplicates": duplicates,
        "decisions": decisions,
        "requests": requests,
        "may_request": may_request,
        "may_download": selectors.may_download(user, application),
        "stages": [
            {"label": s.label, "done": i < current, "current": i == current} for i, s in enumerate(stages)
        ],
        "document_add_url": reverse("applications:applicationdocument_add")
        + f"?application={application.pk}",
    }


@register.simple_tag(takes_context=True)
def may_download(context, item):
    return selectors.may_download(context["request"].user, item.application)
