"""The audit trail: every create, update and delete of an audited model becomes an event.

Capture is by model signals (so pages, API, import, admin and the shell all pass through it),
plus RestrictedQuerySet's bulk paths. Events are appended under a lock that serialises the
chain: on PostgreSQL an advisory transaction lock, on SQLite the database write lock the
change itself already holds.
"""

import contextlib
import contextvars
import datetime
import decimal
import hashlib
import json
import logging
import logging.handlers
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
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


_pending: contextvars.ContextVar[list | None] = contextvars.ContextVar("spbe_audit_pending", default=None)


def _event(action: str, *, changes: dict | None, code="", message="", instance=None, **target):
    """An unchained event: seq, prev_hash and hash are set when it is written (`_write_chain`)."""
    from .models import AuditEvent

    ctx = context.current()
    actor = ctx.actor
    if instance is not None:
        target = {
            "object_type": instance._meta.label_lower,
            "object_id": str(instance.pk),
            "object_repr": str(instance),
            "agency_id": _owner_agency_id(instance),
        }
    return AuditEvent(
        timestamp=timezone.now(),
        actor_id=actor.pk if actor else None,
        actor_name=(actor.get_username() if actor else "")[:150],
        entry_point=ctx.entry_point,
        request_id=ctx.request_id,
        action=action,
        code=code,
        object_type=target.get("object_type", ""),
        object_id=target.get("object_id", ""),
        object_repr=target.get("object_repr", "")[:300],
        agency_id=target.get("agency_id"),
        changes=canonical_json(changes) if changes else "",
        message=message,
    )


def _write_chain(events: list) -> None:
    """Chain and insert events under the lock that serialises the chain, held only for this step."""
    if not events:
        return
    # Inside the caller's transaction no savepoint is needed (two round trips per write saved):
    # the lock is held until that transaction ends anyway, and a failed insert fails it whole.
    with transaction.atomic(savepoint=False):
        last = _locked_head()
        seq, prev_hash = last if last else (0, GENESIS)
        for event in events:
            seq += 1
            event.seq, event.prev_hash = seq, prev_hash
            event.hash = prev_hash = event.compute_hash()
        _insert(events)


INSERT_BATCH = 500  # events per INSERT statement (17 parameters each)


def _insert(events: list) -> None:
    """Insert chained events, several rows per statement. Written out rather than through
    Model.save() or bulk_create(): every audited write adds an event, and Django's insert path
    (signals, SQL compiler) cost more than the statement."""
    from .models import AuditEvent

    fields = [f for f in AuditEvent._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(events), INSERT_BATCH):
            batch = events[start : start + INSERT_BATCH]
            params = [f.get_db_prep_save(getattr(e, f.attname), connection) for e in batch for f in fields]
            cursor.execute(
                f"INSERT INTO {quote(AuditEvent._meta.db_table)} ({columns}) VALUES {', '.join([row] * len(batch))}",
                params,
            )


def _locked_head() -> tuple[int, str] | None:
    """The chain's last (seq, hash), read after taking the lock that serialises the chain."""
    from .models import AuditEvent

    if connection.vendor != "postgresql":
        # SQLite: the change being audited already holds the database's one write lock.
        return AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
    # Lock and read in one round trip: two statements, each with its own snapshot (read
    # committed), so the read sees every event committed before the lock was granted.
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT pg_advisory_xact_lock({_ADVISORY_LOCK_KEY}); "
            f"SELECT seq, hash FROM {table} ORDER BY seq DESC LIMIT 1"
        )
        cursor.nextset()
        return cursor.fetchone()


def _add(events: list) -> None:
    pending = _pending.get()
    if pending is not None:
        pending.extend(events)
    else:
        _write_chain(events)


@contextlib.contextmanager
def deferred():
    """Collect the events of a long run (an import) and chain them in one short step at its end.

    Appending takes a lock that serialises the chain until the transaction commits; taken at the
    first of 5,000 rows it would hold every other writer of the platform behind the import. A
    short write with several events (a save and its workflow event) uses it too: one step, one
    lock. The caller clears the yielded list to drop the events of a run it rolls back; an error
    leaving the block drops them (use it inside the transaction the error rolls back). Inside
    another deferred run the events join that run.
    """
    outer = _pending.get()
    pending: list = []
    token = _pending.set(pending)
    try:
        yield pending
    finally:
        _pending.reset(token)
    if outer is not None:
        outer.extend(pending)
    else:
        _write_chain(pending)


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
    """Append one event to the chain, in the caller's transaction (or to the deferred run)."""
    event = _event(
        action,
        changes=changes,
        code=code,
        message=message,
        instance=instance,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr,
        agency_id=agency_id,
    )
    _add([event])
    return event


def record_bulk_create(instances) -> None:
    """Creation events for many new rows, chained in memory and written in batches."""
    events = []
    for instance in instances:
        if instance.pk is None:
            continue
        after = _field_values(instance)
        changes = {k: [None, v] for k, v in sorted(after.items()) if v is not None}
        events.append(_event(AuditAction.CREATE, changes=changes, instance=instance))
    _add(events)


UPDATE_CHUNK = 500  # rows read, written and read back per step of a bulk update


def update_recording_values(queryset, values: dict) -> int:
    """`QuerySet.update()` whose events hold the values actually written.

    `values` may hold expressions (F(), Concat, Case: also what `bulk_update()` sends), so the
    rows are read before and after the write: four queries per chunk of UPDATE_CHUNK rows plus
    the chain's write, whatever the number of rows.
    """
    model = queryset.model
    owner = (model.owner_field or "").split("__")[:-1] if hasattr(model, "owner_field") else []
    related = ["__".join(owner)] if owner else []
    count = 0
    with transaction.atomic(using=queryset.db):
        pks = list(queryset.values_list("pk", flat=True))
        for start in range(0, len(pks), UPDATE_CHUNK):
            rows = models.QuerySet(model, using=queryset.db).filter(pk__in=pks[start : start + UPDATE_CHUNK])
            before = {obj.pk: _field_values(obj) for obj in rows.select_for_update()}
            count += rows.update(**values)
            events, written = [], list(rows.select_related(*related))
            for obj in written:
                after = _field_values(obj)
                old = before.get(obj.pk, {})
                diff = {k: [old.get(k), after.get(k)] for k in sorted(after) if old.get(k) != after.get(k)}
                if diff:
                    events.append(_event(AuditAction.UPDATE, changes=diff, instance=obj))
            _add(events)
            # Other modules react to changed rows as to saves (e.g. compliance re-evaluation);
            # the audit receiver skips these, the events above already hold the values.
            for obj in written:
                post_save.send(
                    sender=model,
                    instance=obj,
                    created=False,
                    update_fields=frozenset(values),
                    raw=False,
                    using=queryset.db,
                    audit_recorded=True,
                )
    return count


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


def _post_save(sender, instance, created, raw=False, audit_recorded=False, **kwargs):
    if raw or audit_recorded or not is_audited(sender):
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


def head() -> tuple[int, str] | None:
    """The newest event's (seq, hash), or None for an empty chain."""
    from .models import AuditEvent

    return AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()


def write_anchor(path: str | None = None) -> dict:
    """Copy the chain's head out of the database: one JSON line appended to the anchor file,
    and to the system log when SPBE_AUDIT_ANCHOR_SYSLOG names its socket. Deleting the newest
    events then shows at the next `verify`, which compares the chain with the last anchor."""
    from . import signing

    top = head() or (0, GENESIS)
    anchor = {"seq": top[0], "hash": top[1], "at": timezone.now().isoformat()}
    # Signed with the platform's document key: an anchor rewritten to match a rewritten chain
    # no longer verifies (anchor_signed).
    anchor["sig"] = signing.sign_bytes(canonical_json(anchor).encode())
    target = Path(path or settings.SPBE_AUDIT_ANCHOR_FILE)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("a", encoding="utf-8") as handle:
        handle.write(canonical_json(anchor) + "\n")
    if settings.SPBE_AUDIT_ANCHOR_SYSLOG:
        logger = logging.getLogger("spbe.audit.anchor")
        handler = logging.handlers.SysLogHandler(address=settings.SPBE_AUDIT_ANCHOR_SYSLOG)
        logger.addHandler(handler)
        try:
            logger.warning("spbe-audit-anchor %s", canonical_json(anchor))
        finally:
            logger.removeHandler(handler)
            handler.close()
    return anchor


def last_anchor(path: str | None = None) -> dict | None:
    target = Path(path or settings.SPBE_AUDIT_ANCHOR_FILE)
    if not target.exists():
        return None
    lines = [line for line in target.read_text(encoding="utf-8").splitlines() if line.strip()]
    return json.loads(lines[-1]) if lines else None


def anchor_signed(anchor: dict) -> bool:
    """Whether an anchor line is as the platform signed it. An unsigned one (removing the signature
    is the easy forgery; anchors written before they were signed look the same) does not count."""
    from . import signing

    body = {k: v for k, v in anchor.items() if k != "sig"}
    return "sig" in anchor and signing.bytes_signed(canonical_json(body).encode(), anchor["sig"])


def scheduled_anchor() -> str:
    anchor = write_anchor()
    return f"jangkar audit #{anchor['seq']}"


def verify(chunk_size: int = 5000, anchor: dict | None = None) -> VerifyResult:
    """Walk the chain in order; report the first altered, inserted or missing event.

    With an anchor (the head as it was copied out earlier) the chain must still reach it with
    the same hash: otherwise its newest events were deleted or rewritten.
    """
    from .models import AuditEvent

    expected_seq, prev_hash, count = 1, GENESIS, 0
    anchored_hash = None
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
        if anchor and event.seq == anchor["seq"]:
            anchored_hash = event.hash
        prev_hash = event.hash
        expected_seq += 1
        count += 1
    if anchor and not anchor_signed(anchor):
        problem = "tanda tangannya tidak sah (jangkar diubah)" if "sig" in anchor else "tidak bertanda tangan"
        return VerifyResult(
            False, count, f"jangkar {anchor['at']} {problem}; buat jangkar baru: spbe audit anchor", 0
        )
    if anchor and anchor["seq"] > 0:
        if count < anchor["seq"]:
            first = count + 1
            gone = f"#{first}" if first == anchor["seq"] else f"#{first}-#{anchor['seq']}"
            return VerifyResult(
                False,
                count,
                f"peristiwa {gone} hilang: jangkar {anchor['at']} mencatat kepala #{anchor['seq']}",
                first,
            )
        if anchored_hash != anchor["hash"]:
            return VerifyResult(
                False, count, f"peristiwa tidak cocok dengan jangkar {anchor['at']}", anchor["seq"]
            )
    return VerifyResult(True, count)
