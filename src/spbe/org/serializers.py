"""API behaviour beyond the field lists: the fields themselves are declared once, on each
model's ModelUI (org/views.py), and the serializers are derived from there."""

from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers

from spbe.core import references
from spbe.core.api.serializers import PlatformSerializer


class GovernmentSerializer(PlatformSerializer):
    def validate_regulation(self, value):
        """Only a profile loaded into the platform (kept as is when unchanged)."""
        from .profiles import regulation_choices

        if not value or (self.instance is not None and value == self.instance.regulation):
            return value
        choices = regulation_choices()
        if value not in {code for code, _label in choices}:
            raise serializers.ValidationError(
                _("Profil regulasi '%(value)s' tidak dikenal. Pilihan: %(choices)s.")
                % {"value": value, "choices": ", ".join(code for code, _label in choices) or "-"}
            )
        return value

    def validate(self, attrs):
        from .profiles import kind_problem

        attrs = super().validate(attrs)
        instance = self.instance
        code = attrs.get("regulation", instance.regulation if instance else "")
        kind = attrs.get("kind", instance.kind if instance else "kabupaten")
        problem = kind_problem(code or "", kind)
        if problem:
            raise serializers.ValidationError({"regulation": problem})
        return attrs


class PersonSerializer(PlatformSerializer):
    full_name = serializers.CharField(read_only=True)

    class Meta:
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


class RoleAssignmentSerializer(PlatformSerializer):
    def validate(self, attrs):
        # Who may grant what is asked first (403), before the record's own rules (400).
        from .services import may_grant, refusal

        user = self.context["request"].user
        pairs = [(attrs.get("role", getattr(self.instance, "role", None)), attrs.get("agency"))]
        if self.instance is not None:
            pairs = [
                (self.instance.role, self.instance.agency),
                (pairs[0][0], attrs.get("agency", self.instance.agency)),
            ]
        for role, agency in pairs:
            if not may_grant(user, role, agency):
                raise exceptions.PermissionDenied(refusal(role, agency))
        return super().validate(attrs)
