"""Stofmisbrugsdatabasen: the report to Stofmisbrugsdatabasen (G2.7.6; RSL §82)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SmdbConfig(AppConfig):
    name = "smdb"
    verbose_name = _("Stofmisbrugsdatabasen")
