"""The short cuts a list page takes (docs/architecture.md, "Capped count") give what Django's own
paths give: the same <select> markup, the same dates, escaped cells, the same choice labels."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import formats, timezone, translation

from spbe.core import renderers
from spbe.core.renderers import Renderer
from spbe.core.tables import format_date

from ..factories import PersonFactory


class Filters(forms.Form):
    many = forms.MultipleChoiceField(choices=[("x", "A & <b>"), ("y", 'Q"uote')], required=False)
    grouped = forms.ChoiceField(choices=[("G1", [("1", "satu"), ("2", "dua")]), ("3", "tiga")])
    yes_no = forms.NullBooleanField()
    attrs = forms.ChoiceField(
        choices=[(1, "1")], widget=forms.Select(attrs={"data-x": 'a"b', "disabled": True, "hidden": False})
    )


@pytest.mark.parametrize("data", [{}, {"many": ["x"], "grouped": "2", "yes_no": "true", "attrs": "1"}])
def test_selects_are_written_as_django_writes_them(data):
    django_form, ours = Filters(data, renderer=DjangoTemplates()), Filters(data, renderer=Renderer())
    for name in Filters.base_fields:
        assert str(ours[name]) == str(django_form[name])


@pytest.mark.parametrize(
    "data", [{}, {"many": ["x", "y"], "grouped": "2", "yes_no": "false", "attrs": "1"}, {"grouped": "G1"}]
)
def test_list_filters_quick_selects_write_what_django_writes(data):
    django_form, ours = Filters(data, renderer=DjangoTemplates()), Filters(data, renderer=DjangoTemplates())
    for field in ours.fields.values():
        renderers.quicken(field.widget)
    assert isinstance(ours.fields["many"].widget, renderers.QuickSelectMultiple)
    for name in Filters.base_fields:
        assert str(ours[name]) == str(django_form[name])


@pytest.mark.django_db
def test_the_agency_filter_writes_what_django_writes(agency_a, agency_b):
    from spbe.management.filtersets import TicketFilterSet
    from spbe.management.models import Ticket

    for data in ({}, {"agency": [str(agency_b.pk)], "overdue": "true"}):
        ours = TicketFilterSet(data or None, queryset=Ticket.objects.all()).form
        django_form = type(ours)(data or None, renderer=DjangoTemplates())
        assert isinstance(ours.fields["agency"].widget, renderers.QuickSelectMultiple)
        for name in ("agency", "status", "overdue"):
            theirs = django_form[name]
            theirs.field.widget.attrs = ours[name].field.widget.attrs
            if name == "overdue":
                theirs.field.widget.choices = ours[name].field.widget.choices
            assert str(ours[name]) == str(theirs)


class Inputs(forms.Form):
    text = forms.CharField(widget=forms.TextInput(attrs={"placeholder": 'say "hi" & <go>'}))
    number = forms.IntegerField(min_value=1)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    hidden = forms.CharField(widget=forms.HiddenInput)
    mail = forms.EmailField(disabled=True)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))


@pytest.mark.parametrize(
    "data",
    [None, {"text": "<b>x</b> & 'y'", "number": "7", "day": "2026-12-01", "hidden": "", "secret": "s&"}],
)
def test_inputs_are_written_as_django_writes_them(data):
    django_form, ours = Inputs(data, renderer=DjangoTemplates()), Inputs(data, renderer=Renderer())
    for name in Inputs.base_fields:
        assert str(ours[name]) == str(django_form[name])


def test_other_widgets_still_go_through_templates():
    class Other(forms.Form):
        text = forms.CharField(widget=forms.Textarea)
        ticks = forms.MultipleChoiceField(choices=[("a", "A")], widget=forms.CheckboxSelectMultiple)

    for name in Other.base_fields:
        assert str(Other(renderer=Renderer())[name]) == str(Other(renderer=DjangoTemplates())[name])


@pytest.mark.parametrize("language", ["id", "en"])
def test_dates_read_as_django_formats_them(language):
    moments = [
        datetime.datetime(2026, month, day, hour, minute, tzinfo=datetime.UTC)
        for month in range(1, 13)
        for day in (1, 28)
        for hour, minute in ((0, 0), (9, 5), (23, 59))
    ]
    with translation.override(language):
        for moment in moments:
            local = timezone.localtime(moment)
            for name in ("SHORT_DATETIME_FORMAT", "DATETIME_FORMAT", "SHORT_DATE_FORMAT", "DATE_FORMAT"):
                assert format_date(local, name) == formats.date_format(local, name)
            assert format_date(local.date(), "SHORT_DATE_FORMAT") == formats.date_format(
                local.date(), "SHORT_DATE_FORMAT"
            )


def test_list_cells_are_escaped_linked_and_labelled(client_a, agency_a):
    person = PersonFactory(agency=agency_a, name="<script>x</script> & Co", employment="non_asn", nip="")
    html = client_a.get("/org/people/?per_page=25").content.decode()
    assert "<script>x</script>" not in html
    row = html[html.index(f'<a href="/org/people/{person.pk}/">') :]
    row = row[: row.index("</tr>")]
    assert "&lt;script&gt;x&lt;/script&gt; &amp; Co</a>" in row
    assert "<td>Non-ASN</td>" in row  # the choice's label, not its stored value


def test_header_links_sort_ascending_then_descending_from_the_first_page(client_a, agency_a):
    PersonFactory(agency=agency_a)
    html = client_a.get("/org/people/?employment=pns&page=2&sort=name").content.decode()
    head = html[html.index("<thead>") : html.index("</thead>")]
    assert 'href="?employment=pns&amp;sort=-name"' in head and "▲" in head  # name: ascending now
    assert 'href="?employment=pns&amp;sort=nip"' in head  # another column: ascending first
    assert "page=" not in head
    head = client_a.get("/org/people/?sort=-name").content.decode()
    assert 'href="?sort=name"' in head and "▼" in head


def test_a_list_loads_only_the_fields_its_columns_show(client_a, agency_a):
    """A page reads the shown columns (and the owner, for personal data), not whole records; the
    cells are the same as with whole records, and a computed column that does not say what it
    reads makes the page load whole records."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from spbe.core.tables import Column
    from spbe.core.ui import ui_for
    from spbe.org.models import Person

    PersonFactory(agency=agency_a, name="Rina Tombolotutu", employment="pns", position="Arsiparis")
    table = ui_for(Person).table
    fields = table.loaded_fields(["name", "agency"])
    assert "name" in fields and "agency" in fields and "position" not in fields

    def person_select(address):
        with CaptureQueriesContext(connection) as ctx:
            html = client_a.get(address).content.decode()
        selects = [q["sql"].split(" FROM ")[0] for q in ctx.captured_queries]
        return html, next(s for s in selects if s.startswith('SELECT "org_person"."id"'))

    html, select = person_select("/org/people/?columns=name&columns=employment")
    assert "Rina Tombolotutu" in html and "<td>PNS</td>" in html
    assert '"org_person"."position"' not in select

    computed = Column(render=lambda row: row.position, label="Jabatan (hitung)", name="computed")
    table.columns["computed"] = computed
    try:
        html, select = person_select("/org/people/?columns=name&columns=computed")
    finally:
        del table.columns["computed"]
    assert "<td>Arsiparis</td>" in html and '"org_person"."position"' in select
