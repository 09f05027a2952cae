"""The same tests for every registered ModelUI, generated from the registry (no hand list).

A model registered by a later module is covered the day its ModelUI exists: its records come from
`tests/model_factories.py` (derived from its fields, or a factory its module registered there).
"""

import csv
import io

import pytest
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models
from django.db.models.fields.files import FieldFile
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from rest_framework.test import APIClient

from spbe.core.choices import ImportStatus
from spbe.core.models import ImportJob
from spbe.core.ui import all_uis

from ..model_factories import make

UIS = sorted(all_uis(), key=lambda ui: ui.model._meta.label_lower)
IDS = [ui.model._meta.label_lower for ui in UIS]
SMALL, LARGE = 2, 9


def test_every_registered_model_is_covered(capsys):
    with capsys.disabled():
        print(f"\ngenerated ModelUI tests cover {len(UIS)} registered models: {', '.join(IDS)}")
    assert len(UIS) >= 27  # org 7, planning 11, applications 5, compliance 4 today


@pytest.fixture
def api(admin):
    client = APIClient()
    client.force_authenticate(admin)
    return client


def url(ui, action, **kwargs):
    return reverse(ui.url_name(action), kwargs=kwargs or None)


def api_url(ui, pk=None):
    base = f"/api/v1/{ui.get_api_prefix()}/"
    return f"{base}{pk}/" if pk is not None else base


def form_data(ui, obj, user) -> tuple[dict, dict]:
    """What a user would submit to recreate `obj` through the ModelUI's form: (data, files)."""
    form = ui.form(instance=obj, user=user)
    data, files = {}, {}
    values = model_to_dict(obj)
    for name in form.fields:
        value = values.get(name, form.initial.get(name))
        if isinstance(value, models.Model):
            value = value.pk
        if isinstance(value, list):
            data[name] = [v.pk if isinstance(v, models.Model) else v for v in value]
            continue
        if isinstance(value, FieldFile):
            if value:
                value.open("rb")
                files[name] = SimpleUploadedFile(value.name.rsplit("/", 1)[-1], value.read())
            continue
        if value is None or value is False:
            continue
        data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return data, files


def api_data(ui, obj) -> dict:
    serializer = ui.serializer()
    values = model_to_dict(obj)
    data = {}
    for name, field in serializer.fields.items():
        if field.read_only or name not in values:
            continue
        value = values[name]
        if isinstance(value, models.Model):
            value = value.pk
        elif isinstance(value, list):
            value = [v.pk if isinstance(v, models.Model) else v for v in value]
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        elif isinstance(value, FieldFile):
            continue  # files come with a page upload, not JSON
        data[name] = value
    return data


def writable(ui):
    return not ui.read_only


def creates_through_workflow(ui) -> bool:
    """A read-only model whose API still opens records through its workflow service (POST to the
    tickets API runs services.ticket_open; tests/management/test_ticket_api.py covers it)."""
    viewset = ui.api_viewset(ui) if ui.api_viewset else ui.viewset()
    return "post" in viewset.http_method_names


@pytest.mark.parametrize("ui", UIS, ids=IDS)
def test_pages(ui, web, ctx, admin):
    obj = make(ui.model, ctx)
    response = web.get(url(ui, "list"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count >= 1
    response = web.get(url(ui, "detail", pk=obj.pk))
    assert response.status_code == 200 and response.context["object"] == obj
    for fmt in ("csv", "xlsx"):
        response = web.get(url(ui, "export") + f"?format={fmt}")
        assert response.status_code == 200, fmt
    assert web.get(url(ui, "history", pk=obj.pk)).status_code == 200
    if not writable(ui):
        for action, kwargs in (("add", {}), ("edit", {"pk": obj.pk}), ("delete", {"pk": obj.pk})):
            with pytest.raises(NoReverseMatch):
                url(ui, action, **kwargs)
        assert web.get(f"{url(ui, 'detail', pk=obj.pk)}edit/").status_code == 404
        return
    # edit: a text changed through the form is saved and shows in the history
    data, files = form_data(ui, obj, admin)
    changed = _text_field(ui, data)
    if changed:
        data[changed] = _changed(ui, changed, data[changed])
    response = web.post(url(ui, "edit", pk=obj.pk), {**data, **files, "version": obj.version})
    assert response.status_code == 302, _errors(response)
    if changed:
        history = web.get(url(ui, "history", pk=obj.pk)).content.decode()
        assert "(ubah)" in history
    obj.refresh_from_db()
    # delete
    assert web.get(url(ui, "delete", pk=obj.pk)).status_code == 200
    response = web.post(url(ui, "delete", pk=obj.pk))
    assert response.status_code == 302
    assert not ui.model.objects.filter(pk=obj.pk).exists()
    # create: the same values through the add form make the record again
    before = ui.model.objects.count()
    _data, files = form_data(ui, obj, admin)  # files re-read (the deleted record's file stays stored)
    response = web.post(url(ui, "add"), {**data, **files})
    assert response.status_code == 302, _errors(response)
    assert ui.model.objects.count() == before + 1


FREE_TEXT = (
    "title",
    "name",
    "description",
    "purpose",
    "notes",
    "note",
    "duty",
    "summary",
    "activity",
    "position",
)


def _text_field(ui, data) -> str:
    """A free-text field of the form, changed to see the edit land in the history."""
    for name in FREE_TEXT:
        if name not in data:
            continue
        field = ui.model._meta.get_field(name)
        if isinstance(field, models.CharField | models.TextField) and not field.choices and not field.unique:
            return name
    return ""


def _changed(ui, name, value):
    limit = ui.model._meta.get_field(name).max_length or 1000
    return (str(value)[: limit - 8] + " (ubah)").strip()


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # a form-only field
        return None


def _errors(response):
    form = response.context and response.context.get("form")
    return form.errors if form is not None else response.status_code


@pytest.mark.parametrize(
    "ui",
    [ui for ui in UIS if ui.is_importable()],
    ids=[i for i, ui in zip(IDS, UIS, strict=True) if ui.is_importable()],
)
def test_import_dry_run(ui, web, ctx, admin):
    obj = make(ui.model, ctx)
    template = web.get(url(ui, "import") + "?template=csv")
    assert template.status_code == 200
    body = b"".join(template.streaming_content) if template.streaming else template.content
    header = next(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    names = [n for n in ui.get_import_form().base_fields if n != "version"]
    labels = [str(f.label) for n, f in ui.get_import_form().base_fields.items() if n != "version"]
    assert [h.lower() for h in header] == [label.lower() for label in labels]  # labels, not codes
    data, _files = form_data(ui, obj, admin)
    for name in data:  # references by their natural key where the model has one, as people write them
        field = _field(ui.model, name)
        keys = getattr(getattr(field, "related_model", None), "import_key_fields", ())
        target = getattr(obj, name) if keys and not field.many_to_many else None
        if target is not None:
            key = getattr(target, keys[0])
            if field.related_model._base_manager.filter(**{f"{keys[0]}__iexact": key}).count() == 1:
                data[name] = key  # else the id: a shared code would name another record
    import_fields = ui.get_import_form().base_fields
    for name in data:  # an import form that reads a reference as its code (e.g. "RAB 09.04")
        form_field = import_fields.get(name)
        target = getattr(obj, name, None)
        if isinstance(target, models.Model) and not isinstance(form_field, forms.ModelChoiceField):
            data[name] = getattr(target, "code", data[name])
    obj.delete()
    row = []
    for column in names:
        value = data.get(column, "")
        row.append(",".join(str(v) for v in value) if isinstance(value, list) else value)
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, row])
    upload = SimpleUploadedFile("uji.csv", buffer.getvalue().encode())
    before = ui.model.objects.count()
    response = web.post(url(ui, "import"), {"file": upload})
    assert response.status_code == 302
    job = ImportJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))
    assert job.status == ImportStatus.VALIDATED, job.results
    assert [r[4] for r in job.results] == ["new"]
    assert ui.model.objects.count() == before  # a dry run changes nothing


@pytest.mark.parametrize(
    "ui",
    [ui for ui in UIS if ui.get_api_prefix()],
    ids=[i for i, ui in zip(IDS, UIS, strict=True) if ui.get_api_prefix()],
)
def test_api(ui, api, ctx):
    obj = make(ui.model, ctx)
    response = api.get(api_url(ui) + "?ordering=-id")
    assert response.status_code == 200
    assert obj.pk in [row["id"] for row in response.json()["results"]]
    response = api.get(api_url(ui, obj.pk))
    assert response.status_code == 200 and response.json()["display"] == str(obj)
    data = api_data(ui, obj)
    if not writable(ui):
        if not creates_through_workflow(ui):
            assert api.post(api_url(ui), data, format="json").status_code == 405
        assert api.patch(api_url(ui, obj.pk), {}, format="json").status_code == 405
        return
    response = api.patch(api_url(ui, obj.pk), {**data, "version": obj.version}, format="json")
    assert response.status_code == 200, response.content
    if any(
        isinstance(f, models.FileField)
        for f in ui.model._meta.concrete_fields
        if f.name in data or not f.blank
    ):
        return  # a record with a required file is created through its page's upload
    obj.delete()
    response = api.post(api_url(ui), data, format="json")
    assert response.status_code == 201, response.content


@pytest.mark.parametrize("ui", UIS, ids=IDS)
def test_anonymous_is_refused(ui, client, ctx):
    obj = make(ui.model, ctx)
    for page in (url(ui, "list"), url(ui, "detail", pk=obj.pk), url(ui, "export")):
        response = client.get(page)
        assert response.status_code == 302 and "/login/" in response["Location"], page
    if ui.get_api_prefix():
        assert APIClient().get(api_url(ui)).status_code in (401, 403)
        assert APIClient().get(api_url(ui, obj.pk)).status_code in (401, 403)


def count_queries(client, address) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
        assert response.status_code == 200, address
    return len(queries)


def list_addresses(ui) -> list[str]:
    every_column = "&".join(f"columns={name}" for name in ui.table.columns)
    addresses = [url(ui, "list") + "?per_page=50&" + every_column]
    if ui.get_api_prefix():
        addresses.append(api_url(ui) + "?page_size=50")
    return addresses


def assert_constant_queries(ui, web, ctx):
    """The list page (every column shown) and the API list cost the same at SMALL and LARGE rows."""
    for _ in range(SMALL):
        make(ui.model, ctx)
    addresses = list_addresses(ui)
    for address in addresses:
        count_queries(web, address)  # warm per-process caches (content types, sessions)
    small = {address: count_queries(web, address) for address in addresses}
    for _ in range(LARGE - SMALL):
        make(ui.model, ctx)
    for address in addresses:
        # again: making rows may add agencies or roles, which retires the grants and agency
        # choices kept across requests (core/versions.py); the first request reads them anew
        count_queries(web, address)
    large = {address: count_queries(web, address) for address in addresses}
    assert small == large, f"queries grow with rows: {small} -> {large}"


@pytest.mark.parametrize("ui", UIS, ids=IDS)
def test_list_queries_do_not_grow_with_rows(ui, web, ctx):
    assert_constant_queries(ui, web, ctx)


def test_an_n_plus_one_in_a_table_fails_the_query_count_check(web, ctx, monkeypatch):
    """The check above catches a list that reads a relation per row."""
    from spbe.core.tables import Column
    from spbe.core.ui import ui_for
    from spbe.org.models import Person

    ui = ui_for(Person)
    column = Column(render=lambda person: person.agency.government.name, label="N+1", name="nplus1")
    monkeypatch.setitem(ui.table.columns, "nplus1", column)
    with pytest.raises(AssertionError, match="queries grow with rows"):
        assert_constant_queries(ui, web, ctx)


def test_an_n_plus_one_in_a_serializer_fails_the_query_count_check(web, ctx, monkeypatch):
    from spbe.core.ui import ui_for
    from spbe.org.models import Decree

    ui = ui_for(Decree)
    monkeypatch.setattr(
        ui.serializer, "get_display", lambda self, obj: str(obj.agency.government), raising=True
    )
    with pytest.raises(AssertionError, match="queries grow with rows"):
        assert_constant_queries(ui, web, ctx)
