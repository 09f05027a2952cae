from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from spbe.core import permissions
from spbe.core.choices import Classification
from spbe.core.forms import PlatformModelForm
from spbe.org.selectors import government_of

from . import metadata, services
from .choices import ResourceFormat
from .models import Dataset, DataShareRequest, database_groups


def _styled(form):
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.Select | forms.SelectMultiple):
            widget.attrs.setdefault("class", "form-select")
        elif not isinstance(widget, forms.HiddenInput | forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-control")


class DatasetForm(PlatformModelForm):
    """The database group offered from the government's regulation; the steward among the
    accounts holding the steward role."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        government = government_of(self.user) if self.user is not None else None
        groups = database_groups(government) if government is not None else []
        if "database_group" in self.fields and groups:
            current = self.instance.database_group
            choices = [("", "---------")] + [(g, g) for g in groups]
            if current and current not in groups:
                choices.append((current, current))
            self.fields["database_group"] = forms.ChoiceField(
                choices=choices,
                required=False,
                label=Dataset._meta.get_field("database_group").verbose_name,
                help_text=Dataset._meta.get_field("database_group").help_text,
                widget=forms.Select(attrs={"class": "form-select"}),
            )
        if "steward" in self.fields:
            from spbe.org.models import RoleAssignment

            self.fields["steward"].queryset = (
                get_user_model()
                .objects.filter(
                    is_active=True,
                    pk__in=RoleAssignment.objects.filter(role=services.STEWARD).values("user_id"),
                )
                .order_by("username")
            )


class UploadForm(forms.Form):
    name = forms.CharField(label=_("Nama sumber data"), max_length=200)
    format = forms.ChoiceField(label=_("Format"), choices=ResourceFormat.choices)
    file = forms.FileField(label=_("Berkas"), required=False)
    url = forms.URLField(label=_("Tautan API"), required=False, assume_scheme="https")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class ReturnForm(forms.Form):
    field = forms.ChoiceField(label=_("Isian yang perlu diperbaiki"), choices=())
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", "---------"), *services.review_fields()]
        _styled(self)


class ClassifyForm(forms.Form):
    """The steward's classification on the *Tahapan* tab: a classification decision like the one on
    the *Klasifikasi* tab (a level, one of the policy's reasons for it, why, and the review date)."""

    classification = forms.ChoiceField(label=_("Klasifikasi"), choices=Classification.choices)
    reason = forms.ModelChoiceField(label=_("Alasan menurut kebijakan klasifikasi"), queryset=None)
    explanation = forms.CharField(label=_("Penjelasan"), widget=forms.Textarea(attrs={"rows": 2}))
    review_due = forms.DateField(
        label=_("Ditinjau paling lambat"),
        required=False,
        help_text=_("Kosongkan untuk memakai periode tinjauan kebijakan."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, reasons=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].queryset = reasons
        _styled(self)


class ShareRequestForm(PlatformModelForm):
    class Meta:
        model = DataShareRequest
        fields = [
            "agency",
            "party_kind",
            "party_name",
            "purpose",
            "scope",
            "access",
            "valid_from",
            "valid_until",
        ]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3}), "scope": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, dataset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.dataset = dataset
        owners = permissions.creatable_owners(self.user, DataShareRequest)
        if owners is not None:
            self.fields["agency"].queryset = owners


class MetadataForm(forms.Form):
    """One input per field of the Satu Data metadata schema (data/satudata_metadata.yaml)."""

    def __init__(self, *args, initial_values=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_values = initial_values or {}
        for f in metadata.fields():
            if f.choices:
                field = forms.ChoiceField(choices=[("", "---------"), *[(c, c) for c in f.choices]])
            elif f.type == "integer":
                field = forms.IntegerField(min_value=1900, max_value=2100)
            elif f.type == "text":
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)
            else:
                field = forms.CharField(max_length=300)
            field.required = False  # completeness is a quality finding, not a refusal to save
            field.label = f.label
            field.initial = initial_values.get(f.key, "")
            self.fields[f.key.replace(".", "__")] = field
        _styled(self)

    def values(self) -> dict:
        return {
            key.replace("__", "."): value
            for key, value in self.cleaned_data.items()
            if value not in ("", None)
        }
