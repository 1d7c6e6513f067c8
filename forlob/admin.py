"""Forløb's admin site: for administrators, behind the same two-factor login as everything else."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from organisations.access import has_role
from organisations.models import Role


class ForlobAdminSite(admin.AdminSite):
    site_header = _("Forløb administration")
    site_title = _("Forløb administration")
    index_title = _("Users, centres and quality standards")

    def has_permission(self, request) -> bool:
        user = request.user
        if not (user.is_active and user.is_authenticated and user.is_verified()):
            return False
        return user.is_superuser or has_role(user, [Role.ADMINISTRATOR])

    def login(self, request, extra_context=None):
        # One login for the whole product: ours, with the second factor. A verified user who
        # is no administrator is refused rather than sent round the login again.
        if request.user.is_authenticated and request.user.is_verified():
            raise PermissionDenied
        return redirect(f"{reverse('accounts:login')}?next={request.get_full_path()}")


admin_site = ForlobAdminSite(name="admin")
