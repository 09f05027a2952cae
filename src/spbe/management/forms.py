from django import forms
from django.utils.translation import gettext_lazy as _

from spbe.core.forms import PlatformModelForm

from .choices import TicketKind, TicketPriority


class TicketOpenForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=TicketKind.choices)
    title = forms.CharField(label=_("Judul"), max_length=200)
    description = forms.CharField(label=_("Uraian"), widget=forms.Textarea(attrs={"rows": 5}))
    service = forms.ModelChoiceField(label=_("Layanan SPBE"), queryset=None, required=False)
    priority = forms.ChoiceField(
        label=_("Prioritas"), choices=TicketPriority.choices, initial=TicketPriority.MEDIUM
    )
    requester = forms.ModelChoiceField(
        label=_("Pelapor"),
        queryset=None,
        required=False,
        help_text=_(
            "Untuk service desk tier 1 yang mencatat laporan pengguna; kosongkan bila Anda sendiri pelapornya."
        ),
    )

    def __init__(self, *args, services=None, requesters=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        if requesters is None:
            del self.fields["requester"]
        else:
            self.fields["requester"].queryset = requesters
            self.fields["requester"].label_from_instance = lambda user: (
                user.get_full_name() or user.get_username()
            )


class TicketActionForm(forms.Form):
    """One action on a ticket: the note (reason, resolution, question), and a rating or priority where asked."""

    action = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Keterangan"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    rating = forms.TypedChoiceField(
        label=_("Nilai kepuasan"),
        choices=[("", "—")] + [(i, str(i)) for i in range(5, 0, -1)],
        coerce=int,
        required=False,
    )
    priority = forms.ChoiceField(label=_("Prioritas baru"), choices=TicketPriority.choices, required=False)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class RiskForm(PlatformModelForm):
    """The register's rows: the guideline's terms as the import headers also accept them."""

    import_aliases = {
        "Risiko": "event",
        "Level Kemungkinan (K)": "likelihood",
        "Level Dampak (D)": "impact",
        "Kode": "code",
    }
