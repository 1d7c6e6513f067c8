"""The casework's forms. Model fields bring their validators (no CPR numbers, no long numbers in
free text, a Danish phone number of eight digits); the services check the rest."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from forlob.forms import date_field

from .. import rules as shared
from ..models import (
    AnonymousClient,
    ContactBy,
    ContactRequest,
    EndReason,
    NotEligibleReason,
    Referral,
    Service,
    State,
    Talk,
)
from .services import NO_WISH


class ClientFactsForm(forms.ModelForm):
    """Nickname, birth year, gender and main substance: what the person chose to tell."""

    class Meta:
        model = AnonymousClient
        fields = ["nickname", "birth_year", "gender", "substance"]
        help_texts = {
            "nickname": _("Any name the person wants to be called; never the real name. Optional for relatives."),
            "birth_year": _("Only the year, e.g. 1998. Optional."),
        }

    def clean_birth_year(self):
        year = self.cleaned_data.get("birth_year")
        if year is not None and year > timezone.localdate().year:
            raise forms.ValidationError(_("The birth year cannot be in the future."))
        return year


class SlotChoice(forms.ModelChoiceField):
    def label_from_instance(self, slot) -> str:
        starts = timezone.localtime(slot.starts_at)
        return f"{date_format(starts, 'l j. F Y')} {date_format(starts, 'H:i')} – {slot.place}"


class ClientNewForm(ClientFactsForm):
    """A contact by phone or in person (SEL §101a(3); SEL §10(2)): no CPR number, no citizen."""

    WISHES = [
        (NO_WISH, _("Nothing booked now")),
        (ContactRequest.Way.SLOT, _("One of the free times for the clarifying conversation")),
        (ContactRequest.Way.CALLBACK, _("A call-back (phone)")),
    ]
    CHANNELS = [
        (ContactRequest.Channel.PHONE, ContactRequest.Channel.PHONE.label),
        (ContactRequest.Channel.IN_PERSON, ContactRequest.Channel.IN_PERSON.label),
    ]

    centre = forms.ModelChoiceField(queryset=None, label=_("Centre"), empty_label=None)
    service = forms.ChoiceField(label=_("Service"), choices=Service.choices)
    contact_by = forms.ChoiceField(label=_("Contact made by"), choices=ContactBy.choices, initial=ContactBy.SELF)
    channel = forms.ChoiceField(label=_("Contact by"), choices=CHANNELS)
    first_contact_on = date_field(_("Date of the contact"))
    wish = forms.ChoiceField(
        label=_("The person wants"),
        choices=WISHES,
        initial=NO_WISH,
        help_text=_("For anonymous drug or alcohol treatment only. Advice starts with its first talk."),
    )
    slot = SlotChoice(queryset=None, label=_("Free time"), required=False, empty_label=_("Choose a time"))
    phone = forms.CharField(
        label=_("Phone for the call-back"),
        required=False,
        max_length=20,
        help_text=_("Only for the call-back; it is erased when the call has been made."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )
    callback_time = forms.ChoiceField(
        label=_("Call"), choices=ContactRequest.CallbackTime.choices, initial=ContactRequest.CallbackTime.ANY
    )

    field_order = [
        "centre",
        "service",
        "contact_by",
        "channel",
        "first_contact_on",
        "nickname",
        "birth_year",
        "gender",
        "substance",
        "wish",
        "slot",
        "phone",
        "callback_time",
    ]

    def __init__(self, *args, centres, free_slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nickname"].required = False  # required for the person themselves: the service checks
        self.fields["centre"].queryset = centres
        if len(centres) == 1:
            self.fields["centre"].widget = forms.HiddenInput()
            self.fields["centre"].initial = centres[0].pk
        self.fields["slot"].queryset = free_slots

    def clean_phone(self):
        typed = self.cleaned_data.get("phone", "").strip()
        if not typed:
            return ""
        phone = shared.normalise_phone(typed)
        if phone is None:
            raise forms.ValidationError(_("Enter a Danish phone number of eight digits."))
        return phone

    def clean(self):
        data = super().clean()
        if data.get("wish") == ContactRequest.Way.SLOT and not data.get("slot") and "slot" not in self.errors:
            self.add_error("slot", _("Choose one of the free times."))
        if data.get("wish") == ContactRequest.Way.CALLBACK and not data.get("phone") and "phone" not in self.errors:
            self.add_error("phone", _("Enter a Danish phone number of eight digits for the call-back."))
        return data


class ConversationForm(forms.Form):
    """The clarifying conversation and the decision (SEL §101a(3)-(4))."""

    DECISIONS = [
        ("", _("Choose")),
        ("yes", _("In the target group: offer a place in a group")),
        ("no", _("Not in the target group")),
    ]

    held_on = date_field(_("Held on"))
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS)
    not_eligible_reason = forms.ChoiceField(
        label=_("Why not in the target group"),
        choices=[("", _("Choose (only when not in the target group)")), *NotEligibleReason.choices],
        required=False,
    )
    referral = forms.ChoiceField(
        label=_("Referred to"),
        choices=[("", _("Choose (only when not in the target group)")), *Referral.choices],
        required=False,
        help_text=_(
            "Treatment under SEL §101 needs the person's name and CPR number: they contact the centre in the "
            "ordinary way."
        ),
    )
    referral_note = AnonymousClient._meta.get_field("referral_note").formfield(required=False)
    note = Talk._meta.get_field("note").formfield(required=False, label=_("Note from the conversation"))

    def clean(self):
        data = super().clean()
        if "decision" in data:
            data["eligible"] = data.pop("decision") == "yes"
        return data


class AdviceTalkForm(forms.Form):
    """An anonymous advice talk (SEL §10(2))."""

    held_on = date_field(_("Held on"))
    with_relative = forms.BooleanField(label=_("A relative took part"), required=False)
    note = Talk._meta.get_field("note").formfield(required=False)


class AlcoholStartForm(forms.Form):
    started_on = date_field(_("Treatment started"))


class EndForm(forms.Form):
    """An early end with its reason; completion is the groups' closing step."""

    ended_on = date_field(_("Ended on"))
    end_reason = forms.ChoiceField(
        label=_("Why it ends"),
        choices=[("", _("Choose")), *[(c, label) for c, label in EndReason.choices if c != EndReason.COMPLETED]],
    )
    referral = forms.ChoiceField(
        label=_("Referred to"),
        choices=[("", _("No referral")), *[(c, label) for c, label in Referral.choices if c != Referral.NONE]],
        required=False,
        help_text=_("For advice, the outcome: nothing further, a referral, or a request for treatment (SEL §101)."),
    )
    referral_note = AnonymousClient._meta.get_field("referral_note").formfield(required=False)


class ClientFilterForm(forms.Form):
    """The clients list's filters (GET): service, state, and a reference code (exact)."""

    service = forms.ChoiceField(label=_("Service"), choices=[("", _("All services")), *Service.choices], required=False)
    state = forms.ChoiceField(
        label=_("State"),
        choices=[("", _("All open")), ("all", _("All, also closed")), *State.choices],
        required=False,
    )
    code = forms.CharField(label=_("Reference code"), required=False, max_length=20, help_text=_("E.g. KQWM-TRPA."))

    def clean_code(self):
        typed = self.cleaned_data.get("code", "").strip()
        if not typed:
            return ""
        code = shared.normalise_reference_code(typed)
        if code is None:
            raise forms.ValidationError(_("A reference code is eight letters, e.g. KQWM-TRPA."))
        return code
