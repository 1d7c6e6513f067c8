from django import forms
from django.utils.translation import gettext_lazy as _

from forlob.forms import date_field
from organisations.models import Centre

from . import rules
from .models import GiftCard, Lapse, ProviderStatus, StatusMeeting

NEUTRAL = _("Describe without judging: what happened, in the citizen's own words.")


def _text(label, *, required: bool = True, help_text: str = "", rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows})
    )


class GiftCardForm(forms.Form):
    issued_on = date_field(_("Given on"))
    amount = forms.IntegerField(
        label=_("Amount in kroner"),
        help_text=_("Whole kroner, at most %(max)s.") % {"max": rules.GIFT_CARD_MAX_KRONER},
        min_value=rules.GIFT_CARD_MIN_KRONER,
        max_value=rules.GIFT_CARD_MAX_KRONER,
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=GiftCard.Kind.choices)
    reason = forms.CharField(
        label=_("Reason"), max_length=200, help_text=_("For example: attendance at the agreed sessions.")
    )


class LapseForm(forms.Form):
    occurred_on = date_field(_("When"))
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=Lapse.Kind.choices,
        help_text=_("A lapse is a short, temporary return to earlier use; a relapse a return to the earlier pattern."),
    )
    substances = forms.CharField(label=_("Substances"), max_length=200)
    account = _text(_("What happened"), help_text=NEUTRAL, rows=4)
    triggers = _text(
        _("What led up to it"),
        required=False,
        help_text=_("Situations, feelings or people the citizen connects with it. Describe without judging."),
    )
    helped = _text(_("What helped"), required=False, help_text=_("What the citizen did or had that helped."))
    offer_change = forms.ChoiceField(
        label=_("The offer"),
        choices=Lapse.OfferChange.choices,
        help_text=_("Agreed with the citizen: keep the offer, change it, or decide later."),
    )
    offer_change_note = _text(
        _("Note on the offer"),
        required=False,
        help_text=_("Required when the offer is to change. A changed offer needs a new decision by the authority."),
    )


class RelapsePlanForm(forms.Form):
    made_on = date_field(_("Made with the citizen on"))
    warning_signs = _text(_("Warning signs"), help_text=_("Signs the citizen and others may notice early."))
    high_risk_situations = _text(_("High-risk situations"))
    strategies = _text(_("What the citizen can do"), help_text=_("Strategies agreed with the citizen."))
    contacts = _text(_("Who to contact"), help_text=_("People and places the citizen can turn to."))


class StayForm(forms.Form):
    provider = forms.ModelChoiceField(
        label=_("Provider"),
        queryset=Centre.objects.none(),
        help_text=_("The residential provider, usually external."),
    )
    starts_on = date_field(_("Starts on"))
    planned_end_on = date_field(_("Planned to end on"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        centres = Centre.objects.filter(is_active=True).select_related("municipality")
        self.fields["provider"].queryset = centres
        self.fields["provider"].label_from_instance = lambda c: f"{c.name} ({c.municipality.name})"


class StayMeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Meeting"), choices=StatusMeeting.Kind.choices)
    planned_on = date_field(_("Planned on"), help_text=_("Move the date here if the meeting is moved."))
    held_on = date_field(_("Held on"), required=False, help_text=_("Leave empty if the meeting has not been held."))
    note = _text(_("Note"), required=False, help_text=_("A short journal note of the meeting."))


class ProviderStatusForm(forms.Form):
    kind = forms.ChoiceField(label=_("Written status"), choices=ProviderStatus.Kind.choices)
    received_on = date_field(_("Received on"))
    summary = _text(_("Summary"), rows=4)


class StayEndForm(forms.Form):
    ended_on = date_field(_("Ended on"))
    note = _text(_("Note"), required=False)


class GiftCardFilterForm(forms.Form):
    """The centre overview's choice of centre and year (a GET form)."""

    centre = forms.ModelChoiceField(label=_("Centre"), queryset=Centre.objects.none(), empty_label=None)
    aar = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres
