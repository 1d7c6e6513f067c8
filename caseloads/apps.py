from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseloadsConfig(AppConfig):
    name = "caseloads"
    verbose_name = _("Caseloads")
