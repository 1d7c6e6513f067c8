from axes.utils import reset as axes_reset
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEvent
from audit.services import audit_record
from forlob.admin import admin_site

from .admin_base import ScopedAuditedAdmin, ScopedInline
from .models import Centre, Membership, Municipality, Team, User


@admin.register(Municipality, site=admin_site)
class MunicipalityAdmin(ScopedAuditedAdmin):
    municipality_path = ""
    list_display = ["name", "code"]
    search_fields = ["name", "code"]

    def has_add_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser


class TeamInline(ScopedInline):
    model = Team


@admin.register(Centre, site=admin_site)
class CentreAdmin(ScopedAuditedAdmin):
    list_display = ["name", "municipality", "kind", "approved_on_tilbudsportalen", "is_active"]
    list_filter = ["kind", "is_active"]
    list_select_related = ["municipality"]
    search_fields = ["name"]
    inlines = [TeamInline]


class MembershipInline(ScopedInline):
    model = Membership
    fields = ["centre", "role", "team"]


@admin.register(User, site=admin_site)
class UserAdmin(ScopedAuditedAdmin, DjangoUserAdmin):
    municipality_path = "memberships__centre__municipality"
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active"]
    list_filter = ["is_active"]
    actions = ["reset_second_factor", "unlock"]
    limited_fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Status"), {"fields": ("is_active", "last_login", "date_joined")}),
    )
    readonly_fields = ["last_login", "date_joined"]

    def get_queryset(self, request):
        queryset = DjangoUserAdmin.get_queryset(self, request)
        ids = self._scope_ids(request)
        if ids is None:
            return queryset
        # A user with no role yet is visible, so that a newly created user can be given one.
        return queryset.filter(Q(memberships__centre__municipality_id__in=ids) | Q(memberships__isnull=True)).distinct()

    def get_fieldsets(self, request, obj=None):
        if obj is not None and not request.user.is_superuser:
            return self.limited_fieldsets
        return super().get_fieldsets(request, obj)

    @admin.action(description=_("Reset the second factor (the user sets up the app again)"))
    def reset_second_factor(self, request, queryset):
        for user in queryset:
            TOTPDevice.objects.filter(user=user).delete()
            audit_record(
                actor=request.user,
                action=AuditEvent.Action.UPDATE,
                obj=user,
                changes={"second_factor": ["set", "reset"]},
            )
        messages.success(request, _("The second factor was reset."))

    @admin.action(description=_("Lift a lockout after failed logins"))
    def unlock(self, request, queryset):
        for user in queryset:
            axes_reset(username=user.username)
            audit_record(
                actor=request.user, action=AuditEvent.Action.UPDATE, obj=user, changes={"lockout": ["locked", "lifted"]}
            )
        messages.success(request, _("The lockout was lifted."))
