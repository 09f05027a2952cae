from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy

from spbe.core.forms import PlatformModelForm
from spbe.core.views.shell import validate_upload

from .choices import SiteCategory


class NetworkDiagramForm(PlatformModelForm):
    """The uploaded diagram is checked (size and type) like every upload of the platform."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):  # a new upload, not the stored file an edit keeps
            validate_upload(upload)
        return upload


class NoteForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Penjelasan permohonan"),
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
        min_length=10,
        max_length=4000,
    )


class AllocateAddressForm(forms.Form):
    server = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=gettext_lazy("Host"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    dns_name = forms.CharField(
        label=gettext_lazy("Nama DNS"),
        required=False,
        max_length=255,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    description = forms.CharField(
        label=gettext_lazy("Keterangan"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    def __init__(self, *args, servers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["server"].queryset = servers


class AllocatePrefixForm(forms.Form):
    length = forms.IntegerField(
        label=gettext_lazy("Panjang prefiks"),
        min_value=1,
        max_value=128,
        initial=24,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    agency = forms.ModelChoiceField(
        queryset=None,
        label=gettext_lazy("Dialokasikan ke PD"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    description = forms.CharField(
        label=gettext_lazy("Keterangan"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class AccessPolicyForm(PlatformModelForm):
    """Blocked site categories as check boxes (stored as a list of codes)."""

    blocked_categories = forms.MultipleChoiceField(
        label=gettext_lazy("Kategori situs yang diblokir"),
        choices=SiteCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def clean_blocked_categories(self):
        return list(self.cleaned_data.get("blocked_categories") or [])
