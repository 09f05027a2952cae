from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import Model, signals
from django.db.models.base import ModelState
from django.db.models.query import ModelIterable
from rest_framework import relations, viewsets

from .. import permissions
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
    Updates may send `version`; a stale one is refused with 409 and nothing is overwritten.
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
            qs = qs.defer(*unshown)
        if self.action == "list":
            qs._iterable_class = ReadOnlyModelIterable
        return qs.order_by(*(model._meta.ordering or ["pk"]))

    @classmethod
    def fetch_plan(cls) -> tuple[list[str], list[str], list[str]]:
        """What a list needs from the database, worked out once per viewset from the
        serializer's fields: the joins (select_related) and prefetches of the relations it
        renders, and no others; and the bookkeeping columns it does not show (see
        UNSHOWN_BOOKKEEPING)."""
        plan = cls.__dict__.get("_fetch_plan")
        if plan is None:
            select, prefetch = serializer_related_paths(cls.serializer_class)
            plan = cls._fetch_plan = (select, prefetch, unshown_bookkeeping(cls.serializer_class, select))
        return plan

    def perform_create(self, serializer):
        model = self.queryset.model
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
        expected = self.request.data.get("version")
        try:
            expected = int(expected) if expected not in (None, "") else None
        except (TypeError, ValueError):
            expected = None
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
        deferred += [name for name in UNSHOWN_BOOKKEEPING if name not in shown]
    for path in select:
        related = model
        for part in path.split("__"):
            related = related._meta.get_field(part).related_model
        if issubclass(related, BaseModel):
            deferred += [f"{path}__{name}" for name in UNSHOWN_BOOKKEEPING if f"{path}__{name}" not in shown]
    return deferred


class ReadOnlyModelIterable(ModelIterable):
    """The rows of an API list as model instances built without Model.__init__.

    A list page builds ~100 instances (its records and their brief relations) only to read
    their columns and `__str__`; __init__ (a pass over every field, the init signals) and
    BaseModel.from_db's audit snapshot were about a fifth of the request. Here an instance
    is `__new__` + the loaded columns in its __dict__ + a ModelState, which is all that
    attribute access, `__str__`, `get_FOO_display` and cached select_related objects need,
    so the serializer renders exactly what it renders from a fully built instance (and a
    column not loaded is still fetched on access, like a deferred field). Such instances
    are never saved: the viewset uses this for `list` only. Whatever it cannot mirror
    exactly (a custom __init__ or from_db, pre_init receivers, multi-table inheritance,
    known related objects) goes through Django's own ModelIterable.
    """

    def __iter__(self):
        queryset = self.queryset
        if queryset._known_related_objects or queryset._fields is not None:
            yield from super().__iter__()
            return
        db = queryset.db
        compiler = queryset.query.get_compiler(using=db)
        results = compiler.execute_sql(chunked_fetch=self.chunked_fetch, chunk_size=self.chunk_size)
        plan = _build_plan(compiler.klass_info, compiler.select)
        if plan is None:  # not mirrored exactly: Django's own, on the results already fetched
            yield from _model_rows(compiler, results, db)
            return
        annotations = list(compiler.annotation_col_map.items())
        for row in compiler.results_iter(results):
            obj = _populate(plan, row, db)
            for name, position in annotations:
                setattr(obj, name, row[position])
            yield obj


def _build_plan(klass_info, select):
    """(model, start, end, attnames, pk index, post_init?, local setter, remote setter,
    [related plans]) for one model of the select tree, or None when an instance of it must
    be built by Django."""
    model = klass_info["model"]
    if (
        klass_info.get("from_parent")
        or model.__init__ is not Model.__init__
        or model.from_db.__func__ not in _PLAIN_FROM_DB
        or signals.pre_init.has_listeners(model)
    ):
        return None
    fields = klass_info["select_fields"]
    start, end = fields[0], fields[-1] + 1
    attnames = [column[0].target.attname for column in select[start:end]]
    related = []
    for info in klass_info.get("related_klass_infos", ()):
        sub = _build_plan(info, select)
        if sub is None:
            return None
        related.append(sub)
    return (
        model,
        start,
        end,
        attnames,
        attnames.index(model._meta.pk.attname),
        signals.post_init.has_listeners(model),  # e.g. compliance remembers a Government's regulation
        klass_info.get("local_setter"),
        klass_info.get("remote_setter"),
        related,
    )


def _populate(plan, row, db):
    """The instance of one row (and, as RelatedPopulator does, its select_related ones)."""
    model, start, end, attnames, _pk, post_init, _local, _remote, related = plan
    obj = model.__new__(model)
    obj.__dict__.update(zip(attnames, row[start:end], strict=True))
    state = obj._state = ModelState()
    state.adding = False
    state.db = db
    if post_init:
        signals.post_init.send(sender=model, instance=obj)
    for sub in related:
        child = None if row[sub[1] + sub[4]] is None else _populate(sub, row, db)
        sub[6](obj, child)
        if child is not None:
            sub[7](child, obj)
    return obj


def _model_rows(compiler, results, db):
    # ModelIterable.__iter__ re-executes the query; this replays its construction instead.
    from django.db.models.query import get_related_populators

    klass_info, select = compiler.klass_info, compiler.select
    fields = klass_info["select_fields"]
    start, end = fields[0], fields[-1] + 1
    init_list = [column[0].target.attname for column in select[start:end]]
    populators = get_related_populators(klass_info, select, db)
    for row in compiler.results_iter(results):
        obj = klass_info["model"].from_db(db, init_list, row[start:end])
        for populator in populators:
            populator.populate(row, obj)
        for name, position in compiler.annotation_col_map.items():
            setattr(obj, name, row[position])
        yield obj


_PLAIN_FROM_DB = {Model.from_db.__func__, BaseModel.from_db.__func__}
