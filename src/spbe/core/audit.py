"""The audit trail: every create, update and delete of an audited model becomes an event.

Capture is by model signals (so pages, API, import, admin and the shell all pass through it),
plus RestrictedQuerySet's bulk paths. Events are appended under a lock that serialises the
chain: on PostgreSQL an advisory transaction lock, on SQLite the database write lock the
change itself already holds.
"""

import datetime
import decimal
import hashlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection, models, transaction
from django.db.models.fields.files import FieldFile
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

from . import context
from .choices import AuditAction

GENESIS = "0" * 64
MASK = "••••••"
_ADVISORY_LOCK_KEY = 7_331_001  # any constant shared by all writers
_extra_audited: dict[type[models.Model], dict] = {}


def canonical_json(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_json_default)


def _json_default(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    return str(value)


def register(
    model: type[models.Model], *, masked: tuple[str, ...] = (), exclude: tuple[str, ...] = ()
) -> None:
    """Audit a model that does not inherit BaseModel (e.g. the user model)."""
    _extra_audited[model] = {"masked": masked, "exclude": exclude}


def is_audited(model) -> bool:
    from .models import BaseModel

    return issubclass(model, BaseModel) or model in _extra_audited


def _options(model) -> tuple[tuple[str, ...], tuple[str, ...]]:
    extra = _extra_audited.get(model)
    if extra:
        return extra["masked"], extra["exclude"]
    return tuple(getattr(model, "audit_masked", ())), ("last_updated", "version")


def _field_values(instance) -> dict:
    masked, exclude = _options(type(instance))
    values = {}
    for field in instance._meta.concrete_fields:
        if field.name in exclude:
            continue
        value = getattr(instance, field.attname)
        if field.name in masked and value not in (None, ""):
            value = MASK
        values[field.attname] = value
    return json.loads(canonical_json(values))


def _loaded_snapshot(instance) -> dict | None:
    loaded = getattr(instance, "_loaded_values", None)
    if loaded is None:
        return None
    masked, exclude = _options(type(instance))
    snapshot = {}
    for field in instance._meta.concrete_fields:
        if field.name in exclude or field.attname not in loaded:
            continue
        value = loaded[field.attname]
        if field.name in masked and value not in (None, ""):
            value = MASK
        snapshot[field.attname] = value
    return json.loads(canonical_json(snapshot))


def _owner_agency_id(instance):
    try:
        return getattr(instance, "owner_agency_id", None)
    except Exception:  # a dangling path must never block a save
        return None


def append(
    *,
    action: str,
    instance: models.Model | None = None,
    changes: dict | None = None,
    code: str = "",
    message: str = "",
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    agency_id: int | None = None,
):
    """Append one event to the chain, in the caller's transaction."""
    from .models import AuditEvent

    ctx = context.current()
    actor = ctx.actor
    if instance is not None:
        object_type = instance._meta.label_lower
        object_id = str(instance.pk)
        object_repr = str(instance)[:300]
        agency_id = _owner_agency_id(instance)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_KEY])
        last = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
        seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS)
        event = AuditEvent(
            seq=seq,
            timestamp=timezone.now(),
            actor_id=actor.pk if actor else None,
            actor_name=(actor.get_username() if actor else "")[:150],
            entry_point=ctx.entry_point,
            request_id=ctx.request_id,
            action=action,
            code=code,
            object_type=object_type,
            object_id=object_id,
            object_repr=object_repr[:300],
            agency_id=agency_id,
            changes=canonical_json(changes) if changes else "",
            message=message,
            prev_hash=prev_hash,
        )
        event.hash = event.compute_hash()
        event.save()
    return event


def record_bulk_create(instances) -> None:
    """Creation events for many new rows, chained in memory and written in batches."""
    from .models import AuditEvent

    instances = [i for i in instances if i.pk is not None]
    if not instances:
        return
    ctx = context.current()
    actor = ctx.actor
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_KEY])
        last = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
        seq, prev_hash = (last[0], last[1]) if last else (0, GENESIS)
        now = timezone.now()
        events = []
        for instance in instances:
            seq += 1
            after = _field_values(instance)
            event = AuditEvent(
                seq=seq,
                timestamp=now,
                actor_id=actor.pk if actor else None,
                actor_name=(actor.get_username() if actor else "")[:150],
                entry_point=ctx.entry_point,
                request_id=ctx.request_id,
                action=AuditAction.CREATE,
                code="",
                object_type=instance._meta.label_lower,
                object_id=str(instance.pk),
                object_repr=str(instance)[:300],
                agency_id=_owner_agency_id(instance),
                changes=canonical_json({k: [None, v] for k, v in sorted(after.items()) if v is not None}),
                message="",
                prev_hash=prev_hash,
            )
            event.hash = event.compute_hash()
            prev_hash = event.hash
            events.append(event)
        AuditEvent.objects.bulk_create(events, batch_size=1000)


def record_change(instance, *, created: bool = False, deleted: bool = False) -> None:
    after = {} if deleted else _field_values(instance)
    if created:
        before = {}
    else:
        before = getattr(instance, "_audit_before", None)
        if before is None:
            before = _loaded_snapshot(instance) or {}
    if deleted:
        before = before or _field_values(instance)
    keys = sorted(set(before) | set(after))
    diff = {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}
    if not created and not deleted and not diff:
        return  # a save that changed nothing leaves no event
    action = AuditAction.CREATE if created else AuditAction.DELETE if deleted else AuditAction.UPDATE
    append(action=action, instance=instance, changes=diff)
    if not deleted:
        # The saved values are the new baseline for the next save of this instance.
        instance._loaded_values = {
            f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields
        }
        instance._audit_before = None


def record_event(code: str, instance: models.Model | None = None, *, message: str = "", data=None) -> None:
    """A workflow event under a registered code, e.g. "org.role.assigned"."""
    append(action=AuditAction.EVENT, instance=instance, code=code, message=message, changes=data)


def _pre_save(sender, instance, raw=False, **kwargs):
    if raw or not is_audited(sender) or instance.pk is None:
        return
    if getattr(instance, "_loaded_values", None) is None:
        # Built by hand rather than loaded: read the stored row once to know "before".
        stored = sender._base_manager.filter(pk=instance.pk).first()
        instance._audit_before = _field_values(stored) if stored else None


def _post_save(sender, instance, created, raw=False, **kwargs):
    if raw or not is_audited(sender):
        return
    record_change(instance, created=created)


def _post_delete(sender, instance, **kwargs):
    if not is_audited(sender):
        return
    record_change(instance, deleted=True)


def connect() -> None:
    pre_save.connect(_pre_save, dispatch_uid="spbe-audit-pre-save")
    post_save.connect(_post_save, dispatch_uid="spbe-audit-post-save")
    post_delete.connect(_post_delete, dispatch_uid="spbe-audit-post-delete")
    register(get_user_model(), masked=("password",), exclude=("last_login",))


@dataclass
class VerifyResult:
    ok: bool
    count: int
    problem: str = ""
    seq: int | None = None

    def __str__(self):
        if self.ok:
            return f"OK, {self.count} events"
        return f"GAGAL pada peristiwa #{self.seq}: {self.problem}"


def verify(chunk_size: int = 5000) -> VerifyResult:
    """Walk the chain in order; report the first altered, inserted or missing event."""
    from .models import AuditEvent

    expected_seq, prev_hash, count = 1, GENESIS, 0
    events: Iterator[AuditEvent] = AuditEvent.objects.order_by("seq").iterator(chunk_size=chunk_size)
    for event in events:
        if event.seq != expected_seq:
            if event.seq > expected_seq:
                missing = (
                    f"#{expected_seq}"
                    if event.seq == expected_seq + 1
                    else f"#{expected_seq}-#{event.seq - 1}"
                )
                return VerifyResult(False, count, f"peristiwa {missing} hilang (dihapus)", expected_seq)
            return VerifyResult(False, count, "nomor urut ganda (peristiwa disisipkan)", event.seq)
        if event.prev_hash != prev_hash:
            return VerifyResult(False, count, "rantai terputus: peristiwa disisipkan atau diganti", event.seq)
        if event.compute_hash() != event.hash:
            return VerifyResult(False, count, "isi peristiwa telah diubah", event.seq)
        prev_hash = event.hash
        expected_seq += 1
        count += 1
    return VerifyResult(True, count)
