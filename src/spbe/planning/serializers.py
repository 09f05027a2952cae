"""API behaviour beyond the field lists: the fields themselves are declared once, on each
model's ModelUI (planning/views.py), and the serializers are derived from there."""

from rest_framework import serializers

from spbe.core.api.serializers import PlatformSerializer

from .choices import ReviewReason
from .models import RoadmapItem


class ReviewSerializer(PlatformSerializer):
    reasons = serializers.ListField(
        child=serializers.ChoiceField(choices=ReviewReason.choices), required=False, allow_empty=True
    )

    class Meta:
        derived_fields = ("agency",)


class ConsolidateSerializer(serializers.Serializer):
    roadmap_item = serializers.PrimaryKeyRelatedField(queryset=RoadmapItem.objects.all())
    note = serializers.CharField(required=False, allow_blank=True, default="")
