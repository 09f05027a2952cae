from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from .. import permissions


class BriefRelatedField(serializers.PrimaryKeyRelatedField):
    """Reads as {"id", "display"}; writes as an id, limited to what the user may see."""

    def use_pk_only_optimization(self):
        return False

    def to_representation(self, value):
        return {"id": value.pk, "display": str(value)}

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        if request is not None and queryset is not None and hasattr(queryset, "restrict"):
            queryset = queryset.restrict(request.user)
        return queryset


class PlatformSerializer(serializers.ModelSerializer):
    """Base serializer: id, display text, version (for optimistic locking), brief relations,
    and the model's own clean() so the API validates exactly like the pages."""

    serializer_related_field = BriefRelatedField
    display = serializers.SerializerMethodField()
    version = serializers.IntegerField(read_only=True)

    def get_display(self, obj) -> str:
        return str(obj)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        instance = model(**self._instance_values())
        instance._state.adding = self.instance is None  # an update must not clash with itself
        for name, value in attrs.items():
            field = model._meta.get_field(name)
            if not field.many_to_many:
                setattr(instance, name, value)
        try:
            instance.full_clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(serializers.as_serializer_error(error))
        for name in list(attrs):
            field = model._meta.get_field(name)
            if not field.many_to_many:
                attrs[name] = getattr(instance, name)
        # Fields the model's clean() derives (e.g. gender from NIP) are carried through.
        for name in getattr(self.Meta, "derived_fields", ()):
            attrs[name] = getattr(instance, name)
        return attrs

    def _instance_values(self):
        if self.instance is None:
            return {}
        return {f.attname: getattr(self.instance, f.attname) for f in self.Meta.model._meta.concrete_fields}

    def owner_of(self, attrs):
        owner = permissions.owner_field(self.Meta.model)
        if owner is None or "__" in owner or owner == "id":
            return None
        return attrs.get(owner, getattr(self.instance, owner, None) if self.instance else None)
