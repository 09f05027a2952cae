"""Cursor (keyset) pagination for every API list.

A page is `{"next": url|null, "previous": url|null, "results": [...]}`. `page_size` (default
50, at most 200) sets its length; `next` and `previous` carry an opaque `cursor`. There is no
total count and no OFFSET: a page is read as "the rows after the last one of the previous
page" in the list's order, so any page costs what the first one costs, however long the
list, and rows added or removed meanwhile neither repeat nor vanish between pages.

The order is the one asked for with `ordering` (else the model's default), always completed
by the primary key, in the direction of the last key, so that it is total and one index serves it. NULLs sort where the database puts them natively
(first ascending on SQLite, last on PostgreSQL), so the database can read the order from an
index.
"""

import base64
import binascii
import datetime
import decimal
import json
import uuid
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, ValidationError
from django.db import connections
from django.db.models import F, Q
from django.db.models.constants import LOOKUP_SEP
from rest_framework import exceptions
from rest_framework.pagination import CursorPagination
from rest_framework.utils.urls import remove_query_param, replace_query_param

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


@dataclass(frozen=True)
class Key:
    """One term of the order: an ORM path, its direction, and the model field it ends on."""

    path: str
    descending: bool
    field: object  # the model field whose values the cursor stores
    nullable: bool
    alias: str | None  # annotation carrying the value when the path crosses a relation

    def value(self, row):
        if self.alias is not None:
            return getattr(row, self.alias)
        return getattr(row, self.field.attname)


def _json_value(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()  # full precision: equal values must compare equal
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


class StandardPagination(CursorPagination):
    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    ordering = ("pk",)
    cursor_query_description = (
        "Kursor halaman: salin dari tautan `next` atau `previous` jawaban sebelumnya. "
        "Kursor yang rusak atau dibuat untuk urutan lain ditolak dengan 400."
    )
    page_size_query_description = f"Baris per halaman (bawaan {PAGE_SIZE}, paling banyak {MAX_PAGE_SIZE})."
    invalid_cursor_message = "Kursor halaman tidak valid."

    def paginate_queryset(self, queryset, request, view=None):
        if "page" in request.query_params:
            # Page numbers were replaced by cursors: say so rather than silently serve page 1.
            raise exceptions.ValidationError(
                {
                    "page": [
                        "Nomor halaman tidak didukung; ikuti tautan `next` / `previous` (parameter `cursor`)."
                    ]
                }
            )
        self.request = request
        self.page_size = self.get_page_size(request)
        self.base_url = request.build_absolute_uri()
        self.keys = self.get_keys(request, queryset, view)
        self.cursor = self.decode_cursor(request)
        values = self.decode_position(self.cursor)
        reverse = bool(self.cursor and self.cursor.get("r"))
        nulls_largest = connections[queryset.db].features.nulls_order_largest

        annotations = {key.alias: F(key.path) for key in self.keys if key.alias is not None}
        if annotations:
            queryset = queryset.annotate(**annotations)
        order_by = []
        for key in self.keys:
            expression = F(key.alias or key.path)
            order_by.append(expression.asc() if key.descending == reverse else expression.desc())
        queryset = queryset.order_by(*order_by)
        if values is not None:
            queryset = queryset.filter(_after(self.keys, values, reverse, nulls_largest))

        rows = list(queryset[: self.page_size + 1])
        more = len(rows) > self.page_size
        rows = rows[: self.page_size]
        if reverse:
            rows.reverse()
            self.has_previous, self.has_next = more, True
        else:
            self.has_previous, self.has_next = values is not None, more
        ranker = getattr(view, "search_ranker", None)
        if ranker is not None and not self.has_previous and not self.has_next and not self.chosen_order:
            rows = ranker.sort(rows)  # every match is on this page: best match first (core/search.py)
        self.page = rows
        self.display_page_controls = self.has_previous or self.has_next
        return rows

    def get_keys(self, request, queryset, view) -> list[Key]:
        """The order of the list: `ordering` if the view allows it, else the queryset's own,
        else the model's; completed by the primary key."""
        ordering = None
        for backend in getattr(view, "filter_backends", ()):
            if hasattr(backend, "get_ordering"):
                ordering = backend().get_ordering(request, queryset, view)
                break
        self.chosen_order = bool(ordering)
        if not ordering:
            # A search found by identifier keeps the identifier order; otherwise the views of
            # this API order their querysets by the model's default order.
            ordering = getattr(view, "search_order", None) or queryset.model._meta.ordering or ()
        if isinstance(ordering, str):
            ordering = (ordering,)
        keys, seen = [], set()
        for term in ordering:
            if not isinstance(term, str):
                raise ImproperlyConfigured(f"Cursor pagination orders by field names only, not {term!r}.")
            if term == "?":
                continue
            key = _key(queryset.model, term.lstrip("-"), term.startswith("-"), len(keys))
            if key.path in seen:
                continue
            seen.add(key.path)
            keys.append(key)
            if key.field is queryset.model._meta.pk:
                return keys  # the primary key is unique: nothing after it matters
        # The tiebreaker follows the last key's direction, so that one index read forwards or
        # backwards serves the whole order (an ascending id after a descending key needs a sort).
        descending = bool(keys) and keys[-1].descending
        return [*keys, _key(queryset.model, "pk", descending, len(keys))]

    def decode_cursor(self, request) -> dict | None:
        """The cursor's content: {"r": paging back, "o": the order it was made for, "v": the
        key values of the row it points after (before, when paging back)}."""
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None:
            return None
        try:
            cursor = json.loads(
                base64.urlsafe_b64decode(encoded.encode("ascii") + b"=" * (-len(encoded) % 4))
            )
            if not isinstance(cursor, dict) or not isinstance(cursor.get("v"), list):
                raise ValueError
        except (TypeError, ValueError, UnicodeError, binascii.Error):
            self.refuse_cursor()
        return cursor

    def refuse_cursor(self):
        """A cursor this list did not make (damaged, or made for another order): 400."""
        raise exceptions.ValidationError({self.cursor_query_param: [self.invalid_cursor_message]})

    def decode_position(self, cursor) -> list | None:
        """The key values stored in the cursor, checked against this request's order."""
        if cursor is None:
            return None
        values = cursor["v"]
        if cursor.get("o") != self._order_signature() or len(values) != len(self.keys):
            self.refuse_cursor()
        try:
            position = [
                None if value is None else key.field.to_python(value)
                for key, value in zip(self.keys, values, strict=True)
            ]
            for key, value in zip(self.keys, position, strict=True):
                if value is not None:
                    key.field.run_validators(value)  # e.g. an id beyond the column's range
        except (TypeError, ValueError, ValidationError):
            self.refuse_cursor()
        return position

    def encode_cursor(self, cursor: dict) -> str:
        raw = json.dumps(cursor, separators=(",", ":")).encode()
        encoded = base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")
        return replace_query_param(self.base_url, self.cursor_query_param, encoded)

    def _order_signature(self) -> str:
        return ",".join(("-" if key.descending else "") + key.path for key in self.keys)

    def _link(self, row, reverse: bool) -> str:
        cursor = {"o": self._order_signature(), "v": [_json_value(key.value(row)) for key in self.keys]}
        if reverse:
            cursor["r"] = 1
        return self.encode_cursor(cursor)

    def _first_page_link(self) -> str:
        return remove_query_param(self.base_url, self.cursor_query_param)

    def get_next_link(self):
        if not self.has_next:
            return None
        if not self.page:  # nothing before the cursor any more: start again
            return self._first_page_link()
        return self._link(self.page[-1], reverse=False)

    def get_previous_link(self):
        if not self.has_previous:
            return None
        if not self.page:  # nothing after the cursor any more: start again
            return self._first_page_link()
        return self._link(self.page[0], reverse=True)


def _key(model, path: str, descending: bool, index: int) -> Key:
    """Resolve an ordering term to the field its values come from, following forward
    relations; a relation itself orders by its primary key."""
    parts = path.split(LOOKUP_SEP)
    current, nullable, field = model, False, None
    for i, part in enumerate(parts):
        try:
            field = current._meta.pk if part == "pk" else current._meta.get_field(part)
        except FieldDoesNotExist:
            raise ImproperlyConfigured(f"Cannot order {model.__name__} by {path!r}.")
        if field.many_to_many or field.one_to_many:
            raise ImproperlyConfigured(f"Cannot page {model.__name__} by to-many relation {path!r}.")
        nullable = nullable or field.null
        if field.is_relation:
            current = field.related_model
            if i == len(parts) - 1:  # ordering by the relation: by its key
                if len(parts) == 1:
                    parts = [field.attname]  # the row's own foreign key column
                    break
                parts.append(current._meta.pk.name)
                field = current._meta.pk
                break
        elif i != len(parts) - 1:
            raise ImproperlyConfigured(f"Cannot order {model.__name__} by {path!r}.")
    path = LOOKUP_SEP.join(parts)
    if path == "pk" or field is model._meta.pk:
        path = "pk"
    alias = f"cursor_key_{index}" if LOOKUP_SEP in path else None
    return Key(path=path, descending=descending, field=field, nullable=nullable, alias=alias)


def _after(keys: list[Key], values: list, reverse: bool, nulls_largest: bool) -> Q:
    """Rows strictly after `values` in the order of `keys` (reversed when paging back):
    (k1 beyond v1) or (k1 = v1 and ((k2 beyond v2) or (k2 = v2 and ...)))."""

    def direction(key):
        ascending = key.descending == reverse
        return ascending, ascending != nulls_largest  # NULLs come first in this direction

    condition = None
    for key, value in reversed(list(zip(keys, values, strict=True))):
        target = key.alias or key.path
        ascending, nulls_first = direction(key)
        if value is None:
            beyond = Q(**{f"{target}__isnull": False}) if nulls_first else Q(pk__in=[])
            equal = Q(**{f"{target}__isnull": True})
        else:
            beyond = Q(**{f"{target}__{'gt' if ascending else 'lt'}": value})
            if key.nullable and not nulls_first:
                beyond |= Q(**{f"{target}__isnull": True})
            equal = Q(**{target: value})
        condition = beyond if condition is None else beyond | (equal & condition)

    # Implied by the condition, but stated so that the database can start its index scan at
    # the cursor instead of filtering its way there (impossible when NULLs follow).
    key, value = keys[0], values[0]
    ascending, nulls_first = direction(key)
    if value is not None and (nulls_first or not key.nullable):
        target = key.alias or key.path
        condition = Q(**{f"{target}__{'gte' if ascending else 'lte'}": value}) & condition
    return condition
