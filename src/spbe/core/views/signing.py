"""The government's signing certificate: who signs the platform's documents, and replacing it
with the government's own PKCS#12 (platform admin and ICT office admin, action core.signing_key.manage)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import permissions, signing
from ..errors import DomainError
from ..models import IssuedDocument, SigningKey

MAX_PKCS12_BYTES = 256 * 1024


class SigningKeyForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Berkas sertifikat (PKCS#12, .p12 atau .pfx)"))
    passphrase = forms.CharField(
        label=gettext_lazy("Kata sandi berkas"),
        widget=forms.PasswordInput(render_value=False),
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_PKCS12_BYTES:
            raise forms.ValidationError(
                gettext_lazy("Berkas terlalu besar untuk sebuah sertifikat (maks. 256 KB).")
            )
        if not upload.name.lower().endswith((".p12", ".pfx")):
            raise forms.ValidationError(gettext_lazy("Unggah berkas PKCS#12 (.p12 atau .pfx)."))
        return upload


@login_required
def signing_key(request):
    if not permissions.may(request.user, "core.signing_key.manage"):
        raise PermissionDenied
    form = SigningKeyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            signing.install_key(
                user=request.user,
                data=form.cleaned_data["file"].read(),
                passphrase=form.cleaned_data["passphrase"] or "",
            )
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            messages.success(request, _("Sertifikat dipasang: dokumen berikutnya ditandatangani dengannya."))
            return redirect("core:signing_key")
    try:
        credential, unavailable = signing.credential(), ""
    except signing.SigningUnavailable as error:  # the HSM is down or misconfigured: say so, in words
        credential, unavailable = None, str(error)
    return render(
        request,
        "core/signing_key.html",
        {
            "form": form,
            "credential": credential,
            "configured": signing.configured_by_deployment(),
            "hsm": signing.hsm_config(),
            "unavailable": unavailable,
            "keys": SigningKey.objects.select_related("uploaded_by")[:20],
            "issued": IssuedDocument.objects.restrict(request.user).select_related("agency")[:20],
        },
        status=400 if request.method == "POST" else 200,
    )
