"""Write paths every model shares: versioned save and checked delete."""

from django.db import models, transaction
from django.db.models.deletion import ProtectedError as DjangoProtectedError
from django.db.models.deletion import RestrictedError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from . import people, permissions
from .errors import ConflictError, ProtectedError
from .models import AuditEvent


def conflict_message(instance) -> str:
    """Who changed the record since it was loaded, and which fields."""
    last = (
        AuditEvent.objects.filter(object_type=instance._meta.label_lower, object_id=str(instance.pk))
        .exclude(action="event")
        .order_by("-seq")
        .first()
    )
    if last is None:
        return _("Data ini telah diubah orang lain sejak Anda membukanya. Perubahan Anda belum disimpan.")
    fields = []
    import json

    for attname in json.loads(last.changes or "{}"):
        try:
            field = next(f for f in instance._meta.concrete_fields if f.attname == attname)
            fields.append(str(field.verbose_name))
        except StopIteration:
            fields.append(attname)
    return _(
        "Data ini telah diubah oleh %(who)s pada %(when)s (kolom: %(fields)s) sejak Anda membukanya. "
        "Perubahan Anda belum disimpan: periksa versi terbaru, lalu ulangi perubahan Anda."
    ) % {
        "who": people.labels([last.actor_id]).get(last.actor_id) or last.actor_name or _("sistem"),
        "when": formats.date_format(timezone.localtime(last.timestamp), "SHORT_DATETIME_FORMAT"),
        "fields": ", ".join(fields) or "-",
    }


def save_versioned(instance: models.Model, *, expected_version: int | None, user, m2m=None) -> models.Model:
    """Create or update, refusing a save based on an outdated version (never overwrite), and
    refusing a record placed (created, or moved to another agency or to none) where the user may
    not change records: the one rule for owner moves, whatever the door."""
    if getattr(user, "is_authenticated", False) and not permissions.may_place(user, instance):
        raise permissions.PermissionDenied(
            _("Anda tidak berwenang memindahkan data ini ke cakupan tersebut; tidak ada yang diubah.")
        )
    with transaction.atomic():
        if instance.pk is None:
            instance.created_by = user if getattr(user, "is_authenticated", False) else None
            instance.version = 1
            instance.save()
        else:
            if expected_version is None:
                expected_version = instance.version
            # Claim the next version atomically; zero rows means someone saved first.
            claimed = (
                type(instance)
                ._base_manager.filter(pk=instance.pk, version=expected_version)
                .update(version=expected_version + 1)
            )
            if not claimed:
                raise ConflictError(conflict_message(instance))
            instance.version = expected_version + 1
            instance.save()
        if m2m is not None:
            m2m()
    return instance


def dependants_message(error) -> str:
    objs = list(error.protected_objects if hasattr(error, "protected_objects") else error.restricted_objects)
    by_model: dict[str, list[str]] = {}
    for obj in objs:
        by_model.setdefault(str(obj._meta.verbose_name_plural), []).append(str(obj))
    parts = []
    for label, names in by_model.items():
        shown = ", ".join(names[:3]) + ("…" if len(names) > 3 else "")
        parts.append(f"{len(names)} {label} ({shown})")
    return _("Tidak dapat dihapus karena masih dipakai oleh: %(list)s.") % {"list": "; ".join(parts)}


def delete_checked(instance: models.Model, *, user) -> None:
    """Delete after a permission re-check inside the transaction; name dependants if refused."""
    with transaction.atomic():
        if not permissions.can(user, instance, permissions.DELETE):
            raise permissions.PermissionDenied
        try:
            instance.delete()
        except (DjangoProtectedError, RestrictedError) as error:
            raise ProtectedError(dependants_message(error))
