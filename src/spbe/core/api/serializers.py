import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .. import permissions
from .. import references as refs
from ..bounds import within_range
from . import rowcache


class BriefRelatedField(serializers.PrimaryKeyRelatedField):
    """Reads as {"id", "display"}; writes as an id, limited to what the user may see.

    The OpenAPI schema says the same (core/api/schema.py): an object in responses, an integer
    in requests.
    """

    default_error_messages = {
        "does_not_exist": _("Data dengan id %(pk_value)s tidak ada atau tidak dapat Anda lihat."),
        "incorrect_type": _("Id harus berupa bilangan bulat, bukan %(data_type)s."),
    }

    def use_pk_only_optimization(self):
        return False

    def to_representation(self, value):
        # A record the reader may not see: that it is there, nothing of it (core/references.py).
        request = self.context.get("request")
        viewer = getattr(request, "user", None)
        references = refs.for_user(viewer) if viewer is not None else refs.References(None)
        return references.brief(value)

    def to_internal_value(self, data):
        # An id beyond the database's integer range cannot exist: say so instead of letting
        # the database driver fail on it (a 500).
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        queryset = self.get_queryset()
        if queryset is not None and not within_range(queryset.model, data):
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)

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


@extend_schema_field({"type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$", "example": "08:00:00"})
class LocalTimeField(serializers.TimeField):
    """A time of day as the regency's clocks read it ("08:00:00"). JSON Schema's `format: time`
    demands a UTC offset, which a wall-clock hour (an office's access hours) does not have, so
    the schema states the form instead."""


class PlatformSerializer(serializers.ModelSerializer):
    """Base serializer: id, display text, version (for optimistic locking), brief relations,
    and the model's own clean() so the API validates exactly like the pages.

    `version` is read in every response; an update may send it back (a positive integer):
    a stale one is refused with 409, an invalid one with 400. Creating ignores it.
    """

    serializer_related_field = BriefRelatedField
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.TimeField: LocalTimeField,
    }
    display = serializers.SerializerMethodField()
    version = serializers.IntegerField(
        min_value=1,
        required=False,
        help_text=_(
            "Versi data untuk penguncian optimistis. Dalam jawaban: versi saat ini. Pada "
            "perubahan (PUT/PATCH): kirim versi yang Anda baca; bila data sudah diubah orang lain, "
            "perubahan ditolak dengan 409. Tanpa `version`, perubahan diterapkan pada versi terbaru."
        ),
    )

    def get_display(self, obj) -> str:
        return str(obj)

    def to_representation(self, instance):
        """DRF's representation, with the record's own column values taken from the row cache
        while the record is unchanged (core/api/rowcache.py)."""
        key = rowcache.key_for(self, instance)
        kept = rowcache.get(key) if key is not None else None
        if kept is None:
            data = super().to_representation(instance)
            if key is not None:
                rowcache.put(
                    key, {name: data[name] for name in rowcache.cacheable_names(self) if name in data}
                )
            return data
        data = {}
        for name, field in self.fields.items():
            if field.write_only:
                continue
            if name in kept:
                data[name] = kept[name]
                continue
            attribute = field.get_attribute(instance)
            data[name] = None if attribute is None else field.to_representation(attribute)
        return data

    def get_fields(self):
        # ModelSerializer derives the fields from the model on every instantiation, i.e. on
        # every request; what it derives depends on the class alone, so it is derived once
        # per class and each serializer gets its own copy: a plain copy of a field that holds
        # only its settings (binding then sets the copy's parent and name), a deep copy of one
        # that holds other fields (a many-relation's child is bound to its parent).
        fields = FIELD_TEMPLATES.get(type(self))
        if fields is None:
            fields = FIELD_TEMPLATES[type(self)] = super().get_fields()
        return {
            name: copy.copy(field) if isinstance(field, FLAT_FIELDS) else copy.deepcopy(field)
            for name, field in fields.items()
        }

    def validate(self, attrs):
        attrs = super().validate(attrs)
        expected_version = attrs.pop("version", None)
        model = self.Meta.model
        # The record as it would be saved: a copy of the stored one for an update (so that
        # uniqueness checks exclude the record itself), a new one for a create.
        instance = copy.copy(self.instance) if self.instance is not None else model()
        for name, value in attrs.items():
            if not model._meta.get_field(name).many_to_many:
                setattr(instance, name, value)
        try:
            instance.full_clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(serializers.as_serializer_error(error))
        for name in list(attrs):
            if not model._meta.get_field(name).many_to_many:
                attrs[name] = getattr(instance, name)
        # Fields the model's clean() derives (e.g. gender from NIP) are carried through.
        for name in getattr(self.Meta, "derived_fields", ()):
            attrs[name] = getattr(instance, name)
        if expected_version is not None:
            attrs["version"] = expected_version
        return attrs

    def owner_of(self, attrs):
        owner = permissions.owner_field(self.Meta.model)
        if owner is None or "__" in owner or owner == "id":
            return None
        return attrs.get(owner, getattr(self.instance, owner, None) if self.instance else None)


# Serializer class -> its fields as derived from the model (see PlatformSerializer.get_fields).
FIELD_TEMPLATES: dict[type, dict] = {}
# Fields that hold no other field and change nothing of their own after binding.
FLAT_FIELDS = (
    *rowcache.SCALAR_FIELDS,
    serializers.RelatedField,
    serializers.SerializerMethodField,
    serializers.ReadOnlyField,
)
