import django_filters
from django.utils.translation import gettext_lazy as _

from spbe.core import references
from spbe.core.choices import Classification
from spbe.core.filtersets import BaseFilterSet

from .choices import AgencyKind, DecreeKind, EmploymentKind, Gender, Role
from .models import (
    Agency,
    CoordinationTeam,
    CoordinationTeamMember,
    Decree,
    Government,
    Person,
    RoleAssignment,
)


class GovernmentFilterSet(BaseFilterSet):
    class Meta:
        model = Government
        fields = ["kind"]


class AgencyFilterSet(BaseFilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=AgencyKind.choices, label=_("Jenis"), distinct=False)

    class Meta:
        model = Agency
        fields = ["kind", "designation", "ict_autonomous", "parent"]


class PersonFilterSet(BaseFilterSet):
    # Both filter on columns of org_person itself: no row can repeat, so no DISTINCT (which
    # would make the paginator count every column of every matching row).
    employment = django_filters.MultipleChoiceFilter(
        choices=EmploymentKind.choices, label=_("Status kepegawaian"), distinct=False
    )
    agency = django_filters.ModelMultipleChoiceFilter(
        queryset=Agency.objects.all(), label=_("Perangkat daerah"), distinct=False
    )

    gender = django_filters.ChoiceFilter(
        choices=Gender.choices, method="filter_gender", label=_("Jenis kelamin"), distinct=False
    )

    class Meta:
        model = Person
        fields = ["agency", "employment", "gender"]

    def filter_gender(self, queryset, name, value):
        # Gender is personal data: it selects only staff whose personal data the reader may see.
        reader = references.for_user(getattr(self.request, "user", None))
        return queryset.filter(reader.personal_q(Person), gender=value)


class DecreeFilterSet(BaseFilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=DecreeKind.choices, label=_("Jenis"), distinct=False)
    classification = django_filters.MultipleChoiceFilter(
        choices=Classification.choices, label=_("Klasifikasi"), distinct=False
    )
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("Tanggal sejak"))
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("Tanggal sampai"))

    class Meta:
        model = Decree
        fields = ["agency", "kind", "classification"]


class RoleAssignmentFilterSet(BaseFilterSet):
    role = django_filters.MultipleChoiceFilter(choices=Role.choices, label=_("Peran"), distinct=False)

    class Meta:
        model = RoleAssignment
        fields = ["role", "agency", "user"]


class CoordinationTeamFilterSet(BaseFilterSet):
    class Meta:
        model = CoordinationTeam
        fields = ["government"]


class CoordinationTeamMemberFilterSet(BaseFilterSet):
    class Meta:
        model = CoordinationTeamMember
        fields = ["team", "position"]
