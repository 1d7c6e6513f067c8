from axes.utils import reset as axes_reset
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserCreationForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from accounts.services import SecondFactorResetRefused, second_factor_reset
from audit.models import AuditEvent
from audit.services import audit_record
from forlob.admin import admin_site

from .admin_base import ScopedAuditedAdmin, ScopedInline
from .models import Centre, Membership, Municipality, Role, RoleRequest, Team, User
from .services import (
    administrable_users,
    membership_revoke,
    password_set_by_administrator,
    role_request_decide,
    role_request_file,
)


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
    list_display = ["name", "municipality", "kind", "approved_on_tilbudsportalen", "outside_municipality", "is_active"]
    list_filter = ["kind", "outside_municipality", "is_active"]
    list_select_related = ["municipality"]
    search_fields = ["name"]
    inlines = [TeamInline]
    fields = [
        "municipality",
        "name",
        "kind",
        "approved_on_tilbudsportalen",
        "outside_municipality",  # a contracted provider in another municipality (SEL §101a(2))
        "laws",
        "offer_kinds",
        "address",
        "is_active",
    ]


class MembershipInline(ScopedInline):
    """The roles a user holds: never added or changed here; deleting one revokes it (audited)."""

    model = Membership
    fields = readonly_fields = ["centre", "role", "team"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class RoleRequestInline(ScopedInline):
    """Pending role requests; a new row files one, which a manager of the centre then decides."""

    model = RoleRequest
    fk_name = "user"
    fields = ["centre", "role", "team", "reason", "requested_by", "requested_at"]
    readonly_fields = ["requested_by", "requested_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=RoleRequest.Status.PENDING)

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class StaffUserCreationForm(UserCreationForm):
    """A new user comes with a request for their first role, so that they belong to a municipality."""

    centre = forms.ModelChoiceField(Centre.objects.none(), label=_("Centre"))
    role = forms.ChoiceField(choices=Role.choices, label=_("Role"))
    team = forms.ModelChoiceField(Team.objects.none(), required=False, label=_("Team"))
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=500, label=_("Why the user needs the role")
    )
    centres = Centre.objects.none()

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name", "email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["centre"].queryset = self.centres
        self.fields["team"].queryset = Team.objects.filter(centre__in=self.centres)

    def clean(self):
        cleaned = super().clean()
        team, centre = cleaned.get("team"), cleaned.get("centre")
        if team and centre and team.centre_id != centre.pk:
            self.add_error("team", _("The team must belong to the same centre."))
        return cleaned


@admin.register(User, site=admin_site)
class UserAdmin(ScopedAuditedAdmin, DjangoUserAdmin):
    """Staff users, scoped by ``administrable_users``. Never shows is_superuser, is_staff, groups or
    permissions: superusers are created on the command line only (``createsuperuser``)."""

    inlines = [MembershipInline, RoleRequestInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active"]
    list_filter = ["is_active"]
    actions = ["reset_second_factor", "unlock"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Status"), {"fields": ("is_active", "last_login", "date_joined")}),
    )
    add_form = StaffUserCreationForm
    add_fieldsets = (
        (None, {"fields": ("username", "first_name", "last_name", "email", "password1", "password2")}),
        (_("First role (a manager of the centre approves it)"), {"fields": ("centre", "role", "team", "reason")}),
    )

    def get_queryset(self, request):
        return administrable_users(request.user)

    def get_readonly_fields(self, request, obj=None):
        # The enrolment code after a reset goes to the user's e-mail: an administrator must not
        # be able to point an existing user's e-mail (or username) at themselves.
        locked = [] if obj is None or request.user.is_superuser else ["username", "email"]
        return ["last_login", "date_joined", *locked]

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # users are deactivated, never deleted (the audit log names them)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None:
            ids = self._scope_ids(request)
            centres = Centre.objects.filter(is_active=True)
            form.centres = centres if ids is None else centres.filter(municipality_id__in=ids)
        return form

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            data = form.cleaned_data
            role_request = RoleRequest(
                user=obj, centre=data["centre"], role=data["role"], team=data["team"], reason=data["reason"]
            )
            role_request_file(role_request=role_request, by=request.user, new_user=True)
            password_set_by_administrator(user=obj, by=request.user)

    def save_formset(self, request, form, formset, change):
        if formset.model is Membership:
            formset.save(commit=False)  # only to collect the rows ticked for deletion
            for membership in formset.deleted_objects:
                membership_revoke(membership=membership, by=request.user)
        elif formset.model is RoleRequest:
            for role_request in formset.save(commit=False):
                if role_request.pk is None:
                    role_request_file(role_request=role_request, by=request.user)
        else:
            super().save_formset(request, form, formset, change)

    def add_view(self, request, form_url="", extra_context=None):
        """If the new user's enrolment code cannot be sent, nothing is created (the admin's
        transaction is undone) and the administrator is told why, instead of an error page."""
        try:
            return super().add_view(request, form_url, extra_context)
        except SecondFactorResetRefused as refused:
            messages.error(request, str(refused))
            return HttpResponseRedirect(request.get_full_path())

    def user_change_password(self, request, id, form_url=""):
        """Django's password page, plus the audit event and a forced new second factor.

        If the enrolment code cannot be sent, the new password is undone as well."""
        user = self.get_object(request, unquote(id))
        try:
            with transaction.atomic():
                response = super().user_change_password(request, id, form_url)
                if user is not None and User.objects.get(pk=user.pk).password != user.password:
                    password_set_by_administrator(user=user, by=request.user)
        except SecondFactorResetRefused as refused:
            list(messages.get_messages(request))  # drop Django's "Password changed" message
            request.session.cycle_key()  # Django's view gave the session a new key, undone with the rest
            messages.error(request, str(refused))
            return HttpResponseRedirect(request.get_full_path())
        return response

    @admin.action(description=_("Reset the second factor (the user sets up the app again)"))
    def reset_second_factor(self, request, queryset):
        for user in queryset:
            try:
                second_factor_reset(user=user, by=request.user, reason="reset in the administration")
            except SecondFactorResetRefused as refused:
                messages.error(request, str(refused))
            else:
                message = _("%(user)s must set up the second factor again with a code sent to them by e-mail.")
                messages.success(request, message % {"user": user})

    @admin.action(description=_("Lift a lockout after failed logins"))
    def unlock(self, request, queryset):
        for user in queryset:
            axes_reset(username=user.username)
            audit_record(
                actor=request.user, action=AuditEvent.Action.UPDATE, obj=user, changes={"lockout": ["locked", "lifted"]}
            )
        messages.success(request, _("The lockout was lifted."))


@admin.register(RoleRequest, site=admin_site)
class RoleRequestAdmin(ScopedAuditedAdmin):
    """Role requests of the municipality, read-only: filed on the user's page, decided by a manager."""

    municipality_path = "centre__municipality"
    list_display = ["user", "centre", "role", "status", "requested_by", "requested_at", "decided_by", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["user", "centre", "requested_by", "decided_by"]
    actions = ["approve_as_operator"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_actions(self, request):
        return super().get_actions(request) if request.user.is_superuser else {}

    @admin.action(description=_("Approve as operator (only at a centre that has no manager yet)"))
    def approve_as_operator(self, request, queryset):
        for role_request in queryset:
            try:
                role_request_decide(role_request=role_request, by=request.user, approve=True, note="operator")
            except ValidationError as refusal:
                messages.error(request, f"{role_request}: {' '.join(refusal.messages)}")
