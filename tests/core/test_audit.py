import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from spbe.core import audit, context
from spbe.core.models import AuditEvent
from spbe.org.models import Person

from ..factories import PersonFactory


def _events_for(obj):
    return list(
        AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).order_by("seq")
    )


def test_create_update_delete_are_recorded_with_before_and_after(agency_a):
    person = PersonFactory(agency=agency_a, name="Siti Lama")
    person.name = "Siti Baru"
    person.save()
    pk = person.pk
    person.delete()
    events = list(AuditEvent.objects.filter(object_type="org.person", object_id=str(pk)).order_by("seq"))
    assert [e.action for e in events] == ["create", "update", "delete"]
    assert json.loads(events[1].changes) == {"name": ["Siti Lama", "Siti Baru"]}
    assert events[0].agency_id == agency_a.pk
    assert json.loads(events[2].changes)["name"] == ["Siti Baru", None]


def test_a_save_without_changes_leaves_no_event(agency_a):
    person = PersonFactory(agency=agency_a)
    before = AuditEvent.objects.count()
    Person.objects.get(pk=person.pk).save()
    assert AuditEvent.objects.count() == before


def test_bulk_update_from_a_shell_is_still_audited(agency_a):
    people = PersonFactory.create_batch(3, agency=agency_a, position="Lama")
    Person.objects.filter(pk__in=[p.pk for p in people]).update(position="Baru")
    for person in people:
        last = _events_for(person)[-1]
        assert last.entry_point == "shell"
        assert json.loads(last.changes) == {"position": ["Lama", "Baru"]}


def test_entry_point_and_actor_come_from_the_context(agency_a, editor_a):
    with context.acting(entry_point="cli", user=editor_a):
        person = PersonFactory(agency=agency_a)
    event = _events_for(person)[0]
    assert (event.entry_point, event.actor_id, event.actor_name) == ("cli", editor_a.pk, "editor.a")


def test_password_changes_are_masked(editor_a):
    editor_a.set_password("kata-sandi-baru-456")
    editor_a.save()
    last = (
        AuditEvent.objects.filter(object_type="auth.user", object_id=str(editor_a.pk))
        .order_by("-seq")
        .first()
    )
    assert "kata-sandi" not in last.changes and "pbkdf2" not in last.changes
    assert audit.MASK in last.changes


def _chain(agency_a, n=5):
    for _ in range(n):
        PersonFactory(agency=agency_a)
    return list(AuditEvent.objects.order_by("seq"))


def test_verify_reports_ok_with_the_count(agency_a, capsys):
    events = _chain(agency_a)
    call_command("audit", "verify")
    assert capsys.readouterr().out.strip() == f"OK, {len(events)} events"


def test_verify_names_an_edited_event(agency_a):
    events = _chain(agency_a)
    target = events[2]
    with connection.cursor() as cursor:  # tampering behind the application's back
        cursor.execute("UPDATE core_auditevent SET object_repr = %s WHERE id = %s", ["dipalsukan", target.pk])
    result = audit.verify()
    assert not result.ok and result.seq == target.seq and "diubah" in result.problem
    with pytest.raises(CommandError, match=f"#{target.seq}"):
        call_command("audit", "verify")


def test_verify_names_a_deleted_event(agency_a):
    events = _chain(agency_a)
    target = events[3]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [target.pk])
    result = audit.verify()
    assert not result.ok and result.seq == target.seq and "hilang" in result.problem


def test_verify_names_an_inserted_event(agency_a):
    events = _chain(agency_a)
    target = events[1]
    with connection.cursor() as cursor:  # shift the tail up and forge an event in the gap
        cursor.execute("UPDATE core_auditevent SET seq = seq + 1000 WHERE seq > %s", [target.seq])
        cursor.execute("UPDATE core_auditevent SET seq = seq - 999 WHERE seq > %s", [target.seq + 999])
    forged = AuditEvent(
        **{
            f.attname: getattr(events[2], f.attname)
            for f in AuditEvent._meta.concrete_fields
            if f.attname != "id"
        }
    )
    forged.seq, forged.hash, forged.object_repr = target.seq + 1, "f" * 64, "palsu"
    forged.save()
    result = audit.verify()
    assert not result.ok and result.seq == target.seq + 1


def test_events_cannot_be_changed_or_deleted_through_the_model(agency_a):
    event = _chain(agency_a, 1)[0]
    event.message = "x"
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()
