from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spbe.core import permissions
from spbe.core.ui import ModelUI, Nav, Related, register_tab

from . import filtersets, forms, serializers, services, tables
from .choices import AGENCY_ASSIGNABLE_ROLES
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
    fields = (
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
        "logo",
    )
    form = forms.GovernmentForm  # the regulation profiles loaded, the ICT office among its agencies
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
    natural_key = ("short_name",)
    path = "agencies"
    nav = Nav("org", gettext_lazy("Perangkat Daerah"), 0, "building")
    table = tables.AgencyTable
    filterset = filtersets.AgencyFilterSet
    fields = (
        "government",
        "name",
        "short_name",
        "kind",
        "designation",
        "parent",
        "head",
        "address",
        "phone",
        "email",
        "ict_autonomous",
        "autonomy_decree",
    )
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
    natural_key = ("nip",)
    nav = Nav("org", gettext_lazy("Pegawai"), 1, "users")
    table = tables.PersonTable
    filterset = filtersets.PersonFilterSet
    fields = (
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
    )
    detail_fields = (*fields, "user")  # the account is linked by org.services, not on the form
    serializer = serializers.PersonSerializer  # masks another agency's personal fields


class DecreeUI(ModelUI):
    model = Decree
    natural_key = ("agency", "kind", "number")
    path = "decrees"
    nav = Nav("org", gettext_lazy("Keputusan"), 2, "file-certificate")
    table = tables.DecreeTable
    filterset = filtersets.DecreeFilterSet
    fields = ("agency", "kind", "number", "date", "title", "classification", "document", "document_sha256")
    form = forms.DecreeForm  # checks the upload and keeps its hash
    detail_template = "org/decree_detail.html"


class RoleAssignmentUI(ModelUI):
    model = RoleAssignment
    path = "role-assignments"
    nav = Nav("org", gettext_lazy("Penugasan peran"), 4, "key")
    searchable = False
    table = tables.RoleAssignmentTable
    filterset = filtersets.RoleAssignmentFilterSet
    fields = ("user", "role", "agency", "valid_from", "valid_until")
    form = forms.RoleAssignmentForm  # the grant rules of org.services
    serializer = serializers.RoleAssignmentSerializer


class CoordinationTeamUI(ModelUI):
    model = CoordinationTeam
    path = "coordination-teams"
    nav = Nav("org", gettext_lazy("Tim Koordinasi SPBE"), 3, "users-group")
    table = tables.CoordinationTeamTable
    filterset = filtersets.CoordinationTeamFilterSet
    fields = ("government", "name", "decree", "period_start", "period_end")
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
    natural_key = ("team", "person")
    path = "coordination-team-members"
    searchable = False
    table = tables.CoordinationTeamMemberTable
    filterset = filtersets.CoordinationTeamMemberFilterSet
    fields = ("team", "person", "position", "duty")


@login_required
def decree_document(request, pk):
    decree = get_object_or_404(Decree.objects.restrict(request.user), pk=pk)
    if not decree.document:
        raise Http404
    return FileResponse(decree.document.open("rb"), as_attachment=True, filename=f"keputusan-{decree.pk}.pdf")


def _may_manage_roles(user, agency) -> bool:
    """Whoever may grant an agency role here (the policy's rule for "org.role.grant")."""
    return any(services.may_grant(user, role, agency) for role in AGENCY_ASSIGNABLE_ROLES)


# Agency heads and agency admins (and the admins above them) run their agency's roles: the
# policy's grant rule decides, for the agency's assignable roles.
@register_tab(
    Agency, "roles", gettext_lazy("Peran dan akses"), permission=permissions.VIEW, check=_may_manage_roles
)
def agency_roles(request, agency, shell):
    """The agency's own page for its staff's roles: non-experts grant and end roles here, through
    org.services. A new account's one-time password is shown on this response only (never in a
    message cookie or the session)."""
    form = forms.AgencyRoleForm(request.POST or None, agency=agency)
    granted = None
    if request.method == "POST" and request.POST.get("action") == "end":
        assignment = get_object_or_404(RoleAssignment, pk=request.POST.get("assignment"), agency=agency)
        services.end_role(request.user, assignment)
        messages.success(
            request,
            _("Peran %(role)s untuk %(user)s diakhiri.")
            % {"role": assignment.get_role_display(), "user": assignment.user.get_username()},
        )
        return redirect("org:agency_roles", pk=agency.pk)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        granted = services.grant_to_person(
            request.user,
            person,
            role=form.cleaned_data["role"],
            agency=agency,
            valid_until=form.cleaned_data["valid_until"],
        )
        if granted.account.password is None:
            messages.success(
                request,
                _("%(person)s sekarang %(role)s di %(agency)s.")
                % {
                    "person": person,
                    "role": granted.assignment.get_role_display(),
                    "agency": agency.short_name,
                },
            )
            return redirect("org:agency_roles", pk=agency.pk)
        form = forms.AgencyRoleForm(agency=agency)  # a fresh form under the one-time password
    today = timezone.localdate()
    assignments = (
        RoleAssignment.objects.filter(agency=agency)
        .select_related("user", "user__person")
        .order_by("role", "user__username")
    )
    rows = [{"a": a, "active": a.is_valid_on(today)} for a in assignments]
    response = shell.render(
        "org/agency_roles.html",
        {"form": form, "rows": rows, "granted": granted},
        status=400 if request.method == "POST" and form.is_bound and not form.is_valid() else 200,
    )
    if granted is not None:
        response["Cache-Control"] = "no-store"  # the one-time password is not kept by any cache
    return response
