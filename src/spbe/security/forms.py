from django import forms
from django.utils.translation import gettext_lazy as _

from spbe.core.choices import Classification
from spbe.core.forms import PlatformModelForm
from spbe.core.views.shell import sha256_of, validate_upload

from .choices import IncidentSeverity, IncidentStatus
from .models import (
    ClassificationReason,
    ElectronicCertificate,
    Incident,
    IncidentEvent,
    SecurityServiceRequest,
)

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _datetime_widget():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)


class IncidentForm(PlatformModelForm):
    """The agency's report: what happened, when, what it touched, whether the data is secured.
    Handling (severity, status, containment, recovery, lessons) is the ICT office's: its own form."""

    class Meta:
        widgets = {"occurred_at": _datetime_widget(), "detected_at": _datetime_widget()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("occurred_at", "detected_at"):
            if name in self.fields:
                self.fields[name].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


class IncidentHandleForm(forms.Form):
    """The ICT office's handling of a reported incident (services.incident_handle)."""

    severity = forms.ChoiceField(label=_("Tingkat keparahan"), choices=IncidentSeverity.choices)
    status = forms.ChoiceField(label=_("Status"), choices=IncidentStatus.choices)
    containment = forms.CharField(
        label=_("Penahanan"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    recovery = forms.CharField(label=_("Pemulihan"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    lessons_learned = forms.CharField(
        label=_("Pelajaran"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    note = forms.CharField(
        label=_("Catatan untuk kronologi"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            )


class IncidentEventForm(PlatformModelForm):
    """A timeline line; its evidence file is checked and hashed."""

    class Meta:
        widgets = {"at": _datetime_widget()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "at" in self.fields:
            self.fields["at"].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]

    def clean_evidence(self):
        upload = self.cleaned_data.get("evidence")
        if upload and hasattr(upload, "chunks") and getattr(upload, "content_type", None) is not None:
            validate_upload(upload)
        return upload

    def save(self, commit=True):
        upload = self.cleaned_data.get("evidence")
        if upload and getattr(upload, "content_type", None) is not None:
            self.instance.sha256 = sha256_of(upload)
        elif not upload:
            self.instance.sha256 = ""
        return super().save(commit)


class ElectronicCertificateForm(PlatformModelForm):
    pass


class ServicePlanForm(forms.Form):
    planned_date = forms.DateField(
        label=_("Rencana pelaksanaan"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
    )


class ServiceReportForm(forms.Form):
    done_date = forms.DateField(
        label=_("Tanggal selesai"), widget=forms.DateInput(attrs={"type": "date", "class": "form-control"})
    )
    report = forms.CharField(
        label=_("Laporan pelaksanaan"), widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"})
    )
    findings = forms.CharField(
        label=_("Temuan"), required=False, widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"})
    )


class ServiceDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan penolakan"), widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"})
    )


class ClassificationDecisionForm(forms.Form):
    """The steward's decision: a level, one of the policy's reasons for it, why, and the review date
    (empty: the policy's period)."""

    level = forms.ChoiceField(
        label=_("Klasifikasi"),
        choices=Classification.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    reason = forms.ModelChoiceField(
        label=_("Alasan"),
        queryset=ClassificationReason.objects.none(),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    explanation = forms.CharField(
        label=_("Penjelasan"), widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"})
    )
    review_due = forms.DateField(
        label=_("Ditinjau paling lambat"),
        required=False,
        help_text=_("Kosongkan untuk memakai periode tinjauan kebijakan."),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
    )

    def __init__(self, *args, policy=None, **kwargs):
        super().__init__(*args, **kwargs)
        if policy is not None:
            self.fields["reason"].queryset = policy.reasons.filter(active=True).order_by(
                "level", "label", "pk"
            )


__all__ = ["ElectronicCertificate", "Incident", "IncidentEvent", "SecurityServiceRequest"]
