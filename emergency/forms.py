from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citizens.forms import CPR_ERRORS
from citizens.rules import InvalidCPR, normalise_cpr


class EmergencyAccessForm(forms.Form):
    cpr = forms.CharField(label=_("CPR number"), max_length=11, help_text=_("DDMMYY-XXXX"))
    reason = forms.CharField(
        label=_("Why you need the record now"),
        max_length=1000,
        help_text=_(
            "A sentence the citizen's centre can judge afterwards, e.g. the citizen is admitted and "
            "the ward asks about medication."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that this access is logged and reviewed by the citizen's centre"),
    )

    def clean_cpr(self) -> str:
        try:
            return normalise_cpr(self.cleaned_data["cpr"], today=timezone.localdate())
        except InvalidCPR as invalid:
            raise forms.ValidationError(CPR_ERRORS[invalid.reason]) from invalid


class ReviewForm(forms.Form):
    """A note reviewing a granted access, or the decision on a renewal request.

    Both are optional here: an empty note or a missing decision is refused by the service, which
    audits the refusal (``emergency.services``).
    """

    APPROVE, REFUSE = "approve", "refuse"

    note = forms.CharField(
        label=_("Review note"),
        max_length=500,
        required=False,
        help_text=_("Was the access justified? What was done if not?"),
    )
    decision = forms.ChoiceField(
        label=_("Approve or refuse"), choices=[(APPROVE, _("Approve")), (REFUSE, _("Refuse"))], required=False
    )
