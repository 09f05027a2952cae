from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spbe.core import audit, permissions
from spbe.core.ui import ModelUI, Nav, Related, register_tab

from . import filtersets, forms, serializers, tables
from .choices import AGENCY_ASSIGNABLE_ROLES, Role
from .models import (
    Agency,
    CoordinationTeam,
    CoordinationTeamMember,
    Decree,
    Government,
    Person,
    RoleAssignment,
)


class GovernmentUI(ModelUI):
    model = Government
    path = "governments"
    nav = Nav("org", gettext_lazy("Pemerintah daerah"), 5, "building-community")
    table = tables.GovernmentTable
    filterset = filtersets.GovernmentFilterSet
    form = forms.GovernmentForm
    serializer = serializers.GovernmentSerializer
    importable = False
    related = (
        Related(
            gettext_lazy("Perangkat daerah"),
            lambda gov: Agency.objects.filter(government=gov),
            tables.AgencyTable,
        ),
    )


class AgencyUI(ModelUI):
    model = Agency
    path = "agencies"
    nav = Nav("org", gettext_lazy("Perangkat Daerah"), 0, "building")
    table = tables.AgencyTable
    filterset = filtersets.AgencyFilterSet
    form = forms.AgencyForm
    serializer = serializers.AgencySerializer
    related = (
        Related(gettext_lazy("Sub-unit"), lambda agency: agency.children.all(), tables.AgencyTable),
        Related(
            gettext_lazy("Pegawai"),
            lambda agency: Person.objects.filter(agency=agency),
            tables.PersonTable,
            add_url=lambda agency: reverse("org:person_add") + f"?agency={agency.pk}",
        ),
        Related(
            gettext_lazy("Keputusan"), lambda agency: Decree.objects.filter(agency=agency), tables.DecreeTable
        ),
    )


class PersonUI(ModelUI):
    model = Person
    path = "people"
    nav = Nav("org", gettext_lazy("Pegawai"), 1, "users")
    table = tables.PersonTable
    filterset = filtersets.PersonFilterSet
    form = forms.PersonForm
    serializer = serializers.PersonSerializer


class DecreeUI(ModelUI):
    model = Decree
    path = "decrees"
    nav = Nav("org", gettext_lazy("Keputusan"), 2, "file-certificate")
    table = tables.DecreeTable
    filterset = filtersets.DecreeFilterSet
    form = forms.DecreeForm
    serializer = serializers.DecreeSerializer
    detail_template = "org/decree_detail.html"


class RoleAssignmentUI(ModelUI):
    model = RoleAssignment
    path = "role-assignments"
    nav = Nav("org", gettext_lazy("Penugasan peran"), 4, "key")
    searchable = False
    table = tables.RoleAssignmentTable
    filterset = filtersets.RoleAssignmentFilterSet
    form = forms.RoleAssignmentForm
    serializer = serializers.RoleAssignmentSerializer


class CoordinationTeamUI(ModelUI):
    model = CoordinationTeam
    path = "coordination-teams"
    nav = Nav("org", gettext_lazy("Tim Koordinasi SPBE"), 3, "users-group")
    table = tables.CoordinationTeamTable
    filterset = filtersets.CoordinationTeamFilterSet
    form = forms.CoordinationTeamForm
    serializer = serializers.CoordinationTeamSerializer
    importable = False
    related = (
        Related(
            gettext_lazy("Anggota"),
            lambda team: team.members.all(),
            tables.CoordinationTeamMemberTable,
            add_url=lambda team: reverse("org:coordinationteammember_add") + f"?team={team.pk}",
        ),
    )


class CoordinationTeamMemberUI(ModelUI):
    model = CoordinationTeamMember
    path = "coordination-team-members"
    searchable = False
    table = tables.CoordinationTeamMemberTable
    filterset = filtersets.CoordinationTeamMemberFilterSet
    form = forms.CoordinationTeamMemberForm
    serializer = serializers.CoordinationTeamMemberSerializer


@login_required
def decree_document(request, pk):
    decree = get_object_or_404(Decree.objects.restrict(request.user), pk=pk)
    if not decree.document:
        raise Http404
    return FileResponse(decree.document.open("rb"), as_attachment=True, filename=f"keputusan-{decree.pk}.pdf")


# Agency heads and agency admins (and government-wide admins) run their agency's roles: the
# policy's change right on the agency.
@register_tab(Agency, "roles", gettext_lazy("Peran dan akses"), permission=permissions.CHANGE)
def agency_roles(request, agency, shell):
    """The agency's own page for its staff's roles: non-experts grant and end roles here."""
    form = forms.AgencyRoleForm(request.POST or None, agency=agency)
    new_password = None
    if request.method == "POST" and request.POST.get("action") == "end":
        assignment = get_object_or_404(RoleAssignment, pk=request.POST.get("assignment"), agency=agency)
        with transaction.atomic():
            assignment.valid_until = timezone.localdate()
            assignment.save()
            audit.record_event("org.role.ended", assignment)
        messages.success(
            request,
            _("Peran %(role)s untuk %(user)s diakhiri.")
            % {"role": assignment.get_role_display(), "user": assignment.user.get_username()},
        )
        return redirect("org:agency_roles", pk=agency.pk)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        role = form.cleaned_data["role"]
        if role not in AGENCY_ASSIGNABLE_ROLES:
            raise PermissionDenied
        with transaction.atomic():
            user = person.user
            if user is None:
                User = get_user_model()
                username = person.nip or f"pegawai{person.pk}"
                new_password = get_random_string(14)
                user = User.objects.create_user(
                    username=username, password=new_password, first_name=person.name[:150], email=person.email
                )
                person.user = user
                person.save()
            assignment = RoleAssignment.objects.create(
                user=user,
                role=role,
                agency=agency,
                valid_until=form.cleaned_data["valid_until"],
                created_by=request.user,
            )
            audit.record_event("org.role.assigned", assignment)
        messages.success(
            request,
            _("%(person)s sekarang %(role)s di %(agency)s.")
            % {"person": person, "role": Role(role).label, "agency": agency.short_name},
        )
        if new_password:
            messages.warning(
                request,
                _("Akun baru %(user)s dibuat. Kata sandi awal (tampil sekali): %(pw)s")
                % {"user": user.get_username(), "pw": new_password},
            )
        return redirect("org:agency_roles", pk=agency.pk)
    today = timezone.localdate()
    assignments = (
        RoleAssignment.objects.filter(agency=agency)
        .select_related("user", "user__person")
        .order_by("role", "user__username")
    )
    rows = [{"a": a, "active": a.is_valid_on(today)} for a in assignments]
    return shell.render("org/agency_roles.html", {"form": form, "rows": rows})
