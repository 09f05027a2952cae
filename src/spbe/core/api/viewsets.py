from django.core.exceptions import PermissionDenied
from rest_framework import viewsets

from .. import permissions
from ..services import delete_checked, save_versioned


class PlatformViewSet(viewsets.ModelViewSet):
    """The API for one model: the same policy, filters, ordering and write paths as its pages.

    Updates may send `version`; a stale one is refused with 409 and nothing is overwritten.
    """

    ui = None

    def get_queryset(self):
        qs = self.queryset.model.objects.restrict(self.request.user, permissions.VIEW)
        table = self.ui.table
        select, prefetch = table.related_paths(table.default_columns())
        for field in self.queryset.model._meta.concrete_fields:
            if field.is_relation and field.name not in select:
                select.append(field.name)
        return (
            qs.select_related(*select)
            .prefetch_related(*prefetch)
            .order_by(*(self.queryset.model._meta.ordering or ["pk"]))
        )

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
