"""Forløb's admin site: for administrators, behind the same two-factor login as everything else."""

from functools import wraps

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

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def refuse_verified_non_administrators(request, *args, **kwargs):
            user = request.user
            if user.is_authenticated and user.is_verified() and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return refuse_verified_non_administrators

    def login(self, request, extra_context=None):
        # One login for the whole product: ours, with the second factor.
        return redirect(f"{reverse('accounts:login')}?next={request.get_full_path()}")


admin_site = ForlobAdminSite(name="admin")
