"""A CLOSED record is invisible through its references too (issue 7 §2).

Walks every relation (foreign key, many-to-many) of every registered model whose target can be
CLOSED, points a record at a CLOSED target of agency A, and reads every entry point as an
agency B outsider: API detail and list (brief objects), the detail page, the list page with
every column, CSV and XLSX exports, the history tab and global search. The outsider learns
that the reference exists ("(tertutup)", null id) and nothing of it. The same reads as an
agency A editor do show the target, so each check can fail. A model registered by a later
module is walked the day it is registered.
"""

import datetime
import decimal
import io
import itertools
import uuid

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.db import models
from django.urls import reverse

from spbe.core import references
from spbe.core.choices import Classification
from spbe.core.registry import registry
from spbe.core.ui import _by_label
from spbe.org.models import Agency, Government

from ..factories import DecreeFactory

SECRET = "Rahasia-Zeta"
_numbers = itertools.count(1)


def _classified(model) -> bool:
    return any(f.name == "classification" for f in model._meta.concrete_fields)


def _relations():
    pairs = []
    for label, ui in sorted(_by_label.items()):
        for field in ui.model._meta.get_fields():
            forward = (field.is_relation and field.concrete) or (
                field.many_to_many and not field.auto_created
            )
            if forward and field.related_model is not None and _classified(field.related_model):
                pairs.append(pytest.param(label, field.name, id=f"{label}.{field.name}"))
    return pairs


RELATIONS = _relations()


# Field type -> a test value (n: a running number); subclasses before their bases
# (EmailField and URLField are CharFields, DateTimeField is a DateField).
VALUES_BY_TYPE = (
    (models.EmailField, lambda field, n, text: f"x{n}@contoh.go.id"),
    (models.URLField, lambda field, n, text: f"https://contoh{n}.go.id"),
    (models.FileField, lambda field, n, text: f"uji/berkas-{n}.pdf"),
    (models.CharField | models.TextField, lambda field, n, text: f"{text} {n}"[: field.max_length or None]),
    (models.BooleanField, lambda field, n, text: False),
    (models.DecimalField, lambda field, n, text: decimal.Decimal("1")),
    (models.DateTimeField, lambda field, n, text: datetime.datetime.now(tz=datetime.UTC)),
    (models.DateField, lambda field, n, text: datetime.date(2026, 1, 1 + n % 28)),
    (models.IntegerField, lambda field, n, text: 2000 + n % 1000),
    (models.UUIDField, lambda field, n, text: uuid.uuid4()),
    (models.JSONField, lambda field, n, text: {}),
)


def _related_value(field, world):
    related = field.related_model
    known = {Government: "gov", Agency: "agency", get_user_model(): "user"}
    return world[known[related]] if related in known else make(related, world)


def _value_for(field, world, text):
    n = next(_numbers)
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.ForeignKey):
        return _related_value(field, world)
    for kind, value in VALUES_BY_TYPE:
        if isinstance(field, kind):
            return value(field, n, text)
    raise AssertionError(f"no test value for {field!r}: teach _value_for this field type")


def make(model, world, text="Uji", **values):
    """A saved record of any model: required fields filled by type, references built on the way
    (agency and government from the world), the given values as they are."""
    obj = model()
    for field in model._meta.concrete_fields:
        if field.name in values or field.primary_key or not field.editable and not field.is_relation:
            continue
        secret_text = text == SECRET and isinstance(field, models.CharField | models.TextField)
        optional = field.has_default() or field.null or (field.blank and not field.is_relation)
        owner = field.name == getattr(model, "owner_field", None)  # an optional owner (agency_optional)
        if optional and not owner and not (secret_text and not field.choices):
            continue  # the target carries the secret in every text it has
        setattr(obj, field.name, _value_for(field, world, text))
    for name, value in values.items():
        if not model._meta.get_field(name).many_to_many:
            setattr(obj, name, value)
    obj.save()
    for name, value in values.items():
        if model._meta.get_field(name).many_to_many:
            getattr(obj, name).set(value)
    return obj


def _api_prefix(model):
    for prefix, viewset, _basename in registry.api_routes:
        if viewset.queryset.model is model:
            return f"/api/v1/{prefix}/"
    return None


def _reads(client, ui, source):
    """Every entry point that can show the source's references, as (name, status, text)."""
    columns = "&".join(f"columns={name}" for name in ui.table.columns)
    pages = {
        "detail page": reverse(ui.url_name("detail"), kwargs={"pk": source.pk}),
        "history tab": reverse(ui.url_name("history"), kwargs={"pk": source.pk}),
        "list page": reverse(ui.url_name("list")) + "?" + columns,
        "CSV export": reverse(ui.url_name("export")) + "?" + columns,
        "XLSX export": reverse(ui.url_name("export")) + "?format=xlsx&" + columns,
        "search": "/search/?q=" + SECRET.split("-")[1],
    }
    prefix = _api_prefix(ui.model)
    if prefix:
        pages["API detail"] = f"{prefix}{source.pk}/"
        pages["API list"] = f"{prefix}?page_size=200"
    out = []
    for name, url in pages.items():
        response = client.get(url)
        if name == "XLSX export":
            sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
            text = "\n".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row)
        elif name == "CSV export":
            text = response.getvalue().decode()
        else:
            text = response.content.decode()
        out.append((name, response.status_code, text, response))
    return out


def test_every_relation_to_a_classified_model_is_walked():
    names = {p.id for p in RELATIONS}
    print(f"{len(names)} relations to classified models walked: {sorted(names)}")
    # The reproduction and one relation per module at least.
    assert {"org.agency.autonomy_decree", "org.coordinationteam.decree"} <= names
    assert any(n.startswith("planning.") for n in names) and any(n.startswith("applications.") for n in names)


@pytest.mark.parametrize(("label", "field_name"), RELATIONS)
def test_closed_target_is_invisible_through_the_reference(
    client, label, field_name, gov, agency_a, agency_b, editor_a, outsider_b
):
    ui = _by_label[label]
    model = ui.model
    field = model._meta.get_field(field_name)
    world = {"gov": gov, "agency": agency_a, "user": editor_a}
    target = make(field.related_model, world, text=SECRET, classification=Classification.CLOSED)
    source = make(model, world, **{field_name: [target] if field.many_to_many else target})

    client.force_login(editor_a)  # the owner sees the reference: the checks below can fail
    inside = {name: (status, text) for name, status, text, _r in _reads(client, ui, source)}
    assert SECRET in inside["detail page"][1] or SECRET in inside.get("API detail", (0, ""))[1]

    client.force_login(outsider_b)
    source_visible = model.objects.restrict(outsider_b).filter(pk=source.pk).exists()
    for name, status, text, response in _reads(client, ui, source):
        assert SECRET not in text, f"{label}.{field_name}: the CLOSED target leaks on the {name}"
        assert status in (200, 404), (name, status)
        if name == "API detail" and source_visible:
            brief = response.json()[field_name]
            hidden = {"id": None, "display": str(references.HIDDEN_LABEL)}
            assert brief == ([hidden] if field.many_to_many else hidden)
        if name in ("detail page", "history tab") and source_visible:
            assert status == 200
    if source_visible and field.name in (ui.detail_fields or [f.name for f in model._meta.concrete_fields]):
        page = client.get(reverse(ui.url_name("detail"), kwargs={"pk": source.pk})).content.decode()
        assert "(tertutup)" in page


def test_agency_reproduction_closed_decree_shows_as_closed(client, agency_b, editor_a, outsider_b):
    """The issue's reproduction: Disdukcapil's CLOSED decree on its own agency record, read by Dinkes."""
    decree = DecreeFactory(
        agency=agency_b, classification=Classification.CLOSED, number="470/77", title=SECRET
    )
    agency_b.autonomy_decree = decree
    agency_b.ict_autonomous = True
    agency_b.save()
    client.force_login(editor_a)  # agency A: an outsider to B's CLOSED decree
    api = client.get(f"/api/v1/org/agencies/{agency_b.pk}/").json()
    assert api["autonomy_decree"] == {"id": None, "display": "(tertutup)"}
    for url in (f"/org/agencies/{agency_b.pk}/", f"/org/agencies/{agency_b.pk}/history/"):
        page = client.get(url).content.decode()
        assert "(tertutup)" in page and SECRET not in page and "470/77" not in page
        assert f"/org/decrees/{decree.pk}/" not in page
    client.force_login(outsider_b)  # agency B itself sees its decree
    assert client.get(f"/api/v1/org/agencies/{agency_b.pk}/").json()["autonomy_decree"]["id"] == decree.pk
