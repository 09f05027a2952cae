import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject

from .. import permissions
from .. import references as refs


class BriefRelatedField(serializers.PrimaryKeyRelatedField):
    """Reads as {"id", "display"}; writes as an id, limited to what the user may see."""

    def use_pk_only_optimization(self):
        return False

    def to_representation(self, value):
        # A record the reader may not see: that it is there, nothing of it (core/references.py).
        request = self.context.get("request")
        viewer = getattr(request, "user", None)
        references = refs.for_user(viewer) if viewer is not None else refs.References(None)
        return references.brief(value)

    def get_choices(self, cutoff=None):
        # Keyed by id: the representation is a dict, which cannot key the browsable API's
        # <select> options.
        queryset = self.get_queryset()
        if queryset is None:
            return {}
        if cutoff is not None:
            queryset = queryset[:cutoff]
        return {item.pk: self.display_value(item) for item in queryset}

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

    def get_fields(self):
        # ModelSerializer derives the fields from the model on every instantiation, i.e. on
        # every request; what it derives depends on the class alone, so it is derived once
        # and each serializer gets its own copy.
        template = type(self).__dict__.get("_fields_template")
        if template is None:
            template = super().get_fields()
            type(self)._fields_template = template
        return copy.deepcopy(template)

    def to_representation(self, instance):
        """DRF's representation, with the per-row work that depends only on the fields (which
        ones are readable, which are plain model columns) done once per serializer: a list
        renders every row through the same child serializer."""
        if not isinstance(instance, self.Meta.model):
            return super().to_representation(instance)
        plan = self.__dict__.get("_representation_plan")
        if plan is None:
            plan = self._representation_plan = self._plan_representation()
        ret = {}
        for name, attname, field in plan:
            if attname is not None:
                value = getattr(instance, attname)
            else:
                try:
                    value = field.get_attribute(instance)
                except SkipField:
                    continue
            check_for_none = value.pk if isinstance(value, PKOnlyObject) else value
            ret[name] = None if check_for_none is None else field.to_representation(value)
        return ret

    def _plan_representation(self):
        """(name, model attribute or None, field) for each readable field; the attribute is
        given for a field that shows one concrete, non-relation column of the model as is,
        which is read directly instead of through DRF's generic attribute lookup."""
        columns = {f.name: f.attname for f in self.Meta.model._meta.concrete_fields if not f.is_relation}
        plan = []
        for field in self._readable_fields:
            attname = None
            if (
                len(field.source_attrs) == 1
                and field.source_attrs[0] in columns
                and not isinstance(field, serializers.SerializerMethodField | serializers.RelatedField)
            ):
                attname = columns[field.source_attrs[0]]
            plan.append((field.field_name, attname, field))
        return plan

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
