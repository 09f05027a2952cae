"""The public verification page: anyone, without an account, checks a document by its code or by
uploading the file (docs/security.md "Verifikasi dokumen").

What a verifier sees follows the document's classification:
- OPEN: what it is (kind, subject, number, issuing agency), who signed and when, its fingerprint,
  and the registered copy;
- LIMITED: the same without the copy;
- CLOSED: only that it is valid, who signed and when (and the fingerprint, which reveals nothing).
A signed-in user who may read the document sees everything and the copy, as on any page.
Lookups are rate-limited per address: a code is 50 random bits, and the limit keeps guessing slow.
"""

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from .. import documents, throttle
from ..choices import Classification
from ..models import IssuedDocument

LOOKUPS_PER_WINDOW = 30
WINDOW_SECONDS = 300
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class VerifyForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Kode verifikasi"), max_length=32, required=False)
    file = forms.FileField(label=gettext_lazy("Atau unggah berkas PDF"), required=False)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(gettext_lazy("Berkas terlalu besar; batasnya 20 MB."))
        return upload

    def clean(self):
        data = super().clean()
        if not data.get("code") and not data.get("file") and not self.errors:
            raise forms.ValidationError(gettext_lazy("Isi kode verifikasi atau unggah berkas PDF."))
        return data


def _over_limit(request) -> bool:
    key = f"verify-lookups:{throttle.client_address(request)}"
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count > LOOKUPS_PER_WINDOW


def _may_read(user, document: IssuedDocument) -> bool:
    """In scope for the document and, when it is about a record, for that record too: a notice about
    a fail-closed incident is read only by those who may read the incident."""
    if not user.is_authenticated or not IssuedDocument.objects.restrict(user).filter(pk=document.pk).exists():
        return False
    model = document.content_type.model_class() if document.content_type_id else None
    if model is None or not hasattr(model.objects, "restrict"):
        return True
    return model.objects.restrict(user).filter(pk=document.object_id).exists()


def _shown(request, verdict: documents.Verdict) -> dict:
    document = verdict.document
    if document is None:
        return {"verdict": verdict}
    full = _may_read(request.user, document)
    level = (
        "full"
        if full
        else {Classification.OPEN: "open", Classification.LIMITED: "limited"}.get(
            document.classification, "closed"
        )
    )
    return {
        "verdict": verdict,
        "document": document,
        "level": level,
        "copy": level in ("full", "open"),
    }


def _answer(request, form, verdict, status=200):
    context = {"form": form, **(_shown(request, verdict) if verdict else {})}
    context["base_url"] = settings.SPBE_BASE_URL
    context["throttled"] = status == 429
    return render(request, "core/verify.html", context, status=status)


@require_http_methods(["GET", "POST"])
def verify(request):
    if request.method == "GET" and "code" not in request.GET:
        return _answer(request, VerifyForm(), None)
    form = VerifyForm(request.POST or request.GET, request.FILES or None)
    if not form.is_valid():
        return _answer(request, form, None, status=400)
    if _over_limit(request):
        return _answer(request, form, None, status=429)
    upload = form.cleaned_data.get("file")
    if upload:
        verdict = documents.verify_file(upload.read())
    else:
        verdict = documents.verify_code(form.cleaned_data["code"])
    return _answer(request, form, verdict)


@require_http_methods(["GET"])
def verify_code(request, code):
    if _over_limit(request):
        return _answer(request, VerifyForm(initial={"code": code}), None, status=429)
    verdict = documents.verify_code(code)
    return _answer(
        request, VerifyForm(initial={"code": code}), verdict, status=200 if verdict.document else 404
    )


@require_http_methods(["GET"])
def registered_copy(request, code):
    verdict = documents.verify_code(code)
    if verdict.document is None or not _shown(request, verdict)["copy"]:
        raise Http404
    document = verdict.document
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"{document.kind}-{document.code}.pdf",
        content_type="application/pdf",
    )
