from django.contrib import admin

from .models import (
    Agency,
    CoordinationTeam,
    CoordinationTeamMember,
    Decree,
    Government,
    Person,
    RoleAssignment,
)

for model in (Government, Agency, Person, Decree, RoleAssignment, CoordinationTeam, CoordinationTeamMember):
    admin.site.register(model, search_fields=getattr(model, "search_fields", ()))
