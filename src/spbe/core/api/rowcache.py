"""Serialized column values kept per record version, so that a list page does not convert the
same unchanged rows again on every request.

A platform record (BaseModel) is represented the same way as long as it is not saved again: its
`last_updated` moves on every save (core/models.py adds it to `update_fields`), and a bulk
`update()` moves both it and `version` (core/querysets.py). Its own columns (text, numbers,
choices, dates) do not depend on who reads them. Those values are kept per (serializer class, id,
version, last update, language) in each process; writes that bypass the ORM (raw SQL, a restored
backup) need a restart of the workers, as for any process cache. Everything that depends on the
reader or on other records is computed on every request: relations (what the reader may see of
them), the display text (a `__str__` may read related rows), method fields, and the masking of
personal fields that serializers apply after this step. The oldest half is dropped when the store is full.
"""

import threading

from django.utils import translation
from rest_framework import serializers

MAX_ROWS = 50_000

# The field classes whose value is a plain function of one column (no nested, mutable values).
SCALAR_FIELDS = (
    serializers.BooleanField,
    serializers.CharField,  # EmailField, URLField, SlugField, RegexField
    serializers.ChoiceField,
    serializers.DateField,
    serializers.DateTimeField,
    serializers.DecimalField,
    serializers.FloatField,
    serializers.IntegerField,
    serializers.TimeField,
    serializers.UUIDField,
)

_rows: dict[tuple, dict] = {}
_lock = threading.Lock()
_cacheable: dict[type, frozenset[str]] = {}


def cacheable_names(serializer) -> frozenset[str]:
    """The fields of `serializer` that read one of the model's own, non-relational columns."""
    names = _cacheable.get(type(serializer))
    if names is None:
        model = serializer.Meta.model
        columns = {f.name for f in model._meta.concrete_fields if not f.is_relation}
        names = frozenset(
            name
            for name, field in serializer.fields.items()
            if isinstance(field, SCALAR_FIELDS)
            and not isinstance(field, serializers.MultipleChoiceField)
            and not field.write_only
            and field.source in columns
        )
        _cacheable[type(serializer)] = names
    return names


def key_for(serializer, instance) -> tuple | None:
    # read from the loaded row only: a deferred column would cost a query per record
    version = instance.__dict__.get("version")
    updated = instance.__dict__.get("last_updated")
    if version is None or updated is None or instance.pk is None:
        return None
    return (type(serializer), instance.pk, version, updated, translation.get_language())


def get(key) -> dict | None:
    return _rows.get(key)


def put(key, values: dict) -> None:
    with _lock:
        if len(_rows) >= MAX_ROWS:
            for old in list(_rows)[: MAX_ROWS // 2]:
                _rows.pop(old, None)
        _rows[key] = values


def clear() -> None:
    with _lock:
        _rows.clear()
