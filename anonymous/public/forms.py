"""Forms of the public contact page and of the staff's conversation times."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from anonymous import rules as anonymous_rules
from anonymous.models import ContactRequest, ConversationSlot, Service
from forlob.forms import DateInput
from organisations.models import Centre

from . import rules

CALLBACK = "callback"  # the choice "no time fits: call me" in the list of times


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


def slot_label(slot: ConversationSlot) -> str:
    local = timezone.localtime(slot.starts_at)
    return f"{date_format(local, 'l j. F')} {date_format(local, 'H:i')} – {slot.place}"


class RadioGroup(forms.RadioSelect):
    """Radio buttons in a fieldset whose id is the field's: the error summary links to the group."""

    def id_for_label(self, id_, index=None):
        return id_ if index is None else super().id_for_label(id_, index)


class ContactForm(forms.Form):
    """The person's request: what about, a nickname, an optional birth year, a time or a call-back.

    The honeypot ``website`` is hidden from people (a label asks to leave it empty) and ``token``
    is the signed one-time form token (``guards``)."""

    service = forms.ChoiceField(label=_("What would you like to talk about?"), widget=RadioGroup)
    nickname = forms.CharField(
        label=_("Nickname"),
        max_length=anonymous_rules.NICKNAME_MAX,
        help_text=_("Do not use your real name. We call you by this name when we meet or call."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    birth_year = forms.IntegerField(
        label=_("Birth year (optional)"),
        required=False,
        help_text=_("Only the year, e.g. 1998. It helps us prepare the conversation."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": "4"}),
    )
    slot = forms.CharField(label=_("Choose a time"), required=False, max_length=20)
    phone = forms.CharField(
        label=_("Phone number for the call-back"),
        required=False,
        max_length=20,
        help_text=_("Eight digits. Only used to call you, and erased when we have called."),
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "off"}),
    )
    callback_time = forms.ChoiceField(
        label=_("When may we call?"),
        choices=ContactRequest.CallbackTime.choices,
        initial=ContactRequest.CallbackTime.ANY,
        required=False,
        widget=RadioGroup,
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    token = forms.CharField(widget=forms.HiddenInput, max_length=500)

    def __init__(self, *args, services, slots, centre=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = services
        if len(services) == 1:
            self.fields["service"].initial = services[0][0]
        self.slots = list(slots)
        self.centre = centre
        today = timezone.localdate()
        low, high = rules.birth_year_bounds(today)
        self.low, self.high = low, high
        self.chosen_slot: ConversationSlot | None = None

    @property
    def service_options(self) -> list[dict]:
        return self.options("service")

    @property
    def callback_options(self) -> list[dict]:
        return self.options("callback_time")

    def options(self, name: str) -> list[dict]:
        """The radio choices of field ``name`` for the template: id, value, label, checked."""
        bound = self[name]
        chosen = str(bound.value() if bound.value() is not None else "")
        return [
            {"id": f"{bound.auto_id}_{value}", "value": value, "label": label, "checked": str(value) == chosen}
            for value, label in bound.field.choices
        ]

    def slot_options(self) -> list[dict]:
        """The free times, then "call me instead": id, value, label, checked."""
        chosen = str(self["slot"].value() or "")
        options = [
            {"id": f"id_slot_{s.pk}", "value": str(s.pk), "label": slot_label(s), "checked": str(s.pk) == chosen}
            for s in self.slots
        ]
        options.append(
            {
                "id": "id_slot_callback",
                "value": CALLBACK,
                "label": _("No time fits: call me"),
                "checked": chosen == CALLBACK,
            }
        )
        return options

    def _text(self, name: str) -> str:
        value = self.cleaned_data.get(name) or ""
        if rules.is_junk(value):
            raise forms.ValidationError(_("Remove the unusual characters from the text."), code="junk")
        return value.strip()

    def clean_nickname(self):
        value = self._text("nickname")
        if anonymous_rules.identifying_digits(value):
            raise forms.ValidationError(_("Do not write numbers in your nickname."), code="identifying_digits")
        return value

    def clean_birth_year(self):
        year = self.cleaned_data.get("birth_year")
        if year is not None and not self.low <= year <= self.high:
            message = _("Write a birth year between %(low)s and %(high)s, or leave it empty.")
            raise forms.ValidationError(message % {"low": self.low, "high": self.high})
        return year

    def clean_phone(self):
        value = self._text("phone")
        if value and anonymous_rules.normalise_phone(value) is None:
            raise forms.ValidationError(_("Write a Danish phone number of eight digits, e.g. 12 34 56 78."))
        return anonymous_rules.normalise_phone(value) or ""

    def clean_slot(self):
        value = self._text("slot")
        if value in ("", CALLBACK):
            return value
        if not value.isdigit():
            raise forms.ValidationError(_("That time does not exist. Please pick another time."))
        slot = (
            ConversationSlot.objects.filter(pk=int(value), centre=self.centre).select_related("request").first()
            if self.centre
            else None
        )
        if slot is None:
            raise forms.ValidationError(_("That time does not exist. Please pick another time."))
        if hasattr(slot, "request"):
            raise forms.ValidationError(_("That time was just taken by someone else. Please pick another time."))
        if not rules.in_window(slot.starts_at, timezone.localdate()):
            raise forms.ValidationError(_("That time can no longer be booked. Please pick another time."))
        self.chosen_slot = slot
        return value

    def clean(self):
        data = super().clean()
        slot, phone = data.get("slot"), data.get("phone")
        if "slot" in data and "phone" in data:
            if slot and slot != CALLBACK and phone:
                self.add_error(
                    "phone",
                    _("You chose a time, so leave the phone number empty. We only keep a number to call you back."),
                )
            elif slot in ("", CALLBACK) and not phone:
                if self.slots and slot == "":
                    self.add_error("slot", _("Choose a time, or choose that we call you."))
                else:
                    self.add_error("phone", _("Write the phone number we may call you on."))
        return data


class StatusForm(forms.Form):
    code = forms.CharField(
        label=_("Your reference code"),
        max_length=40,
        help_text=_("Eight letters, e.g. KQWM-TRPA."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )

    def clean_code(self):
        value = self.cleaned_data["code"]
        if rules.is_junk(value):
            raise forms.ValidationError(_("Remove the unusual characters from the code."))
        return value.strip()


def service_choices(standard) -> list[tuple[str, str]]:
    """What the public page offers, from the standard in force: drug treatment (SEL §101a) when
    the standard offers it, alcohol (SUL §141(7)) when the standard covers SUL §141, and advice
    (SEL §10(2)), also for relatives."""
    choices = []
    if standard.anonymous_service:
        choices.append((Service.DRUG_TREATMENT, _("Treatment for drug use")))
    if "SUL_141" in (standard.laws_covered or []):
        choices.append((Service.ALCOHOL, _("Treatment for alcohol use")))
    choices.append((Service.ADVICE, _("Advice, also if you are worried about someone close to you")))
    return choices


# --- Staff ---------------------------------------------------------------------------


class SlotsForm(forms.Form):
    centre = forms.ModelChoiceField(label=_("Centre"), queryset=Centre.objects.none(), empty_label=None)
    first_date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Start time"), widget=TimeInput())
    minutes = forms.IntegerField(label=_("Length (minutes)"), min_value=10, max_value=180, initial=45)
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        help_text=_("E.g. the separate entrance, or 'By phone'. Do not write phone numbers here."),
    )
    repeat = forms.IntegerField(
        label=_("Repeat weekly, times in all"),
        min_value=1,
        max_value=rules.MAX_REPEAT,
        initial=1,
        help_text=_("1 adds one time; 4 adds the same weekday and time for four weeks."),
    )

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres
        if centres.count() == 1:
            self.fields["centre"].initial = centres.first()
            self.fields["centre"].widget = forms.HiddenInput()

    def clean_place(self):
        value = self.cleaned_data["place"]
        if rules.is_junk(value):
            raise forms.ValidationError(_("Remove the unusual characters from the text."))
        if anonymous_rules.identifying_digits(value):
            raise forms.ValidationError(_("Do not write phone numbers or other long numbers here."))
        return value.strip()
