from django.contrib import admin

from . import services
from .models import (
    Agency,
    CoordinationTeam,
    CoordinationTeamMember,
    Decree,
    Government,
    Person,
    RoleAssignment,
)

for model in (Government, Agency, Person, Decree, CoordinationTeam, CoordinationTeamMember):
    admin.site.register(model, search_fields=getattr(model, "search_fields", ()))


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    """Role grants in the admin obey the same service (and model rules) as everywhere else."""

    search_fields = RoleAssignment.search_fields
    list_display = ("user", "role", "agency", "valid_from", "valid_until")

    def save_model(self, request, obj, form, change):
        services.check_change(request.user, obj)
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        services.check_change(request.user, obj, deleting=True)
        super().delete_model(request, obj)
