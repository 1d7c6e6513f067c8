from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (login, logout and failed-login events)

        # Once per migrate (this app as sender), after every app's migrations have run.
        post_migrate.connect(_grant_app_role, sender=self, dispatch_uid="audit.grant_app_role")


def _grant_app_role(sender, using, **kwargs) -> None:
    """Give FORLOB_DB_APP_ROLE the app's privileges: only SELECT and INSERT on the audit log (audit.roles)."""
    from django.conf import settings
    from django.db import connections

    from .roles import grant_app_role

    grant_app_role(connections[using], settings.FORLOB_DB_APP_ROLE)
