from django.contrib import admin

from forlob.admin import admin_site

from .models import AuditEvent


@admin.register(AuditEvent, site=admin_site)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only, for superusers (system operators). Nothing here can change or delete a row."""

    list_display = [
        "occurred_at",
        "actor_username",
        "role",
        "action",
        "outcome",
        "object_type",
        "object_label",
        "client_address",
    ]
    list_filter = ["action", "outcome", "object_type"]
    search_fields = ["actor_username", "object_id"]
    date_hierarchy = "occurred_at"

    def has_module_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
