from django import forms
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from spbe.core.forms import PlatformModelForm
from spbe.core.views.shell import sha256_of, validate_upload

from .choices import AGENCY_ASSIGNABLE_ROLES, Role, decree_kind_choices, role_choices
from .models import (
    Agency,
    Person,
)


class GovernmentForm(PlatformModelForm):
    website = forms.URLField(label=_("Situs web"), required=False, assume_scheme="https")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from spbe.org.profiles import regulation_choices

        choices = regulation_choices()
        current = self.instance.regulation
        if current and current not in {code for code, _label in choices}:
            # A profile no longer loaded stays selectable, so saving another field never clears it.
            choices.append((current, _("%(code)s (profil tidak dimuat)") % {"code": current}))
        self.fields["regulation"] = forms.ChoiceField(
            label=_("Regulasi SPBE yang diikuti"),
            choices=[("", "—")] + choices,
            required=False,
            initial=current,
            widget=forms.Select(attrs={"class": "form-select"}),
        )
        if self.instance.pk:
            self.fields["ict_office"].queryset = Agency.objects.filter(government=self.instance)

    def clean(self):
        from spbe.org.profiles import kind_problem

        data = super().clean()
        problem = kind_problem(data.get("regulation") or "", data.get("kind") or self.instance.kind)
        if problem:
            self.add_error("regulation", problem)
        return data


def _kind_of(form) -> str | None:
    """The kind of the government the form's user works for, to word the choices (Wali Kota, ...)."""
    from .selectors import government_of

    government = government_of(form.user) if form.user is not None else None
    return government.kind if government else None


class DecreeForm(PlatformModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "kind" in self.fields:
            self.fields["kind"].choices = decree_kind_choices(_kind_of(self))

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if isinstance(document, UploadedFile):  # a new upload (an unchanged one is a stored FieldFile)
            validate_upload(document)
            self.instance.document_sha256 = sha256_of(document)
        return document


class RoleAssignmentForm(PlatformModelForm):
    """The generic role-assignment pages (and their import): the grant rules of org.services."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "role" in self.fields:
            blank = [c for c in self.fields["role"].choices if c[0] == ""]
            self.fields["role"].choices = blank + role_choices(_kind_of(self))

    def clean(self):
        cleaned = super().clean()
        if self.user is None or "role" in self.errors or "agency" in self.errors:
            return cleaned
        from .services import may_grant, refusal

        if self.instance.pk is not None and not may_grant(
            self.user, self.instance.role, self.instance.agency
        ):
            self.add_error(None, refusal(self.instance.role, self.instance.agency))
        elif not may_grant(self.user, cleaned.get("role"), cleaned.get("agency")):
            self.add_error("role", refusal(cleaned.get("role"), cleaned.get("agency")))
        return cleaned


class AgencyRoleForm(forms.Form):
    """The agency's own role page: grant an agency-scoped role to one of its staff."""

    person = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        label=_("Pegawai"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    role = forms.ChoiceField(
        choices=[(r.value, r.label) for r in AGENCY_ASSIGNABLE_ROLES],
        label=_("Peran"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    valid_until = forms.DateField(
        label=_("Berlaku sampai"),
        required=False,
        widget=forms.DateInput(attrs={"class": "form-control", "type": "date"}),
    )

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(agency=agency).order_by("name")


User = get_user_model()
ROLE_VALUES = [r.value for r in Role]
