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
    assert capsys.readouterr().out.strip() == f"OK, {len(events)} events (belum ada jangkar)"


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


# Issue 7 §3: bulk updates record the values actually written, with a bounded number of queries.


def _last_changes(person):
    return json.loads(_events_for(person)[-1].changes)


def test_update_with_concat_records_the_written_values_in_bounded_queries(agency_a):
    from django.db.models import F, Value
    from django.db.models.functions import Concat
    from django.test.utils import CaptureQueriesContext

    people = PersonFactory.create_batch(20, agency=agency_a, position="Analis")
    more = PersonFactory.create_batch(20, agency=agency_a, position="Analis")
    with CaptureQueriesContext(connection) as twenty:
        Person.objects.filter(pk__in=[p.pk for p in people]).update(
            position=Concat(F("position"), Value("Y"))
        )
    with CaptureQueriesContext(connection) as forty:
        Person.objects.filter(agency=agency_a).update(position=Concat(F("position"), Value("Z")))
    assert len(twenty) <= 12, [q["sql"] for q in twenty.captured_queries]
    assert len(forty) == len(twenty)
    assert _last_changes(people[0]) == {"position": ["AnalisY", "AnalisYZ"]}
    assert _last_changes(more[0]) == {"position": ["Analis", "AnalisZ"]}
    assert "Concat" not in AuditEvent.objects.order_by("-seq").first().changes
    assert audit.verify().ok


def test_update_with_f_and_case_records_the_values_per_row(agency_a):
    from django.db.models import Case, F, Value, When

    low = PersonFactory(agency=agency_a, name="Rendah", position="Staf")
    high = PersonFactory(agency=agency_a, name="Tinggi", position="Kepala")
    Person.objects.filter(pk__in=[low.pk, high.pk]).update(
        position=Case(When(name="Tinggi", then=Value("Kepala Dinas")), default=F("name"))
    )
    assert _last_changes(low) == {"position": ["Staf", "Rendah"]}
    assert _last_changes(high) == {"position": ["Kepala", "Kepala Dinas"]}


def test_bulk_update_records_each_rows_new_value(agency_a):
    people = PersonFactory.create_batch(3, agency=agency_a, position="Lama")
    for index, person in enumerate(people):
        person.position = f"Baru {index}"
    Person.objects.bulk_update(people, ["position"])
    assert [_last_changes(p) for p in people] == [{"position": ["Lama", f"Baru {i}"]} for i in range(3)]
    assert all("CASE" not in e.changes for e in AuditEvent.objects.all())


def test_update_that_changes_nothing_leaves_no_event(agency_a):
    person = PersonFactory(agency=agency_a, position="Sama")
    before = AuditEvent.objects.count()
    assert Person.objects.filter(pk=person.pk).update(position="Sama") == 1
    assert AuditEvent.objects.count() == before


# Issue 7 §3: deleting the newest events is detected against an anchor kept outside the database.


def test_deleting_the_last_five_events_after_an_anchor_is_reported(agency_a, capsys):
    events = _chain(agency_a, n=8)
    call_command("audit", "anchor")
    assert f"#{events[-1].seq}" in capsys.readouterr().out
    call_command("audit", "verify")
    assert f"(jangkar #{events[-1].seq} cocok)" in capsys.readouterr().out
    with connection.cursor() as cursor:  # the newest five, deleted behind the application's back
        cursor.execute("DELETE FROM core_auditevent WHERE seq > %s", [events[-6].seq])
    result = audit.verify(anchor=audit.last_anchor())
    assert not result.ok
    assert f"#{events[-5].seq}-#{events[-1].seq} hilang" in result.problem
    with pytest.raises(CommandError, match="hilang"):
        call_command("audit", "verify")


def test_a_rewritten_tail_with_a_fresh_chain_does_not_match_the_anchor(agency_a):
    events = _chain(agency_a, n=3)
    anchor = audit.write_anchor()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE seq = %s", [events[-1].seq])
    PersonFactory(agency=agency_a)  # a new event takes the deleted one's number, validly chained
    result = audit.verify(anchor=anchor)
    assert not result.ok and result.seq == events[-1].seq and "jangkar" in result.problem


def test_run_scheduled_writes_an_anchor(agency_a, settings):
    _chain(agency_a, n=2)
    call_command("run_scheduled", "--only", "core.audit_anchor")
    anchor = audit.last_anchor()
    assert anchor["seq"] == AuditEvent.objects.order_by("-seq").first().seq


def test_an_anchor_rewritten_to_match_a_rewritten_chain_is_refused(agency_a, tmp_path):
    """The anchor is signed with the platform's key: editing its hash, or dropping the signature,
    is reported rather than trusted (issue 13 §1: the daily chain head is signed)."""
    import json

    path = tmp_path / "anchors.jsonl"
    anchor = audit.write_anchor(str(path))
    assert audit.anchor_signed(anchor) and audit.verify(anchor=anchor).ok
    forged = {**anchor, "hash": "0" * 64}
    result = audit.verify(anchor=forged)
    assert not result.ok and "tanda tangannya tidak sah" in result.problem
    unsigned = {k: v for k, v in anchor.items() if k != "sig"}
    assert not audit.verify(anchor=unsigned).ok
    assert json.loads(path.read_text().splitlines()[-1])["sig"] == anchor["sig"]


def test_a_deferred_write_chains_its_events_at_the_end_and_verifies(agency_a):
    from django.db import transaction

    before = AuditEvent.objects.count()
    with transaction.atomic(), audit.deferred():
        person = PersonFactory(agency=agency_a, name="Siti")
        audit.record_event("org.person.checked", person, message="diperiksa")
        assert AuditEvent.objects.count() == before  # nothing chained yet
    events = _events_for(person)
    assert [e.action for e in events] == ["create", "event"]
    assert events[1].seq == events[0].seq + 1 and events[1].prev_hash == events[0].hash
    assert audit.verify().ok


def test_an_error_inside_a_deferred_write_leaves_neither_the_record_nor_its_events(agency_a):
    from django.db import transaction

    before_events, before_people = AuditEvent.objects.count(), Person.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic(), audit.deferred():
        PersonFactory(agency=agency_a)
        raise RuntimeError("gagal")
    assert AuditEvent.objects.count() == before_events
    assert Person.objects.count() == before_people
    assert audit.verify().ok


def test_a_deferred_write_inside_a_deferred_run_joins_the_run(agency_a):
    from django.db import transaction

    before = AuditEvent.objects.count()
    with audit.deferred() as run:
        with transaction.atomic(), audit.deferred():
            person = PersonFactory(agency=agency_a)
        assert AuditEvent.objects.count() == before and len(run) == 1
    assert [e.action for e in _events_for(person)] == ["create"]


@pytest.mark.django_db(transaction=True)
def test_writers_at_once_extend_one_unbroken_chain():
    """Two connections saving at the same moment each wait for the chain's lock and read its head
    after it: no event is refused for a taken number and the chain verifies."""
    from ..concurrency import at_once
    from ..factories import AgencyFactory, GovernmentFactory

    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers: PostgreSQL only (SQLite serialises writers, one at a time)")
    agency = AgencyFactory(government=GovernmentFactory())

    def writer():
        for _i in range(15):
            PersonFactory(agency=agency)

    errors = at_once(writer)
    assert not errors
    assert Person.objects.filter(agency=agency).count() == 30
    result = audit.verify()
    assert result.ok, str(result)
