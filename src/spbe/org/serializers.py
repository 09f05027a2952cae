from rest_framework import serializers

from spbe.core import references
from spbe.core.api.serializers import PlatformSerializer

from .models import (
    Agency,
    CoordinationTeam,
    CoordinationTeamMember,
    Decree,
    Government,
    Person,
    RoleAssignment,
)


class GovernmentSerializer(PlatformSerializer):
    class Meta:
        model = Government
        fields = [
            "id",
            "display",
            "version",
            "name",
            "kind",
            "region_code",
            "domain",
            "ict_office",
            "regulation",
            "letterhead_title",
            "address",
            "phone",
            "email",
            "website",
        ]


class AgencySerializer(PlatformSerializer):
    class Meta:
        model = Agency
        fields = [
            "id",
            "display",
            "version",
            "government",
            "name",
            "short_name",
            "kind",
            "parent",
            "head",
            "address",
            "phone",
            "email",
            "ict_autonomous",
            "autonomy_decree",
        ]


class PersonSerializer(PlatformSerializer):
    full_name = serializers.CharField(read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "display",
            "version",
            "agency",
            "front_title",
            "name",
            "back_title",
            "full_name",
            "employment",
            "nip",
            "gender",
            "position",
            "email",
            "phone",
        ]
        derived_fields = ("gender", "nip")

    def to_representation(self, instance):
        """Another agency's staff: name, position and agency; the personal fields are null."""
        data = super().to_representation(instance)
        request = self.context.get("request")
        reader = references.for_user(getattr(request, "user", None))
        for name in reader.masked_fields(instance):
            if name in data:
                data[name] = None
        return data


class DecreeSerializer(PlatformSerializer):
    class Meta:
        model = Decree
        fields = [
            "id",
            "display",
            "version",
            "agency",
            "kind",
            "number",
            "date",
            "title",
            "classification",
            "document_sha256",
        ]
        read_only_fields = ["document_sha256"]


class RoleAssignmentSerializer(PlatformSerializer):
    class Meta:
        model = RoleAssignment
        fields = ["id", "display", "version", "user", "role", "agency", "valid_from", "valid_until"]


class CoordinationTeamSerializer(PlatformSerializer):
    class Meta:
        model = CoordinationTeam
        fields = ["id", "display", "version", "government", "name", "decree", "period_start", "period_end"]


class CoordinationTeamMemberSerializer(PlatformSerializer):
    class Meta:
        model = CoordinationTeamMember
        fields = ["id", "display", "version", "team", "person", "position", "duty"]
