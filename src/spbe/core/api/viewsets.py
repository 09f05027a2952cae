import functools

from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.http import Http404
from rest_framework import relations, viewsets

from .. import permissions
from ..bounds import within_range
from ..models import BaseModel
from ..services import delete_checked, save_versioned

# Columns every platform record carries for the audit trail and optimistic locking. A brief
# relation ({"id", "display"}) never shows them, and a record's own serializer shows them only
# when it lists them, so API lists leave the rest unloaded. `__str__` (the display text) must
# not read them: it would cost one query per row.
UNSHOWN_BOOKKEEPING = ("created", "last_updated", "created_by", "version")


class PlatformViewSet(viewsets.ModelViewSet):
    """The API for one model: the same policy, filters, ordering and write paths as its pages.

    Lists come a page at a time (`page_size`, default 50, at most 200) as
    `{"next", "previous", "results"}`: follow `next` / `previous` for the adjacent pages.
    Updates may send `version` (the one read); a stale one is refused with 409 and nothing
    is overwritten, an invalid one with 400. An update without `version` applies to the
    current version (see docs/architecture.md, "API").
    """

    ui = None

    def get_queryset(self):
        model = self.queryset.model
        qs = model.objects.restrict(self.request.user, permissions.VIEW)
        select, prefetch, unshown = self.fetch_plan()
        if select:
            qs = qs.select_related(*select)
        if prefetch:
            qs = qs.prefetch_related(*prefetch)
        if unshown and self.action == "list":
            # Read-only rows: the bookkeeping columns nothing shows are not loaded. (Never
            # for the other actions: saving an instance with deferred fields would skip them.)
            # Said as only(the rest), not defer(these): Django works out a defer() by walking
            # every reverse relation of each joined model (an agency has over a hundred),
            # several milliseconds per request; only() looks at the named columns alone.
            qs = qs.only(*loaded_columns(model, select, unshown))
        return qs.order_by(*(model._meta.ordering or ["pk"]))

    @classmethod
    def fetch_plan(cls) -> tuple[list[str], list[str], list[str]]:
        return fetch_plan(cls.serializer_class)

    def get_object(self):
        # An id beyond the database's range names no record: 404, not a driver error.
        lookup = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field)
        if self.lookup_field == "pk" and not within_range(self.queryset.model, lookup):
            raise Http404
        return super().get_object()

    def perform_create(self, serializer):
        model = self.queryset.model
        serializer.validated_data.pop("version", None)  # a new record starts at version 1
        owner = serializer.owner_of(serializer.validated_data)
        if not permissions.may_create(self.request.user, model, owner):
            raise PermissionDenied
        instance = model(
            **{
                k: v
                for k, v in serializer.validated_data.items()
                if not model._meta.get_field(k).many_to_many
            }
        )
        m2m = {k: v for k, v in serializer.validated_data.items() if model._meta.get_field(k).many_to_many}
        save_versioned(
            instance,
            expected_version=None,
            user=self.request.user,
            m2m=lambda: [getattr(instance, k).set(v) for k, v in m2m.items()],
        )
        serializer.instance = instance

    def perform_update(self, serializer):
        instance = serializer.instance
        if not permissions.can(self.request.user, instance, permissions.CHANGE):
            raise PermissionDenied
        owner = serializer.owner_of(serializer.validated_data)
        if owner is not None and not permissions.may_create(self.request.user, type(instance), owner):
            raise PermissionDenied
        # Validated by the serializer (a positive integer); absent: the current version.
        expected = serializer.validated_data.pop("version", None)
        model = type(instance)
        m2m = {}
        for key, value in serializer.validated_data.items():
            if model._meta.get_field(key).many_to_many:
                m2m[key] = value
            else:
                setattr(instance, key, value)
        save_versioned(
            instance,
            expected_version=expected,
            user=self.request.user,
            m2m=lambda: [getattr(instance, k).set(v) for k, v in m2m.items()],
        )

    def perform_destroy(self, instance):
        delete_checked(instance, user=self.request.user)


@functools.cache
def fetch_plan(serializer_class) -> tuple[list[str], list[str], list[str]]:
    """What a list needs from the database, worked out once per serializer from its fields:
    the joins (select_related) and prefetches of the relations it renders, and no others;
    and the bookkeeping columns it does not show (see UNSHOWN_BOOKKEEPING)."""
    select, prefetch = serializer_related_paths(serializer_class)
    return select, prefetch, unshown_bookkeeping(serializer_class, select)


@functools.cache
def _loaded_columns(model, select: tuple, unshown: tuple) -> tuple[str, ...]:
    skipped = set(unshown)
    loaded = [f.name for f in model._meta.concrete_fields if f.name not in skipped]
    for path in select:
        related = model
        for part in path.split("__"):
            related = related._meta.get_field(part).related_model
        loaded += [
            f"{path}__{f.name}" for f in related._meta.concrete_fields if f"{path}__{f.name}" not in skipped
        ]
    return tuple(loaded)


def loaded_columns(model, select, unshown) -> tuple[str, ...]:
    """The columns a list loads: every concrete column of the model and of the records it joins
    (`select`), but those in `unshown`."""
    return _loaded_columns(model, tuple(select), tuple(unshown))


def serializer_related_paths(serializer_class) -> tuple[list[str], list[str]]:
    """select_related and prefetch_related paths for the relation fields of a serializer."""
    model = serializer_class.Meta.model
    select, prefetch = set(), set()
    for field in serializer_class().fields.values():
        many = isinstance(field, relations.ManyRelatedField)
        if not (many or isinstance(field, relations.RelatedField)) or field.source == "*":
            continue
        current, path = model, []
        for attr in field.source_attrs:
            try:
                model_field = current._meta.get_field(attr)
            except FieldDoesNotExist:
                break
            if not model_field.is_relation or model_field.related_model is None:
                break
            path.append(attr)
            if model_field.many_to_many or model_field.one_to_many:
                many = True
                break
            current = model_field.related_model
        if path:
            (prefetch if many else select).add("__".join(path))
    # A prefetched path already covers the joins on its way.
    return sorted(select - prefetch), sorted(prefetch)


def unshown_bookkeeping(serializer_class, select: list[str]) -> list[str]:
    """UNSHOWN_BOOKKEEPING fields of the model that the serializer does not show, and those of
    the related records it joins for brief relations."""
    model = serializer_class.Meta.model
    shown = {"__".join(f.source_attrs) for f in serializer_class().fields.values() if f.source_attrs}
    deferred = []
    if issubclass(model, BaseModel):
        # version and last update stay loaded: they key the row cache (core/api/rowcache.py)
        kept = {"version", "last_updated"}
        deferred += [name for name in UNSHOWN_BOOKKEEPING if name not in shown and name not in kept]
    for path in select:
        related = model
        for part in path.split("__"):
            related = related._meta.get_field(part).related_model
        if issubclass(related, BaseModel):
            deferred += [f"{path}__{name}" for name in UNSHOWN_BOOKKEEPING if f"{path}__{name}" not in shown]
    return deferred
