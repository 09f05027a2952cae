from django import forms
from django.utils.translation import gettext_lazy as _

from . import permissions


class PlatformModelForm(forms.ModelForm):
    """Every edit form: carries the version it was based on, and limits owner choices to the
    agencies the user may act for."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            self.fields["version"].initial = self.instance.version
        owner = getattr(self._meta.model, "owner_field", None)
        if user is not None and owner and "__" not in owner and owner != "id" and owner in self.fields:
            owners = permissions.creatable_owners(user, self._meta.model)
            if owners is not None:
                self.fields[owner].queryset = self.fields[owner].queryset.filter(pk__in=owners.values("pk"))
        for name, field in self.fields.items():
            # A record can only point at records its author may see (no CLOSED data of others).
            queryset = getattr(field, "queryset", None)
            if user is not None and name != owner and queryset is not None and hasattr(queryset, "restrict"):
                field.queryset = queryset.restrict(user)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.Select | forms.SelectMultiple):
                widget.attrs.setdefault("class", "form-select")
            elif isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif not isinstance(widget, forms.HiddenInput):
                widget.attrs.setdefault("class", "form-control")
            if isinstance(widget, forms.DateInput):
                widget.input_type = "date"
                widget.format = "%Y-%m-%d"

    def clean(self):
        cleaned = super().clean()
        if self.user is not None:
            self._check_placement(cleaned)
        return cleaned

    def _check_placement(self, cleaned) -> None:
        """A record may be created, or moved to another agency or to none, only where the user may
        change records (permissions.may_place's rule, applied to the submitted values so that the
        form can say so next to the field). The owner path may pass through a relation
        ("application__agency"): the field chosen is the first step."""
        path = permissions.owner_field(self._meta.model)
        parent = getattr(self._meta.model, "tree_parent_field", None)
        if path == "id" and parent in self.fields and parent not in self.errors:
            placed = self._meta.model(**{parent: cleaned.get(parent)})
            placed.pk = self.instance.pk
            if not permissions.may_place(self.user, placed):
                self.add_error(parent, _("Anda tidak berwenang memindahkan data ini ke induk tersebut."))
            return
        if not path or path == "id":
            return
        head, _sep, rest = path.partition("__")
        if head not in self.fields or head in self.errors:
            return
        owner = cleaned.get(head)
        for part in rest.split("__") if rest else ():
            owner = getattr(owner, part, None) if owner is not None else None
        if self.instance.pk is not None:
            before = permissions.stored_owner_id(self.instance)
            if (owner.pk if owner is not None else None) == before:
                return  # not moved: the right to change it was checked when it was opened
        if owner is not None and not permissions.may_create(self.user, self._meta.model, owner):
            self.add_error(head, _("Anda tidak berwenang mencatat data untuk perangkat daerah ini."))
        elif owner is None and not permissions.may_create(self.user, self._meta.model):
            # Leaving the owner empty would make a government-wide record: only government-wide editors may.
            self.add_error(
                head,
                _(
                    "Pilih perangkat daerah Anda; data tingkat pemerintah daerah hanya dicatat "
                    "oleh admin tingkat pemerintah daerah."
                ),
            )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas CSV atau XLSX"),
        help_text=_("Baris pertama berisi nama kolom. Unduh templat untuk melihat kolom yang diterima."),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".csv,.xlsx"}),
    )

    delete_missing = forms.BooleanField(
        label=_("Hapus data yang tidak ada di berkas"),
        required=False,
        help_text=_(
            "Data yang boleh Anda hapus dan tidak disebut di berkas akan dihapus. Uji coba menampilkan "
            "jumlah dan namanya sebelum Anda menerapkan."
        ),
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not (name.endswith(".csv") or name.endswith(".xlsx")):
            raise forms.ValidationError(_("Hanya berkas .csv atau .xlsx yang diterima."))
        return upload
