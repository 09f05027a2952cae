import json
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from spbe.core.forms import PlatformModelForm

from . import sia
from .choices import DOMAIN_REFERENCE, ArchitectureDomain, ReferenceKind, ReviewReason
from .models import (
    AgencyNeed,
    ReferenceModel,
    RoadmapItem,
)


class PlanningModelForm(PlatformModelForm):
    """Planning forms: choices of related records limited to what the user may see, the user's
    government proposed by default, and no unowned record from a user who may only act for agencies."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if (
            "government" in self.fields
            and self.user is not None
            and not self.is_bound
            and not self.instance.pk
        ):
            from .selectors import government_of

            government = government_of(self.user)
            if government is not None:
                self.fields["government"].initial = self.initial.get("government", government.pk)


class ReferenceCodeField(forms.CharField):
    """A reference code as a spreadsheet holds it ("09.04", "RAB.09.04" or "RAB 09.04"); the form
    resolves it within the reference kind it expects."""

    def to_python(self, value):
        value = super().to_python(value).strip()
        match = re.match(r"^(RAB|RAD|RAL|RAA|RAI|RAK)[.\s]+(.+)$", value, re.IGNORECASE)
        return (match.group(1).upper(), match.group(2).strip()) if match else (None, value)


def resolve_reference(form, field: str, kind: str | None, government_id=None):
    """The ReferenceModel a ReferenceCodeField names, national or of the government; None and a
    form error when there is none."""
    given_kind, code = form.cleaned_data.get(field) or (None, "")
    if not code:
        return None
    if given_kind and kind and given_kind != kind:
        form.add_error(field, _("Kode %(code)s bukan kode %(kind)s.") % {"code": code, "kind": kind})
        return None
    candidates = ReferenceModel.objects.filter(code=code, kind=kind or given_kind or "")
    found = [r for r in candidates if r.government_id in (None, government_id)]
    if len(found) != 1:
        form.add_error(
            field,
            _("Kode referensi %(kind)s %(code)s tidak ditemukan.")
            % {"kind": kind or given_kind or "", "code": code},
        )
        return None
    return found[0]


class SiaFieldsField(forms.JSONField):
    """The SIA SPBE metadata: a JSON object, or `Nama kolom: isi` lines (easier to type and to keep
    in a spreadsheet cell)."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip() and not value.strip().startswith("{"):
            pairs = {}
            for line in value.splitlines():
                if not line.strip():
                    continue
                if ":" not in line:
                    raise forms.ValidationError(
                        _("Tulis satu kolom per baris sebagai 'Nama kolom: isi' (baris: %(l)s).")
                        % {"l": line}
                    )
                key, _sep, rest = line.partition(":")
                pairs[key.strip()] = rest.strip()
            return pairs
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, dict):
            return "\n".join(f"{k}: {v}" for k, v in value.items())
        if isinstance(value, str):
            try:
                decoded = json.loads(value)
            except ValueError:
                return value
            if isinstance(decoded, dict):
                return self.prepare_value(decoded)
        return super().prepare_value(value)


def _sia_help() -> str:
    parts = []
    for domain in ArchitectureDomain:
        parts.append(f"{domain.label}: {', '.join(sia.fields_for(domain))}")
    return str(_("Satu kolom per baris, 'Nama kolom: isi'. Kolom per domain — ")) + "; ".join(parts) + "."


class ArchitectureItemForm(PlanningModelForm):
    sia_fields = SiaFieldsField(
        label=_("Metadata SIA SPBE"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sia_fields"].help_text = _sia_help()

    def clean_sia_fields(self):
        return self.cleaned_data.get("sia_fields") or {}


class ArchitectureItemImportForm(ArchitectureItemForm):
    """Import: the reference is given as its code; the domain says which reference it belongs to."""

    reference = ReferenceCodeField(label=_("kode referensi"))

    def clean(self):
        cleaned = super().clean()
        domain, architecture = cleaned.get("domain"), cleaned.get("architecture")
        if domain and "reference" not in self.errors:
            cleaned["reference"] = resolve_reference(
                self,
                "reference",
                DOMAIN_REFERENCE.get(domain),
                architecture.government_id if architecture else None,
            )
        return cleaned


class BudgetLineForm(PlanningModelForm):
    # Headers of the budget sheets agencies already keep.
    import_aliases = {
        "tahun": "fiscal_year",
        "pd": "agency",
        "pagu": "planned",
        "realisasi": "realised",
        "kegiatan": "roadmap_item",
    }
    import_ignored = ("No", "No.")


class ServiceImportForm(PlanningModelForm):
    reference = ReferenceCodeField(label=_("kode referensi layanan (RAL)"), required=False)

    def clean(self):
        cleaned = super().clean()
        agency = cleaned.get("agency")
        if "reference" not in self.errors:
            cleaned["reference"] = resolve_reference(
                self, "reference", ReferenceKind.SERVICE, agency.government_id if agency else None
            )
        return cleaned


class BusinessProcessImportForm(PlanningModelForm):
    """Import: one process per row, its RAB code as written; the services it produces are linked on
    its page."""

    reference = ReferenceCodeField(label=_("kode referensi proses bisnis (RAB)"), required=False)

    def clean(self):
        cleaned = super().clean()
        agency = cleaned.get("agency")
        if "reference" not in self.errors:
            cleaned["reference"] = resolve_reference(
                self, "reference", ReferenceKind.BUSINESS, agency.government_id if agency else None
            )
        return cleaned


class ReasonsField(forms.MultipleChoiceField):
    """Review reasons: ticked on the page, or in a spreadsheet cell as codes or labels separated by
    commas or semicolons."""

    widget = forms.CheckboxSelectMultiple

    def to_python(self, value):
        if isinstance(value, str):
            value = [part for part in re.split(r"[;,\n]", value) if part.strip()]
        by_label = {str(label).lower(): code for code, label in self.choices}
        return [by_label.get(str(v).strip().lower(), str(v).strip()) for v in value or []]


class ReviewForm(PlanningModelForm):
    # The help text on the declared field: a Meta.help_texts entry never reached it.
    reasons = ReasonsField(
        label=_("Alasan reviu"),
        choices=ReviewReason.choices,
        required=False,
        help_text=_(
            "Arsitektur: Pasal 5 ayat (2); peta rencana: Pasal 8 ayat (2); proses bisnis: Pasal 11 ayat (3)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reasons"].widget.attrs["class"] = "form-check-input"

    def clean(self):
        # A business process review belongs to the agency owning the process.
        process = self.cleaned_data.get("business_process")
        if process is not None and self.cleaned_data.get("agency") is None:
            self.cleaned_data["agency"] = process.agency
        return super().clean()


class ConsolidateForm(forms.Form):
    roadmap_item = forms.ModelChoiceField(
        queryset=RoadmapItem.objects.none(),
        label=_("Kegiatan peta rencana"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    note = forms.CharField(
        label=_("Catatan Dinas Kominfo"),
        required=False,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}),
    )

    def __init__(self, *args, need: AgencyNeed, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roadmap_item"].queryset = (
            RoadmapItem.objects.filter(roadmap__government_id=need.agency.government_id)
            .select_related("roadmap", "agency")
            .order_by("-roadmap__start_year", "year", "area", "activity")
        )
        self.fields["roadmap_item"].label_from_instance = lambda item: (
            f"{item.year} · {item.get_area_display()} · {item.activity} ({item.agency.short_name})"
        )
