from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Login and sessions")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (refuses the demo way in outside DEBUG)
