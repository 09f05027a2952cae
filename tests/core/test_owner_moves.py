"""Moving a record to another agency, or to none, needs change rights in both scopes (issue 7 §1).

Walks every installed model that has an owning agency (`owner_field`), so a model added by a later
module is covered the day it exists: a record owned by agency A is built generically, then moved
by an agency admin of A (refused: no right in B, nor government-wide) and by a platform admin
(allowed: the refusal is the rule, not a broken record).
"""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import models
from rest_framework.test import APIClient

from spbe.core import permissions
from spbe.core.services import save_versioned
from spbe.core.ui import ui_for
from spbe.org.choices import Role
from spbe.org.models import Agency, Government

from ..factories import user_with_role

_serial = itertools.count(1)


# Values the plain defaults would get wrong (a government-only role cannot have an agency).
OVERRIDES = {("org.roleassignment", "role"): Role.DATA_STEWARD}


def owned_models():
    """Every model with pages and API (a registered ModelUI) that has an owning agency."""
    return sorted(
        (
            m
            for m in apps.get_models()
            if ui_for(m) is not None
            and not ui_for(m).read_only  # records no one edits (derived compliance rows)
            and permissions.owner_field(m) not in (None, "id")
        ),
        key=lambda m: m._meta.label,
    )


def _value(field):
    n = next(_serial)
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.EmailField):
        return f"u{n}@contoh.go.id"
    if isinstance(field, models.URLField):
        return f"https://contoh{n}.go.id"
    if isinstance(field, models.FileField):
        return f"berkas/{n}.pdf"
    if isinstance(field, models.CharField | models.TextField | models.SlugField):
        return f"x{n}"[: field.max_length or 20]
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.DecimalField):
        return Decimal("1")
    if isinstance(field, models.IntegerField | models.FloatField):
        return 2000 + n % 50
    if isinstance(field, models.DateTimeField):
        return datetime.datetime.now(datetime.UTC)
    if isinstance(field, models.DateField):
        return datetime.date(2026, 1, 1)
    if isinstance(field, models.JSONField):
        return {}
    raise NotImplementedError(f"{field.model.__name__}.{field.name}: {type(field).__name__}")


def build(model, agency: Agency):
    """A stored record of `model` owned by `agency`: required fields filled with plain values,
    required relations built the same way (owned by the same agency)."""
    if model is Agency:
        return agency
    if model is Government:
        return agency.government
    values = {}
    owner_head = (permissions.owner_field(model) or "").split("__")[0]
    for field in model._meta.concrete_fields:
        if field.primary_key or not field.editable and not field.is_relation:
            continue
        needed = field.name == owner_head or not (field.null or field.has_default() or field.blank)
        if field.is_relation and field.many_to_one:
            if needed:
                values[field.name] = build(field.related_model, agency)
            continue
        if (model._meta.label_lower, field.name) in OVERRIDES:
            values[field.name] = OVERRIDES[(model._meta.label_lower, field.name)]
        elif needed and not field.has_default():
            values[field.name] = _value(field)
    obj = model(**values)
    obj.save()
    return obj


def _move_target(model, agency):
    """What to put in the owner path's first field so the record belongs to `agency`."""
    head = permissions.owner_field(model).split("__")[0]
    related = model._meta.get_field(head).related_model
    return head, build(related, agency)


def test_the_walk_finds_the_models_with_an_owner():
    labels = {m._meta.label_lower for m in owned_models()}
    assert {
        "org.person",
        "org.decree",
        "planning.architectureitem",
        "applications.applicationrelease",
    } <= labels


@pytest.mark.parametrize("model", owned_models(), ids=lambda m: m._meta.label_lower)
def test_owner_move_needs_rights_in_both_scopes(model, agency_a, agency_b):
    record = build(model, agency_a)
    head = permissions.owner_field(model).split("__")[0]
    admin_a = user_with_role(Role.AGENCY_ADMIN, agency_a)
    if hasattr(model, "editor_roles"):
        from spbe.org.choices import GOVERNMENT_ONLY_ROLES

        for role in model.editor_roles:
            # a government-only editor role (service desk tier 2 on problems) has no agency scope
            if role != Role.AGENCY_ADMIN and role not in GOVERNMENT_ONLY_ROLES:
                from spbe.org.models import RoleAssignment

                RoleAssignment.objects.create(user=admin_a, role=role, agency=agency_a)
    assert permissions.can(admin_a, record, permissions.CHANGE)
    before = getattr(record, f"{head}_id")
    _head, other = _move_target(model, agency_b)
    targets = [other]
    if model._meta.get_field(head).null:
        targets.append(None)  # government-wide
    for target in targets:
        moved = type(record)._base_manager.get(pk=record.pk)
        setattr(moved, head, target)
        with pytest.raises(PermissionDenied):
            save_versioned(moved, expected_version=None, user=admin_a)
        assert getattr(type(record)._base_manager.get(pk=record.pk), f"{head}_id") == before
    platform_admin = user_with_role(Role.PLATFORM_ADMIN)
    for target in targets:
        moved = type(record)._base_manager.get(pk=record.pk)
        setattr(moved, head, target)
        save_versioned(moved, expected_version=None, user=platform_admin)
        assert getattr(type(record)._base_manager.get(pk=record.pk), f"{head}_id") == (
            target.pk if target is not None else None
        )


def test_reproduction_agency_head_moves_an_architecture_item_to_no_agency(agency_a, agency_b):
    """kepala.dinkes could PATCH .../planning/architecture-items/<id>/ {"agency": null}."""
    from spbe.planning.models import ArchitectureItem

    item = build(ArchitectureItem, agency_a)
    head = user_with_role(Role.AGENCY_HEAD, agency_a)
    api = APIClient()
    api.force_authenticate(head)
    url = f"/api/v1/planning/architecture-items/{item.pk}/"
    for body in ({"agency": None}, {"agency": agency_b.pk}):
        response = api.patch(url, body, format="json")
        assert response.status_code in (400, 403), response.content
        item.refresh_from_db()
        assert item.agency_id == agency_a.pk


def test_page_refuses_a_move_next_to_the_field(client, agency_a, agency_b):
    from ..factories import PersonFactory

    person = PersonFactory(agency=agency_a)
    client.force_login(user_with_role(Role.AGENCY_ADMIN, agency_a))
    response = client.post(
        f"/org/people/{person.pk}/edit/",
        {
            "agency": agency_b.pk,
            "name": person.name,
            "employment": person.employment,
            "nip": person.nip or "",
        },
    )
    assert response.status_code == 400
    person.refresh_from_db()
    assert person.agency_id == agency_a.pk


def test_nested_owner_move_is_refused_through_the_api(agency_a, agency_b):
    """A release belongs to its application's agency: pointing it at another agency's
    application is a move too."""
    from spbe.applications.models import ApplicationRelease

    release = build(ApplicationRelease, agency_a)
    _head, other_app = _move_target(ApplicationRelease, agency_b)
    api = APIClient()
    api.force_authenticate(user_with_role(Role.AGENCY_ADMIN, agency_a))
    response = api.patch(
        f"/api/v1/applications/releases/{release.pk}/", {"application": other_app.pk}, format="json"
    )
    assert response.status_code in (400, 403), response.content
    release.refresh_from_db()
    assert release.application.agency_id == agency_a.pk


def test_an_agency_moves_by_its_parent_with_rights_under_both(client, gov, agency_a, agency_b):
    """An agency is its own scope; it moves by getting a new parent (or none: the government level)."""
    from ..factories import AgencyFactory

    unit = AgencyFactory(government=gov, parent=agency_a, short_name="UNIT")
    sibling = AgencyFactory(government=gov, parent=agency_a, short_name="SIB")
    admin_a = user_with_role(Role.AGENCY_ADMIN, agency_a)
    for agency, parent in ((agency_a, agency_b), (unit, agency_b), (unit, None)):
        moved = Agency.objects.get(pk=agency.pk)
        moved.parent = parent
        with pytest.raises(PermissionDenied):
            save_versioned(moved, expected_version=None, user=admin_a)
        assert Agency.objects.get(pk=agency.pk).parent_id == agency.parent_id
    moved = Agency.objects.get(pk=unit.pk)
    moved.parent = sibling
    save_versioned(moved, expected_version=None, user=admin_a)  # within the own subtree
    assert Agency.objects.get(pk=unit.pk).parent_id == sibling.pk
    client.force_login(admin_a)
    page = client.get(f"/org/agencies/{agency_a.pk}/edit/")
    assert page.status_code == 200
    data = {
        "government": gov.pk,
        "name": agency_a.name,
        "short_name": agency_a.short_name,
        "kind": agency_a.kind,
        "parent": agency_b.pk,
    }
    assert client.post(f"/org/agencies/{agency_a.pk}/edit/", data).status_code == 400
    assert Agency.objects.get(pk=agency_a.pk).parent_id is None
