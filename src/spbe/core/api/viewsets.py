from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from rest_framework import relations, viewsets

from .. import permissions
from ..services import delete_checked, save_versioned


class PlatformViewSet(viewsets.ModelViewSet):
    """The API for one model: the same policy, filters, ordering and write paths as its pages.

    Updates may send `version`; a stale one is refused with 409 and nothing is overwritten.
    """

    ui = None

    def get_queryset(self):
        model = self.queryset.model
        qs = model.objects.restrict(self.request.user, permissions.VIEW)
        select, prefetch = self.related_paths()
        if select:
            qs = qs.select_related(*select)
        if prefetch:
            qs = qs.prefetch_related(*prefetch)
        return qs.order_by(*(model._meta.ordering or ["pk"]))

    @classmethod
    def related_paths(cls) -> tuple[list[str], list[str]]:
        """The joins (select_related) and prefetches the serializer's relations need, and no
        more: a relation the serializer does not render is not fetched. Worked out once per
        viewset from the serializer's fields."""
        paths = cls.__dict__.get("_related_paths")
        if paths is None:
            paths = cls._related_paths = serializer_related_paths(cls.serializer_class)
        return paths

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
