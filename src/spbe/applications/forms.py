from django import forms
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spbe.core import permissions
from spbe.core.forms import PlatformModelForm
from spbe.core.views.shell import sha256_of, validate_upload
from spbe.org.models import Government

from . import selectors
from .choices import ApplicationKind, ApplicationStatus, DeveloperKind, LifecycleStage, SourceModel
from .models import (
    Application,
)


class ApplicationChoiceField(forms.ModelChoiceField):
    """An application, shown with its agency (two agencies may use the same name)."""

    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.agency.short_name or obj.agency.name})"


def _applications(user, action=permissions.VIEW):
    return Application.objects.restrict(user, action).select_related("agency").order_by("name", "pk")


def _new_upload(upload) -> bool:
    """A file uploaded with this form (not the stored one an edit leaves in place)."""
    return isinstance(upload, UploadedFile)


DUPLICATE_INPUTS = ("name", "purpose", "common_field", "developer_kind", "common_application")


class ApplicationForm(PlatformModelForm):
    address = forms.URLField(
        label=gettext_lazy("Alamat"),
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy(
            "Subdomain dari domain resmi pemerintah daerah, misalnya https://simpeg.<domain>."
        ),
    )
    acknowledge_duplicate = forms.BooleanField(
        label=gettext_lazy(
            "Saya memahami aplikasi ini menyerupai Aplikasi Umum nasional dan perlu keputusan Dinas Kominfo"
        ),
        required=False,
        help_text=gettext_lazy(
            "Wajib dicentang hanya bila platform memperingatkan duplikasi Aplikasi Umum nasional "
            "(Perpres 95/2018 Pasal 37)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.duplicate_matches: list = []

    def _probe(self) -> Application:
        """The application as submitted, for the duplicate test (the instance is filled only
        after clean())."""
        data = self.cleaned_data
        probe = Application(
            name=data.get("name") or "",
            purpose=data.get("purpose") or "",
            common_field=data.get("common_field") or "",
            developer_kind=data.get("developer_kind") or "",
        )
        common = data.get("common_application")
        probe.common_application_id = common.pk if common else None
        return probe

    def needs_duplicate_acknowledgement(self) -> bool:
        if "acknowledge_duplicate" not in self.fields or self.instance.duplicate_decision_id:
            return False
        if self.instance.pk is not None and not set(DUPLICATE_INPUTS) & set(self.changed_data):
            return False
        self.duplicate_matches = selectors.duplicate_matches(self._probe())
        return bool(self.duplicate_matches)

    def clean(self):
        cleaned = super().clean()
        if self.needs_duplicate_acknowledgement() and not cleaned.get("acknowledge_duplicate"):
            self.add_error(
                "acknowledge_duplicate",
                _(
                    "Aplikasi ini menyerupai Aplikasi Umum nasional: %(list)s. Perangkat daerah dilarang "
                    "membangun ulang Aplikasi Umum; setelah disimpan, ajukan keputusan Dinas Kominfo dari "
                    "halaman aplikasi. Centang kotak ini untuk tetap mendaftarkannya."
                )
                % {"list": "; ".join(m.describe() for m in self.duplicate_matches)},
            )
        return cleaned


# Words agencies use in their inventory sheets, mapped to the platform's values.
KIND_WORDS = {
    "umum": ApplicationKind.COMMON,
    "aplikasi umum": ApplicationKind.COMMON,
    "khusus": ApplicationKind.SPECIFIC,
    "aplikasi khusus": ApplicationKind.SPECIFIC,
}
STATUS_WORDS = {
    "aktif": ApplicationStatus.PRODUCTION,
    "berjalan": ApplicationStatus.PRODUCTION,
    "beroperasi": ApplicationStatus.PRODUCTION,
    "digunakan": ApplicationStatus.PRODUCTION,
    "operasional": ApplicationStatus.PRODUCTION,
    "produksi": ApplicationStatus.PRODUCTION,
    "pengembangan": ApplicationStatus.IN_DEVELOPMENT,
    "dalam pengembangan": ApplicationStatus.IN_DEVELOPMENT,
    "rencana": ApplicationStatus.PLANNED,
    "direncanakan": ApplicationStatus.PLANNED,
    "tidak aktif": ApplicationStatus.RETIRED,
    "nonaktif": ApplicationStatus.RETIRED,
    "non aktif": ApplicationStatus.RETIRED,
    "dihentikan": ApplicationStatus.RETIRED,
}
SOURCE_WORDS = {
    "terbuka": SourceModel.OPEN,
    "open source": SourceModel.OPEN,
    "kode sumber terbuka": SourceModel.OPEN,
    "tertutup": SourceModel.CLOSED,
    "closed source": SourceModel.CLOSED,
    "proprietary": SourceModel.CLOSED,
    "kode sumber tertutup": SourceModel.CLOSED,
}
DEVELOPER_WORDS = {
    DeveloperKind.NATIONAL: ("pusat", "kementerian", "nasional", "instansi pusat", "lembaga"),
    DeveloperKind.ICT_OFFICE: ("diskominfo", "kominfo", "dinas kominfo"),
    DeveloperKind.IN_HOUSE: ("internal", "sendiri", "swakelola", "pd sendiri", "opd sendiri"),
    DeveloperKind.THIRD_PARTY: ("pihak ketiga", "vendor", "rekanan", "kontrak"),
}
STAGE_OF_STATUS = {
    ApplicationStatus.PLANNED: LifecycleStage.PLANNING,
    ApplicationStatus.IN_DEVELOPMENT: LifecycleStage.IMPLEMENTATION,
    ApplicationStatus.PRODUCTION: LifecycleStage.MAINTENANCE,
    ApplicationStatus.RETIRED: LifecycleStage.MAINTENANCE,
}


def _word(value: str, words: dict, choices, column) -> str:
    raw = (value or "").strip().lower()
    for code, label in choices:
        if raw in (str(code).lower(), str(label).lower()):
            return code
    if raw in words:
        return words[raw]
    accepted = sorted({w.capitalize() for w in words})
    raise forms.ValidationError(
        _("“%(value)s” tidak dikenal pada kolom %(col)s. Gunakan salah satu: %(list)s.")
        % {"value": value, "col": column, "list": ", ".join(accepted)}
    )


class ApplicationImportForm(ApplicationForm):
    """The usual "inventarisasi aplikasi" sheet: its headers and words are accepted as they are."""

    import_aliases = {
        "Nama Aplikasi": "name",
        "Nama": "name",
        "OPD": "agency",
        "OPD Pemilik": "agency",
        "Perangkat Daerah": "agency",
        "PD": "agency",
        "Deskripsi": "purpose",
        "Fungsi": "purpose",
        "Fungsi Aplikasi": "purpose",
        "Deskripsi/Fungsi": "purpose",
        "Jenis Aplikasi": "kind",
        "Jenis": "kind",
        "URL": "address",
        "Alamat": "address",
        "Alamat URL": "address",
        "Alamat Aplikasi": "address",
        "Link": "address",
        "Pengembang": "developer",
        "Nama Pengembang": "developer_name",
        "Status": "status",
        "Status Aplikasi": "status",
        "Kode Sumber": "source_model",
        "Sumber Kode": "source_model",
        "Lisensi": "licence",
        "No. Kontrak": "contract_number",
        "Nomor Kontrak": "contract_number",
        "Bidang": "common_field",
        "Klasifikasi": "classification",
        "SSO": "uses_sso",
        "Tahap": "lifecycle_stage",
        "Bukti Legalitas": "legality_evidence",
    }
    import_ignored = ("No", "No.", "#", "Keterangan")

    acknowledge_duplicate = None  # the sheet records what exists; duplicates show on the pages
    kind = forms.CharField(label=gettext_lazy("Jenis aplikasi"), help_text=gettext_lazy("Umum atau Khusus."))
    status = forms.CharField(
        label=gettext_lazy("Status"), required=False, help_text=gettext_lazy("Kosong: beroperasi.")
    )
    source_model = forms.CharField(
        label=gettext_lazy("Kode sumber"), help_text=gettext_lazy("Terbuka atau Tertutup.")
    )
    developer_kind = forms.CharField(label=gettext_lazy("Jenis pengembang"), required=False)
    developer = forms.CharField(
        label=gettext_lazy("Pengembang"),
        required=False,
        help_text=gettext_lazy("Pusat, Diskominfo, Internal, atau nama pihak ketiga."),
    )

    # Columns a sheet usually lacks: their model default applies when the cell is empty.
    DEFAULTED = ("common_field", "lifecycle_stage", "classification")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.DEFAULTED:
            self.fields[name].required = False

    def clean_common_field(self):
        return self.cleaned_data.get("common_field") or Application._meta.get_field("common_field").default

    def clean_classification(self):
        return (
            self.cleaned_data.get("classification") or Application._meta.get_field("classification").default
        )

    def clean_kind(self):
        return _word(self.cleaned_data["kind"], KIND_WORDS, ApplicationKind.choices, _("Jenis Aplikasi"))

    def clean_status(self):
        value = self.cleaned_data.get("status") or ""
        if not value.strip():
            return ApplicationStatus.PRODUCTION
        return _word(value, STATUS_WORDS, ApplicationStatus.choices, _("Status"))

    def clean_source_model(self):
        return _word(self.cleaned_data["source_model"], SOURCE_WORDS, SourceModel.choices, _("Kode Sumber"))

    def clean(self):
        cleaned = super().clean()
        kind = (cleaned.get("developer_kind") or "").strip()
        text = (cleaned.get("developer") or "").strip()
        if kind:
            words = {w: code for code, ws in DEVELOPER_WORDS.items() for w in ws}
            try:
                cleaned["developer_kind"] = _word(kind, words, DeveloperKind.choices, _("Jenis pengembang"))
            except forms.ValidationError as error:
                self.add_error("developer_kind", error)
        elif text:
            lowered = text.lower()
            found = next(
                (
                    code
                    for code, ws in DEVELOPER_WORDS.items()
                    if any(lowered == w or lowered.startswith(w + " ") for w in ws)
                ),
                None,
            )
            cleaned["developer_kind"] = found or DeveloperKind.THIRD_PARTY
            if found is None and not cleaned.get("developer_name"):
                cleaned["developer_name"] = text
        else:
            self.add_error(
                "developer", _("Isi kolom Pengembang (Pusat, Diskominfo, Internal, atau nama pihak ketiga).")
            )
        if not cleaned.get("lifecycle_stage") and cleaned.get("status") in STAGE_OF_STATUS:
            cleaned["lifecycle_stage"] = STAGE_OF_STATUS[cleaned["status"]]
        return cleaned


class ApplicationDocumentForm(PlatformModelForm):
    application = ApplicationChoiceField(queryset=Application.objects.none(), label=gettext_lazy("Aplikasi"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = _applications(self.user, permissions.CHANGE)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if _new_upload(upload):
            validate_upload(upload)
            self.instance.sha256 = sha256_of(upload)
        return upload


class ApplicationReleaseForm(PlatformModelForm):
    application = ApplicationChoiceField(queryset=Application.objects.none(), label=gettext_lazy("Aplikasi"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = _applications(self.user, permissions.CHANGE)
        User = get_user_model()
        self.fields["received_by"].queryset = User.objects.filter(
            is_active=True, pk__in=_role_holders()
        ).order_by("username")
        if self.instance.pk is None and not self.is_bound:
            if self.user is not None and getattr(self.user, "pk", None):
                self.initial.setdefault("received_by", self.user.pk)
            governments = list(Government.objects.values_list("name", flat=True)[:2])
            if len(governments) == 1:
                self.initial.setdefault("copyright_holder", governments[0])

    def clean_source_archive(self):
        upload = self.cleaned_data.get("source_archive")
        if _new_upload(upload):
            validate_upload(upload)
            self.instance.sha256 = sha256_of(upload)
            self.instance.size = upload.size
        return upload

    def clean(self):
        cleaned = super().clean()
        application = cleaned.get("application")
        if application is not None and not (cleaned.get("copyright_holder") or "").strip():
            # Sigi Pasal 12 ayat (6), Parigi Moutong Pasal 25 ayat (2): the government holds it.
            cleaned["copyright_holder"] = application.agency.government.name
        return cleaned


def _role_holders():
    from spbe.org.models import RoleAssignment

    return RoleAssignment.objects.values("user_id")


class ApplicationIntegrationForm(PlatformModelForm):
    source = ApplicationChoiceField(queryset=Application.objects.none(), label=gettext_lazy("Aplikasi"))
    target = ApplicationChoiceField(queryset=Application.objects.none(), label=gettext_lazy("Terhubung ke"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = _applications(self.user, permissions.CHANGE)
        self.fields["target"].queryset = _applications(self.user)


class ApprovalRequestForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Uraian permohonan"),
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
    )
