from rest_framework import serializers

from spbe.core.api.serializers import PlatformSerializer

from .choices import ReviewReason
from .models import (
    AgencyNeed,
    Architecture,
    ArchitectureItem,
    BudgetLine,
    BusinessProcess,
    MasterPlan,
    ReferenceModel,
    Review,
    Roadmap,
    RoadmapItem,
    Service,
)

BASE = ["id", "display", "version"]


class ReferenceModelSerializer(PlatformSerializer):
    class Meta:
        model = ReferenceModel
        fields = [*BASE, "government", "kind", "code", "name", "level", "parent"]


class ArchitectureSerializer(PlatformSerializer):
    class Meta:
        model = Architecture
        fields = [*BASE, "government", "title", "start_year", "end_year", "status", "decree", "description"]


class ArchitectureItemSerializer(PlatformSerializer):
    class Meta:
        model = ArchitectureItem
        fields = [
            *BASE,
            "architecture",
            "domain",
            "code",
            "name",
            "description",
            "reference",
            "level",
            "parent",
            "agency",
            "sia_fields",
        ]


class RoadmapSerializer(PlatformSerializer):
    class Meta:
        model = Roadmap
        fields = [*BASE, "government", "architecture", "title", "start_year", "end_year", "status", "decree"]


class RoadmapItemSerializer(PlatformSerializer):
    class Meta:
        model = RoadmapItem
        fields = [
            *BASE,
            "roadmap",
            "area",
            "year",
            "programme",
            "activity",
            "agency",
            "target",
            "status",
            "progress",
        ]


class MasterPlanSerializer(PlatformSerializer):
    class Meta:
        model = MasterPlan
        fields = [
            *BASE,
            "government",
            "kind",
            "title",
            "start_year",
            "end_year",
            "status",
            "decree",
            "summary",
        ]


class BudgetLineSerializer(PlatformSerializer):
    class Meta:
        model = BudgetLine
        fields = [
            *BASE,
            "agency",
            "fiscal_year",
            "title",
            "purpose",
            "funding_source",
            "planned",
            "realised",
            "roadmap_item",
            "notes",
        ]


class ServiceSerializer(PlatformSerializer):
    class Meta:
        model = Service
        fields = [
            *BASE,
            "agency",
            "name",
            "kind",
            "area",
            "description",
            "users",
            "integration_status",
            "reference",
        ]


class BusinessProcessSerializer(PlatformSerializer):
    class Meta:
        model = BusinessProcess
        fields = [*BASE, "agency", "code", "name", "description", "steps", "services", "reference", "decree"]


class ReviewSerializer(PlatformSerializer):
    reasons = serializers.ListField(
        child=serializers.ChoiceField(choices=ReviewReason.choices), required=False, allow_empty=True
    )

    class Meta:
        model = Review
        fields = [
            *BASE,
            "government",
            "document",
            "architecture",
            "roadmap",
            "master_plan",
            "business_process",
            "agency",
            "date",
            "reasons",
            "outcome",
            "follow_up",
            "decree",
        ]
        derived_fields = ("agency",)


class AgencyNeedSerializer(PlatformSerializer):
    class Meta:
        model = AgencyNeed
        fields = [
            *BASE,
            "agency",
            "title",
            "reason",
            "quantity",
            "unit",
            "target_year",
            "estimated_cost",
            "submitted_on",
            "status",
            "roadmap_item",
            "ict_office_note",
        ]
        # Set by the ICT office through the consolidation action, never by a plain write.
        read_only_fields = ["status", "roadmap_item", "ict_office_note"]


class ConsolidateSerializer(serializers.Serializer):
    roadmap_item = serializers.PrimaryKeyRelatedField(queryset=RoadmapItem.objects.all())
    note = serializers.CharField(required=False, allow_blank=True, default="")
