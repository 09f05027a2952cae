"""The approvals inbox and decision page, and the notifications list."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import approvals, evidence, notifications, people, permissions
from ..errors import DomainError
from ..models import ApprovalDecision, ApprovalRequest, ApprovalStatus, Notification


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Alasan"),
        required=False,
        help_text=gettext_lazy(
            "Wajib untuk menolak atau mengembalikan (tulis apa yang perlu diperbaiki); boleh kosong untuk menyetujui."
        ),
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )


def _visible(user, request: ApprovalRequest) -> bool:
    if (
        request.requested_by_id == user.pk
        or approvals.may_decide(user, request)
        or approvals.may_resubmit(user, request)
    ):
        return True
    model = request.content_type.model_class()
    return (
        model is not None
        and permissions.restrict(model.objects.all(), user).filter(pk=request.object_id).exists()
    )


@login_required
def approval_inbox(request):
    waiting = approvals.pending_for(request.user)
    mine = ApprovalRequest.objects.filter(requested_by=request.user).select_related("agency")[:50]
    return render(request, "core/approvals.html", {"waiting": waiting, "mine": mine})


@login_required
def approval_detail(request, pk):
    approval = get_object_or_404(
        ApprovalRequest.objects.select_related(
            "content_type", "agency", "requested_by", *people.related("requested_by")
        ).prefetch_related(
            Prefetch(
                "decisions",
                queryset=ApprovalDecision.objects.select_related("decider", *people.related("decider")),
            )
        ),
        pk=pk,
    )
    if not _visible(request.user, approval):
        raise Http404
    may_decide = approvals.may_decide(request.user, approval)
    form = DecisionForm(request.POST or None)
    status = 200
    if request.method == "POST" and request.POST.get("decision") == "resubmit":
        return _resubmit(request, approval)
    if request.method == "POST":
        if approval.status == ApprovalStatus.PENDING and not may_decide:
            # Seeing a request is not deciding it; the requester is told why.
            if approval.requested_by_id == request.user.pk:
                reason = _("Pengaju tidak boleh memutus permohonannya sendiri.")
                return render(request, "errors/403.html", {"reason": reason}, status=403)
            raise PermissionDenied
        if form.is_valid():
            try:
                approvals.approval_decide(
                    request=approval,
                    user=request.user,
                    decision=request.POST.get("decision", ""),
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as error:
                form.add_error("reason" if error.code == "reason_required" else None, error.message)
                status = 409 if approval.status != ApprovalStatus.PENDING else 400
            else:
                messages.success(request, _("Keputusan disimpan."))
                return redirect(approval.get_absolute_url())
    return render(
        request,
        "core/approval_detail.html",
        {
            "approval": approval,
            "flow": approvals.flow(approval.kind),
            "form": form,
            "may_decide": may_decide,
            "may_resubmit": approvals.may_resubmit(request.user, approval),
            "evidence": evidence.for_target(approval.target, request.user),
            "age_days": (timezone.now() - approval.created).days,
        },
        status=status,
    )


def _resubmit(request, approval):
    """The requester (or whoever the flow lets fix the record) sends a returned request back."""
    if not approvals.may_resubmit(request.user, approval):
        raise PermissionDenied
    try:
        approvals.approval_resubmit(request=approval, user=request.user, note=request.POST.get("note", ""))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Permohonan diajukan kembali."))
    return redirect(approval.get_absolute_url())


@login_required
def notification_list(request):
    items = Notification.objects.filter(user=request.user)
    if request.method == "POST":
        notifications.mark_read(items)
        return redirect("core:notifications")
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    return render(request, "core/notifications.html", {"page": page})
