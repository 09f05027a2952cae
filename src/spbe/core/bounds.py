"""Is a value within what a database column can hold?

An integer beyond the column's range (`?agency=99999999999999999999`) cannot match any row,
but handing it to the database makes the driver fail (OverflowError on SQLite,
NumericValueOutOfRange on PostgreSQL), i.e. a 500. Filters, API fields, cursors and lookups
by id check here first and answer "invalid" or "not found" instead.

Django's integer model fields carry their database's range as Min/MaxValueValidators
(`Field.validators`, which asks the connection); that is the range used here.
"""

from django.core.exceptions import ValidationError


def field_accepts(field, value) -> bool:
    """Whether `value` (after the field's own conversion) passes the field's validators. A
    value the field cannot even convert counts as accepted: the caller's own validation
    reports it with its usual message."""
    try:
        converted = field.to_python(value)
    except (ValidationError, TypeError, ValueError):
        return True
    if converted is None:
        return True
    try:
        field.run_validators(converted)
    except ValidationError:
        return False
    return True


def within_range(model, pk) -> bool:
    """Whether `pk` may be an id of `model` as far as its database column goes."""
    return field_accepts(model._meta.pk, pk)
