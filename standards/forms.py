from django import forms
from django.utils.translation import gettext_lazy as _

from forlob.forms import date_field


class NewVersionForm(forms.Form):
    valid_from = date_field(
        _("The new version applies from"),
        help_text=_("Requests from this date get the new version; earlier requests keep the version they have."),
    )
