"""The UI shell: home page per role, global search, login with throttling, attachments."""

import hashlib
import os

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .. import evidence, permissions, throttle
from .. import home as home_panels
from .. import references as refs
from .. import search as search_service
from ..models import Attachment
from ..registry import registry


class ThrottledAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": gettext_lazy(
            "Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil pada keduanya."
        ),
    }

    def clean(self):
        username = self.data.get("username", "")
        address = throttle.client_address(self.request) if self.request else ""
        if throttle.is_locked(username, address):
            raise forms.ValidationError(
                _("Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %(minutes)d menit.")
                % {"minutes": settings.SPBE_LOGIN_WINDOW_SECONDS // 60},
                code="locked",
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttle.record_failure(username, address)
            raise
        throttle.record_success(username)
        return cleaned


class LoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


@login_required
def home(request):
    """Landing page: each role's own work (panels registered by the modules, core/home.py)."""
    roles = permissions.roles_of(request.user)
    labels = sorted(permissions.role_label(role, request.user) for role in roles)
    return render(
        request,
        "core/home.html",
        {"roles": labels, "panels": home_panels.panels_for(request) if roles else []},
    )


@login_required
def search(request):
    query = request.GET.get("q", "").strip()
    groups = []
    if len(query) >= 2:
        for entry in registry.search:
            qs = search_service.ranked(
                entry.model.objects.restrict(request.user),
                query,
                entry.fields,
                references=refs.for_user(request.user),
            )
            hits = list(qs[:11])
            if hits:
                groups.append(
                    {
                        "label": entry.label or entry.model._meta.verbose_name_plural,
                        "hits": hits[:10],
                        "more": len(hits) > 10,
                    }
                )
    return render(
        request, "core/search.html", {"query": query, "groups": groups, "too_short": 0 < len(query) < 2}
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Berkas"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(upload)
        return upload


def validate_upload(upload) -> None:
    """Size and type limits shared by every upload."""
    if upload.size > settings.SPBE_UPLOAD_MAX_BYTES:
        raise forms.ValidationError(
            _("Berkas terlalu besar (%(size)d MB); batasnya %(max)d MB.")
            % {"size": upload.size // (1024 * 1024), "max": settings.SPBE_UPLOAD_MAX_BYTES // (1024 * 1024)}
        )
    name = upload.name.lower()
    if not any(name.endswith("." + ext) for ext in settings.SPBE_UPLOAD_EXTENSIONS):
        raise forms.ValidationError(
            _("Jenis berkas tidak diizinkan. Yang diizinkan: %(list)s.")
            % {"list": ", ".join(settings.SPBE_UPLOAD_EXTENSIONS)}
        )


def sha256_of(upload) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


@login_required
@require_POST
def attachment_add(request, content_type_id, object_id):
    content_type = get_object_or_404(ContentType, pk=content_type_id)
    model = content_type.model_class()
    if model is None:
        raise Http404
    parent = get_object_or_404(model.objects.restrict(request.user), pk=object_id)
    if not permissions.can(request.user, parent, permissions.CHANGE):
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        attachment = Attachment(
            content_type=content_type,
            object_id=parent.pk,
            name=os.path.basename(upload.name)[:255],
            size=upload.size,
            sha256=sha256_of(upload),
            content_type_name=getattr(upload, "content_type", "")[:100],
            created_by=request.user,
        )
        attachment.file.save(upload.name, upload, save=False)
        attachment.save()
        messages.success(
            request,
            _("Lampiran %(name)s disimpan (SHA-256 %(hash)s).")
            % {"name": attachment.name, "hash": attachment.sha256[:16] + "…"},
        )
    else:
        messages.error(request, " ".join(form.errors["file"]))
    return redirect(parent.get_absolute_url())


@login_required
def attachment_download(request, pk):
    attachment = get_object_or_404(Attachment.objects.select_related("content_type"), pk=pk)
    model = attachment.content_type.model_class()
    if model is None or not model.objects.restrict(request.user).filter(pk=attachment.object_id).exists():
        raise Http404  # the parent is out of scope: say nothing of the file
    inline_type = evidence.preview_type(attachment.name) if request.GET.get("inline") else ""
    if not inline_type:
        return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)
    # A preview on the approval page: only PDFs and raster images, shown in a same-origin frame.
    response = FileResponse(
        attachment.file.open("rb"), as_attachment=False, filename=attachment.name, content_type=inline_type
    )
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; frame-ancestors 'self'"
    response["X-Frame-Options"] = "SAMEORIGIN"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def health(request):
    """Liveness probe for load balancers; touches nothing and reveals nothing."""
    from django.http import JsonResponse

    return JsonResponse({"status": "ok"})
