from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DischargesConfig(AppConfig):
    name = "discharges"
    verbose_name = _("Discharge")
