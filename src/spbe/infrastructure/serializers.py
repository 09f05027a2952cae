from django import forms
from rest_framework import serializers

from spbe.core.api.serializers import PlatformSerializer
from spbe.core.views.shell import validate_upload

from .choices import SiteCategory


class NetworkDiagramSerializer(PlatformSerializer):
    """The diagram file is written through the API and read from the record's page."""

    class Meta:
        extra_kwargs = {"file": {"write_only": True}}

    def validate_file(self, value):
        try:
            validate_upload(value)
        except forms.ValidationError as error:
            raise serializers.ValidationError(error.messages) from None
        return value


class WorkflowSerializer(PlatformSerializer):
    """The decision that allowed the record, set by its workflow, shown as an id."""

    decision = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)


class AssetSerializer(PlatformSerializer):
    recommendation = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)


class AddressRequestSerializer(PlatformSerializer):
    decision = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    allocated = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)


class BandwidthRequestSerializer(PlatformSerializer):
    decision = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    allocation = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)


class PrefixSerializer(PlatformSerializer):
    """The keys clean() derives from the written prefix are saved with it."""

    class Meta:
        derived_fields = ("family", "length", "first_key", "last_key", "scope")


class IPAddressSerializer(PlatformSerializer):
    """The key clean() derives from the written address is saved with it."""

    class Meta:
        derived_fields = ("family", "key", "scope")


class DecidedSerializer(PlatformSerializer):
    """The decision a new one replaces is found by clean() and saved with it."""

    replaces = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        derived_fields = ("replaces",)


class AccessPolicySerializer(DecidedSerializer):
    blocked_categories = serializers.ListField(
        child=serializers.ChoiceField(choices=SiteCategory.choices), allow_empty=True, required=False
    )

    class Meta:
        derived_fields = ("replaces",)
