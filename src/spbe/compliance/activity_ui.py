"""Recorded activities: the pages, API and filters every model gets (ModelUI), and the approval
flow where an activity kind needs one. See docs/compliance.md "Kegiatan tercatat"."""

import django_filters
from django.utils.translation import gettext_lazy as _

from spbe.core.api.serializers import PlatformSerializer
from spbe.core.filtersets import BaseFilterSet
from spbe.core.forms import PlatformModelForm
from spbe.core.tables import Column, Table
from spbe.core.ui import ModelUI
from spbe.org.models import Agency

from .models import ActivityKind, ActivityStatus, RecordedActivity


class RecordedActivityTable(Table):
    model = RecordedActivity
    # sorts through an optional relation (LEFT JOIN: no index serves them), and why they stay cheap
    unindexed_sorts = {"agency": "recorded activities: tens per agency a year"}
    date = Column(link=True)
    kind = Column(accessor="kind.name", label=_("Jenis kegiatan"))
    title = Column()
    agency = Column(accessor="agency.short_name", label=_("Perangkat daerah"))
    status = Column()


class RecordedActivityFilterSet(BaseFilterSet):
    kind = django_filters.ModelMultipleChoiceFilter(
        queryset=ActivityKind.objects.all(), label=_("Jenis kegiatan"), distinct=False
    )
    agency = django_filters.ModelMultipleChoiceFilter(
        queryset=Agency.objects.all(), label=_("Perangkat daerah"), distinct=False
    )
    status = django_filters.MultipleChoiceFilter(
        choices=ActivityStatus.choices, label=_("Status"), distinct=False
    )
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("Tanggal sejak"))
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("Tanggal sampai"))

    class Meta:
        model = RecordedActivity
        fields = ["kind", "agency", "status"]


class RecordedActivityForm(PlatformModelForm):
    class Meta:
        model = RecordedActivity
        fields = ["government", "kind", "date", "agency", "team", "title", "participants", "minutes"]


class RecordedActivitySerializer(PlatformSerializer):
    class Meta:
        model = RecordedActivity
        fields = [
            "id",
            "display",
            "version",
            "government",
            "kind",
            "date",
            "agency",
            "team",
            "title",
            "participants",
            "minutes",
            "status",
        ]
        read_only_fields = ["status"]


class RecordedActivityUI(ModelUI):
    model = RecordedActivity
    path = "activities"
    table = RecordedActivityTable
    filterset = RecordedActivityFilterSet
    form = RecordedActivityForm
    serializer = RecordedActivitySerializer
    detail_fields = (
        "kind",
        "date",
        "government",
        "agency",
        "team",
        "title",
        "participants",
        "minutes",
        "status",
    )
