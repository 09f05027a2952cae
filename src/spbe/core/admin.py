from django.contrib import admin

from .models import AuditEvent

# The admin site bypasses the role policy, so only superusers (platform operators) may use it.
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser
admin.site.site_header = "SPBE: administrasi platform"


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the trail is append-only."""

    list_display = ("seq", "timestamp", "actor_name", "entry_point", "action", "object_type", "object_repr")
    list_filter = ("entry_point", "action")
    search_fields = ("object_repr", "actor_name", "code")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
