"""Management dashboard: the manager's key figures (G2.7)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = _("Management dashboard")
