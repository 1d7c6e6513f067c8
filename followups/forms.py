from django import forms
from django.utils.translation import gettext_lazy as _

from forlob.forms import date_field

from .models import Channel, Need, OfferResponse, Status


def _yes_no(label, *, required: bool, help_text: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[("", "–"), ("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=required,
        help_text=help_text,
    )


class FollowUpForm(forms.Form):
    """One follow-up after discharge (G3.12.4–3.12.7). What is required depends on whether the
    citizen was reached and whether the result held; the service says so on the fields
    (``rules.missing_fields``), so the form works without JavaScript."""

    months = forms.TypedChoiceField(label=_("Follow-up"), coerce=int)
    held_on = date_field(_("Held or tried on"))
    reached = _yes_no(_("The citizen was reached"), required=True)
    how = forms.ChoiceField(label=_("How"), choices=[("", "–"), *Channel.choices])
    attempts = forms.CharField(
        label=_("What was tried"),
        required=False,
        help_text=_("When the citizen was not reached: the calls, letters or visits tried, and when."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    status = forms.ChoiceField(label=_("The citizen's status"), choices=[("", "–"), *Status.choices], required=False)
    status_note = forms.CharField(
        label=_("Note on the status"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    situation = forms.CharField(
        label=_("The citizen's situation"),
        required=False,
        help_text=_("At least a conversation about how the citizen is doing and whether the plan's goal holds."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    goal_holds = _yes_no(_("The result of the treatment holds"), required=False)
    needs = forms.MultipleChoiceField(
        label=_("Needs beyond drugs"),
        choices=Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    needs_note = forms.CharField(label=_("About the needs"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    offer_response = forms.ChoiceField(
        label=_("Follow-up treatment"), choices=[("", "–"), *OfferResponse.choices], required=False
    )
    offer = forms.CharField(
        label=_("The offer"), max_length=200, required=False, help_text=_("For example MOVE or SMART Recovery.")
    )

    contact_fields = ("months", "held_on", "reached", "how", "attempts")
    situation_fields = ("status", "status_note", "situation", "goal_holds")
    offer_fields = ("offer_response", "offer")

    def __init__(self, *args, months_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["months"].choices = list(months_choices)

    def group(self, names):
        return [self[name] for name in names]

    def contact(self):
        return self.group(self.contact_fields)

    def the_situation(self):
        return self.group(self.situation_fields)

    def the_offer(self):
        return self.group(self.offer_fields)
